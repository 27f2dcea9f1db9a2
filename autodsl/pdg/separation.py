"""Separations: which spins split their material into two products, and what those are called.

A centrifugation, a filtration or a phase separation *can* make two products: a liquid
(supernatant, flow-through, filtrate, aqueous phase) and a solid (pellet, the column,
the residue, the retentate on a spin filter, organic phase). Whether a protocol means them is in the text that follows:
"Spin down briefly" before adding the next reagent only collects the liquid at the bottom
of the tube, while "Centrifuge ... Discard the supernatant" separates. So split products are
lazy: a separation makes two products only when a later operation, before the next
separation, names one of them ("the supernatant", "the pellet", "the aqueous layer"), when a
discard follows right after it ("Centrifuge. Aspirate and discard."), or when the text names
its products itself; otherwise it yields the spun material, as any treatment does. A *brief*
spin ("pulse spin", "spin briefly", "quick spin") only collects droplets: it splits on the
strong evidence alone (a discard or a part named right after it, or its own named products),
not on "the supernatant" several operations on, which another separation made.

>>> from autodsl.extract.models import Action, Argument, Entity, Extraction
>>> ents = [Entity(id="T1", type="Reagent", start=30, end=41, text="supernatant")]
>>> acts = [Action(id="A1", start=0, end=4, text="Spin", lemma="spin", step=1),
...         Action(id="A2", start=10, end=13, text="Add", lemma="add", step=2),
...         Action(id="A3", start=16, end=20, text="Spin", lemma="spin", step=3),
...         Action(id="A4", start=22, end=29, text="Discard", lemma="discard", step=4,
...                args=[Argument(role="Acts-on", entity="T1")])]
>>> sorted(splitting_actions(Extraction(protocol={"id": "p"}, entities=ents, actions=acts)))
['A3']
"""

from __future__ import annotations

import itertools
import re

from autodsl.extract.models import Action, Entity, Extraction
from autodsl.pdg.lexicon import PURPOSE_BEFORE, action_class, mention, mention_in, op_class
from autodsl.pdg.materials import Material, Use
from autodsl.pdg.model import PDG

__all__ = ["SEPARATIONS", "separation_kind", "splitting_actions", "brief_spin", "PART_WORDS", "left_sibling",
           "split_from", "moved_apart", "spins_again", "respun_liquid", "poured_off", "measured_from_spin",
           "named_part", "one_part_only"]

# The two products of a separation, (liquid, solid), by what is separated: names of each.
SEPARATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "spin": (("supernatant", "supernate", "liquid"), ("pellet", "precipitate", "sediment")),
    "column": (("flow-through", "flowthrough", "filtrate", "eluate", "liquid"), ("column", "membrane", "resin")),
    "filter": (("filtrate", "flow-through", "liquid"), ("residue", "filter", "solid", "precipitate")),
    "layers": (("aqueous layer", "aqueous phase", "lower layer", "aqueous"), ("organic layer", "organic phase",
                                                                             "upper layer", "organic")),
    # a spin through a filter (spin filter, centrifugal concentrator): what passes, and what it holds back
    "spin filter": (("filtrate", "flow-through", "flowthrough", "liquid"), ("retentate", "filter", "membrane")),
}
# Words that name a part of a separated material ("the cell pellet", "the upper phase").
# Containers a column separation leaves ("the column") are no evidence: they are named anyway.
PART_WORDS = frozenset(
    "supernatant supernate supernatants pellet pellets precipitate sediment flow-through flowthrough flow "
    "filtrate eluate residue retentate aqueous organic layer phase interphase liquid".split()
)
_MATERIAL_TYPES = frozenset({"Reagent", "Mention", "Location"})


# what the text calls the parts says which separation it is, whatever the material was before
_LAYER_WORDS = frozenset({"layer", "phase", "aqueous", "organic", "interphase"})
_SAID_KIND = (("layers", _LAYER_WORDS),
              ("spin", frozenset({"supernatant", "supernate", "supernatants", "pellet", "pellets"})))
