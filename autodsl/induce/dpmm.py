"""Dirichlet-process mixtures by collapsed Gibbs sampling: the number of clusters is learned.

Two conjugate likelihoods, both with cluster parameters integrated out:

* ``"gaussian"``: rows are points in R^d; a cluster is an isotropic Gaussian with known
  spread ``sigma`` around a mean that has a Gaussian prior centred on the data mean with
  the data's own per-dimension variance. ``sigma`` is the resolution: points closer than
  about ``sigma`` tend to share a cluster.
* ``"bernoulli"``: rows are 0/1 vectors (e.g. which slots an action gives); a cluster has a
  Beta(``beta``, ``beta``)-distributed probability per column.

The Chinese-restaurant prior with concentration ``alpha`` decides whether a row joins an
existing cluster (in proportion to the cluster's total weight) or opens a new one. A row
may carry a ``weight``: its likelihood is that of ``weight`` identical observations moving
together (exact conjugate updates), while in the prior it arrives as one customer. So a
frequent distinct row (e.g. a slot signature seen 200 times) can hold a cluster of its
own, and rare rows join the nearest well-supported cluster.

Cannot-link constraints: a row may carry a ``group`` (e.g. what its verb does to material,
known from other evidence). Rows of different groups never share a cluster; a row without
a group may join any cluster except one holding a group named in ``exclusive`` (a group
that admits only rows known to belong to it, e.g. discarding). A ``conflict`` function of
two groups (None for a row without one) replaces that rule where groups are not simply
distinct (a group may be compatible with some others: an incubation with heating or
cooling, never heating with cooling). The sampler simply gives forbidden clusters
probability zero; opening a new cluster is always allowed.

Sampling: a sequential CRP pass in random order initialises the assignment, ``sweeps``
Gibbs sweeps follow, and ``final_sweeps`` greedy sweeps (each row to its most probable
cluster) settle it. Everything random comes from ``numpy.random.default_rng(seed)``, so the
same data and seed give the same labels. Labels are renumbered by first appearance.

>>> import numpy as np
>>> rng = np.random.default_rng(0)
>>> X = np.vstack([rng.normal(c, 0.3, (40, 2)) for c in (0.0, 5.0, 10.0)])
>>> labels = dp_cluster(X, seed=0, sigma=0.3)
>>> len(set(labels)), labels[0], labels[40], labels[80]
(3, 0, 1, 2)
"""

from __future__ import annotations

import math
from typing import Any, Callable, Literal, Sequence

__all__ = ["dp_cluster", "relabel"]

Likelihood = Literal["gaussian", "bernoulli"]


def relabel(labels: Sequence[int]) -> list[int]:
    """Renumber cluster labels 0, 1, 2 ... in order of first appearance.

    >>> relabel([7, 7, 3, 9, 3])
    [0, 0, 1, 2, 1]
    """
    order: dict[int, int] = {}
    return [order.setdefault(label, len(order)) for label in labels]


class _Mixture:
    """Sufficient statistics of the clusters in slots ``0..n-1``; an empty slot is a new cluster."""

    def __init__(
        self, data: Any, weights: Any, likelihood: Likelihood, sigma: float, beta: float,
        groups: Any = None, conflicts: Any = None,
    ) -> None:
        import numpy as np
        from scipy.special import gammaln

        self.np = np
        self.gammaln = gammaln
        self.data = data
        self.weights = weights
        self.likelihood = likelihood
        n, d = data.shape
        self.size = np.zeros(n)  # total weight per cluster slot
        self.sums = np.zeros((n, d))  # weighted sums (gaussian) or weighted ones (bernoulli)
        self.active = np.zeros(n, dtype=bool)
        self.top = 0  # slots at and above `top` are all empty
        # cannot-link: row i is of group `groups[i]` and may not share a cluster with rows of
        # the groups marked in `conflicts[i]`; `members[k, g]` counts group g's rows in cluster k
        self.groups = groups
        self.conflicts = conflicts
        self.members = np.zeros((n, conflicts.shape[1])) if conflicts is not None else None
        if likelihood == "gaussian":
            w = weights / weights.sum()
            self.prior_mean = w @ data
            self.prior_var = max(float(w @ ((data - self.prior_mean) ** 2).mean(axis=1)), 1e-12)
            self.noise_var = sigma**2
        else:
            self.beta = beta

    def add(self, i: int, k: int, sign: float = 1.0) -> None:
        self.size[k] += sign * self.weights[i]
        self.sums[k] += sign * self.weights[i] * self.data[i]
        if self.members is not None:
            self.members[k, self.groups[i]] += sign
        if sign > 0:
            self.active[k] = True
            self.top = max(self.top, k + 1)
        elif self.size[k] <= 1e-9:
            self.active[k] = False
            self.size[k] = 0.0
            self.sums[k] = 0.0
            if self.members is not None:
                self.members[k] = 0.0

    def scores(self, i: int, alpha: float) -> Any:
        """Log probability of row ``i`` joining each slot ``0..top`` (an empty slot: a new cluster)."""
        np, gammaln = self.np, self.gammaln
        hi = min(self.top + 1, len(self.size))
        w = self.weights[i]
        x = self.data[i]
        size = self.size[:hi]
        sums = self.sums[:hi]
        active = self.active[:hi]
        log_prior = np.where(active, np.log(np.where(active, size, 1.0)), -np.inf)
        log_prior[int(np.argmin(active))] = math.log(alpha)
        if self.members is not None:
            forbidden = (self.members[:hi] @ self.conflicts[i]) > 0
            log_prior = np.where(forbidden, -np.inf, log_prior)
        if self.likelihood == "gaussian":
            precision = 1.0 / self.prior_var + size / self.noise_var
            mean = (self.prior_mean / self.prior_var + sums / self.noise_var) / precision[:, None]
            var = self.noise_var / w + 1.0 / precision
            dist = ((x - mean) ** 2).sum(axis=1)
            loglik = -0.5 * x.shape[0] * np.log(var) - dist / (2 * var)
        else:
            b = self.beta
            chosen = np.where(x > 0.5, sums, size[:, None] - sums)
            denom = gammaln(2 * b + size + w) - gammaln(2 * b + size)
            loglik = (gammaln(b + chosen + w) - gammaln(b + chosen)).sum(axis=1) - x.shape[0] * denom
        return log_prior + loglik


