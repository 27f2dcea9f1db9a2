"""Why a corpus file could not be loaded, as exceptions and as diagnostics.

Each loader raises one of the :class:`~autodsl.errors.InputFileError` subclasses below; the
class says which diagnostic code the problem gets when a whole corpus is loaded and the
bad file is skipped (:func:`problem_from_error`).

>>> err = MalformedFileError("corpora/x.json", "truncated JSON: Expecting ',' delimiter", line=3)
>>> d = problem_from_error(err)
>>> d.code, d.line, d.message
('malformed-file', 3, "corpora/x.json:3: truncated JSON: Expecting ',' delimiter")
"""

from __future__ import annotations

from typing import ClassVar

from autodsl.diagnostics import Diagnostic, Severity
from autodsl.errors import InputFileError

__all__ = [
    "UnreadableFileError",
    "MalformedFileError",
    "EmptyFileError",
    "AnnotationRangeError",
    "problem_from_error",
]


class UnreadableFileError(InputFileError):
    """The file could not be read, or its bytes are not UTF-8 text."""

    code: ClassVar[str] = "unreadable-file"
    hint: ClassVar[str] = "check the path and permissions, and save the file as UTF-8"


class MalformedFileError(InputFileError):
    """The file's contents do not follow its format (bad JSON, a broken ``.ann`` line, ...)."""

    code: ClassVar[str] = "malformed-file"
    hint: ClassVar[str] = "repair or remove the file; the rest of the corpus still loads"


class EmptyFileError(InputFileError):
    """The file holds no text (or a JSON protocol holds no procedure text)."""

    code: ClassVar[str] = "empty-file"
    severity: ClassVar[Severity] = "warning"
    hint: ClassVar[str] = "add the protocol's text, or remove the file"


class AnnotationRangeError(InputFileError):
    """A BRAT annotation points past the end of its text."""

    code: ClassVar[str] = "annotation-out-of-range"
    hint: ClassVar[str] = "regenerate the .ann from the .txt it belongs to"


def problem_from_error(err: InputFileError) -> Diagnostic:
    """The diagnostic that reports ``err`` for a skipped file; its message names path and reason.

    A plain :class:`InputFileError` (raised outside the corpus loaders) counts as malformed.
    """
    code = getattr(err, "code", MalformedFileError.code)
    severity: Severity = getattr(err, "severity", "error")
    hint = getattr(err, "hint", MalformedFileError.hint)
    return Diagnostic(code=code, severity=severity, message=str(err), line=err.line, hint=hint)
