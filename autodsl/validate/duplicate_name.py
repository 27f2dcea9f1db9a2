"""Pass ``duplicate-name``: a name declared or bound twice while the first is still in use.

A name may be bound again once what it named is used up (``pellet = WASH(pellet)``);
declared containers and devices are never rebound. A statement may not bind a name
twice, nor give one slot twice.

>>> from autodsl.emit.parse import parse_program
>>> p = parse_program('protocol "x"\\ninput c\\ninput c\\na = SPIN(c)\\na = MIX(c)\\n')
>>> [(d.line, d.message) for d in duplicate_name(p, None)]
[(3, "'c' is declared twice (first on line 2)"), (5, "'a' is already bound on line 4 and not used up; this would hide it")]
"""

from __future__ import annotations

from autodsl.diagnostics import Diagnostic
from autodsl.emit.program import Program
from autodsl.induce.spec import DslSpec
from autodsl.validate.common import diagnostic, discard_opcodes, used_up

__all__ = ["duplicate_name"]


def duplicate_name(program: Program, spec: DslSpec | None) -> list[Diagnostic]:
    """Report names declared twice, products that hide a live name, repeated targets and slots."""
    found: list[Diagnostic] = []
    declared: dict[str, tuple[str, int]] = {}
    for decl in program.declarations:
        name = decl.name
        if name.name in declared:
            found.append(diagnostic(
                "duplicate-name", "error", f"'{name.name}' is declared twice (first on line {declared[name.name][1]})",
                "remove one declaration, or rename one", line=name.line, column=name.column,
                start=name.start, end=name.end))
            continue
        declared[name.name] = (decl.kind, name.line)
    stocks = set(declared)
    discards = discard_opcodes(program, spec)
    live: dict[str, int] = {name: line for name, (_, line) in declared.items()}
    from_declaration = set(declared)
    for index, (statement, _) in enumerate(program.steps()):
        node = f"op{index + 1}"
        slots: set[str] = set()
        for arg in statement.args:
            if arg.slot is not None:
                if arg.slot in slots:
                    found.append(diagnostic("duplicate-name", "error", f"slot '{arg.slot}' is given twice",
                                            "give each slot once", line=arg.line, column=arg.column, node=node))
                slots.add(arg.slot)
        gone = set(used_up(statement, stocks, statement.opcode in discards))
        seen: set[str] = set()
        for target in statement.targets:
            name = target.name
            where = dict(line=target.line, column=target.column, start=target.start, end=target.end, node=node)
            if name in seen:
                found.append(diagnostic("duplicate-name", "error", f"'{name}' is bound twice in one statement",
                                        "give each product its own name", **where))  # type: ignore[arg-type]
            elif declared.get(name, ("",))[0] in ("container", "device") or (name in live and name not in gone):
                if name in from_declaration:
                    kind, line = declared[name]
                    message = f"'{name}' is already declared as {'an' if kind == 'input' else 'a'} {kind} on line {line}"
                else:
                    message = f"'{name}' is already bound on line {live[name]} and not used up; this would hide it"
                found.append(diagnostic("duplicate-name", "error", message,
                                        f"give the product another name, e.g. {name}_2", **where))  # type: ignore[arg-type]
            seen.add(name)
        for name in gone:
            if declared.get(name, ("input",))[0] == "input":
                live.pop(name, None)
        for target in statement.targets:
            if declared.get(target.name, ("",))[0] not in ("container", "device"):
                live[target.name] = target.line
                from_declaration.discard(target.name)
                stocks.discard(target.name)
    return found
