"""Detection rate of the checker per kind of injected error (mutation testing).

Takes valid programs (the hand-written ones under tests/data/dsl/valid, programs sampled
from the fixture spec, and any program files given on the command line), injects each kind
of error (autodsl.validate.mutate.MUTATIONS) and prints how often ``autodsl check`` reports
the right code on the right line.

    python benchmarks/bench_mutation.py [--samples N] [--seed S] [--per-program K] [PROGRAM.dsl ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    from autodsl.emit.sample import sample_program
    from autodsl.induce.spec import load_spec
    from autodsl.validate.mutate import detection_rates

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("programs", nargs="*", type=Path, help="more valid program files")
    parser.add_argument("--spec", type=Path, default=ROOT / "tests" / "data" / "dsl" / "spec_wetlab.dsl.json")
    parser.add_argument("--samples", type=int, default=20, help="programs sampled from the spec")
    parser.add_argument("--statements", type=int, default=40, help="statements per sampled program")
    parser.add_argument("--per-program", type=int, default=5, help="mutants per kind and program")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    spec = load_spec(args.spec)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data" / "dsl" / "valid").glob("*.dsl"))]
    texts += [p.read_text(encoding="utf-8") for p in args.programs]
    texts += [sample_program(spec, args.statements, seed=args.seed + i) for i in range(args.samples)]
    started = time.perf_counter()
    rates = detection_rates(texts, spec, seed=args.seed, per_program=args.per_program)
    print(f"{len(texts)} valid programs, {args.per_program} mutants per kind and program, seed {args.seed}")
    print(f"{'mutation':24} {'expected code':26} {'mutants':>8} {'caught':>7} {'rate':>7}")
    for kind, rate in rates.items():
        print(f"{kind:24} {rate.code:26} {rate.applied:8d} {rate.detected:7d} {rate.rate:7.1%}")
    total = sum(r.applied for r in rates.values())
    caught = sum(r.detected for r in rates.values())
    print(f"{'all':24} {'':26} {total:8d} {caught:7d} {caught / total:7.1%}   ({time.perf_counter() - started:.1f} s)")
    return 0 if all(r.rate >= 0.95 for r in rates.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
