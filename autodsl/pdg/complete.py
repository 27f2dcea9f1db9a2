"""PDG stage 2, *completed*: reagent flow as reaching definitions over products.

Operations are visited in execution order. Each consumes materials and produces products;
the live products at a point are the definitions that reach it.

* The *current* material, the newest live product, reaches every operation ("Centrifuge
  for 5 min", "Add 250 ul buffer", "Incubate the lysate"), except one that starts
  something new (``create``: "Prepare 1 M Tris") or one that says what it discards, and
  one beside the material line (:mod:`autodsl.pdg.sidelines`: "Turn on the centrifuge",
  "Place 1 L of 10 % glycerol on ice"; a recipe's ingredients come from the shelf).
* A mention that names a particular earlier product binds to it, even when it is not the
  current one: "the supernatant", "the pellet", "the flow-through" (the two products of a
  centrifugation), a product the text named ("Product" arguments), a solution prepared
  earlier ("the PB3 buffer" after "Prepare PB3 buffer"); an action given as an argument
  binds to that action's product; a purpose ("... to *pellet* the nuclei") works on its
  operation's product.
* Other mentions ("the cells", "the mixture", "it", "the tube") are the current material,
  under whatever name the text uses. Measured on X-WLP and WLP gold, pulling an older
  material forward on such weak evidence (a name one of its ancestors had) was wrong
  more often than right.
* A mention that matches nothing and introduces something ("500 ul PB3 buffer", "a new
  tube") is a declared input (a ``material`` with role ``input``); an empty container is
  not a material (stage 3 makes it a ``container``).
* A centrifugation the text goes on to split (:mod:`autodsl.pdg.separation`) makes a liquid
  (supernatant, or flow-through for a column) and a solid (pellet, or the column), the solid
  newest; otherwise it yields the spun material. A discard kills what it names, so the next
  operation finds the surviving product; a name a stock and a product share is read as the
  lab means it ("Aspirate the PBS" after a rinse: the PBS goes, from the cells, which stay;
  :mod:`autodsl.pdg.removals`), and "remove X and discard" is one removal. Products inherit the names of what they were made
  from, so "the cells" is found in the mixture the cells went into
  (:mod:`autodsl.pdg.products` makes declared inputs and products).
* Objects coordinated with an argument ("Thaw the primers, dNTPs and buffer") flow in too
  (:func:`~autodsl.pdg.measures.with_coordinated_objects`); stocks treated alongside each
  other each make their own product, and "each reagent" or a continuation takes them all.
* A product is used up as the program checker counts it (``docs/language.md``, "Flow"):
  when an operation acts on it without taking a measured portion (a volume or mass of it),
  or works in it; declared inputs are stocks. A later mention binds to the newest live
  version of what it names (its reaching definition), so translated programs agree with
  ``autodsl check``.
* Amounts written with a reagent ("10 µl of buffer") become slots of the operation that
  takes it; "to 49.5 µl" is the final volume of what the operation makes
  (:func:`~autodsl.pdg.slots.measure_slots`).

How an operation takes a material is recorded too: directly (an implicit continuation,
the first naming of a fresh product, a phrase the producing operation shares), or through a
*re-mention*: a noun phrase of its own naming an existing material again ("Invert the tube",
"Resuspend the cells") becomes a ``reference`` material with the phrase's span, joined
``same-as`` to what it names, and the operation consumes the reference (as X-WLP's
``co_ref_of``). Which phrases are re-mentions is decided by the model of
:mod:`autodsl.pdg.direct`. :func:`operation_flow` gives direct flow, or flow through
references.

Materials keep their state history (``states``). With a domain spec, required slots the text
leaves out are filled from :data:`autodsl.pdg.slots.LAB_DEFAULTS` (``source: default``) or
marked as known unknowns (``source: unknown``), each with an info diagnostic.

>>> from autodsl.corpus.models import Protocol
>>> from autodsl.extract.models import Action, Argument, Entity, Extraction
>>> from autodsl.pdg.structure import structure
>>> text = "Spin the cells. Discard the supernatant. Resuspend the pellet in buffer."
>>> ents = [Entity(id="T1", type="Reagent", start=9, end=14, text="cells"),
...         Entity(id="T2", type="Reagent", start=28, end=39, text="supernatant"),
...         Entity(id="T3", type="Reagent", start=51, end=61, text="the pellet"),
...         Entity(id="T4", type="Reagent", start=65, end=71, text="buffer")]
>>> acts = [Action(id="A1", start=0, end=4, text="Spin", lemma="spin", step=1,
...                args=[Argument(role="Acts-on", entity="T1")]),
...         Action(id="A2", start=16, end=23, text="Discard", lemma="discard", step=1,
...                args=[Argument(role="Acts-on", entity="T2")]),
...         Action(id="A3", start=41, end=50, text="Resuspend", lemma="resuspend", step=1,
...                args=[Argument(role="Acts-on", entity="T3"), Argument(role="Using", entity="T4")])]
>>> p = Protocol(id="p", title="", text=text, format="text")
>>> x = Extraction(protocol={"id": "p"}, entities=ents, actions=acts)
>>> g = complete(structure(p, x), x)
>>> sorted(operation_flow(g))
[('op1', 'op2'), ('op1', 'op3')]
"""

