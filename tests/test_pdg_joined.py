"""Operations that put several stocks together (issue 4), and words with digits that are no
amount.

"Anneal A and B" or "Heat A and B in a tube" makes one material of the two stocks, while
"Thaw A and B" and "Warm A and B in tubes" leave each its own. (Amounts glued to their unit,
"8μl TE", were measured as amounts in mentions and not kept: docs/translate.md.)
"""

import pytest
from pdg_helpers import program

from autodsl.pdg.lexicon import mention


@pytest.mark.parametrize("phrase", ["T4 ligase", "H2O", "the buffer", "buffer 2"])
def test_a_word_with_digits_is_no_amount(phrase):
    assert not mention(phrase).fresh


def _consumed(pdg, op):
    return [pdg.referent(m) for m, _, d in pdg.graph.in_edges(op, data=True) if d["kind"] == "consumes"]


def _made(pdg, op):
    return [m for _, m, d in pdg.graph.out_edges(op, data=True) if d["kind"] == "produces"]


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



@pytest.mark.parametrize("marked", [
    # weighing *out* portions whatever amounts the text gives, or none
    "{Weigh out} [NaCl:Reagent/Acts-on] and [tryptone:Reagent/Acts-on] into a [flask:Location/Site].",
    # (amounts kept apart as each reagent's own portion too: autodsl.pdg.observations' examples)
])
def test_reagents_weighed_out_are_what_the_next_step_takes(marked):
    pdg, _ = program(marked + "\n{Add} [900 ml:Amount/Measure] [water:Reagent/Acts-on].")
    made = _made(pdg, "op1")
    assert made and set(made) & set(_consumed(pdg, "op2"))
