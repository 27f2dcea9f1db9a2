"""Role linking: which span fills which role of which action.

Candidates are pairs (action, span): every other span in the action's sentence, the two
nearest actions of earlier sentences (WLP links an action to the one whose result it
works on) and the entities of the next sentence (WLP marks the product of an action where
it is next used). A multinomial logistic regression over sparse pair features (span type,
direction, distance, spans in between, the word before the span, the action's lemma, ...)
predicts a WLP role or ``none``. Its parameters are stored as JSON, so a model file's bytes
depend only on the training data and settings.

>>> spans = [Span(0, "A", "Action", 0, 3, 0, 1, 0, 0, "add"),
...          Span(1, "E", "Reagent", 4, 10, 0, 1, 1, 1, "buffer")]
>>> context = PairContext.of(spans, {0: ["Add", "buffer"]})
>>> pairs = candidate_pairs(spans)
>>> [(a.index, s.index, scope) for a, s, scope in pairs]
[(0, 1, 'same')]
>>> "t=Reagent" in pair_features(spans[0], spans[1], "same", context)
True
"""

from __future__ import annotations

import bisect
import json
from itertools import accumulate
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from autodsl.errors import ModelError
from autodsl.extract.lemma import lemmatize
from autodsl.extract.tagger import TokenSequence, WordSequence

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "Span", "PairContext", "locate_spans", "place_spans", "candidate_pairs", "pair_features", "pair_feature_keys",
    "run_features",
    "PairFeatureKey",
    "RoleLinker", "train_linker", "NO_ROLE",
]

NO_ROLE = "none"
_PREV_ACTIONS = 2  # earlier-sentence actions offered as arguments
# Spans offered on either side of an action in its sentence: 99.7% of WLP's same-sentence
# arguments lie within 10 spans, and the cap keeps a pathological sentence linear.
_SAME_WINDOW = 10
_NEXT_ENTITIES = 10  # reagent-like entities of the next sentence offered as products
# what can be a product (or an object): WLP's Product role takes these types
_OBJECT_TYPES = frozenset({"Reagent", "Location", "Mention", "Device", "Seal"})
_DIST_BUCKETS = (0, 1, 2, 3, 5, 8, 12)
# Feature-run keys whose ids RoleLinker keeps (WLP dev uses about 20,000).
_RUN_CACHE_LIMIT = 200_000
# pairs whose feature rows are gathered and summed at once (each pair is summed on its own,
# so batching changes no score)
_PAIR_BATCH = 8192


@dataclass(frozen=True, slots=True)
class Span:
    """A tagged span as the linker sees it."""

    index: int  # position in the protocol's span list (text order)
    kind: str  # "A" action, "E" entity
    type: str
    start: int
    end: int
    sequence: int  # running sentence number (TokenSequence.sentence)
    step: int
    first: int  # index of its first token in the sentence
    last: int  # index of its last token in the sentence
    lemma: str  # action lemma, or the lower-cased last word of an entity


def locate_spans(
    sequences: Sequence[TokenSequence], typed: Sequence[tuple[int, int, str]], text: str
) -> list[tuple[int, Span]]:
    """Place ``(start, end, type)`` spans in their sentences, in text order.

    Returns ``(position in typed, Span)`` pairs; a span that does not lie inside one
    sentence on token boundaries is left out (the linker cannot use it).
    """
    seq_starts = [s.tokens[0].start for s in sequences]
    bounds: dict[int, tuple[list[int], list[int]]] = {}  # sentence -> token starts, token ends
    placed: list[tuple[int, int, int, int, int, int, str]] = []
    for k, (start, end, kind) in enumerate(typed):
        i = bisect.bisect_right(seq_starts, start) - 1
        if i < 0:
            continue
        toks = sequences[i].tokens
        if end > toks[-1].end:
            continue
        if i not in bounds:
            bounds[i] = ([t.start for t in toks], [t.end for t in toks])
        starts, ends = bounds[i]
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(ends, end)
        if first >= len(toks) or last >= len(toks) or last < first:
            continue
        placed.append((start, end, k, i, first, last, kind))
    placed.sort()
    out: list[tuple[int, Span]] = []
    for start, end, k, i, first, last, kind in placed:
        seq = sequences[i]
        lemma = lemmatize(text[start:end]) if kind == "Action" else seq.tokens[last].text.lower()[:40]
        span = Span(len(out), "A" if kind == "Action" else "E", kind, start, end, seq.sentence, seq.step,
                    first, last, lemma)
        out.append((k, span))
    return out


