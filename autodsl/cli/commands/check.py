"""``autodsl check``: check a protocol program and print diagnostics like a compiler."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from autodsl.cli.app import EXIT_OK, EXIT_PROBLEMS, app, print_json
from autodsl.errors import InputFileError

if TYPE_CHECKING:
    from autodsl.induce.spec import DslSpec

__all__ = ["check", "read_program", "load_dsl"]


def read_program(path: Path) -> str:
    """The text of a program file; :class:`InputFileError` (exit 2) if it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputFileError(str(path), f"cannot read: {err.strerror or err}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputFileError(str(path), f"not UTF-8 text (undecodable byte at offset {err.start})", line=line) from None


def load_dsl(path: Path | None) -> DslSpec | None:
    """The spec given with ``--dsl``, or None."""
    if path is None:
        return None
    from autodsl.induce.spec import load_spec

    return load_spec(path)


@app.command("check")
def check(
    program: Path = typer.Argument(..., metavar="PROGRAM", help="Program file in the autodsl language."),
    dsl: Path | None = typer.Option(
        None, "--dsl", metavar="SPEC",
        help="Domain spec (.dsl.json) to check against; default: the spec of the header's domain."),
    json_out: bool = typer.Option(False, "--json", help="Print the diagnostics as JSON."),
) -> int:
    """Check a protocol program: syntax, operations, slots, units, ranges, reagent flow, capacities.

    Each problem prints as file:line:col: severity code: message,
    with the source line, a caret and a hint (codes: docs/errors.md).

    Exit code 1 when there are errors, 0 otherwise (warnings only),
    2 when the program or the spec cannot be read.

    Example: autodsl check tests/data/dsl/valid/miniprep.dsl --dsl tests/data/dsl/spec_wetlab.dsl.json
    """
    from autodsl.validate import check_text
    from autodsl.validate.render import as_json, render

    text = read_program(program)
    diagnostics = check_text(text, load_dsl(dsl), resolve_spec=True)
    if json_out:
        print_json(as_json(diagnostics))
    else:
        sys.stdout.write(render(diagnostics, text, str(program)) + "\n")
    return EXIT_PROBLEMS if any(d.severity == "error" for d in diagnostics) else EXIT_OK
