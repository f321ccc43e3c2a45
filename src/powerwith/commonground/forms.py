"""Forms of statement rounds: opening one, adding and proposing statements, a paper sheet."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from powerwith.common.forms import ModelMultipleChoiceField, date_field
from powerwith.contributions.models import Contribution
from powerwith.journeys.models import Journey
from powerwith.people import vocab as people_vocab

from .models import Statement
from .services import STATEMENT_MAX


class ContributionChoices(ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        text: str = obj.text
        return text if len(text) <= 160 else text[:157] + "…"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class RoundForm(forms.Form):
    question = forms.CharField(
        label=_("The question"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "What people are responding to, for example “What would make the clinic better?”"
        ),
        error_messages={"required": _("Enter the question people are responding to.")},
    )
    statements = forms.CharField(
        label=_("Statements to start with"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One statement a line. Short sentences that people can agree or disagree with, "
            "for example “The waiting room is too noisy.”"
        ),
    )
    contributions = ContributionChoices(
        label=_("Or start from things people raised"),
        queryset=Contribution.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each becomes a statement in its own words, linked to what was raised."),
        error_messages={
            "invalid_choice": _("Choose contributions from the list."),
            "invalid_pk_value": _("Choose contributions from the list."),
        },
    )
    participants_may_add = forms.BooleanField(
        label=_("People responding may add their own statements"),
        required=False,
        help_text=_("You check each one before anyone else sees it."),
    )
    open_by_link = forms.BooleanField(
        label=_("Anyone with the link or QR code may respond, without an account"),
        required=False,
        initial=True,
        help_text=_(
            "They take part under a random code, never their name. People signed in to this "
            "journey can always respond, and then their side is known."
        ),
    )
    closes_on = date_field(
        _("Closing date"),
        required=False,
        help_text=_("Optional. Responses are taken up to the end of this day."),
    )

    def __init__(self, *args: Any, journey: Journey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["contributions"]
        assert isinstance(field, ModelMultipleChoiceField)
        field.queryset = Contribution.objects.filter(journey=journey).order_by("-raised_on", "-pk")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["statements"] = _lines(data.get("statements", ""))
        if not data["statements"] and not data.get("contributions"):
            self.add_error(
                "statements",
                _("Write at least one statement, or choose something people raised."),
            )
        return data


class StatementsForm(forms.Form):
    statements = forms.CharField(
        label=_("Statements"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One statement a line. They are shown to people responding at once."),
        error_messages={"required": _("Write at least one statement.")},
    )

    def clean_statements(self) -> list[str]:
        return _lines(self.cleaned_data["statements"])


class ProposeForm(forms.Form):
    text = forms.CharField(
        label=_("Your statement"),
        max_length=STATEMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One short sentence that others can agree or disagree with. A facilitator checks "
            "it before others see it. Do not write anyone's name."
        ),
        error_messages={
            "required": _("Write your statement."),
            "max_length": _("Keep your statement to 400 characters or fewer."),
        },
    )


class ContinueForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        max_length=20,
        help_text=_("The code shown on your other phone or computer, for example K7QP-3MXD."),
        error_messages={"required": _("Enter your code.")},
    )


VOTE_CHOICES = [("", _("Not ticked")), ("1", _("Agree")), ("-1", _("Disagree")), ("0", _("Pass"))]
SIDE_CHOICES = [
    ("", _("Not ticked")),
    (people_vocab.LIVED, _("Because of my own experience")),
    (people_vocab.PROFESSIONAL, _("Because of my job")),
]


class PaperSheetForm(forms.Form):
    """One returned sheet: its code (printed on numbered copies), the side as ticked, then one
    answer for each statement on it."""

    code = forms.CharField(
        label=_("Sheet code"),
        required=False,
        help_text=_(
            "Printed at the top of each numbered copy, like K7P4-3QX9. It stops the same sheet "
            "being counted twice. A sheet printed from the page has none: leave it empty."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    side = forms.ChoiceField(
        label=_("Why they take part"),
        choices=SIDE_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("As ticked at the top of the sheet."),
    )

    def __init__(self, *args: Any, statements: list[Statement], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.statements = statements
        for number, s in enumerate(statements, start=1):
            self.fields[f"s{s.pk}"] = forms.ChoiceField(
                label=f"{number}. {s.text}",
                choices=VOTE_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose agree, disagree, pass or not ticked.")},
            )

    def votes(self) -> dict[Statement, int | None]:
        out: dict[Statement, int | None] = {}
        for s in self.statements:
            value = self.cleaned_data.get(f"s{s.pk}", "")
            out[s] = int(value) if value else None
        return out
