"""Direct flow against flow through re-mentions: gold definitions, references, the shipped model."""

import json
import shutil
from pathlib import Path

import pytest
from pdg_helpers import make

from autodsl.corpus.models import (BratAnnotations, GoldArgument, GoldEntity, GoldEvent, GoldRelation,
                                   OperationGraph, PegLink, PegNode, Protocol)
from autodsl.evaluate.flow import brat_gold_flow, xwlp_gold_flow
from autodsl.pdg.complete import complete, operation_flow
from autodsl.pdg.direct import Consumption, DirectnessModel, shipped_model
from autodsl.pdg.invariants import pdg_problems
from autodsl.pdg.model import PDG
from autodsl.pdg.structure import structure
from autodsl.pdg.train_direct import train_direct

ROOT = Path(__file__).resolve().parents[1]


def build(marked):
    p, x = make(marked)
    return complete(structure(p, x), x)


def consumed(g, op):
    return {g.graph.nodes[m]["label"]: g.graph.nodes[m]["role"] for m, _, d in g.graph.in_edges(op, data=True)
            if d["kind"] == "consumes"}


def test_xwlp_direct_gold_stops_at_a_re_mention():
    """Add -> co_ref_of("the tube") -> Invert is flow through a re-mention; Invert -> Incubate is direct."""
    node = lambda i, kind, t, s=None: PegNode(id=i, kind=kind, type=t, label=i, start=s, end=None if s is None else s + 2)
    graph = OperationGraph(
        nodes=(node("add", "operation", "transfer_op", 0), node("ev", "implicit", "co_ref_of"),
               node("invert", "operation", "mix_op", 5), node("incubate", "operation", "temp_treat_op", 9),
               node("tube", "entity", "loc")),
        links=(PegLink(source="add", target="ev", argument="tube"), PegLink(source="ev", target="invert", argument="tube"),
               PegLink(source="invert", target="incubate", argument="tube"),
               PegLink(source="add", target="incubate")))  # no argument: ordering only
    assert xwlp_gold_flow(graph).edges == {("invert", "incubate")}
    assert xwlp_gold_flow(graph, links="through").edges == {("add", "invert"), ("invert", "incubate")}
    with pytest.raises(ValueError, match="through"):
        xwlp_gold_flow(graph, links="sideways")


def test_brat_direct_gold_takes_the_product_entity_itself_not_its_coreferents():
    text = "Spin cells. Keep pellet. Resuspend it."
    ents = (GoldEntity(id="T1", type="Action", start=0, end=4, text="Spin"),
            GoldEntity(id="T2", type="Reagent", start=5, end=10, text="cells"),
            GoldEntity(id="T3", type="Action", start=12, end=16, text="Keep"),
            GoldEntity(id="T4", type="Reagent", start=17, end=23, text="pellet"),
            GoldEntity(id="T5", type="Action", start=25, end=34, text="Resuspend"),
            GoldEntity(id="T6", type="Mention", start=35, end=37, text="it"))
    events = (GoldEvent(id="E1", type="Action", trigger="T1", args=(GoldArgument(role="Acts-on", target="T2"),
                                                                    GoldArgument(role="Product", target="T4"))),
              GoldEvent(id="E2", type="Action", trigger="T3", args=(GoldArgument(role="Acts-on", target="T4"),)),
              GoldEvent(id="E3", type="Action", trigger="T5", args=(GoldArgument(role="Acts-on", target="T6"),)))
    relations = (GoldRelation(id="R1", type="Coreference-Link", arg1="T6", arg2="T4"),)
    protocol = Protocol(id="p", title="", text=text, format="brat",
                        brat=BratAnnotations(entities=ents, events=events, relations=relations))
    assert brat_gold_flow(protocol).edges == {("T1", "T3")}
    assert brat_gold_flow(protocol, links="through").edges == {("T1", "T3"), ("T1", "T5")}


def test_re_mention_is_a_reference_and_a_fresh_product_is_direct():
    g = build("{Add} [buffer:Reagent/Acts-on] to the [cells:Reagent/Site].\n{Invert} the [tube:Location/Acts-on].\n"
              "{Centrifuge} for [5 min:Time/Setting].\n{Discard} the [supernatant:Reagent/Acts-on].")
    assert consumed(g, "op2") == {"tube": "reference"}
    ref = next(m for m, d in g.nodes("material") if d["role"] == "reference")
    (_, target, edge), = [e for e in g.edges("constraint")]
    assert edge["relation"] == "same-as" and g.referent(ref) == target
    assert ("op1", target) in {(s, t) for s, t, _ in g.edges("produces")}
    # the spin continues on the inverted tube without a word; the supernatant is named first here
    assert operation_flow(g) == {("op2", "op3"), ("op3", "op4")}
    assert operation_flow(g, through_references=True) == {("op1", "op2"), ("op2", "op3"), ("op3", "op4")}
    assert pdg_problems(g) == []


