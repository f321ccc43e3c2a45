"""Fixed lists for inclusion: profile questions and their answers, support needs, assets, the
ledger and recruitment.

Based on: Whitehead / Centre for Loneliness Studies 2021 (under-represented groups: people on low
incomes, carers, people not online, disabled people, people with ill health, people from diverse
cultural backgrounds, LGBT people; activity 5, mapping your assets; activity 7, what stakeholders
need to be included; expenses paid up front); Farr 2018 (who is excluded; volunteers doing paid
roles; paying people properly).
"""

from __future__ import annotations

from powerwith.common.vocab import Term, Vocabulary

PREFER_NOT = "prefer_not"
_PREFER_NOT = Term(PREFER_NOT, "Prefer not to say", "The person chose not to answer.")

# --- Profile questions -------------------------------------------------------------------------

AGE_BANDS = Vocabulary(
    "age band",
    [
        Term("under_18", "Under 18"),
        Term("18_24", "18 to 24"),
        Term("25_34", "25 to 34"),
        Term("35_49", "35 to 49"),
        Term("50_64", "50 to 64"),
        Term("65_74", "65 to 74"),
        Term("75_plus", "75 or over"),
        _PREFER_NOT,
    ],
)

YES_NO = [Term("yes", "Yes"), Term("no", "No"), _PREFER_NOT]

DISABILITY = Vocabulary("disability or long-term condition", list(YES_NO))
CARING = Vocabulary("caring responsibilities", list(YES_NO))
LGBT = Vocabulary("LGBT+", list(YES_NO))

# Broad groups, as used by the census in England and Wales, so a group can compare itself with
# published local figures. People describe themselves in their own words as well.
ETHNICITY = Vocabulary(
    "ethnic group",
    [
        Term("asian", "Asian or Asian British"),
        Term("black", "Black, Black British, Caribbean or African"),
        Term("mixed", "Mixed or multiple ethnic groups"),
        Term("white", "White"),
        Term("other", "Another ethnic group"),
        _PREFER_NOT,
    ],
)

INCOME = Vocabulary(
    "household income",
    [
        Term("under_15k", "Under £15,000 a year", "Before tax, for the whole household."),
        Term("15k_30k", "£15,000 to £29,999 a year"),
        Term("30k_50k", "£30,000 to £49,999 a year"),
        Term("50k_plus", "£50,000 a year or more"),
        _PREFER_NOT,
    ],
)

ONLINE = Vocabulary(
    "online access",
    [
        Term("easily", "Yes, easily", "Has a device and internet, and is comfortable using them."),
        Term("with_help", "Only with help or sometimes", "Borrowed device, library, or with help."),
        Term("no", "No", "Does not go online."),
        _PREFER_NOT,
    ],
)

FIRST_LANGUAGE = Vocabulary(
    "first language",
    [
        Term("english", "English"),
        Term("other", "Another language"),
        _PREFER_NOT,
    ],
)

# The characteristics that figures are made of: code -> (label, vocabulary, profile field).
# The code is what a reference population's CSV uses in its "characteristic" column.
CHARACTERISTICS = Vocabulary(
    "characteristic",
    [
        Term("age_band", "Age", "Age band.", {"vocab": AGE_BANDS}),
        Term(
            "disability",
            "Disability or long-term condition",
            "A physical or mental health condition or illness lasting, or expected to last, a year or more.",
            {"vocab": DISABILITY},
        ),
        Term("ethnicity", "Ethnic group", "Broad ethnic group.", {"vocab": ETHNICITY}),
        Term("income", "Household income", "Household income before tax.", {"vocab": INCOME}),
        Term(
            "caring",
            "Caring responsibilities",
            "Looks after or gives help to someone because of illness, disability or age.",
            {"vocab": CARING},
        ),
        Term("online", "Online access", "Can go online.", {"vocab": ONLINE}),
        Term(
            "lgbt", "LGBT+", "Lesbian, gay, bisexual, trans or another identity.", {"vocab": LGBT}
        ),
        Term("first_language", "First language", "", {"vocab": FIRST_LANGUAGE}),
    ],
)


def categories(characteristic: str) -> Vocabulary:
    """The answers to one characteristic (including "prefer not to say")."""
    vocab = CHARACTERISTICS[characteristic]["vocab"]
    assert isinstance(vocab, Vocabulary)
    return vocab


