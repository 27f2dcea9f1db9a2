"""Verbless ingredient lists: a run of "amount + reagent" lines is one operation that combines them.

Protocol Exchange protocols often give a reaction as a recipe, one ingredient a line, with
no verb ("66 µl TE / 20 µl plasmid / 10 µl Tango buffer / 100 µl total", then "Incubate
overnight"). The extractor finds no action there, so the ingredients were dropped and the
next operation had no input. :func:`ingredient_lists` stages the extraction before
structuring (the extraction returned to the user stays as extracted):

* a list announced by a line with a verb ("add the following reagents:", "Duplexing the
  oligos:") gives that verb the listed reagents as ``Acts-on`` arguments;
* any other run of at least two list lines becomes one implicit ``mix`` action (id ``I1``,
  ``I2``, ...; its span is the run's first line) that takes the reagents.

A list line is only amounts and a name, on a line of its own: an amount at its start (after
a bullet), then the reagent's name, and no verb outside parentheses — so WLP-style prose
("Add 10 µl of buffer.") never counts. Each reagent's amount stays an entity right before
it, which :mod:`autodsl.pdg.measures` reads as that reagent's amount ("10 µl buffer"). A
"total" line ("100 µl total") is the mixture's final volume, a ``Setting`` of the action,
not a reagent. Names the extractor did not tag become ``Reagent`` entities (ids ``I1T1``, ...).

>>> from autodsl.extract.models import Action, Extraction
>>> text = "66 µl TE\\n20 µl plasmid\\n100 µl total\\nIncubate overnight."
>>> incubate = Action(id="A1", start=37, end=45, text="Incubate", lemma="incubate", step=4)
>>> x = Extraction(protocol={"id": "p"}, actions=[incubate])
>>> staged = ingredient_lists(text, x, step_starts=[0, 9, 23, 37])
>>> mix = staged.actions[0]
>>> mix.id, mix.lemma, mix.step, text[mix.start:mix.end]
('I1', 'mix', 1, '66 µl TE')
>>> [(a.role, staged.entity(a.entity).text) for a in mix.args]
[('Acts-on', 'TE'), ('Acts-on', 'plasmid'), ('Setting', '100 µl')]
>>> implicit_ids(staged)
{'I1'}
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from autodsl.extract.models import Action, Argument, Entity, Extraction, QuantityValue
from autodsl.units import find_quantities

if TYPE_CHECKING:
    from autodsl.pdg.model import PDG

__all__ = ["ingredient_lists", "implicit_ids", "mark_implicit", "IMPLICIT_LEMMA", "IMPLICIT_NOTE"]

# The verb every bundled domain maps to mixing; "combine" is learned as DILUTE in some domains.
IMPLICIT_LEMMA = "mix"
IMPLICIT_NOTE = "implicit: the listed ingredients combined (no verb written)"
_IMPLICIT_ID = re.compile(r"I\d+\Z")

_BULLET = re.compile(r"\s*(?:[-–•*·]|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)])\s+", re.I)
_LEADING_STRENGTH = re.compile(r"\(\s*[\d.,]+\s*[xX×]\s*\)\s*")
_OF = re.compile(r"[\s)\]]*(?:each\s+)?(?:of\s+)?", re.I)
# "1.0 ml per well", "2 ml for each sample": an amount to use, not an ingredient
_NOT_NAME = re.compile(r"(?:per|for|each|to|into|at|in)\b", re.I)
_TOTAL = re.compile(r"(?:total(?:\s+volume)?|final\s+volume|in\s+total)\b", re.I)
# The name ends where a description starts: a parenthesis, a clause break, "from", "in" (a solvent).
_NAME_END = re.compile(r"\s*(?:[(\[;,:]|\.(?:\s|$)|\b(?:from|that|which|in|for)\s|$)", re.I)
_AMOUNT_DIMENSIONS = frozenset({"volume", "mass", "count"})
_MAX_LINE = 160
_MAX_NAME_WORDS = 8


@dataclass
class _Line:
    """One list line: where its amount and name (or its total) lie in the text."""

    start: int
    end: int
    amount: tuple[int, int]
    name: tuple[int, int] | None  # None on a "total" line
    quantity: QuantityValue


@dataclass
class _Staging:
    """The entities and actions being added, with fresh ids."""

    extraction: Extraction
    entities: list[Entity] = field(default_factory=list)
    n_actions: int = 0

    def entity(self, text: str, span: tuple[int, int], type_: str, owner: str,
               quantity: QuantityValue | None = None, line: tuple[int, int] | None = None) -> Entity:
        """The extraction's entity of ``type_`` over ``span`` (within its line), else a new one."""
        first_word = text.find(" ", span[0], span[1])
        lead = span[1] if first_word < 0 else first_word
        for e in self.extraction.entities:  # the extractor's mention, when it starts the name
            if e.type == type_ and (span[0] <= e.start < lead or e.start <= span[0] < e.end) \
                    and (line is None or line[0] <= e.start and e.end <= line[1]):
                return e
        ent = Entity(id=f"{owner}T{len(self.entities) + 1}", type=type_, start=span[0], end=span[1],
                     text=text[span[0]:span[1]], quantity=quantity)
        self.entities.append(ent)
        return ent


