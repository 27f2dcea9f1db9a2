"""Translated programs are right by the flow conventions (issue 4, round 13): one wrong
statement per test — a step adding to what a discard left took the discarded stock, "ppt"
was a reagent from the shelf, "the filter" after filtering onto it held nothing.
"""

from pdg_helpers import program, statements


def test_adding_to_what_a_discard_left_takes_what_remained():
    # WLP train 527: "Discard the methanol and immediately add stain", the add's site being the
    # discard; a discard makes nothing, so the stain goes to what the methanol was taken from
    _, text = program("{Add} 20 ml [methanol:Reagent/Acts-on] to the [membrane:Reagent/Site] and {rinse}.\n"
                      "{Discard} the [methanol:Reagent/Acts-on] and {add} 12 ml [stain:Reagent/Acts-on].",
                      extra_args=(("A2", "Acts-on", "A1"), ("A3", "Acts-on", "A2"), ("A4", "Site", "A3")))
    add, rinse, discard, add_stain = statements(text)
    rinsed = rinse.split(" = ")[0]
    assert discard.startswith("DISCARD(methanol") and f"site: {rinsed}" in discard
    assert add_stain.split(" = ")[1].startswith(f"ADD(stain, {rinsed}")
    assert "methanol" not in add_stain.split(" = ")[1]


def test_ppt_is_the_precipitate_a_spin_made():
    # WLP train 229: "Discard supernatant, drain tube, wash ppt once with acetone": lab shorthand
    # for the precipitate, the pellet, not a reagent from the shelf
    _, text = program("{Centrifuge} the [mixture:Reagent/Acts-on] for 1 min.\n"
                      "{Discard} [supernatant:Reagent/Acts-on], {wash} [ppt:Reagent/Acts-on] once with "
                      "[acetone:Reagent/Using] and {dry}.")
    spin, discard, wash, dry = statements(text)
    assert spin.startswith("supernatant, pellet = CENTRIFUGE(")
    assert wash.split(" = ")[1] == "WASH(pellet, using: acetone)"
    assert "input ppt" not in text


def test_the_filter_named_after_filtering_is_what_it_holds():
    # WLP train 121: "Filter each sample onto a filter ... Place the filter over the drop": the
    # filter placed carries what was filtered onto it, not a stock nor nothing at all
    _, text = program("{Filter} each [sample:Reagent/Acts-on] onto an [Anodisc filter:Device/Using].\n"
                      "{Pipette} 10 ul [mounting medium:Reagent/Acts-on] onto a [slide:Location/Site].\n"
                      "{Place} the [filter:Device/Acts-on] over the [drop:Location/Site].")
    filtering, pipette, place = statements(text)
    made = filtering.split(" = ")[0].split(", ")
    assert len(made) == 2
    assert place.split(" = ")[1].startswith(f"PLACE({made[1]}")
