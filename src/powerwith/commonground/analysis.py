"""The opinion-group maths of a statement round, following Pol.is's published method.

Pure functions over numbers (no database): ``analyse(votes)`` takes the latest vote of each
participant on each statement and returns the whole analysis. Each step is named as in
docs/commonground.md. Deterministic: fixed random states and a stable order of rows and
columns (participants and statements in the order given).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.linalg import eigh
from scipy.spatial.distance import cdist
from threadpoolctl import ThreadpoolController

from powerwith.commonground.kmeans import kmeans

MIN_VOTES = 7  # Pol.is: fewer votes than this (or than all statements) are not clustered
BASE_CLUSTERS = 100  # Pol.is: base clusters before the group clusters
GROUP_K = range(2, 6)  # k for the group clusters, chosen by silhouette
Z_90 = 1.2815515655446004  # one-tailed 90% (Pol.is's z-sig-90)
PICK_MAX = 5  # representative statements per group
RANDOM_STATE = 0
SIDES = ("lived", "professional")

# The numerical libraries' thread pools, found once: finding them scans every loaded library
# (1 to 2 ms, about a seventh of the whole analysis of a round of 26 people).
THREADPOOLS = ThreadpoolController()


@dataclass
class Votes:
    """Latest votes: parallel lists of participant index, statement index and vote (-1/0/1).
    ``participants`` and ``statements`` are the external ids in a stable order; ``sides`` the
    side of each participant ("" when not known). ``matrix``, when given, is the vote matrix
    itself (participants x statements, NaN where not voted), and the three lists are unused:
    a round's kept matrix (``kept.py``) is handed over as it is."""

    participants: list[str]
    statements: list[str]
    rows: NDArray[np.int64]
    cols: NDArray[np.int64]
    values: NDArray[np.int64]
    sides: list[str] = field(default_factory=list)
    matrix: NDArray[np.float64] | None = None


def vote_matrix(v: Votes) -> NDArray[np.float64]:
    """Step 1, the vote matrix: participants x statements, NaN where not voted."""
    if v.matrix is not None:
        return v.matrix
    m = np.full((len(v.participants), len(v.statements)), np.nan)
    m[v.rows, v.cols] = v.values
    return m


def one_prop_test(succ: NDArray[Any], n: NDArray[Any]) -> NDArray[np.float64]:
    """Pol.is's prop-test: 2 sqrt(n+1) ((succ+1)/(n+1) - 1/2)."""
    succ1, n1 = succ + 1.0, n + 1.0
    return np.asarray(2.0 * np.sqrt(n1) * (succ1 / n1 - 0.5), dtype=np.float64)


def two_prop_test(
    succ_in: NDArray[Any], succ_out: NDArray[Any], n_in: NDArray[Any], n_out: NDArray[Any]
) -> NDArray[np.float64]:
    """Pol.is's two-prop-test, each count plus one; 0 when the pooled share is 1."""
    s1, s2, n1, n2 = succ_in + 1.0, succ_out + 1.0, n_in + 1.0, n_out + 1.0
    pi_hat = (s1 + s2) / (n1 + n2)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (s1 / n1 - s2 / n2) / np.sqrt(pi_hat * (1 - pi_hat) * (1 / n1 + 1 / n2))
    return np.asarray(np.where(pi_hat >= 1, 0.0, z), dtype=np.float64)


def _counts(m: NDArray[np.float64], mask: NDArray[np.bool_]) -> tuple[NDArray[Any], ...]:
    sub = m[mask]
    return (
        (sub == 1).sum(axis=0).astype(float),
        (sub == -1).sum(axis=0).astype(float),
        (~np.isnan(sub)).sum(axis=0).astype(float),
    )