def place_spans(
    sequences: Sequence[WordSequence], ranges: Sequence[Sequence[tuple[int, int, str]]], text: str
) -> list[Span]:
    """The spans of :func:`locate_spans`, given as ``(first token, last token, type)`` ranges
    of each sequence's words (``ranges[i]`` for ``sequences[i]``, in order), as the tagger
    labels them.

    When the sequences lie in text order without overlap (what :func:`word_sequences` gives
    for steps in reading order) each span lies in its own sequence, on its tokens, and the
    spans are already in text order: they are built directly. Otherwise (steps given out of
    order, or overlapping) :func:`locate_spans` places them as it places any span.

    >>> from autodsl.extract.extractor import protocol_from_text
    >>> from autodsl.extract.tagger import word_sequences
    >>> p = protocol_from_text("Add 5 ml buffer.")
    >>> spans = place_spans(word_sequences(p), [[(0, 0, "Action"), (1, 2, "Amount")]], p.text)
    >>> [(s.kind, s.type, s.start, s.end, s.lemma) for s in spans]
    [('A', 'Action', 0, 3, 'add'), ('E', 'Amount', 4, 8, 'ml')]
    """
    ordered = all(nxt.start(0) >= seq.end(len(seq.words) - 1) for seq, nxt in zip(sequences, sequences[1:]))
    if not ordered:
        typed = [(seq.start(first), seq.end(last), kind)
                 for seq, spans in zip(sequences, ranges) for first, last, kind in spans]
        return [span for _, span in locate_spans([seq.token_sequence() for seq in sequences], typed, text)]
    out: list[Span] = []
    for seq, spans in zip(sequences, ranges):
        for first, last, kind in spans:
            start, end = seq.start(first), seq.end(last)
            lemma = lemmatize(text[start:end]) if kind == "Action" else seq.words[last].lower()[:40]
            out.append(Span(len(out), "A" if kind == "Action" else "E", kind, start, end, seq.sentence, seq.step,
                            first, last, lemma))
    return out


def candidate_pairs(spans: Sequence[Span]) -> list[tuple[Span, Span, str]]:
    """``(action, argument, scope)`` candidates in a deterministic order.

    ``scope`` is ``same`` (a span of the same sentence, at most 10 spans away), ``prev``
    (one of the two nearest actions of earlier sentences) or ``next`` (one of the first
    10 reagents, locations, devices, seals or mentions of the next sentence).
    """
    by_seq: dict[int, list[Span]] = {}
    for s in spans:
        by_seq.setdefault(s.sequence, []).append(s)
    seqs = sorted(by_seq)
    next_seq = {a: b for a, b in zip(seqs, seqs[1:])}
    out: list[tuple[Span, Span, str]] = []
    earlier_actions: list[Span] = []
    for seq in seqs:
        members = by_seq[seq]
        following = [s for s in by_seq.get(next_seq.get(seq, -1), []) if s.type in _OBJECT_TYPES][:_NEXT_ENTITIES]
        for k, a in enumerate(members):
            if a.kind != "A":
                continue
            nearby = members[max(0, k - _SAME_WINDOW) : k] + members[k + 1 : k + 1 + _SAME_WINDOW]
            out += [(a, s, "same") for s in nearby]
            out += [(a, p, "prev") for p in earlier_actions[-_PREV_ACTIONS:][::-1]]
            out += [(a, s, "next") for s in following]
        earlier_actions += [s for s in members if s.kind == "A"]
    return out


# bucket name of each token gap 0..12 (larger gaps are "far")
_DIST_NAMES = tuple(str(next(b for b in _DIST_BUCKETS if n <= b)) for n in range(_DIST_BUCKETS[-1] + 1))


