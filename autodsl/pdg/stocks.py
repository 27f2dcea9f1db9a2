"""Work that readies something before it is used: a fresh stock, or an empty container.

"Pre-heat 0.9 ml of NZY+ broth to 42 °C", "Thaw XL-10 Gold cells on ice": an operation whose
object is a fresh stock works on that stock alone; the material worked on before does not
flow in unless the text names it (:func:`readies_stock`, used by
:mod:`autodsl.pdg.complete`). The flow rule "the current material reaches an operation that
names nothing else" holds otherwise: with the extractor's objects, a phrase that merely
matches no earlier name ("the resuspended library") is too often the current material under
another name, so only clear stock phrases count: an amount taken ("0.9 ml of broth"), or a
verb that readies a stock before use (thaw, pre-heat, pre-warm, pre-chill), or a verb that
prepares one ("Dilute 10X Pre-Lysis Buffer", "Solid fat should be melted") with the new material
as its direct object or passive subject, not as the medium ("Dilute in 1X TE").

Stocks readied alongside each other ("Thaw the primers, dNTPs and buffer") each stay a stock of
their own, and a continuation ("Vortex") takes them all (:func:`with_siblings`).

"Pre-chill 14 ml culture tubes on ice", "Label the tubes": readying an empty container
readies a resource, not a material; such an operation makes no product
(:func:`readies_empty_container`). A container of a stock ("Thaw a tube of competent cells")
stands for the stock in it (:func:`with_contents`).

>>> from autodsl.pdg.lexicon import mention
>>> readies_stock("treat", "preheat", mention("NZY broth")), readies_stock("treat", "incubate", mention("cells"))
(True, False)
>>> readies_stock("treat", "incubate", mention("0.9 ml of NZY broth")), readies_stock("transfer", "add", mention("5 ml PBS"))
(True, False)
>>> readies_stock("treat", "dilute", mention("10X buffer"), direct=True), readies_stock("treat", "dilute", mention("10X buffer"))
(True, False)
"""

from __future__ import annotations

import re
from typing import Callable

from autodsl.extract.models import Argument, Entity
from autodsl.pdg.lexicon import Mention
from autodsl.pdg.materials import MaterialIndex, Use

__all__ = ["READYING_VERBS", "joined_verb", "readies_stock", "names_object", "prepared_earlier",
           "readies_empty_container", "with_siblings", "added_to_itself", "with_contents"]

# verbs that bring a stock (or a container) to the state its use needs, before that use
READYING_VERBS = frozenset({"thaw", "preheat", "prewarm", "prechill", "precool", "preequilibrate", "chill",
                            "warm", "cool", "heat", "equilibrate", "label", "prelabel", "mark", "number"})
# of those, the ones a protocol does to a stock fresh from the shelf, never to what it works on
_STOCK_VERBS = frozenset({"thaw", "preheat", "prewarm", "prechill", "precool", "preequilibrate"})
# verbs whose measured liquid is the medium the material worked on goes into ("Resuspend into
# 567 ul TE"), which the extractor often gives as their object
_MEDIUM_VERBS = frozenset({"resuspend", "suspend", "dissolve", "elute", "wash", "rinse", "dilute"})
# verbs that make a stock ready from what it is on the shelf; their direct object, when the text
# introduces it there, is that stock, never the material worked on (checked on X-WLP half 0)
_PREPARING_VERBS = frozenset({"dilute", "dissolve", "melt", "prewet", "equilibrate", "preequilibrate"})
# of those, the ones that bring a stock to temperature; with a participle saying the stock was made
# ready earlier ("Warm the reconstituted probe solution"), their object is that stock alone
_WARMING_VERBS = frozenset({"warm", "cool", "heat", "chill", "equilibrate"})
_PREPARED_WORDS = frozenset({"reconstituted", "prepared", "thawed", "autoclaved", "supplemented"})
# a preposition between verb and phrase makes the phrase a medium or a place, not the object
_PREPOSITION = re.compile(r"\b(?:in|into|with|to|on|onto|from|through|at|by|for|of)\b", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:is|are|be|been|was|were)\s*$", re.IGNORECASE)


