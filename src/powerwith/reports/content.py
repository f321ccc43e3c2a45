"""What a board report says, read from the journey's insights document.

Every figure here is read from ``insights.selectors.insights_for`` (the document behind the
dashboard, ``powerwith insights --json`` and the API) or drawn by the dashboard's own code
(``insights.present``, the SVG charts), never worked out again: the report and the dashboard
cannot disagree. The document is the one a member who is not a facilitator sees
(``for_viewer(can_manage=False)``), since anyone who may see the dashboard may read the PDF.
The few things not in the document (the purpose, the limits shared with the group, examples of
"you said, we did") are read from the record with the same rules as the pages anyone in the
journey sees. No one is named: see docs/reports.md, "Names".
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from powerwith.contributions import vocab as c_vocab
from powerwith.contributions.models import Contribution
from powerwith.decisions import vocab as d_vocab
from powerwith.decisions.templatetags.decisions_tags import rung_chart
from powerwith.insights import present
from powerwith.insights.maths import percent
from powerwith.insights.period import Period
from powerwith.insights.selectors import fired, for_viewer, insights_for
from powerwith.journeys import vocab as j_vocab
from powerwith.journeys.models import Journey
from powerwith.journeys.selectors import active_limits

# The dashboard's indicators that the report shows, in its order: the power figures.
POWER = ("room", "voice", "agenda", "changes")
EXAMPLES = 5


def rests_on(n: int | None) -> str:
    """ "Rests on 12 records.": the one sentence every figure of the report carries."""
    n = n or 0
    return ngettext("Rests on %(n)s record.", "Rests on %(n)s records.", n) % {"n": n}


def period_of(start: datetime.date | None, end: datetime.date | None) -> Period:
    return Period(start=start, end=end)


def examples(journey: Journey, period: Period) -> list[dict[str, str]]:
    """A few things people raised that were done in the period, in the words of the public
    "you said, we did" page: those kept off it are never used, and no one is named."""
    rows = (
        Contribution.objects.filter(journey=journey, fate=c_vocab.DONE, off_public=False)
        .filter(period.q("fate_changed_on"))
        .exclude(response="")
        .order_by("-fate_changed_on", "-id")
        .values("text", "response")[:EXAMPLES]
    )
    return [{"said": r["text"], "did": r["response"]} for r in rows]


def _ladder(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "label": t.label,
            "n": d["by_rung"].get(t.code, 0),
            "share": percent(d["by_rung_share"].get(t.code), "–"),
        }
        for t in reversed(list(d_vocab.RUNGS))
    ]


def report(journey: Journey, period: Period) -> dict[str, Any]:
    """Everything the report shows, for the web page and the PDF alike."""
    doc = for_viewer(insights_for(journey, period), can_manage=False)
    sections = doc["sections"]
    record = sections.get("record", {})
    shown = {d.key: d for d in present.record(record)}
    power = [shown[k] for k in POWER if k in shown]
    decisions = sections.get("decisions", {}).get("decisions")
    inclusion = sections.get("inclusion")
    reflection = sections.get("reflection")
    limits = active_limits(journey, can_manage=False)
    return {
        "journey": journey,
        "period": period,
        "doc": doc,
        "generated_at": datetime.datetime.fromisoformat(doc["generated_at"]),
        "headlines": present.summary(doc),
        "limits_off": [lim for lim in limits if lim.table == j_vocab.OFF_TABLE],
        "limits_on": [lim for lim in limits if lim.table == j_vocab.ON_TABLE],
        "limits_figures": record.get("limits"),
        "room": record.get("room"),
        "room_display": shown.get("room"),
        "inclusion": inclusion,
        "power": power,
        "decisions": decisions,
        "ladder": _ladder(decisions) if decisions else [],
        "rung_chart": rung_chart(decisions) if decisions and decisions["total"] else "",
        "follow_through": record.get("follow_through"),
        "follow_through_display": shown.get("follow_through"),
        "examples": examples(journey, period),
        "changes": record.get("changes"),
        "fired": fired(doc),
        "reflection": reflection,
        "acted_upon": percent(
            (record.get("follow_through") or {}).get("acted_upon_rate"), _("none yet")
        ),
    }
