"""Protocol text that describes rather than instructs: headings and statements of fact.

Stage 1 (:func:`autodsl.pdg.structure.non_operation`) asks these after :mod:`autodsl.pdg.remarks`:
a section heading ("Separating viruses on the Optiprep gradient.", "Preparation of
cryosections (day 2)", :func:`heading`) and a description ("Filtrate contains digested
proteins", "the site that Cas9 will bind and cut", "Gentle agitation may be required to
remove the coverglass", :func:`description`) are kept as notes, not as operations.

>>> from autodsl.extract.models import Action
>>> t = "Separating viruses on the gradient.\\nPipette 4 ml onto each gradient."
>>> [heading(t, Action(id="A", start=s, end=s + len(w), text=w, lemma=w.lower(), step=1))
...  for s, w in ((0, "Separating"), (36, "Pipette"))]
['a heading', None]
"""

from __future__ import annotations

import re

from autodsl.extract.models import Action

__all__ = ["heading", "description", "HEADING"]

# a step number or bullet before a line's first word ("12.", "3)", "-", "•")
_LABEL = re.compile(r"^[ \t]*(?:(?:step[ \t]*)?\d+[.):]?|[a-z][.)]|[-*•])?[ \t]*", re.IGNORECASE)
# a gerund or a noun of action opening a heading: "Separating ...", "Administration of ...";
# not verbs that end so ("bring", "string", "ring")
_GERUND = re.compile(r"[a-z]{3,}ing$", re.IGNORECASE)
_NOUN_OF = re.compile(r"[a-z]{3,}(?:tion|sion|ment|ance|ence|ysis|al)$", re.IGNORECASE)
_NOT_GERUND = frozenset({"bring", "string", "ring", "sing", "spring", "swing", "sting", "wring", "fling"})
_HEADING_WORDS = 10
# the reason a heading gives: notes of this reason go on the operation after them
HEADING = "a heading"
# a sentence ("Resulting homogenates can be stored ...", "Heating them ...") or amounts ("Annealing buffer 5 µl")
_SAID = re.compile(r"\b(?:is|are|was|were|can|may|should|must|will|could|it|them)\b", re.IGNORECASE)
_AMOUNT = re.compile(r"\d\s*(?:[µu]l|ml|l|mg|g|ng|µg|ug|mm|µm|um|nm|m|%|s|sec|min|mins|h|hrs?|°c?|degrees?|x)\b",
                     re.IGNORECASE)


def heading(text: str, action: Action) -> str | None:
    """"a heading" when the action stands on a short line of its own that opens with a gerund
    or a noun of action ("Separating viruses on the Optiprep gradient.", "Administration of
    antigen and adjuvant (day 2)") and more text follows: a title over the steps below, not a
    step. A line with a comma ("Using a pipette, add ...") or of many words is a step.

    >>> from autodsl.extract.models import Action
    >>> t = "Administration of antigen (day 2)\\n12. Inject antigen.\\nUsing a tip, mix it.\\nEnd."
    >>> [heading(t, Action(id="A", start=s, end=s + len(w), text=w, lemma=w.lower(), step=1))
    ...  for s, w in ((0, "Administration"), (56, "Using"))]
    ['a heading', None]
    """
    line_start = text.rfind("\n", 0, action.start) + 1
    line_end = text.find("\n", action.start)
    if line_end < 0 or not text[line_end:].strip():
        return None  # the last line of the text heads nothing
    line = text[line_start:line_end]
    body = line[_LABEL.match(line).end():]
    words = body.split()
    if (not words or len(words) > _HEADING_WORDS or "," in body or ";" in body or ":" in body
            or _SAID.search(body) or _AMOUNT.search(body)):
        return None
    noun_of = _NOUN_OF.fullmatch(_first_word(body)) is not None and len(words) > 1 and words[1].lower() == "of"
    if not (_opens_with_gerund(body) or noun_of):
        return None
    # steps written as gerunds come in runs ("Heating them ...\nLoading the running buffer.")
    previous = text[:line_start].rstrip().rsplit("\n", 1)[-1]
    following = text[line_end:].lstrip().split("\n", 1)[0]
    if _opens_with_gerund(previous) or _opens_with_gerund(following):
        return None
    return HEADING


def _first_word(line: str) -> str:
    words = line[_LABEL.match(line).end():].split()
    return words[0].strip("*_#").lower() if words else ""


def _opens_with_gerund(line: str) -> bool:
    first = _first_word(line)
    return _GERUND.fullmatch(first) is not None and first not in _NOT_GERUND


# a noun tagged as the verb: what follows it is the sentence's own verb ("Filtrate contains ...");
# in lower case only: "Measure IS concentration" is a step
_FINITE_AFTER = re.compile(r"\s+(?:is|are|contains?|consists?|has|have|will|can|may|might|must|should|could|"
                           r"remains?|becomes?|appears?|forms?\s+a)\b")
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?:;]\s+|\n[ \t]*(?:\d+[.)][ \t]*)?)(?:the\s+|this\s+|each\s+|a\s+)?$",
                            re.IGNORECASE)
# what happens in a relative clause in the future: "the site that Cas9 will bind and cut"
_RELATIVE_FUTURE = re.compile(r"\b(?:that|which|where|who)\s+(?:[\w-]+\s+){0,3}will\s+(?:[\w-]+\s+(?:and|or)\s+)?$",
                              re.IGNORECASE)
# what might be needed, said of a step rather than asked: "Gentle agitation may be required to remove ..."
_MAY_BE_NEEDED = re.compile(r"\b(?:may|might|can|could)\s+be\s+(?:required|needed|necessary)\s+to\s+$",
                            re.IGNORECASE)


def description(text: str, action: Action) -> str | None:
    """Why an action is a statement of fact rather than an instruction, or None: a noun the
    extractor read as a verb, followed by the sentence's own verb ("Filtrate contains digested
    proteins"); a verb in a relative clause in the future ("the site that Cas9 will bind and
    cut"); or what may be needed ("Gentle agitation may be required to remove the coverglass").
    "The cells should be washed twice" stays a step: its verb is "washed", not "cells".

    >>> from autodsl.extract.models import Action
    >>> t = "Filtrate contains protein. This is the site that Cas9 will cut. Filter it."
    >>> [description(t, Action(id="A", start=s, end=s + len(w), text=w, lemma=w.lower(), step=1))
    ...  for s, w in ((0, "Filtrate"), (59, "cut"), (64, "Filter"))]
    ['a description', 'a description', None]
    """
    line_start = text.rfind("\n", 0, action.start) + 1
    before = text[max(line_start, action.start - 80):action.start]
    if _FINITE_AFTER.match(text, action.end) and _SENTENCE_OPEN.search(text[line_start:action.start]):
        return "a description"
    if _RELATIVE_FUTURE.search(before) or _MAY_BE_NEEDED.search(before):
        return "a description"
    return None
