"""``python -m bench.writes``: the CPU one write request costs, and where it goes.

    python -m bench.writes [--repeat 60] [--profile tap|ballot|answer|all] [--sort tottime]
                           [--sql] [--src DIR] [--db powerwith_writes]

Makes a small PostgreSQL database like the load test's (bench/loadtest.py, 60 voters, 3
tables), then, in this one process with the bench settings (production-like: the whole
middleware stack, no debug), sends through Django's WSGI handler ``--repeat`` of each write the
load test sends, each from a signed-in visitor with its own session, as gunicorn would hand
them over:

- **tap**: a speaking turn tapped at a gathering (with its token), answered with a redirect;
- **ballot**: a secret ballot cast (one per voter), answered with a redirect;
- **answer**: a statement answered (agree, disagree or pass), answered with a redirect.

For each it prints the CPU milliseconds per request from this process's own CPU clock
(``time.process_time``: what the web process spends, not the wall clock, so other work on the
machine changes it little), the SQL statements per request, and the wall milliseconds. The
database server's own CPU is not in it. ``--profile KIND`` also prints cProfile's top
functions for that write, by cumulative time (CPU time: the profiler's clock is the process's
CPU clock); ``--sql`` prints the statements of one of each. ``--src`` measures another source
tree (``git archive OLD src | tar -x -C DIR``) with this tool, for a before-and-after in one
run. The database connection is kept between requests (``POWERWITH_CONN_MAX_AGE=60``, as
compose.yaml's web servers) unless the environment says otherwise.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from bench.__main__ import ROOT, log, pg_base_url, pg_recreate, pg_url

HOST = "127.0.0.1"


class Browser:
    """A visitor with a cookie jar, talking to the WSGI application directly (no test client:
    nothing of the test framework in the path)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.cookies: dict[str, str] = {}
        self.csrf = ""

    def call(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str]:
        from urllib.parse import urlencode

        body = urlencode(form).encode() if form is not None else b""
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": HOST,
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": f"{HOST}:8000",
            "HTTP_REFERER": f"http://{HOST}:8000{path}",
            "REMOTE_ADDR": HOST,
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            "wsgi.version": (1, 0),
            "CONTENT_LENGTH": str(len(body)),
        }
        if form is not None:
            environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
        if self.cookies:
            environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        got: dict[str, Any] = {}

        def start_response(
            status: str, headers: list[tuple[str, str]], exc_info: Any = None
        ) -> None:
            got["status"] = int(status.split()[0])
            got["headers"] = headers

        chunks = self.app(environ, start_response)
        try:
            text = b"".join(chunks).decode("utf-8", "replace")
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        for name, value in got["headers"]:
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
        if token:
            self.csrf = token.group(1)
        return got["status"], text

    def post(self, path: str, form: dict[str, str]) -> int:
        return self.call("POST", path, {"csrfmiddlewaretoken": self.csrf, **form})[0]

    def sign_in(self, username: str, password: str) -> None:
        self.call("GET", "/accounts/sign-in/")
        status = self.post("/accounts/sign-in/", {"username": username, "password": password})
        if status != 302:
            raise RuntimeError(f"signing in {username} answered {status}")


