"""Sign-in and sign-out for API clients and the web app: expiring tokens (django-rest-knox).

- POST   /api/v1/auth/token/       {username, password} -> {token, expiry}; failures count towards the lockout
- DELETE /api/v1/auth/token/       revoke the token the request is signed with (sign out)
- POST   /api/v1/auth/logout/      the same, for clients that cannot send DELETE
- POST   /api/v1/auth/logout-all/  revoke every token of the signed-in user (sign out everywhere)
- GET    /api/v1/auth/session/     the web app: who is signed in (or null), and the csrftoken cookie
- POST   /api/v1/auth/session/     the web app: sign in with a session cookie (CSRF checked; counts for the lockout)
- DELETE /api/v1/auth/session/     the web app: sign out, deleting the session on the server (every tab)
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate, login, user_logged_in, user_logged_out
from django.contrib.auth import logout as end_session
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from knox.models import AuthToken
from knox.settings import knox_settings
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts import sessions, tokens
from backend.accounts.api import MeSerializer, me_body
from backend.accounts.authentication import check_csrf
from backend.core.errors import ApplicationError


class CredentialsSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150, trim_whitespace=False)
    password = serializers.CharField(max_length=4096, trim_whitespace=False, style={"input_type": "password"})


_TOKEN_ANSWER = inline_serializer(
    "TokenAnswer", fields={"token": serializers.CharField(), "expiry": serializers.DateTimeField()}
)
_WRONG = OpenApiResponse(description="Sai tên đăng nhập hoặc mật khẩu / wrong username or password")
_LOCKED = OpenApiResponse(description="Quá nhiều lần đăng nhập sai / too many failed sign-ins (Retry-After)")


def _wrong_credentials() -> ApplicationError:
    return ApplicationError(
        "invalid_credentials",
        "Sai tên đăng nhập hoặc mật khẩu.",
        "Wrong username or password.",
        field="non_field_errors",
    )


def _authenticated(request: Request) -> Any:
    """The user the posted credentials name, or a 400; a 429 (django-axes) after too many failures."""
    credentials = CredentialsSerializer(data=request.data)
    credentials.is_valid(raise_exception=True)
    # The Django request, not DRF's wrapper: django-axes marks it, and its middleware answers 429 when locked.
    user = authenticate(request._request, **credentials.validated_data)
    if user is None:
        raise _wrong_credentials()
    return user


def _signed_out(request: Request) -> None:
    user_logged_out.send(sender=request.user.__class__, request=request._request, user=request.user)


class TokenView(APIView):
    """Đăng nhập lấy token / sign in for a token; DELETE: đăng xuất / sign out (revoke this token)."""

    throttle_classes: list[Any] = []

    def perform_authentication(self, request: Request) -> None:
        # Signing in must not fail because of an expired token the client still sends.
        if request.method != "POST":
            super().perform_authentication(request)

    def get_permissions(self) -> list[Any]:
        return [AllowAny()] if self.request.method == "POST" else [IsAuthenticated()]

    @extend_schema(
        request=CredentialsSerializer,
        responses={200: _TOKEN_ANSWER, 400: _WRONG, 429: _LOCKED},
    )
    def post(self, request: Request) -> Response:
        user = _authenticated(request)
        instance, token = AuthToken.objects.create(user=user, expiry=knox_settings.TOKEN_TTL)
        user_logged_in.send(sender=user.__class__, request=request._request, user=user)
        return Response({"token": token, "expiry": instance.expiry})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        return _sign_out(request)


def _sign_out(request: Request) -> Response:
    if isinstance(request.auth, AuthToken):
        request.auth.delete()
    else:  # signed in with a session (browsable API, admin)
        end_session(request._request)
    _signed_out(request)
    return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutView(APIView):
    """Đăng xuất / sign out: revoke the token this request is signed with (or end the session)."""

    permission_classes = [IsAuthenticated]
    throttle_classes: list[Any] = []

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        return _sign_out(request)


class LogoutAllView(APIView):
    """Đăng xuất mọi nơi / sign out everywhere: revoke every token and end every session of the signed-in user."""

    permission_classes = [IsAuthenticated]
    throttle_classes: list[Any] = []

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        user = request.user
        tokens.revoke_all(user, reason="signed out everywhere")
        if not isinstance(request.auth, AuthToken):
            end_session(request._request)
        sessions.end_all(user)  # the web app signed in on other browsers too
        _signed_out(request)
        return Response(status=status.HTTP_204_NO_CONTENT)


_SESSION_ANSWER = inline_serializer("SessionAnswer", fields={"user": MeSerializer(allow_null=True)})


@method_decorator(ensure_csrf_cookie, name="dispatch")
class SessionView(APIView):
    """Phiên đăng nhập của ứng dụng web / the web app's session sign-in.

    GET: the signed-in user or null (and the csrftoken cookie); POST: sign in; DELETE: sign out everywhere the
    browser is signed in with this session (the session is deleted on the server).
    """

    permission_classes = [AllowAny]
    throttle_classes: list[Any] = []

    @extend_schema(request=None, responses={200: _SESSION_ANSWER})
    def get(self, request: Request) -> Response:
        user = request.user
        return Response({"user": me_body(user) if user.is_authenticated else None})

    @extend_schema(request=CredentialsSerializer, responses={200: _SESSION_ANSWER, 400: _WRONG, 429: _LOCKED})
    def post(self, request: Request) -> Response:
        check_csrf(request)  # no sign-in forged by another site: the form must come from our own page
        user = _authenticated(request)
        login(request._request, user)  # a new session key and CSRF token; sends user_logged_in (axes logs it)
        return Response({"user": me_body(user)})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        if request.user.is_authenticated:
            if isinstance(request.auth, AuthToken):
                request.auth.delete()
            end_session(request._request)  # flushes the session row and sends user_logged_out
        return Response(status=status.HTTP_204_NO_CONTENT)
