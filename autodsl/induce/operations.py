"""Operations (opcodes): cluster a domain's verbs so synonyms share one operation.

Steps, each documented where it happens:

1. **Verbs.** Each instance action's verb is its lemma without negation
   (:func:`autodsl.induce.verbs.base_verb`). A verb too rare to found an operation (see 3)
   is folded into a more general form of itself when that form is common enough
   (``spin down`` -> ``spin``).
2. **Noise verbs.** A verb of the small stoplist :data:`~autodsl.induce.verbs.NOISE_VERBS`
   (``see``, ``use``, ``let`` ...) becomes an operation only when the corpus shows it acting
   physically: at least :data:`NOISE_MIN_COUNT` instances, of which at least
   :data:`NOISE_MIN_PHYSICAL` give a quantity setting, a site or a device. Otherwise it is
   listed as an ignored verb.
3. **Clustering.** Verbs with at least :data:`MIN_ITEM_COUNT` instances that make up at
   least :data:`MIN_ITEM_SHARE` of the domain's actions are items; each
   gets a profile vector (:func:`autodsl.induce.features.lemma_profiles`, unit length) and
   a Dirichlet-process Gaussian mixture (:func:`autodsl.induce.dpmm.dp_cluster`) groups
   them; the number of operations is learned. The mixture's spread is set so that verbs
   at cosine similarity about :data:`SYNONYM_COSINE` from an operation's centre are typical
   of it, and a verb seen ``n`` times weighs ``1 + ln n`` observations, so frequent verbs
   anchor operations and rare ones join them.
   Rarer verbs join the operation whose centroid is nearest when its cosine similarity is
   at least :data:`ATTACH_SIMILARITY`; otherwise they stay out of the DSL.
4. **Names.** An operation is named after its most frequent verb, upper case with
   non-letters as ``_`` (``spin down`` -> ``SPIN_DOWN``); a name already taken gets the
   name of the operation's most frequent slot appended, then a number.

>>> physical_share([])
0.0
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from autodsl.induce.verbs import NOISE_VERBS, verb_candidates

if TYPE_CHECKING:
    from autodsl.induce.features import InstanceAction, ProtocolDigest

__all__ = [
    "VerbClustering",
    "cluster_verbs",
    "opcode_name",
    "physical_share",
    "MIN_ITEM_COUNT",
    "MIN_ITEM_SHARE",
    "NOISE_MIN_COUNT",
    "NOISE_MIN_PHYSICAL",
    "ATTACH_SIMILARITY",
]

MIN_ITEM_COUNT = 3
# A verb founds operations only if it makes up at least this share of the domain's actions
# (and MIN_ITEM_COUNT instances): in a large corpus the long tail of rare verbs (and of
# extraction noise) joins operations instead of splitting them.
MIN_ITEM_SHARE = 1 / 5000
NOISE_MIN_COUNT = 10
NOISE_MIN_PHYSICAL = 0.5
ATTACH_SIMILARITY = 0.2
PROFILE_DIMS = 32
# Resolution of the verb mixture: verbs whose profiles have about this cosine similarity
# to an operation's centre are typical members of it (sets the Gaussian spread).
SYNONYM_COSINE = 0.7
DP_ALPHA = 1.0
VERB_SWEEPS = 20
_PHYSICAL_SLOTS = frozenset({"site", "equipment"})


@dataclass(frozen=True)
class VerbClustering:
    """Which verbs form which operation, and which verbs were judged noise."""

    groups: tuple[tuple[str, ...], ...]
    operation_of: dict[str, int]
    ignored: dict[str, int]
    verb_counts: dict[str, int]


def physical_share(instances: Sequence["InstanceAction"]) -> float:
    """Share of instances giving a quantity setting, a site or a device."""
    if not instances:
        return 0.0
    physical = sum(
        any(s.dimension or s.name in _PHYSICAL_SLOTS for s in inst.slots) for inst in instances
    )
    return physical / len(instances)


def opcode_name(verb: str) -> str:
    """Upper-case opcode for a verb: non-letters become ``_``.

    >>> opcode_name("spin down"), opcode_name("air-dry")
    ('SPIN_DOWN', 'AIR_DRY')
    """
    name = re.sub(r"[^A-Z0-9]+", "_", verb.upper()).strip("_")
    if not name or not name[0].isalpha():
        name = "OP_" + name
    return name


def _fold_rare(counts: Counter[str], floor: int) -> dict[str, str]:
    """verb -> key: verbs rarer than ``floor`` map to a common, more general form of themselves."""
    key_of = {}
    for verb, count in counts.items():
        key = verb
        if count < floor:
            for form in verb_candidates(verb)[1:]:
                if counts.get(form, 0) >= floor:
                    key = form
                    break
        key_of[verb] = key
    return key_of


def cluster_verbs(digests: Sequence["ProtocolDigest"], *, seed: int) -> VerbClustering:
    """Group the verbs of a domain's instance actions into operations."""
    import numpy as np

    from autodsl.induce.dpmm import dp_cluster
    from autodsl.induce.features import lemma_profiles

    by_verb: dict[str, list["InstanceAction"]] = defaultdict(list)
    for digest in digests:
        for inst in digest.actions:
            if inst.verb:
                by_verb[inst.verb].append(inst)
    counts = Counter({v: len(insts) for v, insts in by_verb.items()})
    floor = max(MIN_ITEM_COUNT, math.ceil(MIN_ITEM_SHARE * sum(counts.values())))
    key_of = _fold_rare(counts, floor)
    key_instances: dict[str, list["InstanceAction"]] = defaultdict(list)
    for verb, key in key_of.items():
        key_instances[key].extend(by_verb[verb])
    ignored: dict[str, int] = {}
    for key in sorted(key_instances):
        if key in NOISE_VERBS:
            insts = key_instances[key]
            if len(insts) < NOISE_MIN_COUNT or physical_share(insts) < NOISE_MIN_PHYSICAL:
                ignored[key] = len(insts)
    live = {k: v for k, v in key_of.items() if v not in ignored}
    keys = sorted({k for k in live.values()}, key=lambda k: (-len(key_instances[k]), k))
    items = [k for k in keys if len(key_instances[k]) >= floor]
    rare = [k for k in keys if len(key_instances[k]) < floor]
    if not items:
        items, rare = keys, []
    operation_of_key: dict[str, int] = {}
    if items:
        profiles = lemma_profiles(digests, items + rare, live, dims=PROFILE_DIMS, seed=seed)
        dims = profiles.shape[1]
        # rows are unit vectors: squared distance 2(1 - cos) spread over `dims` dimensions
        sigma = math.sqrt(2 * (1 - SYNONYM_COSINE) / dims)
        weights = [1 + math.log(len(key_instances[k])) for k in items]
        labels = dp_cluster(
            profiles[: len(items)], seed=seed, sigma=sigma, alpha=DP_ALPHA, weights=weights, sweeps=VERB_SWEEPS
        )
        operation_of_key = dict(zip(items, labels))
        n_ops = max(labels) + 1
        centroids = np.zeros((n_ops, profiles.shape[1]))
        for row, label in enumerate(labels):
            centroids[label] += profiles[row] * len(key_instances[items[row]])
        norms = np.linalg.norm(centroids, axis=1, keepdims=True)
        centroids = centroids / np.where(norms == 0, 1, norms)
        for j, key in enumerate(rare):
            sims = centroids @ profiles[len(items) + j]
            best = int(np.argmax(sims))
            if sims[best] >= ATTACH_SIMILARITY:
                operation_of_key[key] = best
    operation_of = {verb: operation_of_key[key] for verb, key in live.items() if key in operation_of_key}
    grouped: dict[int, list[str]] = defaultdict(list)
    for verb, op in operation_of.items():
        grouped[op].append(verb)
    # operations in order of size, verbs in order of frequency: stable across runs
    ordered = sorted(
        grouped.values(),
        key=lambda vs: (-sum(counts[v] for v in vs), min(vs)),
    )
    groups = tuple(tuple(sorted(vs, key=lambda v: (-counts[v], v))) for vs in ordered)
    return VerbClustering(
        groups=groups,
        operation_of={v: i for i, vs in enumerate(groups) for v in vs},
        ignored={v: counts[v] for v, k in key_of.items() if k in ignored},
        verb_counts=dict(counts),
    )
