"""Reagents named but not taken, and alternative operations (issue 4, audit patterns 13 and 14):
a recipe in parentheses right after a reagent describes it ("TT (0.25M Tris + Tween 20)
buffer"), "no DTT" excludes DTT, and "Dilute ... or divide ..." runs one of the two.
"""

from pdg_helpers import make, program

from autodsl.pdg.structure import structure


def _inputs(pdg) -> set[str]:  # type: ignore[no-untyped-def]
    """Labels of the declared inputs (materials with no producer) the operations consume."""
    produced = {target for _, target, _ in pdg.edges("produces")}
    return {str(pdg.graph.nodes[m]["label"]) for m, _, _ in pdg.edges("consumes") if m not in produced}


def _comments(pdg) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(d.get("comment") or "") for _, d in pdg.nodes("operation")]


def test_a_recipe_in_parentheses_is_no_input_and_stays_a_note():
    pdg, text = program("{Wash} [beads:Reagent/Acts-on] with 500 ul [TT:Reagent/Using] "
                        "(0.25M [Tris pH8:Reagent/Using] + 0.01% [Tween 20:Reagent/Using]) buffer.")
    assert _inputs(pdg) == {"beads", "TT"}, text
    assert any("TT: 0.25M Tris pH8 + 0.01% Tween 20" in c for c in _comments(pdg)), text


def test_a_parenthesis_relative_to_the_sample_is_no_recipe():
    # "(relative to the volume of the aqueous phase)" names what the reagent is added to
    pdg, text = program("{Add} 1 volume of [isopropanol:Reagent/Acts-on] (relative to the volume of "
                        "the [lysate:Reagent/Site]).")
    assert _inputs(pdg) == {"isopropanol", "lysate"}, text


def test_an_excluded_reagent_is_no_input_and_stays_a_note():
    pdg, text = program("{Add} 200 ul [urea solution:Reagent/Acts-on] (no [DTT:Reagent/Acts-on], no SDS) "
                        "to the [pellet:Reagent/Site].")
    assert "DTT" not in _inputs(pdg) and "urea solution" in _inputs(pdg), text
    assert any("no DTT" in c for c in _comments(pdg)), text
    pdg, text = program("{Dissolve} the [pellet:Reagent/Acts-on] in [buffer:Reagent/Using] without "
                        "[EDTA:Reagent/Using].")
    assert "EDTA" not in _inputs(pdg), text


def test_a_reagent_said_free_of_is_no_input_but_a_free_reagent_name_is():
    pdg, text = program("{Resuspend} the [pellet:Reagent/Acts-on] in [buffer:Reagent/Using], "
                        "[DTT:Reagent/Using]-free.")
    assert "DTT" not in _inputs(pdg) and "buffer" in _inputs(pdg), text
    # "nuclease-free water": the word after "free" goes on with the name of one reagent
    pdg, text = program("{Dissolve} the [pellet:Reagent/Acts-on] in [nuclease:Reagent/Using]-free water.")
    assert "nuclease" in _inputs(pdg), text


def test_an_operation_after_or_is_an_alternative_note_on_the_first():
    p, x = make("{Dilute} the [sample:Reagent/Acts-on] to 700 ul or {divide} the [sample:Reagent/Acts-on] "
                "into [tubes:Location/Site].\n{Add} [phenol:Reagent/Acts-on].")
    pdg = structure(p, x, None)
    ops = sorted(pdg.nodes("operation"), key=lambda item: item[1]["order"])
    assert [d["verb"] for _, d in ops] == ["dilute", "add"]
    notes = [d for d in pdg.diagnostics if d.code == "not-an-operation"]
    assert len(notes) == 1 and notes[0].node == ops[0][0] and "alternative" in notes[0].message
    # the step after the choice continues from the first operation
    assert [(a, b) for a, b, _ in pdg.edges("next")] == [(ops[0][0], ops[1][0])]


def test_and_or_and_a_new_sentence_are_no_alternatives():
    p, x = make("{Mix} the [sample:Reagent/Acts-on] and/or {vortex} it. Or {spin} it.")
    pdg = structure(p, x, None)
    assert sorted(d["verb"] for _, d in pdg.nodes("operation")) == ["mix", "spin", "vortex"]
