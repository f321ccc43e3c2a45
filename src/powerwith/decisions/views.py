"""Pages of the decision log, priority votes and co-design groups. Thin: parse, call a service
or selector, render."""

from __future__ import annotations

from typing import Any, cast

from django import forms as djforms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from powerwith.common.access import Access, journey_view, owned
from powerwith.common.confirm import confirm_page
from powerwith.common.forms import ModelChoiceField, apply_errors, date_field
from powerwith.common.inputs import parse_id
from powerwith.common.pdf import pdf_response, template_pdf
from powerwith.contributions.models import Contribution
from powerwith.gatherings import services as gathering_services
from powerwith.gatherings import vocab as gvocab
from powerwith.gatherings.models import Gathering
from powerwith.insights import charts
from powerwith.journeys.selectors import active_limits, limits_line, shared_q
from powerwith.people import vocab as pvocab
from powerwith.people.models import Person

from . import counting, forms, selectors, services, vocab
from .models import CoDesignGroup, Decision, GroupAction, Vote, VoteOption

LADDER_BASED_ON = gettext_lazy(
    "Whitehead / Centre for Loneliness Studies 2021 (the ladder of participation); Farr 2018 (who decides, and whether professionals cede control)."
)
VOTE_BASED_ON = gettext_lazy(
    "Farr 2018 (in experience-based co-design, staff and patients voted on which issues to work on, then formed co-design groups); Whitehead / Centre for Loneliness Studies 2021 (voting as a way to share power)."
)


METHOD_RULES = [(t, counting.RULES[t.code]) for t in vocab.METHODS]
LADDER = list(reversed(list(vocab.RUNGS)))  # top rung first, as on a ladder


def _status(form: djforms.Form) -> int:
    return 400 if form.errors else 200


def _url(name: str, access: Access, **kw: Any) -> str:
    return reverse(f"decisions:{name}", kwargs={"slug": access.journey.slug, **kw})


# --- the decision log --------------------------------------------------------------------------


@journey_view("view")
def decision_list(request: HttpRequest, access: Access) -> HttpResponse:
    rung = request.GET.get("rung", "")
    where = request.GET.get("where", "")
    rung = rung if rung in vocab.RUNGS else ""
    where = where if where in selectors.WHERE_FILTERS else ""
    journey = access.journey
    all_decisions = Decision.objects.filter(journey=journey)
    return render(
        request,
        "decisions/list.html",
        {
            "journey": journey,
            "decisions": list(selectors.decision_list(journey, rung=rung, where=where)),
            "rungs": vocab.RUNGS,
            "where_filters": selectors.WHERE_FILTERS,
            "rung": rung,
            "where": where,
            "filtered": bool(rung or where),
            "figures": selectors.decision_figures(all_decisions),
            "votes": selectors.vote_list(journey)[:5],
            "groups": selectors.group_list(journey),
            "based_on": LADDER_BASED_ON,
            "sharing_rungs": vocab.POWER_SHARING_RUNGS,
            "ladder": LADDER,
        },
    )


