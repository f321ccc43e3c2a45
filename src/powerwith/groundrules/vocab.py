"""The two things a group frames in its own words: what it is here to do and the problem.

Based on: Whitehead / Centre for Loneliness Studies 2021 (a group agrees its purpose together,
in its own words); Durose, Richardson & Perry 2024 (who frames the problem holds power: people
with lived experience should help frame it, not only answer it).
"""

from powerwith.common.vocab import Term, Vocabulary
from powerwith.common.vocab import lazy_text as _

PURPOSE = "purpose"
PROBLEM = "problem"

FRAMING_KINDS = Vocabulary(
    "framing kind",
    [
        Term(PURPOSE, _("Purpose"), _("What the group is here to do, in a few sentences.")),
        Term(
            PROBLEM,
            _("Problem statement"),
            _("The problem the group is trying to solve, as the group sees it."),
        ),
    ],
)
