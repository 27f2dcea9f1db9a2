"""Pass ``conditional-product``: a product made only inside an ``if`` or ``optional`` block, used after it.

When the block is skipped its statements do not run, so a name they bind does not exist
after the block: a program that uses it there says nothing about what to use instead.
Inside the block (and inside blocks within it) the name is fine; a name that existed
before the block and is bound again inside it ("pellet = WASH(pellet)") exists either way,
and a statement after the block that binds the name again makes it unconditional.
Each name is reported once, at its first use after the block.

>>> from autodsl.emit.parse import parse_program
>>> p = parse_program('protocol "x"\\ninput c\\noptional {\\n    f = FILTER(c)\\n    g = MIX(f)\\n}\\n'
...                   'y = MIX(f)\\nz = MIX(f)\\n')
>>> [(d.line, d.message) for d in conditional_product(p, None)]
[(7, "'f' is made only when the optional block on line 3 runs, and is used after it")]
"""

from __future__ import annotations

from autodsl.diagnostics import Diagnostic
from autodsl.emit.program import Block, Program
from autodsl.induce.spec import DslSpec
from autodsl.validate.common import diagnostic

__all__ = ["conditional_product"]


def conditional_product(program: Program, spec: DslSpec | None) -> list[Diagnostic]:
    """Report the first use, after the block, of each name an ``if``/``optional`` block alone binds."""
    made_in: dict[str, Block] = {}  # name -> the innermost if/optional block that alone bound it
    always = set(program.declared())  # names that exist whether or not any block runs
    reported: set[str] = set()
    found: list[Diagnostic] = []
    for index, (statement, blocks) in enumerate(program.steps()):
        for arg in statement.args:
            value = arg.value
            block = made_in.get(value.text) if value.kind == "ref" else None
            if block is None or value.text in reported or any(b is block for b in blocks):
                continue
            reported.add(value.text)
            what = f'the condition "{block.condition}"' if block.kind == "if" and block.condition else None
            message = (f"'{value.text}' is made only when the {block.kind} block on line {block.line} runs, "
                       "and is used after it")
            hint = ("use it inside the block, or say what to use when the block is skipped: make the step after "
                    "the block work on a material made before it" + (f" (when {what} does not hold)" if what else ""))
            found.append(diagnostic("conditional-product", "warning", message, hint, line=value.line,
                                    column=value.column, start=value.start, end=value.end, node=f"op{index + 1}"))
        conditional = [b for b in blocks if b.kind in ("if", "optional")]
        for target in statement.targets:
            if not conditional:
                made_in.pop(target.name, None)
                always.add(target.name)
            elif target.name not in always:  # "pellet = WASH(pellet)" in a block: pellet exists either way
                made_in.setdefault(target.name, conditional[-1])
    return found