def joined_verb(lemma: str) -> str:
    """The lemma without spaces and hyphens ("pre - heat" -> "preheat")."""
    return re.sub(r"[\s\-]+", "", lemma.lower())


def readies_stock(kind: str, lemma: str, obj: Mention, direct: bool = False, prepared: bool = False) -> bool:
    """Whether an operation of class ``kind`` and verb ``lemma``, whose object ``obj`` the text
    introduces here (no earlier material has its name), works on that fresh stock alone: a
    measured amount of it ("0.9 ml of NZY broth"), a verb that readies stocks ("Thaw the
    competent cells"), or a verb that prepares a stock with it as the ``direct`` object
    (:func:`names_object`: "Dilute 10X buffer", "Fat should be melted"), or a verb that brings a
    stock to temperature with a ``direct`` object the text says was ``prepared`` earlier
    (:func:`prepared_earlier`: "Warm the reconstituted probe solution"). A transfer moves the
    stock into what is worked on, and a discard takes from it: both still reach the current
    material.
    """
    if kind in ("transfer", "discard", "create"):
        return False
    verb = joined_verb(lemma)
    return verb in _STOCK_VERBS or obj.fresh and verb not in _MEDIUM_VERBS or direct and verb in _PREPARING_VERBS \
        or direct and prepared and verb in _WARMING_VERBS


def prepared_earlier(text: str, verb: tuple[int, int], phrase: tuple[int, int]) -> bool:
    """Whether the words from the verb at ``verb`` to the end of its object at ``phrase`` say the
    object was made ready before ("Warm the [reconstituted] probe solution"): a stock, not the
    material worked on under another name.

    >>> t = "Warm the reconstituted probe solution. Warm the probe solution."
    >>> prepared_earlier(t, (0, 4), (23, 37)), prepared_earlier(t, (39, 43), (48, 62))
    (True, False)
    """
    if phrase[0] < verb[1]:
        return False
    return any(w.lower() in _PREPARED_WORDS for w in re.findall(r"[A-Za-z]+", text[verb[1]:phrase[1]]))


def names_object(text: str, verb: tuple[int, int], phrase: tuple[int, int]) -> bool:
    """Whether the phrase at ``phrase`` in ``text`` is the direct object of the verb at ``verb``
    (only articles and amounts between: "Dilute [10X buffer]") or its passive subject ("[Fat]
    should be melted"), not a medium or place after a preposition ("Dilute in [TE]").

    >>> t = "Dilute 10X buffer. Dilute in TE. Solid fat should be melted."
    >>> names_object(t, (0, 6), (7, 17)), names_object(t, (19, 25), (29, 31)), names_object(t, (52, 58), (39, 42))
    (True, False, True)
    """
    if phrase[0] >= verb[1]:
        gap = text[verb[1]:phrase[0]]
        return len(gap) <= 30 and not _PREPOSITION.search(gap) and not re.search(r"[.;,\n]", gap)
    gap = text[phrase[1]:verb[0]]
    return len(gap) <= 80 and not re.search(r"\.\s|[;\n]", gap) and bool(_PASSIVE.search(gap))


def readies_empty_container(lemma: str, container: Mention) -> bool:
    """Whether an operation whose only object is a container no material is in yet readies it
    ("Pre-chill 14 ml tubes on ice", "Label tubes"), making no product. A container the text
    points back to ("Chill the tubes") holds what is worked on.

    >>> from autodsl.pdg.lexicon import mention
    >>> readies_empty_container("pre-chill", mention("14 ml culture tubes")), readies_empty_container(
    ...     "chill", mention("the tubes")), readies_empty_container("vortex", mention("tubes"))
    (True, False, False)
    """
    return joined_verb(lemma) in READYING_VERBS and not (container.definite or container.pronoun)


