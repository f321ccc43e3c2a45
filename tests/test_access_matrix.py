"""The access matrix: every URL in the URL configuration, as every kind of visitor.

This file is the statement a reviewer reads: a table of every URL pattern by name, with the
answer expected for each kind of visitor, for GET and for POST, and a test that fails when a
URL exists that the table does not classify. The same table is printed in ``docs/security.md``
("Who can reach what"), and a test checks the two agree; another checks that each journey row
is what the page's own ``@journey_view`` says. Every journey page is then asked by every kind
of visitor (and a made-up journey, signed out and as a facilitator); ``tests/test_access_walk.py``
finds the pages and makes their objects, and checks another journey's objects and the public
pages.

Kinds of visitor (the columns):

- ``anon``: signed out;
- ``nojourney``: signed in, a member of no journey at all;
- ``outsider``: signed in, facilitator of *another* journey;
- ``observer``, ``member``, ``facilitator``: their role in this journey;
- ``staff``: ``is_staff`` without any permission; ``superuser``: ``is_superuser``.

Answers: ``ok`` (past the gate: the page, a redirect elsewhere than sign-in, 400 for an empty
form, or 405 for a method the page does not take; reading a journey page must show it, move on
or answer 405), ``signin`` (a redirect to our sign-in page, ``next`` naming the page),
``admin_signin`` (a redirect to the admin's sign-in), ``password_first`` (a later step of
signing in asked without the password: back to the sign-in page), or a status code.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client

from tests.conftest import World, build_world
from tests.test_access_walk import ALL_ROUTES, Route, _fill

KINDS = (
    "anon",
    "nojourney",
    "outsider",
    "observer",
    "member",
    "facilitator",
    "staff",
    "superuser",
)
SIGN_IN = "/accounts/sign-in/"
ADMIN_SIGN_IN = "/admin/login/"
RANK = {"observer": 1, "member": 2, "facilitator": 3}
NEED_RANK = {"view": 1, "record": 2, "manage": 3}

# --- 1. Journey pages: /j/<slug>/... ---------------------------------------------------------
# URL name -> (the role needed to read it, the role needed to change anything through it).
# "view": observers and up; "record": members and facilitators; "manage": facilitators only.
# For every journey page: signed out -> sign in (the same answer for a journey that does not
# exist); signed in without a membership of this journey (no journey, another journey's
# facilitator, staff, superuser) -> 404; a role below the need -> 403.
JOURNEY: dict[str, tuple[str, str]] = {
    "journeys:detail": ("view", "view"),
    "journeys:agreement": ("view", "view"),
    "journeys:settings": ("manage", "manage"),
    "journeys:definition_add": ("manage", "manage"),
    "journeys:value_add": ("manage", "manage"),
    "journeys:value_remove": ("manage", "manage"),
    "journeys:limit_add": ("manage", "manage"),
    "journeys:limit_edit": ("manage", "manage"),
    "journeys:members": ("view", "view"),
    "journeys:invite": ("manage", "manage"),
    "journeys:membership_edit": ("manage", "manage"),
    "journeys:invitation_renew": ("manage", "manage"),
    "journeys:invitation_withdraw": ("manage", "manage"),
    "journeys:log": ("manage", "manage"),
    "people:list": ("view", "view"),
    "people:create": ("record", "record"),
    "people:detail": ("view", "view"),
    "people:edit": ("record", "record"),
    "people:change_role": ("record", "record"),
    "people:leave": ("record", "record"),
    "people:rejoin": ("record", "record"),
    "people:organisations": ("view", "view"),
    "people:organisation_create": ("record", "record"),
    "people:organisation": ("view", "view"),
    "people:organisation_edit": ("record", "record"),
    "gatherings:list": ("view", "view"),
    "gatherings:create": ("record", "record"),
    "gatherings:detail": ("view", "view"),
    "gatherings:edit": ("record", "record"),
    "gatherings:agenda_add": ("record", "record"),
    "gatherings:agenda_remove": ("record", "record"),
    "gatherings:attendance": ("record", "record"),
    "gatherings:sign_in_sheet": ("record", "record"),
    "gatherings:invitations": ("record", "record"),
    "gatherings:left_off_add": ("record", "record"),
    "gatherings:left_off_remove": ("record", "record"),
    "gatherings:turns": ("record", "record"),
    "gatherings:tap": ("record", "record"),
    "gatherings:undo": ("record", "record"),
    "gatherings:stop": ("record", "record"),
    "gatherings:mark_here": ("record", "record"),
    "gatherings:newcomer": ("record", "record"),
    "gatherings:turns_after": ("record", "record"),
    "gatherings:turn_remove": ("record", "record"),
    "gatherings:turn_seconds": ("record", "record"),
    "contributions:list": ("view", "view"),
    "contributions:create": ("record", "record"),
    "contributions:you_said": ("view", "view"),
    "contributions:detail": ("view", "view"),
    "contributions:edit": ("record", "record"),
    "contributions:fate": ("record", "record"),
    "contributions:cards": ("manage", "manage"),
    "contributions:card_type_in": ("manage", "manage"),
    "contributions:cards_pdf": ("manage", "manage"),
    "decisions:list": ("view", "view"),
    "decisions:create": ("record", "record"),
    "decisions:detail": ("view", "view"),
    "decisions:edit": ("record", "record"),
    "decisions:votes": ("view", "view"),
    "decisions:vote_create": ("manage", "manage"),
    "decisions:vote": ("view", "view"),
    "decisions:ballot": ("view", "view"),
    "decisions:paper": ("manage", "manage"),
    "decisions:ballot_papers": ("manage", "manage"),
    "decisions:results": ("view", "view"),
    "decisions:vote_edit": ("manage", "manage"),
    "decisions:option_add": ("manage", "manage"),
    "decisions:option_remove": ("manage", "manage"),
    "decisions:vote_open": ("manage", "manage"),
    "decisions:vote_close": ("manage", "manage"),
    "decisions:groups": ("view", "view"),
    "decisions:group_create": ("record", "record"),
    "decisions:group": ("view", "view"),
    "decisions:group_edit": ("record", "record"),
    "decisions:group_close": ("record", "record"),
    "budgets:list": ("view", "view"),
    "budgets:create": ("manage", "manage"),
    "budgets:detail": ("view", "view"),
    "budgets:edit": ("manage", "manage"),
    "budgets:remove": ("manage", "manage"),
    "budgets:spending_add": ("record", "record"),
    "budgets:spending_edit": ("record", "record"),
    "budgets:spending_remove": ("record", "record"),
    "decisions:group_gathering_add": ("record", "record"),
    "decisions:group_gathering_link": ("record", "record"),
    "decisions:action_add": ("record", "record"),
    "decisions:action_edit": ("record", "record"),
    "reflection:list": ("view", "view"),
    "reflection:banks": ("view", "view"),
    "reflection:bank_create": ("manage", "manage"),
    "reflection:bank": ("view", "view"),
    "reflection:question_add": ("manage", "manage"),
    "reflection:question_edit": ("manage", "manage"),
    "reflection:question_remove": ("manage", "manage"),
    "reflection:round_create": ("manage", "manage"),
    "reflection:round": ("view", "view"),
    "reflection:round_paper": ("record", "record"),
    "reflection:paper_form": ("record", "record"),
    "reflection:round_close": ("manage", "manage"),
    "reflection:results": ("view", "view"),
    "reflection:themes": ("manage", "manage"),
    "reflection:lived_roles": ("view", "view"),
    "reflection:endings": ("view", "view"),
    "reflection:ending_create": ("record", "record"),
    "reflection:ending": ("view", "view"),
    "reflection:ending_view_add": ("record", "record"),
    "reflection:realist_note_add": ("record", "record"),
    "trials:list": ("view", "view"),
    "trials:create": ("record", "record"),
    "trials:detail": ("view", "view"),
    "trials:edit": ("record", "record"),
    "trials:start": ("record", "record"),
    "trials:end": ("record", "record"),
    "trials:result": ("record", "record"),
    "trials:measure_add": ("record", "record"),
    "trials:measure_edit": ("record", "record"),
    "trials:feedback_link": ("record", "record"),
    "trials:feedback_raise": ("record", "record"),
    "trials:feedback_unlink": ("record", "record"),
    "trials:outcomes": ("view", "view"),
    "trials:outcome_create": ("record", "record"),
    "trials:outcome_review": ("record", "record"),
    "plans:plan": ("view", "view"),
    "plans:choose": ("manage", "manage"),
    "plans:stage_add": ("manage", "manage"),
    "plans:stage": ("view", "manage"),
    "plans:stage_edit": ("manage", "manage"),
    "plans:gathering_stage": ("manage", "manage"),
    "training:list": ("view", "view"),
    "training:session_create": ("manage", "manage"),
    "training:session": ("view", "view"),
    "training:session_edit": ("manage", "manage"),
    "training:people_add": ("record", "record"),
    "training:trainee_came": ("record", "record"),
    "training:trainee_remove": ("record", "record"),
    "training:goal_add": ("record", "record"),
    "training:goal_review": ("record", "record"),
    "training:questions": ("manage", "manage"),
    "training:after_open": ("manage", "manage"),
    "groundrules:rules": ("view", "view"),
    "groundrules:wall": ("view", "view"),
    "groundrules:rule_add": ("record", "record"),
    "groundrules:rule_agree": ("manage", "manage"),
    "groundrules:rule_retire": ("manage", "manage"),
    "groundrules:word_add": ("record", "record"),
    "groundrules:word_edit": ("record", "record"),
    "groundrules:word_remove": ("manage", "manage"),
    "groundrules:framing": ("view", "view"),
    "groundrules:wording_add": ("record", "record"),
    "groundrules:wording_agree": ("manage", "manage"),
    "inclusion:overview": ("view", "view"),
    "care:list": ("manage", "manage"),
    "care:create": ("manage", "manage"),
    "care:edit": ("manage", "manage"),
    "care:remove": ("manage", "manage"),
    "inclusion:my_profile": ("view", "view"),
    "inclusion:my_profile_erase": ("view", "view"),
    "inclusion:my_need_add": ("view", "view"),
    "inclusion:my_need_end": ("view", "view"),
    "inclusion:profile_list": ("manage", "manage"),
    "inclusion:profile_open": ("manage", "manage"),
    "inclusion:profile_edit": ("manage", "manage"),
    "inclusion:profile_erase": ("manage", "manage"),
    "inclusion:reference_list": ("view", "view"),
    "inclusion:reference_add": ("manage", "manage"),
    "inclusion:reference_import": ("manage", "manage"),
    "inclusion:reference_edit": ("manage", "manage"),
    "inclusion:reference_delete": ("manage", "manage"),
    "inclusion:recruitment_add": ("record", "record"),
    "inclusion:recruitment_edit": ("record", "record"),
    "inclusion:needs_list": ("record", "record"),
    "inclusion:need_add": ("record", "record"),
    "inclusion:need_end": ("record", "record"),
    "inclusion:checklist": ("record", "record"),
    "inclusion:assets": ("view", "view"),
    "inclusion:asset_add": ("record", "record"),
    "inclusion:asset_remove": ("record", "record"),
    "inclusion:gap_add": ("record", "record"),
    "inclusion:gap_found": ("record", "record"),
    "inclusion:gap_remove": ("record", "record"),
    "inclusion:ledger": ("record", "record"),
    "inclusion:time_add": ("record", "record"),
    "inclusion:time_remove": ("record", "record"),
    "inclusion:expense_add": ("record", "record"),
    "inclusion:expense_reimburse": ("record", "record"),
    "inclusion:expense_remove": ("record", "record"),
    "inclusion:task_done": ("record", "record"),
    "inclusion:payment_add": ("record", "record"),
    "inclusion:payment_remove": ("record", "record"),
    "inclusion:training_add": ("record", "record"),
    "inclusion:training_remove": ("record", "record"),
    "inclusion:task_add": ("record", "record"),
    "inclusion:task_remove": ("record", "record"),
    "outreach:map": ("record", "record"),
    "outreach:entry_add": ("record", "record"),
    "outreach:entry": ("record", "record"),
    "outreach:entry_edit": ("record", "record"),
    "outreach:entry_record": ("record", "record"),
    "outreach:step_edit": ("record", "record"),
    "outreach:entry_join": ("record", "record"),
    "outreach:entry_remove": ("manage", "manage"),
    "outreach:groups": ("view", "view"),
    "outreach:group_add": ("record", "record"),
    "outreach:group": ("view", "view"),
    "outreach:group_edit": ("record", "record"),
    "outreach:group_remove": ("record", "record"),
    "outreach:activity_add": ("record", "record"),
    "outreach:activity_remove": ("record", "record"),
    "leaving:overview": ("view", "view"),
    "leaving:stopped": ("manage", "manage"),
    "leaving:ask": ("manage", "manage"),
    "leaving:raise": ("manage", "manage"),
    "leaving:link_decision": ("manage", "manage"),
    "leaving:ask_remove": ("manage", "manage"),
    "leaving:handovers": ("manage", "manage"),
    "leaving:handover_add": ("manage", "manage"),
    "leaving:assets": ("view", "view"),
    "leaving:asset_keep": ("record", "record"),
    "leaving:legacy": ("view", "view"),
    "leaving:funding": ("manage", "manage"),
    "leaving:plan": ("manage", "manage"),
    "leaving:part_add": ("manage", "manage"),
    "leaving:part_remove": ("manage", "manage"),
    "leaving:review": ("manage", "manage"),
    "insights:dashboard": ("view", "view"),
    "insights:records": ("view", "view"),
    "insights:thresholds": ("view", "manage"),
    "insights:json": ("view", "view"),
    "reports:page": ("view", "view"),
    "reports:make": ("manage", "manage"),
    "reports:status": ("view", "view"),
    "reports:download": ("view", "view"),
    "exports:page": ("manage", "manage"),
    "journeys:limit_share": ("manage", "manage"),
    "journeys:membership_remove": ("manage", "manage"),
    "gatherings:calendar": ("view", "view"),
    "contributions:public": ("view", "view"),
    "decisions:vote_reopen": ("manage", "manage"),
    "notices:outbox": ("manage", "manage"),
    "notices:timing": ("manage", "manage"),
    "notices:hearing": ("manage", "manage"),
    "notices:retry": ("manage", "manage"),
    "notices:retry_failed": ("manage", "manage"),
    "notices:by_hand": ("manage", "manage"),
    "notices:letters_pdf": ("manage", "manage"),
    "notices:mark_done": ("manage", "manage"),
    "rights:person": ("manage", "manage"),
    "rights:erase": ("manage", "manage"),
    "rights:retention": ("manage", "manage"),
    "stories:list": ("view", "view"),
    "stories:create": ("record", "record"),
    "stories:detail": ("view", "view"),
    "stories:file_add": ("record", "record"),
    "stories:media": ("view", "view"),
    "stories:consent": ("record", "record"),
    "stories:consent_end": ("view", "view"),
    "stories:withdraw": ("view", "view"),
    "stories:touchpoints": ("view", "manage"),
    "stories:touchpoint": ("manage", "manage"),
    "stories:clip_create": ("record", "record"),
    "stories:captions": ("view", "view"),
    "stories:clip_raise": ("record", "record"),
    "stories:feelings": ("view", "view"),
    "stories:feeling_mark": ("record", "record"),
    "stories:films": ("view", "view"),
    "stories:film_create": ("manage", "manage"),
    "stories:film": ("view", "record"),
    "stories:film_edit": ("manage", "manage"),
    "stories:film_vote": ("manage", "manage"),
    "stories:film_media": ("view", "view"),
    "stories:film_captions": ("view", "view"),
    "stories:film_remove": ("manage", "manage"),
    "stories:film_move": ("manage", "manage"),
    "commonground:list": ("view", "view"),
    "commonground:round_create": ("manage", "manage"),
    "commonground:round": ("view", "view"),
    "commonground:statements_add": ("manage", "manage"),
    "commonground:statement_moderate": ("manage", "manage"),
    "commonground:statement_raise": ("record", "record"),
    "commonground:round_close": ("manage", "manage"),
    "commonground:round_reopen": ("manage", "manage"),
    "commonground:respond": ("view", "view"),
    "commonground:sheet": ("view", "view"),
    "commonground:polis_export": ("manage", "manage"),
    "commonground:paper": ("manage", "manage"),
    "commonground:results": ("view", "view"),
}

# --- 2. Everything else, by name ---------------------------------------------------------------
# URL name -> {method: answer for each kind}. "in" stands for every signed-in kind.
PUBLIC = "public"  # reachable signed out, on purpose (listed in docs/security.md)
SITE: dict[str, dict[str, Any]] = {
    # Site pages.
    "home": {"public": True, "GET": {"anon": 200, "in": "ok"}, "POST": {"anon": 200, "in": "ok"}},
    # Accounts.
    "login": {"public": True, "GET": {"anon": 200, "in": 200}, "POST": {"anon": 200, "in": 200}},
    "logout": {
        "public": True,
        "GET": {"anon": 405, "in": 405},
        "POST": {"anon": "signed_out", "in": "signed_out"},
    },
    "invitation": {
        # An unknown invitation: the same 404 page for everyone.
        "public": True,
        "GET": {"anon": 404, "in": 404},
        "POST": {"anon": 404, "in": 404},
    },
    "two_step_sign_in": {
        # The code page of signing in: only after the right password, within 10 minutes.
        "public": True,
        "GET": {"anon": "password_first", "in": "password_first"},
        "POST": {"anon": "password_first", "in": "password_first"},
    },
    "two_step": {
        "public": False,
        "GET": {"anon": "signin", "in": 200},
        "POST": {"anon": "signin", "in": 405},
    },
    "two_step_set_up": {
        "public": False,
        "GET": {"anon": "signin", "in": 200},
        "POST": {"anon": "signin", "in": 400},
    },
    "two_step_codes": {
        "public": False,
        "GET": {"anon": "signin", "in": 200},
        "POST": {"anon": "signin", "in": 405},
    },
    "two_step_renew": {
        # Without two-step sign-in on: back to its page.
        "public": False,
        "GET": {"anon": "signin", "in": "ok"},
        "POST": {"anon": "signin", "in": "ok"},
    },
    "two_step_off": {
        "public": False,
        "GET": {"anon": "signin", "in": "ok"},
        "POST": {"anon": "signin", "in": "ok"},
    },
    "sessions": {
        "public": False,
        "GET": {"anon": "signin", "in": 200},
        "POST": {"anon": "signin", "in": 405},
    },
    "session_end": {
        # Which session comes in the form: none sent is a 400.
        "public": False,
        "GET": {"anon": "signin", "in": 405},
        "POST": {"anon": "signin", "in": 400},
    },
    "sessions_end_others": {
        "public": False,
        "GET": {"anon": "signin", "in": 200},
        "POST": {"anon": "signin", "in": "ok"},
    },
    "password_change": {
        "public": False,
        "GET": {"anon": "signin", "in": 200},
        "POST": {"anon": "signin", "in": 400},
    },
    "account_close": {
        "public": False,
        "GET": {"anon": "signin", "in": 200},
        "POST": {"anon": "signin", "in": 400},
    },
    # How to read the site (common/reading.py): a plain POST back to the page it came from.
    "set_language": {
        "public": True,
        "GET": {"anon": 405, "in": 405},
        "POST": {"anon": "ok", "in": "ok"},
    },
    "set_easy_read": {
        "public": True,
        "GET": {"anon": 405, "in": 405},
        "POST": {"anon": "ok", "in": "ok"},
    },
    "password_forgotten": {
        "public": True,
        "GET": {"anon": 200, "in": 200},
        "POST": {"anon": 400, "in": 400},
    },
    "password_forgotten_sent": {
        "public": True,
        "GET": {"anon": 200, "in": 200},
        "POST": {"anon": 405, "in": 405},
    },
    "password_new": {
        # A made-up link: the "this link has expired" page, for everyone.
        "public": True,
        "GET": {"anon": 200, "in": 200},
        "POST": {"anon": 200, "in": 200},
    },
    # What became of an anonymous contribution, from its receipt code (rate limited; the code
    # comes in a POST: an empty one answers 400 with its message).
    "receipt:lookup": {
        "public": True,
        "GET": {"anon": 200, "in": 200},
        "POST": {"anon": 400, "in": 400},
    },
    # The list of your journeys, and starting one.
    "journeys:list": {
        "public": False,
        "GET": {"anon": "signin", "in": 200},
        "POST": {"anon": "signin", "in": 200},  # the list again: a POST changes nothing
    },
    "journeys:create": {
        # Anyone signed in may start a journey (and becomes its facilitator). An empty form
        # answers 200 with its mistakes (other forms answer 400: a small inconsistency).
        "public": False,
        "GET": {"anon": "signin", "in": 200},
        "POST": {"anon": "signin", "in": 200},
    },
    # Organisations (their real access, as admin, viewer and outsider, is walked in
    # tests/organisations/test_access.py; here with a made-up organisation: unknown to all).
    "organisations:list": {
        "public": False,
        "GET": {"anon": "signin", "in": 200},
        "POST": {"anon": "signin", "in": 200},
    },
    "organisations:create": {
        "public": False,
        "GET": {"anon": "signin", "in": 200},
        "POST": {"anon": "signin", "in": 200},
    },
    "organisations:detail": {
        "public": False,
        "GET": {"anon": "signin", "in": 404},
        "POST": {"anon": "signin", "in": 404},
    },
    "organisations:member_add": {
        "public": False,
        "GET": {"anon": "signin", "in": 404},
        "POST": {"anon": "signin", "in": 404},
    },
    "organisations:member_edit": {
        "public": False,
        "GET": {"anon": "signin", "in": 404},
        "POST": {"anon": "signin", "in": 404},
    },
    # What PowerWith holds about you (tests/rights/test_views.py asks it with real entries; here
    # with one that is nobody's: unknown to all).
    "rights_account:mine": {
        "public": False,
        "GET": {"anon": "signin", "in": 200},
        "POST": {"anon": "signin", "in": 200},
    },
    # How you hear back, for one of your own register entries (tests/notices/test_hearing.py
    # asks it with a real one; here with one that is nobody's: unknown to all).
    "notices_account:hearing": {
        "public": False,
        "GET": {"anon": "signin", "in": 404},
        "POST": {"anon": "signin", "in": 404},
    },
    "rights_account:erase_mine": {
        "public": False,
        "GET": {"anon": "signin", "in": 404},
        "POST": {"anon": "signin", "in": 404},
    },
    # Your API tokens (tests/api/test_api.py makes and revokes real ones; here one that is
    # nobody's: unknown to all).
    "api_account:tokens": {
        "public": False,
        "GET": {"anon": "signin", "in": 200},
        "POST": {"anon": "signin", "in": 400},
    },
    "api_account:revoke": {
        "public": False,
        "GET": {"anon": "signin", "in": 405},
        "POST": {"anon": "signin", "in": 404},
    },
}

# --- 3. Public pages of a journey: /p/<slug>/... -----------------------------------------------
# 404 for everyone (signed in or not, any role) unless a facilitator chose to share them; then
# 200 for everyone, with no one's name (tests/test_access_walk.py::test_public_page).
PUBLIC_JOURNEY = {"public:you_said"}

# --- 3b. The API: /api/v1/... -----------------------------------------------------------------
# Asked with a personal access token (read only) of each kind of visitor; "anon" has none. Ids in
# the path are real objects of the journey (made by the walker's tests/<app>/access_objects.py).
# URL name -> (rule for GET, rule for POST). "public": the schema, for everyone; "token": any
# live token (what it lists is the token's owner's own); "view": a journey's records, through
# common.access as its pages (no membership 404, observers and up 200); "record": a change,
# through the same gate (no membership 404), then refused to every read-only token (403; with
# a read-and-write token, tests/api/test_api.py and tests/api/test_roles.py: observers 403,
# members and facilitators 200/201); "self": a change someone makes for themselves (their own
# ballot or response), observers too, as on the pages: no membership 404, read-only token 403;
# "manage": a change only facilitators make (opening and closing votes and rounds,
# moderation), the same as "record" here (every read-only token 403; tests/api/test_writes.py:
# members 403 with a read-and-write token, facilitators 200); "manage_view": a read only
# facilitators have, as on the pages (the invitations not yet used: members and observers 403);
# "-": the method is not taken (405). Without a live token every call answers 401. A token
# limited to other journeys answers as "outsider" does (tests/api/test_roles.py). "org": the
# view across an organisation's journeys, for anyone with a role in it; here the journey's
# facilitator is made the organisation's admin and nobody else has a role: 404 for them all,
# as for an organisation that does not exist (tests/api/test_organisation.py: viewers, and a
# token limited to journeys).
API: dict[str, tuple[str, str]] = {
    "api-v1:api-root": ("none", "none"),  # no page at the root (the interactive docs are off)
    "api-v1:openapi-json": ("public", "public"),
    "api-v1:journeys": ("token", "-"),
    "api-v1:journey": ("view", "-"),
    "api-v1:people": ("view", "record"),
    "api-v1:members": ("view", "-"),
    "api-v1:invitations": ("manage_view", "-"),
    "api-v1:gatherings": ("view", "record"),
    # The same address under the name of its POST (django-ninja names each operation).
    "api-v1:gathering_create": ("view", "record"),
    "api-v1:gathering": ("view", "-"),
    "api-v1:agenda_item_add": ("-", "record"),
    "api-v1:attendance_set": ("-", "record"),
    "api-v1:turn_record": ("-", "record"),
    "api-v1:contributions": ("view", "record"),
    "api-v1:contribution_create": ("view", "record"),
    "api-v1:contribution": ("view", "-"),
    "api-v1:contribution_fate": ("-", "record"),
    "api-v1:decisions": ("view", "record"),
    "api-v1:votes": ("view", "manage"),
    "api-v1:vote_create": ("view", "manage"),
    "api-v1:vote_items_add": ("-", "manage"),
    "api-v1:vote": ("view", "manage"),
    "api-v1:vote_update": ("view", "manage"),
    "api-v1:ballot_cast": ("-", "self"),
    "api-v1:statement_rounds": ("view", "manage"),
    "api-v1:statement_round_create": ("view", "manage"),
    "api-v1:statements_add": ("-", "manage"),
    "api-v1:statement_round": ("view", "-"),
    "api-v1:statement_response": ("-", "self"),
    "api-v1:reflection_rounds": ("view", "-"),
    "api-v1:reflection_round": ("view", "-"),
    "api-v1:insights": ("view", "-"),
    "api-v1:organisations": ("token", "-"),
    "api-v1:person_create": ("view", "record"),
    "api-v1:person_update": ("-", "record"),
    "api-v1:decision_create": ("view", "record"),
    "api-v1:decision_update": ("-", "record"),
    "api-v1:vote_open": ("-", "manage"),
    "api-v1:vote_close": ("-", "manage"),
    "api-v1:statement_round_open": ("-", "manage"),
    "api-v1:statement_round_close": ("-", "manage"),
    "api-v1:statement_moderate": ("-", "manage"),
    "api-v1:organisation_insights": ("org", "-"),
}
# What a POST sends: one body valid for every call that takes one (a body that is not valid
# answers 400 before any journey is looked up, the same for every journey; extra keys are
# ignored).
API_BODY = {
    "text": "From the matrix",
    "channel": "paper",
    "anonymous": True,
    "fate": "considering",
    "title": "From the matrix",
    "kind": "informal_session",
    "held_on": "2025-02-04",
    "venue_kind": "community",
    "people": [],
    "person_id": 1,
    "name": "From the matrix",
    "role": "service_user",
    "joined_on": "2025-02-04",
    "taken_by": "group_consensus",
    "rung": "co_designing",
    "where_outside": "The board",
    "moderation": "accepted",
    "marks": {},
    "statement_id": 1,
    "vote": 1,
    "method": "dot",
    "question": "From the matrix?",
    "statements": ["From the matrix"],
}
# The path's ids, made by the access walker's makers (tests/<app>/access_objects.py).
API_IDS = {
    "gathering_id": "gathering_pk",
    "contribution_id": "contribution_pk",
    "vote_id": "vote_pk",
    "round_id": "round_pk",  # a reflection round; statement rounds' own below
    "person_id": "person_pk",
    "statement_id": "statement_pk",
    "decision_id": "decision_pk",
}


def _api_expected(name: str, method: str, kind: str) -> Any:
    rule = API[name][0 if method == "GET" else 1]
    if rule == "none":
        return 404
    if rule == "public":
        return 200
    if rule == "-":
        return 405
    if kind == "anon":
        return 401
    if rule == "token":
        return 200
    if rule == "org":
        return 200 if kind == "facilitator" else 404
    if kind not in RANK:
        return 404
    if rule == "manage_view":
        return 200 if kind == "facilitator" else 403
    return 200 if rule == "view" else 403


# --- 3b. A statement round's link: /s/<token>/... ------------------------------------------------
# No account needed, on purpose: whoever has the link (or its QR code) may respond. The token is
# the round's own random ``link_token`` (128 bits); an unknown token, or a round not open by
# link, is 404 for everyone. The same answer whoever asks, signed in or not, any role: the page
# knows nobody but the browser's own pseudonymous participant (a signed cookie), and shows
# nothing of anyone else (tests/commonground/test_link.py).
ROUND_LINK = {"round_link:respond", "round_link:add", "round_link:continue"}

# --- 4. The Django admin: /admin/... -----------------------------------------------------------
# Only staff accounts get in at all, and only superusers see anything (no permissions are given
# to staff; no app of ours registers models: the admin lists accounts and sign-in records).
ADMIN: dict[str, dict[str, Any]] = {
    "admin:index": {
        "GET": {
            "anon": "admin_signin",
            "nojourney": "admin_signin",
            "outsider": "admin_signin",
            "observer": "admin_signin",
            "member": "admin_signin",
            "facilitator": "admin_signin",
            "staff": 200,
            "superuser": 200,
        },
    },
    "admin:auth_user_changelist": {
        "GET": {
            "anon": "admin_signin",
            "nojourney": "admin_signin",
            "outsider": "admin_signin",
            "observer": "admin_signin",
            "member": "admin_signin",
            "facilitator": "admin_signin",
            "staff": 403,
            "superuser": 200,
        },
    },
}
# Every other admin URL is Django's own, behind the same staff check; it is classified by its
# namespace and asked for signed out and as a non-staff user in test_every_admin_url.


def classify(route: Route) -> str:
    """Which table a route belongs to, or "" when none does."""
    if route.name in JOURNEY and route.route.startswith("j/<slug:slug>/"):
        return "journey"
    if route.name in SITE:
        return "site"
    if route.name in PUBLIC_JOURNEY and route.route.startswith("p/<slug:slug>/"):
        return "public_journey"
    if route.name in ROUND_LINK and route.route.startswith("s/<str:token>/"):
        return "round_link"
    if route.name.startswith("admin:") and route.route.startswith("admin/"):
        return "admin"
    if route.name in API and route.route.startswith("api/v1/"):
        return "api"
    return ""


# --- the world ---------------------------------------------------------------------------------


def _users(world: World) -> dict[str, Any]:
    User = get_user_model()
    other = build_world("2", "Another journey entirely")
    staff = User.objects.create_user(
        username="sam@example.org", email="sam@example.org", password="x", is_staff=True
    )
    root = User.objects.create_superuser(
        username="root@example.org", email="root@example.org", password="x"
    )
    return {
        "anon": None,
        "nojourney": world.outsider,
        "outsider": other.facilitator,
        "observer": world.observer,
        "member": world.member,
        "facilitator": world.facilitator,
        "staff": staff,
        "superuser": root,
    }


def _client(user: Any) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


def _ask(c: Client, method: str, url: str) -> Any:
    with transaction.atomic():  # a facilitator's POST may delete what the next kind asks for
        r = c.get(url) if method == "GET" else c.post(url, {})
        transaction.set_rollback(True)
    return r


def _meets(r: Any, want: Any, url: str) -> bool:
    location = r.get("Location", "")
    if want == "signin":
        return r.status_code == 302 and location == f"{SIGN_IN}?next={_quote(url)}"
    if want == "signed_out":  # signing out ends on the sign-in page, with no ``next``
        return r.status_code == 302 and location == SIGN_IN
    if want == "password_first":  # a later step of signing in, asked without the first
        return r.status_code == 302 and location == SIGN_IN
    if want == "admin_signin":
        return r.status_code == 302 and location.startswith(ADMIN_SIGN_IN)
    if want == "ok":  # past the gate: not refused, not unknown, not sent to sign in
        return (
            r.status_code not in (403, 404)
            and r.status_code < 500
            and not (location.startswith(SIGN_IN))
        )
    return bool(r.status_code == want)


def _shows(r: Any) -> bool:
    return r.status_code in (200, 405) or 300 <= r.status_code < 400


def _quote(url: str) -> str:
    from urllib.parse import quote

    return quote(url, safe="/")


def _expected(row: dict[str, Any], kind: str) -> Any:
    return row.get(kind, row.get("in")) if kind != "anon" else row["anon"]


def _journey_expected(name: str, method: str, kind: str) -> Any:
    need = JOURNEY[name][0 if method == "GET" else 1]
    if kind == "anon":
        return "signin"
    if kind not in RANK:
        return 404
    return "ok" if RANK[kind] >= NEED_RANK[need] else 403


# --- the tests ---------------------------------------------------------------------------------


def test_every_url_is_classified() -> None:
    """A new URL must be given a row here (and in docs/security.md) before it can merge."""
    unclassified = [f"{r.name} ({r.route})" for r in ALL_ROUTES if not classify(r)]
    assert not unclassified, (
        "These URLs are not in the access matrix of tests/test_access_matrix.py. Classify each "
        "one: a journey page goes in JOURNEY with the needs of its @journey_view; any other "
        "page in SITE with the answer for signed-out and signed-in visitors (say whether it is "
        "public on purpose), then regenerate the table in docs/security.md:\n  "
        + "\n  ".join(unclassified)
    )


def test_the_matrix_names_only_urls_that_exist() -> None:
    names = {r.name for r in ALL_ROUTES}
    stale = sorted(
        (set(JOURNEY) | set(SITE) | PUBLIC_JOURNEY | ROUND_LINK | set(ADMIN) | set(API)) - names,
    )
    assert not stale, f"rows for URLs that no longer exist: {stale}"


def test_journey_rows_match_the_gate() -> None:
    """The table says what each @journey_view says: loosening a page's gate fails here."""
    wrong = []
    for r in ALL_ROUTES:
        if classify(r) != "journey":
            continue
        gate = (getattr(r.view, "journey_need", None), getattr(r.view, "journey_write_need", None))
        if gate != JOURNEY[r.name]:
            wrong.append(f"{r.name}: the view says {gate}, the table {JOURNEY[r.name]}")
    assert not wrong, "\n".join(wrong)


