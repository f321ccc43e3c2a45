"""The notices part of the journey's "What's next" panel: notices that could not be sent.

Facilitators only (they are the ones who can try again). One query.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from powerwith.common.access import Access
from powerwith.journeys.next_steps import Link, NextStep

from . import vocab
from .models import Notice

ORDER = 25


def provide(access: Access, user: Any) -> list[NextStep]:
    if not access.can_manage:
        return []
    journey = access.journey
    failed = Notice.objects.filter(journey=journey, status=vocab.FAILED).count()
    if not failed:
        return []
    url = reverse("notices:outbox", kwargs={"slug": journey.slug}) + f"?status={vocab.FAILED}"
    return [
        NextStep(
            "notices",
            _("Notices that could not be sent"),
            ngettext(
                "%(n)s person was not told what happened to what they raised: the notice could "
                "not be sent.",
                "%(n)s notices telling people what happened to what they raised could not be sent.",
                failed,
            )
            % {"n": failed},
            (Link(_("See why, and try again"), url),),
            attention=True,
        )
    ]
