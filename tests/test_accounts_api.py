"""The web app asks who is signed in; the quick start gives the demo reviewer a review queue."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from rest_framework.test import APIClient

from backend.announcements.models import Announcement
from backend.demo.management.commands.quickstart import DEMO_PLAN_TITLE, SHARED_PLAN_TITLE
from backend.reviews.models import ReviewPlan, ReviewTask
from backend.reviews.selectors import tasks_for

pytestmark = pytest.mark.django_db


def test_me_names_the_role(officer_api: APIClient, reviewer_api: APIClient, anon: APIClient) -> None:
    assert officer_api.get("/api/v1/auth/me/").data["role"] == "legal_officer"
    body = reviewer_api.get("/api/v1/auth/me/").data
    assert body["role"] == "reviewer" and body["is_staff"] is True and body["username"]
    assert anon.get("/api/v1/auth/me/").status_code in (401, 403)


def test_token_login_then_me(db: None) -> None:
    User.objects.create_user("canbo-x", password="mat-khau-dai-du")
    client = APIClient()
    token = client.post("/api/v1/auth/token/", {"username": "canbo-x", "password": "mat-khau-dai-du"}).data["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    body = client.get("/api/v1/auth/me/").data
    assert body == {
        "username": "canbo-x",
        "name": "canbo-x",
        "role": "public",
        "is_staff": False,
        "can": [],
        "organisations": [],
        "province_wide": False,
    }


def test_quickstart_gives_the_demo_reviewer_tasks_and_publishes_a_list_once() -> None:
    call_command("quickstart", no_serve=True)
    plan = ReviewPlan.objects.get(title=DEMO_PLAN_TITLE)
    tasks = ReviewTask.objects.filter(plan=plan)
    assert tasks.exists() and {t.reviewer.username for t in tasks if t.reviewer} == {"ransoat"}
    published = Announcement.objects.get(year=2025)
    assert published.state == Announcement.State.PUBLISHED and published.rows.exists()
    # The Sở Tư pháp's plan shared out by field: a department's reviewer sees the department's tasks only.
    shared = ReviewTask.objects.filter(plan__title=SHARED_PLAN_TITLE)
    assert shared.values("organisation").distinct().count() > 3
    seen = tasks_for(User.objects.get(username="ransoat-tc"))
    assert seen.exists() and {t.organisation.code for t in seen} == {"stc-ag"}
    assert tasks_for(User.objects.get(username="canbo")).filter(plan__title=SHARED_PLAN_TITLE).count() == shared.count()
    call_command("quickstart", no_serve=True)
    assert ReviewPlan.objects.filter(title=DEMO_PLAN_TITLE).count() == 1
    assert ReviewPlan.objects.filter(title=SHARED_PLAN_TITLE).count() == 1
    assert Announcement.objects.filter(year=2025).count() == 1