# what passes through a filter, said afterwards ("Discard the flow-through"), and the containers a
# spin filters through ("Transfer the sample to a spin filter", "a centrifugal concentrator")
_FLOW_WORDS = frozenset({"flow", "flow-through", "flowthrough", "filtrate"})
_FILTER_CONTAINERS = frozenset({"filter", "filters", "concentrator", "ultrafilter"})
# reagents that form a second liquid phase with water: only a spin of a mixture that had one
# separates layers ("spin to collect the beads at the bottom", then "prepare the oil phase": no layers)
_PHASE_FORMER = re.compile(r"\b(?:phenol|chloroform|chcl3|oil|(?:[1-3n]-|iso|sec-|tert-)?(?:butanol|pentanol|octanol)"
                           r"|isoamyl|(?:diethyl )?ether|hexanes?|heptane|toluene|ethyl acetate|dichloromethane"
                           r"|etoac|et2o|dcm|mtbe|trizol|tri[- ]?reagent|qiazol|pci)\b", re.IGNORECASE)
# a magnet holds beads back, not a filter: "the supernatant ('flow-through')" over beads is no filtrate
_MAGNETS = frozenset({"magnet", "magnets", "rack", "stand", "separator"})


def separation_kind(lemma: str, heads: set[str], containers: set[str], said: frozenset[str] = frozenset()) -> str:
    """Which kind of separation an operation is: a spin, a column, a filtration, a spin through a
    filter (a spin filter it was put in, or "the flow-through" said afterwards: a filtrate and a
    retentate, not a supernatant and a pellet), or phases.

    ``said``: the words the text names its parts by afterwards ("Transfer *the supernatant*"),
    which decide over the history of the material (a phase extraction long before).

    >>> separation_kind("centrifuge", {"lysate"}, {"column"}), separation_kind("filter", set(), set())
    ('column', 'filter')
    >>> separation_kind("centrifuge", {"phase"}, set(), frozenset({"supernatant"}))
    'spin'
    >>> separation_kind("centrifuge", {"sample"}, {"filter"}), separation_kind("spin", set(), set(), frozenset({"flow"}))
    ('spin filter', 'spin filter')
    """
    if lemma.startswith("filter"):
        return "filter"
    for kind, words in _SAID_KIND:
        if said & words and not (kind == "spin" and containers & {"column", "cartridge"}):
            return kind
    if heads & {"layer", "phase"}:
        return "layers"
    if containers & {"column", "cartridge", "membrane"} or heads & {"column"}:
        return "column"
    if containers & _FILTER_CONTAINERS or said & _FLOW_WORDS and not containers & _MAGNETS:
        return "spin filter"
    return "spin"


def _names_a_part(entity: Entity) -> bool:
    words = mention(entity.text).words
    return bool(words & PART_WORDS) or "flow-through" in entity.text.lower()


def _names_the_filter(text: str, entity: Entity) -> bool:
    """Whether a phrase names a filter used before ("*the* filter", as a place or a device)."""
    m = mention_in(text, entity.start, entity.end) if text else mention(entity.text)
    return m.definite and m.head in SEPARATIONS["filter"][1]


# a manner word just before the verb ("pulse spin", "briefly centrifuge", "quick-spin") or in
# its clause after it ("spin the tubes briefly", "centrifuge for 5 s")
_BRIEF_WORD = r"\b(?:pulse|quick|quickly|brief|briefly|short)"
_BRIEF_BEFORE = re.compile(_BRIEF_WORD + r"[\s-]*$", re.IGNORECASE)
_BRIEF_AFTER = re.compile(r"\b(?:briefly|quickly|pulse)\b|\bfor (?:a )?few seconds\b"
                          r"|(?<![\d.,])(?:[1-9]|[12]\d|30)\s*(?:s|sec|secs|seconds?)\b", re.IGNORECASE)
