"""A large, realistic, deterministic dataset: a national programme of co-production journeys.

Sizes (``scale`` 1 is the base; 10 is the national programme the issue asks for):

=============== ======== ===========
                1x       10x
=============== ======== ===========
journeys        100      1,000
people          10,000   100,000
attendance      100,000  1,000,000
speaking turns  200,000  2,000,000
contributions   30,000   300,000
=============== ======== ===========

Two journeys are named, so figures can be compared across scales:

- ``bench-large``: its own data grows with the scale (1x: 200 people, 50 gatherings, 2,000
  attendance, 5,000 turns, 600 contributions; 10x: ten times that). Timing it at 1x and 10x
  shows whether cost grows faster than the journey's own data.
- ``bench-steady``: the same size at every scale from 1x up (100 people, 1,000 attendance,
  2,500 turns, 300 contributions). Its time should not move when the rest of the programme
  grows tenfold.

The other journeys share the rest with a skew (log-normal weights): most are small, a few are
very large. Every journey gets organisations, people with role spells (about 5% change role),
gatherings of every kind and venue, agenda items with proposers, attendance (present, apologies,
absent), speaking turns (professionals speak more; some journeys record no turns; some
gatherings are timed live, others entered afterwards), contributions through every channel
(some anonymous) with their fate, history rows and tags, decisions (with limits and the
contributions they answer), limits (some undisclosed), co-design groups, a definition and values.

**Why bulk inserts and not the services.** The services check permissions, validate, write an
audit line and look up role spells row by row: a few milliseconds a record, so hours for the
10x programme. They are exercised by the test suite. The generator writes rows directly (one
transaction; ``executemany`` on SQLite, ``COPY`` on PostgreSQL), filling the role/side
snapshots, fate history, ``first_response_on``, ``last_change`` and the rest exactly as the
services would. ``tests/bench/test_generator.py`` checks that at a tiny scale: every model's
``full_clean`` passes on a sample, the database's constraints hold, snapshots equal
``people.services.role_on``, and the insights run on it. The audit trail is not generated:
no figure reads it.

Determinism: the same ``seed``, ``scale`` and ``today`` give the same rows (ids included, on an
empty database). ``today`` defaults to the current date so that "recent" figures see data.
"""

from __future__ import annotations

import bisect
import datetime
import math
import random
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, models, transaction

from powerwith.common.figures import figures_changed
from powerwith.contributions import vocab as cvocab
from powerwith.contributions.models import Contribution, FateChange, Tag
from powerwith.decisions import vocab as dvocab
from powerwith.decisions.models import CoDesignGroup, Decision
from powerwith.gatherings import vocab as gvocab
from powerwith.gatherings.models import AgendaItem, Attendance, Gathering, SpeakingTurn
from powerwith.journeys import vocab as jvocab
from powerwith.journeys.models import DefinitionVersion, Journey, JourneyValue, Limit, Membership
from powerwith.organisations import vocab as ovocab
from powerwith.organisations.models import Organisation as HostOrganisation
from powerwith.organisations.models import OrganisationRole
from powerwith.people import vocab as pvocab
from powerwith.people.models import Organisation, Person, RoleSpell

LARGE_SLUG = "bench-large"
STEADY_SLUG = "bench-steady"
FACILITATOR_EMAIL = "bench-facilitator@example.org"
DEFAULT_SEED = 20250101


@dataclass(frozen=True)
class Size:
    people: int
    attendance: int
    turns: int
    contributions: int
    gatherings: int = 0  # 0: derived from attendance and group size

    def scaled(self, factor: float, floor: Size) -> Size:
        return Size(
            people=max(floor.people, round(self.people * factor)),
            attendance=max(floor.attendance, round(self.attendance * factor)),
            turns=max(floor.turns, round(self.turns * factor)),
            contributions=max(floor.contributions, round(self.contributions * factor)),
            gatherings=max(floor.gatherings, round(self.gatherings * factor)),
        )


BASE_JOURNEYS = 100
BASE_TOTAL = Size(people=10_000, attendance=100_000, turns=200_000, contributions=30_000)
LARGE_BASE = Size(people=200, attendance=2_000, turns=5_000, contributions=600, gatherings=50)
STEADY_BASE = Size(people=100, attendance=1_000, turns=2_500, contributions=300, gatherings=25)
# The smallest journey: a handful of people who met a few times.
FLOOR = Size(people=12, attendance=12, turns=0, contributions=3, gatherings=2)
JOURNEYS_PER_HOST = 7
USUAL_SUSPECTS_PER_HOST = 30  # individuals who take part in several journeys of one host
USUAL_SUSPECT_SHARE = 0.08  # of a journey's lived-experience members
NAMED_FLOOR = Size(people=12, attendance=24, turns=20, contributions=6, gatherings=3)


@dataclass(frozen=True)
class JourneyPlan:
    slug: str
    title: str
    kind: str  # "large", "steady" or "regular"
    size: Size
    lived_share: float  # share of people on the lived-experience side
    responsiveness: float  # how readily the journey responds to what is raised
    records_turns: bool
    has_senior: bool
    days: int  # how long ago it started
    host: int = 0  # which host organisation runs it (see host_name)


@dataclass(frozen=True)
class Plan:
    scale: float
    seed: int
    journeys: list[JourneyPlan]

    @property
    def totals(self) -> Size:
        return Size(
            people=sum(j.size.people for j in self.journeys),
            attendance=sum(j.size.attendance for j in self.journeys),
            turns=sum(j.size.turns for j in self.journeys),
            contributions=sum(j.size.contributions for j in self.journeys),
        )

    def journey(self, slug: str) -> JourneyPlan:
        return next(j for j in self.journeys if j.slug == slug)


