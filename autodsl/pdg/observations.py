"""Work that changes no material: observations and calculations.

"Measure the OD600 of the culture", "Count the cells", "Image the gel": an *observation*
reads the material it names (or the one worked on) and leaves it as it was. Stage 2
(:mod:`autodsl.pdg.complete`) lets it consume that material without using it up and gives
it no product, so the material flows on to the next step under its own name and the program
prints ``MEASURE(culture_2, measure_type: "OD600")`` with no binding (``docs/language.md``:
an operation that makes nothing binds no names). The observing verbs are the learned DSL's
``observe`` kind (:data:`autodsl.induce.kinds.KINDS`), so the translator and the induced
operations agree on what observes.

Measuring out an amount is no observation: "Weigh 2 g of NaCl", "Measure 10 ml of water"
take a portion (a volume or mass written with the step) and make something of it.

A *calculation* works on numbers: "Calculate the titer", "Record the weight", and arithmetic
("add these to your original count", whose destination names data). It never takes the
material worked on, makes nothing, and reads only a material it names by a noun ("Calculate
the volume of *host culture* needed").

>>> observes("measure", {}), observes("count", {}), observes("centrifuge", {})
(True, True, False)
>>> observes("weigh", {"mass": {"value": 2.0, "dimension": "mass"}}), observes("weigh out", {})
(False, False)
>>> observes("weigh", {}, [{"value": 5.0, "dimension": "mass", "role": "Measure"}])
False
>>> calculates("calculate", "treat", []), calculates("add", "transfer", [("Site", "the original count")])
(True, True)
>>> calculates("add", "transfer", [("Setting", "your original count")]), calculates("add", "transfer", [("Site", "the tube")])
(True, False)
>>> calculates("transfer", "transfer", [("Setting", "variable power settings")])
False
"""

from __future__ import annotations

from typing import Any, Iterable

from autodsl.induce.kinds import verb_kind
from autodsl.pdg.lexicon import mention, names_data

__all__ = ["observes", "calculates", "CALCULATING_VERBS"]

# observing verbs whose object is a number or a record, never a material on the bench
CALCULATING_VERBS = frozenset({"calculate", "compute", "plot", "graph", "tabulate", "normalize", "normalise",
                               "record", "document", "export", "download", "upload", "annotate"})
_PORTION_DIMENSIONS = frozenset({"volume", "mass"})
_DATA_ROLES = frozenset({"Setting", "Acts-on"})
# what arithmetic adds to or adds: a number kept
_RECORDS = frozenset("count total sum tally value result reading".split())


def _verb(lemma: str) -> str:
    return " ".join(lemma.lower().split())


def observes(lemma: str, slots: dict[str, Any], extra: Iterable[dict[str, Any]] = ()) -> bool:
    """Whether an operation of verb ``lemma`` with these slot records reads material and
    leaves it as it was: an observing verb that takes no measured amount (a ``volume`` or
    ``mass`` slot, or one kept apart, ``extra``, as each reagent's own amount: "Weigh 2 g of
    NaCl" portions the salt, "Weigh out 5 g NaCl and 5 g tryptone" both). Measuring *out*
    ("weigh out", "measure out") always portions."""
    verb = _verb(lemma)
    if verb_kind(verb) != "observe" and (verb_kind(verb.split(" ")[0]) != "observe" or verb.endswith(" out")):
        return False
    records = [*slots.values(), *extra]
    return not any(isinstance(r, dict) and r.get("dimension") in _PORTION_DIMENSIONS for r in records)


def calculates(lemma: str, kind: str, places: Iterable[tuple[str, str]]) -> bool:
    """Whether an operation works on numbers only: a calculating verb, or a transfer (``kind``,
    :func:`~autodsl.pdg.lexicon.op_class`) into a record or of a record ("add these to your
    original count"). ``places``: (role, words) of its arguments."""
    verb = _verb(lemma)
    if verb in CALCULATING_VERBS or verb.split(" ")[0] in CALCULATING_VERBS:
        return True
    # where it goes names data ("to your original count", a Site, or a Setting the extractor
    # links it by), or what goes is a number ("add the values"): arithmetic, not bench work.
    # Beyond the Site only a number kept counts: "variable power settings", "the output
    # tubing" are no records
    return kind == "transfer" and any(
        names_data(mention(words)) if role == "Site" else role in _DATA_ROLES and mention(words).head in _RECORDS
        for role, words in places)
