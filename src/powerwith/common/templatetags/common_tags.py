"""Site-wide template helpers."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from powerwith.common import dates

register = template.Library()

# Plain words for the commonest audit actions; any other code is shown as words
# ("vote_close" -> "Vote close").
ACTION_WORDS = {
    "journey_create": _("Started the journey"),
    "journey_update": _("Changed the journey's details"),
    "definition_add": _("Recorded a definition of co-production"),
    "value_add": _("Added a value"),
    "value_remove": _("Removed a value"),
    "limit_add": _("Recorded a limit"),
    "limit_update": _("Changed a limit"),
    "invitation_create": _("Invited someone"),
    "invitation_accept": _("Joined through an invitation"),
    "invitation_renew": _("Made a new link for an invitation"),
    "invitation_withdraw": _("Took back an invitation"),
    "membership_add": _("Gave someone access"),
    "membership_set_role": _("Changed someone's access"),
    "membership_remove": _("Removed someone's access"),
    "account_close": _("Someone closed their account"),
    "person_create": _("Added a person"),
    "person_update": _("Changed a person's details"),
    "person_change_role": _("Changed a person's role"),
    "person_leave": _("Recorded that someone left"),
    "person_rejoin": _("Recorded that someone came back"),
    "organisation_create": _("Added an organisation"),
    "gathering_create": _("Recorded a gathering"),
    "gathering_update": _("Changed a gathering"),
    "agenda_item_add": _("Added an agenda item"),
    "agenda_item_remove": _("Removed an agenda item"),
    "attendance_set": _("Recorded who came"),
    "turn_undo": _("Undid a speaking turn"),
    "turns_enter": _("Entered speaking turns afterwards"),
    "contribution_create": _("Recorded something raised"),
    "contribution_update": _("Changed something raised"),
    "contribution_set_fate": _("Moved something raised"),
    "contribution_set_public": _("Chose whether something raised is on the public page"),
    "contribution_set_kind": _("Said whether something raised is praise or a problem"),
    "two_step_on": _("Turned on two-step sign-in"),
    "two_step_off": _("Turned off two-step sign-in"),
    "recovery_codes_renew": _("Made new recovery codes"),
    "recovery_code_used": _("Signed in with a recovery code"),
}


# Plain words for how a change reached the record (the record of changes' "How" column). The
# codes come from several apps' vocabularies (contributions, ballots, reflection answers,
# feelings, consent, Pol.is imports); any other code is shown as words, as for actions.
CHANNEL_WORDS = {
    "gathering": _("In a gathering"),
    "paper": _("On paper"),
    "phone": _("By phone"),
    "comment_box": _("Comment box"),
    "online": _("Online"),
    "interview": _("In an interview"),
    "story": _("In a story or film"),
    "own_device": _("On their own phone or computer"),
    "own": _("On their own phone or computer"),
    "helped": _("With help at a gathering"),
    "event": _("At an event, on their behalf"),
    "in_person": _("In person"),
    "self_online": _("By the person, online"),
    "email_letter": _("By email or letter"),
    "import": _("Imported from Pol.is"),
}


def _words(table: dict[str, Any], code: str) -> str:
    """The plain words for a stored code, or the code itself made readable if it has none."""
    if not code:
        return ""
    words = table.get(code)
    return str(words) if words else code.replace("_", " ").capitalize()


@register.filter
def channel_words(code: str) -> str:
    return _words(CHANNEL_WORDS, code)


@register.filter
def action_words(code: str) -> str:
    return _words(ACTION_WORDS, code)


# One way of writing dates for people (common/dates.py): {{ d|long_date }} "6 December 2026",
# {{ d|short_date }} "6 Dec 2026" in tables, {{ d|day_date }} "Sunday 6 December 2026".
register.filter("long_date", dates.long_date)
register.filter("short_date", dates.short_date)
register.filter("day_date", dates.day_date)


@register.filter
def html_lang(code: str) -> str:
    """A language code as HTML's ``lang`` attribute writes it: "en-gb" -> "en-GB"."""
    from powerwith.common.reading import html_lang as to_html

    return to_html(code or "en-gb")
