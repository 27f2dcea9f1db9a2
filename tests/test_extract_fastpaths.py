"""The extractor's fast paths give, to the bit, what the plain feature lists give.

Segmentation keeps words and offsets instead of Token objects; the scorer keeps per-word
and per-bigram results and adds weights in a fixed order; the role linker keeps per-key
results and decides near ties exactly. These tests pin that they agree with the plain
paths (tokenize, locate_spans, the string features the models were trained on), so that
a speed-up can never change an extraction.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from autodsl.extract.extractor import Extractor
from autodsl.extract.features import WordFeatures
from autodsl.extract.linker import (
    PairContext, candidate_pairs, locate_spans, pair_feature_keys, pair_features, run_features,
)
from autodsl.extract.tagger import spans_from_labels, token_sequences
from autodsl.extract.train import load_annotated

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def dev_protocols() -> list:
    return load_annotated(ROOT / "corpora" / "wlp" / "dev")[:10]


def _linker_input(extractor: Extractor, protocol) -> tuple[list, PairContext]:
    """Candidate pairs of predicted and gold spans (gold ones give other types and gaps)."""
    sequences = token_sequences(protocol)
    typed = [(e.start, e.end, e.type) for e in protocol.brat.entities]
    tagged = extractor.scorer.tag_sentences([[t.text for t in seq.tokens] for seq in sequences])
    for seq, labels in zip(sequences, tagged):
        typed += spans_from_labels(seq.tokens, labels)
    located = [span for _, span in locate_spans(sequences, typed, protocol.text)]
    context = PairContext.of(located, {s.sentence: [t.text for t in s.tokens] for s in sequences})
    return candidate_pairs(located), context


def test_linker_fast_path_gives_the_roles_of_the_feature_strings(dev_protocols: list) -> None:
    extractor = Extractor.load()
    linker = extractor.linker
    checked = 0
    for protocol in dev_protocols:
        pairs, context = _linker_input(extractor, protocol)
        features = [pair_features(a, s, scope, context) for a, s, scope in pairs]
        # twice: once filling the kept feature ids, once reading them
        assert linker.predict_pairs(pairs, context) == linker.predict(features)
        assert linker.predict_pairs(pairs, context) == linker.predict(features)
        checked += len(pairs)
    assert checked > 1000
    assert linker.predict_pairs([], PairContext.of([], {})) == [] == linker.predict([])


def test_pair_feature_keys_build_the_pair_features(dev_protocols: list) -> None:
    extractor = Extractor.load()
    pairs, context = _linker_input(extractor, dev_protocols[0])
    scopes = set()
    for a, s, scope in pairs:
        keys = pair_feature_keys(a, s, scope, context)
        built = [f for key in keys for f in run_features(key)]
        # plain values only, so that the garbage collector can stop tracking kept keys
        assert all(type(v) in (str, int, bool, tuple) for key in keys for v in key)
        assert built == pair_features(a, s, scope, context)
        assert built[0] == "bias" and len(built) == len(set(built))
        scopes.add(scope)
    assert scopes == {"same", "prev", "next"}


def test_scores_do_not_depend_on_the_batch(dev_protocols: list) -> None:
    """A sentence's label scores are the same to the bit alone, in a batch, cold or warm."""
    extractor = Extractor.load()
    sentences = [[t.text for t in seq.tokens] for p in dev_protocols[:3] for seq in token_sequences(p)]
    together = extractor.scorer.scores(sentences)
    fresh = Extractor(extractor.directory).scorer  # empty word and bigram caches
    alone = [fresh.scores([words])[0] for words in reversed(sentences)][::-1]
    assert len(together) == len(alone) == len(sentences)
    for a, b in zip(together, alone):
        assert a.shape == b.shape and np.array_equal(a, b)


def test_phrase_marks_from_candidate_starts_are_the_same() -> None:
    wf = WordFeatures(phrases={"new tube": "Location", "tube rack": "Location", "a b c": "Reagent"})
    lows = "put the new tube rack in a b c a b".split()
    starts = [i for i, low in enumerate(lows) if wf.starts_phrase(low)]
    assert wf.phrase_marks(lows) == wf.phrase_marks(lows, starts) == {
        2: "ph=B-Location", 3: "ph=I-Location", 6: "ph=B-Reagent", 7: "ph=I-Reagent", 8: "ph=I-Reagent",
    }


# ---------------------------------------------------------------- segmentation and spans


def _odd_protocols() -> list:
    from autodsl.extract.extractor import protocol_from_text

    texts = [
        "Title\r\n1. Add 5 ml PBS to\r\n   the tube.\r\n2. Spin at 4 °C. Then mix.",
        "1.\tAdd\t\t5 ml\tbuffer 🧪.\n2. Mix\u00a0well\u2009and spin e.g. at 3,000 x g!",
        ", ".join(["add 5 ml buffer to the new tube and mix"] * 60) + ".",  # over-long: cut into chunks
        "<ol><li>Add <b>50 µl</b> PBS.</li></ol>\n\n\n",
        "",
    ]
    return [protocol_from_text(text) for text in texts]


