"""Pass ``container-over-capacity``: more liquid put in a container than it holds.

Volumes are followed conservatively, so that a report is certain rather than likely: each
container's content is a lower bound. A statement that names a container in a slot puts
into it its volume slots (a measured portion), or else the whole of each material it acts
on that is elsewhere (when that volume is known: a declared input's amount, or a product
whose volume is known). Discarding a material of known volume lowers the content by it;
discarding or moving out one of unknown volume resets the bound to zero. Statements inside
``repeat`` blocks are counted once. Containers without a declared capacity are not checked.

>>> from autodsl.emit.parse import parse_program
>>> p = parse_program('protocol "x"\\ninput buffer\\ncontainer tube capacity 1.5 mL\\n'
...                   'a = ADD(buffer, volume: 1 mL, into: tube)\\nb = ADD(buffer, a, volume: 1 mL, into: tube)\\n')
>>> [d.message for d in container_over_capacity(p, None)]
['tube would hold at least 2000 uL, more than its capacity of 1.5 mL']
"""

from __future__ import annotations

from autodsl.diagnostics import Diagnostic
from autodsl.emit.build import declared_quantity
from autodsl.emit.program import Program, Statement
from autodsl.emit.quantity import format_number, to_canonical
from autodsl.induce.spec import DslSpec
from autodsl.validate.common import diagnostic, discard_opcodes, value_dimension

__all__ = ["container_over_capacity"]

_SLACK = 1e-9  # relative: rounding in unit conversion must not overflow a full container


def _portions(statement: Statement) -> float | None:
    """Total of the statement's volume slots in uL (low ends of ranges), None if it has none."""
    total, any_volume = 0.0, False
    for arg in statement.args:
        value = arg.value
        if arg.slot is not None and value_dimension(value) == "volume" and value.unit and value.low is not None:
            converted = to_canonical(value.low, value.unit)
            if converted is not None:
                total += max(0.0, converted[1])  # a negative volume (negative-quantity) adds nothing
                any_volume = True
    return total if any_volume else None


def container_over_capacity(program: Program, spec: DslSpec | None) -> list[Diagnostic]:
    """Report statements after which a container certainly holds more than its capacity."""
    capacity: dict[str, tuple[float, str]] = {}
    volume: dict[str, float | None] = {}
    for decl in program.declarations:
        amount = declared_quantity(decl.quantity) if decl.quantity else None
        if amount is None or amount["dimension"] != "volume" or isinstance(amount["value"], list) \
                or amount["value"] < 0:  # a negative amount is negative-quantity's to report
            continue
        if decl.kind == "container":
            capacity.setdefault(decl.name.name, (amount["value"], decl.quantity.text))  # type: ignore[union-attr]
        elif decl.kind == "input":
            volume.setdefault(decl.name.name, amount["value"])
    if not capacity:
        return []
    content = dict.fromkeys(capacity, 0.0)
    discards = discard_opcodes(program, spec)
    location: dict[str, str] = {}
    over: set[str] = set()
    found: list[Diagnostic] = []

    def remove(name: str) -> None:
        where = location.pop(name, None)
        if where is not None:
            known = volume.get(name)
            content[where] = max(0.0, content[where] - known) if known is not None else 0.0

    for index, (statement, _) in enumerate(program.steps()):
        acted = [a.value.text for a in statement.args if a.slot is None]
        target_arg = next((a for a in statement.args if a.slot is not None and a.value.kind == "ref"
                           and a.value.text in capacity), None)
        portion = _portions(statement)
        made: float | None = None
        where: str | None = None
        if target_arg is not None:
            where = target_arg.value.text
            incoming = [m for m in acted if location.get(m) != where]
            if portion is not None:
                added = made = portion
            else:
                known = [volume.get(m) for m in incoming]
                added = sum(v for v in known if v is not None)
                made = added if all(v is not None for v in known) else None
                for m in incoming:
                    remove(m)
            if any(location.get(m) == where for m in acted):
                made = None
            content[where] += added
            limit, written = capacity[where]
            if content[where] > limit * (1 + _SLACK) and where not in over:
                over.add(where)
                found.append(diagnostic(
                    "container-over-capacity", "error",
                    f"{where} would hold at least {format_number(content[where])} uL, "
                    f"more than its capacity of {written}",
                    f"use a larger container, or split the volume between containers",
                    line=target_arg.value.line, column=target_arg.value.column, start=target_arg.value.start,
                    end=target_arg.value.end, node=f"op{index + 1}"))
            elif content[where] <= limit * (1 + _SLACK):
                over.discard(where)
        else:
            where = next((location[m] for m in acted if m in location), None)
        if statement.opcode in discards:
            for m in acted:
                remove(m)
        for target in statement.targets:
            volume[target.name] = made if len(statement.targets) == 1 else None
            if where is not None:
                location[target.name] = where
            else:
                location.pop(target.name, None)
    return found
