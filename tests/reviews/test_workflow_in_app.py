"""What the web app needs to run the review workflow (issue #12, section 2): a plan's scope counted before it is
made, tasks (re)assigned several at once, a legal officer's "my tasks" with what waits for their approval,
notices to the approvers and the reviewer that close when what they ask for is done, and a yearly report whose
figures agree."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.audit.models import AuditEntry
from backend.notifications.models import Notification
from backend.reviews import notices, reminders, report, selectors, services
from backend.reviews.models import Recommendation, ReviewTask
from tests.reviews.conftest import PLANS, RECS, TASKS, approved_recommendation, make_plan, task_of

pytestmark = pytest.mark.django_db

NOTICES = "/api/v1/notifications/"


def unread(client: APIClient) -> list[dict[str, Any]]:
    return list(client.get(NOTICES, {"unread": "true", "page_size": 100}).data["results"])


def test_a_scope_is_counted_before_the_plan_is_made(people: dict[str, Any], catalogue: dict[str, Any]) -> None:
    officer = people["officer"][1]
    res = officer.post(PLANS + "preview/", {"scope": {"issuer": "UBND-AG", "year": 2020}}, format="json")
    assert res.status_code == 200 and res.data == {"documents": 1}
    assert officer.post(PLANS + "preview/", {"scope": {"issuer": "UBND-AG"}}, format="json").data == {"documents": 2}
    # The same 400 as on creation, and nothing is made; a reviewer cannot plan.
    bad = officer.post(PLANS + "preview/", {"scope": {"issuer": "NOPE"}}, format="json")
    assert bad.status_code == 400 and "issuer" in bad.data["errors"]
    year = officer.post(PLANS + "preview/", {"scope": {"year": "hai nghìn"}}, format="json")
    assert year.status_code == 400 and set(year.data["errors"]) == {"year"}
    assert year.data["errors"]["year"] and not any("<" in m for m in year.data["errors"]["year"])
    assert people["reviewer"][1].post(PLANS + "preview/", {"scope": {}}, format="json").status_code == 403
    plan = make_plan(people, scope={"issuer": "UBND-AG", "year": 2020})
    assert plan["tasks"] == 1


def test_assignees_are_the_staff_who_can_review(
    people: dict[str, Any], catalogue: dict[str, Any], anon: APIClient
) -> None:
    res = people["reviewer"][1].get(TASKS + "assignees/")
    assert res.status_code == 200
    assert [(u["username"], u["role"]) for u in res.data] == [
        ("officer1", "legal_officer"),
        ("officer2", "legal_officer"),
        ("reviewer1", "reviewer"),
        ("reviewer2", "reviewer"),
    ]
    assert anon.get(TASKS + "assignees/").status_code in (401, 403)


def test_officers_assign_several_tasks_at_once_all_or_nothing(
    people: dict[str, Any], catalogue: dict[str, Any]
) -> None:
    plan = make_plan(people, reviewer=None)
    a, b = task_of(plan, "10/2020/QĐ-UBND"), task_of(plan, "11/2021/QĐ-UBND")
    officer = people["officer"][1]
    body = {"tasks": [{"id": a.pk, "version": 1}, {"id": b.pk, "version": 1}], "reviewer": "reviewer2"}
    # A reviewer cannot assign.
    assert people["reviewer"][1].post(TASKS + "assign/", body, format="json").status_code == 403
    res = officer.post(TASKS + "assign/", {**body, "due_on": "2026-10-01"}, format="json")
    assert res.status_code == 200, res.data
    assert [(t["reviewer"], t["due_on"], t["version"]) for t in res.data] == [("reviewer2", "2026-10-01", 2)] * 2
    assert AuditEntry.objects.filter(object_type="reviews.reviewtask", action="update").count() == 2
    # One stale version refuses all: nothing is reassigned.
    stale = {"tasks": [{"id": a.pk, "version": 2}, {"id": b.pk, "version": 1}], "reviewer": "reviewer1"}
    res = officer.post(TASKS + "assign/", stale, format="json")
    assert res.status_code == 412
    assert set(ReviewTask.objects.values_list("reviewer__username", flat=True)) == {"reviewer2"}
    # Reassign one back; unknown ids and an empty list are a 400.
    res = officer.post(
        TASKS + "assign/", {"tasks": [{"id": a.pk, "version": 2}], "reviewer": "reviewer1"}, format="json"
    )
    assert res.status_code == 200 and res.data[0]["reviewer"] == "reviewer1"
    assert officer.post(TASKS + "assign/", {"tasks": [], "reviewer": "reviewer1"}, format="json").status_code == 400
    missing = officer.post(TASKS + "assign/", {"tasks": [{"id": 99999, "version": 1}], "reviewer": None}, format="json")
    assert missing.status_code == 400 and "tasks" in missing.data["errors"]
    twice = {"tasks": [{"id": b.pk, "version": 2}, {"id": b.pk, "version": 2}], "reviewer": "reviewer1"}
    res = officer.post(TASKS + "assign/", twice, format="json")
    assert res.status_code == 400 and res.data["code"] == "repeated_task" and "tasks" in res.data["errors"]
    assert ReviewTask.objects.get(pk=b.pk).reviewer.username == "reviewer2"


def test_my_tasks_include_those_waiting_for_my_approval(people: dict[str, Any], catalogue: dict[str, Any]) -> None:
    plan = make_plan(people)
    task = task_of(plan, "10/2020/QĐ-UBND")
    # A task the first officer reviews himself: not his to approve.
    own = task_of(make_plan(people, scope={"issuer": "UBND-KG"}, reviewer="officer1"), "12/2020/QĐ-UBND")
    people["reviewer"][1].post(f"{TASKS}{task.pk}/submit/", {"version": 1, "outcome": "keep"}, format="json")
    people["officer"][1].post(f"{TASKS}{own.pk}/submit/", {"version": 1, "outcome": "keep"}, format="json")

    def mine(who: str, **extra: str) -> set[str]:
        rows = people[who][1].get(TASKS, {"mine": "true", **extra}).data["results"]
        return {f"{r['document']['number']} {r['state']}" for r in rows}

    assert mine("officer") == {"10/2020/QĐ-UBND submitted", "12/2020/QĐ-UBND submitted"}
    assert mine("officer2") == {"10/2020/QĐ-UBND submitted", "12/2020/QĐ-UBND submitted"}
    assert mine("officer", awaiting_approval="true") == {"10/2020/QĐ-UBND submitted"}

    # Each task says whether the reader may decide it (the app shows the approve and return controls by it).
    def may_decide(who: str, pk: int) -> bool:
        return bool(people[who][1].get(f"{TASKS}{pk}/").data["may_decide"])

    assert may_decide("officer", task.pk) and not may_decide("officer", own.pk) and may_decide("officer2", own.pk)
    assert not may_decide("reviewer", task.pk)
    # A reviewer's tasks are still only those given to them.
    assert mine("reviewer") == {"10/2020/QĐ-UBND submitted", "11/2021/QĐ-UBND assigned"}
    assert people["reviewer"][1].get(TASKS, {"awaiting_approval": "true"}).data["count"] == 0
    people["officer2"][1].post(f"{TASKS}{task.pk}/approve/", {"version": 2}, format="json")
    assert mine("officer") == {"12/2020/QĐ-UBND submitted"}


def test_approvers_and_the_reviewer_are_told_and_done_notices_close(
    people: dict[str, Any], catalogue: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    for name, (user, _client) in people.items():
        user.email = f"{name}@stp.angiang.gov.vn"
        user.save()
    plan = make_plan(people)
    task = task_of(plan, "10/2020/QĐ-UBND")
    url = f"{TASKS}{task.pk}/"
    reviewer, officer, officer2 = people["reviewer"][1], people["officer"][1], people["officer2"][1]
    with django_capture_on_commit_callbacks(execute=True):
        assert reviewer.post(url + "submit/", {"version": 1, "outcome": "repeal"}, format="json").status_code == 200
    for client in (officer, officer2):
        [notice] = unread(client)
        assert notice["kind"] == "review_submitted" and "10/2020/QĐ-UBND" in notice["message"]
        assert notice["link"] == f"/can-bo/ra-soat/{task.pk}"
    assert unread(reviewer) == [] and len(mail.outbox) == 2
    # A re-delivered event adds nothing.
    assert notices.sync(task_ids=[task.pk]) == [] and Notification.objects.count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        res = officer2.post(url + "return/", {"version": 2, "comment": "Thiếu căn cứ pháp lý."}, format="json")
        assert res.status_code == 200
    # Done: the other officer is no longer asked; the closed notice stays listed.
    assert unread(officer) == [] and unread(officer2) == []
    listed = officer.get(NOTICES).data["results"]
    assert [(n["kind"], n["closed_at"] is not None) for n in listed] == [("review_submitted", True)]
    [returned] = unread(reviewer)
    assert returned["kind"] == "review_returned" and "Thiếu căn cứ pháp lý." in returned["message"]

    with django_capture_on_commit_callbacks(execute=True):
        reviewer.post(url + "restart/", {"version": 3}, format="json")
        reviewer.post(url + "submit/", {"version": 4, "outcome": "repeal"}, format="json")
    # Submitted again the same day: the approval requests are open and unread again; the return is dealt with.
    assert [n["kind"] for n in unread(officer)] == ["review_submitted"]
    assert unread(reviewer) == []
    with django_capture_on_commit_callbacks(execute=True):
        assert officer.post(url + "approve/", {"version": 5}, format="json").status_code == 200
    assert unread(officer) == [] and unread(officer2) == []
    [approved] = unread(reviewer)
    assert approved["kind"] == "review_approved" and approved["link"] == f"/can-bo/ra-soat/{task.pk}"
    assert sorted(m.to[0] for m in mail.outbox).count("reviewer@stp.angiang.gov.vn") == 2


def test_reminders_close_when_the_task_is_done_or_given_to_someone_else(
    people: dict[str, Any], catalogue: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    plan = make_plan(people)
    reminders.send_reminders(dt.date(2026, 12, 28), within_days=7)
    reviewer = people["reviewer"][1]
    assert len(unread(reviewer)) == 2
    # The next day's reminder replaces the day before's: one open notice per task.
    reminders.send_reminders(dt.date(2026, 12, 29), within_days=7)
    assert len(unread(reviewer)) == 2 and Notification.objects.filter(closed_at__isnull=False).count() == 2
    a, b = task_of(plan, "10/2020/QĐ-UBND"), task_of(plan, "11/2021/QĐ-UBND")
    with django_capture_on_commit_callbacks(execute=True):
        reviewer.post(f"{TASKS}{a.pk}/submit/", {"version": 1, "outcome": "keep"}, format="json")
        people["officer"][1].post(
            TASKS + "assign/", {"tasks": [{"id": b.pk, "version": 1}], "reviewer": "reviewer2"}, format="json"
        )
    assert unread(reviewer) == []


def test_overdue_and_yearly_list_notices_close_when_done(
    people: dict[str, Any], catalogue: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    rec = approved_recommendation(people)
    Recommendation.objects.filter(pk=rec.pk).update(status="overdue")
    reminders.send_reminders(dt.date(2027, 1, 2), within_days=7)
    officer = people["officer"][1]
    assert [n["kind"] for n in unread(officer)] == ["recommendation_overdue"]
    # Recording a step does not end it: still overdue.
    with django_capture_on_commit_callbacks(execute=True):
        res = officer.post(f"{RECS}{rec.pk}/steps/", {"version": 1, "kind": "registration", "reference": "1/TTr"})
        assert res.status_code == 200, res.data
    assert [n["kind"] for n in unread(officer)] == ["recommendation_overdue"]
    with django_capture_on_commit_callbacks(execute=True):
        res = officer.patch(f"{RECS}{rec.pk}/", {"version": 2, "status": "withdrawn"}, format="json")
        assert res.status_code == 200, res.data
    assert unread(officer) == [] and unread(people["officer2"][1]) == []

    from django.db import transaction

    from backend.announcements import services as announcements
    from backend.announcements.models import Announcement

    draft = announcements.yearly_draft(2026)
    assert draft is not None
    assert [n["kind"] for n in unread(officer)] == ["announcement_draft"]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        announcements.transition(
            actor=people["officer"][0], announcement=draft, action="submit", expected_version=draft.version
        )
    assert Announcement.objects.get(pk=draft.pk).state == "submitted"
    assert unread(officer) == []


def test_the_report_counts_every_review_figure_by_one_rule(people: dict[str, Any], catalogue: dict[str, Any]) -> None:
    """A review counts in the year its task is due, whenever it was approved: "reviewed" and the tasks by state
    agree, so the dashboard never shows 0 reviewed next to one approved."""
    due_2025 = task_of(make_plan(people, deadline="2025-12-31", scope={"issuer": "UBND-KG"}), "12/2020/QĐ-UBND")
    plan_2026 = make_plan(people)  # two tasks due 2026-12-31
    done = task_of(plan_2026, "10/2020/QĐ-UBND")
    for task in (due_2025, done):
        people["reviewer"][1].post(f"{TASKS}{task.pk}/submit/", {"version": 1, "outcome": "keep"}, format="json")
        assert (
            people["officer2"][1].post(f"{TASKS}{task.pk}/approve/", {"version": 2}, format="json").status_code == 200
        )
    for year, reviewed, by_state in [
        (2025, 1, {"approved": 1}),
        (2026, 1, {"approved": 1, "assigned": 1}),
        (2027, 0, {}),
    ]:
        data = report.yearly(year)
        assert data["counted_by"] == "due_on"
        assert data["reviewed"] == reviewed
        assert {k: v for k, v in data["tasks_by_state"].items() if v} == by_state
        assert (data["reviewed"] == 0) == (data["tasks_by_state"]["approved"] == 0)
    api = people["reviewer"][1].get("/api/v1/reports/reviews/", {"year": 2026}).data
    assert api["tasks_by_state"]["approved"] == 1 and api["reviewed"] == 1


def test_awaiting_approval_follows_the_four_eyes_rule(people: dict[str, Any], catalogue: dict[str, Any]) -> None:
    plan = make_plan(people, reviewer=None)
    task = task_of(plan, "10/2020/QĐ-UBND")
    # An officer submits for an absent reviewer: someone else must approve it.
    people["officer"][1].post(f"{TASKS}{task.pk}/submit/", {"version": 1, "outcome": "keep"}, format="json")
    assert not selectors.awaiting_approval_by(people["officer"][0]).exists()
    assert list(selectors.awaiting_approval_by(people["officer2"][0])) == [ReviewTask.objects.get(pk=task.pk)]
    assert not selectors.awaiting_approval_by(people["reviewer"][0]).exists()


def test_a_later_deadline_takes_a_recommendation_out_of_overdue(
    people: dict[str, Any], catalogue: dict[str, Any], django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    from backend.catalogue import selectors

    monkeypatch.setattr(selectors, "today", lambda: dt.date(2027, 1, 2))
    rec = approved_recommendation(people)  # deadline 2026-12-31
    assert services.mark_overdue(dt.date(2027, 1, 2)) == 1
    reminders.send_reminders(dt.date(2027, 1, 2), within_days=7)
    officer = people["officer"][1]
    assert [n["kind"] for n in unread(officer)] == ["recommendation_overdue"]
    # Still in the past: still overdue. Today or later: back to open (no step yet), its notices closed.
    res = officer.patch(f"{RECS}{rec.pk}/", {"version": 2, "deadline": "2027-01-01"}, format="json")
    assert res.status_code == 200 and res.data["status"] == "overdue"
    with django_capture_on_commit_callbacks(execute=True):
        res = officer.patch(f"{RECS}{rec.pk}/", {"version": 3, "deadline": "2027-03-31"}, format="json")
    assert res.status_code == 200 and res.data["status"] == "open"
    assert unread(officer) == []
    assert Recommendation.objects.get(pk=rec.pk).status == "open"


def test_only_staff_are_given_reviews(people: dict[str, Any], catalogue: dict[str, Any]) -> None:
    from tests.conftest import _user

    _user("citizen", None)
    officer = people["officer"][1]
    body = {"title": "x", "kind": "thematic", "scope": {"issuer": "UBND-AG"}, "deadline": "2026-12-31"}
    res = officer.post(PLANS, {**body, "reviewer": "citizen"}, format="json")
    assert res.status_code == 400 and "reviewer" in res.data["errors"] and not ReviewTask.objects.exists()
    task = task_of(make_plan(people), "10/2020/QĐ-UBND")
    res = officer.post(
        TASKS + "assign/", {"tasks": [{"id": task.pk, "version": 1}], "reviewer": "citizen"}, format="json"
    )
    assert res.status_code == 400 and "reviewer" in res.data["errors"]
    res = officer.patch(f"{TASKS}{task.pk}/", {"version": 1, "reviewer": "citizen"}, format="json")
    assert res.status_code == 400
    assert ReviewTask.objects.get(pk=task.pk).reviewer.username == "reviewer1"


def test_a_missing_outcome_or_comment_is_reported_at_its_field(
    people: dict[str, Any], catalogue: dict[str, Any]
) -> None:
    task = task_of(make_plan(people), "10/2020/QĐ-UBND")
    url = f"{TASKS}{task.pk}/"
    res = people["reviewer"][1].post(url + "submit/", {"version": 1}, format="json")
    assert res.status_code == 400 and res.data["code"] == "outcome_required" and "outcome" in res.data["errors"]
    people["reviewer"][1].post(url + "submit/", {"version": 1, "outcome": "keep"}, format="json")
    res = people["officer"][1].post(url + "return/", {"version": 2, "comment": " "}, format="json")
    assert res.status_code == 400 and res.data["code"] == "comment_required" and "comment" in res.data["errors"]


def test_a_scope_takes_every_filter_of_the_document_list(people: dict[str, Any], catalogue: dict[str, Any]) -> None:
    """The plan form offers the list's filters (web app: components/DocumentFilters.tsx); each counts in a scope as
    it does in GET /documents/, and a plan made with them opens a task for exactly those documents."""
    from tests.catalogue import factories as f

    f.document(
        "13/2021/QĐ-UBND",
        issued="2021-06-01",
        effective="2021-06-15",
        until="2022-01-01",
        title="Quy định về phí",
        published=False,
    )
    officer = people["officer"][1]

    def count(scope: dict[str, Any]) -> int:
        res = officer.post(PLANS + "preview/", {"scope": scope}, format="json")
        assert res.status_code == 200, res.data
        listed = officer.get("/api/v1/documents/", {**scope, "page_size": 100})
        assert listed.status_code == 200 and listed.data["count"] == res.data["documents"], (scope, listed.data)
        return int(res.data["documents"])

    assert count({}) == 4
    # q: a number in any spelling, or words of the title.
    assert count({"q": "10/2020/qd-ubnd"}) == 1
    assert count({"q": "về phí"}) == 1
    assert count({"q": "QĐ-UBND", "year": 2020}) == 2
    # published: the app sends the list's "true"/"false"; JSON booleans mean the same.
    assert count({"published": "false"}) == count({"published": False}) == 1
    assert count({"published": "true", "issuer": "UBND-AG"}) == count({"published": True, "issuer": "UBND-AG"}) == 2
    # status as the list sends it (one value), and as a list.
    assert count({"status": "in_force"}) == count({"status": ["in_force"]}) == 3
    assert count({"status": ["in_force", "expired"]}) == 4
    plan = make_plan(people, scope={"q": "2021", "published": "true"})
    assert plan["tasks"] == 1 and task_of(plan, "11/2021/QĐ-UBND")
    # A bad value is refused under the filter's own name, in plain text, as the list refuses it.
    bad_values = [({"published": "maybe"}, "published"), ({"status": "bogus"}, "status"), ({"q": "x" * 301}, "q")]
    for scope, name in bad_values:
        bad = officer.post(PLANS + "preview/", {"scope": scope}, format="json")
        assert bad.status_code == 400 and set(bad.data["errors"]) == {name}, bad.data
        assert not any("<" in message for message in bad.data["errors"][name])
