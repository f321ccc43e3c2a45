"""Before and after a training session: statements people rate before it starts and again at
the end, so the group can see what changed.

Based on: Whitehead / Centre for Loneliness Studies 2021, activity 1 (what do you know and what
do you want to know; personal goals) and the training around the co-production cycle (prepare,
plan, do, review). Our own words. A facilitator can leave questions out or write their own
(a new version of the bank), as with every bank.
"""

from django.utils.translation import gettext_noop

from . import BankVersion, Q

KEY = "training"
KIND = "training"

_T = "Whitehead / Centre for Loneliness Studies 2021"

QUESTIONS = [
    Q(
        "confident_speaking",
        "rating",
        "confidence",
        gettext_noop("I feel confident speaking up in a group meeting."),
        f"{_T}, activity 1: what do you know and what do you want to know",
    ),
    Q(
        "confident_chairing",
        "rating",
        "confidence",
        gettext_noop("I feel confident chairing a meeting."),
        f"{_T}, training around the co-production cycle",
    ),
    Q(
        "know_coproduction",
        "rating",
        "knowledge",
        gettext_noop(
            "I could explain what co-production means and how it is different from consultation."
        ),
        f"{_T}, activity 2: defining co-production",
    ),
    Q(
        "know_decisions",
        "rating",
        "knowledge",
        gettext_noop(
            "I know how decisions about this service are made, and where I can have a say."
        ),
        f"{_T}, activity 8: examining power",
    ),
    Q(
        "know_support",
        "rating",
        "confidence",
        gettext_noop("I know where to get support if I need it to take part."),
        f"{_T}, activity 7: what stakeholders need to be included",
    ),
    Q(
        "use_open",
        "open",
        "knowledge",
        gettext_noop("What would help you use what you learn here?"),
        f"{_T}, activity 1: personal goals",
    ),
]

VERSIONS = [
    BankVersion(
        version=1,
        title=gettext_noop("Before and after training"),
        intro=gettext_noop(
            "Statements to rate before a training session starts and again at the end, so "
            "everyone can see what changed."
        ),
        based_on=_T,
        questions=QUESTIONS,
    ),
]
