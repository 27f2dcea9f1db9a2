"""The CRF span tagger: BIO labels over tokens, one sequence per sentence.

Sentences come from :func:`autodsl.extract.segment.sentences` run inside each step, tokens
from :func:`~autodsl.extract.segment.tokenize`. A sentence longer than
:data:`MAX_SEQUENCE_TOKENS` tokens is cut into chunks, so any input (a 1 MB line without
a full stop) tags in bounded time and memory.

>>> from autodsl.extract.segment import tokenize
>>> toks = tokenize("Add 5 ml buffer")
>>> labels = bio_labels(toks, [(4, 8, "Amount"), (0, 3, "Action")])
>>> labels
['B-Action', 'B-Amount', 'I-Amount', 'O']
>>> spans_from_labels(toks, labels)
[(0, 3, 'Action'), (4, 8, 'Amount')]
>>> bio_labels(toks, [(4, 8, "Amount"), (0, 3, "Action")], scheme="BILOU")
['U-Action', 'B-Amount', 'L-Amount', 'O']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from autodsl.corpus.models import Protocol
from autodsl.errors import ModelError
from autodsl.extract.segment import Token, sentences, token_bounds

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "MAX_SEQUENCE_TOKENS",
    "TokenSequence",
    "WordSequence",
    "token_sequences",
    "word_sequences",
    "label_ranges",
    "bio_labels",
    "spans_from_labels",
    "CrfTagger",
    "train_crf",
]

MAX_SEQUENCE_TOKENS = 120


@dataclass(frozen=True, slots=True)
class TokenSequence:
    """Tokens of one sentence (or chunk of an over-long one) and where it lies."""

    step: int  # 1-based step index
    sentence: int  # 0-based running sentence number within the protocol
    tokens: tuple[Token, ...]


def _chunks(words: Sequence[str]) -> Iterable[tuple[int, int]]:
    """``[start, end)`` token ranges that cut an over-long sentence, preferring to cut after
    ',', ';', ':' or ')'."""
    start = 0
    while len(words) - start > MAX_SEQUENCE_TOKENS:
        cut = start + MAX_SEQUENCE_TOKENS
        for i in range(cut - 1, start + MAX_SEQUENCE_TOKENS // 2, -1):
            if words[i] in {",", ";", ")", ":"}:
                cut = i + 1
                break
        yield start, cut
        start = cut
    if start < len(words):
        yield start, len(words)


@dataclass(frozen=True, slots=True)
class WordSequence:
    """A :class:`TokenSequence` as the extractor reads it: the words, and where they lie,
    without a :class:`Token` per word (most tokens' offsets are never looked at)."""

    step: int  # 1-based step index
    sentence: int  # 0-based running sentence number within the protocol
    words: list[str]
    base: int  # words[i] lies at text[base + bounds[2 * i] : base + bounds[2 * i + 1]]
    bounds: list[int]

    def start(self, i: int) -> int:
        """Offset of the first character of token ``i``."""
        return self.base + self.bounds[2 * i]

    def end(self, i: int) -> int:
        """Offset one past the last character of token ``i``."""
        return self.base + self.bounds[2 * i + 1]

    def token_sequence(self) -> TokenSequence:
        """The same sequence with :class:`Token` objects."""
        base, bounds = self.base, self.bounds
        return TokenSequence(self.step, self.sentence, tuple(
            Token(word, base + bounds[2 * i], base + bounds[2 * i + 1]) for i, word in enumerate(self.words)
        ))


def word_sequences(protocol: Protocol) -> list[WordSequence]:
    """The tagger's input sequences for every step of ``protocol``, in text order
    (:func:`token_sequences` as words and offsets).

    A step written over several lines is one stretch of prose: its line breaks do not end
    sentences (they are read as spaces; offsets stay those of ``protocol.text``).

    >>> from autodsl.extract.extractor import protocol_from_text
    >>> seq = word_sequences(protocol_from_text("Spin at 4 °C. Then mix."))[1]
    >>> seq.words, seq.start(0), seq.end(1)
    (['Then', 'mix', '.'], 14, 22)
    """
    text = protocol.text
    out: list[WordSequence] = []
    for step in protocol.steps:
        prose = text[step.start : step.end]
        if "\n" in prose or "\r" in prose:
            prose = prose.replace("\r", " ").replace("\n", " ")
        for sent in sentences(prose):
            base = step.start + sent.start
            words, bounds = token_bounds(text, base, step.start + sent.end)
            if not words:
                continue
            if len(words) <= MAX_SEQUENCE_TOKENS:
                out.append(WordSequence(step.index, len(out), words, base, bounds))
                continue
            for lo, hi in _chunks(words):
                out.append(WordSequence(step.index, len(out), words[lo:hi], base, bounds[2 * lo : 2 * hi]))
    return out


def token_sequences(protocol: Protocol) -> list[TokenSequence]:
    """The tagger's input sequences for every step of ``protocol``, in text order (see
    :func:`word_sequences`)."""
    return [seq.token_sequence() for seq in word_sequences(protocol)]


def bio_labels(
    tokens: Sequence[Token], spans: Iterable[tuple[int, int, str]], scheme: str = "BIO"
) -> list[str]:
    """Token labels for gold ``(start, end, type)`` spans, in the BIO or BILOU scheme.

    A span must cover whole tokens to be labelled; when spans overlap the longer one wins
    (ties: the earlier), so every token carries at most one label. BILOU marks the last
    token of a span ``L-`` and a one-token span ``U-``.
    """
    labels = ["O"] * len(tokens)
    index_of_start = {t.start: i for i, t in enumerate(tokens)}
    index_of_end = {t.end: i for i, t in enumerate(tokens)}
    bilou = scheme == "BILOU"
    for start, end, label in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0], s[2])):
        i, j = index_of_start.get(start), index_of_end.get(end)
        if i is None or j is None or any(labels[k] != "O" for k in range(i, j + 1)):
            continue
        for k in range(i, j + 1):
            labels[k] = "I-" + label
        labels[i] = "B-" + label
        if bilou:
            labels[j] = ("U-" if i == j else "L-") + label
    return labels


