"""Pages of gatherings: the list, details, agenda, attendance and the live speaking-turn page.

The speaking-turn page works without JavaScript: every person's button is its own small form
carrying a token minted when the page was drawn, so a double submission counts once. With
htmx, a tap posts in the background (taps queue one after another) and the answer updates only
the counts and the status line, so buttons tapped while a request is on its way are not lost.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from powerwith.common.access import Access, journey_view, owned
from powerwith.common.forms import apply_errors
from powerwith.common.inputs import parse_id
from powerwith.common.pdf import pdf_response, template_pdf
from powerwith.journeys import vocab as journey_vocab
from powerwith.people import services as people_services
from powerwith.people.models import Person

from . import calendar, form_extras, forms, panels, selectors, services, vocab
from .models import AgendaItem, Gathering, LeftOff, SpeakingTurn

PAGE_SIZE = 50


def _form_page(request: HttpRequest, form: Any, **ctx: Any) -> HttpResponse:
    return render(
        request,
        "common/form_page.html",
        {"form": form, **ctx},
        status=400 if form.errors else 200,
    )


def _gathering(access: Access, gathering_pk: int) -> Gathering:
    return owned(Gathering.objects.select_related("group"), access, pk=gathering_pk)


@journey_view("view")
def gathering_list(request: HttpRequest, access: Access) -> HttpResponse:
    kind = request.GET.get("kind", "")
    if kind not in vocab.KINDS:
        kind = ""
    qs = selectors.gatherings_list(access.journey, kind=kind)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "gatherings/list.html",
        {"journey": access.journey, "page": page, "kind": kind, "kinds": vocab.KINDS},
    )


def _save_gathering(request: HttpRequest, access: Access, gathering: Gathering | None) -> Any:
    initial: dict[str, Any] = {"held_on": timezone.localdate()}
    if gathering is not None:
        initial = {
            f: getattr(gathering, f)
            for f in (
                "title",
                "kind",
                "held_on",
                "starts_at",
                "venue_kind",
                "venue_name",
                "accessibility",
                "stage",
                "notes",
            )
        }
        initial["group"] = str(gathering.group_id or "")
    # Open groups first, then the most recently closed.
    groups = list(
        access.journey.codesign_groups.order_by(F("closed_on").desc(nulls_first=True), "name", "id")
    )
    form = forms.GatheringForm(request.POST or None, initial=initial, groups=groups)
    # Fields from apps above (form_extras.py: the stage of the plan), saved in one transaction.
    found = form_extras.extras(access, gathering)
    form_extras.add_to(form, found)

    def save(fields: dict[str, Any]) -> Gathering:
        if gathering is None:
            return services.gathering_create(actor=request.user, journey=access.journey, **fields)
        return services.gathering_update(actor=request.user, gathering=gathering, **fields)

    if request.method == "POST" and form.is_valid():
        try:
            saved = form_extras.save_with_extras(
                save, actor=request.user, cleaned=form.cleaned_data, found=found
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Gathering recorded. Next, add the agenda, who came, and who spoke.")
                if gathering is None
                else _("Saved."),
            )
            return redirect(saved.get_absolute_url())
    back = (
        gathering.get_absolute_url()
        if gathering is not None
        else reverse("gatherings:list", kwargs={"slug": access.journey.slug})
    )
    return _form_page(
        request,
        form,
        title=_("Record a gathering")
        if gathering is None
        else _("Change %(title)s") % {"title": gathering.title},
        button=_("Save gathering"),
        back=back,
        intro=_(
            "Any time the group, or part of it, came together: meetings, café sessions, walks, phone rounds, surveys."
        ),
        based_on=_(
            "Whitehead / Centre for Loneliness Studies 2021 (flexible and creative ways in); Farr 2018 (range of venues and activities)."
        ),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def gathering_create(request: HttpRequest, access: Access) -> HttpResponse:
    return _save_gathering(request, access, None)


@journey_view("record")
@require_http_methods(["GET", "POST"])
def gathering_edit(request: HttpRequest, access: Access, gathering_pk: int) -> HttpResponse:
    return _save_gathering(request, access, _gathering(access, gathering_pk))


@journey_view("view")
def gathering_detail(request: HttpRequest, access: Access, gathering_pk: int) -> HttpResponse:
    gathering = _gathering(access, gathering_pk)
    people = selectors.people_for(gathering)
    agenda_form = forms.AgendaItemForm(people=people)
    return render(
        request,
        "gatherings/detail.html",
        {
            "journey": access.journey,
            "gathering": gathering,
            "agenda_form": agenda_form,
            "stage_label": journey_vocab.STAGES.label(gathering.stage) if gathering.stage else "",
            "panels": panels.panels(access, request.user, gathering),
            **selectors.gathering_detail(gathering),
        },
    )


@journey_view("view")
def gathering_calendar(request: HttpRequest, access: Access, gathering_pk: int) -> HttpResponse:
    """The gathering as a calendar file, with a reminder the day before."""
    gathering = _gathering(access, gathering_pk)
    text = calendar.gathering_ics(
        gathering,
        host=request.get_host().split(":")[0],
        url=request.build_absolute_uri(gathering.get_absolute_url()),
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="gathering-{gathering.pk}.ics"'
    return response


@journey_view("record")
@require_http_methods(["GET", "POST"])
def agenda_add(request: HttpRequest, access: Access, gathering_pk: int) -> HttpResponse:
    gathering = _gathering(access, gathering_pk)
    people = list(Person.objects.filter(journey=access.journey).order_by("name", "id"))
    form = forms.AgendaItemForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.agenda_item_add(
                actor=request.user, gathering=gathering, **form.service_kwargs()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Added “%(title)s” to the agenda.") % {"title": item.title})
            return redirect(gathering.get_absolute_url() + "#agenda")
    return _form_page(
        request,
        form,
        title=_("Add to the agenda of %(title)s") % {"title": gathering.title},
        button=_("Add to the agenda"),
        back=gathering.get_absolute_url(),
        based_on=_("Farr 2018 (how agendas are agreed, and whether professionals cede control)."),
    )


@journey_view("record")
@require_POST
def agenda_remove(
    request: HttpRequest, access: Access, gathering_pk: int, item_pk: int
) -> HttpResponse:
    gathering = _gathering(access, gathering_pk)
    item = AgendaItem.objects.filter(gathering=gathering, pk=item_pk).first()
    if item is None:
        from django.http import Http404

        raise Http404(_("Not found in this gathering"))
    services.agenda_item_remove(actor=request.user, item=item)
    messages.success(request, _("Removed “%(title)s” from the agenda.") % {"title": item.title})
    return redirect(gathering.get_absolute_url() + "#agenda")


WHO_CHOSE_BASED_ON = gettext_lazy(
    "Farr 2018 (who is invited into the room, and who decides that, is a form of power)."
)


def _register(access: Access) -> Any:
    return Person.objects.filter(journey=access.journey).order_by("name", "id")


@journey_view("record")
@require_http_methods(["GET", "POST"])
def invitations(request: HttpRequest, access: Access, gathering_pk: int) -> HttpResponse:
    """Who drew up the invitation list, or that anyone could come."""
    gathering = _gathering(access, gathering_pk)
    form = forms.InvitationForm(
        request.POST or None,
        people=_register(access),
        initial={
            "how": gathering.invitation,
            "drawn_up_by": [m.person_id for m in gathering.invitation_makers.all()],
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_set(
                actor=request.user,
                gathering=gathering,
                how=form.cleaned_data["how"],
                drawn_up_by=list(form.cleaned_data["drawn_up_by"]),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved who chose who was invited."))
            return redirect(gathering.get_absolute_url() + "#invited")
    return _form_page(
        request,
        form,
        title=_("Who chose who was invited to %(title)s") % {"title": gathering.title},
        button=_("Save"),
        back=gathering.get_absolute_url() + "#invited",
        intro=_(
            "Who decides who is in the room shapes what gets said there. Record who drew up "
            "the invitation list, or that anyone could come."
        ),
        based_on=WHO_CHOSE_BASED_ON,
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def left_off_add(request: HttpRequest, access: Access, gathering_pk: int) -> HttpResponse:
    """Someone, or a group, who was not invited, and why."""
    gathering = _gathering(access, gathering_pk)
    form = forms.LeftOffForm(request.POST or None, people=_register(access))
    if request.method == "POST" and form.is_valid():
        try:
            services.left_off_add(actor=request.user, gathering=gathering, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Recorded who was left off, and why."))
            return redirect(gathering.get_absolute_url() + "#invited")
    return _form_page(
        request,
        form,
        title=_("Who was left off %(title)s") % {"title": gathering.title},
        button=_("Record who was left off"),
        back=gathering.get_absolute_url() + "#invited",
        intro=_(
            "Someone in the register, or a group of people, who could have been invited but "
            "was not, and why. Groups that are never invited are often the ones never heard."
        ),
        based_on=WHO_CHOSE_BASED_ON,
    )


@journey_view("record")
@require_POST
def left_off_remove(
    request: HttpRequest, access: Access, gathering_pk: int, left_off_pk: int
) -> HttpResponse:
    gathering = _gathering(access, gathering_pk)
    row = LeftOff.objects.filter(gathering=gathering, pk=left_off_pk).first()
    if row is None:
        from django.http import Http404

        raise Http404(_("Not found in this gathering"))
    services.left_off_remove(actor=request.user, row=row)
    messages.success(request, _("Removed from who was left off."))
    return redirect(gathering.get_absolute_url() + "#invited")


@journey_view("record")
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, access: Access, gathering_pk: int) -> HttpResponse:
    gathering = _gathering(access, gathering_pk)
    people = selectors.people_for(gathering)
    current = dict(gathering.attendances.values_list("person_id", "status"))
    form = forms.AttendanceForm(
        request.POST or None,
        people=people,
        initial={f"status_{pid}": st for pid, st in current.items()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.attendance_set(
                actor=request.user, gathering=gathering, statuses=form.statuses()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "Attendance saved (%(n)s change).", "Attendance saved (%(n)s changes).", changed
                )
                % {"n": changed},
            )
            return redirect(gathering.get_absolute_url() + "#attendance")
    return render(
        request,
        "gatherings/attendance.html",
        {"journey": access.journey, "gathering": gathering, "form": form},
        status=400 if form.errors else 200,
    )


# Blank rows after the names on a sign-in sheet, for people who come unexpectedly: at least
# this many, and enough to fill the first page when few are expected.
BLANK_ROWS = 4
ROWS_ON_FIRST_PAGE = 7


@journey_view("record")
@require_GET
def sign_in_sheet(request: HttpRequest, access: Access, gathering_pk: int) -> HttpResponse:
    """The gathering's sign-in sheet as an A4 PDF: the people expected, with space to sign,
    needs and expenses, and blank rows. Whoever signs it reads it, so it shows only each
    person's name as the register has it, and nothing else about them; ``?names=no`` gives a
    sheet of blank rows only."""
    gathering = _gathering(access, gathering_pk)
    named = request.GET.get("names") != "no"
    people = selectors.expected_people(gathering) if named else []
    blank = max(BLANK_ROWS, ROWS_ON_FIRST_PAGE - len(people))
    data = template_pdf(
        "gatherings/sign_in_sheet.html",
        {
            "journey": access.journey,
            "gathering": gathering,
            "people": people,
            "blank_rows": range(blank),
        },
    )
    suffix = "" if named else "-blank"
    return pdf_response(data, f"{access.journey.slug}-sign-in-{gathering.pk}{suffix}.pdf")


# --- Speaking turns ------------------------------------------------------------------------


def _running_key(gathering: Gathering) -> str:
    return f"running_turn:{gathering.pk}"


def _running(request: HttpRequest, gathering: Gathering) -> SpeakingTurn | None:
    pk = request.session.get(_running_key(gathering))
    if not pk:
        return None
    turn = (
        SpeakingTurn.objects.select_related("person")
        .filter(gathering=gathering, pk=pk, seconds__isnull=True)
        .first()
    )
    if turn is None:
        request.session.pop(_running_key(gathering), None)
    return turn


def _stop_running(request: HttpRequest, gathering: Gathering) -> SpeakingTurn | None:
    turn = _running(request, gathering)
    if turn is not None:
        services.turn_stop(actor=request.user, turn=turn)
    request.session.pop(_running_key(gathering), None)
    return turn


def _turns_url(
    gathering: Gathering,
    timed: bool,
    item: AgendaItem | None = None,
    q: str = "",
    *,
    others: bool = False,
) -> str:
    url = reverse(
        "gatherings:turns",
        kwargs={"slug": gathering.journey.slug, "gathering_pk": gathering.pk},
    )
    pairs = (
        ("timed", timed and "1"),
        ("item", item and item.pk),
        ("q", q),
        ("others", others and "1"),
    )
    query = urlencode({k: v for k, v in pairs if v})
    return f"{url}?{query}" if query else url


def _query(request: HttpRequest) -> str:
    """The turn page's name filter (``q``), carried like ``timed`` and ``item``."""
    return (request.POST.get("q") or request.GET.get("q") or "").strip()[:60]


