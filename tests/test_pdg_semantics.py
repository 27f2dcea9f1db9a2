"""Translated programs read right to a bench scientist: one bug of meaning per test (issue 4).

Each test is a small protocol (marked up as in :mod:`pdg_helpers`) and what its program or
PDG must say: how often an operation runs, which material a phrase names, what a discard
removes, and what products are called.
"""

import re

from pdg_helpers import program, statements

from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec
from autodsl.validate import check_text


def test_a_repeat_block_is_the_only_count_of_a_repeated_operation():
    # "wash twice" is two washes: a repeat block, and no count slot that would double it
    pdg, text = program("{Wash} the [cells:Reagent/Acts-on] [twice:Numerical/Count] with [PBS:Reagent/Using].")
    assert "repeat 2 times {" in text
    assert "count" not in text
    assert "count" not in pdg.graph.nodes["op1"]["slots"]


def test_a_count_of_one_mixing_action_is_a_slot_and_no_block():
    # "invert 6 times" is how to mix, said once as a slot, even when the extractor gave no count
    spec = DslSpec(domain="d", operations=[OperationSpec(opcode="INVERT", verbs={"invert": 3}, slots=[
        SlotSpec(name="count", role="Count", type="Numerical")])])
    pdg, text = program("{Invert} the [tube:Location/Acts-on] 6-8 times.", spec=spec)
    assert "repeat" not in text
    assert pdg.graph.nodes["op1"]["slots"]["count"]["text"] == "6-8"
    assert 'count: "6-8"' in text


def test_a_new_reagent_beside_a_product_is_an_input_not_the_products_name():
    # the extractor's one phrase "organic layer over anhydrous magnesium sulfate" names the
    # washed layer and a new reagent, the drying agent
    _, text = program(
        "{Separate} the [layers:Reagent/Acts-on] and {discard} the [aqueous layer:Reagent/Acts-on].\n"
        "{Wash} the [organic layer:Reagent/Acts-on] with [brine:Reagent/Using].\n"
        "{Dry} the [organic layer over anhydrous magnesium sulfate:Reagent/Acts-on].")
    lines = statements(text)
    assert lines[0].startswith("aqueous_layer, organic_layer = SEPARATE(")
    assert lines[2].startswith("organic_layer_2 = WASH(organic_layer")
    assert lines[3].endswith("DRY(organic_layer_2, using: anhydrous_magnesium_sulfate)")
    assert "input anhydrous_magnesium_sulfate" in text
    assert "sulfate =" not in text


def test_a_verb_before_the_article_is_no_adjective_of_the_mention():
    # "Separate" (also an adjective: "a separate tube") before "the layers" is the verb; the
    # layers are the mixture worked on, not a new input
    pdg, text = program("{Mix} the [mixture:Reagent/Acts-on].\n{Separate} the [layers:Reagent/Acts-on].\n"
                        "{Discard} the [aqueous layer:Reagent/Acts-on].")
    assert "input layers" not in text
    assert any(line.startswith("aqueous_layer, organic_layer = SEPARATE(mixture_2") for line in statements(text))


def test_aspirating_a_wash_liquid_discards_it_from_the_cells_which_stay():
    _, text = program("{Rinse} the [cells:Reagent/Acts-on] with [5 ml:Amount/Measure] of [PBS:Reagent/Using].\n"
                      "{Aspirate} the [PBS:Reagent/Acts-on].\n"
                      "{Add} [trypsin:Reagent/Acts-on].")
    lines = statements(text)
    assert lines[0].startswith("cells_2 = RINSE(cells")
    assert lines[1] == "ASPIRATE(PBS, site: cells_2)"
    assert lines[2] == "mixture = ADD(trypsin, cells_2)"  # the rinsed cells stayed
    assert not [d for d in check_text(text) if d.severity == "error"]


def test_aspirating_from_a_container_a_fresh_stock_never_went_into_takes_what_is_there():
    # the warmed fresh medium stays for later; what is aspirated is the spent medium in the flask
    _, text = program("{Warm} the [medium:Reagent/Acts-on] and [trypsin:Reagent/Acts-on].\n"
                      "{Aspirate} the [medium:Reagent/Acts-on] from the [flask:Location/Site].\n"
                      "{Add} [10 ml:Amount/Measure] of [medium:Reagent/Acts-on] to the [cells:Reagent/Site].")
    lines = statements(text)
    assert lines[0] == "medium_2, trypsin_2 = WARM(medium, trypsin)"
    spent = lines[1].removeprefix("ASPIRATE(").split(",")[0]
    assert spent not in ("medium", "medium_2") and f'input {spent} "medium"' in text
    assert lines[1] == f'ASPIRATE({spent}, site: "flask")'
    assert "ADD(medium_2" in lines[2]


