"""Demo journey 2: a council innovation team working with a community in informal venues.

Invented people and places, modelled on the council innovation-lab case in Farr 2018: a café,
a pizza night, a walk-and-talk, community mapping and a participatory film; professionals
ceding control of the agenda to residents over time; leading to a community shop, a time bank,
a parents' group and a new paid post. Days are counted from the start, about 14 months ago.
"""

from __future__ import annotations

from .builder import WG, C, G, JourneyBuilder, Leave, P, RoleChange, Step
from .ebcd import agreement, share_you_said

SLUG = "northfield-together"
LENGTH = 420

TITLE = "Northfield Together"
HOST = "Northfield Borough Council"
HOST_KIND = "council"
PURPOSE = (
    "Residents of the Northfield estate and the council's innovation team working out together "
    "what the neighbourhood needs, and making it happen, in places where people already meet."
)

COUNCIL = "Northfield Borough Council"
FUND = "Northfield Community Fund"
HOUSING = "Greenway Housing"
YOUTH = "Youth Works Northfield"
CAFE = "Northfield Community Café"

ORGS = [
    (COUNCIL, "statutory_council"),
    (FUND, "funder"),
    (HOUSING, "infrastructure"),
    (YOUTH, "voluntary"),
    (CAFE, "business"),
]

PEOPLE = [
    P("Sam", "facilitator", 0, account="facilitator", talk=1.0, shared=True),
    P("Kit", "facilitator", 0, account="notes", talk=0.0, shared=True),
    P("Priya", "funder", 0, org=FUND, account="funder", talk=0.6, shared=True),
    # Professionals.
    P("Zoe", "frontline_staff", 0, org=COUNCIL, talk=1.3),  # innovation officer
    P("Marcus", "frontline_staff", 0, org=COUNCIL, talk=1.1),  # innovation officer
    P("Denise", "manager", 0, org=COUNCIL, talk=1.4),  # head of communities
    P("Ray", "senior_leader", 0, org=COUNCIL, talk=1.6),  # councillor, cabinet member
    P("Imran", "partner_rep", 0, org=HOUSING, talk=0.9),
    P("Fiona", "partner_rep", 0, org=YOUTH, talk=1.0),
    P("Bilal", "partner_rep", 14, org=CAFE, talk=0.7),
    # Residents.
    P("Gordon", "community_member", 0, talk=1.7),  # retired engineer, at home in committees
    P("Lorraine", "community_member", 0, talk=1.3),  # residents' association
    P("Kayleigh", "community_member", 14, talk=1.1),
    P("Tariq", "volunteer", 14, talk=0.9),  # food bank volunteer
    P("Shirley", "community_member", 14, online=False, talk=0.5, contact="By phone, mornings"),
    P("Dean", "community_member", 14, talk=1.2),
    P("Agnieszka", "community_member", 14, talk=0.8),
    P("Jamal", "community_member", 14, talk=1.0),
    P("Nisha", "community_member", 14, talk=0.8),
    P("Callum", "community_member", 42, talk=1.0),
    P("Joy", "service_user", 42, talk=0.6),  # uses the council's family support service
    P("Pat", "carer", 56, online=False, talk=0.5, contact="By phone"),
    P("Bernie", "community_member", 56, online=False, talk=0.7, contact="By phone or at the shop"),
    P("Ade", "community_member", 168, talk=0.9),
]

ROLE_CHANGES = [
    RoleChange("Dean", 168, "volunteer", paid=False),  # runs the time bank
    RoleChange("Dean", 240, "peer_worker", paid=True),  # the new paid community connector
]

LEAVES = [
    Leave("Gordon", 150, "Felt the informal sessions were not a proper way to make decisions."),
    Leave("Callum", 200, "Started college in another town."),
]

CAFE_VENUE = "Northfield Community Café, Station Road"
CENTRE = "Northfield Community Centre"
HALL = "St Mark's church hall"
STEP_FREE = "Step-free, toilets on the ground floor, children welcome."