from __future__ import annotations

from typing import Any

from autodsl.extract.models import Action, Entity, Extraction
from autodsl.induce.spec import DslSpec
from autodsl.pdg import lexicon
from autodsl.pdg.alternatives import note_alternatives, without_alternatives
from autodsl.pdg.direct import Consumption, DirectnessModel, shipped_model
from autodsl.pdg.lexicon import Mention, action_class, mention, mention_in, op_class
from autodsl.pdg.materials import Material, Use
from autodsl.pdg.measures import final_quantity, input_quantities, measures, with_coordinated_objects
from autodsl.pdg.model import PDG
from autodsl.pdg.observations import calculates, observes
from autodsl.pdg.passives import passive_subjects
from autodsl.pdg.products import declare_input, is_place, on_shelf, produce, read_through
from autodsl.pdg.remention import is_direct, reference
from autodsl.pdg.removals import (beside_material, drained_container, kept_in, place_heads, removed_parts,
                                  spent_uses, split_phrase, tube_under_column, whole_container)
from autodsl.pdg.resolve import Flow, resolve
from autodsl.pdg.separation import (left_sibling, measured_from_spin, moved_apart, poured_off,
                                    respun_liquid, spins_again, splitting_actions)
from autodsl.pdg.sidelines import chills_stock, from_shelf, works_equipment
from autodsl.pdg.slots import PORTION_DIMENSIONS, bind_material_slots, fill_required, measure_slots
from autodsl.pdg.stocks import (added_to_itself, names_object, prepared_earlier, readies_empty_container, readies_stock,
                                with_contents, with_siblings)

__all__ = ["complete", "operation_flow"]

_PHYSICAL = frozenset({"Reagent", "Mention", "Location", "Device", "Seal"})
_FLOW_ROLES = ("Acts-on", "Site", "Using")


