"""Fixtures and helpers of the review tests: a small catalogue, two reviewers and two legal officers."""

from __future__ import annotations

from typing import Any

import pytest

from backend.accounts.roles import Role
from backend.reviews.models import Recommendation, ReviewTask
from tests.catalogue import factories as f
from tests.conftest import _client, _user

PLANS, TASKS, RECS = "/api/v1/review-plans/", "/api/v1/reviews/", "/api/v1/recommendations/"


@pytest.fixture
def catalogue(db: None) -> dict[str, Any]:
    f.authority("UBND-AG")
    f.authority("UBND-KG")
    return {
        "ag1": f.document("10/2020/QĐ-UBND", issued="2020-03-01", effective="2020-03-15"),
        "ag2": f.document("11/2021/QĐ-UBND", issued="2021-03-01", effective="2021-03-15"),
        "kg": f.document("12/2020/QĐ-UBND", issuer="UBND-KG", issued="2020-04-01", effective="2020-04-15"),
    }


@pytest.fixture
def people(db: None) -> dict[str, Any]:
    users = {
        "reviewer": _user("reviewer1", Role.REVIEWER),
        "reviewer2": _user("reviewer2", Role.REVIEWER),
        "officer": _user("officer1", Role.LEGAL_OFFICER),
        "officer2": _user("officer2", Role.LEGAL_OFFICER),
    }
    return {name: (user, _client(user)) for name, user in users.items()}


def make_plan(people: dict[str, Any], **extra: Any) -> dict[str, Any]:
    body = {
        "title": "Rà soát văn bản của UBND tỉnh An Giang",
        "kind": "post_merger",
        "scope": {"issuer": "UBND-AG"},
        "deadline": "2026-12-31",
        "reviewer": "reviewer1",
        **extra,
    }
    res = people["officer"][1].post(PLANS, body, format="json")
    assert res.status_code == 201, res.data
    return dict(res.data)


def task_of(plan: dict[str, Any], number: str) -> ReviewTask:
    return ReviewTask.objects.get(plan_id=plan["id"], document__number=number)


def approved_recommendation(people: dict[str, Any]) -> Recommendation:
    plan = make_plan(people)
    task = task_of(plan, "10/2020/QĐ-UBND")
    url = f"{TASKS}{task.pk}/"
    people["reviewer"][1].post(url + "submit/", {"version": 1, "outcome": "repeal"}, format="json")
    assert people["officer2"][1].post(url + "approve/", {"version": 2}, format="json").status_code == 200
    return Recommendation.objects.get(task=task)