def _item(request: HttpRequest, gathering: Gathering) -> AgendaItem | None:
    """The agenda item being discussed, as the turn page carries it (``item``, in its address
    and in every form on it); None for none, or for one that is not on this agenda. Read once
    per request: a tap needs it for the turn, then again to answer."""
    memo: dict[int, AgendaItem | None] = request.__dict__.setdefault("_turn_item", {})
    if gathering.pk not in memo:
        pk = parse_id(request.POST.get("item") or request.GET.get("item"))
        memo[gathering.pk] = (
            AgendaItem.objects.filter(gathering=gathering, pk=pk).first() if pk else None
        )
    return memo[gathering.pk]


# A register this long gets the "Find a name" filter on the turn page.
FILTER_FROM = 9


def _board_context(request: HttpRequest, gathering: Gathering, timed: bool) -> dict[str, Any]:
    board = selectors.turn_board(gathering, query=_query(request))
    return {
        "item": _item(request, gathering),
        # Read only if drawn: the whole page has the chooser, an htmx answer does not.
        "agenda": gathering.agenda_items.order_by("position", "id"),
        "journey": gathering.journey,
        "gathering": gathering,
        "board": board,
        # One fresh token per button, minted as the page is drawn: resending the same form
        # (a double tap, the back button, a retry) carries the same token and counts once.
        "taps": [(row, uuid.uuid4().hex) for row in board.rows],
        "q": board.query,
        "everyone_url": _turns_url(gathering, timed, _item(request, gathering)),
        "show_filter": bool(board.query) or board.present_total + board.others_total >= FILTER_FROM,
        # The others are shown unfolded when no one is marked as here yet, when a filter is
        # looking for someone, or just after marking someone as here (``others=1``).
        "others_open": bool(board.query)
        or board.present_total == 0
        or request.GET.get("others") == "1",
        "newcomer_form": forms.NewcomerForm(prefix="new"),
        "timed": timed,
        "running": _running(request, gathering) if timed else None,
        "seconds_form": forms.TurnSecondsForm(),
    }


