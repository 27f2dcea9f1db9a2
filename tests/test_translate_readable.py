"""Translated programs read right to a bench scientist (issue 4): quantities in the
units a scientist writes, products named by the phrase as written.
"""

import math

import pytest
from pdg_helpers import make

from autodsl.driver import translate
from autodsl.emit.parse import parse
from autodsl.emit.printer import print_program
from autodsl.pdg.model import PDG
from autodsl.validate import check_text


def program(marked):
    p, x = make(marked)
    translation = translate(p, extraction=x, auto_domain=False)
    return translation, print_program(translation.pdg)


def statements(text):
    return [line.split("  #")[0].strip() for line in text.splitlines() if "(" in line and not line.startswith("protocol")]


def _one_slot(record):
    g = PDG(meta={"title": "Q"})
    g.add_node("op1", "operation", "Add", opcode="ADD", order=0, step=1, slots={"amount": record})
    return g


@pytest.mark.parametrize("record, printed", [
    # written as WLP tokenises it: the unit as written, the range in the language's form
    ({"text": "0.1 - 50ng", "value": [1e-07, 5e-05], "unit": "mg", "dimension": "mass"}, "0.1 to 50 ng"),
    ({"text": "2 x 5 min", "value": 300.0, "unit": "s", "dimension": "time"}, "5 min"),
    # no unit in the text: the largest unit the amount reads in shortly
    ({"text": "overnight", "value": [43200.0, 57600.0], "unit": "s", "dimension": "time"}, "12 to 16 h"),
    ({"text": "", "value": 1500.0, "unit": "uL", "dimension": "volume"}, "1.5 mL"),
    ({"text": "", "value": 0.25, "unit": "uL", "dimension": "volume"}, "250 nL"),
    ({"text": "", "value": 90.0, "unit": "s", "dimension": "time"}, "1.5 min"),
    ({"text": "", "value": 100.0, "unit": "s", "dimension": "time"}, "100 s"),
    ({"text": "", "value": 0.01, "unit": "mM", "dimension": "molar_concentration"}, "10 uM"),
    ({"text": "", "value": 1234.5678, "unit": "uL", "dimension": "volume"}, "1234.5678 uL"),
    ({"text": "ice", "value": [0.0, 4.0], "unit": "degC", "dimension": "temperature"}, "0 to 4 degC"),
])
def test_a_quantity_prints_in_a_unit_a_scientist_writes_and_reads_back_the_same(record, printed):
    text = print_program(_one_slot(record))
    assert f"amount: {printed}" in text, text
    slots = [d for _, d in parse(text).nodes("operation")][0]["slots"]
    back, want = slots["amount"]["value"], record["value"]
    want = want if isinstance(want, list) else [want]
    back = back if isinstance(back, list) else [back]
    assert all(math.isclose(b, w, rel_tol=1e-9, abs_tol=1e-15) for b, w in zip(back, want)), (back, want)
    assert slots["amount"]["dimension"] == record["dimension"]


def test_a_translated_amount_reads_as_written_and_check_reads_its_dimension():
    translation, text = program("{Add} [0.1 - 50ng:Amount/Mention] of [DNA:Reagent/Acts-on] to the [cells:Reagent/Site].")
    assert "1e-07" not in text and "0.1 to 50 ng" in text, text
    checked = check_text(text, translation.spec)
    assert not [d for d in checked if d.code in ("unknown-unit", "wrong-dimension", "syntax-error")], checked


def test_a_long_input_names_its_product_by_the_head_as_written():
    # "Thaw XL-10 Gold Ultracompetent cells": cells, not the kind "cell"
    _, text = program("{Thaw} [XL - 10 Gold Ultracompetent cells:Reagent/Acts-on] on [ice:Temperature/Setting].\n"
                      "{Mix} the [cells:Reagent/Acts-on] gently.")
    lines = statements(text)
    assert lines[0].startswith("cells = THAW(XL_10_Gold_Ultracompetent_cells"), lines
    assert "MIX(cells" in lines[1], lines


def test_a_long_phrase_naming_what_is_worked_on_keeps_its_name():
    # the product named "pre-heated NZY broth" is the broth: NZY_broth_2, not "broth"
    _, text = program("{Pre-heat} 0.9 ml of [NZY broth:Reagent/Acts-on] to [42 C:Temperature/Setting], "
                      "giving [pre - heated NZY broth:Reagent/Product].")
    assert statements(text)[0].startswith("NZY_broth_2 = PREHEAT(NZY_broth"), text


@pytest.mark.parametrize("place", ["Location", "Device"])
def test_a_container_of_a_stock_acted_on_works_on_the_stock(place):
    # "Thaw a tube of competent cells" where only the tube is the object (as WLP's gold
    # annotates it): the cells are thawed, and mixed after, not lost
    p, x = make(f"{{Thaw}} a [tube:{place}/Acts-on] of [competent cells:Reagent/Mention] on [ice:Location/Site].\n"
                "{Mix} gently.")
    thaw = x.actions[0].model_copy(update={"args": [a for a in x.actions[0].args if a.role != "Mention"]})
    x = x.model_copy(update={"actions": [thaw, *x.actions[1:]]})
    lines = statements(print_program(translate(p, extraction=x, auto_domain=False).pdg))
    assert "THAW(competent_cells" in lines[0] and lines[0].split(" = ")[0] in lines[1], lines
