"""Translated programs read right to a bench scientist (issue 4): one kind of wrong
statement per test — a fresh stock pulled into the work, an empty container as a product, an
add losing its reagent, advice read as a step.
"""

from pdg_helpers import program, statements


def test_a_fresh_stock_readied_takes_only_that_stock():
    # "Pre-heat 0.9 ml of NZY broth", then "Thaw competent cells": neither takes what came before
    _, text = program("{Centrifuge} the [culture:Reagent/Acts-on] for [5 min:Time/Setting].\n"
                      "{Pre-heat} 0.9 ml of [NZY broth:Reagent/Acts-on] to [42 C:Temperature/Setting].\n"
                      "{Thaw} [competent cells:Reagent/Acts-on] on [ice:Temperature/Setting].")
    lines = statements(text)
    assert lines[1].startswith("NZY_broth_2 = PREHEAT(NZY_broth,") and "culture" not in lines[1]
    assert "THAW(competent_cells," in lines[2] and "NZY_broth" not in lines[2] and "culture" not in lines[2]


def test_a_measured_medium_still_takes_what_is_worked_on():
    # "Resuspend into 567 ul TE" (the extractor giving TE as the object): the pellet is resuspended
    _, text = program("{Centrifuge} the [culture:Reagent/Acts-on] for [5 min:Time/Setting].\n"
                      "{Resuspend} into 567 ul [TE:Reagent/Acts-on].")
    assert "culture_2" in statements(text)[1]


def test_readying_an_empty_container_makes_no_product():
    _, text = program("{Pre-chill} 14 ml [sterile culture tubes:Location/Acts-on] on [ice:Temperature/Setting].\n"
                      "{Thaw} [competent cells:Reagent/Acts-on] on [ice:Temperature/Setting].\n"
                      "{Aliquot} the [cells:Reagent/Acts-on] into the [tubes:Location/Site].")
    lines = statements(text)
    assert lines[0].startswith("PRECHILL(") and "product" not in text
    assert "THAW(competent_cells," in lines[1]


def test_an_add_of_a_substance_named_generically_adds_a_stock():
    # "Add 2 ng of DNA" to the cells worked on: the DNA is a stock of its own, not the cells
    _, text = program("{Incubate} the [cells:Reagent/Acts-on] on [ice:Temperature/Setting].\n"
                      "{Add} 2 ng of [DNA:Reagent/Acts-on].")
    assert "input DNA" in text
    add = statements(text)[1]
    assert "ADD(DNA, cells_2" in add


def test_advice_and_reports_are_notes_not_steps():
    pdg, text = program("{Centrifuge} the [culture:Reagent/Acts-on] for [5 min:Time/Setting].\n"
                        "The pellet may also be {stored} at [-80 C:Temperature/Setting].\n"
                        "Enzymes were {purchased} from [Sigma:Reagent/Acts-on].\n"
                        "The pellet was {washed} with [PBS:Reagent/Using].")
    assert "STORE" not in text and "PURCHASE" not in text and "input Sigma" not in text
    assert "WASH(" in text  # methods written in the past stay steps
    notes = [d.message for d in pdg.diagnostics if d.code == "not-an-operation"]
    assert any("advice" in n for n in notes) and any("a report" in n for n in notes)


def test_nothing_is_added_to_itself():
    # "Add sample to the cells": both words would name the cells worked on; the sample is a stock
    _, text = program("{Incubate} the [cells:Reagent/Acts-on] on [ice:Temperature/Setting].\n"
                      "{Add} [sample:Reagent/Acts-on] to the [cells:Reagent/Site].")
    assert "input sample" in text
    assert statements(text)[1].startswith("mixture = ADD(sample, cells_2")
