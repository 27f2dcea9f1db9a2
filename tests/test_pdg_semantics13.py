"""A brief spin only collects droplets at the bottom of the tube (issue 4, round 20): "Vortex
and pulse spin. Incubate ... Remove the supernatant" several operations on names what a later
separation (a magnetic stand) left, so the pulse spin yields the spun reaction, not a
supernatant and a pellet. A brief spin still splits on strong evidence right after it.
"""

import re

from pdg_helpers import program, statements

from autodsl.extract.models import Action
from autodsl.pdg.separation import brief_spin

_LATER = ("{Incubate} at [25 °C:Temperature/Setting] for [1 h:Time/Setting].\n"
          "{Add} [beads:Reagent/Acts-on].\n"
          "{Remove} the [supernatant:Reagent/Acts-on].")


def _lhs(statement: str) -> list[str]:
    """The names a statement assigns ("a, b = OP(...)" -> ["a", "b"])."""
    head = statement.split("=")[0] if re.match(r"^[\w, ]+=", statement) else ""
    return [name.strip() for name in head.split(",") if name.strip()]


def test_a_pulse_spin_yields_the_spun_reaction_though_a_supernatant_is_named_later():
    _, text = program("{Mix} the [reaction:Reagent/Acts-on] and pulse {spin}.\n" + _LATER)
    spin = statements(text)[1]
    assert len(_lhs(spin)) == 1 and "pellet" not in spin, text
    # what is incubated is what the spin made, not a pellet
    assert f"({_lhs(spin)[0]}" in statements(text)[2], text


def test_a_spin_with_its_manner_after_the_verb_is_brief_too():
    _, text = program("{Mix} the [reaction:Reagent/Acts-on] and {spin} it briefly.\n" + _LATER)
    assert len(_lhs(statements(text)[1])) == 1, text


def test_a_full_spin_still_splits_on_a_supernatant_named_later():
    _, text = program("{Mix} the [reaction:Reagent/Acts-on] and {spin} for [10 min:Time/Setting].\n" + _LATER)
    assert len(_lhs(statements(text)[1])) == 2, text


def test_a_brief_spin_followed_by_a_discard_splits():
    _, text = program("{Spin} the [cells:Reagent/Acts-on] briefly.\n{Discard} the [supernatant:Reagent/Acts-on].")
    assert len(_lhs(statements(text)[0])) == 2, text


def _spin(text: str, word: str = "spin") -> bool:
    start = text.lower().index(word)
    return brief_spin(text, Action(id="A1", start=start, end=start + len(word), text=text[start:start + len(word)],
                                   lemma=word.lower(), step=1))


def test_which_spins_are_brief():
    assert _spin("Quick-spin the tube.") and _spin("Spin down briefly.") and _spin("Spin for 10 s at 13,000 x g.")
    assert _spin("Mix gently and spin down for a few seconds.")
    assert not _spin("Spin down the cells at 300 x g for 5 min.")
    assert not _spin("Centrifuge at 13,000 x g for 10 min, briefly vortex.", "centrifuge")
    assert not _spin("Separate the data by pulse-ID.", "separate")
