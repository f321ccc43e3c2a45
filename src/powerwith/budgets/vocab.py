"""Who holds the final say over a budget, tied to the rungs of the ladder of participation.

Based on: Whitehead / Centre for Loneliness Studies 2021 (the ladder of participation: control
of resources is where power is shared or not); Farr 2018 (whether professionals cede control,
money included).
"""

from powerwith.common.vocab import Term, Vocabulary
from powerwith.common.vocab import lazy_text as _

GROUP = "group"
SHARED = "shared"
ADVISES = "advises"
STAFF = "staff"

# Each holder of the say sits on a rung of the ladder used by the decision log
# (decisions/vocab.py RUNGS), so budgets and decisions are read on one scale.
SAY = Vocabulary(
    "final say",
    [
        Term(
            GROUP,
            _("The group itself"),
            _("The group decides how the money is spent. Nobody else has to agree."),
            {"rung": "co_producing"},
        ),
        Term(
            SHARED,
            _("Shared between the group and staff"),
            _("The group and staff or the organisation decide together, as equals."),
            {"rung": "co_designing"},
        ),
        Term(
            ADVISES,
            _("Staff or the organisation, with the group advising"),
            _("The group says what it thinks; staff or the organisation make the final choice."),
            {"rung": "consulting"},
        ),
        Term(
            STAFF,
            _("Staff or the organisation alone"),
            _("Staff or the organisation decide. The group is told how the money is spent."),
            {"rung": "informing"},
        ),
    ],
)

# The say held by the group itself or shared as equals: the two power-sharing rungs.
GROUP_SAYS = (GROUP, SHARED)
