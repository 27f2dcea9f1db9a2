"""Verb clustering: synonyms share an operation, different operations stay apart, noise verbs go."""

from autodsl.induce.features import InstanceAction, ProtocolDigest, SlotValue
from autodsl.induce.learn import learn_spec
from autodsl.induce.operations import cluster_verbs, opcode_name

FORCE = SlotValue(name="force", role="Setting", type="Speed", dimension="force", value=12000.0, text="12,000 x g")
TIME = SlotValue(name="time", role="Setting", type="Time", dimension="time", value=300.0, text="5 min")
TEMP = SlotValue(name="temperature", role="Setting", type="Temperature", dimension="temperature", value=37.0, text="37 °C")
VOLUME = SlotValue(name="volume", role="Setting", type="Amount", dimension="volume", value=100.0, text="100 µl")
SITE = SlotValue(name="site", role="Site", type="Location", text="tube")
DEVICE = SlotValue(name="equipment", role="Using", type="Device", text="pipette")

# verb -> (slots, objects, words after the verb)
KINDS = {
    "centrifuge": ((FORCE, TIME), ("tubes", "lysate"), ("at", "12,000", "g")),
    "spin": ((FORCE, TIME), ("tubes", "lysate"), ("at", "12,000", "g")),
    "add": ((VOLUME, SITE), ("buffer", "water"), ("of", "buffer", "to")),
    "pipette": ((VOLUME, SITE), ("buffer", "water"), ("of", "buffer", "into")),
    "incubate": ((TIME, TEMP), ("plate", "cells"), ("at", "37", "overnight")),
    "see": ((), ("note", "figure"), ("note", "for", "details")),
    "use": ((DEVICE,), ("pipette", "tips"), ("a", "pipette", "tip")),
}


def corpus(n_protocols: int = 12, use_physical: bool = False) -> list[ProtocolDigest]:
    """Protocols cycling through the verbs; 'use' is physical only when asked."""
    digests = []
    order = ["add", "pipette", "incubate", "centrifuge", "spin", "see", "use"]
    for p in range(n_protocols):
        acts = []
        for i, verb in enumerate(order * 2):
            slots, objects, context = KINDS[verb]
            if verb == "use" and not use_physical:
                slots = ()
            obj = objects[(p + i) % len(objects)]
            acts.append(InstanceAction(protocol=f"p{p}", lemma=verb, index=i, slots=slots, inputs=(obj,),
                                       context=context, sentence=f"{verb} the {obj}"))
        digests.append(ProtocolDigest(id=f"p{p}", steps=len(acts), actions=tuple(acts)))
    return digests


def test_synonyms_share_an_operation_and_others_stay_apart():
    clustering = cluster_verbs(corpus(), seed=0)
    op = clustering.operation_of
    assert op["spin"] == op["centrifuge"]
    assert op["add"] == op["pipette"]
    assert len({op["spin"], op["add"], op["incubate"]}) == 3


def test_noise_verbs_are_ignored_unless_used_physically():
    plain = cluster_verbs(corpus(), seed=0)
    assert "see" in plain.ignored and "use" in plain.ignored
    assert "see" not in plain.operation_of
    physical = cluster_verbs(corpus(use_physical=True), seed=0)
    assert "use" in physical.operation_of and "see" in physical.ignored


def test_rare_forms_fold_into_their_verb():
    digests = corpus()
    extra = InstanceAction(protocol="p0", lemma="spin down", index=99, slots=(FORCE,), inputs=("tubes",))
    digests[0] = ProtocolDigest(id="p0", steps=1, actions=digests[0].actions + (extra,))
    clustering = cluster_verbs(digests, seed=0)
    assert clustering.operation_of["spin down"] == clustering.operation_of["spin"]


def test_spec_names_operations_after_their_most_frequent_verb():
    spec = learn_spec(corpus(), "demo", seed=0)
    opcodes = [op.opcode for op in spec.operations]
    assert len(opcodes) == len(set(opcodes))
    centrifuge = spec.operation("spin")
    assert centrifuge is spec.operation("centrifuge")
    assert {s.name for s in centrifuge.slots} == {"force", "time"}
    assert all(s.required for s in centrifuge.slots)
    assert centrifuge.slot("force").range.median == 12000.0
    assert spec.ignored_verbs.keys() == {"see", "use"}
    assert spec.corpus.protocols == 12 and spec.corpus.actions == 12 * 14


def test_flow_model_records_neighbours():
    spec = learn_spec(corpus(), "demo", seed=0)
    incubate = spec.operation("incubate")
    add = spec.operation("add")
    assert add.opcode in incubate.predecessors


def test_opcode_names():
    assert opcode_name("centrifuge") == "CENTRIFUGE"
    assert opcode_name("spin down") == "SPIN_DOWN"
    assert opcode_name("2x wash") == "OP_2X_WASH"


def test_same_seed_same_spec():
    assert learn_spec(corpus(), "demo", seed=5).to_json() == learn_spec(corpus(), "demo", seed=5).to_json()


def test_words_not_attested_as_verbs_join_no_operation():
    digests = corpus()
    noise = tuple(InstanceAction(protocol="p0", lemma=lemma, index=90 + i, slots=(SITE,), inputs=("tube",),
                                 surface=lemma, context=("was",), initial=True)
                  for i, lemma in enumerate(["abdomen"] * 6 + ["add physical barriers"] * 2))
    digests[0] = ProtocolDigest(id="p0", steps=1, actions=digests[0].actions + noise)
    clustering = cluster_verbs(digests, seed=0)
    assert clustering.unattested == {"abdomen": 6}
    assert "abdomen" not in clustering.operation_of
    assert clustering.head_of["add physical barriers"] == "add"
    assert clustering.operation_of["add physical barriers"] == clustering.operation_of["add"]
    assert all("abdomen" not in group for group in clustering.groups)
