"""Slots: name an instance action's arguments, and learn each operation's typed slots.

Naming (:func:`slot_name`) is one fixed table from an argument's WLP role, entity type and
unit dimension to a readable slot name, used alike by learning, by coverage checks and by
the translator, so a slot learned as ``force`` is the slot a protocol's ``12,000 x g``
fills. Quantities are named by their dimension (``time``, ``temperature``, ``volume``,
``force``, ``speed`` for rpm ...), places by role (``site``), tools by type (``equipment``
for a device — ``device`` is a keyword of the language —, ``method``, ``using`` for a
reagent something is done with).

Learning (:func:`learn_slots`): a slot of an operation is a name seen in at least
:data:`MIN_SLOT_SHARE` of its instances and at least :data:`MIN_SLOT_COUNT` times (rarer
argument kinds are extraction noise or one-off phrasing); it is *required* when at least
:data:`REQUIRED_SHARE` of the instances give it. A slot named after a dimension
(:func:`slot_dimension`: ``time``, ``temperature``, ``speed`` ...) carries that dimension
even when most of its arguments are quantities the unit parser could not read (*several
minutes*, *each hour*, named ``time`` by their entity type); other slots carry the most
common dimension their arguments have, if any. Quantity slots record the observed value
range of the arguments of their dimension in canonical units (quantiles) and every slot
keeps a few examples with their protocol ids. Parameter patterns come from a
Dirichlet-process mixture over the instances' slot signatures (:func:`learn_patterns`).

>>> slot_name("Setting", "Speed", "force"), slot_name("Site", "Location", None)
('force', 'site')
>>> slot_name("Setting", "Amount", "volume"), slot_name("Using", "Device", None)
('volume', 'equipment')
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Sequence

from autodsl.induce.spec import Example, Pattern, SlotSpec, ValueRange
from autodsl.units import CANONICAL_UNITS

if TYPE_CHECKING:
    from autodsl.induce.features import InstanceAction

__all__ = [
    "slot_name",
    "slot_dimension",
    "measure_slot_name",
    "FINAL_PREFIX",
    "MEASURE_ROLE",
    "learn_slots",
    "learn_patterns",
    "value_range",
    "INPUT_ROLES",
    "PRODUCT_ROLES",
    "MIN_SLOT_SHARE",
    "MIN_SLOT_COUNT",
    "REQUIRED_SHARE",
]

# Roles whose fillers are the materials an operation acts on (positional in programs) or
# the products it makes (bound on the left of '=' in programs), not slots.
INPUT_ROLES = frozenset({"Acts-on", "Participant_Material", "Recipe_Precursor"})
PRODUCT_ROLES = frozenset({"Product", "Recipe_Target"})
# Relations between two actions (order, alternatives) are control structure, not slots.
CONTROL_ROLES = frozenset({"Enables", "Overlaps", "Or", "Prevents", "Next_Operation", "Coreference-Link"})

# Amounts written with a material ("[10 µl] of buffer", autodsl.pdg.measures) are arguments
# of this role; the final volume or concentration of what an operation makes ("to 49.5 µl")
# fills a slot named with this prefix.
MEASURE_ROLE = "Measure"
FINAL_PREFIX = "final_"

MIN_SLOT_SHARE = 0.002
MIN_SLOT_COUNT = 2
REQUIRED_SHARE = 0.6
EXAMPLES_PER_SLOT = 3
PATTERN_SWEEPS = 6

_BY_DIMENSION = {
    "time": "time",
    "temperature": "temperature",
    "force": "force",
    "rotation": "speed",
    "volume": "volume",
    "mass": "mass",
    "molar_concentration": "concentration",
    "mass_concentration": "mass_concentration",
    "percent": "percent",
    "length": "size",
    "ph": "ph",
    "fold": "fold",
    "ratio": "ratio",
}
_BY_TYPE = {
    "Time": "time",
    "Temperature": "temperature",
    "Speed": "speed",
    "Amount": "amount",
    "Concentration": "concentration",
    "Size": "size",
    "pH": "ph",
    "Numerical": "number",
    "Generic-Measure": "measure",
    "Measure-Type": "measure",
    "Modifier": "manner",
    "Method": "method",
    "Seal": "seal",
}
_BY_ROLE = {
    "Site": "site",
    "Count": "count",
    "Mod-Link": "manner",
    "Measure-Type-Link": "measure",
}
_USING_BY_TYPE = {"Device": "equipment", "Method": "method", "Seal": "seal"}


def slot_name(role: str, type_: str, dimension: str | None) -> str:
    """The slot name an argument of this role, entity type and unit dimension fills."""
    if dimension and dimension in _BY_DIMENSION:
        return _BY_DIMENSION[dimension]
    if role in _BY_ROLE:
        return _BY_ROLE[role]
    if role == "Using":
        return _USING_BY_TYPE.get(type_, "using")
    if type_ in _BY_TYPE:
        return _BY_TYPE[type_]
    if role in ("Setting", "Measure"):
        return "setting"
    if type_ == "Device":
        return "equipment"
    return re.sub(r"[^a-z0-9]+", "_", role.lower()).strip("_") or "argument"


# slot name -> the dimension it stands for (each name comes from one dimension)
_DIMENSION_OF_NAME = {name: dimension for dimension, name in _BY_DIMENSION.items()}


def slot_dimension(name: str, dimensions: Counter[str | None] | None = None) -> str | None:
    """The unit dimension of a slot called ``name`` whose arguments have ``dimensions``.

    The dimension the name stands for (``time``, ``speed`` -> ``rotation``), else the most
    common dimension of its arguments (``None`` for unparsed ones does not count).

    >>> slot_dimension("time", Counter({None: 7, "time": 2})), slot_dimension("speed")
    ('time', 'rotation')
    >>> slot_dimension("setting", Counter({None: 3, "area": 1, "length": 1})), slot_dimension("site")
    ('area', None)
    """
    if name in _DIMENSION_OF_NAME:
        return _DIMENSION_OF_NAME[name]
    known = [(-n, d) for d, n in (dimensions or Counter()).items() if d is not None]
    return min(known)[1] if known else None


def measure_slot_name(type_: str, dimension: str | None, *, final: bool = False) -> str:
    """The slot an amount written with a material fills; ``final``: the amount of what is made.

    The same name an amount the action holds itself gets ("Add [10 µl] ..."), so both fill
    one slot.

    >>> measure_slot_name("Amount", "volume"), measure_slot_name("Amount", "volume", final=True)
    ('volume', 'final_volume')
    >>> measure_slot_name("Concentration", "molar_concentration", final=True)
    'final_concentration'
    """
    name = slot_name(MEASURE_ROLE, type_, dimension)
    return FINAL_PREFIX + name if final else name


def _quantile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated quantile of sorted ``values`` (numpy's default method)."""
    pos = (len(values) - 1) * q
    low = int(pos)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (pos - low)


