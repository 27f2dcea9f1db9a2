"""Tag sentences with a trained CRF's weights in numpy, from per-word score vectors.

A linear-chain CRF scores a label at a token as the sum of the weights of the token's
features. Most of a token's features belong to one word (its own word features, or a
neighbour's context features), so :class:`CrfScorer` sums those weights once per distinct
word and keeps the vectors: a sentence's label scores are then a few array gathers and
shifted additions plus the few sentence-level features, and Viterbi decoding runs on them.
This gives the labels CRFsuite gives for the features of
:meth:`autodsl.extract.features.WordFeatures.sentence` (the weights are read from the
model file, where CRFsuite keeps six decimals) at a fraction of the time it takes to hand
feature strings to CRFsuite.

>>> import numpy as np
>>> viterbi(np.array([[1.0, 0.0], [0.0, 0.5]]), np.array([[0.0, -2.0], [0.0, 0.0]]))
[0, 0]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from autodsl.extract.features import WordFeatures

if TYPE_CHECKING:
    import numpy as np

    from autodsl.extract.tagger import CrfTagger

__all__ = ["CrfScorer", "viterbi", "batch_viterbi", "MAX_BATCH_TOKENS"]

# The word blocks of the score cache, in the order of a WordEntry's lists after the lower
# case: own, as the word before (-1), after (+1), two before (-2), two after (+2), as the
# governing preposition, as the governing action-like word.
_BLOCKS = 7
# Sentences decoded together (similar lengths, as they are sorted): bounds the padded arrays
# at 256 x 120 tokens x 37 labels.
_BATCH = 256
# Tokens scored together at most (a protocol of WLP has about 500).
MAX_BATCH_TOKENS = 4096
# Words whose vectors are kept (id 0 is a word without features, whose vectors are zero).
# 16384 words x 7 blocks x 37 labels x 8 bytes is at most 34 MB; WLP dev has 4,200 words.
_MAX_WORDS = 16384


def viterbi(scores: "np.ndarray", transitions: "np.ndarray") -> list[int]:
    """Best label sequence (label indices) for ``scores`` (tokens x labels) and
    ``transitions`` (from-label x to-label), as CRFsuite decodes: ties go to the lower index."""
    return batch_viterbi([scores], transitions)[0]


def batch_viterbi(scores: Sequence["np.ndarray"], transitions: "np.ndarray") -> list[list[int]]:
    """:func:`viterbi` of many sentences at once: one array step per token position, not
    per token (sentences are sorted by length, so the ones still going are a prefix)."""
    import numpy as np

    out: list[list[int]] = [[] for _ in scores]
    lengths = np.fromiter((len(s) for s in scores), dtype=np.intp, count=len(scores))
    order = np.argsort(-lengths, kind="stable")
    for lo in range(0, len(order), _BATCH):
        batch = order[lo : lo + _BATCH]
        batch = batch[lengths[batch] > 0]
        if not len(batch):
            continue
        size = lengths[batch]
        width, labels = int(size[0]), transitions.shape[0]
        padded = np.zeros((len(batch), width, labels))
        for k, b in enumerate(batch.tolist()):
            padded[k, : size[k]] = scores[b]
        back = np.zeros((len(batch), width, labels), dtype=np.intp)
        delta = padded[:, 0].copy()
        # going[t]: how many sentences (a prefix, being sorted) are longer than t
        going = np.searchsorted(-size, -np.arange(width), side="left")
        into = np.ascontiguousarray(transitions.T)  # (to, from): the reductions run along memory
        for t in range(1, width):
            k = int(going[t])
            candidates = delta[:k, None, :] + into  # (sentence, to, from)
            back[:k, t] = candidates.argmax(axis=2)
            delta[:k] = candidates.max(axis=2) + padded[:k, t]
        path = np.zeros((len(batch), width), dtype=np.intp)
        path[np.arange(len(batch)), size - 1] = delta.argmax(axis=1)
        for t in range(width - 1, 0, -1):
            k = int(going[t])
            path[:k, t - 1] = back[np.arange(k), t, path[:k, t]]
        for k, b in enumerate(batch.tolist()):
            out[b] = path[k, : size[k]].tolist()
    return out


class CrfScorer:
    """Labels sentences with ``tagger``'s weights over ``features``' feature layout."""

    def __init__(self, features: WordFeatures, tagger: "CrfTagger") -> None:
        import numpy as np

        attributes, self._weights, self._transitions = tagger.weights()
        self.features = features
        self.labels = tagger.labels
        self._row = {name: i for i, name in enumerate(attributes)}
        n_labels = len(self.labels)
        self._zero = np.zeros(n_labels)
        self._ids: dict[str, int] = {}
        self._vectors = np.zeros((1024, _BLOCKS, n_labels))
        self._positions = np.stack([self._vector([f"pos={k}"]) for k in range(5)])

    def _vector(self, names: Sequence[str]) -> "np.ndarray":
        """Sum of the weight rows of the attributes ``names`` the model knows."""
        rows = [self._row[f] for f in names if f in self._row]
        if not rows:
            return self._zero
        return self._weights[rows].sum(axis=0)

    def _new_word(self, word: str) -> int:
        """Compute and keep the score vectors of a word not seen yet; returns its id."""
        import numpy as np

        wid = len(self._ids) + 1
        if wid >= len(self._vectors):
            grown = np.zeros((min(2 * len(self._vectors), _MAX_WORDS),) + self._vectors.shape[1:])
            grown[: len(self._vectors)] = self._vectors
            self._vectors = grown
        entry = self.features.entry(word)
        for block in range(_BLOCKS):
            self._vectors[wid, block] = self._vector(entry[block + 1])
        self._ids[word] = wid
        return wid

    def scores(self, sentences: Sequence[Sequence[str]]) -> list["np.ndarray"]:
        """Label scores (tokens x labels) of each sentence, computed for all of them at once
        (at most :data:`MAX_BATCH_TOKENS` tokens in all)."""
        import numpy as np

        lengths = [len(words) for words in sentences]
        total = sum(lengths)
        if total > MAX_BATCH_TOKENS:
            raise ValueError(f"{total} tokens in one batch; at most {MAX_BATCH_TOKENS}")
        if total + len(self._ids) >= _MAX_WORDS:
            self._ids.clear()  # endless new words (garbage input) must not grow memory
        word_id = self._ids.get
        ids_list: list[int] = []
        # flat token index of each token's governing preposition and action-like word (-1: none)
        governing: tuple[list[int], list[int]] = ([], [])
        extra_rows: list[int] = []
        extra_tokens: list[int] = []
        position: list[int] = []
        row = self._row.get
        offset = 0
        for words, n in zip(sentences, lengths):
            lay = self.features.layout(words)
            ids_list += [word_id(w) or self._new_word(w) for w in words]
            governing[0].extend([offset + g if g >= 0 else -1 for g in lay.governing_prep])
            governing[1].extend([offset + g if g >= 0 else -1 for g in lay.governing_verb])
            position += range(min(n, 5))
            position += [4] * (n - 5)
            for i, extra in enumerate(lay.extras):
                for f in extra[1:]:  # extra[0], the position, is added from `position`
                    r = row(f)
                    if r is not None:
                        extra_rows.append(r)
                        extra_tokens.append(offset + i)
            offset += n
        ids = np.asarray(ids_list, dtype=np.intp)
        vec = self._vectors[ids]
        s = vec[:, 0].copy()
        sentence = np.repeat(np.arange(len(lengths)), lengths)
        # a neighbour's context features count only within the sentence
        for shift, before, after in ((1, 1, 2), (2, 3, 4)):
            same = (sentence[shift:] == sentence[:-shift])[:, None]
            s[shift:] += vec[:-shift, before] * same
            s[:-shift] += vec[shift:, after] * same
        # id 0 (no governing word) has zero vectors
        for flat, block in zip(governing, (5, 6)):
            gov = np.asarray(flat, dtype=np.intp)
            s += self._vectors[np.where(gov >= 0, ids[gov], 0), block]
        s += self._positions[np.asarray(position, dtype=np.intp)]
        if extra_rows:
            np.add.at(s, np.asarray(extra_tokens, dtype=np.intp), self._weights[np.asarray(extra_rows, dtype=np.intp)])
        return np.split(s, np.cumsum(lengths)[:-1])

    def tag(self, words: Sequence[str]) -> list[str]:
        """Labels of one sentence's words."""
        return self.tag_sentences([words])[0]

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Labels of many sentences' words (scored and decoded in batches: faster than one
        by one). A sentence longer than :data:`MAX_BATCH_TOKENS` is a ValueError."""
        labels = self.labels
        out: list[list[str]] = []
        start = 0
        while start < len(sentences):
            end, tokens = start, 0
            while end < len(sentences) and (end == start or tokens + len(sentences[end]) <= MAX_BATCH_TOKENS):
                tokens += len(sentences[end])
                end += 1
            paths = batch_viterbi(self.scores(sentences[start:end]), self._transitions)
            out += [[labels[k] for k in path] for path in paths]
            start = end
        return out
