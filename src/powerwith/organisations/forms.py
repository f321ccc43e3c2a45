from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from powerwith.common.widgets import ExplainedRadioSelect

from . import vocab


class OrganisationForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the organisation"),
        max_length=200,
        help_text=_("As people know it, for example “Riverside Hospital NHS Trust”."),
        error_messages={"required": _("Enter the name of the organisation.")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        choices=[("", _("Not saying")), *vocab.KINDS.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose a kind of organisation from the list.")},
    )


class MemberAddForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of their account"),
        help_text=_("They need a PowerWith account already."),
        error_messages={
            "required": _("Enter the email address of the person's account."),
            "invalid": _("Enter an email address like name@example.org."),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=vocab.ROLES.choices,
        initial=vocab.VIEWER,
        widget=ExplainedRadioSelect(vocab.ROLES),
        error_messages={
            "required": _("Choose admin or viewer."),
            "invalid_choice": _("Choose admin or viewer."),
        },
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=vocab.ROLES.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose admin or viewer."),
            "invalid_choice": _("Choose admin or viewer."),
        },
    )
