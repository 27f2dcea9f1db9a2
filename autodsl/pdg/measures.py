"""What the text says about materials beyond the extractor's arguments: amounts and coordinated objects.

WLP attaches an amount to the reagent it measures (a ``Measure`` relation: "[10 µl] of
[buffer]"), not to the action, and the extractor links an action to one object of a list
("Thaw the [primers], dNTPs and 5X reaction buffer"). Stage 2 (:mod:`autodsl.pdg.complete`)
reads both from the text with this module:

* :func:`measures` finds, for every Amount or Concentration entity no action argument holds,
  what it measures, from the words between them: the reagent right after it ("10 µl of X",
  "250 µl PB1 buffer", "2.5 µl of each 10 µM primer"), or right before it in brackets
  ("X (10 µl)"); an amount written inside the reagent's own span ("[250 ul PB1 buffer]")
  counts too. "to 49.5 µl" / "to a final volume of 1 ml" after an action is the *final*
  volume (or concentration) of what that action makes, not an amount of a reagent. An amount
  of a phrase no entity covers ("Pellet [3 ml] of overnight culture") names a material the
  extractor missed: the phrase becomes a material entity of the action before it
  (``Measures.untagged``), which the translator takes only when the operation has nothing else.
* :func:`with_coordinated_objects` gives every action the reagents coordinated with one of
  its arguments ("X, Y and Z"; "X and 5 µl of Y") in the same role, when no action holds them.

>>> from autodsl.extract.models import Action, Argument, Entity, Extraction
>>> text = "Add 10 µl of 5X buffer and water to 50 µl."
>>> ents = [Entity(id="T1", type="Amount", start=4, end=9, text="10 µl",
...                quantity={"value": 10.0, "unit": "uL", "dimension": "volume"}),
...         Entity(id="T2", type="Concentration", start=13, end=15, text="5X",
...                quantity={"value": 5.0, "unit": "X", "dimension": "fold"}),
...         Entity(id="T3", type="Reagent", start=16, end=22, text="buffer"),
...         Entity(id="T4", type="Reagent", start=27, end=32, text="water"),
...         Entity(id="T5", type="Amount", start=36, end=41, text="50 µl",
...                quantity={"value": 50.0, "unit": "uL", "dimension": "volume"})]
>>> x = Extraction(protocol={"id": "p"}, entities=ents, actions=[Action(
...     id="A1", start=0, end=3, text="Add", lemma="add", step=1, args=[Argument(role="Acts-on", entity="T3")])])
>>> found = measures(text, x)
>>> [e.text for e in found.of_entity["T3"]], [e.text for e in found.final["A1"]]
(['10 µl', '5X'], ['50 µl'])
>>> [a.entity for a in with_coordinated_objects(text, x).actions[0].args]
['T3', 'T4']
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from autodsl.extract.models import Action, Argument, Entity, Extraction, QuantityValue
from autodsl.pdg.lexicon import CONTAINER_WORDS, DATA_WORDS, mention

if TYPE_CHECKING:
    from autodsl.pdg.model import PDG

__all__ = ["Measures", "measures", "with_coordinated_objects", "action_measures", "final_quantity", "input_quantities",
           "MEASURE_TYPES", "MEASURED_ROLES"]

# Entity types that say how much of a material there is.
MEASURE_TYPES = frozenset({"Amount", "Concentration"})
_MATERIAL_TYPES = frozenset({"Reagent", "Mention"})
# Entity types that may stand between an amount and its reagent ("10 µl of [5X] buffer").
_BETWEEN_TYPES = frozenset({"Amount", "Concentration", "Modifier", "Generic-Measure"})
_COORDINATED_ROLES = frozenset({"Acts-on", "Using"})
# Roles through which an operation takes a material, so takes the amounts written with it
# (the translator's flow roles, autodsl.pdg.complete).
MEASURED_ROLES = frozenset({"Acts-on", "Site", "Using"})
_MAX_GAP = 40

_BEFORE_REAGENT = re.compile(
    r"\s*(?:of\s+)?(?:(?:the|each|a|an|fresh|freshly|cold|ice-cold|sterile|pre-?warmed|pre-?chilled|warm|"
    r"diluted|prepared)\s+)*", re.IGNORECASE)
_BRACKET = re.compile(r"\s*[(\[]\s*")
_FINAL = re.compile(r"\b(?:up\s+)?to\s+(?:an?\s+)?(?:(?:final|total)\s+)?(?:(?:volume|concentration)\s+(?:of\s+)?)?$",
                    re.IGNORECASE)
_COORDINATION = re.compile(r"\s*(?:,\s*(?:and|or|&|as well as|plus)?|and|or|&|as well as|plus)\s*"
                           r"(?:(?:the|each|all|some)\s+)?", re.IGNORECASE)


@dataclass
class Measures:
    """Amounts and concentrations by what they measure.

    ``of_entity``: reagent entity id -> the quantity entities measuring it, in text order;
    ``final``: action id -> the final volume or concentration of what the action makes.
    """

    of_entity: dict[str, list[Entity]] = field(default_factory=dict)
    final: dict[str, list[Entity]] = field(default_factory=dict)
    # action id -> materials only an amount's "of" names ("3 ml of [overnight culture]"), untagged
    untagged: dict[str, list[Entity]] = field(default_factory=dict)


def _held(extraction: Extraction) -> set[str]:
    return {arg.entity for action in extraction.actions for arg in action.args}


def _gap(text: str, start: int, end: int, entities: list[Entity], starts: list[int],
         skip: frozenset[str]) -> str | None:
    """The words between two spans with entities of ``skip`` types blanked out; None when too far.

    ``entities`` are sorted by start and ``starts`` are their starts: only those inside the
    gap are looked at, so a long protocol costs no more per gap than a short one.
    """
    if end < start or end - start > _MAX_GAP:
        return None
    chars = list(text[start:end])
    i = bisect.bisect_left(starts, start)
    while i < len(entities) and entities[i].start <= end:
        e = entities[i]
        if e.type in skip and e.end <= end:
            chars[e.start - start:e.end - start] = " " * (e.end - e.start)
        i += 1
    return "".join(chars)


def measures(text: str, extraction: Extraction) -> Measures:
    """What each unheld Amount/Concentration entity measures (see the module doc)."""
    from autodsl.errors import QuantityError
    from autodsl.units import find_quantities

    found = Measures()
    entities = sorted(extraction.entities, key=lambda e: (e.start, e.end))
    starts = [e.start for e in entities]
    held = _held(extraction)
    actions = sorted(extraction.actions, key=lambda a: a.start)
    action_starts = [a.start for a in actions]
    longest = max((a.end - a.start for a in actions), default=0)
    for e in entities:
        if e.type not in MEASURE_TYPES or e.id in held or e.quantity is None:
            continue
        action = _final_of(text, e, actions, action_starts, longest, entities, starts)
        if action is not None:
            found.final.setdefault(action.id, []).append(e)
            continue
        reagent = _reagent_after(text, e, entities, starts) or _reagent_before(text, e, entities, starts)
        if reagent is not None:
            found.of_entity.setdefault(reagent.id, []).append(e)
            continue
        phrase = _untagged_after(text, e, entities, starts, actions)
        owner = _action_before(text, e, actions, action_starts, longest) if phrase is not None else None
        if phrase is not None and owner is not None:
            found.untagged.setdefault(owner.id, []).append(phrase)
            found.of_entity[phrase.id] = [e]
    for e in entities:
        if e.type not in _MATERIAL_TYPES or e.id in found.of_entity:
            continue
        try:
            leading = find_quantities(e.text)
        except QuantityError:
            continue
        if leading and leading[0].start == 0 and leading[0].dimension in ("volume", "mass"):
            q = leading[0]
            found.of_entity[e.id] = [Entity(
                id=f"{e.id}.amount", type="Amount", start=e.start + q.start, end=e.start + q.end, text=q.text,
                quantity=QuantityValue(value=q.value, unit=q.unit, dimension=q.dimension))]
    return found


# "3 ml of [overnight culture]": a short phrase up to a preposition, comma, "and", a participle
# ("... of rumen fluid filtering it") or the sentence end
_STOP = r"(?:in|into|at|on|onto|to|from|for|with|by|until|and|or|per|under|over|through|using|as)\b"
_OF_PHRASE = re.compile(rf"\s+of\s+((?!{_STOP})[A-Za-z0-9][\w\-+/']*(?:[ \t]+(?!{_STOP}|\w+ing\b)[A-Za-z0-9][\w\-+/']*){{0,4}})"
                        rf"[ \t]*(?=[,.;:()\n]|$|{_STOP}|\w+ing\b)", re.IGNORECASE)
# first words of "of" phrases that name no material ("1 ml of each", "5 volumes of the same")
_NOT_MATERIAL = frozenset("each the same it them this that these those volume volumes total time times "
                          "which".split())


def _untagged_after(text: str, e: Entity, entities: list[Entity], starts: list[int],
                    actions: list[Action]) -> Entity | None:
    """The material an amount's "of" names when no entity or action covers it ("3 ml of
    overnight culture"), as a Reagent entity with the phrase's span; None otherwise."""
    match = _OF_PHRASE.match(text, e.end)
    if match is None:
        return None
    start, end = match.start(1), match.start(1) + len(match.group(1).rstrip())
    words = text[start:end].lower().split()
    m = mention(text[start:end])
    if words[0] in _NOT_MATERIAL or m.head in CONTAINER_WORDS or m.head in DATA_WORDS or m.pronoun:
        return None
    i = bisect.bisect_left(starts, start) - 1
    if any(o.start < end and start < o.end for o in entities[max(i, 0):bisect.bisect_left(starts, end)]) \
            or any(a.start < end and start < a.end for a in actions):
        return None
    return Entity(id=f"{e.id}.of", type="Reagent", start=start, end=end, text=text[start:end])


