"""Reflection pages: rounds (answering on a phone, typing in paper answers), results, question
banks, reflections on lived experience at work, and endings. Thin: parse, call, render."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_http_methods

from powerwith.common.access import Access, journey_view, owned
from powerwith.common.dates import short_date
from powerwith.common.forms import apply_errors
from powerwith.common.pdf import pdf_response, template_pdf
from powerwith.common.services import invalid
from powerwith.contributions.models import Contribution
from powerwith.decisions.models import Decision
from powerwith.gatherings.models import Gathering
from powerwith.people import vocab as people_vocab
from powerwith.people.models import Person

from . import forms, hooks, paging, selectors, services, vocab
from .models import AnswerDraft, Ending, NamedAnswerSet, QuestionBank, Round

LIVED_ROLES_BASED_ON = "Chauhan, Croft & Spyridonidis 2022"


def _url(name: str, access: Access, **kw: Any) -> str:
    return reverse(f"reflection:{name}", kwargs={"slug": access.journey.slug, **kw})


def _status(form: Any) -> int:
    return 400 if form.errors else 200


def _bank(access: Access, bank_pk: int) -> QuestionBank:
    bank = selectors.banks_visible(access.journey).filter(pk=bank_pk).first()
    if bank is None:
        raise Http404("No such question bank here")
    return bank


def _round(access: Access, round_pk: int) -> Round:
    return owned(Round.objects.select_related("bank", "journey"), access, pk=round_pk)


# ---------------------------------------------------------------------------------------------
# The reflection page


@journey_view("view")
def reflection_list(request: HttpRequest, access: Access) -> HttpResponse:
    journey = access.journey
    me = selectors.person_for_user(journey, request.user)
    rounds = list(selectors.rounds_for(journey))
    answered = selectors.answered_round_ids(journey, me)
    return render(
        request,
        "reflection/list.html",
        {
            "journey": journey,
            "open_rounds": [r for r in rounds if r.is_open],
            "closed_rounds": [r for r in rounds if not r.is_open],
            "answered": answered,
            "me": me,
            "endings": list(selectors.endings_for(journey)[:5]),
        },
    )


# ---------------------------------------------------------------------------------------------
# Banks


@journey_view("view")
def bank_list(request: HttpRequest, access: Access) -> HttpResponse:
    services.banks_sync()
    return render(
        request,
        "reflection/banks.html",
        {"journey": access.journey, "lineages": selectors.bank_lineages(access.journey)},
    )


@journey_view("view")
def bank_detail(request: HttpRequest, access: Access, bank_pk: int) -> HttpResponse:
    bank = _bank(access, bank_pk)
    questions = selectors.bank_questions(bank)
    lineage = next(
        (
            li
            for li in selectors.bank_lineages(access.journey)
            if li.latest.pk == bank.pk or any(e.pk == bank.pk for e in li.earlier)
        ),
        None,
    )
    return render(
        request,
        "reflection/bank.html",
        {
            "journey": access.journey,
            "bank": bank,
            "questions": questions,
            "lineage": lineage,
            "is_latest": lineage is not None and lineage.latest.pk == bank.pk,
            "history": selectors.bank_history(bank),
            "owner_here": access.journey.host.name if access.journey.host else "this journey",
        },
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def bank_create(request: HttpRequest, access: Access) -> HttpResponse:
    form = forms.BankForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            bank = services.bank_create(
                actor=request.user, journey=access.journey, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, gettext("Question bank started. Now add its first question."))
            return redirect(_url("question_add", access, bank_pk=bank.pk))
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": gettext("Start a question bank of your own"),
            "intro": (
                gettext(
                    "Write your own questions when the built-in ones do not fit. The bank "
                    "belongs to %(host)s."
                )
                % {"host": access.journey.host.name}
                if access.journey.host
                else gettext(
                    "Write your own questions when the built-in ones do not fit. The bank "
                    "belongs to this journey."
                )
            ),
            "button": gettext("Start the bank"),
            "back": _url("banks", access),
        },
        status=_status(form),
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def question_add(request: HttpRequest, access: Access, bank_pk: int) -> HttpResponse:
    bank = _bank(access, bank_pk)
    form = forms.QuestionAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.question_add(
                actor=request.user, journey=access.journey, bank=bank, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                gettext(
                    "Question added. This is version %(version)s of the bank; earlier versions "
                    "and their answers are kept."
                )
                % {"version": new.version},
            )
            return redirect(_url("bank", access, bank_pk=new.pk))
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": gettext("Add a question to “%(title)s”") % {"title": bank.shown_title},
            "intro": gettext(
                "Adding a question makes a new version of the bank. Rounds already opened "
                "keep the version they started with."
            ),
            "button": gettext("Add the question"),
            "back": _url("bank", access, bank_pk=bank.pk),
        },
        status=_status(form),
    )


def _question(access: Access, bank_pk: int, question_pk: int) -> tuple[QuestionBank, Any]:
    bank = _bank(access, bank_pk)
    question = selectors.bank_with_question(access.journey, bank.pk, question_pk)
    if question is None:
        raise Http404("No such question in this bank")
    return bank, question


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def question_edit(
    request: HttpRequest, access: Access, bank_pk: int, question_pk: int
) -> HttpResponse:
    bank, question = _question(access, bank_pk, question_pk)
    form = forms.QuestionEditForm(
        request.POST or None, initial={"text": question.text, "hint": question.hint}
    )
    if request.method == "POST" and form.is_valid():
        try:
            new = services.question_revise(
                actor=request.user,
                journey=access.journey,
                bank=bank,
                question=question,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                gettext(
                    "Saved as version %(version)s of the bank. Answers to the old words are kept "
                    "with the old words."
                )
                % {"version": new.version},
            )
            return redirect(_url("bank", access, bank_pk=new.pk))
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": gettext("Reword a question"),
            "intro": gettext(
                "The old words stay in earlier versions, with every answer given to them, "
                "so results stay comparable. The new words start a new version of the question."
            ),
            "based_on": question.based_on,
            "button": gettext("Save the new words"),
            "back": _url("bank", access, bank_pk=bank.pk),
        },
        status=_status(form),
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def question_remove(
    request: HttpRequest, access: Access, bank_pk: int, question_pk: int
) -> HttpResponse:
    bank, question = _question(access, bank_pk, question_pk)
    error = ""
    if request.method == "POST":
        try:
            new = services.question_remove(
                actor=request.user, journey=access.journey, bank=bank, question=question
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                gettext("Left out of version %(version)s of the bank.") % {"version": new.version},
            )
            return redirect(_url("bank", access, bank_pk=new.pk))
    return render(
        request,
        "reflection/question_remove.html",
        {"journey": access.journey, "bank": bank, "question": question, "error": error},
        status=400 if error else 200,
    )


# ---------------------------------------------------------------------------------------------
# Rounds


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, access: Access) -> HttpResponse:
    services.banks_sync()
    lineages = selectors.bank_lineages(access.journey)
    banks = [li.latest for li in lineages]
    initial: dict[str, Any] = {"anonymous": "anonymous"}
    wanted = request.GET.get("bank", "")
    if wanted and any(str(b.pk) == wanted for b in banks):
        initial["bank"] = wanted
    form = forms.RoundForm(request.POST or None, banks=banks, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            rnd = services.round_open(
                actor=request.user, journey=access.journey, **form.service_kwargs()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, gettext("The round is open. Share this page's link with people.")
            )
            return redirect(rnd.get_absolute_url())
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": gettext("Open a reflection round"),
            "intro": gettext(
                "A round asks everyone the questions of one bank, for one phase of the "
                "journey. Choose named or anonymous with care: people are told before they answer."
            ),
            "based_on": gettext(
                "Farr 2018 (reflect on power throughout the process); Whitehead / Centre "
                "for Loneliness Studies 2021 (questionnaires to share power)."
            ),
            "button": gettext("Open the round"),
            "back": _url("list", access),
        },
        status=_status(form),
    )


def _supporters(request: HttpRequest, access: Access, rnd: Round) -> list[Any]:
    if not rnd.is_lived_roles:
        return []
    return selectors.supporters_for(access.journey, exclude_user=request.user)


def _supporter_users(form: forms.AnswerForm, access: Access) -> dict[str, Any]:
    if not form.lived_roles:
        return {}
    return {str(m.user_id): m.user for m in selectors.supporters_for(access.journey)}


def _based_on(rnd: Round, questions: list[Any]) -> str:
    """One "based on" note for the whole round: the bank's, or its questions' sources once."""
    if rnd.bank.based_on:
        return rnd.bank.based_on
    seen: dict[str, None] = {}
    for q in questions:
        if q.based_on:
            seen.setdefault(q.based_on, None)
    return "; ".join(seen)


class _Answering:
    """One person's way through a round's parts (reflection/paging.py): which part, and the
    answers given so far (raw form values by field name)."""

    def __init__(self, request: HttpRequest, access: Access, rnd: Round, questions: list[Any]):
        self.request, self.access, self.rnd = request, access, rnd
        self.questions = questions
        self.parts = paging.split_parts(questions)
        self.last = len(self.parts) - 1
        self.supporters = _supporters(request, access, rnd)
        self.values: dict[str, str] = {}
        self.token = str(uuid.uuid4())
        self.part = 0

    def fields_of(self, part: int) -> list[str]:
        names = [services.field_name(q) for q in self.parts[part]]
        if self.rnd.is_lived_roles and part == self.last:
            names += ["consent", "supporter"]
        return names

    def all_fields(self) -> list[str]:
        return [n for i in range(len(self.parts)) for n in self.fields_of(i)]

    def form(self, part: int, *, bound: bool = False, whole: bool = False) -> forms.AnswerForm:
        qs = self.questions if whole else self.parts[part]
        lived = self.rnd.is_lived_roles and (whole or part == self.last)
        data = {**self.values, "client_token": self.token} if bound else None
        form = forms.AnswerForm(
            data,
            questions=qs,
            lived_roles=lived,
            supporters=self.supporters,
            initial={**self.values, "client_token": self.token},
        )
        return form

    def part_with_error(self, errors: Any) -> int:
        for i in range(len(self.parts)):
            if any(name in errors for name in self.fields_of(i)):
                return i
        return self.last


def _thanks(*, anonymous: bool, created: bool) -> str:
    if anonymous and created:
        return gettext("Thank you. Your answers are saved, with no link to you.")
    if anonymous:
        return gettext(
            "Thank you. Your answers are saved, with no link to you. "
            "(They had already arrived, so they count once.)"
        )
    if created:
        return gettext("Thank you. Your answers are saved.")
    return gettext(
        "Thank you. Your answers are saved. (They had already arrived, so they count once.)"
    )


def _draft_note(rnd: Round) -> str:
    if rnd.anonymous:
        return ngettext(
            "Your unsent answers are kept only in this browser, not on our server, for up to "
            "%(days)d day, and are deleted when you send them. On a shared "
            "computer, send them before you leave.",
            "Your unsent answers are kept only in this browser, not on our server, for up to "
            "%(days)d days, and are deleted when you send them. On a shared "
            "computer, send them before you leave.",
            paging.COOKIE_DAYS,
        ) % {"days": paging.COOKIE_DAYS}
    return gettext(
        "Your unsent answers are kept with your name until you send them. No one else can see them."
    )


@journey_view("view", write_need="view")
@require_http_methods(["GET", "POST"])
def round_detail(request: HttpRequest, access: Access, round_pk: int) -> HttpResponse:
    """The round: named or anonymous said first, then the questions, one part at a time. The
    answers are sent, through ``services.answers_submit``, only from the last part."""
    rnd = _round(access, round_pk)
    me = selectors.person_for_user(access.journey, request.user)
    questions = selectors.bank_questions(rnd.bank)
    answered = selectors.has_answered(rnd, me)
    # A round an app above keeps for certain people (a training session's questions).
    refused = hooks.refusal(rnd, me) if me is not None and not answered else None
    way = _Answering(request, access, rnd, questions)
    resumed = False
    form: forms.AnswerForm | None = None
    cookie = paging.cookie_name(rnd.pk)
    if request.method == "GET" or refused:
        if rnd.anonymous:
            kept = paging.from_cookie(
                rnd.pk, int(request.user.pk or 0), request.COOKIES.get(cookie)
            )
            if kept is not None:
                way.values, way.part = kept
                resumed = True
        elif me is not None:
            draft = AnswerDraft.objects.filter(round=rnd, person=me).first()
            if draft is not None:
                way.values = {str(k): str(v) for k, v in draft.values.items()}
                way.part = draft.part
                resumed = True
        way.part = min(way.part, way.last)
    else:
        if "part" in request.POST:
            way.values, token = paging.unpack(rnd.pk, request.POST.get("draft", ""))
            way.token = request.POST.get("client_token") or token or way.token
            try:
                way.part = max(0, min(int(request.POST["part"]), way.last))
            except ValueError:
                way.part = 0
            for name in way.fields_of(way.part):
                value = request.POST.get(name, "")
                if value:
                    way.values[name] = value
                else:
                    way.values.pop(name, None)
            action = request.POST.get("action", "next")
        else:
            # The whole form in one go (a page drawn before parts, or a script): send it.
            names = set(way.all_fields())
            way.values = {k: str(request.POST.get(k, "")) for k in names if request.POST.get(k)}
            way.token = request.POST.get("client_token") or way.token
            way.part, action = way.last, "send"
        if action == "back":
            way.part = max(0, way.part - 1)
        elif action == "later":
            return _save_for_later(request, rnd, way)
        elif action == "next" and way.part < way.last:
            form = way.form(way.part, bound=True)
            if form.is_valid():
                way.part += 1
                form = None
        else:
            whole = way.form(way.part, bound=True, whole=True)
            error: ValidationError | None = None
            if whole.is_valid():
                try:
                    done = services.answers_submit(
                        actor=request.user,
                        round=rnd,
                        answers=whole.answers(),
                        client_token=whole.cleaned_data.get("client_token"),
                        **whole.sharing(_supporter_users(whole, access)),
                    )
                except ValidationError as exc:
                    error = exc
                else:
                    if me is not None:
                        services.answer_draft_discard(actor=request.user, round=rnd)
                    messages.success(
                        request,
                        _thanks(anonymous=done.anonymous, created=done.created),
                    )
                    response = redirect(rnd.get_absolute_url())
                    response.delete_cookie(cookie, path=rnd.get_absolute_url())
                    return response
            way.part = way.part_with_error(
                error.message_dict
                if error is not None and hasattr(error, "error_dict")
                else whole.errors
            )
            form = way.form(way.part, bound=True)
            form.is_valid()
            if error is not None:
                apply_errors(form, error)
    if form is None:
        form = way.form(way.part)
    return render(
        request,
        "reflection/round.html",
        {
            "journey": access.journey,
            "round": rnd,
            "me": me,
            "answered": answered,
            "can_answer": me is not None and not answered and rnd.is_open and not refused,
            "refused": refused,
            "form": form,
            "part": way.part,
            "part_number": way.part + 1,
            "parts": len(way.parts),
            "is_last": way.part == way.last,
            "draft": paging.pack(rnd.pk, way.values, way.token),
            "resumed": resumed,
            "draft_note": _draft_note(rnd),
            "based_on": _based_on(rnd, questions),
            "count": selectors.answer_set_count(rnd),
            "lived_based_on": LIVED_ROLES_BASED_ON,
        },
        status=403 if refused and request.method == "POST" else _status(form),
    )


def _save_for_later(request: HttpRequest, rnd: Round, way: _Answering) -> HttpResponse:
    """Keep the unsent answers: a named round's with the person on the server, an anonymous
    round's only in this browser (reflection/paging.py)."""
    back = redirect(_url("list", way.access))
    if rnd.anonymous:
        value = paging.cookie_value(rnd.pk, int(request.user.pk or 0), way.values, way.part)
        if len(value) > paging.COOKIE_LIMIT:
            messages.error(
                request,
                gettext(
                    "Your written answers are too long to keep in this browser. Send them now, or "
                    "copy your longest answer somewhere safe before you leave."
                ),
            )
            return redirect(rnd.get_absolute_url())
        back.set_cookie(
            paging.cookie_name(rnd.pk),
            value,
            max_age=paging.COOKIE_DAYS * 24 * 3600,
            path=rnd.get_absolute_url(),
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
        messages.success(
            request,
            gettext(
                "Saved in this browser only, not on our server. Open the round again here to carry "
                "on; your answers are not sent until you send them."
            ),
        )
        return back
    try:
        services.answer_draft_save(actor=request.user, round=rnd, values=way.values, part=way.part)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(rnd.get_absolute_url())
    messages.success(
        request,
        gettext(
            "Saved. Open the round again to carry on; your answers are not sent until you send them."
        ),
    )
    return back


@journey_view("record")
@require_http_methods(["GET", "POST"])
def round_paper(request: HttpRequest, access: Access, round_pk: int) -> HttpResponse:
    """Type in answers given on paper, by phone or with help."""
    rnd = _round(access, round_pk)
    questions = selectors.bank_questions(rnd.bank)
    people_qs = Person.objects.filter(journey=access.journey).order_by("name", "id")
    # Only the people the service will accept (a training session's round: its trainees).
    if (allowed := hooks.only_people(rnd)) is not None:
        people_qs = people_qs.filter(pk__in=allowed)
    people = list(people_qs)
    supporters = selectors.supporters_for(access.journey) if rnd.is_lived_roles else []
    form = forms.PaperForm(
        request.POST or None,
        questions=questions,
        lived_roles=rnd.is_lived_roles,
        supporters=supporters,
        people=people,
        anonymous=rnd.anonymous,
        keep_role=rnd.keep_role,
        initial={"channel": vocab.PAPER},
    )
    if request.method == "POST" and form.is_valid():
        try:
            done = services.answers_enter(
                actor=request.user,
                round=rnd,
                answers=form.answers(),
                client_token=form.cleaned_data.get("client_token"),
                **form.entry_kwargs(),
                **form.sharing({str(m.user_id): m.user for m in supporters}),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                gettext("Saved.")
                if done.created
                else gettext("Those answers had already arrived: counted once."),
            )
            return redirect(_url("round_paper", access, round_pk=rnd.pk))
    return render(
        request,
        "reflection/paper.html",
        {
            "journey": access.journey,
            "round": rnd,
            "form": form,
            "based_on": _based_on(rnd, questions),
            "lived_based_on": LIVED_ROLES_BASED_ON,
        },
        status=_status(form),
    )


def _paper_groups(questions: list[Any]) -> list[dict[str, Any]]:
    """The questions in order, grouped by area; in each group the statements to rate (one
    table) and then the others, each with its own boxes."""
    groups: list[dict[str, Any]] = []
    for q in questions:
        if not groups or groups[-1]["code"] != q.area:
            groups.append({"code": q.area, "area": q.area_label, "ratings": [], "others": []})
        groups[-1]["ratings" if q.is_rating else "others"].append(q)
    return groups


@journey_view("record")
@require_GET
def paper_form(request: HttpRequest, access: Access, round_pk: int) -> HttpResponse:
    """The round's questions as a paper form (an A4 PDF), with tick boxes; the same for
    everyone who may type answers in. An anonymous round's form has nothing that could say
    who filled it in: no name, no number, no code, and every copy is the same, so an answer
    on paper can never be linked to a person. It asks only the side (and the role, when the
    round keeps it), which is all that is kept with anonymous answers."""
    rnd = _round(access, round_pk)
    data = template_pdf(
        "reflection/paper_form.html",
        {
            "journey": access.journey,
            "round": rnd,
            "groups": _paper_groups(selectors.bank_questions(rnd.bank)),
            "ratings": forms.RATING_CHOICES,
            "sides": people_vocab.SIDES.choices,
            "roles": people_vocab.ROLES.choices,
            "consents": vocab.CONSENT.choices,
        },
    )
    return pdf_response(data, f"{access.journey.slug}-paper-form-{rnd.pk}.pdf")


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def round_close(request: HttpRequest, access: Access, round_pk: int) -> HttpResponse:
    rnd = _round(access, round_pk)
    error = ""
    if request.method == "POST":
        try:
            services.round_close(actor=request.user, round=rnd)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, gettext("The round is closed."))
            return redirect(_url("results", access, round_pk=rnd.pk))
    return render(
        request,
        "reflection/close.html",
        {
            "journey": access.journey,
            "round": rnd,
            "count": selectors.answer_set_count(rnd),
            "error": error,
        },
        status=400 if error else 200,
    )


