"""The materials stage 2 (:mod:`autodsl.pdg.complete`) creates: declared inputs and products.

A :class:`MaterialLedger` holds what flow resolution has made so far: the PDG the materials
are added to, every material in order of creation (which numbers their nodes), a clock for
recency, the variable names products got, each operation's products, and the live index.
:func:`declare_input` adds a material the text introduces ("500 ul PB3 buffer");
:func:`produce` adds an operation's products: the supernatant and pellet of a centrifugation
the text splits (:mod:`autodsl.pdg.separation`), one product per stock treated alongside
others ("Thaw the primers, dNTPs and buffer") unless the work joins them ("Anneal the
oligos", "Heat A and B in a tube": one mixture), or else one product carrying the names of
its inputs, so "the cells" is found in the mixture the cells went into.

>>> from autodsl.extract.models import Entity
>>> from autodsl.pdg.lexicon import mention
>>> ledger = MaterialLedger(PDG())
>>> buffer = declare_input(ledger, Entity(id="T1", type="Reagent", start=0, end=9, text="PB3 buffer"),
...                        mention("PB3 buffer"))
>>> buffer.node, buffer.kind, ledger.index.current() is buffer
('m1', 'buffer', True)
>>> [ledger.variable(kind) for kind in ("cell pellet", "cell pellet", "1x PBS")]
['cell_pellet', 'cell_pellet_2', 'm_1x_pbs']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from autodsl.extract.models import Action, Entity
from autodsl.pdg import lexicon
from autodsl.pdg.lexicon import Mention, mention
from autodsl.pdg.materials import Material, MaterialIndex
from autodsl.pdg.model import PDG
from autodsl.pdg.separation import SEPARATIONS, separation_kind

__all__ = ["MaterialLedger", "declare_input", "describe_stock", "produce", "identifier", "is_place", "read_through",
           "on_shelf"]

_ARTICLES = re.compile(r"^(?:the|a|an|some|each|all)\s+", re.IGNORECASE)


def identifier(text: str) -> str:
    """The program name a material's words give: articles dropped, other characters ``_``.

    >>> identifier("the 1x PBS"), identifier("trypsin-EDTA"), identifier("--")
    ('m_1x_PBS', 'trypsin_EDTA', 'material')
    """
    name = re.sub(r"[^A-Za-z0-9_]+", "_", _ARTICLES.sub("", str(text).strip())).strip("_") or "material"
    return "m_" + name if name[0].isdigit() else name


@dataclass
class MaterialLedger:
    """Every material made so far while a PDG is completed, and how to find and name them."""

    pdg: PDG
    materials: list[Material] = field(default_factory=list)
    clock: int = 0
    names_used: dict[str, int] = field(default_factory=dict)
    products_of: dict[str, list[Material]] = field(default_factory=dict)
    # separations whose two products the text names: the words it names them by
    splits: dict[str, frozenset[str]] = field(default_factory=dict)
    index: MaterialIndex = field(default_factory=MaterialIndex)
    stocks: dict[str, Material] = field(default_factory=dict)  # declared inputs by their spelling-free name

    def tick(self) -> int:
        """Advance the recency clock: a material born later is newer."""
        self.clock += 1
        return self.clock

    def variable(self, kind: str, *, written: str | None = None) -> str:
        """A fresh program variable for a product of ``kind``: an identifier, numbered on reuse;
        with ``written``, that name as written instead (a product of "the cells" is ``cells_2``)."""
        base = written or "".join(c if c.isalnum() else "_" for c in kind.lower()).strip("_") or "product"
        if base[0].isdigit():
            base = "m_" + base
        # one name for one kind of thing: "supernatants" after a "supernatant" is supernatant_2
        if base not in self.names_used:
            other = base[:-1] if base.endswith("s") else base + "s"
            base = other if len(other) > 3 and other in self.names_used else base
        n = self.names_used.get(base, 0) + 1
        self.names_used[base] = n
        return base if n == 1 else f"{base}_{n}"


def declare_input(ledger: MaterialLedger, entity: Entity, m: Mention, *, again: bool = True) -> Material:
    """A material the text introduces (a ``material`` node with role ``input``), registered live.

    A stock is not used up by taking some of it: a reagent the text names again, however it
    spells it ("nuclease free water", later "nuclease-free water"), while its stock is still
    on the shelf, is that same input, not a second one (``again=False``: a material of its own
    by that name, as the spent medium a discard takes from a flask).

    >>> ledger = MaterialLedger(PDG())
    >>> first = declare_input(ledger, Entity(id="T1", type="Reagent", start=0, end=19, text="nuclease free water"),
    ...                       mention("nuclease free water"))
    >>> declare_input(ledger, Entity(id="T2", type="Reagent", start=30, end=49, text="Nuclease-free water"),
    ...               mention("Nuclease-free water")) is first
    True
    """
    key = _stock_key(entity.text) if again else ""
    known = ledger.stocks.get(key)
    if known is not None and known.alive:
        return known
    node = f"m{len(ledger.materials) + 1}"
    ledger.pdg.add_node(node, "material", entity.text, span=(entity.start, entity.end), role="input",
                        product_kind=m.head or "reagent", states=[], names=[entity.text], entity=entity.id)
    # its own name: a later portion of it ("another 500 ul buffer") is taken from the same stock
    name = identifier(entity.text)
    material = Material(node=node, kind=m.head or "reagent", names=[m.words] if m.words else [],
                        heads={m.head} if m.head else set(), born=ledger.tick(), own=[m.words] if m.words else [],
                        base=name)
    ledger.materials.append(material)
    ledger.index.register(material)
    if key:
        ledger.stocks[key] = material
    # the input keeps its own name in the program; a product of the same kind is numbered
    # after it ("culture_2 = CENTRIFUGE(culture)", not "culture = CENTRIFUGE(culture_2)")
    ledger.names_used.setdefault(name, 1)
    return material


def describe_stock(pdg: PDG, node: str, concentration: str) -> None:
    """Write a stock's own concentration into the declaration of input ``node``: "Thaw the 5X
    reaction buffer" declares ``input reaction_buffer "5X reaction buffer"``. The 5X names which
    stock it is, not a setting of the thaw. The program name stays the reagent's.

    >>> pdg = PDG()
    >>> pdg.add_node("m1", "material", "reaction buffer", span=(0, 15), role="input")
    >>> describe_stock(pdg, "m1", "5X"); describe_stock(pdg, "m1", "5X")
    >>> pdg.graph.nodes["m1"]["label"], pdg.graph.nodes["m1"]["name"]
    ('5X reaction buffer', 'reaction_buffer')
    """
    data = pdg.graph.nodes[node]
    label = str(data["label"])
    if concentration.lower() in label.lower():
        return
    name = str(data.get("name") or identifier(label))
    # a program name is given only where no other material would be printed under it
    if not any(other != node and name in (d.get("name"), identifier(str(d["label"])))
               for other, d in pdg.nodes("material")):
        data["name"] = name
    data["label"] = f"{concentration} {label}"


def on_shelf(ledger: MaterialLedger, text: str) -> bool:
    """Whether ``text`` names a declared input still on the shelf, however it is spelled."""
    known = ledger.stocks.get(_stock_key(text))
    return known is not None and known.alive


def _stock_key(text: str) -> str:
    """What two spellings of one reagent share: its words without articles, case, spaces,
    hyphens or a plural ending ("the Nuclease-free waters" -> "nucleasefreewater")."""
    key = re.sub(r"[^a-z0-9]+", "", _ARTICLES.sub("", text.strip().lower()))
    return key[:-1] if len(key) > 3 and key.endswith("s") and not key.endswith("ss") else key


def produce(ledger: MaterialLedger, op_id: str, action: Action, kind: str, inputs: list[Material],
            explicit: list[Entity], sites: list[str], acted_on: list[Material],
            said: set[str] | frozenset[str] = frozenset(), *, stock: bool = False,
            portion: tuple[Entity, Mention] | None = None) -> None:
    """The products of an operation: two for a separation the text splits, one per stock treated
    alongside others ("Thaw the primers, dNTPs and buffer"), else one carrying its inputs' names.

    ``said``: the head words of the phrases the operation names its materials by ("the layers");
    ``stock``: what it makes is a stock later steps take portions of ("buffer *pre-warmed*");
    ``portion``: the phrase naming a part of what is worked on that it takes ("Take [a sample]"),
    which names the product when the text names no product."""
    names: list[frozenset[str]] = [n for m in inputs for n in m.names]
    heads = {h for m in inputs for h in m.heads}
    containers = {c for m in inputs for c in m.containers}
    states = max((m.states for m in inputs), key=len, default=[])
    state = {"op": op_id, "state": lexicon.participle(action.lemma)}
    if sites and kind == "transfer":
        containers = set(sites)
    elif sites:
        containers |= set(sites)
    made: list[Material] = []
    extra = [mention(e.text) for e in explicit]
    # a container given as the product ("Add trypsin to [the flask]") says where the product
    # is, not what it is: later mentions find the product by it, yet it does not name the
    # product, and the container keeps its plain name
    naming = [(e, m) for e, m in zip(explicit, extra) if m.head and not is_place(e)]
    unnamed: list[Entity] = []  # phrases that find the product but do not name it in the program
    if kind != "separate" or action.id not in ledger.splits:
        false = [e for e in explicit if not is_place(e) and not _may_name(ledger, kind, e, inputs)]
        # a phrase that cannot be what this operation makes neither names its product nor finds
        # it later: "harvest the cells. Discard the supernatants" throws away no harvested pellet
        naming = [(e, m) for e, m in naming if e not in false]
        extra = [m for e, m in zip(explicit, extra) if e not in false]
        unnamed = [e for e, m in naming if _makes_no_part(kind, m, inputs) or _introduced_later(ledger, op_id, e, inputs)]
    made_kind = lexicon.product_kind(action.lemma, len(inputs))
    # several stocks treated alike: each stays its own stock, unless the work puts them together
    alike = (kind in ("treat", "separate") and not explicit and made_kind is None and len(acted_on) > 1
             and len(inputs) == len(acted_on) and all(_stock(m) for m in acted_on))
    sentence = ledger.pdg.graph.nodes[op_id].get("sentence") if op_id in ledger.pdg.graph else None
    said_in = ledger.pdg.text[sentence["start"]:sentence["end"]] if sentence and ledger.pdg.text else ""
    if alike and _combines(action.lemma, sites, said_in):
        alike, made_kind = False, "mixture"
    if kind == "separate" and action.id in ledger.splits:
        separated = separation_kind(action.lemma, heads | set(said), containers, ledger.splits[action.id])
        liquid, solid = SEPARATIONS[separated]
        if separated in ("layers", "column"):
            # what a centrifugation leaves is a supernatant and a pellet too, whatever else it is
            liquid, solid = liquid + SEPARATIONS["spin"][0], solid + SEPARATIONS["spin"][1]
        for words, keep in ((liquid, lambda n: bool(n & lexicon.LIQUID_WORDS)),
                            (solid, lambda n: not n & lexicon.LIQUID_WORDS)):
            own = [frozenset(mention(w).words) for w in words]
            made.append(_new_product(ledger, op_id, words[0], [n for n in names if keep(n)] + own,
                                     {h for h in heads if keep(frozenset({h}))} | {mention(w).head for w in words},
                                     containers, states, state, own=own))
        for m in extra:
            target = made[0] if m.words & (lexicon.LIQUID_WORDS | {"flow", "through", "aqueous"}) else made[1]
            target.names.append(m.words)
            target.own.append(m.words)
            target.heads.add(m.head)
    elif alike:
        # each reagent is thawed (vortexed, spun) on its own and stays the stock it was
        for m in acted_on:
            product = _new_product(ledger, op_id, m.kind, list(m.names), set(m.heads), containers | m.containers,
                                   m.states, state, prepared=True, own=list(m.own), written=_short(m.base, m.kind))
            product.group, product.readied = op_id, True
            made.append(product)
    else:
        worked_on = _worked_on(inputs, acted_on)
        if portion is not None and not naming:
            # "Take a sample" of the dilution makes a sample, not a second dilution
            # (a common noun: "Aliquots from each time point" starting a sentence names "aliquots")
            naming, extra = [(portion[0].model_copy(update={"text": portion[0].text.lower()}), portion[1])], [portion[1]]
        product_kind = naming[0][1].head if naming else made_kind or (worked_on.kind if worked_on else "product")
        # a product is named as the text writes it: by the phrase that names it ("Dry [the
        # organic layer]": organic_layer_2), else, when it stays what it was made from, by that
        # one's name ("Rinse the cells": cells_2; its kind, "cell", would read as another word)
        phrase = identifier(naming[0][0].text) if naming else ""
        if naming and naming[0][0] in unnamed:
            # what it is found by stays (flow is the directness model's to judge), yet the
            # program does not call it by a material a later sentence brings in
            written = _short(worked_on.base, worked_on.kind) if worked_on is not None else made_kind
        elif naming and phrase.count("_") >= 3 and worked_on is not None and worked_on.base and (
                phrase.lower().endswith("_" + worked_on.base.lower())):
            # a long phrase naming what is worked on in its new state ("pre-heated NZY broth")
            written = _short(worked_on.base, worked_on.kind)
        elif naming:
            written = _short(phrase, naming[0][1].head)
        elif made_kind is None and worked_on is not None:
            written = _short(worked_on.base, worked_on.kind)
        else:
            written = None
        own = [x.words for x in extra if x.words] + ([frozenset({made_kind})] if made_kind else [])
        # a solution prepared, or reagents readied before use ("Thaw the primers"), is a stock
        # later steps take portions of; treating a stock (vortexing the thawed primers) keeps it one
        stock = stock or kind == "create" or (bool(explicit) or bool(inputs)) and (
            all(m.producer is None for m in inputs)
            or kind in ("treat", "separate") and made_kind is None and len(inputs) == 1 and _stock(inputs[0]))
        made.append(_new_product(ledger, op_id, product_kind, names + [x.words for x in extra if x.words],
                                 heads | {x.head for x in extra} | {product_kind}, containers, states, state,
                                 prepared=stock, span=explicit[0] if explicit else None,
                                 own=own, written=written))
        made[0].readied = kind == "create" and (made_kind == "solution" or any(
            x.words & lexicon.LIQUID_WORDS for x in extra))
    ledger.products_of[op_id] = made
    for material in made:
        ledger.index.register(material)


def read_through(ledger: MaterialLedger, op_id: str, material: Material, named: list[Mention]) -> None:
    """An observation of the product worked on ("Measure the OD600 of the culture"): the
    product flows on through it as it was, under its own program name
    (``culture_2 = MEASURE(culture_2)``), as X-WLP routes material through measurements.
    ``named``: what the text calls it there ("Calculate the volume needed: [this amount]"),
    by which later mentions find it."""
    name = next((d.get("name") for _, t, d in ledger.pdg.graph.in_edges(material.node, data=True)
                 if d["kind"] == "produces"), None)
    node = f"m{len(ledger.materials) + 1}"
    data = ledger.pdg.graph.nodes[material.node]
    ledger.pdg.add_node(node, "material", data["label"], span=None, role="product", product_kind=material.kind,
                        states=list(material.states), containers=sorted(material.containers))
    ledger.pdg.add_edge(op_id, node, "produces", name=name)
    extra = [m.words for m in named if m.words]
    same = Material(node=node, kind=material.kind, names=list(material.names) + extra,
                    heads=set(material.heads) | {m.head for m in named if m.head}, containers=set(material.containers),
                    producer=op_id, born=ledger.tick(), prepared=material.prepared, states=list(material.states),
                    own=list(material.own) + extra, base=material.base)
    ledger.materials.append(same)
    ledger.index.kill(material)
    ledger.index.register(same)
    ledger.products_of[op_id] = [same]


# Words for the two parts of a separated material: what only a separation makes
_LIQUID_PARTS = frozenset({"supernatant", "supernate", "filtrate", "flow-through", "flowthrough"})
_SOLID_PARTS = frozenset({"pellet", "sediment"})


def _may_name(ledger: MaterialLedger, kind: str, entity: Entity, inputs: list[Material]) -> bool:
    """Whether a phrase the extractor gave as an operation's product can be what it makes: not
    a pronoun ("wash [them]": the washed smears are no "them"), nor the other part of a
    separated material it works on ("harvest the cells" of a pellet, then "Discard [the
    supernatants]": no harvest of a pellet makes a supernatant).

    >>> ledger = MaterialLedger(PDG("Harvest the cells. Discard the supernatants."))
    >>> pellet = Material(node="m1", kind="pellet", names=[], heads={"pellet", "cell"})
    >>> e = Entity(id="T1", type="Reagent", start=31, end=43, text="supernatants")
    >>> _may_name(ledger, "treat", e, [pellet]), _may_name(ledger, "separate", e, [pellet])
    (False, True)
    """
    m = lexicon.mention_in(ledger.pdg.text, entity.start, entity.end) if ledger.pdg.text else mention(entity.text)
    if m.pronoun or not m.words:
        return False
    other = _SOLID_PARTS if m.head in _LIQUID_PARTS else _LIQUID_PARTS if m.head in _SOLID_PARTS else frozenset()
    # what a material is, not every name it inherited: a pellet resuspended is a suspension
    return kind == "separate" or not any(x.kind in other and m.head not in x.heads for x in inputs)


def _makes_no_part(kind: str, m: Mention, inputs: list[Material]) -> bool:
    """Whether a part word ("the supernatant") cannot name the product of an operation that
    separates nothing and works on no such part ("Mix gently", then "the supernatant" of a
    spin that comes later). The phrase still finds the product, as the extractor linked it.

    >>> _makes_no_part("treat", mention("the supernatant"), []), _makes_no_part("separate", mention("the supernatant"), [])
    (True, False)
    """
    return m.head in _LIQUID_PARTS | _SOLID_PARTS and kind != "separate" and not any(m.head in x.heads for x in inputs)


def _introduced_later(ledger: MaterialLedger, op_id: str, entity: Entity, inputs: list[Material]) -> bool:
    """Whether a product phrase of a later sentence brings in a material of its own rather than
    calling what the operation made: written without "the", by a word neither for something
    made ("This material is now termed [lysate]") nor for what it was made from ("Incubate the
    samples. Spin down [samples]"). "transfer 3 times. Extract [DNA]" names no transfer.

    >>> ledger = MaterialLedger(PDG("Transfer 3 times. Extract DNA. Call it lysate."))
    >>> ledger.pdg.add_node("op1", "operation", "Transfer", span=(0, 8), sentence={"start": 0, "end": 17})
    >>> [_introduced_later(ledger, "op1", Entity(id="T", type="Reagent", start=a, end=b, text=t), [])
    ...  for a, b, t in ((26, 29, "DNA"), (39, 45, "lysate"))]
    [True, False]
    """
    sentence = ledger.pdg.graph.nodes[op_id].get("sentence")
    if not sentence or entity.start < sentence["end"]:
        return False
    m = lexicon.mention_in(ledger.pdg.text, entity.start, entity.end)
    known = {h for x in inputs for h in x.heads} | {w for x in inputs for n in x.names for w in n}
    return not (m.definite or lexicon.names_made("make", m) or m.head in known)


def _worked_on(inputs: list[Material], acted_on: list[Material]) -> Material | None:
    """What an operation works on, which its product stays: a product acted on, else a product
    it takes, else a stock acted on. "Wash the ovaries with PBS" makes washed ovaries, not a
    PBS; "Remove air bubbles" from the sandwich leaves the sandwich."""
    acted = [m for m in inputs if any(m is a for a in acted_on)]
    ranked = [m for m in acted if m.producer is not None] + [m for m in inputs if m.producer is not None] + acted
    return ranked[0] if ranked else inputs[0] if inputs else None


def is_place(entity: Entity) -> bool:
    """Whether a phrase names a container or device ("the flask"), not a material."""
    return entity.type in ("Location", "Device", "Seal") or mention(entity.text).head in lexicon.CONTAINER_WORDS


def _short(name: str, head: str) -> str | None:
    """A name as written when it is short enough to read in a program (three words at most);
    a longer one is cut to its head word as written, with what labels it after
    ("XL_10_Gold_Ultracompetent_cells": cells, not the kind "cell"); None when the name has no
    such word: the product is then named by its kind.

    >>> _short("XL_10_Gold_Ultracompetent_cells", "cell"), _short("wash_buffer_A", "buffer")
    ('cells', 'wash_buffer_A')
    >>> _short("supernatant_of_the_cleared_lysate", "supernatant"), _short("a_b_c_d", "tube")
    ('supernatant', None)
    """
    if not name or name == "material":
        return None
    if name.count("_") < 3:
        return name
    parts = name.split("_")
    at = max((i for i, part in enumerate(parts) if lexicon.word_heads(part) == [head]), default=None)
    if at is None:
        return None
    tail = parts[at:]
    return "_".join(tail if len(tail) <= 3 else tail[:1])


# verbs whose work joins what they take, whatever class their opcode has: strands annealed
# (duplexed, hybridised) together are one duplex, not each its own stock
_JOINING_VERBS = frozenset({"anneal", "duplex", "hybridize", "hybridise"})


def _combines(lemma: str, sites: list[str], sentence: str = "") -> bool:
    """Whether an operation over several stocks makes one material of them: a joining verb, or
    one vessel they all go into ("Heat A and B in a tube"). A place that is no vessel ("Thaw A
    and B on ice"), one they pass through ("through a filter and a membrane") or vessels the
    ``sentence`` names in the plural ("Equilibrate A and B in 5ml tubes": one each) leaves
    each its own.

    >>> _combines("anneal", []), _combines("heat", ["tube"], "Heat A and B in a tube.")
    (True, True)
    >>> _combines("thaw", ["ice"]), _combines("pass", ["filter"]), _combines("warm", ["tube"], "Warm A and B in tubes.")
    (False, False, False)
    """
    verb = lemma.lower().strip()
    if verb in _JOINING_VERBS or verb.split(" ")[0] in _JOINING_VERBS:
        return True
    vessels = [site for site in sites if site in lexicon.CONTAINER_WORDS - lexicon.CONSUMABLE_WORDS]
    return bool(vessels) and not any(re.search(rf"\b{re.escape(site)}e?s\b", sentence, re.IGNORECASE)
                                     for site in vessels)


def _stock(material: Material) -> bool:
    """A declared input, or a stock prepared from inputs: what later steps take portions of."""
    return material.producer is None or material.prepared


def _new_product(ledger: MaterialLedger, op_id: str, kind: str, names: list[frozenset[str]], heads: set[str],
                 containers: set[str], states: list[dict[str, str]], state: dict[str, str], *,
                 prepared: bool = False, span: Entity | None = None,
                 own: list[frozenset[str]] | None = None, written: str | None = None) -> Material:
    node = f"m{len(ledger.materials) + 1}"
    history = states + [state]
    ledger.pdg.add_node(node, "material", kind, span=(span.start, span.end) if span else None, role="product",
                        product_kind=kind, states=history, containers=sorted(containers))
    name = ledger.variable(kind, written=written)
    ledger.pdg.add_edge(op_id, node, "produces", name=name)
    own_names = _dedupe(list(own or []))
    material = Material(node=node, kind=kind, names=_dedupe(names + own_names), heads=set(heads),
                        containers=set(containers), producer=op_id, born=ledger.tick(), prepared=prepared,
                        states=history, own=own_names, base=written or _base_of(name))
    ledger.materials.append(material)
    return material


def _base_of(name: str) -> str:
    """A variable without its number ("mixture_3" -> "mixture")."""
    return re.sub(r"_\d+$", "", name)


def _dedupe(names: list[frozenset[str]]) -> list[frozenset[str]]:
    return list(dict.fromkeys(n for n in names if n))