def ingredient_lists(text: str, extraction: Extraction, step_starts: Sequence[int] = ()) -> Extraction:
    """``extraction`` with each verbless ingredient list made the input of an action (see the module).

    ``step_starts`` are the offsets where steps 1, 2, ... begin (to number a new action's step).
    """
    verbs = [(a.start, a.end) for a in extraction.actions]
    lines = [(start, end) for start, end in _lines(text) if text[start:end].strip()]  # a blank line joins
    found = [(start, end, _list_line(text, start, end, verbs)) for start, end in lines]
    staging = _Staging(extraction)
    actions = list(extraction.actions)
    i = 0
    while i < len(found):
        if found[i][2] is None:
            i += 1
            continue
        j = i
        while j + 1 < len(found) and found[j + 1][2] is not None:
            j += 1
        run = [item[2] for item in found[i:j + 1] if item[2] is not None]
        header = found[i - 1][:2] if i else None
        actions = _take(text, run, header, actions, staging, step_starts)
        i = j + 1
    if staging.n_actions == 0 and actions == list(extraction.actions):
        return extraction
    actions.sort(key=lambda a: a.start)
    return extraction.model_copy(update={"entities": sorted(extraction.entities + staging.entities,
                                                            key=lambda e: e.start), "actions": actions})


def implicit_ids(extraction: Extraction) -> set[str]:
    """Ids of the actions :func:`ingredient_lists` made (no verb was written for them)."""
    return {a.id for a in extraction.actions if _IMPLICIT_ID.match(a.id) and a.lemma == IMPLICIT_LEMMA}


def mark_implicit(pdg: "PDG", ids: set[str]) -> None:
    """Say in the comment of each operation made from an implicit action that no verb was written."""
    if not ids:
        return
    for _, data in pdg.nodes("operation"):
        if data.get("action") in ids:
            data["comment"] = f"{IMPLICIT_NOTE}; {data['comment']}" if data.get("comment") else IMPLICIT_NOTE


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text``, without its line break."""
    spans, start = [], 0
    for m in re.finditer(r"\r?\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _list_line(text: str, start: int, end: int, verbs: list[tuple[int, int]]) -> _Line | None:
    """The line's amount and name when the line is one ingredient (or a total), else None."""
    line = text[start:end]
    if not line.strip() or len(line) > _MAX_LINE:
        return None
    bullet = _BULLET.match(line)
    offset = bullet.end() if bullet else len(line) - len(line.lstrip())
    strength = _LEADING_STRENGTH.match(line, offset)  # "( 10X ) 0.20 uL BSA": the strength first
    offset = strength.end() if strength else offset
    body = line[offset:]
    if not body[:2].strip(" ~≈.").startswith(tuple("0123456789")):
        return None  # the amount comes first; most lines are prose, not worth parsing for quantities
    quantities = find_quantities(body)
    if not quantities or quantities[0].start > 1 or quantities[0].dimension not in _AMOUNT_DIMENSIONS:
        return None
    first = quantities[0]
    after = first.end
    for q in quantities[1:]:  # "40 µl 160 mg/ml EDC": strengths between amount and name
        if body[after:q.start].strip(" ~(≈)") or q.dimension in _AMOUNT_DIMENSIONS:
            break
        after = q.end
    after += _OF.match(body, after).end() - after
    amount = (start + offset + first.start, start + offset + first.end)
    quantity = QuantityValue(value=first.value, unit=first.unit, dimension=first.dimension)
    if _in_verbs(start + offset, end, verbs, text):
        return None
    total = _TOTAL.match(body, after)
    if total:
        return _Line(start, end, amount, None, quantity)
    stop = _NAME_END.search(body, after)
    name = body[after:stop.start()].strip()
    if not name or _NOT_NAME.match(name) or len(name.split()) > _MAX_NAME_WORDS or not any(ch.isalpha() for ch in name):
        return None
    name_start = start + offset + body.index(name, after)
    return _Line(start, end, amount, (name_start, name_start + len(name)), quantity)


