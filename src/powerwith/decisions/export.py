"""The decisions part of a journey's export (see ``powerwith.exports``).

People appear only as the export's codes (P001...). A secret vote's choices are never exported
with anything that could tie them to a voter: only its results (by side only where each side
has at least five ballots, as on the pages) and who voted, never how. An open vote's ballots
are exported with the voter's code, as anyone in the group could see them.
"""

from __future__ import annotations

from powerwith.exports import account_ids, person_ids
from powerwith.journeys.models import Journey

from . import selectors, vocab
from .models import BallotReceipt, CoDesignGroup, Decision, GroupAction, Vote

Row = dict[str, object]

DESCRIPTIONS: dict[str, str] = {
    "decisions": "Every decision recorded: what was decided and when; where (at which gathering "
    "of the group, or where outside it); who proposed it (with the role and side they held that "
    "day) and who took it (the group by vote or by agreement, a professional alone, the "
    "organisation or the funder); its rung on the ladder of participation, from 1 (coercing) to "
    "7 (co-producing); the limits that constrained it and the contributions it answers.",
    "votes": "Every priority vote: its way of voting and rules, whether the ballot was secret, "
    "when it opened and closed, and how many ballots came from each side and on paper.",
    "vote_items": "The items on each vote's ballot: a contribution, a theme, or words of their own.",
    "vote_results": "The results of every finished vote, one line per item: its place (items with "
    "equal points share a place), points, share and how many backed it; then each side's place "
    "and share, and the difference in percentage points. By-side columns are empty for a secret "
    "vote where a side had fewer than 5 ballots. The counting rules are those shown on the vote's "
    "page (Borda count for ranked votes).",
    "vote_voters": "Who voted in each vote (never how, for a secret vote): the person's code, "
    "their side that day, whether they voted on their own device or on paper, and the date.",
    "vote_ballots": "The ballots of open (not secret) votes, as anyone in the group could see "
    "them: the voter's code and the marks given to each item (dots, a tick, a place or a score).",
    "codesign_groups": "The co-design groups: what each worked on (a contribution), its purpose, "
    "members (codes), gatherings, and when it formed and closed.",
    "group_actions": "The actions each co-design group agreed: what, who (code), by when, and "
    "when it was done.",
}


def _ids(values: object) -> str:
    return "; ".join(str(v) for v in values)  # type: ignore[attr-defined]


