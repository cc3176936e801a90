"""A user sees only the tools their role can use (issue #12, section 2).

GET /auth/me/ lists the capabilities (`can`) computed by the same rule the API's permission classes apply, so
the app hides exactly what the API refuses. These tests hold the two together: for each role, what `can` says
is what the endpoints do.
"""

from __future__ import annotations

import io

import pytest
from rest_framework.test import APIClient

from backend.accounts.permissions import NEEDS, Capability

pytestmark = pytest.mark.django_db


def test_me_lists_each_roles_capabilities(
    officer_api: APIClient, reviewer_api: APIClient, admin_api: APIClient, anon: APIClient
) -> None:
    assert reviewer_api.get("/api/v1/auth/me/").json()["can"] == ["documents.export", "workspace"]
    officer = officer_api.get("/api/v1/auth/me/").json()["can"]
    admin_only = {Capability.SYNONYMS_WRITE, Capability.ORGANISATIONS_WRITE}
    assert officer == sorted(c.value for c in Capability if c not in admin_only)
    assert admin_api.get("/api/v1/auth/me/").json()["can"] == sorted(c.value for c in Capability)
    assert anon.get("/api/v1/auth/me/").status_code == 401


def test_english_and_vietnamese_answers_carry_the_same_capability_names(reviewer_api: APIClient) -> None:
    vi = reviewer_api.get("/api/v1/auth/me/").json()["can"]
    assert reviewer_api.get("/api/v1/auth/me/?lang=en").json()["can"] == vi


def _denied(client: APIClient) -> dict[str, int]:
    """The status of one attempt at each tool a reviewer must not be offered."""
    csv = io.BytesIO(b"code,name,level\nso-z,S\xe1\xbb\x9f Z,province\n")
    csv.name = "authorities.csv"
    docx = io.BytesIO(b"PK\x03\x04 not really a docx")
    docx.name = "qd.docx"
    return {
        "create": client.post("/api/v1/documents/", {}, format="json").status_code,
        "import": client.post("/api/v1/imports/", {"file": csv}, format="multipart").status_code,
        "upload": client.post("/api/v1/documents/extract/", {"file": docx}, format="multipart").status_code,
        "audit": client.get("/api/v1/audit/").status_code,
    }


def test_the_api_refuses_a_reviewer_what_me_does_not_offer(reviewer_api: APIClient) -> None:
    can = set(reviewer_api.get("/api/v1/auth/me/").json()["can"])
    assert not can & {"documents.write", "documents.import", "documents.upload", "audit.read"}
    assert _denied(reviewer_api) == {"create": 403, "import": 403, "upload": 403, "audit": 403}
    assert reviewer_api.get("/api/v1/exports/?format=json").status_code == 200  # documents.export: offered


def test_a_legal_officer_gets_past_the_permission_check_of_each_tool(officer_api: APIClient) -> None:
    statuses = _denied(officer_api)
    assert 403 not in statuses.values(), statuses


def test_every_capability_names_a_role() -> None:
    assert set(NEEDS) == set(Capability)


def test_legal_officers_are_one_set_for_approvals_overdue_and_yearly_notices() -> None:
    """One answer to "who are the legal officers" (approval notices, overdue recommendations, the yearly draft):
    a superuser is an admin everywhere, as role_of says; reviewers and inactive officers are not told."""
    from django.contrib.auth.models import Group, User

    from backend.accounts.roles import Role, ensure_groups, legal_officers

    ensure_groups()
    officer = User.objects.create_user("lo-1")
    officer.groups.add(Group.objects.get(name=Role.LEGAL_OFFICER.value))
    admin = User.objects.create_user("ad-1")
    admin.groups.add(Group.objects.get(name=Role.ADMIN.value))
    User.objects.create_superuser("root-1")
    reviewer = User.objects.create_user("rv-1")
    reviewer.groups.add(Group.objects.get(name=Role.REVIEWER.value))
    gone = User.objects.create_user("lo-2", is_active=False)
    gone.groups.add(Group.objects.get(name=Role.LEGAL_OFFICER.value))
    assert set(legal_officers().values_list("username", flat=True)) >= {"lo-1", "ad-1", "root-1"}
    assert not {"rv-1", "lo-2"} & set(legal_officers().values_list("username", flat=True))
