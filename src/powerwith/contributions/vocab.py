"""Channels, fates and levels of change for contributions.

Based on: Farr 2018 (the experience-based co-design case: issues raised and acted upon; outcome
levels individual, local community, organisational service, organisational culture); Whitehead /
Centre for Loneliness Studies 2021 (many ways in: paper, phone, comment boxes); the citizenship
essay (voices of people living with disadvantage made visible).
"""

from powerwith.common.vocab import Term, Vocabulary
from powerwith.common.vocab import lazy_text as _

CHANNELS = Vocabulary(
    "channel",
    [
        Term(
            "gathering",
            _("In a gathering"),
            _("Said or written during a meeting, workshop or session."),
        ),
        Term("paper", _("Paper form"), _("Written on a paper form or card.")),
        Term("phone", _("Phone"), _("Said in a phone call.")),
        Term("comment_box", _("Comment box"), _("Left in a comment box.")),
        Term("online", _("Online"), _("Sent online: a form, email or message.")),
        Term("interview", _("Interview"), _("Said in an interview.")),
        Term("story", _("Story or film"), _("Told as a story, a film or a piece of art.")),
    ],
)

NEW = "new"
CONSIDERING = "considering"
PRIORITISED = "prioritised"
IN_PROGRESS = "in_progress"
DONE = "done"
NOT_POSSIBLE = "not_possible"
MERGED = "merged"

FATES = Vocabulary(
    "fate",
    [
        Term(NEW, _("New"), _("Raised, and no one has responded yet.")),
        Term(CONSIDERING, _("Being considered"), _("Someone is looking at it.")),
        Term(PRIORITISED, _("Prioritised"), _("The group has chosen to work on it.")),
        Term(IN_PROGRESS, _("In progress"), _("Work on it has started.")),
        Term(DONE, _("Done"), _("Something changed because of it.")),
        Term(NOT_POSSIBLE, _("Not possible"), _("It cannot be done, and the reason is given.")),
        Term(
            MERGED,
            _("Merged"),
            _("The same point as another contribution, which carries it forward."),
        ),
    ],
)

OPEN_FATES = (NEW, CONSIDERING, PRIORITISED, IN_PROGRESS)
CLOSED_FATES = (DONE, NOT_POSSIBLE, MERGED)

CHANGE_LEVELS = Vocabulary(
    "level of change",
    [
        Term("individual", _("Individual"), _("Changed things for one person or a few people.")),
        Term(
            "local_community",
            _("Local community"),
            _("Changed something in the neighbourhood or community."),
        ),
        Term(
            "organisational_service", _("Organisational service"), _("Changed how a service works.")
        ),
        Term(
            "organisational_culture",
            _("Organisational culture"),
            _("Changed how an organisation thinks and behaves."),
        ),
        Term(
            "policy_structural",
            _("Policy or structural"),
            _("Changed a policy, a budget or a structure above the service."),
        ),
    ],
)

THEME = "theme"
TOUCHPOINT = "touchpoint"

TAG_KINDS = Vocabulary(
    "tag kind",
    [
        Term("theme", _("Theme"), _("What it is about.")),
        Term(
            "touchpoint",
            _("Touchpoint"),
            _(
                "The moment in someone's journey through the service it concerns, such as diagnosis or discharge."
            ),
        ),
    ],
)

# Whether a point is praise (something that works well) or a problem. Farr 2018: patients in
# the EBCD case wanted the good parts of the service shown too, so staff were not demoralised.
# Left blank when it is neither (an idea, a question) or nobody said.
PRAISE = "praise"
PROBLEM = "problem"

KINDS = Vocabulary(
    "praise or problem",
    [
        Term(PRAISE, _("Works well"), _("Praise: something that works well and should be kept.")),
        Term(PROBLEM, _("A problem"), _("Something that went wrong, or could be better.")),
    ],
)
