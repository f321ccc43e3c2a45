"""The foundation indicators of the power dashboard, computed from the record.

Seven indicators (who is in the room, share of voice, who sets the agenda, follow-through,
who stays, where and how people meet, what changed) plus a small one on limits and decisions,
and the warning signs over them. Every figure is a plain function of ``(journey, period)``;
the page, the CLI and the API all call :func:`compute`.

Every figure is an aggregate query (GROUP BY on the role and side snapshots kept on each
record), so the number of queries does not grow with the size of the journey.

Each indicator is a dict with: ``title``, ``n`` (the number of records it rests on),
``small_numbers`` and ``note`` (said plainly when n is small), ``explanation`` (our own words),
``based_on`` (a source named in CONCEPTS.md), ``drill_down`` (a link to the records behind it)
and its values. docs/insights.md documents every key.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from powerwith.contributions import vocab as c_vocab
from powerwith.insights.context import (
    CHAUHAN,
    DUROSE,
    ESSAY,
    FARR,
    PROFESSIONAL,
    TOOLKIT,
    Ctx,
    days_words,
)
from powerwith.insights.maths import percent
from powerwith.insights.period import Period
from powerwith.insights.record_figures import (
    Stayer,
    _agenda,
    _changes,
    _follow_through,
    _limits,
    _retention,
    _room,
    _venues,
    _voice,
    per_gathering,
    retention_people,
    short_text,
)
from powerwith.insights.thresholds import ThresholdInfo
from powerwith.insights.types import Shown, WarningSign
from powerwith.journeys.models import Journey

# The section contract (insights/registry.py), and what other sections build on.
__all__ = [
    "DEFAULT_THRESHOLDS",
    "EVIDENCE_INFO",
    "INDICATORS",
    "KEY",
    "NO_TURNS",
    "TEMPLATE",
    "THRESHOLD_INFO",
    "TITLE",
    "WARNING_TITLES",
    "Ctx",
    "Stayer",
    "compute",
    "per_gathering",
    "retention_people",
    "short_text",
    "warnings",
]

KEY = "record"
TITLE = gettext_noop("Who takes part, who speaks, and what happens")  # translated where shown
TEMPLATE = "insights/sections/record.html"

DEFAULT_THRESHOLDS: dict[str, dict[str, Any]] = {
    "professionals_hold_voice": {"share": 0.6, "min_turns": 20},
    "lived_no_agenda": {"last_gatherings": 3, "min_items": 3},
    "unanswered_long": {"days": 30, "count": 5},
    "low_acted_upon": {"rate": 0.5, "min_raised": 10},
    "institutional_premises": {"share": 0.8, "min_gatherings": 4},
    "no_senior_leader": {"min_high_level_done": 1, "min_open_in_hand": 3},
    "staff_dropping_out": {"missed_gatherings": 3, "min_people": 1, "share": 0.2},
    "voice_concentrated": {"top3_share": 0.5, "gini": 0.5, "min_attendees": 8, "min_turns": 20},
    "limits_undisclosed": {"min_decisions": 1},
}

# The title of each warning sign, for the threshold settings page.
WARNING_TITLES = {
    "professionals_hold_voice": gettext_lazy("Professionals hold most of the voice"),
    "voice_concentrated": gettext_lazy("A few people hold most of the voice"),
    "lived_no_agenda": gettext_lazy(
        "People with lived experience proposed none of the recent agenda"
    ),
    "unanswered_long": gettext_lazy("Many contributions have waited a long time for an answer"),
    "low_acted_upon": gettext_lazy("Few contributions have been acted upon"),
    "institutional_premises": gettext_lazy("Almost everything happens on institutional premises"),
    "no_senior_leader": gettext_lazy("No senior leader is involved where changes need one"),
    "staff_dropping_out": gettext_lazy("Staff are dropping out"),
    "limits_undisclosed": gettext_lazy("Limits were not shared while decisions were being made"),
}

THRESHOLD_INFO: dict[str, dict[str, ThresholdInfo]] = {
    "professionals_hold_voice": {
        "share": ThresholdInfo(
            gettext_lazy("Professionals' share of speaking turns"),
            "share",
            gettext_lazy("Warn at this share or more."),
        ),
        "min_turns": ThresholdInfo(
            gettext_lazy("Fewest turns before warning"),
            "count",
            gettext_lazy("Say nothing until this many turns are recorded."),
        ),
    },
    "lived_no_agenda": {
        "last_gatherings": ThresholdInfo(
            gettext_lazy("Recent gatherings to look at"),
            "count",
            gettext_lazy("The most recent gatherings with an agenda."),
            minimum=1,
        ),
        "min_items": ThresholdInfo(
            gettext_lazy("Fewest agenda items before warning"),
            "count",
            gettext_lazy("Across those gatherings."),
            minimum=1,
        ),
    },
    "unanswered_long": {
        "days": ThresholdInfo(
            gettext_lazy("Days without an answer"),
            "days",
            gettext_lazy("A contribution counts once it waits this long."),
        ),
        "count": ThresholdInfo(
            gettext_lazy("How many long-waiting contributions"),
            "count",
            gettext_lazy("Warn at this many or more."),
            minimum=1,
        ),
    },
    "low_acted_upon": {
        "rate": ThresholdInfo(
            gettext_lazy("Lowest acceptable acted-upon rate"),
            "share",
            gettext_lazy("Warn when the rate is below this."),
        ),
        "min_raised": ThresholdInfo(
            gettext_lazy("Fewest contributions before warning"),
            "count",
            gettext_lazy("Say nothing until this many are raised."),
        ),
    },
    "institutional_premises": {
        "share": ThresholdInfo(
            gettext_lazy("Share of gatherings on institutional premises"),
            "share",
            gettext_lazy("Warn at this share or more."),
        ),
        "min_gatherings": ThresholdInfo(
            gettext_lazy("Fewest gatherings before warning"),
            "count",
            gettext_lazy("Say nothing until this many are held."),
        ),
    },
    "no_senior_leader": {
        "min_high_level_done": ThresholdInfo(
            gettext_lazy("Changes to culture or policy"),
            "count",
            gettext_lazy(
                "Warn when this many contributions were done at organisational culture or policy level and no senior leader came."
            ),
        ),
        "min_open_in_hand": ThresholdInfo(
            gettext_lazy("Contributions being worked on"),
            "count",
            gettext_lazy(
                "Or when this many are prioritised or in progress and no senior leader came."
            ),
        ),
    },
    "staff_dropping_out": {
        "missed_gatherings": ThresholdInfo(
            gettext_lazy("Missed gatherings that mean someone stopped coming"),
            "count",
            gettext_lazy(
                "Someone has stopped coming when they missed this many gatherings in a row that they were expected at."
            ),
            minimum=1,
        ),
        "min_people": ThresholdInfo(
            gettext_lazy("Fewest staff dropping out"),
            "count",
            gettext_lazy("Warn at this many or more."),
            minimum=1,
        ),
        "share": ThresholdInfo(
            gettext_lazy("Share of staff dropping out"),
            "share",
            gettext_lazy("And when they are at least this share of staff."),
        ),
    },
    "voice_concentrated": {
        "top3_share": ThresholdInfo(
            gettext_lazy("Share of turns held by the three most frequent speakers"),
            "share",
            gettext_lazy("Warn at this share or more."),
        ),
        "gini": ThresholdInfo(
            gettext_lazy("How evenly speaking is shared (the Gini coefficient)"),
            "ratio",
            gettext_lazy("From 0 (everyone speaks equally) to 1. Warn at this value or more."),
            maximum=1,
        ),
        "min_attendees": ThresholdInfo(
            gettext_lazy("Fewest people in the room before warning"),
            "count",
            gettext_lazy("In a small group, three people always hold most turns."),
        ),
        "min_turns": ThresholdInfo(
            gettext_lazy("Fewest turns before warning"),
            "count",
            gettext_lazy("Say nothing until this many turns are recorded."),
        ),
    },
    "limits_undisclosed": {
        "min_decisions": ThresholdInfo(
            gettext_lazy("Fewest decisions before warning"),
            "count",
            gettext_lazy("Warn once this many decisions were made while a limit was not shared."),
            minimum=1,
        ),
    },
}


# How each figure a warning sign looked at is shown to people (insights/labels.py formats it).
EVIDENCE_INFO: dict[str, dict[str, Shown]] = {
    "professionals_hold_voice": {
        "professional_share": Shown(
            gettext_lazy("Professionals' share of speaking turns"), "share"
        ),
        "turns": Shown(gettext_lazy("Speaking turns")),
    },
    "voice_concentrated": {
        "top3_share": Shown(
            gettext_lazy("Share of turns taken by the three who spoke most"), "share"
        ),
        "gini": Shown(
            gettext_lazy("How evenly speaking is shared (0 = everyone equally, 1 = one person)"),
            "ratio",
        ),
        "attendees": Shown(gettext_lazy("People who came")),
    },
    "lived_no_agenda": {
        "gatherings": Shown(gettext_lazy("Recent gatherings with an agenda")),
        "items": Shown(gettext_lazy("Agenda items at them")),
        "lived": Shown(gettext_lazy("Proposed by people with lived experience")),
        "from": Shown(gettext_lazy("Counted from"), "date"),
    },
    "unanswered_long": {
        "unanswered_long": Shown(gettext_lazy("Contributions waiting too long for a first answer")),
        "unanswered_days": Shown(gettext_lazy("A wait counts as too long after"), "days"),
        "oldest_unanswered": Shown(gettext_lazy("Oldest still waiting"), "contribution"),
    },
    "low_acted_upon": {
        "acted_upon_rate": Shown(gettext_lazy("Share acted upon"), "share"),
        "raised": Shown(gettext_lazy("Contributions raised")),
        "done": Shown(gettext_lazy("Done")),
    },
    "institutional_premises": {
        "institutional_share": Shown(
            gettext_lazy("Share of gatherings on institutional premises"), "share"
        ),
        "gatherings": Shown(gettext_lazy("Gatherings")),
    },
    "no_senior_leader": {
        "senior_leaders": Shown(gettext_lazy("Senior leaders who came")),
        "prioritised_or_in_progress": Shown(
            gettext_lazy("Contributions chosen or being worked on")
        ),
        "high_level_done": Shown(gettext_lazy("Done at the level of culture or policy")),
    },
    "staff_dropping_out": {
        "people": Shown(gettext_lazy("Staff")),
        "stopped_coming": Shown(gettext_lazy("Staff who stopped coming")),
        "left": Shown(gettext_lazy("Staff who left")),
        "dropped": Shown(gettext_lazy("Staff who stopped coming or left")),
        "share": Shown(gettext_lazy("Share of staff who stopped coming or left"), "share"),
    },
    "limits_undisclosed": {
        "decisions": Shown(gettext_lazy("Decisions made")),
        "undisclosed": Shown(gettext_lazy("Limits not shared with the group")),
        "disclosed_after_decisions": Shown(gettext_lazy("Limits shared only after decisions")),
    },
}


# --------------------------------------------------------------------------------------------
# The section


INDICATORS = (
    "room",
    "voice",
    "agenda",
    "follow_through",
    "retention",
    "venues",
    "changes",
    "limits",
)


def compute(
    journey: Journey,
    period: Period,
    *,
    thresholds: dict[str, dict[str, Any]] | None = None,
    shared: Ctx | None = None,
) -> dict[str, Any]:
    """Every foundation indicator for ``journey`` over ``period`` (JSON-ready). ``shared`` is
    the reads of this call already made for other sections (see insights/selectors.py)."""
    from .thresholds import thresholds_for

    ctx = shared or Ctx(
        journey=journey, period=period, thresholds=thresholds or thresholds_for(journey)
    )
    room = _room(ctx)
    voice = _voice(ctx)
    return {
        "room": room,
        "voice": voice,
        "agenda": _agenda(ctx),
        "follow_through": _follow_through(ctx),
        "retention": _retention(ctx),
        "venues": _venues(ctx, voice["per_gathering"]),
        "changes": _changes(ctx),
        "limits": _limits(ctx),
    }


# --------------------------------------------------------------------------------------------
# Warning signs


NO_TURNS = gettext_lazy("No speaking turns were recorded in this period.")


def warnings(
    journey: Journey,
    period: Period,
    data: dict[str, Any],
    thresholds: dict[str, dict[str, Any]],
    *,
    shared: Ctx | None = None,
) -> list[WarningSign]:
    """The foundation warning signs, fired or not. Each compares figures with ``thresholds``
    (``>=`` for shares and counts that warn when high, ``<`` for the acted-upon rate)."""
    room, voice, agenda = data["room"], data["voice"], data["agenda"]
    ft, ret, venues = data["follow_through"], data["retention"], data["venues"]
    changes, limits = data["changes"], data["limits"]
    out: list[WarningSign] = []

    t = thresholds["professionals_hold_voice"]
    prof = voice["turns_share_by_side"][PROFESSIONAL]
    out.append(
        WarningSign(
            code="professionals_hold_voice",
            title=str(WARNING_TITLES["professionals_hold_voice"]),
            fired=voice["turns"] >= t["min_turns"] and prof is not None and prof >= t["share"],
            explanation=(
                ngettext(
                    "People there because of their job took %(share)s of the %(turns)s speaking "
                    "turn recorded in this period.",
                    "People there because of their job took %(share)s of the %(turns)s speaking "
                    "turns recorded in this period.",
                    voice["turns"],
                )
                % {"share": percent(prof, _("no")), "turns": voice["turns"]}
                if voice["turns"]
                else str(NO_TURNS)
            ),
            research=(
                _(
                    "Assertive people and paid representatives tend to talk most, and professionals "
                    "can keep control of a process that is meant to be shared. When lived experience "
                    "is heard as much as professional knowledge, co-production is more likely to "
                    "change things."
                )
            ),
            question=_(
                "What could we change so that people with lived experience speak more, "
                "and are listened to when they do?"
            ),
            based_on=_(
                "%(toolkit)s (power and influence); %(chauhan)s (voice, experience, identity)"
            )
            % {"toolkit": TOOLKIT, "chauhan": CHAUHAN},
            evidence={"professional_share": prof, "turns": voice["turns"]},
            thresholds=dict(t),
        )
    )

    t = thresholds["voice_concentrated"]
    top3, g = voice["top3_share"], voice["gini"]
    enough = voice["attendees"] >= t["min_attendees"] and voice["turns"] >= t["min_turns"]
    out.append(
        WarningSign(
            code="voice_concentrated",
            title=str(WARNING_TITLES["voice_concentrated"]),
            fired=enough and ((top3 is not None and top3 >= t["top3_share"]) or g >= t["gini"]),
            explanation=(
                ngettext(
                    "The three people who spoke most took %(share)s of the turns, among "
                    "%(attendees)s person who came; how evenly speaking is shared, from 0 "
                    "(everyone equally) to 1 (one person), is %(gini)s.",
                    "The three people who spoke most took %(share)s of the turns, among "
                    "%(attendees)s people who came; how evenly speaking is shared, from 0 "
                    "(everyone equally) to 1 (one person), is %(gini)s.",
                    voice["attendees"],
                )
                % {
                    "share": percent(top3, _("no")),
                    "attendees": voice["attendees"],
                    "gini": f"{g:.2f}",
                }
                if voice["turns"]
                else str(NO_TURNS)
            ),
            research=(
                _(
                    "The same confident voices, often people used to committees, can dominate while "
                    "others say little. Techniques that give everyone a turn help people to speak "
                    "freely and bring in knowledge that would otherwise be missed."
                )
            ),
            question=_("Who have we not heard from, and what would help them to speak?"),
            based_on=_("%(farr)s (can people speak freely); %(toolkit)s (power and influence)")
            % {"farr": FARR, "toolkit": TOOLKIT},
            evidence={"top3_share": top3, "gini": g, "attendees": voice["attendees"]},
            thresholds=dict(t),
        )
    )

    t = thresholds["lived_no_agenda"]
    recent = agenda["recent"]
    out.append(
        WarningSign(
            code="lived_no_agenda",
            title=str(WARNING_TITLES["lived_no_agenda"]),
            fired=recent["items"] >= t["min_items"] and recent["lived"] == 0,
            explanation=(
                ngettext(
                    "Of the %(items)s agenda item in the last %(gatherings)s gatherings with an "
                    "agenda, people with lived experience proposed %(lived)s.",
                    "Of the %(items)s agenda items in the last %(gatherings)s gatherings with an "
                    "agenda, people with lived experience proposed %(lived)s.",
                    recent["items"],
                )
                % {
                    "items": recent["items"],
                    "gatherings": recent["gatherings"],
                    "lived": recent["lived"],
                }
                if recent["items"]
                else _("No agenda items were recorded in this period.")
            ),
            research=(
                _(
                    "Power is not only about who wins a decision but about what gets discussed at "
                    "all. When professionals set the agenda, some questions never come up."
                )
            ),
            question=_("How do we agree our agendas, and how could everyone put items on them?"),
            based_on=_("%(farr)s (non-decision-making power; how agendas are agreed)")
            % {"farr": FARR},
            evidence=dict(recent),
            thresholds=dict(t),
        )
    )

    t = thresholds["unanswered_long"]
    out.append(
        WarningSign(
            code="unanswered_long",
            title=str(WARNING_TITLES["unanswered_long"]),
            fired=ft["unanswered_long"] >= t["count"],
            explanation=(
                ngettext(
                    "%(n)s contribution raised in this period has had no response for more than "
                    "%(days)s.",
                    "%(n)s contributions raised in this period have had no response for more "
                    "than %(days)s.",
                    ft["unanswered_long"],
                )
                % {"n": ft["unanswered_long"], "days": days_words(ft["unanswered_days"])}
            ),
            research=(
                _(
                    "People disengage when their influence is not genuine. Hearing nothing back "
                    "after raising something is one of the clearest signs that it was not."
                )
            ),
            question=_("Who will respond to these, and by when?"),
            based_on=_("%(toolkit)s (people disengage when influence isn't genuine); %(essay)s")
            % {"toolkit": TOOLKIT, "essay": ESSAY},
            evidence={
                "unanswered_long": ft["unanswered_long"],
                "unanswered_days": ft["unanswered_days"],
                "oldest_unanswered": ft["oldest_unanswered"],
            },
            thresholds=dict(t),
        )
    )

    t = thresholds["low_acted_upon"]
    rate = ft["acted_upon_rate"]
    out.append(
        WarningSign(
            code="low_acted_upon",
            title=str(WARNING_TITLES["low_acted_upon"]),
            fired=ft["raised"] >= t["min_raised"] and rate is not None and rate < t["rate"],
            explanation=(
                ngettext(
                    "%(done)s of the %(raised)s contribution raised in this period is done "
                    "(%(share)s).",
                    "%(done)s of the %(raised)s contributions raised in this period are done "
                    "(%(share)s).",
                    ft["raised"],
                )
                % {"done": ft["done"], "raised": ft["raised"], "share": percent(rate, _("no"))}
                if ft["raised"]
                else _("No contributions were raised in this period.")
            ),
            research=(
                _(
                    "In one experience-based co-design project, 29 of the 36 issues patients raised "
                    "with staff were acted upon. A low rate may mean the group is consulted but does "
                    "not shape what happens."
                )
            ),
            question=_("What is stopping these from being acted upon, and who could unblock them?"),
            based_on=_("%(farr)s (the experience-based co-design case)") % {"farr": FARR},
            evidence={"acted_upon_rate": rate, "raised": ft["raised"], "done": ft["done"]},
            thresholds=dict(t),
        )
    )

    t = thresholds["institutional_premises"]
    inst = venues["institutional_share"]
    out.append(
        WarningSign(
            code="institutional_premises",
            title=str(WARNING_TITLES["institutional_premises"]),
            fired=venues["gatherings"] >= t["min_gatherings"]
            and inst is not None
            and inst >= t["share"],
            explanation=(
                ngettext(
                    "%(share)s of the %(n)s gathering in this period were held in a hospital, "
                    "council office or another organisation's building.",
                    "%(share)s of the %(n)s gatherings in this period were held in a hospital, "
                    "council office or another organisation's building.",
                    venues["gatherings"],
                )
                % {"share": percent(inst, _("no")), "n": venues["gatherings"]}
                if venues["gatherings"]
                else _("No gatherings were recorded in this period.")
            ),
            research=(
                _(
                    "Meeting on professionals' ground keeps them in control of where and when "
                    "people take part. Cafés, community centres and informal sessions help people "
                    "feel comfortable and bring in those who would not come to a meeting room."
                )
            ),
            question=_(
                "Where could we meet that feels like neutral, or the community's own, ground?"
            ),
            based_on=_(
                "%(farr)s (range of venues; the council innovation lab); %(chauhan)s (neutralized co-production: professionals control where and when)"
            )
            % {"farr": FARR, "chauhan": CHAUHAN},
            evidence={"institutional_share": inst, "gatherings": venues["gatherings"]},
            thresholds=dict(t),
        )
    )

    t = thresholds["no_senior_leader"]
    seniors = room["staff_seniority"]["by_role"]["senior_leader"]
    in_hand = ft["by_fate"].get(c_vocab.PRIORITISED, 0) + ft["by_fate"].get(c_vocab.IN_PROGRESS, 0)
    needs = changes["high_level"] >= t["min_high_level_done"] or in_hand >= t["min_open_in_hand"]
    out.append(
        WarningSign(
            code="no_senior_leader",
            title=str(WARNING_TITLES["no_senior_leader"]),
            fired=seniors == 0 and needs,
            explanation=(
                _(
                    "No senior leader came to a gathering in this period, while %(in_hand)s "
                    "and %(high_level)s at the level of organisational culture or policy."
                )
                % {
                    "in_hand": ngettext(
                        "%(n)s contribution is prioritised or in progress",
                        "%(n)s contributions are prioritised or in progress",
                        in_hand,
                    )
                    % {"n": in_hand},
                    "high_level": ngettext(
                        "%(n)s was done", "%(n)s were done", changes["high_level"]
                    )
                    % {"n": changes["high_level"]},
                }
            ),
            research=(
                _(
                    "Changes to how an organisation works, to its culture or to policy usually need "
                    "senior people to carry them through. Without a senior sponsor, agreed changes "
                    "can stall."
                )
            ),
            question=_(
                "Which senior leader could sponsor this work, and how would we involve them?"
            ),
            based_on=_("%(farr)s (senior sponsors; senior people implementing solutions)")
            % {"farr": FARR},
            evidence={
                "senior_leaders": seniors,
                "prioritised_or_in_progress": in_hand,
                "high_level_done": changes["high_level"],
            },
            thresholds=dict(t),
        )
    )

    t = thresholds["staff_dropping_out"]
    staff = ret["staff"]
    staff_share = staff["share"]
    out.append(
        WarningSign(
            code="staff_dropping_out",
            title=str(WARNING_TITLES["staff_dropping_out"]),
            fired=staff["dropped"] >= t["min_people"]
            and staff_share is not None
            and staff_share >= t["share"],
            explanation=(
                _(
                    "%(dropped)s of the %(people)s staff in this period stopped coming or left "
                    "(%(stopped)s stopped coming, %(left)s left)."
                )
                % {
                    "dropped": staff["dropped"],
                    "people": staff["people"],
                    "stopped": staff["stopped_coming"],
                    "left": staff["left"],
                }
            ),
            research=(
                _(
                    "When staff withdraw, the people who use the service often cannot carry on, and "
                    "agreed changes stop. Staff leaving also takes knowledge and relationships with "
                    "them."
                )
            ),
            question=_(
                "What would help staff to stay involved, and who could take over from "
                "those who left?"
            ),
            based_on=_(
                "%(farr)s (the experience-based co-design case); %(toolkit)s (risks: staff leaving)"
            )
            % {"farr": FARR, "toolkit": TOOLKIT},
            evidence=dict(staff),
            thresholds=dict(t),
        )
    )

    t = thresholds["limits_undisclosed"]
    hidden = limits["undisclosed"] + limits["disclosed_after_decisions"]
    out.append(
        WarningSign(
            code="limits_undisclosed",
            title=str(WARNING_TITLES["limits_undisclosed"]),
            fired=limits["decisions"] >= t["min_decisions"] and hidden > 0,
            explanation=(
                _("%(decisions)s in this period while %(undisclosed)s and %(after)s.")
                % {
                    "decisions": ngettext(
                        "%(n)s decision was made", "%(n)s decisions were made", limits["decisions"]
                    )
                    % {"n": limits["decisions"]},
                    "undisclosed": ngettext(
                        "%(n)s limit had not been shared with the group",
                        "%(n)s limits had not been shared with the group",
                        limits["undisclosed"],
                    )
                    % {"n": limits["undisclosed"]},
                    "after": ngettext(
                        "%(n)s was shared only afterwards",
                        "%(n)s were shared only afterwards",
                        limits["disclosed_after_decisions"],
                    )
                    % {"n": limits["disclosed_after_decisions"]},
                }
            ),
            research=(
                _(
                    "Honest co-production is clear about what is on the table and what is not. "
                    "Limits set by funders, the law or the organisation shape every decision, and "
                    "discovering them late leaves people frustrated and distrustful."
                )
            ),
            question=_("Which limits does everyone need to know about before the next decision?"),
            based_on=_(
                "%(durose)s (honest practice); %(toolkit)s (frustration with unexplained limits)"
            )
            % {"durose": DUROSE, "toolkit": TOOLKIT},
            evidence={
                "decisions": limits["decisions"],
                "undisclosed": limits["undisclosed"],
                "disclosed_after_decisions": limits["disclosed_after_decisions"],
            },
            thresholds=dict(t),
        )
    )
    return out
