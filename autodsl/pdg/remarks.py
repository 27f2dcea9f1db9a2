"""What in a protocol's text is no lab operation: remarks, notes, and words that read as no verb.

Stage 1 (:mod:`autodsl.pdg.structure`, :func:`~autodsl.pdg.structure.non_operation`) keeps an
extracted action out of the operations when the text shows it is none: it lies in a remark in
parentheses (:func:`in_parentheses`), on a line marked as a note (:func:`on_note_line`), or,
when the domain does not know the word, it does not read as a verb (:func:`reads_as_a_verb`)
or is said in the future ("The bubbles will ... dissipate", :func:`future_description`); or it
states a condition ("Once lysed, ...", :func:`not_instructed`). Section headings and
statements of fact are :mod:`autodsl.pdg.prose`'s.
:func:`attach_notes` keeps each such action as a note on a neighbouring operation, so nothing
the text says is lost.

>>> on_note_line("Spin.\\nNote: keep it on ice.", 12), on_note_line("Spin. Keep it on ice.", 6)
(True, False)
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from autodsl.diagnostics import Diagnostic
from autodsl.extract.models import Action
from autodsl.pdg.model import PDG
from autodsl.pdg.prose import HEADING

__all__ = ["in_parentheses", "on_note_line", "advice", "not_instructed", "future_description", "reads_as_a_verb", "attach_notes"]

# a line the text marks as a note beside the steps ("Note: keep the buffer on ice"); X-WLP's
# gold has no operation on such lines
_NOTE_LINE = re.compile(r"[ \t]*(?:\d+[.)][ \t]*)?[*_]*[ \t]*(?:notes?|nb|n\.b\.|tips?|caution|warning|important)"
                        r"[*_]*[ \t]*[:!-]", re.IGNORECASE)


def on_note_line(text: str, start: int) -> bool:
    """Whether ``start`` lies on a line the text marks as a note ("Note:", "Important:", "Caution:")."""
    return _NOTE_LINE.match(text, text.rfind("\n", 0, start) + 1) is not None


def in_parentheses(text: str, start: int) -> bool:
    """Whether ``start`` lies inside a parenthesis opened earlier on its line: a remark beside
    the step ("(for 100 ml add 6.5 g NaCl)", "(evaporate residual ethanol)"), not one of its
    operations (X-WLP's gold has 7 of 2,863 operations there).

    >>> in_parentheses("Add salt (for 100 ml add 6.5 g).", 13), in_parentheses("Add (5 ml) salt, mix.", 17)
    (True, False)
    """
    line = text[text.rfind("\n", 0, start) + 1 : start]
    return line.count("(") > line.count(")")


# what a clause says before its verb when it offers another way rather than instructs: "Samples
# may also be stored at -80 C", "70 % ethanol may also be used". A bare "may be stored" stays a
# step: X-WLP's gold has operations there ("Stocks may be kept for 1 year"), and "be careful
# to leave ..." too (measured on flow: both cost more than they gain); "not to leave" is a
# prohibition (:func:`autodsl.pdg.structure.non_operation`)
_MAY = re.compile(r"\b(?:may|can|could|might)\s+(?:also|alternatively|optionally|instead)\s+"
                  r"(?:be\s+(?:\w+ly\s+)?)?$", re.IGNORECASE)
# a past report of how something was had or found, not a step: "were purchased from Sigma",
# "16 % PEG was found to be better"
_REPORT = re.compile(r"\b(?:was|were)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_REPORT_VERBS = frozenset({"purchase", "buy", "order", "obtain", "receive", "supply", "provide", "donate", "gift",
                           "find", "observe", "show", "report", "describe", "publish", "know", "note"})


def advice(text: str, action: Action) -> str | None:
    """Why an action is advice or a report rather than a step, or None: another way offered
    ("Samples may also be stored at -80 C", "... can alternatively be used"), or a past report
    of where something came from or what was found ("were purchased from Sigma", "was found to
    be better"). Methods written in the past ("Cells were washed twice") stay steps.

    >>> from autodsl.extract.models import Action
    >>> t = "Samples may also be stored at -80 C. Store at 4 C. PEG was found to be better."
    >>> [advice(t, Action(id="A", start=s, end=s + len(w), text=w, lemma=l, step=1))
    ...  for s, w, l in ((20, "stored", "store"), (37, "Store", "store"), (59, "found", "find"))]
    ['advice', None, 'a report']
    """
    line_start = max(text.rfind("\n", 0, action.start), text.rfind(". ", 0, action.start)) + 1
    before = text[line_start:action.start]
    if _MAY.search(before):
        return "advice"
    head = action.lemma.split()[0] if action.lemma.split() else ""
    if _REPORT.search(before) and head in _REPORT_VERBS:
        return "a report"
    return None


# a participle that states when the next step starts: "Once thoroughly lysed, transfer ...",
# "When cooled, add ..." (X-WLP's gold has no operation on "Once cooled," on half 0)
_CONDITION = re.compile(r"\b(?:once|when|after|as soon as)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_CONDITION_END = re.compile(r"\s*[,(]")


def not_instructed(text: str, action: Action) -> str | None:
    """Why an action states a condition for the next step rather than instructs, or None:
    "Once thoroughly lysed, transfer ...", "When cooled, add ...".

    >>> from autodsl.extract.models import Action
    >>> t = "Once thoroughly lysed, transfer it. Lyse cells."
    >>> [not_instructed(t, Action(id="A", start=s, end=s + len(w), text=w, lemma="lyse", step=1))
    ...  for s, w in ((16, "lysed"), (36, "Lyse"))]
    ['a condition', None]
    """
    line_start = text.rfind("\n", 0, action.start) + 1
    written = text[action.start:action.end].lower()
    if (written.endswith(("ed", "en")) and _CONDITION.search(text[line_start:action.start])
            and _CONDITION_END.match(text, action.end)):
        return "a condition"
    return None


# "will" earlier in the sentence, not said to the reader ("you will", "we will")
_WILL = re.compile(r"(?<!\byou )(?<!\bwe )\bwill\b[^.;:!?\n]*$", re.IGNORECASE)


def future_description(text: str, action: Action) -> bool:
    """Whether an action the domain does not know is said in the future, describing what will
    happen rather than instructing: "The bubbles will rise to the top and *dissipate*", "the
    program will automatically blur and *threshold* the image". Only for verbs no operation of
    the domain takes: "Bravo will *add* the beads" or "Each sample will be *split*" are steps
    written in the future, and X-WLP keeps them.

    >>> from autodsl.extract.models import Action
    >>> t = "The bubbles will rise and dissipate. You will dissipate it."
    >>> [future_description(t, Action(id="A", start=s, end=s + 9, text="dissipate", lemma="dissipate", step=1))
    ...  for s in (26, 50)]
    [True, False]
    """
    return _WILL.search(text[max(0, action.start - 100):action.start]) is not None


# words after which a base-form word opens a clause of its own ("..., then mince the tissue")
_CLAUSE_OPENERS = re.compile(r"(?:^|[.;:,!?()\n]|\b(?:and|or|then|to|and then|please|first|next|now|finally|"
                             r"again|\w+ly))\s*$", re.IGNORECASE)


def reads_as_a_verb(text: str, action: Action, head: str) -> bool:
    """Whether an action whose verb the domain does not know reads as a verb in the text, so
    that an opcode the domain lacks is worth an error: a word the lab-verb lexicon or another
    bundled domain knows as a verb, one the text inflects as a verb ("minced", "mincing"), or a
    base form opening a clause that does not look like a noun ("Mince the tissue"; not
    "Veins", "Tower", "Loss of ...").

    >>> from autodsl.extract.models import Action
    >>> t = "1. Mince the tissue. Veins were tied. The tower holds 2 mL."
    >>> [reads_as_a_verb(t, Action(id="A", start=s, end=s + len(w), text=w, lemma=w.lower(), step=1), w.lower())
    ...  for s, w in ((3, "Mince"), (21, "Veins"), (42, "tower"))]
    [True, False, False]
    """
    from autodsl.extract.lemma import LAB_VERBS
    from autodsl.induce.verbs import could_be_imperative, inflected_verb

    if head in LAB_VERBS or head in _bundled_verbs():
        return True
    written = text[action.start:action.end].split()
    first = written[0].lower() if written else ""
    if inflected_verb(first, head):
        return True
    before = text[max(0, action.start - 40):action.start]
    before = re.sub(r"^\s*(?:\d+[.)]|[-*•])\s*", "", before.rsplit("\n", 1)[-1]) if "\n" in before else before
    following = text[action.end:action.end + 40].split()[:1]
    return bool(_CLAUSE_OPENERS.search(before)) and could_be_imperative(first, [w.lower() for w in following])


@lru_cache(maxsize=1)
def _bundled_verbs() -> frozenset[str]:
    """Head words of every verb the bundled domains' DSLs name (their operations and ignored verbs)."""
    from autodsl.errors import SpecError
    from autodsl.induce.registry import available_domains, get_spec

    verbs: set[str] = set()
    for domain in available_domains():
        try:
            spec = get_spec(domain)
        except SpecError:
            continue
        verbs |= {v.split()[0] for op in spec.operations for v in op.verbs if v}
        verbs |= {v.split()[0] for v in spec.ignored_verbs if v}
    return frozenset(verbs)


def attach_notes(pdg: PDG, ops: list[tuple[str, Action]], notes: list[tuple[Action, str]]) -> None:
    """Keep each non-operation as a note on the operation before it (else the one after); a
    heading introduces what follows it, so it is a note on the operation after it (else the
    one before)."""
    starts = [a.start for _, a in ops]  # ops are in text order
    for action, reason in notes:
        before = bisect.bisect_left(starts, action.start)  # operations starting before the note
        if reason == HEADING and before < len(ops):
            target: str | None = ops[before][0]
        else:
            target = ops[before - 1][0] if before else (ops[0][0] if ops else None)
        sentence = " ".join(pdg.text[action.start : action.end].split())
        pdg.diagnostics.append(Diagnostic(
            code="not-an-operation", severity="info", start=action.start, end=action.end, node=target,
            message=f"'{sentence}' is {reason}; kept as a note, not as an operation",
            hint="rephrase it as a lab operation if it is one, or pick another domain with --domain",
        ))
        if target is None:
            continue
        node = pdg.graph.nodes[target]
        said = f"{reason}: {sentence}"
        node["comment"] = f"{node['comment']}; {said}" if node.get("comment") else said