def _turn_answer(
    request: HttpRequest,
    gathering: Gathering,
    *,
    timed: bool,
    status: str = "",
    error: str = "",
) -> HttpResponse:
    """After a change on the turn page: the counts and status line for htmx, otherwise back to
    the page (or the page again with the problem, status 400)."""
    if request.htmx:  # type: ignore[attr-defined]
        ctx = _board_context(request, gathering, timed)
        return render(
            request, "gatherings/_turn_update.html", {**ctx, "status": status, "error": error}
        )
    if error:
        ctx = _board_context(request, gathering, timed)
        return render(request, "gatherings/turns.html", {**ctx, "error": error}, status=400)
    messages.success(request, status)
    return redirect(_turns_url(gathering, timed, _item(request, gathering), _query(request)))


@journey_view("record")
def turns(request: HttpRequest, access: Access, gathering_pk: int) -> HttpResponse:
    gathering = _gathering(access, gathering_pk)
    timed = request.GET.get("timed") == "1"
    return render(request, "gatherings/turns.html", _board_context(request, gathering, timed))


@journey_view("record")
@require_POST
def turn_tap(request: HttpRequest, access: Access, gathering_pk: int) -> HttpResponse:
    gathering = _gathering(access, gathering_pk)
    form = forms.TapForm(request.POST)
    timed = request.POST.get("timed") == "1"
    if not form.is_valid():
        return _turn_answer(request, gathering, timed=timed, error=_("Choose who spoke."))
    person = Person.objects.filter(journey=access.journey, pk=form.cleaned_data["person"]).first()
    if person is None:
        return _turn_answer(
            request, gathering, timed=timed, error=_("Choose a person from this journey.")
        )
    token = form.cleaned_data["client_token"] or None
    item = _item(request, gathering)
    if request.POST.get("item") and item is None:
        return _turn_answer(
            request,
            gathering,
            timed=timed,
            error=_("That agenda item is not on this gathering’s agenda any more. Choose again."),
        )
    try:
        # Only a timed tap needs to know first (a resent one must not stop the clock).
        already = (
            timed
            and token is not None
            and SpeakingTurn.objects.filter(client_token=token, gathering=gathering).exists()
        )
        if timed and not already:
            _stop_running(request, gathering)
        turn, created = services.turn_record(
            actor=request.user,
            gathering=gathering,
            person=person,
            client_token=token,
            agenda_item=item,
        )
    except ValidationError as exc:
        return _turn_answer(request, gathering, timed=timed, error=" ".join(exc.messages))
    if timed and created:
        request.session[_running_key(gathering)] = turn.pk
    n = SpeakingTurn.objects.filter(gathering=gathering, person=person).count()
    if created:
        status = _("Turn recorded for %(name)s: %(n)s so far.") % {"name": person.name, "n": n}
        if timed:
            status += _(" The clock is running until the next tap or Stop.")
    else:
        status = _("That tap for %(name)s was already counted (%(n)s so far).") % {
            "name": person.name,
            "n": n,
        }
    return _turn_answer(request, gathering, timed=timed, status=status)


