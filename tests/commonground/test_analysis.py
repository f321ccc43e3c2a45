"""The maths on small worked examples, without the database."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, pairwise_distances, silhouette_score

from powerwith.commonground.analysis import (
    BASE_CLUSTERS,
    Votes,
    analyse,
    base_clusters,
    one_prop_test,
    silhouette,
    two_prop_test,
)


def votes_from(grid: list[list[int | None]], sides: list[str] | None = None) -> Votes:
    rows, cols, vals = [], [], []
    for i, line in enumerate(grid):
        for j, v in enumerate(line):
            if v is not None:
                rows.append(i)
                cols.append(j)
                vals.append(v)
    return Votes(
        participants=[f"p{i}" for i in range(len(grid))],
        statements=[f"s{j}" for j in range(len(grid[0]))],
        rows=np.array(rows, dtype=np.int64),
        cols=np.array(cols, dtype=np.int64),
        values=np.array(vals, dtype=np.int64),
        sides=sides or [],
    )


def two_camps(n_a: int = 12, n_b: int = 8) -> list[list[int | None]]:
    """s0: camp A agrees, B disagrees; s1 the reverse; s2 everyone agrees; s3-s8 everyone
    passes, except that each person disagrees with one of them (so no two rows are alike)."""
    grid: list[list[int | None]] = []
    for i in range(n_a + n_b):
        a = i < n_a
        row: list[int | None] = [1 if a else -1, -1 if a else 1, 1, 0, 0, 0, 0, 0, 0]
        row[3 + i % 6] = -1
        grid.append(row)
    return grid


def test_two_obvious_camps_are_the_groups_found() -> None:
    result = analyse(votes_from(two_camps()))
    groups = [p["group"] for p in result["participants"]]
    assert groups == [0] * 12 + [1] * 8  # the larger group is numbered first
    assert [(g["id"], g["size"], g["suppressed"]) for g in result["groups"]] == [
        (0, 12, False),
        (1, 8, False),
    ]


def test_representative_statement_is_what_each_group_agrees_on() -> None:
    rep = analyse(votes_from(two_camps()))["repness"]
    assert rep["0"][0]["statement"] == "s0"
    assert rep["0"][0]["repful_for"] == "agree"
    assert rep["0"][0]["n_success"] == 12
    assert [r["best_agree"] for r in rep["0"]] == [True] + [False] * (len(rep["0"]) - 1)
    assert rep["1"][0]["statement"] == "s1"
    assert rep["1"][0]["repful_for"] == "agree"
    # what everyone agrees with represents no group
    assert "s2" not in {r["statement"] for g in rep.values() for r in g}


def test_consensus_is_the_statement_everyone_agrees_on() -> None:
    cons = analyse(votes_from(two_camps()))["consensus"]
    assert cons[0]["statement"] == "s2"
    # product over the two groups of (agree + 1) / (votes + 2)
    assert cons[0]["score"] == round((13 / 14) * (9 / 10), 6)


def test_same_votes_give_the_same_answer() -> None:
    grid = two_camps(30, 25)
    assert analyse(votes_from(grid)) == analyse(votes_from(grid))


def test_fewer_than_seven_votes_are_not_clustered() -> None:
    grid = two_camps()
    grid.append([1, -1, 1, 0, 0, 0, None, None, None])  # six votes
    result = analyse(votes_from(grid))
    assert result["participants"][-1]["group"] is None
    assert result["n_clustered"] == 20
    assert result["n_participants"] == 21


def test_with_fewer_than_seven_statements_all_of_them_are_enough() -> None:
    grid = [row[:4] for row in two_camps()]  # 4 statements
    grid[0][3] = None  # three votes of four: not clustered
    result = analyse(votes_from(grid))
    assert result["participants"][0]["group"] is None
    assert result["n_clustered"] == 19


def test_small_groups_and_sides_are_suppressed() -> None:
    sides = ["lived"] * 12 + ["professional"] * 4 + [""] * 4
    result = analyse(votes_from(two_camps(), sides), min_group=5)
    by_side = result["by_side"]
    assert by_side["sides"]["professional"] == {"participants": None, "suppressed": True}
    assert by_side["sides"]["lived"]["participants"] == 12
    assert by_side["agree_most"] == [] and by_side["differ_most"] == []
    small = analyse(votes_from(two_camps(12, 4)), min_group=5)
    assert small["groups"][1] == {"id": 1, "size": 4, "suppressed": True, "sides": None}
    assert small["repness"]["1"] == []


def test_sides_that_split_and_agree() -> None:
    sides = ["lived"] * 12 + ["professional"] * 8
    by_side = analyse(votes_from(two_camps(), sides))["by_side"]
    s0 = by_side["sides"]["lived"]["statements"][0]
    assert (s0["statement"], s0["agree"], s0["votes"], s0["p_agree"]) == ("s0", 12, 12, 0.928571)
    assert by_side["agree_most"][0]["statement"] == "s2"
    assert {d["statement"] for d in by_side["differ_most"][:2]} == {"s0", "s1"}


def test_polis_significance_tests() -> None:
    # prop-test: 2 sqrt(n+1) ((k+1)/(n+1) - 1/2)
    assert float(one_prop_test(np.array(9.0), np.array(10.0))) == 2 * np.sqrt(11) * (10 / 11 - 0.5)
    # two-prop-test, each count plus one; 0 when everyone agrees
    z = float(two_prop_test(np.array(9.0), np.array(1.0), np.array(10.0), np.array(10.0)))
    p1, p2, ph = 10 / 11, 2 / 11, 12 / 22
    assert z == (p1 - p2) / np.sqrt(ph * (1 - ph) * (2 / 11))
    assert (
        float(two_prop_test(np.array(10.0), np.array(10.0), np.array(10.0), np.array(10.0))) == 0.0
    )


def test_silhouette_is_scikit_learns() -> None:
    rng = np.random.default_rng(7)
    checked = 0
    for trial in range(300):
        n = int(rng.integers(4, 110))
        k = int(rng.integers(2, 6))
        points = rng.normal(size=(n, 2))
        if trial % 3 == 0:
            points = points.round(1)  # equal distances and points in the same place
        labels = rng.integers(0, k, n)
        if trial % 4 == 0:
            labels[0] = k - 1  # a cluster of one (silhouette 0)
            labels[1:] = rng.integers(0, k - 1, n - 1)
        if not 2 <= len(set(labels.tolist())) < n:
            continue  # scikit-learn's silhouette is defined for 2 to n - 1 clusters
        ours = silhouette(pairwise_distances(points), labels, k)
        assert abs(ours - float(silhouette_score(points, labels))) < 1e-12
        checked += 1
    assert checked > 250
    # A label with no members (k-means can leave one empty) is not a cluster.
    points = np.array([[0.0, 0.0], [0.0, 1.0], [5.0, 0.0], [5.0, 1.0], [5.0, 2.0]])
    labels = np.array([0, 0, 2, 2, 2])
    expected = float(silhouette_score(points, labels))
    assert silhouette(pairwise_distances(points), labels, 3) == expected


def test_few_distinct_positions_are_the_base_clusters_themselves() -> None:
    # 30 people in 12 places: each place is a base cluster, numbered by its first person,
    # the same partition k-means gives with k = 12.
    rng = np.random.default_rng(3)
    places = rng.normal(size=(12, 2))
    who = np.array(list(range(12)) + rng.integers(0, 12, 18).tolist())
    rng.shuffle(who)
    points = places[who] + 1e-14  # a difference in the last bits is the same place
    centres, labels = base_clusters(points)
    assert len(centres) == 12
    firsts = [int(np.argmax(labels == b)) for b in range(12)]
    assert firsts == sorted(firsts)
    assert np.allclose(centres[labels], points)
    km = KMeans(n_clusters=12, n_init=1, random_state=0).fit(points)
    assert adjusted_rand_score(km.labels_, labels) == 1.0


def test_many_distinct_positions_make_a_hundred_base_clusters() -> None:
    points = np.random.default_rng(5).normal(size=(400, 2))
    centres, labels = base_clusters(points)
    assert (len(centres), len(set(labels.tolist()))) == (BASE_CLUSTERS, BASE_CLUSTERS)


ONE_THREAD = """
import numpy as np
from threadpoolctl import ThreadpoolController
from powerwith.commonground.analysis import THREADPOOLS, Votes, analyse
rows = np.repeat(np.arange(10), 8); cols = np.tile(np.arange(8), 10)
values = np.where((rows < 5) == (cols < 4), 1, -1)
out = analyse(Votes([str(i) for i in range(10)], [str(j) for j in range(8)], rows, cols, values))
assert len(out["groups"]) == 2, out["groups"]
now = {lib["filepath"] for lib in ThreadpoolController().info()}
assert now <= {lib["filepath"] for lib in THREADPOOLS.info()}, now
with THREADPOOLS.limit(limits=1):
    assert {lib["num_threads"] for lib in ThreadpoolController().info()} == {1}
print("ok")
"""


def test_the_maths_runs_on_one_thread_of_every_pool_loaded() -> None:
    """The thread pools are found once, when the maths is imported: any loaded by the time
    it has run must be among them, or it would run on more threads than it means to. In a
    process of its own, as a web process is: here the tests' own imports (scikit-learn, the
    reference for the k-means) load pools the product never loads."""
    done = subprocess.run(
        [sys.executable, "-c", ONE_THREAD], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_the_groups_counts_in_one_product_are_the_counts_group_by_group() -> None:
    """``_per_group`` (one matrix product for every group) gives exactly what counting each
    group's rows gives (``_counts``), missing votes included."""
    from powerwith.commonground.analysis import _counts, _per_group

    rng = np.random.default_rng(7)
    m = rng.choice([-1.0, 0.0, 1.0, np.nan], size=(300, 12))
    labels = rng.integers(0, 4, size=300)
    agree, disagree, voted = _per_group(m, labels, 4)
    for g in range(4):
        na, nd, ns = _counts(m, labels == g)
        assert (agree[g].tolist(), disagree[g].tolist(), voted[g].tolist()) == (
            na.tolist(),
            nd.tolist(),
            ns.tolist(),
        )
    assert voted.sum() == (~np.isnan(m)).sum()
