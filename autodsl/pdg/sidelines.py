"""Work beside the main material line: equipment readied, a stock set to cool.

Stage 2 (:mod:`autodsl.pdg.complete`) lets the current material (the newest live product)
reach every operation that names nothing of its own. Some operations say, by their objects,
that they are not done to what is worked on:

* *Equipment only*: "Turn on the centrifuge", "Cool the rotor to 4 °C", "Set the water bath
  to 37 °C". Every object is an instrument by its head word (:data:`EQUIPMENT_WORDS`; the
  extractor's ``Device`` type also covers pipettes, filters and programs, which X-WLP chains), so
  the operation takes no material (:func:`works_equipment`); the instrument it readies is
  set aside (a later verb given it as an argument, "and cool rotor", goes on with it), and the
  material worked on before it is still what the next step works on.
* *A fresh stock set on ice*: "Place 1 L of 10 % glycerol on ice well in advance". Putting a
  stock the text introduces right there somewhere cold readies it for later; it is not poured
  into the culture (:func:`chills_stock`). What it makes is set aside until a step names it.
* *A recipe*: "HDM was prepared using ... DMEM/F12" after another medium made with DMEM/F12
  takes DMEM/F12 from the shelf, not that medium (:func:`from_shelf`).

>>> from autodsl.pdg.lexicon import mention
>>> works_equipment("turn on", [("Device", mention("centrifuge"))]), works_equipment("cool", [("Reagent", mention("cells"))])
(True, False)
>>> works_equipment("vortex", [("Device", mention("Centrifuge"))])
False
>>> chills_stock("transfer", "place", [mention("1 L of 10 % glycerol")], [mention("ice")])
True
>>> chills_stock("transfer", "add", [mention("1 L of 10 % glycerol")], [mention("ice")])
False
"""

from __future__ import annotations

from autodsl.pdg.lexicon import COOLING_WORDS, GENERIC_WORDS, Mention
from autodsl.pdg.stocks import joined_verb

__all__ = ["EQUIPMENT_WORDS", "works_equipment", "chills_stock", "from_shelf"]

# instruments a protocol turns on, sets or cools; never a material or a container of one
EQUIPMENT_WORDS = frozenset(
    "centrifuge microcentrifuge rotor thermocycler cycler incubator oven microscope hood shaker "
    "spectrophotometer nanodrop sonicator autoclave fridge refrigerator freezer heatblock bath "
    "instrument machine reader".split()
)
# verbs a protocol readies an instrument with (spaces and hyphens removed); "Vortex Centrifuge"
# or "Thaw sterivex filters" work on material whatever the extractor calls their object
_EQUIPMENT_VERBS = frozenset({"turnon", "turnoff", "switchon", "switchoff", "turn", "switch", "set", "setup",
                              "preheat", "prewarm", "precool", "prechill", "cool", "chill", "warm", "heat",
                              "equilibrate", "calibrate", "program", "start", "prepare", "leave", "clean"})
# verbs that make a named product from a recipe of stocks
_RECIPE_VERBS = frozenset({"prepare", "make", "make up"})
# verbs that set something down somewhere, taking nothing into it
_SETTING_VERBS = frozenset({"place", "put", "keep", "leave", "set", "store"})


def works_equipment(lemma: str, objects: list[tuple[str, Mention]]) -> bool:
    """Whether an operation of verb ``lemma`` readies instruments alone: its objects, (entity
    type, mention) of each ``Acts-on`` argument, all have an instrument's head word (the type is
    not enough: WLP's ``Device`` includes pipettes and programs), and there is at least one:
    "Turn on [centrifuge]", "cool [rotor]", "Set [pipette] to 88 µl".
    """
    return joined_verb(lemma) in _EQUIPMENT_VERBS and bool(objects) and all(
        m.head in EQUIPMENT_WORDS for _, m in objects)


def chills_stock(kind: str, lemma: str, stocks: list[Mention], sites: list[Mention]) -> bool:
    """Whether a transfer sets a stock it introduces (``stocks``: the declared inputs it acts on)
    somewhere cold (``sites``), readying it: "Place 1 L of 10 % glycerol on ice". "Add ... on ice"
    adds to what is worked on; "Place the cultures on ice" names no fresh stock.
    """
    return kind == "transfer" and lemma.lower() in _SETTING_VERBS and bool(stocks) \
        and any(COOLING_WORDS & s.words for s in sites)


def from_shelf(kind: str, lemma: str, via: str, ingredient: Mention) -> bool:
    """Whether an ingredient a recipe names (an operation making a named product), found (``via``)
    only by a name an earlier product inherited, is a fresh portion of the stock on the shelf:
    "HDM was prepared using ... DMEM/F12" after another medium made with DMEM/F12 takes DMEM/F12,
    not that medium. A product named by its own words ("Make a dilution of the lysate") and a
    generic word ("Prepare libraries from each sample") still name what is worked on.

    >>> from autodsl.pdg.lexicon import mention
    >>> from_shelf("create", "prepare", "name", mention("DMEM/F12")), from_shelf("create", "prepare", "own", mention("DMEM"))
    (True, False)
    >>> from_shelf("create", "prepare", "name", mention("each sample")), from_shelf("create", "dissolve", "name", mention("gel"))
    (False, False)
    """
    return kind == "create" and via == "name" and lemma.lower() in _RECIPE_VERBS and ingredient.head not in GENERIC_WORDS
