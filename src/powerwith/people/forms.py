"""Forms for the register of people and organisations."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from powerwith.common.forms import ModelChoiceField, date_field
from powerwith.common.widgets import ExplainedRadioSelect
from powerwith.journeys.models import Journey

from . import vocab
from .models import Organisation

SIDE_CHOICES = [("", _("The usual side for their role")), *vocab.SIDES.choices]
SIDE_HINTS: dict[str, str] = {
    "": cast(
        str,
        _(
            "Lived experience for people who use the service, carers, volunteers and peer workers; professional for staff, funders and facilitators."
        ),
    ),
    **{t.code: t.explanation_text for t in vocab.SIDES},  # lazy: read in each reader's language
}


def _organisation_field() -> ModelChoiceField:
    return ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("None"),
        help_text=_(
            "The organisation they come from, if any. Add organisations on the organisations page."
        ),
        error_messages={"invalid_choice": _("Choose an organisation from the list.")},
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
        label=_("Name"),
        max_length=120,
        help_text=_("A first name or a pseudonym is fine."),
        error_messages={
            "required": _("Enter a name. A first name or a pseudonym is fine."),
            "max_length": _("The name must be 120 characters or fewer."),
        },
    )


def _pseudonym_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("This name is a pseudonym, not their real name"),
        required=False,
    )


def _contact_field() -> forms.CharField:
    return forms.CharField(
        label=_("How to contact them"),
        max_length=200,
        required=False,
        help_text=_(
            "Only if they want to be contacted: a phone number, an address, or “through the Tuesday café”."
        ),
        error_messages={"max_length": _("Keep the contact details to 200 characters or fewer.")},
    )


def _online_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Can take part online"),
        required=False,
        help_text=_(
            "Untick for people who are not online, so the group reaches them in other ways."
        ),
    )


def _role_field(label: str = cast(str, _("Role"))) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=vocab.ROLES.choices,
        widget=ExplainedRadioSelect(vocab.ROLES),
        help_text=_("Why they are part of the group. If this changes later, the history is kept."),
        error_messages={
            "required": _("Choose their role."),
            "invalid_choice": _("Choose a role from the list."),
        },
    )


def _side_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Side"),
        choices=SIDE_CHOICES,
        required=False,
        widget=ExplainedRadioSelect(SIDE_HINTS),
        help_text=_(
            "Figures compare people with lived experience and professionals. Someone can be on the lived-experience side whatever their role, for example a facilitator who uses the service."
        ),
        error_messages={"invalid_choice": _("Choose lived experience or professional.")},
    )


def _paid_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Paid to be here"),
        required=False,
        help_text=_(
            "As part of their job, or paid for their time. Unpaid people doing the work of paid staff is a warning sign."
        ),
    )


class PersonForm(_JourneyForm):
    name = _name_field()
    is_pseudonym = _pseudonym_field()
    role = _role_field()
    side = _side_field()
    paid = _paid_field()
    organisation = _organisation_field()
    joined_on = date_field(cast(str, _("Date they joined")))
    contact = _contact_field()
    online = _online_field()


class PersonEditForm(_JourneyForm):
    name = _name_field()
    is_pseudonym = _pseudonym_field()
    organisation = _organisation_field()
    contact = _contact_field()
    online = _online_field()


class RoleChangeForm(_JourneyForm):
    role = _role_field(cast(str, _("New role")))
    side = _side_field()
    paid = _paid_field()
    from_date = date_field(
        cast(str, _("Date the new role started")),
        help_text=cast(str, _("Everything they did from this date on counts under the new role.")),
    )


class LeaveForm(_JourneyForm):
    left_on = date_field(cast(str, _("Date they stopped taking part")))
    reason = forms.CharField(
        label=_("Why they left"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only if they told you and are happy for it to be recorded. Knowing why people leave helps the group keep others."
        ),
        error_messages={"max_length": _("Keep the reason to 300 characters or fewer.")},
    )


class OrganisationForm(_JourneyForm):
    name = forms.CharField(
        label=_("Name of the organisation"),
        max_length=200,
        error_messages={
            "required": _("Enter the organisation's name."),
            "max_length": _("The name must be 200 characters or fewer."),
        },
    )
    kind = forms.ChoiceField(
        label=_("What kind of organisation it is"),
        choices=vocab.ORGANISATION_KINDS.choices,
        widget=ExplainedRadioSelect(vocab.ORGANISATION_KINDS),
        error_messages={
            "required": _("Choose what kind of organisation it is."),
            "invalid_choice": _("Choose a kind of organisation from the list."),
        },
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example, what they bring to the group, or what they fund."),
    )


STATUS_CHOICES = [
    ("current", _("Taking part now")),
    ("left", _("Have left")),
    ("all", _("Everyone")),
]


class PeopleFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Show"), choices=STATUS_CHOICES, required=False)
    side = forms.ChoiceField(
        label=_("Side"), choices=[("", _("Both sides")), *vocab.SIDES.choices], required=False
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("All roles")), *vocab.ROLES.choices], required=False
    )
