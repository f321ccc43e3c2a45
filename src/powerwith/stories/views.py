"""Story pages. Thin: parse, call a service or selector, render. Every page finds the story
among those the visitor may see now, so a withdrawn story answers 404 everywhere at once."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from powerwith.common import files
from powerwith.common.access import Access, journey_view, owned
from powerwith.common.forms import apply_errors
from powerwith.contributions import services as contribution_services
from powerwith.contributions import vocab as contribution_vocab
from powerwith.contributions.models import Tag
from powerwith.people.models import Person

from . import forms, selectors, services, vocab
from .models import Story


def _story(request: HttpRequest, access: Access, story_pk: int) -> Story:
    story = (
        selectors.visible(access, request.user)
        .select_related("teller", "entered_by", "journey")
        .filter(pk=story_pk)
        .first()
    )
    if story is None:
        raise Http404("No such story")
    return story


@journey_view("view")
def story_list(request: HttpRequest, access: Access) -> HttpResponse:
    return render(
        request,
        "stories/list.html",
        {"journey": access.journey, "rows": selectors.list_rows(access, request.user)},
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def story_create(request: HttpRequest, access: Access) -> HttpResponse:
    journey = access.journey
    people = list(Person.objects.filter(journey=journey).order_by("name", "id"))
    form = forms.StoryForm(
        request.POST or None,
        request.FILES or None,
        people=people,
        initial={"told_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            story = services.story_create(
                actor=request.user, journey=journey, **form.service_kwargs()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Story saved."))
            return redirect(story.get_absolute_url())
    return render(
        request,
        "stories/create.html",
        {"journey": journey, "form": form},
        status=400 if form.errors else 200,
    )


@journey_view("view")
def story_detail(request: HttpRequest, access: Access, story_pk: int) -> HttpResponse:
    story = _story(request, access, story_pk)
    shared = selectors.covers(story, vocab.GROUP)
    clips = list(story.clips.select_related("file", "touchpoint", "contribution")) if shared else []
    return render(
        request,
        "stories/detail.html",
        {
            "journey": access.journey,
            "story": story,
            "shared": shared,
            "files": list(story.files.all()) if shared else [],
            "clips": clips,
            "file_count": story.files.count(),
            "uses": [vocab.USES.label(u) for u in selectors.uses_now(story)],
            "consents": selectors.consent_history(story),
            "may_withdraw": services.may_withdraw(request.user, story),
        },
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def story_file_add(request: HttpRequest, access: Access, story_pk: int) -> HttpResponse:
    story = _story(request, access, story_pk)
    form = forms.FileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.story_file_add(
                actor=request.user,
                story=story,
                upload=form.cleaned_data["file"],
                label=form.cleaned_data["label"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("File added."))
            return redirect(story.get_absolute_url())
    return render(
        request,
        "stories/file_add.html",
        {"journey": access.journey, "story": story, "form": form},
        status=400 if form.errors else 200,
    )


@journey_view("view")
def story_media(
    request: HttpRequest, access: Access, story_pk: int, file_pk: int
) -> HttpResponse | StreamingHttpResponse:
    """A story's file, only while the visitor may see the story and the teller's consent for
    the group is in force, checked at this moment (every range request asks again)."""
    story = _story(request, access, story_pk)
    if not selectors.covers(story, vocab.GROUP):
        raise Http404("No consent to play this")
    found = story.files.filter(pk=file_pk).first()
    if found is None:
        raise Http404("No such file")
    return files.file_response(
        request,
        found.name,
        content_type=found.content_type,
        filename=f"story-{story.pk}-{found.pk}",
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def story_consent(request: HttpRequest, access: Access, story_pk: int) -> HttpResponse:
    story = _story(request, access, story_pk)
    form = forms.ConsentForm(request.POST or None, initial={"given_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(actor=request.user, story=story, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Consent recorded."))
            return redirect(story.get_absolute_url() + "#consent")
    return render(
        request,
        "stories/consent.html",
        {"journey": access.journey, "story": story, "form": form},
        status=400 if form.errors else 200,
    )


@journey_view("view", write_need="view")
@require_POST
def story_consent_end(request: HttpRequest, access: Access, story_pk: int) -> HttpResponse:
    """Withdraw consent for one use (the teller, or a member on their behalf)."""
    story = _story(request, access, story_pk)
    use = request.POST.get("use", "")
    if not services.may_withdraw(request.user, story):
        messages.error(
            request, _("Only the person who told it, or a member on their behalf, can do this.")
        )
        return redirect(story.get_absolute_url() + "#consent")
    try:
        services.consent_end(actor=request.user, story=story, use=use)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Consent withdrawn for that use, from today."))
    return redirect(story.get_absolute_url() + "#consent")


@journey_view("view", write_need="view")
@require_http_methods(["GET", "POST"])
def story_withdraw(request: HttpRequest, access: Access, story_pk: int) -> HttpResponse:
    """Ask, then withdraw the whole story (the teller, or a member on their behalf)."""
    story = _story(request, access, story_pk)
    allowed = services.may_withdraw(request.user, story)
    if request.method == "POST" and not allowed:
        # Whether you may depends on whose story it is, not only on your role: say so there.
        messages.error(
            request, _("Only the person who told it, or a member on their behalf, can do this.")
        )
        return redirect(story.get_absolute_url())
    if request.method == "POST":
        services.story_withdraw(actor=request.user, story=story)
        messages.success(
            request,
            _("The story has been withdrawn. Its files are deleted and no page shows it."),
        )
        return redirect(reverse("stories:list", kwargs={"slug": access.journey.slug}))
    ctx: dict[str, Any] = {"journey": access.journey, "story": story, "allowed": allowed}
    return render(request, "stories/withdraw.html", ctx)


@journey_view("view", write_need="manage")
@require_http_methods(["GET", "POST"])
def touchpoint_list(request: HttpRequest, access: Access) -> HttpResponse:
    """The journey's touchpoints in order; facilitators add one at the end."""
    form = forms.TouchpointForm(request.POST or None) if access.can_manage else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            contribution_services.touchpoint_add(
                actor=request.user, journey=access.journey, name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Touchpoint added at the end of the list."))
            return redirect(reverse("stories:touchpoints", kwargs={"slug": access.journey.slug}))
    return render(
        request,
        "stories/touchpoints.html",
        {
            "journey": access.journey,
            "touchpoints": selectors.touchpoint_rows(access.journey),
            "form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def touchpoint_edit(request: HttpRequest, access: Access, touchpoint_pk: int) -> HttpResponse:
    """Rename a touchpoint, move it earlier or later, or take it off the list."""
    tp = owned(Tag.objects.filter(kind=contribution_vocab.TOUCHPOINT), access, pk=touchpoint_pk)
    back = reverse("stories:touchpoints", kwargs={"slug": access.journey.slug})
    action = request.POST.get("action", "rename")
    form = forms.TouchpointForm(
        request.POST if request.method == "POST" and action == "rename" else None,
        initial={"name": tp.name},
    )
    if request.method == "POST":
        if action in ("up", "down"):
            contribution_services.touchpoint_move(
                actor=request.user, touchpoint=tp, direction=action
            )
            return redirect(back)
        if action == "remove":
            contribution_services.touchpoint_remove(actor=request.user, touchpoint=tp)
            messages.success(request, _("Taken off the list. It stays as a theme tag."))
            return redirect(back)
        if form.is_valid():
            try:
                contribution_services.touchpoint_rename(
                    actor=request.user, touchpoint=tp, name=form.cleaned_data["name"]
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Renamed."))
                return redirect(back)
    return render(
        request,
        "stories/touchpoint_edit.html",
        {"journey": access.journey, "touchpoint": tp, "form": form, "back": back},
        status=400 if form.errors else 200,
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def clip_create(request: HttpRequest, access: Access, story_pk: int) -> HttpResponse:
    story = _story(request, access, story_pk)
    recordings = list(story.files.filter(kind__in=[files.AUDIO, files.VIDEO]))
    form = forms.ClipForm(
        request.POST or None,
        recordings=recordings,
        touchpoints=contribution_services.touchpoints_of(access.journey),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.clip_create(actor=request.user, story=story, **form.service_kwargs())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Clip saved."))
            return redirect(story.get_absolute_url() + "#clips")
    return render(
        request,
        "stories/clip_create.html",
        {"journey": access.journey, "story": story, "form": form, "recordings": recordings},
        status=400 if form.errors else 200,
    )


@journey_view("view")
def clip_captions(
    request: HttpRequest, access: Access, story_pk: int, clip_pk: int
) -> HttpResponse:
    """The clip's captions (WebVTT), under the same consent as its recording."""
    story = _story(request, access, story_pk)
    if not selectors.covers(story, vocab.GROUP):
        raise Http404("No consent to play this")
    clip = story.clips.filter(pk=clip_pk).first()
    if clip is None:
        raise Http404("No such clip")
    return HttpResponse(services.captions_for(clip), content_type="text/vtt; charset=utf-8")


@journey_view("record")
@require_POST
def clip_raise(request: HttpRequest, access: Access, story_pk: int, clip_pk: int) -> HttpResponse:
    """Raise a clip's moment as a contribution, linked back to the clip."""
    story = _story(request, access, story_pk)
    clip = story.clips.filter(pk=clip_pk).first()
    if clip is None:
        raise Http404("No such clip")
    try:
        c = services.clip_raise(actor=request.user, clip=clip)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(story.get_absolute_url() + "#clips")
    messages.success(
        request, _("Raised as a contribution. It now has a fate like anything raised.")
    )
    return redirect(c.get_absolute_url())


@journey_view("view")
def feeling_map(request: HttpRequest, access: Access) -> HttpResponse:
    """The emotional map: touchpoints left to right, how each felt to each side."""
    return render(
        request,
        "stories/feelings.html",
        {"journey": access.journey, **selectors.emotional_map(access.journey)},
    )


@journey_view("record")
@require_http_methods(["GET", "POST"])
def feeling_mark(request: HttpRequest, access: Access) -> HttpResponse:
    """Mark how a moment felt: a plain form that works on a phone without JavaScript."""
    journey = access.journey
    people = list(Person.objects.filter(journey=journey).order_by("name", "id"))
    mine = next((p for p in people if p.user_id == request.user.pk), None)
    form = forms.FeelingForm(
        request.POST or None,
        touchpoints=contribution_services.touchpoints_of(journey),
        people=people,
        initial={"person": str(mine.pk) if mine else "", "channel": "own"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.feeling_mark(actor=request.user, journey=journey, **form.service_kwargs())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Thank you. How it felt is saved."))
            return redirect(reverse("stories:feeling_mark", kwargs={"slug": journey.slug}))
    return render(
        request,
        "stories/feeling_mark.html",
        {"journey": journey, "form": form},
        status=400 if form.errors else 200,
    )
