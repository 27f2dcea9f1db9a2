"""Morphological variants of a verb join its operation; slots named after a dimension carry it."""

from collections import Counter

import pytest

from autodsl.induce.effects import VerbEffects
from autodsl.induce.features import InstanceAction, ProtocolDigest, SlotValue
from autodsl.induce.operations import VARIANT_RATIO, cluster_verbs, join_variants
from autodsl.induce.slots import learn_slots
from autodsl.induce.verbs import verb_variants


def forms(verb: str, known: set[str]) -> list[tuple[str, str]]:
    return [(form, kind) for form, kind in verb_variants(verb) if form in known]


@pytest.mark.parametrize(
    "verb, known, expected",
    [
        ("microcentrifuge", {"centrifuge"}, [("centrifuge", "compound")]),
        ("ultracentrifuge", {"centrifuge"}, [("centrifuge", "compound")]),
        ("centrifugate", {"centrifuge"}, [("centrifuge", "derivation")]),
        ("calcinate", {"calcine"}, [("calcine", "derivation")]),
        ("re-suspend", {"resuspend", "suspend"}, [("resuspend", "spelling"), ("suspend", "compound")]),
        ("homogenise", {"homogenize"}, [("homogenize", "spelling")]),
        ("analyse", {"analyze"}, [("analyze", "spelling")]),
        ("anaesthetize", {"anesthetize"}, [("anesthetize", "spelling")]),
        ("air-dry", {"air dry", "dry"}, [("air dry", "spelling"), ("dry", "compound")]),
        ("preincubate", {"incubate"}, [("incubate", "compound")]),
        # short heads end unrelated words by chance; reversative prefixes undo their head
        ("remove", {"move"}, []),
        ("recover", {"cover"}, []),
        ("replace", {"place"}, []),
        ("destain", {"stain"}, []),
        ("disinfect", {"infect"}, []),
        ("inactivate", {"activate"}, []),
        ("decontaminate", {"contaminate"}, []),
        ("disconnect", {"connect"}, []),
    ],
)
def test_verb_variants(verb, known, expected):
    assert forms(verb, known) == expected


def test_join_needs_a_much_more_frequent_verb():
    effect_of: dict[str, str | None] = dict.fromkeys(["centrifuge", "microcentrifuge"])
    often = Counter({"centrifuge": VARIANT_RATIO * 10, "microcentrifuge": 10})
    assert join_variants(often, effect_of)["microcentrifuge"] == "centrifuge"
    rivals = Counter({"centrifuge": VARIANT_RATIO * 10 - 1, "microcentrifuge": 10})
    assert join_variants(rivals, effect_of)["microcentrifuge"] == "microcentrifuge"


def test_spellings_join_the_more_frequent_spelling_and_chains_are_followed():
    counts = Counter({"incubate": 900, "preincubate": 40, "pre-incubate": 50, "homogenise": 9, "homogenize": 8})
    joined = join_variants(counts, dict.fromkeys(counts))
    assert joined["pre-incubate"] == joined["preincubate"] == "incubate"
    assert joined["homogenize"] == "homogenise"  # this corpus spells it the British way


def test_variants_never_join_across_effects():
    counts = Counter({"centrifuge": 900, "microcentrifuge": 30})
    effect_of = {"centrifuge": "spin", "microcentrifuge": "transfer"}
    assert join_variants(counts, effect_of)["microcentrifuge"] == "microcentrifuge"


def spin(verb: str, protocol: str) -> InstanceAction:
    t = SlotValue(name="time", role="Setting", type="Time", dimension="time", value=60.0, text="1 min")
    f = SlotValue(name="force", role="Setting", type="Speed", dimension="force", value=12000.0, text="12000 x g")
    return InstanceAction(protocol=protocol, lemma=verb, slots=(t, f), inputs=("tube",))


def rotate(protocol: str) -> InstanceAction:
    s = SlotValue(name="speed", role="Setting", type="Speed", dimension="rotation", value=20.0, text="20 rpm")
    return InstanceAction(protocol=protocol, lemma="rotate", slots=(s,), inputs=("tube",))


def test_variants_share_the_operation_of_their_verb():
    """Planted: centrifugate and microcentrifuge are rarer spellings of centrifuging; rotate is other."""
    digests = []
    for i in range(30):
        actions = [spin("centrifuge", f"p{i}"), rotate(f"p{i}")]
        if i % 5 == 0:
            actions.append(spin("centrifugate", f"p{i}"))
        if i % 6 == 0:
            actions.append(spin("microcentrifuge", f"p{i}"))
        digests.append(ProtocolDigest(id=f"p{i}", actions=tuple(actions)))
    verbs = frozenset({"centrifuge", "centrifugate", "microcentrifuge", "rotate"})
    clustering = cluster_verbs(digests, seed=0, effects=VerbEffects({}), verbs=verbs)
    op = clustering.operation_of
    assert op["centrifugate"] == op["microcentrifuge"] == op["centrifuge"]
    assert op["rotate"] != op["centrifuge"]


def test_a_slot_named_time_carries_the_time_dimension():
    """Most of the times are unparsed ('several minutes'): the slot is still a time slot."""
    unparsed = SlotValue(name="time", role="Setting", type="Time", dimension=None, text="several minutes")
    parsed = SlotValue(name="time", role="Setting", type="Time", dimension="time", value=300.0, text="5 minutes")
    odd = SlotValue(name="time", role="Setting", type="Time", dimension="length", value=0.01, text="1 cm")
    acts = [InstanceAction(protocol=f"p{i}", lemma="invert", slots=(unparsed,)) for i in range(6)]
    acts += [InstanceAction(protocol="q", lemma="invert", slots=(parsed,)),
             InstanceAction(protocol="r", lemma="invert", slots=(odd,))]
    (slot,) = learn_slots(acts)
    assert slot.name == "time" and slot.dimension == "time" and slot.unit == "s"
    assert slot.range is not None and slot.range.n == 1 and slot.range.max == 300.0  # not the 1 cm


def test_a_slot_named_time_without_parsed_values_still_carries_the_dimension():
    unparsed = SlotValue(name="time", role="Setting", type="Time", dimension=None, text="each hour")
    (slot,) = learn_slots([InstanceAction(protocol=f"p{i}", lemma="keep", slots=(unparsed,)) for i in range(4)])
    assert slot.dimension == "time" and slot.range is None
