"""Sentences that are not steps stay out of the operations (issue 4): prohibitions written as
"be careful not to ...", conditions ("Once lysed, ..."), and what the text says will happen by
itself ("The bubbles will ... dissipate"). Each becomes a note, and the steps around it stay.
"""

from pdg_helpers import verbs_and_notes as _verbs_and_notes


def test_careful_not_to_is_a_prohibition():
    verbs, notes = _verbs_and_notes(
        "{Centrifuge} the [cells:Reagent/Acts-on] for [5 min:Time/Setting].\n"
        "Be careful not to {disturb} the [pellet:Reagent/Acts-on].\n"
        "{Remove} the [supernatant:Reagent/Acts-on] taking care not to {touch} the [beads:Reagent/Acts-on].\n"
        "{Pipet} up and down so as not to {puncture} the [membrane:Reagent/Acts-on].")
    assert verbs == ["centrifuge", "remove", "pipette"]
    assert sum("a prohibition" in n for n in notes) == 3


def test_a_to_infinitive_without_not_stays_a_step():
    verbs, _ = _verbs_and_notes("{Invert} the [tube:Location/Acts-on] to {mix}.\n"
                                "Be careful to {remove} all [ethanol:Reagent/Acts-on].")
    assert verbs == ["invert", "mix", "remove"]


def test_a_participle_stating_when_is_a_condition():
    verbs, notes = _verbs_and_notes(
        "{Vortex} for [2 min:Time/Setting].\n"
        "Once thoroughly {lysed} (foam may appear), {transfer} the [lysate:Reagent/Acts-on] to a new tube.\n"
        "When {cooled}, {add} [buffer:Reagent/Acts-on].")
    assert verbs == ["vortex", "transfer", "add"]
    assert sum("a condition" in n for n in notes) == 2


def test_a_participle_after_when_that_is_no_condition_stays():
    # "when" + a participle that is the clause's own step, not a comma-closed condition
    verbs, _ = _verbs_and_notes("{Mix} gently when {finished} pipetting the [sample:Reagent/Acts-on].\n"
                                "{Lyse} the [cells:Reagent/Acts-on].")
    assert verbs == ["mix", "finish", "lyse"]


def test_what_will_happen_by_itself_is_a_description():
    verbs, notes = _verbs_and_notes(
        "{Place} the [PDMS:Reagent/Acts-on] in a [vacuum chamber:Location/Site].\n"
        "The bubbles will rise to the top and {dissipate} as the PDMS cures.\n"
        "{Cure} at [65 C:Temperature/Setting].", domain="materials")
    assert "dissipate" not in verbs and "place" in verbs
    assert any("a description" in n for n in notes)


def test_a_known_step_written_in_the_future_stays():
    # "Bravo will add the beads": an operation of the domain, written in the future; X-WLP keeps these
    verbs, _ = _verbs_and_notes("The robot will {add} the [beads:Reagent/Acts-on] to the [DNA:Reagent/Site].\n"
                                "{Centrifuge} for [1 min:Time/Setting].", domain="materials")
    assert verbs == ["add", "centrifuge"]