def with_siblings(index: MaterialIndex, consumed: list[Use]) -> list[Use]:
    """What was readied alongside a material taken as a continuation ("Thaw A, B and C. Vortex."),
    in the place of that material, in the order they were made.

    >>> with_siblings(MaterialIndex(), [])
    []
    """
    taken = {id(u.material) for u in consumed}
    result: list[Use] = []
    for use in consumed:
        group = use.material.group
        if use.via not in ("current", "action", "purpose") or group is None:
            result.append(use)
            continue
        for other in index.groups[group]:
            if other.group == group and (other is use.material or other.alive and id(other) not in taken):
                taken.add(id(other))
                result.append(use if other is use.material else Use(other, use.role, use.via))
    return result


def added_to_itself(kind: str, uses: list[Use], on_shelf: Callable[[str], bool]) -> list[Use]:
    """The uses a transfer adds that are the very material it adds them to: "Add 0.1-50 ng of
    DNA" to the cells worked on, where a generic word ("DNA", "sample") was read as the current
    material. Nothing is added to itself: such a phrase names a stock of its own. So does a
    place found only by a name the added material inherited from a stock still on the shelf
    (``on_shelf``: whether the words name a live declared input).

    >>> from autodsl.pdg.materials import Material
    >>> from autodsl.extract.models import Entity
    >>> cells = Material(node="m2", kind="cells", names=[], heads=set(), producer="op1")
    >>> dna = Entity(id="T1", type="Reagent", start=0, end=3, text="DNA")
    >>> [u.mention for u in added_to_itself("transfer", [Use(cells, "Acts-on", "current", "DNA", dna),
    ...                                                  Use(cells, "Site", "action")], lambda words: False)]
    ['DNA']
    >>> sea = Entity(id="T2", type="Reagent", start=9, end=17, text="seawater")
    >>> [u.role for u in added_to_itself("transfer", [Use(cells, "Acts-on", "own"),
    ...                                               Use(cells, "Site", "name", "seawater", sea)], lambda words: True)]
    ['Site']
    """
    if kind != "transfer":
        return []
    sites = {id(u.material) for u in uses if u.role == "Site"}
    added = [u for u in uses if u.role == "Acts-on" and u.via == "current" and u.entity is not None
             and id(u.material) in sites]
    # "Add diluted virus to 1 ml seawater" after diluting the virus in seawater: the place found
    # only by a name the added material inherited is a fresh portion of that stock
    moved = {id(u.material) for u in uses if u.role == "Acts-on"} - {id(u.material) for u in added}
    return added + [u for u in uses if u.role == "Site" and u.via == "name" and u.entity is not None
                    and id(u.material) in moved and on_shelf(u.entity.text)]


_OF = re.compile(r"\s+of\s+")


def with_contents(args: list[Argument], entities: dict[str, Entity], text: str) -> list[Argument]:
    """``args`` with, after a container acted on, the material the text says it holds: "Thaw a
    [tube] of [competent cells]" works on the cells, though only the tube is the object. Only a
    material no argument of the operation names already is added.

    >>> tube = Entity(id="T1", type="Location", start=7, end=11, text="tube")
    >>> cells = Entity(id="T2", type="Reagent", start=15, end=30, text="competent cells")
    >>> args = with_contents([Argument(role="Acts-on", entity="T1")], {"T1": tube, "T2": cells},
    ...                      "Thaw a tube of competent cells on ice.")
    >>> [(a.role, a.entity) for a in args]
    [('Acts-on', 'T1'), ('Acts-on', 'T2')]
    """
    named = {a.entity for a in args}
    result: list[Argument] = []
    for arg in args:
        result.append(arg)
        place = entities.get(arg.entity)
        if arg.role != "Acts-on" or place is None or place.type not in ("Location", "Device"):
            continue
        gap = _OF.match(text, place.end)
        held = next((e for e in entities.values() if gap is not None and e.start == gap.end()
                     and e.type == "Reagent" and e.id not in named), None)
        if held is not None:
            named.add(held.id)
            result.append(Argument(role="Acts-on", entity=held.id))
    return result
