"""/api/v1/search/synonyms/: admins extend the shipped list; every search uses shipped + active admin groups."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.audit.models import AuditEntry
from backend.searching import selectors
from backend.searching.models import SearchSynonym
from legal.synonyms import SHIPPED_SYNONYMS
from tests.catalogue import factories as f

pytestmark = pytest.mark.django_db

URL = "/api/v1/search/synonyms/"


def add(client: APIClient, forms: Any, note: str = "", **extra: Any) -> Any:
    return client.post(URL, {"forms": forms, "note": note, **extra}, format="json")


def test_staff_read_the_shipped_list_and_the_admins_groups(admin_api: APIClient, reviewer_api: APIClient) -> None:
    assert add(admin_api, ["CSGT", "cảnh sát giao thông"], "Công an").status_code == 201
    answer = reviewer_api.get(URL)
    assert answer.status_code == 200
    assert answer.data["shipped"][0] == {"forms": list(SHIPPED_SYNONYMS[0])}
    assert len(answer.data["shipped"]) == len(SHIPPED_SYNONYMS)
    (mine,) = answer.data["custom"]
    assert mine["forms"] == ["CSGT", "cảnh sát giao thông"] and mine["note"] == "Công an" and mine["active"]
    assert mine["created_by"]


def test_only_admins_write(
    admin_api: APIClient, officer_api: APIClient, reviewer_api: APIClient, anon: APIClient
) -> None:
    body = {"forms": ["CSGT", "cảnh sát giao thông"]}
    assert anon.get(URL).status_code in (401, 403)
    assert anon.post(URL, body, format="json").status_code in (401, 403)
    assert reviewer_api.post(URL, body, format="json").status_code == 403
    assert officer_api.post(URL, body, format="json").status_code == 403
    created = admin_api.post(URL, body, format="json")
    assert created.status_code == 201
    detail = f"{URL}{created.data['id']}/"
    for client in (officer_api, reviewer_api):
        assert client.patch(detail, {"active": False}, format="json").status_code == 403
        assert client.delete(detail).status_code == 403
    assert anon.delete(detail).status_code in (401, 403)
    assert SearchSynonym.objects.get().active
    assert "synonyms.write" in admin_api.get("/api/v1/auth/me/").json()["can"]
    assert "synonyms.write" not in officer_api.get("/api/v1/auth/me/").json()["can"]


def test_every_write_is_audited(admin_api: APIClient) -> None:
    created = add(admin_api, ["CSGT", "cảnh sát giao thông"])
    detail = f"{URL}{created.data['id']}/"
    assert admin_api.patch(detail, {"active": False}, format="json").data["active"] is False
    assert admin_api.patch(detail, {"active": False}, format="json").status_code == 200  # no change: no entry
    assert admin_api.delete(detail).status_code == 204
    entries = AuditEntry.objects.filter(object_type="searching.searchsynonym").order_by("id")
    assert [e.action for e in entries] == ["create", "update", "delete"]
    assert entries[0].after["forms"] == ["CSGT", "cảnh sát giao thông"] and entries[0].actor_label == "boss"
    assert entries[1].changes["active"] == [True, False]
    assert not SearchSynonym.objects.exists()


def _leaves(errors: Any) -> Any:
    """The messages of an error answer, however nested (a form's error sits under its index)."""
    if isinstance(errors, str):
        yield errors
    elif isinstance(errors, dict):
        for value in errors.values():
            yield from _leaves(value)
    else:
        for value in errors:
            yield from _leaves(value)


@pytest.mark.parametrize(
    "body",
    [
        {"forms": ["ATTP"]},  # one form
        {"forms": ["ATTP", "attp"]},  # the same form, as search reads it
        {"forms": ["ATTP", "Attp.", "a t t p"]},  # "a t t p" is another form, but ATTP = Attp.
        {"forms": ["123", "an toàn"]},  # a form without a letter
        {"forms": ["ATTP", "x" * 101]},
        {"forms": ["ATTP", " ".join(["an"] * 13)]},
        {"forms": [f"form {i}" for i in range(11)]},
        {"forms": "ATTP, an toàn thực phẩm"},
        {"forms": None},
        {},
        {"forms": ["ATTP", 5]},
        {"forms": ["ATTP", "an toàn thực phẩm"], "note": "n" * 301},
    ],
)
def test_bad_groups_are_400_with_vietnamese_and_english_messages(admin_api: APIClient, body: dict[str, Any]) -> None:
    answer = admin_api.post(URL, body, format="json")
    if body.get("forms") == ["ATTP", "Attp.", "a t t p"]:
        assert answer.status_code == 201  # three forms, two distinct: accepted, the duplicate dropped
        assert answer.data["forms"] == ["ATTP", "Attp.", "a t t p"]
        return
    assert answer.status_code == 400, answer.data
    body_json = answer.json()
    assert body_json["code"] == "invalid"
    messages = list(_leaves(body_json["errors"]))
    assert messages and all(" / " in m for m in messages), messages
    assert set(body_json["errors"]) <= {"forms", "note"}
    assert not SearchSynonym.objects.exists()


def test_a_bad_update_is_400_and_changes_nothing(admin_api: APIClient) -> None:
    created = add(admin_api, ["CSGT", "cảnh sát giao thông"])
    detail = f"{URL}{created.data['id']}/"
    answer = admin_api.patch(detail, {"forms": ["CSGT", "csgt"]}, format="json")
    assert answer.status_code == 400 and "forms" in answer.json()["errors"]
    assert admin_api.patch(detail, {"active": "maybe"}, format="json").status_code == 400
    assert SearchSynonym.objects.get().forms == ["CSGT", "cảnh sát giao thông"]


def test_groups_reach_the_search_at_once_and_leave_it_when_deactivated(
    admin_api: APIClient, anon: APIClient, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        f.authority("UBND-AG", name="UBND tỉnh An Giang")
        f.document("05/2024/QĐ-UBND", title="Quy định về cảnh sát giao thông đường thủy nội địa")
        f.document("06/2024/QĐ-UBND", title="Kế hoạch bảo đảm an toàn thực phẩm năm 2024")

    def found(q: str) -> list[str]:
        answer = anon.get("/api/v1/search/", {"q": q})
        assert answer.status_code == 200, answer.data
        return [r["number"] for r in answer.data["results"]]

    assert found("ATTP") == ["06/2024/QĐ-UBND"]  # the shipped list
    assert found("CSGT") == []
    assert selectors.synonym_groups() == SHIPPED_SYNONYMS  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        created = add(admin_api, ["CSGT", "cảnh sát giao thông"])
    assert found("CSGT") == ["05/2024/QĐ-UBND"]
    hit = anon.get("/api/v1/search/", {"q": "CSGT"}).data["results"][0]
    assert "<mark>" in hit["highlights"]["title"][0]  # the spelled-out form is highlighted
    with django_capture_on_commit_callbacks(execute=True):
        admin_api.patch(f"{URL}{created.data['id']}/", {"active": False}, format="json")
    assert found("CSGT") == []
    assert found("ATTP") == ["06/2024/QĐ-UBND"]


def test_the_groups_come_from_the_database_while_the_cache_is_down(
    admin_api: APIClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(admin_api, ["CSGT", "cảnh sát giao thông"])

    def down(*args: Any, **kwargs: Any) -> Any:
        raise ConnectionError("cache down")

    monkeypatch.setattr(selectors.cache, "get", down)
    monkeypatch.setattr(selectors.cache, "set", down)
    monkeypatch.setattr(selectors.cache, "delete", down)
    assert selectors.synonym_groups()[-1] == ("CSGT", "cảnh sát giao thông")
    selectors.forget_synonyms()  # logged, not raised
