"""The results page's words, tables and opinion map, from ``analysis.analyse``'s document.

Nothing here computes a figure the analysis does not: it puts statements' words to their
ids, turns shares into "7 of 9", and draws the map. Small groups stay hidden: a group of
fewer than 5 people (``suppressed``) has no statements or side mix shown, and its people are
drawn in grey with everyone who is in no group, so the map cannot show its size either. With
the map coloured by side, a side of fewer than 5 people is grey too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from powerwith.common.privacy import is_small
from powerwith.people import vocab as people_vocab

from .models import Statement

SIZE = 320  # the map's width and height
PAD = 14
# Colour and shape together, so groups are told apart without colour too.
GROUP_STYLE = [
    ("#1d70b8", "circle"),
    ("#d4351c", "square"),
    ("#00703c", "triangle"),
    ("#6f2c91", "diamond"),
    ("#b35900", "circle-open"),
]
SIDE_STYLE = {
    people_vocab.LIVED: ("#5b2a86", "circle"),
    people_vocab.PROFESSIONAL: ("#00677f", "square"),
}
GREY = "#8a8a8a"
LETTERS = "ABCDE"


@dataclass(frozen=True)
class Key:
    label: str
    colour: str
    shape: str
    count: int | None


def group_name(g: int) -> str:
    return _("Group %(letter)s") % {"letter": LETTERS[g] if g < len(LETTERS) else g + 1}


def _mark(x: float, y: float, colour: str, shape: str) -> SafeString:
    r = 4.5
    if shape == "square":
        return format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
            f"{x - r:.1f}",
            f"{y - r:.1f}",
            f"{2 * r:.1f}",
            f"{2 * r:.1f}",
            colour,
        )
    if shape == "triangle":
        pts = f"{x:.1f},{y - r - 1:.1f} {x - r - 1:.1f},{y + r:.1f} {x + r + 1:.1f},{y + r:.1f}"
        return format_html('<polygon points="{}" fill="{}"/>', pts, colour)
    if shape == "diamond":
        pts = f"{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y:.1f} {x:.1f},{y + r + 1:.1f} {x - r - 1:.1f},{y:.1f}"
        return format_html('<polygon points="{}" fill="{}"/>', pts, colour)
    if shape == "circle-open":
        return format_html(
            '<circle cx="{}" cy="{}" r="{}" fill="#ffffff" stroke="{}" stroke-width="2"/>',
            f"{x:.1f}",
            f"{y:.1f}",
            r,
            colour,
        )
    return format_html(
        '<circle cx="{}" cy="{}" r="{}" fill="{}"/>', f"{x:.1f}", f"{y:.1f}", r, colour
    )


def opinion_map(result: dict[str, Any], *, colour: str) -> tuple[SafeString, list[Key]]:
    """People as dots (no names), placed by how they answered: near each other when they
    answered alike. Coloured (and shaped) by group, or by side. Returns the SVG and its key."""
    people = result["participants"]
    shown_groups = {g["id"] for g in result["groups"] if not g["suppressed"]}
    sides = result["by_side"]["sides"]
    shown_sides = {s for s, v in sides.items() if not v["suppressed"]}
    xs = [p["x"] for p in people] or [0.0]
    ys = [p["y"] for p in people] or [0.0]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    scale = (SIZE - 2 * PAD) / span

    def style(p: dict[str, Any]) -> tuple[str, str]:
        if colour == "side":
            return SIDE_STYLE[p["side"]] if p["side"] in shown_sides else (GREY, "circle-open")
        g = p["group"]
        if g is None or g not in shown_groups:
            return GREY, "circle-open"
        return GROUP_STYLE[g % len(GROUP_STYLE)]

    marks = [
        _mark(SIZE / 2 + (p["x"] - cx) * scale, SIZE / 2 - (p["y"] - cy) * scale, *style(p))
        for p in people
    ]
    keys: list[Key] = []
    if colour == "side":
        for code, (col, shape) in SIDE_STYLE.items():
            n = sides[code]["participants"]
            keys.append(Key(str(people_vocab.SIDES.label(code)), col, shape, n))
        others = sum(1 for p in people if p["side"] not in shown_sides)
        keys.append(Key(_("Side not known, or fewer than 5"), GREY, "circle-open", others))
        desc = _("Each dot is a person, shaped and coloured by their side.")
    else:
        for g in result["groups"]:
            if not g["suppressed"]:
                col, shape = GROUP_STYLE[g["id"] % len(GROUP_STYLE)]
                keys.append(Key(group_name(g["id"]), col, shape, g["size"]))
        others = sum(1 for p in people if p["group"] is None or p["group"] not in shown_groups)
        keys.append(Key(_("In no group shown"), GREY, "circle-open", others))
        desc = _("Each dot is a person, shaped and coloured by their group.")
    svg = format_html(
        '<svg class="opinion-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {s} {s}" '
        'width="{s}" height="{s}" role="img" aria-labelledby="map-t map-d">'
        '<title id="map-t">{t}</title><desc id="map-d">{d}</desc>'
        '<rect x="0" y="0" width="{s}" height="{s}" fill="#ffffff" stroke="#b1b4b6"/>{m}</svg>',
        s=SIZE,
        t=_("Opinion map: people who answered alike are near each other"),
        d=desc,
        m=format_html_join("", "{}", ((m,) for m in marks)),
    )
    return svg, keys


def key_mark(k: Key) -> SafeString:
    return format_html(
        '<svg class="map-key" viewBox="0 0 14 14" width="14" height="14" aria-hidden="true" '
        'focusable="false">{}</svg>',
        _mark(7, 7, k.colour, k.shape),
    )


def _share(n: int, of: int) -> dict[str, Any]:
    return {"n": n, "of": of, "percent": round(100 * n / of) if of else 0}


def side_rows(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each statement's share agreed on each side shown, ``{statement: {side: share}}``: a
    side's share on one statement only when 5 or more of that side answered it (fewer could
    point at someone who answered signed in), else None; a suppressed side not at all."""
    rows_by_side: dict[str, dict[str, Any]] = {}
    for code, side in result["by_side"]["sides"].items():
        if side["suppressed"]:
            continue
        for row in side["statements"]:
            cell = _share(row["agree"], row["votes"]) if not is_small(row["votes"]) else None
            rows_by_side.setdefault(row["statement"], {})[code] = cell
    return rows_by_side


