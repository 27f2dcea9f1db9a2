"""Translation speed on corpora/protocol-exchange: steps per second, one core.

Prints, for the whole folder (or the first ``--limit`` protocols):

* end to end: text -> extractor -> linked PDG (what ``autodsl translate`` does per file);
* the PDG stages alone (structure, complete, link) on precomputed extractions;
* the time to render each as JSON and HTML;
* large inputs (``--large``, sizes in KB, default 50 and 500): copies of
  ``protocols/pcr_setup.txt`` run together, translated end to end and printed as a program,
  each in a fresh process: seconds and peak memory (resident set), so that growth with input
  size shows (it should be about linear).

Run: ``python benchmarks/bench_translate.py [--limit N] [--corpus DIR] [--large 50 500 | --large]``
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "corpora" / "protocol-exchange"))
    parser.add_argument("--limit", type=int, default=None, help="only the first N protocols")
    parser.add_argument("--large", type=int, nargs="*", metavar="KB", default=None,
                        help="only time large inputs of these sizes in KB (default 50 500)")
    parser.add_argument("--one", metavar="FILE", help=argparse.SUPPRESS)  # a child process: time one file
    args = parser.parse_args()
    if args.one:
        _translate_one(Path(args.one))
        return
    if args.large is not None:
        _large(args.large or [50, 500])
        return

    from autodsl.corpus import load_corpus
    from autodsl.driver import translate
    from autodsl.extract.extractor import Extractor
    from autodsl.pdg.export import to_html, to_json_text

    protocols = load_corpus(args.corpus).protocols[: args.limit]
    steps = sum(len(p.steps) for p in protocols)
    extractor = Extractor.load()
    extractor.extract(protocols[0])  # load and warm the model outside the timings

    start = time.perf_counter()
    extractions = [extractor.extract(p) for p in protocols]
    extract_s = time.perf_counter() - start

    start = time.perf_counter()
    pdgs = [translate(p, extraction=x, auto_domain=False).pdg for p, x in zip(protocols, extractions)]
    pdg_s = time.perf_counter() - start

    start = time.perf_counter()
    for pdg in pdgs:
        to_json_text(pdg)
    json_s = time.perf_counter() - start
    start = time.perf_counter()
    for pdg in pdgs:
        to_html(pdg)
    html_s = time.perf_counter() - start

    operations = sum(sum(1 for _ in g.nodes("operation")) for g in pdgs)
    print(f"corpus: {args.corpus}: {len(protocols)} protocols, {steps} steps, {operations} operations")
    print(f"end to end (extract + PDG): {steps / (extract_s + pdg_s):,.0f} steps/s "
          f"({extract_s + pdg_s:.1f} s; extraction {extract_s:.1f} s)")
    print(f"PDG stages only (structure + complete + link): {steps / pdg_s:,.0f} steps/s "
          f"({operations / pdg_s:,.0f} operations/s, {pdg_s:.1f} s)")
    print(f"render JSON: {len(pdgs) / json_s:,.0f} protocols/s; render HTML: {len(pdgs) / html_s:,.0f} protocols/s")


def _large(sizes_kb: list[int]) -> None:
    """Translate copies of an example protocol run together, one fresh process per size."""
    unit = (ROOT / "protocols" / "pcr_setup.txt").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        for kb in sizes_kb:
            size = kb * 1000
            text = (unit.rstrip("\n") + "\n\n") * (size // (len(unit) + 2) + 1)
            path = Path(tmp) / f"large_{kb}kb.txt"
            path.write_text(text[:size], encoding="utf-8")
            run = subprocess.run([sys.executable, __file__, "--one", str(path)], check=True, capture_output=True,
                                 text=True)
            figures = json.loads(run.stdout)
            print(f"large input {kb} KB ({figures['operations']:,} operations): {figures['seconds']:.1f} s "
                  f"end to end (extraction {figures['extract_s']:.1f} s, printing {figures['print_s']:.1f} s), "
                  f"peak memory {figures['peak_mb']:.0f} MB")


def _translate_one(path: Path) -> None:
    """Text -> extractor -> linked PDG -> program text for one file; figures as JSON on stdout."""
    import resource

    from autodsl.corpus import load_protocol
    from autodsl.driver import translate
    from autodsl.emit.printer import print_program
    from autodsl.extract.extractor import extract_protocol

    start = time.perf_counter()
    protocol = load_protocol(path)
    extraction = extract_protocol(protocol)
    extracted = time.perf_counter()
    result = translate(protocol, extraction=extraction)
    translated = time.perf_counter()
    print_program(result.pdg)
    end = time.perf_counter()
    print(json.dumps({
        "seconds": end - start, "extract_s": extracted - start, "print_s": end - translated,
        "operations": sum(1 for _ in result.pdg.nodes("operation")),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # kilobytes on Linux
    }))


if __name__ == "__main__":
    main()