GATHERINGS = [
    G(
        "kickoff",
        "Project start at the civic centre",
        "formal_meeting",
        0,
        "institutional",
        "Civic Centre, Committee Room 2",
        [
            "Zoe",
            "Marcus",
            "Denise",
            "Ray",
            "Imran",
            "Fiona",
            "Priya",
            "Sam",
            "Kit",
            "Gordon",
            "Lorraine",
        ],
        stage="co_commissioning",
        agenda=[
            ("Why the council wants to work differently", "Ray"),
            ("The budget and the timetable", "Denise"),
            ("How we will reach residents", "Zoe"),
        ],
        turns=6,
        prof=2.8,
        live=True,
        starts=(14, 0),
    ),
    G(
        "cafe1",
        "Café morning",
        "informal_session",
        14,
        "community",
        CAFE_VENUE,
        [
            "Kayleigh",
            "Tariq",
            "Shirley",
            "Dean",
            "Agnieszka",
            "Jamal",
            "Lorraine",
            "Gordon",
            "Nisha",
            "Bilal",
            "Zoe",
            "Marcus",
            "Sam",
            "Kit",
        ],
        stage="co_commissioning",
        agenda=[("What is good about Northfield, and what is not", "Zoe")],
        turns=4,
        prof=1.2,
        accessibility=STEP_FREE + " Free tea and toast.",
    ),
    G(
        "mapping",
        "Community mapping walk",
        "walk_and_talk",
        28,
        "outdoors",
        "Round the estate, from the café to the park",
        ["Dean", "Jamal", "Lorraine", "Kayleigh", "Agnieszka", "Tariq", "Zoe", "Marcus", "Sam"],
        stage="co_commissioning",
        agenda=[("Mapping what we have and what is missing", "Marcus")],
        turns=4,
        prof=1.0,
        accessibility="A short, flat route with benches; a lift back for anyone who needs one.",
    ),
    G(
        "pizza",
        "Pizza night",
        "informal_session",
        42,
        "community",
        "Youth Works hall",
        ["Callum", "Kayleigh", "Nisha", "Jamal", "Joy", "Fiona", "Zoe", "Sam", "Kit"],
        stage="co_commissioning",
        agenda=[("What would make Northfield better for young people and families", "Fiona")],
        turns=4,
        prof=0.9,
        starts=(18, 30),
    ),
    G(
        "phones",
        "Phone round with people who do not get out much",
        "phone_round",
        56,
        "phone",
        "",
        ["Shirley", "Pat", "Bernie", "Zoe"],
        stage="co_commissioning",
        notes="An innovation officer phoned people the café regulars said never come to things.",
    ),
    G(
        "filming",
        "Making our film",
        "art_film",
        70,
        "community",
        CAFE_VENUE + " (back room)",
        ["Dean", "Kayleigh", "Callum", "Agnieszka", "Tariq", "Fiona", "Marcus", "Sam"],
        stage="co_design",
        agenda=[("Filming our Northfield", "Dean")],
        turns=4,
        prof=0.8,
    ),
    G(
        "screening",
        "Film night: what next for Northfield?",
        "codesign_event",
        98,
        "community",
        HALL,
        [
            "Kayleigh",
            "Dean",
            "Shirley",
            "Agnieszka",
            "Jamal",
            "Lorraine",
            "Gordon",
            "Nisha",
            "Callum",
            "Tariq",
            "Joy",
            "Bilal",
            "Zoe",
            "Marcus",
            "Denise",
            "Imran",
            "Fiona",
            "Priya",
            "Sam",
            "Kit",
        ],
        stage="co_design",
        agenda=[
            ("Showing the film", "Dean"),
            ("What we want to do first", "Kayleigh"),
            ("How decisions will be made from now on", "Lorraine"),
        ],
        turns=3,
        prof=1.3,
        live=True,
        accessibility=STEP_FREE,
        starts=(18, 0),
    ),
    G(
        "planning1",
        "Community planning meeting",
        "workshop",
        112,
        "community",
        CENTRE,
        [
            "Kayleigh",
            "Dean",
            "Lorraine",
            "Gordon",
            "Agnieszka",
            "Jamal",
            "Tariq",
            "Nisha",
            "Zoe",
            "Marcus",
            "Sam",
            "Kit",
        ],
        stage="co_design",
        agenda=[
            ("The shop: where, and who runs it", "Lorraine"),
            ("A time bank", "Dean"),
            ("A parents' group", "Kayleigh"),
        ],
        turns=5,
        prof=0.8,
        minutes=True,
        accessibility=STEP_FREE,
    ),
    G(
        "shop_session",
        "Shop working session",
        "workshop",
        140,
        "community",
        "The old bank, Station Road",
        ["Lorraine", "Dean", "Tariq", "Shirley", "Bilal", "Gordon", "Marcus", "Sam"],
        stage="co_delivery",
        agenda=[("Fitting out the shop", "Tariq"), ("Opening hours and volunteers", "Lorraine")],
        turns=5,
        prof=0.7,
    ),
    G(
        "comment_boxes",
        "Comment boxes in the library and the café",
        "survey_round",
        154,
        "community",
        "Northfield library and the café",
        [],
        stage="co_design",
    ),
    G(
        "timebank_taster",
        "Time bank taster session",
        "informal_session",
        168,
        "community",
        CENTRE,
        ["Dean", "Ade", "Tariq", "Shirley", "Agnieszka", "Joy", "Nisha", "Zoe", "Sam", "Kit"],
        stage="co_delivery",
        agenda=[("How the time bank works", "Dean")],
        turns=4,
        prof=0.6,
        accessibility=STEP_FREE,
    ),
    G(
        "parents1",
        "Parents' group: first session",
        "informal_session",
        196,
        "community",
        CENTRE + ", family room",
        ["Kayleigh", "Nisha", "Joy", "Agnieszka", "Zoe"],
        stage="co_delivery",
        agenda=[("What we want from the group", "Kayleigh")],
        turns=4,
        prof=0.5,
        accessibility=STEP_FREE + " Play mats and a baby-changing room.",
    ),
    G(
        "budget",
        "Council budget meeting",
        "formal_meeting",
        224,
        "institutional",
        "Civic Centre, Committee Room 2",
        ["Denise", "Ray", "Zoe", "Priya", "Sam", "Kit", "Lorraine", "Dean"],
        stage="co_commissioning",
        agenda=[
            ("Year two budget", "Denise"),
            ("A paid community connector", "Lorraine"),
            ("How the fund will judge the work", "Priya"),
        ],
        turns=5,
        prof=2.2,
        live=True,
        starts=(16, 30),
    ),
    G(
        "planning2",
        "Community planning meeting",
        "workshop",
        238,
        "community",
        CENTRE,
        [
            "Kayleigh",
            "Dean",
            "Lorraine",
            "Agnieszka",
            "Jamal",
            "Tariq",
            "Nisha",
            "Joy",
            "Ade",
            "Zoe",
            "Marcus",
            "Sam",
            "Kit",
        ],
        stage="co_delivery",
        agenda=[
            ("Opening the shop", "Tariq"),
            ("What happens when the money ends?", "Lorraine"),
            ("A time bank without smartphones", "Tariq"),
        ],
        turns=5,
        prof=0.6,
        accessibility=STEP_FREE,
    ),
    G(
        "shop_opening",
        "The community shop opens",
        "informal_session",
        266,
        "community",
        "Northfield Community Shop, Station Road",
        [
            "Kayleigh",
            "Dean",
            "Shirley",
            "Agnieszka",
            "Jamal",
            "Lorraine",
            "Nisha",
            "Tariq",
            "Joy",
            "Ade",
            "Bilal",
            "Zoe",
            "Marcus",
            "Denise",
            "Priya",
            "Sam",
            "Kit",
        ],
        stage="co_delivery",
        turns=2,
        prof=0.8,
        starts=(11, 0),
    ),
    G(
        "path_walk",
        "Walk and talk: the path and the lights",
        "walk_and_talk",
        294,
        "outdoors",
        "The path behind Elm Court",
        ["Jamal", "Dean", "Lorraine", "Agnieszka", "Imran", "Marcus", "Sam"],
        stage="co_design",
        agenda=[("The path and the lights", "Jamal")],
        turns=4,
        prof=1.0,
        starts=(17, 0),
    ),
    G(
        "planning3",
        "Community planning meeting",
        "workshop",
        322,
        "community",
        CENTRE,
        [
            "Kayleigh",
            "Dean",
            "Lorraine",
            "Agnieszka",
            "Jamal",
            "Tariq",
            "Nisha",
            "Joy",
            "Ade",
            "Zoe",
            "Sam",
            "Kit",
        ],
        apologies=["Marcus"],
        stage="co_delivery",
        agenda=[
            ("Designing the new play area", "Kayleigh"),
            ("The time bank leaflet in Polish", "Agnieszka"),
            ("Keeping the shop's accounts", "Joy"),
        ],
        turns=4,
        prof=0.5,
        live=True,
        accessibility=STEP_FREE,
    ),
    G(
        "timebank_party",
        "Time bank get-together",
        "informal_session",
        350,
        "community",
        CENTRE,
        ["Dean", "Ade", "Tariq", "Shirley", "Pat", "Joy", "Agnieszka", "Zoe", "Sam"],
        stage="co_delivery",
        turns=3,
        prof=0.5,
        notes="Pat came for the first time: a time bank member sat with her husband.",
        accessibility=STEP_FREE,
    ),
    G(
        "review",
        "A year of Northfield Together",
        "codesign_event",
        378,
        "community",
        HALL,
        [
            "Kayleigh",
            "Dean",
            "Shirley",
            "Agnieszka",
            "Jamal",
            "Lorraine",
            "Nisha",
            "Tariq",
            "Joy",
            "Ade",
            "Pat",
            "Bilal",
            "Zoe",
            "Marcus",
            "Denise",
            "Imran",
            "Fiona",
            "Priya",
            "Sam",
            "Kit",
        ],
        stage="co_evaluation",
        agenda=[
            ("A year of Northfield Together", "Lorraine"),
            ("What did not work", "Dean"),
            ("Year two", "Denise"),
        ],
        turns=2,
        prof=0.9,
        live=True,
        accessibility=STEP_FREE,
        starts=(18, 0),
    ),
    G(
        "planning4",
        "Community planning meeting",
        "workshop",
        406,
        "community",
        CENTRE,
        [
            "Kayleigh",
            "Dean",
            "Lorraine",
            "Agnieszka",
            "Jamal",
            "Tariq",
            "Nisha",
            "Ade",
            "Zoe",
            "Sam",
            "Kit",
        ],
        apologies=["Joy"],
        stage="co_delivery",
        agenda=[
            ("The play area: asking other parents", "Kayleigh"),
            ("Keeping the connector post", "Jamal"),
        ],
        turns=4,
        prof=0.5,
        accessibility=STEP_FREE,
    ),
]

