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

from autodsl.extract.features import BOS, EOS, FIRST_WORD, POSITIONS, WordFeatures, bigram_features

if TYPE_CHECKING:
    import numpy as np

    from autodsl.extract.tagger import CrfTagger

__all__ = ["CrfScorer", "viterbi", "batch_viterbi", "decode", "MAX_BATCH_TOKENS"]

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
# Word bigrams whose weight rows are kept (WLP dev has about 20,000).
_MAX_BIGRAMS = 200_000
# columns of CrfScorer._flags
_PREP, _VERB, _ALPHA, _PHRASE = range(4)


def _grown(array: "np.ndarray", size: int, fill: int = 0) -> "np.ndarray":
    """``array`` with ``size`` rows: its rows first, then rows of ``fill``."""
    import numpy as np

    grown = np.full((size,) + array.shape[1:], fill, dtype=array.dtype)
    grown[: len(array)] = array
    return grown


def viterbi(scores: "np.ndarray", transitions: "np.ndarray") -> list[int]:
    """Best label sequence (label indices) for ``scores`` (tokens x labels) and
    ``transitions`` (from-label x to-label), as CRFsuite decodes: ties go to the lower index."""
    return batch_viterbi([scores], transitions)[0]


def batch_viterbi(scores: Sequence["np.ndarray"], transitions: "np.ndarray") -> list[list[int]]:
    """:func:`viterbi` of many sentences at once (see :func:`decode`)."""
    import numpy as np

    lengths = np.fromiter((len(s) for s in scores), dtype=np.intp, count=len(scores))
    flat = np.concatenate(scores) if len(scores) else np.zeros((0, transitions.shape[0]))
    labels = decode(flat, lengths, transitions).tolist()
    bounds = np.cumsum(lengths).tolist()
    return [labels[end - n : end] for end, n in zip(bounds, lengths.tolist())]


