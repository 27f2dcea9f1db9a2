"""The Protocol Dependence Graph (PDG) model on a networkx MultiDiGraph.

Node kinds: ``operation``, ``material``, ``container``, ``device``. Edge kinds: control
(``next``, ``repeat``, ``branch``), flow (``produces``: operation -> material,
``consumes``: material -> operation), resource (``uses``, ``located-in``) and
``constraint``. Every node keeps the span of the text it came from (an implicit product
or device: the verb of the operation that makes or needs it; ``None`` only for nodes added
without text, such as LLM proposals). :meth:`PDG.to_json` is the node-link JSON contract of
``autodsl translate --format json`` and ``autodsl compile``.

Attribute conventions (shared by the translator, the DSL parser/printer and the checks):

* operation: ``opcode`` (upper case), ``verb`` (lemma as written), ``step`` (1-based step
  number, 0 if none), ``order`` (execution index), ``slots``: ``{name: {"value", "unit",
  "dimension", "text", "source"}}`` where ``source`` is ``text`` | ``default`` | ``llm`` |
  ``unknown`` (a known unknown: value ``None``), non-quantity slots carry ``"text"`` only;
  ``blocks``: enclosing blocks outermost first, each ``{"id", "kind": "repeat"|"if"|"parallel"|"optional",
  "count"?: int, "condition"?: str}``.
* material: ``role`` (``input`` for declared reagents, ``product`` for products,
  ``reference`` for a re-mention), ``product_kind`` (e.g. ``pellet``, ``supernatant``,
  ``mixture``), ``states`` (history of ``{"op", "state"}``; not on references), optional
  ``quantity`` (``{"value", "unit", "dimension", "text"}``): of a declared input taken once in
  a measured amount ("10 µl of buffer"), or of a product whose final volume the text gives
  ("add water to 49.5 µl"). A *reference* is a later noun phrase naming an existing
  material again ("Invert *the tube*", "Resuspend *the cells*"), as X-WLP's ``co_ref_of``: it
  carries the mention's span and a ``constraint`` edge with ``relation: "same-as"`` to the
  material it names (:meth:`PDG.referent`); the operation consumes the reference, so
  ``consumes`` from a product is direct flow and ``consumes`` from a reference is flow
  through a re-mention.
* container: ``capacity`` (``{"value", "unit"}`` in uL) when known; device: ``busy``
  intervals after linking.
* edges: ``consumes`` carries ``role`` (argument role, e.g. ``Acts-on``) and ``position``
  (argument order); ``produces`` carries ``name`` (product variable in the DSL);
  ``constraint`` carries ``relation`` (``same-as``: a reference -> the material it names);
  ``repeat`` goes from the last to the first operation of a repeated block with ``count``;
  ``branch`` goes into the first operation of a conditional block with ``condition``.

Optional attributes the translator (:mod:`autodsl.driver`) adds; readers must not require them:

* operation: ``action`` (id of the instance action), ``sentence`` (``{"start", "end"}`` of its
  sentence), ``purpose_of`` (the operation it is the purpose of: "invert *to mix*"),
  ``refers_to`` (the operation an "as in step N" copies from), ``means`` (the operation whose
  product a making names: "Make 6 M urea solution *by adding* ..."; it runs first), ``prepares``
  (the operation that uses the reagent a participle readies: "buffer *pre-warmed*"; it runs
  first), ``extra_slots`` (arguments no slot
  of the spec takes, kept rather than dropped), ``time`` (``{"start", "end"}`` seconds, after
  linking); slot records (and ``extra_slots``) may carry ``start``/``end`` (span of the argument),
  ``ref_step`` (copied from that step), ``repeat`` ("2 x 5 min") and ``measures``: the material
  node an amount measures ("[10 µl] of buffer"), or ``"final"`` for the final volume or
  concentration of what the operation makes (see :mod:`autodsl.pdg.measures`).
* material: ``containers`` (head words of where it is), ``entity`` (id of the mention that
  declared an input), ``names`` (as written, for inputs).
* container: ``head`` (head word), ``volumes`` (``{"op", "change", "total"}`` in uL, ``None`` when
  unknown). Edges: ``consumes`` may carry ``via`` (how the material was found: ``purpose``,
  ``action``, ``own``, ``current``, ``new``, ``discarded``, ...) and ``mention`` (the words used);
  a ``next`` edge that skips a conditional block carries ``skip`` (the block id); ``repeat``
  carries ``block``; ``branch`` into an optional block has condition ``"optional"``.

>>> g = PDG()
>>> g.add_node("op1", "operation", "Centrifuge", span=(0, 10), opcode="CENTRIFUGE")
>>> g.add_node("m1", "material", "pellet")
>>> g.add_edge("op1", "m1", "produces")
>>> [n["id"] for n in g.to_json()["nodes"]], g.to_json()["edges"][0]["kind"]
(['op1', 'm1'], 'produces')
"""

from __future__ import annotations

from typing import Any, Iterator, Literal

import networkx as nx

from autodsl.diagnostics import Diagnostic

__all__ = ["PDG", "NODE_KINDS", "EDGE_KINDS", "NodeKind", "EdgeKind"]