def _action_before(text: str, e: Entity, actions: list[Action], action_starts: list[int],
                   longest: int) -> Action | None:
    """The last action (in text order) ending before ``e`` with no sentence or line break between."""
    brk = max(text.rfind(".", 0, e.start), text.rfind("\n", 0, e.start))
    for i in range(bisect.bisect_right(action_starts, e.start) - 1, -1, -1):
        a = actions[i]
        if brk < a.end <= e.start:
            return a
        if a.start + longest <= brk:
            return None  # this action and every earlier one end before the break
    return None


def _final_of(text: str, e: Entity, actions: list[Action], action_starts: list[int], longest: int,
              entities: list[Entity], starts: list[int]) -> Action | None:
    """The action whose product ``e`` is the final volume or concentration of ("add water to 50 µl")."""
    if not _FINAL.search(text[max(0, e.start - 40):e.start]):
        return None
    following = text[e.end:e.end + 20].split()
    if following and following[0].strip(".,;").lower().rstrip("s") in CONTAINER_WORDS:
        return None  # "to 2 ml tubes": the size of a container
    if _reagent_after(text, e, entities, starts) is not None:
        return None  # "Add the virus to 1 ml filtered seawater": the amount of the seawater
    i = bisect.bisect_left(starts, e.end)
    if i < len(entities) and entities[i].type == "Location" and entities[i].start - e.end <= 2:
        return None
    return _action_before(text, e, actions, action_starts, longest)


