"""Demo journey 1: a hospital breast-cancer service running experience-based co-design.

Invented people and places, modelled on the experience-based co-design case in Farr 2018: staff
and patient interviews, a film of patient stories shown at a joint staff-patient event, a vote on
priorities, co-design groups meeting regularly; 36 issues raised, 29 acted upon; waiting times
and ward care hardest to change; ward staff who felt criticised stepped back, after which the ward
group could not continue. A patient becomes a peer support worker (Chauhan, Croft & Spyridonidis
2022). Days are counted from the journey's start, about 16 months before today.
"""

from __future__ import annotations

from collections.abc import Sequence

from powerwith.contributions import services as contribution_services
from powerwith.journeys import services as journey_services

from .builder import WG, C, G, JourneyBuilder, Leave, P, RoleChange, Step

SLUG = "better-breast-care"
LENGTH = 485  # days from the start to today

TITLE = "Better breast care"
HOST = "Riverside Hospital NHS Trust"
HOST_KIND = "health"
PURPOSE = (
    "Patients, carers and staff of the breast unit improving the experience of breast cancer care "
    "together, from the day of diagnosis to follow-up, using experience-based co-design."
)

ORGS = [
    ("Riverside Hospital NHS Trust", "statutory_health"),
    ("Harbour Health Charity", "funder"),
    ("The Willow Centre", "voluntary"),
]

TRUST, CHARITY, WILLOW = (o[0] for o in ORGS)

PEOPLE = [
    # The facilitator, the note-taker and the funder's representative.
    P("Sam", "facilitator", 0, org=WILLOW, account="facilitator", talk=1.1, shared=True),
    P("Kit", "facilitator", 0, org=WILLOW, account="notes", talk=0.0, shared=True),
    P("Priya", "funder", 0, org=CHARITY, account="funder", talk=0.5, shared=True),
    # Staff, across seniority.
    P("Jo", "frontline_staff", 0, org=TRUST, talk=1.2),  # breast care nurse
    P("Priti", "frontline_staff", 0, org=TRUST, talk=0.8),  # ward nurse
    P("Helen", "frontline_staff", 0, org=TRUST, talk=0.9),  # ward nurse
    P("Femi", "frontline_staff", 0, org=TRUST, talk=0.6),  # healthcare assistant
    P("Mark", "frontline_staff", 0, org=TRUST, talk=0.8),  # therapy radiographer
    P("Sue", "frontline_staff", 0, org=TRUST, talk=0.6),  # clinic receptionist
    P("Gill", "manager", 0, org=TRUST, talk=1.1),  # ward manager
    P("Anil", "manager", 0, org=TRUST, talk=1.5),  # consultant surgeon, clinical lead
    P("Colin", "manager", 0, org=TRUST, talk=1.4),  # service manager
    P("Patricia", "senior_leader", 300, org=TRUST, talk=1.3),  # director of nursing
    # Patients and carers. Some are not online: their words reach the group by phone and paper.
    P("Rosa", "service_user", 10, account="patient", talk=1.4),
    P("Lin", "service_user", 10, talk=1.0),
    P("Shazia", "service_user", 10, talk=0.9),
    P("Maggie", "service_user", 10, talk=0.8),
    P("Bev", "service_user", 10, talk=0.9),
    P("Deborah", "service_user", 10, online=False, contact="By phone (number kept by Sam)"),
    P("Joan", "service_user", 10, online=False, talk=0.4, contact="By phone or letter"),
    P("Niamh", "service_user", 10, talk=1.0),
    P("Tessa", "service_user", 10, online=False, talk=0.6, contact="By phone"),
    P("Amara", "service_user", 10, talk=1.1),
    P("Dev", "carer", 10, talk=0.8),
    P("Kath", "carer", 10, talk=0.7),
    P("Yvonne", "service_user", 245, online=False, contact="By letter"),
    P("Carol", "service_user", 300, talk=0.9),
]

ROLE_CHANGES = [RoleChange("Amara", 250, "peer_worker", paid=True)]

LEAVES = [
    Leave(
        "Femi",
        100,
        "Felt criticised: the patients' film seemed to blame the ward team. Stopped coming to the ward group.",
    ),
    Leave(
        "Helen",
        125,
        "Said the meetings had become about criticising nurses and asked to step back.",
    ),
    Leave("Joan", 200, "Too unwell during chemotherapy to keep taking part."),
    Leave(
        "Bev",
        230,
        "The ward group stopped meeting after the nurses left; felt nothing would change.",
    ),
]

STAFF_ALL = ["Jo", "Priti", "Helen", "Femi", "Mark", "Sue", "Gill", "Anil", "Colin"]
HOSPITAL = "Breast unit, Riverside Hospital"
EDUCATION = "Education centre, Riverside Hospital"
WILLOW_VENUE = "The Willow Centre, Church Lane"
STEP_FREE = "Step-free access, hearing loop, quiet room next door."

