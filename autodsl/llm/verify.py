"""The compiler's verdict on a proposal: print the PDG with it merged, parse, check.

A proposal passes the spec checks of :mod:`autodsl.llm.proposals` first; then the PDG with
it merged is printed as a program (:func:`autodsl.emit.printer.print_program`) and checked
like any program (:func:`autodsl.validate.check_text`). Errors on the proposal's own
statements, and errors of other statements that were not there before, are its
problems; they go back to the LLM in the repair round. Because the printed program goes
through the real parser, a string that could break out of its literal would show up here
as a syntax error on the proposal's line.

>>> from autodsl.pdg.model import PDG
>>> g = PDG(text="x", meta={"title": "T"})
>>> g.add_node("op1", "operation", "Spin", opcode="SPIN", step=1, order=0, slots={})
>>> compiler_problems(g, Verdict.of(g, None), {"op1"}, None)
[]
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from autodsl.diagnostics import Diagnostic
from autodsl.induce.spec import DslSpec
from autodsl.pdg.model import PDG

__all__ = ["Verdict", "compiler_problems"]


@dataclass(frozen=True)
class Verdict:
    """The errors the checker finds in a PDG's program, and the line of each operation."""

    errors: tuple[Diagnostic, ...]
    line_of: dict[str, int]

    @classmethod
    def of(cls, pdg: PDG, spec: DslSpec | None) -> "Verdict":
        """Print ``pdg``, check the program against ``spec``, keep the errors."""
        from autodsl.emit.parse import parse_source
        from autodsl.emit.printer import print_program
        from autodsl.validate import check_text

        text = print_program(pdg)
        errors = tuple(d for d in check_text(text, spec) if d.severity == "error")
        ops = [op for op, _ in sorted(pdg.nodes("operation"), key=lambda item: item[1].get("order", 0))]
        parsed = parse_source(text)
        lines = [s.line for s, _ in parsed.program.steps()] if parsed.program is not None else []
        # The printer writes one statement per operation, in execution order.
        return cls(errors, dict(zip(ops, lines)) if len(lines) == len(ops) else {})


def compiler_problems(candidate: PDG, base: Verdict, touched: Iterable[str], spec: DslSpec | None) -> list[str]:
    """Why the checker refuses ``candidate`` (the PDG with a proposal merged), compared with
    ``base`` (the verdict before it); ``touched`` are the proposal's operations."""
    verdict = Verdict.of(candidate, spec)
    lines = {verdict.line_of[op] for op in touched if op in verdict.line_of}
    problems = [f"the compiler reports {d.code}: {d.message}" for d in verdict.errors if d.line in lines]
    before = Counter(d.code for d in base.errors)
    elsewhere = [d for d in verdict.errors if d.line not in lines]
    for code, count in sorted(Counter(d.code for d in elsewhere).items()):
        if count > before[code]:
            example = next(d for d in elsewhere if d.code == code)
            problems.append(f"it makes other statements fail: {code}: {example.message}")
    return problems