def _route_id(route: Route) -> str:
    return route.route


JOURNEY_ROUTES = [r for r in ALL_ROUTES if classify(r) == "journey"]
SITE_ROUTES = [r for r in ALL_ROUTES if classify(r) == "site"]


def _page(response: Any) -> bytes:
    """The body without its CSRF token (a new one on every page for a signed-in visitor), nor
    the address the language and easy-read choices return to (the page's own address)."""
    body = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", response.content)
    return re.sub(rb'name="next" value="[^"]*"', b"", body)


def _without_next(location: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(location)
    query = {k: v for k, v in parse_qs(parts.query).items() if k != "next"}
    return parts.path, query


@pytest.mark.django_db
@pytest.mark.parametrize("route", JOURNEY_ROUTES, ids=_route_id)
def test_journey_url_as_every_kind(route: Route, world: World) -> None:
    """Every kind of visitor, GET and POST, gets the table's answer; signed out, a real journey
    and a made-up one get the same answer (status, sign-in address and body) but for ``next``."""
    users = _users(world)
    values = _fill(route, world)
    url = route.url(values)
    missing = route.url({**values, "slug": "no-such-journey"})
    problems = []
    for method in ("GET", "POST"):
        for kind in KINDS:
            want = _journey_expected(route.name, method, kind)
            r = _ask(_client(users[kind]), method, url)
            if not _meets(r, want, url) or (
                # Reading a page the role may see shows it (or moves on, or asks for a POST).
                method == "GET" and want == "ok" and not _shows(r)
            ):
                problems.append(f"{method} as {kind}: {r.status_code} {r.get('Location', '')}")
        # A journey that does not exist is not found, even by a facilitator of another one.
        r = _ask(_client(world.facilitator), method, missing)
        if r.status_code != 404:
            problems.append(f"{method} of a made-up journey as facilitator: {r.status_code}")
        real = _ask(_client(None), method, url)
        fake = _ask(_client(None), method, missing)
        if (real.status_code, _without_next(real.get("Location", "")), _page(real)) != (
            fake.status_code,
            _without_next(fake.get("Location", "")),
            _page(fake),
        ):
            problems.append(f"{method} signed out: a real and a made-up journey differ")
    assert not problems, f"{route.route} ({route.name}):\n  " + "\n  ".join(problems)


def _site_url(route: Route) -> str:
    """Made-up values for a site URL's arguments: an invitation or a new-password link that
    was never sent (the answer to a real one is tested in tests/common)."""
    made_up: dict[str, Any] = {
        "token": "not-a-real-invitation",
        "uidb64": "MQ",
        "org_slug": "no-such-organisation",
        "role_pk": 999999,
        "person_pk": 999999,
        "token_pk": 999999,
    }
    if route.name == "password_new":
        made_up["token"] = "set-password"
    return route.url({k: made_up[k] for k in route.kwargs})


@pytest.mark.django_db
@pytest.mark.parametrize("route", SITE_ROUTES, ids=_route_id)
def test_site_url_as_every_kind(route: Route, world: World) -> None:
    users = _users(world)
    url = _site_url(route)
    problems = []
    for method in ("GET", "POST"):
        row = SITE[route.name][method]
        for kind in KINDS:
            want = _expected(row, kind)
            r = _ask(_client(users[kind]), method, url)
            if not _meets(r, want, url):
                problems.append(
                    f"{method} as {kind}: got {r.status_code} {r.get('Location', '')}, "
                    f"expected {want}"
                )
    assert not problems, f"{route.route} ({route.name}):\n  " + "\n  ".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("route", [r for r in ALL_ROUTES if classify(r) == "api"], ids=_route_id)
def test_api_url_as_every_kind(route: Route, world: World) -> None:
    from powerwith.api.services import token_create
    from tests.test_access_walk import _load_objects

    users = _users(world)
    makers = _load_objects()
    ids = dict(API_IDS)
    if "statement-rounds" in route.route:
        ids["round_id"] = "statement_round_pk"
    fixed = {"journey_slug": world.journey.slug}
    if "org_slug" in route.kwargs:
        from powerwith.organisations.services import organisation_create

        fixed["org_slug"] = organisation_create(actor=world.facilitator, name="Matrix").slug
    url = route.url({k: fixed[k] if k in fixed else makers[ids[k]](world) for k in route.kwargs})
    problems = []
    for kind in KINDS:
        headers = {}
        if users[kind] is not None:
            secret = token_create(actor=users[kind], name="matrix", scope="read", days=1)[1]
            headers["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
        for method in ("GET", "POST"):
            want = _api_expected(route.name, method, kind)
            c = Client()
            r = (
                c.get(url, **headers)
                if method == "GET"
                else c.post(url, API_BODY, content_type="application/json", **headers)
            )
            if r.status_code != want:
                problems.append(f"{method} as {kind}: got {r.status_code}, expected {want}")
    assert not problems, f"{route.route} ({route.name}):\n  " + "\n  ".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ADMIN))
