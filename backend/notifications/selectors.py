"""Reads of the notices."""

from __future__ import annotations

from django.db.models import QuerySet

from backend.notifications.models import Notification


def notices_of(user_id: int, *, unread: bool = False) -> QuerySet[Notification]:
    """A user's notices, newest day first; `unread`: only those not read that still ask for something (a closed
    notice, about something already done, is not counted)."""
    notices = Notification.objects.filter(user_id=user_id)
    if unread:
        notices = notices.filter(read_at__isnull=True, closed_at__isnull=True)
    return notices