_SPIN_LEMMA = re.compile(r"spin|fug", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.,]\s|[;:\n(]")  # not the comma of "13,000 x g"
# "Centrifuge to [pellet] the cells": a separation verb that is the purpose of the spin before it
# in the same sentence (the translator says it once, as that spin)
_PURPOSE_REACH = 200  # characters: a purpose follows its verb within the sentence
_SENTENCE_BREAK = re.compile(r"[.;\n]")


def brief_spin(text: str, action: Action, next_start: int | None = None) -> bool:
    """Whether a separation is a brief spin that only collects droplets at the bottom of the
    tube ("pulse spin", "briefly centrifuge", "spin down briefly", "centrifuge for 10 s").
    ``next_start``: where the next action begins (the clause after the verb ends there).

    >>> brief_spin("Mix well. Pulse spin.", Action(id="A1", start=16, end=20, text="spin", lemma="spin", step=1))
    True
    >>> brief_spin("Mix, pulse spin.", Action(id="A1", start=5, end=15, text="pulse spin", lemma="spin", step=1))
    True
    >>> brief_spin("Mix, then spin for 10 min.", Action(id="A1", start=10, end=14, text="spin", lemma="spin", step=1))
    False
    """
    if not text or op_class(action.lemma) != "separate" or not _SPIN_LEMMA.search(action.lemma):
        return False  # "separate the data based on the pulse-ID" is no spin
    # the extractor may take the manner word into the action's span ("pulse spin")
    if re.search(_BRIEF_WORD + r"\b", action.text, re.IGNORECASE) \
            or _BRIEF_BEFORE.search(text[max(0, action.start - 12):action.start]):
        return True
    end = min(next_start if next_start is not None and next_start > action.end else len(text),
              action.end + 80)
    after = text[action.end:end]
    clause = _CLAUSE_END.search(after)
    return bool(_BRIEF_AFTER.search(after[:clause.start()] if clause else after))


def _purpose_of_spin(text: str, action: Action, later: Action) -> bool:
    """Whether ``later`` is a separation verb saying the purpose of ``action`` in its sentence
    ("Centrifuge at 300 x g to [pellet] the cells")."""
    return later.start - action.end <= _PURPOSE_REACH and op_class(later.lemma) == "separate" \
        and _SENTENCE_BREAK.search(text, action.end, later.start) is None \
        and PURPOSE_BEFORE.search(text, action.end, later.start) is not None


def _naming_purpose(text: str, later: list[Action], action: Action, entities: dict[str, Entity]) -> Action | None:
    """The separation verb right after ``action`` that says its purpose in its sentence and names
    the parts it makes ("Spin ... *to separate the phases*"); None otherwise."""
    after = next((a for a in later if a.start >= action.end), None)
    # "to pellet the cells" is the spin itself, said once (stage 1 keeps no operation for it)
    if after is None or not text or not after.lemma.lower().startswith("separat") \
            or not _purpose_of_spin(text, action, after):
        return None
    named = any(a.role in ("Product", "Acts-on") and a.entity in entities and _names_a_part(entities[a.entity])
                for a in after.args)
    return after if named else None


def splitting_actions(extraction: Extraction, text: str = "") -> dict[str, frozenset[str]]:
    """The separation actions whose two products the text refers to (see the module doc), each
    with the words the text names those products by (empty when it names none: a discard follows).
    Words for layers ("the oil phase") count only after a phase-forming reagent (phenol,
    chloroform, oil, butanol, ether ...) in the text: a spin of beads in water makes no layers.
    ``text``, the protocol's, says whether a phrase is definite ("the [filter]": what a
    filtration left on it) where the extracted span leaves out its article.

    >>> from autodsl.extract.models import Argument
    >>> e = Entity(id="T1", type="Reagent", start=12, end=23, text="upper phase")
    >>> acts = [Action(id="A1", start=0, end=4, text="Spin", lemma="spin", step=1),
    ...         Action(id="A2", start=6, end=11, text="Remove", lemma="remove", step=1,
    ...                args=[Argument(role="Acts-on", entity="T1")])]
    >>> splitting_actions(Extraction(protocol={"id": "p"}, entities=[e], actions=acts))
    {'A1': frozenset({'phase'})}
    """
    entities = {e.id: e for e in extraction.entities}
    actions = sorted(extraction.actions, key=lambda a: (a.start, a.id))
    found: dict[str, frozenset[str]] = {}
    # where the text first names a phase-forming reagent (searched once, not before every spin)
    former = _PHASE_FORMER.search(text) if text else None
    for i, action in enumerate(actions):
        if op_class(action.lemma) != "separate":
            continue
        products = [entities[a.entity] for a in action.args if a.role == "Product" and a.entity in entities]
        layered = not text or (former is not None and former.end() <= action.start)
        named = frozenset(w for e in products for w in mention(e.text).words & PART_WORDS)
        purpose = _naming_purpose(text, actions[i + 1:], action, entities)
        if purpose is not None:
            # "Spin ... to separate the phases": the purpose, which names the parts, splits what the
            # spin spun; the spin splitting too would make four parts of two
            continue
        if named:
            found[action.id] = named if layered else named - _LAYER_WORDS
            continue
        # a product that names no part ("Spin the tubes to mix [the DNA]") is no evidence of a split
        following = (a for a in actions[i + 1:] if not _purpose_of_spin(text, action, a))
        later_first = next(following, None)
        brief = brief_spin(text, action, later_first.start if later_first else None)
        for j, later in enumerate(itertools.chain([later_first] if later_first else [], following)):
            if brief and j > 0:
                break
            heads = [mention(e.text).head for e in _materials(later, entities, ("Acts-on",))]
            parts = [e for e in _materials(later, entities) if _names_a_part(e)]
            if separation_kind(action.lemma, set(), set()) == "filter":
                # "Filter the sample onto a filter. Place the filter over the drop": what it holds
                parts += [e for a in later.args for e in [entities.get(a.entity)]
                          if e is not None and _names_the_filter(text, e)]
            if j == 0 and action_class(later.lemma, heads) == "discard" or parts:
                said = frozenset(w for e in parts for w in mention(e.text).words & PART_WORDS)
                # no phase-forming reagent before it: "the oil phase" prepared later names no layer of it
                found[action.id] = said if layered else said - _LAYER_WORDS
                break
            if op_class(later.lemma) == "separate":
                break
    return found


def _materials(action: Action, entities: dict[str, Entity], roles: tuple[str, ...] | None = None) -> list[Entity]:
    return [entities[a.entity] for a in action.args if a.entity in entities
            and entities[a.entity].type in _MATERIAL_TYPES and (roles is None or a.role in roles)]


def left_sibling(products_of: dict[str, list[Material]], inputs: list[Material], words: str) -> Material | None:
    """The other product of a separation that ``words`` name, though what is taken is one of the two.

    "Centrifuge. Transfer the supernatant. Resuspend the pellet": the pellet stays where the
    spin left it, so a transfer of the supernatant does not make "the pellet" (an extractor
    may link it as the transfer's product). ``products_of``: operation -> its products.

    >>> liquid = Material(node="m2", kind="supernatant", names=[frozenset({"supernatant"})],
    ...                   heads={"supernatant"}, producer="op1")
    >>> solid = Material(node="m3", kind="pellet", names=[frozenset({"pellet"})], heads={"pellet"}, producer="op1")
    >>> left_sibling({"op1": [liquid, solid]}, [liquid], "pellet") is solid
    True
    """
    m = mention(words)
    for material in inputs:
        made = products_of.get(material.producer or "", [])
        for sibling in made if len(made) == 2 and material in made else []:
            if sibling is not material and sibling.alive and (m.head in sibling.heads
                                                              or any(m.words <= n for n in sibling.names)):
                return sibling
    return None


def split_from(products_of: dict[str, list[Material]], named: Material, current: Material) -> bool:
    """Whether ``named`` is one product of a separation and ``current`` came from that same
    separation since (the caller knows it was moved elsewhere: the other product, transferred).

    >>> liquid = Material(node="m2", kind="supernatant", names=[], heads=set(), producer="op1")
    >>> solid = Material(node="m3", kind="pellet", names=[], heads=set(), producer="op1")
    >>> moved = Material(node="m4", kind="supernatant", names=[], heads=set(), producer="op2",
    ...                  states=[{"op": "op1", "state": "spun"}, {"op": "op2", "state": "transferred"}])
    >>> split_from({"op1": [liquid, solid]}, solid, moved), split_from({"op1": [liquid, solid]}, moved, solid)
    (True, False)
    """
    made = products_of.get(named.producer or "", [])
    return len(made) == 2 and named is not current and any(s["op"] == named.producer for s in current.states)


def moved_apart(pdg: PDG, products_of: dict[str, list[Material]], named: Material, other: Material) -> bool:
    """Whether ``other`` is the product of a separation that ``named`` is the other product of,
    moved elsewhere by a transfer since ("Transfer the supernatant. Resuspend the pellet").

    >>> g = PDG()
    >>> g.add_node("op2", "operation", "Transfer", verb="transfer")
    >>> liquid = Material(node="m2", kind="supernatant", names=[], heads=set(), producer="op1")
    >>> solid = Material(node="m3", kind="pellet", names=[], heads=set(), producer="op1")
    >>> moved = Material(node="m4", kind="supernatant", names=[], heads=set(), producer="op2",
    ...                  states=[{"op": "op1", "state": "spun"}, {"op": "op2", "state": "transferred"}])
    >>> moved_apart(g, {"op1": [liquid, solid]}, solid, moved)
    True
    """
    moved = other.producer is not None and op_class(pdg.graph.nodes[other.producer]["verb"]) == "transfer"
    return moved and split_from(products_of, named, other)


_AGAIN = re.compile(r"^[^.;:]*?\b(?:again|once more|one more time|a second time)\b", re.IGNORECASE)
_RESPIN_LEMMAS = frozenset({"recentrifuge", "re-centrifuge", "respin", "re-spin"})


def spins_again(text: str, action: Action) -> bool:
    """Whether a separation repeats the one before it ("centrifuge *again*", "re-spin",
    "spin once more"): what it spins is what the first spin left to go on with.

    >>> a = Action(id="A1", start=5, end=15, text="centrifuge", lemma="centrifuge", step=1)
    >>> spins_again("Then centrifuge again for 5 min.", a), spins_again("Then centrifuge for 5 min. Mix again.", a)
    (True, False)
    """
    if op_class(action.lemma) != "separate":
        return False
    return action.lemma.lower() in _RESPIN_LEMMAS or bool(_AGAIN.match(text[action.end:action.end + 80]))


def respun_liquid(products_of: dict[str, list[Material]], current: Material | None) -> Material | None:
    """The liquid part of the separation that made ``current``, when it is still there: spinning
    again clears what the protocol goes on with (the tube spun holds the liquid over the pellet;
    the liquid is what is taken on), so a re-spin takes it, not the pellet.

    >>> liquid = Material(node="m2", kind="supernatant", names=[], heads=set(), producer="op1")
    >>> solid = Material(node="m3", kind="pellet", names=[], heads=set(), producer="op1")
    >>> respun_liquid({"op1": [liquid, solid]}, solid) is liquid, respun_liquid({"op1": [liquid, solid]}, None)
    (True, None)
    """
    made = products_of.get(current.producer or "", []) if current is not None else []
    return made[0] if len(made) == 2 and made[0].alive else None


def poured_off(products_of: dict[str, list[Material]], use: Use, current: Material | None) -> list[Use]:
    """What a discard naming a stock means once the stock went into the work: "Wash the pellet
    with 70% ethanol. Spin. Pour off 70% ethanol": what goes is the liquid over the pellet that
    holds it (:func:`respun_liquid`), not the stock on the shelf; with no such liquid ("Remove
    residual ethanol"), the reagent goes from the material it went into, which stays.

    >>> stock = Material(node="m1", kind="ethanol", names=[frozenset({"ethanol"})], heads={"ethanol"})
    >>> liquid = Material(node="m2", kind="supernatant", names=[frozenset({"ethanol"})], heads=set(), producer="op1")
    >>> solid = Material(node="m3", kind="pellet", names=[frozenset({"ethanol"})], heads=set(), producer="op1")
    >>> poured_off({"op1": [liquid, solid]}, Use(stock, "Acts-on", "own", "70% ethanol"), solid)[0].material is liquid
    True
    >>> [(u.material.node, u.role) for u in poured_off({}, Use(stock, "Acts-on", "own", "ethanol"), solid)]
    [('m1', 'Acts-on'), ('m3', 'Site')]
    """
    use = named_part(products_of, use)
    words = mention(use.mention or "").words
    if use.via in ("current", "name") and use.material is current and words and not words & PART_WORDS \
            and mention(use.mention or "").head not in current.heads:
        # "Add wash buffer to the cells. Centrifuge and aspirate the wash buffer": the buffer
        # named is in the liquid over the pellet, which goes; the pellet stays
        liquid = respun_liquid(products_of, current)
        if liquid is not None and any(words <= name for name in liquid.names):
            return [Use(liquid, "Acts-on", "own", use.mention, use.entity)]
    if use.via != "own" or use.material.producer is not None or not words or current is None \
            or current.producer is None:
        return [use]
    liquid = respun_liquid(products_of, current)
    if liquid is not None and any(words <= name for name in liquid.names):
        return [Use(liquid, use.role, use.via, use.mention, use.entity, use.slot)]
    if any(words <= name for name in current.names):
        return [use, Use(current, "Site", "current", slot="site")]
    return [use]


# a volume right after the verb ("Transfer [300 µl] to a well")
_VOLUME_AFTER = re.compile(r"\s+(?:about\s+|approximately\s+|~\s*)?[\d.,]+\s*(?:[µμu]l|ml|nl)\b", re.IGNORECASE)


def measured_from_spin(products_of: dict[str, list[Material]], consumed: list[Use], current: Material | None,
                       action: Action, entities: dict[str, Entity], text: str) -> list[Use]:
    """What a measured amount with nothing named takes after a spin: "Centrifuge. Transfer
    300 µl to a well" takes the liquid (:func:`respun_liquid`), not the pellet: a pellet is
    not measured in microlitres. Unchanged when the action names what it takes."""
    named = any(a.role == "Acts-on" and a.entity in entities and entities[a.entity].type in _MATERIAL_TYPES
                for a in action.args)
    measured = _VOLUME_AFTER.match(text, action.end) is not None or any(
        e is not None and e.quantity is not None and e.quantity.dimension == "volume"
        for e in (entities.get(a.entity) for a in action.args))
    liquid = respun_liquid(products_of, current) if measured and not named else None
    consumed = one_part_only(products_of, [named_part(products_of, u) for u in consumed])
    if liquid is None:
        return consumed
    return [Use(liquid, u.role, u.via, u.mention, u.entity, u.slot)
            if u.material is current and u.via == "current" and u.role == "Acts-on" else u for u in consumed]


# the words that say which of two layers a phrase names ("the oil phase", "the aqueous layer"): oil
# is the organic layer. "Upper"/"lower" are left out: which layer is on top depends on the solvent's
# density (phenol-chloroform sinks below the water, oil floats), and "the top layer (aqueous phase)"
# after a phenol extraction is the aqueous one
_QUALIFIERS = {"oil": "organic", "oily": "organic", "organic": "organic", "aqueous": "aqueous", "water": "aqueous"}


def _qualifier(words: str | None) -> str | None:
    m = mention(words or "")
    if not m.words & {"layer", "phase", "layers", "phases"}:
        return None
    found = {_QUALIFIERS[w] for w in m.words if w in _QUALIFIERS}
    return found.pop() if len(found) == 1 else None


def _own_words(material: Material) -> set[str]:
    return {w for name in material.own for w in name}


def named_part(products_of: dict[str, list[Material]], use: Use) -> Use:
    """The part of a two-layer separation a phrase names by its qualifier ("Discard *the oil
    phase*"), when the name found the other part: a layer inherits the names of what was spun
    (the emulsion's "oil phase"), but the qualifier says which layer is meant, by the part's
    own names (organic for oil).

    >>> aq = Material(node="m2", kind="aqueous layer", names=[frozenset({"oil", "phase"})], heads={"layer"},
    ...               producer="op1", own=[frozenset({"aqueous", "layer"})])
    >>> org = Material(node="m3", kind="organic layer", names=[], heads={"layer"}, producer="op1",
    ...                own=[frozenset({"organic", "layer"})])
    >>> named_part({"op1": [aq, org]}, Use(aq, "Acts-on", "name", "the oil phase")).material is org
    True
    >>> named_part({"op1": [aq, org]}, Use(aq, "Acts-on", "name", "the aqueous phase")).material is aq
    True
    """
    made = products_of.get(use.material.producer or "", [])
    qualifier = _qualifier(use.mention) if len(made) == 2 and use.material in made else None
    if qualifier is None or qualifier in _own_words(use.material):
        return use
    sibling = made[1] if made[0] is use.material else made[0]
    if sibling.alive and qualifier in _own_words(sibling):
        return Use(sibling, use.role, use.via, use.mention, use.entity, use.slot)
    return use


def _names_part(words: str | None) -> bool:
    return bool(mention(words or "").words & PART_WORDS)


def one_part_only(products_of: dict[str, list[Material]], consumed: list[Use],
                  roles: tuple[str, ...] = ("Acts-on", "Site")) -> list[Use]:
    """A removal or transfer that names one part of a separation ("Transfer the aqueous phase to a
    new tube") takes that part only: the other part, found through the current material or a
    phrase naming no part ("from each tube"), stays where it was. ``roles``: the uses of the
    other part that go; a discard keeps its ``Site``, where the part is taken from.

    >>> liquid = Material(node="m2", kind="supernatant", names=[], heads=set(), producer="op1")
    >>> solid = Material(node="m3", kind="pellet", names=[], heads=set(), producer="op1")
    >>> uses = [Use(liquid, "Acts-on", "own", "the supernatant"), Use(solid, "Site", "current", "the protein")]
    >>> [u.material.node for u in one_part_only({"op1": [liquid, solid]}, uses)]
    ['m2']
    """
    named = {id(u.material): u.material for u in consumed if u.role == "Acts-on" and _names_part(u.mention)
             and len(products_of.get(u.material.producer or "", [])) == 2}
    if not named:
        return consumed
    siblings = {id(m) for n in named.values() for m in products_of[n.producer or ""] if id(m) not in named}
    return [u for u in consumed if id(u.material) not in siblings or u.role not in roles or _names_part(u.mention)]
