"""``autodsl eval dsl``: how well a learned DSL covers unseen protocols of its domain.

The protocols of a corpus are extracted exactly as ``autodsl learn`` extracts them, and
each instance action is fitted to the spec (``autodsl.induce.metrics``). Only protocols of
the spec's domain count when the corpus carries domains (Protocol Exchange); a corpus
without domains (WLP, materials) counts whole. ``holdout`` keeps only the protocols
``learn --holdout`` left out, so the figures are on protocols the spec never saw. On a
corpus with gold operation graphs (X-WLP), the opcodes are also compared with the gold
operation types (:func:`gold_type_agreement`): do synonyms share an opcode?

>>> from autodsl.induce.spec import DslSpec
>>> figures = evaluate_digests(DslSpec(domain="d"), [])
>>> figures["coverage"], figures["opcodes"], figures["protocols"]
(0.0, 0, 0)
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from autodsl.errors import AutodslError
from autodsl.induce.spec import DslSpec

if TYPE_CHECKING:
    from autodsl.corpus.models import Protocol
    from autodsl.diagnostics import Diagnostic
    from autodsl.induce.features import ProtocolDigest

__all__ = ["evaluate_dsl", "evaluate_digests", "gold_type_agreement", "TOP_UNCOVERED"]

TOP_UNCOVERED = 15


def evaluate_digests(spec: DslSpec, digests: Sequence["ProtocolDigest"]) -> dict[str, Any]:
    """Coverage figures of ``spec`` over the instance actions of ``digests``."""
    from autodsl.induce.metrics import VerbIndex, coverage_figures

    instances = [inst for d in digests for inst in d.actions]
    figures: dict[str, Any] = coverage_figures(spec, instances)
    index = VerbIndex(spec)
    unknown: Counter[str] = Counter()
    unfit: Counter[str] = Counter()
    for inst in instances:
        fit = index.fit(inst)
        if fit.reason == "unknown-verb":
            unknown[inst.verb] += 1
        elif fit.reason == "unfit-slot" and fit.opcode is not None:
            op = index.operation(inst.lemma)
            names = {s.name for s in op.slots} if op else set()
            for value in inst.slots:
                if value.name not in names:
                    unfit[f"{fit.opcode}.{value.name}"] += 1
    figures["domain"] = spec.domain
    figures["protocols"] = len(digests)
    figures["top_unknown_verbs"] = [[v, n] for v, n in sorted(unknown.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_UNCOVERED]]
    figures["top_unfit_slots"] = [[s, n] for s, n in sorted(unfit.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_UNCOVERED]]
    return figures


# X-WLP's catch-all type says nothing about which operation it is
_UNTYPED = frozenset({"default_op"})


def gold_type_agreement(
    spec: DslSpec, protocols: Sequence["Protocol"], digests: Sequence["ProtocolDigest"]
) -> dict[str, Any]:
    """Agreement of the opcodes of instance actions with X-WLP gold operation types.

    An instance action is aligned with the gold operation node whose span overlaps its
    verb (first by text order); untyped (``default_op``) nodes and actions whose verb maps
    to no opcode are left out. Figures: :func:`autodsl.induce.metrics.agreement_with_gold`
    plus ``aligned`` (instances compared) and ``gold_types`` (distinct gold types).
    """
    from autodsl.induce.metrics import VerbIndex, agreement_with_gold

    index = VerbIndex(spec)
    labels: list[str] = []
    gold: list[str] = []
    for protocol, digest in zip(protocols, digests):
        if protocol.graph is None:
            continue
        spans = [(n.start, n.end, n.type) for n in protocol.graph.operations()
                 if n.start is not None and n.end is not None and n.type not in _UNTYPED]
        for inst in digest.actions:
            op = index.operation(inst.lemma)
            found = next((t for s, e, t in spans if s < inst.end and inst.start < e), None)
            if op is None or found is None:
                continue
            labels.append(op.opcode)
            gold.append(found)
    figures: dict[str, Any] = agreement_with_gold(labels, gold)
    figures["aligned"] = len(labels)
    figures["gold_types"] = len(set(gold))
    return figures


def evaluate_dsl(
    spec: DslSpec,
    corpus: str | Path,
    *,
    jobs: int = 1,
    gold: bool = False,
    holdout: float = 0.0,
    advance: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> tuple[dict[str, Any], list["Diagnostic"]]:
    """Figures of ``spec`` on the protocols of its domain in ``corpus``, and skipped files."""
    from autodsl.corpus import load_corpus
    from autodsl.induce.corpus import digest_corpus, in_holdout

    root = Path(corpus)
    if not root.exists():
        raise AutodslError(f"{root}: no such corpus folder or file")
    loaded = load_corpus(root)
    protocols = loaded.protocols
    if any(p.domains for p in protocols):
        protocols = [p for p in protocols if spec.domain in p.domains]
    if holdout > 0:
        protocols = [p for p in protocols if in_holdout(p.id, holdout)]
    if not protocols:
        raise AutodslError(f"{root}: no protocols of domain {spec.domain!r} to evaluate on")
    if on_total:
        on_total(len(protocols))
    digests = digest_corpus(protocols, jobs=jobs, gold=gold, advance=advance)
    figures = evaluate_digests(spec, digests)
    if any(p.graph is not None for p in protocols):
        figures["gold_operation_types"] = gold_type_agreement(spec, protocols, digests)
    figures["corpus"] = root.as_posix()
    figures["holdout"] = holdout
    return figures, list(loaded.problems)
