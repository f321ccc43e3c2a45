"""Fixed lists for reflection: kinds of bank and question, the rating scale, areas, channels,
lived-experience roles (voice, experience, identity) and who may see a reflection on them.

Based on: Farr 2018 (the four areas of the reflective framework); Whitehead / Centre for
Loneliness Studies 2021 (the toolkit's activities, endings); Durose, Richardson & Perry 2024
(the three lenses and honest practice); Chauhan, Croft & Spyridonidis 2022 (voice, experience
and identity of people employed for their lived experience).
"""

from powerwith.common.vocab import Term, Vocabulary
from powerwith.common.vocab import lazy_text as _

POWER_AUDIT = "power_audit"
TOOLKIT = "toolkit"
LENSES = "lenses"
LIVED_ROLES = "lived_roles"
LEADERSHIP = "leadership"
TRAINING = "training"
OWN = "own"

BANK_KINDS = Vocabulary(
    "kind of question bank",
    [
        Term(
            POWER_AUDIT,
            _("Power audit"),
            _(
                "Questions about who is involved, how people work together, how organisations help "
                "or block, and what changes as a result."
            ),
        ),
        Term(
            TOOLKIT,
            _("Toolkit stages"),
            _(
                "Questions that follow the stages of a co-production journey, from values to impact."
            ),
        ),
        Term(
            LENSES,
            _("Is it real co-production?"),
            _(
                "Questions about whether the work is clear, how different people see it, whether it "
                "has moved anything, and whether everyone knows what can change."
            ),
        ),
        Term(
            LIVED_ROLES,
            _("Lived experience at work"),
            _(
                "For people employed because of their lived experience, such as peer workers: how "
                "their voice, experience and identity are treated."
            ),
        ),
        Term(
            LEADERSHIP,
            _("How the work is led"),
            _(
                "Questions about whether leading the work is creative, aimed at what changes for "
                "people, guided by a shared picture of the future, and shared between people."
            ),
        ),
        Term(
            TRAINING,
            _("Before and after training"),
            _("Statements people rate before a training session and again after it."),
        ),
        Term(OWN, _("Our own questions"), _("Questions the group wrote for itself.")),
    ],
)

RATING = "rating"
OPEN = "open"
ROLE = "role"

QUESTION_KINDS = Vocabulary(
    "kind of question",
    [
        Term(
            RATING,
            _("Statement to rate"),
            _("People say how much they agree, on five points, or that they don't know."),
        ),
        Term(OPEN, _("Open question"), _("People answer in their own words.")),
        Term(
            ROLE,
            _("How a part of your role is treated"),
            _(
                "People choose which of three descriptions fits best (only in the lived experience "
                "at work bank)."
            ),
        ),
    ],
)

# The agreement scale. The number is the score used for means (1 = strongly disagree).
RATINGS = Vocabulary(
    "answer",
    [
        Term("1", _("Strongly disagree"), "", {"score": 1}),
        Term("2", _("Disagree"), "", {"score": 2}),
        Term("3", _("Neither agree nor disagree"), "", {"score": 3}),
        Term("4", _("Agree"), "", {"score": 4}),
        Term("5", _("Strongly agree"), "", {"score": 5}),
    ],
)
DONT_KNOW = "dont_know"
DONT_KNOW_LABEL = _("Don't know")

