"""Fixed lists for leaving: how someone who stopped coming was asked, what they said, why
people stop, and the open actions a leaver can hand on.

Based on: Farr 2018 (who disengages and why: times and places that do not suit, ill health and
caring, not feeling heard, seeing nothing change, not being paid); Whitehead / Centre for
Loneliness Studies 2021 (risks: people leaving and taking their knowledge with them; planning
for what carries on when the funding ends).
"""

from __future__ import annotations

from powerwith.common.vocab import Term, Vocabulary
from powerwith.common.vocab import lazy_text as _

ASK_WAYS = Vocabulary(
    "how they were asked",
    [
        Term("in_person", _("In person"), _("Face to face, at a gathering or elsewhere.")),
        Term("phone", _("Phone call")),
        Term("text", _("Text message")),
        Term("email", _("Email")),
        Term("letter", _("Letter")),
        Term(
            "through_someone",
            _("Through someone they know"),
            _("A friend, carer, peer worker or support worker asked for us."),
        ),
    ],
)

ANSWERED = "answered"
NO_ANSWER = "no_answer"
DECLINED = "declined"
ANSWERS = Vocabulary(
    "what came of asking",
    [
        Term(ANSWERED, _("They told us why"), _("Their reasons are recorded.")),
        Term(NO_ANSWER, _("They did not answer"), _("No reply to the question.")),
        Term(DECLINED, _("They did not want to say"), _("They answered but chose not to say why.")),
    ],
)

NOT_HEARD = "not_heard"
NOTHING_CHANGED = "nothing_changed"
# Reasons that say the group itself is failing people: a warning sign when nothing is done.
UNHEARD = (NOT_HEARD, NOTHING_CHANGED)
REASONS = Vocabulary(
    "why they stopped",
    [
        Term(
            "times_places",
            _("Times or places don't suit"),
            _("The day, time, place, travel or format made it hard to come."),
        ),
        Term(
            "health_caring",
            _("Health or caring"),
            _("Their own health, or caring for someone, got in the way."),
        ),
        Term(
            NOT_HEARD,
            _("Not heard or not valued"),
            _("They felt their views were not listened to or did not count."),
        ),
        Term(
            NOTHING_CHANGED,
            _("Nothing changed"),
            _("They saw nothing come of what the group said or did."),
        ),
        Term(
            "costs",
            _("Costs or not paid"),
            _("It cost them money, or they were not paid or paid back for their time."),
        ),
        Term(
            "moved_on",
            _("Moved on or finished"),
            _("A new job, a move, or they felt their part was done."),
        ),
        Term(
            "conflict",
            _("Conflict"),
            _("A falling-out or an uncomfortable atmosphere in the group."),
        ),
        Term("other", _("Other"), _("Something else: their words say what.")),
    ],
)

LEFT = "left"
ROLE_CHANGE = "role_change"
OCCASIONS = Vocabulary(
    "why the handover",
    [
        Term(LEFT, _("They left the journey"), _("Their leaving is recorded in the register.")),
        Term(
            ROLE_CHANGE,
            _("They changed role"),
            _("Their new role is recorded in the register; the old one ended."),
        ),
    ],
)

TASK = "task"
GROUP_ACTION = "group_action"
CONTRIBUTION = "contribution"
ACTION_KINDS = Vocabulary(
    "open action",
    [
        Term(TASK, _("Task"), _("A task they do for the journey (the reciprocity ledger).")),
        Term(GROUP_ACTION, _("Co-design group action"), _("An action not yet done.")),
        Term(
            CONTRIBUTION,
            _("Contribution they were taking forward"),
            _("A contribution still open that they were the owner of."),
        ),
    ],
)

REVIEW_MONTHS = (6, 12)
