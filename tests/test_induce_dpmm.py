"""The Dirichlet-process mixture recovers planted clusters, decides their number, and is seeded."""

import numpy as np
import pytest

from autodsl.induce.dpmm import dp_cluster, relabel
from autodsl.induce.metrics import adjusted_rand_index


def planted_gaussian(seed: int, k: int = 6, n: int = 150, d: int = 8, spread: float = 0.6):
    rng = np.random.default_rng(seed)
    centres = rng.normal(0.0, 4.0, (k, d))
    truth = rng.integers(0, k, n)
    return centres[truth] + rng.normal(0.0, spread, (n, d)), truth


def planted_bernoulli(seed: int, k: int = 5, n: int = 200, d: int = 14):
    rng = np.random.default_rng(seed)
    prototypes = rng.random((k, d)) < 0.5
    while len({tuple(p) for p in prototypes}) < k:  # distinct prototypes
        prototypes = rng.random((k, d)) < 0.5
    truth = rng.integers(0, k, n)
    flips = rng.random((n, d)) < 0.05
    return (prototypes[truth] ^ flips).astype(float), truth


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gaussian_mixture_recovers_planted_clusters(seed):
    X, truth = planted_gaussian(seed)
    labels = dp_cluster(X, seed=seed, sigma=0.6, sweeps=15)
    assert adjusted_rand_index(truth, labels) >= 0.9
    assert len(set(labels)) == len(set(truth.tolist()))


@pytest.mark.parametrize("seed", [0, 1])
def test_bernoulli_mixture_recovers_planted_patterns(seed):
    X, truth = planted_bernoulli(seed)
    labels = dp_cluster(X, seed=seed, likelihood="bernoulli")
    assert adjusted_rand_index(truth, labels) >= 0.9


def test_weighted_rows_stand_for_repeated_observations():
    X, truth = planted_bernoulli(3)
    rows, counts = np.unique(X, axis=0, return_counts=True)
    weighted = dp_cluster(rows, seed=0, likelihood="bernoulli", weights=counts)
    label_of = {tuple(r): label for r, label in zip(rows.tolist(), weighted)}
    expanded = [label_of[tuple(r)] for r in X.tolist()]
    assert adjusted_rand_index(truth, expanded) >= 0.9


def test_number_of_clusters_follows_the_data_not_a_bound():
    X, _ = planted_gaussian(4, k=3)
    assert len(set(dp_cluster(X, seed=0, sigma=0.6, sweeps=10))) == 3
    X, _ = planted_gaussian(4, k=9, n=220)
    assert len(set(dp_cluster(X, seed=0, sigma=0.6, sweeps=10))) == 9


def test_same_seed_same_labels():
    X, _ = planted_gaussian(5, spread=2.5)  # overlapping clusters: sampling matters
    assert dp_cluster(X, seed=7, sigma=1.0, sweeps=8) == dp_cluster(X, seed=7, sigma=1.0, sweeps=8)


def test_labels_are_numbered_by_first_appearance():
    X, _ = planted_gaussian(6)
    labels = dp_cluster(X, seed=0, sigma=0.6, sweeps=5)
    assert labels == relabel(labels)
    assert labels[0] == 0


def test_degenerate_inputs():
    assert dp_cluster(np.zeros((0, 3)), seed=0) == []
    assert dp_cluster(np.zeros((1, 3)), seed=0) == [0]
    with pytest.raises(ValueError):
        dp_cluster(np.zeros((3, 2)), seed=0, weights=[1.0, 0.0, 1.0])
    with pytest.raises(ValueError):
        dp_cluster(np.zeros(4), seed=0)
