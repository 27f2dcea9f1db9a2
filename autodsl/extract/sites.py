"""A post-rule over the linker's roles: the place a placing verb puts its object is its Site.

The role linker scores each (action, span) pair on its own, from features learned on WLP.
Where WLP's prose rarely writes a destination the way another protocol does, the linker
leaves the span without a role: "Add 1 ml antibody to the particle pellet" (a product word
typed Reagent), "Load 0.7 ml of buffer to the reference cells". The translator then has no
destination (``site: unknown``). :func:`place_sites` gives such a span the Site role when

- the action is a placing verb (:data:`PLACING_LEMMAS`: add, transfer, load, inject, ...)
  and has no Site yet;
- the span comes after the action's object (a span the linker made its Acts-on) in the
  same clause (no other action, and no ";" or ":" between) and is the first thing-span
  (:data:`PLACE_TYPES`, whatever the type: "pellet" is a Reagent) after that object
  introduced by "to", "into", "onto" or "in" (:data:`INTRODUCERS`), with at most a
  determiner or two in between ("to the", "into a new", "in each"), or by "on" when the
  span's head is a surface (:data:`SURFACE_WORDS`: "plate the cells on LB agar", "load the
  probes on an RNA gel"; not "on ice");
- the linker gave the pair no role, or made it a second Acts-on ("Insert the tube into the
  oral cavity": what comes after "into", past the object, is not what is inserted).

>>> from autodsl.extract.linker import NO_ROLE, PairContext, Span, candidate_pairs
>>> words = "Add 1 ml antibody to the particle pellet".split()
>>> spans = [Span(0, "A", "Action", 0, 3, 0, 1, 0, 0, "add"),
...          Span(1, "E", "Amount", 4, 8, 0, 1, 1, 2, "ml"),
...          Span(2, "E", "Reagent", 9, 17, 0, 1, 3, 3, "antibody"),
...          Span(3, "E", "Reagent", 25, 40, 0, 1, 6, 7, "pellet")]
>>> pairs = candidate_pairs(spans)
>>> place_sites(pairs, [NO_ROLE, "Acts-on", NO_ROLE], PairContext.of(spans, {0: words}))
['none', 'Acts-on', 'Site']
"""

from __future__ import annotations

from typing import Sequence

from autodsl.extract.linker import NO_ROLE, PairContext, Span

__all__ = ["place_sites", "PLACING_LEMMAS", "INTRODUCERS", "PLACE_TYPES", "SURFACE_WORDS"]

# Verbs whose object ends up somewhere: the place after "to/into/onto/in" is where.
PLACING_LEMMAS = frozenset(
    "add transfer load inject pipette pour dispense aliquot place put apply spread plate pool move "
    "decant deposit seed inoculate introduce insert spot overlay layer streak mount dip "
    "immerse submerge return".split()
)
# Prepositions that introduce a destination.
INTRODUCERS = frozenset({"to", "into", "onto", "in"})
# Heads of surfaces a placing verb puts things "on" ("spread on LB agar", "mount on a slide"):
# only these make "on" a destination.
SURFACE_WORDS = frozenset(
    "plate plates dish dishes slide slides agar membrane membranes coverslip coverslips coverglass "
    "filter filters grid grids gel gels".split()
)
# Words that may stand between the preposition and the span ("to the", "into a new", "in each").
_GAP_WORDS = frozenset(
    "the a an each every one all both this that these those its their another new fresh clean "
    "separate same empty second".split()
)
_MAX_GAP = 6  # words between the introducer and the place
# Spans that name a thing (what can hold or receive material), whatever the tagger typed them.
PLACE_TYPES = frozenset({"Reagent", "Location", "Device", "Mention", "Seal"})
# Words that end a clause inside a sentence.
_CLAUSE_BREAKS = frozenset({";", ":"})
_FINITE_VERBS = frozenset("is are was were be been being has have had".split())
_CONJUNCTIONS = frozenset({"and", "or", "then"})
_VERB_ENDINGS = ("ing", "ed")


def place_sites(pairs: Sequence[tuple[Span, Span, str]], roles: Sequence[str], context: PairContext) -> list[str]:
    """``roles`` (the linker's, one per pair of ``pairs``) with the rule above applied: a
    pair whose span is where a placing verb puts its object gets ``Site``."""
    out = list(roles)
    by_action: dict[int, dict[int, int]] = {}  # action index -> span index -> pair position
    for k, (a, s, scope) in enumerate(pairs):
        if scope == "same" and a.lemma in PLACING_LEMMAS:
            by_action.setdefault(a.index, {})[s.index] = k
    for action_index, positions in by_action.items():
        if any(out[k] == "Site" for k in positions.values()):
            continue
        k = _destination(context.spans[action_index], positions, out, context)
        if k is not None:
            out[k] = "Site"
    return out


def _destination(a: Span, positions: dict[int, int], roles: Sequence[str], context: PairContext) -> int | None:
    """The pair position of the span where ``a`` puts its object, or None."""
    words = context.words.get(a.sequence, [])
    at: dict[int, Span] = {}  # token -> the span of a's sentence after a that covers it
    obj: Span | None = None
    spans = context.spans
    for i in range(a.index + 1, len(spans)):  # a range, not a slice: no copy per action
        s = spans[i]
        if s.sequence != a.sequence:
            break
        at.update(dict.fromkeys(range(s.first, s.last + 1), s))
        k = positions.get(s.index)
        if obj is None and s.kind == "E" and k is not None and roles[k] == "Acts-on":
            obj = s
    if obj is None:
        return None
    # the first introducer after the object, in the same clause (no action, no clause break,
    # no comma outside brackets: "apply the antibodies, on this step use BSA in TBS")
    depth = 0
    j = obj.last + 1
    while j < len(words):
        word = words[j]
        covering = at.get(j)
        if covering is not None and covering.kind == "A" or word in _CLAUSE_BREAKS or word == "," and depth == 0:
            return None
        if covering is None and (word in _FINITE_VERBS or words[j - 1] in _CONJUNCTIONS and word.endswith(_VERB_ENDINGS)):
            return None  # a clause of its own: "by pipetting and ensuring beads are attached to the side"
        if word == "in" and "of" in words[obj.last + 1 : j]:
            return None  # "a solution of Tween in TBS": the "in" describes what the object holds
        depth += (word == "(") - (word == ")")
        if word in INTRODUCERS and depth == 0 and covering is None:
            return _place_after(j, words, at, positions, roles)
        if word == "on" and depth == 0 and covering is None:
            # "Plate the cells on LB agar": a surface things are put on; "on ice" is no destination
            k = _place_after(j, words, at, positions, roles, SURFACE_WORDS)
            if k is not None:
                return k
        j += 1
    return None


def _place_after(j: int, words: Sequence[str], at: dict[int, Span], positions: dict[int, int],
                 roles: Sequence[str], heads: frozenset[str] | None = None) -> int | None:
    """The pair position of the place after the introducer at token ``j`` (whose head is one of
    ``heads``, when given), or None."""
    # determiners and the words of settings ("to a 1.5 ml tube"), then the place
    for i in range(j + 1, min(j + 1 + _MAX_GAP, len(words))):
        covering = at.get(i)
        if covering is None:
            if words[i] in _GAP_WORDS:
                continue
            return None
        if covering.type in PLACE_TYPES and covering.first == i:
            if heads is not None and covering.lemma not in heads:
                return None
            k = positions.get(covering.index)
            return k if k is not None and roles[k] in (NO_ROLE, "Acts-on") else None
        if covering.kind == "A" or covering.type in PLACE_TYPES:
            return None
    return None