GATHERINGS = [
    G(
        "staff_interviews",
        "Staff interviews",
        "interview",
        0,
        "institutional",
        HOSPITAL,
        [*STAFF_ALL, "Sam"],
        stage="co_design",
        notes="One-to-one conversations about what it is like to work in the unit.",
    ),
    G(
        "patient_film",
        "Filmed patient interviews",
        "interview",
        14,
        "home",
        "At home, or at the Willow Centre",
        [
            "Rosa",
            "Lin",
            "Shazia",
            "Maggie",
            "Bev",
            "Deborah",
            "Joan",
            "Niamh",
            "Tessa",
            "Amara",
            "Dev",
            "Kath",
            "Sam",
            "Kit",
        ],
        stage="co_design",
        notes="Twelve patients and carers told their stories on film; the film was edited with them.",
    ),
    G(
        "staff_event",
        "Staff feedback event",
        "workshop",
        35,
        "institutional",
        EDUCATION,
        [*STAFF_ALL, "Sam", "Kit"],
        stage="co_design",
        agenda=[
            ("What we heard in the staff interviews", "Sam"),
            ("What we are proud of", "Colin"),
            ("What we would change", "Gill"),
        ],
        turns=6,
        minutes=True,
    ),
    G(
        "patient_event",
        "Patient and carer feedback event",
        "workshop",
        42,
        "community",
        WILLOW_VENUE,
        ["Rosa", "Lin", "Shazia", "Maggie", "Bev", "Niamh", "Amara", "Dev", "Kath", "Sam", "Kit"],
        apologies=["Deborah", "Joan", "Tessa"],
        stage="co_design",
        agenda=[
            ("Watching the film together", "Sam"),
            ("What matters most to us", "Sam"),
            ("What we want staff to hear", "Rosa"),
        ],
        turns=6,
        minutes=True,
        accessibility=STEP_FREE + " Taxis paid for anyone who needed one.",
        starts=(13, 30),
    ),
    G(
        "joint_event",
        "Joint event: the patient film and choosing priorities",
        "codesign_event",
        56,
        "institutional",
        EDUCATION,
        [
            "Rosa",
            "Lin",
            "Shazia",
            "Maggie",
            "Bev",
            "Niamh",
            "Amara",
            "Dev",
            "Kath",
            *STAFF_ALL,
            "Sam",
            "Kit",
            "Priya",
        ],
        apologies=["Deborah", "Joan", "Tessa"],
        stage="co_design",
        agenda=[
            ("Welcome and the patient film", "Sam"),
            ("Response from the service", "Colin"),
            ("Surgery and waiting times: an update", "Anil"),
            ("Voting on priorities", "Sam"),
            ("Forming co-design groups", "Gill"),
        ],
        turns=5,
        prof=2.6,
        live=True,
        notes=(
            "The film was hard to watch for some ward staff. Staff and patients voted on what to "
            "work on first, with dots, and formed three co-design groups."
        ),
        accessibility=STEP_FREE,
        starts=(13, 0),
    ),
    G(
        "wga1",
        "Diagnosis day group: first meeting",
        "workshop",
        77,
        "institutional",
        HOSPITAL,
        ["Rosa", "Lin", "Dev", "Jo", "Mark", "Sue", "Sam", "Kit"],
        stage="co_design",
        agenda=[("Where bad news is given", "Jo"), ("What a good diagnosis day looks like", "Sam")],
        turns=6,
        prof=1.8,
        live=True,
        group="Diagnosis day",
    ),
    G(
        "wgb1",
        "Ward stay and going home group: first meeting",
        "workshop",
        84,
        "institutional",
        "Ward 7 seminar room, Riverside Hospital",
        ["Bev", "Kath", "Helen", "Femi", "Gill", "Priti", "Sam", "Kit"],
        apologies=["Deborah"],
        stage="co_design",
        agenda=[
            ("Ward staffing: what we can and cannot change", "Gill"),
            ("Nights on the ward", "Bev"),
        ],
        turns=5,
        prof=2.0,
        notes="Two of the ward staff said the film made the ward team look uncaring.",
        group="Ward stay and going home",
    ),
    G(
        "wgc1",
        "After surgery and follow-up group: first meeting",
        "workshop",
        91,
        "institutional",
        HOSPITAL,
        ["Amara", "Shazia", "Maggie", "Niamh", "Jo", "Anil", "Priti", "Sam", "Kit"],
        apologies=["Tessa"],
        stage="co_design",
        agenda=[("Follow-up clinic delays", "Anil"), ("Support after treatment", "Amara")],
        turns=6,
        prof=1.8,
        live=True,
        group="After surgery and follow-up",
    ),
    G(
        "wga2",
        "Diagnosis day group: second meeting",
        "workshop",
        112,
        "institutional",
        HOSPITAL,
        ["Rosa", "Lin", "Dev", "Jo", "Sue", "Sam", "Kit"],
        apologies=["Mark"],
        stage="co_design",
        agenda=[("Draft \u201cwhat happens next\u201d sheet", "Jo"), ("Quiet room trial", "Rosa")],
        turns=6,
        prof=1.3,
        minutes=True,
        group="Diagnosis day",
    ),
    G(
        "wgb2",
        "Ward stay and going home group: second meeting",
        "workshop",
        119,
        "institutional",
        "Ward 7 seminar room, Riverside Hospital",
        ["Bev", "Kath", "Gill", "Priti", "Sam", "Kit"],
        absent=["Helen"],
        stage="co_design",
        agenda=[("Discharge delays", "Gill"), ("Cold food and trays out of reach", "Bev")],
        turns=4,
        prof=1.6,
        group="Ward stay and going home",
    ),
    G(
        "phone_round",
        "Phone round with people who cannot come in",
        "phone_round",
        133,
        "phone",
        "",
        ["Deborah", "Joan", "Tessa", "Sam"],
        stage="co_design",
        notes="The facilitator phoned people who cannot come to meetings; the note-taker typed up what they said.",
    ),
    G(
        "wgc2",
        "After surgery and follow-up group: second meeting",
        "workshop",
        147,
        "institutional",
        HOSPITAL,
        ["Amara", "Shazia", "Maggie", "Niamh", "Tessa", "Jo", "Priti", "Sam", "Kit"],
        apologies=["Anil"],
        stage="co_design",
        agenda=[
            ("Peer support: what would it look like?", "Amara"),
            ("One number to call", "Maggie"),
        ],
        turns=6,
        prof=1.2,
        live=True,
        group="After surgery and follow-up",
    ),
    G(
        "steering1",
        "Steering group",
        "formal_meeting",
        168,
        "institutional",
        "Trust board room, Riverside Hospital",
        ["Colin", "Gill", "Anil", "Sam", "Kit", "Rosa", "Amara", "Priya"],
        stage="co_design",
        agenda=[
            ("Progress report", "Colin"),
            ("Budget for the changes", "Colin"),
            ("Theatre capacity", "Anil"),
            ("Ward staffing", "Gill"),
        ],
        turns=6,
        prof=2.8,
        live=True,
        starts=(16, 0),
    ),
    G(
        "wga3",
        "Diagnosis day group: third meeting",
        "workshop",
        182,
        "institutional",
        HOSPITAL,
        ["Rosa", "Lin", "Dev", "Jo", "Mark", "Sue", "Sam", "Kit"],
        stage="co_design",
        agenda=[("Training new nurses with patients", "Rosa"), ("Reception privacy screen", "Sue")],
        turns=6,
        prof=1.0,
        group="Diagnosis day",
    ),
    G(
        "wgb3",
        "Ward stay and going home group: third meeting",
        "workshop",
        196,
        "institutional",
        "Ward 7 seminar room, Riverside Hospital",
        ["Bev", "Gill", "Sam", "Kit"],
        apologies=["Kath", "Priti"],
        stage="co_design",
        agenda=[("Can the group carry on?", "Sam")],
        turns=4,
        prof=1.5,
        notes="Only three people came. The group agreed to pause until more ward staff can take part.",
        group="Ward stay and going home",
    ),
    G(
        "wgc3",
        "After surgery and follow-up group: third meeting",
        "workshop",
        224,
        "institutional",
        HOSPITAL,
        ["Amara", "Shazia", "Maggie", "Niamh", "Jo", "Anil", "Priti", "Sam", "Kit"],
        stage="co_delivery",
        agenda=[
            ("A peer support worker role", "Amara"),
            ("A record patients keep themselves", "Maggie"),
            ("A waiting board in clinic", "Shazia"),
        ],
        turns=6,
        prof=1.0,
        live=True,
        group="After surgery and follow-up",
    ),
    G(
        "feedback_sheets",
        "Feedback sheets and comment box",
        "survey_round",
        245,
        "institutional",
        "Clinic waiting area and Ward 7",
        [],
        stage="co_evaluation",
        notes="Paper feedback sheets on the ward and in clinic, and a comment box by reception.",
    ),
    G(
        "wga4",
        "Diagnosis day group: fourth meeting",
        "workshop",
        280,
        "community",
        WILLOW_VENUE,
        ["Rosa", "Lin", "Dev", "Niamh", "Jo", "Sue", "Sam", "Kit"],
        apologies=["Mark"],
        stage="co_delivery",
        agenda=[
            ("Patients teaching communication", "Rosa"),
            ("Asking patients before each meeting", "Niamh"),
            ("A leaflet for carers", "Dev"),
        ],
        turns=6,
        prof=0.8,
        live=True,
        accessibility=STEP_FREE,
        group="Diagnosis day",
    ),
    G(
        "combined",
        "All co-design groups together",
        "workshop",
        315,
        "institutional",
        EDUCATION,
        [
            "Rosa",
            "Lin",
            "Shazia",
            "Maggie",
            "Niamh",
            "Amara",
            "Dev",
            "Carol",
            "Jo",
            "Priti",
            "Mark",
            "Sue",
            "Gill",
            "Anil",
            "Colin",
            "Patricia",
            "Sam",
            "Kit",
        ],
        apologies=["Kath"],
        stage="co_delivery",
        agenda=[
            ("What has changed so far", "Sam"),
            ("Waiting times: the honest picture", "Shazia"),
            ("What comes next", "Patricia"),
            ("The peer support post", "Amara"),
        ],
        turns=4,
        prof=1.4,
        live=True,
        accessibility=STEP_FREE,
        starts=(13, 0),
    ),
    G(
        "wgc4",
        "After surgery and follow-up group: fourth meeting",
        "workshop",
        380,
        "community",
        WILLOW_VENUE,
        ["Amara", "Shazia", "Maggie", "Niamh", "Carol", "Jo", "Priti", "Sam", "Kit"],
        apologies=["Anil"],
        stage="co_delivery",
        agenda=[
            ("Peer support after treatment ends", "Amara"),
            ("Follow-up at the Northside clinic", "Maggie"),
        ],
        turns=6,
        prof=0.9,
        minutes=True,
        accessibility=STEP_FREE,
        group="After surgery and follow-up",
    ),
    G(
        "steering2",
        "Steering group",
        "formal_meeting",
        430,
        "institutional",
        "Trust board room, Riverside Hospital",
        ["Colin", "Gill", "Anil", "Patricia", "Sam", "Kit", "Rosa", "Amara", "Carol", "Priya"],
        stage="co_evaluation",
        agenda=[
            ("Waiting times this quarter", "Colin"),
            ("A patient seat on the unit's management meeting", "Rosa"),
            ("After the charity funding ends", "Patricia"),
        ],
        turns=5,
        prof=2.0,
        live=True,
        starts=(16, 0),
    ),
    G(
        "celebration",
        "What we changed together: review and celebration",
        "codesign_event",
        470,
        "community",
        WILLOW_VENUE,
        [
            "Rosa",
            "Lin",
            "Shazia",
            "Maggie",
            "Niamh",
            "Amara",
            "Dev",
            "Kath",
            "Carol",
            "Tessa",
            "Jo",
            "Priti",
            "Mark",
            "Sue",
            "Gill",
            "Colin",
            "Sam",
            "Kit",
            "Priya",
        ],
        apologies=["Anil", "Patricia"],
        stage="co_evaluation",
        agenda=[
            ("What we changed together", "Rosa"),
            ("What did not change, and why", "Sam"),
            ("Keeping it going", "Amara"),
        ],
        turns=3,
        prof=1.0,
        accessibility=STEP_FREE + " Taxis and lunch provided.",
        starts=(12, 0),
    ),
]

