"""Verb keys: negation, conjunctions, light verbs, particles, prefixes."""

import pytest

from autodsl.induce.verbs import NOISE_VERBS, base_verb, verb_candidates


@pytest.mark.parametrize(
    "lemma, general",
    [
        ("spin down", "spin"),
        ("do not vortex", "vortex"),
        ("don't spin", "spin"),
        ("vortex or pipet", "vortex"),
        ("mix and incubate", "mix"),
        ("let dry", "dry"),
        ("allow to cool", "cool"),
        ("take a picture", "take"),
        ("pulse-spin", "spin"),
        ("pcr purify", "purify"),
        ("centrifugation", "centrifuge"),
        ("purification", "purify"),
        ("pour off", "pour"),
        ("recentrifuge", "centrifuge"),
        ("prewarm", "warm"),
    ],
)
def test_general_forms(lemma, general):
    forms = verb_candidates(lemma)
    assert forms[0] == lemma.lower()
    assert general in forms[1:]
    assert len(forms) == len(set(forms))


def test_specific_forms_come_first():
    forms = verb_candidates("take a picture")
    assert forms.index("take") < forms.index("picture")
    assert verb_candidates("recentrifuge")[0] == "recentrifuge"


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
