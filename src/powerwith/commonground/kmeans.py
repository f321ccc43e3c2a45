"""Weighted k-means for the few hundred points of a statement round's clusters: scikit-learn's
``KMeans`` (k-means++ starts, then Lloyd's iterations), step for step, without its per-call
checks.

Why not call scikit-learn: on the 20 to 2,000 points of a round (two numbers each), its checks
of arguments, inputs, thread pools and array libraries cost several times the arithmetic: the
four group fits of four starts took 6 to 7 ms, about a third of a whole analysis, of which the
arithmetic is well under 1 ms. Measured with cProfile on the shared Pol.is conversations
(docs/commonground.md, "Speed").

What is the same: every step is scikit-learn 1.9's own, in the same order with the same
numpy calls, so the results are the same numbers, not merely a similar clustering:
- the data are centred on their mean first, and the tolerance is 1e-4 x the mean of the
  features' variances (``sklearn.cluster._kmeans._tolerance``);
- k-means++ (``_kmeans_plusplus``): the first centre drawn with probability proportional to the
  weights, each next one the best of 2 + log(k) candidates drawn in proportion to
  weight x squared distance, from one ``numpy.random.RandomState`` shared by all the starts;
- Lloyd's iterations (``_k_means_lloyd.lloyd_iter_chunked_dense`` on one thread): each point to
  its nearest centre (first on a tie), each centre to its points' weighted mean, an emptied
  centre moved to the point farthest from its own centre; stop when no point moves (or the
  centres move less than the tolerance), at most 300 times;
- of the starts, the lowest inertia wins, unless it is only a relabelling of the best so far.

tests/commonground/test_kmeans.py checks the labels, centres and inertia against
scikit-learn's ``KMeans`` on random weighted sets, sets with repeated points and every round
of the shared Pol.is conversations. scikit-learn stays the reference: the test fails if a new
version of it chooses differently.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

MAX_ITER = 300
TOL = 1e-4


@dataclass
class Fit:
    """One k-means result: each point's cluster, the centres and the inertia (weighted sum of
    squared distances to the centres)."""

    labels: NDArray[np.int32]
    centres: NDArray[np.float64]
    inertia: float


def _sq_distances(
    a: NDArray[np.float64], x: NDArray[np.float64], x_norms: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Squared distances from each row of ``a`` to each point, as
    ``sklearn.metrics.pairwise._euclidean_distances`` computes them (the same expression)."""
    aa = np.einsum("ij,ij->i", a, a)[:, None]
    d: NDArray[np.float64] = -2 * (a @ x.T)
    d += aa
    d += x_norms.reshape(1, -1)
    np.maximum(d, 0, out=d)
    return d


def _trials(k: int) -> int:
    """Candidates drawn for each centre after the first (scikit-learn: 2 + log k)."""
    return 2 + int(math.log(k))


@functools.lru_cache(maxsize=8)
def _uniforms(random_state: int, count: int) -> NDArray[np.float64]:
    """The first ``count`` uniform numbers of ``RandomState(random_state)``: the numbers a
    KMeans with that random state draws, in order (``choice`` with weights takes one, each
    ``uniform(size=t)`` takes t). Made once: seeding the generator costs more than a small
    round's whole k-means. Read-only, as it is shared."""
    out = np.random.RandomState(random_state).random_sample(count)
    out.flags.writeable = False
    return out


