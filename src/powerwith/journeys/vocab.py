"""Stages, levels, membership roles, values and who sets limits.

Based on: Whitehead / Centre for Loneliness Studies 2021 (the cycle, values); Farr 2018 (level
at which co-production works); Durose, Richardson & Perry 2024 (be clear what is on the table).
"""

from typing import cast

from django.utils.translation import gettext_lazy

from powerwith.common.vocab import Term, Vocabulary


def _(text: str) -> str:
    """Mark a label for translation. It stays lazy, so a Term reads in each reader's
    language; typed as str because Term is (the lazy string behaves as one)."""
    return cast(str, gettext_lazy(text))


STAGES = Vocabulary(
    "stage",
    [
        Term(
            "co_commissioning",
            _("Co-commissioning"),
            _("Deciding together what is needed and what money is spent on."),
        ),
        Term("co_design", _("Co-design"), _("Shaping together how a service or change will work.")),
        Term("co_delivery", _("Co-delivery"), _("Running the service or the change together.")),
        Term(
            "co_evaluation",
            _("Co-evaluation"),
            _("Judging together whether it worked and what to change next."),
        ),
    ],
)

LEVELS = Vocabulary(
    "level",
    [
        Term(
            "community",
            _("Community"),
            _("Working on something in a neighbourhood or a community of interest."),
        ),
        Term("service", _("Service"), _("Working on how one service is designed or run.")),
        Term("policy", _("Policy"), _("Working on the rules, strategy or budgets above services.")),
    ],
)

FACILITATOR = "facilitator"
MEMBER = "member"
OBSERVER = "observer"

MEMBERSHIP_ROLES = Vocabulary(
    "membership role",
    [
        Term(
            FACILITATOR,
            _("Facilitator"),
            _("Manages the journey: its agreement, its members and everything in it."),
        ),
        Term(
            MEMBER,
            _("Member"),
            _("Records gatherings, turns and contributions, and sees everything in the journey."),
        ),
        Term(OBSERVER, _("Observer"), _("Sees the journey but does not change it.")),
    ],
)

VALUES = Vocabulary(
    "value",
    [
        Term(
            "empowerment", _("Empowerment"), _("We do things with people, not for them or to them.")
        ),
        Term(
            "equality",
            _("Equality"),
            _("No one's voice counts for more because of their job or title."),
        ),
        Term(
            "assets",
            _("Everyone's skills and experience count"),
            _("We start from what people know and can do, including what they have lived through."),
        ),
        Term(
            "commitment",
            _("Commitment to the journey"),
            _(
                "We keep going together when it gets hard, and do not pull out when it is inconvenient."
            ),
        ),
        Term(
            "rights",
            _("Rights and responsibilities"),
            _("Everyone has a right to a say, and no one is made to take part."),
        ),
        Term(
            "reciprocity", _("Reciprocity"), _("Everyone who gives their time gets something back.")
        ),
        Term(
            "test_and_learn",
            _("Test and learn"),
            _("We are willing to try things, to fail, and to learn from it."),
        ),
    ],
)

LIMIT_SETTERS = Vocabulary(
    "set by",
    [
        Term("funder", _("The funder"), _("A condition of the money.")),
        Term(
            "law",
            _("The law or regulation"),
            _("Something the law, a regulator or national guidance requires."),
        ),
        Term(
            "organisation",
            _("The organisation"),
            _("A decision of the organisation that runs the service."),
        ),
        Term("group", _("The group itself"), _("Something the group agreed for itself.")),
    ],
)

ON_TABLE = "on"
OFF_TABLE = "off"

TABLE_SIDES = Vocabulary(
    "on or off the table",
    [
        Term(ON_TABLE, _("On the table"), _("The group can change this.")),
        Term(
            OFF_TABLE,
            _("Not on the table"),
            _("The group cannot change this, and should know why."),
        ),
    ],
)
