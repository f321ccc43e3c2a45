"""Writes of the reports app: asking for a board report's PDF, and making it (the task)."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from powerwith.common import files, tasks
from powerwith.common.access import require
from powerwith.common.services import audit, invalid
from powerwith.journeys.models import Journey

from . import content, pdf
from .models import FAILED, MAKING, PENDING, QUEUED, READY, BoardReport

log = logging.getLogger(__name__)
FOLDER = "board-reports"


def period_key(start: datetime.date | None, end: datetime.date | None) -> str:
    if start is None and end is None:
        return "all"
    return f"{start.isoformat() if start else ''}..{end.isoformat() if end else ''}"


def supported_language(language: str = "") -> str:
    """One of the site's languages (``settings.LANGUAGES``): ``language``, or the active one,
    as the site spells it ("en" and "en-GB" are "en-gb"), so one report is one job."""
    try:
        return translation.get_supported_language_variant(
            (language or translation.get_language() or settings.LANGUAGE_CODE).lower()
        )
    except LookupError:
        return str(settings.LANGUAGE_CODE)


def _english_label(start: datetime.date | None, end: datetime.date | None) -> str:
    with translation.override("en"):
        return content.period_of(start, end).label


def _check_period(start: datetime.date | None, end: datetime.date | None) -> None:
    if start is not None and start > timezone.localdate():
        raise invalid("from", _("The start date cannot be in the future."))
    if start is not None and end is not None and end < start:
        raise invalid("to", _("The end date must be the same as or after the start date."))


@transaction.atomic
def report_request(
    *,
    actor: Any,
    journey: Journey,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    language: str = "",
    queue: bool = True,
) -> BoardReport:
    """Ask the task queue for the board report's PDF for a period (facilitators).

    A report for the same period and language that is still waiting or being made is returned
    instead of a second job (a double click, or two facilitators at once: the database allows
    one such row, ``one_pending_board_report``). The task is queued once this commits; the
    journey's log says who asked, for which period. With ``queue=False`` nothing is queued:
    the caller makes it at once with ``report_make_now`` (the demo does)."""
    require(actor, journey, "manage")
    _check_period(start, end)
    language = supported_language(language)
    key = period_key(start, end)
    same = BoardReport.objects.filter(journey=journey, period_key=key, language=language)
    # One being made by a worker that died is failed (its page already says so), so asking
    # again makes a new one.
    stalled_fail(same)
    pending = same.filter(status__in=PENDING)
    found = pending.first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            report = BoardReport.objects.create(
                journey=journey,
                period_from=start,
                period_to=end,
                period_key=key,
                language=language,
                requested_by=actor,
                requested_at=timezone.now(),
            )
    except IntegrityError:
        # The other click of a double click got there first: its job is this one.
        found = pending.first()
        if found is None:
            raise
        return found
    audit(
        journey=journey,
        actor=actor,
        action="board_report_request",
        obj=report,
        summary=f"Asked for the board report as a PDF, for {_english_label(start, end)}",
    )
    if queue:
        enqueue(report.pk)
    return report


def enqueue(report_id: int) -> None:
    """Have the worker make the report's PDF, once this transaction has committed."""

    def go() -> None:
        from .tasks import make_board_report

        make_board_report.enqueue(report_id)

    transaction.on_commit(go)


# Tasks that may begin making one report: the first, and one more if a worker died in it.
MAX_TRIES = 2


def _stopped_reason(language: str) -> str:
    with translation.override(language):
        return str(
            _(
                "The task making the PDF stopped before it finished (its worker was stopped "
                "or restarted)."
            )
        )


def stalled_fail(reports: Any) -> int:
    """Mark reports still "being made" after the task lease as failed, with the reason.
    Returns how many."""
    failed = 0
    stale = reports.filter(status=MAKING, started_at__lt=tasks.stale_before())
    for pk, language in stale.values_list("pk", "language"):
        failed += stale.filter(pk=pk).update(status=FAILED, reason=_stopped_reason(language))
    return failed


