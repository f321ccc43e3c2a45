"""Bad input never makes a server error: fuzz every page and every form.

Every URL in the URL configuration is found the way the access walk finds it
(``tests/test_access_walk.py``: the URL resolver, and the ``OBJECTS`` makers of each
``tests/<app>/access_objects.py`` for its keyword arguments). As the facilitator of the test
journey (and signed out, for the pages anyone can see):

- each page is fetched once, noting every query parameter the view reads (every read of
  ``request.GET`` is recorded) and every field of its GET forms; then each such parameter is
  set in turn to bad values (below);
- each POST form on each page (parsed from the HTML) is posted with each of its fields, and
  every other key the view reads from ``request.POST``, replaced in turn by bad values, the
  other fields keeping what the page filled in; each post is rolled back. A field is fuzzed once
  per URL name (``gatherings:tap``'s ``item`` once, whichever page shows the form), and of the
  numbered copies of a field (``status_11``, ``status_12``) only the first, and of the warning-sign
  settings page's thresholds one of each kind (``_field_key``);
- each URL is also posted to with nothing, noting the keys the view reads, which are fuzzed the
  same way (POST-only URLs, and keys no form shows);
- every whole number in a URL is replaced by one too big for the database (404, not 500).

Every field and parameter gets the bad values that have broken pages before (``ALWAYS``) and
two of the others in turn, so each of those meets many fields and the whole file runs in about
a minute of one core; ``POWERWITH_FUZZ=full`` sends every value to every field.

Every response must be below 500; all failures are collected and reported together with the
URL, the field and the value. It runs on SQLite and on PostgreSQL, which refuses NUL
characters in text (``common.middleware`` takes them out of every request); on PostgreSQL
each field gets only the values that database treats differently (``ON_POSTGRESQL``).
"""

from __future__ import annotations

import copy
import datetime
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.db import connection, transaction
from django.http import QueryDict
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils.datastructures import MultiValueDict

from tests.conftest import World
from tests.test_access_walk import ALL_ROUTES, OBJECTS, Route, _fill

Value = str | list[str]

# One of each kind of bad value. A list is sent as the same key twice.
BAD_VALUES: list[Value] = [
    "²",  # passes str.isdigit(), fails int()
    "١٢",  # Arabic-Indic digits: int() reads them as 12
    "-1",
    "0",
    "99999999999999999999999",  # too big for a 64-bit integer column
    "1e9",
    "abc",
    "",
    "x" * 5000,
    "\x00",  # PostgreSQL refuses NUL in text
    "<script>alert(1)</script>",
    "'; DROP TABLE journeys_journey; --",
    ["1", "2"],
]
HUGE = "99999999999999999999999"
# The kinds that have broken pages before (digits int() refuses, ids too big for the database,
# NUL, a list where one value was expected, nothing): every field gets these. The others take
# turns, two per field, so each meets many fields and the run stays near a minute. Set
# POWERWITH_FUZZ=full to send every value to every field (about twice as long).
ALWAYS: list[Value] = ["²", HUGE, "\x00", ["1", "2"], ""]
IN_TURN: list[Value] = [v for v in BAD_VALUES if v not in ALWAYS]
# On PostgreSQL every field gets only the values the database itself treats differently from
# SQLite: a number too big for its column, NUL in text, and text longer than a column's limit
# (SQLite ignores the limit; PostgreSQL refuses the row). Every other value is turned away or
# taken by Python before any query, the same on both databases, and the SQLite pass sends it.
# That keeps the PostgreSQL pass to under half the requests without losing what only it finds.
ON_POSTGRESQL: list[Value] = [HUGE, "\x00", "x" * 5000]
FULL = os.environ.get("POWERWITH_FUZZ") == "full"

