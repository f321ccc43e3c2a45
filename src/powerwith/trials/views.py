"""Pages for trying things out: trials (plan, start, end, success measures and their history,
feedback, result) and expected outcomes with their review. Thin: parse, call, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from powerwith.common.access import Access, journey_view, owned
from powerwith.common.dates import short_date
from powerwith.common.forms import apply_errors
from powerwith.contributions.models import Contribution
from powerwith.decisions.models import Decision
from powerwith.gatherings.models import Gathering
from powerwith.people.models import Person
from powerwith.reflection.models import Ending

from . import forms, selectors, services, vocab
from .models import ExpectedOutcome, SuccessMeasure, Trial

BASED_ON = "Farr 2018 (prototyping and testing changes in co-design)"


def _url(name: str, access: Access, **kw: Any) -> str:
    return reverse(f"trials:{name}", kwargs={"slug": access.journey.slug, **kw})


def _status(form: Any) -> int:
    return 400 if form.errors else 200


def _trial(access: Access, trial_pk: int) -> Trial:
    return owned(Trial.objects.select_related("decision"), access, pk=trial_pk)


def _form_page(request: HttpRequest, form: Any, **context: Any) -> HttpResponse:
    return render(request, "common/form_page.html", {"form": form, **context}, status=_status(form))


# ---------------------------------------------------------------------------------------------
# Trials


@journey_view("view")
def trial_list(request: HttpRequest, access: Access) -> HttpResponse:
    trials = list(selectors.trials_for(access.journey))
    return render(
        request,
        "trials/list.html",
        {
            "journey": access.journey,
            "groups": [
                (term, [t for t in trials if t.status == term.code]) for term in vocab.STATUSES
            ],
            "count": len(trials),
            "outcome_count": ExpectedOutcome.objects.filter(journey=access.journey).count(),
            "based_on": BASED_ON,
        },
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def trial_create(request: HttpRequest, access: Access) -> HttpResponse:
    form = forms.NewTrialForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            trial = services.trial_create(
                actor=request.user,
                journey=access.journey,
                title=d["title"],
                description=d["description"],
                where=d["where"],
                starts_on=d["starts_on"],
                ends_on=d["ends_on"],
                measures=form.measures(),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, gettext("Trial planned."))
            return redirect(trial.get_absolute_url())
    return _form_page(
        request,
        form,
        title=gettext("Plan a trial"),
        intro=gettext(
            "Try a change on a small scale before making it for good: say what you will try, "
            "where, for how long, and what would count as success. Gather feedback while it "
            "runs, then decide together what to do next."
        ),
        based_on=BASED_ON,
        button=gettext("Plan the trial"),
        back=_url("list", access),
    )


@journey_view("view")
def trial_detail(request: HttpRequest, access: Access, trial_pk: int) -> HttpResponse:
    trial = _trial(access, trial_pk)
    return render(
        request,
        "trials/detail.html",
        {"journey": access.journey, "trial": trial, **selectors.trial_detail(trial)},
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def trial_edit(request: HttpRequest, access: Access, trial_pk: int) -> HttpResponse:
    trial = _trial(access, trial_pk)
    initial = {
        "title": trial.title,
        "description": trial.description,
        "where": trial.where,
        "starts_on": trial.starts_on,
        "ends_on": trial.ends_on,
    }
    form = forms.TrialForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.trial_update(actor=request.user, trial=trial, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, gettext("Trial changed."))
            return redirect(trial.get_absolute_url())
    return _form_page(
        request,
        form,
        title=gettext("Change “%(title)s”") % {"title": trial.title},
        intro=gettext("Its success measures change on their own page, so every change is kept."),
        button=gettext("Save"),
        back=trial.get_absolute_url(),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def trial_start(request: HttpRequest, access: Access, trial_pk: int) -> HttpResponse:
    trial = _trial(access, trial_pk)
    form = forms.StartForm(request.POST or None, initial={"on": trial.starts_on})
    if request.method == "POST" and form.is_valid():
        try:
            services.trial_start(actor=request.user, trial=trial, on=form.cleaned_data["on"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, gettext("The trial is running."))
            return redirect(trial.get_absolute_url())
    measures = trial.measures.filter(removed_on__isnull=True).count()
    return _form_page(
        request,
        form,
        title=gettext("Start “%(title)s”") % {"title": trial.title},
        intro=(
            gettext(
                "Once it starts, any change to its success measures needs a reason, and "
                "everyone can see it in the trial's history."
            )
            if measures
            else gettext(
                "This trial has no success measure yet. Without one written before it starts, "
                "it is hard to say afterwards whether it worked. You can still start it."
            )
        ),
        button=gettext("Start the trial"),
        back=trial.get_absolute_url(),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def trial_end(request: HttpRequest, access: Access, trial_pk: int) -> HttpResponse:
    trial = _trial(access, trial_pk)
    form = forms.EndForm(request.POST or None, initial={"how": "finished"})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.trial_end(
                actor=request.user,
                trial=trial,
                on=d["on"],
                stopped_early=d["how"] == "stopped",
                reason=d["reason"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, gettext("Recorded. Now record the result."))
            return redirect(_url("result", access, trial_pk=trial.pk))
    return _form_page(
        request,
        form,
        title=gettext("End “%(title)s”") % {"title": trial.title},
        button=gettext("Record the end"),
        back=trial.get_absolute_url(),
    )


def _decision_choices(access: Access) -> list[tuple[str, str]]:
    decisions = Decision.objects.filter(journey=access.journey).order_by("-decided_on", "-id")[:200]
    return [(str(d.pk), f"{d.text[:100]} ({short_date(d.decided_on)})") for d in decisions]


@journey_view("record")
@require_http_methods(["GET", "POST"])
def trial_result(request: HttpRequest, access: Access, trial_pk: int) -> HttpResponse:
    trial = _trial(access, trial_pk)
    if not trial.has_ended:
        messages.error(
            request, gettext("Record the result once the trial has finished or stopped.")
        )
        return redirect(trial.get_absolute_url())
    measures = list(trial.measures.filter(removed_on__isnull=True))
    choices = _decision_choices(access)
    if trial.decision_id and str(trial.decision_id) not in dict(choices):
        assert trial.decision is not None
        choices.insert(0, (str(trial.decision_id), trial.decision.text[:100]))
    initial: dict[str, Any] = {
        "learned": trial.learned,
        "follow_up": trial.follow_up,
        "decision": str(trial.decision_id or ""),
    }
    for m in measures:
        initial[f"result_{m.pk}"] = m.result
        initial[f"seen_{m.pk}"] = m.seen
    form = forms.ResultForm(
        request.POST or None, measures=measures, decisions=choices, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        decision = (
            Decision.objects.filter(journey=access.journey, pk=d["decision"]).first()
            if d["decision"]
            else None
        )
        try:
            services.trial_record_result(
                actor=request.user,
                trial=trial,
                results=form.results(),
                learned=d["learned"],
                follow_up=d["follow_up"],
                decision=decision,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, gettext("Result recorded."))
            return redirect(trial.get_absolute_url())
    return _form_page(
        request,
        form,
        title=gettext("The result of “%(title)s”") % {"title": trial.title},
        intro=gettext(
            "Against each success measure written for it: what happened. Then what the group "
            "learned, and what it decided to do next."
        ),
        button=gettext("Save the result"),
        back=trial.get_absolute_url(),
    )


# ---------------------------------------------------------------------------------------------
# Success measures


@journey_view("record")
@require_http_methods(["GET", "POST"])
def measure_add(request: HttpRequest, access: Access, trial_pk: int) -> HttpResponse:
    trial = _trial(access, trial_pk)
    form = forms.MeasureForm(request.POST or None)
    if trial.is_planned:
        del form.fields["reason"]
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.measure_add(
                actor=request.user,
                trial=trial,
                text=d["text"],
                target=d["target"],
                reason=d.get("reason", ""),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, gettext("Success measure added."))
            return redirect(trial.get_absolute_url())
    return _form_page(
        request,
        form,
        title=gettext("Add a success measure to “%(title)s”") % {"title": trial.title},
        intro=(
            ""
            if trial.is_planned
            else gettext(
                "The trial has started, so this measure is counted as set after the start, "
                "and the reason is shown in its history."
            )
        ),
        button=gettext("Add the measure"),
        back=trial.get_absolute_url(),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def measure_edit(
    request: HttpRequest, access: Access, trial_pk: int, measure_pk: int
) -> HttpResponse:
    trial = _trial(access, trial_pk)
    measure = SuccessMeasure.objects.filter(trial=trial, pk=measure_pk).first()
    if measure is None:
        raise Http404("No such success measure in this trial")
    measure.trial = trial
    removing = request.method == "POST" and bool(request.POST.get("remove"))
    form: Any
    if removing:
        form = forms.MeasureRemoveForm(request.POST)
    else:
        form = forms.MeasureForm(
            request.POST or None, initial={"text": measure.text, "target": measure.target}
        )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if removing:
                services.measure_remove(actor=request.user, measure=measure, reason=d["reason"])
            else:
                services.measure_change(
                    actor=request.user,
                    measure=measure,
                    text=d["text"],
                    target=d["target"],
                    reason=d["reason"],
                )
        except ValidationError as exc:
            if removing:
                # Show the change form again, with the message on the reason.
                form = forms.MeasureForm(
                    request.POST, initial={"text": measure.text, "target": measure.target}
                )
                form.is_valid()
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                gettext("Success measure removed.")
                if removing
                else gettext("Success measure changed."),
            )
            return redirect(trial.get_absolute_url())
    return render(
        request,
        "trials/measure_edit.html",
        {"journey": access.journey, "trial": trial, "measure": measure, "form": form},
        status=_status(form),
    )


# ---------------------------------------------------------------------------------------------
# Feedback


@journey_view("record")
@require_http_methods(["GET", "POST"])
def feedback_link(request: HttpRequest, access: Access, trial_pk: int) -> HttpResponse:
    trial = _trial(access, trial_pk)
    linked = set(trial.feedback_links.values_list("contribution_id", flat=True))
    candidates = [
        c
        for c in Contribution.objects.filter(journey=access.journey).order_by("-raised_on", "-id")[
            :300
        ]
        if c.pk not in linked
    ]
    form = forms.FeedbackLinkForm(
        request.POST or None,
        choices=[(str(c.pk), f"{c.text[:120]} ({short_date(c.raised_on)})") for c in candidates],
    )
    if request.method == "POST" and form.is_valid():
        by_pk = {str(c.pk): c for c in candidates}
        try:
            services.feedback_link(
                actor=request.user,
                trial=trial,
                contributions=[by_pk[v] for v in form.cleaned_data["contributions"]],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, gettext("Linked to the trial."))
            return redirect(trial.get_absolute_url())
    return _form_page(
        request,
        form,
        title=gettext("Link feedback to “%(title)s”") % {"title": trial.title},
        intro=gettext(
            "Choose things already raised that are about this trial. To record something new, "
            "raise it from the trial's page."
        ),
        button=gettext("Link them"),
        back=trial.get_absolute_url(),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def feedback_raise(request: HttpRequest, access: Access, trial_pk: int) -> HttpResponse:
    trial = _trial(access, trial_pk)
    journey = access.journey
    people = list(Person.objects.filter(journey=journey).order_by("name", "id"))
    gatherings = list(Gathering.objects.filter(journey=journey).order_by("-held_on", "-id")[:200])
    form = forms.FeedbackRaiseForm(request.POST or None, people=people, gatherings=gatherings)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_raise(actor=request.user, trial=trial, **form.service_kwargs())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, gettext("Recorded and linked to the trial."))
            return redirect(trial.get_absolute_url())
    return _form_page(
        request,
        form,
        title=gettext("Feedback on “%(title)s”") % {"title": trial.title},
        intro=gettext(
            "Record what someone said about the trial, in their words, as any contribution. "
            "It goes into the contributions list too, linked to this trial."
        ),
        button=gettext("Record it"),
        back=trial.get_absolute_url(),
    )


@journey_view("record")
@require_POST
def feedback_unlink(
    request: HttpRequest, access: Access, trial_pk: int, contribution_pk: int
) -> HttpResponse:
    trial = _trial(access, trial_pk)
    contribution = owned(Contribution.objects, access, pk=contribution_pk)
    try:
        services.feedback_unlink(actor=request.user, trial=trial, contribution=contribution)
    except ValidationError:
        messages.error(request, gettext("That contribution is not linked to this trial."))
        return redirect(trial.get_absolute_url())
    messages.success(request, gettext("Taken off the trial's feedback. The contribution stays."))
    return redirect(trial.get_absolute_url())


# ---------------------------------------------------------------------------------------------
# Expected outcomes


@journey_view("view")
def outcome_list(request: HttpRequest, access: Access) -> HttpResponse:
    outcomes = list(selectors.outcomes_for(access.journey))
    return render(
        request,
        "trials/outcomes.html",
        {
            "journey": access.journey,
            "outcomes": outcomes,
            "reviewed": sum(1 for o in outcomes if o.verdict),
        },
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def outcome_create(request: HttpRequest, access: Access) -> HttpResponse:
    journey = access.journey
    people = list(Person.objects.filter(journey=journey).order_by("name", "id"))
    form = forms.OutcomeForm(
        request.POST or None,
        people=[(str(p.pk), p.name) for p in people],
        initial={"set_on": journey.started_on},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        by_pk = {str(p.pk): p for p in people}
        try:
            services.outcome_create(
                actor=request.user,
                journey=journey,
                what=d["what"],
                for_whom=d["for_whom"],
                by_when=d["by_when"],
                stage=d["stage"],
                set_on=d["set_on"],
                proposed_by=by_pk.get(d["proposed_by"] or ""),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, gettext("Expected outcome recorded."))
            if request.POST.get("another"):
                return redirect(_url("outcome_create", access))
            return redirect(_url("outcomes", access))
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": gettext("Record an outcome you expect"),
            "intro": gettext(
                "At the start of the journey, or of a phase, write down what the group expects "
                "to change, for whom and by when. At the end, look back at each one honestly."
            ),
            "based_on": "Farr 2018 (outcomes and impact); Whitehead / Centre for Loneliness "
            "Studies 2021, activity 10",
            "button": gettext("Record it"),
            "another": gettext("Record it and add another"),
            "back": _url("outcomes", access),
        },
        status=_status(form),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def outcome_review(request: HttpRequest, access: Access, outcome_pk: int) -> HttpResponse:
    journey = access.journey
    outcome = owned(ExpectedOutcome.objects, access, pk=outcome_pk)
    endings = list(Ending.objects.filter(journey=journey).order_by("-held_on", "-id"))
    contributions = list(
        Contribution.objects.filter(journey=journey).order_by("-raised_on", "-id")[:200]
    )
    decisions = list(Decision.objects.filter(journey=journey).order_by("-decided_on", "-id")[:200])
    trials = list(Trial.objects.filter(journey=journey).order_by("-starts_on", "-id"))
    evidence = {
        "contributions": [(str(c.pk), c.text[:120]) for c in contributions],
        "decisions": [
            (str(d.pk), f"{d.text[:100]} ({short_date(d.decided_on)})") for d in decisions
        ],
        "trials": [(str(t.pk), t.title) for t in trials],
    }
    wanted = request.GET.get("ending", "")
    initial: dict[str, Any] = {
        "verdict": outcome.verdict,
        "reviewed_on": outcome.reviewed_on,
        "ending": str(
            outcome.ending_id or (wanted if any(str(e.pk) == wanted for e in endings) else "")
        ),
        "evidence": outcome.evidence,
        "contributions": [
            str(pk) for pk in outcome.evidence_contributions.values_list("pk", flat=True)
        ],
        "decisions": [str(pk) for pk in outcome.evidence_decisions.values_list("pk", flat=True)],
        "trials": [str(pk) for pk in outcome.evidence_trials.values_list("pk", flat=True)],
    }
    form = forms.ReviewForm(
        request.POST or None,
        endings=[(str(e.pk), f"{e.title} ({short_date(e.held_on)})") for e in endings],
        evidence=evidence,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        pick: dict[str, dict[str, Any]] = {
            "contributions": {str(c.pk): c for c in contributions},
            "decisions": {str(x.pk): x for x in decisions},
            "trials": {str(t.pk): t for t in trials},
        }
        try:
            services.outcome_review(
                actor=request.user,
                outcome=outcome,
                verdict=d["verdict"],
                reviewed_on=d["reviewed_on"],
                ending={str(e.pk): e for e in endings}.get(d["ending"] or ""),
                evidence=d["evidence"],
                **{k: [pick[k][v] for v in d.get(k, [])] for k in pick},
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, gettext("Review recorded."))
            return redirect(_url("outcomes", access))
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": gettext("How did it turn out?"),
            "intro": gettext("Expected: %(what)s (for %(whom)s)")
            % {"what": outcome.what, "whom": outcome.for_whom},
            "button": gettext("Save the review"),
            "back": _url("outcomes", access),
        },
        status=_status(form),
    )
