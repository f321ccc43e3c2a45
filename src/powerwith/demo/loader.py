"""Load the demo: two invented journeys built through the real services, plus demo accounts.

``load_demo()`` deletes the previous demo (its journeys and its accounts only) and builds it
again in one transaction, so loading twice gives the same demo, not a doubled one. Dates are
anchored to today, so the demo always looks current; the random choices (who speaks how often,
how long) come from a fixed seed.

After the core record, each module in ``context.EXTENSIONS`` that exists gets ``extend(ctx)``.
"""

from __future__ import annotations

import datetime
import importlib
import random
import time
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from powerwith.common.figures import figures_changed
from powerwith.common.models import AuditEntry
from powerwith.gatherings.models import SpeakingTurn
from powerwith.journeys import services as journey_services
from powerwith.journeys import vocab as journey_vocab
from powerwith.journeys.models import Journey
from powerwith.organisations import services as organisation_services
from powerwith.organisations import vocab as organisation_vocab
from powerwith.organisations.models import Organisation
from powerwith.reflection.models import QuestionBank
from powerwith.reports.demo import report_ready

from . import ebcd, lab, letters
from .builder import JourneyBuilder, last_id
from .context import EBCD, EXTENSIONS, LAB, DemoContext, DemoJourney
from .timeline import date_new_lines

DEMO_PASSWORD = "powerwith-demo"
DEMO_DOMAIN = "demo.powerwith.invalid"
SEED = 20180401  # fixed, so the demo is the same every time it is loaded on a given day

# Demo accounts: key -> (email, display name).
ACCOUNTS = {
    "facilitator": (f"facilitator@{DEMO_DOMAIN}", "Sam (facilitator)"),
    "notes": (f"notes@{DEMO_DOMAIN}", "Kit (note-taker)"),
    "funder": (f"funder@{DEMO_DOMAIN}", "Priya (funder)"),
    "patient": (f"rosa@{DEMO_DOMAIN}", "Rosa"),
    # Organisation-wide: a viewer of the hospital trust, in none of its journeys but the small one.
    "trust": (f"trust-viewer@{DEMO_DOMAIN}", "Jo (the trust's patient experience lead)"),
}
FACILITATOR_EMAIL = ACCOUNTS["facilitator"][0]


class DemoConflict(Exception):
    """A journey with a demo slug exists that the demo did not create: we never touch it."""


@dataclass
class JourneySummary:
    slug: str
    title: str
    people: int
    gatherings: int
    turns: int
    contributions: int


@dataclass
class DemoSummary:
    facilitator_email: str
    password: str
    journeys: list[JourneySummary] = field(default_factory=list)
    accounts: list[tuple[str, str]] = field(default_factory=list)  # (email, what it shows)
    extensions: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def describe(self) -> str:
        lines = [f"Demo data loaded in {self.seconds:.1f} s."]
        for j in self.journeys:
            lines.append(
                f"  {j.slug}: {j.title}: {j.people} people, {j.gatherings} gatherings, "
                f"{j.turns} speaking turns, {j.contributions} contributions"
            )
        if self.extensions:
            lines.append("  Also loaded: " + ", ".join(self.extensions))
        lines.append(f"Demo accounts (all with the password {self.password}):")
        for email, what in self.accounts:
            lines.append(f"  {email:<38} {what}")
        return "\n".join(lines)


def _is_demo(journey: Journey) -> bool:
    creator = journey.created_by
    return creator is None or creator.email.lower().endswith("@" + DEMO_DOMAIN)


def _discard_stored_files(journey: Journey) -> None:
    """Deleting a journey deletes its story rows and board reports; their files in storage go
    first."""
    from powerwith.common import files
    from powerwith.reports.models import BoardReport
    from powerwith.stories.models import StoryFile

    for name in StoryFile.objects.filter(story__journey=journey).values_list("name", flat=True):
        files.discard(name)
    for name in BoardReport.objects.filter(journey=journey).values_list("file_name", flat=True):
        files.discard(name)


