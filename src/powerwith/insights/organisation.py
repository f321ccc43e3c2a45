"""An organisation's view across the journeys it hosts: each journey side by side, the whole
programme's figures, the usual suspects, and what changed at which level.

Built with grouped queries over all the organisation's journeys at once (one ``GROUP BY
journey`` per table), never :func:`insights.selectors.insights_for` in a loop, so the number
of queries does not grow with the number of journeys (``tests/insights/test_organisation.py``
counts them with 3 and 30 journeys). Each per-journey figure is computed the way the journey's
own dashboard computes it over all time (the same test compares them), and the warning signs
checked here use each journey's own thresholds.

Who sees what: anyone with a role in the organisation sees the programme's figures; a
journey's own row (and a link to its dashboard) only where they are a member of that journey,
as everywhere else. The journeys they cannot open are added up into one row, ``others``,
whose counts of people, and shares resting on fewer than 5 records, are hidden
(``common.privacy``). docs/insights.md documents every key.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import Case, Count, F, Max, Min, Q, Sum, When
from django.db.models.functions import Coalesce, Lower, Trim
from django.utils import timezone

from powerwith.common.privacy import is_small, suppress
from powerwith.contributions import vocab as c_vocab
from powerwith.contributions.models import Contribution
from powerwith.decisions import vocab as d_vocab
from powerwith.decisions.models import Decision
from powerwith.gatherings import vocab as g_vocab
from powerwith.gatherings.models import AgendaItem, Attendance, Gathering
from powerwith.journeys import vocab as j_vocab
from powerwith.journeys.models import Journey, Limit, Membership
from powerwith.people import vocab as p_vocab
from powerwith.people.models import Organisation as RegisterOrganisation
from powerwith.people.models import Person
from powerwith.reflection.models import Ending, Round

from . import registry
from .maths import share
from .thresholds import thresholds_for

LIVED, PROFESSIONAL = p_vocab.LIVED, p_vocab.PROFESSIONAL
SIDES = (LIVED, PROFESSIONAL)
RUNGS = tuple(t.code for t in d_vocab.RUNGS)
LOWER_RUNGS = tuple(t.code for t in d_vocab.RUNGS if int(t.extra["level"]) <= 4)  # type: ignore[call-overload]
LEVELS = tuple(c_vocab.CHANGE_LEVELS.codes)
HIGH_LEVELS = ("organisational_culture", "policy_structural")
INSTITUTIONAL = "institutional"

# The warning signs this view checks for every journey (the journey's own dashboard checks
# them all). Each is decided here exactly as on the dashboard, from the same figures.
SIGNS = (
    "professionals_hold_voice",
    "unanswered_long",
    "low_acted_upon",
    "institutional_premises",
    "limits_undisclosed",
    "decisions_low_rungs",
)


def _org_sections() -> list[Any]:
    """The dashboard's section modules (insights/registry.py) that add their own all-time
    figures to every row: each defines

    - ``ORG_COUNTS``: the names of its counts (whole numbers, added up over journeys);
    - ``ORG_PEOPLE``: those of them that count people (hidden when 1 to 4 in ``others`` and
      ``programme``);
    - ``ORG_SHARES``: ``{share: (part, whole, records)}``: ``part / whole`` (maths.share),
      hidden in ``others`` and ``programme`` when ``records`` is 1 to 4;
    - ``organisation_counts(ids, today) -> {journey id: {count: n}}``: every count of every
      journey in ``ids``, with a fixed number of grouped queries (never one per journey),
      defined exactly as its ``compute`` over all time (each app's tests compare them).

    Their row key is the section's ``KEY``. A missing app is skipped, as on the dashboard."""
    return [m for m in registry.sections() if hasattr(m, "organisation_counts")]


def _blank() -> dict[str, Any]:
    return {
        **{m.KEY: {k: 0 for k in m.ORG_COUNTS} for m in _org_sections()},
        "people": 0,
        "people_by_side": {LIVED: 0, PROFESSIONAL: 0},
        "turns": 0,
        "turns_by_side": {LIVED: 0, PROFESSIONAL: 0},
        "agenda_items": 0,
        "agenda_by_side": {LIVED: 0, PROFESSIONAL: 0},
        "raised": 0,
        "done": 0,
        "not_possible": 0,
        "open": 0,
        "unanswered": 0,
        "unanswered_long": 0,
        "gatherings": 0,
        "institutional_gatherings": 0,
        "decisions": 0,
        "decisions_by_rung": {r: 0 for r in RUNGS},
        "lower_rungs": 0,
        "power_sharing": 0,
        "limits_hidden": 0,
        "rounds": 0,
        "rounds_closed": 0,
        "endings": 0,
        "changes_by_level": {lv: 0 for lv in LEVELS},
    }


def _finish(row: dict[str, Any]) -> dict[str, Any]:
    """Add the shares, worked out from the counts as the dashboard works them out."""
    turns, known_items = row["turns"], sum(row["agenda_by_side"].values())
    row["voice_share"] = {s: share(row["turns_by_side"][s], turns) for s in SIDES}
    row["agenda_lived_share"] = share(row["agenda_by_side"][LIVED], known_items)
    row["acted_upon_rate"] = share(row["done"], row["raised"])
    row["institutional_share"] = share(row["institutional_gatherings"], row["gatherings"])
    row["lower_rungs_share"] = share(row["lower_rungs"], row["decisions"])
    row["power_sharing_share"] = share(row["power_sharing"], row["decisions"])
    row["changes"] = sum(row["changes_by_level"].values())
    row["high_level_changes"] = sum(row["changes_by_level"][lv] for lv in HIGH_LEVELS)
    for m in _org_sections():
        part = row[m.KEY]
        for key, (num, whole, _records) in m.ORG_SHARES.items():
            part[key] = share(part[num], part[whole])
    return row


def _signs(row: dict[str, Any], t: dict[str, dict[str, Any]]) -> list[str]:
    """The codes of :data:`SIGNS` that fire for one journey, with its own thresholds."""
    fired = []
    th = t["professionals_hold_voice"]
    prof = row["voice_share"][PROFESSIONAL]
    if row["turns"] >= th["min_turns"] and prof is not None and prof >= th["share"]:
        fired.append("professionals_hold_voice")
    if row["unanswered_long"] >= t["unanswered_long"]["count"]:
        fired.append("unanswered_long")
    th = t["low_acted_upon"]
    rate = row["acted_upon_rate"]
    if row["raised"] >= th["min_raised"] and rate is not None and rate < th["rate"]:
        fired.append("low_acted_upon")
    th = t["institutional_premises"]
    inst = row["institutional_share"]
    if row["gatherings"] >= th["min_gatherings"] and inst is not None and inst >= th["share"]:
        fired.append("institutional_premises")
    if row["decisions"] >= t["limits_undisclosed"]["min_decisions"] and row["limits_hidden"] > 0:
        fired.append("limits_undisclosed")
    th = t["decisions_low_rungs"]
    low = row["lower_rungs_share"]
    if row["decisions"] >= th["min_decisions"] and low is not None and low >= th["share"]:
        fired.append("decisions_low_rungs")
    return fired


def _add(into: dict[str, Any], row: dict[str, Any]) -> None:
    for key, value in row.items():
        if isinstance(value, dict):
            for k, v in value.items():
                if isinstance(v, int):
                    into[key][k] = into[key].get(k, 0) + v
        elif isinstance(value, int) and not isinstance(value, bool) and key in into:
            into[key] += value


def _hide_small(row: dict[str, Any]) -> dict[str, Any]:
    """Counts of people under 5 hidden (None), and every share resting on fewer than 5
    records, for figures about journeys the viewer cannot open."""
    row["people"] = suppress(row["people"], row["people"])
    row["people_by_side"] = {s: suppress(n, n) for s, n in row["people_by_side"].items()}
    bases = {
        "voice_share": row["turns"],
        "agenda_lived_share": sum(row["agenda_by_side"].values()),
        "acted_upon_rate": row["raised"],
        "institutional_share": row["gatherings"],
        "lower_rungs_share": row["decisions"],
        "power_sharing_share": row["decisions"],
    }
    for key, base in bases.items():
        if is_small(base):
            row[key] = {s: None for s in SIDES} if isinstance(row[key], dict) else None
    for m in _org_sections():
        part = row[m.KEY]
        for key, (_num, _whole, records) in m.ORG_SHARES.items():
            if is_small(part[records]):
                part[key] = None
        for key in m.ORG_PEOPLE:
            part[key] = suppress(part[key], part[key])
    return row


def _journey_ids_q(ids: Iterable[int], field: str = "journey_id") -> Q:
    return Q(**{f"{field}__in": list(ids)})


def organisation_figures(
    organisation: Any,
    user: Any = None,
    *,
    every_journey: bool = False,
    today: datetime.date | None = None,
    network: bool = True,
) -> dict[str, Any]:
    """The organisation's view for ``user`` (who has a role in ``organisation``), JSON-ready.
    ``every_journey`` gives every journey its own row (the command line, run by the server's
    operator). ``network``: add the network of groups its journeys work with
    (``outreach.network``; the page leaves it out, as the network has its own panel there).

    A fixed number of queries whatever the number of journeys (about 25)."""
    doc = {
        "organisation": {"slug": organisation.slug, "name": organisation.name},
        **programme_figures(
            Journey.objects.filter(host=organisation),
            user,
            every_journey=every_journey,
            today=today,
        ),
    }
    if network:
        from powerwith.outreach.network import network_figures

        doc["network"] = network_figures(organisation, user, every_journey=every_journey)
    return doc


def programme_figures(
    journeys_qs: Any,
    user: Any = None,
    *,
    every_journey: bool = False,
    today: datetime.date | None = None,
) -> dict[str, Any]:
    """The same figures (every key but ``organisation``) for any set of journeys: an
    organisation's, or a whole national programme's (the benchmark times all of them)."""
    today = today or timezone.localdate()
    journeys = list(
        journeys_qs.order_by("title", "slug").only(
            "id", "slug", "title", "stages", "level", "started_on", "ended_on", "options"
        )
    )
    ids = [j.pk for j in journeys]
    thresholds = {j.pk: thresholds_for(j) for j in journeys}
    rows: dict[int, dict[str, Any]] = {j.pk: _blank() for j in journeys}
    mine = (
        set(ids)
        if every_journey
        else set(
            Membership.objects.filter(journey_id__in=ids, user_id=user.pk).values_list(
                "journey_id", flat=True
            )
        )
        if ids and getattr(user, "is_authenticated", False) and user.pk is not None
        else set()
    )

    came: tuple[int, int] = (0, 0)
    if ids:
        came = _read_room(rows, ids)
        _read_agenda(rows, ids)
        _read_contributions(rows, ids, journeys, thresholds, today)
        _read_gatherings(rows, ids)
        _read_decisions(rows, ids, today)
        _read_reflection(rows, ids)
        for m in _org_sections():
            for jid, counts in m.organisation_counts(ids, today).items():
                rows[jid][m.KEY].update(counts)

    out_rows = []
    programme = _blank()
    others = _blank()
    warnings_all: dict[str, int] = {code: 0 for code in SIGNS}
    warnings_others: dict[str, int] = {code: 0 for code in SIGNS}
    n_others = 0
    for j in journeys:
        row = _finish(rows[j.pk])
        fired = _signs(row, thresholds[j.pk])
        _add(programme, row)
        for code in fired:
            warnings_all[code] += 1
        if j.pk in mine:
            out_rows.append(
                {
                    "slug": j.slug,
                    "title": j.title,
                    "stages": list(j.stages or []),
                    "level": j.level,
                    "started_on": j.started_on.isoformat() if j.started_on else None,
                    "ended_on": j.ended_on.isoformat() if j.ended_on else None,
                    **row,
                    "warnings": fired,
                }
            )
        else:
            n_others += 1
            _add(others, row)
            for code in fired:
                warnings_others[code] += 1

    # Distinct people across the programme (one person in two journeys is two register
    # entries; the programme counts register entries, like the sum of the journeys' rows).
    programme = _finish(programme)
    programme["journeys"] = len(journeys)
    programme["journeys_running"] = sum(1 for j in journeys if j.ended_on is None)
    programme["journeys_by_stage"] = _stages(journeys)
    programme["warnings"] = warnings_all
    others_out: dict[str, Any] | None = None
    if n_others:
        others_out = _hide_small(_finish(others))
        others_out["journeys"] = n_others
        others_out["warnings"] = warnings_others
    return {
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "today": today.isoformat(),
        "journeys": out_rows,
        "others": others_out,
        "programme": _hide_small(programme),
        "usual_suspects": _usual_suspects(ids, came),
        "signs_checked": list(SIGNS),
    }


def _stages(journeys: list[Journey]) -> dict[str, int]:
    out = {t.code: 0 for t in j_vocab.STAGES}
    for j in journeys:
        for s in j.stages or []:
            if s in out:
                out[s] += 1
    return out


def _flag(condition: Q) -> Max:
    """1 if any row of the group meets ``condition``, else 0 (``bool_or``, on both databases)."""
    return Max(Case(When(condition, then=1), default=0))


def _read_room(rows: dict[int, dict[str, Any]], ids: list[int]) -> tuple[int, int]:
    """People who came by the side they held on the day, and speaking turns by side, from
    the attendance rows and their turn tally (gatherings/tally.py); returns the attendances
    ("came") of all the journeys and those by people in two or more of them (the usual
    suspects' share).

    One pass over the attendance rows (a national programme has a million): grouped first by
    person (who came, on which side, how many times, their turns), then by journey. A person
    counts once in ``people`` and once on each side they came as, as ``COUNT(DISTINCT
    person)`` would count them, without sorting every row. A person is in one journey and
    comes only to its gatherings (``gatherings.services.attendance_set``); should the rows
    ever say otherwise, the same figures are read grouped by journey and person (slower)."""
    figures = _room_pass(ids, by_journey=False)
    if figures is None:
        figures = _room_pass(ids, by_journey=True)
    assert figures is not None
    total = in_several = 0
    for jid, people, lived, prof, turns, t_lived, t_prof, came, came_several, _mixed in figures:
        row = rows[jid]
        row["people"] = int(people)
        row["people_by_side"][LIVED] += int(lived)
        row["people_by_side"][PROFESSIONAL] += int(prof)
        row["turns"] += int(turns)
        row["turns_by_side"][LIVED] += int(t_lived)
        row["turns_by_side"][PROFESSIONAL] += int(t_prof)
        total += int(came)
        in_several += int(came_several)
    return total, in_several


def _room_pass(ids: list[int], *, by_journey: bool) -> list[tuple[int, ...]] | None:
    """The rows of :func:`_read_room`, one per journey; None if, grouped by person alone,
    someone came to gatherings of two journeys."""
    present = Q(status=g_vocab.PRESENT)
    att = Attendance.objects.filter(_journey_ids_q(ids, "gathering__journey_id"))
    journey = F("gathering__journey_id")
    grouped = (
        att.values(j=journey, pid=F("person_id")).annotate(j_hi=Max(journey))
        if by_journey
        else att.values(pid=F("person_id")).annotate(j=Min(journey), j_hi=Max(journey))
    )
    per_person = grouped.annotate(
        came=Count("id", filter=present),
        lived=_flag(present & Q(side=LIVED)),
        prof=_flag(present & Q(side=PROFESSIONAL)),
        turns=Coalesce(Sum("turn_count"), 0),
        t_lived=Coalesce(Sum("turn_count", filter=Q(side=LIVED)), 0),
        t_prof=Coalesce(Sum("turn_count", filter=Q(side=PROFESSIONAL)), 0),
    ).order_by()
    inner, inner_params = per_person.query.sql_with_params()
    keys, keys_params = _several(ids).query.sql_with_params()
    qn = connection.ops.quote_name
    person, key = qn(Person._meta.db_table), qn(Person._meta.get_field("network_key").column)
    sql = (
        "SELECT per.j, SUM(CASE WHEN per.came > 0 THEN 1 ELSE 0 END), SUM(per.lived),"
        " SUM(per.prof), SUM(per.turns), SUM(per.t_lived), SUM(per.t_prof), SUM(per.came),"
        f" SUM(CASE WHEN p.{key} IN ({keys}) THEN per.came ELSE 0 END),"
        " SUM(CASE WHEN per.j < per.j_hi THEN 1 ELSE 0 END)"
        f" FROM ({inner}) AS per INNER JOIN {person} AS p ON p.id = per.pid"
        " GROUP BY per.j"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (*keys_params, *inner_params))
        figures = [tuple(r) for r in cursor.fetchall()]
    if any(r[-1] for r in figures):
        return None
    return figures


def _several(ids: list[int]) -> Any:
    """The ``network_key`` of every individual in two or more of the journeys (two journeys
    differ exactly when the smallest and the largest journey id do: grouped by hashing, with
    no ``COUNT(DISTINCT)``)."""
    return (
        Person.objects.filter(_journey_ids_q(ids))
        .values("network_key")
        .annotate(lo=Min("journey_id"), hi=Max("journey_id"))
        .filter(lo__lt=F("hi"))
        .values("network_key")
        .order_by()
    )


def _read_agenda(rows: dict[int, dict[str, Any]], ids: list[int]) -> None:
    for r in (
        AgendaItem.objects.filter(_journey_ids_q(ids, "gathering__journey_id"))
        .values(j=F("gathering__journey_id"), s=F("proposer_side"))
        .annotate(n=Count("id"))
        .order_by()
    ):
        row = rows[r["j"]]
        row["agenda_items"] += r["n"]
        if r["s"] in SIDES:
            row["agenda_by_side"][r["s"]] += r["n"]


def _read_contributions(
    rows: dict[int, dict[str, Any]],
    ids: list[int],
    journeys: list[Journey],
    thresholds: dict[int, dict[str, Any]],
    today: datetime.date,
) -> None:
    # "Waiting long" uses each journey's own number of days: one condition per distinct value.
    by_days: dict[int, list[int]] = defaultdict(list)
    for j in journeys:
        by_days[int(thresholds[j.pk]["unanswered_long"]["days"])].append(j.pk)
    waiting = Q(pk__in=[])
    for days, js in by_days.items():
        waiting |= Q(journey_id__in=js, raised_on__lt=today - datetime.timedelta(days=days))
    # One pass: grouped by fate and level of change (only "done" has a level).
    for r in (
        Contribution.objects.filter(_journey_ids_q(ids))
        .values("journey_id", "fate", "change_level")
        .annotate(n=Count("id"), long=Count("id", filter=Q(fate=c_vocab.NEW) & waiting))
        .order_by()
    ):
        row, fate, n = rows[r["journey_id"]], r["fate"], r["n"]
        row["unanswered_long"] += r["long"]
        if fate == c_vocab.MERGED:
            continue
        row["raised"] += n
        if fate == c_vocab.DONE:
            row["done"] += n
            if r["change_level"] in row["changes_by_level"]:
                row["changes_by_level"][r["change_level"]] += n
        elif fate == c_vocab.NOT_POSSIBLE:
            row["not_possible"] += n
        else:
            row["open"] += n
            if fate == c_vocab.NEW:
                row["unanswered"] += n


def _read_gatherings(rows: dict[int, dict[str, Any]], ids: list[int]) -> None:
    for r in (
        Gathering.objects.filter(_journey_ids_q(ids))
        .values("journey_id")
        .annotate(n=Count("id"), inst=Count("id", filter=Q(venue_kind=INSTITUTIONAL)))
        .order_by()
    ):
        rows[r["journey_id"]]["gatherings"] = r["n"]
        rows[r["journey_id"]]["institutional_gatherings"] = r["inst"]


def _read_decisions(rows: dict[int, dict[str, Any]], ids: list[int], today: datetime.date) -> None:
    first: dict[int, datetime.date] = {}
    for r in (
        Decision.objects.filter(_journey_ids_q(ids))
        .values("journey_id", "rung")
        .annotate(n=Count("id"), first=Min("decided_on"))
        .order_by()
    ):
        row = rows[r["journey_id"]]
        row["decisions"] += r["n"]
        if r["rung"] in row["decisions_by_rung"]:
            row["decisions_by_rung"][r["rung"]] += r["n"]
        if r["rung"] in LOWER_RUNGS:
            row["lower_rungs"] += r["n"]
        if r["rung"] in d_vocab.POWER_SHARING_RUNGS:
            row["power_sharing"] += r["n"]
        if r["first"] is not None and (
            r["journey_id"] not in first or r["first"] < first[r["journey_id"]]
        ):
            first[r["journey_id"]] = r["first"]
    # Limits off the table not shared, or shared only after the first decision (as the
    # dashboard's "limits and decisions" counts them over all time).
    for jid, disclosed_on, withdrawn_on in Limit.objects.filter(
        _journey_ids_q(ids), table=j_vocab.OFF_TABLE
    ).values_list("journey_id", "disclosed_on", "withdrawn_on"):
        start = first.get(jid) or today
        if withdrawn_on is not None and withdrawn_on < start:
            continue
        if disclosed_on is None or (jid in first and disclosed_on > first[jid]):
            rows[jid]["limits_hidden"] += 1


def _read_reflection(rows: dict[int, dict[str, Any]], ids: list[int]) -> None:
    for r in (
        Round.objects.filter(_journey_ids_q(ids))
        .values("journey_id")
        .annotate(n=Count("id"), closed=Count("id", filter=Q(closed_on__isnull=False)))
        .order_by()
    ):
        rows[r["journey_id"]]["rounds"] = r["n"]
        rows[r["journey_id"]]["rounds_closed"] = r["closed"]
    for r in (
        Ending.objects.filter(_journey_ids_q(ids))
        .values("journey_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        rows[r["journey_id"]]["endings"] = r["n"]


def _usual_suspects(ids: list[int], came: tuple[int, int]) -> dict[str, Any]:
    """People (the same individual shares a ``network_key``) and organisations of the
    journeys' registers (the same name, ignoring case and spaces) that take part in more than
    one of the organisation's journeys. Counts only, small counts hidden: nobody is named.
    ``came``: all the attendances and those by people in several journeys (``_read_room``)."""
    if not ids:
        return {
            "people": {"in_one": 0, "in_two": 0, "in_three_or_more": 0},
            "lived_people": {"in_one": 0, "in_two": 0, "in_three_or_more": 0},
            "attendance_share_of_several": None,
            "organisations_in_several": 0,
            "organisations": [],
        }
    # How many individuals are in one, two, three or more journeys, and in how many of them
    # on the lived side, counted in the database in one pass over the register: one row per
    # (number of journeys, number on the lived side).
    cells = {
        key: {"in_one": 0, "in_two": 0, "in_three_or_more": 0} for key in ("people", "lived_people")
    }

    def cell(n_journeys: int) -> str:
        return "in_one" if n_journeys == 1 else "in_two" if n_journeys == 2 else "in_three_or_more"

    for n_journeys, n_lived, n in _count_by(ids):
        cells["people"][cell(n_journeys)] += n
        if n_lived:
            cells["lived_people"][cell(n_lived)] += n
    spread = {key: {k: suppress(v, v) for k, v in c.items()} for key, c in cells.items()}
    total, several = came
    orgs = list(
        RegisterOrganisation.objects.filter(_journey_ids_q(ids))
        .annotate(key=Lower(Trim("name")))
        .values("key")
        .annotate(j=Count("journey_id", distinct=True), name=Min("name"))
        .filter(j__gte=2)
        .order_by("-j", "key")
        .values_list("name", "j")
    )
    return {
        **spread,
        "attendance_share_of_several": share(several, total) if not is_small(total) else None,
        "organisations_in_several": len(orgs),
        "organisations": [{"name": name, "journeys": n} for name, n in orgs],
    }


def _count_by(ids: list[int]) -> list[tuple[int, int, int]]:
    """``[(number of journeys, number of them on the lived side, how many individuals)]``
    over the registers of the journeys ``ids``: grouped by individual and journey, then by
    individual, then by the two numbers, in the database, so the rows read do not grow with
    the number of people (and no ``COUNT(DISTINCT)`` sorts the register)."""
    per_journey = (
        Person.objects.filter(_journey_ids_q(ids))
        .values("network_key", "journey_id")
        .annotate(lived=_flag(Q(side=LIVED)))
        .order_by()
    )
    sql, params = per_journey.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT per.j, per.jl, COUNT(*) FROM ("
            " SELECT COUNT(*) AS j, SUM(pj.lived) AS jl"
            f" FROM ({sql}) AS pj GROUP BY pj.network_key"
            ") AS per GROUP BY per.j, per.jl ORDER BY per.j, per.jl",
            params,
        )
        return [(int(j), int(jl), int(n)) for j, jl, n in cursor.fetchall()]
