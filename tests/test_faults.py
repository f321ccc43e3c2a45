"""Faults: PostgreSQL restarts in the middle of a burst of taps, and nothing is lost or doubled.

A throwaway PostgreSQL server of its own (scripts/pg.sh on a free port, so the suite's server is
never touched), a database filled by the load test's own set-up (bench/loadtest.py), a real
gunicorn server, and four phones tapping speaking turns as fast as they can. Halfway through,
the database is restarted. A tap that gets no answer or an error is sent again with the same
token, as the turn page's script does, until it is answered. Afterwards every token is in the
database exactly once, and nothing else is.

This also covers "the request timed out after its write was committed": a tap whose answer is
lost is resent with its token, and the token makes the second copy a no-op.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
PG_BINS = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))

pytestmark = [pytest.mark.once]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_pg(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@pytest.fixture
def own_postgres() -> Iterator[dict[str, Any]]:
    if not PG_BINS:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL's server binaries are missing (CI installs them)")
        pytest.skip("PostgreSQL's server binaries are not installed")
    port = _free_port()
    data = Path(tempfile.mkdtemp(prefix="powerwith-faults-pg-"))
    env = {**os.environ, "PGPORT": str(port), "POWERWITH_PGDATA": str(data)}
    # Not a pipe: the server pg.sh starts would hold it open, and reading it would never end.
    with tempfile.TemporaryFile("w+") as out:
        subprocess.run(
            [str(ROOT / "scripts" / "pg.sh")],
            env=env,
            stdout=out,
            stderr=subprocess.DEVNULL,
            check=True,
            timeout=120,
        )
        out.seek(0)
        url = out.read().strip().splitlines()[-1]
    ctl = [str(PG_BINS[-1]), "-D", str(data)]
    try:
        yield {"url": url.rpartition("/")[0] + "/powerwith", "base": url, "ctl": ctl}
    finally:
        subprocess.run(
            _as_pg([*ctl, "stop", "-m", "immediate"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=60,
        )
        shutil.rmtree(data, ignore_errors=True)


def test_taps_survive_a_database_restart(own_postgres: dict[str, Any], tmp_path: Path) -> None:
    import psycopg
    from bench.loadtest import PASSWORD, SLUG, Visitor

    with psycopg.connect(own_postgres["base"], autocommit=True) as conn:
        conn.execute("CREATE DATABASE powerwith")
    env = {
        **os.environ,
        "DATABASE_URL": own_postgres["url"],
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}",
    }
    plan_file = tmp_path / "plan.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.loadtest",
            "--child-setup",
            "--json-out",
            str(plan_file),
            "--voters",
            "12",
            "--gatherings",
            "4",
        ],
        env=env,
        cwd=ROOT,
        check=True,
    )
    plan = json.loads(plan_file.read_text())
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "-c",
            "python:powerwith.config.gunicorn_conf",
        ],
        env={
            **env,
            "POWERWITH_BIND": f"127.0.0.1:{port}",
            "POWERWITH_WORKERS": "2",
            "POWERWITH_RATE_LIMITS": "sign_in=off",
        },
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "no gunicorn"
                time.sleep(0.2)

        from bench.loadtest import Stats

        stats = Stats()
        sent: list[str] = []
        answered: set[str] = set()
        retried = [0]
        lock = threading.Lock()
        stop = threading.Event()
        assert PASSWORD

        def phone(room: dict[str, Any]) -> None:
            v = Visitor(port, stats)
            v.sign_in(room["user"])
            path = f"/j/{SLUG}/gatherings/{room['gathering']}/turns/tap/"
            v.request("turn page", "GET", f"/j/{SLUG}/gatherings/{room['gathering']}/turns/")
            i = 0
            while not stop.is_set():
                token = uuid.uuid4().hex
                with lock:
                    sent.append(token)
                give_up = time.monotonic() + 60
                while True:
                    if not v.csrf:  # a failed page may have cost us the token: fetch it again
                        v.request("turn page", "GET", path.removesuffix("tap/"))
                    status = v.post(
                        "tap a turn",
                        path,
                        {"person": str(room["people"][i % 10]), "client_token": token},
                    )
                    if status == 302:
                        with lock:
                            answered.add(token)
                        break
                    with lock:
                        retried[0] += 1
                    assert time.monotonic() < give_up, f"tap never answered: {status}"
                    time.sleep(0.2)
                i += 1

        threads = [threading.Thread(target=phone, args=(r,)) for r in plan["rooms"]]
        for t in threads:
            t.start()

        def wait_for(n: int) -> None:
            """Until ``n`` taps have been answered (the machine may be slow to start)."""
            deadline = time.monotonic() + 120
            while len(answered) < n and time.monotonic() < deadline:
                time.sleep(0.1)

        wait_for(8)
        before = len(answered)
        subprocess.run(
            _as_pg([*own_postgres["ctl"], "restart", "-m", "fast", "-w", "-t", "60"]),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=120,
        )
        wait_for(before + 8)  # and some more after the restart
        stop.set()
        for t in threads:
            t.join(timeout=90)
    finally:
        server.terminate()
        server.wait(timeout=30)

    assert before > 0
    with psycopg.connect(own_postgres["url"]) as conn:
        rows = conn.execute(
            "SELECT client_token, count(*) FROM gatherings_speakingturn "
            "WHERE client_token IS NOT NULL GROUP BY client_token"
        ).fetchall()
    stored = dict(rows)
    assert set(stored) == set(sent) == answered  # every tap in, none without its tap
    assert max(stored.values()) == 1  # and none twice
    # The restart was felt: some taps had to be sent again (otherwise this proves nothing).
    assert retried[0] > 0
