"""Direct use or re-mention: does an operation take an earlier product itself, or name it again?

X-WLP's gold, and the PDG (:mod:`autodsl.pdg.model`), tell apart two ways an operation B
comes to work on what an earlier operation A made:

* *directly*: B continues on A's output without naming it ("Centrifuge for 5 min"), names
  it for the first time as the new thing it is ("Discard *the supernatant*", "Chill the
  *denatured* glycoprotein"), or shares the phrase A used ("Pellet the cells and resuspend");
* *through a re-mention*: B names the material again by a noun phrase of its own ("Invert
  *the tube*", "Resuspend *the cells*"), which the PDG keeps as a ``reference`` material.

:func:`consumption_features` describes one such use; :class:`DirectnessModel` is a logistic
regression over those features, trained on X-WLP (see
:mod:`autodsl.pdg.train_direct`) and shipped as JSON (``direct_model.json``).

>>> use = Consumption(mention="the tube", entity_type="Location", role="Acts-on", via="own",
...                   producer_class="transfer", consumer_class="treat", in_producer_sentence=False,
...                   same_sentence=False, distance=1, first_naming=False, separation=False, prepared=False,
...                   purpose=False, head_in_material=True)
>>> features = consumption_features(use)
>>> features["mention"], features["head:container"], features["first_naming"]
(1.0, 1.0, 0.0)
>>> model = DirectnessModel(weights={"mention": -3.0}, intercept=1.0, threshold=0.5)
>>> model.is_direct(use), round(model.probability(use), 3)
(False, 0.119)
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from autodsl.pdg import lexicon

__all__ = ["Consumption", "consumption_features", "DirectnessModel", "shipped_model", "FRESH_PRODUCT_WORDS",
           "CONDITION_WORDS", "PROPERTY_WORDS", "OP_CLASSES"]

OP_CLASSES: tuple[str, ...] = ("discard", "separate", "create", "transfer", "treat")
_VIAS: tuple[str, ...] = ("purpose", "action", "own", "name", "head", "container", "current", "discarded")
_ENTITY_TYPES: tuple[str, ...] = ("Reagent", "Location", "Mention", "Device", "Seal")
_ROLES: tuple[str, ...] = ("Acts-on", "Site", "Using")
# Names of what an operation makes that are new at their first mention ("Centrifuge.
# Discard the supernatant"): measured on X-WLP half 0, other heads ("the tube", "the cells",
# "the mixture") re-mention (co_ref_of) 5-40 times as often as they name a fresh product.
# "residue" (what evaporation leaves) is rare there; it names a new product as "precipitate" does.
FRESH_PRODUCT_WORDS = frozenset(
    "supernatant supernate supernatants pellet pellets flow-through flowthrough flow-thru through filtrate "
    "eluate fluid precipitate sediment residue".split()
)
# Where work happens rather than what it works on ("Place on *ice*", "Incubate in *the dark*"):
# the phrase does not name the material, which then flows on directly.
CONDITION_WORDS = frozenset("ice dark bench benchtop countertop fridge refrigerator freezer incubator shaker".split())
# A property of the material measured or set ("Adjust *the cell concentration*"): the material itself.
PROPERTY_WORDS = frozenset(
    "concentration volume density od od600 weight number amount absorbance fluorescence index ph count".split()
)


@dataclass(frozen=True)
class Consumption:
    """What is known when deciding whether operation B uses A's product directly."""

    mention: str | None  # the noun phrase B uses for it (with determiners); None: no words of its own
    entity_type: str | None  # the extractor's type of that phrase
    role: str  # Acts-on | Site | Using
    via: str  # how flow resolution found the material (see autodsl.pdg.model)
    producer_class: str  # op_class of A
    consumer_class: str  # op_class of B
    in_producer_sentence: bool  # the phrase lies in A's sentence
    same_sentence: bool  # A and B are in one sentence
    distance: int  # B's execution index minus A's
    first_naming: bool  # no phrase named this product before
    separation: bool  # A separates (spin, filter, column), making two products
    prepared: bool  # the product is a prepared stock ("Prepare 1 M Tris")
    purpose: bool  # B is the purpose of another operation ("invert *to mix*")
    head_in_material: bool  # the phrase's head is a name the material already carries
    shared_phrase: bool = False  # an earlier operation used this very phrase ("pellet cells and resuspend")
    head_in_producer_text: bool = False  # the phrase's head word is written in A's sentence, outside the phrase


