"""The core of a reagent's name: what a protocol calls it again for short.

A protocol names a reagent in full once ("Dissolve Na2EDTA·2H2O", "Prepare 10 mM Tris-HCl,
pH 8.0") and later by its core ("Add EDTA", "Resuspend in 1 ml Tris"). Flow resolution
(:mod:`autodsl.pdg.resolve`) matches a mention's words against a name's words, which already
ignores amounts, concentrations, "1x" and the words a parenthesis adds ("PBS" names "1x PBS
(pH 7.4)"); what it misses is a core fused with a salt, a hydrate or a counter-ion into one
word. :func:`core_words` strips those, and only those: "anti-GFP" stays one word, so "GFP" never
names an antibody, and "PBS-T" stays "pbs-t", never "PBS".

>>> sorted(core_words(frozenset({"na2edta", "2h2o"}))), sorted(core_words(frozenset({"tris-hcl", "ph"})))
(['edta'], ['tris'])
>>> sorted(core_words(frozenset({"edta", "disodium", "salt", "dihydrate"}))), sorted(core_words(frozenset({"pbs-t"})))
(['edta'], ['pbs-t'])
>>> sorted(core_words(frozenset({"nacl", "kanamycin"}))), sorted(core_words(frozenset({"h2o"})))
(['kanamycin', 'nacl'], ['h2o'])
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["core_words"]

# words that say which salt or hydrate of a reagent was weighed, not which reagent it is
_SALT_WORDS = frozenset({"disodium", "dipotassium", "trisodium", "tetrasodium", "monosodium", "monopotassium",
                         "salt", "hydrate", "monohydrate", "dihydrate", "trihydrate", "pentahydrate",
                         "hexahydrate", "heptahydrate", "anhydrous", "ph"})
# parts of a hyphenated or dotted word that are a counter-ion or water of crystallisation
# ("Tris-HCl", "·2H2O", "Tris-acetate" keeps its acetate: another buffer)
_FUSED_PARTS = re.compile(r"^(?:\d*h2o|hcl|base)$")
# a sodium or potassium prefix fused to an organic acid's name ("Na2EDTA", "K2EGTA"); the rest must
# be a name of letters and the count of ions written, so "NaCl", "Na2HPO4", "KOH" and "kanamycin" stay
_SALT_PREFIX = re.compile(r"^(?:na|k)\d+(?=[a-z]{3,}$)")


@lru_cache(maxsize=65536)
def _core_word(word: str) -> str:
    """One word without a fused counter-ion, hydrate or sodium prefix ("" when nothing is left)."""
    parts = [p for p in re.split(r"[-·•]", word) if p]
    kept = [p for p in parts if not _FUSED_PARTS.match(p)]
    if len(kept) < len(parts):
        word = "-".join(kept)
    return _SALT_PREFIX.sub("", word) if word else word


@lru_cache(maxsize=65536)
def core_words(words: frozenset[str]) -> frozenset[str]:
    """The words of a name without salts, hydrates, counter-ions and pH (module doc); the words
    themselves when nothing else would be left ("H2O" is water)."""
    core = frozenset(c for w in words if w not in _SALT_WORDS and not _FUSED_PARTS.match(w)
                     for c in [_core_word(w)] if c)
    return core or words
