"""Faults: the task worker killed mid-task (``kill -9``), another started: nothing lost or doubled.

Real workers (``python -m powerwith worker``, django-tasks-db's ``db_worker``) in their own
processes, on the test database (PostgreSQL), with a short task lease
(``POWERWITH_TASK_LEASE``) so the follow-up of a dead task is due within seconds:

- **notices**: the mail server hangs (it takes the connection and never greets), so the worker
  is stuck mid-task with notices claimed; it is killed; the real SMTP server comes up on the
  same port and a second worker runs: each notice arrives exactly once, all are sent;
- **a board report**: the worker is held mid-way through making the PDF (the test locks the
  journeys table, which the task reads next) and killed; until a worker runs again the page
  shows "could not be made" with "Try again" once the lease has passed; a second worker makes
  it, once, and the killed task's row no longer says "running".

common/tasks.py says how: each task claims its work in its own rows with the time, and queues a
follow-up of itself for after the lease.
"""

from __future__ import annotations

import datetime
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from powerwith.contributions import services as contribution_services
from powerwith.notices.models import Notice
from powerwith.reports import services as report_services
from powerwith.reports.models import READY, BoardReport
from tests.conftest import World, build_world, client_for
from tests.notices.conftest import SmtpServer, add_person, free_port, hears_by_email, raise_one

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]

ROOT = Path(__file__).resolve().parents[1]
LEASE = 3  # seconds


def _database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def _until(check: Callable[[], bool], what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"waited {seconds} s for {what}"
        time.sleep(0.05)


@pytest.fixture
def world(transactional_db: Any, settings: Any) -> World:
    if connection.vendor != "postgresql":
        pytest.skip("workers in other processes need a database server")
    settings.POWERWITH_TASK_LEASE = LEASE  # the same lease here (the pages) as in the workers
    return build_world()


@pytest.fixture
def worker(tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    """Starts ``powerwith worker`` in its own process on the test database."""
    started: list[subprocess.Popen[bytes]] = []

    def start(*extra: str, mail_port: int = 0) -> subprocess.Popen[bytes]:
        env = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            # Production-like settings: files on disk under POWERWITH_VAR, mail by SMTP.
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}",
            "POWERWITH_VAR": str(tmp_path),
            "POWERWITH_TASK_LEASE": str(LEASE),
            "POWERWITH_EMAIL_HOST": "127.0.0.1",
            "POWERWITH_EMAIL_PORT": str(mail_port or 1),
            "POWERWITH_EMAIL_TLS": "0",
        }
        proc = subprocess.Popen(
            [sys.executable, "-m", "powerwith", "worker", "--interval", "0.2", *extra],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(proc)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)


