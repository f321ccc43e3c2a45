"""Forms for trying things out. They check the shape of what was typed; services check the
rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.text import format_lazy

from powerwith.common.forms import date_field
from powerwith.common.vocab import lazy_text as _
from powerwith.common.widgets import ExplainedRadioSelect
from powerwith.contributions.forms import ContributionForm
from powerwith.journeys import vocab as journey_vocab

from . import vocab

_lowered = lazy(lambda text: str(text).lower(), str)


def _text(
    label: str,
    *,
    required: bool = True,
    max_length: int = 5000,
    help_text: str = "",
    rows: int = 4,
    message: str = "",
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput,
        error_messages={
            "required": message or format_lazy(_("Enter {label}."), label=_lowered(label)),
            "max_length": format_lazy(_("Keep this under {n} characters."), n=f"{max_length:,}"),
        },
    )


def _choice(
    label: Any,
    choices: Sequence[tuple[str, str]],
    *,
    required: bool = True,
    message: str = "",
    help_text: Any = "",
    widget: Any = None,
) -> forms.ChoiceField:
    msg = message or format_lazy(_("Choose {label} from the list."), label=_lowered(label))
    return forms.ChoiceField(
        label=label,
        choices=list(choices),
        required=required,
        help_text=help_text,
        widget=widget or forms.Select,
        error_messages={"required": msg, "invalid_choice": msg},
    )


def _pick_many(label: str, choices: list[tuple[str, str]], message: str) -> forms.Field:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Optional. Tick any that apply."),
        error_messages={"invalid_choice": message},
    )


class TrialForm(forms.Form):
    title = _text(
        _("What is being tried"),
        rows=0,
        max_length=200,
        help_text=_("For example, “A new discharge leaflet”."),
        message=_("Say what is being tried."),
    )
    description = _text(
        _("The change, in a few sentences"),
        required=False,
        help_text=_("Optional. What is different from now, and why the group wants to try it."),
    )
    where = _text(
        _("Where it is tried"),
        rows=0,
        max_length=200,
        help_text=_("For example, “Ward 4 only”."),
        message=_("Say where it is being tried."),
    )
    starts_on = date_field(_("Planned start"))
    ends_on = date_field(
        _("Planned end"), help_text=_("How long it runs: the last day of the trial.")
    )


class NewTrialForm(TrialForm):
    measure_1 = _text(
        _("What would count as success"),
        rows=0,
        max_length=300,
        required=False,
        help_text=_(
            "Write it now, before the trial starts, so nobody moves the goalposts later. "
            "For example, “Patients say they know which medicines to take”."
        ),
    )
    target_1 = _text(
        _("Target for it"),
        rows=0,
        max_length=200,
        required=False,
        help_text=_("Optional. For example, “8 in 10 patients asked”."),
    )
    measure_2 = _text(
        _("Another measure of success"),
        rows=0,
        max_length=300,
        required=False,
        help_text=_("Optional."),
    )
    target_2 = _text(
        _("Target for it"),
        rows=0,
        max_length=200,
        required=False,
        help_text=_("Optional."),
    )

    def measures(self) -> list[tuple[str, str]]:
        d = self.cleaned_data
        return [(d[f"measure_{i}"], d[f"target_{i}"]) for i in (1, 2) if d[f"measure_{i}"]]


class MeasureForm(forms.Form):
    text = _text(
        _("What would count as success"),
        rows=0,
        max_length=300,
        message=_("Say what would count as success."),
    )
    target = _text(
        _("Target"),
        rows=0,
        max_length=200,
        required=False,
        help_text=_("Optional. For example, “8 in 10 patients asked”."),
    )
    reason = _text(
        _("Why it is changing"),
        required=False,
        rows=3,
        help_text=_("Needed once the trial has started. Everyone can see it in the history."),
    )


class MeasureRemoveForm(forms.Form):
    reason = _text(
        _("Why it is being removed"),
        required=False,
        rows=3,
        help_text=_("Needed once the trial has started. Everyone can see it in the history."),
    )


class StartForm(forms.Form):
    on = date_field(_("The day it started"))


class EndForm(forms.Form):
    how = _choice(
        _("How it ended"),
        [("finished", _("It finished")), ("stopped", _("It stopped early"))],
        widget=forms.RadioSelect,
        message=_("Choose whether it finished or stopped early."),
    )
    on = date_field(_("The day it ended"))
    reason = _text(
        _("Why it stopped early"),
        required=False,
        rows=3,
        help_text=_("Needed if it stopped early."),
    )


class ResultForm(forms.Form):
    def __init__(
        self,
        *args: Any,
        measures: list[Any],
        decisions: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.measure_pks = [m.pk for m in measures]
        fields: dict[str, forms.Field] = {}
        for m in measures:
            label = format_lazy(_("Result: {measure}"), measure=m.text)
            fields[f"result_{m.pk}"] = _choice(
                label,
                [("", _("Not known yet")), *vocab.RESULTS.choices],
                required=False,
                help_text=(format_lazy(_("Target: {target}"), target=m.target) if m.target else ""),
            )
            fields[f"seen_{m.pk}"] = _text(
                _("What was seen"),
                required=False,
                rows=2,
                help_text=_("Optional. What happened against this measure, with the figures."),
            )
        fields["learned"] = _text(
            _("What was learned"),
            required=False,
            help_text=_("What the group learned from trying it, whatever the result."),
        )
        fields["follow_up"] = _choice(
            _("What happens next"),
            [("", _("Not decided yet")), *vocab.FOLLOW_UPS.choices],
            required=False,
        )
        fields["decision"] = _choice(
            _("The decision that followed"),
            [("", _("None recorded yet")), *decisions],
            required=False,
            help_text=_(
                "Optional. Record the decision in the decision log first, then choose it here."
            ),
        )
        self.fields.update(fields)

    def results(self) -> dict[int, tuple[str, str]]:
        d = self.cleaned_data
        return {pk: (d[f"result_{pk}"], d[f"seen_{pk}"]) for pk in self.measure_pks}


class FeedbackLinkForm(forms.Form):
    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contributions"] = forms.MultipleChoiceField(
            label=_("Contributions that are feedback on this trial"),
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "required": _("Choose at least one contribution."),
                "invalid_choice": _("Choose contributions from the list."),
            },
        )


class FeedbackRaiseForm(ContributionForm):
    """A new contribution, as on the contributions page, without adding a new person here."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.NEW_PERSON_FIELDS:
            del self.fields[name]


