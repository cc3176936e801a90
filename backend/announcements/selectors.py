"""Reads of the yearly lists: who sees which lists (the public only published ones, staff every state), here in
the queryset and not only in the view."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from backend.accounts.roles import Role, has_role
from backend.announcements.models import Announcement, AnnouncementRow
from backend.core.errors import ApplicationError

# A list's rows with what their answer shows of each document, read in one query for a page of lists.
ROWS = Prefetch("rows", queryset=AnnouncementRow.objects.select_related("document__doc_type", "document__issuer"))


def announcements_for(user: Any, *, year: str | None = None, with_rows: bool = False) -> QuerySet[Announcement]:
    """The lists `user` may read, of `year` when given (a 400 on `year` when it is not a year)."""
    qs = Announcement.objects.prefetch_related("issuers")
    if with_rows:
        qs = qs.prefetch_related(ROWS)
    if not has_role(user, Role.REVIEWER):
        qs = qs.filter(state=Announcement.State.PUBLISHED)
    if year is not None:
        if not year.isdigit():
            raise ApplicationError("invalid_year", "Năm không hợp lệ.", "The year is not valid.", field="year")
        qs = qs.filter(year=int(year))
    return qs
