"""PDG stage 3, *linked*: containers and devices as resources, volumes, occupancy, conditions.

* **Containers** ("a 1.5 ml tube", "the column", "Collection Tube (2 ml)") become
  ``container`` nodes, with a ``capacity`` in uL when the text gives one: in the container's
  name, in brackets after it, or as a volume right before it (:mod:`autodsl.pdg.capacity`). A definite mention
  ("the tube") is the most recent container with that head word; an indefinite one ("a new
  tube") is a new container. Operations ``uses`` the containers they work in, and each
  product is ``located-in`` the container it ends up in (where its operation put it, else
  where its main input was).
* **Devices** ("in a microcentrifuge", "on a heat block") become ``device`` nodes, one per
  device name; a centrifugation that names none uses an implicit ``centrifuge``.
* **Volumes**: a known volume transferred into a container is added to it (``volumes``:
  ``{"op", "change", "total"}`` in uL); discarding or removing an unknown amount makes the
  total unknown, and later additions count from zero, so a capacity error is only reported
  when the known additions alone exceed the capacity (``container-over-capacity``).
* **Occupancy**: operations run one after another, a ``parallel`` block alongside the
  operation before it; durations come from time slots (the upper end of a range; 0 when
  none is given). Each device lists its ``busy`` intervals in seconds; overlapping use by
  two operations is ``device-busy``.
* **Pre/postconditions**: a material used after it was discarded (``use-after-consume``),
  a product named before any operation makes one (``product-not-made``, e.g. a pellet
  resuspended before anything was centrifuged).

>>> from autodsl.corpus.models import Protocol
>>> from autodsl.extract.models import Action, Argument, Entity, Extraction
>>> from autodsl.pdg.complete import complete
>>> from autodsl.pdg.structure import structure
>>> text = "Add 1 ml buffer to a 0.5 ml tube."
>>> ents = [Entity(id="T1", type="Reagent", start=4, end=15, text="1 ml buffer",
...                quantity={"value": 1000.0, "unit": "uL", "dimension": "volume"}),
...         Entity(id="T2", type="Amount", start=21, end=27, text="0.5 ml",
...                quantity={"value": 500.0, "unit": "uL", "dimension": "volume"}),
...         Entity(id="T3", type="Location", start=28, end=32, text="tube")]
>>> acts = [Action(id="A1", start=0, end=3, text="Add", lemma="add", step=1,
...                args=[Argument(role="Acts-on", entity="T1"), Argument(role="Site", entity="T3")])]
>>> p = Protocol(id="p", title="", text=text, format="text")
>>> x = Extraction(protocol={"id": "p"}, entities=ents, actions=acts)
>>> g = link(complete(structure(p, x), x), x)
>>> [d.code for d in g.diagnostics], g.graph.nodes["c1"]["capacity"]
(['container-over-capacity'], {'value': 500.0, 'unit': 'uL'})
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from autodsl.diagnostics import Diagnostic
from autodsl.errors import QuantityError
from autodsl.extract.models import Action, Entity, Extraction
from autodsl.pdg.capacity import capacity_before, capacity_of
from autodsl.pdg.lexicon import mention, mention_in, op_class
from autodsl.pdg.model import PDG
from autodsl.pdg.places import container_phrase, is_device

__all__ = ["link", "PRODUCT_WORDS", "capacity_of"]

# Products that only some operations make: naming one before it exists is a finding.
PRODUCT_WORDS = {
    "pellet": "separate", "supernatant": "separate", "flow-through": "separate", "flowthrough": "separate",
    "supernate": "separate", "filtrate": "separate", "eluate": None, "lysate": None, "precipitate": None,
}
_CONTAINER_TYPES = ("Location", "Seal")
_CENTRIFUGE_VERBS = frozenset({"centrifuge", "spin", "spin down", "microfuge", "recentrifuge", "re-centrifuge",
                               "respin", "re-spin", "ultracentrifuge", "pellet"})


@dataclass
class _Container:
    node: str
    head: str
    capacity: float | None
    total: float = 0.0
    known: bool = True
    volumes: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Linker:
    pdg: PDG
    entities: dict[str, Entity]
    containers: list[_Container] = field(default_factory=list)
    latest: dict[str, _Container] = field(default_factory=dict)  # head word -> newest container
    devices: dict[str, str] = field(default_factory=dict)
    located: dict[str, _Container] = field(default_factory=dict)  # material -> container

    def container(self, entity: Entity) -> _Container:
        """The container a mention names: a new one, or the latest with that head word."""
        # "a new tube", "a 1.5-mL tube": the determiners and size before the span say it is new
        m = mention_in(self.pdg.text, entity.start, entity.end)
        after = self.pdg.text[entity.end:entity.end + 12]
        stated = (capacity_of(entity.text) or capacity_before(self.pdg.text, entity.start)
                  or (capacity_of(after) if after.lstrip().startswith("(") else None))
        known = self.latest.get(m.head) if not m.indefinite else None
        if known is not None and known.capacity is not None and stated is not None and known.capacity != stated["value"]:
            known = None  # a tube of another size is another tube
        if known is not None:
            if known.capacity is None and stated is not None:
                known.capacity = stated["value"]
                self.pdg.graph.nodes[known.node]["capacity"] = stated
            return known
        node = f"c{len(self.containers) + 1}"
        attrs: dict[str, Any] = {"head": m.head}
        if stated is not None:
            attrs["capacity"] = stated
        self.pdg.add_node(node, "container", entity.text, span=(entity.start, entity.end), **attrs)
        found = _Container(node=node, head=m.head, capacity=stated["value"] if stated else None)
        self.containers.append(found)
        self.latest[m.head] = found
        return found

    def device(self, name: str, span: tuple[int, int] | None) -> str:
        key = " ".join(sorted(mention(name).words)) or name.lower()
        if key not in self.devices:
            node = f"d{len(self.devices) + 1}"
            self.pdg.add_node(node, "device", name, span=span, busy=[])
            self.devices[key] = node
        return self.devices[key]


def link(pdg: PDG, extraction: Extraction) -> PDG:
    """Bind containers and devices, account volumes and occupancy, check conditions; in place."""
    linker = _Linker(pdg, {e.id: e for e in extraction.entities})
    actions = {a.id: a for a in extraction.actions}
    ops = sorted(pdg.nodes("operation"), key=lambda item: item[1]["order"])
    for op_id, data in ops:
        _resources(linker, op_id, data, actions[data["action"]])
    _occupancy(pdg, [op_id for op_id, _ in ops])
    _conditions(pdg, [op_id for op_id, _ in ops])
    for container in linker.containers:
        pdg.graph.nodes[container.node]["volumes"] = container.volumes
    pdg.stage = "linked"
    return pdg


def _resources(linker: _Linker, op_id: str, data: dict[str, Any], action: Action) -> None:
    pdg = linker.pdg
    used: list[_Container] = []
    devices: list[str] = []
    # a consumable placed ("Place a spin column in ...") was declared a material by stage 2
    declared = {pdg.graph.nodes[m].get("entity") for m, _ in _incoming(pdg, op_id, "consumes")
                if pdg.graph.nodes[m].get("role") == "input"}
    for arg in action.args:
        entity = linker.entities.get(arg.entity)
        if entity is None or entity.id in declared:
            continue
        if entity.type == "Device" and arg.role in ("Site", "Using", "Acts-on"):
            if is_device(entity):  # a medium typed Device ("Advanced DMEM/F12") is no equipment
                devices.append(linker.device(entity.text, (entity.start, entity.end)))
        elif entity.type in _CONTAINER_TYPES and arg.role in ("Site", "Acts-on", "Using"):
            # "in the dark", "on top of the agar" name no container; "the top of the tube" names the tube
            container = container_phrase(pdg.text, entity)
            if container is not None:
                used.append(linker.container(container))
    if not devices and data["verb"] in _CENTRIFUGE_VERBS:
        devices.append(linker.device("centrifuge", data["span"]))  # the verb is what names it
    # a re-mention is where the material it names is
    inputs = [(pdg.referent(material), edge) for material, edge in _incoming(pdg, op_id, "consumes")]
    for material, _ in inputs:
        if material in linker.located and linker.located[material] not in used:
            used.append(linker.located[material])
    for container in used:
        pdg.add_edge(op_id, container.node, "uses")
    for device in devices:
        pdg.add_edge(op_id, device, "uses")
    products = [m for m, _ in _outgoing(pdg, op_id, "produces")]
    kind = op_class(data["verb"])
    destination = _destination(linker, action, used, inputs, kind)
    for product in products:
        if destination is not None:
            linker.located[product] = destination
            pdg.add_edge(product, destination.node, "located-in")
    _volumes(linker, op_id, data, action, inputs, destination, kind)


def _destination(linker: _Linker, action: Action, used: list[_Container], inputs: list[tuple[str, Any]],
                 kind: str) -> _Container | None:
    """Where an operation's products end up: its site container, else where its main input was."""
    sites = [linker.entities[a.entity] for a in action.args if a.role == "Site" and a.entity in linker.entities]
    for entity in sites:
        container = container_phrase(linker.pdg.text, entity) if entity.type in _CONTAINER_TYPES else None
        if container is not None:
            return _latest(linker, container)
    for material, _ in sorted(inputs, key=lambda item: item[1].get("role") != "Site"):
        if material in linker.located:
            return linker.located[material]
    return used[0] if used else None


