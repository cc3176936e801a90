"""django-axes, fitted: the answer to a locked-out sign-in (AXES_LOCKOUT_CALLABLE) and the handler (AXES_HANDLER).

The answer is the same bilingual error body as every other refusal (backend/core/api.py), status 429 and
Retry-After: the seconds until the lockout ends by itself, at the latest.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.db.models import Max
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from rest_framework import status

from backend.core.api import error_body
from backend.core.errors import ApplicationError
from backend.core.language import current_lang


def locked_out(seconds: int) -> ApplicationError:
    minutes = max(1, math.ceil(seconds / 60))
    return ApplicationError(
        "login_locked",
        f"Đăng nhập sai quá nhiều lần. Tài khoản hoặc địa chỉ này tạm bị khóa; vui lòng thử lại sau {minutes} phút.",
        f"Too many failed sign-ins. This account or address is locked for now; try again in {minutes} minutes.",
        status=status.HTTP_429_TOO_MANY_REQUESTS,
        extra={"retry_after": seconds},
    )


def seconds_left(request: HttpRequest, credentials: dict[str, Any] | None) -> int:
    """Until the newest failure that counts is older than the cool-off: when the lockout has surely ended."""
    cool_off = get_cool_off(request) or dt.timedelta(0)
    newest = None
    handler = AxesProxyHandler.get_implementation()
    if hasattr(handler, "get_user_attempts"):  # the database handler (settings.AXES_HANDLER)
        for attempts in handler.get_user_attempts(request, credentials):
            latest = attempts.aggregate(latest=Max("attempt_time"))["latest"]
            if latest is not None and (newest is None or latest > newest):
                newest = latest
    if newest is None:
        return max(1, math.ceil(cool_off.total_seconds()))
    return max(1, math.ceil((newest + cool_off - timezone.now()).total_seconds()))


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    seconds = seconds_left(request, credentials)
    lang = current_lang()
    response = JsonResponse(error_body(locked_out(seconds), lang), status=status.HTTP_429_TOO_MANY_REQUESTS)
    response["Retry-After"] = str(seconds)
    return response


# Request headers axes copies into its tables. PostgreSQL text cannot hold NUL, and a header with one would turn
# a failed sign-in into a 500.
_COPIED_HEADERS = ("axes_user_agent", "axes_http_accept", "axes_path_info")


def _without_nul(request: Any) -> None:
    for name in _COPIED_HEADERS:
        value = getattr(request, name, None)
        if isinstance(value, str) and "\x00" in value:
            setattr(request, name, value.replace("\x00", ""))


class DatabaseHandler(AxesDatabaseHandler):
    """axes' database handler, storing the client's headers without NUL characters."""

    def user_login_failed(self, sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
        _without_nul(request)
        super().user_login_failed(sender, credentials, request, **kwargs)

    def user_logged_in(self, sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
        _without_nul(request)
        super().user_logged_in(sender, request, user, **kwargs)

    def user_logged_out(self, sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
        _without_nul(request)
        super().user_logged_out(sender, request, user, **kwargs)
