"""Quantities as programs write them: ``NUMBER [to NUMBER] UNIT`` -> canonical values.

The language accepts the unit spellings of :data:`autodsl.emit.grammar.UNIT_SPELLINGS`.
Their conversion to canonical units comes from :mod:`autodsl.units` (pint), read once per
spelling and kept as an affine map, so that checking a 100k-statement program does not
call pint per quantity.

>>> to_canonical(1.5, "mL")
('volume', 1500.0)
>>> format_number(12000.0), format_number(0.25), quantity_text(20.0, 25.0, "degC")
('12000', '0.25', '20 to 25 degC')
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from autodsl.emit.grammar import UNIT_SPELLINGS, unit_dimension
from autodsl.errors import QuantityError
from autodsl.units import CANONICAL_UNITS, parse_quantity

_ALL_SPELLINGS = frozenset(s for spellings in UNIT_SPELLINGS.values() for s in spellings)

__all__ = ["to_canonical", "format_number", "quantity_text", "written_quantity", "QUANTITY_PATTERN"]

_NUMBER = r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
# A quantity exactly as the language writes it (used to reuse a translator's text verbatim).
QUANTITY_PATTERN = re.compile(rf"\s*({_NUMBER})(?:\s+to\s+({_NUMBER}))?\s*(\S(?:.*\S)?)\s*")


@lru_cache(maxsize=None)
def _affine(spelling: str) -> tuple[str, float, float] | None:
    """(dimension, scale, offset) with canonical = scale * value + offset; None if units disagrees."""
    dimension = unit_dimension(spelling)
    if dimension is None:
        return None
    if CANONICAL_UNITS.get(dimension) == spelling:
        return dimension, 1.0, 0.0  # the canonical unit itself (units has no word for 'ratio')
    try:
        zero, one = parse_quantity(f"0 {spelling}"), parse_quantity(f"1 {spelling}")
    except QuantityError:
        try:  # units reads pH first ("pH 7"); programs write every unit after its number
            zero, one = parse_quantity(f"{spelling} 0"), parse_quantity(f"{spelling} 1")
        except QuantityError:
            return None
    if zero.dimension != dimension or one.dimension != dimension:
        return None
    if isinstance(zero.value, tuple) or isinstance(one.value, tuple):
        return None
    return dimension, one.value - zero.value, zero.value


def to_canonical(number: float, spelling: str) -> tuple[str, float] | None:
    """(dimension, value in the dimension's canonical unit), or None for a unit the language lacks.

    >>> to_canonical(10, "min"), to_canonical(3, "flurbs")
    (('time', 600.0), None)
    """
    found = _affine(spelling)
    if found is None:
        return None
    dimension, scale, offset = found
    return dimension, scale * number + offset


def format_number(value: float) -> str:
    """Shortest text that reads back as ``value``; whole numbers without a decimal point."""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def quantity_text(low: float, high: float | None, unit: str) -> str:
    """A quantity in the language's form: ``5 min`` or ``5 to 10 min``."""
    if high is None or high == low:
        return f"{format_number(low)} {unit}"
    return f"{format_number(low)} to {format_number(high)} {unit}"


def written_quantity(text: str, dimension: str | None) -> str | None:
    """``text`` normalised if it is already a quantity the language accepts, of ``dimension``.

    Lets the printer keep the unit a protocol was written in (``1.5 mL`` stays 1.5 mL).

    >>> written_quantity("1.5  mL", "volume"), written_quantity("12,000 x g", "force")
    ('1.5 mL', None)
    """
    found = QUANTITY_PATTERN.fullmatch(text)
    if not found:
        return None
    low, high, unit = found.groups()
    unit = re.sub(r"\s+", " ", unit)
    if unit not in _ALL_SPELLINGS or (dimension is not None and unit_dimension(unit) != dimension):
        return None
    return quantity_text(float(low), float(high) if high else None, unit)

