"""``autodsl learn``: learn each domain's DSL from a corpus; write spec, grammar and report."""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path
from typing import Callable, Iterator

import typer

from autodsl.cli.app import EXIT_OK, app, print_json
from autodsl.errors import AutodslError

__all__ = ["learn", "extraction_progress"]


@contextlib.contextmanager
def extraction_progress(what: str) -> Iterator[tuple[Callable[[int], None] | None, Callable[[int], None] | None]]:
    """``(on_total, advance)`` callbacks drawing a progress bar on stderr, when it is a terminal."""
    if not sys.stderr.isatty():
        yield None, None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    ) as bar:
        task = bar.add_task(what, total=None)
        yield (lambda n: bar.update(task, total=n)), (lambda n: bar.advance(task, n))


@app.command("learn")
def learn(
    corpus: Path = typer.Argument(..., metavar="CORPUS_DIR", help="Corpus folder (searched recursively)."),
    domain: str | None = typer.Option(
        None, "--domain", "-d",
        help="Learn only this domain; protocols without domains of their own are given it.",
    ),
    output: Path = typer.Option(Path("grammars"), "--output", "-o", help="Folder for the written files."),
    seed: int = typer.Option(
        0, "--seed", min=0, max=2**32 - 1,
        help="Seed of every randomized step, 0 to 2**32-1 (same seed, same bytes).",
    ),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes extracting protocols."),
    force: bool = typer.Option(False, "--force", help="Overwrite existing output files."),
    gold: bool = typer.Option(False, "--gold", help="Use gold BRAT annotations instead of the extractor."),
    holdout: float = typer.Option(
        0.0, "--holdout", min=0.0, max=0.9,
        help="Leave out this share of protocols (by id hash) for 'autodsl eval dsl --holdout'.",
    ),
    verb_types: Path | None = typer.Option(
        None, "--verb-types",
        help="Verb -> X-WLP operation type counts to use as effect evidence (default: the shipped "
        "autodsl/induce/verb_types.json; write one with 'python -m autodsl.induce.effects').",
    ),
    json_out: bool = typer.Option(False, "--json", help="Print a summary per domain as JSON."),
) -> int:
    """Learn each domain's DSL from a corpus; write spec, grammar and report.

    Operations, typed slots, units, value ranges, patterns, product flow and
    syntactic features, by Dirichlet-process clustering. Writes
    <domain>.dsl.json, <domain>.lark and <domain>.md into the output folder.

    Domains come from the protocols (Protocol Exchange: genetics, medical,
    ecology, bioengineering); a folder without them is one domain (wlp: wetlab,
    materials: materials, else the folder's name). See docs/spec.md.

    Example: autodsl learn corpora/protocol-exchange -o grammars/ --jobs 2
    """
    from autodsl.induce.learn import check_domain_name, check_outputs, learn_corpus, output_paths, write_outputs
    from autodsl.io import check_writable_dir

    # everything that can be refused is refused before the minutes of extraction
    if domain is not None:
        check_domain_name(domain)
    if not corpus.exists():
        raise AutodslError(f"{corpus}: no such corpus folder")
    check_writable_dir(output)
    effects = None
    if verb_types is not None:
        from autodsl.induce.effects import load_verb_effects

        effects = load_verb_effects(verb_types)
    with extraction_progress("extracting") as (on_total, advance):
        result = learn_corpus(
            corpus, domain=domain, seed=seed, jobs=jobs, gold=gold, holdout=holdout, effects=effects,
            advance=advance, on_total=on_total,
            on_domains=None if force else (lambda names: check_outputs(names, output)),
        )
    for problem in result.problems:
        print(f"autodsl: {problem.severity}: skipped {problem.message} [{problem.code}]", file=sys.stderr)
    clock = time.perf_counter()
    written = write_outputs(result.specs, output, force=force)
    seconds = {**result.seconds, "write": time.perf_counter() - clock}
    summary = []
    for name, spec in result.specs.items():
        paths = output_paths(output, name)
        summary.append({
            "domain": name,
            "protocols": spec.corpus.protocols,
            "actions": spec.corpus.actions,
            "opcodes": len(spec.operations),
            "patterns": sum(len(op.patterns) for op in spec.operations),
            "ignored_verbs": len(spec.ignored_verbs),
            "files": [paths[k].as_posix() for k in ("spec", "grammar", "report")],
        })
    if json_out:
        print_json({
            "domains": summary,
            "written": len(written),
            "skipped_files": len(result.problems),
            "seconds": {k: round(v, 2) for k, v in seconds.items()},
        })
    else:
        for row in summary:
            print(
                f"{row['domain']}: {row['opcodes']} operations, {row['patterns']} patterns from "
                f"{row['protocols']} protocols ({row['actions']} actions) -> {', '.join(row['files'])}"
            )
    return EXIT_OK