def _clean(x: float) -> float:
    """Round away float noise so figures print the same everywhere."""
    return float(f"{x:.6g}")


def value_range(values: Sequence[float], unit: str) -> ValueRange:
    """Min, 5th percentile, median, 95th percentile and max of ``values``."""
    ordered = sorted(values)
    return ValueRange(
        unit=unit,
        min=_clean(ordered[0]),
        p05=_clean(_quantile(ordered, 0.05)),
        median=_clean(_quantile(ordered, 0.5)),
        p95=_clean(_quantile(ordered, 0.95)),
        max=_clean(ordered[-1]),
        n=len(ordered),
    )


def learn_slots(instances: Sequence["InstanceAction"]) -> list[SlotSpec]:
    """The slots of an operation from its instances, most frequent first (then by name).

    >>> from autodsl.induce.features import InstanceAction, SlotValue
    >>> t = SlotValue(name="time", role="Setting", type="Time", dimension="time", value=60.0, text="1 min")
    >>> acts = [InstanceAction(protocol=f"p{i}", lemma="spin", slots=(t,)) for i in range(3)]
    >>> [(s.name, s.required, s.range.median) for s in learn_slots(acts)]
    [('time', True, 60.0)]
    """
    total = len(instances)
    if not total:
        return []
    having: Counter[str] = Counter()
    kinds: dict[str, Counter[tuple[str, str, str | None]]] = defaultdict(Counter)
    values: dict[str, dict[str | None, list[float]]] = defaultdict(lambda: defaultdict(list))
    examples: dict[str, list[Example]] = defaultdict(list)
    for inst in instances:
        for name in {s.name for s in inst.slots}:
            having[name] += 1
        for s in inst.slots:
            kinds[s.name][(s.role, s.type, s.dimension)] += 1
            if s.value is not None:
                values[s.name][s.dimension].extend(s.value if isinstance(s.value, tuple) else (s.value,))
            seen = examples[s.name]
            if len(seen) < EXAMPLES_PER_SLOT and all(e.text != s.text for e in seen):
                seen.append(Example(text=s.text, protocol=inst.protocol))
    slots = []
    for name, count in sorted(having.items(), key=lambda kv: (-kv[1], kv[0])):
        share = count / total
        if share < MIN_SLOT_SHARE or count < MIN_SLOT_COUNT:
            continue
        (role, type_, _), _ = min(kinds[name].items(), key=lambda kv: (-kv[1], str(kv[0])))
        by_dimension: Counter[str | None] = Counter()
        for (_, _, dim), n in kinds[name].items():
            by_dimension[dim] += n
        dimension = slot_dimension(name, by_dimension)
        unit = CANONICAL_UNITS.get(dimension) if dimension else None
        dim_values = values[name].get(dimension, []) if dimension else []
        slots.append(
            SlotSpec(
                name=name,
                role=role,
                type=type_,
                dimension=dimension,
                required=share >= REQUIRED_SHARE,
                frequency=_clean(share),
                range=value_range(dim_values, unit) if unit and dim_values else None,
                examples=examples[name],
            )
        )
    return slots


