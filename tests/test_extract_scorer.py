"""The numpy CRF scorer gives CRFsuite's labels, in batches, on any input."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from autodsl.extract.extractor import Extractor
from autodsl.extract.scorer import MAX_BATCH_TOKENS, batch_viterbi, viterbi
from autodsl.extract.tagger import token_sequences
from autodsl.extract.train import load_annotated

ROOT = Path(__file__).resolve().parents[1]


def _brute_force(scores: np.ndarray, transitions: np.ndarray) -> list[int]:
    labels = scores.shape[1]
    best: tuple[float, list[int]] | None = None
    for path in itertools.product(range(labels), repeat=len(scores)):
        value = sum(scores[t, k] for t, k in enumerate(path))
        value += sum(transitions[path[t - 1], path[t]] for t in range(1, len(path)))
        if best is None or value > best[0]:
            best = (value, list(path))
    return best[1] if best else []


def test_batched_viterbi_finds_the_best_paths() -> None:
    rng = np.random.default_rng(0)
    transitions = rng.normal(size=(4, 4))
    sentences = [rng.normal(size=(n, 4)) for n in (3, 1, 0, 5, 5, 2, 4)]
    expected = [_brute_force(s, transitions) for s in sentences]
    assert batch_viterbi(sentences, transitions) == expected
    assert [viterbi(s, transitions) for s in sentences] == expected


def test_scorer_gives_crfsuite_labels_on_dev_sentences() -> None:
    extractor = Extractor.load()
    protocols = load_annotated(ROOT / "corpora" / "wlp" / "dev")[:12]
    sentences = [[t.text for t in seq.tokens] for p in protocols for seq in token_sequences(p)]
    expected = [extractor.tagger.tag(extractor.features.sentence(words)) for words in sentences]
    assert extractor.scorer.tag_sentences(sentences) == expected
    assert extractor.scorer.tag(sentences[0]) == expected[0]
    assert any(label != "O" for labels in expected for label in labels)


def test_scorer_handles_empty_many_and_new_words() -> None:
    scorer = Extractor.load().scorer
    assert scorer.tag_sentences([]) == [] and scorer.tag([]) == []
    # more tokens than one batch holds, and more distinct words than the vector cache keeps
    garbage = [[f"w{k}x{j}" for j in range(100)] for k in range(5 * MAX_BATCH_TOKENS // 100)]
    tagged = scorer.tag_sentences(garbage + [["Add", "water", "."]])
    assert [len(labels) for labels in tagged] == [len(s) for s in garbage] + [3]
    assert tagged[-1][0] == "B-Action"
    with pytest.raises(ValueError, match="at most"):
        scorer.tag(["x"] * (MAX_BATCH_TOKENS + 1))
