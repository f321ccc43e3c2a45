"""Questions following the stages of a co-production journey in the toolkit.

Based on: Whitehead / Centre for Loneliness Studies 2021, the toolkit's activities (exploring
values, identifying stakeholders, mapping assets, what stakeholders need to be included,
examining power, warning signs, reflecting on what we have learnt, evaluating impact).
Our own words.
"""

from django.utils.translation import gettext_noop

from . import BankVersion, Q

KEY = "toolkit"
KIND = "toolkit"

_T = "Whitehead / Centre for Loneliness Studies 2021"

QUESTIONS = [
    Q(
        "values_agreed",
        "rating",
        "values",
        gettext_noop("We have agreed together what we value in this work."),
        f"{_T}, activity 3: exploring your values",
    ),
    Q(
        "values_lived",
        "rating",
        "values",
        gettext_noop("Our values show in how we actually work, not only on paper."),
        f"{_T}, activity 3: exploring your values",
    ),
    Q(
        "values_open",
        "open",
        "values",
        gettext_noop("Which of our values do we live up to best, and which least?"),
        f"{_T}, activity 3: exploring your values",
    ),
    Q(
        "stakeholders_mapped",
        "rating",
        "stakeholders",
        gettext_noop("We have worked out together who has a stake in this work."),
        f"{_T}, activity 4: identifying stakeholders",
    ),
    Q(
        "stakeholders_networks",
        "rating",
        "stakeholders",
        gettext_noop(
            "We reach people through their own networks, not only by putting out an open invitation."
        ),
        f"{_T}, activity 4: identifying stakeholders (recruiting who is missing)",
    ),
    Q(
        "stakeholders_open",
        "open",
        "stakeholders",
        gettext_noop("Which people or organisations should we be talking to next?"),
        f"{_T}, activity 4: identifying stakeholders",
    ),
    Q(
        "assets_valued",
        "rating",
        "assets",
        gettext_noop(
            "Everyone's skills, knowledge and experience are valued here, including what people "
            "have lived through."
        ),
        f"{_T}, activity 5: mapping your assets",
    ),
    Q(
        "assets_known",
        "rating",
        "assets",
        gettext_noop("We know what skills and resources the group has, and what it is missing."),
        f"{_T}, activity 5: mapping your assets",
    ),
    Q(
        "assets_open",
        "open",
        "assets",
        gettext_noop("What do you bring that the group has not made use of yet?"),
        f"{_T}, activity 5: mapping your assets",
    ),
    Q(
        "needs_met",
        "rating",
        "taking_part",
        gettext_noop(
            "I get the support I need to take part, such as travel, expenses paid up front, or "
            "help with reading."
        ),
        f"{_T}, activity 7: what stakeholders need to be included",
    ),
    Q(
        "times_places",
        "rating",
        "taking_part",
        gettext_noop("We meet at times and in places that work for me."),
        f"{_T}, activity 7: what stakeholders need to be included",
    ),
    Q(
        "needs_open",
        "open",
        "taking_part",
        gettext_noop("What would make it easier for you, or for someone you know, to take part?"),
        f"{_T}, activity 7: what stakeholders need to be included",
    ),
    Q(
        "power_talked",
        "rating",
        "power",
        gettext_noop("We talk openly about who has power in this group and how it is used."),
        f"{_T}, activity 8: examining power",
    ),
    Q(
        "decisions_clear",
        "rating",
        "power",
        gettext_noop("It is clear how decisions are made here and who makes them."),
        f"{_T}, activity 8: examining power",
    ),
    Q(
        "power_open",
        "open",
        "power",
        gettext_noop(
            "When did you last feel you had real influence here? When did you feel you had none?"
        ),
        f"{_T}, activity 8: examining power",
    ),
    Q(
        "influence_genuine",
        "rating",
        "warning_signs",
        gettext_noop("People's influence here is genuine, not just for show."),
        f"{_T}, activity 9: warning signs (people disengage when influence is not genuine)",
    ),
    Q(
        "limits_explained",
        "rating",
        "warning_signs",
        gettext_noop("When something cannot change, we are told why."),
        f"{_T}, activity 9: warning signs (frustration with limits nobody explains)",
    ),
    Q(
        "staff_supported",
        "rating",
        "warning_signs",
        gettext_noop("Staff get the support they need when this work is hard for them."),
        f"{_T}, activity 9: warning signs (staff needing emotional support)",
    ),
    Q(
        "warning_open",
        "open",
        "warning_signs",
        gettext_noop("Is anything happening that worries you about how this work is going?"),
        f"{_T}, activity 9: warning signs",
    ),
    Q(
        "learning_kept",
        "rating",
        "endings",
        gettext_noop("We write down what we learn, so it is not lost when people leave."),
        f"{_T}, activity 10: reflecting on what we have learnt",
    ),
    Q(
        "achieved_open",
        "open",
        "endings",
        gettext_noop("What have we achieved together so far?"),
        f"{_T}, activity 10: reflecting on what we have learnt",
    ),
    Q(
        "carry_open",
        "open",
        "endings",
        gettext_noop("What should we carry into the next stage?"),
        f"{_T}, activity 10: reflecting on what we have learnt",
    ),
    Q(
        "impact_checked",
        "rating",
        "impact",
        gettext_noop("We check whether the changes we made have actually helped."),
        f"{_T}, activity 11: evaluating impact",
    ),
    Q(
        "impact_shared",
        "rating",
        "impact",
        gettext_noop("We tell the people who asked for a change what became of it."),
        f"{_T}, activity 11: evaluating impact",
    ),
    Q(
        "impact_open",
        "open",
        "impact",
        gettext_noop("How would we know if this work has made a difference?"),
        f"{_T}, activity 11: evaluating impact",
    ),
]

VERSIONS = [
    BankVersion(
        version=1,
        title=gettext_noop("Toolkit stages"),
        intro=gettext_noop(
            "Questions that follow the stages of a co-production journey: our values, who has "
            "a stake, what we have, what people need to take part, power, warning signs, what we "
            "have learned and what difference it made. Use the whole set, or open a round at the "
            "stage you have reached."
        ),
        based_on=_T,
        questions=QUESTIONS,
    ),
]
