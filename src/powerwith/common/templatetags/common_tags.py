"""Site-wide template helpers."""

from __future__ import annotations

from django import template

from powerwith.common import dates

register = template.Library()

# Plain words for the commonest audit actions; any other code is shown as words
# ("vote_close" -> "Vote close").
ACTION_WORDS = {
    "journey_create": "Started the journey",
    "journey_update": "Changed the journey's details",
    "definition_add": "Recorded a definition of co-production",
    "value_add": "Added a value",
    "value_remove": "Removed a value",
    "limit_add": "Recorded a limit",
    "limit_update": "Changed a limit",
    "invitation_create": "Invited someone",
    "invitation_accept": "Joined through an invitation",
    "membership_add": "Gave someone access",
    "membership_set_role": "Changed someone's access",
    "membership_remove": "Removed someone's access",
    "account_close": "Someone closed their account",
    "two_step_on": "Turned on two-step sign-in",
    "two_step_off": "Turned off two-step sign-in",
    "recovery_codes_renew": "Made new recovery codes",
    "recovery_code_used": "Signed in with a recovery code",
    "person_create": "Added a person",
    "person_update": "Changed a person's details",
    "person_change_role": "Changed a person's role",
    "person_leave": "Recorded that someone left",
    "person_rejoin": "Recorded that someone came back",
    "organisation_create": "Added an organisation",
    "gathering_create": "Recorded a gathering",
    "gathering_update": "Changed a gathering",
    "agenda_item_add": "Added an agenda item",
    "agenda_item_remove": "Removed an agenda item",
    "attendance_set": "Recorded who came",
    "turn_undo": "Undid a speaking turn",
    "turns_enter": "Entered speaking turns afterwards",
    "contribution_create": "Recorded something raised",
    "contribution_update": "Changed something raised",
    "contribution_set_fate": "Moved something raised",
    "contribution_set_public": "Chose whether something raised is on the public page",
}


@register.filter
def action_words(code: str) -> str:
    return ACTION_WORDS.get(code) or code.replace("_", " ").capitalize()


# One way of writing dates for people (common/dates.py): {{ d|long_date }} "6 December 2026",
# {{ d|short_date }} "6 Dec 2026" in tables, {{ d|day_date }} "Sunday 6 December 2026".
register.filter("long_date", dates.long_date)
register.filter("short_date", dates.short_date)
register.filter("day_date", dates.day_date)
