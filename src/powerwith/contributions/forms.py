"""Forms for contributions: raising one on someone's behalf, its fate, corrections, filters."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from powerwith.common.dates import short_date
from powerwith.common.forms import date_field
from powerwith.common.widgets import ExplainedRadioSelect
from powerwith.people import vocab as pvocab
from powerwith.people.models import Person

from . import receipts, vocab
from .models import Contribution

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ANONYMOUS = "anonymous"


def split_tags(raw: str) -> list[str]:
    """ "waiting times, discharge" -> ["waiting times", "discharge"] (blanks and repeats dropped)."""
    seen: dict[str, str] = {}
    for part in raw.replace(";", ",").split(","):
        name = " ".join(part.split())
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return list(seen.values())


def _tags_field() -> forms.CharField:
    return forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=500,
        help_text=_(
            "Themes or moments in the service it is about, separated by commas, like “waiting times, discharge”."
        ),
        error_messages={"max_length": _("Keep the tags to 500 characters or fewer in total.")},
    )


def _touchpoints_field() -> forms.CharField:
    return forms.CharField(
        label="Touchpoints",
        required=False,
        max_length=500,
        help_text="The moments in the service it is about, separated by commas, like \u201cfirst letter, diagnosis\u201d. A new one joins the end of the journey\u2019s list.",
        error_messages={"max_length": "Keep the touchpoints to 500 characters or fewer in total."},
    )


def _provenance_field() -> forms.CharField:
    return forms.CharField(
        label=_("How it reached us"),
        required=False,
        max_length=300,
        help_text=_(
            "In a few words, so it can be traced: “written on a card at the Tuesday café”, “told to Sam on the phone”."
        ),
        error_messages={"max_length": _("Keep this to 300 characters or fewer.")},
    )


def _person_choices(people: list[Person], empty: StrOrPromise) -> list[tuple[str, Any]]:
    return [("", empty), *[(str(p.pk), p.name) for p in people]]


class _PeopleForm(forms.Form):
    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(p.pk): p for p in people}

    def _person(self, field: str) -> Person | None:
        value = self.cleaned_data.get(field) or ""
        return self.people.get(value)


class ContributionForm(_PeopleForm):
    text = forms.CharField(
        label=_("What was raised"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("In the person’s own words if you can."),
        error_messages={
            "required": _("Write what was raised, in the person’s own words if you can.")
        },
    )
    raised_by = forms.ChoiceField(
        label=_("Whose words these are"),
        help_text=_(
            "You may be typing this in for them. Choose “Anonymous” if they did not want to be named."
        ),
        error_messages={
            "required": _("Choose who raised it, or choose “Anonymous”."),
            "invalid_choice": _("Choose a person from the list, or “Anonymous”."),
        },
    )
    channel = forms.ChoiceField(
        label=_("How it was raised"),
        choices=vocab.CHANNELS.choices,
        widget=ExplainedRadioSelect(vocab.CHANNELS),
        error_messages={
            "required": _("Choose how it reached us."),
            "invalid_choice": _("Choose how it reached us from the list."),
        },
    )
    gathering = forms.ChoiceField(
        label=_("Gathering"),
        required=False,
        help_text=_(
            "Needed if it was raised in a gathering; useful if it was written on a card at one."
        ),
        error_messages={"invalid_choice": _("Choose a gathering from the list.")},
    )
    raised_on = date_field(
        _("Date it was raised"),
        required=False,
        help_text=_("Leave empty to use the date of the gathering, or today."),
    )
    provenance = _provenance_field()
    tags = _tags_field()
    touchpoints = _touchpoints_field()
    kind = forms.ChoiceField(
        label=_("Praise or a problem"),
        required=False,
        choices=[*vocab.KINDS.choices, ("", _("Neither, or not said"))],
        widget=ExplainedRadioSelect(vocab.KINDS),
        help_text=_("Say when it is about something that works well, so it is kept."),
        error_messages={"invalid_choice": _("Choose praise, a problem, or neither.")},
    )
    # Someone not in the register yet: added through the people service by the second button
    # (``ADD_PERSON``), which redisplays this form with them chosen and nothing typed lost.
    new_name = forms.CharField(
        label=_("Their name"),
        required=False,
        max_length=200,
        help_text=_("A first name or a pseudonym is fine."),
    )
    new_role = forms.ChoiceField(
        label=_("Their role"),
        required=False,
        choices=[("", _("Choose their role")), *pvocab.ROLES.choices],
        help_text=_("This also says which side they are on: lived experience or professional."),
    )
    NEW_PERSON_FIELDS = ("new_name", "new_role")

    def __init__(self, *args: Any, people: list[Person], gatherings: list[Any], **kwargs: Any):
        super().__init__(*args, people=people, **kwargs)
        self.gatherings = {str(g.pk): g for g in gatherings}
        self.fields["raised_by"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose a person")),
            (ANONYMOUS, _("Anonymous: nobody named")),
            *[(str(p.pk), p.name) for p in people],
        ]
        self.fields["gathering"].choices = [  # type: ignore[attr-defined]
            ("", _("Not raised at a gathering")),
            *[(str(g.pk), f"{g.title} ({short_date(g.held_on)})") for g in gatherings],
        ]

    def main_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in self.fields if n not in self.NEW_PERSON_FIELDS]

    def new_person_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in self.NEW_PERSON_FIELDS]

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        who = d["raised_by"]
        return {
            "text": d["text"],
            "channel": d["channel"],
            "raised_on": d["raised_on"],
            "raised_by": None if who == ANONYMOUS else self._person("raised_by"),
            "anonymous": who == ANONYMOUS,
            "gathering": self.gatherings.get(d["gathering"] or ""),
            "provenance": d["provenance"],
            "tags": split_tags(d["tags"]),
            "touchpoints": split_tags(d["touchpoints"]),
            "kind": d["kind"],
        }


class ContributionEditForm(_PeopleForm):
    text = forms.CharField(
        label=_("What was raised"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Correct the wording only to make it clearer; keep the person’s meaning."),
        error_messages={"required": _("The contribution cannot be empty.")},
    )
    tags = _tags_field()
    touchpoints = _touchpoints_field()
    owner = forms.ChoiceField(
        label=_("Who looks after it"),
        required=False,
        help_text=_("The person who makes sure it gets an answer."),
        error_messages={"invalid_choice": _("Choose a person from the list.")},
    )
    provenance = _provenance_field()
    kind = forms.ChoiceField(
        label=_("Praise or a problem"),
        required=False,
        choices=[*vocab.KINDS.choices, ("", _("Neither, or not said"))],
        widget=ExplainedRadioSelect(vocab.KINDS),
        help_text=_("Say when it is about something that works well, so it is kept."),
        error_messages={"invalid_choice": _("Choose praise, a problem, or neither.")},
    )

    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, people=people, **kwargs)
        self.fields["owner"].choices = _person_choices(people, _("No one yet"))  # type: ignore[attr-defined]

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "text": d["text"],
            "tags": split_tags(d["tags"]),
            "touchpoints": split_tags(d["touchpoints"]),
            "owner": self._person("owner"),
            "provenance": d["provenance"],
            "kind": d["kind"],
        }


FATE_CHOICES = [(t.code, t.label) for t in vocab.FATES if t.code != vocab.NEW]


class FateForm(_PeopleForm):
    fate = forms.ChoiceField(
        label=_("What has happened to it"),
        choices=FATE_CHOICES,
        widget=ExplainedRadioSelect(vocab.FATES),
        error_messages={
            "required": _("Choose what has happened to it."),
            "invalid_choice": _("Choose what has happened to it from the list."),
        },
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Needed for “not possible”: say why, in plain words. People have a right to know. For other changes, a short note helps."
        ),
    )
    change_level = forms.ChoiceField(
        label=_("Level of change"),
        required=False,
        choices=vocab.CHANGE_LEVELS.choices,
        widget=ExplainedRadioSelect(vocab.CHANGE_LEVELS),
        help_text=_("Needed for “done”: where things changed because of it."),
        error_messages={"invalid_choice": _("Choose a level of change from the list.")},
    )
    merged_into = forms.ChoiceField(
        label=_("The same point as"),
        required=False,
        help_text=_(
            "Needed for “merged”: the contribution that carries this one forward. It will count once."
        ),
        error_messages={"invalid_choice": _("Choose a contribution from the list.")},
    )
    response = forms.CharField(
        label=_("What we did"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In plain words, for the “you said, we did” page."),
    )
    owner = forms.ChoiceField(
        label=_("Who looks after it"),
        required=False,
        error_messages={"invalid_choice": _("Choose a person from the list.")},
    )
    on = date_field(
        _("Date of the change"), help_text=_("When it happened, which may be before today.")
    )
    decision = forms.ChoiceField(
        label=_("Decision it came from"),
        required=False,
        error_messages={"invalid_choice": _("Choose a decision from the list.")},
    )

    def __init__(
        self,
        *args: Any,
        people: list[Person],
        targets: list[Contribution],
        decisions: list[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, people=people, **kwargs)
        self.targets = {str(c.pk): c for c in targets}
        self.decisions = {str(d.pk): d for d in decisions}
        self.fields["owner"].choices = _person_choices(people, _("No one yet"))  # type: ignore[attr-defined]
        self.fields["merged_into"].choices = [  # type: ignore[attr-defined]
            ("", _("Not merged")),
            *[(str(c.pk), f"#{c.pk}: {c.text[:80]}") for c in targets],
        ]
        if decisions:
            self.fields["decision"].choices = [  # type: ignore[attr-defined]
                ("", _("None")),
                *[(str(d.pk), f"{short_date(d.decided_on)}: {d.text[:80]}") for d in decisions],
            ]
        else:
            del self.fields["decision"]

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "fate": d["fate"],
            "reason": d["reason"],
            "change_level": d["change_level"],
            "merged_into": self.targets.get(d["merged_into"] or ""),
            "response": d["response"],
            "owner": self._person("owner"),
            "on": d["on"],
            "decision": self.decisions.get(d.get("decision") or ""),
        }


class ContributionFilterForm(forms.Form):
    fate = forms.ChoiceField(
        label=_("What happened"), required=False, choices=[("", _("Any")), *vocab.FATES.choices]
    )
    channel = forms.ChoiceField(
        label=_("How it was raised"),
        required=False,
        choices=[("", _("Any way")), *vocab.CHANNELS.choices],
    )
    tag = forms.ChoiceField(label=_("Tag"), required=False)
    side = forms.ChoiceField(
        label=_("Raised by"),
        required=False,
        choices=[("", _("Anyone")), *pvocab.SIDES.choices, (ANONYMOUS, _("Anonymous"))],
    )
    kind = forms.ChoiceField(
        label=_("Praise or a problem"),
        required=False,
        choices=[("", _("Any")), *vocab.KINDS.choices],
    )
    open = forms.BooleanField(label=_("Only those still open"), required=False)

    def __init__(self, *args: Any, tags: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tag"].choices = [  # type: ignore[attr-defined]
            ("", _("Any tag")),
            *[(str(t.pk), t.name) for t in tags],
        ]


class ReceiptForm(forms.Form):
    """The public look-up: a receipt code, typed in any case, with or without the dash."""

    code = forms.CharField(
        label=_("Receipt code"),
        max_length=40,
        help_text=_(
            "8 letters and numbers, like K7P4-3QX9. Capital or small letters, with or without "
            "the dash."
        ),
        error_messages={"required": _("Type the receipt code from your card or your screen.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        code = receipts.normalise(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _("A receipt code has 8 letters and numbers, like K7P4-3QX9. Check what you typed.")
            )
        return code


class CardPrintForm(forms.Form):
    """How many feedback cards to print, and for which gathering."""

    count = forms.IntegerField(
        label=_("How many cards"),
        min_value=1,
        max_value=200,
        initial=20,
        help_text=_("Four cards fit on each A4 page. Print a few more than you expect to need."),
        error_messages={
            "required": _("Say how many cards to print."),
            "invalid": _("Write the number of cards as a whole number, like 20."),
            "min_value": _("Choose between 1 and 200 cards."),
            "max_value": _("Choose between 1 and 200 cards."),
        },
    )
    gathering = forms.ChoiceField(
        label=_("For which gathering"),
        required=False,
        help_text=_("The gathering is printed on each card, and cards typed in are linked to it."),
        error_messages={"invalid_choice": _("Choose a gathering from the list.")},
    )

    def __init__(self, *args: Any, gatherings: list[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.gatherings = {str(g.pk): g for g in gatherings}
        self.fields["gathering"].choices = [  # type: ignore[attr-defined]
            ("", _("Not for a gathering")),
            *[(str(g.pk), f"{g.title} ({short_date(g.held_on)})") for g in gatherings],
        ]

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"count": d["count"], "gathering": self.gatherings.get(d["gathering"] or "")}


class CardTypeInForm(forms.Form):
    """A returned feedback card: its code and what was written on it."""

    code = forms.CharField(
        label=_("The card's code"),
        max_length=40,
        help_text=_("Printed on the card, like K7P4-3QX9."),
        error_messages={"required": _("Type the code printed on the card.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    text = forms.CharField(
        label=_("What was written on it"),
        help_text=_("Type their words as they wrote them."),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Type what was written on the card.")},
    )
    # Minted when the page is drawn: the same form sent twice counts once.
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)
