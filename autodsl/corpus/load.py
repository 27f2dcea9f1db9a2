"""Load one protocol file, or a whole corpus folder reporting the files it had to skip.

The loader is chosen by ``format`` or by the file: a ``.txt`` with a ``.ann`` beside it is
BRAT, a ``.peg`` (or a ``.txt`` with a ``.peg`` beside it) is X-WLP, ``.json`` is Protocol
Exchange JSON, ``.md``/``.markdown`` is markdown and any other ``.txt`` plain text. In a
folder, a ``.txt`` and its ``.ann`` or ``.peg`` are one protocol, and licences, READMEs,
BRAT ``*.conf`` files, split lists (``*-fnames.txt``) and ``call-graph-format.md`` are not
protocols. A file that cannot be loaded becomes a :class:`~autodsl.diagnostics.Diagnostic`
naming it and the reason, and loading goes on.

>>> load = load_corpus("corpora/xwlp")
>>> len(load.protocols), load.problems
(222, [])
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import cast, get_args

from pydantic import BaseModel, ConfigDict, Field

from autodsl.corpus.brat import load_brat_protocol
from autodsl.corpus.jsonproto import load_json_protocol
from autodsl.corpus.models import Format, Protocol
from autodsl.corpus.peg import load_xwlp_protocol
from autodsl.corpus.problems import MalformedFileError, UnreadableFileError, problem_from_error
from autodsl.corpus.text import load_text_protocol
from autodsl.diagnostics import Diagnostic
from autodsl.errors import InputFileError

__all__ = [
    "FORMATS",
    "CorpusLoad",
    "detect_format",
    "load_protocol",
    "check_protocol_file",
    "corpus_files",
    "iter_corpus",
    "load_corpus",
]

FORMATS: tuple[str, ...] = get_args(Format)

# files that sit in corpus folders but are not protocols
_NOT_PROTOCOLS = re.compile(
    r"(?i:license|licence|copying|notice|readme)(\.\w+)?|.*\.conf|.*-fnames\.txt|call-graph-format\.md"
)
_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "text": (".txt",),
    "markdown": (".md", ".markdown", ".txt"),
    "json": (".json",),
    "brat": (".txt",),
    "xwlp": (".peg",),
}


class CorpusLoad(BaseModel):
    """The protocols of a corpus that loaded, and a problem for each file that did not."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    protocols: list[Protocol] = Field(
        default_factory=list, description="loaded protocols in path order"
    )
    problems: list[Diagnostic] = Field(default_factory=list, description="one per skipped file")


def _check_format(format: str | None) -> Format | None:
    if format is not None and format not in FORMATS:
        raise InputFileError(
            "--format", f"unknown format {format!r}; use one of {', '.join(FORMATS)}"
        )
    return cast("Format | None", format)


