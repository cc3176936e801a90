"""The notifications room's rules, which every app's notices follow (backend/notifications/services.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from backend.notifications import services as notifications
from backend.notifications.models import Notification
from backend.notifications.services import Kind, Notice

pytestmark = pytest.mark.django_db


def _submitted(to: list[int], vi: str = "chờ duyệt") -> Notice:
    return Notice(to, Kind.REVIEW_SUBMITTED, "review", 7, vi, "waiting", "/can-bo/ra-soat/7")


def test_a_notice_is_given_once_a_day_and_a_later_step_renews_it(officer: Any, reviewer: Any) -> None:
    day = dt.date(2026, 12, 28)
    assert len(notifications.notify([_submitted([officer.pk, reviewer.pk])], day=day)) == 2
    assert notifications.notify([_submitted([officer.pk, reviewer.pk])], day=day) == []  # a repeated run
    first = timezone.now()
    assert len(notifications.notify([_submitted([officer.pk])], sent_at=first)) == 1  # its own day: a new one
    renewed = notifications.mark_read(Notification.objects.get(user=officer, day=timezone.localdate(first)))
    notifications.close([Kind.REVIEW_SUBMITTED], "review", [7], except_users=[reviewer.pk])
    # The same step again adds nothing; a later step the same day re-opens it, unread, with its message.
    assert notifications.notify([_submitted([officer.pk])], sent_at=first) == []
    [again] = notifications.notify([_submitted([officer.pk], "lần hai")], sent_at=first + dt.timedelta(minutes=5))
    assert again.pk == renewed.pk and (again.read_at, again.closed_at, again.message_vi) == (None, None, "lần hai")
    assert Notification.objects.filter(user=officer).count() == 2  # the 28th's and today's


def test_a_list_queued_for_the_reviews_task_before_the_upgrade_still_closes_its_notices(officer: Any) -> None:
    """Outbox rows and tasks made before the yearly lists had their own consumer carry their ids to
    reviews.sync_notices; the task hands them to the announcements' rule."""
    from backend.announcements import notices
    from backend.announcements.models import Announcement
    from workers import tasks

    draft = Announcement.objects.create(year=2026, title="Danh mục 2026")
    notices.tell_officers_of_draft(draft, dt.date(2027, 1, 2))
    assert tasks.reviews_sync_notices([], [], [draft.pk]) == 0
    assert Notification.objects.get(user=officer).closed_at is None  # still a draft
    Announcement.objects.filter(pk=draft.pk).update(state=Announcement.State.SUBMITTED)
    tasks.reviews_sync_notices([], [], [draft.pk])
    assert Notification.objects.get(user=officer).closed_at is not None
