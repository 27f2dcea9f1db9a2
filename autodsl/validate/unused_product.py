"""Pass ``unused-product`` (warning): a product bound but never used.

The products of the last statement that binds any are the protocol's results and are not
reported; nor is a product bound inside a ``repeat`` block and used anywhere in that block
(the next run uses it).

>>> from autodsl.emit.parse import parse_program
>>> p = parse_program('protocol "x"\\ninput c\\nsup, pellet = SPIN(c)\\ndna = ELUTE(pellet)\\n')
>>> [d.message for d in unused_product(p, None)]
["'sup' (line 3) is never used"]
"""

from __future__ import annotations

from autodsl.diagnostics import Diagnostic
from autodsl.emit.program import Block, Name, Program
from autodsl.induce.spec import DslSpec
from autodsl.validate.common import diagnostic

__all__ = ["unused_product"]


def _warning(name: Name, node: str) -> Diagnostic:
    return diagnostic("unused-product", "warning", f"'{name.name}' (line {name.line}) is never used",
                      "use it in a later step, DISCARD it, or leave the name out", line=name.line,
                      column=name.column, start=name.start, end=name.end, node=node)


def unused_product(program: Program, spec: DslSpec | None) -> list[Diagnostic]:
    """Warn about products no later statement refers to."""
    used_in_repeat: dict[int, set[str]] = {}
    last_binding = -1
    for index, (statement, blocks) in enumerate(program.steps()):
        if statement.targets:
            last_binding = index
        repeats = [b for b in blocks if b.kind == "repeat"]
        for arg in statement.args:
            if arg.value.kind == "ref":
                for block in repeats:
                    used_in_repeat.setdefault(id(block), set()).add(arg.value.text)
    # name -> (its Name, statement index, enclosing repeat blocks, used?)
    current: dict[str, tuple[Name, int, tuple[Block, ...], bool]] = {}
    found: list[Diagnostic] = []

    def carried(name: str, blocks: tuple[Block, ...]) -> bool:
        return any(name in used_in_repeat.get(id(b), ()) for b in blocks)

    for index, (statement, blocks) in enumerate(program.steps()):
        for arg in statement.args:
            if arg.value.kind == "ref" and arg.value.text in current:
                name, where, loops, _ = current[arg.value.text]
                current[arg.value.text] = (name, where, loops, True)
        repeats = tuple(b for b in blocks if b.kind == "repeat")
        for target in statement.targets:
            previous = current.get(target.name)
            # ``a, a = ...`` is one duplicate-name, not an unused product: warn once, at the end
            if previous is not None and previous[1] != index and not previous[3] \
                    and not carried(target.name, previous[2]):
                found.append(_warning(previous[0], f"op{previous[1] + 1}"))
            current[target.name] = (target, index, repeats, False)
    for name, where, loops, used in current.values():
        if not used and where != last_binding and not carried(name.name, loops):
            found.append(_warning(name, f"op{where + 1}"))
    return found