# Kwargs of routes outside a journey that no access_objects module makes.
OTHER_KWARGS = {"token": "not-a-real-token", "uidb64": "MQ"}
# Plausible values for empty fields, so that a post gets past the other fields' checks.
FILLER = {
    "date": "2025-02-03",
    "time": "10:30",
    "number": "1",
    "email": "someone@example.org",
    "url": "https://example.org/",
    "text": "Fuzz",
    "search": "Fuzz",
    "textarea": "Fuzz",
    "password": "not the password",
}


# --- reading the forms of a page --------------------------------------------------------------
@dataclass
class Form:
    method: str
    action: str
    data: dict[str, list[str]] = field(default_factory=dict)
    radios: dict[str, str] = field(default_factory=dict)  # first choice of an unticked radio
    names: list[str] = field(default_factory=list)


class FormParser(HTMLParser):
    """The forms of a page: each field with the value a browser would send untouched (empty
    boxes filled with a plausible value; a select's chosen or first real option)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: tuple[str, bool] | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text = ""
        self._submitted = False

    def _add(self, name: str, value: str) -> None:
        assert self._form is not None
        if name not in self._form.names:
            self._form.names.append(name)
        self._form.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(method=a.get("method", "get").lower(), action=a.get("action", ""))
            self._submitted = False
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if name not in self._form.names:
                    self._form.names.append(name)
                if "checked" in a:
                    self._form.data.setdefault(name, []).append(a.get("value", "on"))
                elif kind == "radio":
                    self._form.radios.setdefault(name, a.get("value", "on"))
            elif kind in ("submit", "image", "button", "reset"):
                if kind == "submit" and not self._submitted:
                    self._submitted = True
                    self._add(name, a.get("value", ""))
            elif kind != "file":
                self._add(name, a.get("value") or FILLER.get(kind, ""))
        elif tag == "button" and name and a.get("type", "submit") == "submit":
            if not self._submitted:
                self._submitted = True
                self._add(name, a.get("value", ""))
        elif tag == "select" and name:
            self._select = (name, "multiple" in a)
            self._options = []
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            if self._form is not None:
                for name, value in self._form.radios.items():
                    self._form.data.setdefault(name, [value])
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, multiple = self._select
            chosen = [v for v, selected in self._options if selected]
            if not chosen and not multiple:
                chosen = [v for v, _ in self._options if v][:1]
            if name not in self._form.names:
                self._form.names.append(name)
            if chosen:
                self._form.data[name] = chosen
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            self._add(self._textarea, self._text.strip() or FILLER["textarea"])
            self._textarea = None


def forms_of(html: str) -> list[Form]:
    parser = FormParser()
    parser.feed(html)
    return parser.forms


# --- recording what a view reads ---------------------------------------------------------------
class Reads:
    """Every key looked up in a request's GET or POST (QueryDicts) while ``on`` (every lookup
    goes through the methods of MultiValueDict that the ``reads`` fixture wraps)."""

    def __init__(self) -> None:
        self.on = False
        self.keys: set[str] = set()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Reads:
    rec = Reads()
    for method in ("get", "getlist", "__getitem__", "__contains__"):
        original = getattr(MultiValueDict, method)

        def spy(self: Any, key: Any, *args: Any, _original: Any = original) -> Any:
            if rec.on and isinstance(self, QueryDict) and isinstance(key, str):
                rec.keys.add(key)
            return _original(self, key, *args)

        monkeypatch.setattr(MultiValueDict, method, spy)
    return rec


# --- the walk ----------------------------------------------------------------------------------
def _routes() -> Iterator[Route]:
    for route in ALL_ROUTES:
        if not route.route.startswith("admin/"):
            yield route


def _org_kwargs(world: World) -> dict[str, Any]:
    """An organisation the facilitator runs, with the member as its viewer (made once per world),
    for the organisation pages' ``org_slug`` and ``role_pk``."""
    from powerwith.organisations import services as org_services
    from powerwith.organisations.models import Organisation, OrganisationRole

    org = Organisation.objects.filter(roles__user=world.facilitator, roles__role="admin").first()
    if org is None:
        org = org_services.organisation_create(actor=world.facilitator, name="Fuzz Trust")
        org_services.organisation_add_member(
            actor=world.facilitator, organisation=org, email=world.member.email, role="viewer"
        )
    role = OrganisationRole.objects.get(organisation=org, user=world.member)
    return {"org_slug": org.slug, "role_pk": role.pk}


