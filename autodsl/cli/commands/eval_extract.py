"""``autodsl eval extract``: score the extractor against a folder of BRAT gold protocols."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from autodsl.cli.app import EXIT_OK, eval_app, print_json
from autodsl.errors import InputFileError

__all__ = ["eval_extract"]


@eval_app.command("extract")
def eval_extract(
    gold_dir: Path = typer.Argument(..., metavar="GOLD_DIR", help="Folder of BRAT protocols (.txt with .ann)."),
    json_out: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    model: Path | None = typer.Option(
        None, "--model", help="Model folder written by 'autodsl train-extractor' (default: the shipped model)."
    ),
) -> int:
    """Precision, recall and F1 of the extractor on BRAT gold: Action spans, each entity
    type, entities micro-averaged, and action-argument roles; exact and overlap matching.

    Exit code 2 when GOLD_DIR holds no annotated protocols.

    Example: autodsl eval extract corpora/wlp/dev --json
    """
    from autodsl.evaluate.extract import evaluate_extractor
    from autodsl.extract.extractor import Extractor

    if gold_dir.is_file():
        raise InputFileError(str(gold_dir), "is a file; eval extract takes a folder of BRAT .txt/.ann pairs")
    if not gold_dir.is_dir():
        raise InputFileError(str(gold_dir), "no such folder")
    extractor = Extractor.load(model)
    skipped: list[str] = []

    def skip(err: InputFileError) -> None:  # a bad file is reported and left out; scoring goes on
        skipped.append(str(err))
        print(f"autodsl: warning: skipped {err}", file=sys.stderr)

    if sys.stderr.isatty() and not json_out:
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("extracting", total=None)
            score = evaluate_extractor(gold_dir, extractor, lambda done, total: bar.update(task, completed=done, total=total),
                                       on_problem=skip)
    else:
        score = evaluate_extractor(gold_dir, extractor, on_problem=skip)
    if skipped:
        print(f"autodsl: {len(skipped)} file(s) skipped", file=sys.stderr)
    if not score.protocols:
        raise InputFileError(str(gold_dir), "holds no annotated protocol that could be loaded")
    report = score.report()
    report["skipped"] = skipped
    if json_out:
        print_json(report)
    else:
        _print_report(report)
    return EXIT_OK


def _print_report(report: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"extraction scores over {report['protocols']} protocols (exact; ov = overlap)")
    for col in ("measure", "P", "R", "F1", "ov P", "ov R", "ov F1", "gold"):
        table.add_column(col, justify="left" if col == "measure" else "right", no_wrap=True)

    def row(name: str, m: dict, style: str | None = None) -> None:
        e, o = m["exact"], m["overlap"]
        table.add_row(name, *(f"{x[k]:.3f}" for x in (e,) for k in ("precision", "recall", "f1")),
                      *(f"{x[k]:.3f}" for x in (o,) for k in ("precision", "recall", "f1")),
                      str(e["tp"] + e["fn"]), style=style)

    row("Action", report["actions"], "bold")
    row("entities (micro)", report["entities_micro"], "bold")
    row("all spans (micro)", report["all_spans_micro"])
    for name, m in report["entity_types"].items():
        row(f"  {name}", m)
    row("roles (micro)", report["roles_micro"], "bold")
    for name, m in report["roles"].items():
        row(f"  {name}", m)
    Console().print(table)
