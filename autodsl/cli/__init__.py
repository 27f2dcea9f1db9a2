"""Command-line interface: ``autodsl`` and its commands."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import traceback

import click

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
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
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
        if debug or state.debug:
            traceback.print_exc()
        print(f"autodsl: internal error: {type(exc).__name__}: {exc} (rerun with --debug for a traceback)",
              file=sys.stderr)
        return EXIT_INTERNAL
    return result if isinstance(result, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
