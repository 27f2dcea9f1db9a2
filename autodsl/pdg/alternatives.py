"""Alternatives: "resuspend in water *or* TE buffer" uses one of the two, not both.

The extractor links every reagent of "Add 400 µl BCP or 200 µl chloroform" as an argument
of the action, and a coordination rule (:func:`autodsl.pdg.measures.with_coordinated_objects`)
may join more. Taken as they are, the program would add both. What the program says
instead: the *first* reagent written is what the operation uses (it is the protocol's
first choice); each alternative after "or" is no argument, and the operation keeps it as a
note (``comment``: ``or 200 µl CHCl3``), so a reader still sees the choice. "either A or B"
reads the same way; "and/or" is no alternative (both may be used), so it stays.

>>> from autodsl.extract.models import Action, Argument, Entity, Extraction
>>> text = "Add 400 ul BCP (bromochloropropane) or 200 ul CHCl3 to the lysate."
>>> ents = [Entity(id="T1", type="Reagent", start=11, end=14, text="BCP"),
...         Entity(id="T2", type="Reagent", start=46, end=51, text="CHCl3"),
...         Entity(id="T3", type="Reagent", start=59, end=65, text="lysate")]
>>> act = Action(id="A1", start=0, end=3, text="Add", lemma="add", step=1,
...              args=[Argument(role="Acts-on", entity="T1"), Argument(role="Acts-on", entity="T2"),
...                    Argument(role="Site", entity="T3")])
>>> kept, notes = without_alternatives(text, Extraction(protocol={"id": "p"}, entities=ents, actions=[act]))
>>> [a.entity for a in kept.actions[0].args], notes
(['T1', 'T3'], {'A1': ['or 200 ul CHCl3']})
"""

from __future__ import annotations

import re

from autodsl.extract.models import Action, Extraction
from autodsl.pdg.model import PDG
from autodsl.pdg.recipes import without_described

__all__ = ["without_alternatives", "note_alternatives", "alternative_to", "ALTERNATIVE_ROLES"]

# roles whose arguments are materials an operation takes: where an alternative is one of them
ALTERNATIVE_ROLES = frozenset({"Acts-on", "Using", "Site"})
_MATERIAL_TYPES = frozenset({"Reagent", "Mention", "Location", "Device"})
# what may stand between a reagent and its alternative besides "or": an amount, a remark in
# parentheses, a comma ("400 µl BCP (1-bromo-3-chloropropane) or 200 µl CHCl3")
_PARENTHESES = re.compile(r"\([^()]*\)")
_AMOUNT = re.compile(r"[\d.,]+\s*(?:[µμu]l|ml|l|mg|[µμu]g|ng|g|mm|[µμu]m|nm|m|%|x)?\b|per\s+\w+|of\b", re.IGNORECASE)
_OR_GAP = re.compile(r"\s*,?\s*(?:or|or\s+alternatively|or\s+else)\s*,?\s*", re.IGNORECASE)


def without_alternatives(text: str, extraction: Extraction) -> tuple[Extraction, dict[str, list[str]]]:
    """``extraction`` without the arguments that are alternatives of an earlier argument of the
    same action and role, and per action id the alternatives dropped, as notes ("or X"); first
    without the reagents that only describe another one or that the text excludes
    (:func:`autodsl.pdg.recipes.without_described`: "TT (10 mM Tris)", "no DTT"), noted too."""
    extraction, notes = without_described(text, extraction)
    entities = {e.id: e for e in extraction.entities}
    actions = []
    for action in extraction.actions:
        args = [a for a in action.args if a.role in ALTERNATIVE_ROLES and a.entity in entities
                and entities[a.entity].type in _MATERIAL_TYPES]
        by_start = sorted(args, key=lambda a: entities[a.entity].start)
        dropped: set[str] = set()
        for before, after in zip(by_start, by_start[1:]):
            first, second = entities[before.entity], entities[after.entity]
            if before.role != after.role or second.start < first.end:
                continue
            if _is_alternative(text[first.end:second.start]):
                dropped.add(after.entity)
                said = text[first.end:second.end]
                said = said[[m.start() for m in re.finditer(r"\bor\b", said, re.IGNORECASE)][-1]:]
                notes.setdefault(action.id, []).append(" ".join(said.split()))
        if dropped:
            action = action.model_copy(update={"args": [a for a in action.args if a.entity not in dropped]})
        actions.append(action)
    return extraction.model_copy(update={"actions": actions}), notes


