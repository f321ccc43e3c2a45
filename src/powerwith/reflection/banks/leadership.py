"""How the work is led: creative, outcomes-focused, visionary and egalitarian leadership.

Based on: Durose, Richardson & Perry 2024, on the kinds of leadership good co-production asks
for (creative, outcomes-focused, visionary, egalitarian) alongside honest practice. Our own
words: each statement asks how leading is done here, not who the leaders are.
"""

from django.utils.translation import gettext_noop

from . import BankVersion, Q

KEY = "leadership"
KIND = "leadership"

_D = "Durose, Richardson & Perry 2024"

QUESTIONS = [
    Q(
        "ideas_welcome",
        "rating",
        "creative",
        gettext_noop("New ideas are welcome here, whoever they come from."),
        f"{_D}, creative leadership",
    ),
    Q(
        "try_things",
        "rating",
        "creative",
        gettext_noop("We are encouraged to try things out, even when they might not work."),
        f"{_D}, creative leadership (test and learn)",
    ),
    Q(
        "aim_at_change",
        "rating",
        "outcomes",
        gettext_noop(
            "The way this work is led keeps us aimed at what will change for the people who use "
            "the service."
        ),
        f"{_D}, outcomes-focused leadership",
    ),
    Q(
        "check_difference",
        "rating",
        "outcomes",
        gettext_noop("We check together whether our work is making the difference we hoped for."),
        f"{_D}, outcomes-focused leadership",
    ),
    Q(
        "know_where_heading",
        "rating",
        "visionary",
        gettext_noop("I know what we are working towards, and why it matters."),
        f"{_D}, visionary leadership",
    ),
    Q(
        "vision_shaped",
        "rating",
        "visionary",
        gettext_noop("People who use the service helped shape where this work is heading."),
        f"{_D}, visionary leadership shared with the people it is for",
    ),
    Q(
        "leading_shared",
        "rating",
        "egalitarian",
        gettext_noop(
            "Leading this work is shared. It does not rest with one person or one organisation."
        ),
        f"{_D}, egalitarian leadership",
    ),
    Q(
        "lived_lead",
        "rating",
        "egalitarian",
        gettext_noop("People with lived experience lead parts of this work, not only take part."),
        f"{_D}, egalitarian leadership",
    ),
    Q(
        "view_counts",
        "rating",
        "egalitarian",
        gettext_noop("My view counts as much as anyone else's here, whatever my job or title."),
        f"{_D}, egalitarian leadership and taking power differences seriously",
    ),
    Q(
        "led_open",
        "open",
        "leadership",
        gettext_noop("Who really leads this work? What would you change about how it is led?"),
        f"{_D}, the four kinds of leadership",
    ),
]

VERSIONS = [
    BankVersion(
        version=1,
        title=gettext_noop("How the work is led"),
        intro=gettext_noop(
            "Questions about how this work is led: whether new ideas and trying things out are "
            "welcome, whether we stay aimed at what changes for people, whether we share a "
            "picture of where we are going, and whether leading is shared."
        ),
        based_on=_D,
        questions=QUESTIONS,
    ),
]
