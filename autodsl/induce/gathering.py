"""Kinds of work after sampling: which verbs of a kind share an operation, and with whom.

The verb mixture (:mod:`autodsl.induce.operations`) seats verbs by usage under cannot-links
from their *sense*, the pair (effect, kind) (:mod:`autodsl.induce.effects`,
:mod:`autodsl.induce.kinds`); :func:`compatible` says which senses may share an operation.
After sampling, kinds are settled here: verbs of a kind the sampler does not see leave
operations of other verbs (:func:`separate_kinds`), each kind's verbs are gathered into one
operation (:func:`gather_kinds`), and a kind that is no more than half of the operation it
gathered into leaves for one of its own (:func:`split_minority_kinds`).

>>> compatible(("temperature", "heat"), {("temperature", None)}), compatible((None, None), {("mix", None)})
(False, True)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Sequence

from autodsl.induce.kinds import kinds_conflict

if TYPE_CHECKING:
    from autodsl.induce.features import InstanceAction

__all__ = [
    "Sense",
    "EXCLUSIVE_EFFECTS",
    "TEMPERATURE_CHANGE_KINDS",
    "GATHERED_KINDS",
    "SETTLED_KINDS",
    "compatible",
    "senses_conflict",
    "separate_kinds",
    "gather_kinds",
    "split_minority_kinds",
    "settled_only",
    "kind_homes",
]

# effects whose operations admit only verbs known to have them
EXCLUSIVE_EFFECTS = frozenset({"discard"})
# kinds that change a temperature: their verbs never share an operation with verbs that hold
# one (temperature effect, no kind: incubate, store, hold)
TEMPERATURE_CHANGE_KINDS = frozenset({"heat", "cool"})
# kinds whose verbs are gathered into one operation per domain (all of kinds.KINDS): the sampler
# split heat from prewarm, cool from freeze, image from measure, cap from close
GATHERED_KINDS = frozenset(
    {"heat", "cool", "open", "close", "attach", "detach", "spin", "filter", "observe", "disrupt", "immerse"}
    | {"stain", "fix", "concentrate", "denature", "inactivate", "activate"}
    | {"wait", "elute", "sterilize"}
    | {"grow", "dialyze", "anesthetize"}
    | {"lyse", "transfect", "dissect", "precipitate"}
    | {"amplify", "electroporate", "agitate"}
)
# kinds the sampler does not see (its features and cannot-links, the verb keys): they were added
# to grammars already in use, and settling them after sampling (:func:`separate_kinds`, then
# :func:`gather_kinds`) moves only their own verbs, not the rest of a grammar its users know
SETTLED_KINDS = frozenset(
    {"disrupt", "immerse", "stain", "fix", "concentrate", "denature", "inactivate", "activate"}
    | {"wait", "elute", "sterilize"}
    | {"grow", "dialyze", "anesthetize"}
    | {"lyse", "transfect", "dissect", "precipitate"}
    | {"amplify", "electroporate", "agitate"}
)

Sense = tuple["str | None", "str | None"]  # (effect, kind) of a verb, None where unknown


def _effects_conflict(a: str | None, b: str | None) -> bool:
    """Whether verbs of effects ``a`` and ``b`` (None: unknown) may not share an operation."""
    if a is None or b is None:
        return (a or b) in EXCLUSIVE_EFFECTS
    return a != b


def _holds_and_changes(a: Sense, b: Sense) -> bool:
    """Whether ``a`` changes a temperature (heat, cool) and ``b`` holds one (incubate, store).

    A verb of temperature effect and no kind keeps material at a temperature; heating and
    cooling verbs change it. Their usage is alike (a sample, a temperature, a time), so
    without this the sampler may seat *heat* and *warm* with *incubate*.
    """
    return a[1] in TEMPERATURE_CHANGE_KINDS and b == ("temperature", None)


def senses_conflict(a: Sense, b: Sense) -> bool:
    """Whether verbs of senses ``a`` and ``b`` may not share an operation (effects, kinds, temperature).

    >>> senses_conflict(("discard", None), (None, None)), senses_conflict((None, "heat"), ("temperature", None))
    (True, True)
    """
    return (
        _effects_conflict(a[0], b[0]) or kinds_conflict(a[1], b[1])
        or _holds_and_changes(a, b) or _holds_and_changes(b, a)
    )


def compatible(sense: Sense, members: set[Sense]) -> bool:
    """Whether a verb of ``sense`` may join an operation whose verbs have ``members`` senses."""
    return not any(senses_conflict(sense, m) for m in members)


def separate_kinds(
    items: Sequence[str], labels: Sequence[int], sense_of: dict[str, Sense], instances: dict[str, int]
) -> list[int]:
    """Labels after verbs of :data:`SETTLED_KINDS` leave operations of another kind.

    An operation's kind is the kind of at least :data:`~autodsl.induce.kinds.KIND_SHARE` of
    its instances (:func:`~autodsl.induce.kinds.operation_kind`; None when no kind is). Verbs
    of a settled kind in an operation of another kind or none, and verbs of any kind in an
    operation of a settled kind, leave for an operation of their own, one per kind, which
    :func:`gather_kinds` may then join to their kind's (medical *immerse* sat in FIX, among
    *fix*, *run* and *stain*). An operation of a settled kind that holds verbs of no kind
    loses its kind's verbs too, and the others stay together where they were: the sampler, blind
    to these kinds, seated genetics *stand* and *degas* with *sonicate*, *rest* and *adhere* with
    *dip*. Labels are renumbered by first appearance.

    >>> sense = {"soak": (None, "immerse"), "sonicate": (None, "disrupt"), "rest": (None, None)}
    >>> separate_kinds(["soak", "sonicate", "rest"], [0, 0, 0], sense, {"soak": 60, "sonicate": 50, "rest": 9})
    [0, 1, 2]
    >>> separate_kinds(["soak", "sonicate", "rest"], [0, 1, 1], sense, {"soak": 60, "sonicate": 50, "rest": 9})
    [0, 1, 2]
    >>> separate_kinds(["soak", "dip", "rest"], [0, 0, 1], {**sense, "dip": (None, "immerse")}, {"soak": 6, "dip": 5, "rest": 9})
    [0, 0, 1]
    """
    from autodsl.induce.kinds import operation_kind

    new = list(labels)
    fresh = max(labels, default=-1) + 1
    for label in sorted(set(labels)):
        members = [i for i, _ in enumerate(items) if new[i] == label]
        per_kind = {sense_of[items[i]][1] for i in members} - {None}
        own = operation_kind({items[i]: instances[items[i]] for i in members})
        leaving = [k for k in per_kind if k != own and (k in SETTLED_KINDS or own in SETTLED_KINDS)]
        if own in SETTLED_KINDS and any(sense_of[items[i]][1] is None for i in members):
            leaving.append(own)
        for kind in sorted(leaving):
            for i in members:
                if sense_of[items[i]][1] == kind:
                    new[i] = fresh
            fresh += 1
    renumber: dict[int, int] = {}
    return [renumber.setdefault(label, len(renumber)) for label in new]


def gather_kinds(
    items: Sequence[str], labels: Sequence[int], sense_of: dict[str, Sense], instances: dict[str, int]
) -> list[int]:
    """Labels after the verbs of each kind of :data:`GATHERED_KINDS` are gathered into one operation.

    The sampler seats verbs by usage, and one kind of work used two ways may become two
    operations (bioengineering *heat, warm, autoclave* apart from *prewarm, preheat, bake*).
    Verbs of one kind are one operation to a scientist: each verb of the kind moves to the
    operation holding most of the kind's instances when it may share it (effects, kinds); no
    verb of another kind or of no kind moves. Labels are renumbered by first appearance.

    >>> sense = {"heat": ("temperature", "heat"), "prewarm": ("temperature", "heat"), "mix": (None, None)}
    >>> gather_kinds(["heat", "prewarm", "mix"], [0, 1, 1], sense, {"heat": 150, "prewarm": 110, "mix": 90})
    [0, 0, 1]
    """
    new = list(labels)
    for kind in sorted(GATHERED_KINDS):
        of_kind = [i for i, key in enumerate(items) if sense_of[key][1] == kind]
        per_label: Counter[int] = Counter()
        for i in of_kind:
            per_label[new[i]] += instances[items[i]]
        if len(per_label) < 2:
            continue
        target = min(per_label, key=lambda label: (-per_label[label], label))
        for i in sorted(of_kind, key=lambda i: (-instances[items[i]], items[i])):
            if new[i] == target:
                continue
            members = {sense_of[items[j]] for j, label in enumerate(new) if label == target}
            if compatible(sense_of[items[i]], members):
                new[i] = target
    renumber: dict[int, int] = {}
    return [renumber.setdefault(label, len(renumber)) for label in new]


def settled_only(sense: Sense, members: set[Sense]) -> bool:
    """Whether a verb of no kind would join an operation whose verbs are all of settled kinds.

    >>> settled_only((None, None), {(None, "immerse")}), settled_only((None, "immerse"), {(None, "immerse")})
    (True, False)
    """
    return sense[1] is None and bool(members) and all(kind in SETTLED_KINDS for _, kind in members)


def split_minority_kinds(
    keys: Sequence[str], labels: Sequence[int], sense_of: dict[str, Sense], instances: dict[str, int],
    kinds: frozenset[str] = GATHERED_KINDS, least: int = 1,
) -> list[int]:
    """Labels after a kind that is a minority of its operation leaves it for an operation of its own.

    Gathering (:func:`gather_kinds`, and rare verbs joining their kind's operation) seats a
    kind's verbs where most of them are, even when that operation is mostly other verbs: ecology
    *soak*, *dip* and *submerge* joined *lyophilize* and *treat*, medical's joined *snap*. For
    each kind of ``kinds`` and each operation where its verbs make up less than half of the
    instances, they move to a fresh label of their own (one per kind); the other verbs stay.

    >>> sense = {"soak": (None, "immerse"), "dip": (None, "immerse"), "treat": (None, None), "mix": (None, None)}
    >>> split_minority_kinds(["treat", "soak", "dip", "mix"], [0, 0, 0, 1], sense, {"treat": 5, "soak": 2, "dip": 2, "mix": 9})
    [0, 2, 2, 1]
    >>> split_minority_kinds(["treat", "soak", "dip"], [0, 0, 0], sense, {"treat": 3, "soak": 2, "dip": 2})
    [0, 0, 0]
    >>> split_minority_kinds(["treat", "soak", "dip"], [0, 0, 0], sense, {"treat": 4, "soak": 2, "dip": 2})
    [0, 1, 1]
    >>> split_minority_kinds(["treat", "soak", "dip"], [0, 0, 0], sense, {"treat": 4, "soak": 2, "dip": 2}, least=5)
    [0, 0, 0]
    """
    new = list(labels)
    fresh = max(labels, default=-1) + 1
    total: Counter[int] = Counter()
    of_kind: dict[tuple[str, int], int] = Counter()
    for key, label in zip(keys, labels):
        total[label] += instances[key]
        kind = sense_of[key][1]
        if kind in kinds:
            of_kind[kind, label] += instances[key]
    for kind, label in sorted(of_kind):
        if 2 * of_kind[kind, label] > total[label] or of_kind[kind, label] < least:
            continue
        for i, key in enumerate(keys):
            if labels[i] == label and sense_of[key][1] == kind:
                new[i] = fresh
        fresh += 1
    return new


def kind_homes(
    items: Sequence[str], labels: Sequence[int], sense_of: dict[str, Sense], instances: dict[str, list["InstanceAction"]]
) -> dict[str, int]:
    """kind -> the operation holding most instances of its verbs, for kinds of :data:`GATHERED_KINDS`."""
    per_kind: dict[str, Counter[int]] = defaultdict(Counter)
    for key, label in zip(items, labels):
        kind = sense_of[key][1]
        if kind in GATHERED_KINDS:
            per_kind[kind][label] += len(instances[key])
    return {kind: min(c, key=lambda label: (-c[label], label)) for kind, c in per_kind.items()}