AREAS = Vocabulary(
    "area",
    [
        # Farr 2018: the four areas of the reflective framework.
        Term(
            "who_involved",
            _("Who is involved"),
            _(
                "Who takes part, who is missing, and whether people are treated fairly for their time."
            ),
            {"bank": POWER_AUDIT},
        ),
        Term(
            "interaction",
            _("How we work together"),
            _(
                "Whether people can speak freely, who sets the agenda, and how disagreements are "
                "handled."
            ),
            {"bank": POWER_AUDIT},
        ),
        Term(
            "structures",
            _("Working with and across organisations"),
            _(
                "Whether the rules, money and hierarchy of the organisations involved help or block "
                "the work."
            ),
            {"bank": POWER_AUDIT},
        ),
        Term(
            "changes",
            _("What changes as a result"),
            _("What has changed for people, for the service and for how power is shared."),
            {"bank": POWER_AUDIT},
        ),
        # Whitehead / Centre for Loneliness Studies 2021: the toolkit's activities.
        Term("values", _("Exploring our values"), "", {"bank": TOOLKIT}),
        Term("stakeholders", _("Who has a stake"), "", {"bank": TOOLKIT}),
        Term("assets", _("Mapping what we have"), "", {"bank": TOOLKIT}),
        Term("taking_part", _("What people need to take part"), "", {"bank": TOOLKIT}),
        Term("power", _("Looking at power"), "", {"bank": TOOLKIT}),
        Term("warning_signs", _("Warning signs"), "", {"bank": TOOLKIT}),
        Term("endings", _("What we have learned"), "", {"bank": TOOLKIT}),
        Term("impact", _("What difference it made"), "", {"bank": TOOLKIT}),
        # Durose, Richardson & Perry 2024: the three lenses, and honest practice.
        Term("clarification", _("Is it clear?"), "", {"bank": LENSES}),
        Term("elucidation", _("How do different people see it?"), "", {"bank": LENSES}),
        Term("provocation", _("Has it moved anything?"), "", {"bank": LENSES}),
        Term("honest", _("Is it clear what can change?"), "", {"bank": LENSES}),
        # Chauhan, Croft & Spyridonidis 2022.
        Term("voice", _("Your voice"), "", {"bank": LIVED_ROLES}),
        Term("experience", _("Your lived experience"), "", {"bank": LIVED_ROLES}),
        Term("identity", _("How you are seen"), "", {"bank": LIVED_ROLES}),
        Term("support", _("What would help"), "", {"bank": LIVED_ROLES}),
        # Durose, Richardson & Perry 2024: four kinds of leadership.
        Term("creative", _("Room for new ideas"), "", {"bank": LEADERSHIP}),
        Term("outcomes", _("Aimed at what changes"), "", {"bank": LEADERSHIP}),
        Term("visionary", _("A shared picture of where we are going"), "", {"bank": LEADERSHIP}),
        Term("egalitarian", _("Leading is shared"), "", {"bank": LEADERSHIP}),
        Term("leadership", _("How the work is led"), "", {"bank": LEADERSHIP}),
        # Before and after training (the toolkit's activity 1).
        Term("confidence", _("Confidence"), "", {"bank": TRAINING}),
        Term("knowledge", _("Knowledge"), "", {"bank": TRAINING}),
        Term("other", _("Other"), "", {"bank": OWN}),
    ],
)

ONLINE = "online"
PAPER = "paper"

ANSWER_CHANNELS = Vocabulary(
    "how the answers came in",
    [
        Term(ONLINE, _("On their own phone or computer"), _("The person answered for themselves.")),
        Term(PAPER, _("On paper"), _("Written on a paper form and typed in by someone else.")),
        Term(
            "phone",
            _("In a phone call"),
            _("Read out in a phone call and typed in by someone else."),
        ),
        Term(
            "helped",
            _("With help at a gathering"),
            _("Answered at a gathering with someone's help, who typed the answers in."),
        ),
    ],
)
ENTERED_CHANNELS = [c for c in ANSWER_CHANNELS.codes if c != ONLINE]

# Chauhan, Croft & Spyridonidis 2022: three constructs, each expressed in one of three ways.
VOICE = "voice"
EXPERIENCE = "experience"
IDENTITY = "identity"
CONSTRUCTS = Vocabulary(
    "part of the role",
    [
        Term(VOICE, _("Voice"), _("Whether what you say is heard, and where and when.")),
        Term(EXPERIENCE, _("Lived experience"), _("How what you have lived through is treated.")),
        Term(IDENTITY, _("Identity"), _("How others see you in your role.")),
    ],
)