def _decision_page(request: HttpRequest, access: Access, decision: Decision | None) -> HttpResponse:
    journey = access.journey
    initial: dict[str, Any] = {}
    if decision is not None:
        initial = {
            "text": decision.text,
            "decided_on": decision.decided_on,
            "gathering": decision.gathering_id,
            "where_outside": decision.where_outside,
            "proposed_by": decision.proposed_by_id,
            "taken_by": decision.taken_by,
            "rung": decision.rung,
            "limits": [lim.pk for lim in decision.limits.all()],
            "answers": [c.pk for c in decision.answers.all()],
            "vote": decision.vote_id,
        }
    else:
        # Links from a contribution, a vote or a group prefill what the decision answers.
        answers = [pk for a in request.GET.getlist("answers") if (pk := parse_id(a))]
        if answers:
            initial["answers"] = answers
        if vote_pk := parse_id(request.GET.get("vote")):
            initial["vote"] = vote_pk
            initial["taken_by"] = "group_vote"
        if request.GET.get("fate") in vocab.DECISION_FATES:
            initial["fate"] = request.GET["fate"]
    form = forms.DecisionForm(
        request.POST or None, initial=initial, journey=journey, can_manage=access.can_manage
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["limits"] = list(data["limits"])
        if decision is not None and not access.can_manage:
            # Limits a member cannot see (not yet shared) stay linked when they save.
            data["limits"] += list(decision.limits.exclude(shared_q()))
        data["answers"] = list(data["answers"])
        try:
            if decision is None:
                decision = services.decision_create(actor=request.user, journey=journey, **data)
                messages.success(request, _("Decision recorded."))
            else:
                services.decision_update(actor=request.user, decision=decision, **data)
                messages.success(request, _("Decision saved."))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect(decision.get_absolute_url())
    return render(
        request,
        "decisions/decision_form.html",
        {
            "form": form,
            "title": _("Record a decision") if decision is None else _("Change this decision"),
            "button": _("Record decision") if decision is None else _("Save"),
            "back": decision.get_absolute_url() if decision else _url("list", access),
            "limits": active_limits(journey, can_manage=access.can_manage),
            "based_on": LADDER_BASED_ON,
        },
        status=_status(form),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def decision_create(request: HttpRequest, access: Access) -> HttpResponse:
    return _decision_page(request, access, None)


@journey_view("record")
@require_http_methods(["GET", "POST"])
def decision_edit(request: HttpRequest, access: Access, decision_pk: int) -> HttpResponse:
    return _decision_page(request, access, owned(Decision.objects, access, pk=decision_pk))


@journey_view("view")
def decision_detail(request: HttpRequest, access: Access, decision_pk: int) -> HttpResponse:
    decision = owned(
        Decision.objects.select_related("gathering", "proposed_by", "vote", "recorded_by"),
        access,
        pk=decision_pk,
    )
    return render(
        request,
        "decisions/decision_detail.html",
        {
            "decision": decision,
            "rung": vocab.RUNGS[decision.rung],
            "taker": vocab.TAKERS[decision.taken_by],
            "rungs": vocab.RUNGS,
            "limits": list(
                decision.limits.all() if access.can_manage else decision.limits.filter(shared_q())
            ),
            "answers": list(decision.answers.select_related("journey")),
            "fate_changes": list(
                decision.fate_changes.select_related("contribution").order_by("at", "id")
            ),
            "based_on": LADDER_BASED_ON,
            "sharing_rungs": vocab.POWER_SHARING_RUNGS,
            "ladder": LADDER,
        },
    )


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
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": _("Add items to “%(title)s”") % {"title": vote.title},
            "intro": _("Items can be things people raised, themes, or items in your own words."),
            "button": _("Add items"),
            "back": vote.get_absolute_url(),
        },
        status=_status(form),
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


# At most this many ballot papers in one PDF (one a page).
MAX_BALLOT_PAPERS = 200


def _how_to_mark(vote: Vote) -> tuple[str, str, bool]:
    """What a paper ballot says about marking it, the heading of its marks column, and whether
    each item has a box to write a number in (else a tick box, or boxes for a score)."""
    if vote.method == counting.DOT and vote.stacking:
        return (
            ngettext(
                "You have %(n)s dot. Write 1 in the box of the item you give it to.",
                "You have %(n)s dots. Write how many dots you give each item in its box: all on "
                "one item, or spread across several.",
                vote.dots,
            )
            % {"n": vote.dots},
            _("Dots"),
            True,
        )
    if vote.method == counting.DOT:
        return (
            ngettext(
                "You have %(n)s dot. Tick the one item you give it to.",
                "You have %(n)s dots. Tick up to %(n)s items, one dot each.",
                vote.dots,
            )
            % {"n": vote.dots},
            _("Tick"),
            False,
        )
    if vote.method == counting.APPROVAL:
        return _("Tick every item you would be happy to work on."), _("Tick"), False
    if vote.method == counting.RANKED:
        return (
            _(
                "Write 1 in the box of your first choice, 2 for your second, and so on. You can "
                "stop whenever you like."
            ),
            _("Your order"),
            True,
        )
    return (
        _("Tick one box for each item: 0 is lowest, %(n)s highest. An item left blank counts as 0.")
        % {"n": vote.score_max},
        _("Score"),
        False,
    )


@journey_view("manage")
@require_GET
def ballot_papers(request: HttpRequest, access: Access, vote_pk: int) -> HttpResponse:
    """The vote's ballot papers as an A4 PDF, one a page: one for each person in the register
    who has not left. Each has the items in the order the paper ballot page lists them, a box
    for each, and the person's name and the date, which is what typing it in asks for."""
    vote = _vote(access, vote_pk)
    how, heading, write_in = _how_to_mark(vote)
    people = Person.objects.filter(journey=access.journey, left_on__isnull=True).count()
    data = template_pdf(
        "decisions/ballot_papers.html",
        {
            "vote": vote,
            "options": list(vote.options.all()),
            "method": vote.method,
            "how": how,
            "mark_heading": heading,
            "write_in": write_in,
            "scores": range(vote.score_max + 1),
            "copies": range(min(max(people, 1), MAX_BALLOT_PAPERS)),
        },
    )
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


# --- co-design groups --------------------------------------------------------------------------


def _group(access: Access, group_pk: int) -> CoDesignGroup:
    return owned(CoDesignGroup.objects.select_related("item"), access, pk=group_pk)


@journey_view("view")
def group_list(request: HttpRequest, access: Access) -> HttpResponse:
    return render(
        request,
        "decisions/groups.html",
        {"journey": access.journey, "groups": selectors.group_list(access.journey)},
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest, access: Access) -> HttpResponse:
    journey = access.journey
    initial: dict[str, Any] = {}
    if item_pk := parse_id(request.GET.get("item")):
        item = Contribution.objects.filter(journey=journey, pk=item_pk).first()
        if item is not None:
            initial = {"item": item.pk, "name": f"{item.text[:60]} group"}
    form = forms.GroupCreateForm(request.POST or None, initial=initial, journey=journey)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["members"] = list(data["members"])
        try:
            group = services.group_create(actor=request.user, journey=journey, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Co-design group formed."))
            return redirect(group.get_absolute_url())
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": _("Form a co-design group"),
            "intro": _(
                "A small group of people with lived experience and staff who work on one item until something changes."
            ),
            "based_on": VOTE_BASED_ON,
            "button": _("Form group"),
            "back": _url("groups", access),
        },
        status=_status(form),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, access: Access, group_pk: int) -> HttpResponse:
    group = _group(access, group_pk)
    initial = {
        "name": group.name,
        "purpose": group.purpose,
        "members": [p.pk for p in group.members.all()],
    }
    form = forms.GroupForm(request.POST or None, initial=initial, journey=access.journey)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["members"] = list(data["members"])
        try:
            services.group_update(actor=request.user, group=group, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(group.get_absolute_url())
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": _("Change “%(name)s”") % {"name": group.name},
            "button": _("Save"),
            "back": group.get_absolute_url(),
        },
        status=_status(form),
    )


