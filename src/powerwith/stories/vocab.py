"""Media, uses a teller can consent to, and how consent was given.

Based on: Farr 2018 and the Point of Care Foundation's EBCD toolkit (filmed patient narratives
shown at the staff event and the joint event, with consent for each showing); the UK GDPR's
"freely given, specific, informed" consent, which the teller can withdraw at any time.
"""

from powerwith.common.vocab import Term, Vocabulary

MEDIA = Vocabulary(
    "medium",
    [
        Term("interview", "Interview", "Told in an interview, recorded or written down."),
        Term("film", "Film", "Told on film."),
        Term("audio", "Sound recording", "Told in a sound recording."),
        Term("photos", "Photos", "Told in photos, with or without words."),
        Term("writing", "Writing", "Written down, by them or for them."),
    ],
)

GROUP = "group"
STAFF_EVENTS = "staff_events"
TRAINING = "training"
PUBLIC = "public"

USES = Vocabulary(
    "use",
    [
        Term(
            GROUP,
            "Seen within the group",
            "Members of this journey may read it, watch it or listen to it on its pages.",
        ),
        Term(STAFF_EVENTS, "Shown to staff at events", "Played or read at a staff or joint event."),
        Term(TRAINING, "Used in training", "Used to train staff, now or later."),
        Term(
            PUBLIC,
            "In public reports and exports",
            "Quoted or shown in reports anyone can read, and included in the journey's export.",
        ),
    ],
)

CONSENT_HOW = Vocabulary(
    "how consent was given",
    [
        Term("paper", "Signed paper form", "They signed a consent form; keep it safe."),
        Term("verbal", "Recorded verbally", "They said yes out loud, and it was recorded."),
        Term("online", "Online", "They said yes on a form or message online."),
    ],
)

BETTER = "better"
WORSE = "worse"
DIRECTIONS = Vocabulary(
    "how it felt",
    [
        Term(BETTER, "It felt good", "This moment went well for them, or better than they feared."),
        Term(WORSE, "It felt bad", "This moment was hard for them, or worse than it should be."),
    ],
)

FEELINGS = Vocabulary(
    "feeling",
    [
        Term("relieved", "Relieved"),
        Term("reassured", "Reassured"),
        Term("cared_for", "Cared for"),
        Term("hopeful", "Hopeful"),
        Term("anxious", "Anxious"),
        Term("frightened", "Frightened"),
        Term("angry", "Angry"),
        Term("confused", "Confused"),
        Term("ignored", "Ignored"),
        Term("alone", "Alone"),
    ],
)

STRENGTHS = Vocabulary(
    "how strongly",
    [
        Term("1", "A little"),
        Term("2", "Quite strongly"),
        Term("3", "Very strongly"),
    ],
)

FEELING_CHANNELS = Vocabulary(
    "how it was marked",
    [
        Term("own", "By them, on their phone or computer", ""),
        Term("paper", "On a printed sheet, typed in later", ""),
        Term("event", "At an event, on their behalf", ""),
    ],
)
