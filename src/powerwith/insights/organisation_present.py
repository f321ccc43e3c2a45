"""What the organisation's page shows of :func:`insights.organisation.organisation_figures`:
the programme's key figures, a chart with its data table for each comparison, the journeys
side by side in one table, the usual suspects and what changed at which level.

Pure functions of the JSON document, so the page shows exactly what ``powerwith insights
--organisation SLUG --json`` prints."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext, pgettext

from powerwith.contributions import vocab as c_vocab
from powerwith.decisions import vocab as d_vocab
from powerwith.journeys import vocab as j_vocab
from powerwith.organisations.access import OrgAccess
from powerwith.organisations.panels import Panel

from . import charts
from .organisation import organisation_figures
from .present import Chart, Figure, Table, num, pct
from .thresholds import title as sign_title

LIVED, PROFESSIONAL = "lived", "professional"
HIDDEN = gettext_noop("fewer than 5")  # translated where shown


def _n(x: Any) -> str:
    return _(HIDDEN) if x is None else num(x)


def _share(x: Any, base: int) -> str:
    """A share, or why it is not shown: nothing yet, or hidden because it rests on few records."""
    if x is None and base:
        return _(HIDDEN)
    return pct(x)


def _label(row: dict[str, Any], others: bool = False) -> str:
    if others:
        n = row["journeys"]
        return ngettext("%(n)s other journey", "%(n)s other journeys, added up", n) % {"n": n}
    return str(row["title"])


def side_by_side(doc: dict[str, Any]) -> Table:
    """Every journey the viewer can open, then the others added up, then the whole programme."""
    headers = [
        _("Journey"),
        _("Stage"),
        _("People with lived experience who came"),
        _("Professionals who came"),
        _("Speaking turns by people with lived experience"),
        _("Agenda items proposed by people with lived experience"),
        _("Contributions acted upon"),
        _("Decisions that share power"),
        _("Reflection rounds closed"),
        _("End-of-phase reviews"),
        _("Changes made"),
        _("Warning signs"),
    ]
    rows = []
    named = [(r, False) for r in doc["journeys"]]
    if doc["others"]:
        named.append((doc["others"], True))
    for r, others in [*named, (doc["programme"], None)]:
        stages = ", ".join(j_vocab.STAGES.label(s) for s in r["stages"]) if others is False else ""
        rows.append(
            [
                _("All journeys") if others is None else _label(r, bool(others)),
                stages or ("" if others is not False else _("not set")),
                _n(r["people_by_side"][LIVED]),
                _n(r["people_by_side"][PROFESSIONAL]),
                _share(r["voice_share"][LIVED], r["turns"]),
                _share(r["agenda_lived_share"], sum(r["agenda_by_side"].values())),
                _share(r["acted_upon_rate"], r["raised"]),
                _share(r["power_sharing_share"], r["decisions"]),
                f"{r['rounds_closed']} / {r['rounds']}",
                num(r["endings"]),
                num(r["changes"]),
                ", ".join(sign_title(c) for c in r["warnings"])
                if isinstance(r["warnings"], list)
                else num(sum(r["warnings"].values())),
            ]
        )
    return Table(_("The journeys side by side"), headers, rows)


def _rows(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out = [(str(r["title"]), r) for r in doc["journeys"]]
    if doc["others"]:
        out.append((_label(doc["others"], True), doc["others"]))
    return out


def voice_chart(doc: dict[str, Any]) -> Chart | None:
    rows = [
        (label, r["turns_by_side"][LIVED], r["turns_by_side"][PROFESSIONAL])
        for label, r in _rows(doc)
    ]
    if not any(a + b for _, a, b in rows):
        return None
    title = _("Speaking turns in each journey, by side")
    summary = _(
        "Across all the journeys, people with lived experience took %(share)s of the "
        "%(turns)s speaking turns recorded."
    ) % {
        "share": pct(doc["programme"]["voice_share"][LIVED]),
        "turns": doc["programme"]["turns"],
    }
    svg = charts.stacked(
        [charts.StackedBar(label, a, b) for label, a, b in rows], title=title, desc=summary
    )
    table = Table(
        title,
        ["", _("Turns: lived experience"), _("Turns: professional"), _("Total")],
        [[label, num(a), num(b), num(a + b)] for label, a, b in rows],
    )
    return Chart(svg, summary, table)


def follow_through_chart(doc: dict[str, Any]) -> Chart | None:
    rows = [(label, r) for label, r in _rows(doc) if r["raised"]]
    if not rows:
        return None
    title = _("Share of contributions acted upon in each journey")
    summary = _(
        "Across all the journeys, %(done)s of %(raised)s contributions are done (%(rate)s)."
    ) % {
        "done": doc["programme"]["done"],
        "raised": doc["programme"]["raised"],
        "rate": pct(doc["programme"]["acted_upon_rate"]),
    }
    bars = [
        charts.Bar(
            label, (r["acted_upon_rate"] or 0) * 100, _share(r["acted_upon_rate"], r["raised"])
        )
        for label, r in rows
    ]
    table = Table(
        title,
        ["", pgettext("contributions", "Raised"), _("Done"), _("Acted upon")],
        [
            [label, num(r["raised"]), num(r["done"]), _share(r["acted_upon_rate"], r["raised"])]
            for label, r in rows
        ],
    )
    return Chart(charts.bars(bars, title=title, desc=summary), summary, table)


def changes_chart(doc: dict[str, Any]) -> Chart | None:
    by_level = doc["programme"]["changes_by_level"]
    if not sum(by_level.values()):
        return None
    title = _("Changes made across all the journeys, by level")
    summary = _(
        "%(n)s contributions were done; %(high)s changed how an organisation thinks and "
        "behaves, or a policy, budget or structure."
    ) % {"n": doc["programme"]["changes"], "high": doc["programme"]["high_level_changes"]}
    rows = [(c_vocab.CHANGE_LEVELS.label(lv), n) for lv, n in by_level.items()]
    svg = charts.bars([charts.Bar(label, n) for label, n in rows], title=title, desc=summary)
    headers = ["", *(label for label, _n in rows)]
    table_rows = [
        [label, *(num(r["changes_by_level"][lv]) for lv in by_level)] for label, r in _rows(doc)
    ]
    table_rows.append([_("All journeys"), *(num(n) for _l, n in rows)])
    return Chart(svg, summary, Table(title, headers, table_rows))


def decisions_table(doc: dict[str, Any]) -> Table:
    rungs = list(d_vocab.RUNGS)
    rows = [
        [label, *(num(r["decisions_by_rung"][t.code]) for t in rungs), num(r["decisions"])]
        for label, r in _rows(doc)
    ]
    rows.append(
        [
            _("All journeys"),
            *(num(doc["programme"]["decisions_by_rung"][t.code]) for t in rungs),
            num(doc["programme"]["decisions"]),
        ]
    )
    return Table(
        _("Decisions on each step of the ladder of participation"),
        ["", *(str(t.label) for t in rungs), _("All decisions")],
        rows,
    )


def _pounds(pence: int) -> str:
    return f"£{pence // 100:,}"


def _base(n: int | None) -> int:
    return 1 if n is None else n


def _part(r: dict[str, Any], key: str) -> dict[str, Any]:
    """A row's part from an app above insights, or zeros when the app is not installed."""
    return r.get(key) or {}


