"""Pass ``unknown-slot``: a slot the operation does not take (needs the domain's spec).

>>> from autodsl.emit.parse import parse_program
>>> from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec
>>> t = SlotSpec(name="time", role="Setting", type="Time", dimension="time")
>>> spec = DslSpec(domain="d", operations=[OperationSpec(opcode="SPIN", slots=[t])])
>>> p = parse_program('protocol "x"\\ninput c\\na = SPIN(c, tme: 1 min)\\n')
>>> [d.message for d in unknown_slot(p, spec)]
["SPIN has no slot 'tme'; did you mean 'time'?"]
"""

from __future__ import annotations

from autodsl.diagnostics import Diagnostic
from autodsl.emit.program import Program
from autodsl.induce.spec import DslSpec
from autodsl.validate.common import diagnostic, did_you_mean, specified_statements

__all__ = ["unknown_slot"]


def unknown_slot(program: Program, spec: DslSpec | None) -> list[Diagnostic]:
    """Report ``slot: value`` arguments whose slot the spec's operation does not have."""
    if spec is None:
        return []
    found: list[Diagnostic] = []
    for node, statement, op in specified_statements(program, spec):
        names = [s.name for s in op.slots]
        for arg in statement.args:
            if arg.slot is None or arg.slot in names:
                continue
            close = did_you_mean(arg.slot, names)
            message = f"{op.opcode} has no slot '{arg.slot}'" + (f"; did you mean '{close}'?" if close else "")
            hint = (f"write {close}: ..." if close else
                    f"{op.opcode} takes: {', '.join(names)}" if names else f"{op.opcode} takes no slots")
            found.append(diagnostic("unknown-slot", "error", message, hint, line=arg.line, column=arg.column,
                                    node=node))
    return found
