"""API token authentication: django-rest-knox's hashed, expiring tokens, hardened against undecodable headers."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework import exceptions


class TokenAuthentication(KnoxTokenAuthentication):
    """`Authorization: Token <token>`; an expired, revoked or unknown token answers 401."""

    def authenticate_credentials(self, token: bytes) -> Any:
        try:
            token.decode("ascii")
        except UnicodeDecodeError:  # knox decodes as UTF-8 and would fail with a 500 on other bytes
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        return super().authenticate_credentials(token)
