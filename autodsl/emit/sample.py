"""Sample valid programs of a domain: for benchmarks, round-trip and mutation tests.

:func:`sample_program` writes a program of ``statements`` statements that uses only the
spec's operations and slots, gives every required slot, keeps quantities inside each
slot's learned range (in a random spelling of its unit), declares what it uses, never
uses a material after it is used up and nests some statements in blocks. The same seed
gives the same text.

>>> from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec
>>> t = SlotSpec(name="time", role="Setting", type="Time", dimension="time", required=True)
>>> spec = DslSpec(domain="demo", operations=[OperationSpec(opcode="SPIN", slots=[t])])
>>> text = sample_program(spec, 3, seed=1)
>>> text.splitlines()[0], text.count("SPIN(")
('protocol "Sample program 1" domain demo', 3)
"""

from __future__ import annotations

import random

from autodsl.emit.grammar import UNIT_SPELLINGS
from autodsl.emit.quantity import format_number, to_canonical
from autodsl.emit.printer import INDENT
from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec
from autodsl.units import CANONICAL_UNITS
from autodsl.validate.common import PORTION_DIMENSIONS, is_discard

__all__ = ["sample_program"]

_INPUTS = 8
_CAPACITY = "1000 L"  # ample: sampled programs must not overflow (mutations shrink it)


def _quantity(slot: SlotSpec, rng: random.Random) -> str:
    dimension = slot.dimension or ""
    r = slot.range
    low, high = (r.p05, r.p95) if r is not None else (1.0, 100.0)
    canonical = rng.uniform(low, high)
    spelling = rng.choice(UNIT_SPELLINGS[dimension])
    scale = to_canonical(1.0, spelling)
    zero = to_canonical(0.0, spelling)
    if scale is not None and zero is not None and scale[1] != zero[1]:
        number = float(f"{(canonical - zero[1]) / (scale[1] - zero[1]):.3g}")
        back = to_canonical(number, spelling)
        if back is not None and (r is None or r.min <= back[1] <= r.max):
            return f"{format_number(number)} {spelling}"
    return f"{format_number(float(f'{canonical:.3g}'))} {CANONICAL_UNITS[dimension]}"


class _Sampler:
    def __init__(self, spec: DslSpec, rng: random.Random) -> None:
        self.spec, self.rng = spec, rng
        self.inputs = [f"reagent_{i}" for i in range(1, _INPUTS + 1)]
        self.fresh: list[str] = []  # products not used yet
        self.live: list[str] = []  # products used in portions, still there
        self.made: set[str] = set()
        self.products = 0

    def value(self, slot: SlotSpec) -> str:
        rng = self.rng
        if slot.dimension in UNIT_SPELLINGS and slot.dimension in CANONICAL_UNITS:
            choice = rng.random()
            if choice < 0.05 and not slot.required:
                return "unknown"
            text = _quantity(slot, rng)
            return text + (" (default)" if choice > 0.95 else " (suggested)" if choice > 0.9 else "")
        if slot.dimension is not None:
            return format_number(float(rng.randint(1, 9)))
        if slot.type in ("Reagent", "Mention"):
            return rng.choice(self.inputs)
        if slot.type == "Location":
            return rng.choice(["tube", "plate"])
        if slot.type == "Device":
            return "instrument"
        return f'"{rng.choice(["gently", "by pipetting", "on ice", "until clear"])}"'

    def statement(self, op: OperationSpec, step: int) -> str:
        rng = self.rng
        discard = is_discard(op.opcode, self.spec)
        if self.fresh and (discard or rng.random() < 0.95):
            acted = self.fresh.pop(0)  # the oldest product not used yet: programs use what they make
        elif self.live and (discard or rng.random() < 0.5):
            acted = self.live.pop(rng.randrange(len(self.live)))
        else:
            acted = rng.choice(self.inputs)
        args = [acted]
        portion = False
        for slot in op.slots:
            if slot.required or rng.random() < 0.5:
                value = self.value(slot)
                args.append(f"{slot.name}: {value}")
                portion = portion or (slot.dimension in PORTION_DIMENSIONS and value != "unknown")
        call = f"{op.opcode}({', '.join(args)})  # step {step}"
        if discard:
            return call
        if acted in self.made and portion:  # a measured portion: the rest stays usable
            self.live.append(acted)
        names = []
        for _ in range(2 if rng.random() < 0.05 else 1):
            self.products += 1
            names.append(f"p{self.products}")
            self.made.add(names[-1])
        self.fresh.extend(names)
        return f"{', '.join(names)} = {call}"


def sample_program(spec: DslSpec, statements: int, seed: int = 0) -> str:
    """A valid program of ``statements`` statements in ``spec``'s domain (see the module doc)."""
    rng = random.Random(seed)
    sampler = _Sampler(spec, rng)
    operations = sorted(spec.operations, key=lambda o: o.opcode)
    keeping = [op for op in operations if not is_discard(op.opcode, spec)] or operations
    lines = [f'protocol "Sample program {seed}" domain {spec.domain}']
    lines += [f'input {name} "reagent {name[8:]}" 50 mL' for name in sampler.inputs]
    lines += [f'container tube "tube" capacity {_CAPACITY}', f'container plate "plate" capacity {_CAPACITY}',
              'device instrument "instrument"', ""]
    depth, left_in_block = 0, 0
    for step in range(1, statements + 1):
        if depth == 0 and rng.random() < 0.05:
            kind = rng.choice(["repeat", "if", "parallel", "optional"])
            opening = {"repeat": f"repeat {rng.randint(2, 4)} times {{", "if": 'if "the solution is cloudy" {',
                       "parallel": "parallel {", "optional": "optional {"}[kind]
            lines.append(opening)
            depth, left_in_block = 1, rng.randint(1, 4)
        op = rng.choice(operations)
        if not (sampler.fresh or sampler.live) and is_discard(op.opcode, spec):
            op = rng.choice(keeping)  # discard only products, never a stock
        lines.append(INDENT * depth + sampler.statement(op, step))
        if depth:
            left_in_block -= 1
            if left_in_block == 0 or step == statements:
                lines.append("}")
                depth = 0
    return "\n".join(lines) + "\n"
