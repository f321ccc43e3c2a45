"""Forms for hearing back and the journey's notices. Thin: the rules are in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from powerwith.common.forms import ModelChoiceField, date_field
from powerwith.common.widgets import ExplainedRadioSelect
from powerwith.people.models import Person

from . import vocab


class HearingForm(forms.Form):
    way = forms.ChoiceField(
        label=_("How do they want to hear what became of what they raised?"),
        choices=vocab.WAYS.choices,
        widget=ExplainedRadioSelect(vocab.WAYS),
        error_messages={"required": _("Choose how they want to hear back.")},
    )
    email = forms.CharField(
        label=_("Email address"),
        required=False,
        max_length=254,
        help_text=_("Only if they hear by email."),
    )
    phone = forms.CharField(
        label=_("Mobile phone number"),
        required=False,
        max_length=20,
        help_text=_("Only if they hear by text message. A UK mobile, like 07700 900123."),
    )
    address = forms.CharField(
        label=_("Postal address"),
        required=False,
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Only if they hear by letter. One line each as it goes on the envelope, the "
            "postcode last, at most 6 lines."
        ),
    )
    via = ModelChoiceField(
        label=_("Member who passes the news on"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Nobody chosen"),
        help_text=_("Only if they hear through a member of the group."),
        error_messages={"invalid_choice": _("Choose a person from the list.")},
    )
    language = forms.ChoiceField(
        label=_("Language of the news"),
        required=False,
        choices=[("", _("The language their account uses, or English"))],
        error_messages={"invalid_choice": _("Choose a language from the list.")},
    )
    easy_read = forms.BooleanField(
        label=_("Write it in easy read"),
        required=False,
        help_text=_("Short sentences and everyday words, in bigger type on paper."),
    )
    consent = forms.BooleanField(
        label=_("They agreed to be told this way, and to us keeping these details for it"),
        required=False,
        help_text=_("Not needed for “not at all”."),
    )
    consent_on = date_field(
        str(_("The day they agreed")),
        required=False,
        help_text=str(_("Leave empty for today. For example, 27 3 2026.")),
    )

    def __init__(self, *args: Any, person: Person, own: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Each language in its own name, as the site's language choice shows them.
        self.fields["language"].choices = [  # type: ignore[attr-defined]
            *self.fields["language"].choices,  # type: ignore[attr-defined]
            *settings.LANGUAGES,
        ]
        self.fields["via"].queryset = (  # type: ignore[attr-defined]
            Person.objects.filter(journey_id=person.journey_id, left_on__isnull=True)
            .exclude(pk=person.pk)
            .order_by("name", "id")
        )
        if own:
            # Your own page: in your words, and the day is today.
            self.fields["way"].label = _("How do you want to hear what became of what you raised?")
            self.fields["consent"].label = _(
                "I agree to be told this way, and to the group keeping these details for it"
            )
            self.fields["via"].label = _("Member who passes the news on to you")
            self.fields["language"].choices = [  # type: ignore[attr-defined]
                ("", _("The language you chose for the site, or English")),
                *settings.LANGUAGES,
            ]
            del self.fields["consent_on"]


class TimingForm(forms.Form):
    timing = forms.ChoiceField(
        label=_("When do notices go?"),
        choices=vocab.TIMINGS.choices,
        widget=ExplainedRadioSelect(vocab.TIMINGS),
        error_messages={"required": _("Choose when notices go.")},
    )


class OutboxFilter(forms.Form):
    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("All notices")), *vocab.STATUSES.choices],
    )
