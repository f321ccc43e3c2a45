"""Forms for budgets and their spending. They parse and keep what was typed; services decide
what is valid."""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from powerwith.common.forms import ModelChoiceField, date_field
from powerwith.common.widgets import ExplainedRadioSelect
from powerwith.decisions.models import Decision
from powerwith.journeys.models import Journey
from powerwith.people.models import Organisation

from . import selectors, vocab


def _(text: str) -> str:
    """A label or message, translated lazily (forms are made once, read in each language)."""
    return cast(str, gettext_lazy(text))


# Pounds as people type them: "£12.30", "12.3", "12", "1,200.50", ".50". ASCII digits only
# ([0-9], not \d, which also matches other scripts' digits); commas only between thousands.
_POUNDS = re.compile(r"(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)?(?:\.[0-9]{1,2})?")


def parse_pounds(text: str) -> int:
    """An amount typed in pounds, as whole pence. Raises ValueError with the message to show."""
    text = str(text).strip().replace(" ", "")
    if text.startswith("£"):
        text = text[1:]
    if text.startswith("-"):
        raise ValueError(_("Enter an amount more than £0."))
    if not text or len(text) > 16 or not any(c in "0123456789" for c in text):
        raise ValueError(_("Enter the amount in pounds and pence, like £12.30."))
    if not _POUNDS.fullmatch(text):
        if re.fullmatch(r"[0-9]+\.[0-9]{3,}", text):
            raise ValueError(_("Enter pence as two figures at most, like £12.30."))
        if re.fullmatch(r"[0-9]+,[0-9]{1,2}", text):
            raise ValueError(_("Use a full stop between pounds and pence, like £12.30."))
        raise ValueError(_("Enter the amount in pounds and pence, like £12.30."))
    pounds, _dot, pence = text.replace(",", "").partition(".")
    return int(pounds or "0") * 100 + int((pence + "00")[:2])


def pounds_text(pence: int) -> str:
    """Pence as people type pounds back into a form: 1230 -> "12.30"."""
    return f"{pence // 100}.{pence % 100:02d}"


class PoundsField(forms.Field):
    """An amount typed in pounds, returned as whole pence (an int)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value: Any) -> int | None:
        if value in (None, ""):
            return None
        if isinstance(value, int):
            return value
        try:
            return parse_pounds(str(value))
        except ValueError as exc:
            raise forms.ValidationError(str(exc.args[0])) from None


class BudgetForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the budget"),
        max_length=200,
        help_text=_("For example, “Small grants for the new service” or “Room hire”."),
        error_messages={"required": _("Give the budget a name, like “Small grants”.")},
    )
    amount_pence = PoundsField(
        label=_("Amount"),
        help_text=_("In pounds and pence, for example £2,500 or £12.30."),
        error_messages={"required": _("Enter the amount of the budget.")},
    )
    source_organisation = ModelChoiceField(
        label=_("Where the money comes from"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Not an organisation in our register"),
        help_text=_("A funder or organisation in the journey's register."),
        error_messages={"invalid_choice": _("Choose an organisation from the list.")},
    )
    source = forms.CharField(
        label=_("Or write where it comes from"),
        max_length=200,
        required=False,
        help_text=_("For example, “National Lottery Community Fund”."),
    )
    final_say = forms.ChoiceField(
        label=_("Who holds the final say over how it is spent?"),
        choices=vocab.SAY.choices,
        widget=ExplainedRadioSelect(vocab.SAY),
        error_messages={
            "required": _("Choose who holds the final say over this money."),
            "invalid_choice": _("Choose one of the options for who holds the final say."),
        },
    )
    starts_on = date_field(_("Date the budget starts"))
    ends_on = date_field(
        _("Date the budget ends"),
        required=False,
        help_text=_("Leave empty if it has no end date yet."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anything the group should know, like conditions the funder set."),
    )

    def __init__(self, *args: Any, journey: Journey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source_organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            journey=journey
        )
        if not self.is_bound and "starts_on" not in self.initial:
            self.fields["starts_on"].initial = timezone.localdate()


class SpendingForm(forms.Form):
    what = forms.CharField(
        label=_("What was the money spent on?"),
        max_length=300,
        help_text=_("For example, “Taxis to the October gathering”."),
        error_messages={"required": _("Say what the money was spent on.")},
    )
    amount_pence = PoundsField(
        label=_("Amount"),
        help_text=_("In pounds and pence, for example £12.30."),
        error_messages={"required": _("Enter the amount spent.")},
    )
    spent_on = date_field(_("Date it was spent"))
    decision = ModelChoiceField(
        label=_("The decision that chose it"),
        queryset=Decision.objects.none(),
        required=False,
        empty_label=_("No recorded decision"),
        help_text=_("From the decision log. This is how the figures know who decided."),
        error_messages={"invalid_choice": _("Choose a decision from the list.")},
    )

    def __init__(self, *args: Any, journey: Journey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["decision"]
        field.queryset = selectors.decisions_for_choice(journey)  # type: ignore[attr-defined]
        field.label_from_instance = lambda d: f"{d.decided_on:%d/%m/%Y}: {d.text[:90]}"  # type: ignore[attr-defined]
        if not self.is_bound and "spent_on" not in self.initial:
            self.fields["spent_on"].initial = timezone.localdate()