FILM = "From her story in the patient film; typed up by the note-taker from the film."
AT_HOME = "Said in her filmed interview at home; she is not online, so the note-taker typed it up."
PHONE = "Said on the phone to the facilitator in the phone round; typed up by the note-taker."

SVC, CULT, IND, POL = (
    "organisational_service",
    "organisational_culture",
    "individual",
    "policy_structural",
)


def _acted(
    considered: int, done: int | None, level: str, response: str, owner: str, *more: Step
) -> list[Step]:
    steps = [Step("considering", considered, owner=owner), *more]
    if done is not None:
        steps.append(Step("done", done, level=level, response=response))
    return steps


CONTRIBUTIONS = [
    # What staff said in their interviews.
    C(
        "private_room_staff",
        "We give bad news with no private room free, and it upsets us as much as the patients.",
        "Jo",
        "interview",
        ["diagnosis", "privacy", "staff wellbeing"],
        at="staff_interviews",
        steps=[
            Step(
                "merged",
                40,
                merged_into="corridor",
                reason="The same point as being told in a corridor.",
            )
        ],
    ),
    C(
        "radiotherapy_info",
        "Patients turn up for radiotherapy with no idea what is going to happen.",
        "Mark",
        "interview",
        ["radiotherapy", "information"],
        at="staff_interviews",
        steps=_acted(
            35,
            230,
            SVC,
            "Everyone now gets a short film and can visit the radiotherapy room before their first session.",
            "Mark",
            Step("in_progress", 100),
        ),
    ),
    C(
        "ward_staffing",
        "We cannot give ward patients the time they need with the number of staff we have.",
        "Gill",
        "interview",
        ["ward stay", "ward care", "staffing"],
        at="staff_interviews",
        steps=[
            Step("considering", 35, owner="Gill"),
            Step(
                "not_possible",
                120,
                reason=(
                    "The number of nurses on each ward is set by the trust's budget and national "
                    "safe-staffing rules, so the group cannot add posts. It can look at how nurses' "
                    "time is used."
                ),
                response="We could not add nurses. We told the group why, later than we should have.",
            ),
        ],
    ),
    C(
        "reception_privacy",
        "The clinic reception has nowhere to have a private word with someone.",
        "Sue",
        "interview",
        ["diagnosis", "privacy", "environment"],
        at="staff_interviews",
        steps=_acted(
            35,
            240,
            SVC,
            "A screen and a side desk now let reception staff talk to people privately.",
            "Sue",
            Step("in_progress", 182),
        ),
    ),
    C(
        "discharge_paperwork",
        "Discharge paperwork takes hours, so patients sit on the ward all day waiting to go.",
        "Priti",
        "interview",
        ["going home", "waiting times"],
        at="staff_interviews",
        steps=[
            Step("considering", 35, owner="Priti"),
            Step(
                "in_progress",
                119,
                response="The ward is trying a checklist started the day before discharge.",
            ),
        ],
    ),
    # The patient film and interviews.
    C(
        "corridor",
        "I was told I had cancer in a corridor, because all the rooms were busy.",
        "Rosa",
        "story",
        ["diagnosis", "privacy", "communication"],
        at="patient_film",
        provenance=FILM,
        steps=_acted(
            40,
            200,
            SVC,
            "A quiet room next to the clinic is now kept free on every diagnosis day.",
            "Jo",
            Step("prioritised", 56),
            Step("in_progress", 77),
        ),
    ),
    C(
        "next_steps",
        "Nobody told me what would happen next. I went home with nothing in writing.",
        "Lin",
        "interview",
        ["diagnosis", "information"],
        at="patient_film",
        provenance=FILM,
        steps=_acted(
            40,
            190,
            SVC,
            "Everyone now gets a \u201cwhat happens next\u201d sheet, written with patients, at diagnosis.",
            "Jo",
            Step("prioritised", 56),
            Step("in_progress", 112),
        ),
    ),
    C(
        "carer_waiting_room",
        "I was left in the waiting room. As her husband, nobody spoke to me at all.",
        "Dev",
        "story",
        ["diagnosis", "carers", "communication"],
        at="patient_film",
        provenance=FILM,
        steps=_acted(
            45,
            290,
            CULT,
            "Staff now invite the person's companion in, and the breast care nurses check in with carers too.",
            "Jo",
            Step("in_progress", 120),
        ),
    ),
    C(
        "biopsy_wait",
        "I waited three weeks for my biopsy results and heard nothing from anyone.",
        "Shazia",
        "interview",
        ["waiting for results", "waiting times"],
        at="patient_film",
        provenance=FILM,
        steps=[
            Step("considering", 45, owner="Colin"),
            Step(
                "not_possible",
                170,
                reason=(
                    "Results come from the regional laboratory, which works to national targets "
                    "the unit cannot change."
                ),
                response="The nurses now phone everyone on the day their results are due, even if they are late.",
            ),
        ],
    ),
    C(
        "surgery_wait",
        "The wait between being diagnosed and having my operation felt endless.",
        "Maggie",
        "interview",
        ["before surgery", "waiting times"],
        at="patient_film",
        provenance=FILM,
        steps=[
            Step("considering", 45, owner="Anil"),
            Step(
                "not_possible",
                168,
                reason=(
                    "Theatre time is shared across the whole trust and waiting times are set "
                    "against national cancer targets. This was off the table from the start."
                ),
                response="We cannot shorten the wait. We now tell people their likely date at diagnosis.",
            ),
        ],
    ),
    C(
        "night_bell",
        "On the ward at night I rang the bell and nobody came.",
        "Bev",
        "story",
        ["ward stay", "ward care"],
        at="patient_film",
        provenance=FILM,
        steps=[Step("considering", 40, owner="Gill"), Step("prioritised", 56)],
    ),
    C(
        "drain",
        "Nobody explained the drain after my operation. I was frightened to go home with it.",
        "Deborah",
        "interview",
        ["going home", "information"],
        at="patient_film",
        provenance=AT_HOME,
        steps=_acted(
            45,
            160,
            SVC,
            "A leaflet on caring for your drain, and a phone call the day after you go home.",
            "Priti",
            Step("in_progress", 90),
        ),
    ),
    C(
        "hearing",
        "I am hard of hearing and the ward was so noisy I missed what the doctor said.",
        "Joan",
        "interview",
        ["ward stay", "communication", "accessibility"],
        at="patient_film",
        provenance=AT_HOME,
        steps=_acted(
            30,
            60,
            IND,
            "Her notes now say she is hard of hearing; staff sit down and face her when they talk.",
            "Gill",
        ),
    ),
    C(
        "body_image",
        "Nobody asked how I felt about losing my breast. It was all about the operation.",
        "Niamh",
        "story",
        ["before surgery", "emotional support"],
        at="patient_film",
        provenance=FILM,
        steps=_acted(
            45,
            330,
            CULT,
            "A conversation about body image is now part of the appointment before surgery, and staff were trained by patients.",
            "Jo",
            Step("prioritised", 56),
            Step("in_progress", 147),
        ),
    ),
    C(
        "parking",
        "Parking costs a fortune when you come in every day for radiotherapy.",
        "Tessa",
        "interview",
        ["radiotherapy", "money", "transport"],
        at="patient_film",
        provenance=AT_HOME,
        steps=_acted(
            50,
            360,
            POL,
            "The trust now gives a free parking permit to anyone coming in for daily treatment.",
            "Colin",
            Step("in_progress", 170),
        ),
    ),
    C(
        "peer_support",
        "I had nobody to talk to who had been through it themselves.",
        "Amara",
        "story",
        ["follow-up", "peer support"],
        at="patient_film",
        provenance=FILM,
        steps=_acted(
            45,
            250,
            SVC,
            "The unit created a paid peer support worker post, held by a former patient.",
            "Colin",
            Step("prioritised", 56),
            Step("in_progress", 147),
        ),
    ),
    C(
        "discharge_transport",
        "Mum was sent home at nine at night with no way of getting there.",
        "Kath",
        "story",
        ["going home", "ward care", "transport"],
        at="patient_film",
        provenance=FILM,
        steps=[
            Step("considering", 45, owner="Gill"),
            Step("prioritised", 56),
            Step(
                "in_progress",
                119,
                response="No one is now discharged after 6pm without transport booked. Still being tested.",
            ),
        ],
    ),
    C(
        "letters",
        "The letters used words I did not understand.",
        "Rosa",
        "online",
        ["follow-up", "information", "language"],
        day=20,
        provenance="Sent by email to the facilitator after her interview.",
        entered="patient",
        steps=_acted(
            50,
            280,
            SVC,
            "The unit's letters were rewritten in plain English with the patient panel.",
            "Colin",
            Step("in_progress", 182),
        ),
    ),
    C(
        "clinic_late",
        "The follow-up clinic ran two hours late and nobody said why.",
        "Lin",
        "interview",
        ["follow-up", "waiting times"],
        at="patient_film",
        provenance=FILM,
        steps=[
            Step("considering", 45, owner="Anil"),
            Step("prioritised", 56),
            Step(
                "in_progress",
                224,
                response="A board in clinic now shows how late things are running; a new rota is being tried.",
            ),
        ],
    ),
    C(
        "who_to_phone",
        "I did not know who to phone when something felt wrong at home.",
        "Maggie",
        "interview",
        ["follow-up", "information"],
        at="patient_film",
        provenance=FILM,
        steps=_acted(
            45,
            210,
            SVC,
            "One phone number for the breast care nurses, on a card everyone is given.",
            "Jo",
            Step("prioritised", 56),
            Step("in_progress", 147),
        ),
    ),
    # The patient and carer feedback event.
    C(
        "languages",
        "Everything is only in English. My mother could not read any of it.",
        "Shazia",
        "gathering",
        ["diagnosis", "language", "information"],
        at="patient_event",
        steps=_acted(
            56,
            300,
            SVC,
            "The main leaflets are now in Urdu, Polish and Bengali, and interpreters are booked ahead.",
            "Sue",
            Step("in_progress", 150),
        ),
    ),
    C(
        "cold_food",
        "Food on the ward came cold, and the tray was left where I could not reach it.",
        "Bev",
        "gathering",
        ["ward stay", "ward care"],
        at="patient_event",
        steps=[
            Step("considering", 56, owner="Gill"),
            Step(
                "in_progress",
                119,
                response="The ward tried a mealtime check; it stopped when the ward group paused.",
            ),
        ],
    ),
    C(
        "card_machines",
        "The car park machines do not take cards.",
        "Dev",
        "gathering",
        ["money", "transport"],
        at="patient_event",
        steps=[Step("merged", 60, merged_into="parking", reason="Part of the parking point.")],
    ),
    C(
        "wig_fitting",
        "The wig fitting service is in a basement with no signs to it.",
        "Amara",
        "gathering",
        ["chemotherapy", "environment"],
        at="patient_event",
        steps=_acted(
            60,
            180,
            SVC,
            "Wig fitting moved to the Willow Centre, with signs from the clinic.",
            "Colin",
        ),
    ),
    C(
        "reconstruction_peer",
        "I wish I had met someone who had had a reconstruction before I chose.",
        "Lin",
        "gathering",
        ["before surgery", "peer support"],
        at="patient_event",
        steps=[
            Step("merged", 60, merged_into="peer_support", reason="Part of the peer support point.")
        ],
    ),
    # The joint event.
    C(
        "co_training",
        "Let patients help train new staff in how to give bad news.",
        "Rosa",
        "gathering",
        ["diagnosis", "training", "the way we work"],
        at="joint_event",
        steps=_acted(
            60,
            320,
            CULT,
            "Patients now help teach the communication course for new nurses and doctors.",
            "Jo",
            Step("prioritised", 77),
            Step("in_progress", 182),
        ),
    ),
    C(
        "protected_time",
        "Give nurses protected time to phone patients after their operation.",
        "Jo",
        "gathering",
        ["follow-up", "staffing"],
        at="joint_event",
        steps=[
            Step("considering", 70, owner="Colin"),
            Step("in_progress", 224, response="Two hours a week are being tried on the rota."),
        ],
    ),
    C(
        "carers_leaflet",
        "Carers need their own leaflet, not just the patient one.",
        "Kath",
        "gathering",
        ["carers", "information"],
        at="joint_event",
        steps=_acted(
            70,
            330,
            SVC,
            "A leaflet for carers, written with carers, is handed out at diagnosis.",
            "Jo",
            Step("in_progress", 280),
        ),
    ),
    # The phone round.
    C(
        "meeting_transport",
        "I cannot get to the meetings at the hospital. The bus takes two hours.",
        "Joan",
        "phone",
        ["transport", "the way we work"],
        at="phone_round",
        provenance=PHONE,
        steps=[
            Step(
                "done",
                140,
                level=IND,
                response="A taxi is now booked and paid for Joan for each meeting.",
                owner="Sam",
            )
        ],
    ),
    C(
        "chemo_chairs",
        "The chairs in the chemotherapy unit are so close together there is no privacy.",
        "Tessa",
        "phone",
        ["chemotherapy", "privacy", "environment"],
        at="phone_round",
        provenance=PHONE,
        steps=[
            Step("considering", 150, owner="Colin"),
            Step("in_progress", 250, response="Screens ordered; the unit is being rearranged."),
        ],
    ),
    C(
        "community_clinic",
        "I would like my follow-up at the clinic nearer home, not at the big hospital.",
        "Deborah",
        "phone",
        ["follow-up", "transport"],
        at="phone_round",
        provenance=PHONE,
        steps=_acted(
            150,
            380,
            SVC,
            "A follow-up clinic now runs once a month at the Northside health centre.",
            "Anil",
            Step("in_progress", 224),
        ),
    ),
    # Feedback sheets and the comment box.
    C(
        "waiting_board",
        "Please tell us how long the wait is when clinic is running late.",
        None,
        "comment_box",
        ["follow-up", "waiting times"],
        at="feedback_sheets",
        provenance="Left in the comment box by clinic reception.",
        steps=[
            Step(
                "merged",
                260,
                merged_into="clinic_late",
                reason="The same point as the clinic running late.",
            )
        ],
    ),
    C(
        "night_staff",
        "The night staff were lovely but clearly rushed off their feet.",
        "Yvonne",
        "paper",
        ["ward stay", "ward care", "staffing"],
        at="feedback_sheets",
        provenance="Written on a feedback sheet on Ward 7; typed in by the note-taker.",
        steps=[Step("considering", 330, owner="Gill")],
    ),
    C(
        "waiting_area",
        "There is nothing to do in the waiting area for hours.",
        None,
        "paper",
        ["follow-up", "environment"],
        at="feedback_sheets",
        provenance="Anonymous feedback sheet from the clinic; typed in by the note-taker.",
        steps=_acted(
            260, 300, SVC, "Volunteers now run a tea trolley, and there is a reading corner.", "Sue"
        ),
    ),
    C(
        "handheld_record",
        "I would like a record I keep myself, so I do not have to tell my story every time.",
        "Maggie",
        "paper",
        ["follow-up", "information"],
        at="feedback_sheets",
        provenance="Written on a feedback sheet in clinic; typed in by the note-taker.",
        steps=[
            Step("considering", 250, owner="Jo"),
            Step(
                "in_progress",
                300,
                response="A patient-held record is being tested with ten patients.",
            ),
        ],
    ),
    # Later meetings.
    C(
        "ask_first",
        "Ask patients what matters before each meeting, not afterwards.",
        "Niamh",
        "gathering",
        ["the way we work"],
        at="wga4",
        steps=_acted(
            285,
            315,
            CULT,
            "Each meeting's agenda now starts from what patients sent in beforehand.",
            "Sam",
        ),
    ),
    C(
        "waiting_reports",
        "Waiting times should be reported to the group every three months, honestly.",
        "Shazia",
        "gathering",
        ["waiting times", "the way we work"],
        at="combined",
        steps=_acted(
            320,
            430,
            SVC,
            "The service manager now reports waiting times at every steering group.",
            "Colin",
        ),
    ),
    C(
        "peer_after",
        "Peer support should carry on after treatment ends, not stop on the last day.",
        "Amara",
        "gathering",
        ["follow-up", "peer support"],
        at="wgc4",
    ),
    C(
        "patient_seat",
        "A patient should sit on the breast unit's management meeting.",
        "Rosa",
        "gathering",
        ["the way we work"],
        at="steering2",
        provenance="She typed this in herself after the meeting.",
        entered="patient",
        steps=[
            Step("considering", 440, owner="Patricia"),
            Step(
                "in_progress",
                460,
                response="The director of nursing has asked the unit's management meeting to make room for two patients.",
            ),
        ],
    ),
    C(
        "keep_going",
        "Keep this group going after the charity money runs out.",
        "Carol",
        "gathering",
        ["the way we work", "money"],
        at="celebration",
    ),
]

