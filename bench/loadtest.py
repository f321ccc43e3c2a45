"""``python -m bench.loadtest`` (``make loadtest``): a joint event, against gunicorn and PostgreSQL.

    python -m bench.loadtest [--voters 500] [--answers 4] [--gatherings 20] [--window 120]
                             [--stress 30] [--workers 4] [--concurrency 24] [--no-gc-freeze]
                             [--compare-gc-freeze] [--soak 0] [--soak-rate 20]
                             [--db powerwith_load] [--keep-db]

What it does, all on this machine:

1. makes a fresh PostgreSQL database (``--db`` on the server in ``POWERWITH_BENCH_PG`` or the
   one scripts/pg.sh starts; dropped at the end unless ``--keep-db``), migrates it and fills it
   in a child process: one journey, ``--voters`` people each with an account, an open secret
   vote on six items, a statement round of eight statements, ``--gatherings`` gatherings each
   with ten people present and its own facilitator;
2. starts gunicorn (``powerwith.config.gunicorn_conf``, ``--workers`` processes, the bench
   settings: production-like, no debug) on a free port;
3. runs **the event** for ``--window`` seconds (0: none): each voter, at a random moment in the
   first 80% of the window, signs in through the real sign-in page, votes, then answers
   ``--answers`` of the round's statements one at a time (agree, disagree or pass); every
   gathering's facilitator taps a speaking turn every 1 to 3 seconds (one tap in twenty is sent
   twice with the same token, as a phone on a bad connection does); a facilitator reloads the
   dashboard every 5 seconds;
4. then **the stress**: ``--concurrency`` clients tap turns as fast as the server answers, for
   ``--stress`` seconds: the sustained writes per second;
5. optionally **the soak** (``make soak``): ``--soak`` seconds at a steady ``--soak-rate`` taps
   a second, sampling every gunicorn process's memory (RSS) every minute, and saying whether it
   is flat (below, ``FLAT_MIB``);
6. **counts in the database**: every tap that got a success answer is there exactly once (its
   token), none is there without one; every voter who got a success answer has exactly one
   receipt and one secret paper; every statement answer that got a success answer is there
   once, with the vote sent, and none is there without one.

For each phase it prints requests per second, latency (p50/p95/p99) by page, errors and status
codes, where the CPU went (gunicorn, PostgreSQL, this load generator, everything else on the
machine) and the load average; then the database counts and memory, and writes the same as JSON
to ``var/bench/<db>.json``. ``--compare-gc-freeze`` runs the whole load twice, with
``gc.freeze()`` after loading and without, and prints p95 by page side by side. Figures are
reported, never judged by the exit status (it fails only if something breaks or a count is
wrong). The client runs on the same two cores as the server, so it takes its share.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.__main__ import ROOT, log, pg_base_url, pg_recreate, pg_url


def pg_drop(base: str, dbname: str) -> None:
    import psycopg

    with psycopg.connect(pg_url(base, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


DBNAME = "powerwith_load"
PASSWORD = "load test password"
SLUG = "joint-event"
HOST = "127.0.0.1"


# ---------------------------------------------------------------------------------------------
# The child that fills the database (Django is set up only there)


def child_setup(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import datetime

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction

    from powerwith.commonground import services as commonground
    from powerwith.decisions import counting
    from powerwith.decisions import services as decisions
    from powerwith.gatherings import services as gatherings
    from powerwith.journeys import services as journeys
    from powerwith.people import services as people

    call_command("migrate", interactive=False, verbosity=0)
    User = get_user_model()
    today = datetime.date.today()
    rng = random.Random(7)
    with transaction.atomic():
        lead = User.objects.create_user(username="lead@example.org", password=PASSWORD)
        journey = journeys.journey_create(
            actor=lead, title="Joint event", slug=SLUG, started_on=today
        )
        voters = []
        for i in range(args.voters):
            user = User.objects.create_user(username=f"voter{i}@example.org", password=PASSWORD)
            side = "service_user" if i % 3 else "frontline_staff"
            person = people.person_create(
                actor=lead,
                journey=journey,
                name=f"Voter {i}",
                role=side,
                joined_on=today,
                user=user,
            )
            journeys.membership_add(
                actor=lead, journey=journey, user=user, role="member", person=person
            )
            voters.append(user.username)
        present = list(
            people.Person.objects.filter(journey=journey).values_list("pk", flat=True)[:200]
        )
        rooms = []
        for g in range(args.gatherings):
            user = User.objects.create_user(username=f"table{g}@example.org", password=PASSWORD)
            journeys.membership_add(actor=lead, journey=journey, user=user, role="member")
            gathering = gatherings.gathering_create(
                actor=lead,
                journey=journey,
                title=f"Table {g + 1}",
                kind="codesign_event",
                held_on=today,
                venue_kind="community",
            )
            here = rng.sample(present, 10)
            gatherings.attendance_set(
                actor=lead, gathering=gathering, statuses={pk: "present" for pk in here}
            )
            rooms.append({"user": user.username, "gathering": gathering.pk, "people": here})
        vote = decisions.vote_create(
            actor=lead,
            journey=journey,
            title="What should we work on first?",
            method=counting.APPROVAL,
            secret=True,
            labels=[f"Priority {k}" for k in "ABCDEF"],
        )
        decisions.vote_open(actor=lead, vote=vote)
        rnd = commonground.round_create(
            actor=lead,
            journey=journey,
            question="What would make the service better?",
            statements=[f"Statement {k}: we should change thing {k}." for k in range(1, 9)],
        )
    from powerwith.decisions.forms import option_field_name

    fields = [option_field_name(o) for o in vote.options.order_by("pk")]
    Path(args.json_out).write_text(
        json.dumps(
            {
                "lead": lead.username,
                "voters": voters,
                "rooms": rooms,
                "vote": vote.pk,
                "fields": fields,
                "round": rnd.pk,
                "statements": list(rnd.statements.order_by("pk").values_list("pk", flat=True)),
            }
        )
    )
    return 0


# ---------------------------------------------------------------------------------------------
# The HTTP client: one cookie jar per visitor, no redirects followed


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    status: dict[str, dict[int, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    errors: list[str] = field(default_factory=list)

    def add(self, page: str, seconds: float, status: int) -> None:
        with self.lock:
            self.times[page].append(seconds)
            self.status[page][status] += 1


class Visitor:
    def __init__(self, port: int, stats: Stats) -> None:
        self.port, self.stats = port, stats
        self.cookies: dict[str, str] = {}
        self.csrf = ""

    def request(
        self, page: str, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str]:
        body = urllib.parse.urlencode(form).encode() if form is not None else None
        headers = {"Host": f"{HOST}:{self.port}", "Referer": f"http://{HOST}:{self.port}{path}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        t = time.perf_counter()
        try:
            conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            text = resp.read().decode("utf-8", "replace")
            status = resp.status
            for value in resp.headers.get_all("Set-Cookie") or []:
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            conn.close()
        except OSError as exc:
            status, text = 0, ""
            with self.stats.lock:
                self.stats.errors.append(f"{page}: {exc}")
        self.stats.add(page, time.perf_counter() - t, status)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
        if token:
            self.csrf = token.group(1)
        return status, text

    def post(self, page: str, path: str, form: dict[str, str]) -> int:
        return self.request(page, "POST", path, {"csrfmiddlewaretoken": self.csrf, **form})[0]

    def sign_in(self, username: str) -> None:
        self.request("sign in (page)", "GET", "/accounts/sign-in/")
        status = self.post(
            "sign in", "/accounts/sign-in/", {"username": username, "password": PASSWORD}
        )
        if status != 302:
            raise RuntimeError(f"signing in {username} answered {status}")

    def try_sign_in(self, username: str) -> bool:
        """Sign in; a failure (on a saturated server the page can time out, leaving no CSRF
        token, so the form answers 403) is counted as an error and the caller goes on."""
        try:
            self.sign_in(username)
        except RuntimeError as exc:
            with self.stats.lock:
                self.stats.errors.append(str(exc))
            return False
        return True


# ---------------------------------------------------------------------------------------------
# The phases


@dataclass
class Outcome:
    taps_ok: set[str] = field(default_factory=set)
    taps_sent: int = 0
    voted_ok: set[str] = field(default_factory=set)
    # (voter, statement) -> the vote sent, for each response answered with success
    responses_ok: dict[tuple[str, int], int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def tap(v: Visitor, room: dict[str, Any], out: Outcome, rng: random.Random, resend: bool) -> None:
    token = uuid.uuid4().hex
    path = f"/j/{SLUG}/gatherings/{room['gathering']}/turns/tap/"
    for _ in range(2 if resend else 1):
        status = v.post(
            "tap a turn", path, {"person": str(rng.choice(room["people"])), "client_token": token}
        )
        with out.lock:
            out.taps_sent += 1
            if status == 302:
                out.taps_ok.add(token)


def event(
    port: int, plan: dict[str, Any], args: argparse.Namespace, stats: Stats, out: Outcome
) -> float:
    stop = threading.Event()
    t0 = time.monotonic()
    voters = plan["voters"]
    rng = random.Random(11)
    starts = sorted((rng.uniform(0, args.window * 0.8), u) for u in voters)
    queue = list(starts)
    qlock = threading.Lock()
    vote_path = f"/j/{SLUG}/decisions/votes/{plan['vote']}/"
    respond_path = f"/j/{SLUG}/statements/{plan['round']}/respond/"

    def voter_worker() -> None:
        local = random.Random()
        while True:
            with qlock:
                if not queue:
                    return
                at, username = queue.pop(0)
            delay = t0 + at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            v = Visitor(port, stats)
            if not v.try_sign_in(username):
                continue
            v.request("ballot page", "GET", vote_path)
            marks = {f: "on" for f in local.sample(plan["fields"], 2)}
            if v.post("cast a ballot", vote_path + "ballot/", marks) == 302:
                with out.lock:
                    out.voted_ok.add(username)
            if args.answers:
                # Then the statement round: one statement at a time, agree, disagree or pass.
                v.request("statements page", "GET", respond_path)
                for pk in local.sample(plan["statements"], args.answers):
                    answer = local.choice((1, 0, -1))
                    form = {"statement": str(pk), "vote": str(answer)}
                    if v.post("answer a statement", respond_path, form) == 302:
                        with out.lock:
                            out.responses_ok[(username, pk)] = answer

    def table_worker(room: dict[str, Any]) -> None:
        local = random.Random(room["gathering"])
        v = Visitor(port, stats)
        while not v.try_sign_in(room["user"]):
            if stop.wait(1):
                return
        v.request("turn page", "GET", f"/j/{SLUG}/gatherings/{room['gathering']}/turns/")
        while not stop.is_set():
            tap(v, room, out, local, resend=local.random() < 0.05)
            stop.wait(local.uniform(1, 3))

    def watcher() -> None:
        v = Visitor(port, stats)
        v.sign_in(plan["lead"])
        while not stop.is_set():
            v.request("dashboard", "GET", f"/j/{SLUG}/dashboard/")
            stop.wait(5)

    threads = [threading.Thread(target=voter_worker) for _ in range(args.concurrency)]
    threads += [threading.Thread(target=table_worker, args=(r,)) for r in plan["rooms"]]
    threads.append(threading.Thread(target=watcher))
    for t in threads:
        t.start()
    for t in threads[: args.concurrency]:
        t.join()
    remaining = t0 + args.window - time.monotonic()
    if remaining > 0:
        time.sleep(remaining)
    stop.set()
    for t in threads:
        t.join()
    return time.monotonic() - t0


def stress(
    port: int,
    plan: dict[str, Any],
    args: argparse.Namespace,
    stats: Stats,
    out: Outcome,
    seconds: float,
    rate: float | None = None,
    sample: Any = None,
    every: float = 60.0,
) -> tuple[float, int]:
    """Taps from ``--concurrency`` clients, as fast as answered (or at ``rate`` a second)."""
    stop = threading.Event()
    before = len(out.taps_ok)
    rooms = plan["rooms"]

    def worker(i: int) -> None:
        local = random.Random(1000 + i)
        room = rooms[i % len(rooms)]
        v = Visitor(port, stats)
        v.sign_in(room["user"])
        v.request("turn page", "GET", f"/j/{SLUG}/gatherings/{room['gathering']}/turns/")
        gap = args.concurrency / rate if rate else 0.0
        next_at = time.monotonic()
        while not stop.is_set():
            tap(v, room, out, local, resend=False)
            if gap:
                next_at += gap
                stop.wait(max(0.0, next_at - time.monotonic()))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.concurrency)]
    for t in threads:
        t.start()
    t0 = time.monotonic()
    while time.monotonic() - t0 < seconds:
        time.sleep(max(0.0, min(every, seconds - (time.monotonic() - t0))))
        if sample:
            sample()
    stop.set()
    for t in threads:
        t.join()
    return time.monotonic() - t0, len(out.taps_ok) - before


# ---------------------------------------------------------------------------------------------
# Server, memory, counts, report


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def worker_pids(master: int) -> list[int]:
    kids = Path(f"/proc/{master}/task/{master}/children")
    return [int(p) for p in kids.read_text().split()] if kids.exists() else []


TICK = os.sysconf("SC_CLK_TCK")


def _proc_cpu(pid: int) -> float:
    """CPU seconds (user + system) of one process so far; 0 if it has gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def cpu_snapshot(master: int) -> dict[str, float]:
    """CPU seconds so far of: gunicorn (master and workers), every PostgreSQL process on the
    machine (other people's databases too, on a shared server), this load generator (all its
    threads), and the whole machine (busy time of all cores, from /proc/stat)."""
    postgres = 0.0
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if (d / "comm").read_text().strip() == "postgres":
                    postgres += _proc_cpu(int(d.name))
            except OSError:
                continue
    cpu = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    busy = (sum(int(x) for x in cpu) - int(cpu[3]) - int(cpu[4])) / TICK  # less idle, iowait
    t = os.times()
    return {
        "gunicorn": _proc_cpu(master) + sum(_proc_cpu(p) for p in worker_pids(master)),
        "postgres": postgres,
        "load generator": t.user + t.system,
        "whole machine": busy,
    }


