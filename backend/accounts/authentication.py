"""API token authentication: django-rest-knox's hashed, expiring tokens, hardened against undecodable headers."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication as DrfSessionAuthentication
from rest_framework.request import Request

from backend.core.language import current_lang


class TokenAuthentication(KnoxTokenAuthentication):
    """`Authorization: Token <token>`; an expired, revoked or unknown token answers 401."""

    def authenticate_credentials(self, token: bytes) -> Any:
        # Tokens are printable ASCII. knox decodes as UTF-8 (a 500 on other bytes) and queries with the text (a 500
        # from PostgreSQL on a NUL), so anything else is refused here.
        try:
            printable = token.decode("ascii").isprintable()
        except UnicodeDecodeError:
            printable = False
        if not printable:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        return super().authenticate_credentials(token)


class CsrfRefused(exceptions.PermissionDenied):
    default_code = "csrf_failed"


def csrf_refused() -> CsrfRefused:
    if current_lang() == "en":
        return CsrfRefused("The request lacks the CSRF token of this session; reload the page and try again.")
    return CsrfRefused("Yêu cầu thiếu mã chống giả mạo (CSRF) của phiên đăng nhập; hãy tải lại trang rồi thử lại.")


class SessionAuthentication(DrfSessionAuthentication):
    """The web app's sign-in: Django's session cookie. Unsafe methods need the `csrftoken` cookie's value in the
    X-CSRFToken header (DRF checks it for session-authenticated requests); a refusal is 403 `csrf_failed`."""

    def enforce_csrf(self, request: Request) -> None:
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied as exc:
            raise csrf_refused() from exc


def check_csrf(request: Request) -> None:
    """CSRF check for a request that is not signed in yet (the session sign-in): no login forged by another site."""
    SessionAuthentication().enforce_csrf(request)


class TokenScheme(OpenApiAuthenticationExtension):
    """How the schema (and Swagger UI's "Authorize") describes it: the header, with its "Token " prefix."""

    target_class = "backend.accounts.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'Token từ POST /api/v1/auth/token/, gửi dạng / sent as "Token <token>".',
        }


class SessionScheme(OpenApiAuthenticationExtension):
    """The session cookie, as drf-spectacular describes DRF's own session authentication."""

    target_class = "backend.accounts.authentication.SessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