def _kwargs(route: Route, world: World) -> dict[str, Any]:
    if "slug" in route.converters:
        return _fill(route, world)
    if "org_slug" in route.converters:
        return {k: _org_kwargs(world)[k] for k in route.kwargs}
    return {k: _account_kwarg(k, world) for k in route.kwargs}


def _account_kwarg(kwarg: str, world: World) -> Any:
    """A URL value outside any journey: the facilitator's own register entry (made by
    ``_everything``) for the "your data" pages, else a made-up token."""
    if kwarg == "person_pk":
        from powerwith.people.models import Person

        mine = Person.objects.filter(user=world.facilitator).order_by("pk").first()
        return mine.pk if mine is not None else 1
    if kwarg == "token_pk":  # the facilitator's own API token
        from powerwith.api import services as api_services
        from powerwith.api.models import ApiToken

        token = ApiToken.objects.filter(user=world.facilitator).first()
        if token is None:
            token = api_services.token_create(
                actor=world.facilitator, name="Fuzz", scope="read", days=1
            )[0]
        return token.pk
    if kwarg == "journey_slug":  # the API's journey
        return world.journey.slug
    if kwarg.endswith("_id"):  # the API's objects: it answers 401 to a session, any id will do
        return 1
    return OTHER_KWARGS[kwarg]


def _url(route: Route, world: World) -> str:
    return route.url(_kwargs(route, world))


