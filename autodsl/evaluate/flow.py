"""Score reagent flow: operation-to-operation edges (A makes something B uses) against gold.

Gold flow comes in two definitions (``links``):

* ``direct`` (the default; the definition of the issue's held-out evaluation): A -> B when
  B takes as input the very thing A output, with no re-mention in between.

  - **X-WLP** (:class:`~autodsl.corpus.models.OperationGraph`): a link that routes an
    argument from operation A straight to operation B. A re-mention ("Invert *the tube*",
    "Resuspend *the cells*") is a new mention node that a ``co_ref_of`` (or ``located_at``,
    ``part_of``) implicit event joins to the earlier one, so it breaks the direct edge;
    implicit continuations ("Centrifuge for 5 min") and named products of A ("the
    supernatant" after a spin) are routed straight from A. Dummy ordering links (no
    argument) are not flow.
  - **WLP BRAT**: B's argument (``Acts-on``, ``Site``, ``Using``) is the action A itself or
    an entity that is a ``Product`` of A (the very entity, no coreference followed). WLP
    annotates a re-mention of A's result as A's Product ("Add buffer. Invert *the tube*":
    the tube is the Add's Product), so this is looser than X-WLP's direct links.

* ``through``: flow also followed through re-mentions.

  - **X-WLP**: routes through implicit events (``co_ref_of``, ``located_at`` ...) are
    followed to the operations that finally take the argument as an input.
  - **WLP BRAT**: as ``direct``, and also when B's argument is coreferent with a Product
    of A (``Coreference-Link`` chains).

In WLP, for both definitions, the latest such A before B counts, and a discard makes
nothing (as X-WLP's ``destroy_op`` has no outputs): an argument naming a discard action
("add buffer to [what is left after removing the liquid]") stands for what remained, made
by the makers of what it discarded.

Predicted operations are aligned to gold operations by span overlap: each predicted
operation maps to the gold operation whose span it overlaps most (several predicted
operations may map to one gold operation, e.g. "Vortex" and "pipet" to "Vortex or pipet").
A predicted edge is correct when its mapped pair is a gold edge; mapped pairs are
counted once, and edges inside one gold operation are ignored. The baseline, on the same
predicted operations, says each operation consumes the previous one's product. The
system's edges are :func:`~autodsl.pdg.complete.operation_flow` of its PDG: direct flow
against ``direct`` gold, flow through references against ``through`` gold.

>>> from autodsl.corpus.models import OperationGraph, PegLink, PegNode
>>> g = OperationGraph(nodes=(PegNode(id="a", kind="operation", type="spin_op", label="Spin", start=0, end=4),
...     PegNode(id="e", kind="implicit", type="co_ref_of", label="e"),
...     PegNode(id="b", kind="operation", type="transfer_op", label="Add", start=6, end=9)),
...     links=(PegLink(source="a", target="e", argument="rg_1"), PegLink(source="e", target="b", argument="rg_2")))
>>> sorted(xwlp_gold_flow(g).edges), sorted(xwlp_gold_flow(g, links="through").edges)
([], [('a', 'b')])
>>> gold = xwlp_gold_flow(g, links="through")
>>> score_flow({"p1": (0, 4), "p2": (6, 9)}, {("p1", "p2")}, gold).f1
1.0
"""

from __future__ import annotations

import bisect
import difflib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from autodsl.corpus.models import OperationGraph, Protocol
from autodsl.evaluate.extract import PRF
from autodsl.extract.lemma import lemmatize
from autodsl.pdg.lexicon import op_class

__all__ = [
    "GoldFlow",
    "xwlp_gold_flow",
    "brat_gold_flow",
    "align_operations",
    "offset_map",
    "score_flow",
    "previous_operation_flow",
    "FlowScores",
    "FlowReport",
    "evaluate_flow",
    "GOLD_LINKS",
]

Span = tuple[int, int]
Edge = tuple[str, str]
_FLOW_ROLES = frozenset({"Acts-on", "Site", "Using"})


@dataclass(frozen=True)
class GoldFlow:
    """Gold operations (id -> span, None when the span is unknown) and gold flow edges."""

    operations: dict[str, Span | None]
    edges: frozenset[Edge]


GOLD_LINKS: tuple[str, ...] = ("direct", "through")


def _check_links(links: str) -> None:
    if links not in GOLD_LINKS:
        raise ValueError(f"unknown gold links {links!r}; expected one of {', '.join(GOLD_LINKS)}")


