"""Score extractions against gold: spans (exact and overlap) and action–argument roles.

Precision, recall and F1 for Action spans, for each entity type, micro-averaged over
entity spans and over all spans; and for role triples (action span, role, argument span).
Exact matching needs identical offsets and type; overlap matching pairs each predicted
span one-to-one with an unmatched gold span of the same type that shares at least one
character (the largest overlap first).

>>> from autodsl.extract.models import Action, Entity, Extraction
>>> gold = Extraction(protocol={}, entities=[Entity(id="T1", type="Reagent", start=4, end=14, text="the buffer")],
...                   actions=[Action(id="A1", start=0, end=3, text="Add", lemma="add", step=1)])
>>> pred = Extraction(protocol={}, entities=[Entity(id="T1", type="Reagent", start=8, end=14, text="buffer")],
...                   actions=[Action(id="A1", start=0, end=3, text="Add", lemma="add", step=1)])
>>> s = ExtractScore.of(gold, pred)
>>> s.actions.exact.f1, s.entities.exact.f1, s.entities.overlap.f1
(1.0, 0.0, 1.0)
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from pydantic import BaseModel, ConfigDict, Field

from autodsl.extract.models import Extraction

if TYPE_CHECKING:
    from autodsl.errors import InputFileError
    from autodsl.extract.extractor import Extractor

__all__ = ["PRF", "MatchScore", "ExtractScore", "score_extraction", "evaluate_extractor"]

_frozen = ConfigDict(frozen=True, extra="forbid")
SpanKey = tuple[int, int, str]
Triple = tuple[int, int, str, int, int]  # action start, end, role, argument start, end


class PRF(BaseModel):
    """True positives, false positives, false negatives, and the figures they give."""

    model_config = _frozen
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(tp=self.tp + other.tp, fp=self.fp + other.fp, fn=self.fn + other.fn)

    def figures(self) -> dict[str, float | int]:
        """Counts and rounded precision/recall/F1, for JSON output."""
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


class MatchScore(BaseModel):
    """One measure under exact and under overlap matching."""

    model_config = _frozen
    exact: PRF = Field(default_factory=PRF)
    overlap: PRF = Field(default_factory=PRF)

    def __add__(self, other: "MatchScore") -> "MatchScore":
        return MatchScore(exact=self.exact + other.exact, overlap=self.overlap + other.overlap)

    def figures(self) -> dict[str, dict[str, float | int]]:
        return {"exact": self.exact.figures(), "overlap": self.overlap.figures()}


def _exact(gold: Sequence[tuple], pred: Sequence[tuple]) -> PRF:
    tp = sum((Counter(gold) & Counter(pred)).values())
    return PRF(tp=tp, fp=len(pred) - tp, fn=len(gold) - tp)


def _overlap_len(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _overlap_spans(gold: Sequence[SpanKey], pred: Sequence[SpanKey]) -> PRF:
    free = list(gold)
    tp = 0
    for p in sorted(pred):
        best = max(
            (g for g in free if g[2] == p[2] and _overlap_len(g[:2], p[:2]) > 0),
            key=lambda g: (_overlap_len(g[:2], p[:2]), -g[0]),
            default=None,
        )
        if best is not None:
            free.remove(best)
            tp += 1
    return PRF(tp=tp, fp=len(pred) - tp, fn=len(gold) - tp)


def _overlap_triples(gold: Sequence[Triple], pred: Sequence[Triple]) -> PRF:
    free = list(gold)
    tp = 0
    for p in sorted(pred):
        def score(g: Triple) -> int:
            return _overlap_len(g[:2], p[:2]) + _overlap_len(g[3:], p[3:])

        best = max(
            (g for g in free if g[2] == p[2] and _overlap_len(g[:2], p[:2]) > 0 and _overlap_len(g[3:], p[3:]) > 0),
            key=score,
            default=None,
        )
        if best is not None:
            free.remove(best)
            tp += 1
    return PRF(tp=tp, fp=len(pred) - tp, fn=len(gold) - tp)


def _spans(x: Extraction) -> tuple[list[SpanKey], list[SpanKey]]:
    return [(a.start, a.end, "Action") for a in x.actions], [(e.start, e.end, e.type) for e in x.entities]


def _triples(x: Extraction) -> list[Triple]:
    where = {e.id: (e.start, e.end) for e in x.entities}
    where.update({a.id: (a.start, a.end) for a in x.actions})
    return [(a.start, a.end, arg.role, *where[arg.entity]) for a in x.actions for arg in a.args if arg.entity in where]


class ExtractScore(BaseModel):
    """Scores of one or more extractions (add them up with ``+``)."""

    model_config = _frozen
    protocols: int = 0
    actions: MatchScore = Field(default_factory=MatchScore)
    entities: MatchScore = Field(default_factory=MatchScore, description="micro-average over entity spans")
    all_spans: MatchScore = Field(default_factory=MatchScore, description="actions and entities together")
    by_type: dict[str, MatchScore] = Field(default_factory=dict)
    roles: MatchScore = Field(default_factory=MatchScore, description="(action, role, argument) triples")
    by_role: dict[str, MatchScore] = Field(default_factory=dict)

    @classmethod
    def of(cls, gold: Extraction, pred: Extraction) -> "ExtractScore":
        """Score one predicted extraction against its gold."""
        gold_actions, gold_entities = _spans(gold)
        pred_actions, pred_entities = _spans(pred)
        types = sorted({s[2] for s in gold_entities} | {s[2] for s in pred_entities})
        by_type = {}
        for t in types:
            g = [s for s in gold_entities if s[2] == t]
            p = [s for s in pred_entities if s[2] == t]
            by_type[t] = MatchScore(exact=_exact(g, p), overlap=_overlap_spans(g, p))
        gold_triples, pred_triples = _triples(gold), _triples(pred)
        by_role = {}
        for r in sorted({t[2] for t in gold_triples} | {t[2] for t in pred_triples}):
            g3 = [t for t in gold_triples if t[2] == r]
            p3 = [t for t in pred_triples if t[2] == r]
            by_role[r] = MatchScore(exact=_exact(g3, p3), overlap=_overlap_triples(g3, p3))
        actions = MatchScore(exact=_exact(gold_actions, pred_actions),
                             overlap=_overlap_spans(gold_actions, pred_actions))
        entities = _sum(by_type.values())
        return cls(
            protocols=1, actions=actions, entities=entities, all_spans=actions + entities,
            by_type=by_type, roles=_sum(by_role.values()), by_role=by_role,
        )

    def __add__(self, other: "ExtractScore") -> "ExtractScore":
        def merge(a: dict[str, MatchScore], b: dict[str, MatchScore]) -> dict[str, MatchScore]:
            return {k: a.get(k, MatchScore()) + b.get(k, MatchScore()) for k in sorted(set(a) | set(b))}

        return ExtractScore(
            protocols=self.protocols + other.protocols,
            actions=self.actions + other.actions, entities=self.entities + other.entities,
            all_spans=self.all_spans + other.all_spans, by_type=merge(self.by_type, other.by_type),
            roles=self.roles + other.roles, by_role=merge(self.by_role, other.by_role),
        )

    def report(self) -> dict[str, object]:
        """The figures as a JSON-ready dict (the ``--json`` output of ``autodsl eval extract``)."""
        return {
            "protocols": self.protocols,
            "actions": self.actions.figures(),
            "entities_micro": self.entities.figures(),
            "all_spans_micro": self.all_spans.figures(),
            "entity_types": {t: m.figures() for t, m in self.by_type.items()},
            "roles_micro": self.roles.figures(),
            "roles": {r: m.figures() for r, m in self.by_role.items()},
        }


def _sum(scores: Iterable[MatchScore]) -> MatchScore:
    total = MatchScore()
    for s in scores:
        total = total + s
    return total


def score_extraction(gold: Extraction, pred: Extraction) -> ExtractScore:
    """Score ``pred`` against ``gold`` (same protocol text)."""
    return ExtractScore.of(gold, pred)


def evaluate_extractor(
    gold_dir: str | Path,
    model: "Extractor | str | Path | None" = None,
    progress: Callable[[int, int], None] | None = None,
    on_problem: "Callable[[InputFileError], None] | None" = None,
) -> ExtractScore:
    """Extract every BRAT protocol in ``gold_dir`` with ``model`` (None: the shipped one)
    and score it against its gold annotations.

    A protocol whose files cannot be read or parsed raises, unless ``on_problem`` is given:
    then it is handed the error and the protocol is skipped.
    """
    from autodsl.corpus.load import load_protocol
    from autodsl.errors import InputFileError
    from autodsl.extract.extractor import Extractor
    from autodsl.extract.gold import gold_extraction
    from autodsl.extract.train import annotated_paths

    extractor = model if isinstance(model, Extractor) else Extractor.load(model)
    paths = annotated_paths(gold_dir)
    total = ExtractScore()
    for k, path in enumerate(paths):
        try:
            protocol = load_protocol(path, format="brat")
        except InputFileError as err:
            if on_problem is None:
                raise
            on_problem(err)
            continue
        total = total + ExtractScore.of(gold_extraction(protocol), extractor.extract(protocol))
        if progress is not None:
            progress(k + 1, len(paths))
    return total
