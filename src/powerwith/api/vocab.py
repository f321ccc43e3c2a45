"""What a personal access token may do, in plain words."""

from powerwith.common.vocab import Term, Vocabulary

READ = "read"
WRITE = "write"

SCOPES = Vocabulary(
    "token scope",
    [
        Term(READ, "Read only", "Reads what you can see in your journeys; changes nothing."),
        Term(
            WRITE,
            "Read and write",
            "Also records things in your journeys, where your role lets you.",
        ),
    ],
)
