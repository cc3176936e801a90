"""API plumbing shared by every app: the exception handler and pagination."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from backend.core.errors import INVALID_EN, INVALID_VI, ApplicationError, still_referenced
from backend.core.language import current_lang
from backend.core.parsers import body_too_large
from backend.core.text import whole_number


class Pagination(PageNumberPagination):
    """Every list's pages. A page size outside 1..500 (or not a number) is a 400 saying so, never silently
    clamped: a client asking for 1000 rows must learn it got 500."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request: Any) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        size = whole_number(raw, max_digits=6)
        if size is None or not 1 <= size <= self.max_page_size:
            raise ApplicationError(
                "invalid_page_size",
                f"Cỡ trang (page_size) phải là số nguyên từ 1 đến {self.max_page_size}.",
                f"The page size (page_size) must be a whole number from 1 to {self.max_page_size}.",
                field="page_size",
                extra={"allowed": {"min": 1, "max": self.max_page_size}},
            )
        return size


_GENERIC = {"vi": INVALID_VI, "en": INVALID_EN}


def _flatten(detail: Any) -> Any:
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_flatten(item) for item in detail]
    return str(detail)


def throttled(wait: float | None) -> ApplicationError:
    seconds = int(wait or 0) + (1 if wait and wait % 1 else 0)
    return ApplicationError(
        "throttled",
        f"Quá nhiều yêu cầu. Vui lòng thử lại sau {seconds} giây.",
        f"Too many requests. Try again in {seconds} seconds.",
        status=status.HTTP_429_TOO_MANY_REQUESTS,
        extra={"retry_after": seconds},
    )


def error_body(exc: ApplicationError, lang: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "code": exc.code,
        "message": exc.message(lang),
        "message_vi": exc.message_vi,
        "message_en": exc.message_en,
    }
    if exc.field:
        body["errors"] = {exc.field: [exc.message(lang)]}
    body.update(exc.extra)
    return body


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's own 400 (a request it refuses to read, e.g. more form fields than DATA_UPLOAD_MAX_NUMBER_FIELDS):
    the API's JSON error under /api/, the usual page elsewhere."""
    if request.path.startswith("/api/"):
        error = ApplicationError(
            "bad_request",
            "Không đọc được yêu cầu (sai dạng hoặc quá nhiều trường).",
            "The request cannot be read (malformed, or too many fields).",
        )
        return JsonResponse(error_body(error, current_lang()), status=400)
    return defaults.bad_request(request, exception)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 404 (no URL matched, e.g. an id with a "/" in it): the API's JSON error under /api/, so API
    clients never get an HTML page; the usual page elsewhere."""
    if request.path.startswith("/api/"):
        error = ApplicationError("not_found", "Không tìm thấy địa chỉ này.", "No such address.", status=404)
        return JsonResponse(error_body(error, current_lang()), status=404)
    return defaults.page_not_found(request, exception)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Map every expected error to one JSON shape: code, message (vi and en) and field errors."""
    lang = current_lang()
    if isinstance(exc, exceptions.Throttled):
        exc = throttled(getattr(exc, "wait", None))
    elif isinstance(exc, RequestDataTooBig):  # read by Django before any parser could bound it
        exc = body_too_large()
    elif isinstance(exc, ProtectedError):
        exc = still_referenced(exc)
    if isinstance(exc, ApplicationError):
        answer = Response(error_body(exc, lang), status=exc.status)
        if "retry_after" in exc.extra:
            answer["Retry-After"] = str(exc.extra["retry_after"])
        return answer
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        if not isinstance(errors, dict):
            errors = {"non_field_errors": errors}
        response.data = {
            "code": "invalid",
            "message": _GENERIC[lang],
            "message_vi": _GENERIC["vi"],
            "message_en": _GENERIC["en"],
            "errors": errors,
        }
    elif isinstance(exc, exceptions.APIException):
        detail = exc.detail
        message = str(detail.get("detail", detail)) if isinstance(detail, dict) else str(detail)
        code = exc.get_codes() if not isinstance(exc.get_codes(), dict | list) else exc.default_code
        response.data = {"code": str(code), "message": message}
    if response.status_code >= status.HTTP_500_INTERNAL_SERVER_ERROR:  # pragma: no cover - never expected
        return response
    return response