def _in_verbs(start: int, end: int, verbs: list[tuple[int, int]], text: str) -> bool:
    """Whether a verb lies in ``text[start:end]`` outside parentheses (a line with a verb is prose)."""
    for v_start, v_end in verbs:
        if start <= v_start < end:
            before = text[start:v_start]
            if before.count("(") <= before.count(")"):
                return True
    return False


def _announcing_verb(text: str, header: tuple[int, int] | None, actions: list[Action]) -> Action | None:
    """The verb of the line before a list when that line announces it ("… the following:", "Mix:")."""
    if header is None:
        return None
    line = text[header[0]:header[1]].strip()
    if not (line.endswith(":") or re.search(r"\bfollowing\b", line, re.I)):
        return None
    following = re.search(r"\bfollowing\b", text[header[0]:header[1]], re.I)
    end = header[0] + following.start() if following else header[1]
    # "mix the following … and incubate:": the verb the list is the object of, before "following"
    inside = [a for a in actions if header[0] <= a.start < header[1]]
    before = [a for a in inside if a.start < end]
    return (before or inside)[-1] if inside else None


def _take(text: str, run: list[_Line], header: tuple[int, int] | None, actions: list[Action],
          staging: _Staging, step_starts: Sequence[int]) -> list[Action]:
    """``actions`` with the run's ingredients given to its announcing verb or to a new mix action."""
    verb = _announcing_verb(text, header, actions)
    ingredients = [line for line in run if line.name is not None]
    if verb is None and len(ingredients) < 2 or not ingredients:
        return actions
    owner = verb.id if verb is not None else f"I{staging.n_actions + 1}"
    args = [Argument(role="Acts-on",
                     entity=staging.entity(text, line.name, "Reagent", owner, line=(line.start, line.end)).id)
            for line in ingredients if line.name is not None]
    for line in ingredients:  # each amount stays an entity right before its reagent
        staging.entity(text, line.amount, "Amount", owner, line.quantity)
    totals = [line for line in run if line.name is None]
    if totals:
        args.append(Argument(role="Setting", entity=staging.entity(
            text, totals[-1].amount, "Amount", owner, totals[-1].quantity).id))
    if verb is not None:
        kept = [a for a in verb.args if not (a.role == "Acts-on" and _names_following(staging.extraction, a.entity))]
        updated = verb.model_copy(update={"args": kept + args})
        return [updated if a.id == verb.id else a for a in actions]
    staging.n_actions += 1
    first = ingredients[0]
    span = (first.amount[0], first.name[1]) if first.name else first.amount
    step = bisect.bisect_right(list(step_starts), span[0]) if step_starts else 0
    action = Action(id=owner, start=span[0], end=span[1], text=text[span[0]:span[1]], lemma=IMPLICIT_LEMMA,
                    step=step, args=args)
    return actions + [action]


def _names_following(extraction: Extraction, entity_id: str) -> bool:
    """Whether the argument is the announcing phrase itself ("the following reagents")."""
    ent = extraction.entity(entity_id)
    return ent is not None and "following" in ent.text.lower()