def test_remove_and_discard_is_one_removal_not_a_discard_of_what_is_left():
    pdg, text = program("{Centrifuge} the [cells:Reagent/Acts-on].\n"
                        "{Remove} the [supernatant:Reagent/Acts-on] and {discard}.\n"
                        "{Resuspend} the [cells:Reagent/Acts-on] in [buffer:Reagent/Site].")
    lines = statements(text)
    assert lines[1].startswith("REMOVE(supernatant")
    assert lines[2] == "DISCARD()"
    assert "RESUSPEND(pellet" in lines[3]


def test_a_product_is_not_named_after_the_container_it_sits_in():
    spec = DslSpec(domain="d", operations=[OperationSpec(opcode="ADD", verbs={"add": 3}, slots=[
        SlotSpec(name="site", role="Site", type="Location"),
        SlotSpec(name="volume", role="Measure", type="Amount", dimension="volume")])])
    _, text = program("{Add} [cells:Reagent/Acts-on] to the [flask:Location/Site].\n"
                      "{Add} [2 ml:Amount/Measure] of [trypsin:Reagent/Acts-on] to the [flask:Location/Site]"
                      "[flask:Location/Product].", spec=spec)
    lines = statements(text)
    assert not any(line.startswith("flask") for line in lines)
    assert "container flask" in text and "flask_2" not in text
    # the flask stands for the cells in it: they are the site, not a second positional input
    assert lines[1] == "mixture_2 = ADD(trypsin, volume: 2 ml, site: mixture)"


def test_a_product_of_the_cells_is_named_as_written():
    _, text = program("{Rinse} the [cells:Reagent/Acts-on] with [PBS:Reagent/Using].\n"
                      "{Incubate} the [cells:Reagent/Acts-on].")
    lines = statements(text)
    assert lines[0].startswith("cells_2 = RINSE(cells")
    assert lines[1].startswith("cells_3 = INCUBATE(cells_2")
    assert "cell =" not in text and "cell_2" not in text


def test_a_washed_material_keeps_its_own_name_not_the_wash_liquids():
    # "Wash the ovaries with PBS" makes washed ovaries, not a PBS
    _, text = program("{Transfer} the [ovaries:Reagent/Acts-on] into the [fix:Reagent/Site].\n"
                      "{Wash} the [ovaries:Reagent/Acts-on] with [1X PBS:Reagent/Using].")
    lines = statements(text)
    assert lines[1].startswith("ovaries_3 = WASH(ovaries_2")
    assert "PBS_2" not in text


def test_decanting_into_a_clean_container_keeps_what_is_decanted():
    # "Decant the supernatant to clean bottles": moved, not thrown away; the next spin takes it
    _, text = program("{Centrifuge} the [lysate:Reagent/Acts-on].\n"
                      "{Decant} the [supernatant:Reagent/Acts-on] to clean [bottles:Location/Site].\n"
                      "{Centrifuge} the [supernatant:Reagent/Acts-on].\n"
                      "{Decant} the [supernatant:Reagent/Acts-on] into a waste [beaker:Location/Site].")
    lines = statements(text)
    assert lines[1].startswith("supernatant_2 = DECANT(supernatant")
    assert lines[2].startswith("supernatant_3, pellet_2 = CENTRIFUGE(supernatant_2")
    assert lines[3].startswith("DECANT(supernatant_3")  # into waste: thrown away, no product


def test_adding_a_reagent_per_tube_adds_it_to_the_current_material():
    # "per tube" brings no new place: the heat-pulsed cells get the medium; "a new tube" does
    _, text = program("{Heat} the [cells:Reagent/Acts-on].\n"
                      "{Add} [80 µl:Amount/Measure] of [SOC medium:Reagent/Acts-on] per [tube:Location/Site].")
    assert statements(text)[1].startswith("mixture = ADD(SOC_medium, cells_2")
    _, text = program("{Heat} the [cells:Reagent/Acts-on].\n"
                      "{Add} [80 µl:Amount/Measure] of [SOC medium:Reagent/Acts-on] to a [new tube:Location/Site].")
    assert "cells_2" not in statements(text)[1]


