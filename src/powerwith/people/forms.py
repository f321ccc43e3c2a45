"""Forms for the register of people and organisations."""

from __future__ import annotations

from typing import Any

from django import forms

from powerwith.common.forms import ModelChoiceField, date_field
from powerwith.common.widgets import ExplainedRadioSelect
from powerwith.journeys.models import Journey

from . import vocab
from .models import Organisation

SIDE_CHOICES = [("", "The usual side for their role"), *vocab.SIDES.choices]
SIDE_HINTS = {
    "": "Lived experience for people who use the service, carers, volunteers and peer workers; professional for staff, funders and facilitators.",
    **{t.code: t.explanation for t in vocab.SIDES},
}


def _organisation_field() -> ModelChoiceField:
    return ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="None",
        help_text="The organisation they come from, if any. Add organisations on the organisations page.",
        error_messages={"invalid_choice": "Choose an organisation from the list."},
    )


class _JourneyForm(forms.Form):
    def __init__(self, *args: Any, journey: Journey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.journey = journey
        if "organisation" in self.fields:
            self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
                journey=journey
            )


def _name_field() -> forms.CharField:
    return forms.CharField(
        label="Name",
        max_length=120,
        help_text="A first name or a pseudonym is fine.",
        error_messages={
            "required": "Enter a name. A first name or a pseudonym is fine.",
            "max_length": "The name must be 120 characters or fewer.",
        },
    )


def _pseudonym_field() -> forms.BooleanField:
    return forms.BooleanField(
        label="This name is a pseudonym, not their real name",
        required=False,
    )


def _contact_field() -> forms.CharField:
    return forms.CharField(
        label="How to contact them",
        max_length=200,
        required=False,
        help_text="Only if they want to be contacted: a phone number, an address, or \u201cthrough the Tuesday café\u201d.",
        error_messages={"max_length": "Keep the contact details to 200 characters or fewer."},
    )


def _online_field() -> forms.BooleanField:
    return forms.BooleanField(
        label="Can take part online",
        required=False,
        help_text="Untick for people who are not online, so the group reaches them in other ways.",
    )


def _role_field(label: str = "Role") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=vocab.ROLES.choices,
        widget=ExplainedRadioSelect(vocab.ROLES),
        help_text="Why they are part of the group. If this changes later, the history is kept.",
        error_messages={
            "required": "Choose their role.",
            "invalid_choice": "Choose a role from the list.",
        },
    )


def _side_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Side",
        choices=SIDE_CHOICES,
        required=False,
        widget=ExplainedRadioSelect(SIDE_HINTS),
        help_text="Figures compare people with lived experience and professionals. Someone can be on the lived-experience side whatever their role, for example a facilitator who uses the service.",
        error_messages={"invalid_choice": "Choose lived experience or professional."},
    )


def _paid_field() -> forms.BooleanField:
    return forms.BooleanField(
        label="Paid to be here",
        required=False,
        help_text="As part of their job, or paid for their time. Unpaid people doing the work of paid staff is a warning sign.",
    )


class PersonForm(_JourneyForm):
    name = _name_field()
    is_pseudonym = _pseudonym_field()
    role = _role_field()
    side = _side_field()
    paid = _paid_field()
    organisation = _organisation_field()
    joined_on = date_field("Date they joined")
    contact = _contact_field()
    online = _online_field()


class PersonEditForm(_JourneyForm):
    name = _name_field()
    is_pseudonym = _pseudonym_field()
    organisation = _organisation_field()
    contact = _contact_field()
    online = _online_field()


class RoleChangeForm(_JourneyForm):
    role = _role_field("New role")
    side = _side_field()
    paid = _paid_field()
    from_date = date_field(
        "Date the new role started",
        help_text="Everything they did from this date on counts under the new role.",
    )


class LeaveForm(_JourneyForm):
    left_on = date_field("Date they stopped taking part")
    reason = forms.CharField(
        label="Why they left",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only if they told you and are happy for it to be recorded. Knowing why people leave helps the group keep others.",
        error_messages={"max_length": "Keep the reason to 300 characters or fewer."},
    )


class OrganisationForm(_JourneyForm):
    name = forms.CharField(
        label="Name of the organisation",
        max_length=200,
        error_messages={
            "required": "Enter the organisation's name.",
            "max_length": "The name must be 200 characters or fewer.",
        },
    )
    kind = forms.ChoiceField(
        label="What kind of organisation it is",
        choices=vocab.ORGANISATION_KINDS.choices,
        widget=ExplainedRadioSelect(vocab.ORGANISATION_KINDS),
        error_messages={
            "required": "Choose what kind of organisation it is.",
            "invalid_choice": "Choose a kind of organisation from the list.",
        },
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, what they bring to the group, or what they fund.",
    )


STATUS_CHOICES = [
    ("current", "Taking part now"),
    ("left", "Have left"),
    ("all", "Everyone"),
]


class PeopleFilterForm(forms.Form):
    status = forms.ChoiceField(label="Show", choices=STATUS_CHOICES, required=False)
    side = forms.ChoiceField(
        label="Side", choices=[("", "Both sides"), *vocab.SIDES.choices], required=False
    )
    role = forms.ChoiceField(
        label="Role", choices=[("", "All roles"), *vocab.ROLES.choices], required=False
    )
