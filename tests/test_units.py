"""Lab quantities: a table of strings with their canonical values, errors, and sentences."""

from __future__ import annotations

import doctest

import pytest
from pydantic import ValidationError

import autodsl.units
from autodsl.errors import QuantityError
from autodsl.units import (
    CANONICAL_UNITS,
    AmbiguousQuantityError,
    Quantity,
    UnknownUnitError,
    find_quantities,
    format_quantity,
    parse_quantity,
)

OVERNIGHT = (43200.0, 57600.0)
RT = (20.0, 25.0)
ICE = (0.0, 4.0)

# (text, context, value in the canonical unit, dimension)
TABLE: list[tuple[str, str | None, float | tuple[float, float], str]] = [
    # volumes: both micro signs, u, case, tokenised WLP forms
    ("5 µL", None, 5.0, "volume"),
    ("5 μL", None, 5.0, "volume"),
    ("5 uL", None, 5.0, "volume"),
    ("5 ul", None, 5.0, "volume"),
    ("0.5 µl", None, 0.5, "volume"),
    ("500µl", None, 500.0, "volume"),
    ("1 μ L", None, 1.0, "volume"),
    ("1.5 mL", None, 1500.0, "volume"),
    ("2ml", None, 2000.0, "volume"),
    ("50mLs", None, 50000.0, "volume"),
    ("1 L", None, 1e6, "volume"),
    ("2 l", None, 2e6, "volume"),
    ("1 liter", None, 1e6, "volume"),
    (".5 ml", None, 500.0, "volume"),
    # masses
    ("5 ng", None, 5e-6, "mass"),
    ("20 µg", None, 0.02, "mass"),
    ("3 ug", None, 0.003, "mass"),
    ("30 mg", None, 30.0, "mass"),
    ("5 g", None, 5000.0, "mass"),
    ("2.5 g", "Amount", 2500.0, "mass"),
    ("1 kg", None, 1e6, "mass"),
    # times
    ("30 s", None, 30.0, "time"),
    ("30 sec", None, 30.0, "time"),
    ("90 secs", None, 90.0, "time"),
    ("1 second", None, 1.0, "time"),
    ("15 seconds", None, 15.0, "time"),
    ("5 min", None, 300.0, "time"),
    ("5 mins", None, 300.0, "time"),
    ("1 minute", None, 60.0, "time"),
    ("10 minutes", None, 600.0, "time"),
    ("2 h", None, 7200.0, "time"),
    ("1hr", None, 3600.0, "time"),
    ("24 hrs", None, 86400.0, "time"),
    ("1 hour", None, 3600.0, "time"),
    ("2 hours", None, 7200.0, "time"),
    ("1 day", None, 86400.0, "time"),
    ("3 days", None, 259200.0, "time"),
    ("one hour", None, 3600.0, "time"),
    ("3m", "Time", 180.0, "time"),
    ("overnight", None, OVERNIGHT, "time"),
    ("o/n", None, OVERNIGHT, "time"),
    ("O/N", None, OVERNIGHT, "time"),
    ("1 h 30 min", None, 5400.0, "time"),
    # temperatures
    ("37 °C", None, 37.0, "temperature"),
    ("37°C", None, 37.0, "temperature"),
    ("4 ºC", None, 4.0, "temperature"),
    ("37 ° C", None, 37.0, "temperature"),
    ("25 degC", None, 25.0, "temperature"),
    ("25 deg C", None, 25.0, "temperature"),
    ("37C", None, 37.0, "temperature"),
    ("95 C", None, 95.0, "temperature"),
    ("37˚C", None, 37.0, "temperature"),
    ("37 ℃", None, 37.0, "temperature"),
    ("42 degrees Celsius", None, 42.0, "temperature"),
    ("-80°C", None, -80.0, "temperature"),
    ("- 80 °C", None, -80.0, "temperature"),
    ("−20 °C", None, -20.0, "temperature"),
    ("–20°C", None, -20.0, "temperature"),
    ("212 °F", None, 100.0, "temperature"),
    ("300 K", None, 26.85, "temperature"),
    ("4°", "Temperature", 4.0, "temperature"),
    ("room temperature", None, RT, "temperature"),
    ("Room temp", None, RT, "temperature"),
    ("RT", None, RT, "temperature"),
    ("r.t.", None, RT, "temperature"),
    ("on ice", None, ICE, "temperature"),
    ("ice", "Temperature", ICE, "temperature"),
    ("55 - 60°C", None, (55.0, 60.0), "temperature"),
    ("60°C to 72°C", None, (60.0, 72.0), "temperature"),
    ("37 ± 1 °C", None, (36.0, 38.0), "temperature"),
    # centrifugal force and rotation
    ("12,000 x g", None, 12000.0, "force"),
    ("11,000 x g", None, 11000.0, "force"),
    ("12000×g", None, 12000.0, "force"),
    ("12000 xg", None, 12000.0, "force"),
    ("10,000 X g", None, 10000.0, "force"),
    ("13,000x G", None, 13000.0, "force"),
    ("20 000 x g", None, 20000.0, "force"),
    ("500 rcf", None, 500.0, "force"),
    ("14,000g", "Speed", 14000.0, "force"),
    ("12,000 g", "centrifuge", 12000.0, "force"),
    ("300 - 400 x g", None, (300.0, 400.0), "force"),
    ("5000 rpm", None, 5000.0, "rotation"),
    ("10,000 RPM", None, 10000.0, "rotation"),
    # concentrations
    ("1 M", None, 1000.0, "molar_concentration"),
    ("50 mM", None, 50.0, "molar_concentration"),
    ("10 µM", None, 0.01, "molar_concentration"),
    ("10 μ M", None, 0.01, "molar_concentration"),
    ("5 nM", None, 5e-6, "molar_concentration"),
    ("40 pM", None, 4e-8, "molar_concentration"),
    ("0.5 mmol / l", None, 0.5, "molar_concentration"),
    ("1 mg/mL", None, 1.0, "mass_concentration"),
    ("10 mg / ml", None, 10.0, "mass_concentration"),
    ("0.5 µg/µL", None, 0.5, "mass_concentration"),
    ("50 ng / μ L", None, 0.05, "mass_concentration"),
    ("100 µg / ml", None, 0.1, "mass_concentration"),
    ("10 g/L", None, 10.0, "mass_concentration"),
    ("1.35 g mL−1", None, 1350.0, "mass_concentration"),
    ("2 % w/v", None, 2.0, "percent"),
    ("15 % ( v / v )", None, 15.0, "percent"),
    ("70 %", None, 70.0, "percent"),
    ("0.1%", None, 0.1, "percent"),
    ("1X", None, 1.0, "fold"),
    ("10x", None, 10.0, "fold"),
    ("0.5X", None, 0.5, "fold"),
    ("1 ×", None, 1.0, "fold"),
    ("1:100", None, 0.01, "ratio"),
    ("1 : 1", None, 1.0, "ratio"),
    ("1:10,000", None, 0.0001, "ratio"),
    ("24:1", None, 24.0, "ratio"),
    # lengths
    ("100 nm", None, 1e-4, "length"),
    ("0.2 µm", None, 2e-4, "length"),
    ("0.45 - µm", None, 4.5e-4, "length"),
    ("5 mm", None, 5.0, "length"),
    ("2 cm", None, 20.0, "length"),
    ("1 m", None, 1000.0, "length"),
    # pH
    ("pH 7.4", None, 7.4, "ph"),
    ("pH8.0", None, 8.0, "ph"),
    ("pH = 8.0", None, 8.0, "ph"),
    ("pH of 9.5", None, 9.5, "ph"),
    ("pH 7.0-7.5", None, (7.0, 7.5), "ph"),
    ("pH 7.0–8.5", None, (7.0, 8.5), "ph"),
    ("7.5", "pH", 7.5, "ph"),
    # ranges in every notation
    ("5-10 min", None, (300.0, 600.0), "time"),
    ("5–10 min", None, (300.0, 600.0), "time"),
    ("5 to 10 min", None, (300.0, 600.0), "time"),
    ("5 - 10 min", None, (300.0, 600.0), "time"),
    ("between 5 and 10 min", None, (300.0, 600.0), "time"),
    ("1 - 5 ml", None, (1000.0, 5000.0), "volume"),
    ("30min - 1hr", None, (1800.0, 3600.0), "time"),
    ("300..600 s", None, (300.0, 600.0), "time"),
    ("-80..-20 degC", None, (-80.0, -20.0), "temperature"),
    ("1 nM to 1 mM", None, (1e-6, 1.0), "molar_concentration"),
    # scientific notation
    ("1 x 10^6 nM", None, 1.0, "molar_concentration"),
    ("10<sup>-3</sup> M", None, 1.0, "molar_concentration"),
    ("1.5e-3 M", None, 1.5, "molar_concentration"),
    ("2 × 10⁻³ M", None, 2.0, "molar_concentration"),
]


