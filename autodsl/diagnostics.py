"""Diagnostics: what every check in autodsl reports.

A :class:`Diagnostic` has a kebab-case ``code`` from the closed list :data:`CODES` (each
documented with an example in ``docs/errors.md``; a test keeps the two in step), a
severity, a message naming the offending item, a position and a hint saying what to fix.
Validators always collect diagnostics; one strictness setting at the driver decides
whether to raise (:func:`raise_for`).

>>> d = Diagnostic(code="unknown-unit", severity="error", message="unknown unit 'flurb'")
>>> d.format("p.txt")
"p.txt:?:?: error unknown-unit: unknown unit 'flurb'"
"""

from __future__ import annotations

from enum import Enum
from typing import Iterable, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from autodsl.errors import AutodslError

__all__ = [
    "CODES",
    "Diagnostic",
    "DiagnosticsError",
    "Severity",
    "Strictness",
    "has_errors",
    "raise_for",
    "sort_diagnostics",
]

Severity = Literal["error", "warning", "info"]

# The closed list of diagnostic codes: code -> one-line meaning. Every code here has a
# section with an example in docs/errors.md, and tests/test_diagnostics.py checks it.
# Keep the groups; add a code to the group of the subsystem that reports it.
CODES: dict[str, str] = {
    # --- input and corpus loading ---
    "unreadable-file": "a file could not be read or decoded",
    "malformed-file": "a file's contents do not follow its format",
    "empty-file": "a file holds no text",
    "annotation-out-of-range": "a BRAT annotation points past the end of its text",
    # --- quantities ---
    "unknown-unit": "a unit is not one autodsl knows",
    "ambiguous-quantity": "a quantity can be read more than one way",
    # --- extraction ---
    # --- PDG: structure, completion, linking ---
    "not-an-operation": "an extracted action is no lab operation (a prohibition, a non-operation verb, no verb)",
    "unresolved-step-reference": "a cross-reference names a step that has no operation",
    "unresolved-repeat": "a repeat instruction comes before any operation it could repeat",
    "defaulted-parameter": "a required parameter the text leaves out was filled with a lab convention",
    "unknown-parameter": "a required parameter the text leaves out is a known unknown",
    "product-not-made": "an operation uses a product no earlier operation makes",
    "device-busy": "a device is needed by two operations at the same time",
    "no-operations": "the translation found no lab operation in the text",
    "not-lab-protocol": "many steps of the text are no lab work (clicks and menus of a program)",
    # --- DSL: syntax and semantics ---
    "syntax-error": "a program does not follow the language's syntax",
    "unknown-operation": "a statement calls an operation the domain does not have",
    "unknown-slot": "a statement gives a slot its operation does not take",
    "missing-required-slot": "a statement leaves out a slot its operation requires",
    "unit-mismatch": "a slot holds a value of a dimension it does not take",
    "value-out-of-range": "a value lies outside the range the domain's corpus used",
    "negative-quantity": "an amount, time, concentration or count that cannot be negative is below zero",
    "undefined-material": "a name is used but never declared, or used before it is produced",
    "use-after-consume": "a material is used after it was discarded or used up",
    "conditional-product": "a product made only inside an if or optional block is used after it",
    "container-over-capacity": "a container would hold more than its capacity",
    "unused-product": "a product is bound but never used",
    "duplicate-name": "a name is declared or bound twice, or a slot given twice",
    "domain-not-checked": "no DSL spec was found: only syntax and domain-independent rules were checked",
    "domain-mismatch": "a program is checked against the spec of another domain than its header names",
    # --- LLM ---
    "llm-unavailable": "the LLM server gave no answer (down, timeout, HTTP error, time budget spent)",
    "llm-bad-reply": "the LLM answered, but not with a usable JSON object",
    "llm-proposal-rejected": "an LLM proposal failed the compiler's checks and was discarded",
    "llm-proposal-accepted": "an LLM proposal passed the checks and was merged, marked source llm",
    "llm-cache-unavailable": "the LLM response cache could not be used; the run went on without it",
    "llm-skipped": "--llm was given but the LLM was not asked (no domain DSL to check proposals against)",
}


class Strictness(str, Enum):
    """What the driver does with diagnostics: ignore them, warn, or raise on errors."""

    IGNORE = "ignore"
    WARN = "warn"
    RAISE = "raise"


class Diagnostic(BaseModel):
    """One finding of a check: what is wrong, where, and how to fix it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(description="kebab-case code from the documented list")
    severity: Severity = Field(description="error, warning or info")
    message: str = Field(description="what is wrong, naming the offending item")
    line: int | None = Field(default=None, description="1-based line in the source")
    column: int | None = Field(default=None, description="1-based column in the source")
    start: int | None = Field(default=None, description="character offset where it begins")
    end: int | None = Field(default=None, description="character offset where it ends")
    node: str | None = Field(default=None, description="id of the graph node concerned")
    hint: str | None = Field(default=None, description="what to do to fix it")

    @field_validator("code")
    @classmethod
    def _known_code(cls, code: str) -> str:
        if code not in CODES:
            raise ValueError(f"unknown diagnostic code {code!r}; add it to CODES and docs/errors.md")
        return code

    def format(self, path: str = "<input>") -> str:
        """Render as ``path:line:col: severity code: message`` (``?`` when unknown)."""
        line = self.line if self.line is not None else "?"
        col = self.column if self.column is not None else "?"
        return f"{path}:{line}:{col}: {self.severity} {self.code}: {self.message}"


class DiagnosticsError(AutodslError):
    """Raised by :func:`raise_for` when diagnostics include errors."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.severity == "error"]
        first = errors[0].message if errors else ""
        super().__init__(f"{len(errors)} error(s); first: {first}")


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """True when any diagnostic is an error.

    >>> has_errors([Diagnostic(code="empty-file", severity="warning", message="x")])
    False
    """
    return any(d.severity == "error" for d in diagnostics)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Order by position (unknown positions last), then code, for stable output."""
    return sorted(
        diagnostics,
        key=lambda d: (
            d.line if d.line is not None else 1 << 30,
            d.column if d.column is not None else 1 << 30,
            d.start if d.start is not None else 1 << 30,
            d.code,
            d.message,
        ),
    )


def raise_for(diagnostics: list[Diagnostic], strictness: Strictness = Strictness.RAISE) -> None:
    """Apply the driver's strictness: raise :class:`DiagnosticsError` on errors if asked.

    >>> raise_for([], Strictness.RAISE)
    """
    if strictness is Strictness.RAISE and has_errors(diagnostics):
        raise DiagnosticsError(diagnostics)