def _latest(linker: _Linker, entity: Entity) -> _Container | None:
    return linker.latest.get(mention(entity.text).head)


def _volumes(linker: _Linker, op_id: str, data: dict[str, Any], action: Action, inputs: list[tuple[str, Any]],
             destination: _Container | None, kind: str) -> None:
    """Account the volume an operation adds to or takes from a container; check its capacity."""
    pdg = linker.pdg
    if destination is None:
        return
    if kind == "discard":
        destination.known = False
        destination.total = 0.0
        destination.volumes.append({"op": op_id, "change": None, "total": None})
        return
    if kind != "transfer":
        return
    final = _volume_of(data, "final")
    added = _added_volume(linker, data, action)
    if final is not None:
        # "Add water to 49.5 µl": the container now holds that much, whatever it held before
        added = final - destination.total if destination.known else None
        destination.total, destination.known = final, True
    elif added is None:
        return
    else:
        destination.total += added
    destination.volumes.append({"op": op_id, "change": added, "total": destination.total if destination.known else None})
    if destination.capacity is not None and destination.total > destination.capacity:
        start, end = pdg.graph.nodes[op_id]["span"] or (None, None)
        container = pdg.graph.nodes[destination.node]
        pdg.diagnostics.append(Diagnostic(
            code="container-over-capacity", severity="error", start=start, end=end, node=op_id,
            message=(f"'{data['label']}' brings '{container['label']}' to {destination.total:g} uL, over its "
                     f"capacity of {destination.capacity:g} uL"),
            hint="use a larger container or split the volume",
        ))