def test_admin_as_every_kind(name: str, world: World) -> None:
    from django.urls import reverse

    users = _users(world)
    url = reverse(name)
    problems = []
    for kind in KINDS:
        want = ADMIN[name]["GET"][kind]
        r = _ask(_client(users[kind]), "GET", url)
        if not _meets(r, want, url):
            problems.append(f"GET as {kind}: got {r.status_code}, expected {want}")
    assert not problems, f"{name}:\n  " + "\n  ".join(problems)


def _admin_url(route: Route) -> str | None:
    """A URL for an admin route, filling its arguments with harmless values; None for the few
    routes that need a real object to resolve."""
    path = "/" + route.route
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: "1" if "id" in m.group(1) else "auth", path)
    path = path.replace("^", "").replace("$", "").replace("\\Z", "")
    if "(" in path or "\\" in path:
        return None
    return path


@pytest.mark.django_db
def test_every_admin_url(world: World) -> None:
    """Every admin URL, signed out or signed in without staff: never a 200 of admin content."""
    problems = []
    admin_routes = [r for r in ALL_ROUTES if classify(r) == "admin"]
    assert len(admin_routes) > 20
    for route in admin_routes:
        url = _admin_url(route)
        if url is None or route.name in ("admin:login", "admin:logout", "admin:?"):
            continue
        for kind, user in (("anon", None), ("facilitator", world.facilitator)):
            r = _client(user).get(url)
            if r.status_code == 200:
                problems.append(f"{url} ({route.name}) as {kind}: 200")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_public_journey_pages_answer_the_same_for_a_real_and_a_made_up_journey(
    world: World,
) -> None:
    """Not shared, a real journey's public page is as unknown as a journey that does not exist."""
    for route in (r for r in ALL_ROUTES if classify(r) == "public_journey"):
        values = _fill(route, world)
        for method in ("get", "post"):
            for user in (None, world.facilitator):
                c = _client(user)
                real = getattr(c, method)(route.url(values))
                fake = getattr(c, method)(route.url({**values, "slug": "no-such-journey"}))
                assert real.status_code == fake.status_code == 404, route.name
                assert _page(real) == _page(fake), route.name


