"""A vote's ballot papers as an A4 PDF made on the server (WeasyPrint, as ``plans/printing.py``
does), one a page, to hand out at a gathering and type in afterwards."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from powerwith.common.pdf import template_pdf

from . import counting
from .models import Vote

# At most this many ballot papers in one PDF (one a page).
MAX_BALLOT_PAPERS = 200


def _how_to_mark(vote: Vote) -> tuple[str, str, bool]:
    """What a paper ballot says about marking it, the heading of its marks column, and whether
    each item has a box to write a number in (else a tick box, or boxes for a score)."""
    if vote.method == counting.DOT and vote.stacking:
        return (
            ngettext(
                "You have %(n)s dot. Write 1 in the box of the item you give it to.",
                "You have %(n)s dots. Write how many dots you give each item in its box: all on "
                "one item, or spread across several.",
                vote.dots,
            )
            % {"n": vote.dots},
            _("Dots"),
            True,
        )
    if vote.method == counting.DOT:
        return (
            ngettext(
                "You have %(n)s dot. Tick the one item you give it to.",
                "You have %(n)s dots. Tick up to %(n)s items, one dot each.",
                vote.dots,
            )
            % {"n": vote.dots},
            _("Tick"),
            False,
        )
    if vote.method == counting.APPROVAL:
        return _("Tick every item you would be happy to work on."), _("Tick"), False
    if vote.method == counting.RANKED:
        return (
            _(
                "Write 1 in the box of your first choice, 2 for your second, and so on. You can "
                "stop whenever you like."
            ),
            _("Your order"),
            True,
        )
    return (
        _("Tick one box for each item: 0 is lowest, %(n)s highest. An item left blank counts as 0.")
        % {"n": vote.score_max},
        _("Score"),
        False,
    )


def ballot_papers_pdf(vote: Vote, *, copies: int) -> bytes:
    """``copies`` ballot papers of ``vote`` (at least one, at most ``MAX_BALLOT_PAPERS``), one a
    page, with the items in the order the paper ballot page lists them."""
    how, heading, write_in = _how_to_mark(vote)
    return template_pdf(
        "decisions/ballot_papers.html",
        {
            "vote": vote,
            "options": list(vote.options.all()),
            "method": vote.method,
            "how": how,
            "mark_heading": heading,
            "write_in": write_in,
            "scores": range(vote.score_max + 1),
            "copies": range(min(max(copies, 1), MAX_BALLOT_PAPERS)),
        },
    )
