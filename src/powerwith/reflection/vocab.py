"""Fixed lists for reflection: kinds of bank and question, the rating scale, areas, channels,
lived-experience roles (voice, experience, identity) and who may see a reflection on them.

Based on: Farr 2018 (the four areas of the reflective framework); Whitehead / Centre for
Loneliness Studies 2021 (the toolkit's activities, endings); Durose, Richardson & Perry 2024
(the three lenses and honest practice); Chauhan, Croft & Spyridonidis 2022 (voice, experience
and identity of people employed for their lived experience).
"""

from powerwith.common.vocab import Term, Vocabulary

POWER_AUDIT = "power_audit"
TOOLKIT = "toolkit"
LENSES = "lenses"
LIVED_ROLES = "lived_roles"
OWN = "own"

BANK_KINDS = Vocabulary(
    "kind of question bank",
    [
        Term(
            POWER_AUDIT,
            "Power audit",
            "Questions about who is involved, how people work together, how organisations help "
            "or block, and what changes as a result.",
        ),
        Term(
            TOOLKIT,
            "Toolkit stages",
            "Questions that follow the stages of a co-production journey, from values to impact.",
        ),
        Term(
            LENSES,
            "Is it real co-production?",
            "Questions about whether the work is clear, how different people see it, whether it "
            "has moved anything, and whether everyone knows what can change.",
        ),
        Term(
            LIVED_ROLES,
            "Lived experience at work",
            "For people employed because of their lived experience, such as peer workers: how "
            "their voice, experience and identity are treated.",
        ),
        Term(OWN, "Our own questions", "Questions the group wrote for itself."),
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
            "Statement to rate",
            "People say how much they agree, on five points, or that they don't know.",
        ),
        Term(OPEN, "Open question", "People answer in their own words."),
        Term(
            ROLE,
            "How a part of your role is treated",
            "People choose which of three descriptions fits best (only in the lived experience "
            "at work bank).",
        ),
    ],
)

# The agreement scale. The number is the score used for means (1 = strongly disagree).
RATINGS = Vocabulary(
    "answer",
    [
        Term("1", "Strongly disagree", "", {"score": 1}),
        Term("2", "Disagree", "", {"score": 2}),
        Term("3", "Neither agree nor disagree", "", {"score": 3}),
        Term("4", "Agree", "", {"score": 4}),
        Term("5", "Strongly agree", "", {"score": 5}),
    ],
)
DONT_KNOW = "dont_know"
DONT_KNOW_LABEL = "Don't know"

AREAS = Vocabulary(
    "area",
    [
        # Farr 2018: the four areas of the reflective framework.
        Term(
            "who_involved",
            "Who is involved",
            "Who takes part, who is missing, and whether people are treated fairly for their time.",
            {"bank": POWER_AUDIT},
        ),
        Term(
            "interaction",
            "How we work together",
            "Whether people can speak freely, who sets the agenda, and how disagreements are "
            "handled.",
            {"bank": POWER_AUDIT},
        ),
        Term(
            "structures",
            "Working with and across organisations",
            "Whether the rules, money and hierarchy of the organisations involved help or block "
            "the work.",
            {"bank": POWER_AUDIT},
        ),
        Term(
            "changes",
            "What changes as a result",
            "What has changed for people, for the service and for how power is shared.",
            {"bank": POWER_AUDIT},
        ),
        # Whitehead / Centre for Loneliness Studies 2021: the toolkit's activities.
        Term("values", "Exploring our values", "", {"bank": TOOLKIT}),
        Term("stakeholders", "Who has a stake", "", {"bank": TOOLKIT}),
        Term("assets", "Mapping what we have", "", {"bank": TOOLKIT}),
        Term("taking_part", "What people need to take part", "", {"bank": TOOLKIT}),
        Term("power", "Looking at power", "", {"bank": TOOLKIT}),
        Term("warning_signs", "Warning signs", "", {"bank": TOOLKIT}),
        Term("endings", "What we have learned", "", {"bank": TOOLKIT}),
        Term("impact", "What difference it made", "", {"bank": TOOLKIT}),
        # Durose, Richardson & Perry 2024: the three lenses, and honest practice.
        Term("clarification", "Is it clear?", "", {"bank": LENSES}),
        Term("elucidation", "How do different people see it?", "", {"bank": LENSES}),
        Term("provocation", "Has it moved anything?", "", {"bank": LENSES}),
        Term("honest", "Is it clear what can change?", "", {"bank": LENSES}),
        # Chauhan, Croft & Spyridonidis 2022.
        Term("voice", "Your voice", "", {"bank": LIVED_ROLES}),
        Term("experience", "Your lived experience", "", {"bank": LIVED_ROLES}),
        Term("identity", "How you are seen", "", {"bank": LIVED_ROLES}),
        Term("support", "What would help", "", {"bank": LIVED_ROLES}),
        Term("other", "Other", "", {"bank": OWN}),
    ],
)

