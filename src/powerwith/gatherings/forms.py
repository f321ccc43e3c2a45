"""Forms for gatherings: details, agenda, attendance, speaking turns."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from powerwith.common.forms import ModelChoiceField, ModelMultipleChoiceField, TimeInput, date_field
from powerwith.common.widgets import ExplainedRadioSelect
from powerwith.journeys import vocab as journey_vocab
from powerwith.people import vocab as people_vocab
from powerwith.people.forms import SIDE_CHOICES
from powerwith.people.models import Person

from . import vocab


class GatheringForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Name of the gathering"),
        max_length=200,
        help_text=gettext_lazy("Something people will recognise, like “March café session”."),
        error_messages={
            "required": gettext_lazy(
                "Enter a short name for the gathering, like “March café session”."
            ),
            "max_length": gettext_lazy("Keep the name to 200 characters or fewer."),
        },
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("What kind of gathering"),
        choices=vocab.KINDS.choices,
        widget=ExplainedRadioSelect(vocab.KINDS),
        error_messages={
            "required": gettext_lazy("Choose what kind of gathering it was."),
            "invalid_choice": gettext_lazy("Choose a kind of gathering from the list."),
        },
    )
    held_on = date_field(cast(str, gettext_lazy("Date")))
    starts_at = forms.TimeField(
        label=gettext_lazy("Start time"),
        required=False,
        widget=TimeInput(format="%H:%M"),
        help_text=gettext_lazy("For example, 10:30."),
        error_messages={"invalid": gettext_lazy("Enter a real time, like 10:30.")},
    )
    venue_kind = forms.ChoiceField(
        label=gettext_lazy("Where it was held"),
        choices=vocab.VENUES.choices,
        widget=ExplainedRadioSelect(vocab.VENUES),
        error_messages={
            "required": gettext_lazy("Choose where it was held."),
            "invalid_choice": gettext_lazy("Choose a kind of place from the list."),
        },
    )
    venue_name = forms.CharField(
        label=gettext_lazy("Name of the place"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("For example, “The Hub café, Station Road”."),
        error_messages={
            "max_length": gettext_lazy("Keep the name of the place to 200 characters or fewer.")
        },
    )
    accessibility = forms.CharField(
        label=gettext_lazy("Access and support"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Step-free access, hearing loop, quiet room, transport, expenses paid on the day, childcare, interpreters."
        ),
    )
    stage = forms.ChoiceField(
        label=gettext_lazy("Stage of the cycle"),
        required=False,
        choices=[("", gettext_lazy("Not part of a stage")), *journey_vocab.STAGES.choices],
        error_messages={"invalid_choice": gettext_lazy("Choose a stage from the list.")},
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, groups: list[Any] | None = None, **kwargs: Any) -> None:
        """``groups``: the journey's co-design groups. With none, the form does not ask."""
        super().__init__(*args, **kwargs)
        if groups:
            by_pk = {str(g.pk): g for g in groups}
            self.fields["group"] = forms.TypedChoiceField(
                label=_("Co-design group"),
                required=False,
                choices=[
                    ("", _("Not a meeting of a co-design group")),
                    *[
                        (
                            str(g.pk),
                            _("%(name)s (closed)") % {"name": g.name} if g.closed_on else g.name,
                        )
                        for g in groups
                    ],
                ],
                coerce=lambda pk: by_pk[pk],
                empty_value=None,
                help_text=_(
                    "If this was a meeting of one of the journey's co-design groups, "
                    "its figures count towards that group too."
                ),
                error_messages={"invalid_choice": _("Choose a co-design group from the list.")},
            )
            self.order_fields([*list(self.fields)[:-2], "group", "notes"])


class AgendaItemForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Agenda item"),
        max_length=300,
        error_messages={
            "required": gettext_lazy("Enter the agenda item."),
            "max_length": gettext_lazy("Keep the agenda item to 300 characters or fewer."),
        },
    )
    proposed_by = forms.ChoiceField(
        label=gettext_lazy("Who proposed it"),
        required=False,
        help_text=gettext_lazy("Who sets the agenda is a sign of who holds power in the group."),
        error_messages={"invalid_choice": gettext_lazy("Choose a person from the list.")},
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(p.pk): p for p in people}
        self.fields["proposed_by"].choices = [  # type: ignore[attr-defined]
            ("", _("Not recorded")),
            *[(str(p.pk), p.name) for p in people],
        ]

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "title": d["title"],
            "notes": d["notes"],
            "proposed_by": self.people.get(d["proposed_by"] or ""),
        }


ATTENDANCE_ERROR = gettext_lazy("Choose came, sent apologies or did not come for {name}.")


class AttendanceForm(forms.Form):
    """One question per person: came, sent apologies, or did not come."""

    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = people
        for p in people:
            self.fields[f"status_{p.pk}"] = forms.ChoiceField(
                label=p.name,
                required=False,
                choices=vocab.ATTENDANCE.choices,
                widget=forms.RadioSelect(attrs={"class": "inline-radios"}),
                error_messages={"invalid_choice": ATTENDANCE_ERROR.format(name=p.name)},
            )

    def statuses(self) -> dict[int, str]:
        return {
            p.pk: self.cleaned_data[f"status_{p.pk}"]
            for p in self.people
            if self.cleaned_data.get(f"status_{p.pk}")
        }

    def rows(self) -> list[tuple[Person, Any]]:
        return [(p, self[f"status_{p.pk}"]) for p in self.people]


