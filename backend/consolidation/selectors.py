"""Reads of amending operations, already limited to what the caller may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from backend.accounts.roles import Role, has_role
from backend.consolidation.models import Operation


def operations_for(user: Any) -> QuerySet[Operation]:
    """Every operation for reviewers and officers (they check what the reader proposed and listed); for anyone
    else, the confirmed operations between published documents: what the text on a date is built from."""
    qs = Operation.objects.select_related("source__issuer", "target__issuer", "decided_by")
    if has_role(user, Role.REVIEWER):
        return qs
    return qs.filter(Q(state="confirmed") & Q(source__published=True) & Q(target__published=True))
