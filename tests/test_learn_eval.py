"""eval dsl figures: agreement of opcodes with gold operation types, corpus filtering."""

from autodsl.corpus.models import OperationGraph, PegNode, Protocol
from autodsl.evaluate.dsl import evaluate_digests, gold_type_agreement
from autodsl.induce.features import InstanceAction, ProtocolDigest
from autodsl.induce.metrics import agreement_with_gold
from autodsl.induce.spec import DslSpec, OperationSpec

SPEC = DslSpec(domain="wetlab", operations=[
    OperationSpec(opcode="CENTRIFUGE", verbs={"centrifuge": 3, "spin": 2}),
    OperationSpec(opcode="ADD", verbs={"add": 5, "transfer": 1}),
])


def node(i, start, end, type_):
    return PegNode(id=f"op_{i}", kind="operation", type=type_, label="x", start=start, end=end)


def test_gold_type_agreement_aligns_by_span():
    text = "Spin. Add. Centrifuge. Transfer. Vortex. Mix."
    graph = OperationGraph(nodes=(
        node(0, 0, 4, "spin_op"), node(1, 6, 9, "transfer_op"), node(2, 11, 21, "spin_op"),
        node(3, 23, 31, "transfer_op"), node(4, 33, 39, "mix_op"), node(5, 41, 44, "default_op"),
    ))
    protocol = Protocol(id="p", title="t", format="xwlp", text=text, graph=graph)
    acts = tuple(
        InstanceAction(protocol="p", lemma=lemma, index=i, start=s, end=e)
        for i, (lemma, s, e) in enumerate([("spin", 0, 4), ("add", 6, 9), ("centrifuge", 11, 21),
                                           ("transfer", 23, 31), ("vortex", 33, 39), ("mix", 41, 44)])
    )
    figures = gold_type_agreement(SPEC, [protocol], [ProtocolDigest(id="p", actions=acts)])
    assert figures["aligned"] == 4  # vortex has no opcode, mix's node is untyped
    assert figures["purity"] == 1.0 and figures["ari"] == 1.0 and figures["gold_types"] == 2


def test_agreement_penalises_mixed_clusters():
    mixed = agreement_with_gold(["A", "A", "A", "A"], ["spin", "spin", "wash", "wash"])
    assert mixed["purity"] == 0.5 and mixed["homogeneity"] == 0.0 and mixed["completeness"] == 1.0
    split = agreement_with_gold(["A", "B", "C", "D"], ["spin", "spin", "wash", "wash"])
    assert split["homogeneity"] == 1.0 and split["completeness"] < 1.0


def test_evaluate_digests_lists_what_is_missing():
    acts = (InstanceAction(protocol="p", lemma="electroporate"), InstanceAction(protocol="p", lemma="spin"),
            InstanceAction(protocol="p", lemma="electroporate"))
    figures = evaluate_digests(SPEC, [ProtocolDigest(id="p", actions=acts)])
    assert figures["coverage"] == round(1 / 3, 4)
    assert figures["top_unknown_verbs"] == [["electroporate", 2]]
    assert figures["protocols"] == 1 and figures["domain"] == "wetlab"
