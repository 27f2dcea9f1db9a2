"""``autodsl eval flow``: score reagent flow against X-WLP or WLP gold, beside the previous-operation baseline."""

from __future__ import annotations

import re
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import typer

from autodsl.cli.app import EXIT_OK, eval_app, print_json
from autodsl.errors import AutodslError, InputFileError

if TYPE_CHECKING:
    from autodsl.corpus.models import Protocol

__all__ = ["eval_flow"]


class NoGoldError(AutodslError):
    """The folder holds no protocol with the gold the chosen format needs."""


@eval_app.command("flow")
def eval_flow(
    gold_dir: Path = typer.Argument(..., metavar="GOLD_DIR", help="Folder of X-WLP (.peg + .txt) or BRAT (.txt + .ann) protocols."),
    format: str = typer.Option(..., "--format", help="xwlp (operation graphs) or brat (WLP Product/Coreference links)."),
    gold: str = typer.Option(
        "direct", "--gold",
        help="Which gold flow the headline figures use: direct (B takes the very thing A output, no "
             "re-mention between; the issue's held-out definition) or through (also through re-mentions: "
             "X-WLP implicit events, WLP coreference). Both are computed; --json has both under by_gold.",
    ),
    json_out: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    gold_actions: bool = typer.Option(
        False, "--gold-actions", help="Build flow from the gold instance actions (BRAT only) instead of the extractor's."
    ),
    actions_from: Path | None = typer.Option(
        None, "--actions-from", metavar="DIR",
        help="X-WLP only: translate each protocol's WLP BRAT copy (protocol_N.txt + .ann, searched under "
             "DIR) instead of the X-WLP text, and carry its operations onto the X-WLP text; with "
             "--gold-actions, from WLP's gold instance actions. Protocols without a copy are skipped.",
    ),
    per_protocol: bool = typer.Option(False, "--per-protocol", help="Include each protocol's figures in the JSON."),
    half: int | None = typer.Option(
        None, "--half", min=0, max=1,
        help="Score only the protocols with crc32(id) % 2 == HALF: a fixed split for developing rules on one "
             "half and checking them on the other.",
    ),
    unseen_by: Path | None = typer.Option(
        None, "--unseen-by", metavar="DIR",
        help="Score only the protocols whose number names no protocol in DIR (e.g. corpora/wlp/train: "
             "the X-WLP protocols the extractor was not trained on, the closest to held-out figures).",
    ),
) -> int:
    """Precision, recall and F1 of operation-to-operation flow (A makes something B uses).

    Each protocol is translated (text -> extractor -> completed PDG, or from gold actions
    with --gold-actions) and its predicted operations are aligned to the gold operations by
    span overlap. Direct gold (the default) has A -> B only when B takes the very thing A
    output: in X-WLP a link routed straight from A to B (a re-mention such as "invert the
    tube" goes through a co_ref_of event and is not direct); in WLP, B's argument is the
    action A or A's Product entity itself. Through gold also follows re-mentions (X-WLP
    implicit events, WLP Coreference-Link chains). The system is scored with its direct
    flow against direct gold and with its flow through references against through gold.
    Flow is followed through predicted operations the gold does not count as operations;
    "strict" figures count those edges as errors. The baseline, on the same predicted
    operations, has each operation consume the previous one's product.
    Exit code 2 when GOLD_DIR holds no protocol with gold of this format.

    Example: autodsl eval flow corpora/xwlp --format xwlp --json
    """
    from autodsl.corpus import load_corpus
    from autodsl.evaluate.flow import GOLD_LINKS, evaluate_flow

    if format not in ("xwlp", "brat"):
        raise NoGoldError(f"unknown --format {format!r}; expected xwlp or brat")
    if gold not in GOLD_LINKS:
        raise NoGoldError(f"unknown --gold {gold!r}; expected {' or '.join(GOLD_LINKS)}")
    if actions_from is not None and format != "xwlp":
        raise NoGoldError("--actions-from is for X-WLP gold (--format xwlp): BRAT gold carries its own actions")
    if gold_actions and format != "brat" and actions_from is None:
        raise NoGoldError("--gold-actions needs BRAT gold (--format brat), or with --format xwlp the WLP copies "
                          "(--actions-from DIR): X-WLP graphs carry no instance actions")
    copies = _brat_copies(actions_from) if actions_from is not None else None
    if not gold_dir.is_dir():
        raise InputFileError(str(gold_dir), "no such folder")
    loaded = load_corpus(gold_dir, format=format)
    for problem in loaded.problems:
        print(f"autodsl: warning: {problem.message}", file=sys.stderr)
    protocols = [p for p in loaded.protocols if (p.graph if format == "xwlp" else p.brat) is not None]
    if half is not None:
        protocols = [p for p in protocols if zlib.crc32(p.id.encode("utf-8")) % 2 == half]
    if unseen_by is not None:
        if not unseen_by.is_dir():
            raise InputFileError(str(unseen_by), "no such folder (--unseen-by)")
        seen = {_number(path.stem) for path in unseen_by.iterdir() if path.suffix in (".txt", ".json", ".md")}
        protocols = [p for p in protocols if _number(p.id) not in seen]
    if not protocols:
        raise NoGoldError(f"{gold_dir}: no protocol with {format} gold found"
                          + (" that is not also in the --unseen-by folder" if unseen_by is not None else ""))
    if sys.stderr.isatty() and not json_out:
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("translating", total=len(protocols))
            report = evaluate_flow(protocols, format=format, links=gold, gold_actions=gold_actions,
                                   actions_from=copies, progress=lambda _: bar.advance(task))
    else:
        report = evaluate_flow(protocols, format=format, links=gold, gold_actions=gold_actions,
                               actions_from=copies)
    figures = report.figures()
    figures["format"] = format
    figures["actions"] = "gold" if gold_actions else "extractor"
    if half is not None:
        figures["half"] = half
    if unseen_by is not None:
        figures["unseen_by"] = str(unseen_by)
    if actions_from is not None:
        figures["actions_from"] = str(actions_from)
    if per_protocol:
        figures["per_protocol"] = report.per_protocol
    if json_out:
        print_json(figures)
    else:
        _print_report(figures)
    return EXIT_OK


