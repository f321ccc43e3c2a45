"""Forms for leaving's pages. They parse and keep what was typed; services decide what is
valid and put their messages back on the fields."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy

from powerwith.common.dates import short_date
from powerwith.common.forms import ModelChoiceField, date_field
from powerwith.decisions.models import Decision
from powerwith.people.models import Person

from . import selectors, vocab


def _(text: str) -> str:
    """Mark a label for translation; lazy, typed as str for the field helpers."""
    return cast(str, gettext_lazy(text))


def _person_field(label: str, *, required: bool = False, help_text: str = "") -> ModelChoiceField:
    return ModelChoiceField(
        queryset=Person.objects.none(),
        label=label,
        required=required,
        help_text=help_text,
        empty_label=_("Nobody"),
        error_messages={
            "invalid_choice": _("Choose someone from the list."),
            "required": _("Choose someone from the list."),
        },
    )


class StopAskForm(forms.Form):
    asked_on = date_field(_("When were they asked?"))
    asked_how = forms.ChoiceField(
        label=_("How were they asked?"),
        choices=vocab.ASK_WAYS.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how they were asked.")},
    )
    answer = forms.ChoiceField(
        label=_("What came of asking?"),
        choices=vocab.ANSWERS.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what came of asking.")},
    )
    in_their_words = forms.CharField(
        label=_("Why they stopped, in their words"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Write what they said as closely as you can. Leave empty if they did not say."),
    )
    reasons = forms.MultipleChoiceField(
        label=_("Which of these reasons?"),
        required=False,
        choices=vocab.REASONS.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose every one that fits what they said."),
        error_messages={"invalid_choice": _("Choose reasons from the list.")},
    )


class DecisionLinkForm(forms.Form):
    decision = ModelChoiceField(
        queryset=Decision.objects.none(),
        label=_("Which decision answers it?"),
        required=False,
        empty_label=_("No decision"),
        error_messages={"invalid_choice": _("Choose a decision from the list.")},
    )

    def __init__(self, *args: Any, journey: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(ModelChoiceField, self.fields["decision"])
        field.queryset = Decision.objects.filter(journey=journey).order_by("-decided_on", "-id")
        field.label_from_instance = lambda obj: f"{short_date(obj.decided_on)}: {obj}"  # type: ignore[method-assign]


class HandoverForm(forms.Form):
    knew_and_did = forms.CharField(
        label=_("What they knew and did"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write what they knew and did.")},
        help_text=_(
            "Their part in the work, what they know that others may not, and how they did it."
        ),
    )
    contacts = forms.CharField(
        label=_("Contacts"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("People and organisations they worked with, and how to reach them."),
    )
    unfinished = forms.CharField(
        label=_("What is unfinished"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    handed_to = _person_field(_("Who takes their work on?"))

    def __init__(
        self,
        *args: Any,
        people: Any,
        actions: list[selectors.OpenAction],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(ModelChoiceField, self.fields["handed_to"]).queryset = people
        self.actions = actions
        for a in actions:
            field = _person_field(
                f"{a.kind_label}: {a.description}", help_text=_("Who takes this on?")
            )
            field.empty_label = _("Nobody: it stays with them")
            field.queryset = people
            self.fields[f"reassign_{a.key}"] = field

    def reassign(self) -> dict[str, Person | None]:
        return {a.key: self.cleaned_data.get(f"reassign_{a.key}") for a in self.actions}


class AssetKeepForm(forms.Form):
    how = forms.CharField(
        label=_("How was it handed over?"),
        max_length=300,
        error_messages={"required": _("Say how it was handed over.")},
        help_text=_("For example: “wrote up the bus routes in the shared folder”."),
    )
    on = date_field(_("When?"))
    handed_to = _person_field(
        _("Who holds it now?"),
        help_text=_("Leave as “Nobody” if it was written into the group’s own record."),
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(ModelChoiceField, self.fields["handed_to"]).queryset = people


class FundingForm(forms.Form):
    funding_ends_on = date_field(
        _("When does the funding end?"),
        required=False,
        help_text=_("Leave empty if no end is known. For example, 31 3 2027."),
    )
    funder = forms.CharField(label=_("Who funds it?"), max_length=200, required=False)


class PlanForm(forms.Form):
    agreed_on = date_field(_("When did the group agree the plan?"))
    record_lives = forms.CharField(
        label=_("Where will the record live?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _(
                "Say where the group's record will live: who keeps it, and how people can find it."
            )
        },
        help_text=_("Who keeps the group’s record after the end, and how people can find it."),
    )


class PartForm(forms.Form):
    what = forms.CharField(
        label=_("What carries on?"),
        max_length=300,
        error_messages={"required": _("Say what carries on.")},
    )
    owner = _person_field(_("Who owns it?"))
    owner_other = forms.CharField(
        label=_("Or a team or organisation"),
        max_length=200,
        required=False,
        help_text=_(
            "If someone outside the register owns it, for example “the trust’s patient experience team”."
        ),
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(ModelChoiceField, self.fields["owner"]).queryset = people


class ReviewForm(forms.Form):
    months = forms.TypedChoiceField(
        label=_("Which review?"),
        choices=[("6", _("6 months after the end")), ("12", _("12 months after the end"))],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the 6-month or the 12-month review."),
            "invalid_choice": _("Choose the 6-month or the 12-month review."),
        },
    )
    done_on = date_field(_("When was it done?"))
    found = forms.CharField(
        label=_("What did it find?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write what the review found.")},
        help_text=_("What carried on, what did not, and what the people who took part said."),
    )