LC, SVC, CULT, IND = (
    "local_community",
    "organisational_service",
    "organisational_culture",
    "individual",
)


def _done(
    considered: int, done: int, level: str, response: str, owner: str, *more: Step
) -> list[Step]:
    return [
        Step("considering", considered, owner=owner),
        *more,
        Step("done", done, level=level, response=response),
    ]


CONTRIBUTIONS = [
    C(
        "constitution",
        "We need a proper constitution and a committee before we do anything.",
        "Gordon",
        "gathering",
        ["the way we work"],
        at="kickoff",
        steps=[
            Step("considering", 10, owner="Denise"),
            Step(
                "not_possible",
                140,
                reason=(
                    "The group chose to stay informal for now, so that people who would never join "
                    "a committee still have a say. It can be looked at again."
                ),
                response="No committee for now, by the group's choice.",
            ),
        ],
    ),
    C(
        "damp",
        "Damp in the flats on Elm Court is making children ill.",
        "Imran",
        "gathering",
        ["housing", "health"],
        at="kickoff",
        steps=[
            Step("considering", 10, owner="Imran"),
            Step(
                "in_progress",
                130,
                response="Greenway Housing is surveying every flat on Elm Court.",
            ),
        ],
    ),
    C(
        "fresh_food",
        "Since the supermarket shut there is nowhere to buy fresh food without two buses.",
        "Shirley",
        "gathering",
        ["food", "transport", "older people"],
        at="cafe1",
        provenance="Said at the café morning; written on the wall chart by an innovation officer.",
        steps=_done(
            20,
            266,
            LC,
            "A community shop opened in the old bank on Station Road, run by volunteers.",
            "Lorraine",
            Step("prioritised", 98),
            Step("in_progress", 140),
        ),
    ),
    C(
        "parents_alone",
        "There is nothing for parents with babies round here. You do not see anyone all day.",
        "Kayleigh",
        "gathering",
        ["families", "loneliness"],
        at="cafe1",
        steps=_done(
            20,
            196,
            LC,
            "A parents' group, run by parents, meets every Thursday at the community centre.",
            "Kayleigh",
            Step("prioritised", 98),
            Step("in_progress", 112),
        ),
    ),
    C(
        "food_bank_queue",
        "The food bank queue is outside, in the rain, where everyone can see you.",
        "Tariq",
        "gathering",
        ["food", "dignity"],
        at="cafe1",
        steps=_done(20, 60, LC, "The queue now waits inside the church hall, with tea.", "Tariq"),
    ),
    C(
        "skills",
        "Loads of people here have skills, but nobody ever asks them.",
        "Dean",
        "gathering",
        ["skills"],
        at="mapping",
        steps=_done(
            30,
            168,
            LC,
            "The Northfield time bank: give an hour, get an hour back.",
            "Dean",
            Step("prioritised", 98),
            Step("in_progress", 112),
        ),
    ),
    C(
        "path_lights",
        "The path behind the flats has no lights. People will not walk it after dark.",
        "Jamal",
        "gathering",
        ["safety"],
        at="mapping",
        steps=[
            Step("considering", 35, owner="Marcus"),
            Step(
                "in_progress",
                294,
                response="Highways have surveyed the path; lights are in next year's plan.",
            ),
        ],
    ),
    C(
        "teenagers",
        "There is nowhere for teenagers to go at night except the bus shelter.",
        "Callum",
        "gathering",
        ["young people"],
        at="pizza",
        steps=[
            Step("considering", 50, owner="Fiona"),
            Step("in_progress", 200, response="Youth Works is trying Friday night sessions."),
        ],
    ),
    C(
        "holiday_hunger",
        "Kids go without lunch in the summer holidays.",
        "Nisha",
        "gathering",
        ["food", "young people", "families"],
        at="pizza",
        steps=_done(
            50,
            300,
            LC,
            "A summer lunch club ran from the community shop, cooked by volunteers.",
            "Nisha",
            Step("prioritised", 98),
            Step("in_progress", 238),
        ),
    ),
    C(
        "carer_cover",
        "I look after my husband and cannot leave him to come to things.",
        "Pat",
        "phone",
        ["carers", "the way we work"],
        at="phones",
        provenance="Said on the phone to an innovation officer; typed in by the note-taker.",
        steps=_done(
            60, 180, IND, "A time bank member sits with her husband so she can come out.", "Dean"
        ),
    ),
    C(
        "bus_cut",
        "They cut the 42 bus and now I cannot get to the doctor.",
        "Bernie",
        "phone",
        ["transport", "health"],
        at="phones",
        provenance="Said on the phone to an innovation officer; typed in by the note-taker.",
        steps=[
            Step("considering", 60, owner="Zoe"),
            Step(
                "not_possible",
                120,
                reason=(
                    "Bus routes are run by the bus company, and the council cannot bring back a "
                    "route the company has dropped."
                ),
                response="The group wrote to the bus company. Meanwhile the time bank gives lifts to the surgery.",
            ),
        ],
    ),
    C(
        "lonely",
        "I have been lonely since my husband died.",
        "Shirley",
        "phone",
        ["loneliness", "older people"],
        at="phones",
        provenance="Said on the phone to an innovation officer; typed in by the note-taker with her agreement.",
        steps=_done(60, 175, IND, "A time bank neighbour now visits her every week.", "Dean"),
    ),
    C(
        "letters",
        "Council letters are confusing, and only in English.",
        "Agnieszka",
        "gathering",
        ["language", "the way we work"],
        at="filming",
        steps=_done(
            75,
            300,
            CULT,
            "The council's community team now tests letters with residents, and translates the main ones.",
            "Denise",
            Step("in_progress", 150),
        ),
    ),
    C(
        "council_trust",
        "People think the council only turns up when it wants something.",
        "Dean",
        "story",
        ["trust", "the way we work"],
        at="filming",
        provenance="Said on camera in the community film.",
        steps=[Step("considering", 80, owner="Denise")],
    ),
    C(
        "youth_film_night",
        "Young people want to run part of the film night themselves.",
        "Fiona",
        "gathering",
        ["young people"],
        at="screening",
        steps=_done(100, 180, LC, "Young people ran the second film night.", "Fiona"),
    ),
    C(
        "second_film",
        "Film more of us. The film made people listen.",
        "Callum",
        "gathering",
        ["young people", "the way we work"],
        at="screening",
        steps=_done(100, 250, LC, "Young people made a second film, about the shop.", "Fiona"),
    ),
    C(
        "paid_post",
        "It all hangs on volunteers. Someone needs to be paid to hold it together.",
        "Lorraine",
        "gathering",
        ["money", "the way we work"],
        at="planning1",
        steps=_done(
            120,
            224,
            SVC,
            "The council created a paid community connector post, filled by a local resident.",
            "Denise",
            Step("in_progress", 140),
        ),
    ),
    C(
        "meeting_times",
        "Meetings should be when parents can come, with children welcome.",
        "Kayleigh",
        "gathering",
        ["families", "the way we work"],
        at="planning1",
        steps=_done(
            112, 120, CULT, "All sessions are now in school hours, with a play corner.", "Sam"
        ),
    ),
    C(
        "benches",
        "More benches on the high street, for older people.",
        None,
        "comment_box",
        ["older people"],
        at="comment_boxes",
        provenance="Left in the library comment box.",
        steps=_done(160, 270, LC, "Six new benches on the high street.", "Marcus"),
    ),
    C(
        "vouchers",
        "The shop should take Healthy Start vouchers.",
        None,
        "comment_box",
        ["food", "families"],
        at="comment_boxes",
        provenance="Left in the café comment box.",
        steps=[
            Step("considering", 160, owner="Lorraine"),
            Step("in_progress", 266, response="The shop has applied to take the vouchers."),
        ],
    ),
    C(
        "deliveries",
        "Can the shop deliver to people who cannot get out?",
        "Bernie",
        "paper",
        ["food", "older people"],
        at="comment_boxes",
        provenance="Written on a card in the café comment box; typed in by the note-taker.",
        steps=_done(160, 290, LC, "Time bank members deliver shop orders every Friday.", "Dean"),
    ),
    C(
        "holiday_lunch_again",
        "Kids need feeding in the holidays.",
        "Nisha",
        "gathering",
        ["food", "young people"],
        at="timebank_taster",
        steps=[
            Step(
                "merged",
                170,
                merged_into="holiday_hunger",
                reason="The same point, raised earlier at the pizza night.",
            )
        ],
    ),
    C(
        "shop_accounts",
        "I would like to learn to do the shop's accounts.",
        "Joy",
        "gathering",
        ["skills"],
        at="parents1",
        steps=_done(
            200, 330, IND, "She did a bookkeeping course and now keeps the shop's accounts.", "Dean"
        ),
    ),
    C(
        "money_ends",
        "The council's money ends after two years. What happens then?",
        "Lorraine",
        "gathering",
        ["money", "the way we work"],
        at="planning2",
        steps=[Step("considering", 250, owner="Denise")],
    ),
    C(
        "time_cards",
        "The time bank needs a way to log hours without a smartphone.",
        "Tariq",
        "gathering",
        ["skills", "the way we work"],
        at="planning2",
        steps=_done(240, 260, LC, "Paper time cards are kept behind the shop counter.", "Dean"),
    ),
    C(
        "polish_leaflet",
        "Translate the time bank leaflet into Polish.",
        "Agnieszka",
        "online",
        ["language", "skills"],
        day=325,
        provenance="Sent by email to an innovation officer after the planning meeting.",
        steps=_done(
            330, 350, LC, "The leaflet is now in Polish, translated by a time bank member.", "Dean"
        ),
    ),
    C(
        "play_area",
        "The parents' group wants a real say in the design of the new play area.",
        "Kayleigh",
        "gathering",
        ["families", "young people"],
        at="planning3",
        steps=[Step("considering", 322, owner="Marcus"), Step("prioritised", 406)],
    ),
    C(
        "connector_permanent",
        "Can the community connector post be made permanent?",
        "Jamal",
        "gathering",
        ["money", "the way we work"],
        at="review",
    ),
]

