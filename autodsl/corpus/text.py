"""Plain-text and markdown protocols: a title line, then steps.

Steps are written one per line, or numbered (``1.``, ``1)``, ``(1)``, ``Step 1:``, ``a)``)
or bulleted (``-``, ``*``, ``+``, ``•``). A numbered or bulleted step goes on over the lines
that follow it when they are indented deeper than its label, or when they follow it
directly without a number, a bullet, a blank line or a heading; such a step's span covers
all its lines. Any other line is a step of its own. Section headings (``## Mixing``,
``**Mixing**``, a short line ending with ``:``, a line in capitals) are not steps: they
become :attr:`Step.section` of the steps under them; the lines under a heading that names
what a protocol needs rather than what it does (``Materials``, ``Reagents``,
``Equipment``, ``Supplies``, ``Recipes``, ``References`` ...) are not steps at all. The
number or bullet is kept in
:attr:`Step.label` and left out of the span, so ``step.text == text[step.start:step.end]``.

>>> text = "Miniprep\\n\\nLysis:\\n1. Resuspend cells\\n   in 250 ul P1.\\n2) Add P2.\\n"
>>> steps = split_steps(text, [(9, len(text))])
>>> [(s.label, s.text, s.section) for s in steps]
[('1.', 'Resuspend cells\\n   in 250 ul P1.', 'Lysis'), ('2)', 'Add P2.', 'Lysis')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from autodsl.corpus.brat import read_text_file
from autodsl.corpus.models import Protocol, Step

__all__ = ["split_steps", "parse_text_protocol", "load_text_protocol"]

_NEWLINE = re.compile(r"\r\n|\r|\n")
_LABEL = re.compile(
    r"""(?P<label>
          (?i:step)[ \t]*\d+[a-z]?[ \t]*[:.)]?   # Step 1:  Step 1.  Step 2
        | \(\d+[a-z]?\)                          # (1)
        | \d+(?:\.\d+)*[.)]                      # 1.  1)  2.1.
        | [a-z][.)]                              # a)  b.
        | [-*+\u2022\u00b7\u2023\u25e6\u25aa\u25cf]  # bullets
        )
        (?=[ \t\u00a0]|$)""",
    re.VERBOSE,
)
_MD_HEADING = re.compile(r"#{1,6}[ \t]+(.*?)[ \t#]*$")
_BOLD_HEADING = re.compile(r"(\*\*|__)(?P<inner>[^*_].*?)\1(?P<rest>.*)$")
_MAX_HEADING = 80
# sections that list what a protocol needs (or cites), not what it does
_NEEDS = r"(?:materials?|reagents?|equipment|supplies|consumables|instruments?|recipes?|ingredients)"
_NOT_PROCEDURE = re.compile(
    rf"(?:(?:required|list of)\s+)?(?:{_NEEDS}(?:\s*(?:,|and|&)\s*{_NEEDS})*(?:\s+(?:needed|required|used))?"
    r"|references?|bibliography)",
    re.IGNORECASE,
)
_ALNUM = re.compile(r"[^\W_]")
_SPACES = re.compile(r"[\s\ufeff]*")  # a byte-order mark leads like a space


@dataclass(slots=True)
class _Open:
    """A step being read: where its text starts and ends, its label and indentation."""

    label: str | None
    indent: int
    start: int | None
    end: int
    section: str | None


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each line of ``text[start:end]``, without its line break."""
    pos = start
    while pos < end:
        m = _NEWLINE.search(text, pos, end)
        if m is None:
            yield pos, end
            return
        yield pos, m.start()
        pos = m.end()


def _indent(line: str) -> int:
    width = 0
    for ch in line:
        if ch == "\t":
            width += 4
        elif ch.isspace():
            width += 1
        else:
            break
    return width


def _heading(content: str) -> str | None:
    """The section name if the stripped line ``content`` is a heading, else None."""
    m = _MD_HEADING.fullmatch(content)
    if m:
        return m.group(1).strip("*_ :") or None
    if len(content) > _MAX_HEADING:
        return None
    m = _BOLD_HEADING.fullmatch(content)
    if m and not m.group("rest").rstrip().endswith((".", "!", "?")):
        return m.group("inner").strip(" :") or None
    if content.endswith(":") and len(content.split()) <= 8:
        return content.rstrip(":").strip("*_ ") or None
    letters = [ch for ch in content if ch.isalpha()]
    if len(letters) >= 3 and all(ch.isupper() for ch in letters) and not content.endswith("."):
        return content.strip("*_ :")
    return None


def _is_blank(line: str) -> bool:
    """Blank, or only rules and symbols (``---``, ``***``, a lone bullet)."""
    return _ALNUM.search(line) is None


def split_steps(text: str, regions: Sequence[tuple[int, int]] | None = None) -> list[Step]:
    """Steps of ``text`` (or of each ``(start, end)`` region in turn), numbered from 1.

    A section heading carries over from one region to the next; a step never does.

    >>> [s.text for s in split_steps("- Spin.\\n- Discard the\\n  supernatant.\\n")]
    ['Spin.', 'Discard the\\n  supernatant.']
    >>> [(s.label, s.text) for s in split_steps("Step 1: Thaw.\\n(2) Mix.\\n")]
    [('Step 1:', 'Thaw.'), ('(2)', 'Mix.')]
    """
    spans: list[_Open] = []
    section: str | None = None
    for start, end in regions if regions is not None else [(0, len(text))]:
        section = _split_region(text, start, end, section, spans)
    spans = _drop_preamble([item for item in spans if not _lists_needs(item.section)])
    steps: list[Step] = []
    for item in spans:
        assert item.start is not None  # _split_region keeps only steps with text
        steps.append(
            Step(
                index=len(steps) + 1,
                text=text[item.start : item.end],
                start=item.start,
                end=item.end,
                section=item.section,
                label=item.label,
            )
        )
    return steps


