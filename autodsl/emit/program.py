"""The program model: a parsed protocol program, with every item's position in its text.

:func:`autodsl.emit.parse.parse_program` builds it from program text; the checks in
``autodsl.validate`` read it (they need positions the PDG does not keep), and
:func:`autodsl.emit.build.program_to_pdg` turns it into the PDG. Positions are 1-based
lines and columns plus 0-based character offsets ``start``/``end`` into :attr:`Program.text`.

>>> from autodsl.emit.parse import parse_program
>>> p = parse_program('protocol "Spin"\\ninput culture\\npellet = CENTRIFUGE(culture, time: 10 min)\\n')
>>> [(s.opcode, [a.slot for a in s.args]) for s, _ in p.steps()]
[('CENTRIFUGE', [None, 'time'])]
"""

from __future__ import annotations

from typing import Iterator, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Name", "Value", "Arg", "Statement", "Block", "Declaration", "Program", "Item", "MARKER_SOURCES"]

_frozen = ConfigDict(frozen=True, extra="forbid")

# How a slot value's marker maps to the PDG slot ``source`` (see autodsl.pdg.model).
MARKER_SOURCES: dict[str | None, str] = {None: "text", "default": "default", "suggested": "llm"}


class Name(BaseModel):
    """A name as written: a product bound by a statement, or a declared item."""

    model_config = _frozen
    name: str = Field(description="the identifier")
    line: int = Field(description="1-based line")
    column: int = Field(description="1-based column")
    start: int = Field(description="character offset")
    end: int = Field(description="end character offset (exclusive)")


class Value(BaseModel):
    """A slot value, a material reference or a declared quantity."""

    model_config = _frozen
    kind: Literal["quantity", "number", "string", "ref", "unknown"] = Field(description="what was written")
    text: str = Field(description="quantity/number as written (normalised spacing), string contents, or name")
    low: float | None = Field(default=None, description="the number, or the low end of a range")
    high: float | None = Field(default=None, description="the high end of a range, else None")
    unit: str | None = Field(default=None, description="the unit as written, e.g. 'min' or 'x g'")
    marker: Literal["default", "suggested"] | None = Field(default=None, description="(default) / (suggested)")
    line: int = Field(description="1-based line of the value")
    column: int = Field(description="1-based column of the value")
    start: int = Field(description="character offset of the value")
    end: int = Field(description="end character offset of the value")
    unit_column: int | None = Field(default=None, description="1-based column of the unit")


class Arg(BaseModel):
    """One argument of a statement: a material acted on (``slot`` None) or ``slot: value``."""

    model_config = _frozen
    slot: str | None = Field(default=None, description="slot name, None for a material acted on")
    value: Value = Field(description="the value (a ``ref`` for a material acted on)")
    line: int = Field(description="1-based line of the argument")
    column: int = Field(description="1-based column of the argument")


class Statement(BaseModel):
    """``targets = OPCODE(args)``: one operation."""

    model_config = _frozen
    kind: Literal["statement"] = "statement"
    targets: list[Name] = Field(default_factory=list, description="product names bound, in order")
    opcode: str = Field(description="the operation as written")
    args: list[Arg] = Field(default_factory=list, description="arguments in order")
    step: int | None = Field(default=None, description="source step from a trailing '# step N' comment")
    comment: str | None = Field(default=None, description="rest of the trailing comment")
    line: int = Field(description="1-based line")
    column: int = Field(description="1-based column of the statement's first character")
    opcode_column: int = Field(description="1-based column of the opcode")
    start: int = Field(description="character offset of the statement")
    end: int = Field(description="end offset of the statement (before any comment)")

    def slot(self, name: str) -> Arg | None:
        """The first argument for slot ``name``, or None."""
        return next((a for a in self.args if a.slot == name), None)

    def materials(self) -> list[Arg]:
        """The materials acted on (positional arguments), in order."""
        return [a for a in self.args if a.slot is None]


class Block(BaseModel):
    """``repeat N times { }``, ``if "condition" { }``, ``parallel { }`` or ``optional { }``."""

    model_config = _frozen
    kind: Literal["repeat", "if", "parallel", "optional"] = Field(description="block kind")
    count: int | None = Field(default=None, description="runs of a repeat block")
    condition: str | None = Field(default=None, description="condition of an if block")
    body: list["Item"] = Field(default_factory=list, description="statements and blocks inside")
    line: int = Field(description="1-based line of the block's keyword")
    column: int = Field(description="1-based column of the keyword")


Item = Union[Statement, Block]


class Declaration(BaseModel):
    """``input NAME "label" quantity``, ``container NAME "label" capacity Q`` or ``device NAME "label"``."""

    model_config = _frozen
    kind: Literal["input", "container", "device"] = Field(description="what is declared")
    name: Name = Field(description="the declared name")
    label: str | None = Field(default=None, description="free-text description")
    quantity: Value | None = Field(default=None, description="amount of an input, capacity of a container")
    line: int = Field(description="1-based line")
    column: int = Field(description="1-based column")


class Program(BaseModel):
    """A whole program: header, declarations and the steps in order."""

    model_config = _frozen
    title: str = Field(description="the protocol's title")
    domain: str | None = Field(default=None, description="domain slug from the header")
    header_line: int = Field(default=1, description="1-based line of the header")
    declarations: list[Declaration] = Field(default_factory=list, description="in order of appearance")
    body: list[Item] = Field(default_factory=list, description="top-level statements and blocks")
    text: str = Field(default="", description="the program text it was parsed from")

    def steps(self) -> Iterator[tuple[Statement, tuple[Block, ...]]]:
        """Every statement in program order, with its enclosing blocks outermost first."""
        stack: list[tuple[Iterator[Item], tuple[Block, ...]]] = [(iter(self.body), ())]
        while stack:
            items, blocks = stack[-1]
            item = next(items, None)
            if item is None:
                stack.pop()
            elif isinstance(item, Block):
                stack.append((iter(item.body), blocks + (item,)))
            else:
                yield item, blocks

    def declared(self) -> dict[str, Declaration]:
        """Declared name -> its first declaration."""
        found: dict[str, Declaration] = {}
        for decl in self.declarations:
            found.setdefault(decl.name.name, decl)
        return found


Block.model_rebuild()
