"""Is it real co-production? The three lenses, and honest practice.

Based on: Durose, Richardson & Perry 2024 (clarification, elucidation, provocation; honest
practice: be clear what is on the table and what is not). Our own words.
"""

from django.utils.translation import gettext_noop

from . import BankVersion, Q

KEY = "lenses"
KIND = "lenses"

_D = "Durose, Richardson & Perry 2024"

QUESTIONS = [
    Q(
        "shared_definition",
        "rating",
        "clarification",
        gettext_noop("We share a clear idea of what co-production means in this group."),
        f"{_D}, the clarification lens",
    ),
    Q(
        "distinct",
        "rating",
        "clarification",
        gettext_noop("I could explain how this work is different from an ordinary consultation."),
        f"{_D}, the clarification lens",
    ),
    Q(
        "meaning_open",
        "open",
        "clarification",
        gettext_noop("In your own words, what does co-production mean here?"),
        f"{_D}, the clarification lens",
    ),
    Q(
        "same_reading",
        "rating",
        "elucidation",
        gettext_noop("People in different roles understand this work in much the same way."),
        f"{_D}, the elucidation lens",
    ),
    Q(
        "power_differences",
        "rating",
        "elucidation",
        gettext_noop("We take the differences in power between us seriously."),
        f"{_D}, the elucidation lens and honest practice",
    ),
    Q(
        "others_view_open",
        "open",
        "elucidation",
        gettext_noop(
            "How do you think people in other roles see this work? What does that tell us about "
            "who has power?"
        ),
        f"{_D}, the elucidation lens",
    ),
    Q(
        "moved_things",
        "rating",
        "provocation",
        gettext_noop("This work has led to action, not just talk."),
        f"{_D}, the provocation lens",
    ),
    Q(
        "unexpected",
        "rating",
        "provocation",
        gettext_noop("We have been open to results we did not expect."),
        f"{_D}, the provocation lens and honest practice",
    ),
    Q(
        "stirred_open",
        "open",
        "provocation",
        gettext_noop("What has this work changed, or stirred up, so far?"),
        f"{_D}, the provocation lens",
    ),
    Q(
        "on_table",
        "rating",
        "honest",
        gettext_noop("It is clear what we can change and what is not up for discussion."),
        f"{_D}, honest practice: be clear what is on the table and what is not",
    ),
    Q(
        "why_off",
        "rating",
        "honest",
        gettext_noop("When something is off the table, we are told who decided that and why."),
        f"{_D}, honest practice: be clear what is on the table and what is not",
    ),
    Q(
        "relationships",
        "rating",
        "honest",
        gettext_noop("There is time to build relationships, not only to get tasks done."),
        f"{_D}, honest practice: leave room for relationships",
    ),
    Q(
        "off_table_open",
        "open",
        "honest",
        gettext_noop(
            "Was anything you thought could change later found to be off the table? What happened?"
        ),
        f"{_D}, honest practice: be clear what is on the table and what is not",
    ),
]

VERSIONS = [
    BankVersion(
        version=1,
        title=gettext_noop("Is it real co-production? Three lenses"),
        intro=gettext_noop(
            "Three ways of looking at our work: is it clear what we are doing, how do "
            "different people see it, and has it moved anything? And one more: is everyone clear "
            "about what can change and what cannot?"
        ),
        based_on=_D,
        questions=QUESTIONS,
    ),
]
