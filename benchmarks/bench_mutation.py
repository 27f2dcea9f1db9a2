"""Detection rate of the checker per kind of injected error (mutation testing).

Takes programs (the hand-written ones under tests/data/dsl/valid, programs sampled from
the fixture spec, any program files given on the command line, and with ``--translate N``
the programs ``autodsl translate`` writes for the first N protocols of each corpus folder,
each checked with its domain's spec), injects each kind of error
(autodsl.validate.mutate.MUTATIONS) and prints how often ``autodsl check`` reports the right
code on the right line, beyond what it already reported on the original.

    python benchmarks/bench_mutation.py [--samples N] [--seed S] [--per-program K]
                                        [--translate N] [--only-translated] [PROGRAM.dsl ...]
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
    parser.add_argument("--translate", type=int, default=0, metavar="N",
                        help="also translate the first N protocols of corpora/wlp/train and corpora/protocol-exchange")
    parser.add_argument("--only-translated", action="store_true", help="use the translated programs only")
    args = parser.parse_args()

    spec = load_spec(args.spec)
    texts: list[str | tuple[str, object]] = []
    if not args.only_translated:
        valid = sorted((ROOT / "tests" / "data" / "dsl" / "valid").glob("*.dsl"))
        texts += [p.read_text(encoding="utf-8") for p in valid]
        texts += [p.read_text(encoding="utf-8") for p in args.programs]
        texts += [sample_program(spec, args.statements, seed=args.seed + i) for i in range(args.samples)]
    if args.translate:
        texts += _translated(args.translate)
    started = time.perf_counter()
    rates = detection_rates(texts, spec, seed=args.seed, per_program=args.per_program)  # type: ignore[arg-type]
    print(f"{len(texts)} programs, {args.per_program} mutants per kind and program, seed {args.seed}")
    print(f"{'mutation':24} {'expected code':26} {'mutants':>8} {'caught':>7} {'rate':>7}")
    for kind, rate in rates.items():
        print(f"{kind:24} {rate.code:26} {rate.applied:8d} {rate.detected:7d} {rate.rate:7.1%}")
    total = sum(r.applied for r in rates.values())
    caught = sum(r.detected for r in rates.values())
    print(f"{'all':24} {'':26} {total:8d} {caught:7d} {caught / total:7.1%}   ({time.perf_counter() - started:.1f} s)")
    return 0 if all(r.rate >= 0.95 for r in rates.values()) else 1


def _translated(limit: int) -> list[tuple[str, object]]:
    """(program text, spec) of translated protocols that have a domain spec."""
    from autodsl.corpus import load_protocol
    from autodsl.driver import translate
    from autodsl.emit.printer import print_program

    found = []
    for folder in (ROOT / "corpora" / "wlp" / "train", ROOT / "corpora" / "protocol-exchange"):
        paths = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".json"))[:limit]
        for path in paths:
            translation = translate(load_protocol(path))
            if translation.spec is not None:
                found.append((print_program(translation.pdg), translation.spec))
    print(f"{len(found)} translated programs with a domain spec")
    return found


if __name__ == "__main__":
    sys.exit(main())
