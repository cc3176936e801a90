"""API token authentication: django-rest-knox's hashed, expiring tokens, hardened against undecodable headers."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework import exceptions


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
