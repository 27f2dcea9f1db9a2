"""How much a container holds, as the text states it.

A protocol gives a container's capacity in its name ("50 ml Falcon tube", "Collection Tube
(2 ml)") or, most often, as a volume right before the container noun ("a 0.5 ml tube",
"a 1.5-mL microcentrifuge tube", "a 15 ml conical tube"). The extractor tags the latter
volume as an Amount (or Size) next to a Location, so two readers need the rule: stage 3
(:mod:`autodsl.pdg.link`) reads the capacity, and stage 1 (:mod:`autodsl.pdg.structure`)
must not take that volume for the amount an operation moves (:func:`sizes_container`).

Between the volume and the container noun may stand up to two words that are no function
word ("microcentrifuge", "conical", "new", "PCR"); "Add 1 ml to the tube" states no
capacity, and "a 96-well plate" states none either (no volume).

>>> text = "Add 1 ml buffer to a 0.5 ml tube."
>>> capacity_before(text, text.index("tube")), sizes_container(text, text.index(" tube"))
({'value': 500.0, 'unit': 'uL'}, True)
>>> capacity_before("Add 1 ml to the tube.", 16), sizes_container("Add 1 ml to the tube.", 8)
(None, False)
"""

from __future__ import annotations

import re
from typing import Any

from autodsl.errors import QuantityError
from autodsl.pdg.lexicon import CONTAINER_WORDS

__all__ = ["capacity_of", "capacity_before", "sizes_container"]

# words that end a container's name from the left: what comes before them is no size of it
_FUNCTION_WORDS = frozenset(
    "of to into in a an the and or with from for per each at on onto by then until containing plus".split()
)
_WORD = re.compile(r"[A-Za-z][\w-]*")
_WINDOW = 40
_DEFINITE = re.compile(r"\b(?:the|these|those)\s+$", re.I)


def _volume_in_uL(q: Any) -> dict[str, Any]:
    value = q.value[1] if isinstance(q.value, tuple) else q.value
    return {"value": float(value), "unit": "uL"}


def capacity_of(text: str) -> dict[str, Any] | None:
    """The capacity a container's name states ('1.5 ml tube', 'Collection Tube (2 ml)'), in uL.

    >>> capacity_of("50 ml Falcon tube"), capacity_of("the tube")
    ({'value': 50000.0, 'unit': 'uL'}, None)
    """
    from autodsl.units import find_quantities

    for q in find_quantities(text):
        if q.dimension == "volume":
            return _volume_in_uL(q)
    return None


def _modifiers(gap: str, at_most: int) -> list[str] | None:
    """The words of ``gap`` when it is only whitespace, hyphens and up to ``at_most`` content
    words, else None."""
    words = _WORD.findall(gap)
    if len(words) > at_most or _WORD.sub("", gap).strip(" \t-"):
        return None
    if any(w.lower() in _FUNCTION_WORDS for w in words):
        return None
    return words


def capacity_before(text: str, start: int) -> dict[str, Any] | None:
    """The capacity, in uL, written right before a container mention that starts at ``start``
    ("a [0.5 ml] tube", "a [1.5-mL] microcentrifuge tube"), else None."""
    from autodsl.units import find_quantities

    window = text[max(0, start - _WINDOW):start]
    try:
        found = find_quantities(window)
    except QuantityError:
        return None
    if not found:
        return None
    last = found[-1]
    if last.dimension != "volume" or _modifiers(window[last.end:], 2) is None:
        return None
    size = _volume_in_uL(last)
    if _filled_earlier(text, start - len(window) + last.start, start, size["value"]):
        return None
    return size


def _container_word(text: str) -> str | None:
    """The first container noun among the first three words of ``text``, singular."""
    for word in list(_WORD.finditer(text))[:3]:
        lower = word.group().lower()
        for form in (lower, lower.rstrip("s")):
            if form in CONTAINER_WORDS:
                return form
    return None


def _filled_earlier(text: str, before: int, start: int, volume_uL: float) -> bool:
    """Whether the volume before the container mention at ``start`` is what an earlier step put
    into containers of that noun: "Aliquot [4 mL] of soft agar into sterile tubes" ... "the
    [4 mL] tubes" names the tubes by their fill, not by their size. The earlier volume must be
    an amount moved (no size of a container itself) and be followed, within its sentence, by
    "into"/"to"/"in" and the same container noun; the later mention must be definite.

    >>> s = "Add 4 mL agar to a flask. Add 200 µL culture to a 4 mL tube."
    >>> _filled_earlier(s, s.index("4 mL tube"), s.rindex("tube"), 4000.0)
    False
    >>> t = "Aliquot 4mL of agar into sterile tubes. Add 200 µL culture to the 4 mL tubes."
    >>> _filled_earlier(t, t.index("4 mL"), t.rindex("tubes"), 4000.0)
    True
    >>> capacity_before(t, t.rindex("tubes")) is None
    True
    """
    from autodsl.units import find_quantities

    # only a re-mention ("the 4 mL tubes") names containers by what they hold; "a 5 mL tube",
    # "filter cap of 5 mL tube", "2-ml deep-well plate" state sizes
    noun = _container_word(text[start:start + _WINDOW])
    if noun is None or not _DEFINITE.search(text[max(0, before - 12):before]):
        return False
    try:
        earlier = find_quantities(text[:before])
    except QuantityError:
        return False
    for q in earlier:
        if q.dimension != "volume" or _volume_in_uL(q)["value"] != volume_uL or sizes_container(text, q.end):
            continue
        sentence = re.split(r"[.;\n]", text[q.end:before], maxsplit=1)[0]
        for place in re.finditer(r"\b(?:into|to|in)\s+", sentence):
            if _container_word(sentence[place.end():]) == noun:
                return True
    return False


def sizes_container(text: str, end: int, container_start: int | None = None) -> bool:
    """Whether a volume ending at ``end`` is the size of a container named right after it.

    The container is a mention starting at ``container_start`` when the caller knows one
    (an extracted Location), else the first container word within the next three words.
    """
    after = text[end:end + _WINDOW]
    if container_start is not None and end <= container_start <= end + _WINDOW:
        return _modifiers(text[end:container_start], 2) is not None
    for i, word in enumerate(list(_WORD.finditer(after))[:3]):
        lower = word.group().lower()
        if lower in CONTAINER_WORDS or lower.rstrip("s") in CONTAINER_WORDS:
            return _modifiers(after[:word.start()], i) is not None
    return False
