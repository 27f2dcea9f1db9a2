"""Purposes: an infinitive that says why another operation is done ("Invert the tube *to mix*").

A purpose is decided from the infinitive's own syntax, not from which operation happens to
stand before it:

* "to V" (or "in order to V", "so as to V") after an earlier clause of the same sentence is
  the purpose of that clause's operation ("Spin for 2 min *to separate* the phases");
* a sentence that opens with "To V ..., " and goes on with an imperative is the purpose of
  that imperative ("*To permeabilize* the section, immerse the slide in ethanol"); it runs
  after the operation it explains, so stage 2 passes that operation's product through it.

An infinitive that brings its own amount ("to add 5 ml of buffer") is work of its own, no
purpose. The structured PDG marks a purpose ``purpose_of`` the operation it explains
(:mod:`autodsl.pdg.structure`).

>>> from autodsl.extract.models import Action
>>> text = "To permeabilize the section, immerse the slide in ethanol."
>>> acts = [Action(id="A1", start=3, end=15, text="permeabilize", lemma="permeabilize", step=1),
...         Action(id="A2", start=29, end=36, text="immerse", lemma="immerse", step=1)]
>>> fronted(text, acts[0], (0, len(text))), fronted(text, acts[1], (0, len(text)))
(True, False)
>>> governing_imperative(text, acts[0], [("op1", acts[0]), ("op2", acts[1])], (0, len(text)))
'op2'
"""

from __future__ import annotations

import re
from typing import Any

from autodsl.extract.models import Action
from autodsl.pdg.lexicon import PURPOSE_BEFORE
from autodsl.pdg.model import PDG

__all__ = ["purpose_after", "fronted", "governing_imperative", "own_amount", "run_after", "place_fronted"]

# "To permeabilize ...," at the start of a sentence (after a step label), "In order to V ..."
_FRONTED = re.compile(r"^\W*(?:\d+[.)]\s*)?(?:in\s+order\s+to|so\s+as\s+to|to)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# what may stand between the comma of a fronted purpose and its imperative ("..., first immerse")
_LEAD_IN = re.compile(r"^\s*,\s*(?:(?:\w+ly|first|then|next|now|please)\s+)*$", re.IGNORECASE)
# amounts an infinitive may bring of its own ("to add 5 ml", "to dilute to 1 mg/ml")
_OWN_AMOUNT = frozenset({"volume", "mass", "amount", "concentration", "molar_concentration",
                         "mass_concentration"})


def purpose_after(text: str, action: Action, sentence: tuple[int, int] | None,
                  ops: list[tuple[str, Action]]) -> str | None:
    """The operation an infinitive "to V" after an earlier clause of its sentence says why of
    (the latest operation of that sentence before it), else None.

    >>> from autodsl.extract.models import Action
    >>> t = "Spin the tube to pellet the cells."
    >>> spin = Action(id="A1", start=0, end=4, text="Spin", lemma="spin", step=1)
    >>> purpose_after(t, Action(id="A2", start=17, end=23, text="pellet", lemma="pellet", step=1), (0, 34),
    ...               [("op1", spin)])
    'op1'
    """
    if sentence is None or not ops:
        return None
    op_id, previous = ops[-1]
    if previous.start < sentence[0]:
        return None
    return op_id if PURPOSE_BEFORE.search(text, previous.end, action.start) else None


def fronted(text: str, action: Action, sentence: tuple[int, int] | None) -> bool:
    """Whether the action is the verb of a sentence-initial "To V ..." (its imperative:
    :func:`governing_imperative`)."""
    return sentence is not None and _FRONTED.match(text[sentence[0]:action.start]) is not None


def governing_imperative(text: str, action: Action, ops: list[tuple[str, Action]],
                         sentence: tuple[int, int]) -> str | None:
    """The operation right after the comma that closes a fronted purpose ("To V X, *immerse* ..."),
    else None (the clause after the comma opens with no operation)."""
    comma = text.find(",", action.end, sentence[1])
    if comma < 0:
        return None
    after = [(op_id, a) for op_id, a in ops if comma < a.start < sentence[1]]
    if not after:
        return None
    op_id, first = min(after, key=lambda pair: pair[1].start)
    return op_id if _LEAD_IN.match(text[comma:first.start]) else None


def own_amount(slots: dict[str, Any]) -> bool:
    """Whether an infinitive brings an amount of its own, which makes it work, not a purpose.

    >>> own_amount({"volume": {"value": 5, "unit": "ml", "dimension": "volume"}}), own_amount({})
    (True, False)
    """
    return any(record.get("dimension") in _OWN_AMOUNT or name in _OWN_AMOUNT for name, record in slots.items())


def run_after(orders: dict[str, int], moved: str, anchor: str) -> dict[str, int]:
    """Execution orders with ``moved`` placed right after ``anchor``, the rest keeping their order.

    >>> run_after({"op1": 0, "op2": 1, "op3": 2}, "op1", "op2")
    {'op2': 0, 'op1': 1, 'op3': 2}
    """
    ranked = [op_id for op_id in sorted(orders, key=orders.__getitem__) if op_id != moved]
    ranked.insert(ranked.index(anchor) + 1, moved)
    return {op_id: i for i, op_id in enumerate(ranked)}


def place_fronted(pdg: PDG, ops: list[tuple[str, Action]], fronts: list[tuple[str, Action]]) -> None:
    """Mark each fronted purpose (``fronts``: "To permeabilize the section, immerse ...")
    ``purpose_of`` the imperative after its comma and run it right after that imperative."""
    for op_id, action in fronts:
        sentence = pdg.graph.nodes[op_id]["sentence"]
        main = governing_imperative(pdg.text, action, ops, (sentence["start"], sentence["end"]))
        if main is None:
            continue
        pdg.graph.nodes[op_id]["purpose_of"] = main
        orders = run_after({o: pdg.graph.nodes[o]["order"] for o, _ in ops}, op_id, main)
        for other, order in orders.items():
            pdg.graph.nodes[other]["order"] = order