@pytest.mark.django_db
def test_a_round_link_answers_everyone_the_same(world: World) -> None:
    """An unknown token, or a round not open by link: 404 for every kind of visitor. A real
    one: the page, whoever asks (GET), and a POST that is past the gate (a tap, or an empty
    form's 400), never a sign-in or a refusal."""
    from powerwith.commonground.models import StatementRound
    from tests.commonground.access_objects import make_round

    users = _users(world)
    rnd = StatementRound.objects.get(pk=make_round(world))
    problems = []
    for route in (r for r in ALL_ROUTES if classify(r) == "round_link"):
        real, fake = route.url({"token": rnd.link_token}), route.url({"token": "no-such-round"})
        for kind in KINDS:
            for method in ("GET", "POST"):
                r = _ask(_client(users[kind]), method, real)
                if not _meets(r, "ok", real):
                    problems.append(f"{route.name} {method} as {kind}: {r.status_code}")
                r = _ask(_client(users[kind]), method, fake)
                if r.status_code != 404:
                    problems.append(f"{route.name} {method} unknown as {kind}: {r.status_code}")
    StatementRound.objects.filter(pk=rnd.pk).update(open_by_link=False)
    for route in (r for r in ALL_ROUTES if classify(r) == "round_link"):
        url = route.url({"token": rnd.link_token})
        for kind in ("anon", "facilitator"):
            r = _ask(_client(users[kind]), "GET", url)
            if r.status_code != 404:
                problems.append(f"{route.name} not by link, as {kind}: {r.status_code}")
    assert not problems, "\n".join(problems)


