"""Response headers that depend on who is asking (the fixed ones are settings)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class NoStoreWhenSignedIn:
    """Pages for a signed-in visitor are marked ``private, no-store``: a journey's pages hold
    names, needs and payments, and must not be shown again from a shared computer's cache after
    signing out, nor kept by a proxy. Public pages keep ordinary caching."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
