"""Reading the audit log (the writes are services.record, called by the services that change legal data)."""

from __future__ import annotations

from django.db.models import QuerySet

from backend.audit.models import AuditEntry


def audit_entries() -> QuerySet[AuditEntry]:
    """Every entry, newest first (the model's order); the API filters and pages them."""
    return AuditEntry.objects.all()
