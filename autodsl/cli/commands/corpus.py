"""``autodsl corpus stats``: what a corpus folder holds, and which files could not be loaded."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from autodsl.cli.app import EXIT_OK, corpus_app, print_json
from autodsl.errors import InputFileError

if TYPE_CHECKING:
    from rich.table import Table

    from autodsl.corpus.stats import CorpusStats

__all__ = ["stats"]


class FormatChoice(StrEnum):
    """The protocol formats ``--format`` accepts (see autodsl.corpus.models.Format)."""

    text = "text"
    markdown = "markdown"
    json = "json"
    brat = "brat"
    xwlp = "xwlp"


@corpus_app.command("stats")
def stats(
    directory: Path = typer.Argument(
        ..., metavar="DIR", help="Corpus folder (searched recursively) or one file."
    ),
    format: FormatChoice | None = typer.Option(
        None,
        "--format",
        "-f",
        help="Read every protocol file as this format instead of by file type.",
    ),
    json_out: bool = typer.Option(False, "--json", help="Print the statistics as JSON."),
) -> int:
    """Count protocols, steps, sentences, tokens, domains and gold annotations of a corpus.

    Files that cannot be loaded are skipped, with a warning each on stderr (exit code 0).

    Exit code 2 when DIR does not exist or holds no protocols.

    Example: autodsl corpus stats corpora/wlp --json
    """
    from autodsl.corpus.load import load_corpus
    from autodsl.corpus.stats import corpus_stats

    if not directory.exists():
        raise InputFileError(str(directory), "no such file or folder")
    load = load_corpus(directory, format.value if format else None, progress=not json_out)
    for problem in load.problems:
        print(
            f"autodsl: {problem.severity}: skipped {problem.message} [{problem.code}]",
            file=sys.stderr,
        )
    if load.problems:
        print(f"autodsl: {len(load.problems)} file(s) skipped", file=sys.stderr)
    if not load.protocols:
        raise InputFileError(str(directory), "holds no protocols that could be loaded")
    result = corpus_stats(load, path=str(directory))
    if json_out:
        print_json(result.model_dump(mode="json"))
    else:
        _print_tables(result)
    return EXIT_OK


def _print_tables(result: CorpusStats) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    summary = Table(title=f"corpus {result.path}", show_header=False)
    summary.add_column("what")
    summary.add_column("count", justify="right")
    for name, value in [
        ("protocols", result.protocols),
        ("steps", result.steps),
        ("sentences", result.sentences),
        ("tokens", result.tokens),
        ("skipped files", len(result.skipped)),
    ]:
        summary.add_row(name, f"{value:,}")
    for fmt, count in result.formats.items():
        summary.add_row(f"format {fmt}", f"{count:,}")
    for domain, count in result.domains.items():
        summary.add_row(f"domain {domain}", f"{count:,}")
    if result.no_domain:
        summary.add_row("no domain", f"{result.no_domain:,}")
    console.print(summary)
    if result.brat is not None:
        b = result.brat
        console.print(
            _breakdown(
                "BRAT annotations",
                [
                    ("entities", b.entities, b.entities_by_type),
                    ("events", b.events, b.events_by_type),
                    ("role arguments", b.role_arguments, b.role_arguments_by_role),
                    ("relations", b.relations, b.relations_by_type),
                    ("attributes", b.attributes, {}),
                ],
            )
        )
    if result.peg is not None:
        g = result.peg
        console.print(
            _breakdown(
                "X-WLP graphs",
                [
                    ("nodes", g.nodes, {}),
                    (
                        f"operations ({g.operations_located:,} located in text)",
                        g.operations,
                        g.operations_by_type,
                    ),
                    ("implicit events", g.implicit_events, g.implicit_events_by_type),
                    (f"arguments ({g.entities_located:,} located in text)", g.entities, {}),
                    ("links", g.links, {}),
                ],
            )
        )


def _breakdown(title: str, rows: list[tuple[str, int, dict[str, int]]]) -> Table:
    """A table of totals, each followed by its counts per type."""
    from rich.table import Table as RichTable

    table = RichTable(title=title)
    table.add_column("annotation")
    table.add_column("type")
    table.add_column("count", justify="right")
    for name, total, by_type in rows:
        table.add_row(name, "all", f"{total:,}", style="bold")
        for type_name, count in by_type.items():
            table.add_row("", type_name, f"{count:,}")
    return table