SHORTLIST = [
    "fresh_food",
    "parents_alone",
    "skills",
    "holiday_hunger",
    "path_lights",
    "teenagers",
    "letters",
]
PRIORITIES = ["fresh_food", "skills", "parents_alone", "holiday_hunger"]

WORKING_GROUPS = [
    WG(
        "Community shop",
        "Open and run a shop selling fresh food on the estate.",
        "fresh_food",
        ["Lorraine", "Tariq", "Dean", "Shirley", "Bilal", "Marcus"],
        98,
    ),
    WG(
        "Time bank",
        "Set up a time bank so people's skills are used and rewarded.",
        "skills",
        ["Dean", "Tariq", "Agnieszka", "Joy", "Zoe"],
        98,
    ),
    WG(
        "Parents' group",
        "A group for parents of young children, run by parents.",
        "parents_alone",
        ["Kayleigh", "Nisha", "Joy", "Agnieszka", "Zoe"],
        98,
    ),
]

DEFINITIONS = [
    (0, "Co-production is the council and residents designing services together."),
    (
        112,
        "Northfield Together is residents and the council doing things together: residents decide "
        "what matters, the council brings what it has, and everyone gets something back.",
    ),
]

VALUES = [
    ("empowerment", "", "Residents decide what matters; the council follows.", 112),
    ("reciprocity", "", "", 112),
    ("test_and_learn", "", "", 112),
    ("", "Come as you are", "No forms, no jargon, children and dogs welcome.", 112),
]

