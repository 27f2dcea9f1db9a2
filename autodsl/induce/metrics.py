"""How well a DSL spec covers instance actions, and how good a clustering is.

**Fit.** An instance action is *covered* by a spec when (1) its verb maps to an opcode —
the lemma as written or one of its more general forms
(:func:`autodsl.induce.verbs.verb_candidates`) is one of the operation's verbs — and (2)
every one of its arguments *fits* a slot of that opcode: the slot name its role, entity type
and unit dimension give (:func:`autodsl.induce.slots.slot_name`) is a slot of the
operation, and when both the argument and the slot have a unit dimension, they are equal.
Materials acted on and products are positional in programs and always fit; amounts written
with them ("10 µl of buffer", role ``Measure``) are arguments like the others.

:func:`coverage_figures` sums fits over many actions into the figures ``autodsl eval dsl``
reports (see ``docs/spec.md`` for each one's definition).

>>> from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec
>>> from autodsl.induce.features import InstanceAction, SlotValue
>>> spec = DslSpec(domain="d", operations=[OperationSpec(opcode="SPIN", verbs={"spin": 2},
...     slots=[SlotSpec(name="time", role="Setting", type="Time", dimension="time")])])
>>> t = SlotValue(name="time", role="Setting", type="Time", dimension="time", value=60.0)
>>> index = VerbIndex(spec)
>>> index.fit(InstanceAction(protocol="p", lemma="spin down", slots=(t,))).covered
True
>>> index.fit(InstanceAction(protocol="p", lemma="vortex")).reason
'unknown-verb'
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from autodsl.induce.spec import DslSpec, OperationSpec
from autodsl.induce.verbs import verb_candidates
from autodsl.pdg.structure import CONTROL_VERBS

if TYPE_CHECKING:
    from autodsl.induce.features import InstanceAction

__all__ = ["Fit", "VerbIndex", "coverage_figures", "adjusted_rand_index", "agreement_with_gold"]


@dataclass(frozen=True)
class Fit:
    """How one instance action fits a spec."""

    opcode: str | None
    covered: bool
    reason: str  # "ok", "control", "unknown-verb", "ignored-verb" or "unfit-slot"
    arguments: int = 0
    fitting_arguments: int = 0
    missing_required: int = 0
    values: int = 0
    values_in_range: int = 0


class VerbIndex:
    """A spec with its verbs indexed, for fast fitting of many actions."""

    def __init__(self, spec: DslSpec) -> None:
        self.spec = spec
        self.by_verb: dict[str, OperationSpec] = {}
        for op in spec.operations:
            for verb in op.verbs:
                # on a (rare) verb shared by two operations, the one with more instances wins
                known = self.by_verb.get(verb)
                if known is None or op.verbs[verb] > known.verbs[verb]:
                    self.by_verb[verb] = op
        self.ignored = set(spec.ignored_verbs)

    def operation(self, lemma: str) -> OperationSpec | None:
        """The operation a lemma maps to, or None."""
        for form in verb_candidates(lemma):
            op = self.by_verb.get(form)
            if op is not None:
                return op
        return None

    def fit(self, inst: "InstanceAction") -> Fit:
        """How ``inst`` fits the spec (see the module docstring)."""
        op = self.operation(inst.lemma)
        if op is None and any(form in CONTROL_VERBS for form in verb_candidates(inst.lemma)):
            # 'repeat steps 3-5' is said by the language's repeat block, not by an opcode
            return Fit(None, True, "control", len(inst.slots))
        if op is None:
            ignored = any(form in self.ignored for form in verb_candidates(inst.lemma))
            return Fit(None, False, "ignored-verb" if ignored else "unknown-verb", len(inst.slots))
        slots = {s.name: s for s in op.slots}
        fitting = values = in_range = 0
        for value in inst.slots:
            slot = slots.get(value.name)
            if slot is None or not (slot.dimension is None or value.dimension is None or slot.dimension == value.dimension):
                continue
            fitting += 1
            if slot.range is not None and value.value is not None and value.dimension == slot.dimension:
                low, high = value.value if isinstance(value.value, tuple) else (value.value, value.value)
                values += 1
                in_range += slot.range.min <= low and high <= slot.range.max
        given = {v.name for v in inst.slots}
        missing = sum(1 for s in op.slots if s.required and s.name not in given)
        ok = fitting == len(inst.slots)
        return Fit(op.opcode, ok, "ok" if ok else "unfit-slot", len(inst.slots), fitting, missing, values, in_range)


def coverage_figures(spec: DslSpec, instances: Iterable["InstanceAction"]) -> dict[str, object]:
    """Coverage and related figures of ``spec`` on ``instances`` (see docs/spec.md)."""
    index = VerbIndex(spec)
    pairs = [(inst, index.fit(inst)) for inst in instances]
    fits = [f for _, f in pairs]
    n = len(fits)
    covered_verbs = {inst.verb for inst, f in pairs if f.covered}
    reasons = Counter(f.reason for f in fits)
    mapped = [f for f in fits if f.opcode is not None]
    covered = [f for f in fits if f.covered]
    used = Counter(f.opcode for f in mapped)
    arguments = sum(f.arguments for f in mapped)
    operations_only = n - reasons["ignored-verb"]

    def share(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    return {
        "coverage": share(len(covered), n),
        "opcodes": len(spec.operations),
        "patterns": sum(len(op.patterns) for op in spec.operations),
        "slots": sum(len(op.slots) for op in spec.operations),
        "actions": n,
        "covered": len(covered),
        "control": reasons["control"],
        "opcode_coverage": share(len(mapped), n),
        "coverage_of_operations": share(len(covered), operations_only),
        "argument_fit": share(sum(f.fitting_arguments for f in mapped), arguments),
        "required_given": share(sum(1 for f in covered if f.missing_required == 0), len(covered)),
        "in_range": share(sum(f.values_in_range for f in covered), sum(f.values for f in covered)),
        "opcodes_used": share(len(used), len(spec.operations)),
        "verbs_per_opcode": round(len(covered_verbs) / len(used), 3) if used else 0.0,
        "laconicity": round(1 - len(used) / len(covered_verbs), 4) if covered_verbs else 0.0,
        "uncovered": {
            "unknown-verb": reasons["unknown-verb"],
            "ignored-verb": reasons["ignored-verb"],
            "unfit-slot": reasons["unfit-slot"],
        },
    }


def adjusted_rand_index(truth: Sequence[int], labels: Sequence[int]) -> float:
    """Adjusted Rand index of a clustering against true classes (1 = identical partitions).

    >>> adjusted_rand_index([0, 0, 1, 1], [5, 5, 2, 2])
    1.0
    """
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(list(truth), list(labels)))


def agreement_with_gold(labels: Sequence[str], gold: Sequence[str]) -> dict[str, float]:
    """How a clustering of instances (e.g. their opcodes) agrees with gold classes.

    ``purity``: share of instances whose cluster's majority gold class is their own;
    ``homogeneity`` (each cluster holds one class), ``completeness`` (each class lies in one
    cluster) and their harmonic mean ``v_measure``; ``ari``, the adjusted Rand index.

    >>> agreement_with_gold(["SPIN", "SPIN", "ADD"], ["spin", "spin", "transfer"])["purity"]
    1.0
    """
    from sklearn.metrics import homogeneity_completeness_v_measure

    if not labels:
        return {"purity": 0.0, "homogeneity": 0.0, "completeness": 0.0, "v_measure": 0.0, "ari": 0.0}
    by_cluster: dict[str, Counter[str]] = {}
    for label, truth in zip(labels, gold):
        by_cluster.setdefault(label, Counter())[truth] += 1
    purity = sum(c.most_common(1)[0][1] for c in by_cluster.values()) / len(labels)
    h, c, v = homogeneity_completeness_v_measure(list(gold), list(labels))
    codes = {label: i for i, label in enumerate(sorted(set(labels)))}
    truths = {t: i for i, t in enumerate(sorted(set(gold)))}
    ari = adjusted_rand_index([truths[t] for t in gold], [codes[x] for x in labels])
    return {
        "purity": round(purity, 4),
        "homogeneity": round(float(h), 4),
        "completeness": round(float(c), 4),
        "v_measure": round(float(v), 4),
        "ari": round(ari, 4),
    }
