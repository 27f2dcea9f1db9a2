"""Amounts glued to their unit, and operations that put several stocks together (issue 4).

"8μl TE" is a fresh portion of the TE stock just as "8 µl TE" is; "Anneal A and B" or
"Heat A and B in a tube" makes one material of the two stocks, while "Thaw A and B" and
"Warm A and B in tubes" leave each its own.
"""

import pytest
from pdg_helpers import program

from autodsl.pdg.lexicon import mention


@pytest.mark.parametrize("phrase", ["8μl TE", "40ul EDC", "100µL water", "5mg NaCl", "2.5ml PBS", "250nM primer",
                                    "1M NaCl", "10-ml PBS"])
def test_an_amount_glued_to_its_unit_makes_a_fresh_portion(phrase):
    m = mention(phrase)
    assert m.fresh
    assert m.words == frozenset({phrase.split()[-1].lower()})


@pytest.mark.parametrize("phrase", ["T4 ligase", "H2O", "the buffer", "buffer 2"])
def test_a_word_with_digits_is_no_amount(phrase):
    assert not mention(phrase).fresh


def _consumed(pdg, op):
    return [pdg.referent(m) for m, _, d in pdg.graph.in_edges(op, data=True) if d["kind"] == "consumes"]


def _made(pdg, op):
    return [m for _, m, d in pdg.graph.out_edges(op, data=True) if d["kind"] == "produces"]


def test_a_glued_portion_of_a_stock_already_added_comes_from_the_stock():
    # the second "TE" is 8 more µl from the shelf, not the mixture that holds the first 10
    pdg, _ = program("{Add} 10μl [TE:Reagent/Acts-on] to the [cells:Reagent/Site].\n"
                     "{Incubate} for [5 min:Time/Setting].\n"
                     "{Add} 8μl [TE:Reagent/Acts-on].")
    te = [m for m in _consumed(pdg, "op1") if pdg.graph.nodes[m]["label"] == "TE"]
    assert len(te) == 1 and pdg.graph.nodes[te[0]]["role"] == "input"
    assert te[0] in _consumed(pdg, "op3")
    assert not set(_made(pdg, "op1")) & set(_consumed(pdg, "op3"))


@pytest.mark.parametrize("marked", [
    "{Anneal} the [Oligo1:Reagent/Acts-on] and [Oligo2:Reagent/Acts-on] at [95 °C:Temperature/Setting].",
    "{Heat} [Oligo1:Reagent/Acts-on] and [Oligo2:Reagent/Acts-on] in a [tube:Location/Site] "
    "at [95 °C:Temperature/Setting].",
])
def test_stocks_put_together_make_one_material_the_next_step_takes(marked):
    pdg, _ = program(marked + "\n{Dilute} the [mixture:Reagent/Acts-on].")
    made = _made(pdg, "op1")
    assert len(made) == 1
    assert {pdg.graph.nodes[m]["label"] for m in _consumed(pdg, "op1")} == {"Oligo1", "Oligo2"}
    assert made[0] in _consumed(pdg, "op2")


@pytest.mark.parametrize("marked", [
    "{Thaw} the [primers:Reagent/Acts-on] and [buffer:Reagent/Acts-on] on [ice:Location/Site].",
    "{Warm} the [primers:Reagent/Acts-on] and [buffer:Reagent/Acts-on] in [tubes:Location/Site].",
])
def test_stocks_treated_each_in_its_place_stay_apart(marked):
    pdg, _ = program(marked)
    assert len(_made(pdg, "op1")) == 2
