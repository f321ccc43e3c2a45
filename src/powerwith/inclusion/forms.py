"""Forms for inclusion pages. They parse and keep what was typed; services decide what is valid."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy

from powerwith.common.forms import LabelledChoicesForm, date_field
from powerwith.gatherings.models import Gathering
from powerwith.people.models import Organisation, Person

from . import vocab
from .services import share_field


def _(text: str) -> str:
    """Mark a label or message for translation. It stays lazy (forms are made once, read in
    each reader's language); typed as str because the field helpers take one."""
    return cast(str, gettext_lazy(text))


class PoundsField(forms.Field):
    """An amount typed in pounds (£4.50, 4.5, 1,200) returned as whole pence (an int)."""

    def __init__(self, *, label: str, help_text: str = "", required: bool = True) -> None:
        super().__init__(
            label=label,
            help_text=help_text or _("In pounds and pence, for example 4.50."),
            required=required,
            error_messages={"required": _("Enter the %(what)s.") % {"what": label.lower()}},
            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        )

    def to_python(self, value: Any) -> int | None:
        text = str(value or "").strip().replace("£", "").replace(",", "")
        if not text:
            return None
        if len(text) > 12 or not re.fullmatch(r"\d+(\.\d{1,2})?", text):
            raise forms.ValidationError(
                _("Enter the %(what)s in pounds and pence, like 4.50.")
                % {"what": str(self.label).lower()}
            )
        return int(Decimal(text) * 100)


def hours_field(label: str = "", *, required: bool = True, help_text: str = "") -> Any:
    return forms.DecimalField(
        label=label or _("Hours"),
        required=required,
        help_text=help_text or _("For example 2 or 1.5 (an hour and a half)."),
        max_digits=6,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "required": _("Enter the number of hours."),
            "invalid": _("Enter the hours as a number, like 1.5."),
            "max_decimal_places": _("Enter hours to at most two decimal places, like 1.25."),
            "max_digits": _("That is too many hours. Check the number."),
            "max_whole_digits": _("That is too many hours. Check the number."),
        },
    )


# One base for every form of the app: choice errors name their question.
Form = LabelledChoicesForm


def _person_choices(people: list[Person]) -> list[tuple[str, str]]:
    return [("", _("Choose a person")), *[(str(p.pk), p.name) for p in people]]


class PersonChoiceMixin:
    """A ``person`` select limited to the journey's people (checked again in the view)."""

    fields: dict[str, Any]

    def set_people(self, people: list[Person]) -> None:
        self.fields["person"].choices = _person_choices(people)


def person_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Person"),
        choices=[],
        error_messages={
            "required": _("Choose a person."),
            "invalid_choice": _("Choose a person from the list."),
        },
    )


def gathering_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Gathering"),
        required=False,
        choices=[],
        help_text=_("If it was for a particular gathering."),
        error_messages={"invalid_choice": _("Choose a gathering from the list.")},
    )


def set_gatherings(form: forms.Form, gatherings: list[Gathering]) -> None:
    form.fields["gathering"].choices = [  # type: ignore[attr-defined]
        ("", _("Not for one gathering")),
        *[(str(g.pk), str(g)) for g in gatherings],
    ]


# --- Profiles ----------------------------------------------------------------------------------

QUESTION_HINTS = {
    "age_band": "",
    "disability": _(
        "A physical or mental health condition or illness that has lasted, or is "
        "expected to last, a year or more."
    ),
    "ethnicity": _(
        "The broad group you would choose. You can describe it in your own words below."
    ),
    "income": _("Roughly, for everyone in your home together, before tax."),
    "caring": _(
        "Do you look after, or give help to, someone because of their illness, disability "
        "or age? Unpaid."
    ),
    "online": _("Can you use the internet when you need to?"),
    "lgbt": _("Lesbian, gay, bisexual, trans, or another identity."),
    "first_language": "",
}

