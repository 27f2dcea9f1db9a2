"""What a discard takes, and phrases that name two materials: helpers of stage 2 (:mod:`autodsl.pdg.complete`).

A discard names what goes, but the name is often one a stock and a product share:

* "Warm the medium. Aspirate the medium *from the flask*": the warmed fresh medium never
  went into the flask; what goes is the spent medium there, a new input
  (:func:`spent_in_place`);
* "Rinse the cells with PBS. Aspirate the PBS": the rinsed cells carry the PBS's name, yet
  the PBS goes and the cells stay (:func:`removed_part`);
* "Centrifuge. Discard the tube": no part is named; what the tube holds goes, whole
  (:func:`whole_container`).

And one extracted phrase may name two materials: "the organic layer *over* anhydrous
magnesium sulfate" is the layer, and the drying agent beside it (:func:`split_phrase`).

>>> from autodsl.extract.models import Entity
>>> head, other = split_phrase(Entity(id="T1", type="Reagent", start=10, end=56,
...                                   text="organic layer over anhydrous magnesium sulfate"))
>>> (head.text, head.end), (other.id, other.text, other.start)
(('organic layer', 23), ('T1.with', 'anhydrous magnesium sulfate', 29))
"""

from __future__ import annotations

import re

from autodsl.extract.models import Action, Entity
from autodsl.pdg.lexicon import CONTAINER_WORDS, drains, mention, mention_in, second_material
from autodsl.pdg.materials import Material, Use
from autodsl.pdg.products import MaterialLedger, declare_input, is_place
from autodsl.pdg.separation import SEPARATIONS, one_part_only, respun_liquid

__all__ = ["split_phrase", "place_heads", "spent_in_place", "removed_part", "spent_uses", "removed_parts",
           "beside_material", "kept_in", "tube_under_column", "drained_container", "whole_container"]


def split_phrase(entity: Entity) -> tuple[Entity, Entity | None]:
    """A reagent phrase naming two materials: the head part, which binds as any mention does,
    and the second material (id ``<id>.with``); else the phrase itself and None
    (:func:`~autodsl.pdg.lexicon.second_material`)."""
    cut = second_material(entity.text) if entity.type in ("Reagent", "Mention") else None
    if cut is None:
        return entity, None
    head = entity.model_copy(update={"end": entity.start + cut[0], "text": entity.text[:cut[0]]})
    other = entity.model_copy(update={"id": f"{entity.id}.with", "start": entity.start + cut[1],
                                      "text": entity.text[cut[1]:], "quantity": None})
    return head, other


def place_heads(action: Action, entities: dict[str, Entity]) -> set[str]:
    """Head words of the containers an action names as its site ("from [the flask]").

    >>> from autodsl.extract.models import Argument
    >>> a = Action(id="A1", start=0, end=8, text="Aspirate", lemma="aspirate", step=1,
    ...            args=[Argument(role="Site", entity="T2")])
    >>> place_heads(a, {"T2": Entity(id="T2", type="Location", start=30, end=39, text="T75 flasks")})
    {'flask'}
    """
    return {mention(e.text).head for a in action.args if a.role == "Site"
            for e in [entities.get(a.entity)] if e is not None and e.type in ("Location", "Device")}


# where a liquid poured off goes when it is thrown away ("Decant the supernatant into a waste bottle")
_WASTE_WORDS = frozenset({"waste", "trash", "bleach", "sink", "drain", "bin", "disposal", "discard"})
# the last preposition before the container says which way the material goes
_PREPOSITION = re.compile(r"\b(to|into|onto|from|off|of|in|on|out)\b", re.IGNORECASE)


def kept_in(action: Action, entities: dict[str, Entity], text: str) -> bool:
    """Whether a discarding verb names a container the material goes *into* ("Decant the
    supernatant to clean bottles"): then it is kept, moved there, not thrown away; a waste
    container ("into a waste beaker") or where it comes from ("from the flask") is no such place.

    >>> from autodsl.extract.models import Argument
    >>> text = "Decant the supernatants to clean bottles."
    >>> a = Action(id="A1", start=0, end=6, text="Decant", lemma="decant", step=1,
    ...            args=[Argument(role="Site", entity="T2")])
    >>> bottles = Entity(id="T2", type="Location", start=27, end=40, text="clean bottles")
    >>> kept_in(a, {"T2": bottles}, text)
    True
    >>> waste = Entity(id="T2", type="Location", start=27, end=40, text="waste bottle")
    >>> kept_in(a, {"T2": waste}, text.replace("clean bottles", "waste bottle"))
    False
    """
    for arg in action.args:
        entity = entities.get(arg.entity)
        if arg.role != "Site" or entity is None or entity.type not in ("Location", "Device") \
                or entity.start < action.end:
            continue
        window = text[max(action.end, entity.start - 40):entity.end]
        before = list(_PREPOSITION.finditer(window[:entity.start - max(action.end, entity.start - 40)]))
        if not before or before[-1].group().lower() not in ("to", "into", "onto"):
            continue
        # "into a waste [beaker]": the words from the preposition on say what the place is
        if not set(mention(window[before[-1].end():]).words) & _WASTE_WORDS:
            return True
    return False


