"""Lived experience at work: voice, experience and identity, for peer workers.

Based on: Chauhan, Croft & Spyridonidis 2022 (people employed in co-production roles because of
their lived experience; voice, experience and identity, each treated as non-professional, as
expert, or rejected). Our own words. The answers suggest which process may be at work
(see ``reflection/lived_roles.py``); they are a prompt for a supportive conversation, never a
label on a person.
"""

from django.utils.translation import gettext_noop

from . import BankVersion, Q

KEY = "lived_roles"
KIND = "lived_roles"

_C = "Chauhan, Croft & Spyridonidis 2022"

QUESTIONS = [
    Q(
        "lr_voice",
        "role",
        "voice",
        gettext_noop("Which of these is closest to how your voice is treated at work?"),
        f"{_C}: voice",
        hint=gettext_noop("Think about the last few weeks. Choose the one that fits best."),
        options=(
            (
                "non_professional",
                gettext_noop(
                    "People listen to me as someone with lived experience, but mostly when and where "
                    "professionals decide."
                ),
            ),
            (
                "expert",
                gettext_noop(
                    "What I say is treated as expert knowledge. I can challenge decisions and it "
                    "changes things."
                ),
            ),
            (
                "rejected",
                gettext_noop(
                    "What I say is treated as beside the point, or I am left out of the conversation."
                ),
            ),
        ),
    ),
    Q(
        "lr_experience",
        "role",
        "experience",
        gettext_noop("Which of these is closest to how your lived experience is treated?"),
        f"{_C}: experience",
        hint=gettext_noop("Choose the one that fits best."),
        options=(
            (
                "non_professional",
                gettext_noop(
                    "My experience is welcomed as a personal story, but it does not count in the "
                    "way professional knowledge does."
                ),
            ),
            (
                "expert",
                gettext_noop(
                    "My experience is treated as a kind of expertise that shapes how things are done."
                ),
            ),
            (
                "rejected",
                gettext_noop(
                    "My experience is brushed aside, or used against me, for example as a sign I am "
                    "not well enough or not objective."
                ),
            ),
        ),
    ),
    Q(
        "lr_identity",
        "role",
        "identity",
        gettext_noop("Which of these is closest to how you are seen in your role?"),
        f"{_C}: identity",
        hint=gettext_noop("Choose the one that fits best."),
        options=(
            (
                "non_professional",
                gettext_noop(
                    "I am seen as a peer: part of the team, but kept a little apart from the "
                    "professional staff."
                ),
            ),
            (
                "expert",
                gettext_noop(
                    "I am seen as a colleague whose expertise comes from lived experience."
                ),
            ),
            (
                "rejected",
                gettext_noop(
                    "I am treated more like a patient or someone using the service than a member "
                    "of staff."
                ),
            ),
        ),
    ),
    Q(
        "lr_moment_open",
        "open",
        "support",
        gettext_noop(
            "Think of a recent moment at work when you felt heard, or not heard. What happened?"
        ),
        _C,
    ),
    Q(
        "lr_help_open",
        "open",
        "support",
        gettext_noop("What would help you use your lived experience more fully in your role?"),
        _C,
    ),
]

VERSIONS = [
    BankVersion(
        version=1,
        title=gettext_noop("Lived experience at work"),
        intro=gettext_noop(
            "For people employed because of their lived experience, such as peer support "
            "workers. Three questions about how your voice, your experience and your identity are "
            "treated at work, and two to answer in your own words. What you say is a starting "
            "point for a supportive conversation with someone you choose. It is not a score or a "
            "judgement of you, and people's answers often change over time."
        ),
        based_on=_C,
        questions=QUESTIONS,
    ),
]