@pytest.mark.parametrize(("text", "context", "value", "dimension"), TABLE,
                         ids=[row[0] for row in TABLE])
def test_parse_quantity_table(text, context, value, dimension):
    q = parse_quantity(text, context=context)
    assert q.dimension == dimension
    assert q.unit == CANONICAL_UNITS[dimension]
    assert q.value == pytest.approx(value, rel=1e-9, abs=1e-15)
    assert isinstance(q.value, tuple) == isinstance(value, tuple)
    assert text[q.start:q.end] == q.text


def test_table_is_large_and_covers_every_dimension():
    assert len(TABLE) >= 80
    assert {row[3] for row in TABLE} == set(CANONICAL_UNITS)


@pytest.mark.parametrize(("text", "repeat", "value"), [
    ("2 x 5 min", 2, 300.0), ("3 X 2 seconds", 3, 2.0), ("2×30 s", 2, 30.0),
    ("3 x 500 µl", 3, 500.0),
])
def test_repeated_amounts(text, repeat, value):
    q = parse_quantity(text)
    assert (q.repeat, q.value) == (repeat, value)


@pytest.mark.parametrize(("text", "qualifier", "value"), [
    ("~ 10 µl", "~", 10.0), ("approximately 1 h", "~", 3600.0), ("< 5 min", "<", 300.0),
    ("≥ 4 hours", ">=", 14400.0), ("> = 48hrs", ">=", 172800.0), ("up to 48 hours", "<=", 172800.0),
    ("at least 15 minutes", ">=", 900.0),
])
def test_qualifiers_are_kept_apart_from_the_value(text, qualifier, value):
    q = parse_quantity(text)
    assert (q.qualifier, q.value) == (qualifier, value)


