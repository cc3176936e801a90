"""/api/v1/watching/: follow documents by e-mail without an account, and the staff's webhooks.

The three public endpoints take no sign-in and no CSRF token (no authentication class: a token in the body or
the query string is the credential), so the app and a mail client's one-click POST (RFC 8058) both work. Each is
rate-limited per client; subscribing also per address. The answer to a subscription never says whether the
address was already subscribed.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import Capability, requires
from backend.core import throttling
from backend.core.api import throttled
from backend.core.throttling import FixedWindowThrottle
from backend.watching import selectors, services, tokens
from backend.watching.api.serializers import (
    AcceptedAnswer,
    FollowedAnswer,
    SubscribeInput,
    TokenInput,
    WebhookCreatedSerializer,
    WebhookCreateInput,
    WebhookSerializer,
    WebhookUpdateInput,
)
from backend.watching.models import Webhook

ACCEPTED = (
    "Nếu địa chỉ hợp lệ, một thư xác nhận sẽ được gửi đến; hãy mở liên kết trong thư để bắt đầu nhận thông báo. / "
    "If the address is valid, a confirmation message is on its way; open its link to start receiving notices."
)


def _followed(found: services.Followed) -> Response:
    return Response({"kind": found.kind, "target": found.target, "label": found.label})


class _Public(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []  # token-authenticated: no session, so no CSRF check either
    throttle_classes = [FixedWindowThrottle]


class SubscribeView(_Public):
    throttle_scope = "watching"

    @extend_schema(request=SubscribeInput, responses={202: AcceptedAnswer})
    def post(self, request: Request) -> Response:
        """Theo dõi văn bản, cơ quan, lĩnh vực hoặc tìm kiếm qua thư / follow by e-mail (double opt-in). Always 202
        with the same text: whether the address was new, waiting or confirmed is not told."""
        form = SubscribeInput(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        wait = throttling.check_key("watching_address", tokens.address_hash(data["email"]))
        if wait is not None:
            raise throttled(wait)
        services.subscribe(kind=data["kind"], target=data["target"], email=data["email"])
        return Response({"detail": ACCEPTED}, status=status.HTTP_202_ACCEPTED)


class ConfirmView(_Public):
    throttle_scope = "public"

    @extend_schema(request=TokenInput, responses={200: FollowedAnswer})
    def post(self, request: Request) -> Response:
        """Xác nhận theo dõi / confirm a subscription with the e-mail's token (again: 200, nothing changes)."""
        form = TokenInput(data=request.data)
        form.is_valid(raise_exception=True)
        return _followed(services.confirm(token=form.validated_data["token"]))


class UnsubscribeView(_Public):
    throttle_scope = "public"

    @extend_schema(
        parameters=[OpenApiParameter("token", OpenApiTypes.STR, required=True, description="the link's token")],
        responses={200: FollowedAnswer},
    )
    def get(self, request: Request) -> Response:
        """Xem liên kết ngừng theo dõi / what an unsubscribe link names, changing nothing (a GET never
        unsubscribes: mail scanners open links before the reader does)."""
        form = TokenInput(data={"token": request.query_params.get("token")})
        form.is_valid(raise_exception=True)
        return _followed(services.unsubscribe_preview(token=form.validated_data["token"]))

    @extend_schema(
        request=TokenInput,
        parameters=[
            OpenApiParameter(
                "token",
                OpenApiTypes.STR,
                description="RFC 8058 one-click: the token in the query string, body List-Unsubscribe=One-Click",
            )
        ],
        responses={200: FollowedAnswer},
    )
    def post(self, request: Request) -> Response:
        """Ngừng theo dõi / unsubscribe: JSON `{"token"}` (the app's page) or a mail client's one-click POST
        (`?token=` with the form body `List-Unsubscribe=One-Click`). The address is removed. Idempotent."""
        data: dict[str, Any] = {}
        if hasattr(request.data, "get") and request.data.get("token") is not None:
            data["token"] = request.data.get("token")
        elif "token" in request.query_params:
            data["token"] = request.query_params["token"]
        form = TokenInput(data=data)
        form.is_valid(raise_exception=True)
        return _followed(services.unsubscribe(token=form.validated_data["token"]))


class WebhookViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    """Webhooks: hệ thống khác nhận sự kiện theo dõi / other systems told of watch events by a signed POST.
    Legal officers and admins (capability webhooks.write) list, register, change and delete them (a department's
    officers their own; the Sở Tư pháp's coordinators every one); the secret is shown once, in the answer to the
    registration."""

    serializer_class = WebhookSerializer
    permission_classes = [requires(Capability.WEBHOOKS_WRITE)]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> Any:
        return selectors.webhooks_readable_by(self.request.user)

    @extend_schema(request=WebhookCreateInput, responses={201: WebhookCreatedSerializer})
    def create(self, request: Request) -> Response:
        form = WebhookCreateInput(data=request.data)
        form.is_valid(raise_exception=True)
        hook = services.webhook_create(actor=request.user, **form.validated_data)
        return Response(WebhookCreatedSerializer(hook).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=WebhookUpdateInput, responses=WebhookSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        form = WebhookUpdateInput(data=request.data)
        form.is_valid(raise_exception=True)
        hook = services.webhook_update(actor=request.user, webhook=self.get_object(), **form.validated_data)
        return Response(WebhookSerializer(hook).data)

    def perform_destroy(self, instance: Webhook) -> None:
        services.webhook_delete(actor=self.request.user, webhook=instance)
