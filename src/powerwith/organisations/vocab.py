"""Roles in an organisation and kinds of organisation, in plain words.

The roles are the vocabulary for organisation-wide access: admins run the organisation here;
viewers will get a view across its journeys (issue 18 builds on this list)."""

from powerwith.common.vocab import Term, Vocabulary

ADMIN = "admin"
VIEWER = "viewer"

ROLES = Vocabulary(
    "organisation role",
    [
        Term(
            ADMIN,
            "Admin",
            "Runs the organisation here: adds and removes its people, chooses it as the host "
            "of journeys, and looks after the question banks its journeys share.",
        ),
        Term(
            VIEWER,
            "Viewer",
            "Can see the organisation and the people in it. Seeing a journey still needs an "
            "invitation to that journey.",
        ),
    ],
)

KINDS = Vocabulary(
    "kind of organisation",
    [
        Term("health", "NHS or health body", "NHS trusts, GP practices, integrated care boards."),
        Term("council", "Council", "Local authorities and their services."),
        Term("voluntary", "Charity or voluntary group", "Charities and community groups."),
        Term("government", "Government department or agency", "National bodies."),
        Term("funder", "Funder", "Trusts, foundations and commissioners."),
        Term("research", "University or evaluator", "Universities and evaluation bodies."),
        Term("other", "Other", ""),
    ],
)
