"""Review plans, tasks and recommendations through the API, on PostgreSQL, for every role."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.audit.models import AuditEntry
from backend.reviews.models import Recommendation, ReviewTask
from tests.catalogue import factories as f
from tests.reviews.conftest import PLANS, RECS, TASKS, approved_recommendation, make_plan, task_of

pytestmark = pytest.mark.django_db


def test_a_plan_opens_one_task_per_document_in_scope(people: dict[str, Any], catalogue: dict[str, Any]) -> None:
    plan = make_plan(people)
    assert plan["tasks"] == 2
    tasks = ReviewTask.objects.filter(plan_id=plan["id"])
    assert {t.document.number for t in tasks} == {"10/2020/QĐ-UBND", "11/2021/QĐ-UBND"}
    assert {t.state for t in tasks} == {"assigned"} and {t.reviewer.username for t in tasks} == {"reviewer1"}
    assert AuditEntry.objects.filter(object_type="reviews.reviewtask", action="create").count() == 2
    mine = people["reviewer"][1].get(TASKS, {"mine": "true"}).data
    assert mine["count"] == 2
    assert people["reviewer2"][1].get(TASKS, {"mine": "true"}).data["count"] == 0
    by_issuer = make_plan(people, scope={"issuer": "UBND-AG", "with_predecessors": True, "year": 2020})
    assert by_issuer["tasks"] == 1


@pytest.mark.parametrize(
    ("scope", "field"),
    [({"bogus": 1}, "scope"), ({"issuer": "NOPE"}, "issuer"), ({"year": 0}, "year"), (["x"], "scope")],
)
def test_a_bad_scope_is_a_400_and_saves_nothing(
    people: dict[str, Any], catalogue: dict[str, Any], scope: Any, field: str
) -> None:
    res = people["officer"][1].post(
        PLANS, {"title": "x", "kind": "thematic", "scope": scope, "deadline": "2026-12-31"}, format="json"
    )
    assert res.status_code == 400, res.data
    assert field in res.data["errors"] and res.data["message_en"]
    assert not ReviewTask.objects.exists()


def test_review_submit_four_eyes_approval_opens_a_recommendation(
    people: dict[str, Any], catalogue: dict[str, Any]
) -> None:
    plan = make_plan(people)
    task = task_of(plan, "10/2020/QĐ-UBND")
    reviewer, officer, officer2 = people["reviewer"][1], people["officer"][1], people["officer2"][1]
    url = f"{TASKS}{task.pk}/"
    assert reviewer.post(url + "start/", {"version": 1}, format="json").status_code == 200
    # Another reviewer cannot touch it.
    assert (
        people["reviewer2"][1].post(url + "submit/", {"version": 2, "outcome": "keep"}, format="json").status_code
        == 403
    )
    res = reviewer.post(
        url + "submit/",
        {
            "version": 2,
            "outcome": "replace",
            "findings": "Căn cứ ban hành đã hết hiệu lực.",
            "legal_grounds": "Luật Ban hành văn bản quy phạm pháp luật 2025",
            "provisions": ["Điều 3"],
        },
        format="json",
    )
    assert res.status_code == 200, res.data
    assert res.data["state"] == "submitted" and res.data["outcome"] == "replace" and res["ETag"] == '"3"'
    # The reviewer cannot approve their own review; nor can an officer who submitted it for them.
    assert reviewer.post(url + "approve/", {"version": 3}, format="json").data["code"] == "officer_required"
    assert officer2.post(url + "return/", {"version": 3}, format="json").data["code"] == "comment_required"
    res = officer2.post(url + "approve/", {"version": 3}, format="json")
    assert res.status_code == 200, res.data
    assert res.data["state"] == "approved" and res.data["decided_by"] == "officer2"
    recommendation = Recommendation.objects.get(task=task)
    assert recommendation.action == "replace" and recommendation.status == "open"
    assert [d.number for d in recommendation.targets.all()] == ["10/2020/QĐ-UBND"]
    assert recommendation.provisions == ["Điều 3"]
    listed = officer.get(RECS, {"status": "open"}).data
    assert listed["count"] == 1 and listed["results"][0]["targets"][0]["number"] == "10/2020/QĐ-UBND"
    # Approved is final.
    assert officer.post(url + "return/", {"version": 4, "comment": "x"}, format="json").status_code == 409
    actions = AuditEntry.objects.filter(object_type="reviews.reviewtask", object_id=str(task.pk), action="update")
    assert actions.count() == 3  # start, submit, approve
    assert AuditEntry.objects.filter(object_type="reviews.recommendation").count() == 1


def test_keep_opens_nothing_and_a_returned_review_goes_back_to_its_reviewer(
    people: dict[str, Any], catalogue: dict[str, Any]
) -> None:
    plan = make_plan(people)
    task = task_of(plan, "11/2021/QĐ-UBND")
    reviewer, officer = people["reviewer"][1], people["officer"][1]
    url = f"{TASKS}{task.pk}/"
    assert reviewer.post(url + "submit/", {"version": 1, "outcome": "keep"}, format="json").status_code == 200
    res = officer.post(url + "return/", {"version": 2, "comment": "Cần nêu rõ căn cứ."}, format="json")
    assert res.data["state"] == "returned" and res.data["comment"] == "Cần nêu rõ căn cứ."
    assert reviewer.post(url + "restart/", {"version": 3}, format="json").data["state"] == "in_progress"
    assert reviewer.post(url + "submit/", {"version": 4}, format="json").data["state"] == "submitted"
    assert officer.post(url + "approve/", {"version": 5}, format="json").data["state"] == "approved"
    assert not Recommendation.objects.exists()


def test_concurrent_edits_are_rejected_not_overwritten(people: dict[str, Any], catalogue: dict[str, Any]) -> None:
    plan = make_plan(people)
    task = task_of(plan, "10/2020/QĐ-UBND")
    reviewer, officer = people["reviewer"][1], people["officer"][1]
    url = f"{TASKS}{task.pk}/"
    read = reviewer.get(url)
    assert read["ETag"] == '"1"'
    assert reviewer.patch(url, {"findings": "Bản của tôi"}, format="json", HTTP_IF_MATCH='"1"').status_code == 200
    stale = officer.patch(url, {"findings": "Bản của cán bộ"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412 and stale.data["current_version"] == 2
    assert reviewer.patch(url, {"findings": "Không gửi phiên bản"}, format="json").status_code == 428
    task.refresh_from_db()
    assert task.findings == "Bản của tôi" and task.version == 2
    # Only a legal officer reassigns.
    assert reviewer.patch(url, {"reviewer": "reviewer2", "version": 2}, format="json").status_code == 403
    res = officer.patch(url, {"reviewer": "reviewer2", "due_on": "2026-12-15", "version": 2}, format="json")
    assert res.status_code == 200 and res.data["reviewer"] == "reviewer2" and res.data["due_on"] == "2026-12-15"
    assert people["reviewer"][1].patch(url, {"findings": "x", "version": 3}, format="json").status_code == 403


@pytest.mark.parametrize("url", [PLANS, TASKS, RECS])
def test_the_public_sees_none_of_it(
    anon: APIClient, people: dict[str, Any], catalogue: dict[str, Any], url: str
) -> None:
    make_plan(people)
    assert anon.get(url).status_code in (401, 403)
    task = ReviewTask.objects.first()
    assert task is not None
    assert anon.post(f"{TASKS}{task.pk}/start/", {"version": 1}, format="json").status_code in (401, 403)


def test_permissions_by_role(people: dict[str, Any], catalogue: dict[str, Any], admin_api: APIClient) -> None:
    body = {"title": "x", "kind": "periodic", "scope": {}, "deadline": "2026-12-31"}
    assert people["reviewer"][1].post(PLANS, body, format="json").status_code == 403
    assert people["officer"][1].post(PLANS, body, format="json").status_code == 201
    assert admin_api.post(PLANS, body, format="json").status_code == 201
    for name in ("reviewer", "officer"):
        client = people[name][1]
        assert client.get(PLANS).status_code == 200
        assert client.get(TASKS).status_code == 200
        assert client.get(RECS).status_code == 200
    # Tasks are not created or deleted one by one through the API.
    assert people["officer"][1].post(TASKS, {}, format="json").status_code == 405
    task = ReviewTask.objects.first()
    assert task is not None
    assert people["officer"][1].delete(f"{TASKS}{task.pk}/").status_code == 405


def test_bad_input_is_a_400(people: dict[str, Any], catalogue: dict[str, Any]) -> None:
    plan = make_plan(people)
    task = task_of(plan, "10/2020/QĐ-UBND")
    reviewer = people["reviewer"][1]
    url = f"{TASKS}{task.pk}/"
    for body in ({"version": 1, "outcome": "destroy"}, {"version": "x"}, {"version": 1, "provisions": "Điều 1"}):
        res = reviewer.post(url + "submit/", body, format="json")
        assert res.status_code == 400, (body, res.data)
    assert reviewer.post(url + "submit/", {"version": 1}, format="json").data["code"] == "outcome_required"
    res = people["officer"][1].post(PLANS, {"title": "", "kind": "nope"}, format="json")
    assert res.status_code == 400 and {"title", "kind", "deadline"} <= set(res.data["errors"])


def test_officers_track_a_recommendation_through_its_steps(people: dict[str, Any], catalogue: dict[str, Any]) -> None:
    rec = approved_recommendation(people)
    officer, reviewer = people["officer"][1], people["reviewer"][1]
    url = f"{RECS}{rec.pk}/"
    assert reviewer.patch(url, {"drafting_body": "Sở Tài chính", "version": 1}, format="json").status_code == 403
    res = officer.patch(url, {"drafting_body": "Sở Tài chính", "deadline": "2027-03-31", "version": 1}, format="json")
    assert res.status_code == 200 and res.data["drafting_body"] == "Sở Tài chính" and res["ETag"] == '"2"'
    res = officer.post(
        url + "steps/",
        {"kind": "registration", "reference": "Tờ trình số 194/TTr-STC", "on": "2026-10-16", "version": 2},
        format="json",
    )
    assert res.status_code == 200 and res.data["status"] == "in_progress"
    res = officer.post(
        url + "steps/", {"kind": "registration", "reference": "Tờ trình số 195/TTr-STC", "version": 3}, format="json"
    )
    assert [s["reference"] for s in res.data["steps"]] == ["Tờ trình số 195/TTr-STC"]  # corrected, not duplicated
    assert (
        officer.post(url + "steps/", {"kind": "printing", "reference": "x", "version": 4}, format="json").status_code
        == 400
    )
    assert officer.patch(url, {"status": "overdue", "version": 4}, format="json").status_code == 400
    res = officer.patch(url, {"status": "resolved", "version": 4}, format="json")
    assert res.status_code == 400 and res.data["code"] == "resolved_by_required"
    stale = officer.patch(url, {"note": "x", "version": 3}, format="json")
    assert stale.status_code == 412
    done = officer.patch(url, {"status": "resolved", "resolved_by": catalogue["ag2"].pk, "version": 4}, format="json")
    assert done.status_code == 200 and done.data["resolved_by"]["number"] == "11/2021/QĐ-UBND"
    assert (
        AuditEntry.objects.filter(object_type="reviews.recommendation", object_id=str(rec.pk), action="update").count()
        == 4
    )


def test_recommendations_past_their_deadline_become_overdue(people: dict[str, Any], catalogue: dict[str, Any]) -> None:
    from backend.reviews import services

    rec = approved_recommendation(people)
    assert str(rec.deadline) == "2026-12-31"
    assert services.mark_overdue(f.dt.date(2026, 12, 31)) == 0
    assert services.mark_overdue(f.dt.date(2027, 1, 1)) == 1
    assert services.mark_overdue(f.dt.date(2027, 1, 2)) == 0  # idempotent
    rec.refresh_from_db()
    assert rec.status == "overdue" and rec.version == 2
