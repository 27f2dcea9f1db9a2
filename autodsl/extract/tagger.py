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
from autodsl.extract.segment import Token, sentences, tokenize

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "MAX_SEQUENCE_TOKENS",
    "TokenSequence",
    "token_sequences",
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


def _chunks(tokens: list[Token]) -> Iterable[list[Token]]:
    """Cut an over-long token list, preferring to cut after ',', ';', ':' or ')'."""
    start = 0
    while len(tokens) - start > MAX_SEQUENCE_TOKENS:
        cut = start + MAX_SEQUENCE_TOKENS
        for i in range(cut - 1, start + MAX_SEQUENCE_TOKENS // 2, -1):
            if tokens[i].text in {",", ";", ")", ":"}:
                cut = i + 1
                break
        yield tokens[start:cut]
        start = cut
    if start < len(tokens):
        yield tokens[start:]


def token_sequences(protocol: Protocol) -> list[TokenSequence]:
    """The tagger's input sequences for every step of ``protocol``, in text order.

    A step written over several lines is one stretch of prose: its line breaks do not end
    sentences (they are read as spaces; offsets stay those of ``protocol.text``).
    """
    text = protocol.text
    out: list[TokenSequence] = []
    for step in protocol.steps:
        prose = text[step.start : step.end]
        if "\n" in prose or "\r" in prose:
            prose = prose.replace("\r", " ").replace("\n", " ")
        for sent in sentences(prose):
            toks = tokenize(text, step.start + sent.start, step.start + sent.end)
            for chunk in _chunks(toks):
                out.append(TokenSequence(step.index, len(out), tuple(chunk)))
    return out


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
    spans: list[tuple[int, int, str]] = []
    open_type = ""  # type of the span still open, "" when none
    for tok, label in zip(tokens, labels):
        if label == "O":
            open_type = ""
            continue
        prefix, _, kind = label.partition("-")
        if prefix in ("I", "L") and kind == open_type:
            spans[-1] = (spans[-1][0], tok.end, kind)
        else:
            spans.append((tok.start, tok.end, kind))
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
