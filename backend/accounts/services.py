"""Signing in and out: the writes behind the auth API (backend/accounts/api/views.py).

Django's sign-in is bound to the request (login and logout keep the session on it; django-axes reads it from the
signals), so these take the Django request. Revoking tokens and ending a user's sessions are tokens.py and
sessions.py, which the admin's `revoke_tokens` command and the password-change signal use too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import login, logout, user_logged_in, user_logged_out
from django.http import HttpRequest
from knox.models import AuthToken
from knox.settings import knox_settings

from backend.accounts import sessions, tokens


def token_sign_in(request: HttpRequest, user: Any) -> tuple[str, dt.datetime]:
    """A new expiring API token for `user`: the token (shown once, only its hash is stored) and its expiry."""
    instance, token = AuthToken.objects.create(user=user, expiry=knox_settings.TOKEN_TTL)
    user_logged_in.send(sender=user.__class__, request=request, user=user)
    return token, instance.expiry


def session_sign_in(request: HttpRequest, user: Any) -> None:
    """The web app's sign-in: a new session key and CSRF token (sends user_logged_in; axes logs it)."""
    login(request, user)


def sign_out(request: HttpRequest, user: Any, auth: Any) -> None:
    """End the sign-in this request came with: its token, or its session (the browsable API, the admin)."""
    if isinstance(auth, AuthToken):
        auth.delete()
    else:
        logout(request)
    _signed_out(request, user)


def sign_out_everywhere(request: HttpRequest, user: Any, auth: Any) -> None:
    """Revoke every token and end every session of `user`: the web app signed in on other browsers too."""
    tokens.revoke_all(user, reason="signed out everywhere")
    if not isinstance(auth, AuthToken):
        logout(request)
    sessions.end_all(user)
    _signed_out(request, user)


def session_sign_out(request: HttpRequest, auth: Any) -> None:
    """The web app's sign-out: the session is deleted on the server (every tab), and the token if one was sent."""
    if isinstance(auth, AuthToken):
        auth.delete()
    logout(request)  # flushes the session row and sends user_logged_out


def _signed_out(request: HttpRequest, user: Any) -> None:
    user_logged_out.send(sender=user.__class__, request=request, user=user)