def test_what_the_text_calls_the_parts_names_a_separation_not_the_materials_history():
    # a phase extraction long before does not make a later spin's supernatant an aqueous layer
    _, text = program("{Add} [chloroform:Reagent/Acts-on].\n{Centrifuge} the [mixture:Reagent/Acts-on].\n"
                      "{Transfer} the [upper phase:Reagent/Acts-on] to a [new tube:Location/Site].\n"
                      "{Add} [isopropanol:Reagent/Acts-on].\n{Centrifuge}.\n"
                      "{Discard} the [supernatant:Reagent/Acts-on].")
    lines = statements(text)
    assert lines[1].startswith("aqueous_layer, organic_layer = CENTRIFUGE(")
    assert lines[4].startswith("supernatant, pellet = CENTRIFUGE(")
    assert lines[5] == "DISCARD(supernatant)"


def test_a_buffer_poured_into_a_bottle_is_set_aside_and_the_work_goes_on():
    # "Pour out the running buffer into a bottle (to reuse). Remove the gels": the gels, not the buffer
    _, text = program("{Run} the [gels:Reagent/Acts-on] at 150 V.\n"
                      "{Pour out} [1x running buffer:Reagent/Acts-on] into a [bottle:Location/Site].\n"
                      "{Remove} the [gels:Reagent/Acts-on].")
    lines = statements(text)
    assert lines[1].startswith("buffer = POUR_OUT(m_1x_running_buffer")
    assert lines[2].startswith("gels_3 = REMOVE(gels_2")


def test_a_buffer_labelled_by_a_letter_is_the_buffer_prepared_under_that_label():
    # "Prepare Buffer A. ... with Buffer A ... with Buffer C": the capital letter is the name, not an article
    _, text = program("{Prepare} [Buffer A:Reagent/Product].\n{Prepare} [Buffer C:Reagent/Product].\n"
                      "{Spin} the [culture:Reagent/Acts-on].\n"
                      "{Resuspend} the [pellet:Reagent/Acts-on] with [Buffer A:Reagent/Using].\n"
                      "{Dilute} the [suspension:Reagent/Acts-on] with [Buffer C:Reagent/Using].")
    lines = statements(text)
    assert "input Buffer_A" not in text and "input Buffer_C" not in text
    assert lines[3] == "suspension = RESUSPEND(pellet, using: Buffer_A)", lines
    assert lines[4] == "dilution = DILUTE(suspension, using: Buffer_C)", lines


def test_a_reagent_used_again_is_its_stock_not_a_mixture_it_went_into():
    # "Suspend with Buffer B ... Spin ... Dilute with Buffer B": the second use takes the buffer itself,
    # not the suspension that inherited the buffer's name
    _, text = program("{Prepare} [Buffer B:Reagent/Product].\n"
                      "{Suspend} the [cells:Reagent/Acts-on] in [Buffer B:Reagent/Using].\n"
                      "{Spin} the [suspension:Reagent/Acts-on].\n"
                      "{Dilute} the [supernatant:Reagent/Acts-on] with [Buffer B:Reagent/Using].")
    lines = statements(text)
    assert lines[-1] == "dilution = DILUTE(supernatant, using: Buffer_B)", lines


def test_a_product_changed_in_an_if_block_keeps_its_name_so_it_exists_after_the_block():
    _, text = program("{Centrifuge} the [culture:Reagent/Acts-on].\n"
                      "{Resuspend} the [pellet:Reagent/Acts-on] in [buffer:Reagent/Site].\n"
                      "If the pellet is not dissolved, {vortex} the [suspension:Reagent/Acts-on].\n"
                      "{Add} [ethanol:Reagent/Acts-on] to the [suspension:Reagent/Site].")
    lines = text.splitlines()
    block = lines.index(next(line for line in lines if line.startswith("if ")))
    changed = lines[block + 1].strip().split("  #")[0]
    name = changed.split(" = ")[0]
    assert changed == f"{name} = VORTEX({name})"  # one name, whichever exists after the block
    assert re.search(rf"\b{name}\)", lines[block + 3])  # the step after the block takes that name
    assert not [d for d in check_text(text) if d.code in ("conditional-product", "undefined-material")
                or d.severity == "error"]