LIMITS = [
    (
        "off",
        "The project budget is \u00a340,000 a year for two years",
        "funder",
        "The Northfield Community Fund and the council set the amount. The group decides how it is "
        "spent, not how much there is.",
        0,
    ),
    (
        "off",
        "Bus routes",
        "law",
        "Bus routes here are run by a private company, and the law does not let the council make it "
        "run a route.",
        60,
    ),
    (
        "off",
        "Repairs to housing association homes",
        "organisation",
        "Repairs follow Greenway Housing's own process; the group can press, not decide.",
        120,
    ),
    (
        "on",
        "How the project money is spent",
        "group",
        "Residents decide at the planning meetings how the budget is spent.",
        112,
    ),
    (
        "off",
        "The community connector post is paid for two years only",
        "organisation",
        "The council's budget covers the post only while the project runs.",
        230,
    ),
]


def build(b: JourneyBuilder) -> None:
    """Lay out the Northfield journey's story on the builder (run later by ``b.run()``)."""
    b.organisations(ORGS)
    b.people(PEOPLE)
    b.role_changes(ROLE_CHANGES)
    b.leaves(LEAVES)
    b.gathering_plan(GATHERINGS)
    b.contribution_plan(CONTRIBUTIONS)
    agreement(b, DEFINITIONS, VALUES, LIMITS)
    b.working_groups(WORKING_GROUPS)

    # The group chose to make "you said, we did" public after the film night.
    share_you_said(b, 100)

    def close() -> None:
        b.dj.priority_event = b.gatherings["screening"]
        b.dj.shortlist = [b.contributions[k] for k in SHORTLIST]
        b.dj.priorities = [b.contributions[k] for k in PRIORITIES]

    b.after(close)
