"""Purposes and repeats in the structured PDG (issue 4, audit patterns 8 and 12).

A purpose is read from the infinitive's own syntax ("To V ..., <imperative>"), not from the
operation before it; a repeat covers the cycle it names, once per instruction, and a
reagent's "(4X)" is no repeat.
"""

from pdg_helpers import make

from autodsl.pdg.cues import find_repeat, find_times
from autodsl.pdg.structure import structure


def _ops(marked: str):  # type: ignore[no-untyped-def]
    protocol, extraction = make(marked)
    pdg = structure(protocol, extraction)
    return pdg, {data["verb"]: (op_id, data) for op_id, data in pdg.nodes("operation")}


def _repeats(pdg):  # type: ignore[no-untyped-def]
    """{block id: (count, verbs in execution order)} of the repeat blocks."""
    found: dict[str, tuple[int, list[str]]] = {}
    for _, data in sorted(pdg.nodes("operation"), key=lambda pair: pair[1]["order"]):
        for block in data["blocks"]:
            if block["kind"] == "repeat":
                found.setdefault(block["id"], (block["count"], []))[1].append(data["verb"])
    return found


def test_a_fronted_purpose_explains_the_imperative_after_it_and_runs_after_it():
    pdg, ops = _ops("To {permeabilize} the [section:Reagent/Acts-on], {immerse} the [slide:Location/Acts-on] "
                    "in [ethanol:Reagent/Site] for [1 h:Time/Measure].")
    purpose_id, purpose = ops["permeabilize"]
    main_id, main = ops["immerse"]
    assert purpose["purpose_of"] == main_id
    assert purpose["order"] == main["order"] + 1
    # control flow follows execution order: the immersion first
    assert pdg.graph.has_edge(main_id, purpose_id, "next")


def test_a_fronted_infinitive_with_an_amount_of_its_own_is_work_not_a_purpose():
    _, ops = _ops("To {dilute} the [stock:Reagent/Acts-on] to [1 mg/ml:Concentration/Measure], "
                  "{add} [water:Reagent/Acts-on].")
    assert "purpose_of" not in ops["dilute"][1]
    assert ops["dilute"][1]["order"] < ops["add"][1]["order"]


def test_a_fronted_infinitive_without_a_clause_after_its_comma_is_no_purpose():
    # "To V X" must end at a comma that an imperative follows; here nothing marks where it ends
    _, ops = _ops("{Spin} the [tube:Location/Acts-on].\nTo {remove} the [liquid:Reagent/Acts-on] {aspirate} it.")
    assert "purpose_of" not in ops["remove"][1]


def test_repeat_the_wash_repeats_the_cycle_back_to_the_separation_that_began_it():
    pdg, _ = _ops("{Add} [beads:Reagent/Acts-on] to the [tube:Location/Site].\n"
                  "{Centrifuge} the [tube:Location/Acts-on].\n"
                  "{Discard} the [supernatant:Reagent/Acts-on] and {add} [water:Reagent/Acts-on].\n"
                  "{Vortex} the [beads:Reagent/Acts-on] to {wash} them.\n"
                  "Repeat the wash two times.")
    (count, verbs), = _repeats(pdg).values()
    assert count == 3  # two more runs: three in all (docs/language.md)
    assert verbs == ["centrifuge", "discard", "add", "vortex", "wash"]


def test_repeat_the_named_work_far_back_repeats_the_step_before():
    lines = ["{Wash} the [cells:Reagent/Acts-on]."] + [f"{{Add{i}}} [buffer {i}:Reagent/Acts-on]." for i in range(9)]
    pdg, _ = _ops("\n".join(lines + ["Repeat the wash."]))
    (count, verbs), = _repeats(pdg).values()
    assert count == 2 and verbs == ["add8"]


def test_two_identical_repeat_sentences_in_a_row_are_one_instruction():
    pdg, _ = _ops("{Add} [phenol:Reagent/Acts-on].\n{Remove} the [aqueous phase:Reagent/Acts-on].\n"
                  "Repeat the extraction from step 2.\nRepeat the extraction from step 2.")
    (count, verbs), = _repeats(pdg).values()
    assert count == 3 and verbs == ["remove"]


def test_a_concentration_after_a_measured_reagent_is_no_repeat():
    pdg, _ = _ops("{Add} [5 µL:Amount/Measure] of [Master Mix:Reagent/Acts-on] (No ROX) (4X) to the "
                  "[sample:Reagent/Site].")
    assert _repeats(pdg) == {}
    assert find_times("Add 5 µL of Master Mix (4X)") is None
    assert find_times("Wash the beads (3x)") == 3


def test_the_head_noun_names_the_repeated_work():
    assert find_repeat("Repeat the phenol extraction twice.").target == "extraction"
    assert find_repeat("Repeat the wash step two times.").target == "wash"
    assert find_repeat("Repeat pipetting gently using a P1000 tip.").target == "pipetting"