def xwlp_gold_flow(graph: OperationGraph, *, links: str = "direct") -> GoldFlow:
    """Flow edges of an X-WLP graph: ``direct`` links, or ``through`` implicit events (module doc)."""
    _check_links(links)
    kinds = {n.id: n.kind for n in graph.nodes}
    routed: dict[str, set[str]] = {}
    for link in graph.links:
        if link.argument is None:
            continue
        if kinds.get(link.source) in ("operation", "implicit") and kinds.get(link.target) in ("operation", "implicit"):
            routed.setdefault(link.source, set()).add(link.target)
    operations = {n.id: (n.start, n.end) if n.start is not None and n.end is not None else None
                  for n in graph.nodes if n.kind == "operation"}
    edges: set[Edge] = set()
    for op in operations:
        if links == "direct":
            edges |= {(op, target) for target in routed.get(op, ()) if kinds[target] == "operation" and target != op}
            continue
        stack, seen = list(routed.get(op, ())), set()
        while stack:
            target = stack.pop()
            if target in seen:
                continue
            seen.add(target)
            if kinds[target] == "operation":
                if target != op:
                    edges.add((op, target))
            else:
                stack.extend(routed.get(target, ()))
    return GoldFlow(operations=operations, edges=frozenset(edges))


def brat_gold_flow(protocol: Protocol, *, links: str = "direct") -> GoldFlow:
    """Flow edges of a WLP BRAT protocol from Product links, and coreference for ``through`` (module doc)."""
    _check_links(links)
    if protocol.brat is None:
        raise ValueError(f"protocol {protocol.id} has no BRAT annotations")
    ann = protocol.brat
    spans = {e.id: (e.start, e.end) for e in ann.entities}
    trigger = {ev.id: ev.trigger for ev in ann.events}
    action_ids = {ev.trigger for ev in ann.events} | {e.id for e in ann.entities if e.type in ("Action", "Operation")}
    operations = {a: spans[a] for a in action_ids if a in spans}
    # coreference chains: undirected closure over Coreference-Link (direct links keep every
    # mention apart)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    if links == "through":
        for rel in ann.relations:
            if rel.type == "Coreference-Link":
                a, b = find(trigger.get(rel.arg1, rel.arg1)), find(trigger.get(rel.arg2, rel.arg2))
                if a != b:
                    parent[a] = b
    made_by: dict[str, list[str]] = {}
    for ev in ann.events:
        for arg in ev.args:
            if arg.role == "Product":
                made_by.setdefault(find(trigger.get(arg.target, arg.target)), []).append(ev.trigger)
    args_of = {ev.trigger: [(a.role, trigger.get(a.target, a.target)) for a in ev.args] for ev in ann.events}
    discards = {a for a in operations if op_class(lemmatize(ann.entity(a).text)) == "discard"} if operations else set()

    def sources(target: str, b: str, depth: int = 0) -> set[str]:
        """The actions whose product ``target`` (an entity or an action) is, as seen from ``b``."""
        if target in action_ids:
            if target not in discards or depth > 3:
                return {target}
            # a discard makes nothing: "the result of discarding" is what remained, made
            # by whatever made the material the discard acted on
            found: set[str] = set()
            for role, inner in args_of.get(target, []):
                if role in _FLOW_ROLES and inner != target:
                    found |= sources(inner, target, depth + 1)
            return found
        makers = [a for a in made_by.get(find(target), ()) if a != b and spans[a][0] < spans[b][0]]
        return sources(max(makers, key=lambda a: spans[a][0]), b, depth + 1) if makers else set()

    edges: set[Edge] = set()
    for ev in ann.events:
        b = ev.trigger
        for role, target in args_of[b]:
            if role in _FLOW_ROLES:
                edges |= {(a, b) for a in sources(target, b) if a != b}
    return GoldFlow(operations=operations, edges=frozenset(edges))


def offset_map(source: str, target: str) -> Callable[[Span], Span]:
    """Carry spans of ``source`` onto ``target``, a copy of it spaced otherwise.

    The two texts' non-space characters are aligned (difflib where they differ); a span is
    carried by its first and last non-space characters, each to the matched character at or
    nearest after (for the start) or before (for the end) it. X-WLP and WLP hold the same
    protocols, tokenised differently ("Pre-chill" / "Pre - chill"), so WLP's gold instance
    actions can stand on X-WLP's text this way.

    >>> carry = offset_map("Pre - chill tubes .", "Pre-chill tubes.")
    >>> carry((0, 11)), carry((12, 17))
    ((0, 9), (10, 15))
    """
    src = [i for i, ch in enumerate(source) if not ch.isspace()]
    dst = [i for i, ch in enumerate(target) if not ch.isspace()]
    a = "".join(source[i] for i in src)
    b = "".join(target[i] for i in dst)
    # matched[k]: the target position of source's k-th non-space character, or -1
    matched = [-1] * len(src)
    if a == b:
        matched = list(dst)
    else:
        for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
            for k in range(block.size):
                matched[block.a + k] = dst[block.b + k]

    def carry(span: Span) -> Span:
        lo = bisect.bisect_left(src, span[0])
        hi = bisect.bisect_left(src, span[1]) - 1
        first = next((matched[k] for k in range(lo, hi + 1) if matched[k] >= 0), -1)
        last = next((matched[k] for k in range(hi, lo - 1, -1) if matched[k] >= 0), -1)
        if first < 0 or last < first:
            return (0, 0)
        return (first, last + 1)

    return carry


