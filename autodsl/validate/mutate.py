"""Mutation testing of the checker: inject one error into a valid program, see it reported.

Each mutation in :data:`MUTATIONS` makes one kind of mistake a person or a translator makes
(an unknown operation, an undefined material, a wrong unit, a missing required slot, a
use after discard, a duplicate name, broken syntax, an overfilled container ...) and names
the diagnostic code that must report it, and the line where it must be reported when the
mistake has one. :func:`detection_rates` runs every mutation over any list of valid
program texts (hand-written, sampled or translated) and counts how often the checker
reports the right code; ``benchmarks/bench_mutation.py`` prints the table.

>>> from autodsl.emit.sample import sample_program
>>> from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec
>>> t = SlotSpec(name="time", role="Setting", type="Time", dimension="time", required=True)
>>> spec = DslSpec(domain="demo", operations=[OperationSpec(opcode="SPIN", slots=[t])])
>>> rates = detection_rates([sample_program(spec, 20, seed=1)], spec, seed=0)
>>> rates["unknown operation"].detected == rates["unknown operation"].applied > 0
True
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable

from autodsl.emit.grammar import UNIT_SPELLINGS
from autodsl.emit.parse import parse_program
from autodsl.emit.program import Program, Statement, Value
from autodsl.emit.quantity import format_number, to_canonical
from autodsl.induce.spec import DslSpec
from autodsl.validate import check_text
from autodsl.validate.common import is_discard, value_dimension

__all__ = ["Mutant", "Rate", "MUTATIONS", "mutate", "detection_rates"]


@dataclass(frozen=True)
class Mutant:
    """A mutated program, the code that must be reported, and where (None: anywhere).

    ``inserted``: the line number of a line the mutation inserted (later lines moved down).
    """

    text: str
    code: str
    line: int | None
    inserted: int | None = None


@dataclass
class Rate:
    """How many mutants of a kind were made, and how many the checker caught."""

    applied: int = 0
    detected: int = 0
    code: str = ""  # the code the mutants of this kind must get

    @property
    def rate(self) -> float:
        """Share detected (1.0 when none applied)."""
        return self.detected / self.applied if self.applied else 1.0


Mutator = Callable[[str, Program, DslSpec, random.Random], "Mutant | None"]


def _splice(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _line_start(text: str, line: int) -> int:
    offset = 0
    for _ in range(line - 1):
        offset = text.index("\n", offset) + 1
    return offset


def _insert_line(text: str, line: int, content: str) -> str:
    """Insert ``content`` as a new line before ``line``, indented like it."""
    at = _line_start(text, line)
    current = text[at:text.find("\n", at) if "\n" in text[at:] else len(text)]
    indent = current[: len(current) - len(current.lstrip())]
    return text[:at] + indent + content + "\n" + text[at:]


def _unit_span(text: str, s: Statement, value: Value) -> tuple[int, int]:
    """Offsets of a quantity's unit as written."""
    start = _line_start(text, s.line) + (value.unit_column or value.column) - 1
    if value.marker is None:
        return start, value.end
    return start, start + len(value.unit or "")


def _statements(program: Program) -> list[Statement]:
    return [s for s, _ in program.steps()]


def _unknown_operation(text: str, program: Program, spec: DslSpec, rng: random.Random) -> Mutant | None:
    statements = _statements(program)
    if not statements:
        return None
    s = rng.choice(statements)
    known = {op.opcode for op in spec.operations} | {v.upper() for op in spec.operations for v in op.verbs}
    new = s.opcode + "X" if rng.random() < 0.5 else "FROBNICATE"
    while new in known:
        new += "X"
    start = _line_start(text, s.line) + s.opcode_column - 1
    return Mutant(_splice(text, start, start + len(s.opcode), new), "unknown-operation", s.line)


def _undefined_material(text: str, program: Program, spec: DslSpec, rng: random.Random) -> Mutant | None:
    refs = [(s, a) for s in _statements(program) for a in s.args if a.value.kind == "ref"]
    if not refs:
        return None
    s, arg = rng.choice(refs)
    return Mutant(_splice(text, arg.value.start, arg.value.end, "ghost_material"), "undefined-material", s.line)


def _unit_mismatch(text: str, program: Program, spec: DslSpec, rng: random.Random) -> Mutant | None:
    operations = {op.opcode: op for op in spec.operations}
    found = []
    for s in _statements(program):
        op = operations.get(s.opcode)
        for a in s.args:
            slot = op.slot(a.slot) if op and a.slot else None
            if slot is not None and slot.dimension in UNIT_SPELLINGS and value_dimension(a.value) == slot.dimension:
                found.append((s, a, slot.dimension))
    if not found:
        return None
    s, arg, dimension = rng.choice(found)
    other = rng.choice([d for d in ("volume", "time", "mass", "temperature") if d != dimension])
    start, end = _unit_span(text, s, arg.value)
    unit = UNIT_SPELLINGS[other][0]
    return Mutant(_splice(text, start, end, unit), "unit-mismatch", s.line)


