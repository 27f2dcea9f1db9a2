"""Translate protocols, print them as programs and check the programs (issues 4 and 6).

For each protocol: translate (offline), print with ``autodsl.emit.printer.print_program``,
check the program with the translation's spec (as ``autodsl check`` would), and verify that
printing the parse gives the same text. Prints, per folder and in all:

* the share of programs ``autodsl check`` accepts (zero ``error`` diagnostics): a correct
  protocol should translate into a program the checker accepts;
* errors per 100 statements, by code (warnings are listed by count);
* programs with syntax errors and unstable prints (both must be 0).

The sample is a seeded random choice of ``--limit`` protocols per folder (same seed, same
sample). ``--show CODE`` prints each error of that code with its program line, to read them.

    python benchmarks/check_translated.py [--limit N] [--seed S] [--show CODE] [PATH ...]
    (default folders: corpora/wlp/dev, corpora/protocol-exchange, protocols/)
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDERS = ("corpora/wlp/dev", "corpora/protocol-exchange", "protocols")


@dataclass
class Tally:
    """What the programs of one folder (or all) gave."""

    programs: int = 0
    accepted: int = 0
    statements: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    warnings: Counter[str] = field(default_factory=Counter)

    def add(self, other: "Tally") -> None:
        self.programs += other.programs
        self.accepted += other.accepted
        self.statements += other.statements
        self.errors.update(other.errors)
        self.warnings.update(other.warnings)

    def report(self, name: str) -> str:
        share = self.accepted / self.programs if self.programs else 0.0
        per100 = 100 * sum(self.errors.values()) / max(1, self.statements)
        by_code = ", ".join(f"{c} {100 * n / max(1, self.statements):.2f}" for c, n in self.errors.most_common())
        warned = ", ".join(f"{c} {n}" for c, n in self.warnings.most_common())
        return (f"{name}: {self.accepted}/{self.programs} programs accepted ({share:.1%}); "
                f"{self.statements} statements, {per100:.2f} errors per 100 statements"
                f"\n    errors per 100 statements by code: {by_code or 'none'}"
                f"\n    warnings: {warned or 'none'}")


def sample(folder: Path, limit: int, seed: int) -> list[Path]:
    """A seeded sample of ``limit`` protocol files of ``folder`` (a file stands for itself)."""
    if not folder.is_dir():
        return [folder]
    files = sorted(p for p in folder.glob("*") if p.suffix in (".txt", ".md", ".json")
                   and not p.name.endswith(".expected.json"))
    if len(files) <= limit:
        return files
    return sorted(random.Random(seed).sample(files, limit))


def main() -> int:
    from autodsl.corpus import load_protocol
    from autodsl.driver import translate
    from autodsl.emit.parse import parse
    from autodsl.emit.printer import print_program
    from autodsl.validate import check_text

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--limit", type=int, default=100, help="protocols sampled per folder")
    parser.add_argument("--seed", type=int, default=0, help="seed of the sample")
    parser.add_argument("--show", action="append", default=[], help="print each error of this code")
    args = parser.parse_args()
    folders = args.paths or [ROOT / f for f in DEFAULT_FOLDERS]
    total = Tally()
    syntax, unstable, failed = [], [], []
    started = time.perf_counter()
    for folder in folders:
        tally = Tally()
        for path in sample(folder, args.limit, args.seed):
            try:
                translation = translate(load_protocol(path))
            except Exception as err:  # a translator failure is reported and counted, not hidden
                failed.append(f"{path}: {type(err).__name__}: {err}")
                continue
            text = print_program(translation.pdg)
            found = check_text(text, translation.spec)
            errors = [d for d in found if d.severity == "error"]
            tally.programs += 1
            tally.accepted += not errors
            tally.statements += sum(1 for _ in translation.pdg.nodes("operation"))
            tally.errors.update(d.code for d in errors)
            tally.warnings.update(d.code for d in found if d.severity == "warning")
            lines = text.splitlines()
            for d in errors:
                if d.code in args.show and d.line:
                    print(f"{path.name}:{d.line}: {d.message}\n    {lines[d.line - 1].strip()}")
            if any(d.code == "syntax-error" for d in found):
                syntax.append(str(path))
            if print_program(parse(text)) != text:
                unstable.append(str(path))
        print(tally.report(str(folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder)))
        total.add(tally)
    print(total.report("all"))
    print(f"{time.perf_counter() - started:.0f} s; {len(syntax)} with syntax errors, {len(unstable)} printed "
          f"unstably, {len(failed)} translations failed")
    for line in syntax + unstable + failed:
        print("  ", line)
    return 0 if not syntax and not unstable else 1


if __name__ == "__main__":
    sys.exit(main())