def _per_group(
    m: NDArray[np.float64], labels: NDArray[np.int64], k: int
) -> tuple[NDArray[np.float64], ...]:
    """Agrees, disagrees and votes of each group on each statement, (k, statements) each: the
    same counts as ``_counts`` per group, in one product with the groups' indicator matrix
    instead of a copy of the matrix per group (sums of 0s and 1s, exact in floating point)."""
    # Single precision holds every whole number below 2**24 exactly, so the sums are exact in
    # any order, and half the size to convert and multiply.
    kind = np.float32 if len(labels) < 2**24 else np.float64
    onehot = (labels[:, None] == np.arange(k)[None, :]).astype(kind).T
    return tuple(
        np.asarray(onehot @ x.astype(kind), dtype=np.float64)
        for x in (m == 1, m == -1, ~np.isnan(m))
    )


def _smoothed(k: NDArray[Any], n: NDArray[Any]) -> NDArray[np.float64]:
    return np.asarray((k + 1.0) / (n + 2.0), dtype=np.float64)


def project(
    m: NDArray[np.float64],
    clustered: NDArray[np.bool_],
    missing: NDArray[np.bool_] | None = None,
) -> NDArray[np.float64]:
    """Steps 4-6: impute missing votes with statement means, PCA to two components (fitted on
    the participants who are clustered), then scale each participant's projection by
    sqrt(statements / their votes), so sparse voters are not pulled to the centre.
    ``missing``: where m is NaN, when already known."""
    n, s = m.shape
    out = np.zeros((n, 2))
    if s == 0 or clustered.sum() < 2:
        return out
    missing = np.isnan(m) if missing is None else missing
    # Everyone clustered (usual in a large round): no copy of the rows to choose them.
    everyone = bool(clustered.all())
    rows: Any = slice(None) if everyone else clustered
    counts = (n if everyone else int(clustered.sum())) - missing[rows].sum(axis=0)
    # Sums of -1, 0 and 1 are exact in floating point, in any order: the same as nansum.
    sums = np.where(missing, 0.0, m)[rows].sum(axis=0)
    # A statement nobody clustered voted on gets mean 0 (pass).
    means = np.where(counts > 0, sums / np.maximum(counts, 1), 0.0)
    filled = np.where(missing, means, m)
    comps = min(2, s, int(clustered.sum()))
    components, centre = principal_components(filled[rows], comps)
    # scikit-learn's PCA.transform: the product first, then the centre's own projection.
    proj = filled @ components.T
    proj -= centre @ components.T
    voted = s - missing.sum(axis=1)
    scale = np.sqrt(s / np.maximum(voted, 1))
    out[:, :comps] = proj * scale[:, None]
    return out