def complete(pdg: PDG, extraction: Extraction, spec: DslSpec | None = None, *,
             model: DirectnessModel | None = None,
             record: list[tuple[str, str, Consumption]] | None = None) -> PDG:
    """Add materials and ``consumes``/``produces`` edges (and defaults) to a stage-1 PDG, in place.

    ``model`` decides direct use against re-mention (default: the shipped one); ``record``,
    when given, collects (producer, consumer, :class:`~autodsl.pdg.direct.Consumption`) of
    every such decision, to train a model on.
    """
    # "the supernatant was discarded": the subject of a passive is what its verb acts on
    extraction = passive_subjects(pdg.text, extraction)
    # the extractor links one object of a list ("Thaw the primers, dNTPs and buffer"): all flow in
    extraction = with_coordinated_objects(pdg.text, extraction)
    # "in water or TE buffer": the first is used, the alternative is a note
    extraction, alternatives = without_alternatives(pdg.text, extraction)
    note_alternatives(pdg, alternatives)
    flow = Flow(pdg, model=model or shipped_model(), record=record, spec=spec,
                 measured=measures(pdg.text, extraction), splits=splitting_actions(extraction, pdg.text))
    actions = {a.id: a for a in extraction.actions}
    entities = {e.id: e for e in extraction.entities}
    op_of_action = {data["action"]: op_id for op_id, data in pdg.nodes("operation")}
    ops = sorted(pdg.nodes("operation"), key=lambda item: item[1]["order"])
    for op_id, data in ops:
        action = actions[data["action"]]
        _visit(flow, op_id, data, action, entities, op_of_action)
        current = flow.current()
        flow.current_after[op_id] = current.node if current else None
    for source, product, _ in pdg.edges("produces"):
        if pdg.graph.nodes[product]["span"] is None:
            # never named ("Add buffer to the cells" makes an unnamed mixture): the words that make it
            pdg.graph.nodes[product]["span"] = pdg.graph.nodes[source]["span"]
    input_quantities(pdg)
    if spec is not None:
        fill_required(pdg, spec)
    pdg.stage = "completed"
    return pdg


def operation_flow(pdg: PDG, *, through_references: bool = False) -> set[tuple[str, str]]:
    """Operation-to-operation flow: (A, B) when A produces a material that B consumes.

    By default only direct flow counts: B consumes A's product itself (an implicit
    continuation, a fresh product name). With ``through_references`` a re-mention
    (a ``reference`` material, see :meth:`~autodsl.pdg.model.PDG.referent`) counts for
    the material it names.

    >>> operation_flow(PDG())
    set()
    """
    producer = {target: source for source, target, _ in pdg.edges("produces")}
    flow = set()
    for material, op, _ in pdg.edges("consumes"):
        if through_references:
            material = pdg.referent(material)
        if material in producer and producer[material] != op:
            flow.add((producer[material], op))
    return flow


