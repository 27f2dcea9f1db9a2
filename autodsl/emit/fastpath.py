"""A fast path for well-formed statement lines, so that checking stays well under a second.

Lark's LALR parser costs several microseconds per token, and a statement has about twenty
tokens. Most lines of a program are plain, well-formed statements, so
:func:`mask_statements` reads those lines directly (one anchored regular expression for
the head and one per argument) and hands the parser a single placeholder token for each;
everything else (header, declarations, blocks, and any line the fast path is not certain
about) goes through the grammar as written. The fast path is conservative: it takes a
line only when the grammar would read it the same way, and builds the very same
:class:`~autodsl.emit.program.Statement` (tests compare both readings on generated lines);
a line it declines costs nothing but speed, and every syntax error comes from the grammar.

>>> masked, found = mask_statements('protocol "x"\\npellet = SPIN(c, time: 5 min)  # step 2\\n')
>>> masked.splitlines()[1].startswith(PLACEHOLDER), found[0].step, found[0].args[1].value.low
(True, 2, 5.0)
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from autodsl.emit.grammar import KEYWORDS
from autodsl.emit.program import Arg, Name, Statement, Value

__all__ = ["mask_statements", "fast_statement", "PLACEHOLDER", "STEP_COMMENT", "trailing_comment"]

# A private-use character: it cannot occur in a program the fast path rewrites.
PLACEHOLDER = "\ue000"

# one separator after the step number ("step 3: spin", "step 3 - spin"); a dash or point that
# starts a number belongs to the comment ("step 4: -20 °C (no slot)")
STEP_COMMENT = re.compile(r"\s*step\s+(\d+)\b\s*(?:[:,;]|[.-](?!\d))?\s*(.*)$", re.IGNORECASE | re.DOTALL)

_W = r"[ \t\f]*"
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_NUMBER = r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
_UNIT_CHAR = r"[A-Za-z0-9µμ°º×%/]"
_UNIT = r"[A-Za-zµμ°º×%]" + _UNIT_CHAR + "*"
_NOT_TO = rf"(?!to(?!{_UNIT_CHAR}))"  # after a number, a bare 'to' is the range keyword
# ``targets =`` (optional) and ``OPCODE(``
_HEAD = re.compile(rf"{_W}(?:(?P<targets>{_NAME}(?:{_W},{_W}{_NAME})*){_W}={_W})?(?P<opcode>{_NAME}){_W}\(")
_TARGET = re.compile(_NAME)
# one argument and the ',' or ')' after it
_ARG = re.compile(
    rf"{_W}(?P<name>{_NAME}){_W}(?:(?P<colon>:){_W}(?:"
    rf"(?P<number>{_NUMBER})(?:{_W}to(?!{_UNIT_CHAR}){_W}(?P<high>{_NUMBER}))?"
    rf"(?:{_W}{_NOT_TO}(?P<unit>{_UNIT}(?:[ \t\f]+{_UNIT})*))?"
    rf'|(?P<string>"(?:[^"\\\r\n]|\\.)*")'
    rf"|(?P<ref>{_NAME}))"
    rf"(?:{_W}\({_W}(?P<marker>default|suggested){_W}\))?)?"
    rf"{_W}(?P<close>[,)])"
)
_EMPTY = re.compile(rf"{_W}\)")
_TAIL = re.compile(rf"{_W}(?P<rest>(?:#[^\r\n]*)?)\r?$")
_ESCAPE = re.compile(r"\\(.)")
_UNIT_SPLIT = re.compile(r"[ \t\f]+")
# Words the grammar may read as keywords at the start of a line: left to the grammar.
_LINE_KEYWORDS = frozenset({"protocol", "input", "container", "device", "repeat", "if", "parallel", "optional"})
# A reserved word used as a name is a syntax error the grammar's reading reports.
_RESERVED = frozenset(KEYWORDS)


def trailing_comment(rest: str) -> tuple[int | None, str | None]:
    """(step, comment) from the text after a statement: ``# step 3: spin`` -> (3, 'spin')."""
    hash_at = rest.find("#")
    if hash_at < 0:
        return None, None
    comment = rest[hash_at + 1:].strip()
    found = STEP_COMMENT.match(comment)
    if found:
        return int(found.group(1)), found.group(2).strip() or None
    return None, comment or None


def _finite(text: str) -> float | None:
    value = float(text)
    return value if math.isfinite(value) else None


