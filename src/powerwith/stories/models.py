"""Stories: a person's experience told in an interview, on film, as sound, in photos or in
writing; the files that carry it; and the teller's consent for each use.

A withdrawn story keeps only its row (side, medium, dates) so the figures can say that a story
was withdrawn; its words, title and files are gone, and no page shows it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from powerwith.common.models import TimeStamped
from powerwith.people import vocab as people_vocab

from . import vocab


class Story(TimeStamped):
    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="stories"
    )
    teller = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, related_name="stories"
    )
    # The teller's role and side on the day it was told (as contributions keep them).
    teller_role = models.CharField(max_length=24, choices=people_vocab.ROLES.choices, blank=True)
    teller_side = models.CharField(max_length=12, choices=people_vocab.SIDES.choices, blank=True)
    medium = models.CharField(max_length=12, choices=vocab.MEDIA.choices)
    title = models.CharField(max_length=200)
    words = models.TextField(blank=True)
    told_on = models.DateField()
    # Who typed it in, and how it reached us (provenance, as for contributions).
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    provenance = models.CharField(max_length=300, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-told_on", "-id"]
        indexes = [models.Index(fields=["journey", "withdrawn_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(title="", words="", provenance=""),
                name="withdrawn_story_keeps_no_words",
            )
        ]

    def __str__(self) -> str:
        return self.title or str(_("Withdrawn story"))

    def get_absolute_url(self) -> str:
        return reverse("stories:detail", kwargs={"slug": self.journey.slug, "story_pk": self.pk})


class StoryFile(models.Model):
    """A recording, photo or document of a story, kept through ``common.files``."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=300, unique=True)  # the storage's (random) name
    kind = models.CharField(max_length=8)  # audio, video, image, pdf, text
    # Fields holding a stored file's name (common.files): a backup copies those files too.
    stored_file_fields = ("name",)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    label = models.CharField(max_length=120, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return self.label or self.kind


class Consent(models.Model):
    """The teller's consent for one use of their story: who gave it, when, how, until when.

    Never edited: a new consent for the same use ends the one before (``ended_on``), and
    ending one is how a single use is withdrawn."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="consents")
    use = models.CharField(max_length=16, choices=vocab.USES.choices)
    how = models.CharField(max_length=8, choices=vocab.CONSENT_HOW.choices)
    given_on = models.DateField()
    until = models.DateField(null=True, blank=True)
    # Empty when the teller gave it themselves; else who gave it for them, in a few words.
    given_by = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    ended_on = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["use", "-given_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["story", "use"],
                condition=Q(ended_on__isnull=True),
                name="one_open_consent_per_use",
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("given_on")),
                name="consent_until_after_given",
            ),
        ]

    def __str__(self) -> str:
        return vocab.USES.label(self.use)


class Clip(models.Model):
    """A moment of a story's recording: start and end (seconds), what is said (the transcript)
    and its captions (WebVTT, for people who cannot hear it). Deleted with its file."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="clips")
    file = models.ForeignKey(StoryFile, on_delete=models.CASCADE, related_name="clips")
    start = models.DecimalField(max_digits=9, decimal_places=2)
    end = models.DecimalField(max_digits=9, decimal_places=2)
    transcript = models.TextField()
    captions = models.TextField(blank=True)
    touchpoint = models.ForeignKey(
        "contributions.Tag", on_delete=models.SET_NULL, null=True, blank=True, related_name="clips"
    )
    # The contribution this moment was raised as, linked back here.
    contribution = models.OneToOneField(
        "contributions.Contribution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clip",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__gte=0) & Q(end__gt=models.F("start")),
                name="clip_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.transcript[:60]


class Feeling(models.Model):
    """How one moment of the service (a touchpoint) felt to someone: better or worse, named
    feelings from a short list, and how strongly. Marked by them, or for them (provenance)."""

    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="feelings"
    )
    touchpoint = models.ForeignKey(
        "contributions.Tag", on_delete=models.CASCADE, related_name="feelings"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="feelings"
    )
    side = models.CharField(max_length=12, choices=people_vocab.SIDES.choices)
    direction = models.CharField(max_length=8, choices=vocab.DIRECTIONS.choices)
    feelings = models.CharField(max_length=200, blank=True)  # codes, comma-separated
    strength = models.PositiveSmallIntegerField()
    marked_on = models.DateField()
    channel = models.CharField(max_length=8, choices=vocab.FEELING_CHANNELS.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    provenance = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["marked_on", "id"]
        indexes = [models.Index(fields=["journey", "touchpoint"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(strength__gte=1) & Q(strength__lte=3), name="feeling_strength_1_to_3"
            )
        ]

    def __str__(self) -> str:
        return f"{self.direction} {self.feelings}"


class Film(TimeStamped):
    """The trigger film of a gathering (the joint event, usually): clips played in order.

    A clip is added only while its story's consent covers "shown to staff at events", and that
    consent is asked again each time the film is played, so a withdrawal takes effect at once.
    """

    journey = models.ForeignKey("journeys.Journey", on_delete=models.CASCADE, related_name="films")
    gathering = models.ForeignKey(
        "gatherings.Gathering", on_delete=models.CASCADE, related_name="films"
    )
    title = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("stories:film", kwargs={"slug": self.journey.slug, "film_pk": self.pk})


class FilmClip(models.Model):
    """One clip in a film, at its place (1, 2, 3...). When its story is withdrawn the clip is
    deleted with the story's files and the place is kept empty, so the facilitator is told
    that something was taken out (never what it was)."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="items")
    clip = models.ForeignKey(
        Clip, on_delete=models.SET_NULL, null=True, blank=True, related_name="film_items"
    )
    position = models.PositiveIntegerField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["film", "clip"], name="clip_once_per_film"),
        ]

    def __str__(self) -> str:
        return f"{self.position}: {self.clip}"


class Remark(models.Model):
    """What someone said at a screening about one clip: a contribution (with its own fate and
    provenance), linked to the clip and the film it was said at."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="remarks")
    clip = models.ForeignKey(
        Clip, on_delete=models.SET_NULL, null=True, blank=True, related_name="remarks"
    )
    contribution = models.OneToOneField(
        "contributions.Contribution", on_delete=models.CASCADE, related_name="screening_remark"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.contribution)
