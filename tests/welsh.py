"""Reading a page in Welsh, and finding English left on it, for the apps' own catalogues.

``welsh_get`` asks for Welsh both ways a page can be asked: the browser's Accept-Language
header (which the locale middleware reads) and the active translation for the request (which
holds when no middleware chooses). ``english_left`` lists the catalogue's English sentences
still on a page: each msgid that has Welsh, split at its placeholders, pieces long enough to be
a sentence of ours rather than a word that is the same in both languages."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import polib
from django.test import Client
from django.utils import translation

SRC = Path(__file__).resolve().parent.parent / "src" / "powerwith"
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
