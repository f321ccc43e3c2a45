"""How a person hears back, when a journey sends its notices, and where a notice has got to.

Labels are lazy (``lazy_text``): a Term reads in each reader's language.
"""

from powerwith.common.vocab import Term, Vocabulary
from powerwith.common.vocab import lazy_text as _

EMAIL = "email"
TEXT = "text"
POST = "post"
MEMBER = "member"
NONE = "none"

WAYS = Vocabulary(
    "way of hearing back",
    [
        Term(EMAIL, _("Email"), _("We send an email.")),
        Term(TEXT, _("Text message"), _("We send a short text message to a mobile phone.")),
        Term(POST, _("Letter by post"), _("We print a letter and post it.")),
        Term(
            MEMBER,
            _("Through a member of the group"),
            _("A member of the group they know passes the news on in person."),
        ),
        Term(NONE, _("Not at all"), _("They do not want to be told. Nothing is sent.")),
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
        Term(AT_ONCE, _("At once"), _("Each change is sent as soon as it is recorded.")),
        Term(
            GATHERING,
            _("After each gathering"),
            _(
                "Changes are kept and sent together the morning after the next gathering (or "
                "on Monday, if none is planned)."
            ),
        ),
        Term(WEEK, _("Once a week"), _("Changes are sent together on Monday morning.")),
        Term(
            MONTH,
            _("Once a month"),
            _("Changes are sent together on the first morning of the month."),
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
        Term(QUEUED, _("Waiting to go"), _("Made, and waiting for its time or its next try.")),
        Term(SENDING, _("Being sent"), _("Handed to the mail or text service just now.")),
        Term(SENT, _("Sent"), _("Sent, printed for posting, or passed on in person.")),
        Term(FAILED, _("Could not be sent"), _("Tried several times; the reason is shown.")),
    ],
)
