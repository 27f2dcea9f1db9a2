"""The Typer application and the conventions every command follows.

Commands live in ``autodsl/cli/commands/``, one module per command or group, and register
themselves on :data:`app` (or on a group such as :data:`eval_app`) when imported. Exit codes:
0 ok, 1 problems found in the input, 2 usage error or unreadable input, 3 internal error.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import typer

__all__ = ["app", "corpus_app", "eval_app", "print_json", "state", "EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(
    name="autodsl",
    help=(
        "autodsl: a compiler for laboratory protocols.\n\n"
        "Learn a domain's DSL from a corpus, translate protocols into checked programs, "
        "and check or compile programs. Run 'autodsl COMMAND --help' for examples."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
corpus_app = typer.Typer(help="Inspect corpora: statistics, formats, problems.", no_args_is_help=True)
eval_app = typer.Typer(help="Score autodsl against gold data (extraction, flow, DSL coverage).", no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")
app.add_typer(eval_app, name="eval")


class _State:
    debug: bool = False


state = _State()


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for errors."),
) -> None:
    state.debug = debug


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON on stdout (UTF-8, keys in insertion order)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
