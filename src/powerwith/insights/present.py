"""Turns the foundation section's figures into what the dashboard shows: labelled key figures
(with the previous period beside them), charts with a one-sentence summary, and data tables.

Pure functions of the JSON document, so the page shows exactly what the CLI and API return.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape as html_escape
from typing import Any

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext, pgettext_lazy

from powerwith.common.dates import from_iso
from powerwith.contributions import vocab as c_vocab
from powerwith.gatherings import vocab as g_vocab
from powerwith.people import vocab as p_vocab

from . import charts
from .maths import percent

LIVED, PROFESSIONAL = p_vocab.LIVED, p_vocab.PROFESSIONAL
NONE = gettext_lazy("none yet")


def pct(x: float | None) -> str:
    return percent(x, str(NONE))


def num(x: float | None) -> str:
    if x is None:
        return str(NONE)
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def ratio(x: float | None) -> str:
    """A number from 0 to 1 that is not a share (how evenly speaking is shared): 2 places."""
    return str(NONE) if x is None else f"{x:.2f}"


# "Median" is a word few people use: the middle value, half took longer.
DAYS_TO_ANSWER = gettext_lazy("Days to a first answer (the middle one: half took longer)")


def minutes(seconds: int) -> str:
    return _("%(n)s min") % {"n": round(seconds / 60)}


def people(n: int) -> str:
    return ngettext("%(n)s person", "%(n)s people", n) % {"n": n}


def month(code: str) -> str:
    """ "2025-03" as "Mar 2025" (the month's name in the reader's language)."""
    import datetime

    return date_format(datetime.date.fromisoformat(f"{code}-01"), "M Y")


RAISERS = {
    LIVED: gettext_lazy("People with lived experience"),
    PROFESSIONAL: gettext_lazy("Professionals"),
    "anonymous": gettext_lazy("Anonymous"),
    "unknown": gettext_lazy("Not recorded"),
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
            f'<th scope="col"{NUM if i else ""}>{escape(h) if h else _hidden_group()}</th>'
            for i, h in enumerate(self.headers)
        )
        # The cells with the standard library's escape, which Django's ``escape`` calls after
        # checking each argument for a lazy translation: the same text, without a third of
        # the cost of a table of hundreds of cells.
        body = "".join(
            "<tr>"
            + "".join(
                f'<td class="num">{html_escape(str(cell))}</td>'
                if i
                else f'<th scope="row">{html_escape(str(cell))}</th>'
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


VISUALLY_HIDDEN_GROUP = gettext_lazy("Group")
NUM = ' class="num"'


def _hidden_group() -> str:
    return f'<span class="visually-hidden">{escape(VISUALLY_HIDDEN_GROUP)}</span>'


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
    rows: list[tuple[str, int, int]], title: str, summary: str, unit: str = ""
) -> Chart:
    unit = unit or _("Count")
    svg = charts.stacked(
        [charts.StackedBar(label, a, b) for label, a, b in rows], title=title, desc=summary
    )
    table = Table(
        title,
        [
            "",
            _("%(unit)s: lived experience") % {"unit": unit},
            _("%(unit)s: professional") % {"unit": unit},
            _("Total"),
        ],
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
        _fig(_("People who came"), "people", d, p),
        _fig(_("With lived experience"), ("by_side", LIVED), d, p),
        _fig(_("Professionals"), ("by_side", PROFESSIONAL), d, p),
        _fig(_("Paid to be there"), ("paid", "paid"), d, p),
        _fig(_("Giving their time unpaid"), ("paid", "unpaid"), d, p),
        _fig(_("Organisations"), "organisations", d, p),
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
                _("People who came each month, by side"),
                ngettext(
                    "Over %(months)s month, between %(fewest)s and %(most)s came each month; "
                    "most came in %(peak)s.",
                    "Over %(months)s months, between %(fewest)s and %(most)s came each month; "
                    "most came in %(peak)s.",
                    len(months),
                )
                % {
                    "months": len(months),
                    "fewest": min(m["people"] for m in months),
                    "most": people(peak["people"]),
                    "peak": month(peak["month"]),
                },
                _("People"),
            )
        )
    roles = sorted(d["by_role"].items(), key=lambda kv: -kv[1])
    if roles:
        out.charts.append(
            _bar_chart(
                [(p_vocab.ROLES.label(r), n, str(n)) for r, n in roles],
                _("People who came, by role"),
                _("The largest group was %(role)s (%(people)s).")
                % {"role": p_vocab.ROLES.label(roles[0][0]).lower(), "people": people(roles[0][1])},
                _("People"),
            )
        )
    s = d["staff_seniority"]
    if s["lowest"]:
        low, high = p_vocab.ROLES.label(s["lowest"]), p_vocab.ROLES.label(s["highest"])
        out.lines.append(
            _("Staff who came ranged from %(low)s to %(high)s.")
            % {"low": low.lower(), "high": high.lower()}
            if low != high
            else _("The only staff role present was %(role)s.") % {"role": low.lower()}
        )
    else:
        out.lines.append(
            _("No staff (front-line, managers or senior leaders) came in this period.")
        )
    if d["organisations_by_kind"]:
        out.tables.append(
            Table(
                _("Organisations of the people who came, by kind"),
                [_("Kind"), _("Organisations")],
                [
                    [p_vocab.ORGANISATION_KINDS.label(k), num(v)]
                    for k, v in sorted(d["organisations_by_kind"].items())
                ],
            )
        )
    return out


def voice(d: dict[str, Any], p: dict[str, Any] | None) -> Display:
    # The shares and the warning sign make the point; the chart of each gathering (up to
    # twelve bars, about a phone screen) is detail behind "Show more".
    out = Display(d, key_chart_count=0)
    out.figures = [
        _fig(_("Speaking turns"), "turns", d, p),
        _fig(_("Lived experience share"), ("turns_share_by_side", LIVED), d, p, pct),
        _fig(_("Professional share"), ("turns_share_by_side", PROFESSIONAL), d, p, pct),
        _fig(_("Three most frequent speakers"), "top3_share", d, p, pct),
        _fig(
            _("How evenly speaking is shared (0 = everyone equally, 1 = one person)"),
            "gini",
            d,
            p,
            ratio,
        ),
        _fig(_("Came but never spoke"), "silent", d, p),
    ]
    if d["timed_turns"]:
        out.figures.append(
            _fig(_("Lived experience share of time"), ("seconds_share_by_side", LIVED), d, p, pct)
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
                _("Speaking turns in each gathering, by side"),
                ngettext(
                    "Across this %(n)s gathering, people with lived experience took %(share)s "
                    "of all turns in the period; the most turns (%(most)s) were at %(title)s on "
                    "%(day)s.",
                    "Across these %(n)s gatherings, people with lived experience took %(share)s "
                    "of all turns in the period; the most turns (%(most)s) were at %(title)s on "
                    "%(day)s.",
                    len(gatherings),
                )
                % {
                    "n": len(gatherings),
                    "share": pct(d["turns_share_by_side"][LIVED]),
                    "most": most["turns"],
                    "title": most["title"],
                    "day": from_iso(most["held_on"]),
                },
                _("Turns"),
            )
        )
    roles = sorted(d["turns_by_role"].items(), key=lambda kv: -kv[1])
    if roles:
        out.charts.append(
            _bar_chart(
                [(p_vocab.ROLES.label(r), n, str(n)) for r, n in roles],
                _("Speaking turns by role"),
                _("%(role)s took the most turns (%(n)s).")
                % {"role": p_vocab.ROLES.label(roles[0][0]), "n": roles[0][1]},
                _("Turns"),
            )
        )
    if d["timed_turns"]:
        out.lines.append(
            ngettext(
                "%(n)s turn was timed, %(all)s in all: lived experience %(lived)s, "
                "professionals %(professional)s.",
                "%(n)s turns were timed, %(all)s in all: lived experience %(lived)s, "
                "professionals %(professional)s.",
                d["timed_turns"],
            )
            % {
                "n": d["timed_turns"],
                "all": minutes(d["seconds"]),
                "lived": minutes(d["seconds_by_side"][LIVED]),
                "professional": minutes(d["seconds_by_side"][PROFESSIONAL]),
            }
        )
    out.lines.append(
        ngettext(
            "%(silent)s of the %(n)s person who came never spoke (%(lived)s with lived "
            "experience, %(professional)s professionals).",
            "%(silent)s of the %(n)s people who came never spoke (%(lived)s with lived "
            "experience, %(professional)s professionals).",
            d["attendees"],
        )
        % {
            "silent": d["silent"],
            "n": d["attendees"],
            "lived": d["silent_by_side"][LIVED],
            "professional": d["silent_by_side"][PROFESSIONAL],
        }
    )
    return out


def agenda(d: dict[str, Any], p: dict[str, Any] | None) -> Display:
    out = Display(d)
    out.figures = [
        _fig(_("Agenda items"), "items", d, p),
        _fig(_("Proposed by lived experience"), "lived_share", d, p, pct),
        _fig(_("No proposer recorded"), "unknown", d, p),
    ]
    if d["items"]:
        rows = [
            (_("Lived experience"), d["by_side"][LIVED], str(d["by_side"][LIVED])),
            (_("Professional"), d["by_side"][PROFESSIONAL], str(d["by_side"][PROFESSIONAL])),
            (_("Not recorded"), d["unknown"], str(d["unknown"])),
        ]
        out.charts.append(
            _bar_chart(
                rows,
                _("Who proposed the agenda items"),
                ngettext(
                    "People with lived experience proposed %(lived)s of the %(n)s agenda item.",
                    "People with lived experience proposed %(lived)s of the %(n)s agenda items.",
                    d["items"],
                )
                % {"lived": d["by_side"][LIVED], "n": d["items"]},
                _("Agenda items"),
            )
        )
    r = d["recent"]
    if r["gatherings"]:
        out.lines.append(
            ngettext(
                "In the last %(n)s gathering with an agenda (since %(day)s), people with lived "
                "experience proposed %(lived)s of %(items)s items.",
                "In the last %(n)s gatherings with an agenda (since %(day)s), people with lived "
                "experience proposed %(lived)s of %(items)s items.",
                r["gatherings"],
            )
            % {
                "n": r["gatherings"],
                "day": from_iso(r["from"]),
                "lived": r["lived"],
                "items": r["items"],
            }
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
    pgettext_lazy("contributions", "Raised"),
    gettext_lazy("Done"),
    gettext_lazy("Not possible"),
    gettext_lazy("Still open"),
    gettext_lazy("Acted upon"),
    DAYS_TO_ANSWER,
]


def follow_through(d: dict[str, Any], p: dict[str, Any] | None) -> Display:
    out = Display(d)
    out.figures = [
        _fig(pgettext("contributions", "Raised"), "raised", d, p),
        _fig(_("Done"), "done", d, p),
        _fig(_("Still open"), "open", d, p),
        _fig(_("Not possible"), "not_possible", d, p),
        _fig(_("Acted upon"), "acted_upon_rate", d, p, pct),
        _fig(str(DAYS_TO_ANSWER), "median_days_to_first_response", d, p),
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
                    _("Share acted upon, by how contributions reached us"),
                    _("Overall %(share)s of contributions were acted upon; %(by_channel)s.")
                    % {
                        "share": pct(d["acted_upon_rate"]),
                        "by_channel": "; ".join(f"{label} {text}" for label, _v, text in rows),
                    },
                    _("Acted upon"),
                )
            )
        out.tables.append(
            Table(
                _("Follow-through by how contributions reached us"),
                [str(h) for h in FT_HEADERS],
                [_ft_row(c_vocab.CHANNELS.label(k), g) for k, g in channels.items()],
            )
        )
    if d["by_raiser"]:
        out.tables.append(
            Table(
                _("Follow-through by who raised it"),
                [str(h) for h in FT_HEADERS],
                [_ft_row(str(RAISERS.get(k, k)), g) for k, g in d["by_raiser"].items()],
            )
        )
    old = d["oldest_unanswered"]
    if old:
        out.lines.append(
            ngettext(
                "The oldest contribution still waiting for an answer was raised on %(day)s "
                "(%(days)s day ago): “%(text)s”",
                "The oldest contribution still waiting for an answer was raised on %(day)s "
                "(%(days)s days ago): “%(text)s”",
                old["days"],
            )
            % {"day": from_iso(old["raised_on"]), "days": old["days"], "text": old["text"]}
        )
    if d["unanswered_long"]:
        out.lines.append(
            ngettext(
                "%(n)s contribution has waited more than %(days)s for a first answer.",
                "%(n)s contributions have waited more than %(days)s for a first answer.",
                d["unanswered_long"],
            )
            % {
                "n": d["unanswered_long"],
                "days": ngettext("%(n)s day", "%(n)s days", d["unanswered_days"])
                % {"n": d["unanswered_days"]},
            }
        )
    if d["merged"]:
        out.lines.append(
            ngettext(
                "%(n)s contribution was merged into others and is counted through them.",
                "%(n)s contributions were merged into others and are counted through them.",
                d["merged"],
            )
            % {"n": d["merged"]}
        )
    return out


def retention(d: dict[str, Any], p: dict[str, Any] | None) -> Display:
    out = Display(d)
    out.figures = [
        _fig(_("Stopped coming"), ("stopped_coming", "total"), d, p),
        _fig(pgettext("people who left", "Left"), ("left", "total"), d, p),
        _fig(_("Staff who dropped out"), ("staff", "dropped"), d, p),
        _fig(_("Never came"), ("never_came", "total"), d, p),
        _fig(_("People expected"), "people_expected", d, p),
    ]
    out.tables.append(
        Table(
            _("Who stopped coming, never came or left, by side"),
            ["", _("Lived experience"), _("Professional"), _("Total")],
            [
                [
                    label,
                    num(d[k]["by_side"][LIVED]),
                    num(d[k]["by_side"][PROFESSIONAL]),
                    num(d[k]["total"]),
                ]
                for label, k in (
                    (_("Stopped coming"), "stopped_coming"),
                    (_("Never came"), "never_came"),
                    (pgettext("people who left", "Left"), "left"),
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
                _("Who stopped coming, never came or left, by role"),
                [
                    _("Role"),
                    _("Stopped coming"),
                    _("Never came"),
                    pgettext("people who left", "Left"),
                ],
                [[p_vocab.ROLES.label(r), *map(num, v)] for r, v in sorted(roles.items())],
            )
        )
    s = d["staff"]
    out.lines.append(
        _("Of %(people)s staff, %(stopped)s stopped coming and %(left)s left.")
        % {"people": s["people"], "stopped": s["stopped_coming"], "left": s["left"]}
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
    gettext_lazy("Gatherings"),
    gettext_lazy("Share"),
    gettext_lazy("Lived experience attendances"),
    gettext_lazy("Lived share of attendance"),
]


def venues(d: dict[str, Any], p: dict[str, Any] | None) -> Display:
    out = Display(d)
    out.figures = [
        _fig(_("Gatherings"), "gatherings", d, p),
        _fig(_("On institutional premises"), "institutional_share", d, p, pct),
    ]
    for key, vocab in (("by_format", g_vocab.FORMATS), ("by_venue", g_vocab.VENUES)):
        groups = d[key]
        if not groups:
            continue
        top = max(groups.items(), key=lambda kv: kv[1]["gatherings"])
        values = {
            "what": vocab.label(top[0]).lower(),
            "n": top[1]["gatherings"],
            "all": d["gatherings"],
        }
        if key == "by_format":
            title = _("Gatherings by format")
            sentence = _("The most common format: %(what)s (%(n)s of %(all)s gatherings).")
        else:
            title = _("Gatherings by place")
            sentence = _("The most common place: %(what)s (%(n)s of %(all)s gatherings).")
        chart = _bar_chart(
            [(vocab.label(k), g["gatherings"], str(g["gatherings"])) for k, g in groups.items()],
            title,
            sentence % values,
            _("Gatherings"),
        )
        chart.table = Table(title, [str(h) for h in VENUE_HEADERS], _venue_rows(groups, vocab))
        out.charts.append(chart)
    return out


def changes(d: dict[str, Any], p: dict[str, Any] | None) -> Display:
    out = Display(d)
    out.figures = [
        _fig(_("Contributions done"), "done", d, p),
        _fig(_("At culture or policy level"), "high_level", d, p),
    ]
    if d["done"]:
        rows = [(c_vocab.CHANGE_LEVELS.label(k), n, str(n)) for k, n in d["by_level"].items()]
        top = max(d["by_level"].items(), key=lambda kv: kv[1])
        out.charts.append(
            _bar_chart(
                rows,
                _("Contributions done, by level of change"),
                _("Most changes (%(n)s of %(done)s) were at the level of %(level)s.")
                % {
                    "n": top[1],
                    "done": d["done"],
                    "level": c_vocab.CHANGE_LEVELS.label(top[0]).lower(),
                },
                _("Contributions done"),
            )
        )
    return out


def limits(d: dict[str, Any], p: dict[str, Any] | None) -> Display:
    out = Display(d)
    out.figures = [
        _fig(_("Decisions"), "decisions", d, p),
        _fig(_("Limits off the table"), "off_table", d, p),
        _fig(_("Not shared with the group"), "undisclosed", d, p),
        _fig(_("Shared only after decisions"), "disclosed_after_decisions", d, p),
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


# "From 3 speaking turns.": one whole sentence for each kind of record.
RECORDS = {
    "attendance": lambda n: ngettext(
        "From %(n)s attendance at a gathering.", "From %(n)s attendances at gatherings.", n
    ),
    "speaking turn": lambda n: ngettext(
        "From %(n)s speaking turn.", "From %(n)s speaking turns.", n
    ),
    "agenda item": lambda n: ngettext("From %(n)s agenda item.", "From %(n)s agenda items.", n),
    "contribution": lambda n: ngettext("From %(n)s contribution.", "From %(n)s contributions.", n),
    "decision": lambda n: ngettext("From %(n)s decision.", "From %(n)s decisions.", n),
}


def _records(n: int, what: str) -> str:
    text = RECORDS[what](n) % {"n": n}
    if 0 < n < 10:
        text += " " + _("A small number: read it as a rough picture.")
    return text


def _of(part: int, whole: int) -> str:
    return _("%(part)s of %(whole)s") % {"part": part, "whole": whole}


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
                        ngettext(
                            "people who came have lived experience; %(n)s is a professional.",
                            "people who came have lived experience; %(n)s are professionals.",
                            prof,
                        )
                        % {"n": prof},
                    )
                    if room["people"]
                    else (_("Nobody"), _("has come to a gathering in this period yet."))
                ),
                _records(room["n"], "attendance"),
            )
        )
    if voice is not None:
        shares = voice["turns_share_by_side"]
        out.append(
            Headline(
                *(
                    (
                        pct(shares[LIVED]),
                        ngettext(
                            "of the %(n)s speaking turn were taken by people with lived "
                            "experience; professionals took %(professional)s.",
                            "of the %(n)s speaking turns were taken by people with lived "
                            "experience; professionals took %(professional)s.",
                            voice["turns"],
                        )
                        % {"n": voice["turns"], "professional": pct(shares[PROFESSIONAL])},
                    )
                    if voice["turns"]
                    else (pgettext("none", "No"), _("speaking turns recorded in this period yet."))
                ),
                _records(voice["n"], "speaking turn"),
            )
        )
    if agenda is not None:
        out.append(
            Headline(
                *(
                    (
                        _of(agenda["by_side"][LIVED], agenda["items"]),
                        _("agenda items were proposed by people with lived experience."),
                    )
                    if agenda["items"]
                    else (pgettext("none", "No"), _("agenda items recorded in this period yet."))
                ),
                _records(agenda["n"], "agenda item"),
            )
        )
    if ft is not None:
        out.append(
            Headline(
                *(
                    (
                        _of(ft["done"], ft["raised"]),
                        _(
                            "things people raised are done (you said, we did); %(open)s and "
                            "%(not_possible)s, with the reason given."
                        )
                        % {
                            "open": ngettext(
                                "%(n)s is still open", "%(n)s are still open", ft["open"]
                            )
                            % {"n": ft["open"]},
                            "not_possible": ngettext(
                                "%(n)s was not possible",
                                "%(n)s were not possible",
                                ft["not_possible"],
                            )
                            % {"n": ft["not_possible"]},
                        },
                    )
                    if ft["raised"]
                    else (_("Nothing"), _("raised in this period yet."))
                ),
                _records(ft["n"], "contribution"),
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
                        ngettext(
                            "decisions were taken by the group itself; %(n)s was taken by a "
                            "professional alone, the organisation or the funder.",
                            "decisions were taken by the group itself; %(n)s were taken by a "
                            "professional alone, the organisation or the funder.",
                            outside,
                        )
                        % {"n": outside},
                    )
                    if decisions["total"]
                    else (pgettext("none", "No"), _("decisions recorded in this period yet."))
                ),
                _records(decisions["total"], "decision"),
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
