"""The care flag form (facilitators only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from powerwith.common.forms import ModelChoiceField, date_field
from powerwith.people.models import Person


class CareFlagForm(forms.Form):
    person = ModelChoiceField(
        label=_("Who is in the care of a member of the group"),
        queryset=Person.objects.none(),
        error_messages={
            "required": _("Choose the person from this journey's register."),
            "invalid_choice": _("Choose the person from this journey's register."),
        },
    )
    carer = ModelChoiceField(
        label=_("Whose care they are in (optional)"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Not recorded"),
        help_text=_("The member of the group who cares for them, or whose service does."),
        error_messages={
            "invalid_choice": _("Choose a member of the group from this journey's register.")
        },
    )
    started_on = date_field(_("Since when (optional)"), required=False)
    ended_on = date_field(
        _("Until when (optional)"),
        required=False,
        help_text=_("The last day they are in that member's care, if it has ended or will end."),
    )
    support_offered_on = date_field(
        _("Independent support offered on"),
        required=False,
        help_text=_("The day someone outside the group offered them independent support."),
    )
    routes_told_on = date_field(
        _("Told about anonymous routes on"),
        required=False,
        help_text=_(
            "The day they were told how to contribute anonymously: cards, anonymous rounds, "
            "someone to speak for them."
        ),
    )
    notes = forms.CharField(
        label=_("Notes (facilitators only)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, people: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["carer"].queryset = people  # type: ignore[attr-defined]
        if editing:
            del self.fields["person"]
