"""Reads and figures for inclusion. Every figure is computed here from the record, so the
inclusion pages, the power dashboard, the command line and the exports agree.

Figures about people's characteristics (profiles, support needs, how many journeys someone is
in) hide every group of 1 to 4 people (``common.privacy``). When hiding one group would still
let it be worked out from a total, the next smallest group is hidden too ("secondary
suppression"). Only profiles given with consent exist, so people without consent are simply
not counted; each figure says how many profiles it rests on.
"""

from __future__ import annotations

import datetime
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Sum, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from powerwith.common.privacy import is_small, min_group, suppress_cells
from powerwith.gatherings import vocab as gathering_vocab
from powerwith.gatherings.models import Attendance, Gathering
from powerwith.insights.period import Period
from powerwith.journeys import vocab as journey_vocab
from powerwith.journeys.models import Journey, Membership
from powerwith.people import vocab as people_vocab
from powerwith.people.models import Person, RoleSpell

from . import stats, vocab
from .models import (
    Asset,
    AssetGap,
    ExpenseClaim,
    NeedCheck,
    Payment,
    Profile,
    RecruitmentAction,
    ReferencePopulation,
    SupportNeed,
    Task,
    TimeGiven,
    Training,
)

ALL_TIME = Period()

# --- Who is who --------------------------------------------------------------------------------


def linked_person(user: Any, journey: Journey) -> Person | None:
    """The register entry of a signed-in user in this journey (through Person.user or their
    membership), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    person = Person.objects.filter(journey=journey, user=user).first()
    if person is not None:
        return person
    membership = (
        Membership.objects.filter(journey=journey, user=user, person__isnull=False)
        .select_related("person")
        .first()
    )
    return membership.person if membership is not None else None


def is_self(user: Any, person: Person) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if person.user_id is not None and person.user_id == user.pk:
        return True
    return Membership.objects.filter(
        journey_id=person.journey_id, user=user, person=person
    ).exists()


def paid_on(person: Person, day: datetime.date) -> bool:
    """Whether the person was paid to take part on ``day`` (from their role spells)."""
    spell = (
        RoleSpell.objects.filter(person=person, started_on__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
        .first()
    )
    return spell.paid if spell is not None else person.paid


def profile_of(person: Person) -> Profile | None:
    return Profile.objects.filter(person=person).first()


def profile_rows(profile: Profile) -> list[dict[str, str]]:
    """A profile's answers in plain words, for the person (or a facilitator with a reason)."""
    rows = []
    for term in vocab.CHARACTERISTICS:
        code = getattr(profile, term.code)
        answer = vocab.categories(term.code).label(code) if code else _("Not answered")
        if term.code == "ethnicity" and profile.ethnicity_text:
            answer += f" (in their words: {profile.ethnicity_text})"
        if term.code == "first_language" and profile.first_language_text:
            answer += f" ({profile.first_language_text})"
        rows.append({"label": term.label, "answer": answer})
    return rows


# --- Representation ----------------------------------------------------------------------------

MISSING = "missing"
# Nobody from the group took part, but so few answered that chance could explain it: the
# interval for its share among participants still reaches the reference share.
TOO_FEW = "too_few"
UNKNOWN = "unknown"  # hidden to protect a small group
NO_REFERENCE = "no_reference"

STATUS_WORDS = {
    MISSING: gettext_lazy("Missing"),
    TOO_FEW: gettext_lazy("Too few to tell"),
    stats.UNDER: gettext_lazy("Under-represented"),
    stats.OVER: gettext_lazy("Over-represented"),
    stats.IN_LINE: gettext_lazy("In line"),
    UNKNOWN: gettext_lazy("Cannot say"),
    NO_REFERENCE: gettext_lazy("No reference figure"),
}


@dataclass(frozen=True)
class Participation:
    """Who took part (came to at least one gathering) in a period, by side and stage."""

    everyone: set[int]
    lived: set[int]
    by_stage: dict[str, tuple[set[int], set[int]]]  # stage -> (everyone, lived)

    def people(self, compare_with: str, stage: str | None = None) -> set[int]:
        if stage is None:
            return self.lived if compare_with == vocab.COMPARE_LIVED else self.everyone
        everyone, lived = self.by_stage.get(stage, (set(), set()))
        return lived if compare_with == vocab.COMPARE_LIVED else everyone


