"""``python -m bench commonground``: the opinion-group maths against red-dwarf, and at 1M votes.

    python -m bench commonground [--data DIR] [--repeat 3] [--db sqlite,postgres] [--votes 1000000]

1. Every Pol.is conversation in ``--data`` (default: the shared ``data/polis`` folder), in one
   run: our time to compute the analysis from the votes (every line of ``votes.csv``, reduced
   to the latest vote per participant and statement, then ``analysis.analyse``) against
   red-dwarf 0.4's ``run_pipeline`` on the same vote lines (the bench-only extra
   ``pip install .[bench]``; skipped with a message when it is not installed), and the adjusted
   Rand index of our groups and of red-dwarf's against Pol.is's own ``group-id``.
2. A synthetic conversation of ``--votes`` votes (1,000,000 by default): the analysis in memory,
   its peak memory, red-dwarf on the same votes; then on each database a round of that size
   written by bulk insert (``COPY`` on PostgreSQL), the whole analysis as the results page
   gets it the first time (nothing kept: every vote read from the database, then the maths),
   and the recompute after one new vote through ``response_record`` (the kept matrix brought
   up to date: ``commonground/kept.py``), with the vote's own cost and the update's.

Each figure is printed next to its peer from the same run, with the load average: the machine
may be shared. Wall time is the fastest of ``--repeat`` runs; CPU time is this process's own
(all its threads), which other people's work disturbs less.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polis"
if not DEFAULT_DATA.is_dir():
    DEFAULT_DATA = Path("/work/shared/data/polis")


def log(message: str) -> None:
    print(
        f"[bench commonground {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True
    )


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} {five:.1f} {fifteen:.1f}"


def timed(fn: Callable[[], Any], repeat: int) -> tuple[Any, float, float]:
    """The result, the fastest wall time and the fastest CPU time (ms) of ``repeat`` runs,
    after one warm-up run (imports and first-call set-up are not timed)."""
    best_wall = best_cpu = float("inf")
    result: Any = fn()
    for _ in range(max(1, repeat)):
        w, c = time.perf_counter(), time.process_time()
        result = fn()
        best_wall = min(best_wall, (time.perf_counter() - w) * 1000)
        best_cpu = min(best_cpu, (time.process_time() - c) * 1000)
    return result, best_wall, best_cpu


# --- the vote lines, as both implementations take them -------------------------------------------


def read_lines(folder: Path) -> tuple[NDArrayInt, list[int]]:
    """Every line of votes.csv as rows (timestamp, participant, statement, vote), and the
    statements moderated out in comments.csv."""
    with (folder / "votes.csv").open(newline="", encoding="utf-8-sig") as fh:
        rows = [
            (int(r["timestamp"]), int(r["voter-id"]), int(r["comment-id"]), int(r["vote"]))
            for r in csv.DictReader(fh)
        ]
    with (folder / "comments.csv").open(newline="", encoding="utf-8-sig") as fh:
        out = [int(r["comment-id"]) for r in csv.DictReader(fh) if r["moderated"].strip() == "-1"]
    return np.array(rows, dtype=np.int64).reshape(-1, 4), out


NDArrayInt = Any  # numpy int64 array (kept loose: this file is not in mypy's scope)


def latest(lines: NDArrayInt, mod_out: list[int]) -> NDArrayInt:
    """The latest vote per participant and statement (a stable sort by time, the last line
    winning a tie, as ``import-polis`` does), statements moderated out left out. Both
    implementations are timed from here: red-dwarf's ``run_pipeline`` refuses repeated pairs."""
    order = np.lexsort((np.arange(len(lines)), lines[:, 0]))
    by_time = lines[order]
    pairs = by_time[:, 1] * (int(by_time[:, 2].max()) + 1) + by_time[:, 2]
    _u, first_rev = np.unique(pairs[::-1], return_index=True)
    keep = by_time[np.sort(len(by_time) - 1 - first_rev)]
    return keep[~np.isin(keep[:, 2], mod_out)]


def _codes(ids: NDArrayInt) -> tuple[NDArrayInt, NDArrayInt]:
    """The distinct ids in order and each id's position among them (what ``np.unique`` with
    ``return_inverse`` gives), by marking the ids present in a table as long as the largest:
    Pol.is ids are small whole numbers, and this is a tenth of the sort's time."""
    present = np.zeros(int(ids.max()) + 1, dtype=bool)
    present[ids] = True
    position = np.cumsum(present) - 1
    return np.flatnonzero(present), position[ids]


