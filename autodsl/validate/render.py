"""Diagnostics as a compiler prints them: position, message, the source line, a caret, a hint.

>>> from autodsl.diagnostics import Diagnostic
>>> d = Diagnostic(code="unknown-slot", severity="error", message="SPIN has no slot 'tme'",
...                line=2, column=9, hint="write time: ...")
>>> print(render([d], 'protocol "x"\\nSPIN(c, tme: 1 min)\\n', "p.dsl"))
p.dsl:2:9: error unknown-slot: SPIN has no slot 'tme'
    SPIN(c, tme: 1 min)
            ^
    hint: write time: ...
<BLANKLINE>
1 error
"""

from __future__ import annotations

from typing import Any

from autodsl.diagnostics import Diagnostic

__all__ = ["render", "summary", "as_json", "WINDOW"]


def summary(diagnostics: list[Diagnostic]) -> str:
    """``2 errors, 1 warning`` (``no problems`` when empty)."""
    parts = []
    for severity in ("error", "warning", "info"):
        n = sum(1 for d in diagnostics if d.severity == severity)
        if n:
            parts.append(f"{n} {severity}{'s' if n != 1 else ''}")
    return ", ".join(parts) or "no problems"


# A source line longer than this is shown as a window of this many characters around the
# column, so that a huge one-line program does not print megabytes of source and spaces.
WINDOW = 120
ELLIPSIS = "…"


def _window(line: str, column: int) -> tuple[int, int]:
    """(begin, end) of the part of ``line`` to show for a diagnostic at 1-based ``column``."""
    if len(line) <= WINDOW:
        return 0, len(line)
    begin = min(max(0, column - 1 - WINDOW // 2), len(line) - WINDOW)
    return begin, begin + WINDOW


def _source_and_caret(line: str, d: Diagnostic, line_start: int) -> tuple[str, str]:
    """The source line (or a window of it) and the caret line under the diagnostic's column."""
    column = min(max(1, d.column or 1), len(line) + 1)
    begin, end = _window(line, column)
    lead = ELLIPSIS if begin > 0 else ""
    shown = lead + line[begin:end] + (ELLIPSIS if end < len(line) else "")
    # keep tabs so the caret sits under the right character
    prefix = " " * len(lead) + "".join(ch if ch == "\t" else " " for ch in line[begin: column - 1])
    width = 1
    if d.start is not None and d.end is not None and d.start == line_start + column - 1:
        width = max(1, min(d.end, line_start + end) - d.start)
    return shown, prefix + "^" + "~" * (width - 1)


def render(diagnostics: list[Diagnostic], text: str, path: str = "<input>") -> str:
    """All diagnostics in compiler format, followed by a summary line."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    out: list[str] = []
    for d in diagnostics:
        out.append(d.format(path))
        if d.line is not None and 1 <= d.line <= len(lines):
            source, caret = _source_and_caret(lines[d.line - 1].rstrip("\r"), d, starts[d.line - 1])
            out.append("    " + source)
            out.append("    " + caret)
        if d.hint:
            out.append(f"    hint: {d.hint}")
    out.append("")
    out.append(summary(diagnostics))
    return "\n".join(out)


def as_json(diagnostics: list[Diagnostic]) -> dict[str, Any]:
    """``{"diagnostics": [{"code", "severity", "message", "line", "column", "hint"}]}``."""
    keys = ("code", "severity", "message", "line", "column", "hint")
    return {"diagnostics": [{k: getattr(d, k) for k in keys} for d in diagnostics]}
