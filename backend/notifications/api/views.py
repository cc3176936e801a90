from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from backend.accounts.permissions import StaffOnly
from backend.core.filters import bool_param
from backend.notifications import selectors, services
from backend.notifications.api.serializers import NotificationSerializer
from backend.notifications.models import Notification


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Thông báo / my notifications (staff). ?unread=true for the unread ones that still ask for something (a
    closed notice, about something already done, is not counted); POST …/{id}/read/ marks one read."""

    serializer_class = NotificationSerializer
    permission_classes = [StaffOnly]

    def get_queryset(self) -> QuerySet[Notification]:
        # Staff only: a real user.
        return selectors.notices_of(int(self.request.user.pk or 0), unread=bool_param(self.request, "unread"))

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        return Response(NotificationSerializer(services.mark_read(self.get_object())).data)
