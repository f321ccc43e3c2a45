"""The trigger film's pages: make a film for a gathering, add, remove and reorder its clips
(facilitators), play it (a list of players, in order, that works without JavaScript), record
what people say at the screening, and put the moments that felt worst to a priority vote.

Consent for "shown to staff at events" is asked again on every page and every media request:
a clip whose story was withdrawn or whose consent has ended is never played, and its media and
captions answer 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from powerwith.common import files
from powerwith.common.access import Access, journey_view, owned
from powerwith.common.forms import apply_errors
from powerwith.gatherings.models import Gathering
from powerwith.people.models import Person

from . import forms, selectors, services
from .models import Film, FilmClip


def _film(access: Access, film_pk: int) -> Film:
    film: Film = owned(Film.objects.select_related("gathering"), access, pk=film_pk)
    return film


def _item(film: Film, film_clip_pk: int) -> FilmClip:
    item = (
        FilmClip.objects.filter(film=film, pk=film_clip_pk)
        .select_related("clip__story", "clip__file")
        .first()
    )
    if item is None:
        raise Http404("No such clip in this film")
    item.film = film
    return item


@journey_view("view")
def film_list(request: HttpRequest, access: Access) -> HttpResponse:
    films = list(Film.objects.filter(journey=access.journey).select_related("gathering"))
    return render(request, "stories/films.html", {"journey": access.journey, "films": films})


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def film_create(request: HttpRequest, access: Access) -> HttpResponse:
    journey = access.journey
    gatherings = list(Gathering.objects.filter(journey=journey).order_by("-held_on", "-id"))
    form = forms.FilmForm(request.POST or None, gatherings=gatherings)
    if request.method == "POST" and form.is_valid():
        try:
            film = services.film_create(
                actor=request.user, journey=journey, **form.service_kwargs()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Film started. Now add its clips."))
            return redirect(
                reverse("stories:film_edit", kwargs={"slug": journey.slug, "film_pk": film.pk})
            )
    return render(
        request,
        "stories/film_create.html",
        {"journey": journey, "form": form},
        status=400 if form.errors else 200,
    )


def _remark_form(
    request: HttpRequest, access: Access, rows: list[dict[str, object]]
) -> forms.RemarkForm:
    clips = [r["clip"] for r in rows if r["played"]]
    people = list(Person.objects.filter(journey=access.journey).order_by("name", "id"))
    return forms.RemarkForm(
        request.POST if request.method == "POST" else None, clips=clips, people=people
    )


@journey_view("view", write_need="record")
@require_http_methods(["GET", "POST"])
def film_play(request: HttpRequest, access: Access, film_pk: int) -> HttpResponse:
    """Play the film: each clip the film may play now, in order, with captions; below, a form
    for what people say at the screening (members)."""
    film = _film(access, film_pk)
    rows = selectors.film_rows(film)
    form = _remark_form(request, access, rows)
    if request.method == "POST" and form.is_valid():
        try:
            services.film_remark(actor=request.user, film=film, **form.service_kwargs())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Saved as a contribution, linked to the clip. It now has a fate like anything raised."
                ),
            )
            return redirect(film.get_absolute_url() + "#said")
    return render(
        request,
        "stories/film_play.html",
        {
            "journey": access.journey,
            "film": film,
            "rows": rows,
            "played": [r for r in rows if r["played"]],
            "skipped": [r for r in rows if not r["played"]],
            "form": form,
            "remarks": list(
                film.remarks.select_related("contribution", "contribution__raised_by").order_by(
                    "id"
                )
            ),
            "worst": selectors.worst_touchpoints(access.journey),
        },
        status=400 if form.errors else 200,
    )


@journey_view("manage")
@require_http_methods(["GET", "POST"])
def film_edit(request: HttpRequest, access: Access, film_pk: int) -> HttpResponse:
    """The film's clips in order (move, take out) and a form to add one (facilitators)."""
    film = _film(access, film_pk)
    form = forms.FilmClipForm(request.POST or None, clips=selectors.addable_clips(film))
    if request.method == "POST" and form.is_valid():
        try:
            services.film_clip_add(
                actor=request.user, film=film, clip=form.clips[form.cleaned_data["clip"]]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Clip added at the end of the film."))
            return redirect(request.path)
    return render(
        request,
        "stories/film_edit.html",
        {"journey": access.journey, "film": film, "rows": selectors.film_rows(film), "form": form},
        status=400 if form.errors else 200,
    )


@journey_view("manage")
@require_POST
def film_clip_remove(
    request: HttpRequest, access: Access, film_pk: int, film_clip_pk: int
) -> HttpResponse:
    film = _film(access, film_pk)
    services.film_clip_remove(actor=request.user, item=_item(film, film_clip_pk))
    messages.success(request, _("Taken out of the film."))
    return redirect(
        reverse("stories:film_edit", kwargs={"slug": access.journey.slug, "film_pk": film.pk})
    )


@journey_view("manage")
@require_POST
def film_clip_move(
    request: HttpRequest, access: Access, film_pk: int, film_clip_pk: int
) -> HttpResponse:
    film = _film(access, film_pk)
    try:
        services.film_clip_move(
            actor=request.user,
            item=_item(film, film_clip_pk),
            direction=request.POST.get("direction", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(
        reverse("stories:film_edit", kwargs={"slug": access.journey.slug, "film_pk": film.pk})
    )


def _playable_item(access: Access, film_pk: int, film_clip_pk: int) -> FilmClip:
    film = _film(access, film_pk)
    item = _item(film, film_clip_pk)
    if item.clip is None or not selectors.playable(item.clip.story):
        raise Http404("No consent to play this")
    return item


@journey_view("view")
def film_clip_media(
    request: HttpRequest, access: Access, film_pk: int, film_clip_pk: int
) -> HttpResponse | StreamingHttpResponse:
    """A film clip's recording, only while its teller's consent for events is in force (asked
    again on every request, so every range request of a playing video asks too)."""
    item = _playable_item(access, film_pk, film_clip_pk)
    assert item.clip is not None
    f = item.clip.file
    return files.file_response(
        request, f.name, content_type=f.content_type, filename=f"film-{film_pk}-{item.pk}"
    )


@journey_view("view")
def film_clip_captions(
    request: HttpRequest, access: Access, film_pk: int, film_clip_pk: int
) -> HttpResponse:
    item = _playable_item(access, film_pk, film_clip_pk)
    assert item.clip is not None
    return HttpResponse(services.captions_for(item.clip), content_type="text/vtt; charset=utf-8")


@journey_view("manage")
@require_POST
def film_vote(request: HttpRequest, access: Access, film_pk: int) -> HttpResponse:
    """Put the moments that felt worst to the priority vote, in one step."""
    film = _film(access, film_pk)
    try:
        vote = services.film_priority_vote(actor=request.user, film=film)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(film.get_absolute_url() + "#worst")
    messages.success(
        request,
        _(
            "The vote is ready, with the moments that felt worst as its items. Open it when the group is ready."
        ),
    )
    return redirect(
        reverse("decisions:vote", kwargs={"slug": access.journey.slug, "vote_pk": vote.pk})
    )
