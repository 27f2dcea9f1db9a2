"""Program text -> program model (and PDG), with readable syntax errors.

:func:`parse_program` parses with the core grammar's LALR parser and builds the
:class:`~autodsl.emit.program.Program` directly in the parser's callbacks (a Lark
transformer run inline, so no parse tree is built: checking stays linear and fast).
:func:`parse_source` never raises on bad input: it turns parse failures into
``syntax-error`` diagnostics, worded from :data:`SYNTAX_EXAMPLES` (Lark's
``match_examples``: a table of labelled bad programs that doubles as the test table), and
recovers line by line so that one run reports several errors. :func:`parse` returns the PDG.

>>> g = parse('protocol "Spin"\\ninput culture\\npellet = CENTRIFUGE(culture, time: 10 min)  # step 1\\n')
>>> [(d["opcode"], d["step"], d["slots"]["time"]["value"]) for _, d in g.nodes("operation")]
[('CENTRIFUGE', 1, 600.0)]
>>> parse_source('protocol "Spin"\\npellet = CENTRIFUGE(culture\\n').diagnostics[0].format("p.dsl")
"p.dsl:2:28: error syntax-error: missing ')' to close the operation's arguments"
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Iterator

import lark
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from autodsl.diagnostics import Diagnostic, DiagnosticsError
from autodsl.emit.fastpath import PLACEHOLDER, mask_statements, trailing_comment
from autodsl.emit.grammar import CORE_GRAMMAR, KEYWORDS
from autodsl.emit.program import Arg, Block, Declaration, Item, Name, Program, Statement, Value
from autodsl.pdg.model import PDG

__all__ = ["parse", "parse_program", "parse_source", "ParseResult", "SYNTAX_EXAMPLES", "MAX_SYNTAX_ERRORS", "BOM"]

# A byte order mark some editors write at the start of UTF-8 files: not part of the program.
BOM = "\ufeff"

# Stop after this many syntax errors: later ones are mostly echoes of the first.
MAX_SYNTAX_ERRORS = 20

# (message, hint) -> bad programs that fail in the same parser state. The first matching
# entry names a syntax error; tests check every example is named by its own entry.
_H = 'protocol "Spin"\ninput culture\n'
SYNTAX_EXAMPLES: list[tuple[tuple[str, str], list[str]]] = [
    (("a program starts with its header", 'write \'protocol "Title" domain DOMAIN\' on the first line'),
     ["pellet = SPIN(culture)\n", "input culture\n", "spin\n"]),
    (("the protocol's title must be a quoted string", 'write e.g. protocol "Plasmid miniprep"'),
     ["protocol Spin\n", "protocol\n"]),
    (("the domain must be a name", "write e.g. domain genetics"),
     ['protocol "Spin" domain\n', 'protocol "Spin" domain "genetics"\n']),
    (("missing ')' to close the operation's arguments", "close the argument list with ')'"),
     [_H + "pellet = SPIN(culture\n", _H + "pellet = SPIN(culture, time: 10 min\n",
      _H + "pellet = SPIN(culture, time: 10 min (default)\n", _H + 'SPIN(culture, note: "x"\n',
      _H + "SPIN(culture, time: unknown\n", _H + "SPIN(culture, n: 3\n", _H + "SPIN(culture, in: tube\n"]),
    (("missing ',' between arguments", "separate arguments with commas"),
     [_H + "pellet = SPIN(culture time: 10 min)\n", _H + "pellet = SPIN(culture, time: 10 min speed: 3 rpm)\n",
      _H + 'SPIN(culture, note: "x" y: 3)\n', _H + "SPIN(culture, time: unknown y: 3)\n"]),
    (("free text in a slot must be quoted", 'write e.g. method: "gentle shaking"'),
     [_H + "SPIN(culture, method: gentle shaking)\n", _H + "SPIN(culture, in: tube 2)\n"]),
    (("a slot needs a value after ':'", "write e.g. time: 10 min, or time: unknown"),
     [_H + "pellet = SPIN(culture, time: )\n", _H + "pellet = SPIN(culture, time:)\n",
      _H + "pellet = SPIN(culture, time: ,)\n"]),
    (("an argument is missing", "remove the extra comma, or add the argument"),
     [_H + "pellet = SPIN(culture, )\n", _H + "pellet = SPIN(, culture)\n", _H + "pellet = SPIN(culture,, x)\n",
      _H + "pellet = SPIN(culture, culture, )\n", _H + "pellet = SPIN(culture, time: 1 min, )\n"]),
    (("write ranges as 'LOW to HIGH unit', e.g. 5 to 10 min", "use 'to' between the two numbers"),
     [_H + "SPIN(culture, time: 5-10 min)\n", _H + "SPIN(culture, time: 5 -10 min)\n"]),
    (("a range needs a unit after its second number", "write e.g. 5 to 10 min"),
     [_H + "SPIN(culture, time: 5 to 10)\n", _H + "SPIN(culture, time: 5 to)\n"]),
    (("a marker is '(default)' or '(suggested)'", "write e.g. temperature: 22 degC (default)"),
     [_H + "SPIN(culture, time: 5 min (guess))\n", _H + "SPIN(culture, time: 5 min ()\n"]),
    (("a statement calls an operation: NAME = OPCODE(arguments)", "write e.g. pellet = CENTRIFUGE(culture)"),
     [_H + "pellet = culture\n", _H + "pellet =\n", _H + "pellet = 3\n", _H + "pellet\n", _H + "pellet culture\n",
      _H + "pellet, = SPIN(culture)\n", _H + "pellet, sup\n", _H + "SPIN\n"]),
    (("one statement per line", "put the next statement on a new line"),
     [_H + "a = SPIN(culture) b = SPIN(a)\n", _H + "SPIN(culture) x\n", _H + "SPIN(culture, time: 1 min) (\n"]),
    (("a block's '{' must end its line, and its '}' stand on a line of its own",
      "write the block's statements on the lines between '{' and '}'"),
     [_H + "repeat 2 times { a = SPIN(culture) }\n", _H + "repeat 2 times {\na = SPIN(culture) }\n",
      _H + "if \"cloudy\" { SPIN(culture)\n}\n", _H + "parallel {}\n"]),
    (("a block is missing its closing '}'", "add '}' on a line of its own where the block ends"),
     [_H + "repeat 2 times {\na = SPIN(culture)\n", _H + "optional {\n", _H + "parallel {\nSPIN(culture)"]),
    (("'}' closes no block", "remove it, or open the block with repeat/if/parallel/optional"),
     [_H + "}\n", _H + "SPIN(culture)\n}\n"]),
    (("repeat needs a whole number of runs: repeat N times { ... }", "write e.g. repeat 3 times {"),
     [_H + "repeat twice {\n}\n", _H + "repeat 2.5 times {\n}\n", _H + "repeat {\n}\n", _H + "repeat 2 x {\n}\n"]),
    (("a block needs '{' at the end of its line", "write e.g. repeat 3 times {"),
     [_H + "repeat 2 times\n", _H + "optional\n", _H + 'if "cloudy"\n', _H + "parallel\n"]),
    (('a condition must be a quoted string: if "condition" {', 'write e.g. if "the pellet is visible" {'),
     [_H + "if cloudy {\n}\n", _H + "if {\n}\n"]),
    (("declarations belong at the top level, not inside a block", "move the declaration above the steps"),
     [_H + "repeat 2 times {\ninput x\n}\n", _H + "optional {\ncontainer c\n}\n", _H + "parallel {\ndevice d\n}\n"]),
    (("a declaration is 'input|container|device NAME \"label\"' followed by an amount or capacity",
      'write e.g. container tube "1.5 mL tube" capacity 1.5 mL'),
     [_H + "input\n", _H + "input 3 mL\n", _H + "container tube 1.5 mL\n", _H + 'input x "a" "b"\n',
      _H + "device d 3 mL\n", _H + "container tube capacity\n", _H + "input x 5\n", _H + 'container t "a" 5 mL\n']),
    (("a reserved word cannot be used as a name", "rename it, e.g. repeat_count; reserved: " + ", ".join(KEYWORDS)),
     [_H + "repeat = SPIN(culture)\n", _H + "if = SPIN(culture)\n", _H + "optional, x = SPIN(culture)\n",
      _H + "input = SPIN(culture)\n", _H + "device = SPIN(culture)\n", _H + "parallel = SPIN(culture)\n",
      _H + "container = SPIN(culture)\n", _H + "optional = SPIN(culture)\n"]),
]


@dataclass
class ParseResult:
    """What :func:`parse_source` found: the program (None if the header is broken) and diagnostics.

    ``skipped_names`` are the names written on lines skipped after syntax errors, so that
    later checks do not echo those errors as undefined or unused names.
    """

    program: Program | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    skipped_names: set[str] = field(default_factory=set)


_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _number(tok: lark.Token, builder: "_Builder") -> float:
    value = float(tok)
    if not math.isfinite(value):
        builder.problems.append(_syntax(f"the number {str(tok)[:20]} is too large", tok.line, tok.column,
                                        tok.start_pos, tok.end_pos, "write a smaller number"))
        return 0.0
    return value


def _unescape(raw: str) -> str:
    return re.sub(r"\\(.)", r"\1", raw[1:-1])


def _syntax(message: str, line: int | None, column: int | None, start: int | None, end: int | None,
            hint: str) -> Diagnostic:
    return Diagnostic(code="syntax-error", severity="error", message=message, line=line, column=column,
                      start=start, end=end, hint=hint)


_RESERVED = frozenset(KEYWORDS)
_RESERVED_HINT = "rename it, e.g. {word}_1; reserved: " + ", ".join(KEYWORDS)


def _reserved_name(tok: lark.Token) -> Diagnostic:
    """A reserved word used as a name (the contextual lexer reads it as NAME where no keyword fits)."""
    return _syntax(f"a reserved word cannot be used as a name: '{tok}'", tok.line, tok.column,
                   tok.start_pos, tok.end_pos, _RESERVED_HINT.format(word=tok))


class _Builder(lark.Transformer):
    """Parser callbacks that build the program model (run inline by the LALR parser).

    """

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.problems: list[Diagnostic] = []
        self.fast: Iterator[Statement] = iter(())

    # ------------------------------------------------------------------ values
    def number(self, c: list[lark.Token]) -> Value:
        t = c[0]
        return Value(kind="number", text=str(t), low=_number(t, self), line=t.line, column=t.column,
                     start=t.start_pos, end=t.end_pos)

    def string(self, c: list[lark.Token]) -> Value:
        t = c[0]
        return Value(kind="string", text=_unescape(t), line=t.line, column=t.column, start=t.start_pos, end=t.end_pos)

    def _name(self, t: lark.Token) -> None:
        if t in _RESERVED:
            self.problems.append(_reserved_name(t))

    def ref(self, c: list[lark.Token]) -> Value:
        t = c[0]
        self._name(t)
        return Value(kind="ref", text=str(t), line=t.line, column=t.column, start=t.start_pos, end=t.end_pos)

    def unknown(self, c: list[lark.Token]) -> Value:
        t = c[0]
        return Value(kind="unknown", text="unknown", line=t.line, column=t.column, start=t.start_pos, end=t.end_pos)

    def unit(self, c: list[lark.Token]) -> list[lark.Token]:
        return c

    def quantity(self, c: list[Any]) -> Value:
        units: list[lark.Token] = c[-1]
        first, numbers = c[0], c[:-1]
        unit = " ".join(units)
        low = _number(numbers[0], self)
        high = _number(numbers[1], self) if len(numbers) > 1 else None
        text = f"{numbers[0]} to {numbers[1]} {unit}" if high is not None else f"{numbers[0]} {unit}"
        return Value(kind="quantity", text=text, low=low, high=high, unit=unit, line=first.line,
                     column=first.column, start=first.start_pos, end=units[-1].end_pos, unit_column=units[0].column)

    def marker(self, c: list[lark.Token]) -> lark.Token:
        return c[0]

    def value(self, c: list[Any]) -> Value:
        if len(c) == 1:
            return c[0]
        close = self.text.index(")", c[1].end_pos) + 1
        return replace(c[0], marker=str(c[1]), end=close)

    # ------------------------------------------------------------------ statements
    def material_arg(self, c: list[lark.Token]) -> Arg:
        t = c[0]
        self._name(t)
        ref = Value(kind="ref", text=str(t), line=t.line, column=t.column, start=t.start_pos, end=t.end_pos)
        return Arg(slot=None, value=ref, line=t.line, column=t.column)

    def slot_arg(self, c: list[Any]) -> Arg:
        name, value = c
        return Arg(slot=str(name), value=value, line=name.line, column=name.column)

    def call(self, c: list[Any]) -> tuple[lark.Token, list[Arg]]:
        return c[0], [a for a in c[1:] if a is not None]

    def targets(self, c: list[lark.Token]) -> list[Name]:
        for t in c:
            self._name(t)
        return [Name(name=str(t), line=t.line, column=t.column, start=t.start_pos, end=t.end_pos) for t in c]

    def statement(self, c: list[Any]) -> Statement:
        if isinstance(c[0], lark.Token) and c[0].type == "FAST":
            return next(self.fast)
        targets: list[Name] = c[0] if len(c) == 2 else []
        opcode, args = c[-1]
        last = max([opcode.end_pos] + [a.value.end for a in args])
        newline = self.text.find("\n", last)
        rest = self.text[last:newline if newline >= 0 else len(self.text)]
        end = last + rest.index(")") + 1
        step, comment = trailing_comment(rest[rest.index(")") + 1:])
        first = targets[0] if targets else None
        return Statement(
            targets=targets, opcode=str(opcode), args=args, step=step, comment=comment,
            line=first.line if first else opcode.line, column=first.column if first else opcode.column,
            opcode_column=opcode.column, start=first.start if first else opcode.start_pos, end=end,
        )

    # ------------------------------------------------------------------ blocks
    def _block(self, kind: str, keyword: lark.Token, body: list[Item], **attrs: Any) -> Block:
        return Block(kind=kind, body=body, line=keyword.line, column=keyword.column, **attrs)  # type: ignore[arg-type]

    def repeat_block(self, c: list[Any]) -> Block:
        keyword, count = c[0], c[1]
        body = [x for x in c[2:] if isinstance(x, (Statement, Block))]
        if int(count) < 1:
            self.problems.append(_syntax("a repeat block must run at least once", count.line, count.column,
                                         count.start_pos, count.end_pos, "write repeat 1 times or more"))
        return self._block("repeat", keyword, body, count=int(count))

    def if_block(self, c: list[Any]) -> Block:
        return self._block("if", c[0], list(c[2:]), condition=_unescape(c[1]))

    def parallel_block(self, c: list[Any]) -> Block:
        return self._block("parallel", c[0], list(c[1:]))

    def optional_block(self, c: list[Any]) -> Block:
        return self._block("optional", c[0], list(c[1:]))

    # ------------------------------------------------------------------ declarations
    def _declaration(self, kind: str, c: list[Any]) -> Declaration:
        t = c[0]
        self._name(t)
        name = Name(name=str(t), line=t.line, column=t.column, start=t.start_pos, end=t.end_pos)
        label = next((_unescape(x) for x in c[1:] if isinstance(x, lark.Token) and x.type == "STRING"), None)
        quantity = next((x for x in c[1:] if isinstance(x, Value)), None)
        return Declaration(kind=kind, name=name, label=label, quantity=quantity,  # type: ignore[arg-type]
                           line=t.line, column=t.column)

    def input_decl(self, c: list[Any]) -> Declaration:
        return self._declaration("input", c)

    def container_decl(self, c: list[Any]) -> Declaration:
        return self._declaration("container", c)

    def device_decl(self, c: list[Any]) -> Declaration:
        return self._declaration("device", c)

    # ------------------------------------------------------------------ program
    def header(self, c: list[lark.Token]) -> tuple[str, str | None, int]:
        return _unescape(c[0]), (str(c[1]) if len(c) > 1 else None), c[0].line

    def start(self, c: list[Any]) -> Program:
        title, domain, line = c[0]
        decls = [x for x in c[1:] if isinstance(x, Declaration)]
        body = [x for x in c[1:] if isinstance(x, (Statement, Block))]
        return Program(title=title, domain=domain, header_line=line, declarations=decls, body=body,
                       text=self.text)


# The keywords whose positions the builder needs are named terminals.
_PARSER_GRAMMAR = (
    CORE_GRAMMAR.replace('"repeat" INT', "REPEAT INT").replace('if_block: "if"', "if_block: IF")
    .replace('parallel_block: "parallel"', "parallel_block: PARALLEL")
    .replace('optional_block: "optional"', "optional_block: OPTIONAL")
    .replace('unknown: "unknown"', "unknown: UNKNOWN")
    .replace('statement: (targets "=")? call', 'statement: FAST | (targets "=")? call')
    + f'\nFAST: "{PLACEHOLDER}"'
    + '\nREPEAT: "repeat"\nIF: "if"\nPARALLEL: "parallel"\nOPTIONAL: "optional"\nUNKNOWN: "unknown"\n'
)
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _builder_parser() -> tuple[lark.Lark, _Builder]:
    builder = _Builder()
    return lark.Lark(_PARSER_GRAMMAR, parser="lalr", transformer=builder), builder


@lru_cache(maxsize=1)
def _example_table() -> dict[int, list[tuple[str, str | None, str | None, tuple[str, str]]]]:
    """Parser state -> (failure kind, token type, token text, label) of each catalogue example."""
    table: dict[int, list[tuple[str, str | None, str | None, tuple[str, str]]]] = {}
    for label, examples in SYNTAX_EXAMPLES:
        for example in examples:
            try:
                _parse_once(example)  # the same parser: state numbers differ between Lark instances
            except UnexpectedInput as err:
                table.setdefault(err.state.position, []).append(
                    (type(err).__name__, *_token_key(getattr(err, "token", None), example), label))
    return table


def _token_key(token: lark.Token | None, text: str) -> tuple[str | None, str | None]:
    """(type, text) of a token; a fast-path statement reads as the name it starts with."""
    if token is None:
        return None, None
    if token.type == "FAST":
        word = _NAME_RE.match(text, token.start_pos or 0)
        return "NAME", word.group() if word else ""
    return token.type, str(token)


def _example_label(err: UnexpectedInput, text: str) -> tuple[str, str] | None:
    """The label of the catalogue example failing in the same parser state, most alike first.

    Like Lark's ``match_examples``, but matched on the state at the top of the parser's
    stack only, so that an example matches wherever the same mistake occurs (inside a
    block or not, after declarations or not).
    """
    if err.state is None:
        return None
    entries = _example_table().get(err.state.position, [])
    token_type, token_text = _token_key(getattr(err, "token", None), text)
    kind = type(err).__name__
    for entry_kind, entry_type, entry_text, label in entries:
        if entry_kind == kind and token_type is not None and (entry_type, entry_text) == (token_type, token_text):
            return label
    for entry_kind, entry_type, _, label in entries:
        if entry_kind == kind and (token_type is None or entry_type == token_type):
            return label
    return entries[0][3] if entries else None


# A word starting with a digit where a name may stand: at the start of a line, after a
# declaration keyword, or in a list of products or arguments.
_DIGIT_WORD = re.compile(r"[0-9][A-Za-z0-9_]*[A-Za-z_][A-Za-z0-9_]*")
_BEFORE_NAME = re.compile(r"(?:^|[(,]|\b(?:input|container|device))[ \t\f]*$", re.MULTILINE)


def _digit_name(err: UnexpectedInput, text: str) -> str | None:
    """The word, if the parse failed at a would-be name starting with a digit (``2a = MIX(c)``)."""
    if isinstance(err, UnexpectedToken):
        offset = err.token.start_pos if err.token.type != "$END" else None
    else:
        offset = getattr(err, "pos_in_stream", None)
    if offset is None:
        return None
    word = _DIGIT_WORD.match(text, offset)
    line_start = text.rfind("\n", 0, offset) + 1
    if word is None or not _BEFORE_NAME.search(text, line_start, offset):
        return None
    return word.group()


def _explain(err: UnexpectedInput, text: str) -> tuple[str, str]:
    """Message and hint for a parse failure."""
    digit_word = _digit_name(err, text)
    if digit_word is not None:
        return (f"a name starts with a letter or _, not a digit: '{digit_word}'",
                f"rename it, e.g. _{digit_word} or n{digit_word}")
    if isinstance(err, UnexpectedCharacters):
        char = text[err.pos_in_stream] if err.pos_in_stream < len(text) else ""
        if char == '"':
            return "unterminated string", "close the string with '\"' on the same line"
        shown = char if char.isprintable() and not char.isspace() else repr(char)
        return f"unexpected character {shown}", "remove it, or put free text in a quoted string"
    label = _example_label(err, text)
    if label is not None:
        return label
    if isinstance(err, UnexpectedEOF) or (isinstance(err, UnexpectedToken) and err.token.type == "$END"):
        return "the program ends too early", "complete the last line"
    _, shown = _token_key(getattr(err, "token", None), text)
    word = (shown or "").strip() or repr(shown)
    if len(word) > 40:  # a huge token (a long string) is named, not printed whole
        word = word[:40] + "…"
    return f"unexpected '{word}'", "see docs/language.md for the statement forms"


def _position(err: UnexpectedInput, text: str) -> tuple[int, int, int]:
    """(line, column, offset) of a failure; end-of-input failures point at the end of the last line."""
    if isinstance(err, UnexpectedToken) and err.token.type != "$END":
        tok = err.token
        return tok.line or 1, tok.column or 1, tok.start_pos or 0
    if isinstance(err, UnexpectedCharacters):
        return err.line, err.column, err.pos_in_stream
    stripped = text.rstrip()
    line = stripped.count("\n") + 1
    return line, len(stripped) - (stripped.rfind("\n") + 1) + 1, len(stripped)


def _blank_line(text: str, line: int) -> tuple[str, str] | None:
    """``text`` with ``line`` blanked (offsets kept), and the line; None if blanking cannot help."""
    starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    if line < 2 or line > len(starts):
        return None
    begin = starts[line - 1]
    stop = text.find("\n", begin)
    stop = len(text) if stop < 0 else stop
    content = text[begin:stop]
    if "{" in content or "}" in content or not content.strip():
        return None
    return text[:begin] + " " * len(content) + text[stop:], content


def parse_source(text: str, *, fast: bool = True) -> ParseResult:
    """Parse program text without raising: the program, and syntax errors as diagnostics.

    After a syntax error the offending line is skipped and parsing resumes, up to
    :data:`MAX_SYNTAX_ERRORS` errors; a broken header or block leaves ``program`` None.
    ``fast=False`` reads every line with the grammar (:mod:`autodsl.emit.fastpath` is then
    unused; the result is the same, only slower). A UTF-8 byte order mark opening the text
    is skipped (positions are those of the text after it, as editors count columns).

    >>> r = parse_source('protocol "x"\\na = SPIN(b c)\\nd = SPIN(e f)\\n')
    >>> [(d.line, d.message) for d in r.diagnostics], r.program is not None
    ([(2, "missing ',' between arguments"), (3, "missing ',' between arguments")], True)
    """
    text = text.removeprefix(BOM)
    result = ParseResult(program=None)
    current = text
    while True:
        try:
            program, problems = _parse_once(current, fast)
        except UnexpectedInput as err:
            line, column, offset = _position(err, current)
            message, hint = _explain(err, current)
            result.diagnostics.append(_syntax(message, line, column, offset, offset + 1, hint))
            at_end = isinstance(err, UnexpectedEOF) or (
                isinstance(err, UnexpectedToken) and err.token.type == "$END")
            blanked = None if at_end or len(result.diagnostics) >= MAX_SYNTAX_ERRORS else _blank_line(current, line)
            if blanked is None:
                return result
            current, content = blanked
            result.skipped_names.update(_NAME_RE.findall(content))
            continue
        result.diagnostics.extend(problems)
        result.program = replace(program, text=text) if current is not text else program
        return result


def _parse_once(text: str, fast: bool = True) -> tuple[Program, list[Diagnostic]]:
    parser, builder = _builder_parser()
    masked, found = mask_statements(text) if fast else (text, [])
    with _lock:
        builder.text, builder.problems, builder.fast = text, [], iter(found)
        try:
            program = parser.parse(masked)
        finally:
            builder.text, builder.fast = "", iter(())
        return program, builder.problems


def parse_program(text: str) -> Program:
    """Parse program text; raises :class:`DiagnosticsError` carrying the syntax errors.

    >>> parse_program('protocol "Spin" domain wetlab\\n').domain
    'wetlab'
    """
    result = parse_source(text)
    if result.program is None or result.diagnostics:
        raise DiagnosticsError(result.diagnostics)
    return result.program


def parse(text: str) -> PDG:
    """Parse program text into its PDG (see :func:`autodsl.emit.build.program_to_pdg`)."""
    from autodsl.emit.build import program_to_pdg

    return program_to_pdg(parse_program(text))
