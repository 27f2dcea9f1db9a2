"""Translated programs are right by the flow conventions (issue 4, round 14): one wrong
statement per test — draining a tube threw away the pellet in it.
"""

from pdg_helpers import program, statements


def test_draining_a_tube_keeps_the_pellet_in_it():
    # WLP train 229: "Discard supernatant, drain tube, wash ppt once with acetone": draining takes
    # the liquid out of the tube; the pellet stays and is what the wash works on. WLP links the
    # tube as a product of the spin too: the tube named is the pellet's, yet not all of it goes
    _, text = program("{Add} 1 ml [acetone:Reagent/Acts-on] to the [lysate:Reagent/Site].\n"
                      "{Centrifuge} the [mixture:Reagent/Acts-on] for 1 min.\n"
                      "{Discard} [supernatant:Reagent/Acts-on], {drain} [tube:Location/Acts-on], {wash} "
                      "[ppt:Reagent/Acts-on] once with [ethanol:Reagent/Using] and {dry}.",
                      extra_args=(("A2", "Product", "T5"),))
    add, spin, discard, drain, wash, dry = statements(text)
    assert spin.startswith("supernatant, pellet = CENTRIFUGE(")
    assert drain.startswith("DRAIN(site: pellet")
    assert wash.split(" = ")[1].startswith("WASH(pellet, ")


def test_draining_right_after_a_spin_pours_off_the_supernatant():
    # "Centrifuge. Decant the tube": what goes is the liquid over the pellet, which stays
    _, text = program("{Centrifuge} the [culture:Reagent/Acts-on] for 10 min.\n"
                      "{Decant} the [tube:Location/Acts-on].\n"
                      "{Resuspend} the [cells:Reagent/Acts-on] in 1 ml [buffer:Reagent/Using].")
    spin, decant, resuspend = statements(text)
    assert spin.startswith("supernatant, pellet = CENTRIFUGE(")
    assert decant.startswith("DECANT(supernatant, site: pellet")
    assert resuspend.split(" = ")[1].startswith("RESUSPEND(pellet")


def test_a_part_word_does_not_name_a_product_made_from_nothing():
    # WLP train 556: "Perform cell surface staining as described" (WLP links "supernatant" as a
    # product too). "discard the supernatant" takes the liquid from the stained samples, which
    # stay: the vortex works on them, not on samples from the shelf
    _, text = program("{Perform} [cell surface staining:Reagent/Product] as described, up to the "
                      "[supernatant:Reagent/Product].\n"
                      "{Discard} the [supernatant:Reagent/Acts-on], and {vortex} the [samples:Reagent/Acts-on].")
    perform, discard, vortex = statements(text)
    stained = perform.split(" = ")[0]
    assert discard == f"DISCARD(site: {stained})"
    assert vortex.split(" = ")[1] == f"VORTEX({stained})"
    assert "input samples" not in text
