"""Token features for the CRF tagger, computed once per word and cached.

A token's features are its own word features, the word features of its neighbours (two
either side, with the offset in the name), two word bigrams and its position in the
sentence. Word features cover the spelling (lower case, prefixes, suffixes, shape), unit
words, lab verbs, a lexicon learned from the training split (how often the word was an
Action, and which span type it most often belonged to) and word clusters learned from
unlabeled corpus text. Word features depend on the word alone, so :class:`WordFeatures`
builds them once per distinct word; a sentence then only concatenates cached lists.

>>> wf = WordFeatures(lexicon={"add": ("Action", 0.9, 0.9)}, clusters={"add": (3, 17)})
>>> feats = wf.sentence(["Add", "5", "ml", "buffer"])
>>> "w=add" in feats[0] and "lexA=9" in feats[0] and "+1|w=5" in feats[0]
True
>>> "pos=0" in feats[0] and "unit" in feats[2]
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Mapping, Sequence

from autodsl.extract.lemma import LAB_VERBS, lemmatize

__all__ = [
    "WordFeatures", "WordEntry", "SentenceLayout", "word_shape", "bigram_features", "first_word_index",
    "UNIT_WORDS", "MAX_WORD_CHARS", "MAX_PHRASE_TOKENS", "POSITIONS", "BOS", "EOS", "FIRST_WORD",
]

# Words longer than this are cut before features are made: a 1 MB "word" of garbage must
# not become a 1 MB attribute string.
MAX_WORD_CHARS = 40
# Longest phrase (in tokens) looked up in the phrase lexicon.
MAX_PHRASE_TOKENS = 5
# Cap on cached words, so that tagging endless garbage cannot grow memory without bound.
_CACHE_LIMIT = 200_000

# Unit words as written in protocols (lower case). A feature only: normalising quantities
# is autodsl.units' job.
UNIT_WORDS = frozenset(
    """ul µl μl ml l nl pl dl mg g kg ug µg μg ng pg mol mmol umol µmol nmol m mm um µm μm nm pm
    mol/l mg/ml ug/ml µg/ml ng/ml g/l mg/l % v/v w/v wt vol min mins minute minutes s sec secs
    second seconds h hr hrs hour hours d day days wk week weeks overnight °c ºc °f ° c k rpm xg
    x g rcf kda da bp kb mb cm mm2 cm2 ml/min psi bar atm mbar torr pa kpa mpa u units iu ph
    cfu pfu moi od od600 od260 v kv mv w mw hz khz mhz µs ms""".split()
)
_SHAPE_MAP = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "X" * 26 + "x" * 26 + "d" * 10
)
_REPEATS = re.compile(r"(.)\1+")
# Prepositions that tell a setting, a site or a tool from what is acted on ("in the
# tube", "at 4 °C", "with PBS"): the last one before a token is one of its features.
_PREPOSITIONS = frozenset(
    "in into to onto at for with using from on by of under over through via until after before per "
    "within inside".split()
)
# Word features copied to the neighbours' feature lists (the most telling, kept few so
# that each token has about sixty attributes).
_CONTEXT_KEYS = ("w=", "c1=", "sh=", "lexT=", "lexA=", "unit", "verb", "num")
_FAR_CONTEXT_KEYS = ("w=", "c1=", "lexT=")  # for the words two away
POSITIONS = ("pos=0", "pos=1", "pos=2", "pos=3", "pos=4")  # token index, 4 standing for 4 and more
BOS, EOS, FIRST_WORD = "BOS", "EOS", "first-word"  # sentence start / end, its first word


# A word's cached features: (lower case, own features, its features as the word one
# before a token ("-1|..."), one after ("+1|..."), two before, two after, its "gprep="
# feature if it is a preposition, its "gverb=" feature if it is action-like). Plain tuples
# of strings: the tagger reads them for every token, and the garbage collector stops
# tracking them, so a cache of thousands of words adds nothing to its full collections.
Features = tuple[str, ...]
WordEntry = tuple[str, Features, Features, Features, Features, Features, Features, Features]


@dataclass(frozen=True, slots=True)
class SentenceLayout:
    """Where the features of each token of a sentence come from: the cached entry of every
    word, the index of the last preposition and action-like word before each token (-1:
    none) and the features that depend on the sentence, not on one word (position,
    bigrams, sentence bounds, phrase marks). :meth:`WordFeatures.sentence` turns it into
    feature lists. :class:`autodsl.extract.scorer.CrfScorer` does not build it: it finds the
    same features from its per-word and per-bigram caches, with :func:`bigram_features` and
    :meth:`WordFeatures.phrase_marks` (a test checks that it gives CRFsuite's labels for
    these feature lists)."""

    entries: list[WordEntry]
    governing_prep: list[int]
    governing_verb: list[int]
    extras: list[list[str]]


def word_shape(word: str) -> str:
    """Letters to X/x, digits to d, other characters kept: 'Tris-HCl' -> 'Xxxx-XXx'.

    >>> word_shape("11,000"), word_shape("µl")
    ('dd,ddd', 'xx')
    """
    shape = word.translate(_SHAPE_MAP)
    # non-ASCII letters (µ, °, Greek) get a class too, not themselves
    return "".join(
        ("X" if ch.isupper() else "x") if ch.isalpha() and ch not in "Xxd" else ch for ch in shape
    )


def _bucket(p: float) -> str:
    """A probability in ten steps: 0.93 -> '9'."""
    return str(min(9, int(p * 10)))


class WordFeatures:
    """Builds (and caches) word features and sentence feature lists for the CRF.

    ``lexicon`` maps a lower-cased word to ``(top span type, P(top type), P(Action))``
    learned from training data; ``clusters`` maps a lower-cased word to its cluster ids
    at two granularities (coarse, fine); ``phrases`` maps a lower-cased multi-word span
    seen in training (words joined by one space) to its most frequent type, and tokens
    of the longest such phrase found in a sentence get ``ph=B-type`` / ``ph=I-type``.
    """

    def __init__(
        self,
        lexicon: Mapping[str, tuple[str, float, float]] | None = None,
        clusters: Mapping[str, tuple[int, int]] | None = None,
        phrases: Mapping[str, str] | None = None,
    ) -> None:
        self.lexicon = dict(lexicon or {})
        self.clusters = dict(clusters or {})
        self.phrases = dict(phrases or {})
        # every start of a known phrase ("a", "a b", "a b c" for "a b c d"): the search for
        # the longest phrase at a token stops at the first word that no phrase goes on with
        self._phrase_starts = {" ".join(key.split(" ")[:k]) for key in self.phrases for k in range(1, key.count(" ") + 1)}
        self._cache: dict[str, WordEntry] = {}

    def word(self, word: str) -> list[str]:
        """The features of one word on its own."""
        word = word[:MAX_WORD_CHARS]
        low = word.lower()
        shape = word_shape(word)
        feats = [
            "w=" + low,
            "sh=" + _REPEATS.sub(r"\1", shape),
            "p2=" + low[:2], "p3=" + low[:3],
            "s2=" + low[-2:], "s3=" + low[-3:], "s4=" + low[-4:],
        ]
        if len(shape) <= 8:
            feats.append("shl=" + shape)
        if word[:1].isupper():
            feats.append("title" if word[1:].islower() or len(word) == 1 else "upper")
        if any(ch.isdigit() for ch in word):
            feats.append("num" if low.replace(",", "").replace(".", "").isdigit() else "hasdigit")
        if len(word) == 1 and not word.isalnum():
            feats.append("punct=" + unicodedata.category(word))
        if low in UNIT_WORDS:
            feats.append("unit")
        if low in LAB_VERBS or (low.endswith(("ed", "ing", "e")) and _stem_is_verb(low)):
            feats.append("verb")
        lex = self.lexicon.get(low)
        if lex is not None:
            top, p_top, p_action = lex
            feats += ["lexT=" + top, "lexTp=" + top + _bucket(p_top), "lexA=" + _bucket(p_action)]
        else:
            feats.append("lexT=unseen")
        cl = self.clusters.get(low)
        if cl is not None:
            feats += ["c1=%d" % cl[0], "c2=%d" % cl[1]]
        return feats

    def entry(self, word: str) -> WordEntry:
        """The cached feature lists of ``word`` (see :data:`WordEntry`)."""
        hit = self._cache.get(word)
        if hit is None:
            own = self.word(word)
            ctx = [f for f in own if f.startswith(_CONTEXT_KEYS)]
            far = [f for f in ctx if f.startswith(_FAR_CONTEXT_KEYS)]
            low = word[:MAX_WORD_CHARS].lower()
            lex = self.lexicon.get(low)
            verb_like = (lex is not None and lex[2] >= 0.5) or (lex is None and "verb" in own)
            hit = (
                low, tuple(own),
                tuple(["-1|" + f for f in ctx]), tuple(["+1|" + f for f in ctx]),
                tuple(["-2|" + f for f in far]), tuple(["+2|" + f for f in far]),
                ("gprep=" + low,) if low in _PREPOSITIONS else (),
                ("gverb=" + lemmatize(low),) if verb_like else (),
            )
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[word] = hit
        return hit

    def layout(self, words: Sequence[str]) -> SentenceLayout:
        """Where each token's features come from (see :class:`SentenceLayout`)."""
        entries = [self.entry(w) for w in words]
        lows = [e[0] for e in entries]
        n = len(words)
        first_alpha = first_word_index(words)
        marks = self.phrase_marks(lows)
        governing_prep: list[int] = []
        governing_verb: list[int] = []
        extras: list[list[str]] = []
        prep = verb = -1  # the last preposition / action-like word before the token
        for i in range(n):
            governing_prep.append(prep)
            governing_verb.append(verb)
            here = entries[i]
            if here[6]:
                prep = i
            if here[7]:
                verb = i
            # the order of these features is the order CrfScorer adds their weights in
            extra = [POSITIONS[min(i, 4)]]
            extra.append(bigram_features(lows[i - 1], lows[i])[1] if i > 0 else BOS)
            extra.append(bigram_features(lows[i], lows[i + 1])[0] if i + 1 < n else EOS)
            if i == first_alpha:
                extra.append(FIRST_WORD)
            if i in marks:
                extra.append(marks[i])
            extras.append(extra)
        return SentenceLayout(entries, governing_prep, governing_verb, extras)

    def sentence(self, words: Sequence[str]) -> list[list[str]]:
        """Feature lists of every token of a sentence (one list per token): its own word
        features, the context features of the two words either side, the last preposition
        and action-like word before it, and the extras of :meth:`layout`."""
        lay = self.layout(words)
        entries = lay.entries
        n = len(entries)
        out: list[list[str]] = []
        for i in range(n):
            feats = list(entries[i][1])
            if lay.governing_prep[i] >= 0:
                feats += entries[lay.governing_prep[i]][6]
            if lay.governing_verb[i] >= 0:
                feats += entries[lay.governing_verb[i]][7]
            if i > 0:
                feats += entries[i - 1][2]
                if i > 1:
                    feats += entries[i - 2][4]
            if i + 1 < n:
                feats += entries[i + 1][3]
                if i + 2 < n:
                    feats += entries[i + 2][5]
            feats += lay.extras[i]
            out.append(feats)
        return out

    def starts_phrase(self, low: str) -> bool:
        """Whether a known phrase of the phrase lexicon starts with the lower-cased word ``low``."""
        return low in self._phrase_starts

    def continues_phrase(self, first: str, second: str) -> bool:
        """Whether the lower-cased words ``first second`` are a known phrase or start one: a
        token that starts a phrase gets a mark from :meth:`phrase_marks` only if this holds
        for it and the word after it.

        >>> wf = WordFeatures(phrases={"new tube": "Location"})
        >>> wf.continues_phrase("new", "tube"), wf.continues_phrase("new", "plate")
        (True, False)
        """
        key = first + " " + second
        return key in self.phrases or key in self._phrase_starts

    def phrase_marks(self, lows: Sequence[str], candidates: Sequence[int] | None = None) -> dict[int, str]:
        """Token index -> ``ph=B-type``/``ph=I-type`` for the longest known phrases, left to right.

        ``candidates``, if given, are the indices of the words that start a phrase
        (:meth:`starts_phrase`), ascending: the others are not looked at again.

        >>> wf = WordFeatures(phrases={"new tube": "Location"})
        >>> wf.starts_phrase("new"), wf.phrase_marks(["a", "new", "tube"])
        (True, {1: 'ph=B-Location', 2: 'ph=I-Location'})
        """
        marks: dict[int, str] = {}
        starts, phrases = self._phrase_starts, self.phrases
        if candidates is None:
            candidates = [i for i, low in enumerate(lows) if low in starts]
        n = len(lows)
        free = 0  # tokens before this one are inside a phrase already marked
        for i in candidates:
            if i < free:
                continue
            key, best, kind = lows[i], 0, ""
            for length in range(2, min(MAX_PHRASE_TOKENS, n - i) + 1):
                key += " " + lows[i + length - 1]
                if key in phrases:
                    best, kind = length, phrases[key]
                if key not in starts:
                    break
            if best:
                marks[i] = "ph=B-" + kind
                for k in range(i + 1, i + best):
                    marks[k] = "ph=I-" + kind
                free = i + best
        return marks


def bigram_features(left: str, right: str) -> tuple[str, str]:
    """The bigram features of two adjacent lower-cased words: the left word's ("bg+1=")
    and the right word's ("bg-1=").

    >>> bigram_features("5", "ml")
    ('bg+1=5|ml', 'bg-1=5|ml')
    """
    pair = left + "|" + right
    return "bg+1=" + pair, "bg-1=" + pair


def first_word_index(words: Sequence[str]) -> int:
    """Index of the first word that starts with a letter (it gets ``first-word``), or -1.

    >>> first_word_index(["1", ".", "Add", "water"]), first_word_index(["5", "%"])
    (2, -1)
    """
    return next((i for i, w in enumerate(words) if w[:1].isalpha()), -1)


def _stem_is_verb(low: str) -> bool:
    return lemmatize(low) in LAB_VERBS