def _brat_copies(folder: Path) -> "Callable[[Protocol], Protocol | None]":
    """For an X-WLP protocol, its WLP BRAT copy under ``folder`` (by protocol number), or None."""
    from autodsl.corpus.load import load_protocol

    if not folder.is_dir():
        raise InputFileError(str(folder), "no such folder (--actions-from)")
    by_number = {_number(path.stem): path for path in sorted(folder.rglob("*.txt"))
                 if path.with_suffix(".ann").is_file()}
    if not by_number:
        raise NoGoldError(f"{folder}: no BRAT protocol (.txt with .ann) found (--actions-from)")

    def copy_of(protocol: "Protocol") -> "Protocol | None":
        path = by_number.get(_number(protocol.id))
        return None if path is None else load_protocol(path, format="brat")

    return copy_of


def _number(name: str) -> str:
    """A protocol's number ("proto_473", "protocol_473" -> "473"); the name itself when it has none.

    >>> _number("proto_473"), _number("protocol_473"), _number("miniprep")
    ('473', '473', 'miniprep')
    """
    match = re.search(r"(\d+)$", name)
    return match.group(1) if match else name


def _print_report(figures: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    ops = figures["operations"]
    table = Table(title=(f"flow over {figures['protocols']} protocols ({figures['format']} gold, "
                         f"{figures['actions']} actions; {ops['aligned']}/{ops['gold']} gold operations aligned, "
                         f"{ops['predicted']} predicted"
                         + (f"; only those not in {figures['unseen_by']}" if "unseen_by" in figures else "")
                         + (f"; actions from the copies in {figures['actions_from']}, {figures['skipped']} "
                            "protocols without one skipped" if "actions_from" in figures else "") + ")"))
    for col in ("", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="left" if not col else "right")
    # the headline gold first, then the other definition
    names = [figures["gold"]] + [name for name in figures["by_gold"] if name != figures["gold"]]
    for name in names:
        scores = figures["by_gold"][name]
        rows = [(f"flow ({name})", scores["flow"]), (f"baseline: previous operation ({name})", scores["baseline"]),
                (f"flow ({name}, strict)", scores["strict"]["flow"]),
                (f"baseline ({name}, strict)", scores["strict"]["baseline"])]
        for label, m in rows:
            table.add_row(label, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}",
                          str(m["tp"]), str(m["fp"]), str(m["fn"]), style="bold" if label == f"flow ({name})" and
                          name == figures["gold"] else None)
    Console().print(table)