def align_operations(predicted: dict[str, Span], gold: dict[str, Span | None]) -> dict[str, str]:
    """Map each predicted operation to the gold operation its span overlaps most (ties: the earlier)."""
    ordered = sorted(((s, g) for g, s in gold.items() if s is not None), key=lambda x: x[0])
    mapping: dict[str, str] = {}
    for pid, (start, end) in predicted.items():
        best, best_overlap = None, 0
        for (gs, ge), gid in ordered:
            if gs >= end:
                break
            overlap = min(end, ge) - max(start, gs)
            if overlap > best_overlap:
                best, best_overlap = gid, overlap
        if best is not None:
            mapping[pid] = best
    return mapping


def score_flow(predicted: dict[str, Span], edges: Iterable[Edge], gold: GoldFlow, *, strict: bool = False) -> PRF:
    """True/false positives and false negatives of predicted flow ``edges`` against ``gold``.

    By default flow is followed through predicted operations that align with no gold
    operation (A -> x -> B counts as A -> B when x is not a gold operation), as the gold
    follows flow through its implicit events. ``strict`` scores edges as they are: an edge
    with an unaligned end is a false positive.
    """
    mapping = align_operations(predicted, gold.operations)
    edge_set = set(edges)
    mapped: set[Edge] = set()
    unmapped = 0
    if strict:
        for a, b in edge_set:
            ga, gb = mapping.get(a), mapping.get(b)
            if ga is None or gb is None:
                unmapped += 1
            elif ga != gb:
                mapped.add((ga, gb))
    else:
        successors: dict[str, set[str]] = {}
        for a, b in edge_set:
            successors.setdefault(a, set()).add(b)
        for a in {a for a, _ in edge_set if a in mapping}:
            stack, seen = list(successors.get(a, ())), set()
            while stack:
                b = stack.pop()
                if b in seen:
                    continue
                seen.add(b)
                if b in mapping:
                    if mapping[b] != mapping[a]:
                        mapped.add((mapping[a], mapping[b]))
                else:
                    stack.extend(successors.get(b, ()))
    tp = len(mapped & gold.edges)
    return PRF(tp=tp, fp=len(mapped) - tp + unmapped, fn=len(gold.edges) - tp)


def previous_operation_flow(operations: dict[str, Span]) -> set[Edge]:
    """The baseline: each operation consumes the product of the operation before it in the text.

    >>> sorted(previous_operation_flow({"a": (0, 3), "b": (5, 8), "c": (9, 12)}))
    [('a', 'b'), ('b', 'c')]
    """
    order = sorted(operations, key=lambda o: (operations[o], o))
    return {(order[i - 1], order[i]) for i in range(1, len(order))}


@dataclass
class FlowScores:
    """The system's and the baseline's figures against one definition of gold flow."""

    system: PRF = field(default_factory=PRF)
    baseline: PRF = field(default_factory=PRF)
    system_strict: PRF = field(default_factory=PRF)
    baseline_strict: PRF = field(default_factory=PRF)
    gold_edges: int = 0

    def figures(self) -> dict[str, Any]:
        """JSON figures: ``flow`` and ``baseline`` P/R/F1 with counts, strict figures, gold edges."""
        return {
            "flow": self.system.figures(),
            "baseline": self.baseline.figures(),
            "strict": {"flow": self.system_strict.figures(), "baseline": self.baseline_strict.figures()},
            "gold_edges": self.gold_edges,
        }