# --- the table in docs/security.md --------------------------------------------------------------

_WORDS = {
    "ok": "yes",
    "signin": "sign in",
    "admin_signin": "admin sign-in",
    "signed_out": "signed out",
    "password_first": "password first",
}
_NEED_WORDS = {"view": "observer+", "record": "member+", "manage": "facilitator"}


def _word(answer: Any) -> str:
    return _WORDS.get(answer, str(answer)) if isinstance(answer, str) else str(answer)


def matrix_markdown() -> str:
    """The table docs/security.md carries, made from the dicts above: each cell is the answer to
    GET / POST for that kind of visitor."""
    cols = ["URL name", "who", *KINDS]
    lines = ["| " + " | ".join(cols) + " |", "|" + " --- |" * len(cols)]

    def row(name: str, who: str, cells: list[str]) -> None:
        lines.append(f"| `{name}` | {who} | " + " | ".join(cells) + " |")

    for name, spec in SITE.items():
        cells = [
            f"{_word(_expected(spec['GET'], k))} / {_word(_expected(spec['POST'], k))}"
            for k in KINDS
        ]
        row(name, "public" if spec["public"] else "signed in", cells)
    for name in sorted(PUBLIC_JOURNEY):
        row(name, "public if shared", ["404 (200 if shared) / same"] * len(KINDS))
    for name in sorted(ROUND_LINK):
        row(name, "anyone with the link", ["yes (404 unknown link) / same"] * len(KINDS))
    for name, spec in ADMIN.items():
        row(name, "staff", [f"{_word(spec['GET'][k])} / -" for k in KINDS])
    api_who = {
        "none": "nobody",
        "public": "public",
        "token": "token",
        "view": "token, observer+",
        "record": "read-write token, member+",
        "manage": "read-write token, facilitator",
        "manage_view": "token, facilitator",
        "self": "read-write token, observer+ (their own)",
        "org": "token, a role in the organisation",
        "-": "-",
    }
    for name, (get_rule, post_rule) in API.items():
        cells = [
            f"{_api_expected(name, 'GET', k)} / {_api_expected(name, 'POST', k)}" for k in KINDS
        ]
        row(name, f"{api_who[get_rule]} / {api_who[post_rule]}", cells)
    for name, (read, write) in JOURNEY.items():
        cells = [
            f"{_word(_journey_expected(name, 'GET', k))} / {_word(_journey_expected(name, 'POST', k))}"
            for k in KINDS
        ]
        row(name, f"{_NEED_WORDS[read]} / {_NEED_WORDS[write]}", cells)
    return "\n".join(lines)


