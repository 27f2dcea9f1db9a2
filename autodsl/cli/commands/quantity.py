"""``autodsl quantity``: read one lab quantity and print it in canonical units."""

from __future__ import annotations

from typing import Any

import typer

from autodsl.cli.app import EXIT_OK, app, print_json

__all__ = ["quantity"]


@app.command("quantity")
def quantity(
    text: str = typer.Argument(
        ..., metavar="TEXT", help="One quantity, e.g. '12,000 x g' or '5-10 min'."),
    context: str | None = typer.Option(
        None,
        "--context",
        "-c",
        metavar="HINT",
        help="What the quantity measures, to settle ambiguous units: a WLP entity type "
        "(Speed, Time, Temperature, Amount, Concentration, Size, pH) or a word such as spin.",
    ),
    json_out: bool = typer.Option(False, "--json", help="Print the quantity as JSON."),
) -> int:
    """Parse TEXT as one quantity and print it in the canonical unit of its dimension.

    Canonical units: uL, mg, s, degC, xg (force), rpm, mM, mg/mL, %, mm, pH, X (fold), ratio.

    Ranges print as LOW..HIGH. Put TEXT after -- when it starts with a minus sign.

    Text that is not one quantity, or is ambiguous ('12,000 g' without --context), exits 2.

    Example: autodsl quantity "11,000 x g" --json ; autodsl quantity --json -- "-80 °C"
    """
    from autodsl.units import format_quantity, known_context, parse_quantity

    if context is not None and not known_context(context):
        raise typer.BadParameter(
            f"unknown hint {context!r}; use Speed, Time, Temperature, Amount, Concentration, "
            "Size, pH or a word such as spin", param_hint="--context")
    q = parse_quantity(text, context=context)
    if json_out:
        value: Any = list(q.value) if isinstance(q.value, tuple) else q.value
        print_json({
            "text": q.text,
            "value": value,
            "unit": q.unit,
            "dimension": q.dimension,
            "original_unit": q.original_unit,
            "default": q.default,
            "repeat": q.repeat,
            "qualifier": q.qualifier,
            "canonical": format_quantity(q),
        })
    else:
        notes = [q.dimension] + (["conventional default"] if q.default else [])
        typer.echo(f"{q.text} -> {format_quantity(q)} ({', '.join(notes)})")
    return EXIT_OK
