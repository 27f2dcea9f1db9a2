"""Slot naming, slot learning (thresholds, required, ranges, examples) and patterns."""

import pytest

from autodsl.induce.features import InstanceAction, SlotValue
from autodsl.induce.slots import (
    MIN_SLOT_COUNT,
    REQUIRED_SHARE,
    learn_patterns,
    learn_slots,
    slot_name,
)

NAMES = [
    (("Setting", "Time", "time"), "time"),
    (("Setting", "Temperature", "temperature"), "temperature"),
    (("Setting", "Speed", "force"), "force"),
    (("Setting", "Speed", "rotation"), "speed"),
    (("Setting", "Speed", None), "speed"),
    (("Measure", "Amount", "volume"), "volume"),
    (("Setting", "Amount", "mass"), "mass"),
    (("Setting", "Concentration", "molar_concentration"), "concentration"),
    (("Setting", "Concentration", "mass_concentration"), "mass_concentration"),
    (("Setting", "pH", "ph"), "ph"),
    (("Site", "Location", None), "site"),
    (("Site", "Device", None), "site"),
    (("Using", "Device", None), "equipment"),
    (("Using", "Reagent", None), "using"),
    (("Using", "Method", None), "method"),
    (("Count", "Numerical", None), "count"),
    (("Mod-Link", "Modifier", None), "manner"),
    (("Measure-Type-Link", "Measure-Type", None), "measure"),
    (("Solvent_Material", "Material", None), "solvent_material"),
]


@pytest.mark.parametrize("args, expected", NAMES)
def test_slot_names(args, expected):
    assert slot_name(*args) == expected


def test_slot_names_avoid_language_keywords():
    from autodsl.emit.grammar import KEYWORDS

    assert not {expected for _, expected in NAMES} & set(KEYWORDS)


def time_value(seconds, text="5 min"):
    return SlotValue(name="time", role="Setting", type="Time", dimension="time", value=seconds, text=text)


def act(*slots, protocol="p1"):
    return InstanceAction(protocol=protocol, lemma="incubate", slots=tuple(slots))


def test_required_optional_and_rare_slots():
    site = SlotValue(name="site", role="Site", type="Location", text="tube")
    manner = SlotValue(name="manner", role="Mod-Link", type="Modifier", text="gently")
    acts = [act(time_value(60.0 * (i + 1)), site if i < 3 else manner if i == 3 else time_value(1.0), protocol=f"p{i}")
            for i in range(10)]
    slots = {s.name: s for s in learn_slots(acts)}
    assert slots["time"].required and slots["time"].frequency == 1.0
    assert not slots["site"].required and slots["site"].frequency == 0.3
    assert "manner" not in slots  # seen once: below MIN_SLOT_COUNT
    assert MIN_SLOT_COUNT == 2 and REQUIRED_SHARE == 0.6


def test_quantity_range_in_canonical_units_and_examples():
    acts = [act(time_value(float(v), f"{v} s"), protocol=f"p{v}") for v in range(1, 101)]
    acts.append(act(time_value((30.0, 90.0), "30-90 s"), protocol="range"))
    (slot,) = learn_slots(acts)
    r = slot.range
    assert (r.unit, r.min, r.max, r.n) == ("s", 1.0, 100.0, 102)
    assert r.p05 < r.median < r.p95
    assert slot.unit == "s"
    assert [e.protocol for e in slot.examples] == ["p1", "p2", "p3"]


def test_patterns_group_signatures():
    site = SlotValue(name="site", role="Site", type="Location")
    acts = [act(time_value(1.0))] * 30 + [act(time_value(1.0), site)] * 20 + [act(site)] * 12
    patterns = learn_patterns(acts, ["time", "site"], seed=0)
    assert sum(p.count for p in patterns) == 62
    assert [p.slots for p in patterns] == [["time"], ["site", "time"], ["site"]]


def test_patterns_are_seeded():
    site = SlotValue(name="site", role="Site", type="Location")
    manner = SlotValue(name="manner", role="Mod-Link", type="Modifier")
    acts = [act(*combo) for combo in [(time_value(1.0),), (site,), (manner, site), (time_value(1.0), manner)] * 9]
    names = ["manner", "site", "time"]
    assert learn_patterns(acts, names, seed=3) == learn_patterns(acts, names, seed=3)
