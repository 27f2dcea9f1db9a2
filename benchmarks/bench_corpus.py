"""Speed of corpus loading and of quantity finding, on the bundled corpora.

Prints, for each corpus under ``corpora/``, how many protocols and data files load per second
(``load_corpus``: reading, step splitting, gold annotations, X-WLP span recovery), then how
many quantities per second :func:`autodsl.units.find_quantities` finds over every sentence of
``corpora/wlp``. Each figure is the best of ``--repeat`` runs (default 3), single-threaded;
rates are per second of wall time, and the CPU seconds are shown too because wall time on a
shared machine includes waiting for the CPU.

Run from the repository root::

    python benchmarks/bench_corpus.py
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from autodsl.corpus import corpus_files, load_corpus
from autodsl.extract.segment import sentences
from autodsl.units import find_quantities

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ("wlp", "xwlp", "protocol-exchange", "materials")
T = TypeVar("T")


def best_of(repeat: int, run: Callable[[], T]) -> tuple[float, float, T]:
    """The shortest wall time and CPU time of ``repeat`` runs of ``run``, and its last result."""
    wall = cpu = float("inf")
    result = None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = run()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    assert result is not None
    return wall, cpu, result


def data_files(path: Path) -> int:
    """Files read to load the corpus: each protocol file plus its .ann or .txt partner."""
    count = 0
    for file, fmt in corpus_files(path):
        partner = {"brat": ".ann", "xwlp": ".txt"}.get(fmt or "")
        count += 1 + bool(partner and file.with_suffix(partner).exists())
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the best is kept")
    args = parser.parse_args()

    columns = [("protocols", 10), ("files", 8), ("wall s", 9), ("CPU s", 8)]
    columns += [("protocols/s", 13), ("files/s", 10)]
    print(f"{'corpus':<20}" + "".join(f"{name:>{width}}" for name, width in columns))
    for name in CORPORA:
        path = ROOT / "corpora" / name
        seconds, cpu, load = best_of(args.repeat, partial(load_corpus, path))
        files = data_files(path)
        n = len(load.protocols)
        skipped = f"  ({len(load.problems)} skipped)" if load.problems else ""
        rates = f"{n / seconds:>13.0f}{files / seconds:>10.0f}"
        print(f"{name:<20}{n:>10}{files:>8}{seconds:>9.2f}{cpu:>8.2f}{rates}{skipped}")

    wlp = load_corpus(ROOT / "corpora" / "wlp")
    texts = [
        s.text
        for p in wlp.protocols
        for step in p.steps
        for s in sentences(p.text, step.start, step.end)
    ]
    seconds, cpu, found = best_of(args.repeat, lambda: sum(len(find_quantities(t)) for t in texts))
    print(
        f"\nfind_quantities over corpora/wlp: {len(texts):,} sentences, {found:,} quantities "
        f"in {seconds:.2f} s wall ({cpu:.2f} s CPU) = {found / seconds:,.0f} quantities/s, "
        f"{len(texts) / seconds:,.0f} sentences/s"
    )


if __name__ == "__main__":
    main()
