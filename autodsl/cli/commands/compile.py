"""``autodsl compile``: check a protocol program and write its PDG as JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from autodsl.cli.app import EXIT_OK, EXIT_PROBLEMS, app
from autodsl.cli.commands.check import DSL_HELP

__all__ = ["compile_program"]


@app.command("compile")
def compile_program(
    program: Path = typer.Argument(..., metavar="PROGRAM", help="Program file in the autodsl language."),
    dsl: str | None = typer.Option(None, "--dsl", metavar="SPEC", help=DSL_HELP),
    output: Path | None = typer.Option(
        None, "--output", "-o", metavar="OUT", help="Write the PDG JSON here (default: standard output)."),
) -> int:
    """Compile a protocol program to its Protocol Dependence Graph (JSON, as translate --format json).

    The program is checked first; on errors they are printed on stderr,
    nothing is written and the exit code is 1.
    Warnings are printed and kept in the JSON's "diagnostics".
    The output file is written atomically.

    Example: autodsl translate protocols/pcr_setup.txt -o pcr.dsl && autodsl compile pcr.dsl --dsl wetlab -o pcr.json
    """
    from autodsl.cli.commands.check import load_dsl, read_program
    from autodsl.diagnostics import has_errors
    from autodsl.emit.build import program_to_pdg
    from autodsl.emit.parse import parse_source
    from autodsl.io import atomic_write_text
    from autodsl.validate import check_program, spec_for
    from autodsl.validate.render import render

    text = read_program(program)
    parsed = parse_source(text)
    diagnostics = list(parsed.diagnostics)
    spec = load_dsl(dsl)
    if parsed.program is not None and not diagnostics:
        spec, notes = spec_for(parsed.program.domain, spec, line=parsed.program.header_line)
        diagnostics = notes + check_program(parsed.program, spec)
    if diagnostics:
        sys.stderr.write(render(diagnostics, text, str(program)) + "\n")
    if parsed.program is None or has_errors(diagnostics):
        return EXIT_PROBLEMS
    pdg = program_to_pdg(parsed.program, spec)
    pdg.diagnostics = diagnostics
    data = json.dumps(pdg.to_json(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(data)
    else:
        atomic_write_text(output, data)
        print(f"autodsl: wrote {output}", file=sys.stderr)
    return EXIT_OK
