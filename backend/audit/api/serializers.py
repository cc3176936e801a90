"""The audit log's entries as the API shows them."""

from __future__ import annotations

from rest_framework import serializers

from backend.audit.models import AuditEntry


class AuditEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        # organisation_label: the organisation whose work it was, by its name when written (decision 0023).
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
            "organisation_label",
        ]
