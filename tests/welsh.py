"""Reading pages in Welsh, for each app's Welsh test (two engineers' helpers, side by side): a client whose every request asks for
Welsh (the language cookie and the browser's Accept-Language, and the thread's language while
the page is drawn), and the English sentences of an app's own catalogue, which must not be left
on a page drawn in Welsh."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.test import Client
from django.utils import translation

from tests.conftest import client_for
from tests.test_demo_pages_text import visible_text

SRC = Path(__file__).resolve().parent.parent / "src" / "powerwith"


def welsh_client(user: Any) -> Client:
    c = client_for(user)
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    return c


def get_welsh(c: Client, url: str) -> str:
    with translation.override("cy"):
        r = c.get(url, HTTP_ACCEPT_LANGUAGE="cy")
    assert r.status_code == 200, (url, r.status_code)
    return r.content.decode()


def _entries(app: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) of the app's Welsh catalogue, singular entries only."""
    text = (SRC / app / "locale" / "cy" / "LC_MESSAGES" / "django.po").read_text("utf-8")
    pairs = []
    for block in text.split("\n\n"):
        if "msgid_plural" in block:
            continue
        m = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', block, re.M)
        if not m:
            continue

        def join(s: str) -> str:
            return "".join(re.findall(r'"(.*)"', s)).replace('\\"', '"').replace("\\n", "\n")

        pairs.append((join(m.group(1)), join(m.group(2))))
    return [(i, s) for i, s in pairs if i]


def english_sentences(app: str) -> list[str]:
    """The app's English sentences that stand alone on a page (four words or more, no
    placeholder or markup), each translated into something else."""
    return [
        i
        for i, s in _entries(app)
        if s and s != i and "%(" not in i and "<" not in i and len(i.split()) >= 4
    ]


def assert_welsh(page: str, app: str, *, expect: Iterable[str]) -> None:
    """The page shows the Welsh it should, and no English sentence of the app's catalogue."""
    text = visible_text(page)
    for words in expect:
        assert words in text, words
    # A whole phrase, not the start of a longer sentence of another catalogue ("People in the
    # register now: everyone recorded...").
    left = [
        s
        for s in english_sentences(app)
        if re.search(r"(?<![\w’'])" + re.escape(s) + r"(?![\w’':])", text)
    ]
    assert not left, left


def untranslated(app: str) -> list[str]:
    """The entries of the app's Welsh catalogue with an empty translation (or plural form)."""
    text = (SRC / app / "locale" / "cy" / "LC_MESSAGES" / "django.po").read_text("utf-8")
    empty = re.compile(r'^msgstr(?:\[\d\])? ""\n(?!")', re.M)
    return [b for b in text.split("\n\n")[1:] if empty.search(b + "\n")]


# --- welsh_get / english_left (the dashboard's, inclusion's, rights' and organisations' tests)

_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%")


def welsh_get(client: Client, url: str, **kwargs: Any) -> Any:
    with translation.override("cy"):
        return client.get(url, HTTP_ACCEPT_LANGUAGE="cy", **kwargs)


def welsh_text(response: Any) -> str:
    """The page's text as a reader sees it (entities turned back into characters)."""
    return html.unescape(response.content.decode())


def catalogue(app: str) -> polib.POFile:
    return polib.pofile(str(SRC / app / "locale" / "cy" / "LC_MESSAGES" / "django.po"))


def english_left(app: str, text: str, min_length: int = 24) -> list[str]:
    """The English pieces of ``app``'s catalogue found in ``text`` (a Welsh page)."""
    found = []
    for entry in catalogue(app):
        if entry.obsolete:
            continue
        for msgid in filter(None, [entry.msgid, entry.msgid_plural]):
            for piece in _PLACEHOLDER.split(msgid):
                piece = piece.strip()
                if len(piece) >= min_length and " " in piece and piece in text:
                    found.append(piece)
    return found
