"""The demo journeys' inclusion records, built through the services.

Both journeys get consented profiles (not from everyone; some answers "prefer not to say"; at
least 5 people in every group a figure shows), a reference population with its source (one
entered by hand, one imported from CSV), recruitment plans for the gaps, support needs with
checklists (some needs unmet, and someone who stopped coming after one), an asset map with
gaps, and a reciprocity ledger (unpaid hours, expenses with some slow repayments and someone out
of pocket, vouchers, training, and a task unpaid people do that used to be a paid job).

Every figure here is invented for the demo. The reference populations say so in their source.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from powerwith.demo.context import EBCD, LAB, DemoContext, DemoJourney
from powerwith.gatherings import vocab as gathering_vocab
from powerwith.gatherings.models import Attendance, Gathering
from powerwith.people.models import Organisation, Person

from . import services, vocab
from .models import SupportNeed
from .selectors import gathering_needs

DAY = datetime.timedelta(days=1)

# name -> (age, disability, ethnicity, own words, income, caring, online, lgbt, language, words)
Answers = tuple[str, str, str, str, str, str, str, str, str, str]

EBCD_PROFILES: dict[str, Answers] = {
    "Rosa": ("50_64", "no", "white", "", "prefer_not", "no", "easily", "no", "english", ""),
    "Lin": ("50_64", "no", "white", "", "15k_30k", "no", "easily", "no", "english", ""),
    "Maggie": ("50_64", "yes", "white", "English", "15k_30k", "no", "easily", "no", "english", ""),
    "Bev": ("50_64", "yes", "white", "", "15k_30k", "no", "easily", "prefer_not", "english", ""),
    "Niamh": ("50_64", "no", "white", "Irish", "prefer_not", "no", "easily", "yes", "english", ""),
    "Deborah": ("65_74", "yes", "white", "", "under_15k", "no", "no", "no", "english", ""),
    "Tessa": ("65_74", "yes", "white", "", "under_15k", "prefer_not", "no", "no", "english", ""),
    "Kath": ("65_74", "yes", "white", "", "15k_30k", "yes", "with_help", "no", "english", ""),
    "Dev": ("65_74", "no", "white", "", "15k_30k", "yes", "easily", "no", "english", ""),
    "Shazia": (
        "65_74",
        "no",
        "asian",
        "British Pakistani",
        "30k_50k",
        "yes",
        "easily",
        "no",
        "other",
        "Urdu",
    ),
    "Amara": (
        "prefer_not",
        "no",
        "black",
        "Black British (Nigerian)",
        "30k_50k",
        "no",
        "easily",
        "no",
        "other",
        "Yoruba",
    ),
}

LAB_PROFILES: dict[str, Answers] = {
    "Gordon": ("65_74", "no", "white", "", "50k_plus", "no", "easily", "no", "english", ""),
    "Lorraine": ("65_74", "yes", "white", "", "30k_50k", "yes", "easily", "no", "english", ""),
    "Shirley": ("65_74", "yes", "white", "", "under_15k", "no", "no", "no", "english", ""),
    "Pat": ("65_74", "yes", "white", "", "under_15k", "yes", "no", "prefer_not", "english", ""),
    "Tariq": (
        "65_74",
        "yes",
        "asian",
        "British Bangladeshi",
        "under_15k",
        "no",
        "with_help",
        "no",
        "english",
        "",
    ),
    "Kayleigh": ("25_34", "no", "white", "", "under_15k", "yes", "easily", "no", "english", ""),
    "Dean": ("25_34", "no", "white", "", "15k_30k", "no", "easily", "yes", "english", ""),
    "Jamal": ("25_34", "no", "asian", "", "15k_30k", "no", "easily", "no", "english", ""),
    "Nisha": (
        "25_34",
        "no",
        "asian",
        "",
        "15k_30k",
        "yes",
        "easily",
        "prefer_not",
        "other",
        "Gujarati",
    ),
    "Joy": (
        "25_34",
        "yes",
        "black",
        "Black Caribbean",
        "under_15k",
        "yes",
        "easily",
        "no",
        "english",
        "",
    ),
    "Agnieszka": (
        "prefer_not",
        "no",
        "white",
        "Polish",
        "prefer_not",
        "no",
        "easily",
        "no",
        "other",
        "Polish",
    ),
}

# Told to a facilitator by phone or on paper rather than filled in online.
OFFLINE = {"Deborah": "phone", "Tessa": "phone", "Shirley": "paper", "Pat": "phone"}

EBCD_REFERENCE = {
    ("age_band", "25_34"): "3",
    ("age_band", "35_49"): "24",
    ("age_band", "50_64"): "38",
    ("age_band", "65_74"): "22",
    ("age_band", "75_plus"): "13",
    ("disability", "yes"): "28",
    ("disability", "no"): "72",
    ("ethnicity", "white"): "78",
    ("ethnicity", "asian"): "12",
    ("ethnicity", "black"): "6",
    ("ethnicity", "mixed"): "2",
    ("ethnicity", "other"): "2",
    ("caring", "yes"): "14",
    ("caring", "no"): "86",
    ("online", "easily"): "80",
    ("online", "with_help"): "12",
    ("online", "no"): "8",
}

LAB_REFERENCE_CSV = """\ufeffcharacteristic,category,share
age_band,18_24,12
age_band,25_34,18
age_band,35_49,24
age_band,50_64,22
age_band,65_74,13
age_band,75_plus,11