def spent_in_place(material: Material, places: set[str]) -> bool:
    """Whether a discard that names ``material`` from ``places`` means another material: the
    material is a stock (a declared input, a prepared or readied solution) that never went
    into any of those containers, so what goes is what is there (the spent medium).

    >>> fresh = Material(node="m2", kind="medium", names=[], heads=set(), producer="op1", readied=True)
    >>> spent_in_place(fresh, {"flask"}), spent_in_place(fresh, set())
    (True, False)
    """
    stock = material.producer is None or material.prepared or material.readied
    return bool(places) and stock and not places & material.containers


def removed_part(materials: list[Material], words: frozenset[str], material: Material) -> Material | None:
    """The reagent a discard names that went into ``material`` ("Aspirate *the PBS*" after
    rinsing the cells with it): the newest live stock called exactly ``words`` whose name
    ``material`` carries; None when there is none (the discard then takes from ``material``).

    >>> pbs = Material(node="m2", kind="pbs", names=[frozenset({"pbs"})], heads={"pbs"}, own=[frozenset({"pbs"})])
    >>> cells = Material(node="m3", kind="cell", names=[frozenset({"cell"}), frozenset({"pbs"})], heads={"cell"},
    ...                  producer="op1")
    >>> removed_part([pbs, cells], frozenset({"pbs"}), cells) is pbs
    True
    """
    return next((m for m in reversed(materials) if m.alive and m is not material
                 and (m.producer is None or m.prepared) and words in m.own and words in material.names), None)


def spent_uses(ledger: MaterialLedger, consumed: list[Use], places: set[str]) -> list[Use]:
    """The uses of a discard from ``places``, each stock it never went into replaced by a new
    input, what is there (:func:`spent_in_place`)."""
    return [Use(declare_input(ledger, u.entity, mention_in(ledger.pdg.text, u.entity.start, u.entity.end),
                              again=False), u.role, "own", u.mention, u.entity, u.slot)
            if u.entity is not None and u.via in ("own", "name") and spent_in_place(u.material, places) else u
            for u in consumed]


def removed_parts(materials: list[Material], consumed: list[Use]) -> list[Use]:
    """What a discard removes when it names a reagent that went into the material it works on
    (:func:`removed_part`): that reagent, from the material, which stays. One part of a
    separation named leaves the other where it was, the place it is taken from
    (:func:`~autodsl.pdg.separation.one_part_only`)."""
    products_of: dict[str, list[Material]] = {}
    for material in materials:
        if material.producer is not None:
            products_of.setdefault(material.producer, []).append(material)
    consumed = one_part_only(products_of, consumed, ("Acts-on",))
    result = []
    for use in consumed:
        part = None
        if use.via == "name" and use.slot == "site" and use.mention is not None:
            part = removed_part(materials, mention(use.mention).words, use.material)
        if part is None:
            result.append(use)
            continue
        result.insert(0, Use(part, "Acts-on", "part", use.mention, use.entity))
        result.append(Use(use.material, "Site", use.via, slot="site"))
    return result


def beside_material(ledger: MaterialLedger, entity: Entity) -> Use | None:
    """What the second material of a phrase is: the live material of that very name (a stock
    declared before), a new input when nothing by that name is live, else None (a name the
    current material inherited: "the cells in PBS" after the PBS went into the cells)."""
    m = mention(entity.text)
    material = ledger.index.newest_named(m.words)
    if material is None:
        return Use(declare_input(ledger, entity, m), "Using", "new", entity.text, entity)
    if any(m.words <= name for name in material.own):
        return Use(material, "Using", "own", entity.text, entity)
    return None


_COLUMN_PARTS = frozenset(SEPARATIONS["column"][1])


def tube_under_column(products_of: dict[str, list[Material]], consumed: list[Use]) -> list[Use]:
    """A discard that names the container under a spun column ("Centrifuge for 2 min and discard
    the collection tube") throws away what that container holds, the flow-through; the column,
    lifted out, goes on. A discard naming the column itself ("discard the column") is left alone.

    >>> from autodsl.extract.models import Entity
    >>> liquid = Material(node="m2", kind="flow-through", names=[], heads=set(), producer="op1")
    >>> column = Material(node="m3", kind="column", names=[], heads={"column"}, producer="op1")
    >>> tube = Entity(id="T1", type="Location", start=0, end=15, text="Collection Tube")
    >>> [u.material.node for u in tube_under_column({"op1": [liquid, column]}, [Use(column, "Acts-on", "own", "the Collection Tube", tube)])]
    ['m2']
    """
    result = []
    for use in consumed:
        made = products_of.get(use.material.producer or "", [])
        if (use.entity is not None and is_place(use.entity) and len(made) == 2 and made[1] is use.material
                and use.material.kind in _COLUMN_PARTS and made[0].alive
                and mention(use.entity.text).head not in _COLUMN_PARTS):
            use = Use(made[0], "Acts-on", "own", use.mention, use.entity)
        result.append(use)
    return result


