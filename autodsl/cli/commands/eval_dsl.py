"""``autodsl eval dsl``: coverage of a learned DSL on a corpus of its domain."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from autodsl.cli.app import EXIT_OK, eval_app, print_json

__all__ = ["eval_dsl"]


@eval_app.command("dsl")
def eval_dsl(
    spec_ref: str = typer.Argument(..., metavar="SPEC", help="A .dsl.json file, or the name of a bundled domain."),
    corpus: Path = typer.Argument(..., metavar="CORPUS_DIR", help="Corpus folder of unseen protocols."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes extracting protocols."),
    gold: bool = typer.Option(False, "--gold", help="Use gold BRAT annotations instead of the extractor."),
    holdout: float = typer.Option(
        0.0, "--holdout", min=0.0, max=0.9,
        help="Evaluate only the share of protocols 'autodsl learn --holdout' left out.",
    ),
    json_out: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> int:
    """Coverage of a learned DSL on protocols of its domain.

    The share of instance actions of the corpus's protocols of SPEC's domain
    whose verb maps to an opcode and whose arguments all fit its slots; with
    opcodes, patterns and the other figures of docs/spec.md.

    Example: autodsl eval dsl grammars/genetics.dsl.json corpora/protocol-exchange --holdout 0.2
    """
    from autodsl.cli.commands.learn import extraction_progress
    from autodsl.evaluate.dsl import evaluate_dsl
    from autodsl.induce.registry import get_spec
    from autodsl.induce.spec import load_spec

    path = Path(spec_ref)
    spec = load_spec(path) if path.suffix == ".json" or path.exists() else get_spec(spec_ref)
    with extraction_progress("extracting") as (on_total, advance):
        figures, problems = evaluate_dsl(
            spec, corpus, jobs=jobs, gold=gold, holdout=holdout, advance=advance, on_total=on_total
        )
    for problem in problems:
        print(f"autodsl: {problem.severity}: skipped {problem.message} [{problem.code}]", file=sys.stderr)
    if json_out:
        print_json(figures)
    else:
        _print_figures(figures)
    return EXIT_OK


def _print_figures(figures: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"DSL {figures['domain']} on {figures['protocols']} protocols of {figures['corpus']}")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for key, value in figures.items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            table.add_row(key, f"{value:g}" if isinstance(value, float) else str(value))
    table.add_row("uncovered", ", ".join(f"{k} {v}" for k, v in figures["uncovered"].items()))
    table.add_row("top unknown verbs", ", ".join(f"{v} ({n})" for v, n in figures["top_unknown_verbs"]))
    table.add_row("top unfit slots", ", ".join(f"{s} ({n})" for s, n in figures["top_unfit_slots"]))
    Console().print(table)
