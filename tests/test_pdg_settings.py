"""Several settings or amounts in one statement (issue 4, round 23): each amount stays with its
own reagent, and settings written as stages in sequence become operations run in order."""

from pdg_helpers import make

from autodsl.driver import translate
from autodsl.emit.parse import parse
from autodsl.emit.printer import print_program
from autodsl.extract.models import Extraction
from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec
from autodsl.validate import check_text

SPEC = DslSpec(domain="wetlab", operations=[
    OperationSpec(opcode="ADD", verbs={"add": 9}, slots=[
        SlotSpec(name="site", role="Site", type="Location"),
        SlotSpec(name="volume", role="Measure", type="Amount", dimension="volume"),
        SlotSpec(name="concentration", role="Measure", type="Concentration", dimension="molar_concentration")]),
    OperationSpec(opcode="HEAT", verbs={"incubate": 9}, slots=[
        SlotSpec(name="temperature", role="Setting", type="Temperature", dimension="temperature", required=True),
        SlotSpec(name="time", role="Setting", type="Time", dimension="time", required=True)]),
])


def _unheld(marked):
    """``make`` attaches every marked span to the action before it; "Mention" marks spans no action holds."""
    p, x = make(marked)
    held = [a.model_copy(update={"args": [g for g in a.args if g.role != "Mention"]}) for a in x.actions]
    return p, Extraction(protocol=x.protocol, entities=x.entities, actions=held)


def _translate(p, x):
    pdg = translate(p, extraction=x, spec=SPEC, auto_domain=False).pdg
    text = print_program(pdg)
    assert print_program(parse(text)) == text
    assert not [d for d in check_text(text, SPEC) if d.severity == "error"]
    return pdg, text


def _ops(pdg):
    return [d for _, d in sorted(pdg.nodes("operation"), key=lambda item: item[1]["order"])]


def test_amounts_of_two_reagents_give_no_volume_of_the_whole_operation():
    p, x = _unheld("{Add} [5 µl:Amount/Mention] of [buffer A:Reagent/Acts-on] and [10 µl:Amount/Mention] of "
                   "[buffer B:Reagent/Acts-on] to the [tube:Location/Site].")
    pdg, text = _translate(p, x)
    (op,) = _ops(pdg)
    assert not any(r.get("dimension") == "volume" for r in op["slots"].values())
    measured = {pdg.graph.nodes[r["measures"]]["label"]: r["text"] for r in op["extra_slots"]}
    assert measured == {"buffer A": "5 µl", "buffer B": "10 µl"}
    assert "5 µl of buffer_A, 10 µl of buffer_B" in text
    # each input is declared with its own amount
    declared = {d["label"]: d["quantity"]["text"] for _, d in pdg.nodes("material") if d.get("quantity")}
    assert declared == {"buffer A": "5 µl", "buffer B": "10 µl"}


def test_concentrations_of_two_stocks_are_neither_the_operations():
    p, x = _unheld("{Add} [2 mM:Concentration/Mention] [MgCl2:Reagent/Acts-on] and [1 µM:Concentration/Mention] "
                   "[primer:Reagent/Acts-on] to the [tube:Location/Site].")
    pdg, text = _translate(p, x)
    (op,) = _ops(pdg)
    assert "concentration" not in op["slots"]
    assert sorted(r["text"] for r in op["extra_slots"]) == ["1 µM", "2 mM"]


def test_one_reagents_amount_is_still_the_operations_slot():
    p, x = _unheld("{Add} [5 µl:Amount/Mention] of [buffer A:Reagent/Acts-on] to the [tube:Location/Site].")
    pdg, _ = _translate(p, x)
    (op,) = _ops(pdg)
    assert op["slots"]["volume"]["text"] == "5 µl"


def _made(pdg, op):
    return {t for _, t, d in pdg.graph.out_edges(op, data=True) if d["kind"] == "produces"}


def _taken(pdg, op):
    return {pdg.referent(s) for s, _, d in pdg.graph.in_edges(op, data=True) if d["kind"] == "consumes"}


def _settings(op):
    return {name: r["text"] for name, r in op["slots"].items() if r.get("dimension") in ("temperature", "time")}


def test_stages_in_sequence_become_operations_in_order_each_with_its_settings():
    p, x = make("{Add} [buffer:Reagent/Acts-on] to the [cells:Reagent/Site].\n"
                "{Incubate} at [37 °C:Temperature/Setting] for [10 min:Time/Setting] and then at "
                "[65 °C:Temperature/Setting] for [20 min:Time/Setting].\n"
                "{Add} [dye:Reagent/Acts-on].")
    pdg, text = _translate(p, x)
    ops = _ops(pdg)
    assert len(ops) == 4 and ops[1]["opcode"] == ops[2]["opcode"]
    assert [_settings(op) for op in ops[1:3]] == [{"temperature": "37 °C", "time": "10 min"},
                                                  {"temperature": "65 °C", "time": "20 min"}]
    assert not ops[1].get("extra_slots") and not ops[2].get("extra_slots")
    assert "(no slot)" not in text
    order = {d["order"]: op for op, d in pdg.nodes("operation")}
    first, second, after = order[1], order[2], order[3]
    # the second stage takes the first stage's product, and what follows takes the second's
    assert _made(pdg, first) and _made(pdg, first) <= _taken(pdg, second)
    assert _made(pdg, second) & _taken(pdg, after)
    assert pdg.graph.has_edge(first, second) and pdg.graph.has_edge(second, after)
    # the later stage's span is its settings', inside the statement
    start, end = pdg.graph.nodes[second]["span"]
    assert pdg.text[start:end] == "65 °C for 20 min"


def test_alternatives_and_cycles_are_not_stages():
    p, x = make("{Incubate} at [37 °C:Temperature/Setting] for [10 min:Time/Setting] or at "
                "[4 °C:Temperature/Setting] for [2 h:Time/Setting].\n"
                "{Incubate} for 30 cycles of [98 °C:Temperature/Setting] [10 s:Time/Setting], "
                "[60 °C:Temperature/Setting] [30 s:Time/Setting].")
    pdg, _ = _translate(p, x)
    assert len(_ops(pdg)) == 2


def test_a_ramp_with_one_time_is_one_operation():
    p, x = make("{Incubate} from [-90 °C:Temperature/Setting] to [-60 °C:Temperature/Setting] within "
                "[6 h:Time/Setting].")
    pdg, _ = _translate(p, x)
    assert len(_ops(pdg)) == 1
