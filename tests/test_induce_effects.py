"""Operation effects: evidence from X-WLP and the lexicon, cannot-link clustering, spec effects."""

from pathlib import Path

import numpy as np
import pytest

from autodsl.corpus import load_corpus
from autodsl.errors import InputFileError
from autodsl.induce.dpmm import dp_cluster
from autodsl.induce.effects import (
    EFFECTS,
    VERB_TYPES_PATH,
    XWLP_EFFECTS,
    VerbEffects,
    bundled_verb_effects,
    derive_verb_types,
    load_verb_effects,
    main,
    operation_effect,
    verb_types_json,
)
from autodsl.induce.features import InstanceAction, ProtocolDigest, SlotValue
from autodsl.induce.learn import learn_spec
from autodsl.induce.operations import cluster_verbs

ROOT = Path(__file__).resolve().parents[1]
XWLP = ROOT / "corpora" / "xwlp"


def test_shipped_verb_types_are_derived_from_the_xwlp_corpus():
    protocols = [p for p in load_corpus(XWLP).protocols if p.graph is not None]
    expected = verb_types_json(derive_verb_types(protocols), "corpora/xwlp", len(protocols))
    assert VERB_TYPES_PATH.read_text(encoding="utf-8") == expected


def test_the_script_writes_one_half_of_the_split(tmp_path, capsys):
    target = tmp_path / "half0.json"
    assert main([str(XWLP), "-o", str(target), "--half", "0"]) == 0
    half = load_verb_effects(target)
    whole = bundled_verb_effects()
    assert 0 < sum(half.types["add"].values()) < sum(whole.types["add"].values())


def test_every_xwlp_type_maps_to_an_effect():
    assert set(XWLP_EFFECTS.values()) <= set(EFFECTS)
    assert "default_op" not in XWLP_EFFECTS  # untyped: no evidence


@pytest.mark.parametrize(
    "verb, effect",
    [("discard", "discard"), ("aspirate", "discard"), ("decant", "discard"), ("add", "transfer"),
     ("pipette", "transfer"), ("invert", "mix"), ("vortex", "mix"), ("centrifuge", "spin"),
     ("incubate", "temperature"), ("wash", "wash"), ("prepare", "create"), ("remove", "remove")],
)
def test_dominant_effects_of_common_verbs(verb, effect):
    assert bundled_verb_effects().dominant(verb) == effect


def test_weak_or_split_evidence_gives_no_effect():
    effects = VerbEffects({"keep": {"temp_treat_op": 7, "transfer_op": 6}, "stir": {"mix_op": 2},
                           "label": {"default_op": 11}}, lexicon=False)
    assert effects.dominant("keep") is None  # no type has 60%
    assert effects.dominant("stir") is None  # too few observations
    assert effects.dominant("label") is None  # untyped mentions say nothing
    assert effects.dominant("never seen") is None


def test_operation_effect_needs_support():
    effects = VerbEffects({"discard": {"destroy_op": 9}})
    assert operation_effect({"discard": 5, "x": 5}, effects) == "discard"
    assert operation_effect({"discard": 1, "x": 9}, effects) == "other"


def test_unreadable_verb_types_name_the_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"verbs": 3}', encoding="utf-8")
    with pytest.raises(InputFileError, match="bad.json"):
        load_verb_effects(bad)
    with pytest.raises(InputFileError, match="cannot read"):
        load_verb_effects(tmp_path / "missing.json")


def test_cannot_link_groups_split_identical_points():
    rng = np.random.default_rng(0)
    X = rng.normal(0.0, 0.05, (40, 3))
    groups = ["a"] * 20 + ["b"] * 20
    free = dp_cluster(X, seed=0, sigma=0.5)
    assert len(set(free)) == 1
    labels = dp_cluster(X, seed=0, sigma=0.5, groups=groups)
    assert len(set(labels)) == 2
    assert all(labels[i] != labels[j] for i in range(20) for j in range(20, 40))


def test_exclusive_groups_admit_no_rows_without_a_group():
    X = np.zeros((6, 2))
    labels = dp_cluster(X, seed=1, sigma=0.5, groups=["d", "d", None, None, None, None], exclusive=frozenset({"d"}))
    assert labels[0] == labels[1]
    assert not {labels[0]} & set(labels[2:])
    assert len(set(labels[2:])) == 1