def _reagent_after(text: str, e: Entity, entities: list[Entity], starts: list[int]) -> Entity | None:
    i = bisect.bisect_left(starts, e.end)
    while i < len(entities) and entities[i].start - e.end <= _MAX_GAP:
        candidate = entities[i]
        if candidate.type in _MATERIAL_TYPES:
            gap = _gap(text, e.end, candidate.start, entities, starts, _BETWEEN_TYPES)
            return candidate if gap is not None and _BEFORE_REAGENT.fullmatch(gap) else None
        if candidate.type not in _BETWEEN_TYPES:
            return None
        i += 1
    return None


def _reagent_before(text: str, e: Entity, entities: list[Entity], starts: list[int]) -> Entity | None:
    i = bisect.bisect_left(starts, e.start) - 1
    while i >= 0 and entities[i].end > e.start:
        i -= 1
    if i < 0 or entities[i].type not in _MATERIAL_TYPES:
        return None
    gap = text[entities[i].end:e.start]
    return entities[i] if _BRACKET.fullmatch(gap) else None


def with_coordinated_objects(text: str, extraction: Extraction) -> Extraction:
    """``extraction`` with each action also taking the reagents coordinated with its arguments.

    A reagent no action holds, joined to an argument (Acts-on or Using) by a comma, "and",
    "or", "as well as" (amounts and modifiers between them do not matter), becomes an argument
    of the same role; so does the next one joined to it, and so on.
    """
    held = _held(extraction)
    entities = sorted(extraction.entities, key=lambda e: (e.start, e.end))
    starts = [e.start for e in entities]
    by_id = {e.id: e for e in entities}
    materials = [e for e in entities if e.type in _MATERIAL_TYPES]
    index = {e.id: i for i, e in enumerate(materials)}
    taken: set[str] = set()
    actions = []
    for action in extraction.actions:
        extra: list[Argument] = []
        own = {a.entity for a in action.args}
        for arg in action.args:
            entity = by_id.get(arg.entity)
            if arg.role not in _COORDINATED_ROLES or entity is None or entity.id not in index:
                continue
            for step in (1, -1):
                i = index[entity.id]
                while 0 <= i + step < len(materials):
                    near, far = (materials[i], materials[i + step]) if step == 1 else (materials[i + step], materials[i])
                    other = materials[i + step]
                    gap = _gap(text, near.end, far.start, entities, starts, _BETWEEN_TYPES)
                    if (other.id in held or other.id in own or other.id in taken or gap is None
                            or not _COORDINATION.fullmatch(gap)):
                        break
                    extra.append(Argument(role=arg.role, entity=other.id))
                    taken.add(other.id)
                    i += step
        actions.append(action.model_copy(update={"args": [*action.args, *extra]}) if extra else action)
    return extraction.model_copy(update={"actions": actions})


