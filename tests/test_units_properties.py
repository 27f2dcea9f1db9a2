"""Property tests: write a random quantity in a random spelling and spacing, read it back.

The expected canonical values come from the factors below, written out by hand, not from
autodsl.units or pint, so a wrong conversion table fails here.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from autodsl.errors import QuantityError
from autodsl.units import find_quantities, format_quantity, parse_quantity

# spelling -> (dimension, factor to the canonical unit); every spelling reads the same with
# or without a space after the number
SPELLINGS: dict[str, tuple[str, float]] = {
    **{s: ("volume", 1.0) for s in ("µL", "μL", "uL", "ul", "µl", "μl", "µ l")},
    **{s: ("volume", 1000.0) for s in ("mL", "ml", "milliliters")},
    **{s: ("volume", 1e6) for s in ("L", "liter", "litres")},
    "ng": ("mass", 1e-6), "µg": ("mass", 1e-3), "ug": ("mass", 1e-3), "mg": ("mass", 1.0),
    "kg": ("mass", 1e6),
    **{s: ("time", 1.0) for s in ("s", "sec", "secs", "second", "seconds")},
    **{s: ("time", 60.0) for s in ("min", "mins", "minute", "minutes", "Min")},
    **{s: ("time", 3600.0) for s in ("h", "hr", "hrs", "hour", "hours")},
    **{s: ("time", 86400.0) for s in ("day", "days")},
    **{s: ("temperature", 1.0)
       for s in ("°C", "ºC", "˚C", "° C", "degC", "deg C", "degrees C", "℃")},
    **{s: ("force", 1.0) for s in ("x g", "xg", "× g", "×g", "X g", "rcf")},
    **{s: ("rotation", 1.0) for s in ("rpm", "RPM")},
    "M": ("molar_concentration", 1000.0), "mM": ("molar_concentration", 1.0),
    "µM": ("molar_concentration", 1e-3), "μ M": ("molar_concentration", 1e-3),
    "nM": ("molar_concentration", 1e-6), "pM": ("molar_concentration", 1e-9),
    **{s: ("mass_concentration", 1.0)
       for s in ("mg/mL", "mg / ml", "µg/µL", "g/L", "g / l", "mg per ml")},
    **{s: ("mass_concentration", 1e-3) for s in ("ng/µL", "µg/mL", "ug / ml", "mg/L")},
    "ng/mL": ("mass_concentration", 1e-6),
    **{s: ("percent", 1.0) for s in ("%", "% w/v", "% (v/v)", "% w / v")},
    "nm": ("length", 1e-6), "µm": ("length", 1e-3), "um": ("length", 1e-3), "mm": ("length", 1.0),
    "cm": ("length", 10.0),
    **{s: ("fold", 1.0) for s in ("X", "x", "×")},
}
# spellings whose reading depends on the text around them or that never take a range
NO_RANGE = {"X", "x", "×"}
RANGE_SEPARATORS = ("-", "–", " - ", " to ", "..", " – ", "—")


def numbers() -> st.SearchStrategy[tuple[str, float]]:
    """A number as a protocol writes it (text, value): decimals, thousands separators."""
    def write(units: int, decimals: int, grouped: bool) -> tuple[str, float]:
        value = units / 10**decimals
        text = f"{value:,.{decimals}f}" if grouped else f"{value:.{decimals}f}"
        return text, value
    return st.builds(write, st.integers(0, 2_000_000), st.integers(0, 3), st.booleans())


def written(number: str, space: str, spelling: str) -> str:
    return f"{number}{space}{spelling}"


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(SPELLINGS)), numbers(), st.sampled_from(["", " ", "  "]))
def test_a_written_quantity_reads_back_to_its_canonical_value(spelling, number, space):
    text, value = number
    dimension, factor = SPELLINGS[spelling]
    q = parse_quantity(written(text, space, spelling))
    assert q.dimension == dimension
    assert q.value == pytest.approx(value * factor, rel=1e-9, abs=1e-12)
    assert q.text == written(text, space, spelling)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(set(SPELLINGS) - NO_RANGE)), numbers(), numbers(),
       st.sampled_from(RANGE_SEPARATORS), st.booleans())
def test_a_written_range_reads_back_as_low_high(spelling, first, second, separator, unit_twice):
    (a_text, a), (b_text, b) = sorted((first, second), key=lambda n: n[1])
    dimension, factor = SPELLINGS[spelling]
    joiner = " " if " " in spelling or separator.strip() == "to" or not unit_twice else ""
    left = f"{a_text}{joiner}{spelling}" if unit_twice and separator.strip() != "to" else a_text
    q = parse_quantity(f"{left}{separator}{b_text} {spelling}")
    assert q.dimension == dimension
    assert q.value == pytest.approx((min(a, b) * factor, max(a, b) * factor), rel=1e-9, abs=1e-12)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(s for s in set(SPELLINGS) - NO_RANGE if SPELLINGS[s][0] != "temperature")),
       numbers(), numbers(), st.sampled_from(RANGE_SEPARATORS))
def test_a_range_written_high_to_low_is_refused(spelling, first, second, separator):
    (a_text, a), (b_text, b) = first, second
    assume(a > b)
    with pytest.raises(QuantityError, match="runs from high to low"):
        parse_quantity(f"{a_text}{separator}{b_text} {spelling}")


@settings(max_examples=200, deadline=None)
@given(numbers(), st.sampled_from(["-", "−", "–", "- ", "minus "]),
       st.sampled_from(["°C", " °C", " ° C", "C"]))
def test_negative_temperatures(number, sign, unit):
    text, value = number
    if value > 273.15:
        with pytest.raises(QuantityError, match="below absolute zero"):
            parse_quantity(f"{sign}{text}{unit}")
        return
    q = parse_quantity(f"{sign}{text}{unit}")
    assert q.value == pytest.approx(-value, abs=1e-12)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(SPELLINGS)), numbers(), st.sampled_from(["", " "]),
       st.sampled_from(["Then add {} to the sample .", "Keep {}, and go on.", "({}) next"]))
def test_find_quantities_finds_a_quantity_inside_a_sentence(spelling, number, space, template):
    text, value = number
    assume(not (spelling == "s" and not space and re.fullmatch(r"(19|20)\d0", text)))  # '1990s'
    quantity = written(text, space, spelling)
    sentence = template.format(quantity)
    found = find_quantities(sentence)
    assert [q.text for q in found] == [quantity]
    q = found[0]
    assert sentence[q.start:q.end] == quantity
    assert q.value == pytest.approx(value * SPELLINGS[spelling][1], rel=1e-9, abs=1e-12)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(SPELLINGS)), numbers(), numbers(), st.booleans(), st.integers(2, 9))
def test_format_quantity_round_trips(spelling, first, second, as_range, repeat):
    dimension = SPELLINGS[spelling][0]
    text = f"{first[0]} {spelling}"
    if as_range and spelling not in NO_RANGE:
        low, high = sorted((first, second), key=lambda n: n[1])
        text = f"{low[0]} - {high[0]} {spelling}"
    elif dimension == "time":
        text = f"{repeat} x {text}"
    q = parse_quantity(text)
    back = parse_quantity(format_quantity(q))
    assert (back.dimension, back.unit, back.repeat) == (q.dimension, q.unit, q.repeat)
    assert back.value == pytest.approx(q.value, rel=1e-9, abs=1e-12)
