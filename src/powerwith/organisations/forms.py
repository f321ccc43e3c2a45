from __future__ import annotations

from django import forms

from powerwith.common.widgets import ExplainedRadioSelect

from . import vocab


class OrganisationForm(forms.Form):
    name = forms.CharField(
        label="Name of the organisation",
        max_length=200,
        help_text="As people know it, for example \u201cRiverside Hospital NHS Trust\u201d.",
        error_messages={"required": "Enter the name of the organisation."},
    )
    kind = forms.ChoiceField(
        label="Kind of organisation",
        choices=[("", "Not saying"), *vocab.KINDS.choices],
        required=False,
        error_messages={"invalid_choice": "Choose a kind of organisation from the list."},
    )


class MemberAddForm(forms.Form):
    email = forms.EmailField(
        label="Email address of their account",
        help_text="They need a PowerWith account already.",
        error_messages={
            "required": "Enter the email address of the person's account.",
            "invalid": "Enter an email address like name@example.org.",
        },
    )
    role = forms.ChoiceField(
        label="Role",
        choices=vocab.ROLES.choices,
        initial=vocab.VIEWER,
        widget=ExplainedRadioSelect(vocab.ROLES),
        error_messages={
            "required": "Choose admin or viewer.",
            "invalid_choice": "Choose admin or viewer.",
        },
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label="Role",
        choices=vocab.ROLES.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose admin or viewer.",
            "invalid_choice": "Choose admin or viewer.",
        },
    )
