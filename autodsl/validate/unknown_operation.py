"""Pass ``unknown-operation``: opcodes the domain does not have, or not written in upper case.

Suggestions come from the spec's opcodes and their verbs (``SPIN`` -> ``CENTRIFUGE`` when
the corpus says "spin" for centrifuging), the kind of lab work a verb names (``SIEVE`` ->
``FILTER``) and near spellings (:func:`autodsl.validate.common.suggest_operation`). Without a spec only the spelling is checked.

>>> from autodsl.emit.parse import parse_program
>>> from autodsl.induce.spec import DslSpec, OperationSpec
>>> spec = DslSpec(domain="d", operations=[OperationSpec(opcode="CENTRIFUGE", verbs={"spin": 3})])
>>> p = parse_program('protocol "x"\\ninput c\\na = SPIN(c)\\nb = CENTRIFGE(c)\\n')
>>> [d.message for d in unknown_operation(p, spec)]
["the d domain has no operation SPIN; did you mean CENTRIFUGE ('spin')?", 'the d domain has no operation CENTRIFGE; did you mean CENTRIFUGE?']
"""

from __future__ import annotations

import re

from autodsl.diagnostics import Diagnostic
from autodsl.emit.grammar import OPCODE_PATTERN
from autodsl.emit.program import Program
from autodsl.induce.spec import DslSpec
from autodsl.validate.common import diagnostic, suggest_operation

__all__ = ["unknown_operation"]


def unknown_operation(program: Program, spec: DslSpec | None) -> list[Diagnostic]:
    """Report statements whose opcode is not upper case or not one of the spec's operations."""
    found: list[Diagnostic] = []
    opcodes = {op.opcode for op in spec.operations} if spec else set()
    for index, (statement, _) in enumerate(program.steps()):
        opcode = statement.opcode
        where = dict(line=statement.line, column=statement.opcode_column, start=None, end=None,
                     node=f"op{index + 1}")
        if spec is None:
            if not re.fullmatch(OPCODE_PATTERN, opcode):
                upper = re.sub(r"[^A-Z0-9_]", "_", opcode.upper())
                found.append(diagnostic(
                    "unknown-operation", "error", f"operations are written in upper case: {opcode} is not one",
                    f"write {upper}", **where))  # type: ignore[arg-type]
            continue
        if opcode in opcodes:
            continue
        if opcode.upper() in opcodes:
            found.append(diagnostic("unknown-operation", "error",
                                    f"operations are written in upper case: {opcode} is {opcode.upper()}",
                                    f"write {opcode.upper()}", **where))  # type: ignore[arg-type]
            continue
        suggestion = suggest_operation(opcode, spec) or ""
        message = f"the {spec.domain} domain has no operation {opcode}"
        if suggestion:
            message += f"; did you mean {suggestion}?"
        hint = (f"write {suggestion.split()[0]}" if suggestion
                else f"use one of the domain's operations: {', '.join(sorted(opcodes)[:12])}")
        found.append(diagnostic("unknown-operation", "error", message, hint, **where))  # type: ignore[arg-type]
    return found
