"""Which Location phrases name a container, and which only say where or how.

WLP marks as a Location every phrase of place: "in *the dark*", "on *top* of the soft agar",
"from *underneath* the coverglass", "into *small pieces*", "cool the rotor *well* in advance".
Stage 3 (:mod:`autodsl.pdg.link`) makes a ``container`` of each container it is told of, so
these phrases are sorted first:

* a position or part of something (top, bottom, side, end, surface …) is a place only as
  "the top *of the tube*": then the tube is the container; else no container;
* a condition ("in the dark", "at room temperature") is the work's condition, kept in its
  slot as written, not a container;
* a form ("into small pieces") is what a product becomes, not where it goes;
* a generic word of place ("the desired location") names no container of its own;
* "well" is a container only as a noun ("each well", "the wells"), never the adverb
  ("well in advance", "mix well").

A Device whose head is a medium or buffer ("Advanced DMEM/F12") is a reagent the tagger
mistyped, not a device: :func:`is_device` says so.

>>> from autodsl.extract.models import Entity
>>> text = "Spot it on top of the soft agar. Keep on top of the tube in the dark."
>>> def place(word, at=0):
...     start = text.index(word, at)
...     return Entity(id="T", type="Location", start=start, end=start + len(word), text=word)
>>> container_phrase(text, place("top")) is None, container_phrase(text, place("dark")) is None
(True, True)
>>> c = container_phrase(text, place("top", 20))
>>> c.text, text[c.start:c.end]
('tube', 'tube')
"""

from __future__ import annotations

import re

from autodsl.extract.models import Entity
from autodsl.pdg.lexicon import CONTAINER_WORDS, mention, mention_in

__all__ = ["POSITION_WORDS", "CONDITION_WORDS", "FORM_WORDS", "GENERIC_PLACE_WORDS", "container_phrase",
           "is_adverb_well", "is_device", "names_container"]

# Parts and positions of a thing: a place only as the part of a container named after "of".
POSITION_WORDS = frozenset(
    "top bottom underneath beneath side end surface edge middle center centre rim corner "
    "inside outside interior exterior front back wall hole".split())
# Conditions the work is done in, not a vessel.
CONDITION_WORDS = frozenset({"dark", "darkness", "light", "shade", "temperature", "rt"})
# What a product is cut or broken into: its form, not a place.
FORM_WORDS = frozenset({"piece", "fragment", "chunk", "bit", "slice"})
# Words that say "somewhere" without naming a container of their own.
GENERIC_PLACE_WORDS = frozenset({"location", "position", "place", "spot", "area"})
# Head words and names of media and buffers: what the tagger sometimes types a Device.
_REAGENT_HEADS = frozenset({"medium", "media", "buffer", "solution", "reagent", "serum", "supplement",
                            "mixture", "broth", "dmem", "rpmi", "f12", "pbs"})
# "top of the tube", "the bottom of each well": what the position is a part of
# (within one line: a step's end is no part of the phrase)
_OF_PHRASE = re.compile(r"[^\S\n]+of[^\S\n]+((?:(?:the|a|an|each|every|this|that|these|those|its|their)[^\S\n]+)?"
                        r"[^\W\d][\w./'-]*(?:[^\S\n]+[\w./'-]+){0,3})", re.IGNORECASE)
# "the plate bottom", "tube wall": a container word before the position word names the container
_CONTAINER_BEFORE = re.compile(r"^(.*?\b(?:" + "|".join(sorted(CONTAINER_WORDS)) + r"))\s+\S", re.IGNORECASE)
_PHRASE_END = re.compile(r"\s+(?:and|or|with|in|into|on|onto|at|for|to|from|by|until|using|of|so|then)\b",
                         re.IGNORECASE)
# ("the well before use" is the noun: a bare "before" says nothing)
_ADVANCE_AFTER = re.compile(r"\s+(?:in\s+advance|ahead\s+of|beforehand)\b", re.IGNORECASE)
# words before a bare "well" that make it a noun ("to well 3", "per well", "one well")
_NOUN_BEFORE_WELL = re.compile(r"(?:\b(?:to|into|in|from|of|per|each|every|one|the|a|another|same|new|empty|"
                               r"first|second|last|next|top|bottom|its|their|this|that|designated|corresponding|"
                               r"respective|appropriate|adjacent|individual|single|coated|\d+)\s*$)", re.IGNORECASE)
# after a bare "well": "well 3", "well A1", "the well of a plate" make it the noun
_NOUN_AFTER_WELL = re.compile(r"\s+(?:of\b|[A-H]?\d+\b)")


