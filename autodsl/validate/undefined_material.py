"""Pass ``undefined-material``: a name used but never declared, or used before it is produced.

>>> from autodsl.emit.parse import parse_program
>>> p = parse_program('protocol "x"\\ninput culture\\na = SPIN(cultre)\\nb = MIX(c)\\nc = SPIN(a)\\n')
>>> [d.message for d in undefined_material(p, None)]
["'cultre' is not declared or produced; did you mean 'culture'?", "'c' is used before it is produced (line 5)"]
"""

from __future__ import annotations

from autodsl.diagnostics import Diagnostic
from autodsl.emit.program import Program
from autodsl.induce.spec import DslSpec
from autodsl.validate.common import diagnostic, did_you_mean

__all__ = ["undefined_material"]


def undefined_material(program: Program, spec: DslSpec | None) -> list[Diagnostic]:
    """Report references to names no declaration or earlier statement binds."""
    declared = program.declared()
    first_bound: dict[str, int] = {}
    for statement, _ in program.steps():
        for target in statement.targets:
            first_bound.setdefault(target.name, statement.line)
    bound: set[str] = set()
    found: list[Diagnostic] = []
    for index, (statement, _) in enumerate(program.steps()):
        for arg in statement.args:
            value = arg.value
            name = value.text
            if value.kind != "ref" or name in declared or name in bound:
                continue
            later = first_bound.get(name)
            if later is not None:
                message = f"'{name}' is used before it is produced (line {later})"
                hint = "move this step after the one that produces it"
            else:
                close = did_you_mean(name, list(declared) + sorted(bound))
                message = f"'{name}' is not declared or produced" + (f"; did you mean '{close}'?" if close else "")
                hint = (f"write {close}" if close else
                        f"declare it (input {name}), bind it as a product, or quote free text: \"{name}\"")
            found.append(diagnostic("undefined-material", "error", message, hint, line=value.line,
                                    column=value.column, start=value.start, end=value.end, node=f"op{index + 1}"))
        bound.update(t.name for t in statement.targets)
    return found
