"""Leaving's part of the journey's "What's next" panel, for facilitators: follow-up reviews
due within 30 days or overdue, and a legacy plan still to make when the funding ends within
the ``funding_ends_no_plan`` warning sign's days (or has ended)."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from powerwith.common.access import Access
from powerwith.common.dates import long_date
from powerwith.insights.thresholds import thresholds_for
from powerwith.journeys.next_steps import Link, NextStep

from . import selectors

ORDER = 60
SOON = 30  # days ahead a review is shown


def provide(access: Access, user: Any) -> list[NextStep]:
    if not access.can_manage:
        return []
    journey = access.journey
    legacy = selectors.legacy_of(journey)
    end = selectors.end_of(journey, legacy)
    if end is None:
        return []
    today = timezone.localdate()
    url = reverse("leaving:legacy", kwargs={"slug": journey.slug})
    steps: list[NextStep] = []
    funding = legacy.funding_ends_on if legacy else None
    has_plan = bool(legacy and legacy.plan_agreed_on)
    days_ahead = int(thresholds_for(journey)["funding_ends_no_plan"]["days"])
    if funding is not None and not has_plan and (funding - today).days <= days_ahead:
        days = (funding - today).days
        steps.append(
            NextStep(
                key="legacy_plan",
                heading=gettext("Make a legacy plan"),
                text=(
                    ngettext(
                        "The funding ends in %(n)s day, on %(day)s.",
                        "The funding ends in %(n)s days, on %(day)s.",
                        days,
                    )
                    if days >= 0
                    else gettext("The funding ended on %(day)s.")
                )
                % {"n": days, "day": long_date(funding)},
                links=(Link(gettext("Plan what carries on"), url),),
                attention=True,
            )
        )
    for due in selectors.reviews_due(journey, legacy):
        if due.review is not None or due.due_on > today + datetime.timedelta(days=SOON):
            continue
        late = due.due_on < today
        steps.append(
            NextStep(
                key=f"review_{due.months}",
                heading=ngettext(
                    "The %(n)s-month follow-up review",
                    "The %(n)s-month follow-up review",
                    due.months,
                )
                % {"n": due.months},
                text=(
                    gettext("It was due on %(day)s.") if late else gettext("It is due on %(day)s.")
                )
                % {"day": long_date(due.due_on)},
                links=(Link(gettext("Record the review"), url + f"#review-{due.months}"),),
                attention=late,
            )
        )
    return steps
