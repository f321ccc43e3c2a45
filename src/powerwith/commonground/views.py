"""Pages of statement rounds inside a journey: the facilitator's (open a round, check
statements, close it, paper sheets), responding signed in, and the results. Thin: parse, call
a service or selector, render. The pages for responding by the round's link, with no
account, are in ``link_views.py``."""

from __future__ import annotations

from typing import Any

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from powerwith.common.access import Access, journey_view, owned
from powerwith.common.confirm import confirm_page
from powerwith.common.forms import apply_errors
from powerwith.common.inputs import parse_id, parse_int
from powerwith.reflection.selectors import person_for_user

from . import forms, polis, present, printing, selectors, services
from .models import ACCEPTED, PENDING, REJECTED, Participant, Statement, StatementRound

BASED_ON = gettext_lazy(
    "Pol.is (Small, Bjorkegren, Erkkilä, Shaw and Megill 2021): people respond to short "
    "statements and the maths finds opinion groups and common ground; Farr 2018 (staff and "
    "patients finding common ground in experience-based co-design)."
)


def _url(name: str, access: Access, **kw: Any) -> str:
    return reverse(f"commonground:{name}", kwargs={"slug": access.journey.slug, **kw})


def _round(access: Access, statement_round_pk: int) -> StatementRound:
    return owned(StatementRound.objects.select_related("journey"), access, pk=statement_round_pk)


def _statement(rnd: StatementRound, statement_pk: int) -> Statement:
    statement = Statement.objects.filter(round=rnd, pk=statement_pk).first()
    if statement is None:
        raise Http404("No such statement in this round")
    return statement


def link_url(request: HttpRequest, rnd: StatementRound) -> str:
    return request.build_absolute_uri(reverse("round_link:respond", args=[rnd.link_token]))


def qr_svg(url: str) -> SafeString:
    """The round's link as a QR code, an inline SVG (segno: no image file, no script)."""
    svg = segno.make(url, error="m").svg_inline(scale=4, dark="#0b0c0c", light="#ffffff")
    label = escape(_("QR code"))
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))


# --- rounds ------------------------------------------------------------------------------------


@journey_view("view")
def round_list(request: HttpRequest, access: Access) -> HttpResponse:
    return render(
        request,
        "commonground/list.html",
        {
            "journey": access.journey,
            "rounds": selectors.round_list(access.journey),
            "based_on": BASED_ON,
        },
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, access: Access) -> HttpResponse:
    journey = access.journey
    initial: dict[str, Any] = {}
    if picked := [pk for a in request.GET.getlist("contribution") if (pk := parse_id(a))]:
        initial["contributions"] = picked
    form = forms.RoundForm(request.POST or None, initial=initial, journey=journey)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["contributions"] = list(data["contributions"])
        try:
            rnd = services.round_create(actor=request.user, journey=journey, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The round is open. Share its link or QR code."))
            return redirect(_url("round", access, statement_round_pk=rnd.pk))
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": _("Open a statement round"),
            "intro": _(
                "People respond to short statements one at a time: agree, disagree or pass. "
                "The results show groups of people who answered alike, and what nearly "
                "everyone agrees on, by side."
            ),
            "button": _("Open the round"),
            "back": _url("list", access),
            "based_on": BASED_ON,
        },
        status=400 if form.errors else 200,
    )


