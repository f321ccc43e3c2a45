"""commonground/kmeans.py gives exactly what scikit-learn's KMeans gives: the same labels, the
same centres and the same inertia, to the last bit, on one thread (as ``analysis.analyse``
runs). Random weighted sets, sets where many points share a spot (ties, emptied clusters),
base-cluster-sized sets, and every round of the shared Pol.is conversations."""

from __future__ import annotations

import csv
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits

from powerwith.commonground import kmeans as km
from powerwith.commonground.analysis import (
    BASE_CLUSTERS,
    GROUP_K,
    MIN_VOTES,
    Votes,
    base_clusters,
    project,
    vote_matrix,
)

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "polis"
if not SHARED.is_dir():
    SHARED = Path("/work/shared/data/polis")


@pytest.fixture(autouse=True)
def one_thread() -> Iterator[None]:
    # With two threads scikit-learn adds its sums in two halves: other last bits. The
    # analysis always runs on one thread (analysis.analyse).
    with threadpool_limits(limits=1), warnings.catch_warnings():
        # scikit-learn warns when points sharing a spot leave fewer distinct clusters than k.
        warnings.simplefilter("ignore")
        yield


def reference(points: Any, k: int, weights: Any = None, n_init: int = 1) -> KMeans:
    return KMeans(n_clusters=k, n_init=n_init, random_state=0).fit(points, sample_weight=weights)


def assert_same(fit: km.Fit, ref: KMeans) -> None:
    assert fit.labels.tolist() == ref.labels_.tolist()
    assert np.array_equal(fit.centres, ref.cluster_centers_)
    assert fit.inertia == ref.inertia_


def points(seed: int) -> tuple[Any, Any]:
    """A small set of one of four kinds, weighted half the time: spread, rounded (many
    shared spots), on a 2 x 2 grid (shared spots everywhere: ties, clusters emptied), long
    tailed (far outliers)."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(4, 60))
    kind = seed % 4
    if kind == 0:
        x = rng.normal(size=(n, 2)) * rng.uniform(0.1, 5)
    elif kind == 1:
        x = np.round(rng.normal(size=(n, 2)) * rng.exponential(1, size=(n, 1)), 1)
    elif kind == 2:
        x = rng.integers(0, 2, size=(n, 2)).astype(float)
    else:
        x = rng.standard_cauchy(size=(n, 2))
    w = rng.integers(1, 6, n).astype(float) if seed % 2 else None
    return x, w


def test_the_group_fits_are_scikit_learns_on_random_sets(monkeypatch: Any) -> None:
    """Four starts for each k from 2 to 5 at once, as the group clusters run, against one
    KMeans per k. The 2 x 2 grids make scikit-learn move an emptied centre to the farthest
    point, and leave one where it is when every point sits on its centre: both happen here."""
    moved: list[bool] = []
    relocate = km._relocate_empty

    def spy(x: Any, w: Any, old: Any, sums: Any, in_cluster: Any, labels: Any) -> None:
        if (in_cluster == 0).any():
            moved.append(bool(((x - old[labels]) ** 2).sum(axis=1).max() > 0))
        relocate(x, w, old, sums, in_cluster, labels)

    monkeypatch.setattr(km, "_relocate_empty", spy)
    for seed in range(160):
        x, w = points(seed)
        ks = [k for k in GROUP_K if k < len(x)]
        fits = km.kmeans(x, ks, weights=w, n_init=4)
        for k in ks:
            assert_same(fits[k], reference(x, k, w, n_init=4))
    assert True in moved and False in moved


def test_one_start_for_more_ks_as_scikit_learn() -> None:
    for seed in range(160, 220):
        x, w = points(seed)
        k = min(len(x), 2 + seed % 9)
        assert_same(km.kmeans(x, [k], weights=w)[k], reference(x, k, w))


@pytest.mark.parametrize("seed", range(6))
def test_the_base_fit_is_scikit_learns_on_large_sets(seed: int) -> None:
    """100 centres over hundreds to thousands of points, some sharing spots: the base
    clusters' size (Lloyd's steps then run over many rows)."""
    rng = np.random.default_rng(1000 + seed)
    n = int(rng.integers(300, 3000))
    x = rng.normal(size=(n, 2)) * rng.exponential(1, size=(n, 1))
    if seed % 2:
        x = np.round(x, 1)
    assert_same(km.kmeans(x, [BASE_CLUSTERS])[BASE_CLUSTERS], reference(x, BASE_CLUSTERS))


def conversation_points(folder: Path) -> Any:
    """The clustered participants' positions of a shared conversation, as the analysis
    computes them (latest vote per participant and statement, moderated-out left out)."""
    with (folder / "comments.csv").open(newline="", encoding="utf-8-sig") as fh:
        out = {int(r["comment-id"]) for r in csv.DictReader(fh) if r["moderated"].strip() == "-1"}
    with (folder / "votes.csv").open(newline="", encoding="utf-8-sig") as fh:
        raw = np.array(
            [
                (int(r["timestamp"]), int(r["comment-id"]), int(r["voter-id"]), int(r["vote"]))
                for r in csv.DictReader(fh)
            ],
            dtype=np.int64,
        )
    order = np.lexsort((np.arange(len(raw)), raw[:, 0]))
    latest: dict[tuple[int, int], int] = {}
    for _t, comment, voter, vote in raw[order].tolist():
        if int(comment) not in out:
            latest[(int(voter), int(comment))] = int(vote)
    people = sorted({p for p, _c in latest})
    statements = sorted({c for _p, c in latest})
    row = {p: i for i, p in enumerate(people)}
    col = {c: j for j, c in enumerate(statements)}
    votes = Votes(
        participants=[str(p) for p in people],
        statements=[str(c) for c in statements],
        rows=np.array([row[p] for p, _c in latest]),
        cols=np.array([col[c] for _p, c in latest]),
        values=np.array(list(latest.values())),
    )
    m = vote_matrix(votes)
    clustered = (~np.isnan(m)).sum(axis=1) >= min(MIN_VOTES, m.shape[1])
    return project(m, clustered)[clustered]


@pytest.mark.parametrize(
    "name", sorted(p.name for p in SHARED.iterdir() if (p / "votes.csv").exists())
)
def test_every_shared_conversation_clusters_as_scikit_learn(name: str) -> None:
    """The base clusters (when there are more than 100 distinct positions) and the group
    clusters of each shared Pol.is conversation."""
    positions = conversation_points(SHARED / name)
    distinct = len(np.unique(positions.round(12), axis=0))
    if distinct > BASE_CLUSTERS:
        base = km.kmeans(positions, [BASE_CLUSTERS])[BASE_CLUSTERS]
        assert_same(base, reference(positions, BASE_CLUSTERS))
    centres, labels = base_clusters(positions)
    weights = np.bincount(labels, minlength=len(centres)).astype(float)
    ks = [k for k in GROUP_K if k < len(centres)]
    fits = km.kmeans(centres, ks, weights=weights, n_init=4)
    for k in ks:
        assert_same(fits[k], reference(centres, k, weights, n_init=4))


def test_fewer_points_than_clusters_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 5 points, got 3"):
        km.kmeans(np.zeros((3, 2)), [2, 5])


def test_the_shared_random_numbers_cannot_be_changed() -> None:
    numbers = km._uniforms(0, 13)
    assert numbers.tolist() == np.random.RandomState(0).random_sample(13).tolist()
    with pytest.raises(ValueError):
        numbers[0] = 0.5