def _value(m: re.Match[str], line: int, base: int) -> Value | None:
    """The value of an argument match (None: leave the line to the grammar)."""
    if m.group("number") is not None:
        start = m.start("number")
        low = _finite(m.group("number"))
        if low is None:
            return None
        high_text = m.group("high")
        unit = m.group("unit")
        if unit is None:
            if high_text is not None:
                return None
            value = Value(kind="number", text=m.group("number"), low=low, line=line, column=start + 1,
                          start=base + start, end=base + m.end("number"))
        else:
            high = _finite(high_text) if high_text is not None else None
            if high_text is not None and high is None:
                return None
            joined = " ".join(_UNIT_SPLIT.split(unit))
            text = f"{m.group('number')} {'to ' + high_text + ' ' if high_text is not None else ''}{joined}"
            value = Value(kind="quantity", text=text, low=low, high=high, unit=joined, line=line,
                          column=start + 1, start=base + start, end=base + m.end("unit"),
                          unit_column=m.start("unit") + 1)
    elif m.group("string") is not None:
        start = m.start("string")
        value = Value(kind="string", text=_ESCAPE.sub(r"\1", m.group("string")[1:-1]), line=line,
                      column=start + 1, start=base + start, end=base + m.end("string"))
    else:
        start = m.start("ref")
        word = m.group("ref")
        if word in _RESERVED and word != "unknown":
            return None
        value = Value(kind="unknown" if word == "unknown" else "ref", text=word, line=line, column=start + 1,
                      start=base + start, end=base + m.end("ref"))
    if m.group("marker") is not None:
        # like the grammar's reading: the value ends after the marker's ')'
        close = m.string.index(")", m.end("marker")) + 1
        value = replace(value, marker=m.group("marker"), end=base + close)
    return value


def fast_statement(text: str, line: int, base: int) -> tuple[Statement, int, int] | None:
    """Read one line as a statement: (statement, start, end offset in the line), or None.

    ``base`` is the line's offset in the program. None when the line is not certainly a
    well-formed statement (the grammar then reads it).
    """
    head = _HEAD.match(text)
    if head is None:
        return None
    first = head.start("targets") if head.group("targets") is not None else head.start("opcode")
    word = _TARGET.match(text, first)
    if word is None or word.group() in _LINE_KEYWORDS:
        return None
    args: list[Arg] = []
    pos = head.end()
    empty = _EMPTY.match(text, pos)
    if empty is not None:
        pos = empty.end()
    else:
        while True:
            m = _ARG.match(text, pos)
            if m is None:
                return None
            column = m.start("name") + 1
            if m.group("colon") is None:
                if m.group("name") in _RESERVED:
                    return None
                ref = Value(kind="ref", text=m.group("name"), line=line, column=column,
                            start=base + m.start("name"), end=base + m.end("name"))
                args.append(Arg(slot=None, value=ref, line=line, column=column))
            else:
                value = _value(m, line, base)
                if value is None:
                    return None
                args.append(Arg(slot=m.group("name"), value=value, line=line, column=column))
            pos = m.end()
            if m.group("close") == ")":
                break
    tail = _TAIL.match(text, pos)
    if tail is None:
        return None
    step, comment = trailing_comment(tail.group("rest"))
    targets = []
    if head.group("targets") is not None:
        offset = head.start("targets")
        for t in _TARGET.finditer(head.group("targets")):
            if t.group() in _RESERVED:
                return None
            targets.append(Name(name=t.group(), line=line, column=offset + t.start() + 1,
                                start=base + offset + t.start(), end=base + offset + t.end()))
    opcode_at = head.start("opcode")
    statement = Statement(
        targets=targets, opcode=head.group("opcode"), args=args, step=step, comment=comment, line=line,
        column=first + 1, opcode_column=opcode_at + 1, start=base + first, end=base + pos)
    return statement, first, pos


def mask_statements(text: str) -> tuple[str, list[Statement]]:
    """``text`` with each well-formed statement replaced by :data:`PLACEHOLDER` and spaces
    (lengths, lines and columns kept), and those statements in order."""
    if PLACEHOLDER in text:
        return text, []
    found: list[Statement] = []
    pieces: list[str] = []
    base = 0
    for number, line in enumerate(text.split("\n"), start=1):
        read = fast_statement(line, number, base) if "(" in line else None
        if read is None:
            pieces.append(line)
        else:
            statement, begin, end = read
            found.append(statement)
            pieces.append(line[:begin] + PLACEHOLDER + " " * (end - begin - 1) + line[end:])
        base += len(line) + 1
    return "\n".join(pieces), found
