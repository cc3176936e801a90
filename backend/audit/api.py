from __future__ import annotations

from rest_framework import generics, serializers

from backend.accounts.permissions import CanReadAudit
from backend.audit.models import AuditEntry


class AuditEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "at",
            "actor_label",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "before",
            "after",
            "changes",
            "source",
        ]


class AuditLogView(generics.ListAPIView):
    """Nhật ký thay đổi / the audit log: who changed what, when, before and after."""

    permission_classes = [CanReadAudit]
    serializer_class = AuditEntrySerializer
    queryset = AuditEntry.objects.all()
    filterset_fields = ["object_type", "object_id", "action", "actor_label", "source"]
    ordering_fields = ["at"]
