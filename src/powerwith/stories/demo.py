"""The EBCD demo journey's stories, touchpoints, clips and feelings, built through the services.

Invented stories from patients and staff, each with a tiny invented file made here
(``demo.media``: one-second tones and small pictures, about 60 KB in all), consent for each
use, one consent withdrawn (Niamh no longer wants her story in public reports), a clip raised
as a contribution, the breast-care pathway's touchpoints, and feelings marked at each by
enough people on each side for the emotional map to show most of them.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from powerwith.contributions import services as contribution_services
from powerwith.demo import ebcd
from powerwith.demo.context import EBCD, DemoContext, DemoJourney
from powerwith.demo.media import png_picture, wav_tone, webm_film

from . import services

DAY = datetime.timedelta(days=1)

# The journey's touchpoints are made by the core demo (``demo.ebcd.TOUCHPOINTS``), in order.
TOUCHPOINTS = ebcd.TOUCHPOINTS

# teller, medium, title, words, file ("wav", "png" or ""), uses, how, on behalf by, day
STORIES: list[tuple[str, str, str, str, str, list[str], str, str, int]] = [
    (
        "Rosa",
        "audio",
        "Nobody told me how long",
        "After the diagnosis I waited three weeks for a date and nobody rang. I kept the phone "
        "in my hand all day.",
        "wav",
        ["group", "staff_events", "training"],
        "paper",
        "",
        12,
    ),
    (
        "Lin",
        "photos",
        "The chairs in the corridor",
        "Photos of where we waited after the scan: a corridor, six chairs, and a door that "
        "kept opening.",
        "png",
        ["group", "staff_events", "public"],
        "online",
        "",
        14,
    ),
    (
        "Deborah",
        "interview",
        "Going home with a drain",
        "Told to Sam on the phone: she went home with a drain and no number to ring at night. "
        "Her neighbour drove her back to A&E.",
        "",
        ["group", "staff_events"],
        "verbal",
        "",
        15,
    ),
    (
        "Niamh",
        "writing",
        "The nurse who sat down",
        "The breast care nurse sat down next to me and didn't look at the clock. That was the "
        "moment I could breathe again.",
        "",
        ["group", "staff_events", "public"],
        "paper",
        "",
        16,
    ),
    (
        "Joan",
        "interview",
        "Letters after the appointment",
        "Told to Kit at home: the letter about her appointment came two days after it.",
        "wav",
        ["group"],
        "verbal",
        "her son, Peter",
        18,
    ),
    (
        "Jo",
        "audio",
        "A nurse's view of the clinic",
        "From the breast care nurse: twelve new diagnoses on a Tuesday, and one room to tell "
        "people in.",
        "wav",
        ["group", "staff_events", "training"],
        "paper",
        "",
        20,
    ),
    (
        "Shazia",
        "film",
        "The word I heard",
        "Filmed at the Willow Centre: the day she was told, and the nurses on the ward who "
        "made her laugh again.",
        "webm",
        ["group", "staff_events"],
        "paper",
        "",
        17,
    ),
    (
        "Gill",
        "writing",
        "Discharge on a Friday",
        "From the ward manager: Friday discharges happen when the pharmacy closes early.",
        "",
        ["group", "staff_events"],
        "online",
        "",
        21,
    ),
]

# touchpoint -> (lived: list of (direction, strength, feelings)), professional: same)
Mark = tuple[str, int, list[str]]
LIVED: dict[str, list[Mark]] = {
    "waiting for results": [("worse", 2, ["anxious"])] * 3 + [("worse", 1, ["confused"])] * 2,
    "diagnosis": [("worse", 3, ["frightened", "alone"])] * 3
    + [("better", 2, ["cared_for"])] * 2
    + [("worse", 2, ["frightened"])],
    "before surgery": [("worse", 3, ["anxious", "ignored"])] * 4 + [("worse", 2, ["anxious"])] * 2,
    "ward stay": [("better", 2, ["cared_for", "reassured"])] * 4 + [("worse", 1, ["alone"])],
    "going home": [("worse", 3, ["frightened", "alone"])] * 3 + [("worse", 2, ["confused"])] * 2,
    "follow-up": [("better", 1, ["relieved"])] * 3,
}
PROFESSIONAL: dict[str, list[Mark]] = {
    "diagnosis": [("worse", 2, ["anxious"])] * 3 + [("better", 1, ["hopeful"])] * 2,
    "before surgery": [("worse", 1, ["confused"])] * 5,
    "ward stay": [("better", 2, ["hopeful"])] * 5,
    "going home": [("better", 1, ["reassured"])] * 3,
}


def extend(ctx: DemoContext) -> None:
    if EBCD in ctx.journeys:
        _ebcd(ctx, ctx.journeys[EBCD])


def _file(kind: str, n: int) -> Any:
    if kind == "wav":
        return SimpleUploadedFile(f"demo-{n}.wav", wav_tone(seconds=1.0, hertz=330 + 40 * n))
    if kind == "webm":
        return SimpleUploadedFile(f"demo-{n}.webm", webm_film())
    if kind == "png":
        return SimpleUploadedFile(f"demo-{n}.png", png_picture(rgb=(60 + 10 * n, 100, 140)))
    return None


def _ebcd(ctx: DemoContext, dj: DemoJourney) -> None:
    f, j = ctx.facilitator, dj.journey
    start = dj.gatherings[0].held_on if dj.gatherings else ctx.today - 200 * DAY
    # A theme the demo's contributions already use ("diagnosis") becomes the touchpoint.
    tps = dict(
        zip(
            TOUCHPOINTS,
            contribution_services.tags_get_or_create(
                journey=j, names=TOUCHPOINTS, kind="touchpoint"
            ),
            strict=True,
        )
    )
    told: dict[str, Any] = {}
    for n, (who, medium, title, words, kind, uses, how, by, day) in enumerate(STORIES):
        on = min(start + day * DAY, ctx.today)
        told[who] = services.story_create(
            actor=f,
            journey=j,
            teller=dj.people[who],
            medium=medium,
            title=title,
            words=words,
            told_on=on,
            provenance="Interviewed by Sam" if who != "Joan" else "Interviewed at home by Kit",
            upload=_file(kind, n),
            file_label={"wav": "The recording", "png": "Photo", "webm": "The film"}.get(kind, ""),
            consent_uses=uses,
            consent_how=how,
            consent_given_on=on,
            consent_given_by=by,
        )
    # Niamh changed her mind about public reports; her story stays for the group and events.
    services.consent_end(actor=f, story=told["Niamh"], use="public")
    rosa = told["Rosa"]
    clip = services.clip_create(
        actor=f,
        story=rosa,
        file=rosa.files.get(),
        start=Decimal("0.10"),
        end=Decimal("0.90"),
        transcript="Nobody rang. I kept the phone in my hand all day.",
        touchpoint=tps["before surgery"],
    )
    services.clip_raise(actor=f, clip=clip)
    lived = [p for p in dj.people.values() if p.side == "lived" and p.role != "funder"]
    staff = [
        p for p in dj.people.values() if p.role in ("frontline_staff", "manager", "senior_leader")
    ]
    for marks_by_tp, people in ((LIVED, lived), (PROFESSIONAL, staff)):
        for tp_name, marks in marks_by_tp.items():
            for i, (direction, strength, feelings) in enumerate(marks):
                services.feeling_mark(
                    actor=f,
                    journey=j,
                    touchpoint=tps[tp_name],
                    person=people[i % len(people)],
                    direction=direction,
                    strength=strength,
                    feelings=feelings,
                    channel="paper" if i % 2 else "event",
                    marked_on=min(start + (30 + i) * DAY, ctx.today),
                    provenance="Emotional mapping sheet from the patient event"
                    if people is lived
                    else "Emotional mapping sheet from the staff event",
                )
    _film(ctx, dj, told, tps, clip)


def _film(
    ctx: DemoContext, dj: DemoJourney, told: dict[str, Any], tps: dict[str, Any], rosa_clip: Any
) -> None:
    """The trigger film shown at the joint event: clips of a filmed story and two recordings,
    in order; what people said at the screening (praise and problems), and Jo's consent for
    events withdrawn after her clip was added, so the film skips it and says so."""
    f, j = ctx.facilitator, dj.journey
    event = dj.joint_event
    if event is None:
        return
    shazia, jo = told["Shazia"], told["Jo"]
    word = services.clip_create(
        actor=f,
        story=shazia,
        file=shazia.files.get(),
        start=Decimal("0.00"),
        end=Decimal("1.00"),
        transcript="The day they told me, I heard nothing after the word cancer.",
        touchpoint=tps["diagnosis"],
    )
    ward = services.clip_create(
        actor=f,
        story=shazia,
        file=shazia.files.get(),
        start=Decimal("1.00"),
        end=Decimal("2.00"),
        transcript="The nurses on the ward made me laugh again. Keep that.",
        touchpoint=tps["ward stay"],
    )
    room = services.clip_create(
        actor=f,
        story=jo,
        file=jo.files.get(),
        start=Decimal("0.00"),
        end=Decimal("0.90"),
        transcript="Twelve new diagnoses on a Tuesday, and one room to tell people in.",
        touchpoint=tps["diagnosis"],
    )
    film = services.film_create(actor=f, journey=j, gathering=event, title="The joint event film")
    for clip in (word, rosa_clip, room, ward):
        services.film_clip_add(actor=f, film=film, clip=clip)
    said = [
        (word, "Rosa", "Being told with a nurse there made all the difference to me.", "praise"),
        (word, "Helen", "We have no quiet room to tell people in. We need one.", "problem"),
        (ward, "Dev", "The evening chats on the ward kept my wife going. Keep them.", "praise"),
        (ward, "Amara", "The ward staff explained everything twice, kindly.", "praise"),
    ]
    for clip, who, text, kind in said:
        services.film_remark(
            actor=f, film=film, clip=clip, text=text, raised_by=dj.people[who], kind=kind
        )
    contribution_services.contribution_create(
        actor=f,
        journey=j,
        text="The follow-up clinic ran on time and the nurse remembered my name.",
        channel="paper",
        raised_by=dj.people["Maggie"],
        raised_on=min(event.held_on, ctx.today),
        provenance="Written on a card at the joint event",
        touchpoints=["follow-up"],
        kind="praise",
    )
    # Jo asked, after the film was made, that her clip not be shown at events after all.
    services.consent_end(actor=f, story=jo, use="staff_events")