@pytest.mark.parametrize("text", ["room temperature", "RT", "on ice", "overnight", "o/n"])
def test_conventional_values_are_marked_default(text):
    assert parse_quantity(text).default is True
    assert parse_quantity("37 °C").default is False


def test_original_unit_and_text_are_kept():
    q = parse_quantity("  11,000 x g .")
    assert (q.text, q.original_unit, q.start, q.end) == ("11,000 x g", "x g", 2, 12)


@pytest.mark.parametrize(("text", "context", "error"), [
    ("12,000 g", None, AmbiguousQuantityError),  # mass or force: needs 'x g' or a context
    ("14000g", "Size", AmbiguousQuantityError),
    ("37°", None, AmbiguousQuantityError),  # angle or temperature
    ("10K", None, AmbiguousQuantityError),  # kelvin or ten thousand
    ("1,5 ml", None, AmbiguousQuantityError),  # decimal comma
    ("12 x 75 mm", None, AmbiguousQuantityError),  # tube dimensions
    ("5 flurbs", None, UnknownUnitError),
    ("0.1 N", None, UnknownUnitError),
    ("5 ml/min", None, UnknownUnitError),  # a rate
    ("hello", None, QuantityError),
    ("", None, QuantityError),
    ("5", None, QuantityError),  # no unit
    ("- 20", None, QuantityError),
    ("10 - 3", None, QuantityError),
    ("-5 ml", None, QuantityError),  # a negative volume
    ("5 ml of water", None, QuantityError),
    ("5 ml and 10 ml", None, QuantityError),
    ("pH 17", None, QuantityError),
    ("1 x 108 cells / mL", None, QuantityError),
    ("1e308 L", None, QuantityError),  # overflows to infinity in canonical units
    ("1.5e400 mL", None, QuantityError),
    ("-5 K", None, QuantityError),  # below absolute zero
    ("\u2212300 °C", None, QuantityError),
    ("10-5 min", None, QuantityError),  # a range written high to low
    ("10 to 5 min", None, QuantityError),
])
def test_refusals(text, context, error):
    with pytest.raises(error):
        parse_quantity(text, context=context)


