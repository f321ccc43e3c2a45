"""What a personal access token may do, in plain words."""

from powerwith.common.vocab import Term, Vocabulary
from powerwith.common.vocab import lazy_text as _

READ = "read"
WRITE = "write"

SCOPES = Vocabulary(
    "token scope",
    [
        Term(READ, _("Read only"), _("Reads what you can see in your journeys; changes nothing.")),
        Term(
            WRITE,
            _("Read and write"),
            _("Also records things in your journeys, where your role lets you."),
        ),
    ],
)