@journey_view("record")
@require_POST
def turn_undo(request: HttpRequest, access: Access, gathering_pk: int) -> HttpResponse:
    gathering = _gathering(access, gathering_pk)
    timed = request.POST.get("timed") == "1"
    turn = services.turn_undo(actor=request.user, gathering=gathering)
    if turn is None:
        return _turn_answer(
            request, gathering, timed=timed, status=_("There is no turn of yours to undo here.")
        )
    if request.session.get(_running_key(gathering)) == turn.pk:
        request.session.pop(_running_key(gathering), None)
    return _turn_answer(
        request,
        gathering,
        timed=timed,
        status=_("Undone: the last turn, by %(name)s.") % {"name": turn.person.name},
    )


@journey_view("record")
@require_POST
def turn_stop(request: HttpRequest, access: Access, gathering_pk: int) -> HttpResponse:
    gathering = _gathering(access, gathering_pk)
    turn = _stop_running(request, gathering)
    if turn is None:
        status = _("No turn was being timed.")
    else:
        status = _("Stopped: %(name)s spoke for %(n)s seconds.") % {
            "name": turn.person.name,
            "n": turn.seconds,
        }
    return _turn_answer(request, gathering, timed=True, status=status)


def _back_to_turns(
    request: HttpRequest, gathering: Gathering, fragment: str, *, others: bool = False
) -> HttpResponse:
    """To the turn page, with the filter cleared: it has found who it was looking for."""
    timed = request.POST.get("timed") == "1"
    url = _turns_url(gathering, timed, _item(request, gathering), others=others)
    return redirect(f"{url}#{fragment}")


