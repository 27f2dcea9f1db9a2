"""Translated programs are right by the flow conventions (issue 4, round 15): one wrong
statement per test — discarding a tube kept what was in it; a portion of a medium was taken
from the culture grown in it.
"""

from pdg_helpers import program, statements


def test_discarding_the_tube_after_a_spin_throws_away_what_it_holds():
    # "Centrifuge. Discard the tube": the whole tube goes, the liquid and the pellet in it,
    # not DISCARD(site: pellet), which reads as taking something from the pellet
    _, text = program("{Centrifuge} the [culture:Reagent/Acts-on] for 10 min.\n"
                      "{Discard} the [tube:Location/Acts-on].")
    spin, discard = statements(text)
    assert spin.startswith("supernatant, pellet = CENTRIFUGE(")
    assert discard == "DISCARD(supernatant, pellet)"


def test_discarding_the_tube_throws_away_the_mixture_in_it():
    _, text = program("{Add} 1 ml [buffer:Reagent/Acts-on] to the [cells:Reagent/Site].\n"
                      "{Discard} the [tube:Location/Acts-on].")
    add, discard = statements(text)
    assert discard == f"DISCARD({add.split(' = ')[0]})"


def test_a_part_or_a_lid_named_is_not_the_whole_tube():
    # the liquid named goes from the tube; the collection tube under a spun column holds the
    # flow-through; a lid taken away leaves what it covered
    _, text = program("{Centrifuge} the [culture:Reagent/Acts-on] for 10 min.\n"
                      "{Discard} the [supernatant:Reagent/Acts-on] from the [tube:Location/Site].")
    assert statements(text)[1] == 'DISCARD(supernatant, site: "tube")'
    _, text = program("{Add} 500 ul [lysate:Reagent/Acts-on] to the [spin column:Location/Site].\n"
                      "{Centrifuge} for 1 min.\n"
                      "{Discard} the [collection tube:Location/Acts-on].")
    assert statements(text)[2] == "DISCARD(flow_through)"
    _, text = program("{Add} 1 ml [buffer:Reagent/Acts-on] to the [cells:Reagent/Site].\n"
                      "{Take away} the [plastic cover:Seal/Acts-on].\n"
                      "{Incubate} for 5 min.")
    add, take, incubate = statements(text)
    mixture = add.split(" = ")[0]
    assert take == f"TAKE_AWAY(site: {mixture})"
    assert incubate.split(" = ")[1].startswith(f"INCUBATE({mixture}")


def test_a_portion_of_a_medium_comes_from_the_stock_not_the_culture_grown_in_it():
    # WLP train 221: the culture inoculated with growth medium carries the medium's name, yet
    # "1 mL growth medium" is a fresh portion of the medium on the shelf (the culture, of
    # which only aliquots were taken, is still there)
    _, text = program("{Inoculate} 200 ul [overnight culture:Reagent/Acts-on] with 50 ml "
                      "[growth medium:Reagent/Using].\n"
                      "{Mix} [1 ml aliquots of the culture:Reagent/Acts-on] with [phage stock:Reagent/Using].\n"
                      "{Centrifuge} the [cells:Reagent/Acts-on] for 10 min.\n"
                      "{Remove} the [supernatant:Reagent/Acts-on].\n"
                      "{Resuspend} the [pellet:Reagent/Acts-on] in [1 mL growth medium:Reagent/Using].")
    assert statements(text)[4].split(" = ")[1] == "RESUSPEND(pellet, volume: 1 mL, using: growth_medium)"
