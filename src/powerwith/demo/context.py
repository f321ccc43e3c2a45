"""What the demo loader hands to each app's demo extension.

The loader (``powerwith.demo.loader``) builds the two demo journeys' core record (people,
gatherings, attendance, turns, contributions and their fates) through the real services, then
calls ``extend(ctx)`` of every module in ``EXTENSIONS`` in order. Extensions must be
deterministic (use ``ctx.rng``) and use services, so loading twice gives the same demo.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from typing import Any

EXTENSIONS = [
    "powerwith.gatherings.demo",
    "powerwith.contributions.demo",
    "powerwith.decisions.demo",
    "powerwith.reflection.demo",
    "powerwith.inclusion.demo",
    "powerwith.budgets.demo",
    "powerwith.care.demo",
    "powerwith.outreach.demo",
    "powerwith.groundrules.demo",
    "powerwith.plans.demo",
    "powerwith.stories.demo",
    "powerwith.commonground.demo",
    "powerwith.notices.demo",
    "powerwith.trials.demo",
    "powerwith.training.demo",
    "powerwith.leaving.demo",
    "powerwith.reports.demo",
]

EBCD = "ebcd"  # the hospital breast-cancer service running experience-based co-design
LAB = "lab"  # the council innovation team working with a community in informal venues


@dataclass
class DemoWorkingGroup:
    """A co-design working group in the story. The loader does not create a CoDesignGroup (that
    belongs to the decisions app): its extension can, from this, and link ``gatherings``."""

    name: str
    purpose: str
    item: Any  # the prioritised Contribution it grew from
    members: list[Any]  # Persons
    gatherings: list[Any]  # its meetings (Gatherings), oldest first
    formed_on: datetime.date
    closed_on: datetime.date | None = None  # set when it stopped meeting


@dataclass
class DemoJourney:
    key: str
    journey: Any
    people: dict[str, Any] = field(default_factory=dict)  # by name
    gatherings: list[Any] = field(default_factory=list)  # oldest first
    contributions: list[Any] = field(default_factory=list)  # oldest first
    joint_event: Any = None  # the EBCD journey's joint staff-patient event (a Gathering)
    # Where the group chose its priorities (EBCD: the joint event; the lab: the film screening),
    # the items on the ballot there, and the ones that came out on top (now "prioritised").
    priority_event: Any = None
    shortlist: list[Any] = field(default_factory=list)  # Contributions
    priorities: list[Any] = field(default_factory=list)  # Contributions, the winners
    working_groups: list[DemoWorkingGroup] = field(default_factory=list)


@dataclass
class DemoContext:
    facilitator: Any  # the demo facilitator's user account (facilitator of both journeys)
    users: dict[str, Any]  # other demo accounts by email
    journeys: dict[str, DemoJourney]
    today: datetime.date
    rng: random.Random
