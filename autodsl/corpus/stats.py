"""Corpus statistics: sizes, domains, gold annotation counts and skipped files.

Steps, sentences and tokens are counted in the protocols' steps (titles and section
headings are not counted), with :func:`autodsl.extract.segment.sentences` and
:func:`autodsl.extract.segment.tokenize`.

>>> from autodsl.corpus.load import load_corpus
>>> s = corpus_stats(load_corpus("corpora/xwlp"))
>>> s.protocols, s.peg.operations_by_type["spin_op"]
(222, 195)
"""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, ConfigDict, Field

from autodsl.corpus.load import CorpusLoad
from autodsl.corpus.models import Protocol
from autodsl.extract.segment import sentences, tokenize

__all__ = ["BratCounts", "PegCounts", "SkippedFile", "CorpusStats", "corpus_stats"]

_frozen = ConfigDict(frozen=True, extra="forbid")


class BratCounts(BaseModel):
    """Counts of the gold BRAT annotations of a corpus."""

    model_config = _frozen
    entities: int = Field(description="text-bound (T) annotations, triggers included")
    entities_by_type: dict[str, int] = Field(
        description="T annotations per type, most frequent first"
    )
    events: int = Field(description="E annotations")
    events_by_type: dict[str, int]
    role_arguments: int = Field(description="role arguments of all events")
    role_arguments_by_role: dict[str, int]
    relations: int = Field(description="R annotations")
    relations_by_type: dict[str, int]
    attributes: int = Field(description="A/M annotations")


class PegCounts(BaseModel):
    """Counts of the gold X-WLP operation graphs of a corpus."""

    model_config = _frozen
    nodes: int
    operations: int
    operations_by_type: dict[str, int] = Field(description="operation nodes per X-WLP type")
    operations_located: int = Field(
        description="operation nodes whose span was recovered in the text"
    )
    implicit_events: int
    implicit_events_by_type: dict[str, int]
    entities: int = Field(description="argument nodes (reagents, locations, settings ...)")
    entities_located: int = Field(description="argument nodes whose span was recovered")
    links: int = Field(description="routed arguments plus dummy ordering edges")


class SkippedFile(BaseModel):
    """A file that was not loaded, and why."""

    model_config = _frozen
    code: str
    severity: str
    message: str = Field(description="path, line when known, and reason")
    line: int | None = None


class CorpusStats(BaseModel):
    """What ``autodsl corpus stats`` reports."""

    model_config = _frozen
    path: str
    protocols: int
    steps: int
    sentences: int
    tokens: int
    formats: dict[str, int] = Field(description="protocols per format")
    domains: dict[str, int] = Field(
        description="protocols per domain slug (a protocol may have several)"
    )
    no_domain: int = Field(description="protocols without a domain")
    brat: BratCounts | None = Field(
        default=None, description="present when any protocol has BRAT annotations"
    )
    peg: PegCounts | None = Field(
        default=None, description="present when any protocol has an X-WLP graph"
    )
    skipped: list[SkippedFile] = Field(default_factory=list, description="files not loaded")


def _ranked(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _brat_counts(protocols: list[Protocol]) -> BratCounts | None:
    annotated = [p.brat for p in protocols if p.brat is not None]
    if not annotated:
        return None
    entities: Counter[str] = Counter()
    events: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    relations: Counter[str] = Counter()
    attributes = 0
    for ann in annotated:
        entities.update(e.type for e in ann.entities)
        events.update(e.type for e in ann.events)
        roles.update(a.role for e in ann.events for a in e.args)
        relations.update(r.type for r in ann.relations)
        attributes += len(ann.attributes)
    return BratCounts(
        entities=sum(entities.values()),
        entities_by_type=_ranked(entities),
        events=sum(events.values()),
        events_by_type=_ranked(events),
        role_arguments=sum(roles.values()),
        role_arguments_by_role=_ranked(roles),
        relations=sum(relations.values()),
        relations_by_type=_ranked(relations),
        attributes=attributes,
    )


def _peg_counts(protocols: list[Protocol]) -> PegCounts | None:
    graphs = [p.graph for p in protocols if p.graph is not None]
    if not graphs:
        return None
    ops: Counter[str] = Counter()
    implicit: Counter[str] = Counter()
    ops_located = entities = entities_located = links = nodes = 0
    for graph in graphs:
        nodes += len(graph.nodes)
        links += len(graph.links)
        for node in graph.nodes:
            if node.kind == "operation":
                ops[node.type] += 1
                ops_located += node.start is not None
            elif node.kind == "implicit":
                implicit[node.type] += 1
            else:
                entities += 1
                entities_located += node.start is not None
    return PegCounts(
        nodes=nodes,
        operations=sum(ops.values()),
        operations_by_type=_ranked(ops),
        operations_located=ops_located,
        implicit_events=sum(implicit.values()),
        implicit_events_by_type=_ranked(implicit),
        entities=entities,
        entities_located=entities_located,
        links=links,
    )


def corpus_stats(load: CorpusLoad, path: str = "") -> CorpusStats:
    """Statistics of a loaded corpus (``path`` is only reported)."""
    n_steps = n_sentences = n_tokens = 0
    formats: Counter[str] = Counter()
    domains: Counter[str] = Counter()
    no_domain = 0
    for protocol in load.protocols:
        formats[protocol.format] += 1
        domains.update(protocol.domains)
        no_domain += not protocol.domains
        n_steps += len(protocol.steps)
        for step in protocol.steps:
            for sentence in sentences(protocol.text, step.start, step.end):
                n_sentences += 1
                n_tokens += len(tokenize(protocol.text, sentence.start, sentence.end))
    return CorpusStats(
        path=path,
        protocols=len(load.protocols),
        steps=n_steps,
        sentences=n_sentences,
        tokens=n_tokens,
        formats=_ranked(formats),
        domains=_ranked(domains),
        no_domain=no_domain,
        brat=_brat_counts(load.protocols),
        peg=_peg_counts(load.protocols),
        skipped=[
            SkippedFile(code=d.code, severity=d.severity, message=d.message, line=d.line)
            for d in load.problems
        ],
    )