NON_PROFESSIONAL = "non_professional"
EXPERT = "expert"
REJECTED = "rejected"
EXPRESSIONS = Vocabulary(
    "how it is treated",
    [
        Term(
            NON_PROFESSIONAL,
            _("Valued, but as different from professional"),
            _("Welcome as a non-professional, on terms that professionals set."),
        ),
        Term(
            EXPERT,
            _("Treated as expertise"),
            _("Counted as expert knowledge that can change things."),
        ),
        Term(REJECTED, _("Pushed aside"), _("Seen as irrelevant, used against you, or not heard.")),
    ],
)

NEUTRALIZED = "neutralized"
ENHANCED = "enhanced"
TOKENISTIC = "tokenistic"
PROCESSES = Vocabulary(
    "what may be happening",
    [
        Term(
            ENHANCED,
            _("Your expertise is being built in"),
            _(
                "What you know from lived experience is treated as expertise, and you can challenge "
                "how things are done. This is what co-production at its best looks like."
            ),
            {
                "process": "embedding expertise",
                "outcome": "enhanced",
                "prompt": _(
                    "What is making this work? How could it be kept going, and shared with "
                    "others in similar roles?"
                ),
            },
        ),
        Term(
            NEUTRALIZED,
            _("You are heard, but on others' terms"),
            _(
                "You are welcome as someone with lived experience, but professionals still decide "
                "where and when that counts. Your influence is real but held in check."
            ),
            {
                "process": "inverting professionalism",
                "outcome": "neutralized",
                "prompt": _(
                    "Where would you like your experience to count for more? Who decides "
                    "when you are involved, and could that change?"
                ),
            },
        ),
        Term(
            TOKENISTIC,
            _("You are being pushed aside"),
            _(
                "What you say or have lived through is being set aside or used against you, or you "
                "are treated more like a patient than a colleague. This is not your failing: it is "
                "about how the role is set up and supported."
            ),
            {
                "process": "perpetuating rejection",
                "outcome": "tokenistic",
                "prompt": _(
                    "What support do you need right now, and from whom? What would need "
                    "to change for your role to work as it was meant to?"
                ),
            },
        ),
    ],
)

# Who may see one person's reflection on their lived-experience role.
PRIVATE = "private"
COUNTED = "counted"
SHARED = "shared"
CONSENT = Vocabulary(
    "who can see this reflection",
    [
        Term(
            PRIVATE,
            _("Only me and the supporter I choose"),
            _("No one else sees it, and it is left out of every figure and export."),
        ),
        Term(
            COUNTED,
            _("Also counted, without my name, in the group's figures"),
            _("Only totals are shown, and only when at least 5 people are counted."),
        ),
        Term(
            SHARED,
            _("Also shown with my name to the journey's facilitators"),
            _("The facilitators of this journey can read it. Choose this only if you want to."),
        ),
    ],
)

# Endings: a structured review at the end of each phase.
ENDING_FIELDS = Vocabulary(
    "part of the review",
    [
        Term("achieved", _("What we achieved"), _("What got done or changed in this phase.")),
        Term(
            "skills_gained",
            _("Skills and confidence gained"),
            _("What people learned or grew in, including confidence."),
        ),
        Term("worked", _("What worked"), _("What helped, and should be done again.")),
        Term("did_not_work", _("What did not work"), _("What got in the way, or should stop.")),
        Term(
            "carry_forward",
            _("What to carry into the next stage"),
            _("What the group should keep, start or change next time."),
        ),
        Term(
            "still_lacking",
            _("Skills and connections we still lack"),
            _("Who or what the group still needs: skills, people, organisations, links."),
        ),
    ],
)

EVIDENCE_KINDS = Vocabulary(
    "kind of evidence",
    [
        Term("contribution", _("Something raised"), _("A contribution in the record.")),
        Term("gathering", _("A gathering"), _("A meeting, session or event in the record.")),
        Term("decision", _("A decision"), _("A decision in the decision log.")),
    ],
)