# The items on the ballot at the joint event, and the ones that came out on top.
SHORTLIST = [
    "corridor",
    "next_steps",
    "night_bell",
    "peer_support",
    "discharge_transport",
    "clinic_late",
    "who_to_phone",
    "body_image",
    "carer_waiting_room",
    "cold_food",
    "languages",
    "surgery_wait",
]
PRIORITIES = [
    "corridor",
    "peer_support",
    "next_steps",
    "night_bell",
    "discharge_transport",
    "clinic_late",
    "who_to_phone",
    "body_image",
]

WORKING_GROUPS = [
    WG(
        "Diagnosis day",
        "Make the day people are told they have cancer as kind and clear as it can be.",
        "corridor",
        ["Rosa", "Lin", "Dev", "Jo", "Mark", "Sue"],
        56,
    ),
    WG(
        "Ward stay and going home",
        "Improve care on the ward and the way people go home after surgery.",
        "night_bell",
        ["Bev", "Deborah", "Kath", "Helen", "Femi", "Gill", "Priti"],
        56,
        closed=200,
    ),
    WG(
        "After surgery and follow-up",
        "Support after the operation: who to call, follow-up clinics and peer support.",
        "peer_support",
        ["Amara", "Shazia", "Maggie", "Niamh", "Tessa", "Jo", "Anil", "Priti"],
        56,
    ),
]