def participation(journey: Journey, period: Period = ALL_TIME) -> Participation:
    rows = Attendance.objects.filter(
        period.q("gathering__held_on"),
        gathering__journey=journey,
        status=gathering_vocab.PRESENT,
    ).values_list("person_id", "side", "gathering__stage")
    everyone: set[int] = set()
    lived: set[int] = set()
    by_stage: dict[str, tuple[set[int], set[int]]] = {}
    for person_id, side, stage in rows:
        everyone.add(person_id)
        if side == people_vocab.LIVED:
            lived.add(person_id)
        if stage:
            e, la = by_stage.setdefault(stage, (set(), set()))
            e.add(person_id)
            if side == people_vocab.LIVED:
                la.add(person_id)
    return Participation(everyone=everyone, lived=lived, by_stage=by_stage)


def _status(reference_share: float, k: int, n: int) -> str:
    """Missing only when nobody from the group took part AND the whole interval for its share
    among participants lies below the reference share; when nobody took part but the interval
    still reaches the reference share, there are too few answers to tell (0 of 10 gives 0% to
    27.8%, so a group of 3% or 20% of the reference could be there by chance)."""
    if k == 0 and reference_share > 0:
        return MISSING if reference_share > stats.wilson(0, n).high else TOO_FEW
    return stats.compare(reference_share, k, n)


def _characteristic_block(
    code: str, reference: dict[str, Decimal], answers: list[str]
) -> dict[str, Any]:
    real = [t.code for t in vocab.reference_categories(code)]
    counted = Counter(a for a in answers if a in real)
    n = sum(counted.values())
    counts = [counted.get(c, 0) for c in real]
    too_few = n == 0 or is_small(n)
    shown = [None] * len(real) if too_few else suppress_cells(counts)
    groups = []
    for category, k, visible in zip(real, counts, shown, strict=True):
        ref = reference.get(category)
        ref_f = round(float(ref) / 100, 4) if ref is not None else None
        row: dict[str, Any] = {
            "code": category,
            "label": vocab.categories(code).label(category),
            "reference_share": ref_f,
            "count": visible,
            "share": None,
            "low": None,
            "high": None,
            "status": NO_REFERENCE if ref_f is None else UNKNOWN,
        }
        if too_few:
            groups.append(row)
            continue
        if visible is not None:
            interval = stats.wilson(k, n)
            row["share"] = round(k / n, 3)
            row["low"], row["high"] = round(interval.low, 3), round(interval.high, 3)
            if ref_f is not None:
                row["status"] = _status(ref_f, k, n)
        elif ref_f is not None and is_small(k) and ref_f > stats.wilson(min_group() - 1, n).high:
            # Hidden because 1 to 4 people: we can still say "under-represented" when it is true
            # for any number from 1 to 4, which reveals nothing more than "fewer than 5".
            row["status"] = stats.UNDER
        groups.append(row)
    return {
        "code": code,
        "label": vocab.CHARACTERISTICS.label(code),
        "answered": None if too_few else n,
        "suppressed": too_few,
        "groups": groups,
    }


def _block(
    scope: str,
    label: str,
    people: set[int],
    profiles: dict[int, dict[str, str]],
    reference: dict[str, dict[str, Decimal]],
) -> dict[str, Any]:
    mine = [profiles[p] for p in people if p in profiles]
    rests_on = len(mine)
    characteristics = []
    for term in vocab.CHARACTERISTICS:
        if term.code not in reference:
            continue
        block = _characteristic_block(
            term.code,
            reference[term.code],
            [] if is_small(rests_on) else [p[term.code] for p in mine],
        )
        characteristics.append(block)
    return {
        "scope": scope,
        "label": label,
        "participants": len(people),
        "rests_on": None if is_small(rests_on) else rests_on,
        "characteristics": characteristics,
    }


def _stages(journey: Journey, part: Participation) -> list[str]:
    present = set(journey.stages or []) | set(part.by_stage)
    return [s for s in journey_vocab.STAGES.codes if s in present]


# A reference population (``id``, ``name``, ``source``, ``compare_with``) and its shares in
# percent by characteristic, then category.
_Population = tuple[dict[str, Any], dict[str, dict[str, Decimal]]]
_POPULATION_FIELDS = ("id", "name", "source", "compare_with")


