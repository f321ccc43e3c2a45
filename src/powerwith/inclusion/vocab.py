"""Fixed lists for inclusion: profile questions and their answers, support needs, assets, the
ledger and recruitment.

Based on: Whitehead / Centre for Loneliness Studies 2021 (under-represented groups: people on low
incomes, carers, people not online, disabled people, people with ill health, people from diverse
cultural backgrounds, LGBT people; activity 5, mapping your assets; activity 7, what stakeholders
need to be included; expenses paid up front); Farr 2018 (who is excluded; volunteers doing paid
roles; paying people properly).
"""

from __future__ import annotations

from typing import cast

from django.utils.translation import gettext_lazy

from powerwith.common.vocab import Term, Vocabulary
from powerwith.common.vocab import lazy_text_ctx as pgettext_lazy


def _(text: str) -> str:
    """Mark a label for translation. It stays lazy, so a term reads in each reader's language;
    typed as str because Term is (the lazy string behaves as one)."""
    return cast(str, gettext_lazy(text))


PREFER_NOT = "prefer_not"
_PREFER_NOT = Term(PREFER_NOT, _("Prefer not to say"), _("The person chose not to answer."))

# --- Profile questions -------------------------------------------------------------------------

AGE_BANDS = Vocabulary(
    "age band",
    [
        Term("under_18", _("Under 18")),
        Term("18_24", _("18 to 24")),
        Term("25_34", _("25 to 34")),
        Term("35_49", _("35 to 49")),
        Term("50_64", _("50 to 64")),
        Term("65_74", _("65 to 74")),
        Term("75_plus", _("75 or over")),
        _PREFER_NOT,
    ],
)

YES_NO = [Term("yes", _("Yes")), Term("no", _("No")), _PREFER_NOT]

DISABILITY = Vocabulary("disability or long-term condition", list(YES_NO))
CARING = Vocabulary("caring responsibilities", list(YES_NO))
LGBT = Vocabulary("LGBT+", list(YES_NO))

# Broad groups, as used by the census in England and Wales, so a group can compare itself with
# published local figures. People describe themselves in their own words as well.
ETHNICITY = Vocabulary(
    "ethnic group",
    [
        Term("asian", _("Asian or Asian British")),
        Term("black", _("Black, Black British, Caribbean or African")),
        Term("mixed", _("Mixed or multiple ethnic groups")),
        Term("white", _("White")),
        Term("other", _("Another ethnic group")),
        _PREFER_NOT,
    ],
)

INCOME = Vocabulary(
    "household income",
    [
        Term("under_15k", _("Under £15,000 a year"), _("Before tax, for the whole household.")),
        Term("15k_30k", _("£15,000 to £29,999 a year")),
        Term("30k_50k", _("£30,000 to £49,999 a year")),
        Term("50k_plus", _("£50,000 a year or more")),
        _PREFER_NOT,
    ],
)

ONLINE = Vocabulary(
    "online access",
    [
        Term(
            "easily",
            _("Yes, easily"),
            _("Has a device and internet, and is comfortable using them."),
        ),
        Term(
            "with_help",
            _("Only with help or sometimes"),
            _("Borrowed device, library, or with help."),
        ),
        Term("no", _("No"), _("Does not go online.")),
        _PREFER_NOT,
    ],
)

FIRST_LANGUAGE = Vocabulary(
    "first language",
    [
        Term("english", _("English")),
        Term("other", _("Another language")),
        _PREFER_NOT,
    ],
)

# The characteristics that figures are made of: code -> (label, vocabulary, profile field).
# The code is what a reference population's CSV uses in its "characteristic" column.
CHARACTERISTICS = Vocabulary(
    "characteristic",
    [
        Term("age_band", _("Age"), _("Age band."), {"vocab": AGE_BANDS}),
        Term(
            "disability",
            _("Disability or long-term condition"),
            _(
                "A physical or mental health condition or illness lasting, or expected to last, a year or more."
            ),
            {"vocab": DISABILITY},
        ),
        Term("ethnicity", _("Ethnic group"), _("Broad ethnic group."), {"vocab": ETHNICITY}),
        Term("income", _("Household income"), _("Household income before tax."), {"vocab": INCOME}),
        Term(
            "caring",
            _("Caring responsibilities"),
            _("Looks after or gives help to someone because of illness, disability or age."),
            {"vocab": CARING},
        ),
        Term("online", _("Online access"), _("Can go online."), {"vocab": ONLINE}),
        Term(
            "lgbt",
            _("LGBT+"),
            _("Lesbian, gay, bisexual, trans or another identity."),
            {"vocab": LGBT},
        ),
        Term("first_language", _("First language"), "", {"vocab": FIRST_LANGUAGE}),
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
        Term(
            SELF_ONLINE,
            _("Filled in by the person themselves"),
            _("Online, signed in as themselves."),
        ),
        Term("in_person", _("Told a facilitator in person")),
        Term("phone", _("By phone")),
        Term("paper", _("On a paper form")),
        Term("email_letter", _("By email or letter")),
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
            _("People taking part because of their lived experience"),
            _(
                "Service users, carers, community members, volunteers and peer workers: the public taking part."
            ),
        ),
        Term(
            COMPARE_EVERYONE,
            _("Everyone taking part"),
            _("Staff, managers and partners as well as the public."),
        ),
    ],
)

