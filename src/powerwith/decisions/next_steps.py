"""The decisions part of the journey's "What's next" panel: priority votes open now, and a
link to vote in each one the person looking has not voted in yet."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from powerwith.common.access import Access
from powerwith.common.dates import long_date
from powerwith.journeys.next_steps import Link, NextStep

from . import selectors, vocab
from .models import BallotReceipt, Vote

ORDER = 30


def provide(access: Access, user: Any) -> list[NextStep]:
    journey = access.journey
    now = timezone.now()
    votes = list(
        Vote.objects.filter(journey=journey, state=vocab.OPEN)
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        .order_by("id")
    )
    if not votes:
        return []
    me = selectors.voter_for(user, journey)
    voted = (
        set(
            BallotReceipt.objects.filter(vote__in=votes, person=me).values_list(
                "vote_id", flat=True
            )
        )
        if me is not None
        else set()
    )
    links = []
    for v in votes:
        kw = {"slug": journey.slug, "vote_pk": v.pk}
        if me is not None and v.pk not in voted:
            links.append(
                Link(
                    _("Vote in “%(title)s”") % {"title": v.title},
                    reverse("decisions:ballot", kwargs=kw),
                )
            )
        else:
            links.append(
                Link(
                    _("See “%(title)s”") % {"title": v.title}, reverse("decisions:vote", kwargs=kw)
                )
            )
    closing = [v.closes_at for v in votes if v.closes_at]
    text = ngettext("%(n)s priority vote open.", "%(n)s priority votes open.", len(votes)) % {
        "n": len(votes)
    }
    if closing:
        text += " " + _("The first closes on %(date)s.") % {
            "date": long_date(timezone.localtime(min(closing)))
        }
    left = sum(1 for v in votes if me is not None and v.pk not in voted)
    if left:
        text += " " + (
            _("You have not voted in it yet.")
            if len(votes) == 1
            else _("You have not voted in %(n)s yet.") % {"n": left}
        )
    return [NextStep("votes", _("Votes open"), text, tuple(links))]