def _volume_of(data: dict[str, Any], measured: str) -> float | None:
    """The volumes an operation's slots (or extra slots) give for what it consumes (``measured``
    ``"materials"``: their sum) or for what it makes (``"final"``), in uL; None when none is given."""
    records = [r for r in [*data["slots"].values(), *data.get("extra_slots", [])]
               if isinstance(r, dict) and r.get("measures") is not None and r.get("dimension") == "volume"
               and r.get("value") is not None and (r["measures"] == "final") == (measured == "final")]
    if not records:
        return None
    return sum(float(r["value"][0] if isinstance(r["value"], list) else r["value"]) for r in records)


def _added_volume(linker: _Linker, data: dict[str, Any], action: Action) -> float | None:
    """The volume a transfer adds: the amounts of what it moves, else its volume slot, else the
    amount written with what it moves."""
    measured = _volume_of(data, "materials")
    if measured is not None:
        return measured
    slot = data["slots"].get("volume")
    if slot and slot.get("dimension") == "volume" and slot.get("value") is not None:
        value = slot["value"]
        return float(value[0] if isinstance(value, list) else value)
    for arg in action.args:
        entity = linker.entities.get(arg.entity)
        if arg.role == "Acts-on" and entity is not None and entity.type in ("Reagent", "Mention"):
            amount = _amount_before(linker.pdg.text, entity)
            if amount is not None:
                return amount
    return None


def _amount_before(text: str, entity: Entity) -> float | None:
    """The volume written with a reagent ('250 ul of [Buffer P2]', '[250 ul PB1 buffer]'), in uL."""
    from autodsl.units import find_quantities

    window_start = max(0, entity.start - 30)
    window = text[window_start:entity.end]
    try:
        found = find_quantities(window)
    except QuantityError:
        return None
    for q in reversed(found):
        between = window[q.end:entity.start - window_start] if q.end <= entity.start - window_start else ""
        inside = q.start >= entity.start - window_start
        if q.dimension == "volume" and (inside or re.fullmatch(r"\s*(?:of\s+)?(?:the\s+)?", between)):
            return float(q.value[0] if isinstance(q.value, tuple) else q.value)
    return None


