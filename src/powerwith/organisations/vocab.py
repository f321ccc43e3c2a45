"""Roles in an organisation and kinds of organisation, in plain words.

The roles are the vocabulary for organisation-wide access: admins run the organisation here;
viewers will get a view across its journeys (issue 18 builds on this list)."""

from typing import cast

from django.utils.translation import gettext_lazy

from powerwith.common.vocab import Term, Vocabulary


def _(text: str) -> str:
    """Mark a label for translation. It stays lazy, so a term reads in each reader's language;
    typed as str because Term is (the lazy string behaves as one)."""
    return cast(str, gettext_lazy(text))


ADMIN = "admin"
VIEWER = "viewer"

ROLES = Vocabulary(
    "organisation role",
    [
        Term(
            ADMIN,
            _("Admin"),
            _(
                "Runs the organisation here: adds and removes its people, chooses it as the host "
                "of journeys, and looks after the question banks its journeys share."
            ),
        ),
        Term(
            VIEWER,
            _("Viewer"),
            _(
                "Can see the organisation and the people in it. Seeing a journey still needs an "
                "invitation to that journey."
            ),
        ),
    ],
)

KINDS = Vocabulary(
    "kind of organisation",
    [
        Term(
            "health",
            _("NHS or health body"),
            _("NHS trusts, GP practices, integrated care boards."),
        ),
        Term("council", _("Council"), _("Local authorities and their services.")),
        Term("voluntary", _("Charity or voluntary group"), _("Charities and community groups.")),
        Term("government", _("Government department or agency"), _("National bodies.")),
        Term("funder", _("Funder"), _("Trusts, foundations and commissioners.")),
        Term("research", _("University or evaluator"), _("Universities and evaluation bodies.")),
        Term("other", _("Other"), ""),
    ],
)
