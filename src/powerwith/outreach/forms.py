"""Forms for outreach pages. They parse and keep what was typed; services decide what is valid."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy

from powerwith.common.forms import LabelledChoicesForm, ModelChoiceField, date_field
from powerwith.journeys.models import Journey
from powerwith.people import vocab as people_vocab
from powerwith.people.models import Person

from . import vocab


def _(text: str) -> str:
    """Mark a label for translation; lazy, typed as str because the field helpers take one."""
    return cast(str, gettext_lazy(text))


# One base for every form of the app: choice errors name their question.
Form = LabelledChoicesForm


class StakeholderForm(Form):
    name = forms.CharField(
        label=_("Who should be involved?"),
        max_length=200,
        help_text=_(
            "A person, an organisation or a group of people, for example “carers of people on "
            "ward 7”."
        ),
        error_messages={"required": _("Enter who should be involved.")},
    )
    form = forms.ChoiceField(
        label=_("Is it a person, an organisation or a group?"),
        choices=vocab.FORMS.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether it is a person, an organisation or a group.")
        },
    )
    kind = forms.ChoiceField(
        label=_("What kind of stakeholder are they?"),
        choices=vocab.KINDS.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose which kind of stakeholder they are.")},
    )
    why = forms.CharField(
        label=_("Why do they matter to this work?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why they matter to this work.")},
    )
    approacher = ModelChoiceField(
        label=_("Who will approach them?"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Nobody yet"),
        help_text=_("Someone in the register who knows them, or knows someone who does."),
    )
    how = forms.ChoiceField(
        label=_("How will they be approached?"),
        choices=[("", _("Not decided yet")), *vocab.HOW.choices],
        required=False,
    )
    how_notes = forms.CharField(
        label=_("More about how"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: “Amina will ask at the carers' coffee morning”."),
    )
    planned_on = date_field(_("Date added to the map"))

    def __init__(self, *args: Any, journey: Journey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["approacher"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            journey=journey, left_on__isnull=True
        ).order_by("name", "id")


class StepForm(Form):
    status = forms.ChoiceField(
        label=_("What happened?"),
        choices=vocab.STATUSES.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happened.")},
    )
    on = date_field(_("Date it happened"))
    reason = forms.CharField(
        label=_("If they declined, why?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when they declined. In their words if you can."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class JoinForm(Form):
    person = ModelChoiceField(
        label=_("Already in the register?"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("No, add them as someone new"),
        help_text=_("Choose their entry if they are already in the register."),
    )
    name = forms.CharField(
        label=_("Name in the register"),
        max_length=120,
        required=False,
        help_text=_("For someone new. A first name or a pseudonym is fine."),
    )
    role = forms.ChoiceField(
        label=_("Their role"),
        choices=[("", _("Choose a role")), *people_vocab.ROLES.choices],
        required=False,
    )
    joined_on = date_field(_("Date they joined"), required=False)
    contact = forms.CharField(
        label=_("How to reach them (optional)"),
        max_length=200,
        required=False,
    )

    def __init__(self, *args: Any, journey: Journey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            journey=journey
        ).order_by("name", "id")


class GroupForm(Form):
    name = forms.CharField(
        label=_("Name of the group or network"),
        max_length=200,
        error_messages={"required": _("Enter the group's name.")},
    )
    kind = forms.ChoiceField(
        label=_("What kind of group is it?"),
        choices=vocab.GROUP_KINDS.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of group it is.")},
    )
    about = forms.CharField(
        label=_("How you work together"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    website = forms.URLField(
        label=_("Website (optional)"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a web address, like https://example.org.")},
    )
    other_journey = ModelChoiceField(
        label=_("Is it another journey on PowerWith?"),
        queryset=Journey.objects.none(),
        required=False,
        empty_label=_("No"),
        help_text=_("Only journeys you are part of are listed."),
    )
    since = date_field(_("Working together since"))
    ended_on = date_field(
        _("Stopped working together on"),
        required=False,
        help_text=_("Leave empty if you still do."),
    )

    def __init__(self, *args: Any, journey: Journey, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other_journey"].queryset = (  # type: ignore[attr-defined]
            Journey.objects.filter(memberships__user=user)
            .exclude(pk=journey.pk)
            .order_by("title", "id")
        )


class ActivityForm(Form):
    on = date_field(_("Date"))
    what = forms.CharField(
        label=_("What did you do together?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say what you did together.")},
    )
