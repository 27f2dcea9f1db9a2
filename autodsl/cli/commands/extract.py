"""``autodsl extract``: the instance actions of one protocol, as a table per step or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from autodsl.cli.app import EXIT_OK, app, print_json

if TYPE_CHECKING:
    from autodsl.corpus.models import Protocol
    from autodsl.extract.models import Action, Entity, Extraction

__all__ = ["extract"]


@app.command("extract")
def extract(
    protocol_path: Path = typer.Argument(
        ..., metavar="PROTOCOL", help="A text or markdown protocol, a Protocol Exchange JSON file or a BRAT .txt."
    ),
    json_out: bool = typer.Option(False, "--json", help="Print the extraction as JSON (the documented contract)."),
    model: Path | None = typer.Option(
        None, "--model", help="Model folder written by 'autodsl train-extractor' (default: the shipped model)."
    ),
) -> int:
    """Extract actions, their typed arguments and quantities from a protocol.

    Offsets in the JSON output are character offsets into the file's text exactly as read.
    Exit code 2 when the file cannot be read or the model cannot be loaded.

    Example: autodsl extract protocols/plasmid_miniprep.md --json
    """
    from autodsl.corpus import load_protocol
    from autodsl.corpus.load import check_protocol_file
    from autodsl.corpus.source import protocol_source_map, to_source
    from autodsl.extract.extractor import Extractor

    check_protocol_file(protocol_path)
    protocol = load_protocol(protocol_path)
    extraction = Extractor.load(model).extract(protocol)
    if json_out:
        data = extraction.model_dump(mode="json")
        mapping = protocol_source_map(protocol)  # JSON input: offsets into the file, not the built text
        if mapping is not None:
            for item in data["entities"] + data["actions"]:
                item["start"], item["end"] = to_source(mapping, item["start"], item["end"])
        print_json(data)
    else:
        _print_steps(protocol, extraction)
    return EXIT_OK


def _print_steps(protocol: Protocol, extraction: Extraction) -> None:
    """One table per step: each action with its arguments by role and their quantities."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    console.print(f"[bold]{escape(protocol.title or protocol.id)}[/bold]  "
                  f"({len(extraction.actions)} actions, {len(extraction.entities)} entities)")
    spans = {e.id: e for e in extraction.entities}
    actions_by_id = {a.id: a for a in extraction.actions}
    by_step: dict[int, list[Action]] = {}
    for action in extraction.actions:
        by_step.setdefault(action.step, []).append(action)
    taken = {arg.entity for action in extraction.actions for arg in action.args}
    loose: dict[int, list[Entity]] = {}
    for ent in extraction.entities:
        step = next((s.index for s in protocol.steps if s.start <= ent.start < s.end), None)
        if ent.id not in taken and step is not None:
            loose.setdefault(step, []).append(ent)
    for step in protocol.steps:
        actions = by_step.get(step.index, [])
        table = Table(title=f"step {escape(step.label or str(step.index))}: {escape(_short(step.text))}", title_justify="left",
                      show_lines=False)
        table.add_column("action", style="bold")
        table.add_column("role")
        table.add_column("argument")
        table.add_column("type")
        table.add_column("quantity")
        if not actions:
            table.add_row("(none)", "", "", "", "")
        for action in actions:
            label = escape(action.text)
            if action.lemma != action.text.lower():
                label += f" [dim]({escape(action.lemma)})[/dim]"
            if not action.args:
                table.add_row(label, "", "", "", "")
            for k, arg in enumerate(action.args):
                ent = spans.get(arg.entity)
                other = actions_by_id.get(arg.entity)
                if ent is not None:
                    q = ent.quantity
                    qty = "" if q is None else f"{_value(q.value)} {q.unit} ({q.dimension})"
                    table.add_row(label if k == 0 else "", arg.role, escape(ent.text), ent.type, qty)
                elif other is not None:
                    table.add_row(label if k == 0 else "", arg.role, f"{escape(other.text)} (step {other.step})",
                                  "Action", "")
        # spans no action takes as an argument: in WLP an amount measures a reagent, not the action
        for ent in loose.get(step.index, []):
            q = ent.quantity
            qty = "" if q is None else f"{_value(q.value)} {q.unit} ({q.dimension})"
            table.add_row("[dim](in step)[/dim]", "", escape(ent.text), ent.type, qty)
        console.print(table)


def _value(value: float | tuple[float, float]) -> str:
    if isinstance(value, tuple):
        return f"{value[0]:g}-{value[1]:g}"
    return f"{value:g}"


def _short(text: str, width: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
