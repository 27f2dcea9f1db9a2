"""Pass ``missing-required-slot``: a required slot of the operation is not given.

A slot given as ``unknown`` (a known unknown) counts as given: the program says the
protocol leaves it open.

>>> from autodsl.emit.parse import parse_program
>>> from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec
>>> t = SlotSpec(name="time", role="Setting", type="Time", dimension="time", required=True)
>>> spec = DslSpec(domain="d", operations=[OperationSpec(opcode="SPIN", slots=[t])])
>>> p = parse_program('protocol "x"\\ninput c\\na = SPIN(c)\\nb = SPIN(c, time: unknown)\\n')
>>> [(d.line, d.message) for d in missing_required_slot(p, spec)]
[(3, 'SPIN needs a time')]
"""

from __future__ import annotations

from autodsl.diagnostics import Diagnostic
from autodsl.emit.program import Program
from autodsl.emit.quantity import quantity_text
from autodsl.induce.spec import DslSpec
from autodsl.validate.common import diagnostic, specified_statements

__all__ = ["missing_required_slot"]


def missing_required_slot(program: Program, spec: DslSpec | None) -> list[Diagnostic]:
    """Report statements that leave out a slot their operation requires."""
    if spec is None:
        return []
    found: list[Diagnostic] = []
    for node, statement, op in specified_statements(program, spec):
        given = {a.slot for a in statement.args}
        for slot in op.slots:
            if slot.required and slot.name not in given:
                example = f"{slot.name}: " + (
                    quantity_text(slot.range.median, None, slot.unit) if slot.range and slot.unit
                    else f"VALUE {slot.unit}" if slot.unit else '"..."')
                found.append(diagnostic(
                    "missing-required-slot", "error", f"{op.opcode} needs a {slot.name}",
                    f"add {example}, or {slot.name}: unknown if the protocol does not say",
                    line=statement.line, column=statement.opcode_column, node=node))
    return found
