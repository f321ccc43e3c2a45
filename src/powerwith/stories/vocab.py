"""Media, uses a teller can consent to, and how consent was given.

Based on: Farr 2018 and the Point of Care Foundation's EBCD toolkit (filmed patient narratives
shown at the staff event and the joint event, with consent for each showing); the UK GDPR's
"freely given, specific, informed" consent, which the teller can withdraw at any time.
"""

from powerwith.common.vocab import Term, Vocabulary
from powerwith.common.vocab import lazy_text as _

MEDIA = Vocabulary(
    "medium",
    [
        Term("interview", _("Interview"), _("Told in an interview, recorded or written down.")),
        Term("film", _("Film"), _("Told on film.")),
        Term("audio", _("Sound recording"), _("Told in a sound recording.")),
        Term("photos", _("Photos"), _("Told in photos, with or without words.")),
        Term("writing", _("Writing"), _("Written down, by them or for them.")),
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
            _("Seen within the group"),
            _("Members of this journey may read it, watch it or listen to it on its pages."),
        ),
        Term(
            STAFF_EVENTS,
            _("Shown to staff at events"),
            _("Played or read at a staff or joint event."),
        ),
        Term(TRAINING, _("Used in training"), _("Used to train staff, now or later.")),
        Term(
            PUBLIC,
            _("In public reports and exports"),
            _("Quoted or shown in reports anyone can read, and included in the journey's export."),
        ),
    ],
)

CONSENT_HOW = Vocabulary(
    "how consent was given",
    [
        Term("paper", _("Signed paper form"), _("They signed a consent form; keep it safe.")),
        Term("verbal", _("Recorded verbally"), _("They said yes out loud, and it was recorded.")),
        Term("online", _("Online"), _("They said yes on a form or message online.")),
    ],
)

BETTER = "better"
WORSE = "worse"
DIRECTIONS = Vocabulary(
    "how it felt",
    [
        Term(
            BETTER,
            _("It felt good"),
            _("This moment went well for them, or better than they feared."),
        ),
        Term(
            WORSE, _("It felt bad"), _("This moment was hard for them, or worse than it should be.")
        ),
    ],
)

FEELINGS = Vocabulary(
    "feeling",
    [
        Term("relieved", _("Relieved")),
        Term("reassured", _("Reassured")),
        Term("cared_for", _("Cared for")),
        Term("hopeful", _("Hopeful")),
        Term("anxious", _("Anxious")),
        Term("frightened", _("Frightened")),
        Term("angry", _("Angry")),
        Term("confused", _("Confused")),
        Term("ignored", _("Ignored")),
        Term("alone", _("Alone")),
    ],
)

STRENGTHS = Vocabulary(
    "how strongly",
    [
        Term("1", _("A little")),
        Term("2", _("Quite strongly")),
        Term("3", _("Very strongly")),
    ],
)

FEELING_CHANNELS = Vocabulary(
    "how it was marked",
    [
        Term("own", _("By them, on their phone or computer"), ""),
        Term("paper", _("On a printed sheet, typed in later"), ""),
        Term("event", _("At an event, on their behalf"), ""),
    ],
)