def _missing_required_slot(text: str, program: Program, spec: DslSpec, rng: random.Random) -> Mutant | None:
    operations = {op.opcode: op for op in spec.operations}
    found = []
    for s in _statements(program):
        op = operations.get(s.opcode)
        required = {slot.name for slot in op.slots if slot.required} if op else set()
        found += [(s, i) for i, a in enumerate(s.args) if a.slot in required]
    if not found:
        return None
    s, index = rng.choice(found)
    arg = s.args[index]
    if index > 0:  # drop ", slot: value"
        return Mutant(_splice(text, s.args[index - 1].value.end, arg.value.end, ""), "missing-required-slot", s.line)
    base = _line_start(text, s.line)
    stop = base + s.args[1].column - 1 if len(s.args) > 1 else arg.value.end  # drop "slot: value, "
    return Mutant(_splice(text, base + arg.column - 1, stop, ""), "missing-required-slot", s.line)


def _use_after_consume(text: str, program: Program, spec: DslSpec, rng: random.Random) -> Mutant | None:
    bound: set[str] = set()
    found = []
    for s in _statements(program):
        found += [(s, a.value.text) for a in s.args if a.value.kind == "ref" and a.value.text in bound]
        bound.update(t.name for t in s.targets)
    if not found:
        return None
    s, name = rng.choice(found)
    discard = next((op.opcode for op in spec.operations if is_discard(op.opcode, spec)), "DISCARD")
    return Mutant(_insert_line(text, s.line, f"{discard}({name})"), "use-after-consume", s.line + 1, s.line)


def _duplicate_name(text: str, program: Program, spec: DslSpec, rng: random.Random) -> Mutant | None:
    fixed = [d for d in program.declarations if d.kind in ("container", "device")]
    products = [s for s in _statements(program) if s.targets]
    if fixed and products and rng.random() < 0.5:
        s, decl = rng.choice(products), rng.choice(fixed)
        target = s.targets[0]
        return Mutant(_splice(text, target.start, target.end, decl.name.name), "duplicate-name", s.line)
    if not program.declarations:
        return None
    decl = rng.choice(program.declarations)
    at = _line_start(text, decl.line)
    line = text[at:text.find("\n", at)]
    return Mutant(_insert_line(text, decl.line + 1, line.strip()), "duplicate-name", decl.line + 1, decl.line + 1)


def _syntax_error(text: str, program: Program, spec: DslSpec, rng: random.Random) -> Mutant | None:
    statements = _statements(program)
    if not statements:
        return None
    s = rng.choice(statements)
    at = _line_start(text, s.line)
    close = text.rindex(")", at, s.end)
    choice = rng.randrange(4)
    if choice == 0:  # lose the closing parenthesis
        mutated = _splice(text, close, close + 1, "")
    elif choice == 1 and len(s.args) > 1:  # lose a comma
        comma = text.index(",", s.args[0].value.end)
        mutated = _splice(text, comma, comma + 1, "")
    elif choice == 2:  # lose the opening parenthesis
        opening = at + s.opcode_column - 1 + len(s.opcode)
        opening = text.index("(", opening)
        mutated = _splice(text, opening, opening + 1, " ")
    else:  # two statements on one line
        mutated = _splice(text, close + 1, close + 1, f" {s.opcode}()")
    return Mutant(mutated, "syntax-error", s.line)


def _container_over_capacity(text: str, program: Program, spec: DslSpec, rng: random.Random) -> Mutant | None:
    found = []
    for s in _statements(program):
        volumes = [a for a in s.args if a.slot and value_dimension(a.value) == "volume" and a.value.low]
        if volumes:
            found.append((s, volumes[0]))
    if not found:
        return None
    s, volume = rng.choice(found)
    converted = to_canonical(volume.value.low or 0.0, volume.value.unit or "uL")
    amount = converted[1] if converted else 1.0
    capacity = format_number(float(f"{amount / 2:.3g}"))
    containers = {d.name.name for d in program.declarations if d.kind == "container"}
    site = next((a for a in s.args if a.slot and a.value.kind == "ref" and a.value.text in containers), None)
    mutated = text
    if site is not None:
        mutated = _splice(mutated, site.value.start, site.value.end, "tiny_well")
    else:
        close = mutated.rindex(")", _line_start(mutated, s.line), s.end)
        mutated = _splice(mutated, close, close, ", into: tiny_well")
    header = program.header_line
    mutated = _insert_line(mutated, header + 1, f'container tiny_well "tiny well" capacity {capacity} uL')
    return Mutant(mutated, "container-over-capacity", s.line + 1, header + 1)


def _unknown_slot(text: str, program: Program, spec: DslSpec, rng: random.Random) -> Mutant | None:
    statements = [s for s in _statements(program) if s.opcode in {op.opcode for op in spec.operations}]
    if not statements:
        return None
    s = rng.choice(statements)
    close = text.rindex(")", _line_start(text, s.line), s.end)
    extra = ', colour: "blue"' if s.args else 'colour: "blue"'
    return Mutant(_splice(text, close, close, extra), "unknown-slot", s.line)