def results(
    result: dict[str, Any],
    statements: dict[str, Statement],
    counts: dict[str, tuple[int, int, int]],
    *,
    colour: str,
) -> dict[str, Any]:
    """Everything the results page shows, in words and numbers a person reads."""

    def text(sid: str) -> str:
        s = statements.get(sid)
        return s.text if s is not None else sid

    def everyone(sid: str) -> dict[str, Any]:
        agree, disagree, votes = counts.get(sid, (0, 0, 0))
        return {"agree": _share(agree, votes), "disagree": _share(disagree, votes)}

    svg, keys = opinion_map(result, colour=colour)
    groups = []
    for g in result["groups"]:
        reps = []
        for r in result["repness"].get(str(g["id"]), []):
            reps.append(
                {
                    "text": text(r["statement"]),
                    "agree": r["repful_for"] == "agree",
                    "share": _share(r["n_success"], r["n_trials"]),
                }
            )
        groups.append(
            {
                "id": g["id"],
                "name": group_name(g["id"]),
                "size": g["size"],
                "suppressed": g["suppressed"],
                "sides": g["sides"],
                "statements": reps,
            }
        )
    sides = result["by_side"]["sides"]
    rows_by_side = side_rows(result)
    side_table = [{"text": text(sid), **cells} for sid, cells in rows_by_side.items()]
    return {
        "map": svg,
        "map_keys": [(k, key_mark(k)) for k in keys],
        "n_participants": result["n_participants"],
        "n_clustered": result["n_clustered"],
        "n_statements": result["n_statements"],
        "groups": groups,
        "shown_groups": [g for g in groups if not g["suppressed"]],
        "consensus": [
            {"text": text(c["statement"]), **everyone(c["statement"])} for c in result["consensus"]
        ],
        "divisive": [
            {
                "text": text(d["statement"]),
                "most": group_name(d["most"]),
                "least": group_name(d["least"]),
                **everyone(d["statement"]),
            }
            for d in result["divisive"]
        ],
        "sides": {
            code: {"label": people_vocab.SIDES.label(code), **side} for code, side in sides.items()
        },
        "both_sides_shown": not any(s["suppressed"] for s in sides.values()),
        "side_table": side_table,
        "agree_most": [
            {"text": text(r["statement"]), **rows_by_side.get(r["statement"], {})}
            for r in result["by_side"]["agree_most"]
        ],
        "differ_most": [
            {"text": text(r["statement"]), **rows_by_side.get(r["statement"], {})}
            for r in result["by_side"]["differ_most"]
            if abs(r["gap"]) > 0
        ],
        "compute_ms": result.get("compute_ms"),
    }
