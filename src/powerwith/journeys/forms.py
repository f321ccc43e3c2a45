from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from powerwith.common.forms import ModelChoiceField, date_field
from powerwith.organisations.models import Organisation
from powerwith.organisations.selectors import administered_by

from . import vocab


class JourneyForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Name of the journey"),
        max_length=200,
        help_text=gettext_lazy("For example, “Better breast care together”."),
        error_messages={"required": gettext_lazy("Enter a name for the journey.")},
    )
    purpose = forms.CharField(
        label=gettext_lazy("What the group is here to do"),
        widget=forms.Textarea,
        required=False,
        help_text=gettext_lazy("A few sentences, in the group's own words."),
    )
    host = ModelChoiceField(
        label=gettext_lazy("Organisation hosting it"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=gettext_lazy("No host organisation"),
        help_text=gettext_lazy(
            "The journeys an organisation hosts share its question banks. You can choose "
            "an organisation you are an admin of."
        ),
        error_messages={
            "invalid_choice": gettext_lazy(
                "Choose an organisation you are an admin of, or no host organisation."
            )
        },
    )
    stages = forms.MultipleChoiceField(
        label=gettext_lazy("Stages of the cycle it works in"),
        choices=vocab.STAGES.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Choose all that apply. A journey can start at any stage."),
        error_messages={"invalid_choice": gettext_lazy("Choose stages from the list.")},
    )
    level = forms.ChoiceField(
        label=gettext_lazy("Level it works at"),
        choices=[("", gettext_lazy("Not decided yet")), *vocab.LEVELS.choices],
        required=False,
    )
    started_on = date_field(cast(str, gettext_lazy("Start date")), required=False)

    def __init__(self, *args: Any, user: Any, current: Organisation | None = None, **kw: Any):
        """``user`` may choose the organisations they are an admin of; a journey keeps its
        ``current`` host even when the facilitator editing it is not that host's admin."""
        super().__init__(*args, **kw)
        field = self.fields["host"]
        mine = administered_by(user)
        if current is not None:
            mine = mine | Organisation.objects.filter(pk=current.pk)
        field.queryset = mine.distinct().order_by("name", "slug")  # type: ignore[attr-defined]
        if current is None and not field.queryset.exists():  # type: ignore[attr-defined]
            field.help_text = _(
                "You are not an admin of any organisation yet. Add your organisation from "
                "“Your organisations” to choose it here, or leave this as it is."
            )


class JourneySettingsForm(JourneyForm):
    ended_on = date_field(
        cast(str, gettext_lazy("End date")),
        required=False,
        help_text=cast(str, gettext_lazy("Leave empty while the journey is going on.")),
    )
    public_you_said = forms.BooleanField(
        label=gettext_lazy("Let anyone with the link see the “you said, we did” page"),
        required=False,
        help_text=gettext_lazy("Names are never shown on the public page."),
    )


class DefinitionForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Our definition of co-production"),
        widget=forms.Textarea,
        help_text=gettext_lazy("Write it in the group's own words. Earlier versions are kept."),
        error_messages={"required": gettext_lazy("Write the definition the group agreed.")},
    )
    agreed_on = date_field(cast(str, gettext_lazy("Date the group agreed it")))


class ValueForm(forms.Form):
    code = forms.ChoiceField(
        label=gettext_lazy("A value from the list"),
        required=False,
        choices=[("", gettext_lazy("Choose one, or write your own below")), *vocab.VALUES.choices],
    )
    name = forms.CharField(label=gettext_lazy("Or your own value"), max_length=120, required=False)
    meaning = forms.CharField(
        label=gettext_lazy("What it means for this group"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class LimitForm(forms.Form):
    table = forms.ChoiceField(
        label=gettext_lazy("Is this on the table?"),
        choices=vocab.TABLE_SIDES.choices,
        widget=forms.RadioSelect,
        initial=vocab.OFF_TABLE,
    )
    text = forms.CharField(
        label=gettext_lazy("What it is"),
        max_length=300,
        help_text=gettext_lazy("For example, “The opening hours of the clinic”."),
        error_messages={"required": gettext_lazy("Say what is on or off the table.")},
    )
    set_by = forms.ChoiceField(
        label=gettext_lazy("Who set this"),
        choices=vocab.LIMIT_SETTERS.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Say who set this.")},
    )
    why = forms.CharField(
        label=gettext_lazy("Why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": gettext_lazy("Explain why. People find unexplained limits frustrating.")
        },
    )
    disclosed_on = date_field(
        cast(str, gettext_lazy("Date it was shared with the whole group")),
        required=False,
        help_text=cast(str, gettext_lazy("Leave empty if the group has not been told yet.")),
    )
    withdrawn_on = date_field(cast(str, gettext_lazy("Date it stopped applying")), required=False)


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Their email address"),
        error_messages={"invalid": gettext_lazy("Enter an email address, like name@example.org.")},
    )
    role = forms.ChoiceField(
        label=gettext_lazy("What they can do"),
        choices=vocab.MEMBERSHIP_ROLES.choices,
        widget=forms.RadioSelect,
        initial=vocab.MEMBER,
    )
    person = forms.TypedChoiceField(
        label=gettext_lazy("Their entry in the register of people"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=gettext_lazy("Optional. Links their account to what they have said and done."),
    )


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=vocab.MEMBERSHIP_ROLES.choices)