NodeKind = Literal["operation", "material", "container", "device"]
EdgeKind = Literal["next", "repeat", "branch", "produces", "consumes", "uses", "located-in", "constraint"]
NODE_KINDS: tuple[str, ...] = ("operation", "material", "container", "device")
EDGE_KINDS: tuple[str, ...] = (
    "next", "repeat", "branch", "produces", "consumes", "uses", "located-in", "constraint",
)


class PDG:
    """A protocol dependence graph: typed nodes and edges plus the diagnostics found so far."""

    def __init__(self, text: str = "", stage: str = "structured", meta: dict[str, Any] | None = None) -> None:
        self.graph = nx.MultiDiGraph()
        self.text = text
        self.stage = stage
        self.meta: dict[str, Any] = dict(meta or {})
        self.diagnostics: list[Diagnostic] = []

    # ------------------------------------------------------------------ building
    def add_node(
        self, node_id: str, kind: str, label: str, span: tuple[int, int] | None = None, **attrs: Any
    ) -> None:
        """Add (or update) a node of ``kind`` with a label, a source span and attributes."""
        if kind not in NODE_KINDS:
            raise ValueError(f"unknown node kind {kind!r}; expected one of {NODE_KINDS}")
        self.graph.add_node(node_id, kind=kind, label=label, span=span, **attrs)

    def add_edge(self, source: str, target: str, kind: str, **attrs: Any) -> None:
        """Add an edge of ``kind`` (one per kind between two nodes); both ends must exist."""
        if kind not in EDGE_KINDS:
            raise ValueError(f"unknown edge kind {kind!r}; expected one of {EDGE_KINDS}")
        for end in (source, target):
            if end not in self.graph:
                raise KeyError(f"edge {source}->{target}: no node {end!r}")
        self.graph.add_edge(source, target, key=kind, kind=kind, **attrs)

    # ------------------------------------------------------------------ reading
    def nodes(self, kind: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
        """(id, attributes) of the nodes, optionally of one kind, in insertion order."""
        for node_id, data in self.graph.nodes(data=True):
            if kind is None or data["kind"] == kind:
                yield node_id, data

    def edges(self, kind: str | None = None) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """(source, target, attributes) of the edges, optionally of one kind."""
        for source, target, data in self.graph.edges(data=True):
            if kind is None or data["kind"] == kind:
                yield source, target, data

    def referent(self, node: str) -> str:
        """The material a ``reference`` names (following ``same-as`` constraints); others are their own.

        >>> g = PDG()
        >>> g.add_node("m1", "material", "mixture", role="product")
        >>> g.add_node("r1", "material", "the tube", role="reference")
        >>> g.add_edge("r1", "m1", "constraint", relation="same-as")
        >>> g.referent("r1"), g.referent("m1")
        ('m1', 'm1')
        """
        seen = {node}
        # only a reference names another material; a stock consumed by a thousand operations
        # is not worth scanning its thousand outgoing edges for one
        while self.graph.nodes.get(node, {}).get("role") == "reference":
            target = next((t for _, t, d in self.graph.out_edges(node, data=True)
                           if d["kind"] == "constraint" and d.get("relation") == "same-as"), None)
            if target is None or target in seen:
                return node
            seen.add(target)
            node = target
        return node

    # ------------------------------------------------------------------ JSON
    def to_json(self) -> dict[str, Any]:
        """Node-link JSON: ``{"stage", "meta", "nodes", "edges", "diagnostics"}``, stable order."""
        nodes = []
        for node_id, data in self.graph.nodes(data=True):
            span = data.get("span")
            entry: dict[str, Any] = {
                "id": node_id,
                "kind": data["kind"],
                "label": data["label"],
                "span": {"start": span[0], "end": span[1]} if span else None,
            }
            entry.update({k: v for k, v in sorted(data.items()) if k not in ("kind", "label", "span")})
            nodes.append(entry)
        edges = []
        for source, target, data in self.graph.edges(data=True):
            entry = {"source": source, "target": target, "kind": data["kind"]}
            entry.update({k: v for k, v in sorted(data.items()) if k != "kind"})
            edges.append(entry)
        return {
            "stage": self.stage,
            "meta": self.meta,
            "nodes": nodes,
            "edges": edges,
            "diagnostics": [d.model_dump(exclude_none=True) for d in self.diagnostics],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], text: str = "") -> "PDG":
        """Rebuild a PDG from :meth:`to_json` output."""
        pdg = cls(text=text, stage=data.get("stage", "structured"), meta=data.get("meta"))
        for node in data["nodes"]:
            attrs = {k: v for k, v in node.items() if k not in ("id", "kind", "label", "span")}
            span = node.get("span")
            pdg.add_node(node["id"], node["kind"], node["label"],
                         span=(span["start"], span["end"]) if span else None, **attrs)
        for edge in data["edges"]:
            attrs = {k: v for k, v in edge.items() if k not in ("source", "target", "kind")}
            pdg.add_edge(edge["source"], edge["target"], edge["kind"], **attrs)
        pdg.diagnostics = [Diagnostic(**d) for d in data.get("diagnostics", [])]
        return pdg