def _route_name(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return path
    return f"{match.view_name}"


def _field_key(route: str, name: str) -> tuple[str, str]:
    """What makes two fields the same for the fuzzer: numbered copies of a field are one field;
    on the warning-sign settings page, every threshold of one kind and range is made by the same
    function (``insights.forms._field_for``), so one of each is fuzzed, not all seventy."""
    if route == "insights:thresholds" and "__" in name:
        from powerwith.insights import thresholds

        code, _, setting = name.partition("__")
        default = thresholds.defaults().get(code, {}).get(setting)
        if default is not None:
            info = thresholds.info(code, setting, default)
            return (route, f"a threshold: {info.kind} {info.minimum} {info.maximum}")
    return (route, re.sub(r"[0-9]+", "#", name))


def _shown(value: Value) -> str:
    text = repr(value)
    return text if len(text) < 40 else text[:30] + "...'"


class Fuzzer:
    def __init__(self, client: Client, reads: Reads) -> None:
        self.client = client
        self.reads = reads
        self.failures: list[str] = []
        self.seen_fields: set[tuple[str, str]] = set()
        self.seen_gets: set[tuple[str, str]] = set()
        self.requests = 0
        self.turn = 0

    def values(self) -> list[Value]:
        """The bad values for the next field (see ALWAYS and ON_POSTGRESQL)."""
        if FULL:
            return BAD_VALUES
        if connection.vendor == "postgresql":
            return ON_POSTGRESQL
        n = len(IN_TURN)
        picked = [IN_TURN[self.turn % n], IN_TURN[(self.turn + 1) % n]]
        self.turn += 2
        return [*ALWAYS, *picked]

    def _send(self, method: str, url: str, data: dict[str, Any], note: str) -> Any:
        """One request, rolled back; a status of 500 or more (or a crash) is a failure."""
        cookies = copy.deepcopy(self.client.cookies)  # signing out must not sign us out
        self.requests += 1
        response = None
        with transaction.atomic():
            try:
                if method == "get":
                    response = self.client.get(url, data)
                else:
                    response = self.client.post(url, data)
            except Exception as exc:
                self.failures.append(f"{method.upper()} {url} {note}: {type(exc).__name__}: {exc}")
            transaction.set_rollback(True)
        self.client.cookies = cookies
        if response is not None and response.status_code >= 500:
            self.failures.append(f"{method.upper()} {url} {note}: status {response.status_code}")
        return response

    def _recorded(self, method: str, url: str, data: dict[str, Any]) -> tuple[Any, set[str]]:
        self.reads.keys = set()
        self.reads.on = True
        try:
            response = self._send(method, url, data, "(as the page fills it in)")
        finally:
            self.reads.on = False
        return response, set(self.reads.keys)

    def page(self, url: str) -> None:
        response, read = self._recorded("get", url, {})
        if response is None or response.status_code != 200 or response.streaming:
            # A streamed file (a story's recording) has no form to fill in.
            keys = read
            html = ""
        else:
            html = response.content.decode(errors="replace")
            keys = set(read)
        forms = forms_of(html) if "<form" in html else []
        for form in forms:
            if form.method == "get":
                keys |= set(form.names)
        name = _route_name(urlsplit(url).path)
        for key in sorted(keys - {"csrfmiddlewaretoken"}):
            if (name, key) in self.seen_gets:
                continue
            self.seen_gets.add((name, key))
            for bad in self.values():
                self._send("get", url, {key: bad}, f"?{key}={_shown(bad)}")
        for form in forms:
            if form.method == "post":
                self.form(form.action or url, form.data, form.names)
        # What the view reads from a post with nothing in it (a POST-only URL, or keys that no
        # form on the page shows).
        self.form(url, {}, [])

    def form(self, action: str, data: dict[str, list[str]], names: list[str]) -> None:
        """Post ``data`` with each field (and each other key the view reads) replaced in turn by
        each bad value. A field already fuzzed at the same URL name is skipped, as are the
        numbered copies of a field (``status_12`` after ``status_11``): one is enough."""
        route = _route_name(urlsplit(action).path)
        _, read = self._recorded("post", action, data)
        for name in [*names, *sorted(read - set(names))]:
            key = _field_key(route, name)
            if name == "csrfmiddlewaretoken" or key in self.seen_fields:
                continue
            self.seen_fields.add(key)
            for bad in self.values():
                self._send("post", action, {**data, name: bad}, f"{name}={_shown(bad)}")

    def report(self) -> str:
        return f"{len(self.failures)} server errors:\n  " + "\n  ".join(self.failures)


def _everything(world: World) -> list[str]:
    """Every object the access walk knows how to make, so pages show their forms; and the
    pages of things those makers do not make (returned as URLs to walk as well): a named round
    (its answers are tagged by number) and the facilitator's own entry in the register with a
    support need (the "me" pages)."""
    from powerwith.inclusion import services as inclusion_services
    from powerwith.people import services as people_services
    from powerwith.reflection import services as reflection_services
    from powerwith.reflection.models import QuestionBank

    # The built-in question banks, as the first page that needs them copies them into any real
    # database once. Every fuzzed request is rolled back, so without this each request to such a
    # page would copy them again (a fifth of a second each, most of the walk's time).
    reflection_services.banks_sync()
    for make in OBJECTS.values():
        make(world)
    me = people_services.person_create(
        actor=world.facilitator,
        journey=world.journey,
        name="Fran Facilitator",
        role="facilitator",
        joined_on=datetime.date(2025, 1, 6),
        user=world.facilitator,
    )
    inclusion_services.need_add(
        actor=world.facilitator, person=me, kind="transport", since=datetime.date(2025, 1, 6)
    )
    named = reflection_services.round_open(
        actor=world.facilitator,
        journey=world.journey,
        bank=QuestionBank.objects.get(pk=OBJECTS["bank_pk"](world)),
        title="Named round",
        anonymous=False,
        opens_on=datetime.date(2025, 2, 3),
    )
    return [f"/j/{world.journey.slug}/reflection/rounds/{named.pk}/themes/"]


# The signed-in walk is cut into shards, each a test of its own, so that pytest-xdist shares
# them between workers: in one piece it was the longest test of the suite by far (it grows with
# every page) and kept one worker busy long after the others had finished. A shard takes every
# SHARDS-th page in URL order; a form that posts to a page of another shard is fuzzed where it
# is met, so nothing is missed.
SHARDS = 6

# The fields that once broke, by the page they post to: the shard holding that page must reach
# them (so a change that hid them would show here).
ONCE_BROKE = {
    ("gatherings:tap", "item"): "gatherings:tap",
    ("decisions:create", "limits"): "decisions:create",
    ("decisions:vote_create", "tags"): "decisions:vote_create",
    ("decisions:group_create", "members"): "decisions:group_create",
    ("reflection:themes", "answer"): "reflection:themes",
    ("inclusion:my_need_end", "need"): "inclusion:my_need_end",
}
ONCE_BROKE_GETS = {("gatherings:turns", "item"), ("decisions:group_create", "item")}


def _shard(shard: int) -> list[Route]:
    return [
        r for i, r in enumerate(sorted(_routes(), key=lambda r: r.route)) if i % SHARDS == shard
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("shard", range(SHARDS))
def test_bad_input_never_makes_a_server_error(world: World, reads: Reads, shard: int) -> None:
    extra = _everything(world)
    routes = _shard(shard)
    names = {r.name for r in routes}
    c = Client(raise_request_exception=True)
    c.force_login(world.facilitator)
    fuzz = Fuzzer(c, reads)
    for url in extra:  # first: these pages' forms are skipped when met again
        if _route_name(url) in names:
            fuzz.page(url)
    for route in routes:
        fuzz.page(_url(route, world))
    assert not fuzz.failures, fuzz.report()
    wanted = {field for field, page in ONCE_BROKE.items() if page in names}
    assert wanted <= fuzz.seen_fields, wanted - fuzz.seen_fields
    gets = {key for key in ONCE_BROKE_GETS if key[0] in names}
    assert gets <= fuzz.seen_gets, gets - fuzz.seen_gets


def test_the_shards_cover_every_page_once() -> None:
    shards = [_shard(i) for i in range(SHARDS)]
    assert sorted(r.route for s in shards for r in s) == sorted(r.route for r in _routes())
    assert all(shards)


@pytest.mark.django_db
def test_bad_input_signed_out_never_makes_a_server_error(world: World, reads: Reads) -> None:
    _everything(world)
    world.journey.public_you_said = True
    world.journey.save(update_fields=["public_you_said"])
    fuzz = Fuzzer(Client(raise_request_exception=True), reads)
    for route in _routes():
        if not route.route.startswith("j/"):
            fuzz.page(_url(route, world))
    assert not fuzz.failures, fuzz.report()


@pytest.mark.django_db
def test_a_number_too_big_in_an_address_is_not_found(world: World) -> None:
    _everything(world)
    c = Client(raise_request_exception=True)
    c.force_login(world.facilitator)
    problems = []
    for route in _routes():
        ints = [k for k, conv in route.converters.items() if conv.regex == "[0-9]+"]
        if not ints:
            continue
        values = _kwargs(route, world)
        for k in ints:
            url = route.url({**values, k: int(HUGE)})
            for method in ("get", "post"):
                with transaction.atomic():
                    try:
                        r = c.get(url) if method == "get" else c.post(url, {})
                        status = r.status_code
                    except Exception as exc:
                        status = f"{type(exc).__name__}: {exc}"
                    transaction.set_rollback(True)
                if status != 404 and not (method == "get" and status == 405):
                    problems.append(f"{method.upper()} {url}: {status}")
    assert not problems, "\n".join(problems)
