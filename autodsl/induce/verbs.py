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
"""

from __future__ import annotations

import re

__all__ = ["NOISE_VERBS", "PARTICLES", "base_verb", "verb_candidates"]

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
# 'let dry', 'allow to cool', 'begin to stir': the operation is the verb after the light verb
_LIGHT_PREFIX = re.compile(r"^(?:let|allow|allowed|begin|start|continue|be|to)\s+(?:(?:it|them|to)\s+)*")
# 'recentrifuge', 'prewarm': a repeated or preparatory form of a verb
_VERB_PREFIXES = ("re", "pre")
# nouns of action written where a verb is meant: 'centrifugation', 'purification', 'treatment'
_NOMINAL_SUFFIXES = (
    ("ification", ("ify",)),
    ("ation", ("ate", "e", "")),
    ("ition", ("ite",)),
    ("ion", ("", "e")),
    ("ment", ("",)),
    ("ing", ("", "e")),
)


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
    return out
