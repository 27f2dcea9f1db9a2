"""Word clusters from unlabeled protocol text: co-occurrence counts, PPMI, SVD, k-means.

Words that occur in similar contexts ("centrifuge", "spin", "microfuge"; "tube",
"eppendorf", "vial") land in the same cluster, which lets the tagger generalise to words
it never saw labelled. Only our own corpora are used; no downloaded vectors. Every random
step takes ``seed`` and runs single-threaded, so the same text and seed give the same
clusters on any machine.

>>> texts = ["Add the buffer to the tube .", "Add water to the vial .",
...          "Spin the tube .", "Spin the vial ."] * 5
>>> cl = word_clusters(texts, coarse=2, fine=3, min_count=2, dimensions=2, seed=0)
>>> sorted(cl)[:3]
['.', 'add', 'buffer']
>>> all(0 <= c < 2 and 0 <= f < 3 for c, f in cl.values())
True
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from autodsl.extract.features import MAX_WORD_CHARS
from autodsl.extract.segment import tokenize

__all__ = ["word_clusters"]

_WINDOW = 2
_CONTEXT_WORDS = 2000  # the most frequent words serve as context dimensions


def word_clusters(
    texts: Iterable[str],
    *,
    coarse: int = 64,
    fine: int = 320,
    min_count: int = 3,
    max_words: int = 40_000,
    dimensions: int = 100,
    seed: int = 0,
) -> dict[str, tuple[int, int]]:
    """Map each frequent lower-cased word to ``(coarse cluster, fine cluster)``."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize
    from threadpoolctl import threadpool_limits

    docs = [[t.text.lower()[:MAX_WORD_CHARS] for t in tokenize(text)] for text in texts]
    freq = Counter(w for doc in docs for w in doc)
    # ties broken by the word itself, so the vocabulary never depends on input order
    ranked = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))
    vocab = [w for w, n in ranked[:max_words] if n >= min_count]
    if len(vocab) < max(coarse, fine, dimensions + 1):
        raise ValueError(f"too little text for word clusters: {len(vocab)} frequent words")
    row_of = {w: i for i, w in enumerate(vocab)}
    col_of = {w: i for i, w in enumerate(vocab[:_CONTEXT_WORDS])}
    pairs: Counter[tuple[int, int]] = Counter()
    for doc in docs:
        ids = [row_of.get(w, -1) for w in doc]
        for i, r in enumerate(ids):
            if r < 0:
                continue
            for j in range(max(0, i - _WINDOW), min(len(doc), i + _WINDOW + 1)):
                c = col_of.get(doc[j], -1) if j != i else -1
                if c >= 0:
                    pairs[(r, 2 * c + (j > i))] += 1  # left and right contexts kept apart
    keys = sorted(pairs)
    rows = np.fromiter((k[0] for k in keys), dtype=np.int64, count=len(keys))
    cols = np.fromiter((k[1] for k in keys), dtype=np.int64, count=len(keys))
    vals = np.fromiter((pairs[k] for k in keys), dtype=np.float64, count=len(keys))
    shape = (len(vocab), 2 * len(col_of))
    row_sum = np.bincount(rows, weights=vals, minlength=shape[0])
    col_sum = np.bincount(cols, weights=vals, minlength=shape[1]) ** 0.75  # context smoothing
    pmi = np.log(vals * col_sum.sum() / (row_sum[rows] * col_sum[cols]))
    ppmi = coo_matrix((np.maximum(pmi, 0.0), (rows, cols)), shape=shape).tocsr()
    ppmi.eliminate_zeros()
    with threadpool_limits(limits=1):
        vectors = TruncatedSVD(n_components=dimensions, random_state=seed).fit_transform(ppmi)
        vectors = normalize(vectors)
        coarse_ids = KMeans(n_clusters=coarse, n_init=3, random_state=seed).fit_predict(vectors)
        fine_ids = KMeans(n_clusters=fine, n_init=1, random_state=seed).fit_predict(vectors)
    return {w: (int(coarse_ids[i]), int(fine_ids[i])) for i, w in enumerate(vocab)}
