"""Training pages: sessions, who came, each person's goals, the before and after questions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from powerwith.common.access import Access, journey_view, owned
from powerwith.common.forms import apply_errors

from . import forms, selectors, services, vocab
from .models import Trainee, TrainingGoal, TrainingSession


def _posted(request: HttpRequest) -> Any:
    """The form's data on a POST, even an empty one (so "nothing ticked" gets its message)."""
    return request.POST if request.method == "POST" else None


def _session(access: Access, session_pk: int) -> TrainingSession:
    return owned(
        TrainingSession.objects.select_related("bank", "before_round", "after_round", "led_by"),
        access,
        pk=session_pk,
    )


def _trainee(session: TrainingSession, trainee_pk: int) -> Trainee:
    trainee = (
        Trainee.objects.select_related("person").filter(session=session, pk=trainee_pk).first()
    )
    if trainee is None:
        raise Http404("Not on this session")
    trainee.session = session
    return trainee


def _form_page(
    request: HttpRequest, form: Any, *, title: str, button: str, back: str, intro: str = ""
) -> HttpResponse:
    return render(
        request,
        "common/form_page.html",
        {"form": form, "title": title, "button": button, "back": back, "intro": intro},
        status=400 if form.errors else 200,
    )


def _session_url(access: Access, session: TrainingSession) -> str:
    return reverse(
        "training:session", kwargs={"slug": access.journey.slug, "session_pk": session.pk}
    )


@journey_view("view")
def training_list(request: HttpRequest, access: Access) -> HttpResponse:
    sessions = list(selectors.sessions_for(access.journey))
    figures = {f["id"]: f for f in selectors.session_figures(sessions)}
    return render(
        request,
        "training/list.html",
        {
            "journey": access.journey,
            "rows": [(s, figures[s.pk]) for s in sessions],
            "today": timezone.localdate(),
        },
    )