def tables(journey: Journey) -> dict[str, list[Row]]:
    people = person_ids(journey)
    accounts = account_ids(journey)

    def who(pk: int | None) -> str:
        return people.get(pk, "") if pk is not None else ""

    out: dict[str, list[Row]] = {}
    decisions = (
        Decision.objects.filter(journey=journey)
        .prefetch_related("limits", "answers")
        .order_by("decided_on", "id")
    )
    out["decisions"] = [
        {
            "decision_id": d.pk,
            "decided_on": d.decided_on,
            "text": d.text,
            "gathering_id": d.gathering_id,
            "where_outside": d.where_outside,
            "taken_by": d.taken_by,
            "taken_by_label": vocab.TAKERS.label(d.taken_by),
            "inside_group": d.inside_group,
            "rung": d.rung,
            "rung_label": vocab.RUNGS.label(d.rung),
            "rung_level": vocab.RUNGS[d.rung].extra["level"] if d.rung in vocab.RUNGS else None,
            "proposed_by": who(d.proposed_by_id),
            "proposer_role": d.proposer_role,
            "proposer_side": d.proposer_side,
            "vote_id": d.vote_id,
            "limit_ids": _ids(sorted(lim.pk for lim in d.limits.all())),
            "answers_contribution_ids": _ids(sorted(c.pk for c in d.answers.all())),
            "recorded_by": accounts.get(d.recorded_by_id, "") if d.recorded_by_id else "",
        }
        for d in decisions
    ]

    votes = list(
        Vote.objects.filter(journey=journey)
        .prefetch_related("options")
        .order_by("created_at", "id")
    )
    out["votes"] = []
    out["vote_items"] = []
    out["vote_results"] = []
    out["vote_ballots"] = []
    for v in votes:
        counts = selectors.ballot_counts(v)
        out["votes"].append(
            {
                "vote_id": v.pk,
                "title": v.title,
                "question": v.question,
                "method": v.method,
                "dots_each": v.dots if v.method == "dot" else None,
                "several_dots_on_one_item": v.stacking if v.method == "dot" else None,
                "highest_score": v.score_max if v.method == "score" else None,
                "secret": v.secret,
                "results_hidden_until_closed": v.hide_results,
                "state": v.state,
                "gathering_id": v.gathering_id,
                "opened_at": v.opened_at,
                "closes_at": v.closes_at,
                "closed_at": v.closed_at,
                "ballots": counts["total"],
                "ballots_lived": counts["lived"],
                "ballots_professional": counts["professional"],
                "ballots_on_paper": v.receipts.filter(channel=vocab.PAPER).count(),
            }
        )
        options = list(v.options.all())
        out["vote_items"] += [
            {
                "vote_id": v.pk,
                "option_id": o.pk,
                "position": o.position,
                "label": o.label,
                "contribution_id": o.contribution_id,
                "theme_tag_id": o.tag_id,
            }
            for o in options
        ]
        if selectors.vote_over(v):
            res = selectors.vote_results(v)
            common = {r.option.pk for r in res["sides"]["common_ground"]} if res["sides"] else set()
            for r in res["rows"]:
                sides = r.sides or {}
                out["vote_results"].append(
                    {
                        "vote_id": v.pk,
                        "option_id": r.option.pk,
                        "label": r.option.label,
                        "place": r.result.rank,
                        "points": float(r.result.points),
                        "share": round(float(r.result.share), 3),
                        "backed_by": r.result.voters,
                        "lived_place": sides.get("lived", {}).get("rank"),
                        "lived_share": _share(sides.get("lived")),
                        "professional_place": sides.get("professional", {}).get("rank"),
                        "professional_share": _share(sides.get("professional")),
                        "difference_points": r.difference,
                        "common_ground": (r.option.pk in common) if res["sides"] else None,
                    }
                )
        if not v.secret:
            labels = {o.pk: o.label for o in options}
            for receipt in v.receipts.order_by("person_id"):
                for option_id, mark in sorted(selectors._marks(receipt.marks).items()):
                    out["vote_ballots"].append(
                        {
                            "vote_id": v.pk,
                            "person": who(receipt.person_id),
                            "option_id": option_id,
                            "label": labels.get(option_id, ""),
                            "mark": mark,
                        }
                    )
    out["vote_voters"] = [
        {
            "vote_id": r.vote_id,
            "person": who(r.person_id),
            "side": r.side,
            "channel": r.channel,
            "cast_on": r.cast_on,
        }
        for r in BallotReceipt.objects.filter(vote__journey=journey).order_by(
            "vote_id", "person_id"
        )
    ]

    groups = (
        CoDesignGroup.objects.filter(journey=journey)
        .prefetch_related("members", "gatherings")
        .order_by("formed_on", "id")
    )
    out["codesign_groups"] = [
        {
            "group_id": g.pk,
            "name": g.name,
            "purpose": g.purpose,
            "item_contribution_id": g.item_id,
            "formed_on": g.formed_on,
            "closed_on": g.closed_on,
            "members": _ids(sorted(who(p.pk) for p in g.members.all())),
            "gathering_ids": _ids(sorted(x.pk for x in g.gatherings.all())),
        }
        for g in groups
    ]
    out["group_actions"] = [
        {
            "action_id": a.pk,
            "group_id": a.group_id,
            "what": a.what,
            "who": who(a.who_id),
            "due_on": a.due_on,
            "done_on": a.done_on,
        }
        for a in GroupAction.objects.filter(group__journey=journey).order_by("group_id", "id")
    ]
    return out


def _share(side: dict[str, object] | None) -> float | None:
    if not side:
        return None
    return round(float(side["fraction"]), 3)  # type: ignore[arg-type]