def cpu_share(before: dict[str, float], after: dict[str, float], seconds: float) -> dict[str, Any]:
    """Where the CPU went during a phase: CPU seconds, and cores' worth (of os.cpu_count())."""
    used = {k: after[k] - before[k] for k in before}
    used["everything else"] = max(
        0.0, used["whole machine"] - used["gunicorn"] - used["postgres"] - used["load generator"]
    )
    return {
        k: {"cpu_seconds": round(v, 1), "cores": round(v / seconds, 2)} for k, v in used.items()
    }


def print_cpu(share: dict[str, Any]) -> None:
    print(f"  CPU during the phase ({os.cpu_count()} cores; cores' worth busy on average):")
    for k, v in share.items():
        print(f"    {k:<16} {v['cpu_seconds']:>8.1f} s  {v['cores']:>5.2f} cores")


def count_in_database(url: str, out: Outcome, plan: dict[str, Any]) -> dict[str, Any]:
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT client_token, count(*) FROM gatherings_speakingturn "
            "WHERE client_token IS NOT NULL GROUP BY client_token"
        ).fetchall()
        stored = {t: n for t, n in rows}
        receipts = conn.execute(
            "SELECT u.username, count(*) FROM decisions_ballotreceipt r "
            "JOIN people_person p ON p.id = r.person_id JOIN auth_user u ON u.id = p.user_id "
            "WHERE r.vote_id = %s GROUP BY u.username",
            [plan["vote"]],
        ).fetchall()
        papers = conn.execute(
            "SELECT count(*) FROM decisions_ballotpaper WHERE vote_id = %s", [plan["vote"]]
        ).fetchone()
        answers = conn.execute(
            "SELECT u.username, r.statement_id, min(r.vote), count(*) "
            "FROM commonground_response r "
            "JOIN commonground_participant p ON p.id = r.participant_id "
            "JOIN people_person pe ON pe.id = p.person_id "
            "JOIN auth_user u ON u.id = pe.user_id "
            "WHERE p.round_id = %s GROUP BY u.username, r.statement_id",
            [plan["round"]],
        ).fetchall()
    by_voter: dict[str, int] = dict(receipts)
    stored_answers = {(u, s): (v, n) for u, s, v, n in answers}
    return {
        "taps_answered_ok": len(out.taps_ok),
        "taps_lost": len([t for t in out.taps_ok if t not in stored]),
        "taps_doubled": len([t for t, n in stored.items() if n > 1]),
        "taps_stored_without_success": len([t for t in stored if t not in out.taps_ok]),
        "ballots_answered_ok": len(out.voted_ok),
        "ballots_lost": len([u for u in out.voted_ok if u not in by_voter]),
        "ballots_doubled": len([u for u, n in by_voter.items() if n > 1]),
        "receipts": sum(by_voter.values()),
        "secret_papers": papers[0] if papers else 0,
        "responses_answered_ok": len(out.responses_ok),
        "responses_lost": len([k for k in out.responses_ok if k not in stored_answers]),
        "responses_doubled": len([k for k, (_v, n) in stored_answers.items() if n > 1]),
        "responses_not_as_sent": len(
            [
                k
                for k, v in out.responses_ok.items()
                if k in stored_answers and stored_answers[k][0] != v
            ]
        ),
        "responses_stored_without_success": len(
            [k for k in stored_answers if k not in out.responses_ok]
        ),
    }