def consumption_features(use: Consumption) -> dict[str, float]:
    """Binary and small numeric features of a use, by name (absent features are 0)."""
    f: dict[str, float] = {
        "bias_direct": 1.0,
        f"via:{use.via if use.via in _VIAS else 'other'}": 1.0,
        f"role:{use.role if use.role in _ROLES else 'other'}": 1.0,
        f"A:{use.producer_class}": 1.0,
        f"B:{use.consumer_class}": 1.0,
        "same_sentence": float(use.same_sentence),
        "adjacent": float(use.distance == 1),
        "distance": min(use.distance, 10) / 10.0,
        "separation": float(use.separation),
        "prepared": float(use.prepared),
        "purpose": float(use.purpose),
    }
    if use.mention is None:
        f["implicit"] = 1.0
        f[f"implicit&A:{use.producer_class}"] = 1.0
        f[f"implicit&B:{use.consumer_class}"] = 1.0
        return f
    m = lexicon.mention(use.mention)
    f["mention"] = 1.0
    f[f"type:{use.entity_type if use.entity_type in _ENTITY_TYPES else 'other'}"] = 1.0
    f["in_producer_sentence"] = float(use.in_producer_sentence)
    f["first_naming"] = float(use.first_naming)
    f["head_in_material"] = float(use.head_in_material)
    f["shared_phrase"] = float(use.shared_phrase)
    # X-WLP annotates a word the producing sentence already wrote as a re-mention ("Add buffer
    # to the tube. Invert the tube"), a new word as the product itself ("Mix. Incubate the reaction")
    f["head_in_producer_text"] = float(use.head_in_producer_text)
    f["head:condition"] = float(m.head in CONDITION_WORDS)
    f["head:property"] = float(m.head in PROPERTY_WORDS)
    f["definite"] = float(m.definite)
    f["pronoun"] = float(m.pronoun)
    f["fresh_amount"] = float(m.fresh)
    fresh = m.head in FRESH_PRODUCT_WORDS
    f["head:fresh_product"] = float(fresh)
    f["fresh_product&first_naming"] = float(fresh and use.first_naming)
    f["fresh_product&separation"] = float(fresh and use.separation)
    f["head:container"] = float(m.head in lexicon.CONTAINER_WORDS)
    f["head:generic"] = float(m.head in lexicon.GENERIC_WORDS)
    f["participle"] = float(any(w.endswith("ed") for w in m.words - {m.head}))
    f["words"] = min(len(m.words), 4) / 4.0
    f[f"mention&B:{use.consumer_class}"] = 1.0
    return f


@dataclass(frozen=True)
class DirectnessModel:
    """A logistic regression over :func:`consumption_features`: P(B uses A's product directly)."""

    weights: dict[str, float]
    intercept: float
    threshold: float = 0.5

    def probability(self, use: Consumption) -> float:
        """P(direct) of a use."""
        z = self.intercept + sum(self.weights.get(name, 0.0) * value
                                 for name, value in consumption_features(use).items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def is_direct(self, use: Consumption) -> bool:
        """Whether the use is direct (probability at or above the threshold)."""
        return self.probability(use) >= self.threshold

    def to_json(self) -> dict[str, Any]:
        """The model as JSON: weights sorted by name, intercept, threshold, and provenance fields."""
        return {"weights": dict(sorted(self.weights.items())), "intercept": self.intercept,
                "threshold": self.threshold}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "DirectnessModel":
        """Load a model written by :meth:`to_json` (extra keys such as provenance are ignored)."""
        return cls(weights={str(k): float(v) for k, v in data["weights"].items()},
                   intercept=float(data["intercept"]), threshold=float(data.get("threshold", 0.5)))


@lru_cache(maxsize=1)
def shipped_model() -> DirectnessModel:
    """The model shipped in the package (``autodsl/pdg/direct_model.json``)."""
    text = resources.files("autodsl.pdg").joinpath("direct_model.json").read_text(encoding="utf-8")
    return DirectnessModel.from_json(json.loads(text))
