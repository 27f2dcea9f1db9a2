"""The extractor's fast paths give, to the bit, what the plain feature lists give.

The scorer and the role linker keep per-word and per-key results and add weights in a
fixed order; these tests pin that they agree with the string features the models were
trained on, so that a speed-up can never change an extraction.
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