@dataclass
class FlowReport:
    """Flow figures over a corpus against both gold definitions, headlined by ``links``."""

    links: str = "direct"
    scores: dict[str, FlowScores] = field(default_factory=lambda: {name: FlowScores() for name in GOLD_LINKS})
    protocols: int = 0
    gold_operations: int = 0
    predicted_operations: int = 0
    aligned_operations: int = 0
    skipped: int = 0
    per_protocol: list[dict[str, Any]] = field(default_factory=list)

    @property
    def system(self) -> PRF:
        """The system's figures against the headline gold."""
        return self.scores[self.links].system

    @property
    def baseline(self) -> PRF:
        """The previous-operation baseline's figures against the headline gold."""
        return self.scores[self.links].baseline

    def figures(self) -> dict[str, Any]:
        """JSON figures: the headline gold's ``flow``/``baseline``/``strict``, each gold under ``by_gold``."""
        return {
            "protocols": self.protocols,
            "skipped": self.skipped,
            "gold": self.links,
            **self.scores[self.links].figures(),
            "operations": {"gold": self.gold_operations, "predicted": self.predicted_operations,
                           "aligned": self.aligned_operations},
            "by_gold": {name: scores.figures() for name, scores in self.scores.items()},
        }


def _gold(protocol: Protocol, format: str, links: str) -> GoldFlow:
    if format == "xwlp" and protocol.graph is not None:
        return xwlp_gold_flow(protocol.graph, links=links)
    return brat_gold_flow(protocol, links=links)


def evaluate_flow(
    protocols: Iterable[Protocol],
    *,
    format: str,
    links: str = "direct",
    gold_actions: bool = False,
    extract: Callable[[Protocol], Any] | None = None,
    actions_from: Callable[[Protocol], Protocol | None] | None = None,
    progress: Callable[[Protocol], None] | None = None,
) -> FlowReport:
    """Translate each protocol to a completed PDG and score its flow against the gold of ``format``.

    ``format`` is ``"xwlp"`` or ``"brat"``; both gold definitions are scored, ``links``
    (``"direct"`` or ``"through"``) says which one the report headlines. ``gold_actions``
    feeds the gold instance actions (BRAT only) instead of the extractor's; ``extract``
    overrides the extractor. ``actions_from`` names, for a gold protocol, the copy of it to
    translate instead (for X-WLP: the WLP BRAT file of the same protocol, whose gold
    instance actions ``gold_actions`` then uses); its operations' spans are carried onto the
    gold protocol's text (:func:`offset_map`), and a protocol it returns None for is skipped
    (counted in ``FlowReport.skipped``).
    """
    from autodsl.driver import translate
    from autodsl.pdg.complete import operation_flow

    if format not in ("xwlp", "brat"):
        raise ValueError(f"unknown gold format {format!r}; expected xwlp or brat")
    _check_links(links)
    if gold_actions and format != "brat" and actions_from is None:
        raise ValueError("gold instance actions exist only for BRAT gold; use --format brat or actions_from")
    report = FlowReport(links=links)
    for protocol in protocols:
        if (protocol.graph if format == "xwlp" else protocol.brat) is None:
            continue
        source = protocol if actions_from is None else actions_from(protocol)
        if source is None:
            report.skipped += 1
            continue
        if gold_actions:
            from autodsl.extract.gold import gold_extraction

            extraction = gold_extraction(source)
        elif extract is not None:
            extraction = extract(source)
        else:
            from autodsl.extract.extractor import extract_protocol

            extraction = extract_protocol(source)
        pdg = translate(source, extraction=extraction, stage="completed", auto_domain=False).pdg
        ops = {op_id: tuple(data["span"]) for op_id, data in pdg.nodes("operation") if data["span"]}
        if source is not protocol:
            carry = offset_map(source.text, protocol.text)
            ops = {op_id: carry(span) for op_id, span in ops.items()}
            ops = {op_id: span for op_id, span in ops.items() if span[1] > span[0]}
        previous = previous_operation_flow(ops)
        entry: dict[str, Any] = {"protocol": protocol.id}
        for name, scores in report.scores.items():
            gold = _gold(protocol, format, name)
            predicted = operation_flow(pdg, through_references=name == "through")
            system = score_flow(ops, predicted, gold)
            baseline = score_flow(ops, previous, gold)
            scores.system += system
            scores.baseline += baseline
            scores.system_strict += score_flow(ops, predicted, gold, strict=True)
            scores.baseline_strict += score_flow(ops, previous, gold, strict=True)
            scores.gold_edges += len(gold.edges)
            entry[name] = {"flow": system.figures(), "baseline": baseline.figures()}
        mapping = align_operations(ops, gold.operations)
        report.protocols += 1
        report.gold_operations += len(gold.operations)
        report.predicted_operations += len(ops)
        report.aligned_operations += len(set(mapping.values()))
        report.per_protocol.append(entry)
        if progress is not None:
            progress(protocol)
    return report
