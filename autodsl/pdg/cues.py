"""Control-structure cues in protocol text: repeats, conditions, optional and parallel work.

Stage 1 of the PDG (:mod:`autodsl.pdg.structure`) reads these cues from the sentence an
operation stands in. Each recogniser is a small regular expression over plain English as
protocols write it; what a cue means for the graph is decided in ``structure``, not here.

>>> find_repeat("Repeat steps 3-5 twice.")
RepeatCue(first_step=3, last_step=5, count=2, relative=None, target=None)
>>> find_repeat("Repeat the phenol extraction two times.").target
'extraction'
>>> find_condition("If the pellet is not visible, spin again.")
'the pellet is not visible'
>>> is_optional("Optional: add 10 ul RNase A."), find_parallel("Meanwhile, prepare the gel.")
(True, 'meanwhile')
>>> find_step_reference("Centrifuge as in step 4."), count_word("three")
(4, 3)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "RepeatCue",
    "find_repeat",
    "repeat_instruction",
    "same_operation",
    "find_times",
    "times_phrase",
    "find_condition",
    "negate",
    "condition_after",
    "is_optional",
    "find_parallel",
    "find_step_reference",
    "count_word",
]

_COUNT_WORDS = {
    "once": 1, "one": 1, "twice": 2, "two": 2, "thrice": 3, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}
_NUMBER = r"(?:\d+|once|twice|thrice|one|two|three|four|five|six|seven|eight|nine|ten)"
_DASH = r"\s*(?:-|–|—|to|through|and)\s*"


def count_word(word: str) -> int | None:
    """The number a count word or numeral stands for ('twice' -> 2, '3' -> 3), else None.

    >>> count_word("twice"), count_word("12"), count_word("many")
    (2, 12, None)
    """
    w = word.lower().strip()
    if w.isdigit():
        return int(w)
    return _COUNT_WORDS.get(w)


@dataclass(frozen=True)
class RepeatCue:
    """A 'repeat' instruction: the steps it names (if any) and how often they run again.

    ``count`` is the number of *further* runs the sentence asks for ("repeat twice" -> 2),
    ``None`` when the text gives no number (then one further run is meant). ``relative`` is
    ``"previous"`` for "repeat (this|the last|the previous) step(s)" and similar. ``target``
    is the work named instead of steps, the head of its phrase ("repeat *the wash* twice" ->
    ``"wash"``, "repeat the phenol *extraction*" -> ``"extraction"``), lower case.
    """

    first_step: int | None
    last_step: int | None
    count: int | None
    relative: str | None
    target: str | None = None


_REPEAT = re.compile(r"\brepeat(?:ed|ing)?\b", re.IGNORECASE)
_STEP_RANGE = re.compile(rf"\bsteps?\s*(\d+){_DASH}(\d+)\b|\bsteps?\s*(\d+)\b|^\s*repeat\s+(\d+){_DASH}(\d+)\b",
                         re.IGNORECASE)
_FURTHER = re.compile(rf"\b({_NUMBER})\s*(?:more|additional|further)?\s*(?:times?|x)\b|\b(once|twice|thrice)\b",
                      re.IGNORECASE)
_RELATIVE = re.compile(r"\b(this|these|the last|the previous|the above|last|previous|above)\b", re.IGNORECASE)
# "repeat [the|this|...] [previous|same|...] <noun phrase>": the phrase's head names the work
# to repeat ("the phenol extraction" -> "extraction"); the phrase ends at a word no noun of it is
_TARGET = re.compile(r"^repeat(?:ing)?\s+(?:(?:the|this|that|these|those|each|every|all|your)\s+)?"
                     r"(?:(?:previous|last|above|same|entire|whole|final|first|second)\s+)?"
                     r"([a-z][a-z-]+(?:\s+[a-z][a-z-]+){0,2})", re.IGNORECASE)
_PHRASE_END = frozenset("from with in for at on to using until and or of by".split())
# nouns after "repeat" that name no operation: steps, the whole procedure, counts, pronouns
_NOT_TARGET = frozenset(
    "step steps procedure procedures process processes protocol cycle cycles above previous it this these "
    "them that once twice thrice until for with as from again more one two three four five six seven eight "
    "nine ten times sequence series".split()
)


def find_repeat(sentence: str) -> RepeatCue | None:
    """The repeat instruction in ``sentence``, or None when it has none."""
    m = _REPEAT.search(sentence)
    if m is None:
        return None
    rest = sentence[m.start():]
    first = last = None
    rng = _STEP_RANGE.search(rest)
    if rng:
        if rng.group(1):
            first, last = int(rng.group(1)), int(rng.group(2))
        elif rng.group(3):
            first = last = int(rng.group(3))
        else:
            first, last = int(rng.group(4)), int(rng.group(5))
        if last < first:
            first, last = last, first
    count = None
    further = _FURTHER.search(rest)
    if further:
        count = count_word(further.group(1) or further.group(2))
    relative = "previous" if first is None and _RELATIVE.search(rest) else None
    target = None
    named = _TARGET.search(rest) if first is None else None
    if named:
        phrase: list[str] = []
        for word in named.group(1).lower().split():
            if word in _NOT_TARGET or word in _PHRASE_END or word.endswith("ly"):
                break
            phrase.append(word)
        target = phrase[-1] if phrase else None
    return RepeatCue(first_step=first, last_step=last, count=count, relative=relative, target=target)


# "repeat" as an instruction: first in its sentence (after a step label) or after a clause
# break or "then"/"and"; not "repeated freeze-thaw cycles", not "do not repeat"
_INSTRUCTION = re.compile(r"(?:^|[.;:,]\s*|\b(?:then|and|please|next)\s+)(?:\(?\d+[.)]\s*)?(repeat)\b(?!ed|ing)",
                          re.IGNORECASE)


def repeat_instruction(sentence: str) -> int | None:
    """Offset of the word "repeat" where ``sentence`` instructs to repeat work, else None.

    The sentence itself decides, whatever the extractor tagged in it.

    >>> repeat_instruction("Repeat steps 3\u20134 twice."), repeat_instruction("Spin, then repeat once more.")
    (0, 11)
    >>> repeat_instruction("Avoid repeated freeze-thaw cycles."), repeat_instruction("Do not repeat.")
    (None, None)
    """
    m = _INSTRUCTION.search(sentence)
    return m.start(1) if m else None


_STEM = re.compile(r"(?:ation|ition|ion|ing|ate|es|e|s)$")


def same_operation(noun: str, verb: str) -> bool:
    """Whether a noun names the work of a verb ("washing" / "wash", "centrifugation" / "centrifuge").

    >>> same_operation("wash", "wash"), same_operation("incubation", "incubate"), same_operation("wash", "spin")
    (True, True, False)
    >>> same_operation("centrifugation", "centrifuge"), same_operation("spinning", "spin")
    (True, True)
    """
    a, b = _STEM.sub("", noun.lower()), _STEM.sub("", verb.lower().split()[0] if verb.split() else verb)
    if len(a) < 3 or len(b) < 3:
        return a == b
    return a.startswith(b) or b.startswith(a)


# "3x" counts only where nothing follows that makes it a unit or a factor ("200 x g", "5X buffer")
_TIMES = re.compile(rf"\b({_NUMBER})(?:\s*(?:-|–|to)\s*(\d+))?\s*(?:times\b|x(?=\s*(?:$|[,.;:)]|with\b|in\b|for\b|"
                    rf"and\b|then\b|each\b|more\b)))|\b(twice|thrice)\b", re.IGNORECASE)


# "5 µL of Master Mix (No ROX) (4X)": an "(NX)" right after a measured reagent's name is its
# concentration, not a count
_MEASURED_NAME = re.compile(r"\d\s*(?:µ|μ|u|m|n)?[lLgM]\s+(?:of\s+)?[^,;:.()]*(?:\([^()]*\)\s*)*\(\s*$")


def _count_match(text: str) -> re.Match[str] | None:
    """The first "N times" / "Nx" of ``text`` that is a count (not a reagent's "(4X)")."""
    for m in _TIMES.finditer(text):
        if m.group(3) or not m.group(0).lower().endswith("x") or not _MEASURED_NAME.search(text, 0, m.start()):
            return m
    return None


def find_times(text: str) -> int | None:
    """How many times ``text`` says to do something ("wash three times" -> 3), else None.

    A range such as "6-8 times" counts as its lower end.

    >>> find_times("Wash the cells three times with PBS"), find_times("Invert 6-8 times")
    (3, 6)
    >>> find_times("Wash 2x with PBS"), find_times("Spin at 200 x g"), find_times("Add 5X buffer")
    (2, None, None)
    >>> find_times("Add 5 µL of Master Mix (4X)"), find_times("Wash the beads (3x)")
    (None, 3)
    """
    m = _count_match(text)
    if m is None:
        return None
    return count_word(m.group(1) or m.group(3))


def times_phrase(text: str) -> str | None:
    """The count as written where ``text`` says how many times ("invert 6-8 times" -> "6-8"), else None.

    >>> times_phrase("the tube 6-8 times gently"), times_phrase("the tube twice"), times_phrase("gently")
    ('6-8', 'twice', None)
    """
    m = _count_match(text)
    if m is None:
        return None
    if m.group(3):
        return m.group(3)
    return text[m.start(1):m.end(2) if m.group(2) else m.end(1)]


_CONDITION = re.compile(
    r"(?:^|[.;:]\s+|,\s*)(if|when|unless|in case)\s+(?!desired\b|necessary\b|needed\b|required\b|"
    r"possible\b|appropriate\b|applicable\b)([^,;]+?)(?:,|\s+then\b|;|$)",
    re.IGNORECASE,
)
# "If not, ...", "If so, ...": the condition is the sentence before's (:func:`condition_after`)
_BARE = frozenset({"not", "no", "so", "yes", "not so"})


def find_condition(sentence: str) -> str | None:
    """The condition of a conditional instruction ("If X, do Y" -> "X"), else None.

    The language has no negation, so "Unless X, do Y" gives the condition in words that read
    right: "X" negated (:func:`negate`). "if desired", "if necessary" and their kind mark
    optional work instead (:func:`is_optional`); "If not, ..." and "Otherwise, ..." take their
    condition from the sentence before (:func:`condition_after`).

    >>> find_condition("Unless proceeding directly with RNA isolation, snap freeze the pellet.")
    'not proceeding directly with RNA isolation'
    >>> find_condition("Unless the pellet is visible, spin again."), find_condition("If not, spin again.")
    ('the pellet is not visible', None)
    """
    m = _CONDITION.search(sentence.strip())
    if m is None:
        return None
    condition = m.group(2).strip().rstrip(".")
    if not condition or condition.lower() in _BARE:
        return None
    return negate(condition) if m.group(1).lower() == "unless" else condition


_NOT = re.compile(r"\s*\bnot\b|n't\b", re.IGNORECASE)
_COPULA = re.compile(r"\b(?:is|are|was|were|has|have|does|do|can|will|should)\b", re.IGNORECASE)


def negate(condition: str) -> str:
    """A condition in words, negated so that it reads right: one "not" taken out, else one put
    after the verb "is"/"are"/..., else "not" in front.

    >>> negate("the pellet is not visible"), negate("the lysate is clear"), negate("proceeding with PCR")
    ('the pellet is visible', 'the lysate is not clear', 'not proceeding with PCR')
    >>> negate("not proceeding with PCR")
    'proceeding with PCR'
    """
    if condition.lower().startswith("not "):
        return condition[4:].lstrip()
    if len(_NOT.findall(condition)) == 1:
        # "can't" keeps the "n" of "can"
        return _NOT.sub(lambda m: "n" if condition[:m.start()].lower().endswith("ca") else "", condition, count=1)
    copulas = list(_COPULA.finditer(condition))
    if len(copulas) == 1:
        return f"{condition[:copulas[0].end()]} not{condition[copulas[0].end():]}"
    return f"not {condition}"


# "Otherwise, ...", "Else ...", "If not, ...": the work runs when the condition before fails;
# "If so, ...": when it holds
_OTHERWISE = re.compile(r"^\W*(?:\d+[.)]\s*)?(?:(otherwise\b|else\b|if\s+not?(?=\s*[,:.]))|(if\s+(?:so|yes)(?=\s*[,:.])))",
                        re.IGNORECASE)
# what the sentence before asks about ("Check [whether] the pellet is visible")
_ASKED = re.compile(r"\b(?:whether|if|that)\s+(.+)$", re.IGNORECASE)


def condition_after(sentence: str, before: str, condition_before: str | None) -> str | None:
    """The condition of "Otherwise, ..." / "If not, ..." / "If so, ..." from the sentence
    before: the condition that sentence stated, or what it asks about (its words after
    "whether"/"that", else all of it); negated for "otherwise" and "if not". None when
    ``sentence`` is no such sentence.

    >>> condition_after("Otherwise, spin again.", "If the lysate is clear, load it.", "the lysate is clear")
    'the lysate is not clear'
    >>> condition_after("If not, repeat the wash.", "Check whether the pellet is white.", None)
    'the pellet is not white'
    >>> condition_after("Spin again.", "Check the pellet.", None)
    """
    m = _OTHERWISE.match(sentence)
    if m is None:
        return None
    stated = condition_before
    if stated is None:
        said = " ".join(before.split()).rstrip(".?!:; ")
        asked = _ASKED.search(said)
        stated = asked.group(1) if asked else said
    if not stated:
        return None
    return negate(stated) if m.group(1) else stated


_OPTIONAL = re.compile(
    r"^\s*\(?optional\)?\s*[:.)-]|\(optional\)|\boptionally\b|\bif (?:desired|necessary|needed|required|"
    r"preferred|wanted)\b|\bif you (?:wish|like|prefer)\b",
    re.IGNORECASE,
)


# a point where the work may stop, or storage offered for a while: "PAUSE POINT Slices can be
# stored ...", "Safe Stopping Point: ...", "The suspension may be stored on ice for up to 48 hours"
# (only at the sentence's start: "..., note: pause point" leaves the steps before it mandatory;
# and only with storage said: "Pause point: There are two modes of illumination. ..." is a step)
_PAUSE = re.compile(r"^[\W_\d]*(?:pause|(?:safe\s+)?stopping)\s+point\b.*?\b(?:stor(?:e|ed|ing|age)|kept|keep|"
                    r"freez\w*|frozen|left|leave|hold|held)\b", re.IGNORECASE | re.DOTALL)
_STORABLE = re.compile(r"\b(?:can|may|could)\s+(?:also\s+)?be\s+(?:stored|kept|frozen|left|held|saved)\b"
                       r"[^.;]*?\bup\s+to\b", re.IGNORECASE)


def is_optional(sentence: str) -> bool:
    """Whether the sentence marks its work as optional ("Optional:", "if desired", ...), says
    the work may pause there ("PAUSE POINT ..."), or offers storage for a while ("Slices can be
    stored at room temperature for up to one week").

    >>> is_optional("PAUSE POINT Tissue blocks can be stored at -20 C."), is_optional("Store at -20 C.")
    (True, False)
    >>> is_optional("Slices can be stored at RT for up to one week."), is_optional("Wash it, note: pause point.")
    (True, False)
    """
    return (_OPTIONAL.search(sentence) is not None or _PAUSE.search(sentence) is not None
            or _STORABLE.search(sentence) is not None)


_PARALLEL = re.compile(
    r"^\s*(meanwhile|in the meantime|at the same time|simultaneously|while\b|during\b)",
    re.IGNORECASE,
)


def find_parallel(sentence: str) -> str | None:
    """The cue word if the sentence's work runs alongside the previous one ("Meanwhile, ..."), else None."""
    m = _PARALLEL.search(sentence)
    return m.group(1).lower() if m else None


_STEP_REF = re.compile(
    r"\b(?:as|like)\s+(?:described\s+|done\s+|performed\s+|outlined\s+|explained\s+)?"
    r"(?:in|for|at)\s+step\s*(\d+)\b|\b(?:see|cf\.?)\s+step\s*(\d+)\b|\bsame\s+as\s+(?:in\s+)?step\s*(\d+)\b",
    re.IGNORECASE,
)


def find_step_reference(sentence: str) -> int | None:
    """The step a sentence refers back to ("as in step 4" -> 4), else None."""
    m = _STEP_REF.search(sentence)
    if m is None:
        return None
    return int(next(g for g in m.groups() if g))
