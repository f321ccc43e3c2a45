"""Kinds of gathering, venue kinds and attendance.

Based on: Whitehead / Centre for Loneliness Studies 2021 (flexible and creative ways in: informal
meetings, art, walk-and-talk, phone calls, questionnaires); Farr 2018 (range of venues; the council
innovation lab's café and pizza night; experience-based co-design events).
"""

from typing import cast

from django.utils.translation import gettext_lazy

from powerwith.common.vocab import Term, Vocabulary


def _(text: str) -> str:
    """Mark a label for translation. It stays lazy, so a Term reads in each reader's
    language; typed as str because Term is (the lazy string behaves as one)."""
    return cast(str, gettext_lazy(text))


FORMAL = "formal"
INFORMAL = "informal"

KINDS = Vocabulary(
    "gathering kind",
    [
        Term(
            "formal_meeting",
            _("Formal meeting"),
            _("A minuted meeting with an agenda and a chair."),
            {"format": FORMAL},
        ),
        Term(
            "workshop",
            _("Workshop"),
            _("A structured session working on a question together."),
            {"format": FORMAL},
        ),
        Term(
            "codesign_event",
            _("Co-design event"),
            _("A joint event where people who use the service and staff work on improvements."),
            {"format": FORMAL},
        ),
        Term(
            "informal_session",
            _("Informal session"),
            _("A relaxed get-together, such as a café morning or a pizza night."),
            {"format": INFORMAL},
        ),
        Term(
            "walk_and_talk",
            _("Walk and talk"),
            _("Talking while walking together, often round the place being discussed."),
            {"format": INFORMAL},
        ),
        Term(
            "art_film",
            _("Art or film session"),
            _("Making art, photos or film to say what words alone do not."),
            {"format": INFORMAL},
        ),
        Term("online_call", _("Online call"), _("A video or audio call."), {"format": FORMAL}),
        Term(
            "phone_round",
            _("Phone round"),
            _("Phone calls to people who cannot or prefer not to come."),
            {"format": INFORMAL},
        ),
        Term(
            "survey_round",
            _("Survey round"),
            _("A questionnaire or comment-box round."),
            {"format": INFORMAL},
        ),
        Term(
            "interview",
            _("Interviews"),
            _("One-to-one conversations, for example filmed patient interviews."),
            {"format": INFORMAL},
        ),
    ],
)

FORMATS = Vocabulary(
    "format",
    [
        Term(FORMAL, _("Formal"), _("Meetings, workshops and calls with an agenda.")),
        Term(
            INFORMAL,
            _("Informal"),
            _("Café sessions, walks, art, phone rounds and other relaxed ways in."),
        ),
    ],
)


def format_of(kind: str) -> str:
    return str(KINDS[kind]["format"])


VENUES = Vocabulary(
    "venue kind",
    [
        Term(
            "community",
            _("Community space"),
            _("A community centre, café, library, church hall or similar."),
        ),
        Term(
            "institutional",
            _("Institutional premises"),
            _("A hospital, council office or other organisation's building."),
        ),
        Term("online", _("Online"), _("A video call or online space.")),
        Term("phone", _("Phone"), _("By telephone.")),
        Term("home", _("Someone's home"), _("In a participant's own home.")),
        Term("outdoors", _("Outdoors"), _("A park, a street, a walk.")),
    ],
)

PRESENT = "present"
APOLOGIES = "apologies"
ABSENT = "absent"

ATTENDANCE = Vocabulary(
    "attendance",
    [
        Term(PRESENT, _("Came"), _("Took part.")),
        Term(APOLOGIES, _("Sent apologies"), _("Could not come and let the group know.")),
        Term(ABSENT, _("Did not come"), _("Was expected but did not come.")),
    ],
)


# Who chose who was in the room (issue 20, item 2). Blank on the gathering: not recorded.
INVITE_LIST = "list"
INVITE_OPEN = "open"

INVITATIONS = Vocabulary(
    "invitation",
    [
        Term(
            INVITE_LIST,
            _("Particular people drew up the invitation list"),
            _("Someone decided who to invite. Say who, so the group can see whose choice it was."),
        ),
        Term(
            INVITE_OPEN,
            _("Open invitation: anyone could come"),
            _("Nobody chose who was in the room, for example a drop-in advertised to everyone."),
        ),
    ],
)
