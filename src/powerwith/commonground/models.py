"""Statement rounds (Pol.is-style): people agree, disagree or pass on short statements, and
the maths in ``analysis.py`` finds opinion groups and common ground, by side.

A participant is pseudonymous: a random id, linked to a person only when a signed-in member
takes part (then their side is known). Only the latest vote per participant and statement is
kept, and the database says so (one response row per pair)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from powerwith.common.models import TimeStamped
from powerwith.people import vocab as people_vocab

ACCEPTED, PENDING, REJECTED = "accepted", "pending", "rejected"
MODERATION = [
    (ACCEPTED, _("Accepted")),
    (PENDING, _("Waiting to be checked")),
    (REJECTED, _("Not accepted")),
]
AGREE, PASS, DISAGREE = 1, 0, -1
VOTES = [(AGREE, _("Agree")), (PASS, _("Pass or unsure")), (DISAGREE, _("Disagree"))]
# How a participant's responses reached us: on a screen (by the round's link, or signed in),
# typed in by a facilitator from a returned paper sheet, or imported (Pol.is).
ONLINE, PAPER, IMPORTED = "online", "paper", "imported"
CHANNELS = [(ONLINE, _("Online")), (PAPER, _("Paper sheet")), (IMPORTED, _("Imported"))]


def new_public_id() -> str:
    return secrets.token_urlsafe(12)


def new_answers_version() -> int:
    return secrets.randbits(62)


def new_link_token() -> str:
    # The round's public address: unguessable, so only people given the link or QR code
    # can reach it (16 random bytes).
    return secrets.token_urlsafe(16)


class StatementRound(TimeStamped):
    journey = models.ForeignKey(
        "journeys.Journey", on_delete=models.CASCADE, related_name="statement_rounds"
    )
    question = models.CharField(max_length=500)
    is_open = models.BooleanField(default=True)
    participants_may_add = models.BooleanField(default=False)
    closes_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Where the round came from when imported (e.g. "polis:brexit-consensus").
    source = models.CharField(max_length=200, blank=True)
    # Anyone given the round's link (or its QR code) may respond without an account.
    open_by_link = models.BooleanField(default=True)
    link_token = models.CharField(max_length=32, unique=True, default=new_link_token)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.question


class Statement(TimeStamped):
    round = models.ForeignKey(StatementRound, on_delete=models.CASCADE, related_name="statements")
    text = models.TextField()
    moderation = models.CharField(max_length=10, choices=MODERATION, default=ACCEPTED)
    author = models.ForeignKey(
        "Participant", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The contribution it was seeded from, so its fate can be followed.
    contribution = models.ForeignKey(
        "contributions.Contribution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
    )
    external_id = models.CharField(max_length=64, blank=True)  # Pol.is comment-id

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "external_id"],
                condition=~models.Q(external_id=""),
                name="commonground_statement_external_once",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Participant(TimeStamped):
    round = models.ForeignKey(StatementRound, on_delete=models.CASCADE, related_name="participants")
    public_id = models.CharField(max_length=32, unique=True, default=new_public_id)
    # Set only when a signed-in member takes part; never shown with the results.
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The person's side when they took part (a snapshot: a later change of role does not move
    # their votes to the other side). Blank when not known.
    side = models.CharField(max_length=12, choices=people_vocab.SIDES.choices, blank=True)
    external_id = models.CharField(max_length=64, blank=True)  # Pol.is participant id
    channel = models.CharField(max_length=10, choices=CHANNELS, default=ONLINE)
    # A keyed hash of the short code that lets someone continue on another device (the code
    # itself is worked out from ``public_id`` when shown; see ``services.resume_code``).
    resume_key = models.CharField(max_length=64, blank=True, db_index=True)
    # A new random value whenever this participant's answers change (``response_record``), so
    # the vote matrix kept between recomputes (``kept.py``) re-reads only the participants
    # whose answers changed. Random, not a counter: a database restored from a backup, or a
    # test's copy of the demo, cannot bring back a value the kept matrix already holds for
    # other answers.
    answers_version = models.BigIntegerField(
        default=new_answers_version,
        help_text="Changes whenever the participant's answers change; no meaning of its own.",
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "person"],
                condition=models.Q(person__isnull=False),
                name="commonground_participant_person_once",
            ),
            models.UniqueConstraint(
                fields=["round", "external_id"],
                condition=~models.Q(external_id=""),
                name="commonground_participant_external_once",
            ),
        ]

    def __str__(self) -> str:
        return f"Participant {self.public_id}"


class Response(models.Model):
    """The latest vote of one participant on one statement."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="responses")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="responses")
    vote = models.SmallIntegerField(choices=VOTES)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "statement"], name="commonground_one_response"
            ),
            models.CheckConstraint(
                condition=models.Q(vote__in=[-1, 0, 1]), name="commonground_vote_values"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vote:+d} on statement {self.statement_id}"


class Vote(models.Model):
    """Every vote as it was cast, a change of mind included: the history that the analysis
    reduces to the latest vote per participant and statement (``Response``). Written with
    each ``Response`` by ``services.response_record`` and by ``import-polis`` (every line of
    ``votes.csv``); exported in Pol.is's ``votes.csv`` and in the full data package."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="vote_history"
    )
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="vote_history")
    vote = models.SmallIntegerField(choices=VOTES)
    cast_at = models.DateTimeField()

    class Meta:
        ordering = ["cast_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(vote__in=[-1, 0, 1]), name="commonground_vote_history_values"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vote:+d} on statement {self.statement_id} at {self.cast_at:%Y-%m-%d %H:%M}"
