"""Forms for stories: recording one (with a file and consent), adding a file, consent."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from powerwith.common.dates import short_date
from powerwith.common.forms import date_field
from powerwith.common.widgets import ExplainedRadioSelect
from powerwith.people import vocab as people_vocab
from powerwith.people.models import Person

from . import vocab


def _file_field(required: bool) -> forms.FileField:
    return forms.FileField(
        label=_("Recording, photo or document"),
        required=required,
        help_text=_(
            "A sound recording, a video, a photo, a PDF or a plain text file. On a phone you "
            "can record one now."
        ),
        error_messages={"required": _("Choose a file to add.")},
        # What phones offer to record or pick; the server still checks the content itself.
        widget=forms.FileInput(
            attrs={"accept": "audio/*,video/*,image/*,application/pdf,text/plain"}
        ),
    )


def _label_field() -> forms.CharField:
    return forms.CharField(
        label=_("What the file is"),
        required=False,
        max_length=120,
        help_text=_("For example, “the whole interview” or “photo of the waiting room”."),
    )


class StoryForm(forms.Form):
    teller = forms.ChoiceField(
        label=_("Whose story it is"),
        help_text=_("Add them to the people in this journey first if they are not there."),
        error_messages={
            "required": _("Choose whose story it is."),
            "invalid_choice": _("Choose a person from the list."),
        },
    )
    medium = forms.ChoiceField(
        label=_("How it was told"),
        choices=vocab.MEDIA.choices,
        widget=ExplainedRadioSelect(vocab.MEDIA),
        error_messages={"required": _("Choose how the story was told.")},
    )
    title = forms.CharField(
        label=_("A short title"),
        max_length=200,
        help_text=_("So people can find it, like “Waiting for the results”."),
        error_messages={"required": _("Give the story a short title, so people can find it.")},
    )
    told_on = date_field(_("The day it was told"))
    words = forms.CharField(
        label=_("The story in words"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("In their own words. For a recording, a short summary is enough."),
    )
    file = _file_field(required=False)
    file_label = _label_field()
    provenance = forms.CharField(
        label=_("How it reached us"),
        required=False,
        max_length=300,
        help_text=_("For example, “interviewed at home by Sam”."),
    )
    consent_uses = forms.MultipleChoiceField(
        label=_("What they agreed their story may be used for"),
        required=False,
        choices=vocab.USES.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Tick only what they agreed to. Nothing is played or shared without it, and they "
            "can change their mind at any time."
        ),
    )
    consent_how = forms.ChoiceField(
        label=_("How they gave their consent"),
        required=False,
        choices=vocab.CONSENT_HOW.choices,
        widget=ExplainedRadioSelect(vocab.CONSENT_HOW),
    )
    consent_until = date_field(
        _("Consent ends on"), required=False, help_text=_("Leave empty if they set no end date.")
    )
    consent_given_by = forms.CharField(
        label=_("Given on their behalf by"),
        required=False,
        max_length=200,
        help_text=_("Only if someone else gave consent for them, like “her daughter, Ann”."),
    )

    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(p.pk): p for p in people}
        teller = self.fields["teller"]
        assert isinstance(teller, forms.ChoiceField)
        teller.choices = [
            ("", _("Choose a person")),
            *[(str(p.pk), p.name) for p in people],
        ]

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "teller": self.people[d["teller"]],
            "medium": d["medium"],
            "title": d["title"],
            "told_on": d["told_on"],
            "words": d["words"],
            "provenance": d["provenance"],
            "upload": d.get("file") or None,
            "file_label": d["file_label"],
            "consent_uses": d["consent_uses"],
            "consent_how": d["consent_how"],
            "consent_until": d["consent_until"],
            "consent_given_by": d["consent_given_by"],
        }


class FileForm(forms.Form):
    file = _file_field(required=True)
    label = _label_field()


class ConsentForm(forms.Form):
    use = forms.ChoiceField(
        label=_("What they agreed to"),
        choices=vocab.USES.choices,
        widget=ExplainedRadioSelect(vocab.USES),
        error_messages={"required": _("Choose what they agreed to.")},
    )
    how = forms.ChoiceField(
        label=_("How they gave it"),
        choices=vocab.CONSENT_HOW.choices,
        widget=ExplainedRadioSelect(vocab.CONSENT_HOW),
        error_messages={"required": _("Choose how they gave their consent.")},
    )
    given_on = date_field(_("The day they gave it"))
    until = date_field(
        _("Consent ends on"), required=False, help_text=_("Leave empty if they set no end date.")
    )
    given_by = forms.CharField(
        label=_("Given on their behalf by"),
        required=False,
        max_length=200,
        help_text=_("Only if someone else gave consent for them."),
    )


class TouchpointForm(forms.Form):
    name = forms.CharField(
        label=_("The moment"),
        max_length=80,
        help_text=_("A moment of the service as people meet it, like “first letter”."),
        error_messages={"required": _("Name the moment, like “first letter” or “diagnosis”.")},
    )


class ClipForm(forms.Form):
    file = forms.ChoiceField(
        label=_("Recording"), error_messages={"required": _("Choose a recording of this story.")}
    )
    start = forms.DecimalField(
        label=_("Starts at (seconds)"),
        min_value=0,
        max_digits=9,
        decimal_places=2,
        help_text=_("For example 75 for 1 minute 15 seconds."),
        error_messages={"required": _("Enter where the clip starts, in seconds.")},
    )
    end = forms.DecimalField(
        label=_("Ends at (seconds)"),
        min_value=0,
        max_digits=9,
        decimal_places=2,
        error_messages={"required": _("Enter where the clip ends, in seconds.")},
    )
    transcript = forms.CharField(
        label=_("What is said"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Word for word, for people who cannot hear it."),
        error_messages={
            "required": _("Write what is said in the clip, for people who cannot hear it.")
        },
    )
    captions = forms.CharField(
        label=_("Captions (WebVTT)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Leave empty to show the words above as one caption for the whole clip."),
    )
    touchpoint = forms.ChoiceField(label=_("Touchpoint"), required=False)

    def __init__(self, *args: Any, recordings: list[Any], touchpoints: list[Any], **kw: Any):
        super().__init__(*args, **kw)
        self.recordings = {str(f.pk): f for f in recordings}
        self.touchpoints = {str(t.pk): t for t in touchpoints}
        file_field = self.fields["file"]
        tp_field = self.fields["touchpoint"]
        assert isinstance(file_field, forms.ChoiceField) and isinstance(tp_field, forms.ChoiceField)
        file_field.choices = [(k, f.label or f.kind) for k, f in self.recordings.items()]
        tp_field.choices = [("", _("None"))] + [(k, t.name) for k, t in self.touchpoints.items()]

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "file": self.recordings[d["file"]],
            "start": d["start"],
            "end": d["end"],
            "transcript": d["transcript"],
            "captions": d["captions"],
            "touchpoint": self.touchpoints.get(d["touchpoint"] or ""),
        }


class FeelingForm(forms.Form):
    touchpoint = forms.ChoiceField(
        label=_("Which moment"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a moment from this journey's touchpoints.")},
    )
    direction = forms.ChoiceField(
        label=_("How did it feel"),
        choices=vocab.DIRECTIONS.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether it felt good or bad.")},
    )
    feelings = forms.MultipleChoiceField(
        label=_("Which feelings"),
        required=False,
        choices=vocab.FEELINGS.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick any that fit."),
    )
    strength = forms.ChoiceField(
        label=_("How strongly"),
        choices=vocab.STRENGTHS.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how strongly.")},
    )
    person = forms.ChoiceField(
        label=_("Whose feelings these are"),
        required=False,
        help_text=_("Leave as it is to mark your own, if you are in the register."),
    )
    side = forms.ChoiceField(
        label=_("If nobody is chosen: their side"),
        required=False,
        choices=[("", _("Not needed")), *[(k, v) for k, v in people_vocab.SIDES.choices]],
    )
    channel = forms.ChoiceField(
        label=_("How it was marked"),
        choices=vocab.FEELING_CHANNELS.choices,
        widget=forms.RadioSelect,
        initial="own",
    )
    provenance = forms.CharField(
        label=_("How it reached us"),
        required=False,
        max_length=300,
        help_text=_("If you are typing it in for someone, like “sheet from the patient event”."),
    )

    def __init__(self, *args: Any, touchpoints: list[Any], people: list[Person], **kw: Any):
        super().__init__(*args, **kw)
        self.touchpoints = {str(t.pk): t for t in touchpoints}
        self.people = {str(p.pk): p for p in people}
        tp = self.fields["touchpoint"]
        who = self.fields["person"]
        assert isinstance(tp, forms.ChoiceField) and isinstance(who, forms.ChoiceField)
        tp.choices = [(k, t.name) for k, t in self.touchpoints.items()]
        who.choices = [("", _("Nobody named"))] + [(k, p.name) for k, p in self.people.items()]

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "touchpoint": self.touchpoints[d["touchpoint"]],
            "direction": d["direction"],
            "feelings": d["feelings"],
            "strength": int(d["strength"]),
            "person": self.people.get(d["person"] or ""),
            "side": d["side"],
            "channel": d["channel"],
            "provenance": d["provenance"],
        }


# The trigger film.

ANONYMOUS = "anonymous"


def _clip_name(clip: Any) -> str:
    name = f"{clip.story.title}: {clip.transcript}"
    return name if len(name) <= 90 else name[:89].rstrip() + "…"


class FilmForm(forms.Form):
    title = forms.CharField(
        label=_("Name of the film"),
        max_length=200,
        help_text=_("For example, “The joint event film”."),
        error_messages={"required": _("Give the film a short name.")},
    )
    gathering = forms.ChoiceField(
        label=_("Where it will be shown"),
        help_text=_("The gathering where the film is played, usually the joint event."),
        error_messages={
            "required": _("Choose the gathering where the film will be shown."),
            "invalid_choice": _("Choose a gathering from the list."),
        },
    )

    def __init__(self, *args: Any, gatherings: list[Any], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.gatherings = {str(g.pk): g for g in gatherings}
        field = self.fields["gathering"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Choose a gathering"))] + [
            (k, f"{g.title} ({short_date(g.held_on)})") for k, g in self.gatherings.items()
        ]

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"title": d["title"], "gathering": self.gatherings[d["gathering"]]}


class FilmClipForm(forms.Form):
    clip = forms.ChoiceField(
        label=_("Clip to add"),
        help_text=_(
            "Only clips of stories whose tellers agreed to them being shown to staff at events."
        ),
        error_messages={
            "required": _("Choose a clip to add."),
            "invalid_choice": _("Choose a clip from the list."),
        },
    )

    def __init__(self, *args: Any, clips: list[Any], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.clips = {str(c.pk): c for c in clips}
        field = self.fields["clip"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Choose a clip"))] + [
            (k, _clip_name(c)) for k, c in self.clips.items()
        ]


class RemarkForm(forms.Form):
    clip = forms.ChoiceField(
        label=_("Which clip it is about"),
        error_messages={
            "required": _("Choose the clip it is about."),
            "invalid_choice": _("Choose a clip from the list."),
        },
    )
    raised_by = forms.ChoiceField(
        label=_("Who said it"),
        help_text=_("Choose “Anonymous” if they did not want to be named."),
        error_messages={
            "required": _("Choose who said it, or choose “Anonymous”."),
            "invalid_choice": _("Choose a person from the list, or “Anonymous”."),
        },
    )
    text = forms.CharField(
        label=_("What they said"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In their own words if you can."),
        error_messages={"required": _("Write what they said, in their own words if you can.")},
    )
    kind = forms.ChoiceField(
        label=_("Praise or a problem"),
        required=False,
        choices=[("praise", _("Works well")), ("problem", _("A problem")), ("", _("Neither"))],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose praise, a problem, or neither.")},
    )

    def __init__(self, *args: Any, clips: list[Any], people: list[Person], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.clips = {str(c.pk): c for c in clips}
        self.people = {str(p.pk): p for p in people}
        clip_field, who = self.fields["clip"], self.fields["raised_by"]
        assert isinstance(clip_field, forms.ChoiceField) and isinstance(who, forms.ChoiceField)
        clip_field.choices = [("", _("Choose a clip"))] + [
            (k, _clip_name(c)) for k, c in self.clips.items()
        ]
        who.choices = [
            ("", _("Choose a person")),
            (ANONYMOUS, _("Anonymous: nobody named")),
            *[(k, p.name) for k, p in self.people.items()],
        ]

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        who = d["raised_by"]
        return {
            "clip": self.clips[d["clip"]],
            "text": d["text"],
            "raised_by": self.people.get(who),
            "anonymous": who == ANONYMOUS,
            "kind": d["kind"],
        }
