"""Post-rules over the tagger's labels: fix span mistakes a reader sees at once.

The CRF labels each token from a window of features, so it sometimes tags a word the way
that word is most often used even where the sentence says otherwise. These rules read a
sentence's words and BIO labels and correct two such mistakes:

- :func:`noun_use_of_action`: an action verb used as a noun modifier of a reagent or
  apparatus head word ("cold *transfer* buffer", "*wash* solution") is part of that
  head's span, not an action.
- :func:`split_lists`: an entity span that runs over a list ("membrane, filter paper";
  "cassette: sponge, filter paper, gel") is one span per item.

Each rule is measured on ``corpora/wlp/dev`` (figures in docs/extract.md); each is cheap
(one pass over a sentence's labels, and only where a span holds an Action or a comma).

>>> words = "Fill the tank with cold transfer buffer .".split()
>>> labels = ["B-Action", "O", "B-Location", "O", "B-Modifier", "B-Action", "B-Reagent", "O"]
>>> fix_labels(words, labels)[5:7]
['B-Reagent', 'I-Reagent']
>>> words = "Soak the membrane , filter paper and sponges".split()
>>> labels = ["B-Action", "O", "B-Device", "I-Device", "I-Device", "I-Device", "O", "B-Device"]
>>> fix_labels(words, labels)[2:6]
['B-Device', 'O', 'B-Device', 'I-Device']
"""

from __future__ import annotations

import re
from typing import Sequence

from autodsl.extract.lemma import LAB_VERBS, lemmatize

__all__ = ["fix_labels", "noun_use_of_action", "split_lists", "HEAD_WORDS", "LIST_TYPES"]

# Head words of a reagent or apparatus name: an action-like word right before one of them
# names the thing ("transfer buffer", "lysis solution", "reaction mix", "transfer tank").
HEAD_WORDS = frozenset(
    "buffer buffers solution solutions medium media mix mixture mixtures reagent reagents "
    "tank tanks apparatus".split()
)
# Entity types whose spans are names of things, so a comma inside one is a list of things.
LIST_TYPES = frozenset({"Reagent", "Device", "Location", "Seal"})
# A word a list item may hold: letters only (no digits: "10 mM Tris-HCl, pH 8.0" is one span).
_ITEM_WORD = re.compile(r"[^\W\d_]+")
_CONJUNCTIONS = frozenset({"and", "or"})
_DETERMINERS = frozenset("the a an this that these those each every its their another some any".split())
# "to" is left out: "to transfer" is a verb
_PREPOSITIONS = frozenset("in into with of for from on onto at by under over through using".split())


def noun_use_of_action(words: Sequence[str], labels: list[str]) -> int:
    """Relabel, in place, a one-word Action in a noun position right before a
    reagent/apparatus head word (:data:`HEAD_WORDS`) that the tagger put in an entity span:
    the word joins that span. A noun position is after a determiner, after a preposition
    other than "to" (not for an "-ing" word: "by heating solution"), or after a word of an
    entity span that is not an adverb ("cold transfer buffer", not "slowly open tank
    valve"); elsewhere the word is a verb with its object, as
    protocols write them without articles ("Mix solution", "Transfer medium to tubes").
    Returns how many words were relabelled.

    >>> labels = ["O", "B-Action", "B-Reagent", "O"]
    >>> noun_use_of_action(["in", "transfer", "buffer", "."], labels), labels
    (1, ['O', 'B-Reagent', 'I-Reagent', 'O'])
    >>> labels = ["B-Action", "B-Reagent", "O"]
    >>> noun_use_of_action(["Transfer", "medium", "."], labels), labels
    (0, ['B-Action', 'B-Reagent', 'O'])
    """
    fired = 0
    for i in range(1, len(labels) - 1):
        if labels[i] != "B-Action" or labels[i + 1] == "I-Action":
            continue
        head = labels[i + 1]
        if head[:2] != "B-" or words[i + 1].lower() not in HEAD_WORDS or not _noun_position(words, labels, i):
            continue
        labels[i] = head
        labels[i + 1] = "I-" + head[2:]
        fired += 1
    return fired


def _noun_position(words: Sequence[str], labels: Sequence[str], i: int) -> bool:
    """Whether word ``i`` (not the first) stands where a noun or its modifier stands."""
    before = words[i - 1].lower()
    if before in _DETERMINERS:
        return True
    # an adverb is a Modifier span too, and a verb follows it ("slowly open tank valve")
    if labels[i - 1][2:] not in ("", "Action") and not before.endswith("ly"):
        return True
    return before in _PREPOSITIONS and not words[i].lower().endswith("ing")