def plusplus(
    x: NDArray[np.float64],
    x_norms: NDArray[np.float64],
    weights: NDArray[np.float64],
    ks: list[int],
    draws: list[NDArray[np.float64]],
) -> NDArray[np.float64]:
    """k-means++ starts (``sklearn.cluster._kmeans._kmeans_plusplus``), several at once: start
    r has ``ks[r]`` centres and uses the uniform numbers ``draws[r]`` (one for the first
    centre, then ``_trials(k)`` for each next one, as the random state hands them out).
    Returns the starts' centres, (starts, max k, features), rows past a start's k unused.

    The first centre is drawn with probability proportional to the weights
    (``RandomState.choice``: the first cumulative share above the number); each next one is the
    best of the candidates drawn in proportion to weight x squared distance to the nearest
    centre so far (the one that leaves the least weighted sum of squared distances). The
    squared distances are scikit-learn's expression, -2 a.x + |a|^2 + |x|^2, with |a|^2 the
    candidate point's own norm."""
    n, f = x.shape
    runs, kmax = len(ks), max(ks)
    tmax = max(_trials(k) for k in ks)
    every = np.arange(runs)
    centres = np.zeros((runs, kmax, f), dtype=x.dtype)
    cdf = (weights / weights.sum()).cumsum()
    cdf /= cdf[-1]
    first = cdf.searchsorted(np.array([d[0] for d in draws]), side="right")
    centres[:, 0] = x[first]
    # Every product below is one BLAS call per start, shaped as scikit-learn's: the last bits
    # of a BLAS result can depend on how many rows it is given (one row goes another way),
    # and they decide between candidates that are equal in exact arithmetic, which are common
    # (people who voted alike stand on the same spot).
    closest = np.concatenate([_sq_distances(x[f0 : f0 + 1], x, x_norms) for f0 in first])
    pot = np.array([closest[r : r + 1] @ weights for r in range(runs)]).reshape(runs)
    column = weights.reshape(-1, 1)
    trials = [_trials(k) for k in ks]
    # The numbers each start draws for each next centre, padded with zeros where it draws
    # fewer (k = 2 draws 2 candidates, not 3) or has no more centres to choose; padded
    # candidates are never chosen (their totals below stay infinite).
    table = np.zeros((runs, kmax, tmax))
    for r, (k, t, d) in enumerate(zip(ks, trials, draws, strict=True)):
        table[r, 1:k, :t] = d[1:].reshape(k - 1, t)
    unweighted = bool((weights == 1.0).all())  # then weight x distance is the distance itself
    # At each step, the starts with no centre left to choose, and whether there are any.
    finished = [np.array(ks) <= c for c in range(kmax)]
    any_finished = [bool(done.any()) for done in finished]
    offsets = every * tmax
    last = n - 1
    # -2 x', so the product is -2 a.x at once: times a power of two is exact, the same numbers.
    xt2 = np.ascontiguousarray(-2.0 * x.T)
    for c in range(1, kmax):
        drawn = table[:, c] * pot[:, None]
        totals = np.cumsum(closest if unweighted else weights * closest, axis=1)
        if runs == 1:
            flat = totals[0].searchsorted(drawn[0])
        else:
            # searchsorted row by row: how many running totals lie below each number.
            flat = (totals[:, None, :] < drawn[:, :, None]).sum(axis=2).ravel()
        np.minimum(flat, last, out=flat)
        # The candidates of every start, (starts x candidates, points).
        cand = x[flat]
        if runs == 1:
            dist = cand @ xt2
        else:
            dist = np.zeros((runs * tmax, n))  # padded rows stay 0, and are never chosen
            for r, t in enumerate(trials):
                if c < ks[r]:
                    rows = slice(r * tmax, r * tmax + t)
                    dist[rows] = cand[rows] @ xt2
        dist += x_norms[flat][:, None]
        dist += x_norms
        np.maximum(dist, 0, out=dist)
        np.minimum(
            closest[:, None, :], dist.reshape(runs, tmax, n), out=dist.reshape(runs, tmax, n)
        )
        if runs == 1:
            pots = (dist @ column).reshape(1, tmax)
        else:
            pots = np.full((runs, tmax), np.inf)
            for r, t in enumerate(trials):
                if c < ks[r]:
                    pots[r, :t] = (dist[r * tmax : r * tmax + t] @ column)[:, 0]
        pick = pots.argmin(axis=1) + offsets
        pot = pots.ravel()[pick]
        closest = dist[pick]
        if any_finished[c]:
            pot[finished[c]] = 0.0  # keeps the unused totals of finished starts finite
            centres[~finished[c], c] = x[flat[pick]][~finished[c]]
        else:
            centres[:, c] = x[flat[pick]]
    return centres