def principal_components(
    x: NDArray[np.float64], comps: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The first ``comps`` principal components of the rows of ``x`` (comps x columns, the
    first explaining the most variance), each signed so that its largest loading is positive,
    and the rows' mean. The covariance is scikit-learn's ("covariance_eigh" solver: X'X less n
    times the mean's outer product, over n - 1); of its eigenvectors only the top ``comps`` are
    computed (LAPACK's syevr through scipy), not all of them, which is most of the cost when
    there are a hundred statements or more."""
    n, s = x.shape
    mean = x.mean(axis=0)
    cov = x.T @ x
    cov -= n * mean.reshape(-1, 1) * mean.reshape(1, -1)
    cov /= n - 1
    _values, vectors = eigh(cov, subset_by_index=[s - comps, s - 1])
    components = np.ascontiguousarray(vectors[:, ::-1].T)
    for j in range(comps):
        if components[j][np.argmax(np.abs(components[j]))] < 0:
            components[j] = -components[j]
    return components, mean


def base_clusters(points: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """The base clusters: their centres, and each point's base cluster. With at most
    BASE_CLUSTERS distinct positions, each distinct position is a base cluster of its own
    (k-means with k = the number of distinct points gives exactly these, so it is not run),
    numbered in the order of their first member; otherwise k-means (k-means++) into
    BASE_CLUSTERS."""
    # Positions equal to 12 decimals are the same position (a computed projection may differ
    # in its last bits for people who voted alike).
    # Each (x, y) read as one complex number: numpy sorts those (x first, then y) several times
    # faster than rows, with the same order, first indices and inverse.
    pairs = np.ascontiguousarray(points.round(12)).view(np.complex128).ravel()
    _u, first, inverse = np.unique(pairs, return_index=True, return_inverse=True)
    if len(first) <= BASE_CLUSTERS:
        order = np.argsort(first, kind="stable")
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        return points[first[order]], rank[inverse.ravel()]
    base = kmeans(points, [BASE_CLUSTERS], random_state=RANDOM_STATE)[BASE_CLUSTERS]
    return base.centres, base.labels.astype(np.int64)


def silhouette(distances: NDArray[np.float64], labels: NDArray[np.int64], k: int) -> float:
    """The mean silhouette of a clustering from the points' distances: for each point, a = its
    mean distance to the rest of its cluster, b = its least mean distance to another cluster,
    its silhouette (b - a) / max(a, b), 0 when it is alone in its cluster. The same figure as
    scikit-learn's ``silhouette_score`` (tests/commonground/test_analysis.py checks it), whose
    checks of its input cost more than this arithmetic on a hundred centres, four times a
    round."""
    n = len(labels)
    sizes = np.bincount(labels, minlength=k).astype(float)
    # Each point's total distance to each cluster.
    totals = distances @ (labels[:, None] == np.arange(k)).astype(float)
    own = sizes[labels]
    rows = np.arange(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        a = totals[rows, labels] / (own - 1)
        means = totals / sizes
    means[rows, labels] = np.inf
    means[:, sizes == 0] = np.inf
    b = means.min(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        s = (b - a) / np.maximum(a, b)
    return float(np.nan_to_num(np.where(own > 1, s, 0.0)).mean())


def cluster(points: NDArray[np.float64]) -> NDArray[np.int64]:
    """Step 7, base clusters then group clusters: up to 100 base clusters (``base_clusters``),
    then k-means over the base-cluster centres weighted by their size, k from 2 to 5 chosen by
    the best silhouette. Groups are numbered by size (largest first), ties by first member."""
    n = len(points)
    if n < 4:
        return np.zeros(n, dtype=np.int64)
    centres, base_labels = base_clusters(points)
    k_base = len(centres)
    weights = np.bincount(base_labels, minlength=k_base).astype(float)
    best: tuple[float, NDArray[np.int64]] | None = None
    if k_base <= 2:
        # Too few distinct positions to choose k by silhouette: the base clusters are the groups.
        best = (0.0, np.arange(k_base, dtype=np.int64))
    # The centres' distances once, for the silhouette of every k.
    distances = cdist(centres, centres)
    ks = [k for k in GROUP_K if k < k_base]
    fits = kmeans(centres, ks, weights=weights, n_init=4, random_state=RANDOM_STATE) if ks else {}
    for k in ks:
        labels = fits[k].labels.astype(np.int64)
        if len(set(labels.tolist())) < 2:
            continue
        score = silhouette(distances, labels, k)
        if best is None or score > best[0] + 1e-12:
            best = (score, labels)
    if best is None:
        return np.zeros(n, dtype=np.int64)
    member = best[1][base_labels]
    sizes = np.bincount(member)
    order = sorted(range(len(sizes)), key=lambda g: (-sizes[g], int(np.argmax(member == g))))
    relabel = np.empty(len(sizes), dtype=np.int64)
    relabel[order] = np.arange(len(sizes))
    return relabel[member]


def group_stats(m: NDArray[np.float64], labels: NDArray[np.int64], k: int) -> dict[str, Any]:
    """Per group and statement: counts, smoothed shares, ratios to everyone else, z-tests."""
    out: dict[str, Any] = {key: [] for key in ("na", "nd", "ns", "pa", "pd", "ra", "rd")}
    for key in ("pat", "pdt", "rat", "rdt"):
        out[key] = []
    in_a, in_d, in_s = _per_group(m, labels, k)
    all_a, all_d, all_s = in_a.sum(axis=0), in_d.sum(axis=0), in_s.sum(axis=0)
    for g in range(k):
        na, nd, ns = in_a[g], in_d[g], in_s[g]
        # Everyone else: the whole round less the group (whole numbers, so exact).
        oa, od, os_ = all_a - na, all_d - nd, all_s - ns
        pa, pd = _smoothed(na, ns), _smoothed(nd, ns)
        out["na"].append(na)
        out["nd"].append(nd)
        out["ns"].append(ns)
        out["pa"].append(pa)
        out["pd"].append(pd)
        out["ra"].append(pa / _smoothed(oa, os_))
        out["rd"].append(pd / _smoothed(od, os_))
        out["pat"].append(one_prop_test(na, ns))
        out["pdt"].append(one_prop_test(nd, ns))
        out["rat"].append(two_prop_test(na, oa, ns, os_))
        out["rdt"].append(two_prop_test(nd, od, ns, os_))
    return {key: np.array(val) for key, val in out.items()}


def _row(st: dict[str, Any], g: int) -> dict[str, list[float]]:
    """Group g's figures per statement as Python lists: the loops below read them one number
    at a time, and a list's numbers cost a tenth of numpy's to read."""
    return {key: st[key][g].tolist() for key in st}


def _best_agree(r: dict[str, list[float]], n: int) -> int | None:
    """Pol.is's "best agree": the statement that best shows what the group (its figures ``r``,
    from ``_row``) agrees with, so that its list is never only what it rejects. The first
    statement whose agreement test passes (or that the group agrees with more than others, by
    more than half) starts; a later one replaces it if its agree metric (ra x rat x pa x pat)
    is higher, or, while the best so far is not agreed more than elsewhere (ra <= 1), if its
    pa x pat is higher."""
    na, nd, pa, pat, ra, rat = r["na"], r["nd"], r["pa"], r["pat"], r["ra"], r["rat"]
    best: int | None = None
    for c in range(n):
        if na[c] == 0 and nd[c] == 0:
            continue
        if best is None:
            better = pat[c] > Z_90 or (ra[c] > 1 and pa[c] > 0.5)
        elif ra[best] > 1:
            better = ra[c] * rat[c] * pa[c] * pat[c] > ra[best] * rat[best] * pa[best] * pat[best]
        else:
            better = pa[c] * pat[c] > pa[best] * pat[best]
        if better:
            best = c
    return best


def repness(st: dict[str, Any], statements: list[str], k: int) -> dict[int, list[dict[str, Any]]]:
    """Step 8, representative statements: the group's "best agree" statement first, then
    those where the group's share (agree or disagree) and its ratio to everyone else both pass
    Pol.is's 90% z-tests, ranked by ratio x ratio-test x share x share-test; at most five per
    group, agrees listed first. With no best agree and none passing, the one with the
    strongest ratio test."""
    result: dict[int, list[dict[str, Any]]] = {}
    for g in range(k):
        r = _row(st, g)
        rows: dict[int, dict[str, Any]] = {}
        for c, sid in enumerate(statements):
            if r["ns"][c] == 0:
                continue
            agree = r["rat"][c] >= r["rdt"][c]
            p, pt, ratio, rt, n_s = (
                (r["pa"][c], r["pat"][c], r["ra"][c], r["rat"][c], r["na"][c])
                if agree
                else (r["pd"][c], r["pdt"][c], r["rd"][c], r["rdt"][c], r["nd"][c])
            )
            rows[c] = {
                "statement": sid,
                "repful_for": "agree" if agree else "disagree",
                "best_agree": False,
                "n_success": int(n_s),
                "n_trials": int(r["ns"][c]),
                "p_success": round(p, 6),
                "p_test": round(pt, 6),
                "repness": round(ratio, 6),
                "repness_test": round(rt, 6),
                "_sig": pt > Z_90 and rt > Z_90,
                "_metric": ratio * rt * p * pt,
            }
        sig = sorted(
            (x for x in rows.values() if x["_sig"]), key=lambda x: (-x["_metric"], x["statement"])
        )
        best = _best_agree(r, len(statements))
        head: list[dict[str, Any]] = []
        if best is not None:
            rows[best]["best_agree"] = True
            head = [rows[best]]
        elif not sig and rows:
            head = [max(rows.values(), key=lambda x: (x["repness_test"], x["statement"]))]
        chosen = (head + [x for x in sig if not head or x is not head[0]])[:PICK_MAX]
        # Pol.is lists what a group agrees with before what it disagrees with (a stable sort).
        chosen = sorted(chosen, key=lambda x: x["repful_for"] != "agree")
        result[g] = [{k2: v for k2, v in x.items() if not k2.startswith("_")} for x in chosen]
    return result


def consensus(
    m: NDArray[np.float64],
    labels: NDArray[np.int64],
    k: int,
    counts: tuple[NDArray[np.float64], ...] | None = None,
) -> NDArray[np.float64]:
    """Step 9, group-aware consensus: the product over groups of each group's smoothed agree
    share (na+1)/(ns+2). High only when every group agrees."""
    prod = np.ones(m.shape[1])
    # ``counts``: the groups' (agrees, disagrees, votes) when already counted (group_stats).
    in_a, _in_d, in_s = counts if counts is not None else _per_group(m, labels, k)
    for g in range(k):
        prod *= _smoothed(in_a[g], in_s[g])
    return prod


def divisive(
    m: NDArray[np.float64],
    labels: NDArray[np.int64],
    shown: list[int],
    statements: list[str],
    counts: tuple[NDArray[np.float64], ...] | None = None,
) -> list[dict[str, Any]]:
    """Step 9b, statements that divide: the gap between the shown groups that agree most and
    least with a statement (smoothed agree shares), largest first; only statements every
    shown group voted on, and only when at least two groups are shown (a suppressed group's
    share is never used)."""
    if len(shown) < 2:
        return []
    shares = []
    voted = np.ones(m.shape[1], dtype=bool)
    in_a, _in_d, in_s = (
        counts if counts is not None else _per_group(m, labels, int(labels.max()) + 1)
    )
    for g in shown:
        na, ns = in_a[g], in_s[g]
        shares.append(_smoothed(na, ns))
        voted &= ns > 0
    arr = np.array(shares)
    spread = arr.max(axis=0) - arr.min(axis=0)
    order = sorted((c for c in range(m.shape[1]) if voted[c]), key=lambda c: (-spread[c], c))
    return [
        {
            "statement": statements[c],
            "spread": round(float(spread[c]), 6),
            "most": shown[int(arr[:, c].argmax())],
            "least": shown[int(arr[:, c].argmin())],
        }
        for c in order[:PICK_MAX]
    ]


def by_side(
    m: NDArray[np.float64], sides: list[str], statements: list[str], min_group: int
) -> dict[str, Any]:
    """Step 10, by side: each side's agreement per statement; the statements where the sides
    agree most (product of the sides' smoothed agree shares) and differ most (the gap between
    their agree shares). A side with fewer than ``min_group`` participants is suppressed."""
    arr = np.array(sides or [""] * m.shape[0])
    counts = {s: int((arr == s).sum()) for s in SIDES}
    shown = [s for s in SIDES if counts[s] >= min_group]
    per: dict[str, Any] = {}
    for s in SIDES:
        if s not in shown:
            per[s] = {"participants": None, "suppressed": True}
            continue
        na, nd, ns = _counts(m, arr == s)
        per[s] = {
            "participants": counts[s],
            "suppressed": False,
            "statements": [
                {
                    "statement": sid,
                    "agree": int(na[c]),
                    "disagree": int(nd[c]),
                    "votes": int(ns[c]),
                    "p_agree": round(float(_smoothed(na[c], ns[c])), 6),
                }
                for c, sid in enumerate(statements)
            ],
        }
    agree_most: list[dict[str, Any]] = []
    differ_most: list[dict[str, Any]] = []
    if len(shown) == 2:
        pa = {s: np.array([r["p_agree"] for r in per[s]["statements"]]) for s in shown}
        both = pa[SIDES[0]] * pa[SIDES[1]]
        gap = pa[SIDES[0]] - pa[SIDES[1]]
        idx = list(range(len(statements)))
        for c in sorted(idx, key=lambda c: (-both[c], c))[:PICK_MAX]:
            agree_most.append({"statement": statements[c], "score": round(float(both[c]), 6)})
        for c in sorted(idx, key=lambda c: (-abs(gap[c]), c))[:PICK_MAX]:
            differ_most.append({"statement": statements[c], "gap": round(float(gap[c]), 6)})
    return {"sides": per, "agree_most": agree_most, "differ_most": differ_most}


def analyse(v: Votes, *, min_group: int = 5) -> dict[str, Any]:
    """The whole analysis, steps 1-10 (see docs/commonground.md for the JSON contract).

    Runs the numerical libraries on one thread: these matrices are small, and on a busy
    server their thread pools spend longer waiting for each other than working (measured:
    about 0.35-0.5 s with the default pools, 0.09 s on one thread, for vTaiwan's 1,921
    participants)."""
    with THREADPOOLS.limit(limits=1):
        return _analyse(v, min_group=min_group)


def _analyse(v: Votes, *, min_group: int) -> dict[str, Any]:
    m = vote_matrix(v)
    n, s = m.shape
    missing = np.isnan(m)
    voted = s - missing.sum(axis=1)
    clustered = voted >= min(MIN_VOTES, s) if s else np.zeros(n, dtype=bool)
    points = project(m, clustered, missing)
    labels = np.full(n, -1, dtype=np.int64)
    idx = np.flatnonzero(clustered)
    if len(idx):
        labels[idx] = cluster(points[idx])
    k = int(labels.max()) + 1 if len(idx) else 0
    mc, lc = m[idx], labels[idx]
    st = group_stats(mc, lc, k) if k else {}
    sides = v.sides or [""] * n
    side_arr = np.array(sides, dtype=object)
    groups = []
    for g in range(k):
        members = lc == g
        size = int(members.sum())
        small = size < min_group
        mix = {x: int((side_arr[idx[members]] == x).sum()) for x in SIDES}
        groups.append(
            {
                "id": g,
                "size": size,
                "suppressed": small,
                "sides": None
                if small
                else {x: (c if c >= min_group else None) for x, c in mix.items()},
            }
        )
    shown = [g for g in range(k) if not groups[g]["suppressed"]]
    rep = repness(st, v.statements, k) if k else {}
    counts = (st["na"], st["nd"], st["ns"]) if k else None
    gac = consensus(mc, lc, k, counts) if k else np.zeros(s)
    order = sorted(range(s), key=lambda c: (-gac[c], c))
    return {
        "n_participants": n,
        "n_clustered": len(idx),
        "n_statements": s,
        "participants": [
            {
                "external_id": ext,
                "group": g if g >= 0 else None,
                # + 0.0: a position a hair below zero is 0.0, not "-0.0".
                "x": round(x, 6) + 0.0,
                "y": round(y, 6) + 0.0,
                "side": side or None,
            }
            # Python's own numbers once (tolist), not a numpy scalar per value.
            for ext, g, x, y, side in zip(
                v.participants,
                labels.tolist(),
                points[:, 0].tolist(),
                points[:, 1].tolist(),
                sides,
                strict=True,
            )
        ],
        "groups": groups,
        "repness": {str(g): ([] if groups[g]["suppressed"] else rep[g]) for g in range(k)},
        "consensus": [
            {"statement": v.statements[c], "score": round(float(gac[c]), 6)}
            for c in order[:PICK_MAX]
            if not math.isnan(gac[c])
        ],
        "divisive": divisive(mc, lc, shown, v.statements, counts),
        "by_side": by_side(m, sides, v.statements, min_group),
    }
