"""Pass ``use-after-consume``: a material used after it was discarded or used up.

What uses a material up is decided by :func:`autodsl.validate.common.used_up` (discards;
products turned into new products; a name rebound by the statement that uses it).

>>> from autodsl.emit.parse import parse_program
>>> p = parse_program('protocol "x"\\ninput c\\nsup, pellet = SPIN(c)\\nDISCARD(sup)\\nx = MIX(sup)\\n')
>>> [d.message for d in use_after_consume(p, None)]
["'sup' is used after it was discarded on line 4 (DISCARD)"]
"""

from __future__ import annotations

from autodsl.diagnostics import Diagnostic
from autodsl.emit.program import Program
from autodsl.induce.spec import DslSpec
from autodsl.validate.common import diagnostic, discard_opcodes, used_up

__all__ = ["use_after_consume"]


def use_after_consume(program: Program, spec: DslSpec | None) -> list[Diagnostic]:
    """Report references to materials an earlier statement discarded or used up."""
    stocks = set(program.declared())
    discards = discard_opcodes(program, spec)
    gone: dict[str, tuple[int, str, str]] = {}  # name -> (line, opcode, what became of it)
    found: list[Diagnostic] = []
    for index, (statement, _) in enumerate(program.steps()):
        for arg in statement.args:
            value = arg.value
            if value.kind != "ref" or value.text not in gone:
                continue
            line, opcode, fate = gone[value.text]
            if fate == "discarded":
                message = f"'{value.text}' is used after it was discarded on line {line} ({opcode})"
                hint = "use it before it is discarded, or discard it later"
            else:
                message = f"'{value.text}' is used after it was used up on line {line}: {opcode} made {fate} of it"
                hint = f"use {fate.split(', ')[0]} instead, or take a measured portion (a volume slot) on line {line}"
            found.append(diagnostic("use-after-consume", "error", message, hint, line=value.line,
                                    column=value.column, start=value.start, end=value.end, node=f"op{index + 1}"))
        discard = statement.opcode in discards
        fate = "discarded" if discard else ", ".join(t.name for t in statement.targets)
        for name in used_up(statement, stocks, discard):
            gone[name] = (statement.line, statement.opcode, fate)
        for target in statement.targets:
            gone.pop(target.name, None)
            stocks.discard(target.name)
    return found
