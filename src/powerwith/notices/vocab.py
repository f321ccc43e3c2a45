"""How a person hears back, when a journey sends its notices, and where a notice has got to.

Plain strings, as in every other app's vocabulary (common.vocab.Term holds str).
"""

from powerwith.common.vocab import Term, Vocabulary

EMAIL = "email"
TEXT = "text"
POST = "post"
MEMBER = "member"
NONE = "none"

WAYS = Vocabulary(
    "way of hearing back",
    [
        Term(EMAIL, "Email", "We send an email."),
        Term(TEXT, "Text message", "We send a short text message to a mobile phone."),
        Term(POST, "Letter by post", "We print a letter and post it."),
        Term(
            MEMBER,
            "Through a member of the group",
            "A member of the group they know passes the news on in person.",
        ),
        Term(NONE, "Not at all", "They do not want to be told. Nothing is sent."),
    ],
)
# Ways the task queue sends by itself; letters and news passed on in person are done by people.
SENT_BY_QUEUE = (EMAIL, TEXT)

AT_ONCE = "at_once"
GATHERING = "gathering"
WEEK = "week"
MONTH = "month"

TIMINGS = Vocabulary(
    "when notices go",
    [
        Term(AT_ONCE, "At once", "Each change is sent as soon as it is recorded."),
        Term(
            GATHERING,
            "After each gathering",
            "Changes are kept and sent together the morning after the next gathering (or "
            "on Monday, if none is planned).",
        ),
        Term(WEEK, "Once a week", "Changes are sent together on Monday morning."),
        Term(
            MONTH,
            "Once a month",
            "Changes are sent together on the first morning of the month.",
        ),
    ],
)

QUEUED = "queued"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"

STATUSES = Vocabulary(
    "notice status",
    [
        Term(QUEUED, "Waiting to go", "Made, and waiting for its time or its next try."),
        Term(SENDING, "Being sent", "Handed to the mail or text service just now."),
        Term(SENT, "Sent", "Sent, printed for posting, or passed on in person."),
        Term(FAILED, "Could not be sent", "Tried several times; the reason is shown."),
    ],
)
