"""Turns the foundation section's figures into what the dashboard shows: labelled key figures
(with the previous period beside them), charts with a one-sentence summary, and data tables.

Pure functions of the JSON document, so the page shows exactly what the CLI and API return.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from powerwith.common.dates import from_iso
from powerwith.common.words import agree, count
from powerwith.contributions import vocab as c_vocab
from powerwith.gatherings import vocab as g_vocab
from powerwith.people import vocab as p_vocab

from . import charts
from .maths import percent

LIVED, PROFESSIONAL = p_vocab.LIVED, p_vocab.PROFESSIONAL
NONE = "none yet"


def pct(x: float | None) -> str:
    return percent(x, NONE)


def num(x: float | None) -> str:
    if x is None:
        return NONE
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def ratio(x: float | None) -> str:
    """A number from 0 to 1 that is not a share (how evenly speaking is shared): 2 places."""
    return NONE if x is None else f"{x:.2f}"


# "Median" is a word few people use: the middle value, half took longer.
DAYS_TO_ANSWER = "Days to a first answer (the middle one: half took longer)"


def minutes(seconds: int) -> str:
    return f"{round(seconds / 60)} min"


def people(n: int) -> str:
    return f"{n} person" if n == 1 else f"{n} people"


def month(code: str) -> str:
    """ "2025-03" as "Mar 2025"."""
    import datetime

    return datetime.date.fromisoformat(f"{code}-01").strftime("%b %Y")


RAISERS = {
    LIVED: "People with lived experience",
    PROFESSIONAL: "Professionals",
    "anonymous": "Anonymous",
    "unknown": "Not recorded",
}


@dataclass
class Figure:
    label: str
    value: str
    previous: str | None = None


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]

    def as_html(self) -> SafeString:
        """The table as HTML: a caption, column headers, and the first cell of each row as its
        row header. Built here rather than in a template because a large journey's dashboard
        has hundreds of cells, and this is several times faster."""
        heads = "".join(
            f'<th scope="col"{NUM if i else ""}>{escape(h) if h else VISUALLY_HIDDEN_GROUP}</th>'
            for i, h in enumerate(self.headers)
        )
        body = "".join(
            "<tr>"
            + "".join(
                f'<td class="num">{escape(cell)}</td>'
                if i
                else f'<th scope="row">{escape(cell)}</th>'
                for i, cell in enumerate(row)
            )
            + "</tr>"
            for row in self.rows
        )
        # Every piece of text above is escaped.
        return mark_safe(
            f"<table>\n  <caption>{escape(self.caption)}</caption>\n"
            f"  <thead><tr>{heads}</tr></thead>\n  <tbody>{body}</tbody>\n</table>"
        )


VISUALLY_HIDDEN_GROUP = '<span class="visually-hidden">Group</span>'
NUM = ' class="num"'


@dataclass
class Chart:
    svg: SafeString
    summary: str
    table: Table


@dataclass
class Display:
    data: dict[str, Any]
    key: str = ""
    figures: list[Figure] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # extra plain sentences

    # The page shows the first few figures and the first chart; the rest sits behind
    # "Show more", so a phone shows each indicator's point before its detail.
    SHOWN = 3
    key_chart_count: int = 1

    @property
    def key_figures(self) -> list[Figure]:
        return self.figures[: self.SHOWN]

    @property
    def more_figures(self) -> list[Figure]:
        return self.figures[self.SHOWN :]

    @property
    def key_charts(self) -> list[Chart]:
        return self.charts[: self.key_chart_count]

    @property
    def more_charts(self) -> list[Chart]:
        return self.charts[self.key_chart_count :]


def _fig(
    label: str, key: Any, data: dict[str, Any], prev: dict[str, Any] | None, fmt: Any = num
) -> Figure:
    def get(d: dict[str, Any]) -> Any:
        value: Any = d
        for part in key if isinstance(key, tuple) else (key,):
            value = value[part]
        return value

    return Figure(label, fmt(get(data)), fmt(get(prev)) if prev is not None else None)


def _side_chart(
    rows: list[tuple[str, int, int]], title: str, summary: str, unit: str = "Count"
) -> Chart:
    svg = charts.stacked(
        [charts.StackedBar(label, a, b) for label, a, b in rows], title=title, desc=summary
    )
    table = Table(
        title,
        ["", f"{unit}: lived experience", f"{unit}: professional", "Total"],
        [[label, num(a), num(b), num(a + b)] for label, a, b in rows],
    )
    return Chart(svg, summary, table)


def _bar_chart(rows: list[tuple[str, float, str]], title: str, summary: str, header: str) -> Chart:
    svg = charts.bars(
        [charts.Bar(label, value, text) for label, value, text in rows], title=title, desc=summary
    )
    return Chart(svg, summary, Table(title, ["", header], [[r[0], r[2]] for r in rows]))


def room(d: dict[str, Any], p: dict[str, Any] | None) -> Display:
    # The figures by side say who is in the room; the month-by-month chart is detail.
    out = Display(d, key_chart_count=0)
    out.figures = [
        _fig("People who came", "people", d, p),
        _fig("With lived experience", ("by_side", LIVED), d, p),
        _fig("Professionals", ("by_side", PROFESSIONAL), d, p),
        _fig("Paid to be there", ("paid", "paid"), d, p),
        _fig("Giving their time unpaid", ("paid", "unpaid"), d, p),
        _fig("Organisations", "organisations", d, p),
    ]
    months = d["by_month"]
    if months:
        peak = max(months, key=lambda m: m["people"])
        out.charts.append(
            _side_chart(
                [
                    (month(m["month"]), m["by_side"][LIVED], m["by_side"][PROFESSIONAL])
                    for m in months
                ],
                "People who came each month, by side",
                f"Over {len(months)} month{'s' if len(months) != 1 else ''}, between "
                f"{min(m['people'] for m in months)} and {people(peak['people'])} came each "
                f"month; most came in {month(peak['month'])}.",
                "People",
            )
        )
    roles = sorted(d["by_role"].items(), key=lambda kv: -kv[1])
    if roles:
        out.charts.append(
            _bar_chart(
                [(p_vocab.ROLES.label(r), n, str(n)) for r, n in roles],
                "People who came, by role",
                f"The largest group was {p_vocab.ROLES.label(roles[0][0]).lower()} "
                f"({people(roles[0][1])}).",
                "People",
            )
        )
    s = d["staff_seniority"]
    if s["lowest"]:
        low, high = p_vocab.ROLES.label(s["lowest"]), p_vocab.ROLES.label(s["highest"])
        out.lines.append(
            f"Staff who came ranged from {low.lower()} to {high.lower()}."
            if low != high
            else f"The only staff role present was {low.lower()}."
        )
    else:
        out.lines.append("No staff (front-line, managers or senior leaders) came in this period.")
    if d["organisations_by_kind"]:
        out.tables.append(
            Table(
                "Organisations of the people who came, by kind",
                ["Kind", "Organisations"],
                [
                    [p_vocab.ORGANISATION_KINDS.label(k), num(v)]
                    for k, v in sorted(d["organisations_by_kind"].items())
                ],
            )
        )
    return out


def voice(d: dict[str, Any], p: dict[str, Any] | None) -> Display:
    out = Display(d)
    out.figures = [
        _fig("Speaking turns", "turns", d, p),
        _fig("Lived experience share", ("turns_share_by_side", LIVED), d, p, pct),
        _fig("Professional share", ("turns_share_by_side", PROFESSIONAL), d, p, pct),
        _fig("Three most frequent speakers", "top3_share", d, p, pct),
        _fig(
            "How evenly speaking is shared (0 = everyone equally, 1 = one person)",
            "gini",
            d,
            p,
            ratio,
        ),
        _fig("Came but never spoke", "silent", d, p),
    ]
    if d["timed_turns"]:
        out.figures.append(
            _fig("Lived experience share of time", ("seconds_share_by_side", LIVED), d, p, pct)
        )
    gatherings = [g for g in d["per_gathering"] if g["turns"]][-12:]
    if gatherings:
        most = max(gatherings, key=lambda g: g["turns"])
        out.charts.append(
            _side_chart(
                [
                    (
                        f"{from_iso(g['held_on'], short=True)} {g['title']}",
                        g["turns_by_side"][LIVED],
                        g["turns_by_side"][PROFESSIONAL],
                    )
                    for g in gatherings
                ],
                "Speaking turns in each gathering, by side",
                f"Across these {count(len(gatherings), 'gathering')}, people with lived experience took "
                f"{pct(d['turns_share_by_side'][LIVED])} of all turns in the period; the most "
                f"turns ({most['turns']}) were at {most['title']} on {from_iso(most['held_on'])}.",
                "Turns",
            )
        )
    roles = sorted(d["turns_by_role"].items(), key=lambda kv: -kv[1])
    if roles:
        out.charts.append(
            _bar_chart(
                [(p_vocab.ROLES.label(r), n, str(n)) for r, n in roles],
                "Speaking turns by role",
                f"{p_vocab.ROLES.label(roles[0][0])} took the most turns ({roles[0][1]}).",
                "Turns",
            )
        )
    if d["timed_turns"]:
        out.lines.append(
            f"{d['timed_turns']} turns were timed, {minutes(d['seconds'])} in all: lived "
            f"experience {minutes(d['seconds_by_side'][LIVED])}, professionals "
            f"{minutes(d['seconds_by_side'][PROFESSIONAL])}."
        )
    out.lines.append(
        f"{d['silent']} of the {d['attendees']} people who came never spoke "
        f"({d['silent_by_side'][LIVED]} with lived experience, "
        f"{d['silent_by_side'][PROFESSIONAL]} professionals)."
    )
    return out


def agenda(d: dict[str, Any], p: dict[str, Any] | None) -> Display:
    out = Display(d)
    out.figures = [
        _fig("Agenda items", "items", d, p),
        _fig("Proposed by lived experience", "lived_share", d, p, pct),
        _fig("No proposer recorded", "unknown", d, p),
    ]
    if d["items"]:
        rows = [
            ("Lived experience", d["by_side"][LIVED], str(d["by_side"][LIVED])),
            ("Professional", d["by_side"][PROFESSIONAL], str(d["by_side"][PROFESSIONAL])),
            ("Not recorded", d["unknown"], str(d["unknown"])),
        ]
        out.charts.append(
            _bar_chart(
                rows,
                "Who proposed the agenda items",
                f"People with lived experience proposed {d['by_side'][LIVED]} of the "
                f"{d['items']} agenda items.",
                "Agenda items",
            )
        )
    r = d["recent"]
    if r["gatherings"]:
        out.lines.append(
            f"In the last {count(r['gatherings'], 'gathering')} with an agenda (since "
            f"{from_iso(r['from'])}), people "
            f"with lived experience proposed {r['lived']} of {r['items']} items."
        )
    return out


def _ft_row(label: str, g: dict[str, Any]) -> list[str]:
    return [
        label,
        num(g["raised"]),
        num(g["done"]),
        num(g["not_possible"]),
        num(g["open"]),
        pct(g["acted_upon_rate"]),
        num(g["median_days_to_first_response"]),
    ]


FT_HEADERS = [
    "",
    "Raised",
    "Done",
    "Not possible",
    "Still open",
    "Acted upon",
    DAYS_TO_ANSWER,
]


def follow_through(d: dict[str, Any], p: dict[str, Any] | None) -> Display:
    out = Display(d)
    out.figures = [
        _fig("Raised", "raised", d, p),
        _fig("Done", "done", d, p),
        _fig("Still open", "open", d, p),
        _fig("Not possible", "not_possible", d, p),
        _fig("Acted upon", "acted_upon_rate", d, p, pct),
        _fig(DAYS_TO_ANSWER, "median_days_to_first_response", d, p),
    ]
    channels = d["by_channel"]
    if channels:
        rows = [
            (
                c_vocab.CHANNELS.label(k),
                (g["acted_upon_rate"] or 0) * 100,
                pct(g["acted_upon_rate"]),
            )
            for k, g in channels.items()
            if g["raised"]
        ]
        if rows:
            out.charts.append(
                _bar_chart(
                    rows,
                    "Share acted upon, by how contributions reached us",
                    f"Overall {pct(d['acted_upon_rate'])} of contributions were acted upon; "
                    + "; ".join(f"{label} {text}" for label, _, text in rows)
                    + ".",
                    "Acted upon",
                )
            )
        out.tables.append(
            Table(
                "Follow-through by how contributions reached us",
                FT_HEADERS,
                [_ft_row(c_vocab.CHANNELS.label(k), g) for k, g in channels.items()],
            )
        )
    if d["by_raiser"]:
        out.tables.append(
            Table(
                "Follow-through by who raised it",
                FT_HEADERS,
                [_ft_row(RAISERS.get(k, k), g) for k, g in d["by_raiser"].items()],
            )
        )
    old = d["oldest_unanswered"]
    if old:
        out.lines.append(
            f"The oldest contribution still waiting for an answer was raised on "
            f"{from_iso(old['raised_on'])} ({count(old['days'], 'day')} ago): \u201c{old['text']}\u201d"
        )
    if d["unanswered_long"]:
        out.lines.append(
            f"{count(d['unanswered_long'], 'contribution')} "
            f"{agree(d['unanswered_long'], 'has', 'have')} waited more than "
            f"{count(d['unanswered_days'], 'day')} for a first answer."
        )
    if d["merged"]:
        out.lines.append(
            f"{count(d['merged'], 'contribution')} {agree(d['merged'], 'was', 'were')} merged "
            f"into others and {agree(d['merged'], 'is', 'are')} counted through them."
        )
    return out


def retention(d: dict[str, Any], p: dict[str, Any] | None) -> Display:
    out = Display(d)
    out.figures = [
        _fig("Stopped coming", ("stopped_coming", "total"), d, p),
        _fig("Left", ("left", "total"), d, p),
        _fig("Staff who dropped out", ("staff", "dropped"), d, p),
        _fig("Never came", ("never_came", "total"), d, p),
        _fig("People expected", "people_expected", d, p),
    ]
    out.tables.append(
        Table(
            "Who stopped coming, never came or left, by side",
            ["", "Lived experience", "Professional", "Total"],
            [
                [
                    label,
                    num(d[k]["by_side"][LIVED]),
                    num(d[k]["by_side"][PROFESSIONAL]),
                    num(d[k]["total"]),
                ]
                for label, k in (
                    ("Stopped coming", "stopped_coming"),
                    ("Never came", "never_came"),
                    ("Left", "left"),
                )
            ],
        )
    )
    roles: dict[str, list[int]] = {}
    for i, k in enumerate(("stopped_coming", "never_came", "left")):
        for role, n in d[k]["by_role"].items():
            roles.setdefault(role, [0, 0, 0])[i] += n
    if roles:
        out.tables.append(
            Table(
                "Who stopped coming, never came or left, by role",
                ["Role", "Stopped coming", "Never came", "Left"],
                [[p_vocab.ROLES.label(r), *map(num, v)] for r, v in sorted(roles.items())],
            )
        )
    s = d["staff"]
    out.lines.append(
        f"Of {s['people']} staff, {s['stopped_coming']} stopped coming and {s['left']} left."
    )
    return out


def _venue_rows(groups: dict[str, Any], vocab: Any) -> list[list[str]]:
    return [
        [
            vocab.label(k),
            num(g["gatherings"]),
            pct(g["share"]),
            num(g["lived_attendances"]),
            pct(g["lived_share_of_attendance"]),
        ]
        for k, g in groups.items()
    ]


VENUE_HEADERS = [
    "",
    "Gatherings",
    "Share",
    "Lived experience attendances",
    "Lived share of attendance",
]


def venues(d: dict[str, Any], p: dict[str, Any] | None) -> Display:
    out = Display(d)
    out.figures = [
        _fig("Gatherings", "gatherings", d, p),
        _fig("On institutional premises", "institutional_share", d, p, pct),
    ]
    for key, vocab in (("by_format", g_vocab.FORMATS), ("by_venue", g_vocab.VENUES)):
        groups = d[key]
        if not groups:
            continue
        word = "format" if key == "by_format" else "place"
        top = max(groups.items(), key=lambda kv: kv[1]["gatherings"])
        chart = _bar_chart(
            [(vocab.label(k), g["gatherings"], str(g["gatherings"])) for k, g in groups.items()],
            f"Gatherings by {word}",
            f"The most common {word}: {vocab.label(top[0]).lower()} "
            f"({top[1]['gatherings']} of {d['gatherings']} gatherings).",
            "Gatherings",
        )
        chart.table = Table(f"Gatherings by {word}", VENUE_HEADERS, _venue_rows(groups, vocab))
        out.charts.append(chart)
    return out


def changes(d: dict[str, Any], p: dict[str, Any] | None) -> Display:
    out = Display(d)
    out.figures = [
        _fig("Contributions done", "done", d, p),
        _fig("At culture or policy level", "high_level", d, p),
    ]
    if d["done"]:
        rows = [(c_vocab.CHANGE_LEVELS.label(k), n, str(n)) for k, n in d["by_level"].items()]
        top = max(d["by_level"].items(), key=lambda kv: kv[1])
        out.charts.append(
            _bar_chart(
                rows,
                "Contributions done, by level of change",
                f"Most changes ({top[1]} of {d['done']}) were at the level of "
                f"{c_vocab.CHANGE_LEVELS.label(top[0]).lower()}.",
                "Contributions done",
            )
        )
    return out


def limits(d: dict[str, Any], p: dict[str, Any] | None) -> Display:
    out = Display(d)
    out.figures = [
        _fig("Decisions", "decisions", d, p),
        _fig("Limits off the table", "off_table", d, p),
        _fig("Not shared with the group", "undisclosed", d, p),
        _fig("Shared only after decisions", "disclosed_after_decisions", d, p),
    ]
    return out


BUILDERS = {
    "room": room,
    "voice": voice,
    "agenda": agenda,
    "follow_through": follow_through,
    "retention": retention,
    "venues": venues,
    "changes": changes,
    "limits": limits,
}


def record(data: dict[str, Any], previous: dict[str, Any] | None = None) -> list[Display]:
    """The foundation section's indicators, in order, ready for the template."""
    out = []
    for key, build in BUILDERS.items():
        if key in data:
            display = build(data[key], previous.get(key) if previous else None)
            display.key = key
            out.append(display)
    return out


