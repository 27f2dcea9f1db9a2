"""PDG stage 1: operations, slots, control edges, and the text's control structure."""

import pytest
from pdg_helpers import make

from autodsl.driver import unknown_operations
from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec
from autodsl.pdg import cues
from autodsl.pdg.structure import opcode_of, spec_operation, structure


def ops(g):
    return sorted(g.nodes("operation"), key=lambda item: item[1]["order"])


def edges(g, kind):
    return sorted((s, t) for s, t, _ in g.edges(kind))


def test_one_operation_per_action_with_slots_and_spans():
    p, x = make("{Centrifuge} the [lysate:Reagent/Acts-on] for [10 min:Time/Setting] at [12,000 x g:Speed/Setting].\n"
                "{Add} [250 ul:Amount/Measure] of [buffer:Reagent/Acts-on].")
    g = structure(p, x)
    (op1, d1), (op2, d2) = ops(g)
    assert (d1["opcode"], d1["verb"], d1["step"], d1["order"]) == ("CENTRIFUGE", "centrifuge", 1, 0)
    assert d1["slots"]["time"]["value"] == 600.0 and d1["slots"]["time"]["unit"] == "s"
    assert d1["slots"]["force"]["value"] == 12000.0 and d1["slots"]["force"]["source"] == "text"
    assert d2["slots"]["volume"]["value"] == 250.0
    assert p.text[slice(*d1["span"])] == "Centrifuge"
    assert p.text[d1["sentence"]["start"]:d1["sentence"]["end"]].startswith("Centrifuge the lysate")
    assert "lysate" not in str(d1["slots"])  # materials are flow, not slots
    assert edges(g, "next") == [(op1, op2)]


@pytest.mark.parametrize("lemma, opcode", [("spin down", "SPIN_DOWN"), ("air-dry", "AIR_DRY"), ("mix", "MIX")])
def test_opcode_without_spec(lemma, opcode):
    assert opcode_of(lemma) == opcode


def test_spec_names_opcodes_and_slots_and_warns_on_unknown_verbs():
    spec = DslSpec(domain="wetlab", operations=[OperationSpec(
        opcode="CENTRIFUGE", verbs={"centrifuge": 5, "spin": 3},
        slots=[SlotSpec(name="duration", role="Setting", type="Time", dimension="time")])])
    p, x = make("{Spin} for [5 min:Time/Setting].\n{Lyophilize} the [sample:Reagent/Acts-on].")
    g = structure(p, x, spec)
    (_, spin), (_, lyo) = ops(g)
    assert spin["opcode"] == "CENTRIFUGE" and "duration" in spin["slots"]
    assert lyo["opcode"] == "LYOPHILIZE"
    # the printed LYOPHILIZE is no operation of the domain: the driver reports it as check would
    found = unknown_operations(g, spec)
    assert [(d.code, d.severity, d.node) for d in found] == [("unknown-operation", "error", "op2")]


def test_an_unknown_word_that_reads_as_no_verb_is_a_note_not_an_unknown_operation():
    spec = DslSpec(domain="wetlab", operations=[OperationSpec(opcode="MIX", verbs={"mix": 5})])
    p, x = make("{Mix} the [cells:Reagent/Acts-on].\n{Veins} were tied with [suture:Reagent/Using].\n"
                "{Mince} the [tissue:Reagent/Acts-on], then {snip} the [ends:Reagent/Acts-on].\n"
                "The {tower} holds [2 ml:Amount/Measure].")
    g = structure(p, x, spec)
    assert [d["opcode"] for _, d in ops(g)] == ["MIX", "MINCE", "SNIP"]
    notes = [d.message for d in g.diagnostics if d.code == "not-an-operation"]
    assert len(notes) == 2 and all("not a verb" in m for m in notes)
    assert [d.code for d in unknown_operations(g, spec)] == ["unknown-operation", "unknown-operation"]


def test_an_action_in_a_parenthetical_remark_is_a_note():
    p, x = make("{Add} [NaCl:Reagent/Acts-on] to [water:Reagent/Site] (for 100 ml {add} [6.5 g:Amount/Measure]).\n"
                "{Dry} the [beads:Reagent/Acts-on] ({evaporate} the [ethanol:Reagent/Acts-on]), then {mix}.")
    g = structure(p, x)
    assert [d["verb"] for _, d in ops(g)] == ["add", "dry", "mix"]
    notes = [d.message for d in g.diagnostics if d.code == "not-an-operation"]
    assert len(notes) == 2 and all("a remark in parentheses" in m for m in notes)


