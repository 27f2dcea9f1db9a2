"""Seconds for `autodsl learn` on 25/50/100% of corpora/protocol-exchange, with --jobs 1 and 2.

Each run is a fresh `autodsl learn --json` process (imports, model loading, extraction,
clustering, writing), timed by wall clock, on a subset of the corpus chosen by a hash of the
file name (the same subsets every time); the phase times are the ones learn reports. Prints
one line per run and a table at the end.

    python benchmarks/bench_learn.py                       # all fractions, jobs 1 and 2
    python benchmarks/bench_learn.py --fractions 0.25 --jobs 2
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "protocol-exchange"


def subset(files: list[Path], fraction: float) -> list[Path]:
    """The files whose name hashes below ``fraction`` (nested: 25% within 50% within 100%)."""
    def share(p: Path) -> float:
        return int.from_bytes(hashlib.sha256(p.name.encode()).digest()[:8], "big") / 2**64

    return [p for p in files if share(p) < fraction]


def run(corpus: Path, jobs: int, out: Path) -> tuple[float, dict[str, float]]:
    """Wall seconds of one learn run, and the phase times it reports (load, extract, learn, write)."""
    command = [sys.executable, "-m", "autodsl", "learn", str(corpus), "-o", str(out), "--jobs", str(jobs),
               "--force", "--json"]
    start = time.perf_counter()
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    return time.perf_counter() - start, json.loads(done.stdout)["seconds"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fractions", type=float, nargs="+", default=[0.25, 0.5, 1.0])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    files = sorted(CORPUS.glob("*.json"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for fraction in args.fractions:
            chosen = subset(files, fraction)
            folder = Path(tmp) / f"px{int(fraction * 100)}"
            folder.mkdir()
            for f in chosen:
                shutil.copy(f, folder / f.name)
            chars = sum(len(f.read_text(encoding="utf-8")) for f in chosen)
            for jobs in args.jobs:
                seconds, phases = run(folder, jobs, Path(tmp) / "out")
                rows.append((fraction, len(chosen), chars, jobs, seconds, phases))
                print(f"{fraction:.0%} ({len(chosen)} protocols) --jobs {jobs}: {seconds:.1f} s {phases}", flush=True)
    print()
    print("| share | protocols | MB of JSON | --jobs | seconds | load | extract | learn | write | protocols/s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for fraction, n, chars, jobs, seconds, p in rows:
        print(f"| {fraction:.0%} | {n} | {chars / 1e6:.1f} | {jobs} | {seconds:.1f} | {p['load']:.1f} | "
              f"{p['extract']:.1f} | {p['learn']:.1f} | {p['write']:.1f} | {n / seconds:.1f} |")


if __name__ == "__main__":
    main()