def spans_from_labels(tokens: Sequence[Token], labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(start, end, type)`` spans of BIO or BILOU ``labels``.

    ``I-X``/``L-X`` go on with an open span of type X; without one they start a span.
    ``L-X`` and ``U-X`` close the span they end.
    """
    return [(tokens[first].start, tokens[last].end, kind) for first, last, kind in label_ranges(labels)]


def label_ranges(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(first token, last token, type)`` of the spans of :func:`spans_from_labels`.

    >>> label_ranges(["B-Amount", "I-Amount", "O", "I-Reagent"])
    [(0, 1, 'Amount'), (3, 3, 'Reagent')]
    """
    spans: list[tuple[int, int, str]] = []
    open_type = ""  # type of the span still open, "" when none
    for i, label in enumerate(labels):
        if label == "O":
            open_type = ""
            continue
        prefix, _, kind = label.partition("-")
        if prefix in ("I", "L") and kind == open_type:
            spans[-1] = (spans[-1][0], i, kind)
        else:
            spans.append((i, i, kind))
        open_type = "" if prefix in ("L", "U") else kind
    return spans


class CrfTagger:
    """A trained CRFsuite model that labels token feature sequences."""

    def __init__(self, path: str | Path) -> None:
        import pycrfsuite

        self.path = Path(path)
        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(self.path))
        except (OSError, ValueError) as err:
            raise ModelError(f"cannot open CRF model {self.path}: {err}") from None
        self.labels = tuple(self._tagger.labels())

    def weights(self) -> tuple[list[str], "np.ndarray", "np.ndarray"]:
        """The model's attributes, their state weights (attributes x labels) and the
        transition weights (from-label x to-label), labels in :attr:`labels` order."""
        import numpy as np

        info = self._tagger.info()
        label_index = {label: k for k, label in enumerate(self.labels)}
        row: dict[str, int] = {}
        for attribute, _label in info.state_features:
            row.setdefault(attribute, len(row))
        state = np.zeros((len(row), len(self.labels)))
        for (attribute, label), weight in info.state_features.items():
            state[row[attribute], label_index[label]] = weight
        transitions = np.zeros((len(self.labels), len(self.labels)))
        for (first, then), weight in info.transitions.items():
            transitions[label_index[first], label_index[then]] = weight
        return list(row), state, transitions

    def tag(self, features: list[list[str]]) -> list[str]:
        """BIO labels of one sequence of token feature lists."""
        if not features:
            return []
        return list(self._tagger.tag(features))


def train_crf(
    xseqs: Sequence[list[list[str]]],
    yseqs: Sequence[list[str]],
    path: str | Path,
    *,
    c1: float,
    c2: float,
    max_iterations: int,
) -> None:
    """Train a CRF with L-BFGS (deterministic: no random state) and write it to ``path``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in zip(xseqs, yseqs):
        trainer.append(xseq, yseq)
    trainer.set_params({
        "c1": c1,
        "c2": c2,
        "max_iterations": max_iterations,
        "feature.possible_transitions": True,
    })
    trainer.train(str(path))