def largest_remainder(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``weights``, summing exactly to ``total``."""
    wsum = sum(weights)
    if total <= 0 or wsum <= 0:
        return [0] * len(weights)
    quotas = [total * w / wsum for w in weights]
    out = [math.floor(q) for q in quotas]
    short = total - sum(out)
    order = sorted(range(len(weights)), key=lambda i: (out[i] - quotas[i], i))
    for i in order[:short]:
        out[i] += 1
    return out


def _cap(weights: list[float], cap: float) -> list[float]:
    """Water-filling: no weight above ``cap`` (as a share of the total), the excess spread."""
    total = sum(weights)
    w = [x / total for x in weights]
    if cap * len(w) <= 1:
        return w
    for _ in range(100):
        over = [i for i, x in enumerate(w) if x > cap + 1e-12]
        if not over:
            break
        excess = sum(w[i] - cap for i in over)
        for i in over:
            w[i] = cap
        free = [i for i, x in enumerate(w) if x < cap]
        free_sum = sum(w[i] for i in free)
        for i in free:
            w[i] += excess * w[i] / free_sum
    return w


def make_plan(scale: float, seed: int = DEFAULT_SEED) -> Plan:
    """Decide every journey's size. Totals are exact: ``BASE_TOTAL * scale`` (rounded)."""
    if scale <= 0:
        raise ValueError("scale must be positive")
    rng = random.Random(f"plan:{seed}:{scale}")
    n_journeys = max(3, round(BASE_JOURNEYS * scale))
    total = BASE_TOTAL.scaled(scale, Size(0, 0, 0, 0))
    large = LARGE_BASE.scaled(scale, NAMED_FLOOR)
    steady = STEADY_BASE.scaled(min(scale, 1.0), NAMED_FLOOR)
    n_regular = n_journeys - 2
    rest = {
        "people": total.people - large.people - steady.people,
        "attendance": total.attendance - large.attendance - steady.attendance,
        "turns": total.turns - large.turns - steady.turns,
        "contributions": total.contributions - large.contributions - steady.contributions,
    }
    for key, value in rest.items():
        if value < n_regular * getattr(FLOOR, key):
            raise ValueError(f"scale {scale} is too small for {n_journeys} journeys ({key})")

    traits = []
    for _ in range(n_regular):
        traits.append(
            {
                "weight": rng.lognormvariate(0.0, 1.0),
                "attend": rng.uniform(0.7, 1.3),
                "talk": rng.uniform(0.5, 1.5),
                "raise": rng.uniform(0.6, 1.4),
                "records_turns": rng.random() >= 0.1,
                "lived_share": rng.uniform(0.35, 0.75),
                "responsiveness": rng.uniform(0.45, 0.95),
                "has_senior": rng.random() >= 0.3,
                "days": rng.randint(120, 1500),
            }
        )
    if traits and not any(t["records_turns"] for t in traits):
        traits[0]["records_turns"] = True
    # No ordinary journey is bigger than 80% of the large one, so "large" means what it says.
    cap = 0.8 * large.attendance / max(1, rest["attendance"])
    w = _cap([float(t["weight"]) for t in traits], cap)

    def alloc(key: str, factor: str | None) -> list[int]:
        floor = getattr(FLOOR, key)
        weights = [w[i] * (float(traits[i][factor]) if factor else 1.0) for i in range(n_regular)]
        if key == "turns":
            weights = [x if traits[i]["records_turns"] else 0.0 for i, x in enumerate(weights)]
        extra = largest_remainder(rest[key] - n_regular * floor, weights)
        return [floor + e for e in extra]

    people = alloc("people", None)
    attendance = alloc("attendance", "attend")
    turns = alloc("turns", "talk")
    contributions = alloc("contributions", "raise")

    # A host organisation runs about seven journeys: the programme grows by more hosts, not by
    # bigger ones, so "other journeys of the same host" stays the same size at every scale.
    n_hosts = max(2, round(n_regular / JOURNEYS_PER_HOST))
    journeys = [
        JourneyPlan(
            slug=LARGE_SLUG,
            title="National programme: large journey",
            kind="large",
            size=large,
            lived_share=0.55,
            responsiveness=0.75,
            records_turns=True,
            has_senior=True,
            days=1095,
            host=0,
        ),
        JourneyPlan(
            slug=STEADY_SLUG,
            title="National programme: steady journey",
            kind="steady",
            size=steady,
            lived_share=0.6,
            responsiveness=0.7,
            records_turns=True,
            has_senior=True,
            days=730,
            host=1,
        ),
    ]
    for i in range(n_regular):
        t = traits[i]
        place = PLACES[i % len(PLACES)]
        topic = TOPICS[(i // len(PLACES)) % len(TOPICS)]
        journeys.append(
            JourneyPlan(
                slug=f"bench-{i + 1:04d}",
                title=f"{topic} in {place} ({i + 1})",
                kind="regular",
                size=Size(people[i], attendance[i], turns[i], contributions[i]),
                lived_share=float(t["lived_share"]),
                responsiveness=float(t["responsiveness"]),
                records_turns=bool(t["records_turns"]),
                has_senior=bool(t["has_senior"]),
                days=int(t["days"]),
                host=i % n_hosts,
            )
        )
    return Plan(scale=scale, seed=seed, journeys=journeys)


# ---------------------------------------------------------------------------------------------
# Words


def _words(text: str) -> list[str]:
    return [w.strip() for w in text.split(",")]


PLACES = _words(
    "Leeds, Bradford, Hull, Sheffield, York, Wakefield, Halifax, Doncaster, Rotherham, "
    "Barnsley, Harrogate, Scarborough, Huddersfield, Dewsbury, Keighley, Selby, Goole, Whitby, "
    "Ripon, Pontefract, Batley, Castleford, Skipton, Otley, Ilkley, Bridlington, Beverley, "
    "Grimsby, Scunthorpe, Lincoln"
)
TOPICS = _words(
    "Better breast care, Tackling loneliness, Mental health crisis care, Leaving prison well, "
    "Young carers' support, Dementia-friendly town, Tenants' repairs, Maternity voices, "
    "Community transport, Food and warm spaces, Diabetes care, "
    "Learning disability day services, Youth club redesign, Sight loss support, "
    "Hospital discharge"
)
FIRST_NAMES = _words(
    "Aisha, Ben, Carys, Dev, Ella, Farid, Grace, Hamza, Iris, Jon, Kiran, Lena, Mo, Nia, Olu, "
    "Priya, Quinn, Rosa, Sam, Tariq, Uma, Vic, Wen, Xander, Yusuf, Zara, Alf, Bea, Cal, Dot, "
    "Eli, Fay, Gus, Hal, Ivy"
)
ORG_WORDS = {
    "voluntary": ["Carers' Centre", "Community Trust", "Befriending Scheme", "Food Bank"],
    "statutory_health": ["NHS Foundation Trust", "GP Practice", "Community Health Service"],
    "statutory_council": ["City Council", "Adult Social Care", "Housing Services"],
    "government": ["Department Regional Office", "Job Centre"],
    "infrastructure": ["Bus Company", "Community Transport"],
    "funder": ["Community Foundation", "Lottery Fund", "Health Charity Fund"],
    "research": ["University", "Evaluation Partnership"],
    "campaigning": ["Patients' Association", "Tenants' Federation"],
    "business": ["Corner Café", "Pharmacy"],
    "other": ["Faith Group", "Residents' Group"],
}
CONTRIBUTION_TEXTS = [
    "The waiting room is cold first thing in the morning.",
    "Letters arrive after the appointment they are about.",
    "Nobody tells you who to ring when something goes wrong.",
    "The bus does not stop near the clinic on Sundays.",
    "I had to tell my story five times to five people.",
    "Evening sessions would let working carers come.",
    "The forms are full of words I do not understand.",
    "We need somewhere to sit that is not a corridor.",
    "Staff change so often that nobody knows us.",
    "Could the leaflet come in large print and Urdu?",
    "Parking costs more than the prescription.",
    "The phone line closes before school pick-up ends.",
    "A peer supporter on the ward made all the difference.",
    "The hearing loop in the meeting room does not work.",
    "Please send the papers a week before, not the night before.",
    "Young people want to meet somewhere that is not the town hall.",
    "Results should be explained face to face, not by text.",
    "Volunteers are doing what paid staff used to do.",
    "The step at the entrance stops wheelchair users.",
    "We want to see what happened to what we said last time.",
]
NOT_POSSIBLE_REASONS = [
    "The building belongs to the hospital trust and cannot be changed this year.",
    "There is no budget for it until the next financial year.",
    "It is set by national rules that the group cannot change.",
    "The service it concerns is run by another organisation that said no.",
    "It would need staff the service does not have.",
]
RESPONSES = [
    "We changed the times so more people can come.",
    "The leaflet is now in large print and three languages.",
    "A named contact now rings everyone back within two days.",
    "The room was moved to the ground floor.",
    "Staff were trained together with people who use the service.",
]
LIMIT_TEXTS = [
    ("The budget for the service", "funder"),
    ("Which hospital site hosts the clinic", "organisation"),
    ("National waiting-time rules", "law"),
    ("Staff contracts and pay", "organisation"),
    ("How the group takes decisions", "group"),
    ("The opening hours of the building", "organisation"),
]
TAG_NAMES = [
    *(
        (name, "theme")
        for name in _words(
            "waiting times, communication, access, transport, information, staff attitude, "
            "environment, continuity, language, cost"
        )
    ),
    *(
        (name, "touchpoint")
        for name in _words(
            "first appointment, diagnosis, ward stay, discharge, follow-up, reception, phone line, "
            "home visit"
        )
    ),
]
AGENDA_TITLES = _words(
    "Welcome and ground rules, What happened since last time, Waiting times, "
    "Feedback from the survey, Ideas for the new leaflet, Budget update, "
    "Priorities for next quarter, Stories from people who use the service, "
    "Training for volunteers, Any other business, Venue and transport, Evaluation plan, "
    "Recruiting new members"
)
DECISION_TEXTS = [
    "Move the evening session to the community centre.",
    "Pay people for their time at the living wage.",
    "Rewrite the appointment letter with members.",
    "Start a peer support pilot on the ward.",
    "Keep the current opening hours for now.",
    "Ask the trust board to fund a named contact.",
]

# Weights: how often each kind of thing appears.
LIVED_ROLES = {
    "service_user": 45,
    "carer": 20,
    "community_member": 20,
    "volunteer": 10,
    "peer_worker": 5,
}
PRO_ROLES = {
    "frontline_staff": 40,
    "manager": 20,
    "senior_leader": 6,
    "partner_rep": 12,
    "funder": 4,
    "researcher": 6,
    "facilitator": 8,
}
# Professionals speak more (Farr 2018; Whitehead 2021: assertive people and paid
# representatives talk most).
SPEAK = {
    "service_user": 1.0,
    "carer": 1.0,
    "community_member": 0.9,
    "volunteer": 1.1,
    "peer_worker": 1.6,
    "frontline_staff": 1.8,
    "manager": 2.6,
    "senior_leader": 2.8,
    "partner_rep": 2.0,
    "funder": 1.5,
    "researcher": 1.2,
    "facilitator": 3.5,
}
NEXT_ROLE = {
    "service_user": "peer_worker",
    "carer": "volunteer",
    "community_member": "volunteer",
    "volunteer": "peer_worker",
    "peer_worker": "frontline_staff",
    "frontline_staff": "manager",
    "manager": "senior_leader",
    "senior_leader": "manager",
    "partner_rep": "manager",
    "funder": "partner_rep",
    "researcher": "partner_rep",
    "facilitator": "manager",
}
KIND_WEIGHTS = {
    "formal_meeting": 35,
    "workshop": 15,
    "codesign_event": 5,
    "informal_session": 15,
    "walk_and_talk": 5,
    "art_film": 5,
    "online_call": 10,
    "phone_round": 4,
    "survey_round": 3,
    "interview": 3,
}
VENUE_OF_KIND: dict[str, dict[str, int]] = {
    "formal_meeting": {"institutional": 70, "community": 30},
    "workshop": {"institutional": 40, "community": 60},
    "codesign_event": {"institutional": 50, "community": 50},
    "informal_session": {"community": 80, "home": 10, "outdoors": 10},
    "walk_and_talk": {"outdoors": 100},
    "art_film": {"community": 90, "institutional": 10},
    "online_call": {"online": 100},
    "phone_round": {"phone": 100},
    "survey_round": {"online": 60, "community": 40},
    "interview": {"home": 40, "community": 40, "phone": 20},
}
CHANNEL_WEIGHTS = {
    "gathering": 50,
    "paper": 10,
    "phone": 8,
    "comment_box": 8,
    "online": 14,
    "interview": 5,
    "story": 5,
}
ANONYMOUS_SHARE = {
    "gathering": 0.02,
    "paper": 0.3,
    "phone": 0.05,
    "comment_box": 0.8,
    "online": 0.2,
    "interview": 0.0,
    "story": 0.1,
}
# Paper, phone and anonymous voices are followed through less often: the dashboard should see it.
CHANNEL_FOLLOW = {
    "gathering": 1.0,
    "online": 0.9,
    "interview": 0.9,
    "story": 0.85,
    "paper": 0.7,
    "phone": 0.75,
    "comment_box": 0.6,
}
FINAL_FATES = {
    cvocab.DONE: 50,
    cvocab.NOT_POSSIBLE: 15,
    cvocab.MERGED: 7,
    cvocab.IN_PROGRESS: 12,
    cvocab.PRIORITISED: 6,
    cvocab.CONSIDERING: 10,
}
LEVEL_WEIGHTS = {
    "individual": 30,
    "local_community": 20,
    "organisational_service": 35,
    "organisational_culture": 10,
    "policy_structural": 5,
}
TAKER_WEIGHTS = {
    "group_consensus": 30,
    "group_vote": 15,
    "professional": 25,
    "organisation": 20,
    "funder": 10,
}
RUNG_WEIGHTS = {
    "coercing": 1,
    "educating": 4,
    "informing": 10,
    "consulting": 25,
    "engaging": 25,
    "co_designing": 25,
    "co_producing": 10,
}


class Weighted:
    """A fixed weighted choice, fast to draw from repeatedly."""

    def __init__(self, weights: dict[str, int] | dict[str, float]) -> None:
        self.items = list(weights)
        acc = 0.0
        self.cum: list[float] = []
        for k in self.items:
            acc += float(weights[k])
            self.cum.append(acc)
        self.total = acc

    def draw(self, rng: random.Random) -> str:
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


W_LIVED = Weighted(LIVED_ROLES)
W_PRO = Weighted(PRO_ROLES)
W_PRO_NO_SENIOR = Weighted({k: v for k, v in PRO_ROLES.items() if k != "senior_leader"})
W_KIND = Weighted(KIND_WEIGHTS)
W_VENUE = {k: Weighted(v) for k, v in VENUE_OF_KIND.items()}
W_CHANNEL = Weighted(CHANNEL_WEIGHTS)
W_FATE = Weighted(FINAL_FATES)
W_LEVEL = Weighted(LEVEL_WEIGHTS)
W_TAKER = Weighted(TAKER_WEIGHTS)
W_RUNG = Weighted(RUNG_WEIGHTS)
W_ORG = Weighted(
    {
        "voluntary": 30,
        "statutory_health": 20,
        "statutory_council": 15,
        "government": 3,
        "infrastructure": 4,
        "funder": 8,
        "research": 6,
        "campaigning": 6,
        "business": 4,
        "other": 4,
    }
)
W_TAGS = Weighted({"0": 25, "1": 40, "2": 25, "3": 10})


HOST_KINDS = _words(
    "NHS Foundation Trust, City Council, Community Trust, Health Charity, Housing Association"
)


def usual_suspect_keys(seed: int, host: int) -> list[uuid.UUID]:
    """The network keys of a host's "usual suspects", the same in each of its journeys."""
    rng = random.Random(f"{seed}:host:{host}")
    return [uuid.UUID(int=rng.getrandbits(128), version=4) for _ in range(USUAL_SUSPECTS_PER_HOST)]


def host_name(host: int) -> str:
    """A host organisation's name: 150 distinct place-and-kind names, then numbered."""
    name = f"{PLACES[host % len(PLACES)]} {HOST_KINDS[host // len(PLACES) % len(HOST_KINDS)]}"
    rounds = host // (len(PLACES) * len(HOST_KINDS))
    return f"{name} {rounds + 1}" if rounds else name


# ---------------------------------------------------------------------------------------------
# Writing rows


def _m2m(model: type[models.Model], name: str) -> tuple[str, list[str]]:
    f = model._meta.get_field(name)
    return f.m2m_db_table(), [f.m2m_column_name(), f.m2m_reverse_name()]  # type: ignore[union-attr]


def _cols(model: type[models.Model], names: list[str]) -> tuple[str, list[str]]:
    return model._meta.db_table, [str(model._meta.get_field(n).column) for n in names]  # type: ignore[union-attr]


TS = ["created_at", "updated_at"]


def _f(names: str, tail: list[str] | None = None) -> list[str]:
    return [*names.split(), *(tail or [])]


# key: (model or (model, m2m field), the fields we fill, in row order). Also the flush order.
TABLES: dict[str, tuple[Any, list[str]]] = {
    "host": (HostOrganisation, _f("id name slug kind created_at created_by")),
    "host_role": (OrganisationRole, _f("id organisation user role", TS)),
    "journey": (
        Journey,
        _f("id slug title purpose host stages level started_on ended_on")
        + _f("public_you_said options created_by", TS),
    ),
    "membership": (Membership, _f("id journey user role person", TS)),
    "definition": (DefinitionVersion, _f("id journey text agreed_on recorded_by created_at")),
    "value": (JourneyValue, _f("id journey code name meaning chosen_on")),
    "limit": (
        Limit,
        _f("id journey table text set_by why disclosed_on withdrawn_on recorded_by", TS),
    ),
    "organisation": (Organisation, _f("id journey name kind notes", TS)),
    "person": (
        Person,
        _f("id journey name is_pseudonym role side paid organisation joined_on left_on")
        + _f("left_reason contact online user network_key", TS),
    ),
    "spell": (RoleSpell, _f("id person journey role side paid started_on ended_on recorded_by")),
    "group": (
        CoDesignGroup,
        _f("id journey name purpose item formed_on closed_on created_by", TS),
    ),
    "group_member": ((CoDesignGroup, "members"), []),
    "gathering": (
        Gathering,
        _f("id journey title kind format held_on starts_at venue_kind venue_name")
        + _f("accessibility notes stage group created_by", TS),
    ),
    "agenda": (
        AgendaItem,
        _f("id gathering title position proposed_by proposer_role proposer_side notes"),
    ),
    "attendance": (
        Attendance,
        _f("id gathering person status role side recorded_by turn_count timed_turns turn_seconds"),
    ),
    "turn": (
        SpeakingTurn,
        _f("id gathering person agenda_item started_at seconds role side client_token")
        + _f("recorded_by recorded_at"),
    ),
    "tag": (Tag, _f("id journey name kind position")),
    "decision": (
        Decision,
        _f("id journey text decided_on gathering where_outside taken_by rung proposed_by")
        + _f("proposer_role proposer_side recorded_by", TS),
    ),
    "decision_limit": ((Decision, "limits"), []),
    "contribution": (
        Contribution,
        _f("id journey text raised_on channel gathering raised_by anonymous raiser_role")
        + _f("raiser_side entered_by provenance fate fate_reason change_level merged_into")
        + _f("owner first_response_on fate_changed_on response last_change off_public kind", TS),
    ),
    "contribution_tag": ((Contribution, "tags"), []),
    "fate": (
        FateChange,
        _f("id contribution from_fate to_fate reason change_level merged_into decision by on at"),
    ),
    "decision_answer": ((Decision, "answers"), []),
}


def table_spec(key: str) -> tuple[str, list[str]]:
    target, names = TABLES[key]
    if isinstance(target, tuple):
        return _m2m(*target)
    return _cols(target, names)


class Sink:
    """Buffers rows per table and writes them in bulk, parents first.

    SQLite: ``executemany`` on the raw connection. PostgreSQL: ``COPY ... FROM STDIN``.
    Everything happens inside the caller's transaction, so foreign keys (deferred in Django's
    schema) are checked once, at commit.
    """

    def __init__(self, batch_rows: int = 100_000) -> None:
        self.vendor = connection.vendor
        if self.vendor not in ("sqlite", "postgresql"):
            raise RuntimeError(f"the generator writes to SQLite or PostgreSQL, not {self.vendor}")
        self.batch_rows = batch_rows
        self.buffers: dict[str, list[tuple[Any, ...]]] = {k: [] for k in TABLES}
        self.specs = {k: table_spec(k) for k in TABLES}
        self.buffered = 0
        self.counts: dict[str, int] = dict.fromkeys(TABLES, 0)
        self.write_seconds = 0.0

    # Values whose text form differs between the two databases.
    def dt(self, day: datetime.date, seconds: int = 43_200) -> str:
        stamp = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(
            seconds=seconds
        )
        text = stamp.isoformat(" ")
        return text + "+00" if self.vendor == "postgresql" else text

    def uuid(self, value: uuid.UUID) -> str:
        return value.hex if self.vendor == "sqlite" else str(value)

    def add(self, key: str, row: tuple[Any, ...]) -> None:
        self.buffers[key].append(row)
        self.buffered += 1
        if self.buffered >= self.batch_rows:
            self.flush()

    def flush(self) -> None:
        start = time.perf_counter()
        raw = connection.connection
        for key, rows in self.buffers.items():
            if not rows:
                continue
            table, cols = self.specs[key]
            qn = connection.ops.quote_name
            collist = ", ".join(qn(c) for c in cols)
            if self.vendor == "sqlite":
                marks = ", ".join("?" * len(cols))
                raw.executemany(f"INSERT INTO {qn(table)} ({collist}) VALUES ({marks})", rows)
            else:
                sql = f"COPY {qn(table)} ({collist}) FROM STDIN"
                with raw.cursor() as cur, cur.copy(sql) as copy:
                    write = copy.write_row
                    for row in rows:
                        write(row)
            self.counts[key] += len(rows)
            rows.clear()
        self.buffered = 0
        self.write_seconds += time.perf_counter() - start


class Ids:
    """Explicit primary keys, so rows can point at each other without a round trip."""

    def __init__(self) -> None:
        self.next_id: dict[str, int] = {}
        for key, (target, _names) in TABLES.items():
            if isinstance(target, tuple):
                continue
            top = target.objects.aggregate(m=models.Max("pk"))["m"] or 0
            self.next_id[key] = top + 1

    def take(self, key: str) -> int:
        n = self.next_id[key]
        self.next_id[key] = n + 1
        return n

    def block(self, key: str, count: int) -> int:
        first = self.next_id[key]
        self.next_id[key] = first + count
        return first


# ---------------------------------------------------------------------------------------------
# One journey


@dataclass
class Someone:
    pid: int
    joined: int  # ordinal day
    left: int | None
    role1: str
    side1: str
    change: int | None  # ordinal day of a role change, if any
    role2: str
    side2: str
    talk: float
    drops: int | None  # stops coming (without saying) from this day

    def role_on(self, day: int) -> tuple[str, str]:
        if self.change is not None and day >= self.change:
            return self.role2, self.side2
        return self.role1, self.side1

    def present_on(self, day: int) -> bool:
        return self.joined <= day and (self.left is None or day <= self.left)


@dataclass
class Meeting:
    gid: int
    day: int
    kind: str
    present: list[Someone] = field(default_factory=list)
    agenda: list[int] = field(default_factory=list)
    # Attendance rows, written once the turns are drawn: (id, person id, status, role, side).
    attendance: list[tuple[int, int, str, str, str]] = field(default_factory=list)
    # The turn tally per person id: [turns, timed turns, seconds].
    tally: dict[int, list[int]] = field(default_factory=dict)


class Generator:
    def __init__(self, plan: Plan, today: datetime.date, sink: Sink, user_id: int) -> None:
        self.plan = plan
        self.today = today
        self.today_o = today.toordinal()
        self.sink = sink
        self.ids = Ids()
        self.user_id = user_id
        self._iso: dict[int, str] = {}
        self._hosts: dict[int, int] = {}  # plan's host number -> organisation id

    def iso(self, day: int) -> str:
        text = self._iso.get(day)
        if text is None:
            text = self._iso[day] = datetime.date.fromordinal(day).isoformat()
        return text

    def stamp(self, day: int, seconds: int = 43_200) -> str:
        return self.sink.dt(datetime.date.fromordinal(day), seconds)

    def host(self, host: int, stamp: str) -> int:
        """The host organisation's id, its row (and the bench facilitator as its admin)
        written the first time one of its journeys is."""
        oid = self._hosts.get(host)
        if oid is None:
            oid = self._hosts[host] = self.ids.take("host")
            name = host_name(host)
            slug = f"bench-host-{host + 1:04d}"
            self.sink.add("host", (oid, name, slug, "", stamp, self.user_id))
            self.sink.add(
                "host_role",
                (self.ids.take("host_role"), oid, self.user_id, ovocab.ADMIN, stamp, stamp),
            )
        return oid

    def journey(self, jp: JourneyPlan) -> None:
        rng = random.Random(f"{self.plan.seed}:{jp.slug}")
        add = self.sink.add
        ids = self.ids
        uid = self.user_id
        size = jp.size
        start = self.today_o - jp.days
        today = self.today_o
        jid = ids.take("journey")
        stages = rng.sample(jvocab.STAGES.codes, rng.randint(1, 3))
        stamp0 = self.stamp(start, 36_000)
        add(
            "journey",
            (
                jid,
                jp.slug,
                jp.title,
                "Improve the service together with the people who use it.",
                self.host(jp.host, stamp0),
                '["' + '", "'.join(stages) + '"]',
                rng.choice(jvocab.LEVELS.codes),
                self.iso(start),
                None,
                rng.random() < 0.3,
                "{}",
                uid,
                stamp0,
                stamp0,
            ),
        )
        add(
            "membership",
            (ids.take("membership"), jid, uid, jvocab.FACILITATOR, None, stamp0, stamp0),
        )
        add(
            "definition",
            (
                ids.take("definition"),
                jid,
                "A more equal relationship where we design and run the service together.",
                self.iso(start + 14),
                uid,
                stamp0,
            ),
        )
        for code in rng.sample(jvocab.VALUES.codes, 3):
            add(
                "value",
                (ids.take("value"), jid, code, jvocab.VALUES.label(code), "", self.iso(start + 14)),
            )
        limit_ids: list[int] = []
        for text, setter in rng.sample(LIMIT_TEXTS, rng.randint(1, 4)):
            lid = ids.take("limit")
            limit_ids.append(lid)
            disclosed = self.iso(rng.randint(start, today)) if rng.random() < 0.7 else None
            withdrawn = self.iso(today - rng.randint(0, 60)) if rng.random() < 0.1 else None
            add(
                "limit",
                (
                    lid,
                    jid,
                    jvocab.OFF_TABLE if rng.random() < 0.75 else jvocab.ON_TABLE,
                    text,
                    setter,
                    "It was set before the group began.",
                    disclosed,
                    withdrawn,
                    uid,
                    stamp0,
                    stamp0,
                ),
            )

        # Organisations
        n_org = min(40, 2 + size.people // 40)
        org_ids: list[int] = []
        org_names: set[str] = set()
        for k in range(n_org):
            kind = W_ORG.draw(rng)
            name = f"{PLACES[(k + len(jp.slug)) % len(PLACES)]} {rng.choice(ORG_WORDS[kind])}"
            while name in org_names:
                name += " " + str(k)
            org_names.add(name)
            oid = ids.take("organisation")
            org_ids.append(oid)
            add("organisation", (oid, jid, name, kind, "", stamp0, stamp0))

        # People: about two thirds are there from the start; the rest join along the way and
        # some of those leave. Some stop coming without saying so.
        people: list[Someone] = []
        n_core = math.ceil(size.people * 0.65)
        pro_roles = W_PRO if jp.has_senior else W_PRO_NO_SENIOR
        for i in range(size.people):
            if i == 0:
                role = "facilitator"
            elif jp.has_senior and i == 1:
                role = "senior_leader"
            else:
                role = W_LIVED.draw(rng) if rng.random() < jp.lived_share else pro_roles.draw(rng)
            side = pvocab.default_side(role)
            joined = start if i < n_core else rng.randint(start, today)
            left = None
            if i >= n_core and rng.random() < 0.15:
                left = rng.randint(joined, today)
            change = None
            role2, side2 = role, side
            if rng.random() < 0.05 and today - 30 > joined + 30:
                change = rng.randint(joined + 30, today - 30)
                role2 = NEXT_ROLE[role]
                side2 = pvocab.default_side(role2)
            drops = rng.randint(start + (today - start) // 3, today) if rng.random() < 0.1 else None
            people.append(
                Someone(
                    pid=ids.take("person"),
                    joined=joined,
                    left=left,
                    role1=role,
                    side1=side,
                    change=change,
                    role2=role2,
                    side2=side2,
                    talk=rng.lognormvariate(0.0, 0.8),
                    drops=drops,
                )
            )
        people.sort(key=lambda s: (s.joined, s.pid))
        joined_days = [s.joined for s in people]
        suspects = self.usual_suspects(jp.host)
        rng.shuffle(suspects)
        for s in people:
            paid1 = self._paid(rng, s.role1)
            paid2 = self._paid(rng, s.role2) if s.change is not None else paid1
            if s.change is not None and (s.role2, s.side2, paid2) == (s.role1, s.side1, paid1):
                paid2 = not paid1
            pro = s.side2 == pvocab.PROFESSIONAL
            org = rng.choice(org_ids) if (rng.random() < (0.9 if pro else 0.1)) else None
            stamp = self.stamp(s.joined, 40_000)
            add(
                "person",
                (
                    s.pid,
                    jid,
                    f"{rng.choice(FIRST_NAMES)} {chr(65 + rng.randrange(26))}.",
                    rng.random() < 0.2,
                    s.role2,
                    s.side2,
                    paid2,
                    org,
                    self.iso(s.joined),
                    self.iso(s.left) if s.left is not None else None,
                    "Moved away" if s.left is not None and rng.random() < 0.5 else "",
                    "",
                    rng.random() < 0.8,
                    None,
                    self.sink.uuid(self._network_key(rng, s, suspects)),
                    stamp,
                    stamp,
                ),
            )
            if s.change is None:
                add(
                    "spell",
                    (
                        ids.take("spell"),
                        s.pid,
                        jid,
                        s.role1,
                        s.side1,
                        paid1,
                        self.iso(s.joined),
                        None,
                        uid,
                    ),
                )
            else:
                add(
                    "spell",
                    (
                        ids.take("spell"),
                        s.pid,
                        jid,
                        s.role1,
                        s.side1,
                        paid1,
                        self.iso(s.joined),
                        self.iso(s.change - 1),
                        uid,
                    ),
                )
                add(
                    "spell",
                    (
                        ids.take("spell"),
                        s.pid,
                        jid,
                        s.role2,
                        s.side2,
                        paid2,
                        self.iso(s.change),
                        None,
                        uid,
                    ),
                )

        # Co-design groups (rows written once their item is known, below)
        groups: list[tuple[int, int]] = []  # (id, formed_on)
        if jp.kind != "regular":
            # The named journeys have the same features at every scale, so that their figures
            # (and their number of queries) compare like with like.
            for k in range(2):
                groups.append((ids.take("group"), start + (k + 1) * (today - start) // 4))
        elif size.people >= 30 and rng.random() < 0.5:
            for _ in range(rng.randint(1, 3)):
                groups.append((ids.take("group"), rng.randint(start, today)))

        # Gatherings: how many follows from attendance and group size, unless planned.
        core = people[:n_core]
        per = max(2, min(30, len(core), round(size.people * rng.uniform(0.15, 0.4))))
        if size.gatherings and size.gatherings * len(core) >= size.attendance:
            n_gath = size.gatherings  # the named journeys meet as planned
        else:
            n_gath = max(size.gatherings, math.ceil(size.attendance / per), 1)
        if n_gath * len(core) < size.attendance:  # cannot happen with the floors; be safe
            n_gath = math.ceil(size.attendance / len(core))
        sizes = largest_remainder(size.attendance, [1.0] * n_gath)
        days = sorted(rng.randint(start + 1, today) for _ in range(n_gath))
        meetings: list[Meeting] = []
        for n, (day, want) in enumerate(zip(days, sizes, strict=True)):
            kind = W_KIND.draw(rng)
            gid = ids.take("gathering")
            meeting = Meeting(gid=gid, day=day, kind=kind)
            meetings.append(meeting)
            group = None
            if groups and kind in ("workshop", "codesign_event") and rng.random() < 0.6:
                g = rng.choice(groups)
                if g[1] <= day:
                    group = g[0]
            stamp = self.stamp(day, 30_000)
            add(
                "gathering",
                (
                    gid,
                    jid,
                    f"{gvocab.KINDS.label(kind)} {n + 1}",
                    kind,
                    gvocab.format_of(kind),
                    self.iso(day),
                    None if rng.random() < 0.3 else f"{rng.choice((10, 14, 18))}:00:00",
                    W_VENUE[kind].draw(rng),
                    "",
                    "Step-free access" if rng.random() < 0.5 else "",
                    "",
                    rng.choice(stages),
                    group,
                    uid,
                    stamp,
                    stamp,
                ),
            )
            # Attendance: a sample of the people in the journey on that day.
            limit = bisect.bisect_right(joined_days, day)
            chosen = self._sample_present(rng, people, limit, day, want)
            statuses = []
            for s in chosen:
                if s.drops is not None and day >= s.drops:
                    status = gvocab.ABSENT
                else:
                    r = rng.random()
                    status = (
                        gvocab.PRESENT
                        if r < 0.88
                        else (gvocab.APOLOGIES if r < 0.96 else gvocab.ABSENT)
                    )
                statuses.append(status)
            if chosen and gvocab.PRESENT not in statuses:
                statuses[0] = gvocab.PRESENT  # someone always turns up
            for s, status in zip(chosen, statuses, strict=True):
                if status == gvocab.PRESENT:
                    meeting.present.append(s)
                role, side = s.role_on(day)
                meeting.attendance.append((ids.take("attendance"), s.pid, status, role, side))
            # Agenda: formal gatherings have more items; professionals propose more of them.
            n_items = (
                rng.randint(2, 6) if gvocab.format_of(kind) == gvocab.FORMAL else rng.randint(0, 2)
            )
            for pos in range(1, n_items + 1):
                aid = ids.take("agenda")
                meeting.agenda.append(aid)
                proposer: Someone | None = None
                if meeting.present and rng.random() < 0.75:
                    pros = [p for p in meeting.present if p.role_on(day)[1] == pvocab.PROFESSIONAL]
                    pool = pros if pros and rng.random() < 0.7 else meeting.present
                    proposer = rng.choice(pool)
                role, side = proposer.role_on(day) if proposer else ("", "")
                add(
                    "agenda",
                    (
                        aid,
                        gid,
                        rng.choice(AGENDA_TITLES),
                        pos,
                        proposer.pid if proposer else None,
                        role,
                        side,
                        "",
                    ),
                )

        # Speaking turns, spread over gatherings by how many came.
        if size.turns:
            per_meeting = largest_remainder(size.turns, [float(len(m.present)) for m in meetings])
            for meeting, n_turns in zip(meetings, per_meeting, strict=True):
                if not n_turns:
                    continue
                self._turns(rng, meeting, n_turns)
        # Attendance, with the turn tally the services keep on it.
        for meeting in meetings:
            for aid, pid, status, role, side in meeting.attendance:
                turns, timed, secs = meeting.tally.get(pid, (0, 0, 0))
                add(
                    "attendance",
                    (aid, meeting.gid, pid, status, role, side, uid, turns, timed, secs),
                )

        # Decisions
        n_dec = max(1, round(size.contributions / 12))
        decisions: list[tuple[int, int]] = []  # (decided_on, id)
        for _ in range(n_dec):
            did = ids.take("decision")
            meeting_or_none = rng.choice(meetings) if rng.random() < 0.6 else None
            day = meeting_or_none.day if meeting_or_none else rng.randint(start, today)
            taker = W_TAKER.draw(rng)
            proposer = None
            if rng.random() < 0.7:
                limit = bisect.bisect_right(joined_days, day)
                found = self._sample_present(rng, people, limit, day, 1)
                proposer = found[0] if found else None
            role, side = proposer.role_on(day) if proposer else ("", "")
            stamp = self.stamp(day, 50_000)
            add(
                "decision",
                (
                    did,
                    jid,
                    rng.choice(DECISION_TEXTS),
                    self.iso(day),
                    meeting_or_none.gid if meeting_or_none else None,
                    "" if taker in dvocab.INSIDE_TAKERS else "The trust's board",
                    taker,
                    W_RUNG.draw(rng),
                    proposer.pid if proposer else None,
                    role,
                    side,
                    uid,
                    stamp,
                    stamp,
                ),
            )
            if limit_ids and rng.random() < 0.25:
                add("decision_limit", (did, rng.choice(limit_ids)))
            decisions.append((day, did))
        decisions.sort()
        decision_days = [d for d, _ in decisions]

        # Tags
        tag_ids: list[int] = []
        for name, kind in rng.sample(TAG_NAMES, min(len(TAG_NAMES), 4 + size.people // 20)):
            tid = ids.take("tag")
            tag_ids.append(tid)
            add("tag", (tid, jid, name, kind, 0))

        self._contributions(
            rng,
            jp,
            jid,
            size,
            start,
            people,
            joined_days,
            meetings,
            decisions,
            decision_days,
            tag_ids,
            groups,
        )

    def usual_suspects(self, host: int) -> list[uuid.UUID]:
        return usual_suspect_keys(self.plan.seed, host)

    @staticmethod
    def _network_key(rng: random.Random, s: Someone, suspects: list[uuid.UUID]) -> uuid.UUID:
        key = uuid.UUID(int=rng.getrandbits(128), version=4)
        if suspects and s.side1 == pvocab.LIVED and rng.random() < USUAL_SUSPECT_SHARE:
            return suspects.pop()  # each at most once per journey
        return key

    @staticmethod
    def _paid(rng: random.Random, role: str) -> bool:
        if role in ("frontline_staff", "manager", "senior_leader", "funder", "researcher"):
            return True
        if role in ("facilitator", "peer_worker"):
            return rng.random() < 0.9
        if role == "partner_rep":
            return rng.random() < 0.5
        return rng.random() < 0.08  # paid for their time

    @staticmethod
    def _sample_present(
        rng: random.Random, people: list[Someone], limit: int, day: int, want: int
    ) -> list[Someone]:
        """``want`` distinct people among the first ``limit`` (joined by ``day``) still there."""
        if want <= 0 or limit <= 0:
            return []
        picks = rng.sample(range(limit), min(limit, want + want // 4 + 2))
        chosen = [people[i] for i in picks]
        out = [s for s in chosen if s.left is None or s.left >= day]
        if len(out) < want:
            seen = {s.pid for s in out}
            rest = [
                s for s in people[:limit] if s.pid not in seen and (s.left is None or s.left >= day)
            ]
            out.extend(rng.sample(rest, min(len(rest), want - len(out))))
        return out[:want]

    def _turns(self, rng: random.Random, meeting: Meeting, n_turns: int) -> None:
        add = self.sink.add
        ids = self.ids
        day = meeting.day
        present = meeting.present
        snaps = [s.role_on(day) for s in present]
        weights = [s.talk * SPEAK[snap[0]] for s, snap in zip(present, snaps, strict=True)]
        picks = rng.choices(range(len(present)), weights=weights, k=n_turns)
        live = rng.random() < 0.5  # tapped live (time and token) or entered afterwards
        timed = rng.random() < (0.6 if live else 0.2)
        first = ids.block("turn", n_turns)
        recorded = self.stamp(day, 72_000)
        clock = 36_000
        agenda = meeting.agenda
        for k, i in enumerate(picks):
            s = present[i]
            role, side = snaps[i]
            seconds = int(rng.lognormvariate(4.2, 0.8)) + 5 if timed else None
            tid = first + k
            counts = meeting.tally.setdefault(s.pid, [0, 0, 0])
            counts[0] += 1
            if seconds is not None:
                counts[1] += 1
                counts[2] += seconds
            if live:
                clock += (seconds or 60) + rng.randint(0, 40)
                started = self.stamp(day, min(clock, 86_399))
                token: str | None = f"bench-{tid}"
            else:
                started = None
                token = None
            add(
                "turn",
                (
                    tid,
                    meeting.gid,
                    s.pid,
                    agenda[rng.randrange(len(agenda))] if agenda and rng.random() < 0.8 else None,
                    started,
                    seconds,
                    role,
                    side,
                    token,
                    self.user_id,
                    started or recorded,
                ),
            )

    def _contributions(
        self,
        rng: random.Random,
        jp: JourneyPlan,
        jid: int,
        size: Size,
        start: int,
        people: list[Someone],
        joined_days: list[int],
        meetings: list[Meeting],
        decisions: list[tuple[int, int]],
        decision_days: list[int],
        tag_ids: list[int],
        groups: list[tuple[int, int]],
    ) -> None:
        add = self.sink.add
        ids = self.ids
        today = self.today_o
        jp_resp = jp.responsiveness
        with_present = [m for m in meetings if m.present]
        # First pass: who, when, how, and what became of it.
        items: list[dict[str, Any]] = []
        for _ in range(size.contributions):
            channel = W_CHANNEL.draw(rng)
            if channel == "gathering" and not with_present:
                channel = "online"
            meeting = rng.choice(with_present) if channel == "gathering" else None
            anonymous = rng.random() < ANONYMOUS_SHARE[channel]
            raiser: Someone | None = None
            if meeting is not None:
                day = meeting.day
                if not anonymous:
                    pool = meeting.present
                    raiser = pool[rng.randrange(len(pool))]
            else:
                day = rng.randint(start, today)
                if not anonymous:
                    found = self._sample_present(
                        rng, people, bisect.bisect_right(joined_days, day), day, 1
                    )
                    if found:
                        raiser = found[0]
                    else:
                        anonymous = True
            age = today - day
            p = jp_resp * min(1.0, age / 60) * CHANNEL_FOLLOW[channel] * (0.8 if anonymous else 1)
            fate = W_FATE.draw(rng) if rng.random() < p else cvocab.NEW
            items.append(
                {
                    "id": ids.take("contribution"),
                    "day": day,
                    "channel": channel,
                    "meeting": meeting,
                    "anonymous": anonymous,
                    "raiser": raiser,
                    "fate": fate,
                }
            )
        items.sort(key=lambda x: (x["day"], x["id"]))
        targets = [x["id"] for x in items if x["fate"] != cvocab.MERGED]
        if not targets:
            for x in items:
                x["fate"] = cvocab.CONSIDERING
            targets = [x["id"] for x in items]

        pros = [s for s in people if s.side2 == pvocab.PROFESSIONAL] or people
        group_items: list[int] = []
        for x in items:
            cid = x["id"]
            day = x["day"]
            fate = x["fate"]
            # The path through the fates, as contribution_set_fate would have written it.
            if fate == cvocab.NEW:
                path: list[str] = []
            elif fate == cvocab.MERGED:
                path = (
                    [cvocab.MERGED] if rng.random() < 0.6 else [cvocab.CONSIDERING, cvocab.MERGED]
                )
            elif fate == cvocab.CONSIDERING:
                path = [cvocab.CONSIDERING]
            elif fate == cvocab.PRIORITISED:
                path = [cvocab.CONSIDERING, cvocab.PRIORITISED]
            elif fate == cvocab.IN_PROGRESS:
                path = [cvocab.CONSIDERING, cvocab.PRIORITISED, cvocab.IN_PROGRESS]
            elif fate == cvocab.NOT_POSSIBLE:
                path = [cvocab.CONSIDERING, cvocab.NOT_POSSIBLE]
            else:
                path = [cvocab.CONSIDERING, cvocab.IN_PROGRESS, cvocab.DONE]
            add(
                "fate",
                (
                    ids.take("fate"),
                    cid,
                    "",
                    cvocab.NEW,
                    "",
                    "",
                    None,
                    None,
                    self.user_id,
                    self.iso(day),
                    self.stamp(day, 61_000),
                ),
            )
            on = day
            prev = cvocab.NEW
            first_response = None
            last_id = None
            reason = ""
            level = ""
            merged_into = None
            decision_id = None
            for step, to in enumerate(path):
                gap = rng.expovariate(1 / 14) if step == 0 else rng.expovariate(1 / 30)
                on = min(today, on + int(gap))
                reason = ""
                level = ""
                merged_into = None
                decision_id = None
                if to == cvocab.NOT_POSSIBLE:
                    reason = rng.choice(NOT_POSSIBLE_REASONS)
                elif to == cvocab.DONE:
                    level = W_LEVEL.draw(rng)
                elif to == cvocab.MERGED:
                    merged_into = targets[rng.randrange(len(targets))]
                if to in (cvocab.DONE, cvocab.NOT_POSSIBLE) and rng.random() < 0.3:
                    k = bisect.bisect_right(decision_days, on)
                    if k:
                        decision_id = decisions[rng.randrange(k)][1]
                        add("decision_answer", (decision_id, cid))
                last_id = ids.take("fate")
                add(
                    "fate",
                    (
                        last_id,
                        cid,
                        prev,
                        to,
                        reason,
                        level,
                        merged_into,
                        decision_id,
                        self.user_id,
                        self.iso(on),
                        self.stamp(on, 62_000),
                    ),
                )
                if first_response is None:
                    first_response = on
                prev = to
            if fate in (cvocab.PRIORITISED, cvocab.IN_PROGRESS, cvocab.DONE):
                group_items.append(cid)
            raiser = x["raiser"]
            role, side = raiser.role_on(day) if raiser else ("", "")
            channel = x["channel"]
            meeting = x["meeting"]
            owner = rng.choice(pros).pid if path and rng.random() < 0.4 else None
            stamp = self.stamp(day, 60_000)
            add(
                "contribution",
                (
                    cid,
                    jid,
                    rng.choice(CONTRIBUTION_TEXTS),
                    self.iso(day),
                    channel,
                    meeting.gid if meeting else None,
                    raiser.pid if raiser else None,
                    x["anonymous"],
                    role,
                    side,
                    self.user_id,
                    PROVENANCE.get(channel, ""),
                    fate,
                    reason,
                    level,
                    merged_into,
                    owner,
                    self.iso(first_response) if first_response is not None else None,
                    self.iso(on) if path else None,
                    rng.choice(RESPONSES) if fate == cvocab.DONE else "",
                    last_id,
                    False,
                    "",  # neither praise nor a problem marked
                    stamp,
                    self.stamp(on, 62_000),
                ),
            )
            n_tags = min(len(tag_ids), int(W_TAGS.draw(rng)))
            for tid in rng.sample(tag_ids, n_tags):
                add("contribution_tag", (cid, tid))

        for gid, formed in groups:
            item = rng.choice(group_items) if group_items else None
            stamp = self.stamp(formed, 30_000)
            add(
                "group",
                (
                    gid,
                    jid,
                    f"Co-design group {gid}",
                    "Work on one priority together.",
                    item,
                    self.iso(formed),
                    None,
                    self.user_id,
                    stamp,
                    stamp,
                ),
            )
            for s in rng.sample(people, min(len(people), rng.randint(4, 8))):
                add("group_member", (gid, s.pid))


PROVENANCE = {
    "paper": "Written on a card at the Tuesday café",
    "phone": "Said in a phone call to the facilitator",
    "comment_box": "Left in the comment box in reception",
    "story": "Told in the filmed stories",
}


@dataclass
class Result:
    plan: Plan
    seconds: float
    write_seconds: float
    counts: dict[str, int]
    facilitator_id: int

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def bench_facilitator() -> Any:
    """The account that facilitates every generated journey (the dashboard is timed as them)."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=FACILITATOR_EMAIL,
        defaults={"email": FACILITATOR_EMAIL, "first_name": "Bench"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def generate(
    scale: float,
    *,
    seed: int = DEFAULT_SEED,
    today: datetime.date | None = None,
    batch_rows: int = 100_000,
    progress: Callable[[str], None] | None = None,
    fast_foreign_keys: bool = False,
) -> Result:
    """Write the programme at ``scale`` into the default database, in one transaction.

    ``fast_foreign_keys`` (PostgreSQL, as a superuser): skip the per-row foreign-key triggers
    while loading (``session_replication_role = replica``, about half the load time) and check
    every foreign key afterwards with one set-based query each (:func:`orphans`) instead.
    """
    started = time.perf_counter()
    plan = make_plan(scale, seed)
    today = today or datetime.date.today()
    if Journey.objects.filter(slug__in=[j.slug for j in plan.journeys]).exists():
        raise RuntimeError(
            "this database already holds generated journeys: start from an empty one"
        )
    with transaction.atomic():
        fast = fast_foreign_keys and _is_pg_superuser()
        if fast:
            with connection.cursor() as cur:
                cur.execute("SET LOCAL session_replication_role = replica")
        user = bench_facilitator()
        sink = Sink(batch_rows=batch_rows)
        gen = Generator(plan, today, sink, user.pk)
        for n, jp in enumerate(plan.journeys):
            gen.journey(jp)
            if progress and (n + 1) % 100 == 0:
                progress(f"{n + 1}/{len(plan.journeys)} journeys")
        sink.flush()
        _reset_sequences()
        # Rows written by SQL of our own pass no service: mark every journey's cached figures
        # (common.figures) out of date, as a service's audit line would.
        for journey_id in Journey.objects.values_list("pk", flat=True):
            figures_changed(journey_id)
        if fast:
            with connection.cursor() as cur:
                cur.execute("SET LOCAL session_replication_role = origin")
            broken = orphans()
            if broken:
                raise RuntimeError("generated rows point nowhere: " + "; ".join(broken))
    return Result(
        plan=plan,
        seconds=time.perf_counter() - started,
        write_seconds=sink.write_seconds,
        counts=dict(sink.counts),
        facilitator_id=user.pk,
    )


def _reset_sequences() -> None:
    """After explicit ids, PostgreSQL's identity sequences must move past them."""
    if connection.vendor != "postgresql":
        return
    model_list = [t for t, _ in TABLES.values() if not isinstance(t, tuple)]
    with connection.cursor() as cur:
        for sql in connection.ops.sequence_reset_sql(no_style(), model_list):
            cur.execute(sql)


def _is_pg_superuser() -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cur:
        cur.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cur.fetchone()
    return bool(row and row[0])


def generated_models() -> list[type[models.Model]]:
    out = []
    for target, _names in TABLES.values():
        if isinstance(target, tuple):
            model, name = target
            out.append(model._meta.get_field(name).remote_field.through)
        else:
            out.append(target)
    return out


def orphans() -> list[str]:
    """Foreign keys of generated rows that point at no row, one anti-join per key."""
    qn = connection.ops.quote_name
    found = []
    with connection.cursor() as cur:
        for model in generated_models():
            for f in model._meta.concrete_fields:
                if not (f.many_to_one or f.one_to_one):
                    continue
                parent = f.related_model._meta  # type: ignore[union-attr]
                child, col = qn(model._meta.db_table), qn(f.column)
                target = qn(f.target_field.column)  # type: ignore[attr-defined]
                cur.execute(
                    f"SELECT count(*) FROM {child} c WHERE c.{col} IS NOT NULL AND NOT EXISTS "
                    f"(SELECT 1 FROM {qn(parent.db_table)} p WHERE p.{target} = c.{col})"
                )
                n = cur.fetchone()[0]
                if n:
                    found.append(f"{model._meta.label}.{f.name}: {n}")
    return found
