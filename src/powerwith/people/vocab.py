"""Roles, sides, seniority and organisation kinds.

Based on: Whitehead / Centre for Loneliness Studies 2021 (stakeholders); Farr 2018 (range of staff
seniority, paid and unpaid participants); Chauhan, Croft & Spyridonidis 2022 (peer workers).
"""

from typing import cast

from django.utils.translation import gettext_lazy

from powerwith.common.vocab import Term, Vocabulary


def _(text: str) -> str:
    """Mark a label for translation. It stays lazy, so a Term reads in each reader's
    language; typed as str because Term is (the lazy string behaves as one)."""
    return cast(str, gettext_lazy(text))


LIVED = "lived"
PROFESSIONAL = "professional"

SIDES = Vocabulary(
    "side",
    [
        Term(
            LIVED,
            _("Lived experience"),
            _(
                "Takes part because of their own experience of the service or the issue, as someone who uses it, cares for someone who does, or lives in the community."
            ),
        ),
        Term(
            PROFESSIONAL,
            _("Professional"),
            _(
                "Takes part because of their job: staff, managers, funders, researchers and paid facilitators."
            ),
        ),
    ],
)

ROLES = Vocabulary(
    "role",
    [
        Term(
            "service_user",
            _("Person who uses the service"),
            _("Uses the service now, has used it, or may use it in future."),
            {"side": LIVED, "seniority": 0},
        ),
        Term(
            "carer",
            _("Carer or family member"),
            _("Looks after, or is family or a friend of, someone who uses the service."),
            {"side": LIVED, "seniority": 0},
        ),
        Term(
            "community_member",
            _("Community member"),
            _("Lives or works locally and cares about the issue."),
            {"side": LIVED, "seniority": 0},
        ),
        Term(
            "volunteer",
            _("Volunteer"),
            _("Gives their time unpaid to help run or support the service."),
            {"side": LIVED, "seniority": 0},
        ),
        Term(
            "peer_worker",
            _("Peer worker"),
            _(
                "Employed because of their own lived experience, for example as a peer support worker."
            ),
            {"side": LIVED, "seniority": 0},
        ),
        Term(
            "frontline_staff",
            _("Front-line staff"),
            _(
                "Works directly with the people who use the service: nurses, support workers, receptionists, officers."
            ),
            {"side": PROFESSIONAL, "seniority": 1},
        ),
        Term(
            "manager",
            _("Manager"),
            _("Manages a team or a service."),
            {"side": PROFESSIONAL, "seniority": 2},
        ),
        Term(
            "senior_leader",
            _("Senior leader"),
            _(
                "Director, executive or elected member: can change policy, budgets and how the organisation works."
            ),
            {"side": PROFESSIONAL, "seniority": 3},
        ),
        Term(
            "partner_rep",
            _("Partner organisation representative"),
            _(
                "Represents another organisation, such as a charity, a transport provider or a local business."
            ),
            {"side": PROFESSIONAL, "seniority": 0},
        ),
        Term(
            "funder",
            _("Funder"),
            _("Represents an organisation that pays for the work and sets conditions on it."),
            {"side": PROFESSIONAL, "seniority": 0},
        ),
        Term(
            "researcher",
            _("Researcher or evaluator"),
            _("Studies or evaluates the work."),
            {"side": PROFESSIONAL, "seniority": 0},
        ),
        Term(
            "facilitator",
            _("Facilitator"),
            _(
                "Brings the group together and keeps it going. Ideally holds no power over what is decided."
            ),
            {"side": PROFESSIONAL, "seniority": 0},
        ),
    ],
)

STAFF_ROLES = ("frontline_staff", "manager", "senior_leader")


def default_side(role: str) -> str:
    return str(ROLES[role]["side"])


ORGANISATION_KINDS = Vocabulary(
    "organisation kind",
    [
        Term(
            "voluntary",
            _("Charity or voluntary group"),
            _("Charities, community groups and social enterprises."),
        ),
        Term(
            "statutory_health",
            _("NHS or health body"),
            _("NHS trusts, GP practices, integrated care boards."),
        ),
        Term("statutory_council", _("Council"), _("Local authorities and their services.")),
        Term(
            "government",
            _("Government department or agency"),
            _("National government and its agencies."),
        ),
        Term(
            "infrastructure",
            _("Transport or infrastructure"),
            _("Bus companies, housing providers and other infrastructure."),
        ),
        Term("funder", _("Funder"), _("Trusts, foundations, lottery funders and commissioners.")),
        Term("research", _("University or evaluator"), _("Universities and evaluation bodies.")),
        Term(
            "campaigning",
            _("Campaigning or user-led organisation"),
            _("Service-user movements, campaign groups, trade unions."),
        ),
        Term("business", _("Local business"), _("Shops, cafés and other local businesses.")),
        Term("other", _("Other"), ""),
    ],
)
