"""Sign-in and sign-out for API clients and the web app: expiring tokens (django-rest-knox) or the session cookie.

- POST   /api/v1/auth/token/       {username, password} -> {token, expiry}; failures count towards the lockout
- DELETE /api/v1/auth/token/       revoke the token the request is signed with (sign out)
- POST   /api/v1/auth/logout/      the same, for clients that cannot send DELETE
- POST   /api/v1/auth/logout-all/  revoke every token of the signed-in user (sign out everywhere)
- GET    /api/v1/auth/me/          who is signed in: username, name, role and capabilities
- GET    /api/v1/auth/session/     the web app: who is signed in (or null), and the csrftoken cookie
- POST   /api/v1/auth/session/     the web app: sign in with a session cookie (CSRF checked; counts for the lockout)
- DELETE /api/v1/auth/session/     the web app: sign out, deleting the session on the server (every tab)

The views check the request and call backend/accounts/services.py (the writes) or selectors.py (who is signed in).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts import selectors, services
from backend.accounts.api.serializers import SESSION_ANSWER, TOKEN_ANSWER, CredentialsSerializer, MeSerializer
from backend.accounts.authentication import check_csrf
from backend.core.errors import ApplicationError

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


class MeView(APIView):
    """Người dùng hiện tại / the signed-in user: username, name, role and capabilities (`can`)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        return Response(selectors.profile(request.user))


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
        responses={200: TOKEN_ANSWER, 400: _WRONG, 429: _LOCKED},
    )
    def post(self, request: Request) -> Response:
        token, expiry = services.token_sign_in(request._request, _authenticated(request))
        return Response({"token": token, "expiry": expiry})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        services.sign_out(request._request, request.user, request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutView(APIView):
    """Đăng xuất / sign out: revoke the token this request is signed with (or end the session)."""

    permission_classes = [IsAuthenticated]
    throttle_classes: list[Any] = []

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        services.sign_out(request._request, request.user, request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutAllView(APIView):
    """Đăng xuất mọi nơi / sign out everywhere: revoke every token and end every session of the signed-in user."""

    permission_classes = [IsAuthenticated]
    throttle_classes: list[Any] = []

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        services.sign_out_everywhere(request._request, request.user, request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)


@method_decorator(ensure_csrf_cookie, name="dispatch")
class SessionView(APIView):
    """Phiên đăng nhập của ứng dụng web / the web app's session sign-in.

    GET: the signed-in user or null (and the csrftoken cookie); POST: sign in; DELETE: sign out everywhere the
    browser is signed in with this session (the session is deleted on the server).
    """

    permission_classes = [AllowAny]
    throttle_classes: list[Any] = []

    @extend_schema(request=None, responses={200: SESSION_ANSWER})
    def get(self, request: Request) -> Response:
        user = request.user
        return Response({"user": selectors.profile(user) if user.is_authenticated else None})

    @extend_schema(request=CredentialsSerializer, responses={200: SESSION_ANSWER, 400: _WRONG, 429: _LOCKED})
    def post(self, request: Request) -> Response:
        check_csrf(request)  # no sign-in forged by another site: the form must come from our own page
        user = _authenticated(request)
        services.session_sign_in(request._request, user)
        return Response({"user": selectors.profile(user)})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        if request.user.is_authenticated:
            services.session_sign_out(request._request, request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)
