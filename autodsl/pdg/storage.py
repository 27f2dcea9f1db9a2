"""Storage verbs: keeping a material somewhere until it is needed takes no duration.

"Store at 4 °C", "stored at -20 °C until use", "hold at 12 °C" (the end of a PCR program),
"keep just above solidification temperature until use": the material stays there until the
next step wants it, so a missing time is no gap in the protocol and no ``unknown-parameter``
is reported for it (:func:`autodsl.pdg.slots.fill_required`; the slot itself stays a known
unknown where the domain requires it, so the program still checks). The class is one of verbs, not
of opcodes: a domain may put *store* into the same operation as *incubate*, whose time is
required. Where the text does bound the storage ("up to a week") the slot is filled as
usual.

>>> needs_no_time("store"), needs_no_time("keep on"), needs_no_time("incubate")
(True, True, False)
"""

from __future__ import annotations

__all__ = ["STORAGE_VERBS", "needs_no_time"]

# lemmas whose action is to keep a material until use; "freeze" and "refrigerate" store cold
STORAGE_VERBS: frozenset[str] = frozenset({"store", "keep", "hold", "freeze", "refrigerate", "preserve"})


def needs_no_time(verb: str) -> bool:
    """Whether ``verb`` (a lemma, maybe with a particle: "keep on") stores a material, so that
    its duration is not a required parameter."""
    words = verb.lower().split()
    return bool(words) and words[0] in STORAGE_VERBS