# ---------------------------------------------------------------------------- one operation
def _visit(flow: Flow, op_id: str, data: dict[str, Any], action: Action, entities: dict[str, Entity],
           op_of_action: dict[str, str]) -> None:
    pdg = flow.pdg
    flow.visit_start = flow.clock
    flow.visit_current = flow.current()
    kind = _operation_class(action, entities)
    if kind == "discard" and kept_in(action, entities, pdg.text):
        kind = "transfer"  # "Decant the supernatants to clean bottles": moved, not thrown away
    uses: list[Use] = []
    explicit_products: list[Entity] = []
    new_places: dict[str, tuple[Entity, Mention]] = {}  # roles filled by a container that appears here first
    placed = False  # a consumable ("a spin column") is what this operation places
    portion: tuple[Entity, Mention] | None = None  # a portion of what is worked on named by its own phrase
    stock_readied = False  # a fresh stock ("Pre-heat 0.9 ml NZY broth") is what this operation works on
    purpose = data.get("purpose_of")
    means = data.get("means")
    sentence = data.get("sentence")
    if means is not None:
        # "Make 6 M urea solution by adding urea ...": what the adding made is the solution
        made = _made_by(flow, means)
        if made is not None:
            uses.append(Use(made, "Acts-on", "purpose"))
    if purpose is not None:
        # "Centrifuge the tube to pellet the nuclei": the purpose works on what its
        # operation made; its own arguments name that same material again.
        made = _made_by(flow, purpose)
        if kind == "discard":
            # "... to remove residual ethanol": what goes is the liquid the operation separated
            liquids = [m for m in flow.products_of.get(purpose, [])[:1] if m.alive and len(flow.products_of[purpose]) == 2]
            uses += [Use(m, "Acts-on", "own") for m in liquids]
        elif made is not None:
            uses.append(Use(made, "Acts-on", "purpose"))
    # "Fill the tank with transfer buffer": a place it acts on is where the named material goes
    moves_in = kind == "transfer" or kind == "treat" and any(
        a.role == "Acts-on" and a.entity in entities and is_place(entities[a.entity]) for a in action.args)
    for arg in with_contents(action.args, entities, pdg.text):
        if purpose is not None and arg.role != "Product":
            continue
        if arg.entity in op_of_action and arg.role in _FLOW_ROLES:
            source = op_of_action[arg.entity]
            if kind == "discard" and source in flow.discards:
                continue  # "Remove the supernatant and discard [it]": one act; nothing else goes
            if pdg.graph.nodes[source]["order"] < data["order"]:
                made = _made_by(flow, source)
                if source in flow.discards and (made is None or made.producer is None):
                    # "Discard the methanol and add stain [to what is left]": a discard makes
                    # nothing; what remained is where it took from, not a stock on the shelf
                    left = _left_by(flow, source)
                    if left is not None:
                        made = left
                        flow.index.revive(left)
                if made is not None:
                    uses.append(Use(made, arg.role, "action"))
            continue
        entity = entities.get(arg.entity)
        if entity is None or entity.type not in _PHYSICAL:
            continue
        entity, beside = split_phrase(entity)
        if arg.role == "Product" or arg.role == "Acts-on" and lexicon.names_made(
                action.lemma, mention_in(pdg.text, entity.start, entity.end)):
            explicit_products.append(entity)  # "Make [a dilution] of ...": what it makes, no input
            continue
        if _just_discarded(flow, entity, sentence):
            continue  # "Pour off the supernatant and dissolve the pellet": one span linked to both verbs
        if arg.role not in _FLOW_ROLES or (entity.type == "Device" and arg.role != "Acts-on"):
            continue
        if beside is not None:
            also = beside_material(flow, beside)
            if also is not None:
                uses.append(also)
        m = mention_in(pdg.text, entity.start, entity.end)
        found = resolve(flow, m, entity, arg.role, kind, moves_in=moves_in)
        if found is not None:
            uses.append(found)
            if found.via == "current" and arg.role == "Acts-on" and lexicon.names_portion(m):
                portion = portion or (entity, m)  # "Take a sample": the phrase names what is taken
        elif entity.type not in ("Location", "Device", "Seal") and not lexicon.names_data(m):
            uses.append(Use(declare_input(flow, entity, m), arg.role, "new", entity.text, entity))
            verb_at, phrase_at = (action.start, action.end), (entity.start, entity.end)
            stock_readied = stock_readied or arg.role == "Acts-on" and readies_stock(
                kind, action.lemma, m, names_object(pdg.text, verb_at, phrase_at),
                prepared_earlier(pdg.text, verb_at, phrase_at))
        elif kind == "transfer" and arg.role == "Acts-on" and m.head in lexicon.CONSUMABLE_WORDS and not m.definite:
            # "Place a spin column in a collection tube": the column placed is what later steps load
            uses.append(Use(declare_input(flow, entity, m), arg.role, "new", entity.text, entity))
            placed = True
        elif arg.role in ("Site", "Acts-on"):
            # an empty container is no material, but it is where things go
            new_places.setdefault(arg.role, (entity, m))
    if not uses and flow.current() is None and purpose is None and means is None and kind not in ("create", "discard") \
            and "Acts-on" not in new_places:
        # "Pellet 3 ml of overnight culture": an amount's phrase the extractor left untagged is
        # the only material such an operation could take (autodsl.pdg.measures)
        uses += [Use(declare_input(flow, e, mention(e.text)), "Acts-on", "new", e.text, e)
                 for e in flow.measured.untagged.get(action.id, [])]
    # "HDM was prepared using ... DMEM/F12" after another medium made with DMEM/F12: a recipe
    # takes its ingredients from the shelf, not from a product that inherited their name
    uses = [Use(declare_input(flow, u.entity, mention(u.mention)), u.role, "new", u.mention, u.entity)
            if u.entity is not None and u.mention is not None and explicit_products
            and from_shelf(kind, action.lemma, u.via, mention(u.mention)) else u for u in uses]
    for use in added_to_itself(kind, uses, lambda words: on_shelf(flow, words)):
        m = mention_in(pdg.text, use.entity.start, use.entity.end)  # type: ignore[union-attr]
        uses[uses.index(use)] = Use(declare_input(flow, use.entity, m), use.role, "new", use.mention, use.entity)
    # a calculation reads only the materials it names by a noun, never what is worked on
    calculating = calculates(action.lemma, kind, [(a.role, e.text) for a in action.args
                                                  for e in [entities.get(a.entity)] if e is not None])
    uses = [u for u in uses if u.via != "current"] if calculating else uses
    if kind == "separate" and not any(u.role == "Acts-on" for u in uses) and spins_again(pdg.text, action):
        # "Centrifuge. If not clear, centrifuge again": the liquid the first spin cleared
        liquid = respun_liquid(flow.products_of, flow.current())
        if liquid is not None:
            uses.append(Use(liquid, "Acts-on", "own"))
    # "Pre-chill 14 ml tubes on ice": an empty container readied is a resource; nothing flows in or out
    container_readied = not any(u.role == "Acts-on" for u in uses) and "Acts-on" in new_places \
        and readies_empty_container(action.lemma, new_places["Acts-on"][1])
    # "Turn on centrifuge", "cool rotor": only equipment is worked on; no material flows in, and
    # the instrument readied is set aside (X-WLP follows an instrument from "turn on" to "set")
    equipment = all(u.via == "action" and u.material.aside for u in uses) and purpose is None and means is None \
        and works_equipment(action.lemma,
        [(e.type, mention_in(pdg.text, e.start, e.end)) for a in action.args if a.role == "Acts-on"
         for e in [entities.get(a.entity)] if e is not None and e.type in _PHYSICAL])
    # "Place 1 L of 10 % glycerol on ice": a fresh stock set somewhere cold is readied, not added
    chilled = all(u.via == "new" for u in uses if u.role == "Acts-on") and chills_stock(
        kind, action.lemma, [mention(u.mention) for u in uses if u.role == "Acts-on" and u.mention],
        [mention(e.text) for a in action.args if a.role == "Site" for e in [entities.get(a.entity)] if e is not None])
    if kind == "discard" and not uses and _ends_a_removal(flow, data):
        # "Remove the supernatant and discard": the discard is where what was removed goes, not
        # a second discard of whatever is left (the pellet)
        consumed: list[Use] = []
    else:
        # a reagent readied on the way ("buffer pre-warmed to 50 C") is all a participle works on;
        # a consumable placed in a container is all that is placed, not what was worked on; a fresh
        # stock readied ("Thaw competent cells") is all that is readied (autodsl.pdg.stocks)
        consumed = _reaching(flow, kind, uses, purpose is not None or "prepares" in data or placed or stock_readied
                             or container_readied or calculating or equipment or chilled,
                             new_places)
    consumed = with_siblings(flow.index, consumed)
    if kind == "transfer":
        consumed = measured_from_spin(flow.products_of, consumed, flow.visit_current, action, entities, pdg.text)
    if kind == "discard":
        consumed = [p for u in consumed for p in poured_off(flow.products_of, u, flow.visit_current)]
        # "Transfer the supernatant to a new tube and discard the pellet": not what was moved away
        named = [u.material for u in consumed if u.via in _NAMING]
        consumed = [u for u in consumed if u.via in _NAMING
                    or not any(moved_apart(flow.pdg, flow.products_of, n, u.material) for n in named)]
        consumed = drained_container(flow.products_of, consumed, action.lemma, flow.visit_current)
        consumed = spent_uses(flow, tube_under_column(flow.products_of, consumed), place_heads(action, entities))
        consumed = whole_container(flow.products_of, consumed, action.lemma)
        # "Aspirate the medium" from what we work on: that stays; the edge says where from.
        # What the text introduces right here ("Discard unused medium") is what goes, and so
        # does what a container thrown away holds ("Discard the tube").
        consumed = [u if u.via in _NAMED or u.via == "new" or u.via == "container" and u.role == "Acts-on" else
                    Use(u.material, "Site", u.via, u.mention, u.entity, "site") for u in consumed]
        consumed = removed_parts(flow.materials, consumed)
    # a material both given as an earlier action and named by a noun phrase ("Wash the wells.
    # Add substrate to [the wells]", the extractor linking both) is consumed through the phrase
    named = {u.material.node: u for u in consumed if u.entity is not None and u.via != "new"}
    seen: set[str] = set()
    mentions: list[tuple[Entity, str]] = []
    for use in consumed:
        if use.material.node in seen:
            continue
        seen.add(use.material.node)
        if use.entity is None and use.material.node in named:
            kept = named[use.material.node]
            use = Use(use.material, use.role, use.via, kept.mention, kept.entity, use.slot)
        if use.entity is not None:
            mentions.append((use.entity, use.material.node))
        attrs: dict[str, Any] = {"role": use.role, "position": len(seen) - 1, "via": use.via}
        if use.slot is not None:
            attrs["slot"] = use.slot
        if use.mention is not None:
            attrs["mention"] = use.mention
        node = use.material.node if is_direct(flow, use, op_id, kind, purpose is not None) else reference(flow, use)
        pdg.add_edge(node, op_id, "consumes", **attrs)
        if use.entity is not None and pdg.graph.nodes[use.material.node]["span"] is None and _names(use):
            # a product the text first names here ("Discard the supernatant"): that mention introduces it
            pdg.graph.nodes[use.material.node]["span"] = (use.entity.start, use.entity.end)
    for use in consumed:
        if use.entity is not None:
            flow.entity_users.setdefault(use.entity.id, op_id)
            flow.named.add(use.material.node)
    op_spec = flow.spec.operation(data["opcode"]) if flow.spec is not None else None
    portions = measure_slots(pdg, op_id, op_spec, flow.measured, action.id, mentions,
                             transfers=kind in ("transfer", "create"))
    if any(r.get("dimension") in PORTION_DIMENSIONS and "measures" not in r for r in data["slots"].values()):
        # an amount the extractor gave the action itself ("Add [500 µl] ..."): a portion of what it acts on
        portions |= {u.material.node for u in consumed if u.role == "Acts-on"}
    bind_material_slots(pdg, op_id, op_spec, data["slots"])
    positional = {pdg.referent(m) for m, _, d in pdg.graph.in_edges(op_id, data=True)
                  if d["kind"] == "consumes" and not d.get("slot")}
    if kind == "discard":
        flow.last_discard = (data["order"], data.get("sentence"))
        flow.discards.add(op_id)
        sentence = data.get("sentence") or {"end": action.end}
        for use in consumed:
            # what it names goes; so does any product the program's DISCARD acts on
            if use.via in _NAMED or (use.material.producer is not None and use.material.node in positional):
                flow.index.kill(use.material)
                use.material.gone_after = sentence["end"]
        return
    through = flow.visit_current is not None and flow.visit_current.producer is not None \
        and flow.visit_current.node in positional
    if (calculating or observes(action.lemma, data["slots"], data.get("extra_slots", ()))) and (through or not explicit_products):
        # it reads what it takes and leaves it as it was; the product worked on flows on through
        # it, and a name the text gives it there ("this amount") names it later
        flow.products_of[op_id] = []
        if through:
            read_through(flow, op_id, flow.visit_current, [mention(e.text) for e in explicit_products])
        return
    carried = [u.material for u in consumed if u.via != "new"] + [u.material for u in consumed if u.via == "new"]
    inputs = list({id(m): m for m in carried}.values())
    # several materials named as what is acted on (or what was treated alongside before)
    acted_on = list({id(u.material): u.material for u in consumed if u.role == "Acts-on"}.values())
    if not all(u.material.group is not None or u.entity is not None and u.via != "current"
               for u in consumed if u.role == "Acts-on"):
        acted_on = acted_on[:1]
    sites = [mention(e.text).head for a in action.args if a.role == "Site"
             for e in [entities.get(a.entity)] if e is not None and e.type in ("Location", "Device")]
    if kind == "transfer":
        explicit_products = [e for e in explicit_products if left_sibling(flow.products_of, inputs, e.text) is None]
    # "Separate the layers": the words the text calls the material by say what is separated
    said = {mention(u.mention).head for u in consumed if u.mention}
    poured = kind != _operation_class(action, entities)
    if poured:
        explicit_products = []  # what is poured off stays what it was, whatever else the extractor links
    if not inputs and all(is_place(e) for e in explicit_products) and (container_readied or kind == "transfer"
                                                                       and "Acts-on" in new_places
                                                                       and new_places["Acts-on"][1].indefinite):
        flow.products_of[op_id] = []  # "Place a new tube in the rack": an empty container placed, nothing made
    else:
        produce(flow, op_id, action, kind, inputs, explicit_products, sites, acted_on, said,
                stock="prepares" in data, portion=portion)
    for made in flow.products_of[op_id] if poured else []:
        made.readied = True  # set aside in a bottle of its own, it waits there until named; the work goes on
    for made in flow.products_of[op_id] if "prepares" in data or placed or chilled or equipment else []:
        # readied for the operation that names it ("load onto the column"); what is worked on stays current
        made.aside = True
    final_quantity(pdg, op_id)
    for use in consumed:
        # used up as the program's checker counts it (docs/language.md, "Flow"): a product acted
        # on is, unless a measured portion of it is taken; so is one the operation works in.
        # Declared inputs are stocks. Later mentions then find the newest version.
        material = use.material
        if material.producer is not None and material.node not in portions and (
                material.node in positional or use.role in ("Acts-on", "Site")):
            flow.index.kill(material)


