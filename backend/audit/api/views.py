"""GET /api/v1/audit/: the audit log, filtered by object, action, actor or source, newest first."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import generics

from backend.accounts.permissions import CanReadAudit
from backend.audit import selectors
from backend.audit.api.serializers import AuditEntrySerializer
from backend.audit.models import AuditEntry


class AuditLogView(generics.ListAPIView):
    """Nhật ký thay đổi / the audit log: who changed what, when, before and after. A department's officers read
    their organisations' entries; the Sở Tư pháp's, all."""

    permission_classes = [CanReadAudit]
    serializer_class = AuditEntrySerializer
    filterset_fields = ["object_type", "object_id", "action", "actor_label", "source", "organisation__code"]
    ordering_fields = ["at"]

    def get_queryset(self) -> QuerySet[AuditEntry]:
        return selectors.audit_entries(self.request.user)
