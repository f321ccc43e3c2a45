"""Pages for budgets and what they were spent on. Thin: parse, call a service or selector,
render."""

from __future__ import annotations

from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from powerwith.common.access import Access, journey_view, owned
from powerwith.common.confirm import confirm_page
from powerwith.common.forms import apply_errors
from powerwith.insights.period import Period

from . import forms, selectors, services, vocab
from .models import Budget, Spending

BASED_ON = gettext_lazy(
    "Whitehead / Centre for Loneliness Studies 2021 (the ladder of participation: who controls resources); Farr 2018 (whether professionals cede control)."
)


def _status(form: djforms.Form) -> int:
    return 400 if form.errors else 200


def _url(name: str, access: Access, **kw: Any) -> str:
    return reverse(f"budgets:{name}", kwargs={"slug": access.journey.slug, **kw})


def _budget(access: Access, budget_pk: int) -> Any:
    found = selectors.budget_with_totals(access.journey, budget_pk)
    if found is None:
        raise Http404
    return found


@journey_view("view")
def budget_list(request: HttpRequest, access: Access) -> HttpResponse:
    journey = access.journey
    budgets: list[Any] = list(selectors.budget_list(journey))
    for b in budgets:
        b.left_pence = selectors.left_pence(b)
        b.over_pence = -b.left_pence
    everything = Period()
    return render(
        request,
        "budgets/list.html",
        {
            "budgets": budgets,
            "money": selectors.budgets_figure(journey, everything),
            "spending": selectors.spending_figure(journey, everything),
            "staff_time": selectors.staff_unpaid_time(journey, everything),
            "say_terms": list(vocab.SAY),
            "based_on": BASED_ON,
        },
    )


def _budget_form_page(request: HttpRequest, access: Access, budget: Budget | None) -> HttpResponse:
    journey = access.journey
    initial: dict[str, Any] = {}
    if budget is not None:
        initial = {
            "name": budget.name,
            "amount_pence": forms.pounds_text(budget.amount_pence),
            "source_organisation": budget.source_organisation_id,
            "source": budget.source,
            "final_say": budget.final_say,
            "starts_on": budget.starts_on,
            "ends_on": budget.ends_on,
            "notes": budget.notes,
        }
    form = forms.BudgetForm(request.POST or None, initial=initial, journey=journey)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if budget is None:
                budget = services.budget_create(actor=request.user, journey=journey, **data)
                messages.success(request, _("Budget added."))
            else:
                budget = services.budget_update(actor=request.user, budget=budget, **data)
                messages.success(request, _("Budget changed."))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect(budget.get_absolute_url())
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": _("Add a budget") if budget is None else _("Change the budget"),
            "intro": _(
                "Money the group controls or advises on: how much, where it comes from, and who has the final say on spending it."
            ),
            "based_on": BASED_ON,
            "button": _("Add budget") if budget is None else _("Save changes"),
            "back": budget.get_absolute_url() if budget is not None else _url("list", access),
        },
        status=_status(form),
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def budget_create(request: HttpRequest, access: Access) -> HttpResponse:
    return _budget_form_page(request, access, None)


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def budget_edit(request: HttpRequest, access: Access, budget_pk: int) -> HttpResponse:
    budget = owned(Budget.objects.all(), access, pk=budget_pk)
    return _budget_form_page(request, access, budget)


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def budget_remove(request: HttpRequest, access: Access, budget_pk: int) -> HttpResponse:
    budget = owned(Budget.objects.all(), access, pk=budget_pk)
    back = _url("detail", access, budget_pk=budget.pk)
    refusal = services.budget_remove_refusal(budget)
    if request.method == "POST" and not refusal:
        services.budget_remove(actor=request.user, budget=budget)
        messages.success(request, _("Budget deleted."))
        return redirect(_url("list", access))
    return confirm_page(
        request,
        title=_("Delete the budget “%(name)s”?") % {"name": budget.name},
        button=_("Yes, delete the budget"),
        back=back,
        points=[
            _("The budget is deleted, and no longer counted in the money figures."),
            _("The journey's log keeps a line saying the budget was deleted."),
        ],
        undo=_("This cannot be undone. Do it only for a budget entered by mistake."),
        refusal=refusal,
        status=409 if refusal and request.method == "POST" else 200,
    )


@journey_view("view")
def budget_detail(request: HttpRequest, access: Access, budget_pk: int) -> HttpResponse:
    budget = _budget(access, budget_pk)
    return render(
        request,
        "budgets/detail.html",
        {
            "budget": budget,
            "left_pence": selectors.left_pence(budget),
            "over_pence": -selectors.left_pence(budget),
            "lines": list(selectors.spending_of(budget)),
            "say": vocab.SAY[budget.final_say],
            "based_on": BASED_ON,
        },
    )


def _spending_form_page(
    request: HttpRequest, access: Access, budget: Budget, line: Spending | None
) -> HttpResponse:
    journey = access.journey
    initial: dict[str, Any] = {}
    if line is not None:
        initial = {
            "what": line.what,
            "amount_pence": forms.pounds_text(line.amount_pence),
            "spent_on": line.spent_on,
            "decision": line.decision_id,
        }
    form = forms.SpendingForm(request.POST or None, initial=initial, journey=journey)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if line is None:
                services.spending_add(actor=request.user, budget=budget, **data)
                messages.success(request, _("Spending recorded."))
            else:
                services.spending_update(actor=request.user, spending=line, **data)
                messages.success(request, _("Spending changed."))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if line is None and request.POST.get("another"):
                return redirect(_url("spending_add", access, budget_pk=budget.pk))
            return redirect(budget.get_absolute_url())
    return render(
        request,
        "common/form_page.html",
        {
            "form": form,
            "title": (
                _("Record spending from “%(name)s”") % {"name": budget.name}
                if line is None
                else _("Change a line of spending")
            ),
            "intro": _(
                "Link it to the decision that chose it, so the figures can show who decided how the money was spent."
            ),
            "button": _("Record spending") if line is None else _("Save changes"),
            "another": _("Record and add another") if line is None else "",
            "back": budget.get_absolute_url(),
        },
        status=_status(form),
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def spending_add(request: HttpRequest, access: Access, budget_pk: int) -> HttpResponse:
    budget = owned(Budget.objects.all(), access, pk=budget_pk)
    return _spending_form_page(request, access, budget, None)


def _line(access: Access, budget_pk: int, spending_pk: int) -> Spending:
    line = owned(Spending.objects.select_related("budget"), access, pk=spending_pk)
    if line.budget_id != budget_pk:
        raise Http404
    return line


@journey_view("record")
@require_http_methods(["GET", "POST"])
def spending_edit(
    request: HttpRequest, access: Access, budget_pk: int, spending_pk: int
) -> HttpResponse:
    line = _line(access, budget_pk, spending_pk)
    return _spending_form_page(request, access, line.budget, line)


@journey_view("record")
@require_POST
def spending_remove(
    request: HttpRequest, access: Access, budget_pk: int, spending_pk: int
) -> HttpResponse:
    line = _line(access, budget_pk, spending_pk)
    services.spending_remove(actor=request.user, spending=line)
    messages.success(request, _("Line of spending removed."))
    return redirect(_url("detail", access, budget_pk=budget_pk))