# "Flat": over the soak's last FLAT_WINDOW seconds, no gunicorn process grew by FLAT_MIB or more.
# A leak of a few kilobytes per request shows as megabytes over ten minutes at a steady rate;
# a process that only warms up (caches filled, pools grown) stops growing well before then.
FLAT_WINDOW = 600.0
FLAT_MIB = 2.0


def flatness(memory: list[dict[str, float]], soak_seconds: float) -> dict[str, Any]:
    """Each process's RSS at the start and end of the soak's last ten minutes, and the verdict."""
    end = memory[-1]["t"]
    window = min(FLAT_WINDOW, soak_seconds)
    start = min(memory, key=lambda m: abs(m["t"] - (end - window)))
    procs = {}
    for name, last in memory[-1].items():
        if name == "t" or name not in start:
            continue
        procs[name] = {
            "first_mib": memory[0].get(name),
            "window_start_mib": start[name],
            "end_mib": last,
            "window_growth_mib": round(last - start[name], 1),
        }
    growth = max((p["window_growth_mib"] for p in procs.values()), default=0.0)
    return {
        "window_seconds": round(end - start["t"], 1),
        "limit_mib": FLAT_MIB,
        "largest_growth_mib": growth,
        "flat": growth < FLAT_MIB,
        "processes": procs,
    }