def test_errors_carry_their_diagnostic_code_and_say_why():
    with pytest.raises(AmbiguousQuantityError, match="x g") as ambiguous:
        parse_quantity("12,000 g")
    with pytest.raises(UnknownUnitError, match="flurbs") as unknown:
        parse_quantity("5 flurbs")
    assert (ambiguous.value.code, unknown.value.code) == ("ambiguous-quantity", "unknown-unit")


# --------------------------------------------------------------------------- find_quantities

SENTENCES: list[tuple[str, list[tuple[str, float | tuple[float, float], str]]]] = [
    ("Centrifuge at 12,000 g for 10 min at 4 °C .",
     [("12,000 g", 12000.0, "xg"), ("10 min", 600.0, "s"), ("4 °C", 4.0, "degC")]),
    ("Spin the tubes at 11,000 x g for 1 min and discard the flow - through .",
     [("11,000 x g", 11000.0, "xg"), ("1 min", 60.0, "s")]),
    ("3. Add 250 µl of Buffer P1 and resuspend the pellet.", [("250 µl", 250.0, "uL")]),
    ("Step 2: incubate 5 - 10 min at room temperature .",
     [("5 - 10 min", (300.0, 600.0), "s"), ("room temperature", RT, "degC")]),
    ("Incubate overnight at 37°C with shaking at 225 rpm.",
     [("overnight", OVERNIGHT, "s"), ("37°C", 37.0, "degC"), ("225 rpm", 225.0, "rpm")]),
    ("Start 1 - 5 ml E . coli LB culture * and pellet cells by centrifuging at 11,000 x g "
     + "for 30 sec .",
     [("1 - 5 ml", (1000.0, 5000.0), "uL"), ("11,000 x g", 11000.0, "xg"), ("30 sec", 30.0, "s")]),
    ("Heat at 95 ° C for 5 minutes , then cool to 4 ° C .",
     [("95 ° C", 95.0, "degC"), ("5 minutes", 300.0, "s"), ("4 ° C", 4.0, "degC")]),
    ("Transfer 200 µl to a 1.5 ml tube and store at - 80°C .",
     [("200 µl", 200.0, "uL"), ("1.5 ml", 1500.0, "uL"), ("- 80°C", -80.0, "degC")]),
    ("Wash 2 x 5 min in TBST and dilute the antibody 1:1000 in 5% milk.",
     [("2 x 5 min", 300.0, "s"), ("1:1000", 0.001, "ratio"), ("5%", 5.0, "%")]),
    ("Resuspend in 100 mM Tris-HCl, pH 7.4, 10 µg/ml RNase A and 1X PBS.",
     [("100 mM", 100.0, "mM"), ("pH 7.4", 7.4, "pH"), ("10 µg/ml", 0.01, "mg/mL"),
      ("1X", 1.0, "X")]),
    ("Keep on ice ; add 10 µl 0.1 % Triton X - 100 at r.t. for ~ 30 seconds .",
     [("on ice", ICE, "degC"), ("10 µl", 10.0, "uL"), ("0.1 %", 0.1, "%"), ("r.t.", RT, "degC"),
      ("~ 30 seconds", 30.0, "s")]),
    ("Incubate for 1 h 30 min, then spin 5 min at 500 g.",
     [("1 h 30 min", 5400.0, "s"), ("5 min", 300.0, "s"), ("500 g", 500.0, "xg")]),
    ("Incubate between 2 and 4 hours at RT .",
     [("between 2 and 4 hours", (7200.0, 14400.0), "s"), ("RT", RT, "degC")]),
    ("Store at −20 °C for up to 2 weeks.",
     [("−20 °C", -20.0, "degC"), ("up to 2 weeks", 1209600.0, "s")]),
    ("Weigh 2 g of agarose into 100 ml of 1x TAE.",
     [("2 g", 2000.0, "mg"), ("100 ml", 100000.0, "uL"), ("1x", 1.0, "X")]),
]


@pytest.mark.parametrize(("sentence", "expected"), SENTENCES, ids=[s[:40] for s, _ in SENTENCES])
def test_find_quantities_in_sentences(sentence, expected):
    found = find_quantities(sentence)
    assert [(q.text, q.unit) for q in found] == [(text, unit) for text, _, unit in expected]
    for q, (_, value, _) in zip(found, expected):
        assert sentence[q.start:q.end] == q.text
        assert q.value == pytest.approx(value, rel=1e-9, abs=1e-15)