def test_the_table_in_docs_security_md_is_this_one() -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "security.md").read_text()
    start = doc.index("<!-- access-matrix:start -->") + len("<!-- access-matrix:start -->")
    end = doc.index("<!-- access-matrix:end -->")
    assert doc[start:end].strip() == matrix_markdown(), (
        "docs/security.md's access table differs from tests/test_access_matrix.py: regenerate "
        "it with `python -c 'from tests.test_access_matrix import matrix_markdown as m; "
        "print(m())'` (DJANGO_SETTINGS_MODULE set) and paste it between the markers"
    )


def test_the_summary_of_docs_security_counts_its_rows() -> None:
    """The summary table of docs/security.md adds up the status of every requirement row."""
    import collections
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "docs" / "security.md").read_text()
    statuses = ("Met", "Partly met", "Not met", "Not applicable")
    rows = re.findall(
        r"^\| \d+\.\d+\.\d+ \| L[12] \| .*?\| (Met|Partly met|Not met|Not applicable) \|",
        text,
        re.M,
    )
    counted = collections.Counter(rows)
    total = re.search(r"^\| \*\*all\*\* \| (.*) \|$", text, re.M)
    assert total is not None
    said = [int(x.strip(" *")) for x in total.group(1).split("|")]
    assert said == [*(counted[s] for s in statuses), len(rows)]