def learn_patterns(
    instances: Sequence["InstanceAction"], slot_names: Sequence[str], *, seed: int
) -> list[Pattern]:
    """Parameter patterns of an operation: a DP mixture over its instances' slot signatures.

    Each instance is the 0/1 vector of which of ``slot_names`` it gives. Identical vectors
    are one weighted row of a Beta-Bernoulli Dirichlet-process mixture
    (:func:`autodsl.induce.dpmm.dp_cluster`); a pattern is the set of slots present in at
    least half of a cluster's instances. Clusters with the same slot set merge; patterns
    are sorted by count.

    >>> from autodsl.induce.features import InstanceAction, SlotValue
    >>> t = SlotValue(name="time", role="Setting", type="Time")
    >>> acts = [InstanceAction(protocol="p", lemma="spin", slots=(t,))] * 5 + [InstanceAction(protocol="p", lemma="spin")]
    >>> [(p.slots, p.count) for p in learn_patterns(acts, ["time"], seed=0)]
    [(['time'], 5), ([], 1)]
    """
    from autodsl.induce.dpmm import dp_cluster

    names = sorted(slot_names)
    if not instances:
        return []
    index = {n: i for i, n in enumerate(names)}
    signatures: Counter[tuple[int, ...]] = Counter()
    for inst in instances:
        row = [0] * len(names)
        for s in inst.slots:
            if s.name in index:
                row[index[s.name]] = 1
        signatures[tuple(row)] += 1
    rows = sorted(signatures, key=lambda r: (-signatures[r], r))
    if names and len(rows) > 1:
        labels = dp_cluster(
            rows, seed=seed, likelihood="bernoulli", weights=[signatures[r] for r in rows],
            sweeps=PATTERN_SWEEPS, final_sweeps=2,
        )
    else:
        labels = list(range(len(rows)))
    groups: dict[int, list[tuple[int, ...]]] = defaultdict(list)
    for label, row in zip(labels, rows):
        groups[label].append(row)
    merged: Counter[tuple[str, ...]] = Counter()
    for group in groups.values():
        size = sum(signatures[r] for r in group)
        present = tuple(
            n for j, n in enumerate(names) if 2 * sum(r[j] * signatures[r] for r in group) >= size
        )
        merged[present] += size
    return [
        Pattern(slots=list(slots), count=count)
        for slots, count in sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
