"""Gold extractions: turn BRAT annotations (WLP, materials) into an :class:`Extraction`.

Used to score the extractor, and to build PDGs and DSLs from gold instance actions so
that errors of later stages can be measured apart from extraction errors.

Conversion: every ``Action`` (WLP) or ``Operation`` (materials) span is an action; every
other span an entity. Event roles become arguments (an event argument that is itself an
event points to that event's action). Relations whose first argument is an action
(``Setting``, ``Measure``, ``Mod-Link`` ...) become arguments with the relation's name as
role.
"""

from __future__ import annotations

import bisect
from functools import lru_cache

from autodsl.corpus.models import Protocol
from autodsl.errors import QuantityError
from autodsl.extract.lemma import lemmatize
from autodsl.extract.models import Action, Argument, Entity, Extraction, QuantityValue

__all__ = ["gold_extraction", "protocol_header", "step_of", "quantity_of", "QUANTITY_TYPES"]

ACTION_TYPES = frozenset({"Action", "Operation"})
# entity types whose text is a quantity worth normalising
QUANTITY_TYPES = frozenset({"Amount", "Concentration", "Size", "Time", "Temperature", "pH", "Speed"})


def protocol_header(protocol: Protocol) -> dict[str, object]:
    """The ``protocol`` object of the extraction JSON."""
    return {
        "id": protocol.id,
        "title": protocol.title,
        "domains": list(protocol.domains),
        "source": protocol.source,
        "format": protocol.format,
        "steps": len(protocol.steps),
    }


def step_of(protocol: Protocol, offset: int) -> int:
    """1-based index of the step containing ``offset`` (0 when before the first step)."""
    starts = [s.start for s in protocol.steps]
    i = bisect.bisect_right(starts, offset)
    return protocol.steps[i - 1].index if i else 0


@lru_cache(maxsize=16384)
def quantity_of(entity_type: str, text: str) -> QuantityValue | None:
    """The normalised quantity of a setting/measure span, or None if it is not one.

    Cached: protocols repeat the same few quantities ('5 min', 'room temperature') often.
    """
    if entity_type not in QUANTITY_TYPES:
        return None
    from autodsl.units import parse_quantity

    try:
        q = parse_quantity(text, context=entity_type)
    except QuantityError:
        return None
    return QuantityValue(value=q.value, unit=q.unit, dimension=q.dimension)


def gold_extraction(protocol: Protocol) -> Extraction:
    """The gold :class:`Extraction` of a BRAT-annotated protocol."""
    if protocol.brat is None:
        raise ValueError(f"protocol {protocol.id} has no BRAT annotations")
    ann = protocol.brat
    entities = [
        Entity(
            id=e.id, type=e.type, start=e.start, end=e.end, text=e.text,
            quantity=quantity_of(e.type, e.text),
        )
        for e in ann.entities
        if e.type not in ACTION_TYPES
    ]
    entity_ids = {e.id for e in entities}
    trigger_of_event = {ev.id: ev.trigger for ev in ann.events}
    action_spans = {e.id: e for e in ann.entities if e.type in ACTION_TYPES}
    args: dict[str, list[Argument]] = {tid: [] for tid in action_spans}
    for ev in ann.events:
        if ev.trigger not in args:
            continue
        for arg in ev.args:
            target = trigger_of_event.get(arg.target, arg.target)
            if target in entity_ids or target in action_spans:
                args[ev.trigger].append(Argument(role=arg.role, entity=target))
    for rel in ann.relations:
        source = trigger_of_event.get(rel.arg1, rel.arg1)
        target = trigger_of_event.get(rel.arg2, rel.arg2)
        if source in args and (target in entity_ids or target in action_spans):
            args[source].append(Argument(role=rel.type, entity=target))
    actions = [
        Action(
            id=tid, start=span.start, end=span.end, text=span.text, lemma=lemmatize(span.text),
            step=step_of(protocol, span.start), args=args[tid],
        )
        for tid, span in sorted(action_spans.items(), key=lambda kv: (kv[1].start, kv[0]))
    ]
    entities.sort(key=lambda e: (e.start, e.end, e.id))
    return Extraction(protocol=protocol_header(protocol), entities=entities, actions=actions)