def beyond_the_meetings(doc: dict[str, Any]) -> Table | None:
    """Training, money, trials and leaving in each journey (docs/insights.md, ``ROW.training``
    and after), or None when none of the journeys has any."""
    named = [*_rows(doc), (_("All journeys"), doc["programme"])]
    keys = ("training", "budgets", "trials", "leaving")
    if not any(
        isinstance(v, int) and v for _l, r in named for k in keys for v in _part(r, k).values()
    ):
        return None
    rows = []
    for label, r in named:
        tr, money, trials, leaving = (_part(r, k) for k in keys)
        rows.append(
            [
                label,
                num(tr.get("sessions", 0)),
                _share(tr.get("goals_met_share"), tr.get("goals_reviewed", 0)),
                _pounds(int(money.get("spending_pence", 0))),
                _share(money.get("group_decided_share"), money.get("spending_lines", 0)),
                num(trials.get("trials", 0)),
                _share(trials.get("ended_with_decision_share"), trials.get("ended", 0)),
                _share(trials.get("outcomes_achieved_share"), trials.get("outcomes_judged", 0)),
                _n(leaving.get("asked", 0)),
                # A hidden count of answers (None) means the share is hidden too.
                _share(leaving.get("acted_on_share"), _base(leaving.get("answered", 0))),
                _share(leaving.get("handover_share"), _base(leaving.get("occasions", 0))),
                num(leaving.get("with_legacy_plan", 0)),
                num(leaving.get("reviews_late", 0)),
            ]
        )
    return Table(
        _("Training, money, trying things out and leaving"),
        [
            "",
            _("Training sessions"),
            _("Training goals met"),
            _("Money spent"),
            _("Of it, chosen by decisions that share power"),
            _("Trials"),
            _("Ended trials with a decision"),
            _("Expected outcomes achieved"),
            _("People asked why they stopped coming"),
            _("Of their answers, acted on"),
            _("People who left or changed role with a handover note"),
            _("Journeys with a legacy plan"),
            _("Follow-up reviews late"),
        ],
        rows,
    )


def key_figures(doc: dict[str, Any]) -> list[Figure]:
    p = doc["programme"]
    return [
        Figure(_("journeys"), num(p["journeys"])),
        Figure(_("still running"), num(p["journeys_running"])),
        Figure(
            _("of speaking turns by people with lived experience"), pct(p["voice_share"][LIVED])
        ),
        Figure(_("of contributions acted upon"), pct(p["acted_upon_rate"])),
        Figure(_("of decisions share power"), pct(p["power_sharing_share"])),
        Figure(_("changes made"), num(p["changes"])),
    ]


def warning_lines(doc: dict[str, Any]) -> list[str]:
    out = []
    for code, n in doc["programme"]["warnings"].items():
        if n:
            out.append(
                _("%(title)s: in %(n)s of %(all)s journeys.")
                % {"title": sign_title(code), "n": n, "all": doc["programme"]["journeys"]}
            )
    return out


def provide(access: OrgAccess, user: Any) -> Panel | None:
    """The organisation's view across its journeys, for the organisation's page."""
    # The network has its own panel (outreach/network.py): not read twice.
    doc = organisation_figures(access.organisation, user, network=False)
    if not doc["programme"]["journeys"]:
        return None
    charts_ = [c for c in (voice_chart(doc), follow_through_chart(doc), changes_chart(doc)) if c]
    links = {
        r["slug"]: reverse("insights:dashboard", kwargs={"slug": r["slug"]})
        for r in doc["journeys"]
    }
    return Panel(
        "insights/organisation_panel.html",
        {
            "doc": doc,
            "figures": key_figures(doc),
            "side_by_side": side_by_side(doc),
            "charts": charts_,
            "decisions": decisions_table(doc),
            "beyond": beyond_the_meetings(doc),
            "warning_lines": warning_lines(doc),
            "links": [(r["title"], links[r["slug"]]) for r in doc["journeys"]],
            "us": doc["usual_suspects"],
            "us_share": pct(doc["usual_suspects"]["attendance_share_of_several"])
            if doc["usual_suspects"]["attendance_share_of_several"] is not None
            else "",
        },
    )