ONLINE = "online"
PAPER = "paper"

ANSWER_CHANNELS = Vocabulary(
    "how the answers came in",
    [
        Term(ONLINE, "On their own phone or computer", "The person answered for themselves."),
        Term(PAPER, "On paper", "Written on a paper form and typed in by someone else."),
        Term("phone", "In a phone call", "Read out in a phone call and typed in by someone else."),
        Term(
            "helped",
            "With help at a gathering",
            "Answered at a gathering with someone's help, who typed the answers in.",
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
        Term(VOICE, "Voice", "Whether what you say is heard, and where and when."),
        Term(EXPERIENCE, "Lived experience", "How what you have lived through is treated."),
        Term(IDENTITY, "Identity", "How others see you in your role."),
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
            "Valued, but as different from professional",
            "Welcome as a non-professional, on terms that professionals set.",
        ),
        Term(EXPERT, "Treated as expertise", "Counted as expert knowledge that can change things."),
        Term(REJECTED, "Pushed aside", "Seen as irrelevant, used against you, or not heard."),
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
            "Your expertise is being built in",
            "What you know from lived experience is treated as expertise, and you can challenge "
            "how things are done. This is what co-production at its best looks like.",
            {
                "process": "embedding expertise",
                "outcome": "enhanced",
                "prompt": "What is making this work? How could it be kept going, and shared with "
                "others in similar roles?",
            },
        ),
        Term(
            NEUTRALIZED,
            "You are heard, but on others' terms",
            "You are welcome as someone with lived experience, but professionals still decide "
            "where and when that counts. Your influence is real but held in check.",
            {
                "process": "inverting professionalism",
                "outcome": "neutralized",
                "prompt": "Where would you like your experience to count for more? Who decides "
                "when you are involved, and could that change?",
            },
        ),
        Term(
            TOKENISTIC,
            "You are being pushed aside",
            "What you say or have lived through is being set aside or used against you, or you "
            "are treated more like a patient than a colleague. This is not your failing: it is "
            "about how the role is set up and supported.",
            {
                "process": "perpetuating rejection",
                "outcome": "tokenistic",
                "prompt": "What support do you need right now, and from whom? What would need "
                "to change for your role to work as it was meant to?",
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
            "Only me and the supporter I choose",
            "No one else sees it, and it is left out of every figure and export.",
        ),
        Term(
            COUNTED,
            "Also counted, without my name, in the group's figures",
            "Only totals are shown, and only when at least 5 people are counted.",
        ),
        Term(
            SHARED,
            "Also shown with my name to the journey's facilitators",
            "The facilitators of this journey can read it. Choose this only if you want to.",
        ),
    ],
)

# Endings: a structured review at the end of each phase.
ENDING_FIELDS = Vocabulary(
    "part of the review",
    [
        Term("achieved", "What we achieved", "What got done or changed in this phase."),
        Term(
            "skills_gained",
            "Skills and confidence gained",
            "What people learned or grew in, including confidence.",
        ),
        Term("worked", "What worked", "What helped, and should be done again."),
        Term("did_not_work", "What did not work", "What got in the way, or should stop."),
        Term(
            "carry_forward",
            "What to carry into the next stage",
            "What the group should keep, start or change next time.",
        ),
        Term(
            "still_lacking",
            "Skills and connections we still lack",
            "Who or what the group still needs: skills, people, organisations, links.",
        ),
    ],
)

EVIDENCE_KINDS = Vocabulary(
    "kind of evidence",
    [
        Term("contribution", "Something raised", "A contribution in the record."),
        Term("gathering", "A gathering", "A meeting, session or event in the record."),
        Term("decision", "A decision", "A decision in the decision log."),
    ],
)
