"""Thin forms: what people type; the services check it."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from powerwith.common.forms import date_field
from powerwith.people.models import Person

from . import vocab

THE_GROUP = "group"


class _WhoForm(forms.Form):
    """A form with a "who" choice: a person in the register, or the group as a whole."""

    who_field = "proposed_by"
    who_empty = gettext_lazy("The group as a whole")

    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(p.pk): p for p in people}
        self.fields[self.who_field].choices = [  # type: ignore[attr-defined]
            (THE_GROUP, self.who_empty),
            *[(str(p.pk), p.name) for p in people],
        ]

    def who(self) -> Person | None:
        return self.people.get(self.cleaned_data[self.who_field] or "")


WHO_ERROR = gettext_lazy("Choose a person from the list, or the group as a whole.")


class GroundRuleForm(_WhoForm):
    text = forms.CharField(
        label=gettext_lazy("The ground rule"),
        max_length=300,
        help_text=gettext_lazy(
            "In the group's own words, for example “One person speaks at a time”."
        ),
        error_messages={
            "required": gettext_lazy("Write the ground rule."),
            "max_length": gettext_lazy("Keep the ground rule to 300 characters or fewer."),
        },
    )
    proposed_by = forms.ChoiceField(
        label=gettext_lazy("Who proposed it"), error_messages={"invalid_choice": WHO_ERROR}
    )
    proposed_on = date_field(cast(str, gettext_lazy("Date it was proposed")))

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"text": d["text"], "proposed_by": self.who(), "proposed_on": d["proposed_on"]}


class DayForm(forms.Form):
    """One date: when the group agreed something, or when a rule was retired."""

    def __init__(self, *args: Any, label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["day"] = date_field(label)
        self.fields["day"].initial = timezone.localdate()


class WordForm(_WhoForm):
    who_field = "asked_by"
    who_empty = gettext_lazy("Not recorded")

    term = forms.CharField(
        label=gettext_lazy("Word or phrase"),
        max_length=80,
        help_text=gettext_lazy("For example “MDT” or “discharge summary”."),
        error_messages={
            "required": gettext_lazy("Write the word or phrase."),
            "max_length": gettext_lazy("Keep the word or phrase to 80 characters or fewer."),
        },
    )
    meaning = forms.CharField(
        label=gettext_lazy("What it means, in plain words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Write what it means, in plain words.")},
    )
    asked_by = forms.ChoiceField(
        label=gettext_lazy("Who asked what it meant"),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose a person from the list.")},
    )
    asked_on = date_field(cast(str, gettext_lazy("Date they asked")))

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "term": d["term"],
            "meaning": d["meaning"],
            "asked_by": self.who(),
            "asked_on": d["asked_on"],
        }


class WordEditForm(forms.Form):
    term = WordForm.base_fields["term"]
    meaning = WordForm.base_fields["meaning"]


class WordingForm(_WhoForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("What it is a wording of"),
        choices=vocab.FRAMING_KINDS.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose the purpose or the problem statement."),
            "invalid_choice": gettext_lazy("Choose the purpose or the problem statement."),
        },
    )
    text = forms.CharField(
        label=gettext_lazy("The wording"),
        widget=forms.Textarea,
        help_text=gettext_lazy("Exactly as it was proposed. Earlier wordings are kept."),
        error_messages={"required": gettext_lazy("Write the wording.")},
    )
    proposed_by = forms.ChoiceField(
        label=gettext_lazy("Who proposed it"), error_messages={"invalid_choice": WHO_ERROR}
    )
    proposed_on = date_field(cast(str, gettext_lazy("Date it was proposed")))

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "kind": d["kind"],
            "text": d["text"],
            "proposed_by": self.who(),
            "proposed_on": d["proposed_on"],
        }


def day_label(what: str) -> str:
    labels = {
        "agree": _("Date the group agreed it"),
        "retire": _("Date it stopped applying"),
    }
    return labels[what]
