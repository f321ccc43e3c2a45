"""Who takes a decision, and the ladder of participation.

Based on: Whitehead / Centre for Loneliness Studies 2021 (the seven-rung ladder of participation:
coercing to co-producing); Farr 2018 (who decides; whether professionals cede control);
Arnstein's ladder as summarised in CONCEPTS.md.
"""

import datetime

from powerwith.common.vocab import Term, Vocabulary

TAKERS = Vocabulary(
    "taken by",
    [
        Term(
            "group_vote",
            "The group, by vote",
            "Everyone in the group could vote.",
            {"inside": True},
        ),
        Term(
            "group_consensus",
            "The group, by agreement",
            "The group talked it through and agreed.",
            {"inside": True},
        ),
        Term(
            "professional",
            "A professional alone",
            "A member of staff decided, with or without asking.",
            {"inside": False},
        ),
        Term(
            "organisation",
            "The organisation",
            "A board, management team or committee of the organisation decided.",
            {"inside": False},
        ),
        Term("funder", "The funder", "The funder decided.", {"inside": False}),
    ],
)

INSIDE_TAKERS = tuple(t.code for t in TAKERS if t.extra.get("inside"))

RUNGS = Vocabulary(
    "rung",
    [
        Term(
            "coercing",
            "Coercing",
            "People are made to go along with something already decided, with no real choice.",
            {"level": 1},
        ),
        Term(
            "educating",
            "Educating",
            "People are told why a decision is good for them, to win them over.",
            {"level": 2},
        ),
        Term(
            "informing",
            "Informing",
            "People are told what has been decided. They cannot change it.",
            {"level": 3},
        ),
        Term(
            "consulting",
            "Consulting",
            "People are asked for their views, but others decide whether to use them.",
            {"level": 4},
        ),
        Term(
            "engaging",
            "Engaging",
            "People's views shape the options, but professionals still make the final choice.",
            {"level": 5},
        ),
        Term(
            "co_designing",
            "Co-designing",
            "People design the answer together with professionals, who still hold the final say on delivery.",
            {"level": 6},
        ),
        Term(
            "co_producing",
            "Co-producing",
            "People share the power to decide and to deliver, as equals.",
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
            "Dot voting",
            "Everyone gets the same number of dots to put on the items that matter most to them.",
        ),
        Term(
            "approval",
            "Tick all you support",
            "Everyone ticks every item they would be happy to work on. The most ticks wins.",
        ),
        Term(
            "ranked",
            "Put in order",
            "Everyone puts the items in order of preference, as far down as they like.",
        ),
        Term(
            "score",
            "Give scores",
            "Everyone gives each item a score, for example from 0 to 5.",
        ),
    ],
)

DRAFT = "draft"
OPEN = "open"
CLOSED = "closed"

VOTE_STATES = Vocabulary(
    "vote state",
    [
        Term(DRAFT, "Being prepared", "The items and rules can still change. No one can vote yet."),
        Term(OPEN, "Open", "People can vote now."),
        Term(CLOSED, "Closed", "Voting has finished and the results are final."),
    ],
)

# A vote closed by mistake can be reopened this soon after closing (and not later: by then
# people may have read the results and acted on them).
REOPEN_WITHIN = datetime.timedelta(minutes=30)
REOPEN_WITHIN_WORDS = f"{REOPEN_WITHIN // datetime.timedelta(minutes=1)} minutes"

OWN_DEVICE = "own_device"
PAPER = "paper"

BALLOT_CHANNELS = Vocabulary(
    "how the ballot reached us",
    [
        Term(
            OWN_DEVICE, "On their own phone or computer", "The person voted themselves, signed in."
        ),
        Term(
            PAPER,
            "Paper ballot",
            "The person voted on paper and a facilitator typed their ballot in. It counts as their vote.",
        ),
    ],
)

ACTION_STATES = ("open", "done")

# Fates a decision can move the contributions it answers to ("new" cannot be gone back to, and
# merging is done from the contribution's own page).
DECISION_FATES = ("considering", "prioritised", "in_progress", "done", "not_possible")