TOUCHPOINTS = [
    "diagnosis",
    "waiting for results",
    "before surgery",
    "ward stay",
    "going home",
    "chemotherapy",
    "radiotherapy",
    "follow-up",
]

DEFINITIONS = [
    (
        56,
        "Co-production means staff and patients working as equal partners to improve the breast "
        "care service, sharing power over what changes.",
    ),
    (
        315,
        "Co-production means patients, carers and staff working as equal partners on what matters "
        "most to patients: patients set the agenda as well as staff, we share the decisions, and "
        "we are honest about what we cannot change.",
    ),
]

VALUES = [
    ("empowerment", "", "", 56),
    ("equality", "", "In the room, a patient's experience counts as much as a consultant's.", 56),
    ("assets", "", "", 56),
    ("commitment", "", "We keep going even when it is uncomfortable to hear.", 56),
    ("", "Kindness", "We are kind to each other, including when we disagree.", 56),
]

LIMITS = [
    (
        "off",
        "Treatment decisions for any one patient",
        "organisation",
        "Which treatment someone has is between them and their clinical team. The group works on "
        "the experience around treatment.",
        0,
    ),
    (
        "off",
        "National cancer waiting-time targets and theatre lists",
        "law",
        "Waiting times are measured against national targets, and theatre time is shared across the "
        "trust. The group can work on how waiting feels and what people are told, not on the targets.",
        56,
    ),
    (
        "on",
        "How information is given at every step, from diagnosis to follow-up",
        "group",
        "The group agreed this is fully in its hands, with the breast care nurses' support.",
        56,
    ),
    (
        "off",
        "The number of nurses on each ward",
        "organisation",
        "Ward staffing is set by the trust's budget and national safe-staffing rules. The group can "
        "change how time is used, not add posts.",
        120,
    ),
    (
        "off",
        "Money for the facilitator, the film and patients' expenses lasts 18 months only",
        "funder",
        "A condition of Harbour Health Charity's grant. Anything that needs money after that must "
        "find another budget.",
        None,
    ),
]


