"""/api/v1/organisations/ and /api/v1/memberships/: anyone reads the tree, admins write it; audited; bad input is
a 400 naming the field."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.audit.models import AuditEntry
from backend.organisations.models import Membership
from tests.conftest import _client, _user
from tests.organisations.factories import province_tree

pytestmark = pytest.mark.django_db
ORGS, MEMBERS = "/api/v1/organisations/", "/api/v1/memberships/"


def test_anyone_reads_the_tree_only_admins_write(anon: APIClient, officer_api: APIClient, admin_api: APIClient) -> None:
    province_tree()
    listed = anon.get(ORGS).json()
    codes = {row["code"] for row in listed["results"]}
    assert {"ubnd", "stp", "stc", "sxd", "sgtvt", "xa-my-hoa-hung"} <= codes
    sgtvt = anon.get(f"{ORGS}sgtvt/").json()
    assert sgtvt["succeeded_by"] == "sxd" and sgtvt["parent"] == "ubnd"
    body = {"code": "syt", "name": "Sở Y tế", "kind": "department", "parent": "ubnd", "fields": []}
    assert anon.post(ORGS, body, format="json").status_code in (401, 403)
    assert officer_api.post(ORGS, body, format="json").status_code == 403
    created = admin_api.post(ORGS, body, format="json")
    assert created.status_code == 201, created.json()
    entry = AuditEntry.objects.get(object_type="organisations.organisation", object_id=str(created.json()["id"]))
    assert entry.action == "create" and entry.organisation_label == "Sở Y tế"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"code": "x", "name": "X", "kind": "ministry"}, "kind"),
        ({"code": "x", "name": "X", "kind": "department", "parent": "khong-co"}, "parent"),
        (
            {"code": "x", "name": "X", "kind": "department", "valid_from": "2026-01-02", "valid_until": "2025-01-01"},
            "valid_until",
        ),
        ({"code": "stc", "name": "X", "kind": "department"}, "code"),
        ({"code": "x y", "name": "X", "kind": "department"}, "code"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(admin_api: APIClient, body: dict[str, Any], field: str) -> None:
    province_tree()
    answer = admin_api.post(ORGS, body, format="json")
    assert answer.status_code == 400, answer.json()
    assert field in str(answer.json()), answer.json()


def test_a_cycle_in_the_tree_or_the_lineage_is_refused(admin_api: APIClient) -> None:
    province_tree()
    assert admin_api.patch(f"{ORGS}ubnd/", {"parent": "stc"}, format="json").status_code == 400
    assert admin_api.patch(f"{ORGS}sxd/", {"succeeded_by": "sgtvt"}, format="json").status_code == 400


def test_an_organisation_still_in_use_is_not_deleted(admin_api: APIClient) -> None:
    province_tree()
    assert admin_api.delete(f"{ORGS}ubnd/").status_code == 409  # it has children
    assert admin_api.delete(f"{ORGS}xa-my-hoa-hung/").status_code == 204


def test_the_409_names_what_still_holds_an_organisation_in_words(admin_api: APIClient) -> None:
    # The admins' page shows this message as it comes: a model's label ("organisations.membership") means nothing
    # to them.
    tree = province_tree()
    _user("nguyenvana", None)
    assert admin_api.post(MEMBERS, {"user": "nguyenvana", "organisation": "sxd", "role": "reviewer"}).status_code == 201
    answer = admin_api.delete(f"{ORGS}sxd/", HTTP_ACCEPT_LANGUAGE="vi")
    assert answer.status_code == 409, answer.json()
    body = answer.json()
    assert body["held_by"] == [
        {"model": "organisations.membership", "count": 1},
        {"model": "organisations.organisation", "count": 1},  # the merged Sở Giao thông vận tải
    ]
    assert "1 người làm việc" in body["message_vi"] and "1 đơn vị trực thuộc hoặc sáp nhập vào" in body["message_vi"]
    assert "1 member(s)" in body["message_en"] and "organisations." not in body["message_en"] + body["message_vi"]
    assert tree["sxd"].pk and admin_api.get(f"{ORGS}sxd/").status_code == 200


def test_memberships_are_the_admins_and_raise_the_role(admin_api: APIClient, officer_api: APIClient) -> None:
    province_tree()
    user = _user("nguyenvana", None)
    body = {"user": "nguyenvana", "organisation": "stc", "role": "legal_officer"}
    assert officer_api.post(MEMBERS, body, format="json").status_code == 403
    assert officer_api.get(MEMBERS).status_code == 403
    assert admin_api.post(MEMBERS, body, format="json").status_code == 201
    me = _client(user).get("/api/v1/auth/me/").json()
    assert me["role"] == "legal_officer" and not me["province_wide"]
    assert me["organisations"] == [
        {"id": me["organisations"][0]["id"], "code": "stc", "name": "Sở Tài chính", "role": "legal_officer"}
    ]
    # A second POST changes the role; the list shows one membership.
    assert admin_api.post(MEMBERS, {**body, "role": "reviewer"}, format="json").status_code == 201
    assert [m["role"] for m in admin_api.get(MEMBERS).json()["results"]] == ["reviewer"]
    entries = AuditEntry.objects.filter(object_type="organisations.membership").order_by("id")
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[0].organisation_label == "Sở Tài chính"
    bad = admin_api.post(MEMBERS, {**body, "user": "khong-co"}, format="json")
    assert bad.status_code == 400 and "user" in bad.json()["errors"], bad.json()
    membership = Membership.objects.get()
    assert admin_api.delete(f"{MEMBERS}{membership.pk}/").status_code == 204
    assert not Membership.objects.exists()


def test_loading_the_demo_organisations_twice_changes_nothing_the_second_time() -> None:
    from pathlib import Path

    from django.core.management import call_command

    from backend.organisations.models import Organisation

    demo = Path(__file__).resolve().parents[2] / "backend" / "demo" / "organisations.json"
    call_command("load_organisations", str(demo), verbosity=0)
    first = (Organisation.objects.count(), AuditEntry.objects.count())
    call_command("load_organisations", str(demo), verbosity=0)
    assert (Organisation.objects.count(), AuditEntry.objects.count()) == first
    sxd = Organisation.objects.get(code="sxd-ag")
    assert set(sxd.predecessors.values_list("code", flat=True)) == {"sgtvt-ag"}
    assert set(sxd.fields.values_list("name", flat=True)) == {"Xây dựng", "Giao thông"}
