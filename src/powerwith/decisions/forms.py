"""Forms for the decision log, priority votes (their ballots) and co-design groups."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from powerwith.common.forms import ModelChoiceField, ModelMultipleChoiceField, date_field
from powerwith.common.widgets import ExplainedRadioSelect
from powerwith.contributions import vocab as cvocab
from powerwith.contributions.models import Contribution, Tag
from powerwith.gatherings import vocab as gvocab
from powerwith.gatherings.models import Gathering
from powerwith.journeys.models import Journey, Limit
from powerwith.journeys.selectors import active_limits
from powerwith.people.models import Person

from . import counting, vocab
from .models import Vote, VoteOption

RUNG_CHOICES = [
    (
        t.code,
        format_lazy(
            gettext_lazy("{label} (rung {level} of 7)"), label=t.label, level=t.extra["level"]
        ),
    )
    for t in vocab.RUNGS
]


class PersonChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.role_label})"


class ContributionChoices(ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        text = obj.text if len(obj.text) <= 120 else obj.text[:117] + "…"
        return f"{text} ({cvocab.FATES.label(obj.fate).lower()})"


def _choose(what: Any) -> dict[str, Any]:
    """ "Choose <what> from the list.", in the reader's language (``what`` is lazy too)."""
    message = format_lazy(gettext_lazy("Choose {what} from the list."), what=what)
    return {"invalid_choice": message, "invalid_pk_value": message}


def _people(journey: Journey) -> Any:
    return Person.objects.filter(journey=journey).order_by("name", "id")