def measure(args: argparse.Namespace, plan: dict[str, Any]) -> dict[str, Any]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.core.wsgi import get_wsgi_application
    from django.db import connection, reset_queries
    from django.urls import get_resolver

    from bench.loadtest import PASSWORD, SLUG

    get_resolver().url_patterns  # noqa: B018 (as gunicorn's master does before forking)
    app = get_wsgi_application()
    connection.force_debug_cursor = True  # count the statements
    n = args.repeat
    room = plan["rooms"][0]
    tapper = Browser(app)
    tapper.sign_in(room["user"], PASSWORD)
    tapper.call("GET", f"/j/{SLUG}/gatherings/{room['gathering']}/turns/")
    voters = []
    for username in plan["voters"][:n]:
        b = Browser(app)
        b.sign_in(username, PASSWORD)
        b.call("GET", f"/j/{SLUG}/decisions/votes/{plan['vote']}/")
        voters.append(b)
    vote_path = f"/j/{SLUG}/decisions/votes/{plan['vote']}/ballot/"
    respond_path = f"/j/{SLUG}/statements/{plan['round']}/respond/"
    tap_path = f"/j/{SLUG}/gatherings/{room['gathering']}/turns/tap/"

    def tap(i: int) -> int:
        person = str(room["people"][i % len(room["people"])])
        return tapper.post(tap_path, {"person": person, "client_token": uuid.uuid4().hex})

    def ballot(i: int) -> int:
        return voters[i].post(vote_path, {plan["fields"][i % 6]: "on"})

    def answer(i: int) -> int:
        statement = plan["statements"][i % len(plan["statements"])]
        return voters[i].post(respond_path, {"statement": str(statement), "vote": "1"})

    kinds = {"tap": tap, "ballot": ballot, "answer": answer}
    results: dict[str, Any] = {}
    for name, send in kinds.items():
        for i in range(2):  # warm: the first request of each kind fills caches and imports
            send(i)
        profiled = args.profile in (name, "all")
        prof = cProfile.Profile(time.process_time) if profiled else None
        cpu, wall, queries, bad = 0.0, 0.0, 0, 0
        for i in range(2, n):
            reset_queries()
            c0, w0 = time.process_time(), time.perf_counter()
            if prof:
                prof.enable()
            status = send(i)
            if prof:
                prof.disable()
            cpu += time.process_time() - c0
            wall += time.perf_counter() - w0
            queries += len(connection.queries)
            bad += status != 302
        statements = [q["sql"][:160] for q in connection.queries]
        done = n - 2
        results[name] = {
            "requests": done,
            "cpu_ms": round(cpu / done * 1000, 2),
            "wall_ms": round(wall / done * 1000, 2),
            "queries": round(queries / done, 1),
            "not_redirected": bad,
        }
        if args.sql:
            results[name]["sql"] = statements
        if prof:
            out = io.StringIO()
            pstats.Stats(prof, stream=out).sort_stats(args.sort).print_stats(args.top)
            results[name]["profile"] = out.getvalue()
    return results


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.writes", description=__doc__.split("\n")[0])
    p.add_argument("--repeat", type=int, default=60, help="requests of each kind (2 warm-up)")
    p.add_argument(
        "--profile", choices=("tap", "ballot", "answer", "all"), help="cProfile this write"
    )
    p.add_argument("--top", type=int, default=45, help="functions shown by --profile")
    p.add_argument("--sort", default="cumulative", help="cProfile order: cumulative, tottime")
    p.add_argument("--sql", action="store_true", help="print the last request's SQL of each")
    p.add_argument(
        "--src", help="the source tree to measure (default this checkout's src/): an older commit"
    )
    p.add_argument("--db", default="powerwith_writes")
    p.add_argument("--measure", help=argparse.SUPPRESS)  # the child: the plan file
    args = p.parse_args(argv)
    if args.measure:
        results = measure(args, json.loads(Path(args.measure).read_text()))
        print(json.dumps(results))
        return 0
    base = pg_base_url()
    if base is None:
        log("no PostgreSQL server: set POWERWITH_BENCH_PG or install PostgreSQL")
        return 1
    pg_recreate(base, args.db)
    out_dir = ROOT / "var" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    plan_file = out_dir / f"{args.db}-plan.json"
    env = {
        **os.environ,
        "DATABASE_URL": pg_url(base, args.db),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": f"{args.src or ROOT / 'src'}:{ROOT}",
        "POWERWITH_RATE_LIMITS": "sign_in=off",
    }
    env.setdefault("POWERWITH_CONN_MAX_AGE", "60")  # as compose.yaml's web servers
    voters = str(max(args.repeat, 10))
    log(f"filling {args.db}: {voters} voters, 3 gatherings")
    setup = [sys.executable, "-m", "bench.loadtest", "--child-setup", "--json-out"]
    subprocess.run(
        [*setup, str(plan_file), "--voters", voters, "--gatherings", "3"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    loadavg = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    child = [sys.executable, "-m", "bench.writes", "--measure", str(plan_file)]
    child += ["--repeat", str(args.repeat), "--top", str(args.top), "--sort", args.sort]
    if args.profile:
        child += ["--profile", args.profile]
    if args.sql:
        child += ["--sql"]
    try:
        done = subprocess.run(child, env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    finally:
        from bench.loadtest import pg_drop

        pg_drop(base, args.db)
    results = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"One write request, {args.repeat - 2} of each (load average before: {loadavg}):")
    print(f"  {'write':<8} {'CPU ms':>8} {'queries':>8} {'wall ms':>8}  not redirected")
    for name, r in results.items():
        print(
            f"  {name:<8} {r['cpu_ms']:>8.1f} {r['queries']:>8.1f} {r['wall_ms']:>8.1f}  "
            f"{r['not_redirected']}"
        )
    for name, r in results.items():
        if "sql" in r:
            print(f"\nThe SQL of one {name}:")
            for sql in r["sql"]:
                print(f"  {sql}")
    for name, r in results.items():
        if "profile" in r:
            print(f"\ncProfile of {name} (cumulative):\n{r['profile']}")
    print(f"  load average after: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