def ours(keep: NDArrayInt) -> dict[str, Any]:
    """Our analysis of the latest votes: the arrays ``selectors.round_votes`` would give,
    then ``analysis.analyse``."""
    from powerwith.commonground.analysis import Votes, analyse

    people, rows = _codes(keep[:, 1])
    stmts, cols = _codes(keep[:, 2])
    return analyse(
        Votes(
            participants=[str(p) for p in people],
            statements=[str(s) for s in stmts],
            rows=rows,
            cols=cols,
            values=keep[:, 3],
        )
    )


def dwarf_votes(keep: NDArrayInt) -> list[dict[str, int]]:
    return [
        {"participant_id": p, "statement_id": s, "vote": v, "modified": t}
        for t, p, s, v in keep.tolist()
    ]


def dwarf(votes: list[dict[str, int]]) -> Any:
    from reddwarf.implementations.polis import run_pipeline

    return run_pipeline(votes=votes, random_state=0)


def dwarf_groups(result: Any) -> dict[str, int]:
    df = result.participants_df
    return {str(p): int(g) for p, g in df["cluster_id"].items() if not _isna(g)}


def _isna(x: Any) -> bool:
    import pandas as pd

    return bool(pd.isna(x))


def polis_groups(folder: Path) -> dict[str, int]:
    with (folder / "participants-votes.csv").open(newline="", encoding="utf-8-sig") as fh:
        return {r["participant"]: int(r["group-id"]) for r in csv.DictReader(fh) if r["group-id"]}


def ari(mine: dict[str, int], theirs: dict[str, int]) -> tuple[float, int]:
    from sklearn.metrics import adjusted_rand_score

    both = sorted(set(mine) & set(theirs), key=int)
    if not both:
        return float("nan"), 0
    return float(adjusted_rand_score([theirs[p] for p in both], [mine[p] for p in both])), len(both)


def have_dwarf() -> bool:
    try:
        import reddwarf  # noqa: F401
    except ImportError:
        return False
    return True


def conversations(data: Path, repeat: int) -> list[dict[str, Any]]:
    out = []
    dw = have_dwarf()
    for folder in sorted(p for p in data.iterdir() if (p / "votes.csv").is_file()):
        lines, mod_out = read_lines(folder)
        keep = latest(lines, mod_out)
        pg = polis_groups(folder)
        res, wall, cpu = timed(lambda k=keep: ours(k), repeat)
        mine = {p["external_id"]: p["group"] for p in res["participants"] if p["group"] is not None}
        row: dict[str, Any] = {
            "conversation": folder.name,
            "vote_lines": len(lines),
            "latest_votes": len(keep),
            "participants": res["n_participants"],
            "statements": res["n_statements"],
            "ours_ms": round(wall, 1),
            "ours_cpu_ms": round(cpu, 1),
            "ours_groups": len(res["groups"]),
            "polis_groups": len(set(pg.values())),
        }
        row["ours_ari"], row["compared"] = ari(mine, pg)
        if dw:
            dv = dwarf_votes(keep)
            dres, dwall, dcpu = timed(lambda d=dv: dwarf(d), repeat)
            theirs = dwarf_groups(dres)
            row["dwarf_ms"], row["dwarf_cpu_ms"] = round(dwall, 1), round(dcpu, 1)
            row["dwarf_groups"] = len(set(theirs.values()))
            row["dwarf_ari"], row["dwarf_compared"] = ari(theirs, pg)
            row["faster"] = round(dwall / wall, 1)
            row["faster_cpu"] = round(dcpu / cpu, 1)
        row["load"] = load()
        log(json.dumps(row))
        out.append(row)
    return out


# --- a synthetic conversation -----------------------------------------------------------------


