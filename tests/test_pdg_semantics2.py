"""Translated programs read right to a bench scientist, round 4 (issue 4): one kind of wrong
statement per test — made-up inputs, a discarded material used again, alternatives, spins.
"""

from pdg_helpers import make

from autodsl.driver import translate
from autodsl.emit.printer import print_program
from autodsl.extract.models import Argument


def program(marked, extra_args=()):
    """The printed program of ``marked``; ``extra_args``: (action id, role, entity id) links
    the extractor also made (one span the argument of two actions)."""
    p, x = make(marked)
    if extra_args:
        actions = []
        for a in x.actions:
            more = [Argument(role=role, entity=ent) for act, role, ent in extra_args if act == a.id]
            actions.append(a.model_copy(update={"args": [*a.args, *more]}) if more else a)
        x = x.model_copy(update={"actions": actions})
    pdg = translate(p, extraction=x, auto_domain=False).pdg
    return pdg, print_program(pdg)


def statements(text):
    return [line.split("  #")[0].strip() for line in text.splitlines() if "(" in line and not line.startswith("protocol")]


def test_what_a_discard_just_took_is_no_argument_of_the_next_action_of_its_sentence():
    # the extractor linked "supernatant" to both "Pour off" and "dissolve"
    _, text = program("{Centrifuge} the [samples:Reagent/Acts-on].\n"
                      "{Pour off} the [supernatant:Reagent/Acts-on] and {dissolve} the [pellet:Reagent/Acts-on] "
                      "in [PBS:Reagent/Site].", extra_args=[("A3", "Acts-on", "T2")])
    lines = statements(text)
    assert lines[1] == "POUR_OFF(supernatant)"
    assert lines[2].startswith("solution = DISSOLVE(pellet")
    assert "supernatant" not in lines[2] and "input supernatant" not in text


def test_a_spin_whose_linked_product_names_no_part_does_not_split():
    # "Spin PCR tubes to mix the DNA": no supernatant, no pellet, and nothing later names one
    _, text = program("{Spin} the [PCR tubes:Location/Acts-on] to mix the [DNA:Reagent/Product].\n"
                      "{Place} the [PCR tubes:Location/Acts-on] in the [thermal cycler:Device/Site].",
                      )
    assert "pellet" not in text and "supernatant" not in text


def test_of_two_alternative_reagents_the_first_is_used_and_the_other_is_a_note():
    _, text = program("{Centrifuge} the [culture:Reagent/Acts-on].\n"
                      "{Discard} the [supernatant:Reagent/Acts-on].\n"
                      "{Resuspend} the [pellet:Reagent/Acts-on] in [water:Reagent/Site] or [TE buffer:Reagent/Site].")
    resuspend = next(line for line in text.splitlines() if "RESUSPEND(" in line)
    assert "water" in resuspend.split("#")[0] and "TE_buffer" not in resuspend.split("#")[0]
    assert resuspend.endswith("or TE buffer")
    assert "input TE_buffer" not in text


def test_aliquots_are_a_portion_of_what_is_worked_on_not_an_input():
    _, text = program("{Vortex} the [lysate:Reagent/Acts-on].\n"
                      "{Transfer} 100 ul [aliquots:Reagent/Acts-on] to [new tubes:Location/Site].")
    assert "input aliquots" not in text
    assert statements(text)[1].startswith("lysate_3 = TRANSFER(lysate_2")


def test_a_generic_mention_beside_a_new_reagent_is_what_was_worked_on():
    # "Add 400 ul BCP per ml of sample": BCP is new, the sample is the lysate worked on
    _, text = program("{Incubate} the [lysate:Reagent/Acts-on] for 5 min.\n"
                      "{Add} 400 ul [BCP:Reagent/Acts-on] per ml of [sample:Reagent/Site].")
    assert "input sample" not in text
    assert "lysate_2" in statements(text)[1]


def test_data_named_by_a_computational_step_is_no_input():
    _, text = program("{Sequence} the [library:Reagent/Acts-on].\n"
                      "{Trim} [raw reads:Reagent/Acts-on] with [Trimmomatic:Reagent/Using].")
    assert "input raw_reads" not in text