def _relocate_empty(
    x: NDArray[np.float64],
    weights: NDArray[np.float64],
    old: NDArray[np.float64],
    sums: NDArray[np.float64],
    in_cluster: NDArray[np.float64],
    labels: NDArray[np.int32],
) -> None:
    """An emptied centre takes the point farthest from its own centre
    (``_k_means_common._relocate_empty_clusters_dense``), in place."""
    empty = np.flatnonzero(in_cluster == 0)
    if not len(empty):
        return
    dist = ((x - old[labels]) ** 2).sum(axis=1)
    far = np.argpartition(dist, -len(empty))[: -len(empty) - 1 : -1]
    if np.max(dist) == 0:
        return
    for new_id, far_id in zip(empty.tolist(), far.tolist(), strict=True):
        w = weights[far_id]
        old_id = labels[far_id]
        sums[old_id] -= x[far_id] * w
        sums[new_id] = x[far_id] * w
        in_cluster[new_id] = w
        in_cluster[old_id] -= w


def _average(sums: NDArray[np.float64], in_cluster: NDArray[np.float64]) -> None:
    """Sums to means, in place (``_k_means_common._average_centers``: times 1/weight; a centre
    with no weight copies the heaviest one's row as it stands at that moment)."""
    heaviest = int(np.argmax(in_cluster))
    for j in range(len(in_cluster)):
        if in_cluster[j] > 0:
            sums[j] *= 1.0 / in_cluster[j]
        else:
            sums[j] = sums[heaviest]


def _assign(
    x: NDArray[np.float64], centres: NDArray[np.float64], ks: list[int]
) -> NDArray[np.int32]:
    """Each point's nearest centre in each run, the first on a tie (Lloyd's E-step, as
    scikit-learn computes it: |c|^2 - 2 x.c, leaving out |x|^2, which does not change the
    order). ``centres`` is (runs, max k, features), run r using its first ``ks[r]`` rows.
    Runs with the same k share one stacked product, which is one BLAS call per run of
    scikit-learn's own shape (points x k): the last bits, which break ties between centres
    at the same distance, depend on it."""
    labels = np.empty((centres.shape[0], x.shape[0]), dtype=np.int32)
    for k in sorted(set(ks)):
        runs = [r for r, kr in enumerate(ks) if kr == k]
        c = centres[runs, :k]
        norms = np.einsum("rkf,rkf->rk", c, c)
        # x.(-2c) is exactly -2 (x.c) (a power of two), one pass less over the table;
        # contiguous, so that numpy hands each run's product to BLAS.
        d = x @ np.ascontiguousarray(-2.0 * c.transpose(0, 2, 1))
        d += norms[:, None, :]
        labels[runs] = d.argmin(axis=2)
    return labels


