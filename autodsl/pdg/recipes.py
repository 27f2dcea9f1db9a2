"""Reagents an operation names but does not take: a reagent's recipe, and what the text excludes.

The extractor links every reagent of "Wash beads with TT (0.25M Tris pH8 + 0.01% Tween 20)
buffer" or "immerse the slide in proteinase K solution (10 µg/mL proteinase K in 1X PBS)"
as an argument of the action; taken as they are, the program would wash with Tris, Tween and
TT. The reagents inside a parenthesis opened right after a reagent the action takes describe
that reagent (its recipe or another name for it): they are no inputs of the operation, and
the operation keeps the recipe as a note (``TT: 0.25M Tris pH8 + 0.01% Tween 20``).
Likewise "Add urea solution (no DTT, no SDS)", "without EDTA" and "EDTA-free" exclude the
reagent: it is no input, and the operation keeps ``no DTT`` as a note.

>>> from autodsl.extract.models import Action, Argument, Entity, Extraction
>>> text = "Add urea solution (no DTT) and TT (10 mM Tris) to the cells."
>>> ents = [Entity(id="T1", type="Reagent", start=4, end=17, text="urea solution"),
...         Entity(id="T2", type="Reagent", start=22, end=25, text="DTT"),
...         Entity(id="T3", type="Reagent", start=31, end=33, text="TT"),
...         Entity(id="T4", type="Reagent", start=41, end=45, text="Tris")]
>>> act = Action(id="A1", start=0, end=3, text="Add", lemma="add", step=1,
...              args=[Argument(role="Acts-on", entity=e) for e in ("T1", "T2", "T3", "T4")])
>>> kept, notes = without_described(text, Extraction(protocol={"id": "p"}, entities=ents, actions=[act]))
>>> [a.entity for a in kept.actions[0].args], notes
(['T1', 'T3'], {'A1': ['no DTT', 'TT: 10 mM Tris']})
"""

from __future__ import annotations

import re

from autodsl.extract.models import Entity, Extraction

__all__ = ["without_described", "recipe_of", "excluded"]

# roles whose arguments are materials the operation takes
_MATERIAL_ROLES = frozenset({"Acts-on", "Using", "Site"})
_MATERIAL_TYPES = frozenset({"Reagent", "Mention"})
# "no DTT", "without EDTA", "minus glucose" right before the reagent (an amount may stand between:
# "without 5 mM EDTA" is rare, so only a short gap)
_NEGATION_BEFORE = re.compile(r"\b(?:no|without|minus|lacking|omit(?:ting)?)\s+$", re.IGNORECASE)
# "EDTA-free", "EDTA free" right after it; "nuclease-free water" is one reagent, so the word
# after "free" must not continue the name
_FREE_AFTER = re.compile(r"\s*-?\s*free\b(?!\s+[A-Za-z])", re.IGNORECASE)
# a parenthesis that measures the reagent against what is worked on, "1 volume of chloroform
# (relative to the volume of the aqueous phase)": that material is no recipe, it is the sample
_RELATIVE = re.compile(r"\b(?:relative|respect|compared|proportion)\b", re.IGNORECASE)


def excluded(text: str, entity: Entity) -> bool:
    """Whether the text excludes the reagent ``entity`` rather than uses it: "no DTT", "without
    EDTA", "DTT-free" (but "nuclease-free water" is a reagent of its own).

    >>> t = "Add buffer (no DTT) and EDTA-free mix, nuclease-free water, SDS."
    >>> [excluded(t, Entity(id="T", type="Reagent", start=s, end=s + n, text=t[s:s + n]))
    ...  for s, n in ((15, 3), (24, 4), (39, 8), (60, 3))]
    [True, False, False, False]
    >>> excluded("Use buffer, DTT-free.", Entity(id="T", type="Reagent", start=12, end=15, text="DTT"))
    True
    """
    return bool(_NEGATION_BEFORE.search(text[max(0, entity.start - 12):entity.start])
                or _FREE_AFTER.match(text, entity.end))


def recipe_of(text: str, described: Entity, entity: Entity) -> str | None:
    """The words of a parenthesis opened right after reagent ``described`` when ``entity``
    lies inside it ("TT (0.25M Tris pH8 + 0.01% Tween 20) buffer": the recipe of TT), else None.
    The parenthesis must be on the same line and open right after the reagent, and not measure
    it against another material ("(relative to the aqueous phase)").

    >>> t = "Wash with TT (0.25M Tris + Tween 20) buffer."
    >>> tt, tris = (Entity(id=i, type="Reagent", start=s, end=s + n, text=t[s:s + n]) for i, s, n in (("A", 10, 2), ("B", 20, 4)))
    >>> recipe_of(t, tt, tris), recipe_of(t, tris, tt)
    ('0.25M Tris + Tween 20', None)
    """
    if entity.start <= described.end:
        return None
    gap = text[described.end:entity.start]
    opened = gap.find("(")
    if opened < 0 or gap[:opened].strip() or ")" in gap or "\n" in gap:
        return None
    closed = text.find(")", described.end + opened)
    line_end = text.find("\n", entity.start)
    if closed < 0 or (0 <= line_end < closed) or closed - described.end > 120:
        return None
    inside = " ".join(text[described.end + opened + 1:closed].split())
    return None if _RELATIVE.search(inside) else inside


def without_described(text: str, extraction: Extraction) -> tuple[Extraction, dict[str, list[str]]]:
    """``extraction`` without the arguments that describe another argument's reagent (its
    recipe in parentheses) or that the text excludes ("no DTT"), and per action id what was
    dropped, as notes."""
    entities = {e.id: e for e in extraction.entities}
    notes: dict[str, list[str]] = {}
    actions = []
    for action in extraction.actions:
        args = sorted((a for a in action.args if a.role in _MATERIAL_ROLES and a.entity in entities
                       and entities[a.entity].type in _MATERIAL_TYPES), key=lambda a: entities[a.entity].start)
        dropped: set[str] = set()
        recipes: dict[str, str] = {}
        for arg in args:
            entity = entities[arg.entity]
            if excluded(text, entity):
                dropped.add(arg.entity)
                notes.setdefault(action.id, []).append(f"no {' '.join(entity.text.split())}")
                continue
            for other in args:
                described = entities[other.entity]
                if other.entity in dropped or described.start >= entity.start:
                    continue
                recipe = recipe_of(text, described, entity)
                if recipe is not None:
                    dropped.add(arg.entity)
                    recipes.setdefault(other.entity, recipe)
                    break
        for described_id, recipe in recipes.items():
            notes.setdefault(action.id, []).append(f"{' '.join(entities[described_id].text.split())}: {recipe}")
        if dropped and len(dropped) < len(args):
            action = action.model_copy(update={"args": [a for a in action.args if a.entity not in dropped]})
        elif dropped:
            notes.pop(action.id, None)  # nothing would be left to take: keep the action as extracted
        actions.append(action)
    return extraction.model_copy(update={"actions": actions}), notes
