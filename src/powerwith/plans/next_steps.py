"""The plan's part of the journey's "What's next" panel: where the group is (the current
stage, its planned dates, late or not) and what comes next."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from powerwith.common.access import Access
from powerwith.common.dates import long_date
from powerwith.journeys.next_steps import Link, NextStep

from . import selectors

ORDER = 5


def _dates(row: selectors.StageRow) -> str:
    s = row.stage
    if s.planned_start and s.planned_end:
        return _("Planned from %(start)s to %(end)s.") % {
            "start": long_date(s.planned_start),
            "end": long_date(s.planned_end),
        }
    if s.planned_end:
        return _("Planned to end on %(end)s.") % {"end": long_date(s.planned_end)}
    if s.planned_start:
        return _("Planned to start on %(start)s.") % {"start": long_date(s.planned_start)}
    return _("No dates planned yet.")


def provide(access: Access, user: Any) -> list[NextStep]:
    view = selectors.plan_view(access.journey, with_gatherings=False, with_plan=False)
    url = reverse("plans:plan", kwargs={"slug": access.journey.slug})
    if not view.rows:
        if not access.can_manage:
            return []
        return [
            NextStep(
                "plan",
                _("Plan the journey's stages"),
                _(
                    "There is no plan of stages yet. Follow experience-based co-design, the "
                    "co-production cycle, or a plan of your own."
                ),
                (Link(_("Make a plan"), url),),
            )
        ]
    current = view.current
    if current is None:
        return [
            NextStep(
                "plan",
                _("Where we are in the plan"),
                _("Every stage of the plan is done."),
                (Link(_("See the plan"), url),),
            )
        ]
    position = view.rows.index(current) + 1
    text = _("Stage %(n)s of %(total)s: %(name)s.") % {
        "n": position,
        "total": len(view.rows),
        "name": current.stage.name,
    }
    text += " " + _dates(current)
    if current.late:
        text += " " + ngettext(
            "Late: its planned end passed %(days)s day ago.",
            "Late: its planned end passed %(days)s days ago.",
            current.late_days,
        ) % {"days": current.late_days}
    following = view.following
    if following is not None:
        text += " " + _("Next: %(name)s.") % {"name": following.stage.name}
    return [
        NextStep(
            "plan",
            _("Where we are in the plan"),
            text,
            (Link(_("See the plan"), url),),
            attention=current.late,
        )
    ]