def _just_discarded(flow: Flow, entity: Entity, sentence: dict[str, int] | None) -> bool:
    """Whether a discard earlier in the same sentence took ``entity``'s very words: what it
    threw away is no argument of the next action (the extractor linked the span to both)."""
    user = flow.entity_users.get(entity.id)
    if user not in flow.discards or sentence is None:
        return False
    # "Remove the supernatant and transfer it": a removal that keeps what it takes is no discard
    data = flow.pdg.graph.nodes[user]
    return data.get("sentence") == sentence and op_class(data["verb"]) == "discard"


def _ends_a_removal(flow: Flow, data: dict[str, Any]) -> bool:
    """Whether the operation just before, in the same sentence, discarded something."""
    previous = flow.last_discard
    return previous is not None and previous[0] == data["order"] - 1 and previous[1] is not None \
        and previous[1] == data.get("sentence")


def _names_container(use: Use) -> bool:
    """Whether a weak use's words name a container ("Place tubes in a thermocycler" after
    adding to "individual tubes"): where material is, never an input of its own. A consumable
    one places ("a spin column") is a material."""
    head = mention(use.mention or "").head
    return use.via == "container" or head in lexicon.CONTAINER_WORDS and head not in lexicon.CONSUMABLE_WORDS


def _names(use: Use) -> bool:
    """Whether a use's words name its material ("the supernatant", "it"), not merely stand
    beside it ("Wash with [PBS]" taking the current material) or name its container."""
    if use.via in _NAMING:
        return True
    m = mention(use.mention or "")
    return use.via == "current" and (m.pronoun or m.head in use.material.heads)