def _populations(journey: Journey) -> list[_Population]:
    """The journey's reference populations in order, with their shares, in one read (a
    population without shares comes as one row with no share)."""
    found: dict[int, _Population] = {}
    for row in (
        ReferencePopulation.objects.filter(journey=journey)
        .order_by("name", "id", "shares__characteristic", "shares__id")
        .values(
            *_POPULATION_FIELDS,
            "shares__id",
            "shares__characteristic",
            "shares__category",
            "shares__share",
        )
    ):
        if row["id"] not in found:
            found[row["id"]] = ({k: row[k] for k in _POPULATION_FIELDS}, defaultdict(dict))
        if row["shares__id"] is not None:
            by_category = found[row["id"]][1][row["shares__characteristic"]]
            by_category[row["shares__category"]] = row["shares__share"]
    return list(found.values())


def profile_answers(journey: Journey) -> dict[int, dict[str, str]]:
    """Each profile's answers to the characteristics, by person id."""
    return {
        row["person_id"]: row
        for row in Profile.objects.filter(journey=journey).values(
            "person_id", *vocab.CHARACTERISTICS.codes
        )
    }


def representation(
    journey: Journey,
    period: Period = ALL_TIME,
    *,
    profiles: dict[int, dict[str, str]] | None = None,
) -> list[dict[str, Any]]:
    """For each reference population: participants' shares per group, with a 95% Wilson
    interval, against the reference share, across the period and at each stage of the cycle.
    Status per group: missing, under, over, in_line, too_few, unknown (hidden), no_reference.
    ``profiles``: :func:`profile_answers`, when the caller has read them already."""
    populations = _populations(journey)
    if not populations:
        return []
    part = participation(journey, period)
    if profiles is None:
        profiles = profile_answers(journey)
    stages = _stages(journey, part)
    out = []
    for population, reference in populations:
        mode = population["compare_with"]
        blocks = [_block("all", _("Whole period"), part.people(mode), profiles, reference)]
        for stage in stages:
            blocks.append(
                _block(
                    stage,
                    journey_vocab.STAGES.label(stage),
                    part.people(mode, stage),
                    profiles,
                    reference,
                )
            )
        out.append({"population": population, "blocks": blocks})
    return out


