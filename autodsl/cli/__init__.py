"""Command-line interface: ``autodsl`` and its commands."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import traceback

import typer
from typer.exceptions import TyperException

from autodsl.cli.app import EXIT_INTERNAL, EXIT_USAGE, app, state
from autodsl.errors import AutodslError

__all__ = ["main", "run", "app"]


def _load_commands() -> None:
    from autodsl.cli import commands

    for module in sorted(m.name for m in pkgutil.iter_modules(commands.__path__)):
        importlib.import_module(f"autodsl.cli.commands.{module}")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 problems in input, 2 usage/unreadable, 3 bug)."""
    _load_commands()
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        result = app(args=args, prog_name="autodsl", standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except TyperException as exc:  # usage errors and other parser-level failures
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            print(f"autodsl: error: {exc.format_message()}", file=sys.stderr)
        return exc.exit_code
    except typer.Abort:
        print("autodsl: aborted", file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print("autodsl: interrupted", file=sys.stderr)
        return 130
    except AutodslError as exc:
        if debug or state.debug:
            traceback.print_exc()
        print(f"autodsl: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: say so in one line, trace only with --debug
        traced = debug or state.debug
        if traced:
            traceback.print_exc()
        advice = "" if traced else " (rerun with --debug for a traceback)"
        print(f"autodsl: internal error: {type(exc).__name__}: {exc}{advice}", file=sys.stderr)
        return EXIT_INTERNAL
    return result if isinstance(result, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