def action_measures(text: str, extraction: Extraction) -> dict[str, list[tuple[Entity, str]]]:
    """The amounts each action takes with its materials: action id -> (quantity, what it measures).

    What it measures is the material entity's id ("[10 µl] of [buffer]"), or ``"final"`` for
    the final volume or concentration of what the action makes ("to 49.5 µl"). The rule of
    the translator (stage 2): coordinated objects count (:func:`with_coordinated_objects`),
    and a material counts when the action takes it in one of :data:`MEASURED_ROLES`.
    ``autodsl learn`` uses it so that learned operations get the slots these amounts fill.

    >>> from autodsl.extract.models import Action, Argument, Entity, Extraction
    >>> text = "Add 10 µl of buffer."
    >>> x = Extraction(protocol={"id": "p"}, entities=[
    ...     Entity(id="T1", type="Amount", start=4, end=9, text="10 µl",
    ...            quantity={"value": 10.0, "unit": "uL", "dimension": "volume"}),
    ...     Entity(id="T2", type="Reagent", start=13, end=19, text="buffer")],
    ...     actions=[Action(id="A1", start=0, end=3, text="Add", lemma="add", step=1,
    ...                     args=[Argument(role="Acts-on", entity="T2")])])
    >>> [(q.text, what) for q, what in action_measures(text, x)["A1"]]
    [('10 µl', 'T2')]
    """
    extraction = with_coordinated_objects(text, extraction)
    found = measures(text, extraction)
    taken: dict[str, list[tuple[Entity, str]]] = {}
    for action in extraction.actions:
        seen: set[str] = set()
        pairs: list[tuple[Entity, str]] = []
        for arg in action.args:
            if arg.role not in MEASURED_ROLES or arg.entity in seen:
                continue
            seen.add(arg.entity)
            pairs += [(q, arg.entity) for q in found.of_entity.get(arg.entity, [])]
        pairs += [(q, "final") for q in found.final.get(action.id, [])]
        if pairs:
            taken[action.id] = pairs
    return taken


def final_quantity(pdg: PDG, op_id: str) -> None:
    """A final volume the text gives ("Add water to 49.5 µl") is the quantity of what the operation makes."""
    data = pdg.graph.nodes[op_id]
    records = [*data["slots"].values(), *data.get("extra_slots", [])]
    final = next((r for r in records if r.get("measures") == "final" and r.get("dimension") == "volume"
                  and r.get("value") is not None), None)
    if final is None:
        return
    for _, product, edge in pdg.graph.out_edges(op_id, data=True):
        if edge["kind"] == "produces":
            pdg.graph.nodes[product]["quantity"] = {k: final[k] for k in ("value", "unit", "dimension", "text")}


def input_quantities(pdg: PDG) -> None:
    """A declared input taken once, in a measured amount, is that amount ("10 µl of buffer")."""
    users: dict[str, set[str]] = {}
    for material, op, edge in pdg.edges("consumes"):
        if edge.get("via") == "part":
            continue  # "Aspirate the PBS" removes what was taken, and takes none
        users.setdefault(pdg.referent(material), set()).add(op)
    for node, data in pdg.nodes("material"):
        if data.get("role") != "input" or len(users.get(node, ())) != 1:
            continue
        op = pdg.graph.nodes[next(iter(users[node]))]
        records = [*op["slots"].values(), *op.get("extra_slots", [])]
        amount = next((r for r in records if r.get("measures") == node and r.get("dimension") in ("volume", "mass")
                       and r.get("value") is not None), None)
        if amount is not None:
            data["quantity"] = {k: amount[k] for k in ("value", "unit", "dimension", "text")}