def reference_categories(characteristic: str) -> list[Term]:
    """The answers a reference population can give a share for (not "prefer not to say")."""
    return [t for t in categories(characteristic) if t.code != PREFER_NOT]


# --- How consent was given ---------------------------------------------------------------------

SELF_ONLINE = "self_online"

CONSENT_CHANNELS = Vocabulary(
    "consent channel",
    [
        Term(SELF_ONLINE, "Filled in by the person themselves", "Online, signed in as themselves."),
        Term("in_person", "Told a facilitator in person"),
        Term("phone", "By phone"),
        Term("paper", "On a paper form"),
        Term("email_letter", "By email or letter"),
    ],
)

# --- Who a reference population is compared with ----------------------------------------------

COMPARE_LIVED = "lived"
COMPARE_EVERYONE = "everyone"

COMPARE_WITH = Vocabulary(
    "compared with",
    [
        Term(
            COMPARE_LIVED,
            "People taking part because of their lived experience",
            "Service users, carers, community members, volunteers and peer workers: the public taking part.",
        ),
        Term(
            COMPARE_EVERYONE,
            "Everyone taking part",
            "Staff, managers and partners as well as the public.",
        ),
    ],
)

# --- Support needs and barriers ----------------------------------------------------------------

NEEDS = Vocabulary(
    "support need",
    [
        Term("transport", "Transport", "A lift, a taxi, or fares paid to get there and back."),
        Term("care_cover", "Care cover", "Someone to look after the person they care for."),
        Term("interpreter", "Interpreter or language support", "Including British Sign Language."),
        Term("easy_read", "Large print or easy read", "Papers in large print or easy read."),
        Term("step_free", "Step-free access", "No steps, a lift, an accessible toilet."),
        Term("not_online", "Not online", "Papers on paper, phone calls instead of emails."),
        Term("times", "Times that work", "Meetings at times that fit work, care or health."),
        Term("health", "Health", "Breaks, a quiet room, flexibility on difficult days."),
        Term("other", "Something else", "Described in the notes."),
    ],
)

MET = "met"
NOT_MET = "not_met"

NEED_OUTCOMES = Vocabulary(
    "need met",
    [
        Term(MET, "Met", "What they needed was in place."),
        Term(NOT_MET, "Not met", "What they needed was missing or did not work."),
    ],
)

# --- Assets ------------------------------------------------------------------------------------

ASSET_KINDS = Vocabulary(
    "asset kind",
    [
        Term(
            "knowledge", "Knowledge", "Knowing about the service, the area, the law, the history."
        ),
        Term(
            "skills", "Skills", "Being able to do something: chairing, drawing, writing, numbers."
        ),
        Term(
            "experience",
            "Experience",
            "Professional experience, and lived experience of the service or the issue.",
        ),
        Term("resources", "Resources", "Rooms, money, staff time, equipment, contacts."),
    ],
)

# --- Ledger ------------------------------------------------------------------------------------

PAYMENT = "payment"
VOUCHER = "voucher"

PAYMENT_KINDS = Vocabulary(
    "payment kind",
    [
        Term(PAYMENT, "Payment", "Money paid for their time."),
        Term(VOUCHER, "Voucher", "A shop voucher or similar for their time."),
    ],
)

# --- Recruitment -------------------------------------------------------------------------------

CHANNELS = Vocabulary(
    "recruitment channel",
    [
        Term("own_networks", "People's own networks", "Members asking people they know."),
        Term("community_groups", "Community groups", "Groups and places people already go to."),
        Term("service", "Through the service", "Staff mentioning it, leaflets in waiting rooms."),
        Term("outreach", "Going out to people", "Stalls, door-knocking, visiting groups."),
        Term("media", "Local media and social media", "Radio, newspapers, social media posts."),
        Term("posters", "Posters and leaflets", "In shops, libraries, surgeries."),
        Term("other", "Something else", ""),
    ],
)

OUTCOME_PENDING = "pending"

OUTCOMES = Vocabulary(
    "recruitment outcome",
    [
        Term(OUTCOME_PENDING, "Not known yet", "Still under way."),
        Term("worked", "It worked", "People from the group joined and took part."),
        Term("partly", "It partly worked", "Some people joined, or joined but did not stay."),
        Term("did_not_work", "It did not work", "Nobody new from the group took part."),
    ],
)