@journey_view("view")
def round_detail(request: HttpRequest, access: Access, statement_round_pk: int) -> HttpResponse:
    rnd = _round(access, statement_round_pk)
    statements = list(
        Statement.objects.filter(round=rnd).select_related("contribution").order_by("pk")
    )
    url = link_url(request, rnd) if rnd.open_by_link else ""
    return render(
        request,
        "commonground/round.html",
        {
            "round": rnd,
            "accepting": services.accepting(rnd),
            "accepted": [s for s in statements if s.moderation == ACCEPTED],
            "pending": [s for s in statements if s.moderation == PENDING],
            "rejected": [s for s in statements if s.moderation == REJECTED],
            "n_participants": Participant.objects.filter(round=rnd, responses__isnull=False)
            .distinct()
            .count(),
            "link": url,
            "qr": qr_svg(url) if url else "",
            "based_on": BASED_ON,
        },
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def statements_add(request: HttpRequest, access: Access, statement_round_pk: int) -> HttpResponse:
    rnd = _round(access, statement_round_pk)
    form = forms.StatementsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            for text in form.cleaned_data["statements"]:
                services.statement_add(actor=request.user, round=rnd, text=text)
        except ValidationError as exc:
            if "text" in exc.message_dict:
                exc = ValidationError({"statements": exc.message_dict["text"]})
            apply_errors(form, exc)
        else:
            n = len(form.cleaned_data["statements"])
            messages.success(request, _("Statements added: %(n)s.") % {"n": n})
            return redirect(_url("round", access, statement_round_pk=rnd.pk))
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": _("Add statements"),
            "intro": rnd.question,
            "button": _("Add statements"),
            "back": _url("round", access, statement_round_pk=rnd.pk),
        },
        status=400 if form.errors else 200,
    )


