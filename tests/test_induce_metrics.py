"""Coverage: which instance actions a spec covers, and the figures eval dsl reports."""

from autodsl.induce.features import InstanceAction, SlotValue
from autodsl.induce.metrics import VerbIndex, coverage_figures
from autodsl.induce.spec import DslSpec, OperationSpec, Pattern, SlotSpec, ValueRange

TIME = SlotValue(name="time", role="Setting", type="Time", dimension="time", value=60.0, text="1 min")
LONG = SlotValue(name="time", role="Setting", type="Time", dimension="time", value=9e9, text="ages")
UNPARSED_TIME = SlotValue(name="time", role="Setting", type="Time", text="a while")
WRONG_DIM = SlotValue(name="time", role="Setting", type="Time", dimension="volume", value=5.0)
SITE = SlotValue(name="site", role="Site", type="Location", text="tube")

SPEC = DslSpec(
    domain="demo",
    operations=[
        OperationSpec(
            opcode="CENTRIFUGE", verbs={"centrifuge": 8, "spin": 3},
            slots=[SlotSpec(name="time", role="Setting", type="Time", dimension="time", required=True,
                            range=ValueRange(unit="s", min=10, p05=30, median=60, p95=600, max=900, n=11))],
            patterns=[Pattern(slots=["time"], count=11)],
        ),
        OperationSpec(opcode="ADD", verbs={"add": 20}, slots=[SlotSpec(name="site", role="Site", type="Location")]),
    ],
    ignored_verbs={"see": 4},
)


def act(lemma, *slots):
    return InstanceAction(protocol="p", lemma=lemma, slots=slots)


def test_fit_rules():
    index = VerbIndex(SPEC)
    assert index.fit(act("spin", TIME)).covered
    assert index.fit(act("do not spin down", TIME)).opcode == "CENTRIFUGE"
    assert index.fit(act("spin", UNPARSED_TIME)).covered  # no dimension to compare
    assert index.fit(act("spin", WRONG_DIM)).reason == "unfit-slot"
    assert index.fit(act("spin", SITE)).reason == "unfit-slot"
    assert index.fit(act("add", SITE)).covered
    assert index.fit(act("add")).covered  # materials only: always fits
    assert index.fit(act("see")).reason == "ignored-verb"
    assert index.fit(act("electroporate")).reason == "unknown-verb"


def test_coverage_figures():
    actions = [act("spin", TIME), act("spin", LONG), act("add", SITE), act("add"), act("spin"),
               act("spin", SITE), act("see"), act("electroporate")]
    f = coverage_figures(SPEC, actions)
    assert f["coverage"] == round(5 / 8, 4)
    assert (f["opcodes"], f["patterns"], f["actions"], f["covered"]) == (2, 1, 8, 5)
    assert f["opcode_coverage"] == 0.75
    assert f["coverage_of_operations"] == round(5 / 7, 4)
    assert f["uncovered"] == {"unknown-verb": 1, "ignored-verb": 1, "unfit-slot": 1}
    assert f["required_given"] == round(4 / 5, 4)  # the bare 'spin' lacks its required time
    assert f["in_range"] == 0.5  # 60 s inside [10, 900], 9e9 s outside
    assert f["opcodes_used"] == 1.0
    assert f["laconicity"] == 0.0  # two verbs, two opcodes


def test_empty_input():
    f = coverage_figures(SPEC, [])
    assert f["coverage"] == 0.0 and f["actions"] == 0
