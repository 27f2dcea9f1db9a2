"""Binding a mention to the material it names, and the state that binding reads.

Stage 2 (:mod:`autodsl.pdg.complete`) visits operations in execution order; for each
argument it asks :func:`resolve` which material the words name and how that was found
(the ``via`` of a :class:`~autodsl.pdg.materials.Use`): a product known by those very words
(``own``), by a name it inherited (``name``), by its head word (``head``), by the container
it is in (``container``), a discarded material named again (``discarded``), or the material
worked on (``current``). None means something new: a declared input, or a place.

>>> from autodsl.pdg.lexicon import mention
>>> adds_substance(mention("2 ng of DNA"), "Acts-on", "transfer")
True
>>> adds_substance(mention("the lysate"), "Acts-on", "transfer")
False
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from autodsl.extract.models import Entity
from autodsl.induce.spec import DslSpec
from autodsl.pdg import lexicon
from autodsl.pdg.direct import Consumption, DirectnessModel, shipped_model
from autodsl.pdg.lexicon import Mention
from autodsl.pdg.made import newest_made
from autodsl.pdg.materials import Material, Use
from autodsl.pdg.measures import Measures
from autodsl.pdg.products import MaterialLedger
from autodsl.pdg.separation import PART_WORDS, moved_apart

__all__ = ["Flow", "resolve", "worked_on", "adds_substance", "measured_before"]

_CONCENTRATION = re.compile(r"\d\s*(?:[mµμunp]?M|%|[xX×])(?![A-Za-z])|\bp[Hh]")


@dataclass
class Flow(MaterialLedger):
    """The resolution state: the materials so far (a :class:`MaterialLedger`), and what
    resolving each operation needs to remember."""

    current_after: dict[str, str | None] = field(default_factory=dict)
    model: DirectnessModel = field(default_factory=shipped_model)
    record: list[tuple[str, str, Consumption]] | None = None
    references: int = 0
    visit_start: int = 0  # the clock when the operation being resolved began
    visit_current: Material | None = None  # the current material when the operation began
    entity_users: dict[str, str] = field(default_factory=dict)  # mention id -> first operation using it
    named: set[str] = field(default_factory=set)  # products a later mention already named
    spec: DslSpec | None = None
    measured: Measures = field(default_factory=Measures)
    sentence_heads: dict[tuple[int, int], Counter[str]] = field(default_factory=dict)  # (start, end) -> head words
    last_discard: tuple[int, Any] | None = None  # (order, sentence) of the latest discard
    discards: set[str] = field(default_factory=set)  # the discarding operations so far

    def current(self) -> Material | None:
        """The most recent live product (or input, when nothing was made yet)."""
        return self.index.current()


def worked_on(flow: Flow) -> Material | None:
    """The current material as a mention of this operation sees it.

    An input this operation declares is not what its other words name ("Add buffer to the
    cells"); what was worked on before it is ("Add 400 ul BCP per ml of sample").
    """
    current = flow.current()
    if current is not None and current.producer is None and current.born > flow.visit_start:
        before = flow.visit_current
        return before if before is not None and before.alive else None
    return current


def resolve(flow: Flow, m: Mention, entity: Entity, role: str, kind: str, *, moves_in: bool = False) -> Use | None:
    """The material a mention binds to, with how it was found; None for something new.

    ``moves_in``: the operation moves what it acts on into a place ("Add ... to the tank",
    "Fill the tank with ..."): a solution named there is a fresh portion of its stock.
    """
    text = m.text
    # a short name: "Add EDTA" after "Dissolve Na2EDTA·2H2O" is the one reagent named before in
    # full (autodsl.pdg.aliases), read as if the mention used that full name; a mention with a
    # concentration of its own ("10 mM Tris pH 8.0") names a solution in full, maybe another one
    alias = None if m.generic or _CONCENTRATION.search(m.text) else flow.index.alias_of(m.words)
    if alias is not None:
        m = replace(m, words=alias)
    if lexicon.names_portion(m) and kind != "create":
        # "Transfer 100 ul aliquots", "Take a sample": a portion of what is worked on, no reagent of its own
        portion_of = worked_on(flow)
        return Use(portion_of, role, "current", text, entity) if portion_of is not None else None
    if m.fresh and not m.definite:
        # "500 ul buffer" is a fresh portion: of a solution prepared earlier, or of a product
        # known by that very name ("333 ul yeast culture" after growing one), never of a
        # mixture that merely contains buffer.
        material = flow.index.newest_named(m.words, portion=True)
        if material is not None and material.prepared and len(material.names) > 1 \
                and not any(m.words <= n for n in material.own):
            # "Inoculate the culture with 50 ml growth medium. ... Resuspend the pellet in 1 ml
            # growth medium": a portion of the medium on the shelf, not of the culture made with
            # it (a stock warmed or thawed is still that one reagent)
            material = flow.index.newest_own_named(m.words) or material
        if material is not None:
            return Use(material, role, "own", text, entity)
        if m.portion_of_definite and flow.index.newest_named(m.words) is None \
                and flow.index.newest_with_head(m.head) is None:
            # "Discard the supernatant. Add 100 ul of the supernatant": nothing by that name is
            # left, yet the text takes from that very material; stage 3 reports the use
            gone = flow.index.newest_gone(m.words, entity.start)
            if gone is not None:
                return Use(gone, role, "discarded", text, entity)
        # "400 ul BCP per ml of sample": the sample is what is worked on, no stock of its own;
        # "Add 2 ng of DNA" adds a stock of DNA
        portion_of = worked_on(flow) if m.generic and len(m.words) <= 1 and kind != "create" \
            and not adds_substance(m, role, kind) else None
        return Use(portion_of, role, "current", text, entity) if portion_of is not None else None
    place = entity.type in ("Location", "Device", "Seal")
    if place and role != "Acts-on" and not (m.definite or m.pronoun):
        return None  # "on ice", "in a water bath": where the work happens, not a material
    current = worked_on(flow)
    if m.words and not m.indefinite:
        material = flow.index.newest_named(m.words)
        if material is not None and _misnames_empty(flow, material, m, entity):
            material = None
        if material is not None:
            # a mixture prepared from several inputs is not "the PBS" it was made with
            own = material.prepared and len(material.names) == 1 or any(m.words <= n for n in material.own)
            stock = None if own or role != "Using" else flow.index.newest_named(m.words, portion=True)
            if stock is not None and any(m.words <= n for n in stock.own):
                # "Suspend the pellet with Buffer A": the buffer itself, not a mixture it went into
                return Use(stock, role, "own", text, entity)
            if not own and role == "Acts-on" and moves_in:
                stock = flow.index.newest_own_named(m.words)
                if stock is not None and m.head in stock.heads and lexicon.SOLUTION_WORDS & {m.head, stock.kind} \
                        and _held_in(flow, stock, material):
                    # "Soak the membrane in transfer buffer. Fill the tank with transfer buffer": a
                    # fresh portion of the buffer goes in, not the membrane that soaked in it
                    return Use(stock, role, "own", text, entity)
            if not own and role == "Acts-on" and kind == "transfer" and not m.definite \
                    and measured_before(flow.pdg.text, entity.start):
                stock = flow.index.newest_own_named(m.words)
                if stock is not None and stock is not material and (stock.producer is None or stock.prepared) \
                        and len(material.names) > 1 and not material.prepared \
                        and _written_as(entity.text, flow.pdg.graph.nodes[stock.node]["label"]):
                    # "Add 100 µl ammonium bicarbonate solution. ... Add 40µL 50mM ammonium
                    # bicarbonate solution": an amount of its own measures a fresh portion of the
                    # stock, not the mixture that holds the earlier portion and inherited its name (a
                    # stock only inverted or thawed since is still that reagent, by its name alone; a
                    # solution prepared from it, "Dilute X to 6 nM. Add 1 ml 6 nM X", is the one taken from)
                    return Use(stock, role, "own", text, entity)
            return Use(material, role, "own" if own else "name", text, entity)
        # a part of a separation ("lysis supernatant") is never fetched from a shelf
        points_back = m.definite or m.pronoun or len(m.words) == 1 or m.head in PART_WORDS
        if points_back:
            material = flow.index.newest_with_head(m.head)
            if material is not None and not _misnames_empty(flow, material, m, entity):
                return Use(material, role, "head", text, entity)
            material = flow.index.newest_in_container(m.head)
            if material is not None:
                return Use(material, role, "container", text, entity)
        if m.definite and kind != "create":
            # "Cut the tissue into small pieces. Transfer the tissue fragments into a tube"
            material = newest_made(flow, m.head)
            if material is not None:
                return Use(material, role, "head", text, entity)
        if m.definite and flow.index.newest_with_head(m.head) is None:
            # in a later sentence: "Pour off the supernatant and aspirate ..." may share the mention
            gone = flow.index.newest_gone(m.words, entity.start)
            if gone is not None and current is not None and moved_apart(flow.pdg, flow.products_of, gone, current):
                # "Transfer the supernatant; discard the pellet. Centrifuge the sample": what was kept
                return Use(current, role, "current", text, entity)
            if gone is not None:
                return Use(gone, role, "discarded", text, entity)
    if m.indefinite:
        return None
    if current is None or kind == "create":
        return None
    if current.readied and not m.pronoun and m.head not in current.heads | lexicon.SOLUTION_WORDS:
        return None  # "Prepare wash buffer. Centrifuge the culture": the culture is no buffer
    if m.pronoun or (m.generic and (m.definite or len(m.words) <= 1)):
        if kind == "transfer" and role == "Acts-on" and not m.pronoun and (
                m.head not in lexicon.GENERIC_WORDS or not m.definite and adds_substance(m, role, kind)):
            return None
        return Use(current, role, "current", text, entity)
    if m.definite and (role == "Site" or (kind != "transfer" and entity.type != "Location")):
        return Use(current, role, "current", text, entity)
    return None


# an amount written right before a mention, maybe glued ("40µL") and followed by a concentration
# or a modifier or two ("7 ml of ice-cold PBS", "40µL 50mM ammonium ..."), never by a determiner
# ("100 µl of the lysate" takes from a particular material) or a word of another phrase ("Bring
# the reaction to 100 µl by adding buffer"), or a participle: "3 µl of purified PCR product" is
# what a purification made, "5 µl of pre-washed beads" what a wash left
_NOT_MODIFIERS = "the this that these those same its their each both by to in into with for per from at on and or then"
_MODIFIER = rf"(?!(?:{'|'.join(_NOT_MODIFIERS.split())})\s)(?![^\s,;:()]+ed\s)[^\s,;:()]+\s+"
_MEASURED = re.compile(r"(?<![\w.])\d[\d.,]*\s*(?:[µμu]l|ml|l|nl|mg|[µμu]g|ng|g|drops?)\s+(?:of\s+)?"
                       rf"(?:{_MODIFIER}){{0,2}}$", re.IGNORECASE)


def measured_before(text: str, start: int) -> bool:
    """Whether an amount measures the mention that begins at ``start`` (the text before it).

    >>> text = "Add 40µL 50mM ammonium bicarbonate solution. Add 7 ml of the lysate. Add the 5 ml culture."
    >>> [measured_before(text, text.index(word)) for word in ("ammonium", "lysate", "culture")]
    [True, False, False]
    """
    left = text[max(0, start - 40):start]
    left = left[left.rfind("\n") + 1:]
    found = _MEASURED.search(left)
    # "Inject the 1 µl cell suspension": the amount describes a particular material
    return found is not None and left[:found.start()].split()[-1:] not in (["the"], ["this"], ["each"], ["that"])


def _written_as(text: str, label: str) -> bool:
    """Whether a mention's every word, numbers and labels included, is written in the stock's
    label: "extraction buffer 2" is no portion of "extraction buffer 1", and "eluted peptides"
    (a participle first) are what an elution made, not a stock.

    >>> _written_as("medium", "EB medium"), _written_as("extraction buffer 2", "extraction buffer 1")
    (True, False)
    """
    words = text.lower().split()
    return bool(words) and not words[0].endswith("ed") and set(words) <= set(label.lower().split())


def _held_in(flow: Flow, stock: Material, product: Material) -> bool:
    """Whether ``product`` only inherited a name from ``stock``: its operation held another
    material in the stock (consumed as the ``Site``, the medium it soaked or sat in)."""
    if product.producer is None or product is stock:
        return False
    graph = flow.pdg.graph
    for source, _, d in graph.in_edges(product.producer, data=True):
        if d["kind"] != "consumes" or d.get("role") != "Site":
            continue
        if source == stock.node or any(t == stock.node and e["kind"] == "constraint"
                                       for _, t, e in graph.out_edges(source, data=True)):
            return True
    return False


def _misnames_empty(flow: Flow, material: Material, m: Mention, entity: Entity) -> bool:
    """Whether a mention only seems to name an empty product, one its operation made from
    nothing ("Perform cell surface staining", "Obtain bottles") that the extractor gave the
    mention's words as a product too: a part of a separation ("discard *the supernatant*") is
    no such product unless it is that part itself, and a container word ("the bottles") names
    where material is, not a product made from nothing."""
    if material.producer is None or any(d["kind"] == "consumes"
                                        for _, _, d in flow.pdg.graph.in_edges(material.producer, data=True)):
        return False
    if m.head in PART_WORDS:
        return material.kind != m.head
    return entity.type in ("Location", "Device", "Seal") or m.head in lexicon.CONTAINER_WORDS


def adds_substance(m: Mention, role: str, kind: str) -> bool:
    """Whether a transfer adds a substance by a generic word ("Add 2 ng of DNA", "Add beads"):
    a stock of its own, not the material worked on, which it is added to."""
    return kind == "transfer" and role == "Acts-on" and m.head in lexicon.SUBSTANCE_WORDS