@journey_view("record")
@require_POST
def turn_mark_here(request: HttpRequest, access: Access, gathering_pk: int) -> HttpResponse:
    """Mark someone in the register as having come, from the turn page: their tap button then
    joins the others. A plain form, with or without JavaScript."""
    gathering = _gathering(access, gathering_pk)
    person_pk = parse_id(request.POST.get("person"))
    person = (
        Person.objects.filter(journey=access.journey, pk=person_pk).first()
        if person_pk is not None
        else None
    )
    if person is None:
        return _turn_answer(
            request,
            gathering,
            timed=request.POST.get("timed") == "1",
            error=_("Choose a person from this journey."),
        )
    services.attendance_set(
        actor=request.user, gathering=gathering, statuses={person.pk: vocab.PRESENT}
    )
    messages.success(
        request,
        _("%(name)s is marked as here: tap their name when they speak.") % {"name": person.name},
    )
    # Back to the list, still open (``others=1``): people often arrive together and are marked
    # one after another.
    return _back_to_turns(request, gathering, "others", others=True)


@journey_view("record")
@require_POST
def turn_newcomer(request: HttpRequest, access: Access, gathering_pk: int) -> HttpResponse:
    """Someone new came: add them to the register (joining on the gathering's day) and mark
    them as here, in one go."""
    gathering = _gathering(access, gathering_pk)
    timed = request.POST.get("timed") == "1"
    form = forms.NewcomerForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            with transaction.atomic():
                person = people_services.person_create(
                    actor=request.user,
                    journey=access.journey,
                    name=form.cleaned_data["name"],
                    role=form.cleaned_data["role"],
                    side=form.cleaned_data["side"] or None,
                    joined_on=gathering.held_on,
                )
                services.attendance_set(
                    actor=request.user, gathering=gathering, statuses={person.pk: vocab.PRESENT}
                )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "%(name)s added to the register and marked as here: tap their name when "
                    "they speak."
                )
                % {"name": person.name},
            )
            return _back_to_turns(request, gathering, f"tap-{person.pk}")
    ctx = _board_context(request, gathering, timed)
    return render(request, "gatherings/turns.html", {**ctx, "newcomer_form": form}, status=400)