QUESTION_LABELS = {
    "age_band": _("How old are you?"),
    "disability": _("Do you have a disability or a long-term health condition?"),
    "ethnicity": _("What is your ethnic group?"),
    "income": _("What is your household's income?"),
    "caring": _("Do you have caring responsibilities?"),
    "online": _("Do you go online?"),
    "lgbt": _("Do you describe yourself as LGBT+?"),
    "first_language": _("What is your first language?"),
}

QUESTION_LABELS_THEM = {
    "age_band": _("How old are they?"),
    "disability": _("Do they have a disability or a long-term health condition?"),
    "ethnicity": _("What is their ethnic group?"),
    "income": _("What is their household's income?"),
    "caring": _("Do they have caring responsibilities?"),
    "online": _("Do they go online?"),
    "lgbt": _("Do they describe themselves as LGBT+?"),
    "first_language": _("What is their first language?"),
}


class ProfileForm(Form):
    """The person's own profile. Every question can be left blank or answered "prefer not to
    say"."""

    def __init__(self, *args: Any, own: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for term in vocab.CHARACTERISTICS:
            label = (QUESTION_LABELS if own else QUESTION_LABELS_THEM)[term.code]
            field = forms.ChoiceField(
                label=label,
                required=False,
                choices=vocab.categories(term.code).choices,
                widget=forms.RadioSelect,
                help_text=QUESTION_HINTS[term.code],
            )
            self.fields[term.code] = field
            if term.code == "ethnicity":
                self.fields["ethnicity_text"] = forms.CharField(
                    label=_("In your own words") if own else _("In their own words"),
                    required=False,
                    max_length=120,
                    help_text=_("For example Welsh, Kashmiri, Irish Traveller."),
                )
            if term.code == "first_language":
                self.fields["first_language_text"] = forms.CharField(
                    label=_("Which language?"),
                    required=False,
                    max_length=80,
                    help_text=_("If it is not English."),
                )
        self.fields["consent"] = forms.BooleanField(
            label=(
                _(
                    "I agree that this journey keeps these answers, to see who is taking part and "
                    "who is missing"
                )
                if own
                else _("They agreed that this journey keeps these answers")
            ),
            required=False,
            help_text=(
                _(
                    "Only you and the journey's facilitators (who must give a reason) can see your "
                    "answers. Everyone else only sees totals, never for fewer than 5 people. You can "
                    "change or erase them at any time."
                )
                if own
                else _("Only record answers the person agreed to share.")
            ),
        )


class OnBehalfMixin(forms.Form):
    reason = forms.CharField(
        label=_("Why are you doing this for them?"),
        max_length=500,
        required=False,
        help_text=_(
            "For example: “She filled in a paper form at the café on 3 March.” "
            "This is kept in the journey's log."
        ),
    )


class ProfileOnBehalfForm(ProfileForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, own=False, **kwargs)
        self.fields["consent_channel"] = forms.ChoiceField(
            label=_("How did they tell you they agree?"),
            required=False,
            choices=[c for c in vocab.CONSENT_CHANNELS.choices if c[0] != vocab.SELF_ONLINE],
            widget=forms.RadioSelect,
        )
        self.fields["consent_given_on"] = date_field(_("Date they agreed"), required=False)
        self.fields["reason"] = OnBehalfMixin.base_fields["reason"]


class ReasonForm(Form):
    reason = forms.CharField(
        label=_("Why do you need to see this profile?"),
        max_length=500,
        required=False,
        help_text=_(
            "For example: “He asked me to check his answers by phone.” Your name, "
            "the time and this reason are kept in the journey's log."
        ),
    )


class EraseForm(Form):
    reason = forms.CharField(
        label=_("Why are you erasing it for them?"),
        max_length=500,
        required=False,
        help_text=_("For example: “She asked me to, by phone, on 4 March.”"),
    )


# --- Reference populations ---------------------------------------------------------------------


class ReferenceForm(Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_(
            "Who these figures describe, like “Adults living in Kirkby” or "
            "“People who used the clinic last year”."
        ),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=500,
        required=False,
        help_text=_(
            "Where the figures come from, so others can check them, like "
            "“Census 2021, Knowsley, tables TS007 and TS038”."
        ),
    )
    compare_with = forms.ChoiceField(
        label=_("Compare with"),
        choices=vocab.COMPARE_WITH.choices,
        initial=vocab.COMPARE_LIVED,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who to compare these figures with.")},
    )


class ReferenceImportForm(ReferenceForm):
    file = forms.FileField(
        label=_("CSV file"),
        required=False,
        help_text=_("A .csv file in the format shown below, no bigger than 200 KB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class SharesForm(Form):
    """One optional share (per cent) per group of every characteristic."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for term in vocab.CHARACTERISTICS:
            for cat in vocab.reference_categories(term.code):
                self.fields[share_field(term.code, cat.code)] = forms.DecimalField(
                    label=cat.label,
                    required=False,
                    min_value=Decimal(0),
                    max_value=Decimal(100),
                    max_digits=5,
                    decimal_places=2,
                    widget=forms.TextInput(
                        attrs={"inputmode": "decimal", "autocomplete": "off", "class": "share"}
                    ),
                    error_messages={
                        "invalid": _("Enter the share for “%(group)s” as a number, like 12.5.")
                        % {"group": cat.label},
                        "min_value": _("Enter a share between 0 and 100 per cent."),
                        "max_value": _("Enter a share between 0 and 100 per cent."),
                        "max_decimal_places": _("Enter at most two decimal places, like 12.25."),
                        "max_digits": _("Enter a share between 0 and 100 per cent."),
                        "max_whole_digits": _("Enter a share between 0 and 100 per cent."),
                    },
                )

    def groups(self) -> list[tuple[str, list[Any]]]:
        return [
            (
                term.label,
                [
                    self[share_field(term.code, c.code)]
                    for c in vocab.reference_categories(term.code)
                ],
            )
            for term in vocab.CHARACTERISTICS
        ]

    def shares(self) -> dict[tuple[str, str], Decimal | None]:
        out: dict[tuple[str, str], Decimal | None] = {}
        for term in vocab.CHARACTERISTICS:
            for cat in vocab.reference_categories(term.code):
                out[(term.code, cat.code)] = self.cleaned_data.get(share_field(term.code, cat.code))
        return out


# --- Recruitment -------------------------------------------------------------------------------


def group_choices() -> list[tuple[str, str]]:
    out = [("", _("Choose a group"))]
    for term in vocab.CHARACTERISTICS:
        for cat in vocab.reference_categories(term.code):
            out.append(
                (
                    f"{term.code}:{cat.code}",
                    _("%(characteristic)s: %(group)s")
                    % {"characteristic": term.label, "group": cat.label},
                )
            )
    return out


class RecruitmentForm(Form):
    group = forms.ChoiceField(
        label=_("Which group do you want to reach?"),
        choices=group_choices,
        error_messages={"required": _("Choose the group you want to reach.")},
    )
    target = forms.CharField(
        label=_("Who, in your own words"),
        max_length=300,
        required=False,
        help_text=_("For example: “young carers at the college”."),
    )
    channels = forms.MultipleChoiceField(
        label=_("How will you reach them?"),
        choices=vocab.CHANNELS.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Choose all that apply. People's own networks often reach furthest."),
    )
    networks = forms.CharField(
        label=_("Whose networks will you use?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: “Amina will ask at her mosque's carers' group”."),
    )
    actions = forms.CharField(
        label=_("What will you do?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    planned_on = date_field(_("Date planned"))

    def split_group(self) -> tuple[str, str]:
        characteristic, _, category = self.cleaned_data["group"].partition(":")
        return characteristic, category


class RecruitmentUpdateForm(RecruitmentForm):
    outcome = forms.ChoiceField(
        label=_("Did it work?"),
        choices=vocab.OUTCOMES.choices,
        widget=forms.RadioSelect,
        initial=vocab.OUTCOME_PENDING,
        error_messages={"required": _("Choose whether it worked.")},
    )
    outcome_on = date_field(_("Date you judged it"), required=False)
    outcome_notes = forms.CharField(
        label=_("What happened?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How many people came, who stayed, what you would do differently."),
    )


# --- Support needs -----------------------------------------------------------------------------


class NeedForm(Form):
    kind = forms.ChoiceField(
        label=_("What is needed?"),
        choices=vocab.NEEDS.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what is needed.")},
    )
    notes = forms.CharField(
        label=_("Details"),
        max_length=500,
        required=False,
        help_text=_("For example: “needs a lift from Kirkby”, “mornings only”."),
    )
    since = date_field(_("Since"))


class NeedForPersonForm(PersonChoiceMixin, NeedForm):
    person = person_field()
    field_order = ["person", "kind", "notes", "since"]


class EndForm(Form):
    ended_on = date_field(_("Last day it applied"))


class ChecklistForm(Form):
    """Before a gathering, whether each need was arranged; afterwards, whether it was met."""

    def __init__(self, *args: Any, rows: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            pk = row.need.pk
            name, kind = row.need.person.name, row.kind_label
            self.fields[f"arranged_{pk}"] = forms.BooleanField(
                label=_("Arranged: %(need)s for %(name)s") % {"need": kind, "name": name},
                required=False,
            )
            self.fields[f"outcome_{pk}"] = forms.ChoiceField(
                label=_("Was it met? %(need)s for %(name)s") % {"need": kind, "name": name},
                required=False,
                choices=[("", _("Not known yet")), *vocab.NEED_OUTCOMES.choices],
            )
            self.fields[f"note_{pk}"] = forms.CharField(
                label=_("Note: %(need)s for %(name)s") % {"need": kind, "name": name},
                required=False,
                max_length=300,
            )
            if not self.is_bound and row.check is not None:
                self.initial[f"arranged_{pk}"] = row.check.arranged
                self.initial[f"outcome_{pk}"] = row.check.outcome
                self.initial[f"note_{pk}"] = row.check.note

    def table(self) -> list[tuple[Any, Any, Any, Any]]:
        return [
            (
                row,
                self[f"arranged_{row.need.pk}"],
                self[f"outcome_{row.need.pk}"],
                self[f"note_{row.need.pk}"],
            )
            for row in self.rows
        ]

    def values(self) -> tuple[dict[int, bool], dict[int, str], dict[int, str]]:
        arranged, outcomes, notes = {}, {}, {}
        for row in self.rows:
            pk = row.need.pk
            arranged[pk] = bool(self.cleaned_data.get(f"arranged_{pk}"))
            outcomes[pk] = self.cleaned_data.get(f"outcome_{pk}") or ""
            notes[pk] = self.cleaned_data.get(f"note_{pk}") or ""
        return arranged, outcomes, notes


# --- Assets ------------------------------------------------------------------------------------


class AssetForm(Form):
    holder = forms.ChoiceField(
        label=_("Who brings it?"),
        choices=[],
        error_messages={"required": _("Choose a person or an organisation.")},
    )
    kind = forms.ChoiceField(
        label=_("What kind of asset?"),
        choices=vocab.ASSET_KINDS.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose knowledge, skills, experience or resources.")},
    )
    description = forms.CharField(
        label=_("Describe it"),
        max_length=300,
        required=False,
        help_text=_(
            "For example: “knows every bus route in the area”, “the church hall on Tuesdays”."
        ),
    )
    lived = forms.BooleanField(
        label=_("This is lived experience (not from their job)"), required=False
    )
    gained_on = date_field(
        _("Gained during the journey on"),
        required=False,
        help_text=_(
            "Only if they gained it by taking part, for example a skill learned. "
            "For example, 27 3 2026."
        ),
    )

    def set_holders(self, people: list[Person], organisations: list[Organisation]) -> None:
        self.fields["holder"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose a person or an organisation")),
            (_("People"), [(f"p{p.pk}", p.name) for p in people]),
            (_("Organisations"), [(f"o{o.pk}", o.name) for o in organisations]),
        ]


class GapForm(Form):
    kind = forms.ChoiceField(
        label=_("What kind of asset is missing?"),
        choices=vocab.ASSET_KINDS.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose knowledge, skills, experience or resources.")},
    )
    description = forms.CharField(
        label=_("What does the group lack?"),
        max_length=300,
        required=False,
        help_text=_("For example: “someone who knows how the council budget works”."),
    )


class GapFoundForm(Form):
    found_on = date_field(_("Date found"))
    found_note = forms.CharField(
        label=_("How or where"), max_length=300, required=False, help_text=_("Optional.")
    )


# --- Ledger ------------------------------------------------------------------------------------

PAID_CHOICES = [
    ("", _("As their role on that day")),
    ("yes", "Paid"),
    ("no", "Unpaid"),
]


class TimeForm(PersonChoiceMixin, Form):
    person = person_field()
    gathering = gathering_field()
    on = date_field(_("Date"))
    hours = hours_field()
    paid = forms.ChoiceField(
        label=_("Paid for this time?"),
        choices=PAID_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Staff are usually paid; people with lived experience usually are not."),
    )
    description = forms.CharField(label=_("What they did"), max_length=300, required=False)


class ExpenseForm(PersonChoiceMixin, Form):
    person = person_field()
    gathering = gathering_field()
    description = forms.CharField(
        label=_("What was it for?"),
        max_length=300,
        required=False,
        help_text=_("For example: “bus fare”, “childcare”."),
    )
    amount = PoundsField(label=_("Amount"))
    claimed_on = date_field(_("Date claimed"))
    paid_in_advance = forms.BooleanField(
        label=_("Paid in advance, so they were never out of pocket"), required=False
    )


class ReimburseForm(Form):
    reimbursed_on = date_field(_("Date the money reached them"))


class TaskDoneForm(Form):
    done_on = date_field(_("Last day they did it (it was finished, or stopped being theirs)"))


class PaymentForm(PersonChoiceMixin, Form):
    person = person_field()
    kind = forms.ChoiceField(
        label=_("Payment or voucher?"),
        choices=vocab.PAYMENT_KINDS.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose payment or voucher.")},
    )
    hours = hours_field(_("Hours paid for"))
    rate = PoundsField(
        label=_("Hourly rate"), help_text=_("In pounds and pence, for example 12.21.")
    )
    paid_on = date_field(_("Date paid"))
    description = forms.CharField(label=_("What for"), max_length=300, required=False)


class TrainingForm(PersonChoiceMixin, Form):
    person = person_field()
    title = forms.CharField(label=_("Training"), max_length=200, required=False)
    received_on = date_field(_("Date"))
    hours = hours_field(_("Hours"), required=False, help_text=_("Optional."))
    provider = forms.CharField(label=_("Given by"), max_length=200, required=False)


class TaskForm(PersonChoiceMixin, Form):
    person = person_field()
    description = forms.CharField(
        label=_("Task"),
        max_length=300,
        required=False,
        help_text=_("For example: “runs the Tuesday drop-in”."),
    )
    since = date_field(_("Since"))
    replaces_paid_role = forms.BooleanField(
        label=_("This used to be part of someone's paid job"), required=False
    )
    paid_role = forms.CharField(
        label=_("Which paid job?"),
        max_length=300,
        required=False,
        help_text=_("For example: “the community development worker post, cut in 2024”."),
    )
