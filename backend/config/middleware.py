from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation


class QueryLanguageMiddleware:
    """Let API clients pick the language with ?lang=en|vi, which beats Accept-Language.

    Placed after LocaleMiddleware, so it only overrides when the parameter is present.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        lang = request.GET.get("lang", "")
        if lang in ("vi", "en"):
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        return response