@dataclass(frozen=True, slots=True)
class PairContext:
    """What pair features look up besides the pair, computed once per protocol: all spans,
    each sentence's lower-cased words, each sentence's first action, and running counts
    that turn "how many spans of a kind lie between two spans" into two look-ups."""

    spans: Sequence[Span]
    words: dict[int, list[str]]  # sentence -> lower-cased words
    first_action: dict[int, Span]
    actions_before: list[int]  # actions among spans[:i]
    type_positions: dict[str, list[int]]  # span type -> span indices of that type, ascending
    sentence_start: dict[int, int]  # sentence -> index of its first span

    @classmethod
    def of(cls, spans: Sequence[Span], words: dict[int, list[str]]) -> "PairContext":
        first: dict[int, Span] = {}
        actions_before = [0]
        type_positions: dict[str, list[int]] = {}
        sentence_start: dict[int, int] = {}
        for s in spans:
            if s.kind == "A":
                first.setdefault(s.sequence, s)
            actions_before.append(actions_before[-1] + (s.kind == "A"))
            type_positions.setdefault(s.type, []).append(s.index)
            sentence_start.setdefault(s.sequence, s.index)
        lowered = {k: [w.lower() for w in ws] for k, ws in words.items()}
        return cls(spans, lowered, first, actions_before, type_positions, sentence_start)

    def count_type(self, kind: str, lo: int, hi: int) -> int:
        """Spans of type ``kind`` with index in ``[lo, hi)``."""
        positions = self.type_positions.get(kind, ())
        return bisect.bisect_left(positions, hi) - bisect.bisect_left(positions, lo)  # type: ignore[arg-type]


def pair_features(a: Span, s: Span, scope: str, context: PairContext) -> list[str]:
    """Sparse features of one candidate pair (see :func:`candidate_pairs` for ``scope``)."""
    return [f for key in pair_feature_keys(a, s, scope, context) for f in run_features(key)]


# A pair's features come in runs, each built by one of the functions below from a few
# values (a key). Many pairs share a run's key, so RoleLinker.predict_pairs keeps each key's
# feature ids and never builds the strings again; pair_features builds them, in the same order.
# Keys hold only strings, numbers and booleans: the garbage collector stops tracking such
# tuples, so the linker's cache of keys adds nothing to its full collections.
PairFeatureKey = tuple[Any, ...]  # (run name, its arguments ...)


def run_features(key: PairFeatureKey) -> list[str]:
    """The features of one run of :func:`pair_features`, from its key.

    >>> run_features(("action-first", "Reagent"))
    ['a-first|t=Reagent']
    """
    return _RUNS[key[0]](*key[1:])


def _common_run(lemma: str, t: str, scope: str) -> list[str]:
    return ["bias", "t=" + t, "scope=" + scope, f"scope|t={scope}|{t}",
            "lemma=" + lemma, f"lemma|t={lemma}|{t}", f"lemma|scope={lemma}|{scope}"]


def _same_shape_run(direction: str, gap: str, t: str, n_act: int, n_same: int) -> list[str]:
    return [f"dir|t={direction}|{t}", f"dist|t={gap}|{t}", f"dir|dist={direction}|{gap}",
            f"acts={n_act}|{direction}", f"acts|t={n_act}|{direction}|{t}", f"same={n_same}|{direction}|{t}"]


def _word_before_run(before_word: str, t: str, lemma: str) -> list[str]:
    return ["prev=" + before_word, f"prev|t={before_word}|{t}", f"prev|t|lemma={before_word}|{t}|{lemma}"]


def _same_head_run(head: str, t: str, lemma: str, direction: str, n_between: int) -> list[str]:
    return [f"head|t={head}|{t}", f"lemma|dir|t={lemma}|{direction}|{t}",
            f"between={n_between}|{direction}", f"between|t={n_between}|{direction}|{t}"]


def _gap_words_run(words: tuple[str, ...], t: str) -> list[str]:
    return [f"gap={w}|{t}" for w in words]


def _action_first_run(t: str) -> list[str]:
    return ["a-first|t=" + t]


def _prev_action_run(rank: int, prev_lemma: str, lemma: str) -> list[str]:
    return [f"rank={rank}", "prev-lemma=" + prev_lemma, f"pair-lemma={prev_lemma}|{lemma}"]


def _prev_context_run(same_step: bool, a_first: bool, has_before: bool, has_object: bool, lemma: str) -> list[str]:
    return [f"same-step={same_step}", f"a-first={a_first}", f"a-has-before={has_before}",
            f"a-has-object={has_object}", f"a-has-object|lemma={has_object}|{lemma}"]


def _next_counts_run(n_later_actions: int, n_same: int, t: str) -> list[str]:
    return [f"later-acts={n_later_actions}", f"n-same|t={n_same}|{t}"]


def _next_head_run(head: str, t: str, next_lemma: str, before_next_action: bool) -> list[str]:
    return [f"head|t={head}|{t}", f"next-lemma={next_lemma}", f"next-lemma|t={next_lemma}|{t}",
            f"before-next-action={before_next_action}"]