def dp_cluster(
    X: Any,
    *,
    seed: int,
    alpha: float = 1.0,
    sigma: float = 0.5,
    beta: float = 0.5,
    likelihood: Likelihood = "gaussian",
    weights: Sequence[float] | None = None,
    sweeps: int = 30,
    final_sweeps: int = 3,
    groups: Sequence[str | None] | None = None,
    exclusive: frozenset[str] = frozenset(),
    conflict: Callable[[str | None, str | None], bool] | None = None,
) -> list[int]:
    """Cluster the rows of ``X`` with a DP mixture; labels 0..k-1 by first appearance.

    ``groups``: one group name or None per row, for cannot-link constraints (see the
    module doc); rows of groups in ``exclusive`` share a cluster only with their own group.
    ``conflict(a, b)``: whether rows of groups ``a`` and ``b`` may not share a cluster
    (symmetric; replaces the distinct-groups rule and ``exclusive``).

    >>> dp_cluster([[0.0], [0.01], [0.02]], seed=0, sigma=1.0)
    [0, 0, 0]
    >>> dp_cluster([[0.0], [0.01], [0.02]], seed=0, sigma=1.0, groups=["a", "b", None])
    [0, 1, 1]
    >>> dp_cluster([[0.0], [0.01], [0.02]], seed=0, sigma=1.0, groups=["a", "a", None], exclusive=frozenset("a"))
    [0, 0, 1]
    >>> apart = lambda a, b: {a, b} == {"hot", "cold"}
    >>> dp_cluster([[0.0], [0.01], [0.02]], seed=0, sigma=1.0, groups=["hot", None, "cold"], conflict=apart)
    [0, 1, 1]
    """
    import numpy as np

    data = np.asarray(X, dtype=float)
    if data.ndim != 2:
        raise ValueError(f"dp_cluster needs a 2-d array, got shape {data.shape}")
    n = data.shape[0]
    if n <= 1:
        return [0] * n
    w = np.ones(n) if weights is None else np.asarray(weights, dtype=float)
    if w.shape != (n,) or (w <= 0).any():
        raise ValueError("weights must be one positive number per row")
    rng = np.random.default_rng(seed)
    group_index = conflicts = None
    if groups is not None:
        if len(groups) != n:
            raise ValueError("groups must give one group (or None) per row")
        if conflict is None:
            def conflict(a: str | None, b: str | None) -> bool:
                if a is None or b is None:
                    return (a or b) in exclusive
                return a != b
        # one column per group, the last for rows without one
        columns: list[str | None] = [*sorted({g for g in groups if g is not None}), None]
        index = {g: j for j, g in enumerate(columns)}
        group_index = np.array([index[g] for g in groups])
        table = np.array([[float(conflict(a, b)) for b in columns] for a in columns])
        conflicts = table[group_index]
    mix = _Mixture(data, w, likelihood, sigma, beta, group_index, conflicts)
    assign = np.full(n, -1)

    def place(i: int, greedy: bool) -> None:
        logp = mix.scores(i, alpha)
        if greedy:
            k = int(np.argmax(logp))
        else:
            p = np.exp(logp - logp.max())
            k = int(np.searchsorted(np.cumsum(p), rng.random() * p.sum(), side="right"))
            k = min(k, len(p) - 1)
        assign[i] = k
        mix.add(i, k)

    for i in rng.permutation(n):
        place(int(i), greedy=False)
    for sweep in range(sweeps + final_sweeps):
        greedy = sweep >= sweeps
        for i in rng.permutation(n):
            i = int(i)
            mix.add(i, int(assign[i]), -1.0)
            place(i, greedy)
    return relabel(assign.tolist())
