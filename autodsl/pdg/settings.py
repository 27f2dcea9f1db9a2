"""An operation's settings: slots from its arguments, and settings written as stages in sequence.

:func:`operation_slots` names an action's non-material arguments as slots of its operation
(see :mod:`autodsl.pdg.slots`); a Location that names no container (:mod:`autodsl.pdg.places`)
is no site: a condition or form is kept for the comment, "the top of the tube" puts the site
in the tube, the adverb "well" is dropped. :func:`sequential_stages` reads one action whose settings
are a sequence ("Incubate at 37 °C for 10 min and then at 65 °C for 20 min"): each stage is
a temperature with its time, and stage 1 (:mod:`autodsl.pdg.structure`) makes one operation
per stage, run in order, so that no stage's setting is left without a slot. A cycling
program ("30 cycles of 98 °C 10 s, 60 °C 30 s") is one operation repeated, and alternatives
("at 4 °C or on ice for 30 min") are no sequence: neither is split.

>>> t = "Incubate at 37 °C for 10 min and then at 65 °C for 20 min."
>>> rec = lambda text, dim: {"text": text, "source": "text", "start": t.index(text),
...                          "end": t.index(text) + len(text), "dimension": dim}
>>> slots = {"temperature": rec("37 °C", "temperature"), "time": rec("10 min", "time")}
>>> extra = [{**rec("65 °C", "temperature"), "role": "Setting"}, {**rec("20 min", "time"), "role": "Setting"}]
>>> [(sorted((n, r["text"]) for n, r in s.items()), x) for s, x, _ in sequential_stages(t, t, slots, extra)]
[([('temperature', '37 °C'), ('time', '10 min')], []), ([('temperature', '65 °C'), ('time', '20 min')], [])]
"""

from __future__ import annotations

import re
from typing import Any

from autodsl.extract.models import Action, Entity
from autodsl.induce.spec import OperationSpec
from autodsl.pdg.capacity import sizes_container
from autodsl.pdg.places import container_phrase, is_adverb_well, names_container
from autodsl.pdg.slots import MATERIAL_ROLES, MATERIAL_TYPES, slot_name, slot_value, spec_slot

__all__ = ["operation_slots", "sequential_stages", "Stage"]

# (slots, extra_slots, span of the stage's settings)
Stage = tuple[dict[str, Any], list[dict[str, Any]], tuple[int, int]]

# what joins one stage to the next: "37 °C for 10 min[, and then at] 65 °C", "[, followed by]"
_BETWEEN_STAGES = re.compile(r"\s*[,;]?\s*(?:and\s+)?(?:then\s+|followed\s+by\s+)?(?:at\s+|for\s+)?",
                             re.IGNORECASE)
# what joins a stage's temperature and time: "37 °C [for] 10 min", "10 min [at] 37 °C", "98 °C[,] 10 s"
_WITHIN_STAGE = re.compile(r"\s*,?\s*(?:for|at)?\s*", re.IGNORECASE)
# a cycling program is one repeated operation, not a sequence of its own stages
_CYCLING = re.compile(r"\bcycl", re.IGNORECASE)
_KEYS = ("role", "type", "name")