def _turn(gathering: Gathering, turn_pk: int) -> SpeakingTurn:
    turn = (
        SpeakingTurn.objects.select_related("person")
        .filter(gathering=gathering, pk=turn_pk)
        .first()
    )
    if turn is None:
        from django.http import Http404

        raise Http404(_("Not found in this gathering"))
    return turn


@journey_view("record")
@require_POST
def turn_remove(
    request: HttpRequest, access: Access, gathering_pk: int, turn_pk: int
) -> HttpResponse:
    gathering = _gathering(access, gathering_pk)
    turn = _turn(gathering, turn_pk)
    services.turn_undo(actor=request.user, gathering=gathering, turn_id=turn.pk)
    return _turn_answer(
        request,
        gathering,
        timed=request.POST.get("timed") == "1",
        status=_("Removed a turn by %(name)s.") % {"name": turn.person.name},
    )


@journey_view("record")
@require_POST
def turn_seconds(
    request: HttpRequest, access: Access, gathering_pk: int, turn_pk: int
) -> HttpResponse:
    gathering = _gathering(access, gathering_pk)
    turn = _turn(gathering, turn_pk)
    timed = request.POST.get("timed") == "1"
    form = forms.TurnSecondsForm(request.POST)
    if not form.is_valid():
        return _turn_answer(
            request, gathering, timed=timed, error=" ".join(str(e) for e in form.errors["seconds"])
        )
    services.turn_set_seconds(actor=request.user, turn=turn, seconds=form.cleaned_data["seconds"])
    return _turn_answer(
        request,
        gathering,
        timed=timed,
        status=_("Saved: %(name)s spoke for %(n)s seconds.")
        % {
            "name": turn.person.name,
            "n": turn.seconds,
        },
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def turns_after(request: HttpRequest, access: Access, gathering_pk: int) -> HttpResponse:
    """Turns entered afterwards, from notes: a number (and optional minutes) per person."""
    gathering = _gathering(access, gathering_pk)
    people = selectors.people_for(gathering)
    entered = selectors.turns_entered_after(gathering)
    form = forms.TurnsAfterForm(
        request.POST or None,
        people=people,
        initial={
            **{f"turns_{pid}": n for pid, (n, _) in entered.items()},
            **{f"minutes_{pid}": m for pid, (_, m) in entered.items() if m is not None},
        },
    )
    if request.method == "POST" and form.is_valid():
        counts, minutes = form.counts()
        for pid in entered:  # a cleared box means no turns entered afterwards any more
            counts.setdefault(pid, 0)
        try:
            made = services.turns_enter(
                actor=request.user, gathering=gathering, counts=counts, minutes=minutes
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, ngettext("Saved %(n)s turn.", "Saved %(n)s turns.", made) % {"n": made}
            )
            return redirect(gathering.get_absolute_url() + "#turns")
    return render(
        request,
        "gatherings/turns_after.html",
        {"journey": access.journey, "gathering": gathering, "form": form},
        status=400 if form.errors else 200,
    )
