"""Syntactic features: which control constructs a protocol needs (AutoDSL's syntactic constraints).

For each protocol, :func:`syntax_flags` says which of five constructs its text and
instance actions give evidence for; a domain's :class:`~autodsl.induce.spec.SyntaxFeatures`
is the share of its protocols with each flag (:func:`syntax_features`). Evidence is lexical,
on purpose simple and documented here:

* ``repeat``: "repeat", "twice", "N times", "2 x 5 min", or an action with a repetition
  count argument (WLP ``Count``).
* ``branch``: "if", "unless", "otherwise", "in case", "depending on", "optional(ly)",
  "if necessary/desired".
* ``parallel``: "meanwhile", "in parallel", "simultaneously", "at the same time",
  "while", "during this time/incubation".
* ``timer``: an action with a time slot, or "wait", "for N min", "overnight".
* ``declaration``: a heading or line naming the materials, reagents, equipment, solutions
  or buffers up front.

>>> from autodsl.corpus.models import Protocol
>>> p = Protocol(id="p", title="T", format="text",
...              text="T\\nMeanwhile, wash twice.\\nIf cloudy, spin for 5 min.")
>>> sorted(syntax_flags(p))
['branch', 'parallel', 'repeat', 'timer']
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from autodsl.induce.spec import SyntaxFeatures

if TYPE_CHECKING:
    from autodsl.corpus.models import Protocol
    from autodsl.extract.models import Extraction

__all__ = ["syntax_flags", "syntax_features", "FLAGS"]

FLAGS = ("repeat", "branch", "parallel", "timer", "declaration")

_NUMBER = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|multiple)"
_TIME_UNIT = r"(?:s|sec|secs|seconds?|min|mins|minutes?|h|hr|hrs|hours?|days?)"
_PATTERNS = {
    "repeat": re.compile(
        rf"\brepeat(?:ed|ing)?\b|\btwice\b|\bthrice\b|\b{_NUMBER}\s+(?:more\s+)?times\b"
        rf"|\b\d+\s*[x×]\s*\d+(?:\.\d+)?\s*{_TIME_UNIT}\b",
        re.IGNORECASE,
    ),
    "branch": re.compile(
        r"\bif\b|\bunless\b|\botherwise\b|\bin case\b|\bdepending on\b|\boptional(?:ly)?\b",
        re.IGNORECASE,
    ),
    "parallel": re.compile(
        r"\bmeanwhile\b|\bin parallel\b|\bsimultaneously\b|\bat the same time\b|\bwhile\b"
        r"|\bduring (?:this|the) (?:time|incubation)\b",
        re.IGNORECASE,
    ),
    "timer": re.compile(
        rf"\bwait\b|\bovernight\b|\bfor\s+\d+(?:\.\d+)?(?:\s*(?:-|–|to)\s*\d+(?:\.\d+)?)?\s*{_TIME_UNIT}\b",
        re.IGNORECASE,
    ),
    "declaration": re.compile(
        r"^[#*\s]*(?:materials?|reagents?|equipment|solutions?|buffers?|supplies|reagent setup"
        r"|materials and (?:reagents|equipment|methods))\b[^\n]{0,40}$",
        re.IGNORECASE | re.MULTILINE,
    ),
}


def syntax_flags(protocol: "Protocol", extraction: "Extraction | None" = None) -> frozenset[str]:
    """The constructs (a subset of :data:`FLAGS`) this protocol gives evidence for."""
    flags = {name for name, pattern in _PATTERNS.items() if pattern.search(protocol.text)}
    if any((s.section or "") and _PATTERNS["declaration"].search(s.section or "") for s in protocol.steps):
        flags.add("declaration")
    if extraction is not None:
        types = {e.id: e.type for e in extraction.entities}
        for action in extraction.actions:
            for arg in action.args:
                if arg.role == "Count":
                    flags.add("repeat")
                if types.get(arg.entity) == "Time":
                    flags.add("timer")
    return frozenset(flags)


def syntax_features(flag_sets: Iterable[frozenset[str]]) -> SyntaxFeatures:
    """Share of protocols showing each construct.

    >>> syntax_features([frozenset({"repeat"}), frozenset()]).repeat
    0.5
    """
    sets = list(flag_sets)
    n = len(sets) or 1
    share = {flag: round(sum(flag in s for s in sets) / n, 4) for flag in FLAGS}
    return SyntaxFeatures(**share)
