"""Pages of the decision log, and what every decisions page shares. Thin: parse, call a service
or selector, render. Votes' pages are in ``vote_views.py``, co-design groups' in
``group_views.py``."""

from __future__ import annotations

from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from powerwith.common.access import Access, journey_view, owned
from powerwith.common.forms import apply_errors
from powerwith.common.inputs import parse_id
from powerwith.journeys.selectors import active_limits, shared_q

from . import forms, selectors, services, vocab
from .models import Decision

LADDER_BASED_ON = gettext_lazy(
    "Whitehead / Centre for Loneliness Studies 2021 (the ladder of participation); Farr 2018 (who decides, and whether professionals cede control)."
)
VOTE_BASED_ON = gettext_lazy(
    "Farr 2018 (in experience-based co-design, staff and patients voted on which issues to work on, then formed co-design groups); Whitehead / Centre for Loneliness Studies 2021 (voting as a way to share power)."
)
LADDER = list(reversed(list(vocab.RUNGS)))  # top rung first, as on a ladder


def _status(form: djforms.Form) -> int:
    return 400 if form.errors else 200


def _form_page(request: HttpRequest, form: djforms.Form, **context: Any) -> HttpResponse:
    """The one-form page (``common/form_page.html``: ``title``, ``button``, ``back``, and an
    ``intro`` or ``based_on`` if given), answered with 400 when the form has errors."""
    return render(request, "common/form_page.html", {"form": form, **context}, status=_status(form))


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
