"""Where the LLM may help in a PDG, and how checked proposals are merged into it.

Three kinds of gaps (:func:`find_gaps`): a step with no operation at all; an operation
whose verb maps to no opcode of the domain's DSL (or, when the extractor exposes one, a
``confidence`` below :data:`LOW_CONFIDENCE`); a *known unknown* — a quantity slot with
source ``"unknown"``. Checked proposals fill them: an untyped operation is re-typed in
place (its flow edges, found from the text, stay); a step with no operation gets new
operation nodes with their flow; a known unknown gets a value. Everything merged carries
``source: "llm"``; re-typed operations remember their offline opcode.

>>> from autodsl.pdg.model import PDG
>>> g = PDG(text="1. Spin.\\n2. Shake well.\\n")
>>> g.add_node("op1", "operation", "Spin", span=(3, 7), opcode="SPIN", step=1, order=0, slots={})
>>> gaps = find_gaps(g, {1: (3, 8), 2: (12, 23)}, {"SPIN"})
>>> [s.step for s in gaps.empty_steps], gaps.untyped
([2], [])
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Mapping

from autodsl.induce.spec import DslSpec
from autodsl.llm.proposals import AcceptedStatement
from autodsl.pdg.model import PDG
from autodsl.pdg.slots import unknown_value

__all__ = [
    "LOW_CONFIDENCE",
    "LLM_COMMENT",
    "copy_pdg",
    "Gaps",
    "EmptyStep",
    "Unknown",
    "find_gaps",
    "known_materials",
    "retype_operation",
    "insert_statements",
    "fill_unknown",
]

LOW_CONFIDENCE = 0.5
# The printer writes an operation's ``comment`` after its step: ``# step 4: suggested by the LLM``.
LLM_COMMENT = "suggested by the LLM"


def copy_pdg(pdg: PDG) -> PDG:
    """A deep copy (``to_json`` shares the nodes' dicts, so copy those too)."""
    return PDG.from_json(copy.deepcopy(pdg.to_json()), text=pdg.text)


@dataclass
class EmptyStep:
    """A step the extractor found no operation in."""

    step: int
    span: tuple[int, int]


@dataclass
class Unknown:
    """A known-unknown quantity parameter: ``id`` is ``"<operation id>.<slot>"``."""

    id: str
    node: str
    slot: str


@dataclass
class Gaps:
    """What the LLM is asked about."""

    empty_steps: list[EmptyStep] = field(default_factory=list)
    untyped: list[str] = field(default_factory=list)  # operation ids
    unknowns: list[Unknown] = field(default_factory=list)


def find_gaps(pdg: PDG, steps: Mapping[int, tuple[int, int]], opcodes: set[str]) -> Gaps:
    """The gaps of ``pdg``: ``steps`` maps step numbers to spans, ``opcodes`` are the DSL's."""
    gaps = Gaps()
    seen_steps: set[int] = set()
    for node_id, data in _operations(pdg):
        seen_steps.add(int(data.get("step") or 0))
        confidence = data.get("confidence")
        low = isinstance(confidence, (int, float)) and confidence < LOW_CONFIDENCE
        if data.get("opcode") not in opcodes or low:
            gaps.untyped.append(node_id)
            continue
        for name, record in sorted((data.get("slots") or {}).items()):
            if isinstance(record, dict) and record.get("source") == "unknown" and record.get("dimension"):
                gaps.unknowns.append(Unknown(f"{node_id}.{name}", node_id, name))
    for number, span in sorted(steps.items()):
        if number not in seen_steps and pdg.text[span[0]:span[1]].strip():
            gaps.empty_steps.append(EmptyStep(number, span))
    return gaps


def known_materials(pdg: PDG, before_step: int | None = None) -> dict[str, str]:
    """Names a statement may use as inputs (lower case) -> material node id.

    Names are the labels of declared inputs and the names (and labels) of products; with
    ``before_step`` only products of operations of earlier steps count. The latest
    producer of a name wins.
    """
    names: dict[str, str] = {}
    for node_id, data in pdg.nodes("material"):
        if data.get("role") != "product":
            names[str(data["label"]).lower()] = node_id
    producers = []
    for source, target, data in pdg.edges("produces"):
        op = pdg.graph.nodes[source]
        if before_step is None or int(op.get("step") or 0) < before_step:
            producers.append((op.get("order", 0), target, data.get("name")))
    for _, target, name in sorted(producers, key=lambda item: item[0]):
        names[str(pdg.graph.nodes[target]["label"]).lower()] = target
        if name:
            names[str(name).lower()] = target
    return names


def retype_operation(pdg: PDG, node_id: str, statement: AcceptedStatement, spec: DslSpec) -> None:
    """Give operation ``node_id`` the proposed opcode and slots (its flow edges stay)."""
    node = pdg.graph.nodes[node_id]
    op_spec = spec.operation(statement.opcode)
    assert op_spec is not None, "statements are checked against the spec before merging"
    names = {s.name for s in op_spec.slots}
    old_slots: dict[str, Any] = dict(node.get("slots") or {})
    slots = {name: record for name, record in old_slots.items() if name in names}
    extra = list(node.get("extra_slots") or [])
    extra += [{**record, "name": name} for name, record in old_slots.items() if name not in names]
    slots.update(statement.slots)
    for slot in op_spec.slots:
        if slot.required and slot.name not in slots:
            slots[slot.name] = unknown_value(slot)
    node.update(offline_opcode=node.get("opcode"), opcode=op_spec.opcode, slots=slots, source="llm")
    node.setdefault("comment", f"{LLM_COMMENT} for '{node.get('verb') or node['label']}'")
    if extra:
        node["extra_slots"] = extra


def insert_statements(pdg: PDG, step: EmptyStep, statements: list[AcceptedStatement], spec: DslSpec) -> list[str]:
    """Add ``statements`` as operations of an empty ``step``, in execution order; their ids."""
    ops = sorted(_operations(pdg), key=lambda item: item[1].get("order", 0))
    before = [op for op in ops if int(op[1].get("step") or 0) < step.step]
    prev = before[-1][0] if before else None
    position = (before[-1][1].get("order", 0) + 1) if before else 0
    follower = _next_of(pdg, prev) if prev else (ops[0][0] if ops else None)
    for _, data in ops:
        if data.get("order", 0) >= position:
            data["order"] = data.get("order", 0) + len(statements)
    if prev is not None and follower is not None and pdg.graph.has_edge(prev, follower, "next"):
        pdg.graph.remove_edge(prev, follower, key="next")
    added: list[str] = []
    made: dict[str, str] = {}  # products of this step's earlier statements, by lower-case name
    for offset, statement in enumerate(statements):
        node_id = _fresh_id(pdg, "llm")
        op_spec = spec.operation(statement.opcode)
        slots = dict(statement.slots)
        for slot in op_spec.slots if op_spec else []:
            if slot.required and slot.name not in slots:
                slots[slot.name] = unknown_value(slot)
        pdg.add_node(node_id, "operation", statement.opcode.lower(), span=step.span,
                     opcode=statement.opcode, verb=statement.opcode.lower(), step=step.step,
                     order=position + offset, slots=slots, blocks=[], source="llm", comment=LLM_COMMENT)
        made.update(_add_flow(pdg, node_id, statement, step, made))
        _pass_on(pdg, node_id, position + offset)
        if prev is not None:
            pdg.add_edge(prev, node_id, "next")
        prev = node_id
        added.append(node_id)
    if prev is not None and follower is not None and not pdg.graph.has_edge(prev, follower, "next"):
        pdg.add_edge(prev, follower, "next")
    return added


def fill_unknown(pdg: PDG, unknown: Unknown, value: dict[str, Any]) -> None:
    """Set the known-unknown slot to the checked ``value`` (source ``llm``)."""
    pdg.graph.nodes[unknown.node]["slots"][unknown.slot] = value


# ---------------------------------------------------------------- helpers


def _operations(pdg: PDG) -> list[tuple[str, dict[str, Any]]]:
    return list(pdg.nodes("operation"))


def _next_of(pdg: PDG, node_id: str) -> str | None:
    for _, target, data in pdg.graph.out_edges(node_id, data=True):
        if data["kind"] == "next" and not data.get("skip"):
            return str(target)
    return None


def _fresh_id(pdg: PDG, prefix: str) -> str:
    number = 1
    while f"{prefix}{number}" in pdg.graph:
        number += 1
    return f"{prefix}{number}"


def _pass_on(pdg: PDG, node_id: str, order: int) -> None:
    """Later users of an intermediate product the new operation used up now use its product.

    The compiler's consumption rule (``autodsl.validate.common``): an operation that makes a
    product from an intermediate product, without taking a measured portion, uses it up —
    the pellet becomes the lysate. Operations after it that used the old product take the
    new one, as reaching definitions would have bound them.
    """
    from autodsl.validate.common import PORTION_DIMENSIONS

    products = [t for _, t, d in pdg.graph.out_edges(node_id, data=True) if d["kind"] == "produces"]
    slots = pdg.graph.nodes[node_id].get("slots") or {}
    if not products or any(isinstance(r, dict) and r.get("dimension") in PORTION_DIMENSIONS
                            for r in slots.values()):
        return
    for material, _, edge in list(pdg.graph.in_edges(node_id, data=True)):
        if edge["kind"] != "consumes" or pdg.graph.nodes[material].get("role") != "product":
            continue
        for _, user, data in list(pdg.graph.out_edges(material, data=True)):
            if data["kind"] == "consumes" and user != node_id and pdg.graph.nodes[user].get("order", 0) > order:
                pdg.graph.remove_edge(material, user, key="consumes")
                pdg.add_edge(products[0], user, "consumes", **{k: v for k, v in data.items() if k != "kind"})


def _add_flow(pdg: PDG, node_id: str, statement: AcceptedStatement, step: EmptyStep,
              made: dict[str, str]) -> dict[str, str]:
    """``consumes`` edges from the inputs (known or new reagents), ``produces`` to the products;
    returns the products by lower-case name."""
    materials = {**known_materials(pdg, before_step=step.step), **made}
    step_text = pdg.text[step.span[0]:step.span[1]]
    for position, name in enumerate(statement.inputs):
        material = materials.get(name.lower())
        if material is None:
            material = _fresh_id(pdg, "mllm")
            where = step_text.lower().find(name.lower())
            span = (step.span[0] + where, step.span[0] + where + len(name)) if where >= 0 else None
            pdg.add_node(material, "material", name, span=span, role="input", states=[], source="llm")
        pdg.add_edge(material, node_id, "consumes", role="Acts-on", position=position)
    used = {str(d.get("name", "")).lower() for _, _, d in pdg.edges("produces")}
    products: dict[str, str] = {}
    for name in statement.products:
        unique, number = name, 2
        while unique.lower() in used:
            unique, number = f"{name}_{number}", number + 1
        used.add(unique.lower())
        material = _fresh_id(pdg, "mllm")
        pdg.add_node(material, "material", unique, span=None, role="product", product_kind=name,
                     states=[], source="llm")
        pdg.add_edge(node_id, material, "produces", name=unique)
        products[name.lower()] = material
    return products