def report_make(*, report_id: int) -> str:
    """Make and keep the PDF of a report waiting in the queue (run by the worker).

    The row is claimed (waiting to being made) by one conditional update, so a second task for
    the same report finds nothing to do. Before making it, the task queues a follow-up of
    itself for after the task lease: if this worker dies mid-way, the follow-up finds the
    report still "being made" after the lease and makes it again (once; after a second death
    it is failed with the reason). A failure is kept on the row with its reason, for the
    facilitator to see; nothing is half stored. Returns the report's status."""
    now = timezone.now()
    stalled = Q(status=MAKING, started_at__lt=tasks.stale_before(now))
    from .tasks import make_board_report

    with transaction.atomic():  # the claim and its follow-up together, or neither
        claimed = BoardReport.objects.filter(
            Q(status=QUEUED) | stalled, pk=report_id, tries__lt=MAX_TRIES
        ).update(status=MAKING, started_at=now, tries=F("tries") + 1)
        if claimed:
            make_board_report.using(run_after=tasks.follow_up_at(now)).enqueue(report_id)
    if not claimed:
        if stalled_fail(BoardReport.objects.filter(pk=report_id)):
            return FAILED
        return "nothing to do"
    return _make(report_id, now)


def report_make_now(*, report_id: int) -> str:
    """Make a waiting report's PDF now, in this process, without the task queue (the demo's
    reports, so they are ready to open after ``make demo`` with no worker running). Claimed
    like the task's, without a follow-up: nothing outlives this call to need one. Returns the
    report's status."""
    now = timezone.now()
    claimed = BoardReport.objects.filter(pk=report_id, status=QUEUED).update(
        status=MAKING, started_at=now, tries=F("tries") + 1
    )
    return _make(report_id, now) if claimed else "nothing to do"


def _make(report_id: int, now: datetime.datetime) -> str:
    """Make, keep and mark ready the report claimed at ``now``; a failure is kept with its
    reason."""
    mine = BoardReport.objects.filter(pk=report_id, status=MAKING, started_at=now)
    report = BoardReport.objects.select_related("journey").get(pk=report_id)
    stored_name = ""
    try:
        data, pages = pdf.render_pdf(
            report.journey,
            start=report.period_from,
            end=report.period_to,
            language=report.language,
        )
        upload = ContentFile(data, name="report.pdf")
        stored = files.store(upload, files.check_upload(upload, kinds=(files.PDF,)), folder=FOLDER)
        stored_name = stored.name
        done = mine.update(
            status=READY,
            file_name=stored.name,
            size=stored.size,
            pages=pages,
            made_at=timezone.now(),
            reason="",
        )
        if not done:  # taken up by a follow-up while this one ran past its lease
            files.discard(stored_name)
            return "nothing to do"
    except Exception as exc:  # any failure is shown to the facilitator, with its reason
        log.exception("Board report %s could not be made", report_id)
        files.discard(stored_name)
        with translation.override(report.language):
            reason = _("The PDF could not be made: %(error)s") % {
                "error": str(exc) or type(exc).__name__
            }
        mine.update(status=FAILED, reason=reason[:2000])
        return FAILED
    return READY


def report_write(
    *,
    journey: Journey,
    out: str,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    language: str = "",
) -> tuple[int, int]:
    """Make the PDF now (``powerwith report``) and write it to the file ``out``. Returns its
    size in bytes and its number of pages. The journey's log says it was made from the
    command line."""
    _check_period(start, end)
    data, pages = pdf.render_pdf(journey, start=start, end=end, language=language)
    with open(out, "wb") as fh:
        fh.write(data)
    audit(
        journey=journey,
        actor=None,
        action="board_report_command",
        obj=journey,
        summary=f"Made the board report from the command line, for {_english_label(start, end)}",
    )
    return len(data), pages
