"""Verb keys: negation, conjunctions, light verbs, particles, prefixes."""

import pytest

from autodsl.induce.verbs import NOISE_VERBS, base_verb, verb_candidates


@pytest.mark.parametrize(
    "lemma, expected_last",
    [
        ("spin down", "spin"),
        ("do not vortex", "vortex"),
        ("don't spin", "spin"),
        ("vortex or pipet", "vortex"),
        ("mix and incubate", "mix"),
        ("let dry", "dry"),
        ("allow to cool", "cool"),
        ("take a picture", "take"),
        ("pour off", "pour"),
        ("recentrifuge", "centrifuge"),
        ("prewarm", "warm"),
    ],
)
def test_most_general_candidate(lemma, expected_last):
    forms = verb_candidates(lemma)
    assert forms[0] == lemma.lower()
    assert forms[-1] == expected_last
    assert len(forms) == len(set(forms))


def test_single_verbs_stay_as_they_are():
    assert verb_candidates("centrifuge") == ["centrifuge"]
    assert verb_candidates("Incubate") == ["incubate"]


def test_base_verb_strips_negation_only():
    assert base_verb("Do not  spin down") == "spin down"
    assert base_verb("without disturb") == "disturb"
    assert base_verb("add") == "add"


def test_noise_stoplist_is_small_and_holds_light_verbs():
    assert {"see", "use", "have", "let"} <= NOISE_VERBS
    assert not {"add", "centrifuge", "incubate", "mix"} & NOISE_VERBS
    assert len(NOISE_VERBS) < 40
