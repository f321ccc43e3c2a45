"""Warm timings on a generated database: the dashboard page and the insights.

Run inside a process whose Django settings point at the generated database (``bench.settings``
with ``DATABASE_URL``); ``bench.__main__`` does that in a child process per database and scale.
"""

from __future__ import annotations

import re
import statistics
import time
import traceback
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count
from django.test import Client, override_settings

from bench.generator import LARGE_SLUG, STEADY_SLUG, bench_facilitator
from powerwith.insights.organisation import organisation_figures, programme_figures
from powerwith.insights.period import Period
from powerwith.insights.selectors import insights_for
from powerwith.journeys.models import Journey
from powerwith.organisations.models import Organisation

INSIGHTS_NAME = "powerwith.insights.selectors.insights_for"
# Runs whose every statement is timed; each statement keeps its fastest time, so a stall caused
# by another process on a shared machine does not get pinned on one query.
LOGGED_RUNS = 3


@dataclass
class Timing:
    """Milliseconds of ``runs`` warm repeats (after one warm-up run), and the CPU time this
    process spent in each (``cpu``: Python and, on SQLite, the database too; waiting for
    PostgreSQL or for a busy machine's CPU is not in it)."""

    runs: list[float]
    cpu: list[float] = field(default_factory=list)

    @property
    def min(self) -> float:
        return min(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def p95(self) -> float:
        # Nearest rank: with few repeats this is the slowest run.
        ordered = sorted(self.runs)
        return ordered[max(0, min(len(ordered) - 1, -(-95 * len(ordered) // 100) - 1))]

    def as_json(self) -> dict[str, Any]:
        return {
            "runs_ms": self.runs,
            "min": self.min,
            "median": self.median,
            "p95": self.p95,
            "cpu_median": statistics.median(self.cpu) if self.cpu else None,
        }


def timed(fn: Callable[[], Any], repeat: int) -> Timing:
    fn()  # warm-up
    runs, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return Timing(runs, cpu)


@dataclass
class QueryLog:
    """Every SQL statement of one run, with its time and the function of ours that issued it."""

    entries: list[dict[str, Any]] = field(default_factory=list)

    def wrapper(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            ms = (time.perf_counter() - start) * 1000
            self.entries.append({"ms": ms, "sql": sql, "where": _caller()})

    @property
    def count(self) -> int:
        return len(self.entries)

    @classmethod
    def fastest(cls, logs: list[QueryLog]) -> QueryLog:
        """Statement by statement, the fastest of several runs of the same code."""
        first = logs[0]
        if any(len(log.entries) != len(first.entries) for log in logs):
            return min(logs, key=lambda log: sum(e["ms"] for e in log.entries))
        merged = cls()
        for i, entry in enumerate(first.entries):
            merged.entries.append({**entry, "ms": min(log.entries[i]["ms"] for log in logs)})
        return merged

    def slowest(self, n: int = 8) -> list[dict[str, Any]]:
        ranked = sorted(self.entries, key=lambda e: e["ms"], reverse=True)[:n]
        return [
            {"ms": round(e["ms"], 2), "where": e["where"], "sql": _squash(e["sql"])[:400]}
            for e in ranked
        ]

    def by_function(self) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        for e in self.entries:
            slot = out.setdefault(e["where"], {"queries": 0, "ms": 0.0})
            slot["queries"] += 1
            slot["ms"] += e["ms"]
        return out


def _squash(sql: str) -> str:
    return re.sub(r"\s+", " ", sql)


def _caller() -> str:
    """The innermost frame in PowerWith's own code (not Django's) that led to this query."""
    for frame in reversed(traceback.extract_stack(limit=60)):
        path = frame.filename.replace("\\", "/")
        if "/powerwith/" in path and "/site-packages/" not in path:
            short = path.split("/powerwith/", 1)[1]
            return f"{short}:{frame.name}"
    return "(django)"


@contextmanager
def logged() -> Iterator[QueryLog]:
    log = QueryLog()
    with connection.execute_wrapper(log.wrapper):
        yield log


def peak_memory(fn: Callable[[], Any]) -> float:
    """Peak Python allocations (MiB) during one call, by tracemalloc."""
    tracemalloc.start()
    try:
        fn()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def measure_journey(journey: Journey, client: Client, repeat: int) -> dict[str, dict[str, Any]]:
    url = f"/j/{journey.slug}/dashboard/"
    period = Period()
    out: dict[str, dict[str, Any]] = {}

    def dashboard() -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise DashboardMissing(response.status_code)
        response.content  # noqa: B018 - rendered in full

    def insights() -> None:
        insights_for(journey, period)

    # "dashboard" and "insights" compute every time (the dashboard cache off): what a cold cache
    # costs, comparable with earlier runs. "dashboard cached" is the warm page as users get it
    # between two writes: the warm-up run fills the cache (common/figures.py).
    runs = (
        ("dashboard", dashboard, False),
        ("insights", insights, False),
        ("dashboard cached", dashboard, True),
    )
    for name, fn, cached in runs:
        try:
            with override_settings(FIGURES_CACHE=cached):
                out[name] = _measure(fn, repeat)
        except DashboardMissing as exc:
            out[name] = {"missing": f"GET {url} answered {exc.status}"}
        except Exception as exc:  # an app bug: report it, keep measuring the rest
            out[name] = {"missing": f"error: {type(exc).__name__}: {exc}"[:300]}
    return out


def _measure(fn: Callable[[], Any], repeat: int) -> dict[str, Any]:
    timing = timed(fn, repeat)
    logs = []
    for _ in range(LOGGED_RUNS):
        with logged() as log:
            fn()
        logs.append(log)
    best = QueryLog.fastest(logs)
    return {
        **timing.as_json(),
        "queries": best.count,
        "slowest": best.slowest(),
        "by_function": best.by_function(),
        "peak_mib": peak_memory(fn),
    }


class DashboardMissing(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


@override_settings(FIGURES_CACHE=False)
def measure_programme() -> dict[str, Any]:
    """Insights for every journey, one after the other (warm code, each journey once,
    computed: the dashboard cache off)."""
    journeys = list(Journey.objects.order_by("pk"))
    period = Period()
    per: list[float] = []
    start = time.perf_counter()
    for journey in journeys:
        t = time.perf_counter()
        insights_for(journey, period)
        per.append((time.perf_counter() - t) * 1000)
    total = time.perf_counter() - start
    timing = Timing(per)
    return {
        "journeys": len(journeys),
        "total_s": total,
        "mean_ms": statistics.fmean(per),
        "median_ms": timing.median,
        "p95_ms": timing.p95,
        "max_ms": max(per),
    }


def measure_organisation_view(repeat: int) -> dict[str, Any]:
    """The organisation's view (insights/organisation.py) over the whole national programme
    (every journey of every host, each its own row, as `powerwith insights --organisation`
    gives an operator), and over the host organisation with the most journeys. Computed on
    every call (it has no cache); timed like a journey's figures."""
    facilitator = bench_facilitator()
    out: dict[str, Any] = {}

    def national() -> None:
        programme_figures(Journey.objects.all(), facilitator, every_journey=True)

    host = Organisation.objects.annotate(n=Count("hosted_journeys")).order_by("-n", "pk").first()
    runs: list[tuple[str, Callable[[], Any], int]] = [
        ("national programme", national, Journey.objects.count())
    ]
    if host is not None:
        runs.append(
            (
                f"one host ({host.slug})",
                lambda: organisation_figures(host, facilitator, every_journey=True),
                host.n,  # type: ignore[attr-defined]
            )
        )
    for name, fn, n in runs:
        try:
            out[name] = {"journeys": n, **_measure(fn, repeat)}
        except Exception as exc:  # an app bug: report it, keep measuring the rest
            out[name] = {"journeys": n, "missing": f"error: {type(exc).__name__}: {exc}"[:300]}
    return out


SPEED_CHECK_N = 1_000_000


def speed_check(repeat: int = 5) -> float:
    """Milliseconds this machine takes, now, for a fixed piece of plain Python (the sum of the
    squares below a million; median of ``repeat``). The same work in every run: timings from
    two runs, on two days or two machines, compare only through it (bench/README.md, "The
    speed check")."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        sum(i * i for i in range(SPEED_CHECK_N))
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 1)


def run(repeat: int, programme: bool = True) -> dict[str, Any]:
    client = Client()
    client.force_login(bench_facilitator())
    result: dict[str, Any] = {"insights_function": INSIGHTS_NAME, "journeys": {}}
    before = speed_check()
    for slug in (LARGE_SLUG, STEADY_SLUG):
        journey = Journey.objects.get(slug=slug)
        result["journeys"][slug] = measure_journey(journey, client, repeat)
    result["speed_check_ms"] = {"before": before, "after": speed_check()}
    if programme:
        # The per-journey loop and the organisation's view in the same run, side by side.
        result["programme"] = measure_programme()
        result["organisation_view"] = measure_organisation_view(repeat)
    return result