_RUNS = {
    "common": _common_run,
    "same-shape": _same_shape_run,
    "word-before": _word_before_run,
    "same-head": _same_head_run,
    "gap-words": _gap_words_run,
    "action-first": _action_first_run,
    "prev-action": _prev_action_run,
    "prev-context": _prev_context_run,
    "next-counts": _next_counts_run,
    "next-head": _next_head_run,
}


def pair_feature_keys(a: Span, s: Span, scope: str, context: PairContext) -> list[PairFeatureKey]:
    """The runs of :func:`pair_features` of one pair, as ``(run name, arguments ...)`` keys.

    >>> spans = [Span(0, "A", "Action", 0, 3, 0, 1, 0, 0, "add"),
    ...          Span(1, "E", "Reagent", 4, 10, 0, 1, 1, 1, "buffer")]
    >>> key = pair_feature_keys(spans[0], spans[1], "same", PairContext.of(spans, {0: ["Add", "buffer"]}))[0]
    >>> key, run_features(key)[:2]
    (('common', 'add', 'Reagent', 'same'), ['bias', 't=Reagent'])
    """
    # the hot loop of role linking: min() and helper calls are written out
    t = s.type
    lemma = a.lemma
    acts = context.actions_before
    common = ("common", lemma, t, scope)
    if scope == "same":
        after = s.start > a.start
        lo, hi = (a, s) if after else (s, a)
        direction = "R" if after else "L"
        gap = hi.first - lo.last - 1
        n_act = acts[hi.index] - acts[lo.index + 1]
        positions = context.type_positions.get(t, ())
        n_same = bisect.bisect_left(positions, hi.index) - bisect.bisect_left(positions, lo.index + 1)
        n_between = hi.index - lo.index - 1
        sent = context.words.get(s.sequence, [])
        keys: list[PairFeatureKey] = [
            common,
            ("same-shape", direction, _DIST_NAMES[max(gap, 0)] if gap < len(_DIST_NAMES) else "far", t,
             n_act if n_act < 2 else 2, n_same if n_same < 2 else 2),
            ("word-before", sent[s.first - 1] if s.first > 0 else "<s>", t, lemma),
            ("same-head", s.lemma, t, lemma, direction, n_between if n_between < 3 else 3),
        ]
        if gap > 0:
            gap_words = _GAP_WORDS.intersection(sent[lo.last + 1 : hi.first])
            if gap_words:
                keys.append(("gap-words", tuple(sorted(gap_words)), t))
        if a.first == 0 or (a.first == 1 and sent[:1] and not sent[0][:1].isalpha()):
            keys.append(("action-first", t))
        return keys
    if scope == "prev":
        # s lies in an earlier sentence, so the spans between include all of a's sentence before a
        start = context.sentence_start[a.sequence]
        rank = acts[a.index] - acts[s.index + 1]
        return [
            common,
            ("prev-action", rank if rank < 2 else 2, s.lemma, lemma),
            ("prev-context", s.step == a.step, a.first == 0,
             (a.index - start) - (acts[a.index] - acts[start]) > 0, _has_object_after(a, context.spans), lemma),
        ]
    # next: s lies in the sentence after a's
    next_start = context.sentence_start[s.sequence]
    first_action = context.first_action.get(s.sequence)
    n_later = acts[next_start] - acts[a.index + 1]
    n_same = context.count_type(t, next_start, s.index)
    return [
        common,
        ("next-counts", n_later if n_later < 2 else 2, n_same if n_same < 2 else 2, t),
        ("next-head", s.lemma, t, first_action.lemma if first_action else "<none>",
         first_action is not None and s.start < first_action.start),
    ]


_GAP_WORDS = frozenset({",", "and", "or", "then", ";", "until", "to", "with", "in", "into", "of", "for"})


def _has_object_after(a: Span, spans: Sequence[Span]) -> bool:
    """Whether ``a`` has a reagent-like span after it in its sentence before the next action."""
    for k in range(a.index + 1, len(spans)):
        x = spans[k]
        if x.sequence != a.sequence or x.kind == "A":
            return False
        if x.type in _OBJECT_TYPES:
            return True
    return False