def test_token_bounds_are_the_tokens() -> None:
    from autodsl.extract.segment import token_bounds, tokenize

    for text in ["", "  ", "Add 5 ml", " Spin at 11,000 x g for 30 sec. ", "a\u00a0b\tc\u2009d", "🧪x_y's 5.2.1,3 °C",
                 "x" * 500 + " " + ". " * 10]:
        for start, end in [(0, None), (1, len(text) - 1)]:
            words, bounds = token_bounds(text, start, end)
            tokens = tokenize(text, start, end)
            assert words == [t.text for t in tokens]
            assert [(start + bounds[2 * i], start + bounds[2 * i + 1]) for i in range(len(words))] == [
                (t.start, t.end) for t in tokens]


def test_word_sequences_tokenize_each_sentence(dev_protocols: list) -> None:
    """The sequences' words and offsets are those of tokenize() over each sentence of each step
    (the plain path: one Token per token), an over-long sentence cut into pieces."""
    from autodsl.extract.segment import sentences, tokenize
    from autodsl.extract.tagger import MAX_SEQUENCE_TOKENS, word_sequences

    for protocol in dev_protocols + _odd_protocols():
        text = protocol.text
        expected = []
        for step in protocol.steps:
            prose = text[step.start : step.end].replace("\r", " ").replace("\n", " ")
            for sent in sentences(prose):
                tokens = tokenize(text, step.start + sent.start, step.start + sent.end)
                expected.append((step.index, [(t.text, t.start, t.end) for t in tokens]))
        sequences = word_sequences(protocol)
        assert [seq.sentence for seq in sequences] == list(range(len(sequences)))
        # each sequence is a piece of one sentence (the whole of it unless it is over-long),
        # the pieces in order
        pieces = iter(sequences)
        for step, triples in expected:
            covered: list = []
            while len(covered) < len(triples):
                seq = next(pieces)
                assert seq.step == step and 0 < len(seq.words) <= MAX_SEQUENCE_TOKENS
                covered += [(w, seq.start(i), seq.end(i)) for i, w in enumerate(seq.words)]
            assert covered == triples
        assert next(pieces, None) is None
        assert [s.token_sequence() for s in word_sequences(protocol)] == token_sequences(protocol)


def _tagged_ranges(extractor: Extractor, protocol) -> tuple[list, list]:
    from autodsl.extract.tagger import label_ranges, word_sequences

    sequences = word_sequences(protocol)
    labels = extractor.scorer.tag_sentences([s.words for s in sequences])
    return sequences, [label_ranges(lab) for lab in labels]


def test_place_spans_is_locate_spans(dev_protocols: list) -> None:
    """Spans built straight from the tagger's token ranges are those locate_spans places, and
    steps out of order (which locate_spans places by offset) take locate_spans' path."""
    from autodsl.corpus.models import Protocol
    from autodsl.extract.linker import place_spans
    from autodsl.extract.tagger import label_ranges

    extractor = Extractor.load()
    shuffled = dev_protocols[1]
    steps = list(shuffled.steps)
    out_of_order = Protocol(**{**shuffled.model_dump(), "steps": [steps[-1]] + steps[:-1]})
    overlapping = Protocol(**{**shuffled.model_dump(), "steps": steps + steps[:3]})
    for protocol in dev_protocols + _odd_protocols() + [out_of_order, overlapping]:
        sequences, ranges = _tagged_ranges(extractor, protocol)
        typed = [(seq.start(first), seq.end(last), kind) for seq, spans in zip(sequences, ranges)
                 for first, last, kind in spans]
        tokens = [seq.token_sequence() for seq in sequences]
        assert place_spans(sequences, ranges, protocol.text) == [s for _, s in locate_spans(tokens, typed, protocol.text)]
        for seq, spans in zip(tokens, ranges):
            labels = extractor.scorer.tag([t.text for t in seq.tokens])
            assert [(seq.tokens[f].start, seq.tokens[l].end, k) for f, l, k in label_ranges(labels)] == \
                spans_from_labels(seq.tokens, labels)
    assert place_spans([], [], "") == []


# ---------------------------------------------------------------- the scorer


