"""Pages of priority votes: preparing one, opening and closing it, ballots on a phone and on
paper, the printed ballot papers and the results. Thin, as ``views.py``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from powerwith.common.access import Access, journey_view, owned
from powerwith.common.confirm import confirm_page
from powerwith.common.forms import apply_errors
from powerwith.common.inputs import parse_id
from powerwith.common.pdf import pdf_response
from powerwith.insights import charts
from powerwith.journeys.selectors import limits_line
from powerwith.people import vocab as pvocab
from powerwith.people.models import Person

from . import counting, forms, printing, selectors, services, vocab
from .models import Vote, VoteOption
from .views import VOTE_BASED_ON, _form_page, _status, _url

METHOD_RULES = [(t, counting.RULES[t.code]) for t in vocab.METHODS]

# --- votes -------------------------------------------------------------------------------------


def _vote(access: Access, vote_pk: int) -> Vote:
    return owned(Vote.objects.select_related("journey", "gathering__journey"), access, pk=vote_pk)


@journey_view("view")
def vote_list(request: HttpRequest, access: Access) -> HttpResponse:
    return render(
        request,
        "decisions/votes.html",
        {
            "journey": access.journey,
            "votes": selectors.vote_list(access.journey),
            "states": vocab.VOTE_STATES,
            "based_on": VOTE_BASED_ON,
        },
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def vote_create(request: HttpRequest, access: Access) -> HttpResponse:
    journey = access.journey
    initial: dict[str, Any] = {}
    if gathering_pk := parse_id(request.GET.get("gathering")):
        initial["gathering"] = gathering_pk
    form = forms.VoteCreateForm(request.POST or None, initial=initial, journey=journey)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["contributions"] = list(data["contributions"])
        data["tags"] = list(data["tags"])
        try:
            vote = services.vote_create(actor=request.user, journey=journey, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Vote prepared. Check the items, then open it for voting."))
            return redirect(vote.get_absolute_url())
    return render(
        request,
        "decisions/vote_form.html",
        {
            "form": form,
            "title": _("Prepare a priority vote"),
            "button": _("Prepare vote"),
            "back": _url("votes", access),
            "method_rules": METHOD_RULES,
            "based_on": VOTE_BASED_ON,
        },
        status=_status(form),
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def vote_edit(request: HttpRequest, access: Access, vote_pk: int) -> HttpResponse:
    vote = _vote(access, vote_pk)
    fields = (
        "title",
        "question",
        "gathering",
        "method",
        "dots",
        "stacking",
        "score_max",
        "secret",
        "hide_results",
        "closes_at",
    )
    initial = {f: getattr(vote, f) for f in fields}
    initial["gathering"] = vote.gathering_id
    form = forms.VoteForm(request.POST or None, initial=initial, journey=access.journey)
    if request.method == "POST" and form.is_valid():
        try:
            services.vote_update(actor=request.user, vote=vote, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(vote.get_absolute_url())
    return render(
        request,
        "decisions/vote_form.html",
        {
            "form": form,
            "title": _("Change the vote's rules"),
            "button": _("Save"),
            "back": vote.get_absolute_url(),
            "method_rules": METHOD_RULES,
        },
        status=_status(form),
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def option_add(request: HttpRequest, access: Access, vote_pk: int) -> HttpResponse:
    vote = _vote(access, vote_pk)
    form = forms.OptionsForm(request.POST or None, journey=access.journey)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.vote_option_add(
                actor=request.user,
                vote=vote,
                contributions=list(data["contributions"]),
                tags=list(data["tags"]),
                labels=data["labels"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Items added."))
            return redirect(vote.get_absolute_url())
    return _form_page(
        request,
        form,
        title=_("Add items to “%(title)s”") % {"title": vote.title},
        intro=_("Items can be things people raised, themes, or items in your own words."),
        button=_("Add items"),
        back=vote.get_absolute_url(),
    )


@journey_view("manage")
@require_POST
def option_remove(
    request: HttpRequest, access: Access, vote_pk: int, option_pk: int
) -> HttpResponse:
    vote = _vote(access, vote_pk)
    option = VoteOption.objects.filter(vote=vote, pk=option_pk).first()
    if option is None:
        raise Http404(_("No such item in this vote"))
    try:
        services.vote_option_remove(actor=request.user, option=option)
        messages.success(request, _("Removed “%(label)s”.") % {"label": option.label[:80]})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(vote.get_absolute_url())


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def vote_open(request: HttpRequest, access: Access, vote_pk: int) -> HttpResponse:
    """Asks first: once open, a vote's items and rules are fixed."""
    vote = _vote(access, vote_pk)
    if request.method == "POST":
        try:
            services.vote_open(actor=request.user, vote=vote)
            messages.success(request, _("The vote is open. People can vote now."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(vote.get_absolute_url())
    labels = list(vote.options.values_list("label", flat=True))
    refusal = None
    if vote.state != vocab.DRAFT:
        refusal = _("This vote has already opened.")
    elif len(labels) < 2:
        refusal = _("A vote needs at least two items. Add more items first.")
    return confirm_page(
        request,
        title=_("Open the vote “%(title)s”?") % {"title": vote.title},
        lead=ngettext(
            "%(method)s, with %(n)s item: %(items)s.",
            "%(method)s, with %(n)s items: %(items)s.",
            len(labels),
        )
        % {
            "method": vocab.METHODS.label(vote.method),
            "n": len(labels),
            "items": "; ".join(labels)[:500],
        },
        points=[
            _(
                "People in the group can vote on their own phone or computer, and you can type "
                "in paper ballots."
            ),
            _("The items and the rules can no longer change."),
            _("The results stay hidden until the vote closes.")
            if vote.hide_results or vote.secret
            else _("The results will show as ballots come in."),
        ],
        undo=_(
            "Opening cannot be undone. To change the items or the rules afterwards, close "
            "this vote and prepare a new one."
        ),
        refusal=refusal,
        button=_("Open the vote"),
        warning=False,
        back=vote.get_absolute_url(),
    )


def _people_who_can_vote(access: Access) -> int:
    return access.journey.people.filter(left_on__isnull=True).count()


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def vote_close(request: HttpRequest, access: Access, vote_pk: int) -> HttpResponse:
    """Asks first (a stray tap on a phone once closed a vote with no ballots), then closes."""
    vote = _vote(access, vote_pk)
    if request.method == "POST":
        try:
            services.vote_close(actor=request.user, vote=vote)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(vote.get_absolute_url())
        messages.success(
            request,
            _(
                "The vote is closed. These are the final results. If it was closed by mistake, "
                "you can reopen it from the vote's page within %(within)s."
            )
            % {"within": vocab.REOPEN_WITHIN_WORDS},
        )
        return redirect(_url("results", access, vote_pk=vote.pk))
    n, people = selectors.ballot_counts(vote)["total"], _people_who_can_vote(access)
    refusal = (
        None if vote.state == vocab.OPEN else _("This vote is not open, so it cannot be closed.")
    )
    return confirm_page(
        request,
        title=_("Close the vote “%(title)s”?") % {"title": vote.title},
        facts=[
            ngettext(
                "%(n)s of the %(people)s people in the group’s register has voted so far.",
                "%(n)s of the %(people)s people in the group’s register have voted so far.",
                n,
            )
            % {"n": n, "people": people}
        ],
        points=[
            _("No more ballots will be counted, on a phone or on paper."),
            _("The results will be shown to everyone in the journey."),
        ]
        + (
            [_("The secret ballot papers will be shuffled, so no one can tell who cast which.")]
            if vote.secret
            else []
        ),
        undo=(
            _(
                "If you close it by mistake, you can reopen it within "
                "%(within)s, as long as no decision has been recorded from it."
            )
            % {"within": vocab.REOPEN_WITHIN_WORDS}
            if not vote.secret or n == 0
            else _(
                "Once closed, this secret vote cannot be reopened: people would be able "
                "to work out how later voters voted by comparing the results."
            )
        ),
        refusal=refusal,
        button=_("Close the vote"),
        warning=True,
        back=vote.get_absolute_url(),
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def vote_reopen(request: HttpRequest, access: Access, vote_pk: int) -> HttpResponse:
    """Reopen a vote closed by mistake, soon after, after asking."""
    vote = _vote(access, vote_pk)
    if request.method == "POST":
        try:
            services.vote_reopen(actor=request.user, vote=vote)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The vote is open again. People can vote now."))
        return redirect(vote.get_absolute_url())
    n = selectors.ballot_counts(vote)["total"]
    return confirm_page(
        request,
        title=_("Reopen the vote “%(title)s”?") % {"title": vote.title},
        lead=_(
            "A vote closed by mistake can be reopened within "
            "%(within)s of closing, as long as no decision has been "
            "recorded from it."
        )
        % {"within": vocab.REOPEN_WITHIN_WORDS},
        facts=[
            ngettext(
                "%(n)s ballot had been counted when it closed.",
                "%(n)s ballots had been counted when it closed.",
                n,
            )
            % {"n": n}
        ],
        points=[
            _("People can vote again, and the ballots already counted still count."),
            _("The results will be hidden again until it closes.")
            if vote.hide_results or vote.secret
            else _("The results will show as ballots come in, as before."),
            _("The journey’s log will say that you reopened it."),
        ],
        refusal=services.vote_reopen_refusal(vote),
        button=_("Reopen the vote"),
        warning=False,
        back=vote.get_absolute_url(),
    )


def _vote_page(
    request: HttpRequest,
    access: Access,
    vote: Vote,
    *,
    form: forms.BallotForm | None = None,
    status: int = 200,
) -> HttpResponse:
    options = list(vote.options.select_related("contribution__journey", "tag"))
    person = selectors.voter_for(request.user, access.journey)
    receipt = vote.receipts.filter(person=person).first() if person is not None else None
    changing = request.GET.get("change") == "1" or (form is not None and form.data.get("change"))
    if form is None and person is not None and selectors.vote_accepting(vote):
        initial: dict[str, Any] = {}
        if receipt is not None and receipt.marks and changing:
            initial = forms.BallotForm.initial_from(selectors._marks(receipt.marks), vote)
        form = forms.BallotForm(initial=initial, vote=vote, options=options)
    your_marks = []
    if receipt is not None and receipt.marks:
        marks = selectors._marks(receipt.marks)
        your_marks = [(o, marks[o.pk]) for o in options if o.pk in marks]
    return render(
        request,
        "decisions/vote.html",
        {
            "vote": vote,
            "options": options,
            "form": form,
            "person": person,
            "receipt": receipt,
            "your_marks": your_marks,
            "changing": bool(changing) and receipt is not None and not vote.secret,
            "accepting": selectors.vote_accepting(vote),
            "over": selectors.vote_over(vote),
            "results_visible": selectors.results_visible(vote),
            "counts": selectors.ballot_counts(vote),
            "trail": selectors.vote_trail(vote) if access.can_manage else [],
            "can_reopen": access.can_manage and services.vote_reopen_refusal(vote) is None,
            "reopen_within": vocab.REOPEN_WITHIN_WORDS,
            "rules": counting.RULES.get(vote.method, []),
            "common_rules": counting.COMMON_RULES,
            "method": vocab.METHODS[vote.method],
            "state": vocab.VOTE_STATES[vote.state],
            "sides": pvocab.SIDES,
            "limits_line": limits_line(access.journey, can_manage=access.can_manage),
            "based_on": VOTE_BASED_ON,
        },
        status=status,
    )


@journey_view("view")
def vote_detail(request: HttpRequest, access: Access, vote_pk: int) -> HttpResponse:
    return _vote_page(request, access, _vote(access, vote_pk))


@journey_view("view", write_need="view")
@require_http_methods(["GET", "POST"])
def ballot(request: HttpRequest, access: Access, vote_pk: int) -> HttpResponse:
    """Cast your own ballot. Anyone in the journey whose account is linked to a person in the
    register may vote, observers included: a say in priorities does not depend on being allowed
    to edit the record."""
    vote = _vote(access, vote_pk)
    if request.method != "POST":
        return _vote_page(request, access, vote)
    person = selectors.voter_for(request.user, access.journey)
    if person is None:
        messages.error(
            request,
            _(
                "Your account is not linked to anyone in this journey's register of people, so you cannot vote here. Ask a facilitator to link it, or to enter a paper ballot for you."
            ),
        )
        return redirect(vote.get_absolute_url())
    options = list(vote.options.select_related("contribution__journey", "tag"))
    form = forms.BallotForm(request.POST, vote=vote, options=options)
    change = request.POST.get("change") == "1"
    if form.is_valid():
        try:
            _receipt, counted = services.ballot_cast(
                actor=request.user, vote=vote, person=person, marks=form.marks(), change=change
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if counted and change:
                messages.success(request, _("Your vote has been changed."))
            elif counted:
                messages.success(request, _("Thank you. Your vote has been counted."))
            else:
                messages.info(
                    request,
                    _(
                        "Your vote had already been counted, so it was not counted again. The first ballot stands."
                    ),
                )
            return redirect(vote.get_absolute_url())
    return _vote_page(request, access, vote, form=form, status=400)


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def paper_ballot(request: HttpRequest, access: Access, vote_pk: int) -> HttpResponse:
    vote = _vote(access, vote_pk)
    options = list(vote.options.select_related("contribution__journey", "tag"))
    form = forms.PaperBallotForm(
        request.POST or None, vote=vote, options=options, journey=access.journey
    )
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        try:
            _receipt, counted = services.ballot_cast(
                actor=request.user,
                vote=vote,
                person=person,
                marks=form.marks(),
                channel=vocab.PAPER,
                cast_on=form.cleaned_data.get("cast_on"),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if counted:
                messages.success(
                    request, _("%(name)s’s paper ballot has been counted.") % {"name": person.name}
                )
            else:
                messages.info(
                    request,
                    _("%(name)s has already voted, so this ballot was not counted again.")
                    % {"name": person.name},
                )
            return redirect(_url("paper", access, vote_pk=vote.pk))
    return render(
        request,
        "decisions/paper.html",
        {
            "vote": vote,
            "form": form,
            "accepting": selectors.vote_accepting(vote),
            "counts": selectors.ballot_counts(vote),
            "rules": counting.RULES.get(vote.method, []),
            "limits_line": limits_line(access.journey, can_manage=access.can_manage),
        },
        status=_status(form),
    )


@journey_view("manage")
@require_GET
def ballot_papers(request: HttpRequest, access: Access, vote_pk: int) -> HttpResponse:
    """The vote's ballot papers as an A4 PDF, one a page: one for each person in the register
    who has not left. Each has the items in the order the paper ballot page lists them, a box
    for each, and the person's name and the date, which is what typing it in asks for."""
    vote = _vote(access, vote_pk)
    people = Person.objects.filter(journey=access.journey, left_on__isnull=True).count()
    data = printing.ballot_papers_pdf(vote, copies=people)
    return pdf_response(data, f"{access.journey.slug}-ballot-papers-{vote.pk}.pdf")


def _side_chart(results: dict[str, Any]) -> tuple[Any, str]:
    rows = results["rows"]
    bars = [
        charts.StackedBar(
            label=r.option.label if len(r.option.label) <= 44 else r.option.label[:43] + "…",
            lived=float(r.sides["lived"]["value"]),
            professional=float(r.sides["professional"]["value"]),
        )
        for r in rows
    ]
    top = rows[0].option.label if rows else ""
    summary = (
        _("Where each item's points came from. “%(top)s” came first overall.") % {"top": top}
        if rows
        else ""
    )
    return (
        charts.stacked(bars, title=_("Points for each item, by side"), desc=summary),
        summary,
    )


@journey_view("view")
def vote_results(request: HttpRequest, access: Access, vote_pk: int) -> HttpResponse:
    vote = _vote(access, vote_pk)
    visible = selectors.results_visible(vote)
    results = selectors.vote_results(vote) if visible else None
    chart, summary = _side_chart(results) if results and results["sides"] else (None, "")
    return render(
        request,
        "decisions/results.html",
        {
            "vote": vote,
            "visible": visible,
            "results": results,
            "chart": chart,
            "chart_summary": summary,
            "top_size": counting.top_size(len(results["rows"])) if results else 0,
            "counts": selectors.ballot_counts(vote),
            "over": selectors.vote_over(vote),
            "rules": counting.RULES.get(vote.method, []),
            "common_rules": counting.COMMON_RULES,
            "method": vocab.METHODS[vote.method],
            "sides": pvocab.SIDES,
            "decisions": list(vote.decisions.all()),
            "based_on": VOTE_BASED_ON,
        },
    )
