"""The power audit: statements to rate and open questions in Farr's four areas.

Based on: Farr 2018, the reflective framework (Figure 1): who is involved; social interaction;
working within and across institutional structures; what changes result. Our own words.
"""

from django.utils.translation import gettext_noop

from . import BankVersion, Q

KEY = "power_audit"
KIND = "power_audit"

_F = "Farr 2018, the reflective framework"
_WHO = f"{_F}: who is involved"
_SOC = f"{_F}: social interaction"
_STR = f"{_F}: working within and across institutional structures"
_CHG = f"{_F}: what changes result"

QUESTIONS = [
    # Who is involved
    Q(
        "who_range",
        "rating",
        "who_involved",
        gettext_noop(
            "The people taking part reflect the range of people who use the service, not only the "
            "most confident ones."
        ),
        f"{_WHO} (how diverse the people taking part are, and who is left out)",
    ),
    Q(
        "who_missing_known",
        "rating",
        "who_involved",
        gettext_noop(
            "We know which groups are missing from this work, and we are doing something to reach "
            "them."
        ),
        f"{_WHO} (who is excluded)",
    ),
    Q(
        "who_paid_fairly",
        "rating",
        "who_involved",
        gettext_noop(
            "People who give their time without being paid for it get something fair back, such as "
            "payment, expenses or training."
        ),
        f"{_WHO} (paying people properly)",
    ),
    Q(
        "who_volunteers",
        "rating",
        "who_involved",
        gettext_noop(
            "Volunteers are not being asked to do work that used to be someone's paid job."
        ),
        f"{_WHO} (volunteers doing paid roles)",
    ),
    Q(
        "who_staff_time",
        "rating",
        "who_involved",
        gettext_noop(
            "Staff who take part are given proper time for it, rather than fitting it around their "
            "day job."
        ),
        f"{_WHO} (staff given time)",
    ),
    Q(
        "who_senior",
        "rating",
        "who_involved",
        gettext_noop("Someone senior enough to make changes happen is involved and listens."),
        f"{_WHO} (senior sponsors and the range of staff seniority)",
    ),
    Q(
        "who_missing_open",
        "open",
        "who_involved",
        gettext_noop("Who is not in the room who should be? What would help them take part?"),
        f"{_WHO} (who is excluded)",
    ),
    # Social interaction
    Q(
        "speak_freely",
        "rating",
        "interaction",
        gettext_noop(
            "Everyone can say what they really think in our meetings, without worrying about what "
            "happens next."
        ),
        f"{_SOC} (can people speak freely?)",
    ),
    Q(
        "agenda_shared",
        "rating",
        "interaction",
        gettext_noop("People who use the service help decide what goes on the agenda."),
        f"{_SOC} (how agendas are agreed)",
    ),
    Q(
        "professionals_step_back",
        "rating",
        "interaction",
        gettext_noop("Professionals step back and let others lead, at least some of the time."),
        f"{_SOC} (whether professionals cede control)",
    ),
    Q(
        "ways_in",
        "rating",
        "interaction",
        gettext_noop(
            "There are ways to take part that suit different people, not only formal meetings."
        ),
        f"{_SOC} (accessible methods and a range of venues and activities)",
    ),
    Q(
        "plain_words",
        "rating",
        "interaction",
        gettext_noop("We use plain words. Jargon and abbreviations get explained or dropped."),
        f"{_SOC} (accessible language)",
    ),
    Q(
        "disagreement",
        "rating",
        "interaction",
        gettext_noop(
            "When we disagree, we talk it through and look for common ground, rather than the "
            "loudest voice winning."
        ),
        f"{_SOC} (managing conflicting priorities and finding common ground)",
    ),
    Q(
        "trust",
        "rating",
        "interaction",
        gettext_noop("I trust the other people in this group."),
        f"{_SOC} (trust)",
    ),
    Q(
        "barriers_open",
        "open",
        "interaction",
        gettext_noop("What makes it harder for you to take part or to say what you think?"),
        f"{_SOC} (barriers)",
    ),
    Q(
        "stopped_coming_open",
        "open",
        "interaction",
        gettext_noop("Has anyone stopped coming? Why do you think that was?"),
        f"{_SOC} (who disengages, and why)",
    ),
    # Working within and across institutional structures
    Q(
        "rules_help",
        "rating",
        "structures",
        gettext_noop(
            "The organisation's rules and paperwork are used to help this work, not to block it."
        ),
        f"{_STR} (using bureaucracy to enable)",
    ),
    Q(
        "bridges",
        "rating",
        "structures",
        gettext_noop(
            "Someone links what this group says to the places where decisions are actually made."
        ),
        f"{_STR} (building bridges between settings)",
    ),
    Q(
        "resources_known",
        "rating",
        "structures",
        gettext_noop(
            "We know what money, staff time and other resources are available for this work."
        ),
        f"{_STR} (organisational priorities and resources)",
    ),
    Q(
        "hierarchy_shares",
        "rating",
        "structures",
        gettext_noop(
            "Managers use their position to share power with the group, not to hold on to it."
        ),
        f"{_STR} (using hierarchy to share power)",
    ),
    Q(
        "structures_open",
        "open",
        "structures",
        gettext_noop(
            "Where do the organisation's rules or ways of working get in the way? Where do they help?"
        ),
        _STR,
    ),
    # What changes result
    Q(
        "real_change",
        "rating",
        "changes",
        gettext_noop(
            "Things have changed in the service because of what people in this group said."
        ),
        f"{_CHG} (senior people putting solutions into practice)",
    ),
    Q(
        "real_power",
        "rating",
        "changes",
        gettext_noop(
            "Real decisions are made in this group, not just talked about here and taken elsewhere."
        ),
        f"{_CHG} (rhetoric compared with a real transfer of power)",
    ),
    Q(
        "money_say",
        "rating",
        "changes",
        gettext_noop("People who use the service have a say in how money is spent."),
        f"{_CHG} (transfer of resources to people who use services)",
    ),
    Q(
        "personal_confidence",
        "rating",
        "changes",
        gettext_noop("Taking part has given me more confidence or new skills."),
        f"{_CHG} (values and personal agency)",
    ),
    Q(
        "everyday_practice",
        "rating",
        "changes",
        gettext_noop("What we have learned is becoming part of how the service works every day."),
        f"{_CHG} (embedding in everyday practice)",
    ),
    Q(
        "biggest_change_open",
        "open",
        "changes",
        gettext_noop(
            "What is the most important thing that has changed because of this work, for you or "
            "for others?"
        ),
        _CHG,
    ),
    Q(
        "rhetoric_open",
        "open",
        "changes",
        gettext_noop(
            "Is there anything here that is called co-production but does not feel like it?"
        ),
        f"{_CHG} (rhetoric compared with a real transfer of power)",
    ),
]

VERSIONS = [
    BankVersion(
        version=1,
        title=gettext_noop("Power audit"),
        intro=gettext_noop(
            "Statements and questions about how power works in this group: who is involved, "
            "how we work together, how the organisations around us help or block us, and what has "
            "changed. There are no right answers. Honest answers help the group most."
        ),
        based_on=_F,
        questions=QUESTIONS,
    ),
]