def test_a_purpose_the_domain_says_with_the_same_operation_is_said_once():
    spec = DslSpec(domain="wetlab", operations=[
        OperationSpec(opcode="CENTRIFUGE", verbs={"centrifuge": 5, "pellet": 2}),
        OperationSpec(opcode="INVERT", verbs={"invert": 3}), OperationSpec(opcode="MIX", verbs={"mix": 4})])
    p, x = make("{Centrifuge} the [culture:Reagent/Acts-on] to {pellet} the [cells:Reagent/Acts-on].\n"
                "{Invert} the [tube:Location/Acts-on] to {mix}.")
    g = structure(p, x, spec)
    assert [d["opcode"] for _, d in ops(g)] == ["CENTRIFUGE", "INVERT", "MIX"]
    notes = [d.message for d in g.diagnostics if d.code == "not-an-operation"]
    assert notes == ["'pellet' is the purpose of the CENTRIFUGE before it; kept as a note, not as an operation"]
    assert [d["opcode"] for _, d in ops(structure(p, x))] == ["CENTRIFUGE", "PELLET", "INVERT", "MIX"]


def test_repeat_steps_range_makes_a_repeat_edge_and_blocks():
    p, x = make("{Add} [buffer:Reagent/Acts-on].\n{Spin} for [1 min:Time/Setting].\n"
                "{Discard} the [flow-through:Reagent/Acts-on].\n{Repeat} steps 2-3 twice.")
    g = structure(p, x)
    names = [d["label"] for _, d in ops(g)]
    assert names == ["Add", "Spin", "Discard"]  # "Repeat" is control, not an operation
    assert [(s, t, d["count"]) for s, t, d in g.edges("repeat")] == [("op3", "op2", 3)]
    assert g.graph.nodes["op2"]["blocks"] == [{"id": "b1", "kind": "repeat", "count": 3}]
    assert g.graph.nodes["op1"]["blocks"] == []


def test_wash_three_times_is_a_repeat_but_invert_six_times_is_a_parameter():
    p, x = make("{Wash} the [cells:Reagent/Acts-on] three times with [PBS:Reagent/Using].\n"
                "{Invert} the [tube:Location/Acts-on] [6 times:Numerical/Count].")
    g = structure(p, x)
    assert [(s, t, d["count"]) for s, t, d in g.edges("repeat")] == [("op1", "op1", 3)]
    assert g.graph.nodes["op2"]["blocks"] == [] and g.graph.nodes["op2"]["slots"]["count"]["text"] == "6 times"


def test_two_by_five_minutes_repeats_the_operation():
    p, x = make("{Wash} the [membrane:Reagent/Acts-on] [2 x 5 min:Time/Setting] in [TBST:Reagent/Using].")
    g = structure(p, x)
    assert g.graph.nodes["op1"]["slots"]["time"]["repeat"] == 2
    assert [(s, t, d["count"]) for s, t, d in g.edges("repeat")] == [("op1", "op1", 2)]


def test_conditional_block_is_entered_by_a_branch_and_can_be_skipped():
    p, x = make("{Centrifuge} for [5 min:Time/Setting].\n"
                "If the pellet is not visible, {centrifuge} again.\n{Discard} the [supernatant:Reagent/Acts-on].")
    g = structure(p, x)
    branch = [(s, t, d["condition"]) for s, t, d in g.edges("branch")]
    assert branch == [("op1", "op2", "the pellet is not visible")]
    assert ("op1", "op3") in edges(g, "next") and ("op2", "op3") in edges(g, "next")
    assert g.graph.nodes["op2"]["blocks"][0]["kind"] == "if"


def test_optional_and_parallel_blocks():
    p, x = make("{Incubate} for [30 min:Time/Setting].\nOptional: {add} [RNase A:Reagent/Acts-on].\n"
                "Meanwhile, {prepare} the [gel:Reagent/Acts-on].")
    g = structure(p, x)
    assert [b["kind"] for b in g.graph.nodes["op2"]["blocks"]] == ["optional"]
    assert [b["kind"] for b in g.graph.nodes["op3"]["blocks"]] == ["parallel"]
    assert [(s, t, d["condition"]) for s, t, d in g.edges("branch")] == [("op1", "op2", "optional")]


def test_cross_reference_copies_missing_parameters():
    p, x = make("{Centrifuge} for [10 min:Time/Setting] at [4 °C:Temperature/Setting].\n"
                "{Add} [ethanol:Reagent/Acts-on].\n{Centrifuge} as in step 1.\n{Centrifuge} as in step 9.")
    g = structure(p, x)
    third = g.graph.nodes["op3"]
    assert third["refers_to"] == "op1"
    assert third["slots"]["time"]["value"] == 600.0 and third["slots"]["time"]["ref_step"] == 1
    assert [d.code for d in g.diagnostics] == ["unresolved-step-reference"]


def test_purpose_clause_is_marked():
    p, x = make("{Invert} the [tube:Location/Acts-on] to {mix}.")
    g = structure(p, x)
    assert g.graph.nodes["op2"]["purpose_of"] == "op1"


@pytest.mark.parametrize("sentence, expected", [
    ("Repeat steps 3–5 twice.", (3, 5, 2)),
    ("Repeat step 4.", (4, 4, None)),
    ("Repeat 10-12 twice more for a total of 3 washes.", (10, 12, 2)),
    ("Repeat the wash once more.", (None, None, 1)),
])
def test_repeat_cues(sentence, expected):
    cue = cues.find_repeat(sentence)
    assert (cue.first_step, cue.last_step, cue.count) == expected