def test_scores_are_the_weights_of_the_feature_strings(dev_protocols: list) -> None:
    """Each token's label scores are, to the bit, the weights of its feature strings
    (WordFeatures.layout, the features the CRF was trained on) added in the documented order,
    token by token: the batched array code changes nothing."""
    extractor = Extractor.load()
    scorer, features = extractor.scorer, extractor.features
    weights, row = scorer._weights, scorer._row
    sentences = [[t.text for t in seq.tokens] for p in dev_protocols[:4] for seq in token_sequences(p)]
    sentences += [["Add", "a", "new", "tube", "rack", "to", "the", "new", "tube", "."], ["x"], ["5", "%"]]
    for words, got in zip(sentences, scorer.scores(sentences)):
        layout = features.layout(words)
        entries, n = layout.entries, len(words)
        for i in range(n):
            expected = scorer._vector(entries[i][1]).copy()
            for j, block in ((i - 1, 2), (i + 1, 3), (i - 2, 4), (i + 2, 5)):
                if 0 <= j < n:
                    expected += scorer._vector(entries[j][block])
            for governing, block in ((layout.governing_prep[i], 6), (layout.governing_verb[i], 7)):
                if governing >= 0:
                    expected += scorer._vector(entries[governing][block])
            for name in layout.extras[i]:  # position, bigrams or sentence bounds, first word, phrase mark
                if name in row:
                    expected += weights[row[name]]
            assert np.array_equal(got[i], expected), (words, i)


def test_decode_breaks_ties_as_crfsuite() -> None:
    """Batched decoding picks, among equal scores, the lower label index, as a plain Viterbi
    does (scores in tenths make ties frequent)."""
    from autodsl.extract.scorer import batch_viterbi

    def plain(scores: np.ndarray, transitions: np.ndarray) -> list[int]:
        delta, back = scores[0].copy(), []
        for t in range(1, len(scores)):
            here = delta[:, None] + transitions  # (from, to)
            back.append(here.argmax(axis=0))
            delta = here.max(axis=0) + scores[t]
        path = [int(delta.argmax())]
        for pointers in reversed(back):
            path.append(int(pointers[path[-1]]))
        return path[::-1]

    rng = np.random.default_rng(3)
    for _ in range(50):
        labels = int(rng.integers(2, 6))
        transitions = rng.integers(-3, 3, size=(labels, labels)) / 10
        sentences = [rng.integers(-3, 3, size=(int(rng.integers(1, 12)), labels)) / 10
                     for _ in range(int(rng.integers(1, 40)))]
        assert batch_viterbi(sentences, transitions) == [plain(s, transitions) for s in sentences]


# ---------------------------------------------------------------- the role linker


def test_near_ties_are_decided_as_predict_decides_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """Roles whose scores tie, or differ in the last bits only, are scored the way predict()
    scores them; a score that adding in another order would flip is not left to chance."""
    from autodsl.extract import linker as linker_module
    from autodsl.extract.linker import RoleLinker, Span

    spans = [Span(0, "A", "Action", 0, 3, 0, 1, 0, 0, "add"), Span(1, "E", "Reagent", 4, 10, 0, 1, 1, 1, "buffer")]
    context = PairContext.of(spans, {0: ["Add", "buffer"]})
    pairs = candidate_pairs(spans)
    features = [pair_features(a, s, scope, context) for a, s, scope in pairs]
    names = sorted({f for feats in features for f in feats})
    # role "a" gets 0.1, 0.2, 0.3, ... and "b" the same numbers in another order: equal sums
    # in real numbers, sums that can differ in the last bit in floating point
    values = [0.1 * (k + 1) for k in range(len(names))]
    for shift in range(len(names)):
        turned = values[shift:] + values[:shift]
        params = {"roles": ["a", "b", "none"], "features": names,
                  "weights": [[x, y, 0.0] for x, y in zip(values, turned)]}
        fresh = RoleLinker(params)
        decided_exactly = []
        original = RoleLinker._best_indices
        monkeypatch.setattr(RoleLinker, "_best_indices",
                            lambda self, flat, offsets: decided_exactly.append(len(offsets)) or original(self, flat, offsets))
        assert fresh.predict_pairs(pairs, context) == fresh.predict(features)
        assert decided_exactly, "a near tie went through the exact path"
        monkeypatch.undo()
    # with the run cache emptied at every protocol the roles stay the same
    monkeypatch.setattr(linker_module, "_RUN_CACHE_LIMIT", 0)
    extractor = Extractor(Extractor.load().directory)
    for protocol in load_annotated(ROOT / "corpora" / "wlp" / "dev")[:3]:
        pairs, context = _linker_input(extractor, protocol)
        features = [pair_features(a, s, scope, context) for a, s, scope in pairs]
        assert extractor.linker.predict_pairs(pairs, context) == extractor.linker.predict(features)


def test_warm_and_fresh_extractors_give_the_same_bytes(dev_protocols: list) -> None:
    """Whatever the caches hold (words, bigrams, runs of pair features, arguments), an
    extraction is the same as a fresh extractor's."""
    from autodsl.extract.extractor import extract_text

    warm = Extractor.load()
    for protocol in dev_protocols[:5]:
        warm.extract(protocol)
    for protocol in dev_protocols[5:8] + _odd_protocols():
        fresh = Extractor(warm.directory)
        assert warm.extract(protocol).model_dump_json() == fresh.extract(protocol).model_dump_json()
    text = "Add 5 ml buffer. Spin at 12,000 x g."
    assert extract_text(text, warm).model_dump_json() == extract_text(text, Extractor(warm.directory)).model_dump_json()
