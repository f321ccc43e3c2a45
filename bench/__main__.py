"""``python -m bench`` (``make bench``): generate the programme, time the dashboard, print a table.

    python -m bench [--scales 1,10] [--db sqlite,postgres] [--repeat 5] [--quick] [--reuse]

For each database and scale: a fresh database (SQLite file under var/bench/, or a database
``powerwith_bench_<scale>x`` (``--pg-prefix``) on the PostgreSQL server in ``POWERWITH_BENCH_PG`` or started by
scripts/pg.sh), migrated, filled by ``bench.generator`` in a child process, then timed by
``bench.measure`` in another child process (so each one's peak memory is its own). Timings are
reported, never judged by the exit code: the process fails only if something breaks.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import platform
import resource
import shlex
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 200.0


def scale_tag(scale: float) -> str:
    return f"{scale:g}x"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Child processes (Django is set up only there)


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _db_size_mib() -> float:
    from django.db import connection

    if connection.vendor == "sqlite":
        name = Path(str(connection.settings_dict["NAME"]))
        return sum(p.stat().st_size for p in name.parent.glob(name.name + "*")) / 2**20
    with connection.cursor() as cur:
        cur.execute("SELECT pg_database_size(current_database())")
        return int(cur.fetchone()[0]) / 2**20


def child_generate(args: argparse.Namespace) -> int:
    _setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.generator import LARGE_SLUG, STEADY_SLUG, generate

    t = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrate_s = time.perf_counter() - t
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:  # a throwaway file: trade safety for speed while loading
            cur.execute("PRAGMA synchronous=OFF")
            cur.execute("PRAGMA cache_size=-262144")
    today = datetime.date.fromisoformat(args.today) if args.today else None
    result = generate(args.scale, seed=args.seed, today=today, progress=log, fast_foreign_keys=True)
    t = time.perf_counter()
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("ANALYZE")
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            cur.execute("VACUUM ANALYZE")
    analyze_s = time.perf_counter() - t
    plan = result.plan
    out = {
        "migrate_s": migrate_s,
        "generate_s": result.seconds,
        "write_s": result.write_seconds,
        "analyze_s": analyze_s,
        "counts": result.counts,
        "rows": result.rows,
        "journeys": len(plan.journeys),
        "totals": plan.totals.__dict__,
        "large": plan.journey(LARGE_SLUG).size.__dict__,
        "steady": plan.journey(STEADY_SLUG).size.__dict__,
        "maxrss_mib": _maxrss_mib(),
        "db_size_mib": _db_size_mib(),
    }
    Path(args.json_out).write_text(json.dumps(out))
    return 0


def child_measure(args: argparse.Namespace) -> int:
    _setup()
    from django.core.management import call_command

    from bench import measure

    call_command("migrate", interactive=False, verbosity=0)  # a reused database may lag behind
    out = measure.run(args.repeat, programme=not args.no_programme)
    out["maxrss_mib"] = _maxrss_mib()
    Path(args.json_out).write_text(json.dumps(out))
    return 0


# ---------------------------------------------------------------------------------------------
# The parent: prepare databases, run the children, print the report


def pg_base_url() -> str | None:
    url = os.environ.get("POWERWITH_BENCH_PG")
    if url:
        return url
    try:
        done = subprocess.run(
            [str(ROOT / "scripts" / "pg.sh")], capture_output=True, text=True, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        log(f"PostgreSQL not available: {done.stderr.strip()}")
        return None
    return done.stdout.strip().splitlines()[-1]


def pg_url(base: str, dbname: str) -> str:
    head, _sep, _old = base.rpartition("/")
    return f"{head}/{dbname}"


def pg_recreate(base: str, dbname: str) -> None:
    import psycopg

    with psycopg.connect(pg_url(base, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{dbname}"')


def pg_has_data(base: str, dbname: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(pg_url(base, dbname)) as conn:
            row = conn.execute(
                "SELECT count(*) FROM journeys_journey WHERE slug = 'bench-large'"
            ).fetchone()
            return bool(row and row[0])
    except psycopg.Error:
        return False


def run_child(kind: str, url: str, scale: float, args: argparse.Namespace, out: Path) -> float:
    cmd = [
        sys.executable,
        "-m",
        "bench",
        "--child",
        kind,
        "--scale",
        str(scale),
        "--seed",
        str(args.seed),
        "--repeat",
        str(args.repeat),
        "--json-out",
        str(out),
    ]
    if args.today:
        cmd += ["--today", args.today]
    if args.no_programme:
        cmd.append("--no-programme")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": url,
        "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]),
    }
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=ROOT)
    if done.returncode != 0:
        raise ChildFailed(
            f"{kind} {scale_tag(scale)} on {url.split(':')[0]} failed (exit {done.returncode})"
        )
    return time.perf_counter() - start


class ChildFailed(Exception):
    pass


def orchestrate(args: argparse.Namespace) -> int:
    wall = time.perf_counter()
    scales = sorted(float(s) for s in args.scales.split(","))
    dbs = [d.strip() for d in args.db.split(",") if d.strip()]
    outdir = Path(args.out)
    outdir.mkdir(parents=True, exist_ok=True)
    pg_base = pg_base_url() if "postgres" in dbs else None
    if "postgres" in dbs and pg_base is None:
        log("skipping PostgreSQL: no server (set POWERWITH_BENCH_PG or install PostgreSQL)")
        dbs.remove("postgres")
    results: dict[str, dict[str, Any]] = {}
    failures: list[str] = []
    for db in dbs:
        for scale in scales:
            tag = scale_tag(scale)
            key = f"{db} {tag}"
            if db == "sqlite":
                path = outdir / f"bench-{tag}.sqlite3"
                url = f"sqlite:///{path.resolve()}"
                fresh = not (args.reuse and path.exists())
                if fresh:
                    for p in outdir.glob(path.name + "*"):
                        p.unlink()
            else:
                assert pg_base is not None
                dbname = args.pg_prefix + tag.replace(".", "_")
                url = pg_url(pg_base, dbname)
                fresh = not (args.reuse and pg_has_data(pg_base, dbname))
                if fresh:
                    pg_recreate(pg_base, dbname)
            entry: dict[str, Any] = {"db": db, "scale": scale}
            gen_file = outdir / f"generate-{db}-{tag}.json"
            meas_file = outdir / f"measure-{db}-{tag}.json"
            try:
                if fresh:
                    log(f"{key}: generating")
                    gen_file.unlink(missing_ok=True)
                    entry["generate_wall_s"] = run_child("generate", url, scale, args, gen_file)
                else:
                    log(f"{key}: reusing the database generated before")
                entry["generate"] = json.loads(gen_file.read_text()) if gen_file.exists() else {}
                entry["generated_now"] = fresh
                log(f"{key}: measuring")
                entry["measure_wall_s"] = run_child("measure", url, scale, args, meas_file)
                entry["measure"] = json.loads(meas_file.read_text())
            except ChildFailed as exc:
                log(f"{key}: {exc}; going on with the rest")
                failures.append(str(exc))
                continue
            results[key] = entry
    info = {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "command": "python -m bench " + " ".join(shlex.quote(a) for a in sys.argv[1:]),
        "seed": args.seed,
        "repeat": args.repeat,
        "scales": scales,
        "dbs": dbs,
        "wall_s": time.perf_counter() - wall,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "sqlite": _sqlite_version(),
        "postgres": _pg_version(pg_base) if pg_base else None,
    }
    text = report(info, results)
    if failures:
        text += "\n\nFAILED (see the messages above): " + "; ".join(failures)
    print(text)
    stamp = datetime.date.today().isoformat()
    (outdir / f"report-{stamp}.txt").write_text(text + "\n")
    (outdir / f"results-{stamp}.json").write_text(
        json.dumps({"info": info, "results": results}, indent=1)
    )
    log(f"report written to {outdir / f'report-{stamp}.txt'}")
    return 1 if failures else 0


def _sqlite_version() -> str:
    import sqlite3

    return sqlite3.sqlite_version


def _pg_version(base: str) -> str | None:
    import psycopg

    try:
        with psycopg.connect(pg_url(base, "postgres")) as conn:
            row = conn.execute("SHOW server_version").fetchone()
            return str(row[0]) if row else None
    except psycopg.Error:
        return None


# ---------------------------------------------------------------------------------------------
# The report


def _n(x: float) -> str:
    return f"{x:,.0f}"


def _ms(x: float | None) -> str:
    return "-" if x is None else (f"{x:,.1f}" if x < 100 else f"{x:,.0f}")


def _own(size: dict[str, int]) -> int:
    return size["people"] + size["attendance"] + size["turns"] + size["contributions"]


def _table(rows: list[list[str]], right: set[int] | None = None) -> str:
    right = right if right is not None else set(range(1, 99))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, r in enumerate(rows):
        cells = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _speed(measure: dict[str, Any]) -> str:
    """The machine's speed check around the timings (bench.measure.speed_check), when the run
    made one."""
    check = measure.get("speed_check_ms")
    if not check:
        return ""
    return f"; speed check {_ms(check['before'])} ms before, {_ms(check['after'])} ms after"


def _verdict(time_ratio: float, own_ratio: float) -> str:
    return "no faster" if time_ratio <= own_ratio * 1.25 + 0.25 else "FASTER than own data"


def report(info: dict[str, Any], results: dict[str, dict[str, Any]]) -> str:
    out: list[str] = []
    out.append(f"PowerWith benchmark, {info['date']}")
    out.append(f"command: {info['command']}")
    out.append(
        f"machine: {info['machine']}; SQLite {info['sqlite']}; PostgreSQL {info['postgres'] or '-'}"
    )
    out.append(
        f"seed {info['seed']}; warm timings: 1 warm-up then {info['repeat']} repeats; "
        f"total wall time {info['wall_s'] / 60:.1f} min"
    )
    any_measure = next(iter(results.values()), {}).get("measure", {})
    out.append(f"insights function: {any_measure.get('insights_function', '-')}")

    out.append("\n== Generated data ==")
    rows = [["db", "scale", "journeys", "people", "attendance", "turns", "contributions", "all rows", "gen s", "rows/s", "peak RSS MiB", "DB MiB"]]  # fmt: skip
    for entry in results.values():
        g = entry["generate"]
        if not g:
            continue
        t = g["totals"]
        gen_s = g["generate_s"]
        rows.append(
            [
                entry["db"],
                scale_tag(entry["scale"]),
                _n(g["journeys"]),
                _n(t["people"]),
                _n(t["attendance"]),
                _n(t["turns"]),
                _n(t["contributions"]),
                _n(g["rows"]),
                f"{gen_s:.1f}" + ("" if entry["generated_now"] else " (earlier)"),
                _n(g["rows"] / gen_s),
                f"{g['maxrss_mib']:.0f}",
                f"{g['db_size_mib']:.0f}",
            ]
        )
    out.append(_table(rows, right=set(range(2, 12))))
    out.append(
        "gen s: generating and writing in one transaction (migrations and ANALYZE not included)."
    )
    sizes = []
    for entry in results.values():
        g = entry["generate"]
        if g and entry["db"] == results[next(iter(results))]["db"]:
            lg, st = g["large"], g["steady"]
            sizes.append(
                f"  {scale_tag(entry['scale'])}: bench-large {_n(lg['people'])} people, "
                f"{_n(lg['attendance'])} attendance, {_n(lg['turns'])} turns, "
                f"{_n(lg['contributions'])} contributions; bench-steady {_n(st['people'])} / "
                f"{_n(st['attendance'])} / {_n(st['turns'])} / {_n(st['contributions'])}"
            )
    out.append("Named journeys (people, attendance, turns, contributions):")
    out.extend(sizes)

    out.append("\n== Warm timings (ms) ==")
    rows = [["db", "scale", "what", "min", "median", "p95", "cpu", "queries", "peak MiB"]]
    for entry in results.values():
        m = entry["measure"]
        for slug, parts in m["journeys"].items():
            for what in ("dashboard", "dashboard cached", "insights"):
                if what not in parts:  # measured before the dashboard cache
                    continue
                part = parts[what]
                label = f"{what} {slug}"
                if "missing" in part:
                    rows.append([entry["db"], scale_tag(entry["scale"]), label, "-", "-", "-", "-", "-", part["missing"]])  # fmt: skip
                    continue
                rows.append(
                    [
                        entry["db"],
                        scale_tag(entry["scale"]),
                        label,
                        _ms(part["min"]),
                        _ms(part["median"]),
                        _ms(part["p95"]),
                        _ms(part.get("cpu_median")),
                        str(part["queries"]),
                        f"{part['peak_mib']:.1f}",
                    ]
                )
    out.append(_table(rows, right={3, 4, 5, 6, 7, 8}))
    out.append(
        "cpu: median CPU time of this process per call (Python, and on SQLite the database too); "
        "unlike the wall times it does not count waiting for PostgreSQL or for a busy CPU. "
        "peak MiB: Python allocations during one call (tracemalloc). "
        "dashboard and insights: computed every time (the dashboard cache off); dashboard "
        "cached: the same page between two writes, its figures kept in the shared cache."
    )
    for entry in results.values():
        speed = _speed(entry["measure"])
        if speed:
            out.append(
                f"{entry['db']} {scale_tag(entry['scale'])}{speed}: a fixed piece of plain Python "
                "(the sum of the squares below a million), the same in every run; timings from "
                "two runs compare only through it."
            )

    out.append("\n== The whole programme: insights for every journey, one after another ==")
    rows = [["db", "scale", "journeys", "total s", "mean ms", "median ms", "p95 ms", "max ms", "RSS MiB"]]  # fmt: skip
    for entry in results.values():
        p = entry["measure"].get("programme")
        if not p:
            continue
        rows.append(
            [
                entry["db"],
                scale_tag(entry["scale"]),
                _n(p["journeys"]),
                f"{p['total_s']:.1f}",
                _ms(p["mean_ms"]),
                _ms(p["median_ms"]),
                _ms(p["p95_ms"]),
                _ms(p["max_ms"]),
                f"{entry['measure']['maxrss_mib']:.0f}",
            ]
        )
    out.append(_table(rows, right=set(range(2, 9))))

    out.append("\n== The organisation's view (insights/organisation.py), next to the loop above ==")
    rows = [["db", "scale", "view", "journeys", "min ms", "median ms", "p95 ms", "cpu ms", "queries", "loop s", "loop / view"]]  # fmt: skip
    for entry in results.values():
        views = entry["measure"].get("organisation_view") or {}
        loop = entry["measure"].get("programme") or {}
        for name, v in views.items():
            if "missing" in v:
                rows.append([entry["db"], scale_tag(entry["scale"]), name, _n(v["journeys"]), v["missing"], "", "", "", "", "", ""])  # fmt: skip
                continue
            national = name == "national programme" and loop.get("total_s")
            rows.append(
                [
                    entry["db"],
                    scale_tag(entry["scale"]),
                    name,
                    _n(v["journeys"]),
                    _ms(v["min"]),
                    _ms(v["median"]),
                    _ms(v["p95"]),
                    _ms(v.get("cpu_median")),
                    str(v["queries"]),
                    f"{loop['total_s']:.1f}" if national else "-",
                    f"{loop['total_s'] * 1000 / v['median']:.0f}x" if national else "-",
                ]
            )
    if len(rows) > 1:
        out.append(_table(rows, right={3, 4, 5, 6, 7, 8, 9, 10}))
        out.append(
            "The national programme: every journey of every host, each its own row, in one "
            "document; the loop: insights_for every journey one after another (above). Target: "
            "the national programme under 2 s warm on PostgreSQL at 10x; queries must not grow "
            "with the journeys."
        )

    out.append("\n== Growth between scales: time ratio against the data's own growth ==")
    rows = [["db", "scales", "what", "time ratio", "cpu ratio", "own data ratio", "verdict", "queries"]]  # fmt: skip
    by_db: dict[str, list[dict[str, Any]]] = {}
    for entry in results.values():
        by_db.setdefault(entry["db"], []).append(entry)
    for db, entries in by_db.items():
        entries.sort(key=lambda e: e["scale"])
        for a, b in itertools.pairwise(entries):
            ga, gb = a["generate"], b["generate"]
            pair = f"{scale_tag(a['scale'])}->{scale_tag(b['scale'])}"
            for slug, size_key in (("bench-large", "large"), ("bench-steady", "steady")):
                own = _own(gb[size_key]) / _own(ga[size_key]) if ga and gb else float("nan")
                for what in ("dashboard", "insights"):
                    pa = a["measure"]["journeys"][slug][what]
                    pb = b["measure"]["journeys"][slug][what]
                    if "missing" in pa or "missing" in pb:
                        continue
                    ratio = pb["median"] / pa["median"]
                    cpu = (
                        f"{pb['cpu_median'] / pa['cpu_median']:.2f}"
                        if pa.get("cpu_median") and pb.get("cpu_median")
                        else "-"
                    )
                    q = f"{pa['queries']} -> {pb['queries']}" + (
                        "" if pb["queries"] <= pa["queries"] else " GREW"
                    )
                    rows.append([db, pair, f"{what} {slug}", f"{ratio:.2f}", cpu, f"{own:.2f}", _verdict(ratio, own), q])  # fmt: skip
            pa, pb = a["measure"].get("programme"), b["measure"].get("programme")
            if pa and pb and ga and gb:
                own_total = gb["rows"] / ga["rows"]
                ratio = pb["total_s"] / pa["total_s"]
                rows.append([db, pair, "programme total", f"{ratio:.2f}", "-", f"{own_total:.2f}", _verdict(ratio, own_total), ""])  # fmt: skip
                own_mean = (gb["rows"] / gb["journeys"]) / (ga["rows"] / ga["journeys"])
                ratio = pb["mean_ms"] / pa["mean_ms"]
                rows.append([db, pair, "programme per journey", f"{ratio:.2f}", "-", f"{own_mean:.2f}", _verdict(ratio, own_mean), ""])  # fmt: skip
    if len(rows) > 1:
        out.append(_table(rows, right={3, 4, 5}))
        out.append(
            "time ratio: of the median wall times; cpu ratio: of this process's CPU time (steadier "
            "on a busy machine; on PostgreSQL it leaves out the server's work). "
            "own data ratio: people + attendance + turns + contributions of the journey (or of the "
            "programme, or of its average journey). 'no faster': time grew at most 1.25x the data."
        )
    else:
        out.append("(one scale only)")

    out.append("\n== Target: a journey's dashboard well under 200 ms warm on PostgreSQL ==")
    for entry in results.values():
        part = entry["measure"]["journeys"]["bench-large"]["dashboard"]
        where = f"{entry['db']} {scale_tag(entry['scale'])}"
        if "missing" in part:
            out.append(f"  {where}: not measured ({part['missing']})")
            continue
        verdict = "PASS" if part["median"] < TARGET_MS else "MISS"
        note = "" if entry["db"] == "postgres" else " (for information)"
        out.append(
            f"  {where}: dashboard bench-large median {_ms(part['median'])} ms, "
            f"p95 {_ms(part['p95'])} ms: {verdict}{note}{_speed(entry['measure'])}"
        )

    out.append("\n== Where the time goes: SQL time of one call, by function of ours ==")
    for db, entries in by_db.items():
        if len(entries) < 2:
            continue
        for slug in ("bench-large", "bench-steady"):
            _where(out, db, slug, entries[0], entries[-1])
    return "\n".join(out)


def _where(out: list[str], db: str, slug: str, small: dict[str, Any], big: dict[str, Any]) -> None:
    """SQL time by function at both ends, flagging what grows faster than the journey's data."""
    what = "dashboard"
    if any("missing" in e["measure"]["journeys"][slug][what] for e in (big, small)):
        what = "insights"
    part = big["measure"]["journeys"][slug][what]
    base = small["measure"]["journeys"][slug][what]
    if "missing" in part or "missing" in base:
        return
    size_key = "large" if slug == "bench-large" else "steady"
    ga, gb = small.get("generate") or {}, big.get("generate") or {}
    own = _own(gb[size_key]) / _own(ga[size_key]) if ga and gb else float("nan")
    base_fn = base.get("by_function", {})
    fns = sorted(part["by_function"].items(), key=lambda kv: kv[1]["ms"], reverse=True)[:10]
    big_tag, small_tag = scale_tag(big["scale"]), scale_tag(small["scale"])
    rows = [["function", "queries", f"SQL ms {small_tag}", f"SQL ms {big_tag}", "ratio", ""]]
    for name, v in fns:
        was = base_fn.get(name, {}).get("ms")
        ratio = v["ms"] / was if was else None
        flag = ""
        if was and ratio is not None and v["ms"] - was >= 2 and ratio > own * 1.25 + 2:
            flag = (
                "grows faster than the journey's data" if own > 1.5 else "grows with the programme"
            )
        rows.append(
            [
                name,
                str(int(v["queries"])),
                _ms(was),
                _ms(v["ms"]),
                f"{ratio:.1f}" if ratio is not None else "-",
                flag,
            ]
        )
    total_big = sum(v["ms"] for v in part["by_function"].values())
    total_small = sum(v["ms"] for v in base_fn.values())
    out.append(
        f"{db}, {slug} ({what}; own data x{own:.1f}): SQL {_ms(total_small)} ms -> "
        f"{_ms(total_big)} ms of a median {_ms(base['median'])} -> {_ms(part['median'])} ms"
    )
    out.append(_table(rows, right={1, 2, 3, 4}))
    if slug == "bench-large":
        out.append(f"slowest statements at {big_tag}:")
        for st in part["slowest"][:3]:
            out.append(f"  {_ms(st['ms'])} ms  {st['where']}  {st['sql'][:200]}")
    out.append("")