def _is_alternative(gap: str) -> bool:
    """Whether the words between two arguments join them as alternatives (the second after "or").

    >>> _is_alternative(" (1-bromo-3-chloropropane) or 200 ul "), _is_alternative(" and/or "), _is_alternative(", ")
    (True, False, False)
    """
    if "and/or" in gap.lower() or len(gap) > 80:
        return False
    words = _AMOUNT.sub(" ", _PARENTHESES.sub(" ", gap))
    return bool(_OR_GAP.fullmatch(words))


def note_alternatives(pdg: PDG, notes: dict[str, list[str]]) -> None:
    """Keep each dropped alternative as a note (``comment``) on the operation of its action.

    >>> g = PDG(text="Add BCP or CHCl3.")
    >>> g.add_node("op1", "operation", "Add", span=(0, 3), action="A1")
    >>> note_alternatives(g, {"A1": ["or CHCl3"]}); g.graph.nodes["op1"]["comment"]
    'or CHCl3'
    """
    if not notes:
        return
    for _, data in pdg.nodes("operation"):
        for said in notes.get(data.get("action", ""), []):
            data["comment"] = f"{data['comment']}; {said}" if data.get("comment") else said


# "or" right before a verb, opening a clause of the same sentence: "Dilute the sample or divide it
# into tubes", "vortex, or alternatively pipette up and down"; "and/or" is no alternative
_OR_BEFORE_VERB = re.compile(r"(?<!and/)\bor\s*,?\s*(?:else\s+|alternatively\s*,?\s+|instead\s+)?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;:!?\n]\s")
# a participle or gerund ("shaking vigorously or rotating", "by pipetting or flicking", "sealed")
# is a manner of one operation, which X-WLP keeps as operations of their own
_NOT_IMPERATIVE = re.compile(r"\w*(?:ing|(?<!e)ed)$", re.IGNORECASE)  # not "proceed"


def _imperative(text: str, action: Action) -> bool:
    """Whether the action's first word is written in the base form ("divide", not "dividing")."""
    words = text[action.start:action.end].split()
    return bool(words) and _NOT_IMPERATIVE.fullmatch(words[0]) is None


def alternative_to(text: str, action: Action, before: Action | None) -> str | None:
    """Why ``action`` is an alternative to the operation ``before`` it rather than a step of its
    own, or None: its verb follows "or" in the same sentence as that operation's verb ("*Dilute*
    your sample to 700 µl or *divide* it into tubes"); both verbs in the base form, as a
    participle or gerund ("shaking or rotating") is a manner of one step. One of the two runs; the language has no
    form for a choice between operations (an ``if`` needs a condition the text does not give),
    so the first written is the step and the other a note on it, as for alternative reagents.

    >>> from autodsl.extract.models import Action
    >>> t = "Dilute the sample or divide it into tubes. Mix and/or vortex it."
    >>> a, b, c, d = (Action(id=i, start=s, end=s + n, text=t[s:s + n], lemma=t[s:s + n].lower(), step=1)
    ...               for i, s, n in (("A1", 0, 6), ("A2", 21, 6), ("A3", 43, 3), ("A4", 54, 6)))
    >>> alternative_to(t, b, a), alternative_to(t, d, c), alternative_to(t, c, b)
    ("an alternative to 'Dilute'", None, None)
    """
    if before is None or before.end > action.start or not (_imperative(text, before) and _imperative(text, action)):
        return None
    gap = text[before.end:action.start]
    if _SENTENCE_END.search(gap + " ") or not _OR_BEFORE_VERB.search(gap):
        return None
    return f"an alternative to '{' '.join(text[before.start:before.end].split())}'"
