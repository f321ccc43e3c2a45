"""Kinds of gathering, venue kinds and attendance.

Based on: Whitehead / Centre for Loneliness Studies 2021 (flexible and creative ways in: informal
meetings, art, walk-and-talk, phone calls, questionnaires); Farr 2018 (range of venues; the council
innovation lab's café and pizza night; experience-based co-design events).
"""

from powerwith.common.vocab import Term, Vocabulary

FORMAL = "formal"
INFORMAL = "informal"

KINDS = Vocabulary(
    "gathering kind",
    [
        Term(
            "formal_meeting",
            "Formal meeting",
            "A minuted meeting with an agenda and a chair.",
            {"format": FORMAL},
        ),
        Term(
            "workshop",
            "Workshop",
            "A structured session working on a question together.",
            {"format": FORMAL},
        ),
        Term(
            "codesign_event",
            "Co-design event",
            "A joint event where people who use the service and staff work on improvements.",
            {"format": FORMAL},
        ),
        Term(
            "informal_session",
            "Informal session",
            "A relaxed get-together, such as a café morning or a pizza night.",
            {"format": INFORMAL},
        ),
        Term(
            "walk_and_talk",
            "Walk and talk",
            "Talking while walking together, often round the place being discussed.",
            {"format": INFORMAL},
        ),
        Term(
            "art_film",
            "Art or film session",
            "Making art, photos or film to say what words alone do not.",
            {"format": INFORMAL},
        ),
        Term("online_call", "Online call", "A video or audio call.", {"format": FORMAL}),
        Term(
            "phone_round",
            "Phone round",
            "Phone calls to people who cannot or prefer not to come.",
            {"format": INFORMAL},
        ),
        Term(
            "survey_round",
            "Survey round",
            "A questionnaire or comment-box round.",
            {"format": INFORMAL},
        ),
        Term(
            "interview",
            "Interviews",
            "One-to-one conversations, for example filmed patient interviews.",
            {"format": INFORMAL},
        ),
    ],
)

FORMATS = Vocabulary(
    "format",
    [
        Term(FORMAL, "Formal", "Meetings, workshops and calls with an agenda."),
        Term(
            INFORMAL,
            "Informal",
            "Café sessions, walks, art, phone rounds and other relaxed ways in.",
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
            "Community space",
            "A community centre, café, library, church hall or similar.",
        ),
        Term(
            "institutional",
            "Institutional premises",
            "A hospital, council office or other organisation's building.",
        ),
        Term("online", "Online", "A video call or online space."),
        Term("phone", "Phone", "By telephone."),
        Term("home", "Someone's home", "In a participant's own home."),
        Term("outdoors", "Outdoors", "A park, a street, a walk."),
    ],
)

PRESENT = "present"
APOLOGIES = "apologies"
ABSENT = "absent"

ATTENDANCE = Vocabulary(
    "attendance",
    [
        Term(PRESENT, "Came", "Took part."),
        Term(APOLOGIES, "Sent apologies", "Could not come and let the group know."),
        Term(ABSENT, "Did not come", "Was expected but did not come."),
    ],
)
