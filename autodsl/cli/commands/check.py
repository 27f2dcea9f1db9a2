"""``autodsl check``: check a protocol program and print diagnostics like a compiler."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from autodsl.cli.app import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, app, print_json
from autodsl.errors import InputFileError

if TYPE_CHECKING:
    from autodsl.induce.spec import DslSpec

__all__ = ["check", "read_program", "load_dsl", "DSL_HELP"]

DSL_HELP = ("Domain spec to check against: a .dsl.json file or a bundled domain's name (wetlab, genetics, ...); "
            "default: the spec of the header's domain.")


def read_program(path: Path) -> str:
    """The text of a program file, without a UTF-8 byte order mark; :class:`InputFileError` (exit 2)
    if it cannot be read or is not UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputFileError(str(path), f"cannot read: {err.strerror or err}") from None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputFileError(str(path), f"not UTF-8 text (undecodable byte at offset {err.start})", line=line) from None


def load_dsl(ref: str | None) -> DslSpec | None:
    """The spec ``--dsl`` names, or None: a ``.dsl.json`` file (any existing path or ``.json``
    name), else a bundled domain's name (as ``autodsl eval dsl`` takes it).

    >>> load_dsl("wetlab").domain
    'wetlab'
    """
    if ref is None:
        return None
    from autodsl.induce.registry import get_spec
    from autodsl.induce.spec import load_spec

    path = Path(ref)
    return load_spec(path) if path.suffix == ".json" or path.exists() else get_spec(ref)


def _unreadable_json(err: InputFileError) -> dict[str, list[dict[str, object]]]:
    """The ``--json`` report of a program that cannot be read: one ``unreadable-file`` error."""
    return {"diagnostics": [{
        "code": "unreadable-file", "severity": "error", "message": f"{err.path}: {err.reason}",
        "line": err.line, "column": None, "hint": "save the program as UTF-8 text"}]}


@app.command("check")
def check(
    program: Path = typer.Argument(..., metavar="PROGRAM", help="Program file in the autodsl language."),
    dsl: str | None = typer.Option(None, "--dsl", metavar="SPEC", help=DSL_HELP),
    json_out: bool = typer.Option(False, "--json", help="Print the diagnostics as JSON."),
) -> int:
    """Check a protocol program: syntax, operations, slots, units, ranges, reagent flow, capacities.

    Each problem prints as file:line:col: severity code: message,
    with the source line, a caret and a hint (codes: docs/errors.md).

    Exit code 1 when there are errors, 0 otherwise (warnings only),
    2 when the program or the spec cannot be read (with --json, an
    unreadable program is still reported as one unreadable-file diagnostic).

    Example: autodsl translate protocols/pcr_setup.txt -o pcr.dsl && autodsl check pcr.dsl --dsl wetlab
    """
    from autodsl.validate import check_text
    from autodsl.validate.render import as_json, render

    try:
        text = read_program(program)
    except InputFileError as err:
        if not json_out:
            raise
        print_json(_unreadable_json(err))
        print(f"autodsl: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    diagnostics = check_text(text, load_dsl(dsl), resolve_spec=True)
    if json_out:
        print_json(as_json(diagnostics))
    else:
        sys.stdout.write(render(diagnostics, text, str(program)) + "\n")
    return EXIT_PROBLEMS if any(d.severity == "error" for d in diagnostics) else EXIT_OK
