"""Pass ``unit-mismatch`` (and ``unknown-unit``): quantities of a dimension the slot does not take.

With a spec, each slot's dimension comes from it, and a quantity slot must hold a
quantity (or ``unknown``); without one, quantities in slots named after a dimension
(``time``, ``temperature``, ``volume``, ``force``, ``mass``, ``ph``) are checked against it. Units the language does not spell (``docs/language.md``) are ``unknown-unit``.
A container's capacity must be a volume.

>>> from autodsl.emit.parse import parse_program
>>> p = parse_program('protocol "x"\\ninput c\\na = SPIN(c, time: 5 mL, speed: 3 flurbs)\\n')
>>> [(d.code, d.message) for d in unit_mismatch(p, None)]
[('unit-mismatch', "time takes a time (e.g. s, min, h), not a volume: '5 mL'"), ('unknown-unit', "unknown unit 'flurbs' in '3 flurbs'")]
"""

from __future__ import annotations

from autodsl.diagnostics import Diagnostic
from autodsl.emit.grammar import UNIT_SPELLINGS
from autodsl.emit.program import Program, Value
from autodsl.induce.spec import DslSpec
from autodsl.validate.common import diagnostic, did_you_mean, value_dimension

__all__ = ["unit_mismatch", "CONVENTIONAL_SLOTS"]

# Slot names whose dimension is clear without a spec.
CONVENTIONAL_SLOTS: dict[str, str] = {
    "time": "time", "temperature": "temperature", "volume": "volume", "force": "force", "mass": "mass",
    "ph": "ph",
}
_EXAMPLES = {dim: ", ".join(spellings[i] for i in (0, 4, 8) if i < len(spellings)) for dim, spellings in
             UNIT_SPELLINGS.items()}
_EXAMPLES.update(time="s, min, h", volume="uL, mL, L", mass="mg, g, ug", temperature="degC",
                 molar_concentration="M, mM, uM", mass_concentration="mg/mL, ug/uL, ng/uL", length="nm, um, mm")


def _what(dimension: str) -> str:
    return f"a {dimension.replace('_', ' ')} (e.g. {_EXAMPLES[dimension]})"


def _unknown_unit(value: Value, node: str | None) -> Diagnostic:
    spellings = [s for group in UNIT_SPELLINGS.values() for s in group]
    close = did_you_mean(value.unit or "", spellings)
    message = f"unknown unit '{value.unit}' in '{value.text}'"
    hint = f"did you mean {close}?" if close else "see docs/language.md for the units programs may use"
    return diagnostic("unknown-unit", "error", message, hint, line=value.line,
                      column=value.unit_column or value.column, start=value.start, end=value.end, node=node)


def _mismatch(slot: str, dimension: str, value: Value, node: str) -> Diagnostic | None:
    if value.kind in ("unknown",) or dimension not in UNIT_SPELLINGS:
        return None
    if value.kind == "quantity":
        written = value_dimension(value)
        if written is None or written == dimension:
            return None
        problem = f"not a {written.replace('_', ' ')}: '{value.text}'"
    elif value.kind == "number":
        problem = f"but '{value.text}' has no unit"
    else:
        problem = f"not {'text' if value.kind == 'string' else 'a name'}: '{value.text}'"
    return diagnostic("unit-mismatch", "error", f"{slot} takes {_what(dimension)}, {problem}",
                      f"write it in {_EXAMPLES[dimension].split(',')[0]} or another {dimension.replace('_', ' ')} "
                      f"unit, or {slot}: unknown", line=value.line, column=value.unit_column or value.column,
                      start=value.start, end=value.end, node=node)


def unit_mismatch(program: Program, spec: DslSpec | None) -> list[Diagnostic]:
    """Report quantities in slots of another dimension, and units the language does not know."""
    found: list[Diagnostic] = []
    for decl in program.declarations:
        q = decl.quantity
        if q is None:
            continue
        if value_dimension(q) is None:
            found.append(_unknown_unit(q, None))
        elif decl.kind == "container" and value_dimension(q) != "volume":
            found.append(diagnostic(
                "unit-mismatch", "error", f"the capacity of {decl.name.name} must be a volume, not '{q.text}'",
                "write it in uL or mL", line=q.line, column=q.unit_column or q.column, start=q.start, end=q.end))
    operations = {op.opcode: op for op in spec.operations} if spec else {}
    for index, (statement, _) in enumerate(program.steps()):
        node = f"op{index + 1}"
        op = operations.get(statement.opcode)
        for arg in statement.args:
            value = arg.value
            if arg.slot is None:
                continue
            if value.kind == "quantity" and value_dimension(value) is None:
                found.append(_unknown_unit(value, node))
                continue
            if spec is None:
                dimension = CONVENTIONAL_SLOTS.get(arg.slot)
            else:
                slot = op.slot(arg.slot) if op else None
                if slot is None:
                    continue  # unknown operation or slot: reported by their own passes
                if slot.dimension is None:
                    if value.kind == "quantity":
                        found.append(diagnostic(
                            "unit-mismatch", "error",
                            f"{arg.slot} of {op.opcode} is not a quantity, but '{value.text}' is",  # type: ignore[union-attr]
                            f"write {arg.slot}: \"...\" as text, or name a declared item",
                            line=value.line, column=value.column, start=value.start, end=value.end, node=node))
                    continue
                dimension = slot.dimension
            if dimension is not None and (spec is not None or value.kind == "quantity"):
                problem = _mismatch(arg.slot, dimension, value, node)
                if problem is not None:
                    found.append(problem)
    return found