def split_lists(words: Sequence[str], labels: list[str]) -> int:
    """Split, in place, an entity span of a :data:`LIST_TYPES` type that runs over a list
    of items into one span per item. A list is separated by commas, or by a colon followed
    by a comma list ("cassette: sponge, filter paper, gel"), and has three items or more,
    or its last item starts with "and"/"or", or the span is followed by "and"/"or" (the
    list goes on: "membrane, filter paper and sponges"); every item must be words of
    letters only, and the last not a lone lab verb ("gel green, mix and cast"). A colon without a comma after it is kept ("phenol : chloroform" is one
    reagent), and so is a span with a digit ("10 mM Tris-HCl, pH 8.0"). Returns how many
    spans were split.

    >>> labels = ["B-Device", "I-Device", "I-Device", "I-Device", "I-Device"]
    >>> split_lists(["gel", ",", "membrane", "and", "sponge"], labels), labels
    (0, ['B-Device', 'I-Device', 'I-Device', 'I-Device', 'I-Device'])
    >>> labels = ["B-Device", "I-Device", "I-Device", "I-Device", "O"]
    >>> split_lists(["gel", ",", "filter", "paper", "and"], labels), labels
    (1, ['B-Device', 'O', 'B-Device', 'I-Device', 'O'])
    >>> labels = ["B-Device", "I-Device", "I-Device", "O"]
    >>> split_lists(["Xcell", ",", "Biorad", "."], labels), labels
    (0, ['B-Device', 'I-Device', 'I-Device', 'O'])
    """
    fired = 0
    i, n = 0, len(labels)
    while i < n:
        label = labels[i]
        if label[:2] != "B-":
            i += 1
            continue
        j = i + 1
        inside = "I-" + label[2:]
        while j < n and labels[j] == inside:
            j += 1
        if j - i >= 3 and label[2:] in LIST_TYPES and _split_span(words, labels, i, j, words[j] if j < n else ""):
            fired += 1
        i = j
    return fired


def _split_span(words: Sequence[str], labels: list[str], lo: int, hi: int, after: str) -> bool:
    """Split the span of tokens ``[lo, hi)`` at its list separators if it is a list;
    ``after`` is the word after the span."""
    span = words[lo:hi]
    if "," not in span:
        return False
    first_comma = span.index(",")
    separators = [k for k, w in enumerate(span) if w == "," or (w == ":" and k < first_comma)]
    if separators[0] == 0 or separators[-1] == len(span) - 1:
        return False
    bounds = [-1] + separators + [len(span)]
    items = []
    for a, b in zip(bounds, bounds[1:]):
        item = list(range(a + 1, b))
        if item and span[item[0]].lower() in _CONJUNCTIONS:  # ", and sponges"
            item = item[1:]
        if not item or not all(_ITEM_WORD.fullmatch(span[k]) for k in item):
            return False
        items.append(item)
    # two items with only a comma between them may be an apposition ("Gene Pulser Xcell,
    # Bio-rad", one span in WLP); a list has three items or a conjunction
    if len(items) < 3 and after.lower() not in _CONJUNCTIONS and len(items[-1]) == bounds[-1] - bounds[-2] - 1:
        return False
    # a last "item" of one lab verb starts a clause the span ran into ("add gel green, mix
    # and cast"); a noun list item is rarely a bare verb (but "filter paper" is fine)
    if len(items[-1]) == 1 and lemmatize(span[items[-1][0]].lower()) in LAB_VERBS:
        return False
    kind = labels[lo][2:]
    for k in range(lo, hi):
        labels[k] = "O"
    for item in items:
        labels[lo + item[0]] = "B-" + kind
        for k in item[1:]:
            labels[lo + k] = "I-" + kind
    return True


def fix_labels(words: Sequence[str], labels: Sequence[str]) -> list[str]:
    """``labels`` of the sentence ``words`` after every post-rule (a new list).

    >>> fix_labels(["Add", "wash", "buffer"], ["B-Action", "B-Action", "B-Reagent"])
    ['B-Action', 'B-Action', 'B-Reagent']
    >>> fix_labels(["Add", "the", "wash", "buffer"], ["B-Action", "O", "B-Action", "B-Reagent"])
    ['B-Action', 'O', 'B-Reagent', 'I-Reagent']
    """
    fixed = list(labels)
    noun_use_of_action(words, fixed)
    split_lists(words, fixed)
    return fixed
