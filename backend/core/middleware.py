from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
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


_NUL_MESSAGE = {
    "code": "nul_character",
    "message": "Dữ liệu chứa ký tự NUL (0x00), không được chấp nhận.",
    "message_vi": "Dữ liệu chứa ký tự NUL (0x00), không được chấp nhận.",
    "message_en": "The request contains a NUL (0x00) character, which is not accepted.",
}


class RejectNulMiddleware:
    """Answer 400 to a path or query string containing NUL characters.

    PostgreSQL text cannot hold NUL, so such a value would otherwise fail deep inside a query as a 500, wherever
    a view forgot to validate it (a lookup by code in the path, a filter in the query). Request bodies are
    checked by the API's parsers (backend/core/parsers.py), which see the parsed fields.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            return JsonResponse(_NUL_MESSAGE, status=400)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        if "\x00" in request.path or "\x00" in request.path_info:
            return True
        return any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists())
