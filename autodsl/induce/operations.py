"""Operations (opcodes): cluster a domain's verbs so synonyms share one operation.

Steps, each documented where it happens:

1. **Verbs.** Each instance action's verb is its lemma without negation
   (:func:`autodsl.induce.verbs.base_verb`), reduced to its head verb
   (:func:`autodsl.induce.verbs.head_verb`: ``add physical barriers`` -> ``add``). Only words
   the lab-verb lexicon lists or the corpus shows used as verbs
   (:func:`autodsl.induce.verbs.attested_verbs`; ``learn`` gathers them over all domains)
   count; actions without such a verb (``abdomen``, ``absorbance readings``) join no
   operation. A verb that is a morphological variant of a more frequent verb
   (:func:`autodsl.induce.verbs.verb_variants`) joins it (:func:`join_variants`): another
   spelling of the same word when that spelling is more frequent (``homogenise`` ->
   ``homogenize``, ``re-suspend`` -> ``resuspend``), a derivation of the same stem or a
   compound of the verb as its head when the verb is at least :data:`VARIANT_RATIO` times
   as frequent in the domain (``centrifugate``, ``microcentrifuge`` -> ``centrifuge``);
   never across effects (see 3), and a derivation or compound of a kind (see 3) only into a
   verb of its kind (``heat-cure`` stays apart from ``cure``). A verb too rare to found an
   operation (see 3) is folded into a more general form of itself when that form is common
   enough (``spin down`` -> ``spin``), does not have a different effect and, for a verb of a
   kind, is of its kind (``snap freeze`` -> ``freeze``, not ``snap``).
2. **Noise verbs.** A verb of the small stoplist :data:`~autodsl.induce.verbs.NOISE_VERBS`
   (``see``, ``use``, ``let`` ...) becomes an operation only when the corpus shows it acting
   physically: at least :data:`NOISE_MIN_COUNT` instances, of which at least
   :data:`NOISE_MIN_PHYSICAL` give a quantity setting, a site or a device. Otherwise it is
   listed as an ignored verb. Control verbs (``repeat``: ``CONTROL_VERBS`` of the
   translator) are always ignored: they shape the program, they are no operation.
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
   **Effects** (:mod:`autodsl.induce.effects`, from X-WLP gold operation types and the
   translator's lexicon) constrain both steps: verbs whose dominant effects differ never
   share an operation (``discard`` and ``collect``, ``invert`` and ``pipette``), and a
   verb without a known effect never joins an operation of discarding verbs
   (:data:`~autodsl.induce.gathering.EXCLUSIVE_EFFECTS`): throwing material away needs
   positive evidence; verbs that change a temperature never join verbs that hold one
   (:data:`~autodsl.induce.gathering.TEMPERATURE_CHANGE_KINDS`).
   Verbs folded together have the effect of most of their instances. A known
   effect is also a feature of the mixture (a one-hot block of weight
   :data:`EFFECT_FEATURE` next to the usage profile), so verbs of one effect draw together;
   rare verbs join by usage alone. **Kinds** (:mod:`autodsl.induce.kinds`: heating against
   cooling, opening against closing, centrifuging against filtering, disrupting against
   immersing, observing) work the same way beside effects:
   verbs of two kinds never share an operation. After sampling
   (:mod:`autodsl.induce.gathering`), the verbs of one kind are gathered into one operation
   (``gather_kinds``), and a rare verb of a kind joins that operation whatever its usage
   (``GATHERED_KINDS``); a kind that is no more than half of the operation it gathered into
   leaves it for an operation of its own (``split_minority_kinds``). An operation of a kind
   the sampler does not see (``SETTLED_KINDS``) holds only verbs of its kind
   (``separate_kinds``).
4. **Names.** An operation is named after a verb (:func:`autodsl.induce.learn.naming_verb`:
   its kind's plain name, ``HEAT``, ``MEASURE``, when it has one; else its most frequent verb
   of its effect), upper case with non-letters as ``_`` (``spin down`` -> ``SPIN_DOWN``); a
   name already taken gets the name of the operation's most frequent slot appended, then a
   number.

>>> physical_share([])
0.0
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Sequence

from autodsl.induce.gathering import (
    GATHERED_KINDS,
    SETTLED_KINDS,
    Sense,
    compatible,
    gather_kinds,
    kind_homes,
    senses_conflict,
    separate_kinds,
    settled_only,
    split_minority_kinds,
)
from autodsl.induce.kinds import verb_kind
from autodsl.induce.slots import MEASURE_ROLE
from autodsl.induce.verbs import NOISE_VERBS, attested_verbs, head_verb, verb_candidates
from autodsl.pdg.structure import CONTROL_VERBS

if TYPE_CHECKING:
    from autodsl.induce.effects import VerbEffects
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
    "EFFECT_FEATURE",
    "VARIANT_RATIO",
    "join_variants",
]

MIN_ITEM_COUNT = 3
# A verb founds operations only if it makes up at least this share of the domain's actions
# (and MIN_ITEM_COUNT instances): in a large corpus the long tail of rare verbs (and of
# extraction noise) joins operations instead of splitting them.
MIN_ITEM_SHARE = 1 / 5000
NOISE_MIN_COUNT = 10
NOISE_MIN_PHYSICAL = 0.5
# a rare verb joins the nearest operation only this close to its centre (cosine): below it,
# it lands in whichever operation of generic verbs is nearest, so it stays out of the DSL
ATTACH_SIMILARITY = 0.4
PROFILE_DIMS = 32
# Resolution of the verb mixture: verbs whose profiles have about this cosine similarity
# to an operation's centre are typical members of it (sets the Gaussian spread).
SYNONYM_COSINE = 0.7
DP_ALPHA = 1.0
# weight of a verb's known effect (one-hot) next to its unit-length usage profile
EFFECT_FEATURE = 1.0
VERB_SWEEPS = 20
_PHYSICAL_SLOTS = frozenset({"site", "equipment"})
# a derivation or compound joins a verb that is at least this many times as frequent: the
# domain's usual word for the operation, not a rival of its own (a spelling joins any more
# frequent spelling of itself)
VARIANT_RATIO = 3


@dataclass(frozen=True)
class VerbClustering:
    """Which verbs form which operation, and which verbs were judged noise.

    ``groups`` and ``verb_counts`` are over head verbs; ``operation_of`` and ``head_of``
    map the verbs of instance actions (``InstanceAction.verb``); ``unattested`` counts the
    instance verbs without a head verb; ``effects`` gives each head verb's dominant effect.
    """

    groups: tuple[tuple[str, ...], ...]
    operation_of: dict[str, int]
    ignored: dict[str, int]
    verb_counts: dict[str, int]
    head_of: dict[str, str] = field(default_factory=dict)
    unattested: dict[str, int] = field(default_factory=dict)
    effects: dict[str, str] = field(default_factory=dict)


def physical_share(instances: Sequence["InstanceAction"]) -> float:
    """Share of instances giving a quantity setting, a site or a device.

    An amount of a material ("use 10 µl of buffer", role ``Measure``) is no setting of the verb.
    """
    if not instances:
        return 0.0
    physical = sum(
        any((s.dimension and s.role != MEASURE_ROLE) or s.name in _PHYSICAL_SLOTS for s in inst.slots)
        for inst in instances
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


def join_variants(
    counts: Counter[str], effect_of: dict[str, str | None], kind_of: Callable[[str], str | None] = verb_kind
) -> dict[str, str]:
    """verb -> the verb it is a variant of (itself when none), after chains are followed.

    Verbs are visited from the most frequent, so a variant's verb has its key already
    (``re-suspend`` -> ``resuspend``; ``pre-incubate`` -> ``preincubate`` -> ``incubate``).
    Effects and kinds (``kind_of``, by default :func:`autodsl.induce.kinds.verb_kind`) must be
    compatible with every verb joined to the key so far.

    >>> counts = Counter({"centrifuge": 500, "microcentrifuge": 13, "centrifugate": 90, "move": 40, "remove": 9})
    >>> effect_of = dict.fromkeys(counts)
    >>> sorted(join_variants(counts, effect_of).items())  # doctest: +NORMALIZE_WHITESPACE
    [('centrifugate', 'centrifuge'), ('centrifuge', 'centrifuge'), ('microcentrifuge', 'centrifuge'),
     ('move', 'move'), ('remove', 'remove')]
    """
    from autodsl.induce.verbs import verb_variants

    key_of: dict[str, str] = {}
    folded: dict[str, set[Sense]] = {}  # key -> senses of its verbs
    sense = {v: (effect_of[v], kind_of(v)) for v in counts}
    for verb in sorted(counts, key=lambda v: (-counts[v], v)):
        key = verb
        for form, kind in verb_variants(verb):
            n = counts.get(form, 0)
            if not n:
                continue
            if kind == "spelling":
                # visited before this verb: more frequent, or as frequent and sorted first
                frequent = (-n, form) < (-counts[verb], verb)
            else:
                frequent = n >= VARIANT_RATIO * counts[verb]
            root = key_of.get(form)
            if frequent and root is not None and compatible(sense[verb], folded[root]):
                key = root
                break
        key_of[verb] = key
        folded.setdefault(key, {sense[key]}).add(sense[verb])
    return key_of


def _sampled_kind(verb: str) -> str | None:
    """The kind of ``verb`` as keys and the sampler see it: None for a settled kind
    (:data:`~autodsl.induce.gathering.SETTLED_KINDS`)."""
    kind = verb_kind(verb)
    return None if kind in SETTLED_KINDS else kind


def _keeps_kind(verb: Sense, form: Sense) -> bool:
    """Whether a verb may fold into a more general ``form`` of itself without leaving its kind.

    A compound or derivation of a known kind is that kind of work whatever its other part:
    *snap freeze* is freezing, not *snap*; *heat-cure* is heating, not *cure*.

    >>> _keeps_kind((None, "cool"), (None, None)), _keeps_kind((None, "cool"), (None, "cool"))
    (False, True)
    >>> _keeps_kind((None, None), ("spin", "spin"))
    True
    """
    return verb[1] is None or verb[1] == form[1]


def _fold_rare(counts: Counter[str], floor: int, sense_of: dict[str, Sense]) -> dict[str, str]:
    """verb -> key: verbs rarer than ``floor`` map to a common, more general form of themselves.

    Not across effects or kinds: a rare ``pour off`` (discard) is no ``pour`` (transfer).
    """
    key_of = {}
    folded: dict[str, set[Sense]] = {}  # key -> senses of the verbs folded into it so far
    for verb, count in counts.items():
        key = verb
        if count < floor:
            for form in verb_candidates(verb)[1:]:
                if counts.get(form, 0) >= floor:
                    senses = folded.setdefault(form, {sense_of[form]})
                    if compatible(sense_of[verb], senses):
                        key = form
                        senses.add(sense_of[verb])
                    break
        key_of[verb] = key
    return key_of


def _merged_sense(senses: Sequence[tuple[Sense, int]]) -> Sense:
    """The sense of verbs joined as one key, from (sense, instances) of each verb.

    An effect or kind holds for the key when the verbs known to have it make up more than
    half of its instances: one folded "sequence insert" (a transfer) says nothing about the
    other 115 *sequence*, nor one "perform separate" about 667 *perform*.

    >>> _merged_sense([(("transfer", None), 1), ((None, None), 115)])
    (None, None)
    >>> _merged_sense([(("spin", "spin"), 514), ((None, "spin"), 4)])
    ('spin', 'spin')
    """
    total = sum(n for _, n in senses)
    effects: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for (effect, kind), n in senses:
        if effect is not None:
            effects[effect] += n
        if kind is not None:
            kinds[kind] += n
    # compatible verbs: at most one known effect and one kind
    effect = next((e for e, n in effects.items() if 2 * n > total), None)
    kind = next((k for k, n in kinds.items() if 2 * n > total), None)
    return (effect, kind)


def _group_label(sense: Sense) -> str | None:
    """A sense as a group name for the sampler's cannot-link (None when nothing is known)."""
    return None if sense == (None, None) else f"{sense[0] or ''}|{sense[1] or ''}"