def build(b: JourneyBuilder) -> None:
    """Lay out the breast care journey's story on the builder (run later by ``b.run()``)."""
    j = b.journey
    contribution_services.tags_get_or_create(journey=j, names=TOUCHPOINTS, kind="touchpoint")
    b.organisations(ORGS)
    b.people(PEOPLE)
    b.role_changes(ROLE_CHANGES)
    b.leaves(LEAVES)
    b.gathering_plan(GATHERINGS)
    b.contribution_plan(CONTRIBUTIONS)
    agreement(b, DEFINITIONS, VALUES, LIMITS)
    b.working_groups(WORKING_GROUPS)
    # Once the first changes were made, the group shared "you said, we did" publicly, for the
    # patients who never came to a meeting (the README links both demo journeys' public pages).
    share_you_said(b, 200)

    def close() -> None:
        b.dj.joint_event = b.dj.priority_event = b.gatherings["joint_event"]
        b.dj.shortlist = [b.contributions[k] for k in SHORTLIST]
        b.dj.priorities = [b.contributions[k] for k in PRIORITIES]

    b.after(close)


def share_you_said(b: JourneyBuilder, day: int) -> None:
    """Schedule the facilitator switching on the public "you said, we did" page on ``day``."""

    def share() -> None:
        j = b.journey
        journey_services.journey_update(
            actor=b.facilitator,
            journey=j,
            title=j.title,
            purpose=j.purpose,
            host=j.host,
            stages=j.stages,
            level=j.level,
            started_on=j.started_on,
            ended_on=j.ended_on,
            public_you_said=True,
        )

    b.other(day, share)