def lloyd(
    x: NDArray[np.float64],
    weights: NDArray[np.float64],
    starts: NDArray[np.float64],
    ks: list[int],
    tol: float,
    max_iter: int = MAX_ITER,
) -> list[Fit]:
    """Lloyd's iterations (``_kmeans._kmeans_single_lloyd`` on one thread) from each start at
    once: ``starts`` is (runs, max k, features), run r using its first ``ks[r]`` rows. A run
    stops when no point changes centre (or its centres move less than ``tol`` in all), and
    then keeps still while the others go on."""
    runs, kmax, f = starts.shape
    n = x.shape[0]
    k_of = np.array(ks)
    padded = np.arange(kmax)[None, :] >= k_of[:, None]
    centres = starts.copy()
    # Padded rows are 0 and stay 0 (no point is ever theirs), so they add nothing to a run's
    # movement below.
    centres[padded] = 0.0
    labels_old = np.full((runs, n), -1, dtype=np.int32)
    labels_out = np.empty((runs, n), dtype=np.int32)
    done = np.zeros(runs, dtype=bool)
    strict = np.zeros(runs, dtype=bool)
    weighted = [x[:, j] * weights for j in range(f)]  # x times weight, as each update adds it
    for _ in range(max_iter):
        act = np.flatnonzero(~done)
        if not len(act):
            break
        a = len(act)
        old = centres[act]
        labels = _assign(x, old, [ks[r] for r in act.tolist()])
        bins = (labels + (np.arange(a) * kmax)[:, None]).ravel()
        size = a * kmax
        # (bincount with weights gives floats; astype without a copy tells the type checker)
        in_cluster = (
            np.bincount(bins, weights=np.tile(weights, a), minlength=size)
            .astype(np.float64, copy=False)
            .reshape(a, kmax)
        )
        sums = np.empty_like(old)
        for j in range(f):
            column = np.bincount(bins, weights=np.tile(weighted[j], a), minlength=size)
            sums[:, :, j] = column.reshape(a, kmax)
        emptied = ((in_cluster == 0) & ~padded[act]).any(axis=1)
        for i in np.flatnonzero(emptied).tolist():
            k = ks[act[i]]
            _relocate_empty(x, weights, old[i, :k], sums[i, :k], in_cluster[i, :k], labels[i])
            _average(sums[i, :k], in_cluster[i, :k])
        full = ~emptied
        if full.any():
            safe = np.where(padded[act], 1.0, in_cluster)
            sums[full] *= (1.0 / safe[full])[:, :, None]
        shift = np.sqrt(((sums - old) ** 2).sum(axis=2))
        centres[act] = sums
        same = (labels == labels_old[act]).all(axis=1)
        stop = same | ((shift**2).sum(axis=1) <= tol)
        labels_out[act] = labels
        labels_old[act] = labels
        strict[act[same]] = True
        done[act[stop]] = True
    loose = np.flatnonzero(~strict)
    if len(loose):
        labels_out[loose] = _assign(x, centres[loose], [ks[r] for r in loose.tolist()])
    fits = []
    for r, k in enumerate(ks):
        c = centres[r, :k]
        per_point = ((x - c[labels_out[r]]) ** 2).sum(axis=1) * weights
        # The Cython inertia adds point by point, in order: a running sum, not numpy's pairwise.
        inertia = float(np.cumsum(per_point)[-1]) if n else 0.0
        fits.append(Fit(labels_out[r], c, inertia))
    return fits


def _same_clustering(a: NDArray[np.int32], b: NDArray[np.int32], k: int) -> bool:
    """True when ``a`` is ``b`` with the clusters renamed (``_k_means_common._is_same_clustering``:
    each label of ``a`` always meets the same label of ``b``)."""
    meets = np.full(k, -1, dtype=np.int32)
    meets[a] = b  # one of the labels each label of a meets
    return bool((meets[a] == b).all())


def kmeans(
    points: NDArray[np.float64],
    ks: list[int],
    *,
    weights: NDArray[np.float64] | None = None,
    n_init: int = 1,
    random_state: int = 0,
) -> dict[int, Fit]:
    """For each k in ``ks``, what ``KMeans(n_clusters=k, n_init=n_init,
    random_state=random_state).fit(points, sample_weight=weights)`` finds: the labels, centres
    and inertia. All the starts of all the ks run together. ``points`` must be finite, with
    more rows than the largest k."""
    x = np.array(points, dtype=np.float64, order="C", copy=True)
    if not ks or x.shape[0] < max(ks):
        raise ValueError(f"k-means needs at least {max(ks, default=1)} points, got {x.shape[0]}")
    w = (
        np.ones(x.shape[0], dtype=np.float64)
        if weights is None
        else np.asarray(weights, dtype=np.float64)
    )
    tol = float(np.mean(np.var(x, axis=0)) * TOL)
    mean = x.mean(axis=0)
    x -= mean
    norms = np.einsum("ij,ij->i", x, x)
    run_ks: list[int] = []
    draws: list[NDArray[np.float64]] = []
    for k in ks:
        # Each KMeans has its own random state (the same one for every k); its starts take
        # their numbers in turn from it.
        block = _uniforms(random_state, n_init * (1 + (k - 1) * _trials(k)))
        run_ks += [k] * n_init
        draws += list(block.reshape(n_init, -1))
    fits = lloyd(x, w, plusplus(x, norms, w, run_ks, draws), run_ks, tol)
    out: dict[int, Fit] = {}
    for i, k in enumerate(ks):
        best: Fit | None = None
        for fit in fits[i * n_init : (i + 1) * n_init]:
            if best is None or (
                fit.inertia < best.inertia and not _same_clustering(fit.labels, best.labels, k)
            ):
                best = fit
        assert best is not None
        best.centres = best.centres + mean
        out[k] = best
    return out
