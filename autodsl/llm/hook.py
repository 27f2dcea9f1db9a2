"""What a command needs to offer ``--llm``: settings from its flags, the run, the summary.

``autodsl translate`` calls these three functions; any other command that wants the LLM's
help can do the same. Settings are read before any work, so a missing server address is a
usage error (exit 2) at once; during the run every LLM failure is a warning and the exit
code is the one the run has without ``--llm``.

>>> llm_settings(False, rounds=3, no_cache=False, base_url=None, model=None, timeout=None) is None
True
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from autodsl.llm.config import LLMConfig

if TYPE_CHECKING:
    from autodsl.driver import Translation
    from autodsl.induce.spec import DslSpec

__all__ = ["llm_settings", "run_llm", "print_llm_summary"]


def llm_settings(enabled: bool, *, rounds: int, no_cache: bool, base_url: str | None, model: str | None,
                 timeout: float | None) -> LLMConfig | None:
    """The LLM settings from a command's flags and the environment, or None without ``--llm``.

    Raises :class:`~autodsl.llm.config.LLMConfigError` (exit 2) when no server is configured.
    """
    if not enabled:
        return None
    return LLMConfig.from_env(rounds=rounds, cache=not no_cache, base_url=base_url, model=model,
                              timeout=timeout)


def run_llm(translation: "Translation", spec: "DslSpec | None", config: LLMConfig) -> "Translation":
    """:func:`autodsl.llm.loop.assist`, with a spinner on stderr when it is a terminal."""
    from autodsl.llm.loop import assist

    if not sys.stderr.isatty():
        return assist(translation, spec, config)
    from rich.console import Console

    with Console(stderr=True).status(f"asking the LLM ({config.model}) where the translation is unsure…"):
        return assist(translation, spec, config)


def print_llm_summary(translation: "Translation") -> None:
    """The tokens used and proposals accepted, one line on stderr (warnings are diagnostics)."""
    from autodsl.llm.loop import print_report

    print_report(translation.pdg, warnings=False)
