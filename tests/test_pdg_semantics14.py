"""A spin whose purpose is to pellet, and the liquid it leaves (issue 4): "Centrifuge to pellet
the cells and aspirate the wash buffer" splits the spin into supernatant and pellet (the
purpose "pellet" is the spin itself, not a second separation), and the wash buffer named
after the spin is the liquid over the pellet, which goes; the pellet stays.
"""

from pdg_helpers import program, statements

from autodsl.induce.registry import get_spec

_WASHED = "{Add} [500 ul:Amount/Measure] of [Wash Buffer A:Reagent/Acts-on] to the [cells:Reagent/Site].\n"


def test_a_spin_to_pellet_splits_when_a_discard_follows_its_purpose():
    _, text = program(_WASHED + "{Centrifuge} to {pellet} the [cells:Reagent/Acts-on].\n"
                                "{Discard} the [supernatant:Reagent/Acts-on].", spec=get_spec("wetlab"))
    lines = statements(text)
    assert lines[1].startswith("supernatant, pellet = ") and "(mixture" in lines[1], text
    assert lines[2] == "DISCARD(supernatant)", text


def test_aspirating_the_wash_buffer_after_a_spin_takes_the_liquid_over_the_pellet():
    _, text = program(_WASHED + "{Centrifuge} to {pellet} the [cells:Reagent/Acts-on] and "
                                "{aspirate} [Wash Buffer A:Reagent/Acts-on].", spec=get_spec("wetlab"))
    lines = statements(text)
    assert lines[1].startswith("supernatant, pellet = "), text
    assert lines[2] == "DISCARD(supernatant)", text


def test_the_material_spun_is_not_taken_for_the_liquid():
    # "aspirate the cells" names what the pellet is: not the liquid (unchanged behaviour)
    _, text = program(_WASHED + "{Centrifuge} and {aspirate} the [cells:Reagent/Acts-on].", spec=get_spec("wetlab"))
    assert "DISCARD(supernatant)" not in statements(text), text
