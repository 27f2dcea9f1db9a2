"""The exception hierarchy of autodsl, rooted at :class:`AutodslError`.

Errors are named in the user's terms and say what to fix. The CLI turns them into one
line on stderr and exit code 2 (unreadable or unusable input).

>>> try:
...     raise InputFileError("corpora/x.json", "truncated JSON", line=3)
... except AutodslError as err:
...     print(err)
corpora/x.json:3: truncated JSON
"""

from __future__ import annotations

__all__ = [
    "AutodslError",
    "InputFileError",
    "QuantityError",
    "ModelError",
    "SpecError",
    "OutputExistsError",
    "LLMError",
]


class AutodslError(Exception):
    """Base class of every error autodsl raises on purpose."""


class InputFileError(AutodslError):
    """A file could not be read or parsed; names the file, optionally the line, and why."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class QuantityError(AutodslError, ValueError):
    """Text is not a quantity autodsl understands, or is ambiguous."""


class ModelError(AutodslError):
    """A trained model is missing, unreadable or incompatible."""


class SpecError(AutodslError):
    """A DSL spec is missing, invalid or does not fit the request."""


class OutputExistsError(AutodslError):
    """An output file exists and overwriting was not asked for (use --force)."""


class LLMError(AutodslError):
    """The LLM server could not be reached or gave an unusable answer."""
