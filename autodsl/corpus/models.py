"""Typed models of protocols and of the gold annotations that come with some corpora.

Every span is a pair of character offsets into :attr:`Protocol.text`, the text of the
input file exactly as read (UTF-8, newlines kept as they are). For JSON protocols, whose
file is not prose, :attr:`Protocol.text` is the title and the procedure chunks joined by
blank lines (see ``autodsl.corpus.jsonproto``).

>>> p = Protocol(id="p1", title="T", text="T\\nMix.", format="text",
...              steps=[Step(index=1, text="Mix.", start=2, end=6)])
>>> p.text[p.steps[0].start:p.steps[0].end]
'Mix.'
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "Format",
    "Step",
    "Protocol",
    "GoldEntity",
    "GoldArgument",
    "GoldEvent",
    "GoldRelation",
    "GoldAttribute",
    "BratAnnotations",
    "PegNode",
    "PegLink",
    "OperationGraph",
    "Span",
]

Format = Literal["text", "markdown", "json", "brat", "xwlp"]

_frozen = ConfigDict(frozen=True, extra="forbid")


class Span(BaseModel):
    """A half-open character range ``[start, end)`` into a protocol's text."""

    model_config = _frozen
    start: int = Field(ge=0, description="first character offset")
    end: int = Field(ge=0, description="offset one past the last character")

    @model_validator(mode="after")
    def _ordered(self) -> "Span":
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        return self


class Step(BaseModel):
    """One step of a protocol: its text and where it lies in the protocol's text."""

    model_config = _frozen
    index: int = Field(ge=1, description="1-based step number in reading order")
    text: str = Field(description="the step's text, equal to protocol.text[start:end]")
    start: int = Field(ge=0, description="character offset of the step in protocol.text")
    end: int = Field(ge=0, description="offset one past the step's last character")
    section: str | None = Field(default=None, description="heading the step stands under")
    label: str | None = Field(default=None, description="the number or bullet as written, e.g. '3)'")


# ---------------------------------------------------------------- gold annotations


class GoldEntity(BaseModel):
    """A BRAT text-bound annotation (``T`` line): a typed span, possibly discontinuous."""

    model_config = _frozen
    id: str = Field(description="annotation id, e.g. 'T12'")
    type: str = Field(description="entity or trigger type, e.g. 'Reagent' or 'Action'")
    start: int = Field(ge=0, description="start of the first fragment")
    end: int = Field(ge=0, description="end of the last fragment")
    text: str = Field(description="text of the span as found in the .txt")
    fragments: tuple[Span, ...] = Field(default=(), description="fragments of a discontinuous span")


class GoldArgument(BaseModel):
    """One role argument of an event: the role and the id of a T or E annotation."""

    model_config = _frozen
    role: str = Field(description="role name without trailing digits, e.g. 'Acts-on'")
    target: str = Field(description="id of the argument annotation (T… or E…)")


class GoldEvent(BaseModel):
    """A BRAT event (``E`` line): a trigger span and its role arguments."""

    model_config = _frozen
    id: str = Field(description="event id, e.g. 'E3'")
    type: str = Field(description="event type, e.g. 'Action' or 'Operation'")
    trigger: str = Field(description="id of the trigger's T annotation")
    args: tuple[GoldArgument, ...] = Field(default=(), description="role arguments in file order")


class GoldRelation(BaseModel):
    """A BRAT binary relation (``R`` line)."""

    model_config = _frozen
    id: str = Field(description="relation id, e.g. 'R7'")
    type: str = Field(description="relation type, e.g. 'Setting'")
    arg1: str = Field(description="id of the first argument")
    arg2: str = Field(description="id of the second argument")


class GoldAttribute(BaseModel):
    """A BRAT attribute (``A`` line) on an annotation."""

    model_config = _frozen
    id: str
    name: str
    target: str
    value: str | None = None


class BratAnnotations(BaseModel):
    """Everything an ``.ann`` file says, resolved against its ``.txt``."""

    model_config = _frozen
    entities: tuple[GoldEntity, ...] = ()
    events: tuple[GoldEvent, ...] = ()
    relations: tuple[GoldRelation, ...] = ()
    attributes: tuple[GoldAttribute, ...] = ()

    def entity(self, ann_id: str) -> GoldEntity | None:
        """The T annotation with this id, or the trigger of the E event with this id."""
        for ent in self.entities:
            if ent.id == ann_id:
                return ent
        for ev in self.events:
            if ev.id == ann_id:
                return self.entity(ev.trigger)
        return None


class PegNode(BaseModel):
    """A node of an X-WLP process execution graph, with its span recovered in the text."""

    model_config = _frozen
    id: str = Field(description="node id, e.g. 'op_16' or 'rg_8'")
    kind: Literal["operation", "implicit", "entity"] = Field(description="operation, implicit event or argument")
    type: str = Field(description="X-WLP type, e.g. 'spin_op', 'co_ref_of', 'rg', 'loc'")
    label: str = Field(description="display name as annotated")
    start: int | None = Field(default=None, description="recovered character offset in the .txt")
    end: int | None = Field(default=None, description="recovered end offset in the .txt")
    sentence: int | None = Field(default=None, description="index into graph.sentences")
    inputs: dict[str, str] = Field(default_factory=dict, description="role -> input node id")
    outputs: tuple[str, ...] = Field(default=(), description="ids of output nodes")
    step: int | None = Field(default=None, description="annotation time step (execution order)")


class PegLink(BaseModel):
    """An edge of an X-WLP graph: ``argument`` routed from ``source`` to ``target`` as ``slot``."""

    model_config = _frozen
    source: str
    target: str
    argument: str | None = None
    slot: str | None = None


class OperationGraph(BaseModel):
    """An X-WLP process execution graph."""

    model_config = _frozen
    proto_idx: int | None = None
    sentences: tuple[str, ...] = ()
    nodes: tuple[PegNode, ...] = ()
    links: tuple[PegLink, ...] = ()

    def operations(self) -> list[PegNode]:
        """Operation nodes in text order (then id)."""
        ops = [n for n in self.nodes if n.kind == "operation"]
        return sorted(ops, key=lambda n: (n.start if n.start is not None else 1 << 30, n.id))


class Protocol(BaseModel):
    """One protocol: its text, its steps with spans, its domains, and gold annotations if any."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str = Field(description="identifier, by default the file name without extension")
    title: str = Field(description="the protocol's title")
    domains: tuple[str, ...] = Field(default=(), description="domain slugs, e.g. ('genetics',)")
    source: str | None = Field(default=None, description="path of the file it was read from")
    format: Format = Field(description="how it was read")
    text: str = Field(description="the text all spans point into")
    steps: list[Step] = Field(default_factory=list, description="steps in reading order")
    brat: BratAnnotations | None = Field(default=None, description="gold BRAT annotations")
    graph: OperationGraph | None = Field(default=None, description="gold X-WLP operation graph")