def reset_demo() -> None:
    """Delete the demo journeys and the demo accounts (nothing else)."""
    slugs = (ebcd.SLUG, lab.SLUG, letters.SLUG)
    for journey in Journey.objects.filter(slug__in=slugs).select_related("created_by"):
        if not _is_demo(journey):
            raise DemoConflict(
                f"A journey called \u201c{journey.slug}\u201d exists and is not demo data. "
                "Rename it before loading the demo."
            )
        _discard_stored_files(journey)
        journey.delete()
    # The demo's host organisations: made by the demo facilitator. Banks edited while someone
    # tried the demo go with them; a journey outside the demo hosted by one stops the reset.
    orgs = Organisation.objects.filter(created_by__email__iendswith="@" + DEMO_DOMAIN)
    elsewhere = Journey.objects.filter(host__in=orgs).first()
    if elsewhere is not None:
        raise DemoConflict(
            f"The journey \u201c{elsewhere.slug}\u201d is hosted by a demo organisation. "
            "Choose another host for it before loading the demo."
        )
    QuestionBank.objects.filter(organisation__in=orgs).delete()
    AuditEntry.objects.filter(
        journey__isnull=True, object_type="Organisation", object_id__in=orgs.values("pk")
    ).delete()
    orgs.delete()
    get_user_model().objects.filter(email__iendswith="@" + DEMO_DOMAIN).delete()


def _accounts() -> dict[str, Any]:
    return {
        key: journey_services.user_create(email=email, password=DEMO_PASSWORD, display_name=name)
        for key, (email, name) in ACCOUNTS.items()
    }


def _host(accounts: dict[str, Any], module: Any) -> Organisation:
    """The journey's host organisation: the demo facilitator is its admin, the funder one of
    its viewers."""
    org = organisation_services.organisation_create(
        actor=accounts["facilitator"], name=module.HOST, kind=module.HOST_KIND
    )
    organisation_services.organisation_add_member(
        actor=accounts["facilitator"],
        organisation=org,
        email=accounts["funder"].email,
        role=organisation_vocab.VIEWER,
    )
    return org


def _journey(
    accounts: dict[str, Any],
    module: Any,
    key: str,
    today: datetime.date,
    rng: random.Random,
    stages: list[str],
    level: str,
    members: list[tuple[str, str, str]],
) -> JourneyBuilder:
    start = today - datetime.timedelta(days=module.LENGTH)
    mark = last_id(AuditEntry)
    journey = journey_services.journey_create(
        actor=accounts["facilitator"],
        title=module.TITLE,
        purpose=module.PURPOSE,
        host=_host(accounts, module),
        stages=stages,
        level=level,
        started_on=start,
        slug=module.SLUG,
    )
    for account, role, _person in members:
        journey_services.membership_add(
            actor=accounts["facilitator"], journey=journey, user=accounts[account], role=role
        )
    builder = JourneyBuilder(
        dj=DemoJourney(key=key, journey=journey),
        start=start,
        today=today,
        accounts=accounts,
        rng=rng,
    )
    module.build(builder)
    _stamp_log(journey, mark, start)
    builder.run()
    mark = last_id(AuditEntry)
    # Link each account to its entry in the journey's register of people.
    for account, role, person in [("facilitator", journey_vocab.FACILITATOR, "Sam"), *members]:
        journey_services.membership_add(
            actor=accounts["facilitator"],
            journey=journey,
            user=accounts[account],
            role=role,
            person=builder.dj.people[person],
        )
    _stamp_log(journey, mark, start)
    return builder


def _stamp_log(journey: Journey, after_id: int, day: datetime.date) -> None:
    """Date the journey's setting-up lines (creation, members, organisations) to its start."""
    at = datetime.datetime.combine(
        day, datetime.time(8, 30), tzinfo=timezone.get_current_timezone()
    )
    AuditEntry.objects.filter(journey=journey, id__gt=after_id).update(at=at)


