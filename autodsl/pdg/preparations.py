"""Reagents readied on the way: a participle that prepares a reagent an operation uses.

"Perform a wash with 500 µl wash buffer *pre-warmed* to 50 °C", "Wash with PBS *diluted* 1:10",
"Add 1 ml *freshly prepared* 70% ethanol": the participle is done to the reagent, before the
operation that uses it, and not to what that operation works on. Stage 1
(:mod:`autodsl.pdg.structure`) finds such participles (:func:`preparing_participles`) and runs
each just before its user, marked ``prepares`` (the user's id); stage 2
(:mod:`autodsl.pdg.complete`) gives it only its reagent, and the readied reagent it makes is
set aside (never the current material) until the user takes it by name.

A participle is an action written as its verb's past participle ("pre - warmed" for
``prewarm``), right beside (before or after, with at most adverbs between) a reagent phrase that
it acts on and that an earlier operation of the same sentence takes. "Make sure EtOH *has been
added*" is no such participle: no operation of the sentence takes the EtOH before it.

>>> from autodsl.extract.models import Action, Argument, Entity
>>> text = "Wash with 500 ul buffer pre-warmed to 50 C."
>>> buffer = Entity(id="T1", type="Reagent", start=17, end=23, text="buffer")
>>> wash = Action(id="A1", start=0, end=4, text="Wash", lemma="wash", step=1,
...               args=[Argument(role="Using", entity="T1")])
>>> warm = Action(id="A2", start=24, end=34, text="pre-warmed", lemma="prewarm", step=1,
...               args=[Argument(role="Acts-on", entity="T1")])
>>> preparing_participles(text, [("op1", wash), ("op2", warm)], {"T1": buffer}, lambda o: (0, 43))
{'op2': 'op1'}
"""

from __future__ import annotations

import re
from typing import Any, Callable

from autodsl.extract.models import Action, Entity
from autodsl.pdg.lexicon import participle
from autodsl.pdg.model import PDG

__all__ = ["preparing_participles", "prepare_first"]

_REAGENT_TYPES = frozenset({"Reagent", "Mention"})
# what may stand between the reagent phrase and its participle: adverbs, hyphens, commas
_BETWEEN = re.compile(r"^[\s,\-]*(?:\w+ly[\s\-]+)*$", re.IGNORECASE)


def _written_as_participle(action: Action) -> bool:
    """Whether the verb is written as its past participle ("pre - warmed" for ``prewarm``)."""
    last = re.sub(r"\s*-\s*", "", action.text).lower().split()
    return bool(last) and last[-1] == participle(action.lemma.replace("-", "").replace(" ", ""))


def preparing_participles(text: str, ops: list[tuple[str, Action]], entities: dict[str, Entity],
                          sentence_of: Callable[[str], Any]) -> dict[str, str]:
    """participle operation -> the operation that uses the reagent it prepares (see the module doc).

    ``ops``: (operation id, action) in text order; ``sentence_of(op_id)``: the operation's sentence
    (anything comparable; None when unknown).
    """
    found: dict[str, str] = {}
    for i, (op_id, action) in enumerate(ops):
        if not _written_as_participle(action):
            continue
        objects = [entities[a.entity] for a in action.args if a.role == "Acts-on" and a.entity in entities
                   and entities[a.entity].type in _REAGENT_TYPES]
        beside = [e for e in objects if _adjacent(text, e, action)]
        if len(beside) != 1:
            continue
        sentence = sentence_of(op_id)
        user = next((other_id for other_id, other in reversed(ops[:i])
                     if sentence is not None and sentence_of(other_id) == sentence
                     and any(a.entity == beside[0].id and a.role != "Product" for a in other.args)), None)
        if user is not None:
            found[op_id] = user
    return found


def _adjacent(text: str, entity: Entity, action: Action) -> bool:
    """Whether a participle stands right after its reagent phrase ("buffer pre-warmed") or right
    before it ("freshly prepared ethanol")."""
    if entity.end <= action.start:
        return bool(_BETWEEN.match(text[entity.end:action.start]))
    if action.end <= entity.start:
        return not text[action.end:entity.start].strip()
    return False


def prepare_first(pdg: PDG, prepares: dict[str, str]) -> None:
    """Run each preparing participle just before the operation that uses its reagent, and mark it
    ``prepares`` that operation (execution orders renumbered, others keeping their sequence)."""
    if not prepares:
        return
    ordered = sorted((op for op, _ in pdg.nodes("operation")), key=lambda op: pdg.graph.nodes[op]["order"])
    moving = [op for op in ordered if op in prepares]
    sequence = [op for op in ordered if op not in prepares]
    for op in moving:
        user = prepares[op]  # written before its participle, so already placed
        sequence.insert(sequence.index(user) if user in sequence else len(sequence), op)
        pdg.graph.nodes[op]["prepares"] = user
    for order, op in enumerate(sequence):
        pdg.graph.nodes[op]["order"] = order