def gaps(representation_data: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Groups that are missing or under-represented across the whole period."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for pop in representation_data:
        overall = pop["blocks"][0]
        for ch in overall["characteristics"]:
            for g in ch["groups"]:
                if g["status"] in (MISSING, stats.UNDER):
                    key = (ch["code"], g["code"])
                    entry = found.setdefault(
                        key,
                        {
                            "characteristic": ch["code"],
                            "category": g["code"],
                            "label": f"{ch['label']}: {g['label']}",
                            "status": g["status"],
                            "populations": [],
                        },
                    )
                    if g["status"] == MISSING:
                        entry["status"] = MISSING
                    entry["populations"].append(pop["population"]["name"])
    return list(found.values())


def profile_counts(
    journey: Journey, *, people: int | None = None, profiles: int | None = None
) -> dict[str, int]:
    """How many people are in the journey's register and how many of them filled in a profile
    (``people``, ``profiles``: those counts, when the caller has them already)."""
    if people is None:
        people = Person.objects.filter(journey=journey).count()
    if profiles is None:
        profiles = Profile.objects.filter(journey=journey).count()
    return {"people": people, "profiles": profiles}


def recruitment_by_group(journey: Journey) -> dict[tuple[str, str], list[RecruitmentAction]]:
    out: dict[tuple[str, str], list[RecruitmentAction]] = defaultdict(list)
    for action in RecruitmentAction.objects.filter(journey=journey):
        out[(action.characteristic, action.category)].append(action)
    return out


# --- The usual suspects ------------------------------------------------------------------------


def concurrent_journeys(journey: Journey) -> QuerySet[Journey]:
    """Other journeys of the same host organisation (the same organisation, not the same name)
    whose dates overlap this one's (none, and no statement, for a journey without a host)."""
    if journey.host_id is None:
        return Journey.objects.none()
    start = journey.started_on or datetime.date.min
    end = journey.ended_on or datetime.date.max
    return (
        Journey.objects.filter(host_id=journey.host_id)
        .exclude(pk=journey.pk)
        .filter(Q(started_on__isnull=True) | Q(started_on__lte=end))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
    )


def usual_suspects(
    journey: Journey,
    period: Period = ALL_TIME,
    *,
    came: dict[int, int] | None = None,
    register: dict[int, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """How many of this journey's public participants (lived-experience side) are also in
    other journeys of the same host organisation running at the same time (the same individual
    shares a ``network_key``), and what share of attendances they account for. Aggregates
    only, small groups hidden. ``came``: how many gatherings of the period each person of the
    journey came to, and ``register``: the journey's people (``id``, ``side``,
    ``network_key``), when the caller has already read them (read from the database
    otherwise)."""
    people: dict[int, Any] = (
        {pk: p["network_key"] for pk, p in register.items() if p["side"] == people_vocab.LIVED}
        if register is not None
        else dict(
            Person.objects.filter(journey=journey, side=people_vocab.LIVED).values_list(
                "pk", "network_key"
            )
        )
    )
    # Each concurrent journey with the keys of its people who are lived-experience people here
    # too, and one row with no key for the rest of its people: the journeys and the people
    # they share with this one in one statement.
    lived_here = Person.objects.filter(journey=journey, side=people_vocab.LIVED).values(
        "network_key"
    )
    others: set[int] = set()
    journeys_of: dict[Any, set[int]] = defaultdict(set)
    for journey_id, key in (
        concurrent_journeys(journey)
        .annotate(
            also_here=Case(When(people__network_key__in=lived_here, then=F("people__network_key")))
        )
        .order_by()
        .values_list("id", "also_here")
        .distinct()
    ):
        others.add(journey_id)
        if key is not None:
            journeys_of[key].add(journey_id)
    spread = {pk: 1 + len(journeys_of.get(key, ())) for pk, key in people.items()}
    cells = [
        sum(1 for n in spread.values() if n == 1),
        sum(1 for n in spread.values() if n == 2),
        sum(1 for n in spread.values() if n >= 3),
    ]
    shown = suppress_cells(cells)
    multi = {pk for pk, n in spread.items() if n >= 2}
    # Attendances per person, counted in the database (one row per person, not per attendance).
    per_person = (
        {pid: n for pid, n in came.items() if pid in people}
        if came is not None
        else dict(
            Attendance.objects.filter(
                period.q("gathering__held_on"),
                gathering__journey=journey,
                status=gathering_vocab.PRESENT,
                person__journey=journey,
                person__side=people_vocab.LIVED,
            )
            .values("person_id")
            .annotate(n=Count("id"))
            .order_by()
            .values_list("person_id", "n")
        )
    )
    attendances = sum(per_person.values())
    by_multi = sum(n for pid, n in per_person.items() if pid in multi)
    share_multi: float | None = None
    if attendances and not is_small(len(multi)):
        share_multi = round(by_multi / attendances, 3)
    return {
        "host_organisation": journey.host.name if journey.host else "",
        "concurrent_journeys": len(others),
        "people": len(people),
        "in_this_only": shown[0],
        "in_two": shown[1],
        "in_three_or_more": shown[2],
        "people_in_two_or_more_share": (
            round(len(multi) / len(people), 3)
            if people and not is_small(len(multi))
            else (0.0 if people and not multi else None)
        ),
        "attendances": attendances,
        "attendance_share_in_two_or_more": share_multi if multi else (0.0 if attendances else None),
    }


# --- What people need to take part -------------------------------------------------------------


@dataclass
class NeedRow:
    need: SupportNeed
    check: NeedCheck | None
    attendance: str  # present / apologies / absent / "" (not recorded yet)

    @property
    def kind_label(self) -> str:
        return vocab.NEEDS.label(self.need.kind)

    @property
    def attendance_label(self) -> str:
        return gathering_vocab.ATTENDANCE.label(self.attendance) if self.attendance else ""


def gathering_needs(gathering: Gathering) -> list[NeedRow]:
    """The needs of everyone expected at a gathering: people in the register on its date, and
    anyone on its attendance list; needs that applied on that date."""
    day = gathering.held_on
    attendance = dict(gathering.attendances.values_list("person_id", "status"))
    active = Q(person__joined_on__lte=day) & (
        Q(person__left_on__isnull=True) | Q(person__left_on__gte=day)
    )
    needs = (
        SupportNeed.objects.filter(journey_id=gathering.journey_id, since__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
        .filter(active | Q(person_id__in=list(attendance)))
        .select_related("person")
        .order_by("person__name", "kind", "id")
    )
    checks = {c.need_id: c for c in NeedCheck.objects.filter(gathering=gathering)}
    return [NeedRow(n, checks.get(n.pk), attendance.get(n.person_id, "")) for n in needs]


def needs_summary(journey: Journey, period: Period = ALL_TIME) -> dict[str, Any]:
    """Unmet needs at gatherings in the period, and how many people stopped coming after a
    need of theirs was not met (no attendance at any later gathering, though there was one)."""
    after = OuterRef("gathering__held_on")
    checks = list(
        NeedCheck.objects.filter(period.q("gathering__held_on"), gathering__journey=journey)
        .exclude(outcome="")
        # Whether the journey held a gathering after this check's, and whether the person came
        # to one: asked with the checks, in the same statement (a journey has few checks).
        .annotate(
            held_later=Exists(Gathering.objects.filter(journey=journey, held_on__gt=after)),
            came_later=Exists(
                Attendance.objects.filter(
                    gathering__journey=journey,
                    gathering__held_on__gt=after,
                    status=gathering_vocab.PRESENT,
                    person_id=OuterRef("person_id"),
                )
            ),
        )
        .values_list(
            "person_id", "need__kind", "outcome", "gathering__held_on", "held_later", "came_later"
        )
    )
    unmet = [c for c in checks if c[2] == vocab.NOT_MET]
    kinds = Counter(c[1] for c in unmet)
    codes = vocab.NEEDS.codes
    shown = suppress_cells([kinds.get(k, 0) for k in codes])
    by_kind = [
        {"code": k, "label": vocab.NEEDS.label(k), "unmet": s}
        for k, s, n in zip(codes, shown, [kinds.get(k, 0) for k in codes], strict=True)
        if n
    ]
    # Per person, the day of their last unmet need and whether they stopped coming after it:
    # there was a later gathering and they came to none.
    last_unmet: dict[int, tuple[datetime.date, bool]] = {}
    for person_id, _kind, _outcome, held_on, held_later, came_later in unmet:
        seen = last_unmet.get(person_id)
        if seen is None or held_on > seen[0]:
            last_unmet[person_id] = (held_on, held_later and not came_later)
    stopped = {pid for pid, (_day, gone) in last_unmet.items() if gone}
    people_with_needs = (
        SupportNeed.objects.filter(journey=journey, ended_on__isnull=True)
        .values("person_id")
        .distinct()
        .count()
    )
    unmet_hidden = is_small(len(unmet))
    return {
        "checked": len(checks),
        # 1 to 4 unmet needs are hidden, and so is "met" (checked - met would give them away).
        "unmet": None if unmet_hidden else len(unmet),
        "met": None if unmet_hidden else len(checks) - len(unmet),
        "unmet_by_kind": by_kind,
        "people_with_needs": None if is_small(people_with_needs) else people_with_needs,
        "people_unmet": None if is_small(len(last_unmet)) else len(last_unmet),
        "stopped_after_unmet": None if is_small(len(stopped)) else len(stopped),
        "anyone_stopped_after_unmet": bool(stopped),
    }


# --- Assets ------------------------------------------------------------------------------------

ORGANISATION = "organisation"
HOLDERS = [
    (people_vocab.LIVED, gettext_lazy("People with lived experience")),
    (people_vocab.PROFESSIONAL, gettext_lazy("Professionals")),
    (ORGANISATION, gettext_lazy("Organisations")),
]


def asset_map(journey: Journey, period: Period = ALL_TIME) -> dict[str, Any]:
    """The group's map: assets by kind and by who holds them; skills gained during the journey
    (in the period); the gaps the group is looking for."""
    rows = Asset.objects.filter(journey=journey).values_list(
        "kind", "person__side", "organisation_id", "lived", "gained_on"
    )
    table: dict[str, Counter[str]] = {k: Counter() for k in vocab.ASSET_KINDS.codes}
    lived_experience = 0
    gained = 0
    total = 0
    for kind, side, org_id, lived, gained_on in rows:
        holder = ORGANISATION if org_id else side
        table[kind][holder] += 1
        total += 1
        lived_experience += int(lived)
        if gained_on is not None and period.contains(gained_on):
            gained += 1
    gap_rows = list(AssetGap.objects.filter(journey=journey).values_list("found_on", flat=True))
    return {
        "assets": total,
        "by_kind": [
            {
                "code": k,
                "label": vocab.ASSET_KINDS.label(k),
                "total": sum(table[k].values()),
                **{h: table[k][h] for h, _label in HOLDERS},
            }
            for k in vocab.ASSET_KINDS.codes
        ],
        "lived_experience": lived_experience,
        "gained_during_journey": gained,
        "gaps_open": sum(1 for f in gap_rows if f is None),
        "gaps_found": sum(1 for f in gap_rows if f is not None),
    }


# --- The reciprocity ledger --------------------------------------------------------------------


def _today() -> datetime.date:
    return timezone.localdate()


# An outstanding claim: (person id, amount in pence, claimed on, claimant paid).
_Outstanding = tuple[int, int, datetime.date, bool]
_OUTSTANDING = "inclusion.out_of_pocket"  # its key in a dashboard call's ``Ctx.memo``


def out_of_pocket(
    journey: Journey, older_than_days: int | None = None, *, memo: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Claims not paid back and not paid in advance, now (whatever the period): how many
    people, how much (pence), and how many of them are unpaid participants. With
    ``older_than_days``, only claims made more than that many days ago. ``memo``: a dashboard
    call's ``Ctx.memo``, so that the figures and the warning sign read the claims once."""
    if memo is not None and _OUTSTANDING in memo:
        outstanding: list[_Outstanding] = memo[_OUTSTANDING]
    else:
        outstanding = list(
            ExpenseClaim.objects.filter(
                journey=journey, reimbursed_on__isnull=True, paid_in_advance=False
            ).values_list("person_id", "amount_pence", "claimed_on", "claimant_paid")
        )
        if memo is not None:
            memo[_OUTSTANDING] = outstanding
    return _pocket_figures(outstanding, older_than_days)


def _pocket_figures(outstanding: list[_Outstanding], older_than_days: int | None) -> dict[str, Any]:
    """:func:`out_of_pocket`'s figures from the claims still outstanding."""
    today = _today()
    claims = outstanding
    if older_than_days is not None:
        before = today - datetime.timedelta(days=older_than_days)
        claims = [c for c in outstanding if c[2] < before]
    return {
        "people": len({c[0] for c in claims}),
        "unpaid_people": len({c[0] for c in claims if not c[3]}),
        "claims": len(claims),
        "total_pence": sum(c[1] for c in claims),
        "unpaid_total_pence": sum(c[1] for c in claims if not c[3]),
        "oldest_days": max(((today - c[2]).days for c in claims), default=None),
    }


def _hours(value: Any) -> float:
    return float((value or Decimal(0)).quantize(Decimal("0.01")))


def reciprocity(
    journey: Journey, period: Period = ALL_TIME, *, memo: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Unpaid and paid hours; expenses claimed in the period (share of unpaid claimants whose
    every claim was paid back or paid in advance; median days to pay back, over claims paid
    back afterwards); people out of pocket now; payments and vouchers; training; tasks done by
    unpaid people that used to be paid roles. Money in whole pence. ``memo``: see
    :func:`out_of_pocket` (the claims outstanding are left there for it)."""
    hours = {
        paid: (total, n)
        for paid, total, n in TimeGiven.objects.filter(period.q("on"), journey=journey)
        .values("paid")
        .annotate(total=Sum("hours"), n=Count("id"))
        .values_list("paid", "total", "n")
    }
    unpaid_hours, unpaid_n = hours.get(False, (Decimal(0), 0))
    paid_hours, paid_n = hours.get(True, (Decimal(0), 0))

    # Every claim of the journey, read once (a journey has few): the period's claims for the
    # figures below, and those still outstanding now for "out of pocket".
    every_claim = list(
        ExpenseClaim.objects.filter(journey=journey).values_list(
            "person_id",
            "claimant_paid",
            "amount_pence",
            "claimed_on",
            "paid_in_advance",
            "reimbursed_on",
        )
    )
    claims = [c for c in every_claim if period.contains(c[3])]
    outstanding: list[_Outstanding] = [
        (person_id, amount, claimed_on, claimant_paid)
        for person_id, claimant_paid, amount, claimed_on, advanced, reimbursed_on in every_claim
        if reimbursed_on is None and not advanced
    ]
    if memo is not None:
        memo[_OUTSTANDING] = outstanding
    unpaid_claimants: dict[int, bool] = {}
    days = []
    for person_id, claimant_paid, _amount, claimed_on, advanced, reimbursed_on in claims:
        settled = advanced or reimbursed_on is not None
        if not claimant_paid:
            unpaid_claimants[person_id] = unpaid_claimants.get(person_id, True) and settled
        if reimbursed_on is not None and not advanced:
            days.append((reimbursed_on - claimed_on).days)
    met = sum(1 for ok in unpaid_claimants.values() if ok)
    median = statistics.median(days) if days else None

    payments = {
        kind: (n, pence, h)
        for kind, n, pence, h in Payment.objects.filter(period.q("paid_on"), journey=journey)
        .values("kind")
        .annotate(n=Count("id"), pence=Sum("amount_pence"), h=Sum("hours"))
        .values_list("kind", "n", "pence", "h")
    }
    training = Training.objects.filter(period.q("received_on"), journey=journey).aggregate(
        n=Count("id"), people=Count("person", distinct=True)
    )
    end = period.end or _today()
    # Being done at some time in the period: started by its end, not marked done before its start.
    in_period = Q()
    if period.start is not None:
        in_period = Q(done_on__isnull=True) | Q(done_on__gte=period.start)
    replacing = in_period & Q(replaces_paid_role=True, person_paid=False)
    # The tasks counted once, each figure with its own filter.
    tasks = Task.objects.filter(journey=journey, since__lte=end).aggregate(
        replaced=Count("id", filter=replacing),
        replaced_people=Count("person", distinct=True, filter=replacing),
        ongoing=Count("id", filter=Q(done_on__isnull=True) | Q(done_on__gt=end)),
        done=Count("id", filter=period.q("done_on") & Q(done_on__isnull=False)),
    )
    return {
        "hours": {
            "unpaid": _hours(unpaid_hours),
            "paid": _hours(paid_hours),
            "entries": unpaid_n + paid_n,
        },
        "expenses": {
            "claims": len(claims),
            "total_pence": sum(c[2] for c in claims),
            "paid_in_advance": sum(1 for c in claims if c[4]),
            "paid_back": len(days),
            "unpaid_claimants": len(unpaid_claimants),
            "unpaid_claimants_met": met,
            "unpaid_met_share": (
                round(met / len(unpaid_claimants), 3) if unpaid_claimants else None
            ),
            "median_days_to_pay_back": float(median) if median is not None else None,
        },
        "out_of_pocket": _pocket_figures(outstanding, None),
        "payments": {
            kind: {
                "count": payments.get(kind, (0, 0, 0))[0],
                "total_pence": int(payments.get(kind, (0, 0, 0))[1] or 0),
                "hours": _hours(payments.get(kind, (0, 0, Decimal(0)))[2]),
            }
            for kind in vocab.PAYMENT_KINDS.codes
        },
        "training": {"count": training["n"], "people": training["people"]},
        "replaced_paid_roles": {
            "tasks": tasks["replaced"],
            "unpaid_people": tasks["replaced_people"],
        },
        "tasks": {"ongoing": tasks["ongoing"], "done": tasks["done"]},
    }


def ledger(journey: Journey) -> dict[str, list[Any]]:
    """Every ledger line, newest first, for the ledger page (members and facilitators)."""
    return {
        "time": list(
            TimeGiven.objects.filter(journey=journey).select_related("person", "gathering")[:200]
        ),
        "claims": list(
            ExpenseClaim.objects.filter(journey=journey).select_related("person", "gathering")[:200]
        ),
        "payments": list(Payment.objects.filter(journey=journey).select_related("person")[:200]),
        "training": list(Training.objects.filter(journey=journey).select_related("person")[:200]),
        "tasks": list(
            Task.objects.filter(journey=journey).select_related("person", "done_by")[:200]
        ),
    }