class RoleLinker:
    """A trained linker: weights per (feature, role), applied with numpy."""

    def __init__(self, params: dict[str, Any]) -> None:
        import numpy as np

        try:
            self.roles: list[str] = list(params["roles"])
            names: list[str] = list(params["features"])
            self._index = {name: i for i, name in enumerate(names)}
            weights = np.asarray(params["weights"], dtype=np.float64).reshape(len(names), len(self.roles))
            # a row of zeros at the end stands for every feature the model does not know
            self._weights = np.vstack([weights, np.zeros((1, len(self.roles)))])
        except (KeyError, TypeError, ValueError) as err:
            raise ModelError(f"role-linker parameters are malformed: {err}") from None
        # the runs of features met so far (see pair_feature_keys): index by key; row ids,
        # the sum of their weights and of their absolute values, and their number by index
        self._run_index: dict[PairFeatureKey, int] = {}
        self._run_rows: list[tuple[int, ...]] = []
        self._run_sums = np.zeros((256, len(self.roles)))
        self._run_bounds = np.zeros((256, len(self.roles)))
        self._run_sizes = np.zeros(256, dtype=np.intp)
        self._summed = 0  # runs whose sums are in the arrays

    @classmethod
    def load(cls, path: str | Path) -> "RoleLinker":
        """Read linker parameters written by :func:`train_linker`."""
        try:
            params = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise ModelError(f"cannot read role-linker model {path}: {err}") from None
        return cls(params)

    def predict(self, feature_lists: Sequence[list[str]]) -> list[str]:
        """The most likely role (or ``none``) of each candidate pair, given its features."""
        if not feature_lists:
            return []
        flat = [i for feats in feature_lists for i in self._ids(feats)]
        offsets = list(accumulate((len(feats) for feats in feature_lists[:-1]), initial=0))
        return [self.roles[k] for k in self._best_indices(flat, offsets).tolist()]

    def predict_pairs(self, pairs: Sequence[tuple[Span, Span, str]], context: PairContext) -> list[str]:
        """:meth:`predict` of the :func:`pair_features` of ``pairs``, the same roles, faster:
        each run of features is looked up by key (see :func:`pair_feature_keys`), its
        weights summed once (see :meth:`_roles_of_runs`)."""
        if len(self._run_index) > _RUN_CACHE_LIMIT:
            self._run_index.clear()  # endless new words (garbage input) must not grow memory
            self._run_rows.clear()
            self._summed = 0
        index = self._run_index.get
        roles: list[str] = []
        runs: list[int] = []
        offsets: list[int] = []
        for a, s, scope in pairs:
            if len(offsets) == _PAIR_BATCH:  # scored in batches: memory stays flat on huge inputs
                roles += self._roles_of_runs(runs, offsets)
                runs, offsets = [], []
            offsets.append(len(runs))
            for key in pair_feature_keys(a, s, scope, context):
                run = index(key)
                runs.append(self._new_run(key) if run is None else run)
        return roles + self._roles_of_runs(runs, offsets)

    def _new_run(self, key: PairFeatureKey) -> int:
        """Keep the row ids of the run of features ``key``; its index. (Its weight sums are
        added, with those of the other new runs, by :meth:`_sum_new_runs`.)"""
        run = len(self._run_rows)
        self._run_rows.append(self._ids(run_features(key)))
        self._run_index[key] = run
        return run

    def _sum_new_runs(self) -> None:
        """Sum the weights, and their absolute values, of the runs kept since the last call."""
        import numpy as np

        first, count = self._summed, len(self._run_rows)
        if first == count:
            return
        if count > len(self._run_sizes):
            size = max(count, 2 * len(self._run_sizes))
            self._run_sums = np.vstack([self._run_sums, np.zeros((size - len(self._run_sums), len(self.roles)))])
            self._run_bounds = np.vstack([self._run_bounds, np.zeros((size - len(self._run_bounds), len(self.roles)))])
            self._run_sizes = np.concatenate([self._run_sizes, np.zeros(size - len(self._run_sizes), dtype=np.intp)])
        new = self._run_rows[first:]
        sizes = [len(ids) for ids in new]  # every run has a feature, so no part of reduceat is empty
        rows = self._weights[[i for ids in new for i in ids]]
        starts = list(accumulate(sizes[:-1], initial=0))
        self._run_sums[first:count] = np.add.reduceat(rows, starts, axis=0)
        self._run_bounds[first:count] = np.add.reduceat(np.abs(rows), starts, axis=0)
        self._run_sizes[first:count] = sizes
        self._summed = count

    def _roles_of_runs(self, runs: list[int], offsets: list[int]) -> list[str]:
        """Roles of the pairs whose runs of features are ``runs[offsets[k]:offsets[k + 1]]``,
        those :meth:`predict` gives them.

        A role's score is a sum of n weights. :meth:`predict` adds a pair's weight rows in
        numpy's order, and where two roles tie, or nearly, the last bits of the sums decide.
        Here the sums of the runs are added instead: the same terms grouped otherwise, so
        each score differs from predict's by at most 2·γ(n-1)·Σ|w| (γ(m) = m·u/(1 - m·u),
        u the unit roundoff; Higham, *Accuracy and Stability of Numerical Algorithms*, 4.2).
        Where the best role leads every other by more than twice that bound on both scores,
        predict picks it too; the other pairs are scored as predict scores them.
        """
        import numpy as np

        if not offsets:
            return []
        self._sum_new_runs()
        run_array = np.fromiter(runs, dtype=np.intp, count=len(runs))
        starts = np.asarray(offsets, dtype=np.intp)
        scores = np.add.reduceat(self._run_sums[run_array], starts, axis=0)
        sizes = np.add.reduceat(self._run_sizes[run_array], starts)
        error = np.add.reduceat(self._run_bounds[run_array], starts, axis=0) * (2 * np.finfo(float).eps * sizes)[:, None]
        best = scores.argmax(axis=1)
        pairs = np.arange(len(best))
        lead = (scores[pairs, best] - error[pairs, best])[:, None] - (scores + error)
        lead[pairs, best] = np.inf
        unsure = np.flatnonzero(lead.min(axis=1) <= 0).tolist()
        if unsure:
            ends = offsets[1:] + [len(runs)]
            flat: list[int] = []
            unsure_offsets: list[int] = []
            for k in unsure:
                unsure_offsets.append(len(flat))
                for run in runs[offsets[k] : ends[k]]:
                    flat += self._run_rows[run]
            best[unsure] = self._best_indices(flat, unsure_offsets)
        return [self.roles[k] for k in best.tolist()]

    def _ids(self, features: list[str]) -> tuple[int, ...]:
        """Row ids of ``features``; the zero row for a feature the model does not know. (Leaving
        those out would change how numpy groups the additions, and so the last bit of a
        score: a tie between two roles would then go the other way.)"""
        get = self._index.get
        unknown = len(self._index)
        return tuple(get(f, unknown) for f in features)

    def _best_indices(self, flat: list[int], offsets: list[int]) -> "np.ndarray":
        """Role indices of the pairs whose feature rows are ``flat[offsets[k]:offsets[k + 1]]``."""
        import numpy as np

        # every pair has at least the "bias" row, so no row of reduceat is empty
        scores = np.add.reduceat(self._weights[np.asarray(flat, dtype=np.intp)], np.asarray(offsets), axis=0)
        return scores.argmax(axis=1)