def agreement(
    b: JourneyBuilder,
    definitions: Sequence[tuple[int, str]],
    values: Sequence[tuple[str, str, str, int]],
    limits: Sequence[tuple[str, str, str, str, int | None]],
) -> None:
    """Schedule the group's agreement: definition versions, values and limits, on their days."""
    f, j = b.facilitator, b.journey
    for day, text in definitions:

        def add_definition(day: int = day, text: str = text) -> None:
            journey_services.definition_add(actor=f, journey=j, text=text, agreed_on=b.date(day))

        b.other(day, add_definition, order=5)
    for code, name, meaning, day in values:

        def add_value(
            code: str = code, name: str = name, meaning: str = meaning, day: int = day
        ) -> None:
            journey_services.value_add(
                actor=f, journey=j, code=code, name=name, meaning=meaning, chosen_on=b.date(day)
            )

        b.other(day, add_value, order=5)
    for table, text, set_by, why, disclosed in limits:

        def add_limit(
            table: str = table,
            text: str = text,
            set_by: str = set_by,
            why: str = why,
            disclosed: int | None = disclosed,
        ) -> None:
            journey_services.limit_add(
                actor=f,
                journey=j,
                text=text,
                set_by=set_by,
                why=why,
                table=table,
                disclosed_on=b.date(disclosed) if disclosed is not None else None,
            )

        b.other(disclosed if disclosed is not None else 0, add_limit, order=1)