def _run_extensions(ctx: DemoContext) -> list[str]:
    ran = []
    for name in EXTENSIONS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        mark = last_id(AuditEntry)
        module.extend(ctx)
        date_new_lines([dj.journey for dj in ctx.journeys.values()], mark, ctx.today)
        ran.append(name.split(".")[1])
    return ran


def load_demo(*, today: datetime.date | None = None, seed: int = SEED) -> DemoSummary:
    """(Re)build the whole demo. Returns what was loaded and how to sign in."""
    began = time.monotonic()
    today = today or timezone.localdate()
    rng = random.Random(seed)
    with transaction.atomic():
        reset_demo()
        accounts = _accounts()
        obs, mem = journey_vocab.OBSERVER, journey_vocab.MEMBER
        breast = _journey(
            accounts,
            ebcd,
            EBCD,
            today,
            rng,
            ["co_design", "co_delivery", "co_evaluation"],
            "service",
            [("notes", mem, "Kit"), ("funder", obs, "Priya"), ("patient", mem, "Rosa")],
        )
        north = _journey(
            accounts,
            lab,
            LAB,
            today,
            rng,
            ["co_commissioning", "co_design", "co_delivery"],
            "community",
            [("notes", mem, "Kit"), ("funder", obs, "Priya")],
        )
        ctx = DemoContext(
            facilitator=accounts["facilitator"],
            users={
                ACCOUNTS[k][0]: u for k, u in accounts.items() if k not in ("facilitator", "trust")
            },
            journeys={EBCD: breast.dj, LAB: north.dj},
            today=today,
            rng=rng,
        )
        extensions = _run_extensions(ctx)
        # The trust's second, smaller journey (after the extensions, which know only the two
        # story journeys), and its organisation-wide viewer.
        trust = breast.journey.host
        organisation_services.organisation_add_member(
            actor=accounts["facilitator"],
            organisation=trust,
            email=accounts["trust"].email,
            role=organisation_vocab.VIEWER,
        )
        mark = last_id(AuditEntry)
        small = letters.build(
            facilitator=accounts["facilitator"],
            host=trust,
            today=today,
            members=[(accounts["trust"], obs)],
        )
        # Its board report, ready to open like the other journeys' (reports/demo.py).
        report_ready(facilitator=accounts["facilitator"], journey=small)
        # Its log lines go to the days of what they record, as the other journeys' do.
        date_new_lines([small], mark, today)
        figures_changed(small)
        # The loader also writes some rows and dates directly: the demo's dashboards start afresh.
        for b in (breast, north):
            figures_changed(b.journey)
    summary = DemoSummary(
        facilitator_email=FACILITATOR_EMAIL,
        password=DEMO_PASSWORD,
        extensions=extensions,
        accounts=[
            (FACILITATOR_EMAIL, "facilitator of both journeys"),
            (ACCOUNTS["notes"][0], "member of both journeys (the note-taker, Kit)"),
            (
                ACCOUNTS["funder"][0],
                "observer of both journeys and viewer of both host organisations (the funder, "
                "Priya)",
            ),
            (ACCOUNTS["patient"][0], f"member of {ebcd.SLUG} (Rosa, a patient)"),
            (
                ACCOUNTS["trust"][0],
                f"viewer of {ebcd.HOST} (its view across its journeys; observer of "
                f"{letters.SLUG} only, so {ebcd.SLUG} is only added up there)",
            ),
        ],
    )
    for j in (breast.journey, north.journey, small):
        summary.journeys.append(
            JourneySummary(
                slug=j.slug,
                title=j.title,
                people=j.people.count(),
                gatherings=j.gatherings.count(),
                turns=SpeakingTurn.objects.filter(gathering__journey=j).count(),
                contributions=j.contributions.count(),
            )
        )
    summary.seconds = time.monotonic() - began
    return summary