def _gatherings(journey: Journey) -> Any:
    return Gathering.objects.filter(journey=journey).order_by("-held_on", "-id")


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("What was decided"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("In plain words, as you would tell someone who was not there."),
        error_messages={"required": gettext_lazy("Write what was decided, in plain words.")},
    )
    decided_on = date_field(cast(str, gettext_lazy("Date it was decided")))
    gathering = ModelChoiceField(
        label=gettext_lazy("Where was it decided?"),
        queryset=Gathering.objects.none(),
        required=False,
        empty_label=gettext_lazy("Not at one of the group's gatherings"),
        help_text=gettext_lazy(
            "Choose the gathering, or leave this and say below where it was decided outside the group."
        ),
        error_messages=_choose(gettext_lazy("a gathering")),
    )
    where_outside = forms.CharField(
        label=gettext_lazy("Where, if outside the group"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "For example, the trust's board, a managers' meeting or the funder's panel."
        ),
    )
    proposed_by = PersonChoiceField(
        label=gettext_lazy("Who proposed it"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=gettext_lazy("Not known"),
        error_messages=_choose(gettext_lazy("a person")),
    )
    taken_by = forms.ChoiceField(
        label=gettext_lazy("Who took the decision"),
        choices=vocab.TAKERS.choices,
        widget=ExplainedRadioSelect(vocab.TAKERS),
        error_messages={
            "required": gettext_lazy("Choose who took the decision."),
            **_choose(gettext_lazy("who took it")),
        },
    )
    rung = forms.ChoiceField(
        label=gettext_lazy("Where on the ladder of participation did it sit?"),
        choices=RUNG_CHOICES,
        widget=ExplainedRadioSelect(vocab.RUNGS),
        help_text=gettext_lazy(
            "The ladder runs from people being made to go along (rung 1) to deciding and delivering together as equals (rung 7). Only the top two rungs share power."
        ),
        error_messages={
            "required": gettext_lazy("Choose where on the ladder of participation it sat."),
            **_choose(gettext_lazy("a rung")),
        },
    )
    limits: ModelMultipleChoiceField = ModelMultipleChoiceField(
        label=gettext_lazy("Limits that constrained it"),
        queryset=Limit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Things the group could not change that shaped this decision."),
        error_messages=_choose(gettext_lazy("limits")),
    )
    answers = ContributionChoices(
        label=gettext_lazy("Contributions it answers"),
        queryset=Contribution.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "What people raised that this decision responds to. Their page will link here."
        ),
        error_messages=_choose(gettext_lazy("contributions")),
    )
    vote = ModelChoiceField(
        label=gettext_lazy("The vote it came from"),
        queryset=Vote.objects.none(),
        required=False,
        empty_label=gettext_lazy("No vote"),
        error_messages=_choose(gettext_lazy("a vote")),
    )
    fate = forms.ChoiceField(
        label=gettext_lazy("Move those contributions to"),
        required=False,
        choices=[
            ("", gettext_lazy("Leave them as they are")),
            *[(t.code, t.label) for t in cvocab.FATES if t.code in vocab.DECISION_FATES],
        ],
        help_text=gettext_lazy("Their history will say this decision moved them."),
        error_messages=_choose(gettext_lazy("what happens to them")),
    )
    change_level = forms.ChoiceField(
        label=gettext_lazy("If done: the level at which things changed"),
        required=False,
        choices=[("", gettext_lazy("Not done yet")), *cvocab.CHANGE_LEVELS.choices],
        error_messages=_choose(gettext_lazy("a level of change")),
    )
    reason = forms.CharField(
        label=gettext_lazy("If not possible: why not"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("People have a right to know why."),
    )
    response = forms.CharField(
        label=gettext_lazy("What we did, for “you said, we did”"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self, *args: Any, journey: Journey, can_manage: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        f = self.fields
        f["gathering"].queryset = _gatherings(journey)  # type: ignore[attr-defined]
        f["proposed_by"].queryset = _people(journey)  # type: ignore[attr-defined]
        limit_ids = [lim.pk for lim in active_limits(journey, can_manage=can_manage)]
        f["limits"].queryset = journey.limits.filter(pk__in=limit_ids)  # type: ignore[attr-defined]
        f["answers"].queryset = (  # type: ignore[attr-defined]
            Contribution.objects.filter(journey=journey)
            .exclude(fate=cvocab.MERGED)
            .order_by("-raised_on", "-id")
        )
        f["vote"].queryset = Vote.objects.filter(journey=journey).order_by("-created_at")  # type: ignore[attr-defined]


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class VoteForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Name of the vote"),
        max_length=200,
        help_text=gettext_lazy("For example, “Which issues should we work on first?”"),
        error_messages={"required": gettext_lazy("Give the vote a short name.")},
    )
    question = forms.CharField(
        label=gettext_lazy("What are people choosing?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Shown at the top of the ballot."),
    )
    gathering = ModelChoiceField(
        label=gettext_lazy("Gathering where the vote happens"),
        queryset=Gathering.objects.none(),
        required=False,
        empty_label=gettext_lazy("Not tied to a gathering"),
        error_messages=_choose(gettext_lazy("a gathering")),
    )
    method = forms.ChoiceField(
        label=gettext_lazy("Way of voting"),
        choices=vocab.METHODS.choices,
        widget=ExplainedRadioSelect(vocab.METHODS),
        error_messages={
            "required": gettext_lazy("Choose a way of voting."),
            **_choose(gettext_lazy("a way of voting")),
        },
    )
    dots = forms.IntegerField(
        label=gettext_lazy("Dots each person gets (dot voting)"),
        min_value=1,
        max_value=20,
        initial=3,
        error_messages={
            "required": gettext_lazy("Say how many dots each person gets."),
            "invalid": gettext_lazy("Enter a whole number of dots, like 3."),
            "min_value": gettext_lazy("Give each person between 1 and 20 dots."),
            "max_value": gettext_lazy("Give each person between 1 and 20 dots."),
        },
    )
    stacking = forms.BooleanField(
        label=gettext_lazy("People can put more than one dot on the same item"),
        required=False,
        initial=True,
    )
    score_max = forms.IntegerField(
        label=gettext_lazy("Highest score (scores)"),
        min_value=1,
        max_value=10,
        initial=5,
        help_text=gettext_lazy("Scores go from 0 up to this."),
        error_messages={
            "required": gettext_lazy("Say what the highest score is."),
            "invalid": gettext_lazy("Enter a whole number, like 5."),
            "min_value": gettext_lazy("The highest score must be between 1 and 10."),
            "max_value": gettext_lazy("The highest score must be between 1 and 10."),
        },
    )
    secret = forms.BooleanField(
        label=gettext_lazy("Secret ballot"),
        required=False,
        help_text=gettext_lazy(
            "No one, not even facilitators, can see how a person voted, only that they voted. Results stay hidden until the vote closes, and results by side are shown only if each side has at least 5 ballots."
        ),
    )
    hide_results = forms.BooleanField(
        label=gettext_lazy("Hide the results until the vote closes"),
        required=False,
        initial=True,
        help_text=gettext_lazy("So that early results do not sway later voters."),
    )
    closes_at = forms.DateTimeField(
        label=gettext_lazy("Closing time"),
        required=False,
        widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        help_text=gettext_lazy(
            "Optional. After this no more ballots are counted. You can also close it by hand."
        ),
        error_messages={
            "invalid": gettext_lazy("Enter a real date and time, like 27/03/2026 17:00.")
        },
    )

    def __init__(self, *args: Any, journey: Journey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gathering"].queryset = _gatherings(journey)  # type: ignore[attr-defined]


class OptionsFields(forms.Form):
    contributions = ContributionChoices(
        label=gettext_lazy("Contributions"),
        queryset=Contribution.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Things people raised that are still open."),
        error_messages=_choose(gettext_lazy("contributions")),
    )
    tags = ModelMultipleChoiceField(
        label=gettext_lazy("Themes"),
        queryset=Tag.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_choose(gettext_lazy("themes")),
    )
    labels = forms.CharField(
        label=gettext_lazy("Other items, in your own words"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One item per line."),
    )

    def clean_labels(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["labels"].splitlines() if line.strip()]


def _setup_options(form: forms.Form, journey: Journey) -> None:
    form.fields["contributions"].queryset = (  # type: ignore[attr-defined]
        Contribution.objects.filter(journey=journey, fate__in=cvocab.OPEN_FATES).order_by(
            "-raised_on", "-id"
        )
    )
    form.fields["tags"].queryset = Tag.objects.filter(journey=journey)  # type: ignore[attr-defined]


class OptionsForm(OptionsFields):
    def __init__(self, *args: Any, journey: Journey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _setup_options(self, journey)


class VoteCreateForm(VoteForm, OptionsFields):
    def __init__(self, *args: Any, journey: Journey, **kwargs: Any) -> None:
        super().__init__(*args, journey=journey, **kwargs)
        _setup_options(self, journey)


BALLOT_FIELD_TEMPLATE = "decisions/forms/ballot_field.html"


def option_field_name(option: VoteOption) -> str:
    return f"option_{option.pk}"


class BallotForm(forms.Form):
    """One field per item, shaped by the way of voting. Blank means no mark."""

    def __init__(self, *args: Any, vote: Vote, options: list[VoteOption], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.vote, self.options = vote, options
        n = len(options)
        for o in options:
            name = option_field_name(o)
            if vote.method == counting.DOT and vote.stacking:
                self.fields[name] = forms.IntegerField(
                    label=o.label,
                    required=False,
                    min_value=0,
                    max_value=vote.dots,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "dots"}),
                    help_text=_("Dots for this item, 0 to %(n)s.") % {"n": vote.dots},
                    error_messages={
                        "invalid": _("Enter a whole number of dots, like 2."),
                        "min_value": _("Dots cannot be fewer than 0."),
                        "max_value": _("You have %(n)s dots in all.") % {"n": vote.dots},
                    },
                )
            elif vote.method in (counting.DOT, counting.APPROVAL):
                self.fields[name] = forms.BooleanField(label=o.label, required=False)
            elif vote.method == counting.RANKED:
                self.fields[name] = forms.ChoiceField(
                    label=o.label,
                    required=False,
                    choices=[
                        ("", _("Not ranked")),
                        *[(str(i), _ordinal(i)) for i in range(1, n + 1)],
                    ],
                    error_messages=_choose(gettext_lazy("a place")),
                )
            else:
                self.fields[name] = forms.ChoiceField(
                    label=o.label,
                    required=False,
                    choices=[(str(i), str(i)) for i in range(vote.score_max + 1)],
                    widget=forms.RadioSelect(attrs={"class": "score"}),
                    help_text=_("0 is lowest, %(n)s highest. Left blank counts as 0.")
                    % {"n": vote.score_max},
                    error_messages=_choose(gettext_lazy("a score")),
                )

        for name in self.fields:
            self.fields[name].template_name = BALLOT_FIELD_TEMPLATE  # type: ignore[attr-defined]

    def marks(self) -> dict[int, int]:
        out: dict[int, int] = {}
        for o in self.options:
            value: Any = self.cleaned_data.get(option_field_name(o))
            if value in (None, "", False):
                continue
            out[o.pk] = 1 if value is True else int(value)
        return out

    @staticmethod
    def initial_from(marks: dict[int, int], vote: Vote) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for pk, value in marks.items():
            if vote.method in (counting.APPROVAL,) or (
                vote.method == counting.DOT and not vote.stacking
            ):
                out[f"option_{pk}"] = bool(value)
            else:
                out[f"option_{pk}"] = str(value) if vote.method != counting.DOT else value
        return out


def _ordinal(i: int) -> str:
    if get_language() and not get_language().startswith("en"):
        # Other languages write the place with the number alone: "Dewis 1af" is not Welsh.
        return _("Choice %(n)s") % {"n": i}
    suffix = "th" if 10 <= i % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(i % 10, "th")
    return f"{i}{suffix} choice"


class PaperBallotForm(BallotForm):
    def __init__(
        self, *args: Any, vote: Vote, options: list[VoteOption], journey: Journey, **kwargs: Any
    ) -> None:
        super().__init__(*args, vote=vote, options=options, **kwargs)
        person = PersonChoiceField(
            label=_("Whose ballot is this?"),
            queryset=_people(journey).filter(left_on__isnull=True),
            empty_label=_("Choose a person"),
            help_text=_(
                "It counts as their vote. The record keeps that you typed it in from paper."
            ),
            error_messages={
                "required": _("Choose whose ballot this is."),
                **_choose(gettext_lazy("a person")),
            },
        )
        cast_on = date_field(
            cast(str, _("Date they voted")),
            required=False,
            help_text=cast(str, _("The date on the paper. Leave empty for today.")),
        )
        self.fields = {"person": person, "cast_on": cast_on, **self.fields}
        if vote.gathering is not None:
            self.fields["cast_on"].initial = vote.gathering.held_on


class GroupForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name of the group"),
        max_length=200,
        help_text=gettext_lazy("For example, “Waiting room group”."),
        error_messages={"required": gettext_lazy("Give the group a name.")},
    )
    purpose = forms.CharField(
        label=gettext_lazy("What the group is for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    members = ModelMultipleChoiceField(
        label=gettext_lazy("Who is in the group"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Aim for both people with lived experience and staff."),
        error_messages=_choose(gettext_lazy("people")),
    )

    def __init__(self, *args: Any, journey: Journey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = _people(journey).filter(left_on__isnull=True)  # type: ignore[attr-defined]
        self.fields["members"].label_from_instance = (  # type: ignore[attr-defined]
            lambda p: f"{p.name} ({p.side_label.lower()}, {p.role_label.lower()})"
        )


class GroupCreateForm(GroupForm):
    item = ModelChoiceField(
        label=gettext_lazy("The item it works on"),
        queryset=Contribution.objects.none(),
        required=False,
        empty_label=gettext_lazy("No single item"),
        help_text=gettext_lazy("Usually one of the top items in a priority vote."),
        error_messages=_choose(gettext_lazy("an item")),
    )
    formed_on = date_field(cast(str, gettext_lazy("Date it was formed")))
    start_work = forms.BooleanField(
        label=gettext_lazy("Mark the item as “in progress”"),
        required=False,
        initial=True,
    )
    field_order = ["name", "item", "purpose", "members", "formed_on", "start_work"]

    def __init__(self, *args: Any, journey: Journey, **kwargs: Any) -> None:
        super().__init__(*args, journey=journey, **kwargs)
        self.fields["item"].queryset = Contribution.objects.filter(journey=journey).exclude(  # type: ignore[attr-defined]
            fate=cvocab.MERGED
        )
        self.fields["item"].label_from_instance = lambda c: c.text[:120]  # type: ignore[attr-defined]
        self.fields["formed_on"].initial = timezone.localdate()


class GroupCloseForm(forms.Form):
    closed_on = date_field(cast(str, gettext_lazy("Date the group finished")))


class ActionForm(forms.Form):
    what = forms.CharField(
        label=gettext_lazy("What needs doing"),
        max_length=300,
        error_messages={"required": gettext_lazy("Say what needs doing.")},
    )
    who = PersonChoiceField(
        label=gettext_lazy("Who will do it"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=gettext_lazy("Not decided yet"),
        error_messages=_choose(gettext_lazy("a person")),
    )
    due_on = date_field(cast(str, gettext_lazy("Due by")), required=False)
    done_on = date_field(
        cast(str, gettext_lazy("Done on")),
        required=False,
        help_text=cast(str, gettext_lazy("Leave empty until it is done.")),
    )

    def __init__(self, *args: Any, journey: Journey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["who"].queryset = _people(journey)  # type: ignore[attr-defined]


class GroupGatheringForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Name of the gathering"),
        max_length=200,
        error_messages={"required": gettext_lazy("Give the gathering a short name.")},
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of gathering"),
        choices=gvocab.KINDS.choices,
        initial="workshop",
        error_messages={"invalid_choice": gettext_lazy("Choose what kind of gathering it was.")},
    )
    held_on = date_field(cast(str, gettext_lazy("Date")))
    venue_kind = forms.ChoiceField(
        label=gettext_lazy("Where"),
        choices=gvocab.VENUES.choices,
        error_messages={"invalid_choice": gettext_lazy("Choose where it was held.")},
    )
    venue_name = forms.CharField(
        label=gettext_lazy("Name of the place"), max_length=200, required=False
    )


class LinkGatheringForm(forms.Form):
    gathering = ModelChoiceField(
        label=gettext_lazy("Gathering"),
        queryset=Gathering.objects.none(),
        empty_label=gettext_lazy("Choose a gathering"),
        help_text=gettext_lazy(
            "Gatherings already recorded that do not belong to a co-design group yet."
        ),
        error_messages={
            "required": gettext_lazy("Choose a gathering."),
            "invalid_choice": gettext_lazy("Choose a gathering from the list."),
        },
    )