def test_a_phrase_two_coordinated_verbs_share_is_direct():
    p, x = make("{Pellet} the [cells:Reagent/Acts-on] and {resuspend} in [PBS:Reagent/Using].")
    tied = x.model_copy(update={"actions": [x.actions[0], x.actions[1].model_copy(
        update={"args": list(x.actions[1].args) + list(x.actions[0].args[:1])})]})
    g = complete(structure(p, tied), tied)
    assert ("op1", "op2") in operation_flow(g)


def test_invariants_catch_a_reference_that_names_nothing():
    g = PDG(text="Invert the tube.")
    g.add_node("op1", "operation", "Invert", span=(0, 6))
    g.add_node("r1", "material", "tube", span=(11, 15), role="reference")
    g.add_edge("r1", "op1", "consumes")
    assert pdg_problems(g) == ["reference r1 ('tube') does not name one material that is made by an "
                               "operation or declared as an input"]
    g.add_node("m1", "material", "mixture", role="product")
    g.add_edge("r1", "m1", "constraint", relation="same-as")
    assert "made by an operation" in pdg_problems(g)[0]  # m1 has no producer
    g.add_node("op0", "operation", "Add", span=(0, 0))
    g.add_edge("op0", "m1", "produces")
    assert pdg_problems(g) == []


def _use(**changes):
    base = dict(mention="the tube", entity_type="Location", role="Acts-on", via="own", producer_class="transfer",
                consumer_class="treat", in_producer_sentence=False, same_sentence=False, distance=1,
                first_naming=False, separation=False, prepared=False, purpose=False, head_in_material=True)
    return Consumption(**{**base, **changes})


def test_shipped_model_is_json_with_provenance_and_separates_clear_cases():
    model = shipped_model()
    data = json.loads((ROOT / "autodsl" / "pdg" / "direct_model.json").read_text())
    assert data["trained_on"]["half"] == 0 and data["trained_on"]["examples"] > 100
    assert DirectnessModel.from_json(model.to_json()) == model
    supernatant = _use(mention="the supernatant", entity_type="Reagent", producer_class="separate",
                       consumer_class="discard", first_naming=True, separation=True, head_in_material=True)
    assert model.is_direct(supernatant)
    assert not model.is_direct(_use(distance=4))


def test_training_is_reproducible_and_learns_the_examples():
    examples = [(_use(mention="the supernatant", separation=True, first_naming=True), True),
                (_use(), False), (_use(mention="the pellet", separation=True, first_naming=True), True),
                (_use(mention="the cells", head_in_material=False), False)] * 6
    groups = [str(i // 4) for i in range(len(examples))]
    first = train_direct(examples, groups=groups, gold_edges=30)
    assert first == train_direct(examples, groups=groups, gold_edges=30)
    assert [first.is_direct(u) for u, _ in examples[:4]] == [True, False, True, False]


@pytest.fixture
def main():
    """The CLI entry point, imported per test so a broken CLI fails these tests, not collection."""
    from autodsl.cli import main as cli_main

    return cli_main


@pytest.fixture
def xwlp_dir(tmp_path):
    shutil.copytree(ROOT / "corpora" / "xwlp" / "data" / "0", tmp_path / "xwlp" / "0")
    return tmp_path / "xwlp"


def test_eval_flow_reports_both_gold_definitions(main, capsys, xwlp_dir):
    assert main(["eval", "flow", str(xwlp_dir), "--format", "xwlp", "--json"]) == 0
    direct = json.loads(capsys.readouterr().out)
    assert direct["gold"] == "direct" and set(direct["by_gold"]) == {"direct", "through"}
    assert direct["flow"] == direct["by_gold"]["direct"]["flow"]
    # a re-mention breaks a direct link: the direct gold has fewer edges
    assert direct["by_gold"]["direct"]["gold_edges"] < direct["by_gold"]["through"]["gold_edges"]
    assert main(["eval", "flow", str(xwlp_dir), "--format", "xwlp", "--gold", "through", "--json"]) == 0
    through = json.loads(capsys.readouterr().out)
    assert through["gold"] == "through" and through["flow"] == direct["by_gold"]["through"]["flow"]
    assert main(["eval", "flow", str(xwlp_dir), "--format", "xwlp", "--gold", "co-ref"]) == 2
    assert "direct or through" in capsys.readouterr().err