@pytest.mark.parametrize("sentence", [
    "3. Centrifuge the tubes.",  # a step number
    "Step 2 . Discard the supernatant .",
    "In 2019 the 1990s protocol was revised.",  # years
    "Open the <b>tube</b> and see <i>Step 3</i>.",  # markup is not a qualifier
    "See Figure 3C and Table 2 for details.",  # labels
    "Wash the cells 3x with PBS.",  # a count of washes, not a concentration
    "Perform RT - PCR with the RT buffer .",  # reverse transcription
    "Grow an overnight culture of E. coli.",  # overnight as an adjective
    "Plate 1 x 10^6 cells per well and count 96 wells.",  # numbers without units
    "Use 12 x 75 mm tubes.",  # dimensions, not a repeat
    "Pump the buffer at 5 ml/min.",  # a rate
    "Add 1,5 ml of buffer.",  # decimal comma
    "Concentrate with an Amicon 10K filter and 132.3 K-gluconate.",  # not kelvin
    "Rotate the plate 90° and tilt it by 45°.",  # angles
    "Use 0.5 ml/h and ratio 25:24:1 phenol.",
    "Add 2 U of DNase and 10 units of enzyme.",  # enzyme units are not known
])
def test_find_quantities_finds_nothing_spurious(sentence):
    assert find_quantities(sentence) == []


def test_spin_context_decides_a_bare_g():
    assert find_quantities("Add 500 g of sucrose.")[0].unit == "mg"
    assert find_quantities("Pellet at 500 g.")[0].unit == "xg"
    assert find_quantities("Spin briefly at 12,000 g")[0].unit == "xg"
    assert find_quantities("Mix 12,000 g of soil.") == []  # ambiguous: skipped, never a wrong value
    assert find_quantities("at 12,000 g", context="Speed")[0].unit == "xg"


def test_two_amounts_joined_by_to_are_not_a_range():
    found = find_quantities("Add 5 µl to 10 µl of water, then heat from 25 to 95 °C.")
    assert [q.text for q in found] == ["5 µl", "10 µl", "25 to 95 °C"]


def test_quantities_across_a_long_text_keep_offsets():
    text = "Add 5 ml. " * 200 + "Spin at 3,000 x g."
    found = find_quantities(text)
    assert len(found) == 201
    assert all(text[q.start:q.end] == q.text for q in found)
    assert found[-1].value == 3000.0


# --------------------------------------------------------------------------- format_quantity

@pytest.mark.parametrize(("text", "formatted"), [
    ("250 µl", "250 uL"), ("12,000 x g", "12000 xg"), ("4 °C", "4 degC"),
    ("5-10 min", "300..600 s"),
    ("-80 to -20 °C", "-80..-20 degC"), ("2 x 5 min", "2 x 300 s"), ("pH 7.0-7.5", "pH 7..7.5"),
    ("1:100", "1:100"), ("24:1", "24:1"), ("10X", "10 X"), ("5 nM", "0.000005 mM"),
    ("~ 10 µl", "~ 10 uL"), ("room temperature", "20..25 degC"), ("0.5 µg/µL", "0.5 mg/mL"),
])
def test_format_quantity_writes_canonical_units_and_reads_back(text, formatted):
    q = parse_quantity(text)
    assert format_quantity(q) == formatted
    back = parse_quantity(formatted)
    assert (back.dimension, back.unit, back.repeat, back.qualifier) == (
        q.dimension, q.unit, q.repeat, q.qualifier)
    assert back.value == pytest.approx(q.value, rel=1e-9, abs=1e-15)


def test_quantity_model_is_frozen_and_strict():
    q = parse_quantity("5 ml")
    with pytest.raises(ValidationError):
        q.value = 1.0  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Quantity(text="5 ml", value=5.0, unit="uL", dimension="volume", original_unit="ml",
                 colour="red")


def test_docstring_examples_run():
    assert doctest.testmod(autodsl.units).failed == 0


def test_prose_still_reads_a_range_written_high_to_low():
    from autodsl.units import find_quantities

    found = find_quantities("Incubate for 10-5 min at 37 C.")
    assert [(q.text, q.value) for q in found][0] == ("10-5 min", (300.0, 600.0))
