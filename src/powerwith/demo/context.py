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
    "powerwith.decisions.demo",
    "powerwith.reflection.demo",
    "powerwith.inclusion.demo",
]

EBCD = "ebcd"  # the hospital breast-cancer service running experience-based co-design
LAB = "lab"  # the council innovation team working with a community in informal venues


@dataclass
class DemoJourney:
    key: str
    journey: Any
    people: dict[str, Any] = field(default_factory=dict)  # by name
    gatherings: list[Any] = field(default_factory=list)  # oldest first
    contributions: list[Any] = field(default_factory=list)  # oldest first
    joint_event: Any = None  # the EBCD journey's joint staff-patient event (a Gathering)


@dataclass
class DemoContext:
    facilitator: Any  # the demo facilitator's user account (facilitator of both journeys)
    users: dict[str, Any]  # other demo accounts by email
    journeys: dict[str, DemoJourney]
    today: datetime.date
    rng: random.Random
