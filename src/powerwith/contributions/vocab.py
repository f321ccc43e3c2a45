"""Channels, fates and levels of change for contributions.

Based on: Farr 2018 (the experience-based co-design case: issues raised and acted upon; outcome
levels individual, local community, organisational service, organisational culture); Whitehead /
Centre for Loneliness Studies 2021 (many ways in: paper, phone, comment boxes); the citizenship
essay (voices of people living with disadvantage made visible).
"""

from powerwith.common.vocab import Term, Vocabulary

CHANNELS = Vocabulary(
    "channel",
    [
        Term(
            "gathering", "In a gathering", "Said or written during a meeting, workshop or session."
        ),
        Term("paper", "Paper form", "Written on a paper form or card."),
        Term("phone", "Phone", "Said in a phone call."),
        Term("comment_box", "Comment box", "Left in a comment box."),
        Term("online", "Online", "Sent online: a form, email or message."),
        Term("interview", "Interview", "Said in an interview."),
        Term("story", "Story or film", "Told as a story, a film or a piece of art."),
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
        Term(NEW, "New", "Raised, and no one has responded yet."),
        Term(CONSIDERING, "Being considered", "Someone is looking at it."),
        Term(PRIORITISED, "Prioritised", "The group has chosen to work on it."),
        Term(IN_PROGRESS, "In progress", "Work on it has started."),
        Term(DONE, "Done", "Something changed because of it."),
        Term(NOT_POSSIBLE, "Not possible", "It cannot be done, and the reason is given."),
        Term(MERGED, "Merged", "The same point as another contribution, which carries it forward."),
    ],
)

OPEN_FATES = (NEW, CONSIDERING, PRIORITISED, IN_PROGRESS)
CLOSED_FATES = (DONE, NOT_POSSIBLE, MERGED)

CHANGE_LEVELS = Vocabulary(
    "level of change",
    [
        Term("individual", "Individual", "Changed things for one person or a few people."),
        Term(
            "local_community",
            "Local community",
            "Changed something in the neighbourhood or community.",
        ),
        Term("organisational_service", "Organisational service", "Changed how a service works."),
        Term(
            "organisational_culture",
            "Organisational culture",
            "Changed how an organisation thinks and behaves.",
        ),
        Term(
            "policy_structural",
            "Policy or structural",
            "Changed a policy, a budget or a structure above the service.",
        ),
    ],
)

THEME = "theme"
TOUCHPOINT = "touchpoint"

TAG_KINDS = Vocabulary(
    "tag kind",
    [
        Term("theme", "Theme", "What it is about."),
        Term(
            "touchpoint",
            "Touchpoint",
            "The moment in someone's journey through the service it concerns, such as diagnosis or discharge.",
        ),
    ],
)
