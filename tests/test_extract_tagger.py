"""The CRF tagger's plumbing: BIO labels, spans, sequences, features, linker candidates."""

from __future__ import annotations

from autodsl.corpus.models import Protocol, Step
from autodsl.extract.features import WordFeatures, word_shape
from autodsl.extract.linker import candidate_pairs, locate_spans
from autodsl.extract.segment import tokenize
from autodsl.extract.tagger import MAX_SEQUENCE_TOKENS, bio_labels, spans_from_labels, token_sequences


def _protocol(text: str, steps: list[tuple[int, int]]) -> Protocol:
    return Protocol(
        id="t", title="", format="text", text=text,
        steps=[Step(index=k + 1, text=text[a:b], start=a, end=b) for k, (a, b) in enumerate(steps)],
    )


def test_bio_round_trip_keeps_spans() -> None:
    text = "Centrifuge the tube at 12,000 x g for 5 min ."
    toks = tokenize(text)
    gold = [(0, 10, "Action"), (15, 19, "Location"), (23, 33, "Speed"), (38, 43, "Time")]
    labels = bio_labels(toks, gold)
    assert labels[:2] == ["B-Action", "O"]
    assert labels[4:7] == ["B-Speed", "I-Speed", "I-Speed"]
    assert spans_from_labels(toks, labels) == sorted(gold)


def test_overlapping_gold_keeps_the_longer_span() -> None:
    toks = tokenize("cold PBS buffer")
    labels = bio_labels(toks, [(5, 8, "Reagent"), (0, 15, "Reagent"), (0, 4, "Modifier")])
    assert labels == ["B-Reagent", "I-Reagent", "I-Reagent"]


def test_span_not_on_token_boundaries_is_not_labelled() -> None:
    toks = tokenize("Add 5ml")
    assert bio_labels(toks, [(4, 6, "Amount")]) == ["O", "O", "O"]


def test_stray_inside_label_starts_a_span() -> None:
    toks = tokenize("a b c")
    assert spans_from_labels(toks, ["I-Reagent", "I-Reagent", "B-Time"]) == [(0, 3, "Reagent"), (4, 5, "Time")]
    assert spans_from_labels(toks, ["B-Reagent", "I-Time", "O"]) == [(0, 1, "Reagent"), (2, 3, "Time")]


def test_long_sentence_is_cut_into_bounded_chunks() -> None:
    text = " ".join(["word"] * 1000)
    seqs = token_sequences(_protocol(text, [(0, len(text))]))
    assert all(len(s.tokens) <= MAX_SEQUENCE_TOKENS for s in seqs)
    assert sum(len(s.tokens) for s in seqs) == 1000
    assert [s.sentence for s in seqs] == list(range(len(seqs)))


def test_multi_line_step_is_one_sentence_and_offsets_stay_exact() -> None:
    text = "Title\n1. Spin the tube\n   at 4 C.\n2. Mix."
    a = text.index("Spin")
    b = text.index("C.") + 2
    seqs = token_sequences(_protocol(text, [(a, b), (text.index("Mix"), len(text))]))
    assert len(seqs) == 2
    assert [t.text for t in seqs[0].tokens] == ["Spin", "the", "tube", "at", "4", "C", "."]
    assert all(text[t.start : t.end] == t.text for s in seqs for t in s.tokens)
    assert [s.step for s in seqs] == [1, 2]


def test_word_features_are_cached_and_have_context() -> None:
    wf = WordFeatures(lexicon={"spin": ("Action", 0.95, 0.95)}, clusters={"tube": (1, 2)})
    feats = wf.sentence(["Spin", "the", "tube"])
    assert "lexT=Action" in feats[0] and "lexA=9" in feats[0]
    assert "+2|c1=1" in feats[0] and "-1|w=the" in feats[2]
    assert "BOS" in feats[0] and "EOS" in feats[2] and "first-word" in feats[0]
    assert wf.sentence(["Spin", "the", "tube"]) == feats
    assert word_shape("Tris-HCl") == "Xxxx-XXx"


def test_very_long_word_gives_bounded_features() -> None:
    feats = WordFeatures().sentence(["x" * 100_000])
    assert max(len(f) for f in feats[0]) < 100


def test_linker_candidates_cover_sentence_previous_actions_and_next_entities() -> None:
    text = "Add buffer to tube .\nSpin it .\nCollect pellet ."
    steps = [(0, 20), (21, 30), (31, len(text))]
    p = _protocol(text, steps)
    seqs = token_sequences(p)
    typed = [(0, 3, "Action"), (4, 10, "Reagent"), (14, 18, "Location"), (21, 25, "Action"),
             (26, 28, "Mention"), (31, 38, "Action"), (39, 45, "Reagent")]
    located = [s for _, s in locate_spans(seqs, typed, text)]
    assert [s.type for s in located] == [t[2] for t in typed]
    pairs = {(text[a.start:a.end], text[s.start:s.end], scope) for a, s, scope in candidate_pairs(located)}
    assert ("Add", "buffer", "same") in pairs and ("Add", "it", "next") in pairs
    assert ("Spin", "Add", "prev") in pairs and ("Collect", "Add", "prev") in pairs
    assert ("Collect", "pellet", "same") in pairs
    assert not any(a == "Add" and scope == "prev" for a, _, scope in pairs)


def test_bilou_round_trip_and_decoding_of_broken_sequences() -> None:
    toks = tokenize("spin the lysate at 4 °C now")
    gold = [(0, 4, "Action"), (9, 15, "Reagent"), (19, 23, "Temperature")]
    labels = bio_labels(toks, gold, scheme="BILOU")
    assert labels == ["U-Action", "O", "U-Reagent", "O", "B-Temperature", "I-Temperature", "L-Temperature", "O"]
    assert spans_from_labels(toks, labels) == gold
    # an L- closes its span: the I- after it starts a new one
    assert spans_from_labels(toks[:3], ["B-Reagent", "L-Reagent", "I-Reagent"]) == [(0, 8, "Reagent"), (9, 15, "Reagent")]