def _operation_class(action: Action, entities: dict[str, Entity]) -> str:
    """The verb's class, except that removing a liquid ("remove the supernatant") discards it."""
    return action_class(action.lemma, [mention(e.text).head for a in action.args if a.role == "Acts-on"
                                       for e in [entities.get(a.entity)] if e is not None])


# How a use was found. Strong: the text names that very material (or action); the rest
# only says "what we are working on", which the current material stands for.
_STRONG = frozenset({"purpose", "action", "own", "new", "discarded"})
_NAMED = frozenset({"own", "action"})
# uses whose words name their very material
_NAMING = frozenset({"own", "name", "head", "new", "discarded"})


def _reaching(flow: Flow, kind: str, uses: list[Use], purpose: bool,
              new_places: dict[str, tuple[Entity, Mention]]) -> list[Use]:
    """The uses that reach an operation: strong references, and the current material.

    The current material (the newest live product) reaches every operation except one
    that starts something new (``create``: "Prepare 1 M Tris"; a transfer of named material
    into a new container: "Add 10 ul buffer to a sterile PCR tube"), one that says what it
    discards, and one that names a sibling of the current material (the supernatant of the
    centrifugation whose pellet is current). Weak references (a name one of its ancestors
    had, a container word) do not pull an older material forward: measured on X-WLP and WLP
    they were wrong more often than right. What a transfer adds under such a name is a
    fresh portion ("Add 2 ml trypsin" after warming the trypsin with the medium): an input.
    """
    current = flow.current()
    kept: list[Use] = []
    for use in uses:
        if use.via in _STRONG or use.material is current:
            kept.append(use)
        elif current is not None and current.readied and use.via in ("name", "head"):
            kept.append(use)  # "Pour the buffer into a bottle. Remove the gels": a stock set aside is not what is named
        elif kind == "transfer" and use.role == "Acts-on" and use.mention is not None and not _names_container(use):
            material = declare_input(flow, use.entity, mention(use.mention)) if use.entity else None
            if material is not None:
                kept.append(Use(material, use.role, "new", use.mention))
    if current is None or kind == "create" or purpose or any(u.material is current for u in kept):
        return kept
    if current.readied and kind != "transfer" and any(u.role == "Acts-on" for u in kept):
        return kept  # "Prepare wash buffer. Centrifuge the culture": a solution waits until it is named
    if any(u.material.alive and moved_apart(flow.pdg, flow.products_of, u.material, current) for u in kept if u.via in _STRONG):
        return kept  # "Transfer the supernatant. Resuspend the pellet": the pellet stayed where it was
    moves_named = any(u.role == "Acts-on" for u in kept) or "Acts-on" in new_places
    # "Add 3 ml blood to 14 ml PBS", "... to a new tube": both what moves and where it goes are
    # named, and new; "per tube", "on ice" bring no new place: the current material stays the site
    new_site = "Site" in new_places and new_places["Site"][1].indefinite \
        or any(u.role == "Site" and u.via == "new" for u in kept)
    if (kind == "discard" and kept) or (kind == "transfer" and new_site and moves_named) or any(u.material.producer == current.producer is not None and
                                           u.via in _STRONG for u in kept):
        return kept
    weak = next((u for u in uses if u.via not in _STRONG and u.material is not current), None)
    if kind == "transfer" and any(u.role == "Acts-on" for u in kept):
        role = "Site"  # "Add 250 ul buffer": the current material is where it goes
    else:
        role = weak.role if weak else "Acts-on"
    if weak is None:
        # "Add 50 ul elution buffer to the column": the container named is where the current
        # material is; the phrase names it again
        place = next((new_places[r] for r in ("Site", "Acts-on") if r in new_places
                      and not new_places[r][1].indefinite), None)
        if place is not None:
            kept.append(Use(current, role, "current", place[1].text, place[0]))
            return kept
    kept.append(Use(current, role, "current", weak.mention if weak else None, weak.entity if weak else None))
    return kept


def _left_by(flow: Flow, discard: str) -> Material | None:
    """What remained after a discard: the newest product it took from (``DISCARD(methanol,
    site: mixture)`` leaves the mixture; what it acts on goes), even when the flow counted
    that product gone with what the discard's words named."""
    taken = {flow.pdg.referent(m) for m, _, d in flow.pdg.graph.in_edges(discard, data=True)
             if d["kind"] == "consumes" and d.get("slot")}
    products = [m for node in taken for m in [flow.index.by_node.get(node)] if m is not None and m.producer is not None]
    return max(products, key=lambda m: m.born, default=None)


def _made_by(flow: Flow, op_id: str) -> Material | None:
    """What an earlier operation handed on: its newest live product, else what was current after it.

    None when that is gone (used up or discarded since): the text then means its successor,
    which the current material stands for.
    """
    products = [m for m in flow.products_of.get(op_id, []) if m.alive]
    if products:
        return max(products, key=lambda m: m.born)
    node = flow.current_after.get(op_id)
    material = flow.index.by_node.get(node) if node is not None else None
    return material if material is not None and material.alive else None
