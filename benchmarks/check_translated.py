"""Translate protocols, print them as programs and check the programs (issue 6 acceptance).

For each protocol: translate (offline), print with ``autodsl.emit.printer.print_program``,
check with the translation's spec, and verify that printing the parse gives the same text.
Prints the number of programs with syntax errors (must be 0), of unstable prints (must be
0), and the diagnostic codes found in the translated programs.

    python benchmarks/check_translated.py [--limit N] [PATH ...]   (default: corpora/wlp/train, protocols/)
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    from autodsl.corpus import load_protocol
    from autodsl.driver import translate
    from autodsl.emit.parse import parse
    from autodsl.emit.printer import print_program
    from autodsl.validate import check_text

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--limit", type=int, default=100, help="protocols per folder")
    args = parser.parse_args()
    folders = args.paths or [ROOT / "corpora" / "wlp" / "train", ROOT / "protocols"]
    files: list[Path] = []
    for folder in folders:
        found = sorted(p for p in folder.glob("*") if p.suffix in (".txt", ".md", ".json")
                       and not p.name.endswith(".expected.json")) if folder.is_dir() else [folder]
        files += found[: args.limit]
    codes: Counter[str] = Counter()
    syntax, unstable, failed = [], [], []
    started = time.perf_counter()
    for path in files:
        try:
            translation = translate(load_protocol(path))
        except Exception as err:  # a translator failure is reported and counted, not hidden
            failed.append(f"{path}: {type(err).__name__}: {err}")
            continue
        text = print_program(translation.pdg)
        found = check_text(text, translation.spec)
        codes.update(d.code for d in found)
        if any(d.code == "syntax-error" for d in found):
            syntax.append(str(path))
        if print_program(parse(text)) != text:
            unstable.append(str(path))
    done = len(files) - len(failed)
    print(f"{done} programs from {len(files)} protocols ({time.perf_counter() - started:.0f} s); "
          f"{len(syntax)} with syntax errors, {len(unstable)} printed unstably, {len(failed)} translations failed")
    for line in syntax + unstable + failed:
        print("  ", line)
    print("diagnostics in the translated programs:", ", ".join(f"{c} {n}" for c, n in codes.most_common()))
    return 0 if not syntax and not unstable else 1


if __name__ == "__main__":
    sys.exit(main())