def _session_data(form: forms.SessionForm) -> dict[str, Any]:
    return dict(form.cleaned_data)


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, access: Access) -> HttpResponse:
    form = forms.SessionForm(
        _posted(request), journey=access.journey, initial={"held_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(
                actor=request.user, journey=access.journey, **_session_data(form)
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Training session added."))
            return redirect(_session_url(access, session))
    return _form_page(
        request,
        form,
        title=_("Add a training session"),
        button=_("Add the session"),
        back=reverse("training:list", kwargs={"slug": access.journey.slug}),
        intro=_(
            "One session that several people come to. Then add who is taking part, what each "
            "of them wants to get out of it, and the questions to ask before and after."
        ),
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, access: Access, session_pk: int) -> HttpResponse:
    session = _session(access, session_pk)
    form = forms.SessionForm(
        _posted(request),
        journey=access.journey,
        initial={
            "title": session.title,
            "held_on": session.held_on,
            "led_by": session.led_by_id,
            "trainer": session.trainer,
            "hours": session.hours,
            "about": session.about,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(actor=request.user, session=session, **_session_data(form))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Training session changed."))
            return redirect(_session_url(access, session))
    return _form_page(
        request,
        form,
        title=_("Change the training session"),
        button=_("Save changes"),
        back=_session_url(access, session),
    )


@journey_view("view")
def session_detail(request: HttpRequest, access: Access, session_pk: int) -> HttpResponse:
    session = _session(access, session_pk)
    annotated = selectors.sessions_for(access.journey).get(pk=session.pk)
    (figures,) = selectors.session_figures([annotated])
    return render(
        request,
        "training/session.html",
        {
            "journey": access.journey,
            "session": session,
            "figures": figures,
            "trainees": selectors.trainees_for(session),
            "today": timezone.localdate(),
            "outcomes": vocab.OUTCOMES,
        },
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def people_add(request: HttpRequest, access: Access, session_pk: int) -> HttpResponse:
    session = _session(access, session_pk)
    form = forms.PeopleForm(_posted(request), people=selectors.people_not_on(session))
    if request.method == "POST" and form.is_valid():
        try:
            for person in form.cleaned_data["people"]:
                services.trainee_add(actor=request.user, session=session, person=person)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("People added to the session."))
            return redirect(_session_url(access, session))
    came = session.held_on <= timezone.localdate()
    return _form_page(
        request,
        form,
        title=_("Who came") if came else _("Who is booked"),
        button=_("Add them"),
        back=_session_url(access, session),
        intro=_(
            "The session has happened, so the people you tick are recorded as having come, and "
            "each gets the training in their own line of the ledger."
        )
        if came
        else _(
            "The session has not happened yet, so the people you tick are booked. Mark who came "
            "on the day."
        ),
    )


@journey_view("record")
@require_POST
def trainee_came(
    request: HttpRequest, access: Access, session_pk: int, trainee_pk: int
) -> HttpResponse:
    session = _session(access, session_pk)
    trainee = _trainee(session, trainee_pk)
    try:
        services.trainee_came(actor=request.user, trainee=trainee)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("%(name)s is marked as having come.") % {"name": trainee.person.name}
        )
    return redirect(_session_url(access, session))


@journey_view("record")
@require_POST
def trainee_remove(
    request: HttpRequest, access: Access, session_pk: int, trainee_pk: int
) -> HttpResponse:
    session = _session(access, session_pk)
    trainee = _trainee(session, trainee_pk)
    services.trainee_remove(actor=request.user, trainee=trainee)
    messages.success(
        request, _("%(name)s is taken off the session.") % {"name": trainee.person.name}
    )
    return redirect(_session_url(access, session))


@journey_view("record")
@require_http_methods(["GET", "POST"])
def goal_add(
    request: HttpRequest, access: Access, session_pk: int, trainee_pk: int
) -> HttpResponse:
    session = _session(access, session_pk)
    trainee = _trainee(session, trainee_pk)
    form = forms.GoalForm(_posted(request), initial={"set_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_add(actor=request.user, trainee=trainee, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Goal added."))
            return redirect(_session_url(access, session))
    return _form_page(
        request,
        form,
        title=_("What %(name)s wants to get out of it") % {"name": trainee.person.name},
        button=_("Add the goal"),
        back=_session_url(access, session),
        intro=_(
            "Ask before the session, or at its start: “What do you want to get out of this?” "
            "Write it as they say it. After the session you will come back to it together."
        ),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def goal_review(
    request: HttpRequest, access: Access, session_pk: int, goal_pk: int
) -> HttpResponse:
    session = _session(access, session_pk)
    goal = (
        TrainingGoal.objects.select_related("trainee__person")
        .filter(trainee__session=session, pk=goal_pk)
        .first()
    )
    if goal is None:
        raise Http404("Not a goal of this session")
    goal.trainee.session = session
    form = forms.ReviewForm(
        _posted(request),
        initial={
            "outcome": goal.outcome,
            "note": goal.outcome_note,
            "reviewed_on": goal.reviewed_on or timezone.localdate(),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_review(actor=request.user, goal=goal, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Goal revisited."))
            return redirect(_session_url(access, session))
    return _form_page(
        request,
        form,
        title=_("Did %(name)s get what they wanted?") % {"name": goal.trainee.person.name},
        button=_("Save"),
        back=_session_url(access, session),
        intro=_("Their goal: “%(goal)s”") % {"goal": goal.text},
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def questions_choose(request: HttpRequest, access: Access, session_pk: int) -> HttpResponse:
    session = _session(access, session_pk)
    if session.before_round_id:
        return redirect(_session_url(access, session))
    banks = services.usable_banks(access.journey)
    training = next((b for b in banks if b.builtin and b.key == "training"), None)
    form = forms.QuestionsForm(
        _posted(request),
        banks=banks,
        initial={
            "bank": training.pk if training else None,
            "anonymous": "1",
            "opens_on": timezone.localdate(),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.questions_open(actor=request.user, session=session, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The before questions are open."))
            return redirect(_session_url(access, session))
    return _form_page(
        request,
        form,
        title=_("Questions before and after"),
        button=_("Open the before questions"),
        back=_session_url(access, session),
        intro=_(
            "People rate the same statements before the session and again after it, such as "
            "“I feel confident chairing a meeting”. The figures compare the two groups of "
            "answers, never one person's before with their after."
        ),
    )


@journey_view("manage")
@require_POST
def after_open(request: HttpRequest, access: Access, session_pk: int) -> HttpResponse:
    session = _session(access, session_pk)
    try:
        services.after_open(actor=request.user, session=session)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The after questions are open, and the before questions are closed.")
        )
    return redirect(_session_url(access, session))
