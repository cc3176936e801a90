"""Reading the audit log (the writes are services.record, called by the services that change legal data)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from backend.audit.models import AuditEntry

Narrowing = Callable[[Any, QuerySet[AuditEntry]], QuerySet[AuditEntry]]
_narrowings: list[Narrowing] = []


def narrow_by(narrowing: Narrowing) -> None:
    """Register how a reader's entries are narrowed (the organisations room registers the reader's scope at start:
    the audit room imports no other app)."""
    if narrowing not in _narrowings:
        _narrowings.append(narrowing)


def audit_entries(reader: Any = None) -> QuerySet[AuditEntry]:
    """The entries `reader` may read, newest first (the model's order); the API filters and pages them."""
    entries = AuditEntry.objects.all()
    for narrowing in _narrowings:
        entries = narrowing(reader, entries)
    return entries