@journey_view("view")
def round_results(request: HttpRequest, access: Access, round_pk: int) -> HttpResponse:
    rnd = _round(access, round_pk)
    results = selectors.round_results(rnd, request.user)
    return render(
        request,
        "reflection/results.html",
        {"journey": access.journey, "round": rnd, "results": results},
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def round_themes(request: HttpRequest, access: Access, round_pk: int) -> HttpResponse:
    """Put theme tags on written answers, one answer at a time (works without JavaScript)."""
    rnd = _round(access, round_pk)
    bad: forms.ThemesForm | None = None
    if request.method == "POST":
        form = forms.ThemesForm(request.POST)
        if form.is_valid():
            try:
                services.answer_themes_set(
                    actor=request.user,
                    round=rnd,
                    answer_id=form.cleaned_data["answer"],
                    names=form.names(),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
                bad = form
            else:
                messages.success(request, gettext("Themes saved."))
                return redirect(_url("themes", access, round_pk=rnd.pk))
        else:
            bad = form
    results = selectors.round_results(rnd, request.user)
    return render(
        request,
        "reflection/themes.html",
        {"journey": access.journey, "round": rnd, "results": results, "bad": bad},
        status=400 if bad is not None else 200,
    )


# ---------------------------------------------------------------------------------------------
# Lived experience at work


@journey_view("view", write_need="view")
@require_http_methods(["GET", "POST"])
def lived_roles(request: HttpRequest, access: Access) -> HttpResponse:
    """A person's own reflections over time, and those others chose to share with the viewer."""
    journey = access.journey
    supporters = selectors.supporters_for(journey, exclude_user=request.user)
    bad: forms.ShareForm | None = None
    if request.method == "POST":
        form = forms.ShareForm(request.POST, supporters=supporters)
        if form.is_valid():
            answer_set = (
                NamedAnswerSet.objects.filter(
                    pk=form.cleaned_data["answer_set"], round__journey=journey
                )
                .select_related("round", "round__bank", "round__journey", "person")
                .first()
            )
            users = {str(m.user_id): m.user for m in supporters}
            try:
                if answer_set is None:
                    raise invalid(None, gettext("That reflection is not in this journey."))
                services.answer_set_share(
                    actor=request.user,
                    answer_set=answer_set,
                    consent=form.cleaned_data["consent"],
                    supporter=users.get(form.cleaned_data.get("supporter") or ""),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
                bad = form
            else:
                messages.success(
                    request, gettext("Saved: who can see this reflection has changed.")
                )
                return redirect(_url("lived_roles", access))
        else:
            bad = form
    mine = selectors.my_reflections(journey, request.user)
    share_forms = []
    if mine is not None:
        for r in mine.reflections:
            s = r.answer_set
            f = (
                bad
                if bad is not None and str(bad.data.get("answer_set")) == str(s.pk)
                else forms.ShareForm(
                    supporters=supporters,
                    initial={
                        "answer_set": s.pk,
                        "consent": s.consent,
                        "supporter": str(s.supporter_id or ""),
                    },
                    prefix=None,
                    auto_id=f"id_{s.pk}_%s",
                )
            )
            share_forms.append((r, f))
    return render(
        request,
        "reflection/lived_roles.html",
        {
            "journey": journey,
            "mine": mine,
            "share_forms": share_forms,
            "shared": selectors.reflections_shared_with(journey, request.user),
            "bad": bad,
            "processes": vocab.PROCESSES,
            "based_on": LIVED_ROLES_BASED_ON,
        },
        status=400 if bad is not None else 200,
    )


# ---------------------------------------------------------------------------------------------
# Endings


@journey_view("view")
def ending_list(request: HttpRequest, access: Access) -> HttpResponse:
    return render(
        request,
        "reflection/endings.html",
        {"journey": access.journey, "endings": list(selectors.endings_for(access.journey))},
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def ending_create(request: HttpRequest, access: Access) -> HttpResponse:
    form = forms.EndingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ending = services.ending_create(
                actor=request.user, journey=access.journey, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, gettext("Review started. Now add each stakeholder's view."))
            return redirect(ending.get_absolute_url())
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": gettext("Review the end of a phase"),
            "intro": gettext(
                "At the end of each phase, look back honestly from each stakeholder's view: "
                "what was achieved, what people gained, what worked and what did not, and what to "
                "carry forward. It stays in the journey's record after people move on."
            ),
            "based_on": gettext(
                "Whitehead / Centre for Loneliness Studies 2021, activity 10: reflecting "
                "on what we have learnt."
            ),
            "button": gettext("Start the review"),
            "back": _url("endings", access),
        },
        status=_status(form),
    )


def _ending(access: Access, ending_pk: int) -> Ending:
    return owned(Ending.objects, access, pk=ending_pk)


@journey_view("view")
def ending_detail(request: HttpRequest, access: Access, ending_pk: int) -> HttpResponse:
    ending = _ending(access, ending_pk)
    return render(
        request,
        "reflection/ending.html",
        {"journey": access.journey, "ending": ending, **selectors.ending_detail(ending)},
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def ending_view_add(request: HttpRequest, access: Access, ending_pk: int) -> HttpResponse:
    ending = _ending(access, ending_pk)
    people = list(Person.objects.filter(journey=access.journey).order_by("name", "id"))
    form = forms.EndingViewForm(request.POST or None, people=people, initial={"channel": "helped"})
    if request.method == "POST" and form.is_valid():
        try:
            services.ending_view_add(actor=request.user, ending=ending, **form.service_kwargs())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, gettext("View added to the review."))
            return redirect(ending.get_absolute_url())
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": gettext("Add a view to “%(title)s”") % {"title": ending.title},
            "intro": gettext(
                "One stakeholder's view of the phase: one person's, or a group's. Write in "
                "their words. Fill in any of the boxes; leave the rest empty."
            ),
            "based_on": gettext(
                "Whitehead / Centre for Loneliness Studies 2021, activity 10: reflecting "
                "on what we have learnt."
            ),
            "button": gettext("Add this view"),
            "back": ending.get_absolute_url(),
        },
        status=_status(form),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def realist_note_add(request: HttpRequest, access: Access, ending_pk: int) -> HttpResponse:
    ending = _ending(access, ending_pk)
    journey = access.journey
    contributions = list(
        Contribution.objects.filter(journey=journey).order_by("-raised_on", "-id")[:200]
    )
    gatherings = list(Gathering.objects.filter(journey=journey).order_by("-held_on", "-id")[:200])
    decisions = list(Decision.objects.filter(journey=journey).order_by("-decided_on", "-id")[:200])
    evidence = {
        "contributions": [(str(c.pk), c.text[:120]) for c in contributions],
        "gatherings": [(str(g.pk), str(g)) for g in gatherings],
        "decisions": [
            (str(d.pk), f"{d.text[:100]} ({short_date(d.decided_on)})") for d in decisions
        ],
    }
    form = forms.RealistNoteForm(request.POST or None, evidence=evidence)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        by_pk: dict[str, dict[str, Any]] = {
            "contributions": {str(c.pk): c for c in contributions},
            "gatherings": {str(g.pk): g for g in gatherings},
            "decisions": {str(x.pk): x for x in decisions},
        }
        try:
            services.realist_note_add(
                actor=request.user,
                ending=ending,
                context=d["context"],
                mechanism=d["mechanism"],
                outcome=d["outcome"],
                **{k: [by_pk[k][v] for v in d.get(k, [])] for k in by_pk},
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, gettext("Note added to the review."))
            return redirect(ending.get_absolute_url())
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": gettext("Add a note on what worked, for whom, and why"),
            "intro": gettext(
                "A realist evaluation note links three things: the context (the "
                "circumstances), the mechanism (what people did or felt) and the outcome (what "
                "happened). Link it to the evidence in the record."
            ),
            "based_on": gettext(
                "Farr 2018 (context, mechanism and outcome patterns from realist evaluation)."
            ),
            "button": gettext("Add the note"),
            "back": ending.get_absolute_url(),
        },
        status=_status(form),
    )