def synthetic(n_votes: int, seed: int = 20250101) -> tuple[NDArrayInt, int, int]:
    """Vote lines (timestamp, participant, statement, vote) for a conversation of about
    ``n_votes`` votes: 200 statements, each participant voting on 50 of them, three opinion
    groups of 50%, 30% and 20% with their own leanings, 20% passes."""
    rng = np.random.default_rng(seed)
    n_statements, per_person = 200, 50
    n_people = n_votes // per_person
    lean = rng.uniform(-0.9, 0.9, size=(3, n_statements))
    group = rng.choice(3, size=n_people, p=[0.5, 0.3, 0.2])
    people = np.repeat(np.arange(n_people), per_person)
    # each person's statements: a random 50 of the 200, without repeats
    stmts = np.argsort(rng.random((n_people, n_statements)), axis=1)[:, :per_person].ravel()
    p_agree = (1 + lean[group[people], stmts]) / 2
    u = rng.random(len(people))
    vote = np.where(u < 0.2, 0, np.where(rng.random(len(people)) < p_agree, 1, -1))
    ts = 1_700_000_000_000 + np.arange(len(people)) * 50
    return np.stack([ts, people, stmts, vote], axis=1).astype(np.int64), n_people, n_statements


def in_memory(n_votes: int, repeat: int, with_dwarf: bool) -> dict[str, Any]:
    lines, n_people, n_statements = synthetic(n_votes)
    res, wall, cpu = timed(lambda: ours(lines), repeat)
    tracemalloc.start()
    ours(lines)
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    row: dict[str, Any] = {
        "votes": len(lines),
        "participants": n_people,
        "statements": n_statements,
        "ours_ms": round(wall, 1),
        "ours_cpu_ms": round(cpu, 1),
        "ours_peak_mib": round(peak / 2**20, 1),
        "ours_groups": len(res["groups"]),
        "process_maxrss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if with_dwarf and have_dwarf():
        dv = dwarf_votes(lines)
        _d, dwall, dcpu = timed(lambda: dwarf(dv), 1)  # two runs: a warm-up, then timed
        row["dwarf_ms"], row["dwarf_cpu_ms"] = round(dwall, 1), round(dcpu, 1)
        row["faster"] = round(dwall / wall, 1)
        row["faster_cpu"] = round(dcpu / cpu, 1)
    row["load"] = load()
    log(json.dumps(row))
    return row


def write_round(lines: NDArrayInt, n_people: int, n_statements: int) -> Any:
    """A closed round of the synthetic conversation, written in bulk (``COPY`` on PostgreSQL,
    ``executemany`` on SQLite): rows straight into the tables, as bench/generator.py does."""
    import datetime

    from django.db import connection, transaction
    from django.utils import timezone

    from powerwith.commonground.models import Participant, Statement, StatementRound
    from powerwith.journeys.models import Journey

    journey, _ = Journey.objects.get_or_create(
        slug="bench-commonground",
        defaults={"title": "Common ground at a million votes", "started_on": datetime.date.today()},
    )
    with transaction.atomic():
        rnd = StatementRound.objects.create(
            journey=journey, question="A million votes", is_open=True, source="bench"
        )
        Statement.objects.bulk_create(
            [
                Statement(round=rnd, text=f"Statement {i}", external_id=str(i))
                for i in range(n_statements)
            ],
            batch_size=5000,
        )
        Participant.objects.bulk_create(
            [
                Participant(round=rnd, external_id=str(i), channel="imported")
                for i in range(n_people)
            ],
            batch_size=5000,
        )
        s0 = Statement.objects.filter(round=rnd).order_by("pk").values_list("pk", flat=True)[0]
        p0 = Participant.objects.filter(round=rnd).order_by("pk").values_list("pk", flat=True)[0]
        now = timezone.now()
        table = response_table()
        cols = "participant_id, statement_id, vote, created_at"
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                with cur.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                    for _t, p, s, v in lines.tolist():
                        copy.write_row((p0 + p, s0 + s, v, now))
            else:
                cur.executemany(
                    f"INSERT INTO {table} ({cols}) VALUES (%s, %s, %s, %s)",
                    [(p0 + p, s0 + s, v, now) for _t, p, s, v in lines.tolist()],
                )
    return rnd


def response_table() -> str:
    from powerwith.commonground.models import Response

    return Response._meta.db_table


def child_db(n_votes: int, repeat: int) -> dict[str, Any]:
    """Inside a child process whose settings point at a fresh database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from powerwith.commonground import kept, selectors, services
    from powerwith.commonground.models import Participant, Statement

    call_command("migrate", interactive=False, verbosity=0)
    lines, n_people, n_statements = synthetic(n_votes)
    t = time.perf_counter()
    rnd = write_round(lines, n_people, n_statements)
    write_s = time.perf_counter() - t
    with connection.cursor() as cur:
        cur.execute("ANALYZE")

    def first_read() -> dict[str, Any]:
        # As the first results page after a start: nothing kept in this process.
        kept.forget()
        return selectors.round_analysis(rnd)

    def first_read_alone() -> Any:
        kept.forget()
        return kept.round_matrix(rnd)

    res, wall, cpu = timed(first_read, repeat)
    _m, rwall, rcpu = timed(first_read_alone, repeat)
    participant = Participant.objects.filter(round=rnd).order_by("pk").first()
    # a statement this participant has not voted on yet, so the new vote adds a row
    voted = set(participant.responses.values_list("statement_id", flat=True))
    statement = Statement.objects.filter(round=rnd).exclude(pk__in=voted).order_by("pk").first()

    answers = iter([1, -1] * (3 * repeat + 3))

    def vote() -> None:
        # A different answer each time (agree, then disagree...), so each is a real change:
        # the same answer again would change nothing and leave the kept analysis valid.
        services.response_record(participant=participant, statement=statement, vote=next(answers))

    def one_more() -> dict[str, Any]:
        vote()
        return selectors.cached_analysis(rnd)

    def one_more_read() -> Any:
        vote()
        return kept.round_matrix(rnd)

    _r, vwall, vcpu = timed(one_more, repeat)
    incremental = kept.round_matrix(rnd).full is False
    _u, uwall, ucpu = timed(one_more_read, repeat)
    _v, owall, ocpu = timed(vote, repeat)
    row = {
        "db": connection.vendor,
        "votes": len(lines),
        "write_s": round(write_s, 1),
        "page_ms": round(wall, 1),
        "page_cpu_ms": round(cpu, 1),
        "first_read_ms": round(rwall, 1),
        "first_read_cpu_ms": round(rcpu, 1),
        "compute_ms": res["compute_ms"],
        "one_vote_then_recompute_ms": round(vwall, 1),
        "one_vote_then_recompute_cpu_ms": round(vcpu, 1),
        "one_vote_then_update_ms": round(uwall, 1),
        "one_vote_then_update_cpu_ms": round(ucpu, 1),
        "one_vote_ms": round(owall, 1),
        "one_vote_cpu_ms": round(ocpu, 1),
        "incremental": incremental,
        "maxrss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "load": load(),
    }
    log(json.dumps(row))
    return row


def on_databases(dbs: list[str], n_votes: int, repeat: int, outdir: Path) -> list[dict[str, Any]]:
    from bench.__main__ import pg_base_url, pg_recreate, pg_url

    rows = []
    for db in dbs:
        if db == "sqlite":
            path = outdir / "commonground.sqlite3"
            for p in outdir.glob(path.name + "*"):
                p.unlink()
            url = f"sqlite:///{path.resolve()}"
        else:
            base = pg_base_url()
            if base is None:
                log("skipping PostgreSQL: no server (set POWERWITH_BENCH_PG)")
                continue
            pg_recreate(base, "powerwith_bench_commonground")
            url = pg_url(base, "powerwith_bench_commonground")
        log(f"{db}: writing a round of {n_votes:,} votes and timing it")
        out = outdir / f"commonground-{db}.json"
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.settings"}
        cmd = [sys.executable, "-m", "bench.commonground", "--child-db", str(out)]
        cmd += ["--votes", str(n_votes), "--repeat", str(repeat)]
        done = subprocess.run(cmd, env=env)
        if done.returncode != 0:
            log(f"{db}: the child failed (exit {done.returncode}); going on")
            continue
        rows.append(json.loads(out.read_text()))
    return rows


# --- report -----------------------------------------------------------------------------------


def _f(x: Any, fmt: str = "{:,.0f}") -> str:
    if x is None or (isinstance(x, float) and x != x):
        return "-"
    return fmt.format(x)


def report(
    conv: list[dict[str, Any]], big: dict[str, Any] | None, dbs: list[dict[str, Any]]
) -> str:
    out = [
        "",
        "Common ground: our analysis against red-dwarf 0.4 (run_pipeline), same vote lines",
        "",
    ]
    out.append(
        f"{'conversation':30} {'votes':>7} {'ours ms':>8} {'cpu':>6} {'dwarf ms':>9} {'cpu':>7} "
        f"{'x faster':>8} {'(CPU)':>6} {'groups o/d/p':>13} {'ARI ours':>8} {'ARI dwarf':>9}  load"
    )
    for r in conv:
        groups = f"{r['ours_groups']}/{r.get('dwarf_groups', '-')}/{r['polis_groups']}"
        out.append(
            f"{r['conversation']:30} {r['vote_lines']:>7,} {_f(r['ours_ms']):>8} "
            f"{_f(r['ours_cpu_ms']):>6} {_f(r.get('dwarf_ms')):>9} {_f(r.get('dwarf_cpu_ms')):>7} "
            f"{_f(r.get('faster'), '{:.1f}'):>8} {_f(r.get('faster_cpu'), '{:.1f}'):>6} {groups:>13} {_f(r['ours_ari'], '{:.3f}'):>8} "
            f"{_f(r.get('dwarf_ari'), '{:.3f}'):>9}  {r['load']}"
        )
    if big:
        out += [
            "",
            f"Synthetic conversation: {big['votes']:,} votes, {big['participants']:,} participants, "
            f"{big['statements']} statements ({big['load']})",
        ]
        out.append(
            f"  ours in memory: {_f(big['ours_ms'])} ms (CPU {_f(big['ours_cpu_ms'])} ms), "
            f"peak {big['ours_peak_mib']} MiB of Python allocations, {big['ours_groups']} groups"
        )
        if "dwarf_ms" in big:
            out.append(
                f"  red-dwarf:      {_f(big['dwarf_ms'])} ms (CPU {_f(big['dwarf_cpu_ms'])} ms): "
                f"ours {big['faster']}x faster ({big['faster_cpu']}x in CPU time)"
            )
    for r in dbs:
        out += [
            f"  {r['db']}: written in {r['write_s']} s ({r['load']})",
            f"    first read (nothing kept: every vote read, then the maths): "
            f"{_f(r['page_ms'])} ms (CPU {_f(r['page_cpu_ms'])}); the read alone "
            f"{_f(r.get('first_read_ms'))} ms (CPU {_f(r.get('first_read_cpu_ms'))}), "
            f"the maths alone {_f(r['compute_ms'])} ms",
            f"    one new vote, then the recompute (the kept matrix brought up to date, the "
            f"maths, the shared cache): {_f(r['one_vote_then_recompute_ms'])} ms "
            f"(CPU {_f(r['one_vote_then_recompute_cpu_ms'])})"
            + ("" if r.get("incremental", True) else " [NOT incremental]"),
            f"      of which the vote itself {_f(r.get('one_vote_ms'))} ms "
            f"(CPU {_f(r.get('one_vote_cpu_ms'))}); the vote and bringing the matrix up to date "
            f"{_f(r.get('one_vote_then_update_ms'))} ms (CPU "
            f"{_f(r.get('one_vote_then_update_cpu_ms'))})",
            f"    process peak resident memory {r['maxrss_mib']} MiB",
        ]
    return "\n".join(out) + "\n"


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m bench commonground", description=__doc__.splitlines()[0]
    )
    p.add_argument("--data", default=str(DEFAULT_DATA), help="folder of Pol.is conversations")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--votes", type=int, default=1_000_000, help="size of the synthetic round")
    p.add_argument(
        "--db", default="sqlite,postgres", help="databases for the large round ('' none)"
    )
    p.add_argument("--no-dwarf-large", action="store_true", help="skip red-dwarf at the large size")
    p.add_argument("--out", default=str(ROOT / "var" / "bench"))
    p.add_argument("--child-db", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.child_db:
        row = child_db(args.votes, args.repeat)
        Path(args.child_db).write_text(json.dumps(row))
        return 0
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")
    import django

    django.setup()
    outdir = Path(args.out)
    outdir.mkdir(parents=True, exist_ok=True)
    if not have_dwarf():
        log("red-dwarf is not installed (pip install '.[bench]'): timing ours alone")
    data = Path(args.data)
    conv = conversations(data, args.repeat) if data.is_dir() else []
    if not conv:
        log(f"no Pol.is conversations in {data}")
    big = in_memory(args.votes, args.repeat, not args.no_dwarf_large) if args.votes else None
    dbs = [d.strip() for d in args.db.split(",") if d.strip()]
    db_rows = on_databases(dbs, args.votes, args.repeat, outdir) if args.votes else []
    text = report(conv, big, db_rows)
    print(text)
    stamp = time.strftime("%Y-%m-%d")
    (outdir / f"commonground-{stamp}.txt").write_text(text)
    (outdir / f"commonground-{stamp}.json").write_text(
        json.dumps({"conversations": conv, "synthetic": big, "databases": db_rows}, indent=1)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