# ---------------------------------------------------------------------------------------------


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    p.add_argument("--scales", default="1,10", help="comma-separated scales (default 1,10)")
    p.add_argument("--db", default="sqlite,postgres", help="sqlite, postgres or both")
    p.add_argument("--repeat", type=int, default=5, help="warm repeats per timing (default 5)")
    p.add_argument("--quick", action="store_true", help="development: scales 0.1,1 and 3 repeats")
    p.add_argument(
        "--reuse", action="store_true", help="keep databases generated before (same scale)"
    )
    p.add_argument("--no-programme", action="store_true", help="skip the whole-programme run")
    p.add_argument(
        "--pg-prefix",
        default="powerwith_bench_",
        help="PostgreSQL database names: this prefix and the scale (default powerwith_bench_)",
    )
    p.add_argument("--seed", type=int, default=20250101)
    p.add_argument("--today", help="anchor date YYYY-MM-DD (default: today)")
    p.add_argument("--out", default=str(ROOT / "var" / "bench"), help="where files go")
    p.add_argument("--report-only", metavar="RESULTS_JSON", help="print the report of a past run")
    p.add_argument("--child", choices=["generate", "measure"], help=argparse.SUPPRESS)
    p.add_argument("--scale", type=float, help=argparse.SUPPRESS)
    p.add_argument("--json-out", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.quick:
        args.scales = "0.1,1"
        args.repeat = min(args.repeat, 3)
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["commonground"]:  # the opinion-group maths (bench/commonground.py)
        from bench import commonground

        return commonground.main(argv[1:])
    args = parse(argv)
    if args.child == "generate":
        return child_generate(args)
    if args.child == "measure":
        return child_measure(args)
    if args.report_only:
        saved = json.loads(Path(args.report_only).read_text())
        print(report(saved["info"], saved["results"]))
        return 0
    return orchestrate(args)


if __name__ == "__main__":
    sys.exit(main())