def detect_format(path: str | Path) -> Format | None:
    """The format a file is read in by default, or None when it is not a protocol file.

    >>> detect_format("corpora/wlp/train/protocol_0.txt"), detect_format("notes/a.md")
    ('brat', 'markdown')
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".peg":
        return "xwlp"
    if suffix == ".json":
        return "json"
    if suffix in (".md", ".markdown"):
        return "markdown"
    if suffix == ".txt":
        if p.with_suffix(".ann").exists():
            return "brat"
        if p.with_suffix(".peg").exists():
            return "xwlp"
        return "text"
    return None


def load_protocol(path: str | Path, format: str | None = None) -> Protocol:
    """Load one protocol file with the loader for ``format`` (or for the file's type).

    Raises an :class:`~autodsl.errors.InputFileError` subclass naming the file (and the line
    when known) if it cannot be read or does not follow its format.

    >>> p = load_protocol("corpora/protocol-exchange/protocol_0.json")
    >>> p.id, p.format, len(p.steps)
    ('protocol_0', 'json', 9)
    """
    p = Path(path)
    if p.suffix == ".ann":
        p = p.with_suffix(".txt")
    check_protocol_file(p)
    chosen = _check_format(format) or detect_format(p)
    if chosen == "brat":
        return load_brat_protocol(p)
    if chosen == "xwlp":
        return load_xwlp_protocol(p)
    if chosen == "json":
        return load_json_protocol(p)
    if chosen in ("text", "markdown"):
        return load_text_protocol(p, "markdown" if chosen == "markdown" else "text")
    raise MalformedFileError(str(p), f"not a protocol file type ({p.suffix or 'no extension'}); {_TYPES}")


_TYPES = ("autodsl reads .txt and .md (steps as lines), .json (Protocol Exchange), BRAT .txt with .ann, "
          "X-WLP .peg with .txt")


def check_protocol_file(path: str | Path) -> Path:
    """``path`` as a Path if it names an existing protocol file; else an InputFileError saying why.

    >>> check_protocol_file("corpora")
    Traceback (most recent call last):
    ...
    autodsl.corpus.problems.UnreadableFileError: corpora: is a folder, not a protocol file
    """
    p = Path(path)
    if str(path) == "-":
        raise UnreadableFileError("-", "reading a protocol from standard input is not supported; "
                                       "save it to a file and pass its path")
    if p.is_dir():
        raise UnreadableFileError(str(p), "is a folder, not a protocol file")
    if not p.is_file():
        raise UnreadableFileError(str(p), "no such file")
    return p


def _natural_key(path: Path) -> list[tuple[int, int | str]]:
    """Sort key putting ``protocol_2`` before ``protocol_10``, the same on every machine."""
    return [
        (0, int(part)) if part.isdigit() else (1, part)
        for part in re.split(r"(\d+)", path.as_posix())
    ]


def corpus_files(path: str | Path, format: str | None = None) -> list[tuple[Path, Format | None]]:
    """The protocol files of a folder (recursively, sorted), each once, with its format.

    A ``.ann`` without its ``.txt`` is listed with format None, to be reported. ``path`` may
    also be one protocol file.

    >>> files = corpus_files("corpora/wlp")
    >>> len(files), files[0][0].as_posix(), files[0][1]
    (462, 'corpora/wlp/dev/protocol_18.txt', 'brat')
    """
    fmt = _check_format(format)
    root = Path(path)
    if root.is_file():
        if root.suffix == ".ann":
            root = root.with_suffix(".txt")
        chosen = fmt or detect_format(root)
        if chosen is None:
            raise MalformedFileError(str(root), f"not a protocol file type; pass --format, or: {_TYPES}")
        return [(root, chosen)]
    if not root.is_dir():
        raise UnreadableFileError(str(root), "no such file or folder")
    found: list[tuple[Path, Format | None]] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if name.startswith(".") or _NOT_PROTOCOLS.fullmatch(name):
                continue
            file = Path(folder) / name
            suffix = file.suffix.lower()
            if fmt is not None:
                if suffix in _EXTENSIONS[fmt]:
                    found.append((file, fmt))
                continue
            if suffix == ".ann":
                if not file.with_suffix(".txt").exists():
                    found.append((file, None))
                continue
            if suffix == ".txt" and file.with_suffix(".peg").exists():
                continue  # loaded with its .peg
            chosen = detect_format(file)
            if chosen is not None:
                found.append((file, chosen))
    return sorted(found, key=lambda item: _natural_key(item[0]))


def iter_corpus(path: str | Path, format: str | None = None) -> Iterator[Protocol | Diagnostic]:
    """Each protocol of a folder in turn, or a diagnostic for a file that could not be loaded.

    >>> items = list(iter_corpus("corpora/materials"))
    >>> sum(isinstance(i, Protocol) for i in items)
    180
    """
    for file, chosen in corpus_files(path, format):
        if chosen is None:
            yield problem_from_error(
                MalformedFileError(str(file), "annotation file without its .txt")
            )
            continue
        try:
            yield load_protocol(file, chosen)
        except InputFileError as err:
            yield problem_from_error(err)


def load_corpus(
    path: str | Path, format: str | None = None, *, progress: bool = False
) -> CorpusLoad:
    """Load every protocol under ``path`` (a folder or one file); skip and report bad files.

    With ``progress``, a progress bar is drawn on stderr when stderr is a terminal.

    >>> load = load_corpus("corpora/protocol-exchange")
    >>> len(load.protocols), len(load.problems)
    (1304, 0)
    """
    items: Iterable[Protocol | Diagnostic] = iter_corpus(path, format)
    protocols: list[Protocol] = []
    problems: list[Diagnostic] = []
    if progress and sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import track

        total = len(corpus_files(path, format))
        items = track(
            items, total=total, description="loading", transient=True, console=Console(stderr=True)
        )
    for item in items:
        if isinstance(item, Protocol):
            protocols.append(item)
        else:
            problems.append(item)
    return CorpusLoad(protocols=protocols, problems=problems)
