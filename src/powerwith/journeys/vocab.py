"""Stages, levels, membership roles, values and who sets limits.

Based on: Whitehead / Centre for Loneliness Studies 2021 (the cycle, values); Farr 2018 (level
at which co-production works); Durose, Richardson & Perry 2024 (be clear what is on the table).
"""

from powerwith.common.vocab import Term, Vocabulary

STAGES = Vocabulary(
    "stage",
    [
        Term(
            "co_commissioning",
            "Co-commissioning",
            "Deciding together what is needed and what money is spent on.",
        ),
        Term("co_design", "Co-design", "Shaping together how a service or change will work."),
        Term("co_delivery", "Co-delivery", "Running the service or the change together."),
        Term(
            "co_evaluation",
            "Co-evaluation",
            "Judging together whether it worked and what to change next.",
        ),
    ],
)

LEVELS = Vocabulary(
    "level",
    [
        Term(
            "community",
            "Community",
            "Working on something in a neighbourhood or a community of interest.",
        ),
        Term("service", "Service", "Working on how one service is designed or run."),
        Term("policy", "Policy", "Working on the rules, strategy or budgets above services."),
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
            "Facilitator",
            "Manages the journey: its agreement, its members and everything in it.",
        ),
        Term(
            MEMBER,
            "Member",
            "Records gatherings, turns and contributions, and sees everything in the journey.",
        ),
        Term(OBSERVER, "Observer", "Sees the journey but does not change it."),
    ],
)

VALUES = Vocabulary(
    "value",
    [
        Term("empowerment", "Empowerment", "We do things with people, not for them or to them."),
        Term(
            "equality", "Equality", "No one's voice counts for more because of their job or title."
        ),
        Term(
            "assets",
            "Everyone's skills and experience count",
            "We start from what people know and can do, including what they have lived through.",
        ),
        Term(
            "commitment",
            "Commitment to the journey",
            "We keep going together when it gets hard, and do not pull out when it is inconvenient.",
        ),
        Term(
            "rights",
            "Rights and responsibilities",
            "Everyone has a right to a say, and no one is made to take part.",
        ),
        Term("reciprocity", "Reciprocity", "Everyone who gives their time gets something back."),
        Term(
            "test_and_learn",
            "Test and learn",
            "We are willing to try things, to fail, and to learn from it.",
        ),
    ],
)

LIMIT_SETTERS = Vocabulary(
    "set by",
    [
        Term("funder", "The funder", "A condition of the money."),
        Term(
            "law",
            "The law or regulation",
            "Something the law, a regulator or national guidance requires.",
        ),
        Term(
            "organisation",
            "The organisation",
            "A decision of the organisation that runs the service.",
        ),
        Term("group", "The group itself", "Something the group agreed for itself."),
    ],
)

ON_TABLE = "on"
OFF_TABLE = "off"

TABLE_SIDES = Vocabulary(
    "on or off the table",
    [
        Term(ON_TABLE, "On the table", "The group can change this."),
        Term(OFF_TABLE, "Not on the table", "The group cannot change this, and should know why."),
    ],
)