def drained_container(products_of: dict[str, list[Material]], consumed: list[Use], lemma: str,
                      current: Material | None) -> list[Use]:
    """A verb that drains a container it names ("Discard supernatant, *drain the tube*, wash
    the precipitate"; "Aspirate the wells") takes the liquid out and leaves the rest where it is:
    the material in the container is where it takes from (a ``Site``, which stays), and what
    goes is the liquid a separation left over it, when that is still there. "Discard the tube"
    throws the whole away and is left alone (:func:`~autodsl.pdg.lexicon.drains`).

    >>> from autodsl.extract.models import Entity
    >>> liquid = Material(node="m2", kind="supernatant", names=[], heads=set(), producer="op1")
    >>> solid = Material(node="m3", kind="pellet", names=[], heads=set(), producer="op1")
    >>> tube = Entity(id="T1", type="Location", start=0, end=4, text="tube")
    >>> [(u.material.node, u.role) for u in drained_container({"op1": [liquid, solid]},
    ...                                                      [Use(solid, "Acts-on", "own", "tube", tube)], "drain", solid)]
    [('m2', 'Acts-on'), ('m3', 'Site')]
    >>> [u.role for u in drained_container({}, [Use(solid, "Acts-on", "own", "tube", tube)], "discard", solid)]
    ['Acts-on']
    """
    if not drains(lemma):
        return consumed
    result = []
    for use in consumed:
        if use.role != "Acts-on" or use.entity is None or not is_place(use.entity) \
                or mention(use.entity.text).head in _COLUMN_PARTS and use.material.kind in _COLUMN_PARTS:
            result.append(use)
            continue
        liquid = respun_liquid(products_of, current)
        if liquid is not None and liquid is not use.material:
            result.append(Use(liquid, "Acts-on", "own"))
        result.append(Use(use.material, "Site", "container", use.mention, use.entity, "site"))
    return result


def whole_container(products_of: dict[str, list[Material]], consumed: list[Use], lemma: str) -> list[Use]:
    """A discard that names a container and no part of what it holds ("Centrifuge. Discard the
    tube") throws the whole away: what the words found there goes (``Acts-on``, via
    ``container``; not a site something is taken from), with the other part of the separation
    that made it when that is still there. A draining verb ("drain the tube") takes the liquid
    only (:func:`drained_container`); the collection tube under a spun column holds the
    flow-through (:func:`tube_under_column`, which names it); the column itself is a part; a lid
    taken away leaves what it covered.

    >>> from autodsl.extract.models import Entity
    >>> liquid = Material(node="m2", kind="supernatant", names=[], heads=set(), producer="op1")
    >>> solid = Material(node="m3", kind="pellet", names=[], heads=set(), producer="op1")
    >>> tube = Entity(id="T1", type="Location", start=0, end=4, text="tube")
    >>> [(u.material.node, u.role, u.via) for u in whole_container(
    ...     {"op1": [liquid, solid]}, [Use(solid, "Acts-on", "current", "tube", tube)], "discard")]
    [('m2', 'Acts-on', 'container'), ('m3', 'Acts-on', 'container')]
    >>> [u.via for u in whole_container({}, [Use(solid, "Acts-on", "current", "tube", tube)], "drain")]
    ['current']
    """
    if drains(lemma):
        return consumed
    result = []
    for use in consumed:
        if use.role != "Acts-on" or use.slot is not None or use.via not in ("current", "container") \
                or use.entity is None or not _holds(use.entity) or use.material.kind in _COLUMN_PARTS:
            result.append(use)
            continue
        made = products_of.get(use.material.producer or "", [])
        parts = [m for m in made if m.alive] if len(made) == 2 and use.material in made else []
        for material in parts or [use.material]:
            result.append(Use(material, "Acts-on", "container", use.mention if material is use.material else None,
                              use.entity if material is use.material else None))
    return result


def _holds(entity: Entity) -> bool:
    """Whether a phrase names a container that holds material ("the tube"): a lid or seal taken
    away ("take away the top plastic cover") or a device leaves what it covered or held."""
    head = mention(entity.text).head
    return entity.type not in ("Seal", "Device") and head in CONTAINER_WORDS and head not in _COLUMN_PARTS