@pytest.mark.parametrize("sentence, condition", [
    ("If the pellet is not visible, spin again.", "the pellet is not visible"),
    ("When the cells reach 80% confluence, passage them.", "the cells reach 80% confluence"),
    ("Add water if necessary.", None),
    ("Mix the sample.", None),
])
def test_condition_cues(sentence, condition):
    assert cues.find_condition(sentence) == condition


def test_times_does_not_mistake_units_for_counts():
    assert cues.find_times("Spin at 200 x g for 5 min") is None
    assert cues.find_times("Add 10 ul of 5X buffer") is None
    assert cues.find_times("Wash 3x with PBS") == 3


@pytest.mark.parametrize("lemma, opcode", [
    ("Air–dry", "AIR_DRY"), ("air - dry", "AIR_DRY"), ("sterilise", "STERILIZE"), ("instal", "INSTALL"),
    ("do not sterilise", "STERILIZE"), ("lyophilize", None),
])
def test_verbs_map_to_the_specs_operations_in_other_spellings(lemma, opcode):
    spec = DslSpec(domain="d", operations=[
        OperationSpec(opcode="AIR_DRY", verbs={"air-dry": 3}), OperationSpec(opcode="STERILIZE", verbs={"sterilize": 2}),
        OperationSpec(opcode="INSTALL", verbs={"install": 1})])
    found = spec_operation(spec, lemma)
    assert (found.opcode if found else None) == opcode


def repeats(g):
    return sorted((s, t, d["count"]) for s, t, d in g.edges("repeat"))


@pytest.mark.parametrize("line", [
    "Repeat steps 2–3 twice.", "Repeat steps 2—3 twice.", "Repeat steps 2-3 twice.", "Repeat steps 2 to 3 twice.",
    "Repeat steps 2 through 3 two more times.", "Repeat steps 2-3 2 more times.",
])
def test_a_repeat_line_the_extractor_did_not_tag_still_repeats_its_steps(line):
    # no action for the repeat line at all: the step text alone decides
    p, x = make("{Centrifuge} the [lysate:Reagent/Acts-on].\n{Add} [ethanol:Reagent/Acts-on].\n"
                "{Wash} the [pellet:Reagent/Acts-on].\n" + line)
    g = structure(p, x)
    assert repeats(g) == [("op3", "op2", 3)]  # twice more: three runs in all
    assert [d.code for d in g.diagnostics] == []


def test_once_more_and_n_times_counts():
    p, x = make("{Spin} the [tube:Location/Acts-on].\nRepeat once more.\n{Mix} it.\nRepeat this step 3 times.")
    assert repeats(structure(p, x)) == [("op1", "op1", 2), ("op2", "op2", 4)]


def test_repeat_the_wash_binds_to_the_latest_wash_not_the_previous_step():
    p, x = make("{Wash} the [pellet:Reagent/Acts-on] with [ethanol:Reagent/Using].\n"
                "{Centrifuge} for [2 min:Time/Setting].\nRepeat the wash twice.\n"
                "{Incubate} the [sample:Reagent/Acts-on].\nRepeat the washing step once more.\n"
                "{Add} [buffer:Reagent/Acts-on].\nRepeat the incubation.")
    g = structure(p, x)
    # one repeat edge per pair of operations; the blocks say what each instruction repeats
    assert repeats(g) == [("op1", "op1", 3), ("op3", "op3", 2)]
    blocks = {op: [b["count"] for b in data["blocks"] if b["kind"] == "repeat"] for op, data in g.nodes("operation")}
    assert blocks == {"op1": [3, 2], "op2": [], "op3": [2], "op4": []}


def test_repeat_of_work_not_found_falls_back_to_the_step_before():
    p, x = make("{Wash} the [pellet:Reagent/Acts-on].\n{Centrifuge} for [2 min:Time/Setting].\nRepeat the elution twice.")
    assert repeats(structure(p, x)) == [("op2", "op2", 3)]


def test_unresolvable_repeat_lines_are_reported_not_dropped():
    p, x = make("Repeat twice.\n{Spin} the [tube:Location/Acts-on].\nRepeat steps 7–8 once more.")
    g = structure(p, x)
    assert repeats(g) == []
    assert [(d.code, d.severity) for d in g.diagnostics] == [
        ("unresolved-repeat", "warning"), ("unresolved-step-reference", "warning")]
    assert "steps 7-8" in g.diagnostics[1].message


def test_a_repeat_action_and_the_text_cue_in_one_sentence_make_one_block():
    p, x = make("{Spin} the [tube:Location/Acts-on].\n{Repeat} step 1 twice.")
    g = structure(p, x)
    assert repeats(g) == [("op1", "op1", 3)]
    assert len(g.graph.nodes["op1"]["blocks"]) == 1


@pytest.mark.parametrize("sentence", ["Avoid repeated freeze-thaw cycles.", "Do not repeat the wash.",
                                      "The repeated measures were averaged."])
def test_repeat_words_that_are_no_instruction(sentence):
    assert cues.repeat_instruction(sentence) is None
