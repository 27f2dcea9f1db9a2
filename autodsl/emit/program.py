"""The program model: a parsed protocol program, with every item's position in its text.

:func:`autodsl.emit.parse.parse_program` builds it from program text; the checks in
``autodsl.validate`` read it (they need positions the PDG does not keep), and
:func:`autodsl.emit.build.program_to_pdg` turns it into the PDG. Positions are 1-based
lines and columns plus 0-based character offsets ``start``/``end`` into :attr:`Program.text`.

The classes are frozen, slotted dataclasses rather than pydantic models: a program of
100,000 statements has over half a million of them, and building that many pydantic
models would take most of the time ``autodsl check`` is allowed. They are never read
from outside input (the parser makes them), so validation would buy nothing.

>>> from autodsl.emit.parse import parse_program
>>> p = parse_program('protocol "Spin"\\ninput culture\\npellet = CENTRIFUGE(culture, time: 10 min)\\n')
>>> [(s.opcode, [a.slot for a in s.args]) for s, _ in p.steps()]
[('CENTRIFUGE', [None, 'time'])]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Literal, Union

__all__ = ["Name", "Value", "Arg", "Statement", "Block", "Declaration", "Program", "Item", "MARKER_SOURCES"]

# How a slot value's marker maps to the PDG slot ``source`` (see autodsl.pdg.model).
MARKER_SOURCES: dict[str | None, str] = {None: "text", "default": "default", "suggested": "llm"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Name:
    """A name as written: a product bound by a statement, or a declared item."""

    name: str  # the identifier
    line: int  # 1-based line
    column: int  # 1-based column
    start: int  # character offset
    end: int  # end character offset (exclusive)


@dataclass(frozen=True, slots=True, kw_only=True)
class Value:
    """A slot value, a material reference or a declared quantity."""

    kind: Literal["quantity", "number", "string", "ref", "unknown"]  # what was written
    text: str  # quantity/number as written (normalised spacing), string contents, or name
    low: float | None = None  # the number, or the low end of a range
    high: float | None = None  # the high end of a range, else None
    unit: str | None = None  # the unit as written, e.g. 'min' or 'x g'
    marker: Literal["default", "suggested"] | None = None  # (default) / (suggested)
    line: int  # 1-based line of the value
    column: int  # 1-based column of the value
    start: int  # character offset of the value
    end: int  # end character offset of the value
    unit_column: int | None = None  # 1-based column of the unit


@dataclass(frozen=True, slots=True, kw_only=True)
class Arg:
    """One argument of a statement: a material acted on (``slot`` None) or ``slot: value``."""

    slot: str | None = None  # slot name, None for a material acted on
    value: Value  # the value (a ``ref`` for a material acted on)
    line: int  # 1-based line of the argument
    column: int  # 1-based column of the argument


@dataclass(frozen=True, slots=True, kw_only=True)
class Statement:
    """``targets = OPCODE(args)``: one operation."""

    targets: list[Name] = field(default_factory=list)  # product names bound, in order
    opcode: str  # the operation as written
    args: list[Arg] = field(default_factory=list)  # arguments in order
    step: int | None = None  # source step from a trailing '# step N' comment
    comment: str | None = None  # rest of the trailing comment
    line: int  # 1-based line
    column: int  # 1-based column of the statement's first character
    opcode_column: int  # 1-based column of the opcode
    start: int  # character offset of the statement
    end: int  # end offset of the statement (before any comment)

    def slot(self, name: str) -> Arg | None:
        """The first argument for slot ``name``, or None."""
        return next((a for a in self.args if a.slot == name), None)

    def materials(self) -> list[Arg]:
        """The materials acted on (positional arguments), in order."""
        return [a for a in self.args if a.slot is None]


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """``repeat N times { }``, ``if "condition" { }``, ``parallel { }`` or ``optional { }``."""

    kind: Literal["repeat", "if", "parallel", "optional"]  # block kind
    count: int | None = None  # runs of a repeat block
    condition: str | None = None  # condition of an if block
    body: list["Item"] = field(default_factory=list)  # statements and blocks inside
    line: int  # 1-based line of the block's keyword
    column: int  # 1-based column of the keyword


Item = Union[Statement, Block]


@dataclass(frozen=True, slots=True, kw_only=True)
class Declaration:
    """``input NAME "label" quantity``, ``container NAME "label" capacity Q`` or ``device NAME "label"``."""

    kind: Literal["input", "container", "device"]  # what is declared
    name: Name  # the declared name
    label: str | None = None  # free-text description
    quantity: Value | None = None  # amount of an input, capacity of a container
    line: int  # 1-based line
    column: int  # 1-based column


@dataclass(frozen=True, slots=True, kw_only=True)
class Program:
    """A whole program: header, declarations and the steps in order."""

    title: str  # the protocol's title
    domain: str | None = None  # domain slug from the header
    header_line: int = 1  # 1-based line of the header
    declarations: list[Declaration] = field(default_factory=list)  # in order of appearance
    body: list[Item] = field(default_factory=list)  # top-level statements and blocks
    text: str = ""  # the program text it was parsed from
    _steps: list[tuple[Statement, tuple[Block, ...]]] | None = field(default=None, repr=False, compare=False)

    def steps(self) -> list[tuple[Statement, tuple[Block, ...]]]:
        """Every statement in program order, with its enclosing blocks outermost first.

        Computed once (every check walks it).
        """
        if self._steps is not None:
            return self._steps
        found: list[tuple[Statement, tuple[Block, ...]]] = []
        stack: list[tuple[Iterator[Item], tuple[Block, ...]]] = [(iter(self.body), ())]
        while stack:
            items, blocks = stack[-1]
            item = next(items, None)
            if item is None:
                stack.pop()
            elif isinstance(item, Block):
                stack.append((iter(item.body), blocks + (item,)))
            else:
                found.append((item, blocks))
        object.__setattr__(self, "_steps", found)  # a cache: the program itself does not change
        return found

    def declared(self) -> dict[str, Declaration]:
        """Declared name -> its first declaration."""
        found: dict[str, Declaration] = {}
        for decl in self.declarations:
            found.setdefault(decl.name.name, decl)
        return found

