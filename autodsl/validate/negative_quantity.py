"""Pass ``negative-quantity`` (error): an amount that cannot be below zero is negative.

A time, volume, mass, concentration, percentage, force, speed, length, fold or ratio below
zero means nothing in a lab (a sign slipped in, or ``5-10 min`` written as ``5 -10 min``),
and so is a count below zero (a plain number in a ``count`` slot). Temperatures and pH may
be negative. Slot values (either end of a range), declared input amounts and container
capacities are checked, with or without a spec.

>>> from autodsl.emit.parse import parse_program
>>> p = parse_program('protocol "x"\\ninput c -2 mL\\na = SPIN(c, time: -5 min, temperature: -20 degC)\\n')
>>> [(d.line, d.message) for d in negative_quantity(p, None)]
[(2, 'the amount of c is negative: -2 mL'), (3, 'time is negative: -5 min')]
"""

from __future__ import annotations

from autodsl.diagnostics import Diagnostic
from autodsl.emit.program import Program, Value
from autodsl.induce.spec import DslSpec
from autodsl.validate.common import diagnostic, value_dimension

__all__ = ["negative_quantity", "NON_NEGATIVE_DIMENSIONS", "COUNT_SLOTS", "is_negative_amount"]

# Dimensions (autodsl.emit.grammar.UNIT_SPELLINGS) whose values are never below zero.
NON_NEGATIVE_DIMENSIONS = frozenset({
    "volume", "mass", "time", "molar_concentration", "mass_concentration", "percent", "force",
    "rotation", "length", "fold", "ratio"})
# Slots whose plain numbers count things.
COUNT_SLOTS = frozenset({"count"})


def is_negative_amount(value: Value, slot: str | None = None) -> bool:
    """Whether ``value`` is below zero where no value may be (see the module doc).

    >>> from autodsl.emit.program import Value
    >>> v = Value(kind="quantity", text="-1 mL", low=-1.0, unit="mL", line=1, column=1, start=0, end=5)
    >>> is_negative_amount(v), is_negative_amount(Value(kind="number", text="-3", low=-3.0, line=1,
    ...                                                  column=1, start=0, end=2), "count")
    (True, True)
    """
    if value.low is None:
        return False
    lowest = min(value.low, value.high) if value.high is not None else value.low
    if lowest >= 0:
        return False
    if value.kind == "quantity":
        return value_dimension(value) in NON_NEGATIVE_DIMENSIONS
    return value.kind == "number" and slot in COUNT_SLOTS


def _report(value: Value, message: str, node: str | None) -> Diagnostic:
    return diagnostic("negative-quantity", "error", f"{message}: {value.text}",
                      "write the amount without a minus sign; a range is written LOW to HIGH, e.g. 5 to 10 min",
                      line=value.line, column=value.column, start=value.start, end=value.end, node=node)


def negative_quantity(program: Program, spec: DslSpec | None) -> list[Diagnostic]:
    """Report negative amounts, counts, capacities (never temperatures)."""
    found: list[Diagnostic] = []
    for decl in program.declarations:
        if decl.quantity is not None and is_negative_amount(decl.quantity):
            what = "capacity" if decl.kind == "container" else "amount"
            found.append(_report(decl.quantity, f"the {what} of {decl.name.name} is negative", None))
    for index, (statement, _) in enumerate(program.steps()):
        for arg in statement.args:
            if arg.slot is not None and is_negative_amount(arg.value, arg.slot):
                found.append(_report(arg.value, f"{arg.slot} is negative", f"op{index + 1}"))
    return found
