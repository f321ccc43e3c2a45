"""Answering a round one part at a time, and stopping to come back later.

A long round (the power audit has 28 questions) is split into parts: questions of one area
together, at most ``PART_SIZE`` to a part. The answers given so far travel with the form, in a
signed hidden field, so nothing is stored while a person moves between parts; they are sent
through ``services.answers_submit`` only from the last part.

"Save and come back later" keeps the unsent answers:

- for a **named** round, on the server with the person (``AnswerDraft``, through
  ``services.answer_draft_save``);
- for an **anonymous** round, only in the person's own browser: a signed cookie for this
  round's address, never written to the server's database or logs, deleted when the answers are
  sent. It carries the account's id so that someone else signing in on the same browser does
  not see it. A cookie holds about 4,000 characters, so very long written answers cannot be
  kept this way; the page says so.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core import signing

from .models import Question

PART_SIZE = 8
COOKIE_LIMIT = 3800  # characters; browsers keep at least 4,096 bytes per cookie
COOKIE_DAYS = 30


def split_parts(questions: list[Question]) -> list[list[Question]]:
    """One part per area, in order; an area longer than PART_SIZE is cut into nearly equal
    parts (9 questions make 5 and 4, never 8 and 1). A round of PART_SIZE questions or fewer
    is one part: a short round is quicker on one page."""
    if len(questions) <= PART_SIZE:
        return [questions]
    areas: list[list[Question]] = []
    for q in questions:
        if not areas or q.area != areas[-1][0].area:
            areas.append([])
        areas[-1].append(q)
    parts: list[list[Question]] = []
    for group in areas:
        n = -(-len(group) // PART_SIZE)  # how many parts, rounded up
        size = -(-len(group) // n)
        parts += [group[i : i + size] for i in range(0, len(group), size)]
    return parts or [[]]


def _salt(round_pk: int) -> str:
    return f"powerwith.reflection.draft.{round_pk}"


def pack(round_pk: int, values: dict[str, str], token: str) -> str:
    return signing.dumps({"v": values, "t": token}, salt=_salt(round_pk), compress=True)


def unpack(round_pk: int, blob: str) -> tuple[dict[str, str], str]:
    """The values and token from ``pack``; nothing when missing or tampered with."""
    try:
        data = signing.loads(blob, salt=_salt(round_pk))
    except signing.BadSignature:
        return {}, ""
    values = data.get("v") if isinstance(data, dict) else None
    if not isinstance(values, dict):
        return {}, ""
    return {str(k): str(v) for k, v in values.items()}, str(data.get("t") or "")


def cookie_name(round_pk: int) -> str:
    return f"pw_draft_{round_pk}"


def cookie_value(round_pk: int, user_pk: int, values: dict[str, str], part: int) -> str:
    return signing.dumps(
        {"u": user_pk, "v": values, "p": part}, salt=_salt(round_pk) + ".cookie", compress=True
    )


def from_cookie(round_pk: int, user_pk: int, raw: str | None) -> tuple[dict[str, str], int] | None:
    if not raw:
        return None
    try:
        data = signing.loads(
            raw,
            salt=_salt(round_pk) + ".cookie",
            max_age=datetime.timedelta(days=COOKIE_DAYS),
        )
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("u") != user_pk:
        return None
    values: Any = data.get("v")
    if not isinstance(values, dict):
        return None
    return {str(k): str(v) for k, v in values.items()}, int(data.get("p") or 0)