def print_flatness(f: dict[str, Any]) -> None:
    print(f"\nMemory over the soak's last {f['window_seconds']:.0f} s (RSS, MiB):")
    for name, p in f["processes"].items():
        print(
            f"  {name:>8}: {p['first_mib']} at the start, {p['window_start_mib']} -> "
            f"{p['end_mib']} ({p['window_growth_mib']:+.1f})"
        )
    verdict = "FLAT" if f["flat"] else "GROWING"
    print(
        f"  {verdict}: largest growth {f['largest_growth_mib']} MiB (flat: under {f['limit_mib']})"
    )


def pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, round(q / 100 * (len(values) - 1)))] * 1000


def summarise(stats: Stats, seconds: float) -> dict[str, Any]:
    pages = {}
    for page, times in sorted(stats.times.items()):
        pages[page] = {
            "requests": len(times),
            "per_second": len(times) / seconds if seconds else 0,
            "p50_ms": pct(times, 50),
            "p95_ms": pct(times, 95),
            "p99_ms": pct(times, 99),
            "mean_ms": statistics.fmean(times) * 1000 if times else 0,
            "status": dict(stats.status[page]),
        }
    total = sum(len(t) for t in stats.times.values())
    fivexx = sum(n for s in stats.status.values() for code, n in s.items() if code >= 500)
    return {
        "seconds": seconds,
        "requests": total,
        "per_second": total / seconds if seconds else 0,
        "5xx": fivexx,
        "connection_errors": len(stats.errors),
        "pages": pages,
    }


