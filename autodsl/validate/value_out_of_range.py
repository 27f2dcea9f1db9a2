"""Pass ``value-out-of-range`` (warning): a value outside what the domain's corpus ever used.

A slot's learned range (``SlotSpec.range``, canonical units) gives the smallest and
largest observed values. A value (either end of a range) below the minimum or above the
maximum is reported, with the observed range and median, when the range rests on at
least :data:`MIN_OBSERVATIONS` values: it is not wrong for certain, but nothing in the
corpus did it, so it is worth a second look (a typo, or the wrong unit).

>>> from autodsl.emit.parse import parse_program
>>> from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec, ValueRange
>>> r = ValueRange(unit="s", min=30, p05=60, median=300, p95=900, max=1200, n=40)
>>> t = SlotSpec(name="time", role="Setting", type="Time", dimension="time", range=r)
>>> spec = DslSpec(domain="d", operations=[OperationSpec(opcode="SPIN", slots=[t])])
>>> p = parse_program('protocol "x"\\ninput c\\na = SPIN(c, time: 10 h)\\n')
>>> [d.message for d in value_out_of_range(p, spec)]
['time 10 h (36000 s) is outside the range seen in the d corpus: 30 to 1200 s (median 300 s)']
"""

from __future__ import annotations

from autodsl.diagnostics import Diagnostic
from autodsl.emit.program import Program
from autodsl.emit.quantity import format_number, quantity_text, to_canonical
from autodsl.induce.spec import DslSpec
from autodsl.validate.common import diagnostic, specified_statements, value_dimension
from autodsl.validate.negative_quantity import is_negative_amount

__all__ = ["value_out_of_range", "MIN_OBSERVATIONS"]

MIN_OBSERVATIONS = 3


def value_out_of_range(program: Program, spec: DslSpec | None) -> list[Diagnostic]:
    """Warn about quantities outside their slot's observed [min, max]."""
    if spec is None:
        return []
    found: list[Diagnostic] = []
    for node, statement, op in specified_statements(program, spec):
        for arg in statement.args:
            slot = op.slot(arg.slot) if arg.slot else None
            value = arg.value
            if (slot is None or slot.range is None or slot.range.n < MIN_OBSERVATIONS or value.kind != "quantity"
                    or value_dimension(value) != slot.dimension or value.unit is None or value.low is None
                    or is_negative_amount(value, arg.slot)):  # an error of its own: negative-quantity
                continue
            ends = [to_canonical(value.low, value.unit)]
            if value.high is not None:
                ends.append(to_canonical(value.high, value.unit))
            numbers = [end[1] for end in ends if end is not None]
            r = slot.range
            if all(r.min <= n <= r.max for n in numbers):
                continue
            shown = value.text if value.unit == r.unit else (
                f"{value.text} ({quantity_text(numbers[0], numbers[-1] if len(numbers) > 1 else None, r.unit)})")
            found.append(diagnostic(
                "value-out-of-range", "warning",
                f"{arg.slot} {shown} is outside the range seen in the {spec.domain} corpus: "
                f"{quantity_text(r.min, r.max, r.unit)} (median {format_number(r.median)} {r.unit})",
                f"check the value and its unit; the corpus used {quantity_text(r.p05, r.p95, r.unit)} in 90% of cases",
                line=value.line, column=value.column, start=value.start, end=value.end, node=node))
    return found
