"""Roles, sides, seniority and organisation kinds.

Based on: Whitehead / Centre for Loneliness Studies 2021 (stakeholders); Farr 2018 (range of staff
seniority, paid and unpaid participants); Chauhan, Croft & Spyridonidis 2022 (peer workers).
"""

from powerwith.common.vocab import Term, Vocabulary

LIVED = "lived"
PROFESSIONAL = "professional"

SIDES = Vocabulary(
    "side",
    [
        Term(
            LIVED,
            "Lived experience",
            "Takes part because of their own experience of the service or the issue, as someone who uses it, cares for someone who does, or lives in the community.",
        ),
        Term(
            PROFESSIONAL,
            "Professional",
            "Takes part because of their job: staff, managers, funders, researchers and paid facilitators.",
        ),
    ],
)

ROLES = Vocabulary(
    "role",
    [
        Term(
            "service_user",
            "Person who uses the service",
            "Uses the service now, has used it, or may use it in future.",
            {"side": LIVED, "seniority": 0},
        ),
        Term(
            "carer",
            "Carer or family member",
            "Looks after, or is family or a friend of, someone who uses the service.",
            {"side": LIVED, "seniority": 0},
        ),
        Term(
            "community_member",
            "Community member",
            "Lives or works locally and cares about the issue.",
            {"side": LIVED, "seniority": 0},
        ),
        Term(
            "volunteer",
            "Volunteer",
            "Gives their time unpaid to help run or support the service.",
            {"side": LIVED, "seniority": 0},
        ),
        Term(
            "peer_worker",
            "Peer worker",
            "Employed because of their own lived experience, for example as a peer support worker.",
            {"side": LIVED, "seniority": 0},
        ),
        Term(
            "frontline_staff",
            "Front-line staff",
            "Works directly with the people who use the service: nurses, support workers, receptionists, officers.",
            {"side": PROFESSIONAL, "seniority": 1},
        ),
        Term(
            "manager",
            "Manager",
            "Manages a team or a service.",
            {"side": PROFESSIONAL, "seniority": 2},
        ),
        Term(
            "senior_leader",
            "Senior leader",
            "Director, executive or elected member: can change policy, budgets and how the organisation works.",
            {"side": PROFESSIONAL, "seniority": 3},
        ),
        Term(
            "partner_rep",
            "Partner organisation representative",
            "Represents another organisation, such as a charity, a transport provider or a local business.",
            {"side": PROFESSIONAL, "seniority": 0},
        ),
        Term(
            "funder",
            "Funder",
            "Represents an organisation that pays for the work and sets conditions on it.",
            {"side": PROFESSIONAL, "seniority": 0},
        ),
        Term(
            "researcher",
            "Researcher or evaluator",
            "Studies or evaluates the work.",
            {"side": PROFESSIONAL, "seniority": 0},
        ),
        Term(
            "facilitator",
            "Facilitator",
            "Brings the group together and keeps it going. Ideally holds no power over what is decided.",
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
            "Charity or voluntary group",
            "Charities, community groups and social enterprises.",
        ),
        Term(
            "statutory_health",
            "NHS or health body",
            "NHS trusts, GP practices, integrated care boards.",
        ),
        Term("statutory_council", "Council", "Local authorities and their services."),
        Term(
            "government", "Government department or agency", "National government and its agencies."
        ),
        Term(
            "infrastructure",
            "Transport or infrastructure",
            "Bus companies, housing providers and other infrastructure.",
        ),
        Term("funder", "Funder", "Trusts, foundations, lottery funders and commissioners."),
        Term("research", "University or evaluator", "Universities and evaluation bodies."),
        Term(
            "campaigning",
            "Campaigning or user-led organisation",
            "Service-user movements, campaign groups, trade unions.",
        ),
        Term("business", "Local business", "Shops, cafés and other local businesses."),
        Term("other", "Other", ""),
    ],
)
