"""Forms of the plan: choosing a method, a stage's words and dates, and its gatherings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from powerwith.common.forms import ModelChoiceField, ModelMultipleChoiceField, date_field
from powerwith.common.widgets import ExplainedRadioSelect
from powerwith.gatherings.models import Gathering

from . import vocab
from .models import Stage


class ChooseForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How will the journey be planned?"),
        choices=vocab.METHODS.choices,
        widget=ExplainedRadioSelect(vocab.METHODS),
        error_messages={
            "required": _("Choose how the journey is planned."),
            "invalid_choice": _("Choose how the journey is planned, from the list."),
        },
    )
    starts_on = date_field(
        _("The first stage starts on"),
        required=False,
        help_text=_(
            "Optional. With a day, each stage gets planned dates for the time it usually takes. "
            "You can change them afterwards."
        ),
    )


class StageForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the stage"),
        max_length=120,
        error_messages={"required": _("Name the stage, like “Gathering staff experience”.")},
    )
    description = forms.CharField(
        label=_("What happens in it"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A sentence or two in plain words, for everyone who reads the plan."),
    )
    planned_start = date_field(_("Planned start"), required=False, help_text=" ")
    planned_end = date_field(_("Planned end"), required=False, help_text=" ")
    started_on = date_field(
        _("Day it actually started"), required=False, help_text=_("Leave empty until it starts.")
    )
    ended_on = date_field(
        _("Day it actually ended"),
        required=False,
        help_text=_("Leave empty until it ends. A stage with an end is done."),
    )


class NewStageForm(StageForm):
    started_on = None  # type: ignore[assignment]
    ended_on = None  # type: ignore[assignment]


class StageGatheringsForm(forms.Form):
    gatherings = ModelMultipleChoiceField(
        label=_("Gatherings in this stage"),
        queryset=Gathering.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("A gathering ticked here leaves any other stage it was in."),
        error_messages={
            "invalid_choice": _("Choose gatherings from the list."),
            "invalid_pk_value": _("Choose gatherings from the list."),
        },
    )

    def __init__(self, *args: Any, journey: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["gatherings"]
        field.queryset = Gathering.objects.filter(journey=journey).order_by("held_on", "pk")  # type: ignore[attr-defined]
        field.label_from_instance = str  # type: ignore[attr-defined]


class GatheringStageForm(forms.Form):
    stage = ModelChoiceField(
        label=_("Stage of the plan"),
        queryset=Stage.objects.none(),
        widget=forms.RadioSelect,
        required=False,
        empty_label=_("In no stage"),
        error_messages={"invalid_choice": _("Choose a stage from the list.")},
    )

    def __init__(self, *args: Any, journey: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["stage"]
        field.queryset = Stage.objects.filter(journey=journey)  # type: ignore[attr-defined]
        field.label_from_instance = lambda s: s.name  # type: ignore[attr-defined]