# --------------------------------------------------------------------------------------------
# The first screen: a few figures that matter, each a sentence, and where each warning sits.


@dataclass
class Headline:
    """One figure of the summary: ``value`` starts the sentence in bold, ``rests_on`` says how
    many records it comes from."""

    value: str
    sentence: str
    rests_on: str


def _records(n: int, one: str, many: str) -> str:
    small = " A small number: read it as a rough picture." if 0 < n < 10 else ""
    return f"From {count(n, one, many)}.{small}"


def _of(part: int, whole: int) -> str:
    return f"{part} of {whole}"


def summary(doc: dict[str, Any]) -> list[Headline]:
    """The few figures that matter, each in a plain sentence (from the same JSON document as
    everything else on the page)."""
    out = []
    record = doc["sections"].get("record", {})
    room, voice, agenda, ft = (record.get(k) for k in ("room", "voice", "agenda", "follow_through"))
    if room is not None:
        lived, prof = room["by_side"][LIVED], room["by_side"][PROFESSIONAL]
        out.append(
            Headline(
                *(
                    (
                        _of(lived, room["people"]),
                        f"people who came have lived experience; {prof} "
                        f"{'is a professional' if prof == 1 else 'are professionals'}.",
                    )
                    if room["people"]
                    else ("Nobody", "has come to a gathering in this period yet.")
                ),
                _records(room["n"], "attendance at a gathering", "attendances at gatherings"),
            )
        )
    if voice is not None:
        shares = voice["turns_share_by_side"]
        out.append(
            Headline(
                *(
                    (
                        pct(shares[LIVED]),
                        f"of the {voice['turns']} speaking turns were taken by people with "
                        f"lived experience; professionals took {pct(shares[PROFESSIONAL])}.",
                    )
                    if voice["turns"]
                    else ("No", "speaking turns recorded in this period yet.")
                ),
                _records(voice["n"], "speaking turn", "speaking turns"),
            )
        )
    if agenda is not None:
        out.append(
            Headline(
                *(
                    (
                        _of(agenda["by_side"][LIVED], agenda["items"]),
                        "agenda items were proposed by people with lived experience.",
                    )
                    if agenda["items"]
                    else ("No", "agenda items recorded in this period yet.")
                ),
                _records(agenda["n"], "agenda item", "agenda items"),
            )
        )
    if ft is not None:
        out.append(
            Headline(
                *(
                    (
                        _of(ft["done"], ft["raised"]),
                        f"things people raised are done (you said, we did); {ft['open']} "
                        f"{'is' if ft['open'] == 1 else 'are'} still open and "
                        f"{ft['not_possible']} {'was' if ft['not_possible'] == 1 else 'were'} "
                        "not possible, with the reason given.",
                    )
                    if ft["raised"]
                    else ("Nothing", "raised in this period yet.")
                ),
                _records(ft["n"], "contribution", "contributions"),
            )
        )
    decisions = doc["sections"].get("decisions", {}).get("decisions")
    if decisions is not None:
        outside = decisions["outside_group"]
        out.append(
            Headline(
                *(
                    (
                        _of(decisions["inside_group"], decisions["total"]),
                        f"decisions were taken by the group itself; {outside} "
                        f"{'was' if outside == 1 else 'were'} taken by a professional alone, "
                        "the organisation or the funder.",
                    )
                    if decisions["total"]
                    else ("No", "decisions recorded in this period yet.")
                ),
                _records(decisions["total"], "decision", "decisions"),
            )
        )
    return out


# Where each warning sign sits on the page: next to the indicator that shows its evidence.
# A sign not named here sits at the top of its own section.
WARNING_PLACE = {
    "professionals_hold_voice": "voice",
    "voice_concentrated": "voice",
    "lived_no_agenda": "agenda",
    "unanswered_long": "follow_through",
    "low_acted_upon": "follow_through",
    "institutional_premises": "venues",
    "no_senior_leader": "changes",
    "staff_dropping_out": "retention",
    "limits_undisclosed": "limits",
    "decisions_low_rungs": "decisions",
    "decisions_outside_group": "decisions",
    "decisions_few_lived_proposals": "decisions",
    "vote_no_common_ground": "votes",
    "sides_disagree": "reflection-divergence",
    "reflection_overdue": "reflection-rounds",
    "lived_roles_pushed_aside": "reflection-lived-roles",
}


def place(warning: dict[str, Any]) -> str:
    """The indicator (or, failing that, the section) a warning sign sits in."""
    return WARNING_PLACE.get(warning["code"], f"section:{warning['section']}")