@journey_view("view")
def group_detail(request: HttpRequest, access: Access, group_pk: int) -> HttpResponse:
    group = _group(access, group_pk)
    item = group.item
    return render(
        request,
        "decisions/group.html",
        {
            "group": group,
            "members": list(group.members.all()),
            "gatherings": list(group.gatherings.order_by("held_on", "id")),
            "actions": list(group.actions.select_related("who")),
            "item_votes": selectors.item_votes(item) if item is not None else [],
            "item_decisions": list(item.decisions.order_by("decided_on", "id")) if item else [],
        },
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def group_close(request: HttpRequest, access: Access, group_pk: int) -> HttpResponse:
    group = _group(access, group_pk)
    form = forms.GroupCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_close(actor=request.user, group=group, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("The group has closed. Record what changed as a decision, so the item shows it."),
            )
            return redirect(group.get_absolute_url())
    not_done = group.actions.filter(done_on__isnull=True).count()
    return confirm_page(
        request,
        title=_("Close “%(name)s”?") % {"name": group.name},
        lead=_("Close the group when its work is finished."),
        facts=[
            ngettext(
                "%(n)s of its actions is not done yet.",
                "%(n)s of its actions are not done yet.",
                not_done,
            )
            % {"n": not_done}
            if not_done
            else _("All its actions are done.")
        ],
        points=[
            _("No new actions can be added to it."),
            _("Its record stays: who was in it, its meetings and its actions."),
        ],
        undo=_("A closed group cannot be reopened: if the work starts again, form a new group."),
        refusal=(
            _("This group already closed on %(date)s.")
            % {"date": dateformat.format(group.closed_on, "d F Y")}
            if group.closed_on
            else None
        ),
        form=form,
        button=_("Close the group"),
        back=group.get_absolute_url(),
        status=_status(form),
    )


class GroupGatheringForm(djforms.Form):
    title = djforms.CharField(
        label=gettext_lazy("Name of the gathering"),
        max_length=200,
        error_messages={"required": gettext_lazy("Give the gathering a short name.")},
    )
    kind = djforms.ChoiceField(
        label=gettext_lazy("Kind of gathering"),
        choices=gvocab.KINDS.choices,
        initial="workshop",
        error_messages={"invalid_choice": gettext_lazy("Choose what kind of gathering it was.")},
    )
    held_on = date_field(cast(str, gettext_lazy("Date")))
    venue_kind = djforms.ChoiceField(
        label=gettext_lazy("Where"),
        choices=gvocab.VENUES.choices,
        error_messages={"invalid_choice": gettext_lazy("Choose where it was held.")},
    )
    venue_name = djforms.CharField(
        label=gettext_lazy("Name of the place"), max_length=200, required=False
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def group_gathering_add(request: HttpRequest, access: Access, group_pk: int) -> HttpResponse:
    group = _group(access, group_pk)
    form = GroupGatheringForm(request.POST or None, initial={"title": f"{group.name} meeting"})
    if request.method == "POST" and form.is_valid():
        try:
            gathering = gathering_services.gathering_create(
                actor=request.user, journey=access.journey, group=group, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Gathering recorded for the group. Add who came and what was said.")
            )
            return redirect(gathering.get_absolute_url())
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": _("Record a gathering of “%(name)s”") % {"name": group.name},
            "button": _("Record gathering"),
            "back": group.get_absolute_url(),
        },
        status=_status(form),
    )


