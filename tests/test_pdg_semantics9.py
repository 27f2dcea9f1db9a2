"""Translated programs are right by the flow conventions (issue 4, round 16): a stock prepared
for the first time is not the material worked on; a concentration that names a stock is not a
setting of an operation that adds none of it.
"""

from pdg_helpers import program, statements


def test_diluting_a_stock_named_for_the_first_time_takes_only_that_stock():
    # "Dilute 10X Pre-Lysis Buffer": the buffer from the shelf, not the tissue pieces moved before
    _, text = program("{Transfer} [tissue pieces:Reagent/Acts-on] to a [homogenizer:Location/Site].\n"
                      "{Dilute} 10X [Pre-Lysis Buffer:Reagent/Acts-on] with [water:Reagent/Using].")
    move, dilute = statements(text)
    assert "tissue_pieces" in move
    assert "tissue_pieces" not in dilute and "homogenizer" not in dilute
    assert "Pre_Lysis_Buffer" in dilute


def test_a_stock_melted_in_the_passive_is_its_own_material():
    _, text = program("{Mix} the [oil:Reagent/Acts-on] with [ethanol:Reagent/Using].\n"
                      "Solid [fat:Reagent/Acts-on] should be {melted} first.")
    mix, melt = statements(text)
    assert melt.split(" = ")[1] == "MELT(fat)"
    assert mix.split(" = ")[0] == "mixture"


def test_diluting_into_a_medium_still_works_on_the_current_material():
    # "Dilute the pellet in TE": TE after a preposition is the medium, what is worked on flows in
    _, text = program("{Centrifuge} the [culture:Reagent/Acts-on] for 10 min.\n"
                      "{Dilute} in 1X [TE:Reagent/Acts-on].")
    spin, dilute = statements(text)
    assert spin.split(" = ")[0] in dilute.split(" = ")[1]


def test_a_concentration_before_a_thawed_reagent_names_the_stock_not_a_setting():
    pdg, text = program("{Thaw} the [primers:Reagent/Acts-on] and [5X:Concentration/Mention] "
                        "[reaction buffer:Reagent/Acts-on] on ice.\n"
                        "{Add} 10 ul of [5X:Concentration/Mention] [reaction buffer:Reagent/Acts-on] "
                        "to a [PCR tube:Location/Site].", unheld=True)
    thaw, add = statements(text)
    assert "5 X" not in thaw and "fold" not in thaw and "concentration" not in thaw
    assert 'input reaction_buffer "5X reaction buffer"' in text.splitlines()
    # an operation that adds the reagent takes it at that concentration, as before
    assert "5 X" in add


def test_a_concentration_before_a_vortexed_product_is_kept_for_the_reader_not_as_a_slot():
    pdg, text = program("{Mix} [buffer:Reagent/Acts-on] with [water:Reagent/Using].\n"
                        "{Vortex} the [2X:Concentration/Mention] [mixture:Reagent/Acts-on].", unheld=True)
    vortex = statements(text)[1]
    assert "2 X" not in vortex.split("#")[0]
    op = next(n for n, d in pdg.nodes("operation") if d["verb"] == "vortex")
    assert [r["text"] for r in pdg.graph.nodes[op].get("extra_slots", [])] == ["2X"]
