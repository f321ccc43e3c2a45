"""Fixed lists for outreach: who should be involved (the stakeholder map) and the groups and
networks a journey works with.

Based on: Whitehead / Centre for Loneliness Studies 2021 (identifying stakeholders: service
users who are seldom heard, carers, front-line staff, unions, user-led groups, commissioners);
Farr 2018 (who is excluded; links with user-led groups and campaigns).
"""

from __future__ import annotations

from powerwith.common.vocab import Term, Vocabulary
from powerwith.common.vocab import lazy_text as _

# --- Who should be involved -------------------------------------------------------------------

KINDS = Vocabulary(
    "kind of stakeholder",
    [
        Term(
            "seldom_heard",
            _("People who use the service and are seldom heard"),
            _(
                "People who use the service but rarely take part: for example people on low "
                "incomes, people who are not online, or people whose first language is not English."
            ),
        ),
        Term(
            "carers",
            _("Carers and families"),
            _("People who look after, or are family of, someone who uses the service."),
        ),
        Term(
            "frontline_staff",
            _("Front-line staff"),
            _("People who work directly with the people who use the service."),
        ),
        Term(
            "unions",
            _("Unions and staff groups"),
            _("Trade unions and staff networks who speak for the people who do the work."),
        ),
        Term(
            "user_led",
            _("User-led groups"),
            _("Groups run by and for the people who use the service, or by carers."),
        ),
        Term(
            "commissioners",
            _("Commissioners and funders"),
            _("People who decide what is paid for and set the conditions on the money."),
        ),
        Term("other", _("Someone else"), _("Anyone else who should be involved.")),
    ],
)

FORMS = Vocabulary(
    "who they are",
    [
        Term("person", _("A person"), _("One named person.")),
        Term("organisation", _("An organisation"), _("A charity, a service, a council team.")),
        Term(
            "group",
            _("A group of people"),
            _("People who share something, for example “carers of people on ward 7”."),
        ),
    ],
)
PERSON = "person"

TO_APPROACH = "to_approach"
APPROACHED = "approached"
AGREED = "agreed"
DECLINED = "declined"
NO_ANSWER = "no_answer"

STATUSES = Vocabulary(
    "what happened",
    [
        Term(TO_APPROACH, _("Still to approach"), _("Nobody has asked them yet.")),
        Term(APPROACHED, _("Approached"), _("Someone has asked them; no answer yet.")),
        Term(AGREED, _("Agreed to take part"), _("They said yes.")),
        Term(DECLINED, _("Declined"), _("They said no. Say why, in their words if you can.")),
        Term(
            NO_ANSWER,
            _("No answer"),
            _("They were asked and did not reply, even after a reminder."),
        ),
    ],
)
# An entry is "reached" once someone has asked them, whatever they answered.
REACHED = (APPROACHED, AGREED, DECLINED, NO_ANSWER)
# Still open: nobody has a final answer from them.
OPEN = (TO_APPROACH, APPROACHED)

HOW = Vocabulary(
    "how to approach them",
    [
        Term("in_person", _("In person"), _("Meeting them where they already are.")),
        Term("phone", _("By phone")),
        Term("email", _("By email or letter")),
        Term(
            "through_someone",
            _("Through someone they trust"),
            _("A friend, a worker or a group they already know asks them for us."),
        ),
        Term(
            "at_a_group", _("At a group they go to"), _("A visit to a group or meeting of theirs.")
        ),
        Term("other", _("Another way")),
    ],
)

# --- Groups that link up ----------------------------------------------------------------------

GROUP_KINDS = Vocabulary(
    "kind of group",
    [
        Term(
            "user_led",
            _("User-led group"),
            _("A group run by and for the people who use a service, or by carers."),
        ),
        Term("campaign", _("Campaign"), _("People working together to change something.")),
        Term(
            "network",
            _("Network"),
            _("A network of groups, services or people, such as a local forum."),
        ),
        Term(
            "coproduction",
            _("Another co-production group"),
            _("A group designing a service with the people who use it, somewhere else."),
        ),
        Term(
            "community",
            _("Community group"),
            _("A local group: a faith group, a residents' association, a club."),
        ),
        Term("other", _("Another kind of group")),
    ],
)
