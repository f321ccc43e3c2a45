"""Forms for people's rights: confirming an erasure, and a journey's retention period."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from powerwith.common.redact import Mention


class FacilitatorEraseForm(forms.Form):
    mentions = forms.MultipleChoiceField(
        required=False,
        label="Where their name appears",
        help_text="Each place the journey's free text mentions their full name or a part of it. "
        "Ticked ones become “Erased person” and a number. Their full name is ticked to start "
        "with; tick a first name or surname where it means them, not someone else.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "The text has changed since this page was drawn: "
            "look at the list again."
        },
    )
    remove_words = forms.BooleanField(
        required=False,
        label=_("Remove their words too"),
        help_text=_(
            "What they raised stays in the group's record either way, so the counts of "
            "“you said, we did” do not change. Tick this to replace their words with “Removed at "
            "the request of the person who said it”. Leave it to keep the words without their name."
        ),
    )
    confirm = forms.BooleanField(
        label=_("I understand this cannot be undone"),
        error_messages={"required": _("Tick the box to say you understand this cannot be undone.")},
    )

    def __init__(self, *args: Any, mentions: Sequence[Mention] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["mentions"]
        field.choices = [(m.id, f"{m.where}: …{m.before}[{m.text}]{m.after}…") for m in mentions]  # type: ignore[attr-defined]
        field.initial = [m.id for m in mentions if m.full]
        if not mentions:
            del self.fields["mentions"]


class SelfEraseForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you."),
        error_messages={"required": _("Enter your password to erase your entry.")},
    )


class RetentionForm(forms.Form):
    days = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=36500,
        label=_("Days to keep personal data after the journey ends"),
        help_text=_("Leave empty to use the site's usual period."),
        error_messages={
            "invalid": _("Enter a whole number of days, like 365."),
            "min_value": _("Enter a number of days between 1 and 36500."),
            "max_value": _("Enter a number of days between 1 and 36500."),
        },
    )