def _labels_conflict(a: str | None, b: str | None) -> bool:
    def parse(label: str | None) -> Sense:
        effect, _, kind = (label or "|").partition("|")
        return (effect or None, kind or None)

    return senses_conflict(parse(a), parse(b))


def cluster_verbs(
    digests: Sequence["ProtocolDigest"],
    *,
    seed: int,
    effects: "VerbEffects | None" = None,
    verbs: frozenset[str] | None = None,
) -> VerbClustering:
    """Group the verbs of a domain's instance actions into operations.

    ``effects``: what verbs do to material (default: the shipped X-WLP evidence and lexicon);
    ``verbs``: the words known to be verbs (default: :func:`attested_verbs` of ``digests``;
    a whole multi-domain corpus knows more verbs than one of its domains).
    """
    import numpy as np

    from autodsl.induce.dpmm import dp_cluster
    from autodsl.induce.effects import bundled_verb_effects
    from autodsl.induce.features import lemma_profiles

    effects = effects if effects is not None else bundled_verb_effects()
    by_instance_verb: dict[str, list["InstanceAction"]] = defaultdict(list)
    for digest in digests:
        for inst in digest.actions:
            if inst.verb:
                by_instance_verb[inst.verb].append(inst)
    if verbs is None:
        verbs = attested_verbs(inst for insts in by_instance_verb.values() for inst in insts)
    head_of: dict[str, str] = {}
    unattested: dict[str, int] = {}
    by_verb: dict[str, list["InstanceAction"]] = defaultdict(list)
    for verb in sorted(by_instance_verb):
        head = head_verb(verb, verbs)
        if head is None:
            unattested[verb] = len(by_instance_verb[verb])
            continue
        head_of[verb] = head
        by_verb[head].extend(by_instance_verb[verb])
    counts = Counter({v: len(insts) for v, insts in by_verb.items()})
    effect_of = {v: effects.dominant(v) for v in counts}
    floor = max(MIN_ITEM_COUNT, math.ceil(MIN_ITEM_SHARE * sum(counts.values())))
    joined = join_variants(counts, effect_of, kind_of=_sampled_kind)
    sense_of: dict[str, Sense] = {v: (effect_of[v], verb_kind(v)) for v in counts}
    sampled_sense_of: dict[str, Sense] = {v: (effect_of[v], _sampled_kind(v)) for v in counts}
    joined_counts: Counter[str] = Counter()
    joined_verbs: dict[str, list[str]] = defaultdict(list)
    for verb, root in joined.items():
        joined_counts[root] += counts[verb]
        joined_verbs[root].append(verb)
    joined_sense = {
        root: _merged_sense([(sampled_sense_of[v], counts[v]) for v in vs]) for root, vs in joined_verbs.items()
    }
    folded_key = _fold_rare(joined_counts, floor, joined_sense)
    key_of = {verb: folded_key[root] for verb, root in joined.items()}
    key_instances: dict[str, list["InstanceAction"]] = defaultdict(list)
    key_verbs: dict[str, list[str]] = defaultdict(list)
    for verb, key in sorted(key_of.items()):
        key_instances[key].extend(by_verb[verb])
        key_verbs[key].append(verb)
    key_sense = {key: _merged_sense([(sense_of[v], counts[v]) for v in vs]) for key, vs in key_verbs.items()}
    sampled_sense = {
        key: _merged_sense([(sampled_sense_of[v], counts[v]) for v in vs]) for key, vs in key_verbs.items()
    }
    ignored: dict[str, int] = {}
    for key in sorted(key_instances):
        if key in CONTROL_VERBS:  # "repeat steps 3-5" is control structure, never an operation
            ignored[key] = len(key_instances[key])
        elif key in NOISE_VERBS:
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
    moved_verbs: dict[str, int] = {}  # verb -> operation, where it leaves its key's
    if items:
        instance_key = {verb: live[head] for verb, head in head_of.items() if head in live}
        items_and_rare = items + rare
        row_of = {k: i for i, k in enumerate(items_and_rare)}
        usage = lemma_profiles(digests, items_and_rare, instance_key, dims=PROFILE_DIMS, seed=seed)
        dims = usage.shape[1]
        # the known effect and kind as strong features: verbs of one effect draw together
        effect_names = sorted({e for e, _ in sampled_sense.values() if e is not None})
        kind_names = sorted({k for _, k in sampled_sense.values() if k is not None})
        extra = np.zeros((usage.shape[0], len(effect_names) + len(kind_names)))
        for row, key in enumerate(items + rare):
            effect, kind = sampled_sense[key]
            if effect is not None:
                extra[row, effect_names.index(effect)] = EFFECT_FEATURE
            if kind is not None:
                extra[row, len(effect_names) + kind_names.index(kind)] = EFFECT_FEATURE
        profiles = np.hstack([usage, extra])
        profiles = profiles / np.linalg.norm(profiles, axis=1, keepdims=True)
        # rows are unit vectors: squared distance 2(1 - cos) spread over `dims` dimensions
        sigma = math.sqrt(2 * (1 - SYNONYM_COSINE) / dims)
        weights = [1 + math.log(len(key_instances[k])) for k in items]
        labels = dp_cluster(
            profiles[: len(items)], seed=seed, sigma=sigma, alpha=DP_ALPHA, weights=weights, sweeps=VERB_SWEEPS,
            groups=[_group_label(sampled_sense[k]) for k in items], conflict=_labels_conflict,
        )
        item_instances = {k: len(key_instances[k]) for k in items}
        labels = gather_kinds(items, separate_kinds(items, labels, key_sense, item_instances), key_sense, item_instances)
        operation_of_key = dict(zip(items, labels))
        n_ops = max(labels) + 1
        # rare verbs of a gathered kind join its operation; others join by usage alone (their
        # effect and kind, if known, only restrict where)
        centroids = np.zeros((n_ops, usage.shape[1]))
        members: list[set[Sense]] = [set() for _ in range(n_ops)]
        for key, label in zip(items, labels):
            centroids[label] += usage[row_of[key]] * len(key_instances[key])
            members[label].add(key_sense[key])
        norms = np.linalg.norm(centroids, axis=1, keepdims=True)
        centroids = centroids / np.where(norms == 0, 1, norms)
        home = kind_homes(items, labels, key_sense, key_instances)
        for key in rare:
            kind = key_sense[key][1]
            if kind in home and compatible(key_sense[key], members[home[kind]]):
                # what a verb seen a few times is says more than the usage of those few instances
                # (wetlab 'photograph', once, at cosine 0.27 to MEASURE; 'lock' nearest to MOUNT)
                operation_of_key[key] = home[kind]
                members[home[kind]].add(key_sense[key])
                continue
            sims = centroids @ usage[row_of[key]]
            # an operation of settled kinds admits no rare verb of no kind (medical 'snap' joined SOAK)
            allowed = np.array([compatible(key_sense[key], m) and not settled_only(key_sense[key], m) for m in members])
            sims = np.where(allowed, sims, -np.inf)
            best = int(np.argmax(sims))
            if sims[best] >= ATTACH_SIMILARITY:
                operation_of_key[key] = best
                members[best].add(key_sense[key])
                if kind in GATHERED_KINDS and kind not in home:
                    # a kind of only rare verbs gathers where its commonest verb joins (ecology
                    # 'dip', 'submerge' and 'soak', twice each, were in two operations)
                    home[kind] = best
        # a kind gathered where it is no more than half of the instances gets an operation of its own,
        # when it has the instances to found one
        placed = sorted(operation_of_key)
        split = split_minority_kinds(
            placed, [operation_of_key[k] for k in placed], key_sense, {k: len(key_instances[k]) for k in placed},
            least=floor,
        )
        for key, label in zip(placed, split):
            kind = key_sense[key][1]
            if label != operation_of_key[key] and home.get(kind) == operation_of_key[key]:
                home[kind] = label
        operation_of_key = dict(zip(placed, split))
        members = [set() for _ in range(max(split, default=-1) + 1)]
        for key, label in operation_of_key.items():
            members[label].add(key_sense[key])
        # a verb of a kind folded into a verb of another kind or none ('snap freeze' into 'snap',
        # 'heat-cure' into 'cure') is that kind of work: it joins its kind's operation
        for verb, key in live.items():
            kind = sense_of[verb][1]
            if key in operation_of_key and not _keeps_kind(sense_of[verb], key_sense[key]) and kind in home:
                if compatible(sense_of[verb], members[home[kind]]):
                    moved_verbs[verb] = home[kind]
    operation_of = {
        verb: moved_verbs.get(verb, operation_of_key[key]) for verb, key in live.items() if key in operation_of_key
    }
    grouped: dict[int, list[str]] = defaultdict(list)
    for verb, op in operation_of.items():
        grouped[op].append(verb)
    # operations in order of size, verbs in order of frequency: stable across runs
    ordered = sorted(
        grouped.values(),
        key=lambda vs: (-sum(counts[v] for v in vs), min(vs)),
    )
    groups = tuple(tuple(sorted(vs, key=lambda v: (-counts[v], v))) for vs in ordered)
    op_of_head = {v: i for i, vs in enumerate(groups) for v in vs}
    return VerbClustering(
        groups=groups,
        operation_of={verb: op_of_head[head] for verb, head in head_of.items() if head in op_of_head},
        ignored={v: counts[v] for v, k in key_of.items() if k in ignored},
        verb_counts=dict(counts),
        head_of=head_of,
        unattested=unattested,
        effects={v: e for v, e in effect_of.items() if e is not None},
    )
