"""Kinds of lab work: named techniques keep to themselves, and operations are named by their kind."""

from autodsl.induce.effects import VerbEffects
from autodsl.induce.features import InstanceAction, ProtocolDigest, SlotValue
from autodsl.induce.kinds import TECHNIQUES, kind_name, kinds_conflict, operation_kind, verb_kind
from autodsl.induce.learn import learn_spec, naming_verb

TIME = SlotValue(name="time", role="Setting", type="Time", dimension="time", value=3600.0, text="1 h")
TEMP = SlotValue(name="temperature", role="Setting", type="Temperature", dimension="temperature", value=42.0,
                 text="42 °C")


def test_a_technique_shares_an_operation_only_with_its_own_verbs():
    assert verb_kind("hybridize") == verb_kind("hybridise") == "hybridize"
    assert verb_kind("sacrifice") == verb_kind("euthanize") == "euthanize"
    assert kinds_conflict("hybridize", None) and kinds_conflict(None, "elute")
    assert kinds_conflict("hybridize", "denature") and not kinds_conflict("lyse", "lyse")
    # each technique is its own kind: no verb is listed under two
    listed = [verb for verbs in TECHNIQUES.values() for verb in verbs]
    assert len(listed) == len(set(listed))


def test_an_operation_has_a_kind_only_when_its_verbs_of_that_kind_weigh():
    assert operation_kind({"thaw": 217, "heat": 196, "autoclave": 53, "evacuate": 3}) == "heat"
    assert operation_kind({"incubate": 612, "store": 205, "cool": 34}) is None
    assert operation_kind({"grow": 10}) is None


def test_an_operation_of_a_kind_is_named_by_the_kind():
    no_evidence = VerbEffects({})
    assert naming_verb(["check", "calculate", "measure", "count"], "measure", no_evidence, "observe") == "measure"
    assert naming_verb(["image", "verify", "confirm"], "other", no_evidence, "observe") == "image"
    assert naming_verb(["sacrifice", "euthanize"], "other", no_evidence, "euthanize") == "euthanize"
    assert naming_verb(["chill", "freeze", "flash freeze"], "temperature", no_evidence, "cool") == "freeze"
    assert kind_name("filter", ["filter sterilize"]) is None


def _hybridize_or_grow(verb: str, protocol: str) -> InstanceAction:
    return InstanceAction(protocol=protocol, lemma=verb, surface=verb + "ed", slots=(TIME, TEMP),
                          inputs=("membrane",), context=("overnight", "at", "42"))


def test_a_technique_used_like_a_generic_verb_gets_its_own_operation():
    """Planted: hybridize and grow have the same arguments and contexts; usage alone merges them."""
    digests = [
        ProtocolDigest(id=f"p{i}", actions=tuple(_hybridize_or_grow(v, f"p{i}") for v in ("grow", "hybridize")))
        for i in range(20)
    ]
    spec = learn_spec(digests, "demo", seed=0, effects=VerbEffects({}, lexicon=False))
    opcode = {verb: op.opcode for op in spec.operations for verb in op.verbs}
    assert opcode["hybridize"] == "HYBRIDIZE" and opcode["grow"] == "GROW"