def _lists_needs(section: str | None) -> bool:
    """Whether a section heading names a list of materials, equipment or references.

    >>> [_lists_needs(h) for h in ("Materials", "Reagents and equipment", "Buffer preparation", "Lysis", None)]
    [True, True, False, False, False]
    """
    return section is not None and _NOT_PROCEDURE.fullmatch(section.strip(" :*_#.")) is not None


def _drop_preamble(spans: list[_Open]) -> list[_Open]:
    """Leave out the unnumbered lines before the first numbered step (a description or an
    introduction), when most steps of the protocol are numbered or bulleted.

    >>> [s.text for s in split_steps("Isolates DNA.\\n1. Spin.\\n2. Add P1.\\n")]
    ['Spin.', 'Add P1.']
    """
    labelled = [i for i, item in enumerate(spans) if item.label is not None]
    if not labelled or 2 * len(labelled) < len(spans):
        return spans
    return spans[labelled[0] :]


def _split_region(
    text: str, start: int, end: int, section: str | None, out: list[_Open]
) -> str | None:
    """Append the steps of one region to ``out``; return the section in force at its end."""
    current: _Open | None = None
    after_blank = False

    def close() -> None:
        nonlocal current
        if current is not None and current.start is not None:
            out.append(current)
        current = None

    for line_start, line_end in _lines(text, start, end):
        line = text[line_start:line_end]
        if _is_blank(line):
            after_blank = True
            continue
        lead = _lead(text, line_start, line_end)
        content_start = line_start + lead
        content_end = line_end
        while text[content_end - 1].isspace():
            content_end -= 1
        indent = _indent(line)
        label = _LABEL.match(text, content_start, content_end)
        numbered = current if current is not None and current.label is not None else None
        if label is None:
            content = text[content_start:content_end]
            if numbered is not None and (indent > numbered.indent or numbered.start is None):
                _extend(numbered, content_start, content_end)
            elif (heading := _heading(content)) is not None:
                close()
                section = heading
            elif numbered is not None and not after_blank:
                _extend(numbered, content_start, content_end)
            else:
                close()
                current = _Open(None, indent, content_start, content_end, section)
                close()  # an unnumbered step is one line
        else:
            close()
            body = label.end()
            while body < content_end and text[body].isspace():
                body += 1
            current = _Open(
                label.group("label").strip(),
                indent,
                body if body < content_end else None,
                content_end,
                section,
            )
        after_blank = False
    close()
    return section


def _lead(text: str, start: int, end: int) -> int:
    """Number of whitespace characters at the start of ``text[start:end]``."""
    m = _SPACES.match(text, start, end)
    return m.end() - start if m else 0


def _extend(step: _Open, start: int, end: int) -> None:
    if step.start is None:
        step.start = start
    step.end = end


def parse_text_protocol(
    text: str,
    id: str,
    format: Literal["text", "markdown"] = "text",
    source: str | None = None,
    domains: tuple[str, ...] = (),
) -> Protocol:
    """A protocol from plain text or markdown: the first non-empty line is the title.

    A ``# Title`` heading loses its ``#``. When the first line is already a numbered or
    bulleted step, or is the only line (and no heading), the protocol has no title line and
    ``id`` stands in as its title.

    >>> p = parse_text_protocol("# Miniprep\\n1. Spin.\\n2. Add P1.\\n", "mini", "markdown")
    >>> p.title, [s.text for s in p.steps]
    ('Miniprep', ['Spin.', 'Add P1.'])
    >>> p = parse_text_protocol("Centrifuge the culture for 10 min.\\n", "spin")
    >>> p.title, [s.text for s in p.steps]
    ('spin', ['Centrifuge the culture for 10 min.'])
    """
    title, body_start, heading = id, 0, None
    for line_start, line_end in _lines(text, 0, len(text)):
        if _is_blank(text[line_start:line_end]):
            continue
        content = text[line_start:line_end].strip().lstrip("\ufeff")
        if not _LABEL.match(content):
            heading = _MD_HEADING.fullmatch(content)
            title = (heading.group(1) if heading else content).strip("*_ ") or id
            body_start = line_end
        break
    steps = split_steps(text, [(body_start, len(text))])
    if not steps and body_start and heading is None:
        # one line and nothing after it: an instruction, not the title of an empty protocol
        title, steps = id, split_steps(text, [(0, len(text))])
    return Protocol(
        id=id,
        title=title,
        domains=domains,
        source=source,
        format=format,
        text=text,
        steps=steps,
    )


def load_text_protocol(path: str | Path, format: Literal["text", "markdown"] = "text") -> Protocol:
    """Read a UTF-8 text or markdown file as a :class:`Protocol` whose id is the file stem.

    >>> load_text_protocol("protocols/miniprep.md", "markdown").title  # doctest: +SKIP
    'Plasmid miniprep'
    """
    p = Path(path)
    return parse_text_protocol(read_text_file(p), p.stem, format, source=str(p))