def decode(scores: "np.ndarray", lengths: "np.ndarray", transitions: "np.ndarray") -> "np.ndarray":
    """The best label of every token of many sentences whose label scores are the rows of
    ``scores`` (tokens x labels; the sentences one after another, ``lengths`` tokens each),
    decoded as :func:`viterbi` decodes each sentence.

    One array step per token position, not per token: the sentences of a batch are sorted
    by length, so the ones still going are a prefix.

    >>> import numpy as np
    >>> decode(np.array([[1.0, 0.0], [0.0, 0.5], [0.0, 1.0]]), np.array([2, 1]),
    ...        np.array([[0.0, -2.0], [0.0, 0.0]])).tolist()
    [0, 0, 1]
    """
    import numpy as np

    n_labels = transitions.shape[0]
    best_labels = np.zeros(len(scores), dtype=np.intp)
    starts = np.cumsum(lengths) - lengths
    into = np.ascontiguousarray(transitions.T)  # (to, from): the reductions run along memory
    order = np.argsort(-lengths, kind="stable")
    for lo in range(0, len(order), _BATCH):
        batch = order[lo : lo + _BATCH]
        batch = batch[lengths[batch] > 0]
        if not len(batch):
            continue
        size = lengths[batch]
        n, width = len(batch), int(size[0])
        # the batch's tokens: sentence k of the batch, position t, row of ``scores``
        sentence = np.repeat(np.arange(n), size)
        position = np.arange(len(sentence)) - np.repeat(np.cumsum(size) - size, size)
        source = np.repeat(starts[batch], size) + position
        # by position first, so that a step reads one block; cells past a sentence's end are
        # never read, so they are not filled
        padded = np.empty((width, n, n_labels))
        padded[position, sentence] = scores[source]
        back = np.empty((width, n, n_labels), dtype=np.intp)
        delta = padded[0].copy()
        # going[t]: how many sentences (a prefix, being sorted) are longer than t
        going = np.searchsorted(-size, -np.arange(width), side="left").tolist()
        candidates = np.empty((n, n_labels, n_labels))
        flat_candidates = candidates.reshape(-1)
        # where candidates[k, to, 0] lies in flat_candidates, for every (k, to)
        row_starts = np.arange(n * n_labels) * n_labels
        for t in range(1, width):
            k = going[t]
            here = np.add(delta[:k, None, :], into, out=candidates[:k])  # (sentence, to, from)
            best = here.argmax(axis=2)
            back[t, :k] = best
            # the best score is the one at the argmax: a gather, not a second pass over all
            np.add(flat_candidates[row_starts[: k * n_labels] + best.reshape(-1)].reshape(k, n_labels),
                   padded[t, :k], out=delta[:k])
        path = np.empty((width, n), dtype=np.intp)
        path[size - 1, np.arange(n)] = delta.argmax(axis=1)
        label_starts = np.arange(n) * n_labels
        for t in range(width - 1, 0, -1):
            k = going[t]
            path[t - 1, :k] = back[t].reshape(-1)[label_starts[:k] + path[t, :k]]
        best_labels[source] = path[position, sentence]
    return best_labels


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
        self._positions = np.stack([self._vector([name]) for name in POSITIONS])
        self._bos, self._eos, self._first = (self._row.get(name, -1) for name in (BOS, EOS, FIRST_WORD))
        # Per word (id 0 is "no word", whose vectors are zeros): its score vectors, whether
        # it is a preposition, action-like, starts with a letter, starts a known phrase, and
        # the id of its lower case (bigrams are kept by the pair of lower-case ids).
        self._words: dict[str, int] = {}
        self._low_ids: dict[str, int] = {}  # lower case -> its id
        self._low_strings: list[str] = []  # id -> lower case
        self._vectors = np.zeros((1024, _BLOCKS, n_labels))
        self._flags = np.zeros((1024, 4), dtype=bool)  # columns: _PREP, _VERB, _ALPHA, _PHRASE
        self._low_of = np.zeros(1024, dtype=np.intp)
        # bigram code (left low id * _MAX_WORDS + right low id) -> bigram id (from 1), whose
        # row in _bigram_rows holds the weight rows of its two features (-1: unknown) and
        # whether the pair is or starts a known phrase (1) or not (0)
        self._bigrams: dict[int, int] = {}
        self._bigram_rows = np.full((1024, 3), -1, dtype=np.intp)

    def _vector(self, names: Sequence[str]) -> "np.ndarray":
        """Sum of the weight rows of the attributes ``names`` the model knows."""
        rows = [self._row[f] for f in names if f in self._row]
        if not rows:
            return self._zero
        return self._weights[rows].sum(axis=0)

    def _new_word(self, word: str) -> int:
        """Compute and keep the score vectors and flags of a word not seen yet; its id."""
        wid = len(self._words) + 1
        if wid >= len(self._vectors):
            size = min(2 * len(self._vectors), _MAX_WORDS)
            self._vectors = _grown(self._vectors, size)
            self._flags = _grown(self._flags, size)
            self._low_of = _grown(self._low_of, size)
        entry = self.features.entry(word)
        for block in range(_BLOCKS):
            self._vectors[wid, block] = self._vector(entry[block + 1])
        low = entry[0]
        self._flags[wid] = (bool(entry[6]), bool(entry[7]), word[:1].isalpha(), self.features.starts_phrase(low))
        low_id = self._low_ids.get(low)
        if low_id is None:
            low_id = self._low_ids[low] = len(self._low_strings)
            self._low_strings.append(low)
        self._low_of[wid] = low_id
        self._words[word] = wid
        return wid

    def _new_bigram(self, code: int) -> int:
        """Keep the weight rows of the bigram features of a word pair not seen yet; its
        bigram id."""
        low_left, low_right = self._low_strings[code // _MAX_WORDS], self._low_strings[code % _MAX_WORDS]
        left, right = bigram_features(low_left, low_right)
        bid = len(self._bigrams) + 1
        if bid >= len(self._bigram_rows):
            self._bigram_rows = _grown(self._bigram_rows, 2 * len(self._bigram_rows), fill=-1)
        self._bigram_rows[bid] = (self._row.get(left, -1), self._row.get(right, -1),
                                  self.features.continues_phrase(low_left, low_right))
        self._bigrams[code] = bid
        return bid

    def scores(self, sentences: Sequence[Sequence[str]]) -> list["np.ndarray"]:
        """Label scores (tokens x labels) of each sentence, computed for all of them at once
        (at most :data:`MAX_BATCH_TOKENS` tokens in all).

        A token's score adds, in this order (the order is kept so that the sums are the
        same to the bit whatever the batch): its own word vector, its neighbours' context
        vectors, the vectors of its governing preposition and action-like word, its
        position, then the sentence features of
        :meth:`autodsl.extract.features.WordFeatures.layout` in their order there: the
        bigram with the word before (or BOS), with the word after (or EOS), first-word and
        the phrase mark. Each of these is added to all tokens with one array operation; the
        Python work per token is one look-up of its word and one of its bigram.
        """
        import numpy as np

        flat, lengths = self._flat_scores(sentences)
        bounds = np.cumsum(lengths).tolist()
        return [flat[end - n : end] for end, n in zip(bounds, lengths.tolist())]

    def _flat_scores(self, sentences: Sequence[Sequence[str]]) -> tuple["np.ndarray", "np.ndarray"]:
        """The label scores of :meth:`scores`, the sentences' rows one after another, and the
        sentences' lengths."""
        import numpy as np

        lengths = [len(words) for words in sentences]
        total = sum(lengths)
        if total > MAX_BATCH_TOKENS:
            raise ValueError(f"{total} tokens in one batch; at most {MAX_BATCH_TOKENS}")
        if total + len(self._words) >= _MAX_WORDS:
            # endless new words (garbage input) must not grow memory; bigrams are kept by
            # word ids, so they go too
            self._words.clear()
            self._low_ids.clear()
            self._low_strings.clear()
            self._bigrams.clear()
        if len(self._bigrams) >= _MAX_BIGRAMS:
            self._bigrams.clear()
        size = np.asarray(lengths, dtype=np.intp)
        if not total:
            return np.zeros((0, len(self.labels))), size
        known = self._words.get
        new_word = self._new_word
        ids = np.fromiter([known(w) or new_word(w) for words in sentences for w in words], dtype=np.intp, count=total)
        ends = np.cumsum(size)
        starts = ends - size
        sentence = np.repeat(np.arange(len(lengths)), lengths)
        first_of_token = starts[sentence]  # index of the first token of each token's sentence
        index = np.arange(total)
        vectors = self._vectors
        s = vectors[ids, 0]
        # a neighbour's context features count only within the sentence: across a sentence
        # bound the neighbour is word id 0, whose vectors are zeros (as the weights times a
        # mask of zeros, the same sums up to the sign of a zero, which no comparison sees)
        for shift, block_before, block_after in ((1, 1, 2), (2, 3, 4)):
            same = sentence[shift:] == sentence[:-shift]
            s[shift:] += vectors[np.where(same, ids[:-shift], 0), block_before]
            s[:-shift] += vectors[np.where(same, ids[shift:], 0), block_after]
        flags = self._flags[ids]
        for column, block in ((_PREP, 5), (_VERB, 6)):
            # the last preposition (action-like word) before each token in its sentence, or
            # word id 0, whose vectors are zeros
            last = np.maximum.accumulate(np.where(flags[:, column], index, -1))
            previous = np.concatenate(([-1], last[:-1]))
            governing = np.where(previous >= first_of_token, ids[previous], 0)
            s += self._vectors[governing, block]
        s += self._positions[np.minimum(index - first_of_token, len(POSITIONS) - 1)]
        # sentence features: (tokens, weight rows) per place, one token at most once per
        # place, so a fancy-indexed += adds each weight once
        right = np.flatnonzero(index > first_of_token)  # tokens with a word before them
        low_ids = self._low_of[ids]
        codes = low_ids[right - 1] * _MAX_WORDS + low_ids[right]
        bigram = self._bigrams.get
        new_bigram = self._new_bigram
        bids = np.fromiter([bigram(c) or new_bigram(c) for c in codes.tolist()],
                           dtype=np.intp, count=len(codes))
        plus, minus, in_phrase = self._bigram_rows[bids].T
        filled = size > 0
        n_filled = int(filled.sum())
        before = (np.concatenate((right, starts[filled])), np.concatenate((minus, np.full(n_filled, self._bos))))
        after = (np.concatenate((right - 1, ends[filled] - 1)), np.concatenate((plus, np.full(n_filled, self._eos))))
        # first-word: the first token of a sentence that starts with a letter
        alpha = np.flatnonzero(flags[:, _ALPHA])
        at = np.searchsorted(alpha, starts)
        inside = at < len(alpha)
        first_tokens = alpha[at[inside]]
        first_tokens = first_tokens[first_tokens < ends[inside]]
        first = (first_tokens, np.full(len(first_tokens), self._first))
        # a token can start a marked phrase only if it starts a known one and goes on with the
        # next word (see WordFeatures.continues_phrase): the others are not looked at
        phrase_starts = right[in_phrase == 1] - 1
        phrase = self._phrase_features(phrase_starts[flags[phrase_starts, _PHRASE]].tolist(), sentence, starts, ends,
                                       low_ids)
        for tokens, rows in (before, after, first, phrase):
            known_rows = rows >= 0
            if known_rows.any():
                s[tokens[known_rows]] += self._weights[rows[known_rows]]
        return s, size

    def _phrase_features(
        self, candidates: list[int], sentence: "np.ndarray", starts: "np.ndarray", ends: "np.ndarray",
        low_ids: "np.ndarray",
    ) -> tuple["np.ndarray", "np.ndarray"]:
        """(tokens, weight rows) of the phrase marks of :meth:`WordFeatures.phrase_marks`, from the
        tokens that start a known phrase (``candidates``, ascending; ``low_ids``: the id of each
        token's lower case)."""
        import numpy as np

        tokens: list[int] = []
        rows: list[int] = []
        lows = self._low_strings
        k = 0
        while k < len(candidates):
            sent = int(sentence[candidates[k]])
            lo, hi = int(starts[sent]), int(ends[sent])
            here: list[int] = []
            while k < len(candidates) and candidates[k] < hi:
                here.append(candidates[k] - lo)
                k += 1
            words = [lows[i] for i in low_ids[lo:hi].tolist()]
            for i, mark in self.features.phrase_marks(words, here).items():
                r = self._row.get(mark)
                if r is not None:
                    tokens.append(lo + i)
                    rows.append(r)
        return np.asarray(tokens, dtype=np.intp), np.asarray(rows, dtype=np.intp)

    def tag(self, words: Sequence[str]) -> list[str]:
        """Labels of one sentence's words."""
        return self.tag_sentences([words])[0]

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Labels of many sentences' words (scored and decoded in batches: faster than one
        by one). A sentence longer than :data:`MAX_BATCH_TOKENS` is a ValueError."""
        import numpy as np

        labels = np.array(self.labels, dtype=object)
        out: list[list[str]] = []
        start = 0
        while start < len(sentences):
            end, tokens = start, 0
            while end < len(sentences) and (end == start or tokens + len(sentences[end]) <= MAX_BATCH_TOKENS):
                tokens += len(sentences[end])
                end += 1
            flat, lengths = self._flat_scores(sentences[start:end])
            tagged = labels[decode(flat, lengths, self._transitions)].tolist()
            bounds = np.cumsum(lengths).tolist()
            out += [tagged[stop - n : stop] for stop, n in zip(bounds, lengths.tolist())]
            start = end
        return out
