"""Atomic file output: a reader never sees a half-written file.

Everything autodsl writes (specs, grammars, models, programs, graphs) goes through
:func:`atomic_write_text` or :func:`atomic_write_bytes`: the data is written to a
temporary file in the same folder, flushed, and renamed over the target.

>>> import tempfile, os
>>> d = tempfile.mkdtemp()
>>> atomic_write_text(os.path.join(d, "a.txt"), "hello\\n")
>>> open(os.path.join(d, "a.txt")).read()
'hello\\n'

Files that belong together (a domain's spec, grammar and report) go through
:func:`atomic_write_texts`: all are written to temporary files first and renamed into place
only when every one was written, so a failure leaves the old set (or none), never a mix.
:func:`check_writable_dir` tells, before long work starts, whether a folder can take output.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Mapping

from autodsl.errors import AutodslError, OutputExistsError

__all__ = ["atomic_write_text", "atomic_write_bytes", "atomic_write_texts", "check_writable_dir"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_bytes(path: str | Path, data: bytes, *, force: bool = True) -> None:
    """Write ``data`` to ``path`` atomically; refuse to replace an existing file unless ``force``."""
    target = Path(path)
    if not force and target.exists():
        raise OutputExistsError(f"{target} exists; pass --force to overwrite it")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as err:
        raise AutodslError(f"cannot write {target}: {err.strerror or err}") from None
    try:
        # mkstemp makes the file private (0600); give it the permissions a plain open() would
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise AutodslError(f"cannot write {target}: {err.strerror or err}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: str | Path, text: str, *, force: bool = True) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"), force=force)


def _cannot(what: Path, err: OSError) -> AutodslError:
    return AutodslError(f"cannot write {what}: {err.strerror or err}")


def check_writable_dir(path: str | Path) -> Path:
    """Create folder ``path`` if needed and prove it takes files (a probe file, removed again).

    Raises :class:`AutodslError` naming the folder and why (it is a file, permission denied,
    read-only file system), so a command can fail before its work rather than after it.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> check_writable_dir(d / "out" / "grammars") == d / "out" / "grammars"
    True
    >>> (d / "f").write_text("x") and None
    >>> try:
    ...     check_writable_dir(d / "f")
    ... except AutodslError as err:
    ...     print(str(err).endswith("is a file, not a folder"))
    True
    """
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise AutodslError(f"cannot write {folder}: it is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".autodsl-probe.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise _cannot(folder, err) from None
    os.close(fd)
    Path(probe).unlink()
    return folder


def atomic_write_texts(files: Mapping[str | Path, str], *, force: bool = True) -> None:
    """Write several UTF-8 files as one set: every file, or none of them, is replaced.

    Each text goes to a temporary file beside its target; only when all are written are they
    renamed over their targets. On failure the temporary files are removed and no target
    has changed. Refuses, writing nothing, when a target exists and not ``force``.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> atomic_write_texts({d / "a.lark": "start: A\\n", d / "a.md": "# a\\n"})
    >>> sorted(p.name for p in d.iterdir())
    ['a.lark', 'a.md']
    """
    targets = {Path(p): text for p, text in files.items()}
    if not force:
        existing = [str(p) for p in targets if p.exists()]
        if existing:
            raise OutputExistsError(f"{', '.join(existing)} exist; pass --force to overwrite")
    staged: list[tuple[str, Path]] = []
    try:
        for target, text in targets.items():
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            except OSError as err:
                raise _cannot(target, err) from None
            staged.append((tmp, target))
            try:
                os.chmod(tmp, 0o666 & ~_umask())
                with os.fdopen(fd, "wb") as handle:
                    handle.write(text.encode("utf-8"))
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError as err:
                raise _cannot(target, err) from None
        for tmp, target in staged:
            try:
                os.replace(tmp, target)
            except OSError as err:
                raise _cannot(target, err) from None
    finally:
        # renamed temporaries are gone already; anything left is from a failed write
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
