"""Who takes a decision, and the ladder of participation.

Based on: Whitehead / Centre for Loneliness Studies 2021 (the seven-rung ladder of participation:
coercing to co-producing); Farr 2018 (who decides; whether professionals cede control);
Arnstein's ladder as summarised in CONCEPTS.md.
"""

import datetime
from typing import cast

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy, ngettext

from powerwith.common.vocab import Term, Vocabulary


def _(text: str) -> str:
    """Mark a label for translation. It stays lazy, so a Term reads in each reader's
    language; typed as str because Term is (the lazy string behaves as one)."""
    return cast(str, gettext_lazy(text))


TAKERS = Vocabulary(
    "taken by",
    [
        Term(
            "group_vote",
            _("The group, by vote"),
            _("Everyone in the group could vote."),
            {"inside": True},
        ),
        Term(
            "group_consensus",
            _("The group, by agreement"),
            _("The group talked it through and agreed."),
            {"inside": True},
        ),
        Term(
            "professional",
            _("A professional alone"),
            _("A member of staff decided, with or without asking."),
            {"inside": False},
        ),
        Term(
            "organisation",
            _("The organisation"),
            _("A board, management team or committee of the organisation decided."),
            {"inside": False},
        ),
        Term("funder", _("The funder"), _("The funder decided."), {"inside": False}),
    ],
)

INSIDE_TAKERS = tuple(t.code for t in TAKERS if t.extra.get("inside"))

RUNGS = Vocabulary(
    "rung",
    [
        Term(
            "coercing",
            _("Coercing"),
            _("People are made to go along with something already decided, with no real choice."),
            {"level": 1},
        ),
        Term(
            "educating",
            _("Educating"),
            _("People are told why a decision is good for them, to win them over."),
            {"level": 2},
        ),
        Term(
            "informing",
            _("Informing"),
            _("People are told what has been decided. They cannot change it."),
            {"level": 3},
        ),
        Term(
            "consulting",
            _("Consulting"),
            _("People are asked for their views, but others decide whether to use them."),
            {"level": 4},
        ),
        Term(
            "engaging",
            _("Engaging"),
            _("People's views shape the options, but professionals still make the final choice."),
            {"level": 5},
        ),
        Term(
            "co_designing",
            _("Co-designing"),
            _(
                "People design the answer together with professionals, who still hold the final say on delivery."
            ),
            {"level": 6},
        ),
        Term(
            "co_producing",
            _("Co-producing"),
            _("People share the power to decide and to deliver, as equals."),
            {"level": 7},
        ),
    ],
)

POWER_SHARING_RUNGS = ("co_designing", "co_producing")

# --- priority votes ----------------------------------------------------------------------------
# Based on: Farr 2018 (in the experience-based co-design case staff and patients voted on which
# issues to work on); Whitehead / Centre for Loneliness Studies 2021 (voting as a way to share
# power).

METHODS = Vocabulary(
    "way of voting",
    [
        Term(
            "dot",
            _("Dot voting"),
            _(
                "Everyone gets the same number of dots to put on the items that matter most to them."
            ),
        ),
        Term(
            "approval",
            _("Tick all you support"),
            _("Everyone ticks every item they would be happy to work on. The most ticks wins."),
        ),
        Term(
            "ranked",
            _("Put in order"),
            _("Everyone puts the items in order of preference, as far down as they like."),
        ),
        Term(
            "score",
            _("Give scores"),
            _("Everyone gives each item a score, for example from 0 to 5."),
        ),
    ],
)

DRAFT = "draft"
OPEN = "open"
CLOSED = "closed"

VOTE_STATES = Vocabulary(
    "vote state",
    [
        Term(
            DRAFT,
            _("Being prepared"),
            _("The items and rules can still change. No one can vote yet."),
        ),
        Term(OPEN, _("Open"), _("People can vote now.")),
        Term(CLOSED, _("Closed"), _("Voting has finished and the results are final.")),
    ],
)

# A vote closed by mistake can be reopened this soon after closing (and not later: by then
# people may have read the results and acted on them).
REOPEN_WITHIN = datetime.timedelta(minutes=30)
_MINUTES = REOPEN_WITHIN // datetime.timedelta(minutes=1)
# Lazy, so it reads in the reader's language wherever a sentence puts it.
REOPEN_WITHIN_WORDS: str = lazy(
    lambda: ngettext("%(n)s minute", "%(n)s minutes", _MINUTES) % {"n": _MINUTES}, str
)()

OWN_DEVICE = "own_device"
PAPER = "paper"

BALLOT_CHANNELS = Vocabulary(
    "how the ballot reached us",
    [
        Term(
            OWN_DEVICE,
            _("On their own phone or computer"),
            _("The person voted themselves, signed in."),
        ),
        Term(
            PAPER,
            _("Paper ballot"),
            _(
                "The person voted on paper and a facilitator typed their ballot in. It counts as their vote."
            ),
        ),
    ],
)

ACTION_STATES = ("open", "done")

# Fates a decision can move the contributions it answers to ("new" cannot be gone back to, and
# merging is done from the contribution's own page).
DECISION_FATES = ("considering", "prioritised", "in_progress", "done", "not_possible")