ethnicity,white,71
ethnicity,asian,16
ethnicity,black,8
ethnicity,mixed,3
ethnicity,other,2
disability,yes,24
disability,no,76
caring,yes,11
caring,no,89
income,under_15k,34
income,15k_30k,31
income,30k_50k,21
income,50k_plus,14
"""


def _person(dj: DemoJourney, name: str) -> Person:
    person: Person = dj.people[name]
    return person


def _org(dj: DemoJourney, name: str) -> Organisation:
    return Organisation.objects.get(journey=dj.journey, name=name)


def _profiles(ctx: DemoContext, dj: DemoJourney, answers: dict[str, Answers]) -> None:
    patient = next((u for e, u in ctx.users.items() if e.startswith("rosa@")), None)
    for name, a in answers.items():
        person = _person(dj, name)
        fields = dict(
            zip(
                vocab.CHARACTERISTICS.codes,
                (a[0], a[1], a[2], a[4], a[5], a[6], a[7], a[8]),
                strict=True,
            )
        )
        common: dict[str, Any] = {
            "person": person,
            "answers": fields,
            "consent": True,
            "ethnicity_text": a[3],
            "first_language_text": a[9],
        }
        if name == "Rosa" and patient is not None:
            services.profile_save(actor=patient, **common)  # she filled it in herself
            continue
        channel = OFFLINE.get(name, "in_person")
        services.profile_save(
            actor=ctx.facilitator,
            consent_channel=channel,
            consent_given_on=max(person.joined_on, ctx.today - 200 * DAY),
            reason=(
                "Answers given by phone; she asked me to type them in."
                if channel == "phone"
                else "From the paper form filled in at a gathering."
            ),
            **common,
        )


def _last_came(dj: DemoJourney) -> dict[int, datetime.date]:
    out: dict[int, datetime.date] = {}
    for pid, day in Attendance.objects.filter(
        gathering__journey=dj.journey, status=gathering_vocab.PRESENT
    ).values_list("person_id", "gathering__held_on"):
        out[pid] = max(day, out.get(pid, day))
    return out


def _needs(ctx: DemoContext, dj: DemoJourney, needs: list[tuple[str, str, str]]) -> None:
    """Add the needs, then fill in the checklists of the last six gatherings: most needs are
    arranged and met; someone who stopped coming had a need unmet at their last gathering."""
    start = dj.journey.started_on
    for name, kind, notes in needs:
        services.need_add(
            actor=ctx.facilitator,
            person=_person(dj, name),
            kind=kind,
            notes=notes,
            since=max(_person(dj, name).joined_on, start),
        )
    gatherings = sorted(dj.gatherings, key=lambda g: (g.held_on, g.pk))
    last = _last_came(dj)
    final_day = gatherings[-1].held_on if gatherings else None
    # Someone with lived experience who stopped coming before the end: their need was not met
    # at the last gathering they came to.
    stopped = sorted(
        (
            (day, pid)
            for pid, day in last.items()
            if final_day is not None
            and day < final_day
            and Person.objects.filter(pk=pid, side="lived").exists()
        ),
        reverse=True,
    )
    if stopped:
        day, pid = stopped[0]
        person = Person.objects.get(pk=pid)
        need = SupportNeed.objects.filter(person=person, ended_on__isnull=True).first()
        if need is None:
            need = services.need_add(
                actor=ctx.facilitator,
                person=person,
                kind="transport",
                notes="Needs a lift; the bus takes two changes.",
                since=max(person.joined_on, day - 60 * DAY),
            )
        at = next(g for g in gatherings if g.held_on == day)
        services.need_checks_save(
            actor=ctx.facilitator,
            gathering=at,
            arranged={need.pk: False},
            outcomes={need.pk: vocab.NOT_MET},
            notes={need.pk: "The volunteer driver fell through the day before."},
        )
    for n, gathering in enumerate(gatherings[-6:]):
        rows = [r for r in gathering_needs(gathering) if r.check is None]
        if not rows:
            continue
        arranged: dict[int, bool] = {}
        outcomes: dict[int, str] = {}
        check_notes: dict[int, str] = {}
        for r in rows:
            came = r.attendance == gathering_vocab.PRESENT
            unmet = (
                came and (n % 3 == 1) and r.need.kind in ("easy_read", "care_cover", "step_free")
            )
            arranged[r.need.pk] = not unmet
            outcomes[r.need.pk] = "" if not came else (vocab.NOT_MET if unmet else vocab.MET)
            if unmet:
                check_notes[r.need.pk] = "Not ready in time."
        services.need_checks_save(
            actor=ctx.facilitator,
            gathering=gathering,
            arranged=arranged,
            outcomes=outcomes,
            notes=check_notes,
        )


def _ledger(
    ctx: DemoContext, dj: DemoJourney, claimants: dict[str, tuple[str, int, int | None]]
) -> None:
    """Time for everyone present at the last eight gatherings; expenses for ``claimants``:
    name -> (what, pence, days to pay back; None = paid in advance)."""
    f = ctx.facilitator
    recent: list[Gathering] = sorted(dj.gatherings, key=lambda g: (g.held_on, g.pk))[-8:]
    present = (
        Attendance.objects.filter(gathering__in=recent, status=gathering_vocab.PRESENT)
        .select_related("person", "gathering")
        .order_by("gathering__held_on", "gathering_id", "person__name", "person_id")
    )
    for att in present:
        g = att.gathering
        hours = Decimal("2") if g.format == gathering_vocab.FORMAL else Decimal("1.5")
        services.time_record(actor=f, person=att.person, on=g.held_on, hours=hours, gathering=g)
        spec = claimants.get(att.person.name)
        if spec is None:
            continue
        what, pence, days = spec
        claim = services.expense_claim(
            actor=f,
            person=att.person,
            description=what,
            amount_pence=pence + ctx.rng.choice((0, 50, 120)),
            claimed_on=g.held_on,
            paid_in_advance=days is None,
            gathering=g,
        )
        if days is not None and g.held_on + days * DAY <= ctx.today:
            services.expense_reimburse(actor=f, claim=claim, reimbursed_on=g.held_on + days * DAY)


def _ebcd(ctx: DemoContext, dj: DemoJourney) -> None:
    f, j = ctx.facilitator, dj.journey
    _profiles(ctx, dj, EBCD_PROFILES)
    population = services.reference_create(
        actor=f,
        journey=j,
        name="Women treated at the breast unit last year",
        source="Riverside Hospital NHS Trust breast unit activity data, patients treated last "
        "year (figures invented for this demo)",
    )
    services.reference_set_shares(
        actor=f,
        population=population,
        shares={k: Decimal(v) for k, v in EBCD_REFERENCE.items()},
    )
    services.recruitment_create(
        actor=f,
        journey=j,
        characteristic="age_band",
        category="35_49",
        target="Women under 50 in treatment, many of them working",
        channels=["own_networks", "service"],
        networks="Amara asks at her workplace's staff network; Jo mentions the group at the "
        "Tuesday evening clinic.",
        actions="Hold one session a month in the evening and one online; offer a call instead.",
        planned_on=ctx.today - 120 * DAY,
    )
    action = services.recruitment_create(
        actor=f,
        journey=j,
        characteristic="ethnicity",
        category="asian",
        target="South Asian women who use the unit",
        channels=["community_groups", "own_networks"],
        networks="Shazia's women's group at the Ashfield mosque.",
        actions="Shazia and Sam visit the women's group with an Urdu speaker from the unit.",
        planned_on=ctx.today - 150 * DAY,
    )
    services.recruitment_update(
        actor=f,
        action=action,
        characteristic=action.characteristic,
        category=action.category,
        target=action.target,
        channels=action.channels,
        networks=action.networks,
        actions=action.actions,
        planned_on=action.planned_on,
        outcome="partly",
        outcome_on=ctx.today - 60 * DAY,
        outcome_notes="Two women came to the next session; one has stayed.",
    )
    _needs(
        ctx,
        dj,
        [
            ("Deborah", "transport", "Hospital transport, booked two days ahead."),
            ("Tessa", "transport", "A taxi, booked and paid by the unit."),
            ("Joan", "easy_read", "Large print, 16 point."),
            ("Kath", "care_cover", "Someone to sit with her mother."),
            ("Amara", "times", "After 5 pm, or online."),
            ("Yvonne", "not_online", "Papers by post; a phone call before each meeting."),
            ("Maggie", "step_free", "No stairs: she cannot manage them since surgery."),
        ],
    )
    trust, charity = _org(dj, "Riverside Hospital NHS Trust"), _org(dj, "Harbour Health Charity")
    for holder, kind, text, lived, gained in (
        (
            "Rosa",
            "experience",
            "Treatment in the unit two years ago, and the wait for results",
            True,
            None,
        ),
        ("Bev", "experience", "Reconstruction surgery and the months after", True, None),
        ("Kath", "experience", "Caring for her mother through treatment", True, None),
        (
            "Lin",
            "skills",
            "Graphic design: made the posters and the patient film's titles",
            False,
            None,
        ),
        ("Jo", "knowledge", "How clinic appointments are booked and why they move", False, None),
        ("Anil", "knowledge", "The clinical pathway from referral to follow-up", False, None),
        ("Rosa", "skills", "Chairing a meeting", False, ctx.today - 90 * DAY),
        ("Bev", "skills", "Presenting to the trust board", False, ctx.today - 40 * DAY),
    ):
        services.asset_add(
            actor=f,
            journey=j,
            person=_person(dj, holder),
            kind=kind,
            description=text,
            lived=lived,
            gained_on=gained,
        )
    services.asset_add(
        actor=f,
        journey=j,
        organisation=trust,
        kind="resources",
        description="The seminar room on level 2, Thursday afternoons",
    )
    services.asset_add(
        actor=f,
        journey=j,
        organisation=charity,
        kind="resources",
        description="£5,000 a year for expenses and vouchers",
    )
    services.asset_gap_add(
        actor=f,
        journey=j,
        kind="knowledge",
        description="Someone who knows how patient transport is commissioned",
    )
    film = services.asset_gap_add(
        actor=f, journey=j, kind="skills", description="Film-making, for the patient film"
    )
    services.asset_gap_found(
        actor=f,
        gap=film,
        found_on=dj.journey.started_on + 40 * DAY,
        note="A media student from the college volunteered.",
    )
    _ledger(
        ctx,
        dj,
        {
            "Deborah": ("Taxi home", 1450, 38),
            "Kath": ("Sitter for her mother", 2400, 21),
            "Tessa": ("Taxi, booked by the unit", 1800, None),
            "Lin": ("Car parking", 650, 9),
            "Maggie": ("Bus fares", 480, 30),
            "Joan": ("Bus fares", 480, 45),
        },
    )
    # Joan's bus fares from a gathering six weeks ago: still not paid back.
    services.expense_claim(
        actor=f,
        person=_person(dj, "Joan"),
        description="Bus fares and a lunch",
        amount_pence=1130,
        claimed_on=ctx.today - 44 * DAY,
    )
    joint = dj.joint_event or dj.gatherings[len(dj.gatherings) // 2]
    for att in Attendance.objects.filter(
        gathering=joint, status=gathering_vocab.PRESENT, side="lived"
    ).order_by("person__name", "person_id"):
        services.payment_record(
            actor=f,
            person=att.person,
            kind=vocab.VOUCHER,
            hours=Decimal("2.5"),
            rate_pence=1000,
            paid_on=joint.held_on,
            description="Shop voucher for the joint event",
        )
    services.training_record(
        actor=f,
        person=_person(dj, "Rosa"),
        title="Chairing meetings",
        received_on=ctx.today - 100 * DAY,
        hours=Decimal(3),
        provider="Harbour Health Charity",
    )
    services.training_record(
        actor=f,
        person=_person(dj, "Bev"),
        title="Presenting with confidence",
        received_on=ctx.today - 50 * DAY,
        hours=Decimal(2),
        provider="The Willow Centre",
    )
    services.task_record(
        actor=f,
        person=_person(dj, "Rosa"),
        description="Keeps the patient information leaflets up to date",
        since=ctx.today - 80 * DAY,
        replaces_paid_role=True,
        paid_role="Patient information officer (the post was not refilled last year)",
    )
    # A task that has finished: the listening events are over, so Joan no longer greets
    # people at them. Marked done through the service, as a facilitator would.
    greeting = services.task_record(
        actor=f,
        person=_person(dj, "Joan"),
        description="Greeted people and signed them in at the listening events",
        since=ctx.today - 120 * DAY,
    )
    services.task_mark_done(actor=f, task=greeting, done_on=ctx.today - 45 * DAY)


def _lab(ctx: DemoContext, dj: DemoJourney) -> None:
    f, j = ctx.facilitator, dj.journey
    _profiles(ctx, dj, LAB_PROFILES)
    services.reference_import_csv(
        actor=f,
        journey=j,
        name="Northfield ward residents aged 16 and over",
        source="Census 2021, ward tables for age, ethnic group, disability and unpaid care; "
        "household income from ONS small-area estimates (figures rounded and invented for this "
        "demo)",
        data=LAB_REFERENCE_CSV.encode("utf-8"),
    )
    services.recruitment_create(
        actor=f,
        journey=j,
        characteristic="age_band",
        category="18_24",
        target="Young people from the estate",
        channels=["community_groups", "outreach", "own_networks"],
        networks="Fiona at Youth Works; Kayleigh's brother's football team.",
        actions="A pizza night at the youth club, with a film made by young people.",
        planned_on=ctx.today - 30 * DAY,
    )
    _needs(
        ctx,
        dj,
        [
            ("Shirley", "not_online", "Phone her in the morning; papers through the door."),
            ("Pat", "care_cover", "Cover for her husband, who has dementia."),
            ("Joy", "care_cover", "Childcare for two under-fives."),
            ("Agnieszka", "interpreter", "Polish, for longer meetings."),
            ("Bernie", "times", "Not on Thursdays (the shop)."),
        ],
    )
    council, cafe = _org(dj, "Northfield Borough Council"), _org(dj, "Northfield Community Café")
    for holder, kind, text, lived, gained in (
        ("Gordon", "skills", "Committee procedure and taking minutes", False, None),
        ("Tariq", "knowledge", "Who uses the food bank, and why", False, None),
        ("Tariq", "experience", "Twenty years on the estate, ten of them unemployed", True, None),
        ("Agnieszka", "skills", "Translation between Polish and English", False, None),
        ("Joy", "experience", "Using the council's family support service", True, None),
        ("Kayleigh", "skills", "Community mapping", False, ctx.today - 150 * DAY),
    ):
        services.asset_add(
            actor=f,
            journey=j,
            person=_person(dj, holder),
            kind=kind,
            description=text,
            lived=lived,
            gained_on=gained,
        )
    services.asset_add(
        actor=f,
        journey=j,
        organisation=council,
        kind="resources",
        description="Two innovation officers, two days a week",
    )
    services.asset_add(
        actor=f,
        journey=j,
        organisation=cafe,
        kind="resources",
        description="The café after closing on Thursdays",
    )
    services.asset_gap_add(
        actor=f,
        journey=j,
        kind="experience",
        description="Young people's own experience of the estate",
    )
    _ledger(
        ctx,
        dj,
        {
            "Pat": ("Sitter for her husband", 2000, 12),
            "Joy": ("Childcare", 2500, None),
            "Shirley": ("Bus fare", 340, 6),
            "Tariq": ("Bus fare", 340, 8),
        },
    )
    for name in ("Tariq", "Lorraine", "Gordon"):
        services.payment_record(
            actor=f,
            person=_person(dj, name),
            kind=vocab.PAYMENT,
            hours=Decimal(6),
            rate_pence=1221,
            paid_on=ctx.today - 20 * DAY,
            description="Community researcher sessions, at the real living wage",
        )
    services.training_record(
        actor=f,
        person=_person(dj, "Kayleigh"),
        title="Community mapping",
        received_on=ctx.today - 160 * DAY,
        provider="Northfield Borough Council",
    )
    services.task_record(
        actor=f,
        person=_person(dj, "Tariq"),
        description="Runs the Thursday drop-in at the community shop",
        since=ctx.today - 90 * DAY,
        replaces_paid_role=True,
        paid_role="Community development worker (post cut last year)",
    )


def extend(ctx: DemoContext) -> None:
    if EBCD in ctx.journeys:
        _ebcd(ctx, ctx.journeys[EBCD])
    if LAB in ctx.journeys:
        _lab(ctx, ctx.journeys[LAB])