def names_container(text: str, entity: Entity) -> bool:
    """Whether a Location (or Seal) phrase names a container of its own: not a position, a
    condition, a form, a generic place or the adverb "well".

    >>> text = "Mix well. Add it to each well. Incubate in the dark. Cut into small pieces. Plate a coated well of"
    >>> spans = [(text.index(w, at), text.index(w, at) + len(w))
    ...          for w, at in (("well", 0), ("well", 10), ("dark", 0), ("small pieces", 0), ("well", 90))]
    >>> [names_container(text, Entity(id="T", type="Location", start=a, end=b, text=text[a:b])) for a, b in spans]
    [False, True, False, False, True]
    """
    m = mention_in(text, entity.start, entity.end)
    head = m.head
    if head in POSITION_WORDS | CONDITION_WORDS | FORM_WORDS | GENERIC_PLACE_WORDS:
        return False
    return not is_adverb_well(text, entity)


def is_adverb_well(text: str, entity: Entity) -> bool:
    """Whether a span ending in "well" holds the adverb: "well in advance" ("on [ice well] in
    advance"), or a bare "well" after no determiner, preposition or number ("mix [well]").

    >>> text = "Mix well. Add it to each well."
    >>> [is_adverb_well(text, Entity(id="T", type="Location", start=a, end=a + 4, text="well"))
    ...  for a in (text.index("well"), text.rindex("well"))]
    [True, False]
    """
    words = entity.text.lower().split()
    if not words or words[-1] != "well":
        return False
    if _ADVANCE_AFTER.match(text, entity.end):
        return True
    m = mention_in(text, entity.start, entity.end)
    return len(words) == 1 and not (m.definite or m.indefinite or _NOUN_AFTER_WELL.match(text, entity.end)
                                    or _NOUN_BEFORE_WELL.search(text[max(0, entity.start - 16):entity.start]))


def container_phrase(text: str, entity: Entity) -> Entity | None:
    """The container a Location phrase puts the work in: the phrase itself when it names one,
    the container after "of" when it names a position of one ("the top of the tube"), else
    None (a position of a material, a condition, a form; see the module docstring).

    >>> text = "Collect the beads at the bottom of the tube."
    >>> at = text.index("bottom")
    >>> container_phrase(text, Entity(id="T1", type="Location", start=at, end=at + 6, text="bottom")).text
    'tube'
    >>> container_phrase("Keep on ice well in advance.", Entity(id="T4", type="Location", start=8, end=16,
    ...                                                        text="ice well")).text
    'ice'
    >>> container_phrase("Seal the top of the tube well.", Entity(id="T3", type="Location", start=9, end=12,
    ...                                                          text="top")).text
    'tube'
    >>> container_phrase("Scrape the plate bottom.", Entity(id="T2", type="Location", start=11, end=23,
    ...                                                     text="plate bottom")).text
    'plate'
    """
    if names_container(text, entity):
        return entity
    if is_adverb_well(text, entity) and " " in entity.text.strip():
        kept = entity.text.rstrip()[:-4].rstrip()  # "on [ice well] in advance": the ice
        return entity.model_copy(update={"end": entity.start + len(kept), "text": kept})
    if mention_in(text, entity.start, entity.end).head not in POSITION_WORDS:
        return None
    before = _CONTAINER_BEFORE.match(entity.text)
    if before is not None:
        return entity.model_copy(update={"end": entity.start + len(before.group(1)), "text": before.group(1)})
    found = _OF_PHRASE.match(text, entity.end)
    if found is None:
        return None
    phrase_start, phrase = found.start(1), found.group(1)
    stop = _PHRASE_END.search(phrase)
    # "the bottom of the wells/tubes": the first of the containers named
    phrase = re.split(r"[,;:()/]", phrase[:stop.start()] if stop else phrase)[0].rstrip(" .")
    if re.search(r"\s+well$", phrase, re.IGNORECASE) and mention(phrase[:-5]).head in CONTAINER_WORDS:
        phrase = phrase[:-5].rstrip()  # "Seal the top of the jar well": the adverb
    of = mention(phrase)
    if of.head not in CONTAINER_WORDS:
        return None
    # the container is the noun phrase without its article, as the tagger spans one
    article = re.match(r"(?:the|a|an|each|every|this|that|these|those|its|their)\s+", phrase, re.IGNORECASE)
    skip = article.end() if article else 0
    return entity.model_copy(update={"start": phrase_start + skip, "end": phrase_start + len(phrase),
                                     "text": phrase[skip:], "type": "Location"})


def is_device(entity: Entity) -> bool:
    """Whether a phrase typed Device names equipment, not a medium or buffer the tagger mistyped.

    >>> [is_device(Entity(id="T", type="Device", start=0, end=len(t), text=t))
    ...  for t in ("Advanced DMEM/F12", "culture medium", "microcentrifuge")]
    [False, False, True]
    """
    return mention(entity.text).head not in _REAGENT_HEADS
