"""Server-rendered SVG charts: horizontal bars and bars stacked by side.

No JavaScript, a few hundred bytes each, and they print. Every chart is an ``<svg role="img">``
with a ``<title>`` and a ``<desc>``; every bar carries its number as text; the two sides are told
apart by pattern (solid for lived experience, hatched for professional) and by a text legend,
never by colour alone. The page puts a one-sentence summary and a data table next to each chart.

Charts are laid out label-above-bar so they stay readable on a 360px phone and on a projector.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 340
ROW = 40  # label above its bar: compact on a phone, still easy to read
BAR = 16
BAR_TOP = 20  # from the top of a row
LABEL_SIZE = 15
LIVED_FILL = "#5b2a86"
PROF_FILL = "#00677f"
PLAIN_FILL = "#3d3d3d"

_ids = itertools.count(1)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str = ""  # shown at the end of the bar; defaults to the value


@dataclass(frozen=True)
class StackedBar:
    label: str
    lived: float
    professional: float


def _uid(prefix: str) -> str:
    return f"{prefix}{next(_ids)}"


def _frame(title: str, desc: str, height: int, body: str, defs: str = "") -> SafeString:
    uid = _uid("chart")
    return format_html(
        '<svg class="chart-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" role="img" aria-labelledby="{u}-t {u}-d" '
        'font-family="system-ui, sans-serif">'
        '<title id="{u}-t">{title}</title><desc id="{u}-d">{desc}</desc>{defs}{body}</svg>',
        w=WIDTH,
        h=height,
        u=uid,
        title=title,
        desc=desc,
        defs=mark_safe(defs),  # built here from constants and escaped text only
        body=mark_safe(body),
    )


def _fit(label: str) -> str:
    """Shorten a label to fit the chart's width (the data table keeps it whole)."""
    room = int(WIDTH / (LABEL_SIZE * 0.56))
    return label if len(label) <= room else label[: room - 1].rstrip() + "…"


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def bars(rows: Sequence[Bar], *, title: str, desc: str) -> SafeString:
    """One horizontal bar per row, longest = full width."""
    top = max((r.value for r in rows), default=0) or 1
    parts = []
    for i, r in enumerate(rows):
        y = i * ROW
        w = max(0.0, r.value / top * (WIDTH - 60))
        parts.append(
            f'<text x="0" y="{y + LABEL_SIZE}" font-size="{LABEL_SIZE}" fill="#1d1d1b">'
            f"{escape(_fit(r.label))}</text>"
            f'<rect x="0" y="{y + BAR_TOP}" width="{w:.1f}" height="{BAR}" fill="{PLAIN_FILL}"/>'
            f'<text x="{w + 6:.1f}" y="{y + BAR_TOP + BAR - 3}" font-size="{LABEL_SIZE}" font-weight="700" '
            f'fill="#1d1d1b">{escape(r.text or _fmt(r.value))}</text>'
        )
    return _frame(title, desc, max(ROW * len(rows), ROW), "".join(parts))


def stacked(rows: Sequence[StackedBar], *, title: str, desc: str) -> SafeString:
    """One bar per row, split into lived experience (solid) and professional (hatched)."""
    top = max((r.lived + r.professional for r in rows), default=0) or 1
    hatch = _uid("hatch")
    defs = (
        f'<defs><pattern id="{hatch}" width="8" height="8" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/>'
        f'<rect width="4" height="8" fill="{PROF_FILL}"/></pattern></defs>'
    )
    lived_key = escape(_("Lived experience (solid)"))
    professional_key = escape(_("Professional (striped)"))
    parts = [
        f'<rect x="0" y="4" width="14" height="14" fill="{LIVED_FILL}"/>'
        f'<text x="20" y="16" font-size="14" fill="#1d1d1b">{lived_key}</text>'
        f'<rect x="0" y="26" width="14" height="14" fill="url(#{hatch})" stroke="{PROF_FILL}"/>'
        f'<text x="20" y="38" font-size="14" fill="#1d1d1b">{professional_key}</text>'
    ]
    offset = 50
    for i, r in enumerate(rows):
        y = offset + i * ROW
        lw = r.lived / top * (WIDTH - 110)
        pw = r.professional / top * (WIDTH - 110)
        parts.append(
            f'<text x="0" y="{y + LABEL_SIZE}" font-size="{LABEL_SIZE}" fill="#1d1d1b">'
            f"{escape(_fit(r.label))}</text>"
            f'<rect x="0" y="{y + BAR_TOP}" width="{lw:.1f}" height="{BAR}" fill="{LIVED_FILL}"/>'
            f'<rect x="{lw:.1f}" y="{y + BAR_TOP}" width="{pw:.1f}" height="{BAR}" '
            f'fill="url(#{hatch})" stroke="{PROF_FILL}" stroke-width="1"/>'
            f'<text x="{lw + pw + 6:.1f}" y="{y + BAR_TOP + BAR - 3}" font-size="{LABEL_SIZE}" '
            f'font-weight="700" fill="#1d1d1b">{_fmt(r.lived)} + {_fmt(r.professional)}'
            f"</text>"
        )
    return _frame(title, desc, offset + max(ROW * len(rows), ROW), "".join(parts), defs)


@dataclass(frozen=True)
class PairBar:
    label: str
    first: float
    second: float


def pairs(
    rows: Sequence[PairBar], *, first_key: str, second_key: str, title: str, desc: str
) -> SafeString:
    """One bar per row split into two parts that are not sides (praise and problems, say): the
    first solid, the second hatched, with a text legend naming each."""
    top = max((r.first + r.second for r in rows), default=0) or 1
    hatch = _uid("hatch")
    defs = (
        f'<defs><pattern id="{hatch}" width="8" height="8" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/>'
        f'<rect width="4" height="8" fill="{PLAIN_FILL}"/></pattern></defs>'
    )
    parts = [
        f'<rect x="0" y="4" width="14" height="14" fill="{PROF_FILL}"/>'
        f'<text x="20" y="16" font-size="14" fill="#1d1d1b">{escape(first_key)}</text>'
        f'<rect x="0" y="26" width="14" height="14" fill="url(#{hatch})" stroke="{PLAIN_FILL}"/>'
        f'<text x="20" y="38" font-size="14" fill="#1d1d1b">{escape(second_key)}</text>'
    ]
    offset = 50
    for i, r in enumerate(rows):
        y = offset + i * ROW
        fw = r.first / top * (WIDTH - 110)
        sw = r.second / top * (WIDTH - 110)
        parts.append(
            f'<text x="0" y="{y + LABEL_SIZE}" font-size="{LABEL_SIZE}" fill="#1d1d1b">'
            f"{escape(_fit(r.label))}</text>"
            f'<rect x="0" y="{y + BAR_TOP}" width="{fw:.1f}" height="{BAR}" fill="{PROF_FILL}"/>'
            f'<rect x="{fw:.1f}" y="{y + BAR_TOP}" width="{sw:.1f}" height="{BAR}" '
            f'fill="url(#{hatch})" stroke="{PLAIN_FILL}" stroke-width="1"/>'
            f'<text x="{fw + sw + 6:.1f}" y="{y + BAR_TOP + BAR - 3}" font-size="{LABEL_SIZE}" '
            f'font-weight="700" fill="#1d1d1b">{_fmt(r.first)} + {_fmt(r.second)}</text>'
        )
    return _frame(title, desc, offset + max(ROW * len(rows), ROW), "".join(parts), defs)