@journey_view("manage")
@require_POST
def statement_moderate(
    request: HttpRequest, access: Access, statement_round_pk: int, statement_pk: int
) -> HttpResponse:
    """Accept or turn down a statement (either can be changed later, so one tap)."""
    rnd = _round(access, statement_round_pk)
    statement = _statement(rnd, statement_pk)
    try:
        services.statement_moderate(
            actor=request.user, statement=statement, moderation=request.POST.get("moderation", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if statement.moderation == ACCEPTED:
            messages.success(request, _("Accepted: people responding now see it."))
        else:
            messages.success(request, _("Not accepted: it is left out of the round."))
    return redirect(_url("round", access, statement_round_pk=rnd.pk) + "#checking")


@journey_view("record")
@require_http_methods(["GET", "POST"])
def statement_raise(
    request: HttpRequest, access: Access, statement_round_pk: int, statement_pk: int
) -> HttpResponse:
    """Raise a statement as a contribution, so it gets a fate (asks first: it adds to the
    journey's record)."""
    rnd = _round(access, statement_round_pk)
    statement = _statement(rnd, statement_pk)
    back = _url("round", access, statement_round_pk=rnd.pk)
    if request.method == "POST":
        try:
            contribution = services.statement_raise(actor=request.user, statement=statement)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(back)
        messages.success(request, _("Raised as a contribution. Give it a fate when you can."))
        return redirect(contribution.get_absolute_url())
    refusal = None
    if statement.contribution_id is not None:
        refusal = _("This statement is already linked to a contribution.")
    elif statement.moderation != ACCEPTED:
        refusal = _("Only accepted statements can be raised as contributions.")
    return confirm_page(
        request,
        title=_("Raise this statement as a contribution?"),
        lead=f"\u201c{statement.text}\u201d",
        points=[
            _(
                "It is added to the journey's contributions, without anyone's name, with how "
                "many agreed and disagreed so far."
            ),
            _(
                "It can then be given a fate and go to a priority vote, and shows on the "
                "“you said, we did” page."
            ),
        ],
        undo=_(
            "A contribution stays in the record. You can give it the fate "
            "“not taken forward” with a reason."
        ),
        refusal=refusal,
        button=_("Raise it"),
        warning=False,
        back=back,
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def round_close(request: HttpRequest, access: Access, statement_round_pk: int) -> HttpResponse:
    rnd = _round(access, statement_round_pk)
    back = _url("round", access, statement_round_pk=rnd.pk)
    if request.method == "POST":
        try:
            services.round_close(actor=request.user, round=rnd)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The round is closed. Its results stay."))
        return redirect(back)
    n = Participant.objects.filter(round=rnd, responses__isnull=False).distinct().count()
    pending = Statement.objects.filter(round=rnd, moderation=PENDING).count()
    facts = [
        ngettext("%(n)s person has responded so far.", "%(n)s people have responded so far.", n)
        % {"n": n}
    ]
    if pending:
        facts.append(
            ngettext(
                "%(n)s statement people wrote is still waiting to be checked.",
                "%(n)s statements people wrote are still waiting to be checked.",
                pending,
            )
            % {"n": pending}
        )
    return confirm_page(
        request,
        title=_("Close the round “%(q)s”?") % {"q": rnd.question[:120]},
        facts=facts,
        points=[
            _("No more responses or statements are taken, by the link, signed in or on paper."),
            _("The link and QR code will say the round is closed."),
        ],
        undo=_("You can open it again later from this round's page."),
        refusal=None if rnd.is_open else _("This round is already closed."),
        button=_("Close the round"),
        back=back,
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def round_reopen(request: HttpRequest, access: Access, statement_round_pk: int) -> HttpResponse:
    rnd = _round(access, statement_round_pk)
    back = _url("round", access, statement_round_pk=rnd.pk)
    if request.method == "POST":
        try:
            services.round_reopen(actor=request.user, round=rnd)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The round is open again."))
        return redirect(back)
    points = [_("People can respond again, by the link, signed in or on paper.")]
    if rnd.closes_on is not None and not services.accepting(rnd) and rnd.is_open is False:
        points.append(_("Its closing date has passed, so it is taken off."))
    return confirm_page(
        request,
        title=_("Open the round “%(q)s” again?") % {"q": rnd.question[:120]},
        points=points,
        undo=_("You can close it again at any time."),
        refusal=None if not services.accepting(rnd) else _("This round is already open."),
        button=_("Open it again"),
        warning=False,
        back=back,
    )


# --- responding, signed in ---------------------------------------------------------------------


def respond_page(
    request: HttpRequest,
    rnd: StatementRound,
    participant: Participant | None,
    *,
    post_url: str,
    add_url: str,
    signed_in: bool,
    join_token: str = "",
    status: int = 200,
    form: Any = None,
) -> HttpResponse:
    """The one-statement-at-a-time page, for the link and for members signed in."""
    return render(
        request,
        "commonground/respond.html",
        {
            "round": rnd,
            "accepting": services.accepting(rnd),
            "progress": selectors.progress(participant, rnd),
            "post_url": post_url,
            "add_url": add_url if rnd.participants_may_add else "",
            "signed_in": signed_in,
            "code": services.resume_code(participant)
            if participant is not None and not signed_in
            else "",
            "join_token": join_token,
            "form": form,
        },
        status=status,
    )


def record_tap(request: HttpRequest, rnd: StatementRound, participant: Participant) -> None:
    """Record the tap a form sent: the statement it was about and the vote. A second tap on
    the same statement replaces the first (one row), so a double tap counts once."""
    statement_pk = parse_id(request.POST.get("statement"))
    vote = parse_int(request.POST.get("vote"))
    statement = (
        Statement.objects.filter(round=rnd, pk=statement_pk).first() if statement_pk else None
    )
    if statement is None or vote is None:
        messages.error(request, _("Choose agree, disagree or pass."))
        return
    try:
        services.response_record(participant=participant, statement=statement, vote=vote)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))


@journey_view("view")
@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, access: Access, statement_round_pk: int) -> HttpResponse:
    """Respond signed in: as the person in the register the account is linked to, so their
    side is known. Observers too: a say does not depend on being allowed to edit."""
    rnd = _round(access, statement_round_pk)
    person = person_for_user(access.journey, request.user)
    here = _url("respond", access, statement_round_pk=rnd.pk)
    participant = Participant.objects.filter(round=rnd, person=person).first() if person else None
    if request.method == "POST":
        if person is None:
            messages.error(
                request,
                _(
                    "Your account is not linked to anyone in this journey's register of "
                    "people. Ask a facilitator to link it, or use the round's link."
                ),
            )
            return redirect(here)
        if participant is None:
            participant = services.participant_join(round=rnd, person=person)
        if "text" in request.POST:
            form = forms.ProposeForm(request.POST)
            if form.is_valid():
                try:
                    services.statement_propose(
                        participant=participant, text=form.cleaned_data["text"]
                    )
                except ValidationError as exc:
                    apply_errors(form, exc)
                else:
                    messages.success(
                        request, _("Thank you. A facilitator will check your statement.")
                    )
                    return redirect(here)
            return respond_page(
                request,
                rnd,
                participant,
                post_url=here,
                add_url=here,
                signed_in=True,
                form=form,
                status=400,
            )
        record_tap(request, rnd, participant)
        return redirect(here)
    return respond_page(
        request,
        rnd,
        participant,
        post_url=here if person is not None else "",
        add_url=here,
        signed_in=True,
        form=forms.ProposeForm(),
    )


# --- paper -------------------------------------------------------------------------------------


@journey_view("view")
def sheet(request: HttpRequest, access: Access, statement_round_pk: int) -> HttpResponse:
    """A sheet to print: the question, each statement with three tick boxes, and how to
    respond by the link instead; ``?format=pdf`` is the same sheet as an A4 PDF."""
    rnd = _round(access, statement_round_pk)
    url = link_url(request, rnd) if rnd.open_by_link else ""
    statements = list(Statement.objects.filter(round=rnd, moderation=ACCEPTED).order_by("pk"))
    qr = qr_svg(url) if url else ""
    if request.GET.get("format") == "pdf":
        copies = parse_id(request.GET.get("copies", "1")) or 1
        response = HttpResponse(
            printing.sheet_pdf(rnd, statements, link=url, qr=qr, copies=copies),
            content_type="application/pdf",
        )
        name = f"{access.journey.slug}-statement-sheet-{rnd.pk}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(
        request,
        "commonground/sheet.html",
        {
            "round": rnd,
            "statements": statements,
            "link": url,
            "qr": qr,
            "most_copies": printing.MOST_COPIES,
        },
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def paper(request: HttpRequest, access: Access, statement_round_pk: int) -> HttpResponse:
    rnd = _round(access, statement_round_pk)
    statements = list(Statement.objects.filter(round=rnd, moderation=ACCEPTED).order_by("pk"))
    form = forms.PaperSheetForm(request.POST or None, statements=statements)
    here = _url("paper", access, statement_round_pk=rnd.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.paper_sheet_enter(
                actor=request.user,
                round=rnd,
                side=form.cleaned_data.get("side", ""),
                votes=form.votes(),
                code=form.cleaned_data.get("code", ""),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Sheet saved. Type in the next one."))
            return redirect(here)
    return render(
        request,
        "commonground/paper.html",
        {
            "round": rnd,
            "form": form,
            "accepting": services.accepting(rnd),
            "n_paper": Participant.objects.filter(round=rnd, channel="paper").count(),
        },
        status=400 if form.errors else 200,
    )


# --- results -----------------------------------------------------------------------------------


@journey_view("view")
def results(request: HttpRequest, access: Access, statement_round_pk: int) -> HttpResponse:
    rnd = _round(access, statement_round_pk)
    colour = "side" if request.GET.get("colour") == "side" else "group"
    result = selectors.cached_analysis(rnd)
    return render(
        request,
        "commonground/results.html",
        {
            "round": rnd,
            "colour": colour,
            **present.results(
                result,
                selectors.statement_names(rnd),
                selectors.statement_counts(rnd),
                colour=colour,
            ),
            "based_on": BASED_ON,
        },
    )


@journey_view("manage")
def polis_export(request: HttpRequest, access: Access, statement_round_pk: int) -> HttpResponse:
    """The round as the CSV files Pol.is itself exports, in a ZIP (facilitators)."""
    rnd = _round(access, statement_round_pk)
    data = polis.round_export_polis(actor=request.user, round=rnd)
    response = HttpResponse(data, content_type="application/zip")
    name = f"{access.journey.slug}-statement-round-{rnd.pk}-polis.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