SUPERNATANT = ("supernatant",)
SITE = SlotValue(name="site", role="Site", type="Location", text="waste")


def opposite_verbs_corpus() -> list[ProtocolDigest]:
    """'discard' and 'collect' used exactly alike, next to 'centrifuge' and 'add'."""
    digests = []
    for p in range(10):
        acts = []
        for i, verb in enumerate(["centrifuge", "discard", "add", "centrifuge", "collect", "add"]):
            acts.append(InstanceAction(protocol=f"p{p}", lemma=verb, index=i, inputs=SUPERNATANT, slots=(SITE,),
                                       context=("the", "supernatant"), surface=verb, initial=True))
        digests.append(ProtocolDigest(id=f"p{p}", steps=6, actions=tuple(acts)))
    return digests


def test_verbs_of_different_effects_never_share_an_operation():
    evidence = VerbEffects({"discard": {"destroy_op": 10}, "collect": {"transfer_op": 10}}, lexicon=False)
    blind = cluster_verbs(opposite_verbs_corpus(), seed=0, effects=VerbEffects({}, lexicon=False))
    assert blind.operation_of["discard"] == blind.operation_of["collect"]  # what arguments alone say
    informed = cluster_verbs(opposite_verbs_corpus(), seed=0, effects=evidence)
    assert informed.operation_of["discard"] != informed.operation_of["collect"]


def test_learned_operations_carry_their_effect():
    evidence = VerbEffects({"discard": {"destroy_op": 10}, "collect": {"transfer_op": 10},
                            "centrifuge": {"spin_op": 10}}, lexicon=False)
    spec = learn_spec(opposite_verbs_corpus(), "demo", seed=0, effects=evidence)
    assert spec.operation("discard").effect == "discard"
    assert spec.operation("collect").effect == "transfer"
    assert spec.operation("centrifuge").effect == "spin"
    assert spec.operation("add").effect == "other"


def test_the_checker_reads_discards_from_the_spec_effect():
    from autodsl.induce.spec import DslSpec, OperationSpec
    from autodsl.validate import check_text
    from autodsl.validate.common import is_discard

    learned = DslSpec(domain="d", operations=[
        OperationSpec(opcode="REMOVE", verbs={"remove": 9}, effect="remove"),
        OperationSpec(opcode="COLLECT", verbs={"collect": 5, "discard": 4}, effect="discard"),
        OperationSpec(opcode="SPIN", verbs={"spin": 9}, effect="spin"),
        OperationSpec(opcode="MIX", verbs={"mix": 9}, effect="mix"),
    ])
    old = DslSpec(domain="d", operations=[OperationSpec(opcode="REMOVE", verbs={"remove": 9}),
                                          OperationSpec(opcode="COLLECT", verbs={"collect": 9})])
    assert not is_discard("REMOVE", learned) and is_discard("COLLECT", learned)
    assert is_discard("REMOVE", old) and not is_discard("COLLECT", old)  # without effects: by its words
    program = 'protocol "x" domain d\ninput c\nsup, pellet = SPIN(c)\n{}(sup)\nx = MIX(sup)\n'
    codes = [d.code for d in check_text(program.format("COLLECT"), learned)]
    assert "use-after-consume" in codes
    codes = [d.code for d in check_text(program.format("REMOVE"), learned)]
    assert "use-after-consume" not in codes


def test_shipped_grammars_keep_opposite_verbs_apart():
    from autodsl.induce.registry import BUNDLED_GRAMMARS
    from autodsl.induce.spec import load_spec

    effects = bundled_verb_effects()
    for path in sorted(BUNDLED_GRAMMARS.glob("*.dsl.json")):
        spec = load_spec(path)
        for op in spec.operations:
            # a folded form ("keep centrifuge" in keep) may carry an effect its group does not
            # have (the group's is that of most of its instances), so only verbs seen often
            # enough to be a group of their own must agree
            known = {effects.dominant(v) for v, n in op.verbs.items() if n >= 10} - {None}
            assert len(known) <= 1, f"{spec.domain} {op.opcode} mixes effects {known}"
            assert op.effect is not None
        discard = spec.operation("discard")
        if discard is not None:
            assert discard.effect == "discard"
            assert all(effects.dominant(v) == "discard" for v in discard.verbs)
        invert, pipette = spec.operation("invert"), spec.operation("pipette")
        if invert is not None and pipette is not None:
            assert invert.opcode != pipette.opcode