class LinkGatheringForm(djforms.Form):
    gathering = ModelChoiceField(
        label=gettext_lazy("Gathering"),
        queryset=Gathering.objects.none(),
        empty_label=gettext_lazy("Choose a gathering"),
        help_text=gettext_lazy(
            "Gatherings already recorded that do not belong to a co-design group yet."
        ),
        error_messages={
            "required": gettext_lazy("Choose a gathering."),
            "invalid_choice": gettext_lazy("Choose a gathering from the list."),
        },
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def group_gathering_link(request: HttpRequest, access: Access, group_pk: int) -> HttpResponse:
    group = _group(access, group_pk)
    form = LinkGatheringForm(request.POST or None)
    form.fields["gathering"].queryset = Gathering.objects.filter(  # type: ignore[attr-defined]
        journey=access.journey, group__isnull=True
    ).order_by("-held_on", "-id")
    if request.method == "POST" and form.is_valid():
        try:
            services.group_gatherings_add(
                actor=request.user, group=group, gatherings=[form.cleaned_data["gathering"]]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Gathering linked to the group."))
            return redirect(group.get_absolute_url())
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": _("Link a gathering to “%(name)s”") % {"name": group.name},
            "intro": _(
                "If a meeting of this group was recorded before the group was set up, link it here."
            ),
            "button": _("Link gathering"),
            "back": group.get_absolute_url(),
        },
        status=_status(form),
    )


def _action(group: CoDesignGroup, action_pk: int) -> GroupAction:
    action = GroupAction.objects.filter(group=group, pk=action_pk).select_related("who").first()
    if action is None:
        raise Http404(_("No such action in this group"))
    return action


@journey_view("record")
@require_http_methods(["GET", "POST"])
def action_add(request: HttpRequest, access: Access, group_pk: int) -> HttpResponse:
    group = _group(access, group_pk)
    form = forms.ActionForm(request.POST or None, journey=access.journey)
    del form.fields["done_on"]
    if request.method == "POST" and form.is_valid():
        try:
            services.group_action_add(actor=request.user, group=group, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Action added."))
            return redirect(group.get_absolute_url())
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": _("Add an action for “%(name)s”") % {"name": group.name},
            "button": _("Add action"),
            "back": group.get_absolute_url(),
        },
        status=_status(form),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def action_edit(
    request: HttpRequest, access: Access, group_pk: int, group_action_pk: int
) -> HttpResponse:
    group = _group(access, group_pk)
    action = _action(group, group_action_pk)
    initial = {
        "what": action.what,
        "who": action.who_id,
        "due_on": action.due_on,
        "done_on": action.done_on,
    }
    form = forms.ActionForm(request.POST or None, initial=initial, journey=access.journey)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_action_update(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(group.get_absolute_url())
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": _("Change this action"),
            "button": _("Save"),
            "back": group.get_absolute_url(),
        },
        status=_status(form),
    )
