"""Translation speed on corpora/protocol-exchange: steps per second, one core.

Prints, for the whole folder (or the first ``--limit`` protocols):

* end to end: text -> extractor -> linked PDG (what ``autodsl translate`` does per file);
* the PDG stages alone (structure, complete, link) on precomputed extractions;
* the time to render each as JSON and HTML.

Run: ``python benchmarks/bench_translate.py [--limit N] [--corpus DIR]``
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "corpora" / "protocol-exchange"))
    parser.add_argument("--limit", type=int, default=None, help="only the first N protocols")
    args = parser.parse_args()

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


if __name__ == "__main__":
    main()
