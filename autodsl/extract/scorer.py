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
# Word bigrams whose weight rows are kept (WLP dev has about 20,000).
_MAX_BIGRAMS = 200_000


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
        candidates = np.empty((len(batch), labels, labels))
        rows, to = np.arange(len(batch))[:, None], np.arange(labels)[None, :]
        for t in range(1, width):
            k = int(going[t])
            here = np.add(delta[:k, None, :], into, out=candidates[:k])  # (sentence, to, from)
            best = here.argmax(axis=2)
            back[:k, t] = best
            # the best score is the one at the argmax: a gather, not a second pass over all
            delta[:k] = here[rows[:k], to, best] + padded[:k, t]
        path = np.zeros((len(batch), width), dtype=np.intp)
        path[np.arange(len(batch)), size - 1] = delta.argmax(axis=1)
        for t in range(width - 1, 0, -1):
            k = int(going[t])
            path[:k, t - 1] = back[rows[:k, 0], t, path[:k, t]]
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
        # word -> (id, lower case, is a preposition, is action-like, starts with a letter,
        # starts a known phrase); id 0 is "no word", whose vectors are zeros
        self._words: dict[str, tuple[int, str, bool, bool, bool, bool]] = {}
        self._vectors = np.zeros((1024, _BLOCKS, n_labels))
        self._positions = np.stack([self._vector([name]) for name in POSITIONS])
        # (left, right) lower-cased words -> weight rows of their bigram features (None: unknown)
        self._bigrams: dict[tuple[str, str], tuple[int | None, int | None]] = {}
        self._bos, self._eos, self._first = (self._row.get(name) for name in (BOS, EOS, FIRST_WORD))

    def _vector(self, names: Sequence[str]) -> "np.ndarray":
        """Sum of the weight rows of the attributes ``names`` the model knows."""
        rows = [self._row[f] for f in names if f in self._row]
        if not rows:
            return self._zero
        return self._weights[rows].sum(axis=0)

    def _new_word(self, word: str) -> tuple[int, str, bool, bool, bool, bool]:
        """Compute and keep the score vectors of a word not seen yet; returns what
        :meth:`scores` keeps of it (see ``_words``)."""
        import numpy as np

        wid = len(self._words) + 1
        if wid >= len(self._vectors):
            grown = np.zeros((min(2 * len(self._vectors), _MAX_WORDS),) + self._vectors.shape[1:])
            grown[: len(self._vectors)] = self._vectors
            self._vectors = grown
        entry = self.features.entry(word)
        for block in range(_BLOCKS):
            self._vectors[wid, block] = self._vector(entry[block + 1])
        low = entry[0]
        info = (wid, low, bool(entry[6]), bool(entry[7]), word[:1].isalpha(), self.features.starts_phrase(low))
        self._words[word] = info
        return info

    def _new_bigram(self, pair: tuple[str, str]) -> tuple[int | None, int | None]:
        left, right = bigram_features(*pair)
        rows = self._bigrams[pair] = (self._row.get(left), self._row.get(right))
        return rows

    def scores(self, sentences: Sequence[Sequence[str]]) -> list["np.ndarray"]:
        """Label scores (tokens x labels) of each sentence, computed for all of them at once
        (at most :data:`MAX_BATCH_TOKENS` tokens in all).

        A token's score adds, in this order (the order is kept so that the sums are the
        same to the bit whatever the batch): its own word vector, its neighbours' context
        vectors, the vectors of its governing preposition and action-like word, its
        position, then the sentence features of
        :meth:`autodsl.extract.features.WordFeatures.layout` in their order there: the
        bigram with the word before (or BOS), with the word after (or EOS), first-word and
        the phrase mark.
        """
        import numpy as np

        lengths = [len(words) for words in sentences]
        total = sum(lengths)
        if total > MAX_BATCH_TOKENS:
            raise ValueError(f"{total} tokens in one batch; at most {MAX_BATCH_TOKENS}")
        if total + len(self._words) >= _MAX_WORDS:
            self._words.clear()  # endless new words (garbage input) must not grow memory
        if len(self._bigrams) >= _MAX_BIGRAMS:
            self._bigrams.clear()
        known = self._words.get
        bigram = self._bigrams.get
        ids: list[int] = []
        governing_prep: list[int] = []  # id of the token's governing preposition (0: none)
        governing_verb: list[int] = []  # id of its governing action-like word (0: none)
        # sentence features as (flat token index, weight row), one list per place in the order
        before: tuple[list[int], list[int]] = ([], [])  # bigram with the word before, or BOS
        after: tuple[list[int], list[int]] = ([], [])  # bigram with the word after, or EOS
        first: tuple[list[int], list[int]] = ([], [])
        phrase: tuple[list[int], list[int]] = ([], [])
        bos, eos, first_row = self._bos, self._eos, self._first
        offset = 0
        for words, n in zip(sentences, lengths):
            if not n:
                continue
            prep = verb = 0
            first_word = -1
            phrase_starts: list[int] = []
            lows: list[str] = []
            low = ""
            for i, word in enumerate(words):
                wid, low_here, is_prep, is_verb, alpha, starts = known(word) or self._new_word(word)
                ids.append(wid)
                governing_prep.append(prep)
                governing_verb.append(verb)
                if is_prep:
                    prep = wid
                if is_verb:
                    verb = wid
                if alpha and first_word < 0:
                    first_word = i
                if starts:
                    phrase_starts.append(i)
                if i:
                    pair = (low, low_here)
                    plus, minus = bigram(pair) or self._new_bigram(pair)
                    if plus is not None:
                        after[0].append(offset + i - 1)
                        after[1].append(plus)
                    if minus is not None:
                        before[0].append(offset + i)
                        before[1].append(minus)
                lows.append(low_here)
                low = low_here
            if bos is not None:
                before[0].append(offset)
                before[1].append(bos)
            if eos is not None:
                after[0].append(offset + n - 1)
                after[1].append(eos)
            if first_word >= 0 and first_row is not None:
                first[0].append(offset + first_word)
                first[1].append(first_row)
            if phrase_starts:
                for i, mark in self.features.phrase_marks(lows, phrase_starts).items():
                    r = self._row.get(mark)
                    if r is not None:
                        phrase[0].append(offset + i)
                        phrase[1].append(r)
            offset += n
        id_array = np.asarray(ids, dtype=np.intp)
        vec = self._vectors[id_array]
        s = vec[:, 0].copy()
        sentence = np.repeat(np.arange(len(lengths)), lengths)
        # a neighbour's context features count only within the sentence
        for shift, block_before, block_after in ((1, 1, 2), (2, 3, 4)):
            same = (sentence[shift:] == sentence[:-shift])[:, None]
            s[shift:] += vec[:-shift, block_before] * same
            s[:-shift] += vec[shift:, block_after] * same
        for governing, block in ((governing_prep, 5), (governing_verb, 6)):
            s += self._vectors[np.asarray(governing, dtype=np.intp), block]
        starts = np.repeat(np.cumsum([0] + lengths[:-1]), lengths)
        s += self._positions[np.minimum(np.arange(total) - starts, len(POSITIONS) - 1)]
        # one token at most once per place, so a fancy-indexed += adds each weight once
        for tokens, rows in (before, after, first, phrase):
            if rows:
                s[np.asarray(tokens, dtype=np.intp)] += self._weights[np.asarray(rows, dtype=np.intp)]
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
