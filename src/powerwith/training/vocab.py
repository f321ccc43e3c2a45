"""Fixed lists for training: whether a person's own goal for a session was met.

Based on: Whitehead / Centre for Loneliness Studies 2021, activity 1 (what do you know, what do
you want to know: each person's own goals, set before and revisited after).
"""

from powerwith.common.vocab import Term, Vocabulary
from powerwith.common.vocab import lazy_text as _
from powerwith.common.vocab import lazy_text_ctx as pgettext_lazy

MET = "met"
PARTLY = "partly"
NOT_MET = "not_met"

OUTCOMES = Vocabulary(
    "whether the goal was met",
    [
        Term(MET, pgettext_lazy("a goal", "Met"), _("The person got what they wanted out of it.")),
        Term(
            PARTLY,
            pgettext_lazy("a goal", "Partly met"),
            _("The person got some of what they wanted out of it."),
        ),
        Term(
            NOT_MET,
            pgettext_lazy("a goal", "Not met"),
            _("The person did not get what they wanted out of it."),
        ),
    ],
)
