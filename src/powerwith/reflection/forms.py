"""Forms for reflection. They check the shape of what was typed; services check the rules."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext

from powerwith.common.forms import date_field
from powerwith.common.vocab import lazy_text as _
from powerwith.common.widgets import ExplainedRadioSelect
from powerwith.journeys import vocab as journey_vocab
from powerwith.journeys.models import Membership
from powerwith.people import vocab as people_vocab
from powerwith.people.models import Person

from . import vocab
from .models import Question, QuestionBank
from .services import Answer, field_name


def _lower(text: str) -> str:
    return str(text).lower()


# A label in lower case, worked out in the reader's language when the message is shown.
_lowered = lazy(_lower, str)


def _choice(
    label: str,
    choices: Sequence[tuple[str, str]],
    *,
    required: bool = True,
    message: str = "",
    help_text: str = "",
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


STAGE_CHOICES = [("", _("Not one stage")), *journey_vocab.STAGES.choices]


class BankForm(forms.Form):
    title = _text(
        _("Name of the question bank"),
        rows=0,
        max_length=200,
        message=_("Enter a name for the question bank."),
    )
    intro = _text(
        _("What it is for"),
        required=False,
        help_text=_("Shown to people before they answer. Optional."),
    )


class QuestionAddForm(forms.Form):
    kind = _choice(
        _("Kind of question"),
        [
            (vocab.RATING, vocab.QUESTION_KINDS.label(vocab.RATING)),
            (vocab.OPEN, vocab.QUESTION_KINDS.label(vocab.OPEN)),
        ],
        message=_("Choose a statement to rate or an open question."),
        widget=ExplainedRadioSelect(vocab.QUESTION_KINDS),
    )
    text = _text(
        _("The words"),
        max_length=1000,
        rows=3,
        help_text=_(
            "For a statement, write something people can agree or disagree with, such as "
            "“I know what happened to the ideas I raised.”"
        ),
        message=_("Enter the words of the question."),
    )
    hint = _text(
        _("A hint under the question"),
        required=False,
        max_length=300,
        rows=0,
        help_text=_("Optional. A few words that help people answer."),
    )
    area = _choice(
        _("Area"),
        [("", _("None")), *vocab.AREAS.choices],
        required=False,
        help_text=_("Optional. Groups the question with others about the same thing."),
    )


class QuestionEditForm(forms.Form):
    text = _text(
        _("The words"), max_length=1000, rows=3, message=_("Enter the words of the question.")
    )
    hint = _text(_("A hint under the question"), required=False, max_length=300, rows=0)


class RoundForm(forms.Form):
    def __init__(self, *args: Any, banks: list[QuestionBank], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.banks = {str(b.pk): b for b in banks}
        self.fields["bank"] = _choice(
            _("Question bank"),
            [
                (
                    str(b.pk),
                    gettext("%(title)s (version %(version)s, %(owner)s)")
                    % {
                        "title": b.shown_title,
                        "version": b.version,
                        "owner": b.owner_label.lower(),
                    },
                )
                for b in banks
            ],
            message=_("Choose the question bank for this round."),
            help_text=_(
                "The round uses this exact version. Later changes to the bank do not change it."
            ),
        )
        self.order_fields(
            ["bank", "title", "stage", "anonymous", "keep_role", "opens_on", "closes_on", "message"]
        )

    title = _text(
        _("Name of the round"),
        rows=0,
        max_length=200,
        help_text=_("For example, “Power audit, end of co-design”."),
        message=_("Enter a name for the round."),
    )
    stage = _choice(_("Stage of the journey"), STAGE_CHOICES, required=False)
    anonymous = _choice(
        _("Named or anonymous"),
        [("anonymous", _("Anonymous")), ("named", _("Named"))],
        message=_("Choose whether answers are named or anonymous."),
        widget=ExplainedRadioSelect(
            {
                "anonymous": _(
                    "No one, not even the facilitators, can see who gave which answers. "
                    "Only the side (lived experience or professional) is kept. Results appear when "
                    "the round closes, if at least 5 people answered."
                ),
                "named": _(
                    "Each person's name is shown with their answers, to everyone in the "
                    "journey. Results can be seen as answers come in."
                ),
            }
        ),
        help_text=_(
            "People see this before they answer. It cannot be changed once the round is open."
        ),
    )
    keep_role = forms.BooleanField(
        label=_("Anonymous rounds: also keep each person's role"),
        required=False,
        help_text=_(
            "Lets you compare roles, such as managers and front-line staff. Any role with "
            "fewer than 5 answers is never shown."
        ),
    )
    opens_on = date_field(_("Opening date"))
    closes_on = date_field(
        _("Planned closing date"),
        required=False,
        help_text=_("Optional. People see it; you close the round yourself."),
    )
    message = _text(
        _("A message for people answering"),
        required=False,
        help_text=_("Optional. Shown at the top of the round."),
    )

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "bank": self.banks[d["bank"]],
            "title": d["title"],
            "stage": d["stage"],
            "anonymous": d["anonymous"] == "anonymous",
            "keep_role": d["keep_role"],
            "opens_on": d["opens_on"],
            "closes_on": d["closes_on"],
            "message": d["message"],
        }


RATING_CHOICES = [*vocab.RATINGS.choices, (vocab.DONT_KNOW, vocab.DONT_KNOW_LABEL)]


class AnswerForm(forms.Form):
    """One field per question of the round (named ``q_<question pk>``), and a token minted when
    the form is drawn so a resent form counts once."""

    client_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        questions: list[Question],
        lived_roles: bool = False,
        supporters: list[Membership] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("client_token", uuid.uuid4())
        self.questions = questions
        for q in questions:
            name = field_name(q)
            if q.is_rating:
                self.fields[name] = forms.ChoiceField(
                    label=q.shown_text,
                    help_text=q.shown_hint,
                    choices=RATING_CHOICES,
                    required=False,
                    widget=ExplainedRadioSelect(),
                    error_messages={"invalid_choice": _("Choose one of the answers.")},
                )
            elif q.is_open:
                self.fields[name] = forms.CharField(
                    label=q.shown_text,
                    help_text=q.shown_hint or _("Optional. In your own words."),
                    required=False,
                    max_length=5000,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    error_messages={"max_length": _("Keep your answer under 5,000 characters.")},
                )
            else:
                self.fields[name] = forms.ChoiceField(
                    label=q.shown_text,
                    help_text=q.shown_hint,
                    choices=q.shown_options,
                    widget=ExplainedRadioSelect(),
                    error_messages={
                        "required": _("Choose the description that fits best."),
                        "invalid_choice": _("Choose one of the three descriptions."),
                    },
                )
        self.lived_roles = lived_roles
        if lived_roles:
            self.fields["consent"] = _choice(
                _("Who can see this reflection"),
                vocab.CONSENT.choices,
                message=_("Choose who can see this reflection."),
                widget=ExplainedRadioSelect(vocab.CONSENT),
            )
            self.initial.setdefault("consent", vocab.PRIVATE)
            self.fields["supporter"] = _choice(
                _("The supporter who may read it"),
                [
                    ("", _("No one else")),
                    *[(str(m.user_id), _member_label(m)) for m in supporters or []],
                ],
                required=False,
                help_text=_(
                    "Someone you trust to talk it through with, such as a facilitator "
                    "or a fellow peer worker. Only they, and you, will see it."
                ),
            )

    def question_fields(self) -> list[tuple[Question, forms.BoundField]]:
        return [(q, self[field_name(q)]) for q in self.questions]

    def answers(self) -> dict[int, Answer]:
        d = self.cleaned_data
        out: dict[int, Answer] = {}
        for q in self.questions:
            value = d.get(field_name(q)) or ""
            if not value:
                continue
            if q.is_rating:
                out[q.pk] = (
                    Answer(dont_know=True)
                    if value == vocab.DONT_KNOW
                    else Answer(rating=int(value))
                )
            elif q.is_open:
                out[q.pk] = Answer(text=value)
            else:
                out[q.pk] = Answer(choice=value)
        return out

    def sharing(self, members: dict[str, Any]) -> dict[str, Any]:
        if not self.lived_roles:
            return {}
        d = self.cleaned_data
        return {
            "consent": d.get("consent") or vocab.PRIVATE,
            "supporter": members.get(d.get("supporter") or ""),
        }


def _member_label(m: Membership) -> str:
    name = m.user.first_name or m.user.email
    return f"{name} ({m.get_role_display().lower()})"


class PaperForm(AnswerForm):
    """Answers typed in by someone else: whose (or, when anonymous, which side), and how."""

    def __init__(
        self, *args: Any, people: list[Person], anonymous: bool, keep_role: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        head: dict[str, forms.Field] = {
            "channel": _choice(
                _("How the answers came in"),
                [(c, vocab.ANSWER_CHANNELS.label(c)) for c in vocab.ENTERED_CHANNELS],
                message=_("Choose how the answers came in."),
                widget=ExplainedRadioSelect(vocab.ANSWER_CHANNELS),
            ),
            "person": _choice(
                _("Whose answers these are") if not anonymous else _("Who handed them in"),
                [
                    ("", _("Choose a person") if not anonymous else _("Not recorded")),
                    *[(str(p.pk), p.name) for p in people],
                ],
                required=not anonymous,
                message=_("Choose whose answers these are."),
                help_text=""
                if not anonymous
                else _(
                    "Optional. Only marks them as having "
                    "answered, so they are not asked again. It is never linked to the answers."
                ),
            ),
        }
        if anonymous:
            head["side"] = _choice(
                _("Their side"),
                [("", _("Take it from the person chosen above")), *people_vocab.SIDES.choices],
                required=False,
                help_text=_(
                    "Needed when no person is chosen above. Only the side is kept with the answers."
                ),
            )
            if keep_role:
                head["role"] = _choice(
                    _("Their role"),
                    [("", _("Take it from the person chosen above")), *people_vocab.ROLES.choices],
                    required=False,
                )
        head["given_on"] = date_field(
            _("Day the answers were given"),
            required=False,
            help_text=_("Leave empty for today. For example, 27 3 2026.")
            + (
                " The answers do not keep the day: it only tells us the role the person had then."
                if anonymous
                else ""
            ),
        )
        if not self.is_bound:
            self.initial.setdefault("given_on", timezone.localdate())
        self.people = {str(p.pk): p for p in people}
        self.fields = {**head, **self.fields}

    def entry_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "channel": d["channel"],
            "person": self.people.get(d.get("person") or ""),
            "side": d.get("side") or "",
            "role": d.get("role") or "",
            "given_on": d.get("given_on"),
        }


class ShareForm(forms.Form):
    answer_set = forms.IntegerField(
        widget=forms.HiddenInput, error_messages={"required": _("Choose a reflection.")}
    )
    consent = _choice(
        _("Who can see this reflection"),
        vocab.CONSENT.choices,
        message=_("Choose who can see this reflection."),
        widget=ExplainedRadioSelect(vocab.CONSENT),
    )

    def __init__(self, *args: Any, supporters: list[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["supporter"] = _choice(
            _("The supporter who may read it"),
            [("", _("No one else")), *[(str(m.user_id), _member_label(m)) for m in supporters]],
            required=False,
        )


class ThemesForm(forms.Form):
    answer = forms.CharField(widget=forms.HiddenInput, max_length=64)
    themes = forms.CharField(
        label=_("Themes"),
        required=False,
        max_length=500,
        help_text=_("Separate themes with commas, such as “parking, waiting times”."),
        error_messages={"max_length": _("Keep the themes under 500 characters in all.")},
    )

    def names(self) -> list[str]:
        return [n.strip() for n in self.cleaned_data["themes"].split(",") if n.strip()]


class EndingForm(forms.Form):
    title = _text(
        _("Name of the review"),
        rows=0,
        max_length=200,
        help_text=_("For example, “End of the co-design phase”."),
        message=_("Enter a name for the review."),
    )
    stage = _choice(_("Stage that is ending"), STAGE_CHOICES, required=False)
    held_on = date_field(_("Date of the review"))
    summary = _text(
        _("Summary"),
        required=False,
        help_text=_("Optional. What happened in this phase, in a few sentences."),
    )


class EndingViewForm(forms.Form):
    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(p.pk): p for p in people}
        self.fields["person"] = _choice(
            _("One person's view"),
            [("", _("Not one person: a group's view")), *[(str(p.pk), p.name) for p in people]],
            required=False,
            help_text=_(
                "Optional. If it is one person's view, choose them; their role on the day is kept."
            ),
        )
        self.order_fields(
            ["perspective", "person", "side", "role", "channel", *vocab.ENDING_FIELDS.codes]
        )

    perspective = _text(
        _("Whose view this is"),
        rows=0,
        max_length=200,
        required=False,
        help_text=_(
            "For example, “patients in the co-design group” or “ward "
            "staff”. Leave empty to use the person's name."
        ),
    )
    side = _choice(_("Side"), [("", _("Not given")), *people_vocab.SIDES.choices], required=False)
    role = _choice(_("Role"), [("", _("Not given")), *people_vocab.ROLES.choices], required=False)
    channel = _choice(
        _("How this view came in"),
        vocab.ANSWER_CHANNELS.choices,
        message=_("Choose how this view came in."),
    )
    achieved = _text(
        vocab.ENDING_FIELDS.label("achieved"),
        required=False,
        help_text=vocab.ENDING_FIELDS.explain("achieved"),
    )
    skills_gained = _text(
        vocab.ENDING_FIELDS.label("skills_gained"),
        required=False,
        help_text=vocab.ENDING_FIELDS.explain("skills_gained"),
    )
    worked = _text(
        vocab.ENDING_FIELDS.label("worked"),
        required=False,
        help_text=vocab.ENDING_FIELDS.explain("worked"),
    )
    did_not_work = _text(
        vocab.ENDING_FIELDS.label("did_not_work"),
        required=False,
        help_text=vocab.ENDING_FIELDS.explain("did_not_work"),
    )
    carry_forward = _text(
        vocab.ENDING_FIELDS.label("carry_forward"),
        required=False,
        help_text=vocab.ENDING_FIELDS.explain("carry_forward"),
    )
    still_lacking = _text(
        vocab.ENDING_FIELDS.label("still_lacking"),
        required=False,
        help_text=vocab.ENDING_FIELDS.explain("still_lacking"),
    )

    def service_kwargs(self) -> dict[str, Any]:
        d = dict(self.cleaned_data)
        d["person"] = self.people.get(d.get("person") or "")
        return d


class RealistNoteForm(forms.Form):
    context = _text(
        _("Context"),
        help_text=_(
            "The circumstances that mattered: who, where, what was "
            "going on. For example, “patients still in treatment, meeting the "
            "clinicians who treat them”."
        ),
        message=_("Describe the context."),
    )
    mechanism = _text(
        _("Mechanism"),
        help_text=_(
            "What people did, thought or felt that made the "
            "difference. For example, “patients held back, not wanting to upset "
            "the people caring for them”."
        ),
        message=_("Describe the mechanism."),
    )
    outcome = _text(
        _("Outcome"), help_text=_("What happened as a result."), message=_("Describe the outcome.")
    )

    def __init__(
        self, *args: Any, evidence: dict[str, list[tuple[str, str]]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        words = {
            "contributions": (
                _("Things raised that show this"),
                _("Choose things raised in this journey."),
            ),
            "gatherings": (
                _("Gatherings that show this"),
                _("Choose gatherings from this journey."),
            ),
            "decisions": (_("Decisions that show this"), _("Choose decisions from this journey.")),
        }
        for name, choices in evidence.items():
            label, message = words[name]
            self.fields[name] = forms.MultipleChoiceField(
                label=label,
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=_("Optional. Tick any that apply."),
                error_messages={"invalid_choice": message},
            )