class TurnsAfterForm(forms.Form):
    """Turns entered after the gathering: a number (and optional minutes) per person."""

    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = people
        for p in people:
            self.fields[f"turns_{p.pk}"] = forms.IntegerField(
                label=_("Turns for %(name)s") % {"name": p.name},
                required=False,
                min_value=0,
                max_value=500,
                error_messages={
                    "invalid": _(
                        "Enter the number of turns for %(name)s as a whole number, like 3."
                    )
                    % {"name": p.name},
                    "min_value": _("Enter a number of turns between 0 and 500 for %(name)s.")
                    % {"name": p.name},
                    "max_value": _("Enter a number of turns between 0 and 500 for %(name)s.")
                    % {"name": p.name},
                },
            )
            self.fields[f"minutes_{p.pk}"] = forms.IntegerField(
                label=_("Minutes for %(name)s") % {"name": p.name},
                required=False,
                min_value=0,
                max_value=600,
                error_messages={
                    "invalid": _("Enter minutes for %(name)s as a whole number, like 5.")
                    % {"name": p.name},
                    "min_value": _("Enter minutes between 0 and 600 for %(name)s.")
                    % {"name": p.name},
                    "max_value": _("Enter minutes between 0 and 600 for %(name)s.")
                    % {"name": p.name},
                },
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for p in self.people:
            n, m = data.get(f"turns_{p.pk}"), data.get(f"minutes_{p.pk}")
            if m and n in (None, 0) and f"turns_{p.pk}" not in self.errors:
                self.add_error(
                    f"turns_{p.pk}",
                    _("Enter how many turns %(name)s took, or leave their minutes empty.")
                    % {"name": p.name},
                )
        return data

    def counts(self) -> tuple[dict[int, int], dict[int, int]]:
        counts: dict[int, int] = {}
        minutes: dict[int, int] = {}
        for p in self.people:
            n = self.cleaned_data.get(f"turns_{p.pk}")
            if n is None:
                continue
            counts[p.pk] = n
            m = self.cleaned_data.get(f"minutes_{p.pk}")
            if m is not None:
                minutes[p.pk] = m
        return counts, minutes

    def rows(self) -> list[tuple[Person, Any, Any]]:
        return [(p, self[f"turns_{p.pk}"], self[f"minutes_{p.pk}"]) for p in self.people]


class TapForm(forms.Form):
    person = forms.IntegerField(
        error_messages={
            "required": gettext_lazy("Choose who spoke."),
            "invalid": gettext_lazy("Choose who spoke."),
        }
    )
    client_token = forms.CharField(max_length=64, required=False)
    timed = forms.BooleanField(required=False)


class TurnSecondsForm(forms.Form):
    seconds = forms.IntegerField(
        label=gettext_lazy("Seconds"),
        min_value=0,
        max_value=6 * 3600,
        error_messages={
            "required": gettext_lazy("Enter how many seconds they spoke for, like 90."),
            "invalid": gettext_lazy(
                "Enter how many seconds they spoke for as a whole number, like 90."
            ),
            "min_value": gettext_lazy("Speaking time must be between 0 seconds and 6 hours."),
            "max_value": gettext_lazy("Speaking time must be between 0 seconds and 6 hours."),
        },
    )


class NewcomerForm(forms.Form):
    """Someone not yet in the register who came: added from the turn page, marked as here."""

    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=120,
        help_text=gettext_lazy("A first name or a pseudonym is fine."),
        error_messages={
            "required": gettext_lazy("Enter a name. A first name or a pseudonym is fine."),
            "max_length": gettext_lazy("The name must be 120 characters or fewer."),
        },
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Role"),
        choices=[("", gettext_lazy("Choose their role")), *people_vocab.ROLES.choices],
        help_text=gettext_lazy(
            "Why they are part of the group. You can add more about them on the people page later."
        ),
        error_messages={
            "required": gettext_lazy("Choose their role."),
            "invalid_choice": gettext_lazy("Choose a role from the list."),
        },
    )
    side = forms.ChoiceField(
        label=gettext_lazy("Side"),
        choices=SIDE_CHOICES,
        required=False,
        help_text=gettext_lazy("Someone can be on the lived-experience side whatever their role."),
        error_messages={"invalid_choice": gettext_lazy("Choose lived experience or professional.")},
    )


class InvitationForm(forms.Form):
    """Who drew up the invitation list, or that anyone could come."""

    how = forms.ChoiceField(
        label=gettext_lazy("How were people invited?"),
        required=False,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": gettext_lazy("Choose how people were invited from the list.")
        },
    )
    drawn_up_by = ModelMultipleChoiceField(
        label=gettext_lazy("Who drew up the invitation list"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Tick everyone who decided who to invite. Their side on the day of the gathering is kept."
        ),
        error_messages={
            "invalid_choice": gettext_lazy("Choose people from the list."),
            "invalid_pk_value": gettext_lazy("Choose people from the list."),
        },
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["how"].choices = [  # type: ignore[attr-defined]
            *vocab.INVITATIONS.choices,
            ("", _("Not known, or not recorded")),
        ]
        self.fields["drawn_up_by"].queryset = people  # type: ignore[attr-defined]


class LeftOffForm(forms.Form):
    """Someone in the register, or a described group, who was not invited, and why."""

    person = ModelChoiceField(
        label=gettext_lazy("Someone in the register"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=gettext_lazy("Not someone in the register"),
        error_messages={"invalid_choice": gettext_lazy("Choose a person from the list.")},
    )
    group = forms.CharField(
        label=gettext_lazy("Or a group of people"),
        required=False,
        max_length=200,
        help_text=gettext_lazy(
            "For example, “night-shift staff” or “people who do not use email”."
        ),
        error_messages={
            "max_length": gettext_lazy(
                "Keep the description of the group to 200 characters or fewer."
            )
        },
    )
    reason = forms.CharField(
        label=gettext_lazy("Why were they left off?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("In plain words, even if the reason was practical, like room size."),
        error_messages={
            "required": gettext_lazy(
                "Say why they were left off, even if the reason was practical."
            )
        },
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
