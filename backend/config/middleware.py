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
    """Answer 400 to API input containing NUL characters.

    PostgreSQL text cannot hold NUL, so such a value would otherwise fail deep inside a query as a 500,
    wherever a new endpoint forgot to validate it. One check here covers query strings and JSON bodies.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/") and self._has_nul(request):
            return JsonResponse(_NUL_MESSAGE, status=400)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        if any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()):
            return True
        if request.content_type == "application/json" and request.method in ("POST", "PUT", "PATCH"):
            body = request.body
            return b"\x00" in body or b"\\u0000" in body
        return False
