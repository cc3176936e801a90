"""Every review endpoint for every role: the public sees nothing, reviewers read and work on their own tasks,
legal officers and admins manage plans and recommendations."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.accounts.roles import Role
from backend.reviews.models import ReviewTask
from tests.conftest import _client, _user
from tests.reviews.conftest import approved_recommendation

pytestmark = pytest.mark.django_db

DENIED = (401, 403)
PLAN = {"title": "x", "kind": "periodic", "scope": {}, "deadline": "2026-12-31"}
STEP = {"kind": "registration", "reference": "x"}
# (method, path, body) -> expected status for: public, a reviewer whose task it is not, legal officer, admin.
# Bodies of versioned writes get the object's current version when sent.
MATRIX: list[tuple[str, str, dict[str, Any], tuple[Any, Any, Any, Any]]] = [
    ("get", "/api/v1/review-plans/", {}, (DENIED, 200, 200, 200)),
    ("post", "/api/v1/review-plans/", PLAN, (DENIED, 403, 201, 201)),
    ("get", "/api/v1/reviews/", {}, (DENIED, 200, 200, 200)),
    ("get", "/api/v1/reviews/{task}/", {}, (DENIED, 200, 200, 200)),
    ("patch", "/api/v1/reviews/{task}/", {"findings": "x"}, (DENIED, 403, 200, 200)),
    ("post", "/api/v1/reviews/{task}/start/", {}, (DENIED, 403, 200, 409)),  # the officer started it already
    ("get", "/api/v1/recommendations/", {}, (DENIED, 200, 200, 200)),
    ("get", "/api/v1/recommendations/{rec}/", {}, (DENIED, 200, 200, 200)),
    ("patch", "/api/v1/recommendations/{rec}/", {"note": "x"}, (DENIED, 403, 200, 200)),
    ("post", "/api/v1/recommendations/{rec}/steps/", STEP, (DENIED, 403, 200, 200)),
    ("post", "/api/v1/recommendations/import/", {}, (DENIED, 403, 400, 400)),  # allowed: only the file is missing
    ("get", "/api/v1/notifications/", {}, (DENIED, 200, 200, 200)),
    ("get", "/api/v1/reports/reviews/?year=2026", {}, (DENIED, 200, 200, 200)),
]
ROLES = ("public", "reviewer", "officer", "admin")


@pytest.mark.parametrize(("method", "path", "body", "expected"), MATRIX)
def test_permissions_of_every_role(
    people: dict[str, Any],
    catalogue: dict[str, Any],
    admin_api: APIClient,
    anon: APIClient,
    method: str,
    path: str,
    body: dict[str, Any],
    expected: tuple[Any, ...],
) -> None:
    rec = approved_recommendation(people)  # reviewed 10/2020; 11/2021's task is still open, reviewer1's
    task = ReviewTask.objects.exclude(pk=rec.task_id).get()
    stranger = _client(_user("reviewer3", Role.REVIEWER))
    clients = {"public": anon, "reviewer": stranger, "officer": people["officer"][1], "admin": admin_api}
    url = path.format(task=task.pk, rec=rec.pk)
    got = {}
    for role in ROLES:
        data = dict(body)
        if "{task}" in path and method != "get":
            task.refresh_from_db()
            data["version"] = task.version
        if "{rec}" in path and method != "get":
            rec.refresh_from_db()
            data["version"] = rec.version
        fmt = "multipart" if path.endswith("/import/") else "json"
        got[role] = getattr(clients[role], method)(url, data, format=fmt).status_code
    for role, want in zip(ROLES, expected, strict=True):
        ok = got[role] in want if isinstance(want, tuple) else got[role] == want
        assert ok, (url, got)