class HungMailServer:
    """Takes connections and never says a word: a sender waits on it, mid-task."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_server(("127.0.0.1", port))
        self.reached = threading.Event()
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)
            self.reached.set()

    def close(self) -> None:
        for c in self.conns:
            c.close()
        self.sock.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread: closing alone does not
        self.sock.close()


def _running_tasks() -> int:
    return DBTaskResult.objects.filter(status="RUNNING").count()


def test_notices_are_sent_once_when_the_worker_is_killed_mid_task(
    world: World, worker: Callable[..., subprocess.Popen[bytes]]
) -> None:
    names = ("Rose Hill", "Sam Ode", "Ann Lee")
    for name in names:
        person = add_person(world, name)
        hears_by_email(world, person, f"{name.split()[0].lower()}@example.org")
        c = raise_one(world, person)
        contribution_services.contribution_set_fate(
            actor=world.facilitator, contribution=c, fate="considering"
        )
    assert Notice.objects.filter(status="queued").count() == 3
    port = free_port()
    hung = HungMailServer(port)
    first = worker(mail_port=port)
    try:
        assert hung.reached.wait(120), "the worker never reached the mail server"
        _until(lambda: Notice.objects.filter(status="sending").exists(), "a claimed notice")
        # Mid-task: a notice claimed, the worker waiting on the mail server. Kill it.
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        hung.close()
    claimed = Notice.objects.filter(status="sending").get()
    assert claimed.handed_at is None  # it never reached the mail server
    assert _running_tasks() == 1  # django-tasks-db leaves the dead task "running"
    assert Notice.objects.filter(status="queued").count() == 2

    smtp = SmtpServer(port)
    smtp.start()
    try:
        time.sleep(LEASE + 1)  # the dead task's lease passes
        second = worker(mail_port=port)
        _until(
            lambda: Notice.objects.filter(status="sent").count() == 3,
            "every notice to be sent",
        )
        # Let the second worker look at the queue a while more: nothing else goes out.
        time.sleep(LEASE + 2)
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=60)
    finally:
        smtp.stop()
    assert sorted(r[0] for r in smtp.inbox.recipients) == [
        "ann@example.org",
        "rose@example.org",
        "sam@example.org",
    ]
    assert set(Notice.objects.values_list("status", flat=True)) == {"sent"}
    assert _running_tasks() == 0  # the dead task's row was marked failed when the worker began
    dead = DBTaskResult.objects.get(exception_class_path="powerwith.common.tasks.WorkerStopped")
    assert "The worker stopped while running this task" in dead.traceback


def test_a_board_report_is_made_once_when_the_worker_is_killed_while_making_it(
    world: World, worker: Callable[..., subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    report = report_services.report_request(actor=world.facilitator, journey=world.journey)
    status_url = reverse("reports:status", args=[world.journey.slug, report.pk])
    with psycopg.connect(_database_url()) as lock:
        # The task claims the report, then reads the journey: hold it there.
        lock.execute("LOCK TABLE journeys_journey IN ACCESS EXCLUSIVE MODE")
        first = worker()
        _until(
            lambda: BoardReport.objects.filter(pk=report.pk, status="making").exists(),
            "the worker to claim the report",
        )
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        lock.rollback()

    report.refresh_from_db()
    assert (report.status, report.tries) == ("making", 1)
    assert not report.stalled
    page = client_for(world.facilitator).get(status_url).content.decode()
    assert "The PDF is being made." in page
    time.sleep(LEASE + 1)
    # No worker yet, the lease has passed: the page says it could not be made, and why.
    page = client_for(world.facilitator).get(status_url).content.decode()
    assert "The PDF could not be made." in page
    assert "The task making the PDF stopped before it finished" in page
    assert ">Try again</button>" in page
    assert 'http-equiv="refresh"' not in page
    # A member sees the same, without the button.
    assert ">Try again</button>" not in client_for(world.member).get(status_url).content.decode()

    second = worker("--batch")  # every task that is ready, the dead task's follow-up among them
    assert second.wait(timeout=300) == 0
    report.refresh_from_db()
    assert (report.status, report.tries, report.reason) == (READY, 2, "")
    stored = tmp_path / "media" / report.file_name
    assert stored.read_bytes()[:5] == b"%PDF-"
    assert len(list(stored.parent.iterdir())) == 1  # made once: one file
    assert BoardReport.objects.count() == 1
    assert _running_tasks() == 0
    page = client_for(world.facilitator).get(status_url).content.decode()
    assert "The PDF is ready" in page


def test_asking_again_after_a_stalled_report_makes_a_new_one(world: World) -> None:
    """Try again, before any worker has taken the dead one up: a new report is asked for
    (the stalled one no longer holds the "one at a time" place) and the old one is failed."""
    report = report_services.report_request(actor=world.facilitator, journey=world.journey)
    long_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=LEASE + 1)
    BoardReport.objects.filter(pk=report.pk).update(status="making", started_at=long_ago, tries=1)
    again = report_services.report_request(actor=world.facilitator, journey=world.journey)
    assert again.pk != report.pk
    report.refresh_from_db()
    assert report.status == "failed"
    assert report.reason.startswith("The task making the PDF stopped before it finished")
