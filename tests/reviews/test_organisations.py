"""Review shared out across organisations (issue #16, decision 0023): a department's staff see and act on their
own organisation's tasks only (another's is a 404), the Sở Tư pháp's officers see all and give the second
approval, recommendations are worked on by their drafting organisation, reports and the audit name it."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from backend.accounts.roles import Role
from backend.audit.models import AuditEntry
from backend.catalogue.models import Document, Field
from backend.reviews.models import Recommendation, ReviewTask
from tests.catalogue import factories as f
from tests.conftest import _client
from tests.organisations.factories import member, province_tree

pytestmark = pytest.mark.django_db
PLANS, TASKS, RECS = "/api/v1/review-plans/", "/api/v1/reviews/", "/api/v1/recommendations/"
REVIEWER, OFFICER = Role.REVIEWER, Role.LEGAL_OFFICER


@pytest.fixture
def province(db: None) -> dict[str, Any]:
    tree = province_tree()
    f.authority("UBND-AG")
    docs = {
        "fee": f.document("01/2024/QĐ-UBND", title="Quy định phí, lệ phí"),
        "build": f.document("02/2024/QĐ-UBND", title="Quy định quản lý xây dựng"),
        "road": f.document("03/2024/QĐ-UBND", title="Quy định giao thông"),
        "misc": f.document("04/2024/QĐ-UBND", title="Quy định khác"),
    }
    for key, field in (("fee", "tai-chinh"), ("build", "xay-dung"), ("road", "giao-thong")):
        docs[key].fields.add(Field.objects.get(code=field))
    people = {
        "stp_officer": member("cb-stp", tree["stp"], OFFICER),
        "stp_officer2": member("cb-stp-2", tree["stp"], OFFICER),
        "stc_reviewer": member("rs-stc", tree["stc"], REVIEWER),
        "stc_reviewer2": member("rs-stc-2", tree["stc"], REVIEWER),
        "stc_officer": member("cb-stc", tree["stc"], OFFICER),
        "sxd_reviewer": member("rs-sxd", tree["sxd"], REVIEWER),
        "sxd_officer": member("cb-sxd", tree["sxd"], OFFICER),
    }
    return {"tree": tree, "docs": docs, "people": people, "api": {k: _client(u) for k, u in people.items()}}


def _shared_plan(p: dict[str, Any], **extra: Any) -> dict[str, Any]:
    body = {
        "title": "Rà soát năm 2026 theo lĩnh vực",
        "kind": "periodic",
        "scope": {"issuer": "UBND-AG"},
        "deadline": "2026-12-31",
        "organisation": "stp",
        "share_by": "field",
        "needs_justice_approval": True,
        **extra,
    }
    answer = p["api"]["stp_officer"].post(PLANS, body, format="json")
    assert answer.status_code == 201, answer.json()
    return dict(answer.json())


def _task(p: dict[str, Any], key: str) -> ReviewTask:
    return ReviewTask.objects.get(document=p["docs"][key])


def test_a_plan_shares_tasks_out_by_field(province: dict[str, Any]) -> None:
    p = province
    _shared_plan(p)
    owners = {key: _task(p, key).organisation.code for key in p["docs"]}
    # Giao thông went to the Sở Xây dựng with the 2025 merger; a document of no managed field stays with the plan.
    assert owners == {"fee": "stc", "build": "sxd", "road": "sxd", "misc": "stp"}


def test_by_responsible_organisation_a_merged_department_hands_over_to_its_successor(province: dict[str, Any]) -> None:
    p = province
    Document.objects.filter(pk=p["docs"]["misc"].pk).update(responsible=p["tree"]["sgtvt"])
    _shared_plan(p, share_by="responsible")
    assert _task(p, "misc").organisation.code == "sxd"  # responsible: Sở GTVT, merged into the Sở Xây dựng
    assert _task(p, "fee").organisation.code == "stc"  # no responsible organisation: by its field


def test_a_department_sees_its_own_tasks_and_another_departments_are_404(province: dict[str, Any]) -> None:
    p = province
    _shared_plan(p)
    stc = p["api"]["stc_reviewer"]
    listed = stc.get(TASKS).json()["results"]
    assert [t["document"]["number"] for t in listed] == ["01/2024/QĐ-UBND"]
    assert listed[0]["organisation"] == {"code": "stc", "name": "Sở Tài chính"}
    other = _task(p, "build")
    assert stc.get(f"{TASKS}{other.pk}/").status_code == 404
    assert stc.post(f"{TASKS}{other.pk}/start/", {"version": 1}, format="json").status_code == 404
    assert p["api"]["sxd_officer"].get(f"{TASKS}{_task(p, 'fee').pk}/").status_code == 404
    # The plan shows, counting only the department's own tasks.
    (plan,) = stc.get(PLANS).json()["results"]
    assert plan["tasks"] == 1
    # The Sở Tư pháp sees them all.
    assert p["api"]["stp_officer"].get(TASKS).json()["count"] == 4
    assert stc.get(f"{TASKS}?organisation=sxd").json()["count"] == 0


def test_two_approvals_the_departments_then_the_justice_departments(province: dict[str, Any]) -> None:
    p = province
    _shared_plan(p)
    task = _task(p, "fee")
    url = f"{TASKS}{task.pk}/"
    api = p["api"]
    assert api["stc_officer"].patch(url, {"version": 1, "reviewer": "rs-stc"}, format="json").status_code == 200
    # Given only to staff where the task is.
    elsewhere = api["stc_officer"].patch(url, {"version": 2, "reviewer": "rs-sxd"}, format="json")
    assert elsewhere.status_code == 400 and elsewhere.json()["code"] == "reviewer_elsewhere"
    assert (
        api["stc_reviewer"].post(url + "submit/", {"version": 2, "outcome": "amend"}, format="json").status_code == 200
    )
    # A reviewer who sees the task but may not decide: 403, not 404.
    assert api["stc_reviewer2"].post(url + "approve/", {"version": 3}, format="json").status_code == 403
    # The Sở Tư pháp cannot approve before the department.
    early = api["stp_officer"].post(url + "approve/", {"version": 3}, format="json")
    assert early.status_code == 409 and early.json()["code"] == "organisation_approval_first"
    assert [t["id"] for t in api["stp_officer"].get(f"{TASKS}?awaiting_approval=true").json()["results"]] == []
    assert [t["id"] for t in api["stc_officer"].get(f"{TASKS}?awaiting_approval=true").json()["results"]] == [task.pk]
    first = api["stc_officer"].post(url + "approve/", {"version": 3}, format="json").json()
    assert first["state"] == "submitted" and first["org_approved_by"] == "cb-stc" and first["two_approvals"]
    again = api["stc_officer"].post(url + "approve/", {"version": 4}, format="json")
    assert again.status_code == 403 and again.json()["code"] == "four_eyes"  # not twice by the same officer
    member("cb-stc-2", p["tree"]["stc"], OFFICER)
    other = _client(User.objects.get(username="cb-stc-2")).post(url + "approve/", {"version": 4}, format="json")
    assert other.status_code == 403 and other.json()["code"] == "justice_approval_required"
    assert [t["id"] for t in api["stp_officer"].get(f"{TASKS}?awaiting_approval=true").json()["results"]] == [task.pk]
    assert api["stp_officer"].get(url).json()["may_decide"] is True
    final = api["stp_officer"].post(url + "approve/", {"version": 4}, format="json").json()
    assert final["state"] == "approved" and final["decided_by"] == "cb-stp"
    rec = Recommendation.objects.get(task=task)
    assert rec.drafting_organisation.code == "stc"
    entry = AuditEntry.objects.filter(object_type="reviews.reviewtask", object_id=str(task.pk)).first()
    assert entry is not None and entry.organisation_label == "Sở Tài chính"


def test_a_return_clears_the_first_approval(province: dict[str, Any]) -> None:
    p = province
    _shared_plan(p)
    task = _task(p, "fee")
    url = f"{TASKS}{task.pk}/"
    api = p["api"]
    api["stc_officer"].patch(url, {"version": 1, "reviewer": "rs-stc"}, format="json")
    api["stc_reviewer"].post(url + "submit/", {"version": 2, "outcome": "keep"}, format="json")
    api["stc_officer"].post(url + "approve/", {"version": 3}, format="json")
    back = api["stp_officer"].post(url + "return/", {"version": 4, "comment": "Bổ sung căn cứ"}, format="json").json()
    assert back["state"] == "returned" and back["org_approved_by"] is None


def test_the_drafting_organisation_records_the_steps(province: dict[str, Any]) -> None:
    p = province
    _shared_plan(p, needs_justice_approval=False)
    task = _task(p, "fee")
    url = f"{TASKS}{task.pk}/"
    api = p["api"]
    api["stc_officer"].patch(url, {"version": 1, "reviewer": "rs-stc"}, format="json")
    api["stc_reviewer"].post(url + "submit/", {"version": 2, "outcome": "repeal"}, format="json")
    assert api["stc_officer"].post(url + "approve/", {"version": 3}, format="json").json()["state"] == "approved"
    rec = Recommendation.objects.get(task=task)
    step = {"version": rec.version, "kind": "registration", "reference": "123/STC-PC"}
    assert api["sxd_reviewer"].post(f"{RECS}{rec.pk}/steps/", step, format="json").status_code == 404
    assert api["sxd_reviewer"].get(f"{RECS}{rec.pk}/").status_code == 404
    seen = api["stc_reviewer2"].get(f"{RECS}{rec.pk}/").json()
    assert (seen["may_record_steps"], seen["may_edit"]) == (True, False)  # the app offers the step form only
    officer = api["stc_officer"].get(f"{RECS}?organisation=stc").json()["results"][0]
    assert (officer["may_record_steps"], officer["may_edit"]) == (True, True)
    done = api["stc_reviewer2"].post(f"{RECS}{rec.pk}/steps/", step, format="json")
    assert done.status_code == 200, done.json()
    assert done.json()["may_record_steps"] is True
    assert done.json()["drafting_organisation"] == {"code": "stc", "name": "Sở Tài chính"}
    # Editing the recommendation itself is a legal officer's.
    patch = api["stc_reviewer2"].patch(f"{RECS}{rec.pk}/", {"version": done.json()["version"], "note": "x"})
    assert patch.status_code == 403
    assert api["stc_officer"].get(f"{RECS}?organisation=stc").json()["count"] == 1


def test_only_the_justice_department_shares_out_and_a_department_plans_for_itself(province: dict[str, Any]) -> None:
    p = province
    api = p["api"]
    body = {"title": "Kế hoạch của Sở", "kind": "thematic", "scope": {"issuer": "UBND-AG"}, "deadline": "2026-12-31"}
    shared = api["stc_officer"].post(PLANS, {**body, "organisation": "stc", "share_by": "field"}, format="json")
    assert shared.status_code == 400 and "share_by" in shared.json()["errors"]
    other = api["stc_officer"].post(PLANS, {**body, "organisation": "sxd"}, format="json")
    assert other.status_code == 400 and "organisation" in other.json()["errors"]
    assert api["stc_officer"].post(PLANS, body, format="json").status_code == 400  # whose plan it is, required
    own = api["stc_officer"].post(PLANS, {**body, "organisation": "stc"}, format="json")
    assert own.status_code == 201, own.json()
    assert {t.organisation.code for t in ReviewTask.objects.filter(plan_id=own.json()["id"])} == {"stc"}


def test_the_report_is_per_organisation_and_province_wide(province: dict[str, Any]) -> None:
    p = province
    _shared_plan(p)
    api = p["api"]
    url = "/api/v1/reports/reviews/?year=2026"
    assert sum(api["stp_officer"].get(url).json()["tasks_by_state"].values()) == 4
    assert sum(api["stp_officer"].get(url + "&organisation=sxd").json()["tasks_by_state"].values()) == 2
    assert sum(api["stc_reviewer"].get(url).json()["tasks_by_state"].values()) == 1
    unknown = api["stp_officer"].get(url + "&organisation=khong-co")
    assert unknown.status_code == 400 and "organisation" in unknown.json()["errors"]


def test_a_departments_officer_reads_only_its_audit_entries(province: dict[str, Any]) -> None:
    p = province
    _shared_plan(p)
    api = p["api"]
    task = _task(p, "fee")
    api["stc_officer"].patch(f"{TASKS}{task.pk}/", {"version": 1, "reviewer": "rs-stc"}, format="json")
    labels = {e["organisation_label"] for e in api["stc_officer"].get("/api/v1/audit/?page_size=500").json()["results"]}
    assert labels == {"Sở Tài chính"}
    everyone = {
        e["organisation_label"] for e in api["stp_officer"].get("/api/v1/audit/?page_size=500").json()["results"]
    }
    assert {"Sở Tài chính", "Sở Xây dựng", "Sở Tư pháp"} <= everyone


def test_staff_without_a_membership_reach_nothing_once_organisations_are_set_up(
    province: dict[str, Any], anon: APIClient, officer_api: APIClient
) -> None:
    p = province
    _shared_plan(p)
    assert anon.get(TASKS).status_code in (401, 403)
    # Someone removed from their department must not become a coordinator by losing their membership.
    assert officer_api.get(TASKS).json()["count"] == 0
    assert officer_api.get(f"{TASKS}{_task(p, 'fee').pk}/").status_code == 404


def test_approval_requests_go_only_to_who_may_decide_now(
    province: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    from backend.notifications.models import Notification

    p = province
    api = p["api"]

    def asked() -> set[str]:
        return set(
            Notification.objects.filter(kind="review_submitted", closed_at__isnull=True).values_list(
                "user__username", flat=True
            )
        )

    with django_capture_on_commit_callbacks(execute=True):
        _shared_plan(p)
        task = _task(p, "fee")
        url = f"{TASKS}{task.pk}/"
        api["stc_officer"].patch(url, {"version": 1, "reviewer": "rs-stc"}, format="json")
        api["stc_reviewer"].post(url + "submit/", {"version": 2, "outcome": "keep"}, format="json")
    assert asked() == {"cb-stc"}  # the department's officer first; not the Sở Xây dựng's, not yet the Sở Tư pháp's
    with django_capture_on_commit_callbacks(execute=True):
        api["stc_officer"].post(url + "approve/", {"version": 3}, format="json")
    assert asked() == {"cb-stp", "cb-stp-2"}


def test_an_overdue_recommendation_is_told_to_the_officers_where_it_is(province: dict[str, Any]) -> None:
    import datetime as dt

    from backend.notifications.models import Notification
    from backend.reviews.reminders import send_reminders

    p = province
    rec = Recommendation.objects.create(
        action="repeal", drafting_organisation=p["tree"]["stc"], deadline=dt.date(2026, 1, 31), status="overdue"
    )
    send_reminders(dt.date(2026, 2, 2))
    told = set(
        Notification.objects.filter(kind="recommendation_overdue", object_id=rec.pk).values_list(
            "user__username", flat=True
        )
    )
    assert told == {"cb-stc", "cb-stp", "cb-stp-2"}
