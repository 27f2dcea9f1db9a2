"""Operation parameters: naming slots from extracted arguments, and lab-convention defaults.

An extracted argument (role, entity type, normalised quantity) becomes a *slot* of its
operation. With a domain DSL spec the slot takes the spec's name (matched by role and
type, then by unit dimension); without one it is named from its dimension or type
(``time``, ``temperature``, ``force``, ``volume``, ``device`` ...). Materials acted on are not
slots: they become flow edges in stage 2.

Defaults come only from :data:`LAB_DEFAULTS`, a short table of conventions every bench
scientist assumes (an unstated incubation or centrifugation temperature is room
temperature). Any other required parameter the text does not give is a *known unknown*:
value ``None``, source ``"unknown"``.

>>> slot_name("Setting", "Time", "time"), slot_name("Using", "Device", None)
('time', 'device')
>>> lab_default("incubate", "temperature")["value"]
[20.0, 25.0]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from autodsl.diagnostics import Diagnostic
from autodsl.extract.models import Entity, Extraction
from autodsl.induce.slots import FINAL_PREFIX, MEASURE_ROLE, measure_slot_name
from autodsl.induce.slots import slot_name as learned_slot_name
from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec
from autodsl.pdg.lexicon import CONTAINER_WORDS, COOLING_WORDS, mention, op_class
from autodsl.pdg.products import describe_stock

if TYPE_CHECKING:
    from autodsl.pdg.measures import Measures
    from autodsl.pdg.model import PDG

__all__ = [
    "MATERIAL_TYPES",
    "MATERIAL_ROLES",
    "LAB_DEFAULTS",
    "slot_name",
    "slot_value",
    "spec_slot",
    "lab_default",
    "place_temperature",
    "PLACE_TEMPERATURES",
    "unknown_value",
    "fill_required",
    "bind_material_slots",
    "medium_slot",
    "measure_slots",
    "PORTION_DIMENSIONS",
    "cooling_sites",
]

# A slot of these dimensions that measures a material takes a portion of it, which is then not
# used up: the checker's rule too (autodsl.validate.common.PORTION_DIMENSIONS, docs/language.md).
PORTION_DIMENSIONS = frozenset({"volume", "mass"})

# Entity types that are physical things; with these roles they are materials (flow), not slots.
MATERIAL_TYPES = frozenset({"Reagent", "Mention"})
MATERIAL_ROLES = frozenset({"Acts-on", "Product", "Site", "Using"})

_DIMENSION_SLOTS = {
    "time": "time", "temperature": "temperature", "force": "force", "rotation": "speed",
    "volume": "volume", "mass": "mass", "molar_concentration": "concentration",
    "mass_concentration": "concentration", "percent": "concentration", "fold": "concentration",
    "length": "size", "ph": "ph", "ratio": "ratio",
}
_TYPE_SLOTS = {
    "Time": "time", "Temperature": "temperature", "Speed": "speed", "Amount": "amount",
    "Concentration": "concentration", "pH": "ph", "Size": "size", "Numerical": "count",
    "Generic-Measure": "measure", "Method": "method", "Modifier": "modifier",
    "Measure-Type": "measure_type", "Device": "device", "Location": "site", "Seal": "seal",
    "Reagent": "reagent", "Mention": "reagent",
}


def slot_name(role: str, entity_type: str, dimension: str | None) -> str:
    """The slot name of an argument when no DSL spec is given."""
    if dimension in _DIMENSION_SLOTS:
        return _DIMENSION_SLOTS[dimension]
    if role == "Count":
        return "count"
    return _TYPE_SLOTS.get(entity_type, entity_type.lower().replace("-", "_"))


def slot_value(entity: Entity, source: str = "text") -> dict[str, Any]:
    """The slot record of an argument: quantity fields when it has one, its text always."""
    record: dict[str, Any] = {"text": entity.text, "source": source, "start": entity.start, "end": entity.end}
    if entity.quantity is not None:
        q = entity.quantity
        record.update(
            value=list(q.value) if isinstance(q.value, tuple) else q.value,
            unit=q.unit, dimension=q.dimension,
        )
        if q.dimension == "time" and ("x" in entity.text.lower() or "×" in entity.text):
            repeat = _repeat_of(entity)
            if repeat:
                record["repeat"] = repeat  # "2 x 5 min": two runs of 5 min
    return record


def _repeat_of(entity: Entity) -> int | None:
    from autodsl.errors import QuantityError
    from autodsl.units import parse_quantity

    try:
        return parse_quantity(entity.text, context=entity.type).repeat
    except QuantityError:
        return None


def spec_slot(op_spec: OperationSpec, role: str, entity_type: str, dimension: str | None) -> SlotSpec | None:
    """The slot of ``op_spec`` an argument fills.

    The slot named as learning and ``eval dsl`` name the argument
    (:func:`autodsl.induce.slots.slot_name`) when the spec has it with the same dimension;
    else one of the same role and type, else of the same dimension, else of the same type.
    Final amounts (``final_volume`` ...) are only for what an operation makes (:func:`measure_slots`).
    """
    candidates = [s for s in op_spec.slots if not s.name.startswith(FINAL_PREFIX)]
    named = next((s for s in candidates if s.name == learned_slot_name(role, entity_type, dimension)), None)
    if named is not None and (named.dimension is None or dimension is None or named.dimension == dimension):
        return named
    for slot in candidates:
        if slot.role == role and slot.type == entity_type and (dimension is None or slot.dimension in (None, dimension)):
            return slot
    if dimension is not None:
        for slot in candidates:
            if slot.dimension == dimension:
                return slot
    for slot in candidates:
        if slot.type == entity_type and slot.dimension is None:
            return slot
    return None


# Lab conventions: (verb lemma, slot dimension) -> value. Only what a protocol may leave
# unsaid because everyone assumes it: benchwork without a stated temperature is done at
# room temperature (20-25 degC).
_BENCH_VERBS = (
    "incubate centrifuge spin microfuge mix vortex shake invert wash rinse stand leave rock rotate "
    "stir elute dry air-dry sit rest resuspend pipette flick tap swirl agitate settle"
).split()
LAB_DEFAULTS: dict[tuple[str, str], dict[str, Any]] = {
    (verb, "temperature"): {"value": [20.0, 25.0], "unit": "degC", "dimension": "temperature",
                            "text": "room temperature"}
    for verb in _BENCH_VERBS
}


def lab_default(verb: str, dimension: str | None) -> dict[str, Any] | None:
    """The conventional value of a parameter of ``verb``, marked ``source: default``, or None.

    >>> lab_default("centrifuge", "time") is None
    True
    """
    if dimension is None:
        return None
    found = LAB_DEFAULTS.get((verb.lower(), dimension))
    if found is None:
        return None
    return {**found, "value": list(found["value"]), "source": "default"}


# Where a step is done can settle its temperature, so the room-temperature convention must
# not be assumed there: "on ice" is 0-4 degC, a fridge 2-8 degC, a freezer about -20 degC;
# an incubator, a water bath or an oven is warm, at a temperature the text must give.
PLACE_TEMPERATURES: dict[str, tuple[float, float]] = {
    "ice": (0.0, 4.0), "ice bath": (0.0, 4.0), "ice-water bath": (0.0, 4.0), "ice water": (0.0, 4.0),
    "dry ice": (-80.0, -70.0), "fridge": (2.0, 8.0), "refrigerator": (2.0, 8.0), "cold room": (2.0, 8.0),
    "freezer": (-25.0, -15.0),
}
# longest first, so "dry ice" is found before "ice"
_PLACES_LONGEST_FIRST = tuple(sorted(PLACE_TEMPERATURES.items(), key=lambda kv: -len(kv[0])))
_HEATED_PLACES = (
    "incubator", "water bath", "waterbath", "heat block", "heating block", "heatblock", "oven", "thermocycler",
    "thermal cycler", "thermomixer", "hot plate", "hotplate", "heater", "dry bath",
)


def cooling_sites(extraction: Extraction) -> Extraction:
    """``extraction`` with a cooling material that is only ever a site ("Incubate on [ice]",
    which WLP often marks a Reagent) typed a ``Location``: a place the work happens at, a
    ``site`` slot, not a reagent the operation takes. Ice some step takes or uses ("Fill the
    bucket with ice") stays a reagent.

    >>> from autodsl.extract.models import Action, Argument
    >>> ice = Entity(id="T1", type="Reagent", start=12, end=15, text="ice")
    >>> x = Extraction(protocol={"id": "p"}, entities=[ice], actions=[Action(
    ...     id="A1", start=0, end=8, text="Incubate", lemma="incubate", step=1, args=[Argument(role="Site", entity="T1")])])
    >>> cooling_sites(x).entities[0].type
    'Location'
    """
    roles: dict[str, set[str]] = {}
    for action in extraction.actions:
        for arg in action.args:
            roles.setdefault(arg.entity, set()).add(arg.role)
    places = {e.id for e in extraction.entities if e.type == "Reagent" and roles.get(e.id) == {"Site"}
              and mention(e.text).head in COOLING_WORDS}
    if not places:
        return extraction
    return extraction.model_copy(update={"entities": [
        e.model_copy(update={"type": "Location"}) if e.id in places else e for e in extraction.entities]})


def place_temperature(slots: dict[str, Any], extra: Iterable[dict[str, Any]] = ()
                      ) -> tuple[str, tuple[float, float] | None] | None:
    """What the place a step is done in says of its temperature: (the place as written, its
    range in degC, or None for a warm place of unstated temperature); None when no place says.
    ``extra`` are the operation's values no slot of its spec takes (``extra_slots``).

    A place written with a number ("a -80 °C freezer") is left to the number.

    >>> place_temperature({"site": {"text": "ice"}, "time": {"text": "10 min"}})
    ('ice', (0.0, 4.0))
    >>> place_temperature({"site": {"text": "the 37 °C incubator"}}) is None, place_temperature({"site": {"text": "an incubator"}})
    (True, ('an incubator', None))
    >>> place_temperature({"site": {"text": "the bench"}}) is None
    True
    """
    for record in (*slots.values(), *extra):
        text = record.get("text") if isinstance(record, dict) else None
        if not text or record.get("source") in ("default", "unknown") or any(ch.isdigit() for ch in text):
            continue
        words = " ".join(text.lower().replace("-", " - ").split()).replace(" - ", "-")
        for place, span in _PLACES_LONGEST_FIRST:
            if words == place or words.endswith(" " + place):
                return text, span
        if any(words == place or words.endswith(" " + place) for place in _HEATED_PLACES):
            return text, None
    return None


def unknown_value(slot: SlotSpec) -> dict[str, Any]:
    """A known unknown: a required parameter the text does not give (value None)."""
    return {"value": None, "unit": slot.unit, "dimension": slot.dimension, "text": "", "source": "unknown"}


# Verbs whose place is what they take from ("Remove the gel from [the buffer]"), not a medium.
_FROM_VERBS = frozenset({"remove", "draw", "suck", "collect", "recover", "harvest"})


def bind_material_slots(pdg: PDG, op_id: str, op_spec: OperationSpec | None, slots: dict[str, Any]) -> set[str]:
    """Name consumed materials by slots: "WASH(column, using: buffer_PE)"; the names bound.

    With a spec, a material consumed in a role the spec has a slot for (``Site``, ``Using``)
    is printed as that slot (the edge gets ``slot``); a reagent given as the place of a
    treatment ("rinse the membrane in [TBST]", not "add it to [the buffer]") is the medium it
    is done in, the spec's :func:`medium_slot`, when the text leaves that empty. Without a
    spec, a reagent something is done with (``Using``) is the ``using`` slot and a place
    stays positional, as what is acted on does.
    """
    bound: set[str] = set()
    # only a treatment is done *in* a reagent; a transfer's place is where things go ("Add
    # chloroform to [the sample]"), and a discard's is what it takes them from
    verb = str(pdg.graph.nodes[op_id].get("verb") or "").lower()
    treats = op_class(verb) in ("treat", "create") and not _FROM_VERBS.intersection(verb.split()[:1])
    medium = medium_slot(op_spec) if op_spec is not None and treats else None
    placed = False  # a place became the medium: another place stays positional, as before
    # what the text says it is done with comes first: a place is the medium only when nothing else is
    edges = sorted(pdg.graph.in_edges(op_id, data=True),
                   key=lambda e: (e[2].get("role") != "Using", e[2].get("position", 0)))
    for material, _, edge in edges:
        if edge["kind"] != "consumes" or edge.get("role") not in ("Site", "Using"):
            continue
        role = edge["role"]
        if op_spec is None:
            if role == "Using" and "using" not in slots and "using" not in bound:
                edge["slot"] = "using"
                bound.add("using")
            continue
        edge.pop("slot", None)  # the spec decides the slot's name, or that there is none
        if (role == "Site" and medium is not None and medium.name not in slots and medium.name not in bound
                and _is_reagent(pdg, material, edge.get("mention"))):
            edge["slot"] = medium.name
            bound.add(medium.name)
            placed = True
            continue
        slot = next((s for s in op_spec.slots if s.role == role and s.type in ("Reagent", "Mention")), None) or next(
            (s for s in op_spec.slots if s.role == role and s.dimension is None), None)
        if role == "Site" and placed:
            continue
        if slot is not None and _names_place(slots.get(slot.name), edge.get("mention")):
            # "Add trypsin to [the flask]" where the flask holds the cells: the slot is the
            # cells, not the word "flask" beside them as a second, positional input
            del slots[slot.name]
        if slot is not None and slot.name not in slots and slot.name not in bound:
            edge["slot"] = slot.name
            bound.add(slot.name)
    return bound


def medium_slot(op_spec: OperationSpec) -> SlotSpec | None:
    """The slot of ``op_spec`` for the reagent a material is treated in, when a place
    (``Site``) reagent should fill it: its ``Using`` reagent slot, unless the spec learned
    that the operation's reagent is written as its place ("Soak the gel in [buffer]": a
    ``Site`` reagent slot as common as the ``Using`` one while that is optional); None then,
    when its place is required (a destination, as ADD's, or a soak's liquid), or when it has
    no such slot.

    >>> op = OperationSpec(opcode="WASH", verbs={"wash": 3}, slots=[
    ...     SlotSpec(name="using", role="Using", type="Reagent", required=True, frequency=0.6),
    ...     SlotSpec(name="site", role="Site", type="Reagent", frequency=0.2)])
    >>> medium_slot(op).name
    'using'
    """
    using = next((s for s in op_spec.slots if s.role == "Using" and s.type in MATERIAL_TYPES), None)
    if using is None:
        return None
    if any(s.role == "Site" and s.required for s in op_spec.slots):
        return None
    site = next((s for s in op_spec.slots if s.role == "Site" and s.type in MATERIAL_TYPES), None)
    if site is not None and not using.required and site.frequency >= using.frequency:
        return None
    return using


def _is_reagent(pdg: PDG, material: str, said: str | None) -> bool:
    """Whether a consumed material, found by the words ``said``, is a reagent a material can be
    treated in: a declared input (not a product the place words were taken to stand for, as
    "Fill [the tank] with buffer" names what is in the tank), named by neither a container,
    a cooling place nor a pronoun."""
    if pdg.graph.nodes[pdg.referent(material)].get("role") != "input":
        return False
    words = mention(said or pdg.graph.nodes[material].get("label") or "")
    return bool(words.words) and not words.pronoun and words.head not in CONTAINER_WORDS | COOLING_WORDS


def _names_place(record: Any, said: str | None) -> bool:
    """Whether a text slot holds the very words a consumed material was found by (a container
    phrase standing for what is in it)."""
    from autodsl.pdg.lexicon import mention

    if not isinstance(record, dict) or said is None or "value" in record or not record.get("text"):
        return False
    words = mention(str(record["text"])).words
    return bool(words) and words == mention(said).words


def measure_slots(pdg: PDG, op_id: str, op_spec: OperationSpec | None, measured: Measures, action_id: str,
                  mentions: list[tuple[Entity, str]], *, transfers: bool = True) -> set[str]:
    """Amounts the text gives for what an operation consumes, and for what it makes, as its slots.

    ``mentions``: (the words an operation uses for a material, that material's node). Each
    amount of such a mention ("[10 µl] of [buffer]", see :mod:`autodsl.pdg.measures`) becomes a
    slot named by the spec (``volume``, ``concentration`` ... without one) whose record has
    ``measures``: the material's node; a final volume or concentration ("to 49.5 µl") has
    ``measures: "final"`` (slot ``final_volume``/``final_concentration`` without a spec; with
    one, the spec's slot named by :func:`autodsl.induce.slots.measure_slot_name`, as learning
    names it) and is the quantity of the product. What no slot of the
    spec takes is kept in ``extra_slots``. Returns the materials a printed slot takes a
    measured portion of (a volume or mass).

    An operation that ``transfers`` no reagent (thaw, vortex, store) takes no amount of one: a
    concentration written right before a reagent's name ("Thaw the 5X reaction buffer") says
    which stock it is, so it goes into an input's declaration
    (:func:`autodsl.pdg.products.describe_stock`), or into ``extra_slots`` for a product.
    """
    data = pdg.graph.nodes[op_id]
    slots: dict[str, Any] = data["slots"]
    portions: set[str] = set()
    found: list[tuple[Entity, str]] = []
    for entity, node in mentions:
        for q in measured.of_entity.get(entity.id, []):
            if transfers or q.type != "Concentration" or q.end > entity.start:
                found.append((q, node))
            elif pdg.graph.nodes[node].get("role") == "input":
                describe_stock(pdg, node, q.text)
            else:
                data.setdefault("extra_slots", []).append({**slot_value(q), "measures": node, "role": MEASURE_ROLE,
                                                           "type": q.type})
    shared = _shared_dimensions(found)
    found += [(q, "final") for q in measured.final.get(action_id, [])]
    for quantity, node in found:
        dimension = quantity.quantity.dimension if quantity.quantity else None
        record = {**slot_value(quantity), "measures": node}
        if node != "final" and dimension in shared:
            # "Add 5 µl of A and 10 µl of B": each amount is its own reagent's; a slot of the
            # whole operation would claim one of them for all, so they stay with their reagents
            data.setdefault("extra_slots", []).append({**record, "role": MEASURE_ROLE, "type": quantity.type})
            continue
        if node == "final" and op_spec is not None:
            # named as learning names it (autodsl.induce.features), if the spec has it
            name: str | None = measure_slot_name(quantity.type, dimension, final=True)
            if op_spec.slot(name) is None:
                name = None
        elif node == "final":
            name = "final_concentration" if quantity.type == "Concentration" else "final_volume"
        elif op_spec is not None:
            fitting = spec_slot(op_spec, MEASURE_ROLE, quantity.type, dimension)
            name = fitting.name if fitting is not None and (fitting.dimension in (None, dimension)) else None
            if fitting is not None and fitting.dimension is None and dimension is not None:
                # the DSL types this slot as text: keep what was written
                record = {k: v for k, v in record.items() if k not in ("value", "unit", "dimension", "repeat")}
        else:
            name = slot_name(MEASURE_ROLE, quantity.type, dimension)
        if name is None or name in slots:
            data.setdefault("extra_slots", []).append({**record, "role": MEASURE_ROLE, "type": quantity.type})
            continue
        slots[name] = record
        if node != "final" and record.get("dimension") in PORTION_DIMENSIONS:
            portions.add(node)
    return portions


def _shared_dimensions(found: list[tuple[Entity, str]]) -> set[str]:
    """Dimensions in which the amounts an operation takes measure two or more materials
    ("[5 µl] of A and [10 µl] of B": volume), so that no one of them is the operation's.

    >>> q = lambda text, value: Entity(id=text, type="Amount", start=0, end=1, text=text,
    ...                                quantity={"value": value, "unit": "uL", "dimension": "volume"})
    >>> _shared_dimensions([(q("5 µl", 5.0), "m1"), (q("10 µl", 10.0), "m2")]), _shared_dimensions([(q("5 µl", 5.0), "m1")])
    ({'volume'}, set())
    """
    measured: dict[str, set[str]] = {}
    for quantity, node in found:
        if quantity.quantity is not None and quantity.quantity.dimension:
            # "10 % SDS and 20 µg/ml proteinase K": strengths of two stocks, in any unit
            family = "concentration" if quantity.type == "Concentration" else quantity.quantity.dimension
            measured.setdefault(family, set()).add(node)
    shared = {family for family, nodes in measured.items() if len(nodes) >= 2}
    return {q.quantity.dimension for q, _ in found if q.quantity is not None and q.quantity.dimension and (
        q.quantity.dimension in shared or (q.type == "Concentration" and "concentration" in shared))}


def fill_required(pdg: PDG, spec: DslSpec) -> None:
    """Required slots the text leaves out, in place: lab-convention defaults (info
    ``defaulted-parameter``), else known unknowns (info ``unknown-parameter``); materials
    consumed in a role the spec has a slot for are printed as that slot.
    """
    from autodsl.pdg.storage import needs_no_time

    for op_id, data in pdg.nodes("operation"):
        op_spec = spec.operation(data["opcode"])
        if op_spec is None:
            continue
        bound = bind_material_slots(pdg, op_id, op_spec, data["slots"])
        for slot in op_spec.slots:
            if not slot.required or slot.name in data["slots"] or slot.name in bound:
                continue
            if slot.role in ("Acts-on", "Product"):
                continue  # what is acted on is the statement's positional argument
            default = lab_default(data["verb"], slot.dimension)
            start, end = pdg.graph.nodes[op_id]["span"] or (None, None)
            place = place_temperature(data["slots"], data.get("extra_slots", ())) if slot.dimension == "temperature" else None
            if place is not None:
                where, span = place
                # "on ice", "in the fridge": the place's temperature; "in the incubator": not the room's
                default = None if span is None else {
                    "value": list(span), "unit": "degC", "dimension": "temperature",
                    "text": f"{span[0]:g} to {span[1]:g} degC ({where})", "source": "default"}
            if default is not None:
                data["slots"][slot.name] = default
                pdg.diagnostics.append(Diagnostic(
                    code="defaulted-parameter", severity="info", start=start, end=end, node=op_id,
                    message=f"{data['opcode']} '{data['label']}' has no {slot.name}; assumed {default['text']}",
                    hint=f"state the {slot.name} in the protocol if the convention does not hold",
                ))
            else:
                data["slots"][slot.name] = unknown_value(slot)
                if slot.dimension == "time" and needs_no_time(data["verb"]):
                    continue  # storage lasts until use: the program keeps the slot, the reader needs no note
                pdg.diagnostics.append(Diagnostic(
                    code="unknown-parameter", severity="info", start=start, end=end, node=op_id,
                    message=f"{data['opcode']} '{data['label']}' has no {slot.name} in the text; marked unknown",
                    hint=f"add the {slot.name} to the protocol",
                ))