def _value_out_of_range(text: str, program: Program, spec: DslSpec, rng: random.Random) -> Mutant | None:
    operations = {op.opcode: op for op in spec.operations}
    found = []
    for s in _statements(program):
        op = operations.get(s.opcode)
        for a in s.args:
            slot = op.slot(a.slot) if op and a.slot else None
            if (slot is not None and slot.range is not None and slot.range.n >= 3 and slot.range.max > 0
                    and value_dimension(a.value) == slot.dimension):
                found.append((s, a, slot.range.max, slot.unit))
    if not found:
        return None
    s, arg, top, unit = rng.choice(found)
    new = f"{format_number(float(f'{top * 10:.3g}'))} {unit}"
    _, end = _unit_span(text, s, arg.value)
    return Mutant(_splice(text, arg.value.start, end, new), "value-out-of-range", s.line)


def _unused_product(text: str, program: Program, spec: DslSpec, rng: random.Random) -> Mutant | None:
    statements = _statements(program)
    inputs = [d.name.name for d in program.declarations if d.kind == "input"]
    binding = [i for i, s in enumerate(statements) if s.targets]
    # products of the last statement that binds any are results: insert before it
    if not binding or binding[-1] == 0 or not inputs:
        return None
    s = rng.choice(statements[: binding[-1]])
    op = next((o.opcode for o in spec.operations if not is_discard(o.opcode, spec)), "MIX")
    spare = f"spare_product = {op}({rng.choice(inputs)})"
    return Mutant(_insert_line(text, s.line, spare), "unused-product", s.line, s.line)


MUTATIONS: dict[str, Mutator] = {
    "unknown operation": _unknown_operation,
    "unknown slot": _unknown_slot,
    "missing required slot": _missing_required_slot,
    "wrong unit dimension": _unit_mismatch,
    "value out of range": _value_out_of_range,
    "undefined material": _undefined_material,
    "use after consume": _use_after_consume,
    "duplicate name": _duplicate_name,
    "broken syntax": _syntax_error,
    "over capacity": _container_over_capacity,
    "unused product": _unused_product,
}


def mutate(text: str, kind: str, spec: DslSpec, rng: random.Random) -> Mutant | None:
    """One mutant of ``text`` of the given kind (a key of :data:`MUTATIONS`), or None if none applies."""
    return MUTATIONS[kind](text, parse_program(text), spec, rng)


def _moved(mutant: Mutant, before: Counter[tuple[str, int | None]]) -> Counter[tuple[str, int | None]]:
    """The original's (code, line) counts, with lines renumbered past an inserted line."""
    moved: Counter[tuple[str, int | None]] = Counter()
    for (code, line), n in before.items():
        shift = mutant.inserted is not None and line is not None and line >= mutant.inserted
        moved[(code, line + 1 if shift else line)] += n  # type: ignore[operator]
    return moved


def _caught(mutant: Mutant, moved: Counter[tuple[str, int | None]], spec: DslSpec) -> bool:
    """Whether checking the mutant reports its code (on its line) more often than the original did."""
    after = Counter((d.code, d.line) for d in check_text(mutant.text, spec))
    if mutant.line is not None:
        key = (mutant.code, mutant.line)
        return after[key] > moved[key]
    return sum(n for (c, _), n in after.items() if c == mutant.code) > sum(
        n for (c, _), n in moved.items() if c == mutant.code)


def detection_rates(programs: Iterable[str | tuple[str, DslSpec]], spec: DslSpec | None = None, *,
                    seed: int = 0, per_program: int = 3) -> dict[str, Rate]:
    """Per mutation kind: mutants made from ``programs`` and how many were caught.

    Each program is a text checked against ``spec``, or a (text, spec) pair (translated
    programs come with their domain's spec). A mutant is caught when the checker reports
    its code (on its line, when it has one) once more than on the original program, so
    programs that already have diagnostics can be used too (a mutant aimed at a line that
    already has its code is not counted); programs with syntax errors cannot (a ValueError
    says which).
    """
    rng = random.Random(seed)
    rates = {kind: Rate() for kind in MUTATIONS}
    for number, item in enumerate(programs):
        text, program_spec = item if isinstance(item, tuple) else (item, spec)
        if program_spec is None:
            raise ValueError(f"program {number} has no spec to check it against")
        found = check_text(text, program_spec)
        broken = [d for d in found if d.code == "syntax-error"]
        if broken:
            raise ValueError(f"program {number} does not parse: {broken[0].format()}")
        before = Counter((d.code, d.line) for d in found)
        for kind in MUTATIONS:
            for _ in range(per_program):
                mutant = mutate(text, kind, program_spec, rng)
                if mutant is None:
                    continue
                moved = _moved(mutant, before)
                if mutant.line is not None and moved[(mutant.code, mutant.line)]:
                    continue  # the line already has this diagnostic: a new one could not be told apart
                rates[kind].applied += 1
                rates[kind].code = mutant.code
                if _caught(mutant, moved, program_spec):
                    rates[kind].detected += 1
    return rates