STAGE_CHOICES = [("", _("The whole journey")), *journey_vocab.STAGES.choices]


class OutcomeForm(forms.Form):
    what = _text(
        _("What you expect to change"),
        max_length=2000,
        help_text=_("For example, “Patients go home knowing which medicines to take”."),
        message=_("Say what you expect to change."),
    )
    for_whom = _text(
        _("For whom"),
        rows=0,
        max_length=200,
        help_text=_("For example, “patients going home from the ward”."),
        message=_("Say who it is for."),
    )
    by_when = date_field(_("By when"), required=False, help_text=_("Optional."))
    stage = _choice(_("For which stage"), STAGE_CHOICES, required=False)
    set_on = date_field(_("Date it was agreed"))

    def __init__(self, *args: Any, people: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposed_by"] = _choice(
            _("Who proposed it"),
            [("", _("Nobody in particular: the whole group")), *people],
            required=False,
            help_text=_("Their role on the day is kept."),
        )


class ReviewForm(forms.Form):
    verdict = _choice(
        _("How it turned out"),
        vocab.VERDICTS.choices,
        widget=ExplainedRadioSelect(vocab.VERDICTS),
        message=_("Choose how it turned out."),
    )
    reviewed_on = date_field(
        _("Date of the review"),
        required=False,
        help_text=_("Leave empty to use the date of the review chosen below, or today."),
    )
    evidence = _text(
        _("What shows this"), required=False, help_text=_("Optional. In your own words.")
    )

    def __init__(
        self,
        *args: Any,
        endings: list[tuple[str, str]],
        evidence: dict[str, list[tuple[str, str]]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ending"] = _choice(
            _("At which end-of-phase review"),
            [("", _("Not at one: the journey's end, or another time")), *endings],
            required=False,
        )
        words = {
            "contributions": (
                _("Things raised that show this"),
                _("Choose things raised in this journey."),
            ),
            "decisions": (_("Decisions that show this"), _("Choose decisions from this journey.")),
            "trials": (_("Trials that show this"), _("Choose trials from this journey.")),
        }
        for name, choices in evidence.items():
            label, message = words[name]
            self.fields[name] = _pick_many(label, choices, message)
        self.order_fields(["verdict", "ending", "reviewed_on", "evidence"])