def print_phase(name: str, s: dict[str, Any]) -> None:
    print(
        f"\n{name}: {s['requests']} requests in {s['seconds']:.1f} s = "
        f"{s['per_second']:.1f}/s; 5xx {s['5xx']}; connection errors {s['connection_errors']}"
    )
    print(
        f"  {'page':<18} {'requests':>8} {'/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
        "  statuses"
    )
    for page, p in s["pages"].items():
        codes = ", ".join(f"{k}: {v}" for k, v in sorted(p["status"].items()))
        print(
            f"  {page:<18} {p['requests']:>8} {p['per_second']:>7.1f} {p['p50_ms']:>8.1f} "
            f"{p['p95_ms']:>8.1f} {p['p99_ms']:>8.1f}  {codes}"
        )


def orchestrate(args: argparse.Namespace, report: dict[str, Any] | None = None) -> int:
    base = pg_base_url()
    if base is None:
        log("no PostgreSQL server: set POWERWITH_BENCH_PG or install PostgreSQL")
        return 1
    dbname = args.db
    url = pg_url(base, dbname)
    pg_recreate(base, dbname)
    out_dir = ROOT / "var" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    plan_file = out_dir / f"{dbname}-plan.json"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}",
    }
    log(f"filling {dbname}: {args.voters} voters, {args.gatherings} gatherings")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.loadtest",
            "--child-setup",
            "--json-out",
            str(plan_file),
            "--voters",
            str(args.voters),
            "--gatherings",
            str(args.gatherings),
        ],
        env=env,
        cwd=ROOT,
        check=True,
    )
    plan = json.loads(plan_file.read_text())
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server_env = {
        **env,
        "POWERWITH_BIND": f"{HOST}:{port}",
        "POWERWITH_WORKERS": str(args.workers),
        "POWERWITH_GC_FREEZE": "0" if args.no_gc_freeze else "1",
        "POWERWITH_RATE_LIMITS": "sign_in=off",
        # Keep each worker's database connection between requests, as compose.yaml's web
        # servers do: a new connection for every request costs a PostgreSQL backend each time.
        "POWERWITH_CONN_MAX_AGE": os.environ.get("POWERWITH_CONN_MAX_AGE", "60"),
    }
    server = subprocess.Popen(
        [str(gunicorn), "-c", "python:powerwith.config.gunicorn_conf"],
        env=server_env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    report = report if report is not None else {}
    report.update({"args": vars(args), "cores": os.cpu_count()})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection((HOST, port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        time.sleep(1)
        memory: list[dict[str, float]] = []

        def sample() -> None:
            row = {
                "t": round(time.monotonic() - started, 1),
                "master": round(rss_mib(server.pid), 1),
                **{str(p): round(rss_mib(p), 1) for p in worker_pids(server.pid)},
            }
            memory.append(row)
            if args.soak:  # a long run: show it as it goes
                print("  memory " + json.dumps(row), flush=True)

        started = time.monotonic()
        sample()
        out = Outcome()
        stats = Stats()
        if args.window:
            log(f"the event: {args.window} s")
            report["loadavg_before"] = Path("/proc/loadavg").read_text().split()[:3]
            cpu0 = cpu_snapshot(server.pid)
            seconds = event(port, plan, args, stats, out)
            report["event"] = summarise(stats, seconds)
            report["event"]["cpu"] = cpu_share(cpu0, cpu_snapshot(server.pid), seconds)
            report["event"]["loadavg"] = Path("/proc/loadavg").read_text().split()[:3]
            print_phase("The event", report["event"])
            print_cpu(report["event"]["cpu"])
            print(f"  load average after: {' '.join(report['event']['loadavg'])}")
            sample()
        if args.stress:
            stats = Stats()
            log(f"the stress: {args.stress} s, {args.concurrency} clients tapping")
            cpu0 = cpu_snapshot(server.pid)
            seconds, taps = stress(port, plan, args, stats, out, args.stress)
            report["stress"] = summarise(stats, seconds)
            report["stress"]["writes_per_second"] = taps / seconds
            report["stress"]["cpu"] = cpu_share(cpu0, cpu_snapshot(server.pid), seconds)
            report["stress"]["loadavg"] = Path("/proc/loadavg").read_text().split()[:3]
            print_phase("The stress", report["stress"])
            print(f"  sustained writes (taps stored): {taps / seconds:.0f} a second")
            print_cpu(report["stress"]["cpu"])
            print(f"  load average after: {' '.join(report['stress']['loadavg'])}")
            sample()
        if args.soak:
            stats = Stats()
            log(f"the soak: {args.soak} s at {args.soak_rate} taps a second")
            seconds, taps = stress(
                port, plan, args, stats, out, args.soak, rate=args.soak_rate, sample=sample
            )
            report["soak"] = summarise(stats, seconds)
            report["soak"]["writes_per_second"] = taps / seconds
            report["soak"]["loadavg"] = Path("/proc/loadavg").read_text().split()[:3]
            print_phase("The soak", report["soak"])
            report["soak"]["memory"] = flatness(memory, seconds)
            print_flatness(report["soak"]["memory"])
        report["memory_mib"] = memory
        print("\nMemory of each gunicorn worker (MiB), by seconds since the start:")
        for m in memory:
            print("  " + ", ".join(f"{k}: {v}" for k, v in m.items()))
        counts = count_in_database(url, out, plan)
        report["database"] = counts
        print("\nCounted in the database:")
        for k, v in counts.items():
            print(f"  {k}: {v}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        if not args.keep_db:
            pg_drop(base, dbname)
    (out_dir / f"{dbname}.json").write_text(json.dumps(report, indent=2))
    wrong = (
        counts["taps_lost"]
        + counts["taps_doubled"]
        + counts["taps_stored_without_success"]
        + counts["ballots_lost"]
        + counts["ballots_doubled"]
        + counts["responses_lost"]
        + counts["responses_doubled"]
        + counts["responses_not_as_sent"]
        + counts["responses_stored_without_success"]
    )
    wrong += abs(counts["secret_papers"] - counts["receipts"])
    return 1 if wrong else 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.loadtest", description=__doc__.split("\n")[0])
    p.add_argument("--voters", type=int, default=500)
    p.add_argument("--gatherings", type=int, default=20)
    p.add_argument(
        "--answers", type=int, default=4, help="statements each voter answers (of 8) after voting"
    )
    p.add_argument("--window", type=float, default=120.0, help="seconds of the event")
    p.add_argument("--stress", type=float, default=30.0, help="seconds of taps as fast as answered")
    p.add_argument("--soak", type=float, default=0.0, help="seconds at --soak-rate taps a second")
    p.add_argument("--soak-rate", type=float, default=20.0, help="taps a second in the soak")
    p.add_argument("--db", default=DBNAME, help="database to make (dropped at the end)")
    p.add_argument("--keep-db", action="store_true", help="keep the database afterwards")
    p.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    p.add_argument("--concurrency", type=int, default=24, help="client threads")
    p.add_argument("--no-gc-freeze", action="store_true", help="measure without gc.freeze()")
    p.add_argument(
        "--compare-gc-freeze",
        action="store_true",
        help="run the load twice, with gc.freeze() and without, and compare p95 by page",
    )
    p.add_argument("--child-setup", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--json-out", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child_setup:
        return child_setup(args)
    if args.compare_gc_freeze:
        return compare_gc_freeze(args)
    return orchestrate(args)


def compare_gc_freeze(args: argparse.Namespace) -> int:
    """The same load twice, each on a fresh database and server: with gc.freeze() after
    loading (the gunicorn config's default), then without; p95 by page side by side."""
    runs: dict[str, dict[str, Any]] = {}
    code = 0
    for name, off in (("with gc.freeze()", False), ("without", True)):
        log(f"== the run {name}")
        one = argparse.Namespace(
            **{**vars(args), "no_gc_freeze": off, "db": f"{args.db}_{int(off)}"}
        )
        runs[name] = {}
        code |= orchestrate(one, runs[name])
    print("\ngc.freeze() compared (p95 ms by page; the same load, one run after the other):")
    for phase in ("event", "stress"):
        pages = sorted({p for r in runs.values() for p in r.get(phase, {}).get("pages", {})})
        if not pages:
            continue
        print(f"  {phase:<20} {'with':>10} {'without':>10}")
        for page in pages:
            cells = [
                runs[n].get(phase, {}).get("pages", {}).get(page, {}).get("p95_ms") for n in runs
            ]
            print(
                f"  {page:<20} "
                + " ".join(f"{c:>10.0f}" if c is not None else f"{'-':>10}" for c in cells)
            )
    (ROOT / "var" / "bench" / f"{args.db}-gc-compare.json").write_text(json.dumps(runs, indent=2))
    return code


if __name__ == "__main__":
    sys.exit(main())