def operation_slots(action: Action, by_id: dict[str, Entity], op_spec: OperationSpec | None,
                    text: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Slots of an action's operation and the arguments no slot of ``op_spec`` takes."""
    slots: dict[str, Any] = {}
    extra: list[dict[str, Any]] = []
    for arg in action.args:
        entity = by_id.get(arg.entity)
        if entity is None or (arg.role in MATERIAL_ROLES and entity.type in MATERIAL_TYPES):
            continue  # materials and action arguments are flow, handled in stage 2
        if _is_capacity(text, entity, by_id.values()):
            continue  # "a [0.5 ml] tube": the container's capacity, read in stage 3, not an amount moved
        if arg.role in ("Acts-on", "Product") and entity.type in ("Location", "Device", "Seal"):
            continue  # a container acted on stands for its contents: flow as well
        if entity.type == "Location" and not names_container(text, entity):
            place = container_phrase(text, entity)
            if place is None:
                # a condition ("in the dark"), a form ("into small pieces"), a position of a
                # material: no site, but a setting the reader needs, printed in the comment;
                # the adverb "well" ("mix well") says nothing at all
                if not is_adverb_well(text, entity):
                    extra.append({**slot_value(entity), "role": arg.role, "type": entity.type})
                continue
            entity = place  # "the top of the tube": the tube is the site
        dimension = entity.quantity.dimension if entity.quantity else None
        record = slot_value(entity)
        if op_spec is not None:
            fitting = spec_slot(op_spec, arg.role, entity.type, dimension)
            if fitting is not None and fitting.dimension is not None and dimension is None:
                fitting = None  # text the units parser could not read is no value for a quantity slot
            if fitting is None or fitting.name in slots:
                extra.append({**record, "role": arg.role, "type": entity.type})
                continue
            if fitting.dimension is None and dimension is not None:
                # the DSL types this slot as text: keep what was written
                record = {k: v for k, v in record.items() if k not in ("value", "unit", "dimension", "repeat")}
            slots[fitting.name] = record
            continue
        name = slot_name(arg.role, entity.type, dimension)
        if name in slots:
            extra.append({**record, "role": arg.role, "type": entity.type, "name": name})
            continue
        slots[name] = record
    return slots, extra


def _is_capacity(text: str, entity: Entity, entities: Any) -> bool:
    """Whether a volume entity is the size of the container named right after it ("a 0.5 ml tube")."""
    if entity.quantity is None or entity.quantity.dimension != "volume":
        return False
    following = [e.start for e in entities if e.type in ("Location", "Seal") and 0 <= e.start - entity.end <= 40]
    return sizes_container(text, entity.end, min(following) if following else None)


def sequential_stages(text: str, sentence: str, slots: dict[str, Any],
                      extra: list[dict[str, Any]]) -> list[Stage] | None:
    """The stages of an operation whose settings are a sequence, in order; None when they are not.

    A sequence is two or more (temperature, time) pairs written one after the other, joined
    by a comma, "and", "then" or "followed by" and nothing else (not "or"), outside a
    cycling program (``sentence``, the operation's sentence, names no cycle) and with no
    "2 x 5 min" repeat. Stage 1 keeps the slots its settings have; each later stage puts its
    own settings in the same slots (or, where stage 1's went to ``extra``, there), and every
    stage keeps the operation's other slots (a device, a site).
    """
    if _CYCLING.search(sentence):
        return None
    settings = sorted(
        ((name, r) for name, r in [*slots.items(), *((None, r) for r in extra)]
         if isinstance(r, dict) and r.get("dimension") in ("temperature", "time") and r.get("source") == "text"
         and isinstance(r.get("start"), int) and isinstance(r.get("end"), int)),
        key=lambda item: item[1]["start"])
    temperatures = sum(1 for _, r in settings if r["dimension"] == "temperature")
    if temperatures < 2 or 2 * temperatures != len(settings) or any(r.get("repeat") for _, r in settings):
        return None
    pairs = [settings[i:i + 2] for i in range(0, len(settings), 2)]
    for pair in pairs:
        first, second = pair[0][1], pair[1][1]
        if first["dimension"] == second["dimension"] or not _WITHIN_STAGE.fullmatch(text[first["end"]:second["start"]]):
            return None
    for before, after in zip(pairs, pairs[1:]):
        if not _BETWEEN_STAGES.fullmatch(text[before[1][1]["end"]:after[0][1]["start"]]):
            return None
    # the slot each dimension's setting takes, as stage 1 has it (None: no slot takes it)
    names = {r["dimension"]: name for name, r in pairs[0]}
    chosen = {id(r) for _, r in settings}
    base_extra = [r for r in extra if id(r) not in chosen]
    stages: list[Stage] = []
    for pair in pairs:
        own = {names[r["dimension"]]: r for _, r in pair if names[r["dimension"]] is not None}
        # the slots in stage 1's order, each setting replaced by this stage's
        stage_slots = {name: {k: v for k, v in own[name].items() if k not in _KEYS} if name in own else r
                       for name, r in slots.items() if name in own or id(r) not in chosen}
        stage_extra = [*base_extra, *(r for _, r in pair if names[r["dimension"]] is None)]
        stages.append((stage_slots, stage_extra, (pair[0][1]["start"], pair[1][1]["end"])))
    return stages