def _duration(data: dict[str, Any]) -> float:
    """Seconds an operation takes: its time slot (upper end of a range), else 0."""
    slot = data["slots"].get("time")
    if not slot or slot.get("dimension") != "time" or slot.get("value") is None:
        return 0.0
    value = slot["value"]
    return float(value[1] if isinstance(value, list) else value)


def _occupancy(pdg: PDG, ops: list[str]) -> None:
    """Lay operations on a clock and record each device's busy intervals; report overlaps."""
    clock = 0.0
    start_of: dict[str, float] = {}
    # the latest end of each device's busy intervals: an operation starting after it overlaps
    # none (operations in sequence always do), so only parallel work is checked interval by interval
    busy_until: dict[str, float] = {}
    previous: str | None = None
    for op_id in ops:
        data = pdg.graph.nodes[op_id]
        parallel = any(b["kind"] == "parallel" for b in data["blocks"])
        start = start_of[previous] if parallel and previous is not None else clock
        end = start + _duration(data)
        start_of[op_id] = start
        data["time"] = {"start": start, "end": end}
        clock = max(clock, end)
        if not parallel:
            previous = op_id
        for device, _ in _outgoing(pdg, op_id, "uses"):
            if pdg.graph.nodes[device]["kind"] != "device" or end <= start:
                continue
            busy = pdg.graph.nodes[device]["busy"]
            overlapping = busy if start < busy_until.get(device, start) else []
            busy_until[device] = max(busy_until.get(device, end), end)
            for other in overlapping:
                if other["start"] < end and start < other["end"] and other["op"] != op_id:
                    pdg.diagnostics.append(Diagnostic(
                        code="device-busy", severity="warning", start=(data["span"] or (None, None))[0],
                        end=(data["span"] or (None, None))[1], node=op_id,
                        message=(f"'{pdg.graph.nodes[device]['label']}' is busy with {other['op']} "
                                 f"({other['start']:g}-{other['end']:g} s) when {op_id} needs it at {start:g} s"),
                        hint="run the operations one after the other, or use a second device",
                    ))
                    break
            busy.append({"op": op_id, "start": start, "end": end})


def _conditions(pdg: PDG, ops: list[str]) -> None:
    """Preconditions of the materials each operation uses."""
    seen_classes: set[str] = set()
    for op_id in ops:
        data = pdg.graph.nodes[op_id]
        start, end = data["span"] or (None, None)
        for _, edge in _incoming(pdg, op_id, "consumes"):
            words = edge.get("mention")
            if edge.get("via") == "discarded":
                pdg.diagnostics.append(Diagnostic(
                    code="use-after-consume", severity="error", start=start, end=end, node=op_id,
                    message=f"'{data['label']}' uses '{words}', which was discarded before",
                    hint="keep the material instead of discarding it, or correct the reference",
                ))
                continue
            if words is None or edge.get("via") not in ("current", "new"):
                continue
            head = mention(words).head
            needed = PRODUCT_WORDS.get(head, "")
            if needed and needed not in seen_classes and mention(words).definite:
                pdg.diagnostics.append(Diagnostic(
                    code="product-not-made", severity="warning", start=start, end=end, node=op_id,
                    message=f"'{data['label']}' uses '{words}', but no earlier operation makes a {head}",
                    hint=f"add the step that makes the {head} (e.g. a centrifugation), or correct the reference",
                ))
        seen_classes.add(op_class(data["verb"]))


def _incoming(pdg: PDG, node: str, kind: str) -> list[tuple[str, dict[str, Any]]]:
    """(source, attributes) of the edges of ``kind`` into ``node``."""
    return [(s, d) for s, _, d in pdg.graph.in_edges(node, data=True) if d["kind"] == kind]


def _outgoing(pdg: PDG, node: str, kind: str) -> list[tuple[str, dict[str, Any]]]:
    """(target, attributes) of the edges of ``kind`` out of ``node``."""
    return [(t, d) for _, t, d in pdg.graph.out_edges(node, data=True) if d["kind"] == kind]