# --- Support needs and barriers ----------------------------------------------------------------

NEEDS = Vocabulary(
    "support need",
    [
        Term(
            "transport", _("Transport"), _("A lift, a taxi, or fares paid to get there and back.")
        ),
        Term("care_cover", _("Care cover"), _("Someone to look after the person they care for.")),
        Term(
            "interpreter",
            _("Interpreter or language support"),
            _("Including British Sign Language."),
        ),
        Term("easy_read", _("Large print or easy read"), _("Papers in large print or easy read.")),
        Term("step_free", _("Step-free access"), _("No steps, a lift, an accessible toilet.")),
        Term("not_online", _("Not online"), _("Papers on paper, phone calls instead of emails.")),
        Term("times", _("Times that work"), _("Meetings at times that fit work, care or health.")),
        Term("health", _("Health"), _("Breaks, a quiet room, flexibility on difficult days.")),
        Term("other", _("Something else"), _("Described in the notes.")),
    ],
)

MET = "met"
NOT_MET = "not_met"

NEED_OUTCOMES = Vocabulary(
    "need met",
    [
        Term(MET, pgettext_lazy("a need", "Met"), _("What they needed was in place.")),
        Term(
            NOT_MET,
            pgettext_lazy("a need", "Not met"),
            _("What they needed was missing or did not work."),
        ),
    ],
)

# --- Assets ------------------------------------------------------------------------------------

ASSET_KINDS = Vocabulary(
    "asset kind",
    [
        Term(
            "knowledge",
            _("Knowledge"),
            _("Knowing about the service, the area, the law, the history."),
        ),
        Term(
            "skills",
            _("Skills"),
            _("Being able to do something: chairing, drawing, writing, numbers."),
        ),
        Term(
            "experience",
            _("Experience"),
            _("Professional experience, and lived experience of the service or the issue."),
        ),
        Term("resources", _("Resources"), _("Rooms, money, staff time, equipment, contacts.")),
    ],
)

# --- Ledger ------------------------------------------------------------------------------------

PAYMENT = "payment"
VOUCHER = "voucher"

PAYMENT_KINDS = Vocabulary(
    "payment kind",
    [
        Term(PAYMENT, _("Payment"), _("Money paid for their time.")),
        Term(VOUCHER, _("Voucher"), _("A shop voucher or similar for their time.")),
    ],
)

# --- Recruitment -------------------------------------------------------------------------------

CHANNELS = Vocabulary(
    "recruitment channel",
    [
        Term("own_networks", _("People's own networks"), _("Members asking people they know.")),
        Term(
            "community_groups", _("Community groups"), _("Groups and places people already go to.")
        ),
        Term(
            "service",
            _("Through the service"),
            _("Staff mentioning it, leaflets in waiting rooms."),
        ),
        Term("outreach", _("Going out to people"), _("Stalls, door-knocking, visiting groups.")),
        Term(
            "media", _("Local media and social media"), _("Radio, newspapers, social media posts.")
        ),
        Term("posters", _("Posters and leaflets"), _("In shops, libraries, surgeries.")),
        Term("other", _("Something else"), ""),
    ],
)

OUTCOME_PENDING = "pending"

OUTCOMES = Vocabulary(
    "recruitment outcome",
    [
        Term(OUTCOME_PENDING, _("Not known yet"), _("Still under way.")),
        Term("worked", _("It worked"), _("People from the group joined and took part.")),
        Term("partly", _("It partly worked"), _("Some people joined, or joined but did not stay.")),
        Term("did_not_work", _("It did not work"), _("Nobody new from the group took part.")),
    ],
)
