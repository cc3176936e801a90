"""Daily reminders and the notifications API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.notifications.models import Notification
from backend.reviews import reminders
from backend.reviews.models import Recommendation, ReviewTask
from tests.reviews.conftest import approved_recommendation, make_plan
from workers import tasks

pytestmark = pytest.mark.django_db


def test_reminders_go_to_the_right_people_once_a_day(
    people: dict[str, Any], catalogue: dict[str, Any], settings: Any
) -> None:
    from django.core import mail

    settings.SITE_URL = "https://hieuluc.stp.angiang.gov.vn"
    for name, (user, _client) in people.items():
        user.email = f"{name}@stp.angiang.gov.vn"
        user.save()
    rec = approved_recommendation(people)  # 10/2020 reviewed; 11/2021 still assigned to reviewer1, due 2026-12-31
    Recommendation.objects.filter(pk=rec.pk).update(status="overdue")
    soon = reminders.send_reminders(dt.date(2026, 12, 28), within_days=7)
    assert (soon.review_due, soon.review_overdue, soon.recommendation_overdue) == (1, 0, 1)
    reviewer_notices = Notification.objects.filter(user__username="reviewer1")
    assert [n.kind for n in reviewer_notices] == ["review_due"]
    assert "11/2021/QĐ-UBND" in reviewer_notices[0].message_vi and "31/12/2026" in reviewer_notices[0].message_vi
    officers = Notification.objects.filter(kind="recommendation_overdue")
    assert sorted(n.user.username for n in officers) == ["officer1", "officer2"]
    assert "10/2020/QĐ-UBND" in officers[0].message_vi
    assert sorted(m.to[0] for m in mail.outbox) == [
        "officer2@stp.angiang.gov.vn",
        "officer@stp.angiang.gov.vn",
        "reviewer@stp.angiang.gov.vn",
    ]
    to_reviewer = next(m.body for m in mail.outbox if m.to[0].startswith("reviewer"))
    assert "11/2021/QĐ-UBND" in to_reviewer
    # The e-mail links to the task's page in the web app, by its full address.
    assert f"https://hieuluc.stp.angiang.gov.vn/can-bo/ra-soat/{reviewer_notices[0].object_id}" in to_reviewer
    reminders.send_reminders(dt.date(2026, 12, 28), within_days=7)  # the same day again: nothing new
    assert Notification.objects.count() == 3 and len(mail.outbox) == 3
    late = tasks.reviews_send_reminders("2027-01-02")
    assert late["review_overdue"] == 1 and late["review_due"] == 0
    assert Notification.objects.filter(kind="review_overdue", user__username="reviewer1").count() == 1
    assert ReviewTask.objects.filter(state="assigned").count() == 1


def test_each_user_sees_and_reads_only_their_notifications(
    people: dict[str, Any],
    catalogue: dict[str, Any],
    anon: APIClient,
) -> None:
    make_plan(people)
    reminders.send_reminders(dt.date(2026, 12, 28), within_days=7)
    reviewer, other = people["reviewer"][1], people["reviewer2"][1]
    mine = reviewer.get("/api/v1/notifications/", {"unread": "true"}).data
    assert mine["count"] == 2 and mine["results"][0]["message"].startswith("Nhiệm vụ rà soát")
    english = reviewer.get("/api/v1/notifications/", {"lang": "en"}).data["results"][0]["message"]
    assert english.startswith("The review of")
    notice_id = mine["results"][0]["id"]
    assert other.get(f"/api/v1/notifications/{notice_id}/").status_code == 404
    assert other.post(f"/api/v1/notifications/{notice_id}/read/").status_code == 404
    assert reviewer.post(f"/api/v1/notifications/{notice_id}/read/").data["read_at"]
    assert reviewer.get("/api/v1/notifications/", {"unread": "true"}).data["count"] == 1
    assert anon.get("/api/v1/notifications/").status_code in (401, 403)
