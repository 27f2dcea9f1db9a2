"""Direct use or re-mention: how an operation takes a product (a helper of :mod:`autodsl.pdg.complete`).

An operation takes a material directly (an implicit continuation, the first naming of a
fresh product, a phrase the producing operation shares), or through a *re-mention*: a noun
phrase of its own naming an existing material again ("Invert the tube") becomes a
``reference`` material joined ``same-as`` to what it names, as X-WLP's ``co_ref_of``. The
model of :mod:`autodsl.pdg.direct` decides, from the :class:`~autodsl.pdg.direct.Consumption`
features made here.

>>> from autodsl.pdg.materials import Material
>>> class Ledger:  # is_direct reads only what it needs of the completion's state
...     pdg = None
>>> stock = Material(node="m1", kind="buffer", names=[], heads=set())
>>> is_direct(Ledger(), Use(stock, "Acts-on", "new"), "op1", "transfer", False)
True
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from autodsl.extract.models import Entity
from autodsl.pdg.direct import Consumption
from autodsl.pdg.lexicon import mention, op_class, word_heads
from autodsl.pdg.materials import Use

if TYPE_CHECKING:
    from autodsl.pdg.resolve import Flow

__all__ = ["is_direct", "reference"]


def _consumption(flow: Flow, use: Use, op_id: str, kind: str, purpose: bool) -> Consumption | None:
    """What decides whether ``op_id`` uses a product directly; None when no operation made it."""
    material = use.material
    if material.producer is None or use.via == "new":
        return None
    graph = flow.pdg.graph
    producer, consumer = graph.nodes[material.producer], graph.nodes[op_id]
    sentence = producer.get("sentence")
    entity = use.entity
    head = mention(entity.text).head if entity is not None else ""
    return Consumption(
        mention=use.mention if entity is not None else None,
        entity_type=entity.type if entity is not None else None,
        role=use.role, via=use.via,
        producer_class=op_class(producer["verb"]), consumer_class=kind,
        in_producer_sentence=bool(entity is not None and sentence and sentence["start"] <= entity.start < sentence["end"]),
        same_sentence=bool(sentence) and sentence == consumer.get("sentence"),
        distance=consumer["order"] - producer["order"],
        first_naming=material.node not in flow.named,
        separation=len(flow.products_of.get(material.producer, [])) == 2,
        prepared=material.prepared, purpose=purpose,
        head_in_material=bool(head) and (head in material.heads or head in material.containers),
        shared_phrase=entity is not None and entity.id in flow.entity_users,
        head_in_producer_text=bool(head and sentence) and _written(flow, head, sentence["start"], sentence["end"],
                                                                  entity),
    )


def _written(flow: Flow, head: str, start: int, end: int, entity: Entity | None) -> bool:
    """Whether a word with head ``head`` is written in ``text[start:end]`` outside ``entity``'s span."""
    heads = flow.sentence_heads.get((start, end))
    if heads is None:
        heads = flow.sentence_heads[(start, end)] = Counter(word_heads(flow.pdg.text[start:end]))
    inside = 0
    if entity is not None and start <= entity.start < end:
        inside = word_heads(flow.pdg.text[entity.start:entity.end]).count(head)
    return heads[head] > inside


def is_direct(flow: Flow, use: Use, op_id: str, kind: str, purpose: bool) -> bool:
    """Whether ``op_id`` consumes the material itself rather than a reference to it (module doc)."""
    consumption = _consumption(flow, use, op_id, kind, purpose)
    if consumption is None:
        # a declared input: its own mention is the input itself, any other phrase names it again
        return use.entity is None or flow.pdg.graph.nodes[use.material.node].get("entity") == use.entity.id
    if flow.record is not None:
        flow.record.append((use.material.producer, op_id, consumption))
    if use.entity is None:
        return True  # no words of its own: nothing to refer by
    return flow.model.is_direct(consumption)


def reference(flow: Flow, use: Use) -> str:
    """A ``reference`` material for a re-mention, joined ``same-as`` to the material it names."""
    assert use.entity is not None, "only a mention with words of its own is a reference"
    flow.references += 1
    node = f"r{flow.references}"
    target = flow.pdg.graph.nodes[use.material.node]
    flow.pdg.add_node(node, "material", use.entity.text, span=(use.entity.start, use.entity.end),
                      role="reference", product_kind=target.get("product_kind"), entity=use.entity.id)
    flow.pdg.add_edge(node, use.material.node, "constraint", relation="same-as")
    return node
