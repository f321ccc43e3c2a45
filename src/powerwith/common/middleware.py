"""Cleaning what every request sends, before any view sees it."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, QueryDict

NUL = "\x00"


def _without_nul(data: QueryDict) -> QueryDict:
    """``data`` with every NUL character taken out of its keys and values (the same object when
    there is none, which is almost always)."""
    if not any(NUL in k or any(NUL in v for v in vs) for k, vs in data.lists()):
        return data
    clean = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        clean.setlist(key.replace(NUL, ""), [v.replace(NUL, "") for v in values])
    clean._mutable = False
    return clean


class StripNulMiddleware:
    """Takes NUL characters out of the query string and the posted form.

    No one can type a NUL (``\\x00``): it comes only from broken programs or someone probing.
    PostgreSQL cannot store one in text (a server error), and Django's text fields would refuse
    the whole form in words that are not ours. Taking it out keeps everything else the person
    sent, on every page at once.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # A fresh QueryDict is as immutable as Django's own (see _without_nul).
        request.GET = _without_nul(request.GET)  # type: ignore[assignment]
        if request.method == "POST":
            request.POST = _without_nul(request.POST)  # type: ignore[assignment]
        return self.get_response(request)
