"""``autodsl translate``: a protocol into its PDG, printed as a DSL program, JSON, GraphML, dot or HTML."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from autodsl.cli.app import EXIT_OK, EXIT_PROBLEMS, app
from autodsl.errors import AutodslError, InputFileError

if TYPE_CHECKING:
    from autodsl.corpus.models import Protocol
    from autodsl.diagnostics import Diagnostic
    from autodsl.induce.spec import DslSpec
    from autodsl.pdg.model import PDG

__all__ = ["translate"]

_FORMATS = ("dsl", "json", "graphml", "dot", "html")
_STAGES = ("structured", "completed", "linked")


class UsageError(AutodslError):
    """Options that do not go together, or a value the command does not know."""


@app.command("translate")
def translate(
    protocol_path: Path = typer.Argument(
        ..., metavar="PROTOCOL", help="A text or markdown protocol, a Protocol Exchange JSON file, a BRAT .txt or a .peg."
    ),
    dsl: Path | None = typer.Option(None, "--dsl", metavar="SPEC", help="A domain DSL spec (.dsl.json) to translate into."),
    domain: str | None = typer.Option(None, "--domain", metavar="NAME", help="A bundled domain, e.g. genetics."),
    stage: str = typer.Option("linked", "--stage", help="structured | completed | linked."),
    format: str = typer.Option("dsl", "--format", "-f", help="dsl | json | graphml | dot | html."),
    json_out: bool = typer.Option(False, "--json", help="Same as --format json."),
    output: Path | None = typer.Option(None, "-o", "--output", metavar="FILE", help="Write here (atomically) instead of stdout."),
    gold: bool = typer.Option(False, "--gold", help="Use the file's gold instance actions (BRAT .ann) instead of the extractor."),
    llm: bool = typer.Option(False, "--llm", help="Ask an LLM where the translation is unsure; all it proposes is checked (docs/llm.md)."),
    llm_rounds: int = typer.Option(3, "--llm-rounds", metavar="N", help="LLM propose/check rounds per task: 1 proposal + N-1 repairs."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the LLM response cache."),
    llm_base_url: str | None = typer.Option(None, "--llm-base-url", metavar="URL", help="LLM API root (default: $AUTODSL_LLM_BASE_URL)."),
    llm_model: str | None = typer.Option(None, "--llm-model", metavar="M", help="LLM model name (default: $AUTODSL_LLM_MODEL)."),
    llm_timeout: float | None = typer.Option(None, "--llm-timeout", metavar="S", help="Seconds to wait for one LLM answer (default 60)."),
) -> int:
    """Translate a protocol into its Protocol Dependence Graph and print it.

    Without --dsl or --domain the bundled domain whose DSL fits the protocol best is used
    (named on stderr). Diagnostics go to stderr. Exit code 0 when no errors were found, 1
    when the diagnostics include errors (the output is still written), 2 when the input
    cannot be read.

    Example: autodsl translate protocols/plasmid_miniprep.md --format html -o miniprep.html
    """
    from autodsl.corpus import load_protocol
    from autodsl.diagnostics import has_errors
    from autodsl.driver import translate as run_translation
    from autodsl.io import atomic_write_text
    from autodsl.pdg.export import render

    if json_out:
        format = "json"
    if format not in _FORMATS:
        raise UsageError(f"unknown --format {format!r}; expected one of {', '.join(_FORMATS)}")
    if stage not in _STAGES:
        raise UsageError(f"unknown --stage {stage!r}; expected one of {', '.join(_STAGES)}")
    if dsl is not None and domain is not None:
        raise UsageError("give --dsl or --domain, not both")
    from autodsl.corpus.load import check_protocol_file

    check_protocol_file(protocol_path)
    from autodsl.llm.hook import llm_settings

    llm_config = llm_settings(llm, rounds=llm_rounds, no_cache=no_cache, base_url=llm_base_url,
                              model=llm_model, timeout=llm_timeout)
    protocol = load_protocol(protocol_path)
    spec = _spec(dsl, domain)
    extraction = None
    if gold:
        if protocol.brat is None:
            raise InputFileError(str(protocol_path), "no gold annotations (a BRAT .ann next to the .txt) for --gold")
        from autodsl.extract.gold import gold_extraction

        extraction = gold_extraction(protocol)
    result = run_translation(protocol, spec=spec, stage=stage, extraction=extraction)
    if llm_config is not None:
        from autodsl.llm.hook import run_llm

        from autodsl.driver import recheck_operations

        result = recheck_operations(run_llm(result, result.spec, llm_config))
    if spec is None:
        if result.spec is not None:
            print(f"autodsl: domain {result.domain} (fit {result.domain_score:.2f}); "
                  "use --domain or --dsl to choose another", file=sys.stderr)
        else:
            print("autodsl: no bundled domain DSL found; opcodes are named from the verbs", file=sys.stderr)
    source = str(protocol_path)
    pdg, diagnostics = _in_file(result.pdg, result.diagnostics, protocol, format)
    if format == "dsl":
        from autodsl.emit.printer import print_program

        text = print_program(pdg)
    else:
        text = render(pdg, format, source=source)
    if output is not None:
        atomic_write_text(output, text)
    else:
        sys.stdout.write(text)
    for diagnostic in diagnostics:
        hint = f" (hint: {diagnostic.hint})" if diagnostic.hint else ""
        print(diagnostic.format(source) + hint, file=sys.stderr)
    if llm_config is not None:
        from autodsl.llm.hook import print_llm_summary

        print_llm_summary(result)
    return EXIT_PROBLEMS if has_errors(result.diagnostics) else EXIT_OK


def _spec(dsl: Path | None, domain: str | None) -> DslSpec | None:
    """The DSL spec the options name, or None to choose one."""
    if dsl is not None:
        from autodsl.induce.spec import load_spec

        return load_spec(dsl)
    if domain is not None:
        from autodsl.induce.registry import get_spec

        return get_spec(domain)
    return None


def _in_file(pdg: "PDG", diagnostics: list["Diagnostic"], protocol: "Protocol",
             format: str) -> tuple["PDG", list["Diagnostic"]]:
    """The PDG and diagnostics with offsets (and lines) into the input file as read.

    Only a JSON protocol's text is built rather than read (see :mod:`autodsl.corpus.source`);
    its spans are mapped for the formats that print offsets (json, graphml) and for the
    diagnostics' file:line:col. The HTML page shows the built text, so keeps its offsets.
    """
    import copy

    from autodsl.corpus.source import read_source, source_map, to_source
    from autodsl.driver import with_lines

    raw = read_source(protocol)
    if raw is None:
        return pdg, diagnostics
    mapping = source_map(protocol, raw)

    def moved(found: list["Diagnostic"]) -> list["Diagnostic"]:
        shifted = []
        for d in found:
            if d.start is not None:
                start, end = to_source(mapping, d.start, d.end if d.end is not None else d.start)
                d = d.model_copy(update={"start": start, "end": end, "line": None, "column": None})
            shifted.append(d)
        return with_lines(raw, shifted)  # lines and columns of the JSON file

    diagnostics = moved(diagnostics)
    if format not in ("json", "graphml"):
        return pdg, diagnostics
    mapped = copy.deepcopy(pdg)
    for _, data in mapped.graph.nodes(data=True):
        if data.get("span"):
            data["span"] = to_source(mapping, data["span"][0], data["span"][1])
    mapped.diagnostics = moved(mapped.diagnostics)
    return mapped, diagnostics
