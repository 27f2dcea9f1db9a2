"""Post-rules over the tagger's labels (autodsl.extract.postrules): the mistakes of the
western blot protocol are fixed, and the look-alikes the rules must leave alone are left."""

from __future__ import annotations

import pytest

from autodsl.extract.extractor import extract_text
from autodsl.extract.postrules import fix_labels, noun_use_of_action, split_lists


def _entities(text: str) -> list[tuple[str, str]]:
    return [(e.text, e.type) for e in extract_text(text).entities]


def test_transfer_buffer_is_one_reagent_not_an_action() -> None:
    x = extract_text("Fill the tank with cold transfer buffer.")
    assert [a.text for a in x.actions] == ["Fill"]
    assert ("transfer buffer", "Reagent") in [(e.text, e.type) for e in x.entities]


def test_a_list_of_things_is_one_span_per_item() -> None:
    texts = [t for t, _ in _entities("Soak the membrane, filter paper and sponges in cold transfer buffer for 10 min.")]
    assert "membrane" in texts and "filter paper" in texts
    assert not any("," in t for t in texts)


def test_a_colon_list_is_split_from_its_container() -> None:
    text = "Assemble the sandwich in the cassette: sponge, filter paper, gel, membrane, filter paper, sponge."
    x = extract_text(text)
    texts = [e.text for e in x.entities]
    assert "cassette" in texts and texts.count("filter paper") == 2
    assert not any("," in t or ":" in t for t in texts)
    assert all(text[e.start : e.end] == e.text for e in x.entities)  # offsets still slice the text


@pytest.mark.parametrize(
    "words, labels",
    [
        # a verb with its object, written without an article
        ("Mix solution by pipetting".split(), ["B-Action", "B-Reagent", "O", "B-Action"]),
        ("Transfer medium to tubes".split(), ["B-Action", "B-Reagent", "O", "B-Location"]),
        # after an adverb (a Modifier span in WLP) the word is still a verb
        ("slowly open tank valve".split(), ["B-Modifier", "B-Action", "B-Device", "I-Device"]),
        # a gerund after a preposition, an infinitive after "to"
        ("by heating solution in microwave".split(), ["O", "B-Action", "B-Reagent", "O", "B-Device"]),
        ("used to wash buffer".split(), ["O", "O", "B-Action", "B-Reagent"]),
        # not a head word of a reagent or apparatus
        ("the spin column".split(), ["O", "B-Action", "B-Device"]),
    ],
)
def test_verbs_before_reagents_stay_actions(words: list[str], labels: list[str]) -> None:
    fixed = list(labels)
    assert noun_use_of_action(words, fixed) == 0
    assert fixed == labels


@pytest.mark.parametrize(
    "words, labels",
    [
        # a comma inside a concentration-bearing name
        ("10 mM Tris - HCl , pH 8".split(), ["B-Reagent"] + ["I-Reagent"] * 7),
        # a ratio of reagents: a colon with no comma list after it
        ("phenol : chloroform : isoamyl alcohol".split(), ["B-Reagent"] + ["I-Reagent"] * 5),
        # two names with only a comma between them: an apposition
        ("Gene Pulser Xcell , Biorad .".split(), ["B-Device"] * 1 + ["I-Device"] * 4 + ["O"]),
        # the span ran into a clause starting with a lab verb
        ("gel green , mix and cast".split(), ["B-Reagent", "I-Reagent", "I-Reagent", "I-Reagent", "O", "B-Action"]),
        # coordinated adjectives are one Modifier
        ("healthy , freshly collected , washed".split(), ["B-Modifier"] + ["I-Modifier"] * 5),
    ],
)
def test_spans_that_are_not_lists_are_kept(words: list[str], labels: list[str]) -> None:
    fixed = list(labels)
    assert split_lists(words, fixed) == 0
    assert fixed == labels


def test_a_list_with_a_conjunction_inside_is_split() -> None:
    words = "needle holder , straight forceps , and suture".split()
    labels = ["B-Device"] + ["I-Device"] * 7
    assert fix_labels(words, labels) == [
        "B-Device", "I-Device", "O", "B-Device", "I-Device", "O", "O", "B-Device",
    ]
