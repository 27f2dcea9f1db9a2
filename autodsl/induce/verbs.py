"""Verb keys: how an instance action's lemma is looked up among a DSL's operation verbs.

An extractor lemmatizes the action span as written, so one operation shows up as
``spin``, ``spin down``, ``do not spin`` or ``vortex or pipet``. Learning folds negated
forms into their verb (``do not vortex`` is about vortexing); lookup tries, in order, the
lemma as written and then ever more general forms of it (:func:`verb_candidates`), so a
phrasal or compound form unseen in the corpus still finds its verb's operation.

Noise verbs (:data:`NOISE_VERBS`) are light or mental verbs (``see``, ``use``, ``let``,
``note``) that protocols use around operations rather than as operations. Learning keeps
one as an operation only when the corpus shows it taking physical arguments
(see ``autodsl.induce.operations``).

>>> verb_candidates("do not spin down")
['do not spin down', 'spin down', 'spin']
>>> verb_candidates("vortex or pipet")
['vortex or pipet', 'vortex']
>>> verb_candidates("let dry"), verb_candidates("recentrifuge")
(['let dry', 'dry'], ['recentrifuge', 'centrifuge'])
>>> verb_candidates("centrifugation")
['centrifugation', 'centrifugate', 'centrifuge', 'centrifug']
>>> base_verb("Don't vortex")
'vortex'

**Head verbs.** An extractor also tags noun phrases as actions (``abdomen``, ``absorbance
readings``) or swallows an object into the verb (``add physical barriers``). A word counts
as a verb when the lab-verb lexicon (:data:`autodsl.extract.lemma.LAB_VERBS`) lists it or
the corpus shows it used as one (:func:`verb_evidence`: inflected, *centrifuged*,
*pipetting*; or opening an imperative sentence, *Triturate the cells*).
:func:`head_verb` reduces a lemma to the most specific of its :func:`verb_candidates`
that is a verb form: a verb, alone or followed by particles, conjunctions or other verbs
(``spin down``, ``remove and discard``).

>>> verbs = frozenset({"add", "spin", "remove", "discard"})
>>> head_verb("add physical barriers", verbs), head_verb("spin down", verbs), head_verb("abdomen", verbs)
('add', 'spin down', None)

**Variants.** One verb is written in several forms that only morphology tells apart, and
:func:`verb_variants` lists the forms a verb may be a variant of, each with its kind:

- *spelling*: the same word spelled otherwise — hyphen, space or nothing between parts
  (``re-suspend``/``resuspend``, ``air-dry``/``air dry``), British ``-ise``/``-yse`` and
  ``ae`` (``homogenise``, ``analyse``, ``anaesthetize``);
- *derivation*: another verb ending of the same stem of at least :data:`MIN_STEM` letters:
  ``-ate``, ``-e`` or none (``centrifugate``/``centrifuge``, ``calcinate``/``calcine``);
- *compound*: the head of a compound, which in English is its last part (``pulse-spin`` is
  spinning, ``microcentrifuge`` and ``ultracentrifuge`` are centrifuging, ``preincubate``
  is incubating). A head glued to its modifier (no hyphen) must have at least
  :data:`MIN_COMPOUND_HEAD` letters: shorter verbs end unrelated words by chance (*move* in
  *remove*, *cover* in *recover*, *place* in *replace*, *turn* in *return*). A modifier
  that is a reversative or negative prefix (:data:`REVERSATIVE_PREFIXES`: *de*-stain,
  *un*-cap, *dis*-infect, *in*-activate) undoes its head instead, so that is no variant.

Learning (``autodsl.induce.operations``) decides from corpus frequencies whether a verb
joins one of these forms.

>>> known = {"centrifuge", "resuspend", "stain", "move", "incubate", "homogenize"}
>>> def of(verb): return [(form, kind) for form, kind in verb_variants(verb) if form in known]
>>> of("microcentrifuge"), of("centrifugate"), of("re-suspend")
([('centrifuge', 'compound')], [('centrifuge', 'derivation')], [('resuspend', 'spelling')])
>>> of("preincubate"), of("homogenise"), of("destain"), of("remove")
([('incubate', 'compound')], [('homogenize', 'spelling')], [], [])
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    from autodsl.induce.features import InstanceAction

__all__ = [
    "NOISE_VERBS",
    "PARTICLES",
    "MIN_VERB_EVIDENCE",
    "base_verb",
    "verb_candidates",
    "verb_evidence",
    "could_be_imperative",
    "inflected_verb",
    "attested_verbs",
    "head_verb",
    "verb_variants",
    "REVERSATIVE_PREFIXES",
    "LEXICAL_VARIANTS",
    "MIN_COMPOUND_HEAD",
    "MIN_STEM",
]

# Light, mental and aspectual verbs that rarely name a lab operation of their own.
NOISE_VERBS = frozenset(
    """see use have let be do get need want note ensure follow try allow require become seem
    appear contain include refer continue begin go know consider remember avoid""".split()
) | {"make sure", "be sure", "take care"}
# Particles of phrasal verbs: 'spin down' is spinning, 'pour off' is pouring.
PARTICLES = frozenset("up down off out on in away over through back apart again across behind".split())
_NEGATION = re.compile(r"^(?:do\s+not|don't|do\s+n't|does\s+not|not\s+to|not|never|without|w\s*/\s*o)\s+")
_CONJUNCTION = re.compile(r"\s+(?:and|or|and/or|/|,|&)\s+")
_DETERMINERS = frozenset("the a an any some all each this that these those".split())
_CONJUNCTIONS = frozenset({"and", "or", "and/or", "&"})
# a sentence-initial word followed by one of these is a subject, not an imperative verb
_NOT_IMPERATIVE = frozenset(
    "is are was were be been being has have had should must can could will would may might shall does did "
    "of 's".split()
)
# a word is a verb when the corpus shows it used as one at least this often (or a lexicon lists it)
MIN_VERB_EVIDENCE = 1
# a sentence-initial word with these endings is a noun ('Quality of ...', 'Primers were ...')
_NOUN_SUFFIXES = ("ity", "ance", "ence", "ness", "tion", "sion", "ment", "ism", "ogy", "ics")
_WORD_ONLY = re.compile(r"[a-z][a-z-]*[a-z]")
# nouns of action ('incubation', 'treatment', 'analysis'): their verb is the head verb
_NOUN_ENDINGS = ("tion", "sion", "ment", "ysis", "esis")
# light verbs that open a phrase around the real operation ('let dry', 'allow to cool')
_LIGHT_VERBS = frozenset("let allow begin start continue be".split())
# 'let dry', 'allow to cool', 'begin to stir': the operation is the verb after the light verb
_LIGHT_PREFIX = re.compile(r"^(?:let|allow|allowed|begin|start|continue|be|to)\s+(?:(?:it|them|to)\s+)*")
# 'recentrifuge', 'prewarm': a repeated or preparatory form of a verb
_VERB_PREFIXES = ("re", "pre")
# nouns of action written where a verb is meant: 'centrifugation', 'purification', 'treatment'
# ('addition', 'resuspension', 'removal', 'analysis', 'synthesis')
_NOMINAL_SUFFIXES = (
    ("ification", ("ify",)),
    ("ation", ("ate", "e", "")),
    ("ition", ("ite", "")),
    ("sion", ("d", "de", "se", "s")),
    ("ion", ("", "e")),
    ("ment", ("",)),
    ("ing", ("", "e")),
    ("ysis", ("yze", "yse")),
    ("esis", ("ese", "esize")),
    ("al", ("e", "")),
)


# prefixes that undo or negate the verb they are glued to ('destain', 'uncap', 'disinfect')
REVERSATIVE_PREFIXES = ("un", "de", "dis", "in", "im", "non", "anti", "counter", "mis")
MIN_COMPOUND_HEAD = 6
MIN_STEM = 5
# variants no rule derives: a shortened word ('microfuge' is a clipped 'microcentrifuge') and
# spellings of one word that differ in more than a suffix ('pipet', 'pipette')
LEXICAL_VARIANTS: dict[str, tuple[tuple[str, str], ...]] = {
    "microfuge": (("microcentrifuge", "spelling"), ("centrifuge", "compound")),
    "pipet": (("pipette", "spelling"),),
    "pipette": (("pipet", "spelling"),),
}
# endings of one stem's verbs: 'centrifugate' ~ 'centrifuge', 'fractionate' ~ 'fraction'
_STEM_ENDINGS = ("ate", "e", "")
# British spellings and their American forms, both ways ('homogenise' ~ 'homogenize')
_SPELLINGS = (("ise", "ize"), ("yse", "yze"), ("ize", "ise"), ("yze", "yse"))


def base_verb(lemma: str) -> str:
    """The lemma without negation and surrounding space, lower case ('' when nothing is left)."""
    text = " ".join(lemma.lower().split())
    while True:
        stripped = _NEGATION.sub("", text)
        if stripped == text:
            return text
        text = stripped


def verb_candidates(lemma: str) -> list[str]:
    """Forms to look ``lemma`` up by, most specific first, without duplicates.

    The lemma as written; without negation; its first conjunct (``vortex or pipet``);
    without a leading light verb (``let dry`` -> ``dry``); without trailing particles
    (``spin down``); its first word when the rest is an object phrase (``take a picture``)
    or a particle; the first and last word of a compound (``take aliquot``, ``pcr
    purify``); the parts of a hyphenated word, last first (``pulse-spin``); the word
    without a ``re``/``pre`` prefix (``recentrifuge``); the verb of a noun of action
    (``centrifugation`` -> ``centrifuge``, ``purification`` -> ``purify``).
    """
    return list(_candidates(lemma))


# a protocol says the same few hundred verbs again and again; domain fitting and slot
# binding look each up once per operation and per domain
@lru_cache(maxsize=65536)
def _candidates(lemma: str) -> tuple[str, ...]:
    out: list[str] = []

    def push(form: str) -> None:
        form = form.strip(" .,;:")
        if form and form not in out:
            out.append(form)

    text = " ".join(lemma.lower().split())
    push(text)
    text = base_verb(text)
    push(text)
    text = _CONJUNCTION.split(text, maxsplit=1)[0]
    push(text)
    light = _LIGHT_PREFIX.sub("", text)
    if light and light != text:
        text = light
        push(text)
    words = text.split()
    while len(words) > 1 and words[-1] in PARTICLES:
        words = words[:-1]
    push(" ".join(words))
    if len(words) > 1 and (words[1] in _DETERMINERS or words[1] in PARTICLES):
        push(words[0])
    if len(words) > 1:
        # compounds: 'take aliquot' is taking, 'pcr purify' is purifying
        push(words[0])
        push(words[-1])
    last = words[-1] if words else ""
    parts = [p for p in last.split("-") if p]
    if len(parts) > 1:
        # 'pulse-spin' is spinning, 'air-dry' is drying
        push(parts[-1])
        push(parts[0])
    for word in dict.fromkeys([words[0] if words else "", last]):
        for prefix in _VERB_PREFIXES:
            rest = word[len(prefix):].lstrip("-")
            if word.startswith(prefix) and len(rest) >= 4:
                push(rest)
        for suffix, replacements in _NOMINAL_SUFFIXES:
            if word.endswith(suffix) and len(word) >= len(suffix) + 3:
                for replacement in replacements:
                    push(word[: -len(suffix)] + replacement)
                break
    return tuple(out)


def verb_evidence(instances: Iterable["InstanceAction"]) -> Counter[str]:
    """Word -> instances showing it used as a verb: inflected as written, or opening an imperative.

    The first word of an instance's verb counts when the text has it inflected (``-ed`` or
    ``-ing``, lemmatized back to it), or when it opens its sentence in the base form, the next
    word is not an auxiliary (*Cells were ...* is a subject, not an order) and it does not look
    like a noun (a plural, *-ity*, *-ance*, *-tion* ...).

    >>> from autodsl.induce.features import InstanceAction
    >>> verb_evidence([InstanceAction(protocol="p", lemma="triturate", surface="Triturate", initial=True),
    ...                InstanceAction(protocol="p", lemma="aorta", surface="Aorta", initial=True, context=("was",)),
    ...                InstanceAction(protocol="p", lemma="mince", surface="minced")])
    Counter({'triturate': 1, 'mince': 1})
    """
    found: Counter[str] = Counter()
    for inst in instances:
        words = inst.verb.split()
        written = inst.surface.lower().split()
        if not words or not written:
            continue
        head, first = words[0], written[0]
        if inflected_verb(first, head):
            found[head] += 1
        elif first == head and inst.initial and could_be_imperative(head, inst.context):
            found[head] += 1
    return found


def inflected_verb(written: str, verb: str) -> bool:
    """Whether ``written`` is ``verb`` inflected as a verb (``-ed`` or ``-ing``, lemmatized back to it).

    >>> inflected_verb("minced", "mince"), inflected_verb("mince", "mince")
    (True, False)
    """
    from autodsl.extract.lemma import lemmatize

    return written != verb and written.endswith(("ed", "ing")) and lemmatize(written) == verb


def could_be_imperative(word: str, following: Sequence[str]) -> bool:
    """Whether a sentence-initial ``word`` followed by ``following`` may be an order."""
    if following and following[0] in _NOT_IMPERATIVE:
        return False
    if not _WORD_ONLY.fullmatch(word) or len(word) < 3 or word.endswith(_NOUN_SUFFIXES):
        return False
    # plural nouns ('Primers'); base-form verbs end in -s only as 'press', 'focus', 'dialysis'
    return not (word.endswith("s") and not word.endswith(("ss", "us", "is")))


def attested_verbs(instances: Iterable["InstanceAction"]) -> frozenset[str]:
    """Words known to be verbs: the lab-verb lexicon and words with enough :func:`verb_evidence`."""
    from autodsl.extract.lemma import LAB_VERBS

    seen = verb_evidence(instances)
    return LAB_VERBS | {w for w, n in seen.items() if n >= MIN_VERB_EVIDENCE}


def _is_verb_form(form: str, verbs: frozenset[str]) -> bool:
    words = form.split()
    if not words or words[0] not in verbs:
        return False
    if len(words) == 1:
        return True
    if words[0] in _LIGHT_VERBS or len(words) > 3:
        return False
    return all(w in PARTICLES or w in _CONJUNCTIONS or w in verbs for w in words[1:])


def head_verb(verb: str, verbs: frozenset[str]) -> str | None:
    """The most specific form of ``verb`` that is a verb form (see the module doc), or None.

    Noise verbs (:data:`NOISE_VERBS`, ``make sure``) are kept as they are, so that learning
    can judge them.
    """
    if verb in NOISE_VERBS:
        return verb
    forms = [f for f in verb_candidates(verb) if _is_verb_form(f, verbs)]
    # 'Incubation at 37 °C.' opens sentences like an order: still the noun of 'incubate'
    if len(forms) > 1 and forms[0].endswith(_NOUN_ENDINGS):
        return forms[1]
    return forms[0] if forms else None


def verb_variants(verb: str) -> list[tuple[str, str]]:
    """Forms ``verb`` may be a variant of, each with its kind (see the module doc), in order.

    Spelling variants come first, then derivations, then compound heads (the longest first).
    Only forms; whether ``verb`` joins one is for the corpus to say.

    >>> verb_variants("pulse-spin")
    [('pulsespin', 'spelling'), ('pulse spin', 'spelling'), ('spin', 'compound')]
    >>> [form for form, kind in verb_variants("anaesthetise") if kind == "spelling"]
    ['anaesthetize', 'anesthetize', 'anesthetise']
    >>> verb_variants("microfuge")[:2]
    [('microcentrifuge', 'spelling'), ('centrifuge', 'compound')]
    """
    out: list[tuple[str, str]] = []

    def push(form: str, kind: str) -> None:
        if form and form != verb and all(form != f for f, _ in out):
            out.append((form, kind))

    for form, kind in LEXICAL_VARIANTS.get(verb, ()):
        push(form, kind)
    if "-" in verb:
        push(verb.replace("-", ""), "spelling")
        push(verb.replace("-", " "), "spelling")
    if " " in verb and len(verb.split()) == 2:
        push(verb.replace(" ", "-"), "spelling")
    words = verb.split()
    if len(words) != 1:
        return out
    respelled = next((verb[: -len(b)] + a for b, a in _SPELLINGS if verb.endswith(b)), verb)
    push(respelled, "spelling")
    push(respelled.replace("ae", "e"), "spelling")
    push(verb.replace("ae", "e"), "spelling")
    if "-" in verb:
        # 'pulse-spin': the last part is the head, whatever its length
        push(verb.rsplit("-", 1)[1], "compound")
        return out
    for ending in _STEM_ENDINGS:
        if verb.endswith(ending) and len(verb) - len(ending) >= MIN_STEM:
            stem = verb[: len(verb) - len(ending)]
            for other in _STEM_ENDINGS:
                push(stem + other, "derivation")
            break
    for cut in range(2, len(verb) - MIN_COMPOUND_HEAD + 1):
        prefix = verb[:cut]
        if not prefix.endswith(REVERSATIVE_PREFIXES):
            push(verb[cut:], "compound")
    return out
