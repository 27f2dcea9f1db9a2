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


def _inst(lemma, surface, initial=False, context=()):
    from autodsl.induce.features import InstanceAction

    return InstanceAction(protocol="p", lemma=lemma, surface=surface, initial=initial, context=context)


def test_verb_evidence_from_inflection_and_imperatives():
    from autodsl.induce.verbs import verb_evidence

    found = verb_evidence([
        _inst("triturate", "Triturate", initial=True, context=("the", "cells")),
        _inst("triturate", "triturating"),
        _inst("aorta", "Aorta", initial=True, context=("was", "cut")),  # a subject, not an order
        _inst("benzyl", "benzyl"),  # mid-sentence, base form: no evidence
        _inst("quality", "Quality", initial=True, context=("control",)),  # looks like a noun
        _inst("primers", "Primers", initial=True, context=("for", "pcr")),  # a plural
        _inst("press", "Press", initial=True, context=("the", "button")),
    ])
    assert found == {"triturate": 2, "press": 1}


def test_head_verbs_drop_nouns_and_swallowed_objects():
    from autodsl.induce.verbs import attested_verbs, head_verb

    verbs = attested_verbs([_inst("mince", "minced")])
    assert "mince" in verbs and "add" in verbs  # corpus evidence, and the lab-verb lexicon
    assert head_verb("add physical barriers", verbs) == "add"
    assert head_verb("appears clear transfer", verbs) == "transfer"
    for noise in ("abdomen", "aorta", "hindlimbs", "benzyl", "absorbance readings"):
        assert head_verb(noise, verbs) is None
    assert head_verb("spin down", verbs) == "spin down"  # a phrasal verb stays
    assert head_verb("remove and discard", verbs) == "remove and discard"
    assert head_verb("let dry", verbs) == "dry"
    assert head_verb("centrifugation", verbs) == "centrifuge"
    assert head_verb("addition", verbs) == "add"
    assert head_verb("make sure", verbs) == "make sure"  # noise verbs are judged by learning


def test_nouns_of_action_prefer_their_verb_even_when_attested():
    from autodsl.induce.verbs import head_verb

    assert head_verb("incubation", frozenset({"incubation", "incubate"})) == "incubate"
