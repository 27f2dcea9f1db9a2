"""Passive voice: in "the supernatant *was discarded*" the supernatant is what is discarded.

Protocols written as reports ("100 µl plasma was taken in a tube", "the tube was centrifuged
and the supernatant was discarded") name what an action works on *before* its verb, as the
subject of a passive. An extractor trained on imperatives ("Discard the supernatant") links
nothing to such a verb, or links the subject to another verb nearby ("centrifuged ... the
supernatant" as what is spun). :func:`passive_subjects` repairs that before flow is
resolved (:mod:`autodsl.pdg.complete`): the noun phrase right before "was/were/is/are (also)
(be/been)" and the verb is what the verb acts on, and it is no argument taken by another
verb of its sentence ("Acts-on", "Site", "Using"; a verb may still name it as its product:
the spin *makes* the supernatant) nor by a verb of another sentence. A verb that already
has the subject as an argument is left as the extractor linked it.

>>> from autodsl.extract.models import Action, Argument, Entity, Extraction
>>> text = "The tube was centrifuged and the supernatant was discarded."
>>> ents = [Entity(id="T1", type="Location", start=4, end=8, text="tube"),
...         Entity(id="T2", type="Reagent", start=33, end=44, text="supernatant")]
>>> acts = [Action(id="A1", start=13, end=24, text="centrifuged", lemma="centrifuge", step=1,
...                args=[Argument(role="Acts-on", entity="T2")]),
...         Action(id="A2", start=49, end=58, text="discarded", lemma="discard", step=1)]
>>> fixed = passive_subjects(text, Extraction(protocol={"id": "p"}, entities=ents, actions=acts))
>>> [[(a.role, a.entity) for a in act.args] for act in fixed.actions]
[[('Acts-on', 'T1')], [('Acts-on', 'T2')]]
"""

from __future__ import annotations

import re

from autodsl.extract.models import Action, Argument, Entity, Extraction

__all__ = ["passive_subjects"]

# what stands between a passive's subject and its verb: "was", "were then", "may also be",
# "has been", "were gently" ...
_PASSIVE_GAP = re.compile(
    r"\s+(?:(?:has|have|had|may|might|can|could|should|must|will|would|then|also|not|\w+ly)\s+)*"
    r"(?:was|were|is|are|be|been|being)\s+(?:(?:then|also|being|\w+ly)\s+)*$",
    re.IGNORECASE,
)
_SUBJECT_TYPES = frozenset({"Reagent", "Mention", "Location", "Device", "Seal"})
# roles by which a verb takes a material it works on or in (its product role is no such use)
_TAKING_ROLES = frozenset({"Acts-on", "Site", "Using"})
# a sentence ends between two offsets: a full stop (not a decimal point) or a line break
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")


def passive_subjects(text: str, extraction: Extraction) -> Extraction:
    """``extraction`` with the subject of each passive verb as what the verb acts on (module doc)."""
    physical = sorted((e for e in extraction.entities if e.type in _SUBJECT_TYPES), key=lambda e: e.end)
    subjects: dict[str, Entity] = {}  # action id -> its passive subject
    for action in extraction.actions:
        subject = _subject(text, action, physical)
        if subject is not None and all(a.entity != subject.id for a in action.args):
            subjects[action.id] = subject
    if not subjects:
        return extraction
    owner = {subject.id: action_id for action_id, subject in subjects.items()}
    by_id = {e.id: e for e in extraction.entities}
    actions: list[Action] = []
    for action in extraction.actions:
        args = [a for a in action.args if not _taken_elsewhere(text, action, a, owner, by_id)]
        if action.id in subjects:
            args.insert(0, Argument(role="Acts-on", entity=subjects[action.id].id))
        actions.append(action if args == action.args else action.model_copy(update={"args": args}))
    return extraction.model_copy(update={"actions": actions})


def _subject(text: str, action: Action, physical: list[Entity]) -> Entity | None:
    """The noun phrase a passive verb follows ("[the supernatant] was discarded"), else None."""
    gap = _PASSIVE_GAP.search(text, max(0, action.start - 60), action.start)
    if gap is None:
        return None
    found = [e for e in physical if e.end == gap.start()]
    if not found:
        return None
    subject = found[-1]
    # "the pellets of each tube were washed": what is washed is the pellets, not the tube
    of = re.search(r"\s+of\s+(?:each|every|the|all|both)?\s*$", text[max(0, subject.start - 30):subject.start])
    if of is not None:
        at = subject.start - (len(text[max(0, subject.start - 30):subject.start]) - of.start())
        owner = [e for e in physical if e.end == at and e.type in ("Reagent", "Mention")]
        if owner:
            subject = owner[-1]
    return subject


def _taken_elsewhere(text: str, action: Action, arg: Argument, owner: dict[str, str],
                     by_id: dict[str, Entity]) -> bool:
    """Whether ``arg`` of ``action`` is the passive subject of another verb, and so no argument
    of ``action``: not at all when ``action`` is in another sentence, else not as what it takes."""
    other = owner.get(arg.entity)
    if other is None or other == action.id or arg.entity not in by_id:
        return False
    entity = by_id[arg.entity]
    low, high = sorted((action.start, entity.start))
    if _SENTENCE_END.search(text, low, high):
        return True
    return arg.role in _TAKING_ROLES
