"""Forms for training pages. They parse and keep what was typed; services decide what is valid."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from powerwith.common.forms import ModelChoiceField, ModelMultipleChoiceField, date_field
from powerwith.people.models import Person
from powerwith.reflection.models import QuestionBank

from . import vocab


class SessionForm(forms.Form):
    title = forms.CharField(
        label=_("What the training was"),
        max_length=200,
        required=False,
        help_text=_("For example: “Chairing meetings” or “Reading a budget”."),
    )
    held_on = date_field(_("Day of the session"))
    led_by = ModelChoiceField(
        label=_("Who ran it, if they are in the register"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Nobody in the register"),
        error_messages={"invalid_choice": _("Choose a person from the list.")},
    )
    trainer = forms.CharField(
        label=_("Who ran it, if they are not in the register"),
        max_length=200,
        required=False,
        help_text=_("A person or an organisation, like “Carers Wales”."),
    )
    hours = forms.DecimalField(
        label=_("How long, in hours (optional)"),
        required=False,
        max_digits=6,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "invalid": _("Enter the hours as a number, like 1.5."),
            "max_decimal_places": _("Enter hours to at most two decimal places, like 1.25."),
            "max_digits": _("That is too many hours. Check the number."),
            "max_whole_digits": _("That is too many hours. Check the number."),
        },
    )
    about = forms.CharField(
        label=_("What it covers (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, journey: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["led_by"].queryset = Person.objects.filter(journey=journey).order_by(  # type: ignore[attr-defined]
            "name", "id"
        )


class PeopleForm(forms.Form):
    people = ModelMultipleChoiceField(
        label=_("People"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick everyone taking part. You can add more later."),
        error_messages={
            "invalid_choice": _("Choose people from the list."),
            "invalid_pk_value": _("Choose people from the list."),
        },
    )

    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["people"]
        field.queryset = Person.objects.filter(pk__in=[p.pk for p in people]).order_by(  # type: ignore[attr-defined]
            "name", "id"
        )

    def clean_people(self) -> list[Person]:
        people = list(self.cleaned_data.get("people") or [])
        if not people:
            raise forms.ValidationError(_("Tick at least one person."))
        return people


class GoalForm(forms.Form):
    text = forms.CharField(
        label=_("What do they want to get out of it?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "In their own words, as they said it. For example: “to feel able to chair our next meeting”."
        ),
    )
    set_on = date_field(_("Day they said it"))


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Did they get it?"),
        choices=vocab.OUTCOMES.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"required": _("Choose whether the goal was met, partly met or not met.")},
    )
    note = forms.CharField(
        label=_("In their words (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reviewed_on = date_field(_("Day it was revisited"))

    def clean_outcome(self) -> str:
        outcome = str(self.cleaned_data.get("outcome") or "")
        if not outcome:
            raise forms.ValidationError(
                _("Choose whether the goal was met, partly met or not met.")
            )
        return outcome


def _bank_label(bank: QuestionBank) -> str:
    return gettext("%(title)s, version %(version)s") % {
        "title": bank.shown_title,
        "version": bank.version,
    }


class QuestionsForm(forms.Form):
    bank = ModelChoiceField(
        label=_("Questions to ask"),
        queryset=QuestionBank.objects.none(),
        required=False,
        empty_label=None,
        error_messages={"invalid_choice": _("Choose the questions to ask from the list.")},
        help_text=_(
            "The same questions are asked before and after. To write your own, make a question "
            "bank on the question banks page first."
        ),
    )
    anonymous = forms.TypedChoiceField(
        label=_("Keep names with the answers?"),
        choices=[
            ("1", _("Anonymous: no one can see who gave which answers")),
            ("0", _("Named: people's names are kept with their answers")),
        ],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="1",
        required=False,
    )
    opens_on = date_field(_("Open the before questions on"))

    def __init__(self, *args: Any, banks: list[QuestionBank], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(ModelChoiceField, self.fields["bank"])
        field.queryset = QuestionBank.objects.filter(pk__in=[b.pk for b in banks])
        field.label_from_instance = _bank_label  # type: ignore[method-assign,assignment]

    def clean_bank(self) -> QuestionBank:
        bank = self.cleaned_data.get("bank")
        if bank is None:
            raise forms.ValidationError(_("Choose the questions to ask."))
        return cast(QuestionBank, bank)
