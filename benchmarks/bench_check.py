"""Time ``autodsl check`` on programs of 1k, 10k and 100k statements (aim: 10k in < 1 s, linear).

Programs are sampled from the fixture spec (``autodsl.emit.sample.sample_program``: valid,
with blocks, markers, ranges and comments, seeded). For each size it prints the best of
``--repeat`` runs of parsing alone and of the whole check (parse + every pass in
``autodsl.validate.RULES``), as wall-clock and CPU seconds, microseconds per statement,
and the same check with the fast path turned off (every line through the Lark grammar).
The machine's load average is printed too: on a shared machine, wall time grows with it,
CPU time much less.

    python benchmarks/bench_check.py [--sizes 1000 10000 100000] [--repeat 3] [--seed 0]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]


def _best(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best (wall, cpu) seconds of ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def main() -> int:
    from autodsl.emit.parse import parse_source
    from autodsl.emit.sample import sample_program
    from autodsl.induce.spec import load_spec
    from autodsl.validate import check_text

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-slow-path", action="store_true", help="skip the timing without the fast path")
    parser.add_argument("--spec", type=Path, default=ROOT / "tests" / "data" / "dsl" / "spec_wetlab.dsl.json")
    args = parser.parse_args()

    spec = load_spec(args.spec)
    check_text('protocol "warm up"\nx = MIX(y)\n', spec)  # build the parser once, outside the timings
    print(f"python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs, best of {args.repeat}")
    print(f"{'statements':>10} {'lines':>7} {'KiB':>7} {'parse s':>8} {'check s':>8} {'check cpu s':>11} "
          f"{'us/stmt':>8} {'grammar-only s':>14} {'diagnostics':>11}")
    for size in args.sizes:
        text = sample_program(spec, size, seed=args.seed)
        parse_wall, _ = _best(lambda: parse_source(text), args.repeat)
        check_wall, check_cpu = _best(lambda: check_text(text, spec), args.repeat)
        slow = "-"
        if not args.no_slow_path:
            slow_wall, _ = _best(lambda: parse_source(text, fast=False), 1)
            slow = f"{slow_wall:.3f}"
        found = check_text(text, spec)
        print(f"{size:>10} {text.count(chr(10)):>7} {len(text.encode()) // 1024:>7} {parse_wall:>8.3f} "
              f"{check_wall:>8.3f} {check_cpu:>11.3f} {1e6 * check_cpu / size:>8.1f} {slow:>14} {len(found):>11}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MiB; load average now {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