def train_linker(
    feature_lists: Sequence[list[str]],
    labels: Sequence[str],
    *,
    c: float = 1.0,
    min_count: int = 2,
    seed: int = 0,
) -> dict[str, Any]:
    """Fit the role classifier; returns JSON-ready parameters for :class:`RoleLinker`."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for feats in feature_lists:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, n in counts.items() if n >= min_count or f == "bias")
    index = {f: i for i, f in enumerate(names)}
    rows, cols = [], []
    for r, feats in enumerate(feature_lists):
        for col in sorted({index[f] for f in feats if f in index}):
            rows.append(r)
            cols.append(col)
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(feature_lists), len(names)))
    roles = sorted(set(labels))
    y = np.asarray([roles.index(lab) for lab in labels])
    # lbfgs converges in ~120 iterations on WLP train; 300 leaves room without wasting time
    model = LogisticRegression(C=c, max_iter=300, random_state=seed, fit_intercept=False)
    model.fit(x, y)
    coef = model.coef_  # (classes, features); binary problems give one row
    if coef.shape[0] == 1:
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
    # intercept is carried by the "bias" feature, so "bias" stays in the table
    # three decimals keep every decision on dev and a third of the file size
    weights = np.round(coef.T, 3)
    keep = [i for i in range(len(names)) if names[i] == "bias" or np.abs(weights[i]).max() > 0]
    return {
        "roles": roles,
        "features": [names[i] for i in keep],
        "weights": [[float(v) for v in weights[i]] for i in keep],
    }
