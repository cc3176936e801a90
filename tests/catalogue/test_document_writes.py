"""Writes to a document refuse what they cannot honour (issue 11, section 3): a stale or unnamed version
(412/428), a delete that other records still hold (409), a source file that extract would refuse (400), and
list parameters outside their range (400)."""

from __future__ import annotations

import io
import threading
from typing import Any

import pytest
from django.db import connection
from rest_framework.test import APIClient

from backend.accounts.roles import Role
from backend.catalogue.models import Document
from backend.reviews.models import ReviewTask
from tests.catalogue import factories as f
from tests.catalogue.decision_files import Decision, decision_docx
from tests.catalogue.jobs import run_job
from tests.catalogue.test_api_extraction import BAD_FILES
from tests.conftest import _client, _user

URL = "/api/v1/documents/"


@pytest.fixture
def doc(db: None) -> Document:
    f.authority("UBND-AG")
    return f.document("19/2022/QĐ-UBND", issued="2022-12-07", effective="2022-12-17")


# --- optimistic locking -----------------------------------------------------------------------------------


def test_a_document_carries_its_version_as_etag(officer_api: APIClient, doc: Document) -> None:
    res = officer_api.get(f"{URL}{doc.pk}/")
    assert res["ETag"] == '"1"' and res.data["version"] == 1
    res = officer_api.patch(f"{URL}{doc.pk}/", {"title": "Tên mới"}, format="json", HTTP_IF_MATCH='"1"')
    assert res.status_code == 200, res.data
    assert res["ETag"] == '"2"' and res.data["version"] == 2


@pytest.mark.parametrize("method", ["patch", "put", "delete"])
def test_a_write_without_a_version_is_428_and_a_stale_one_412(
    officer_api: APIClient, doc: Document, method: str
) -> None:
    body = {
        "number": doc.number,
        "type": "Quyết định",
        "issuer": "UBND-AG",
        "title": "Tên mới",
        "issued_on": "2022-12-07",
        "effective_from": "2022-12-17",
    }
    send = getattr(officer_api, method)
    res = send(f"{URL}{doc.pk}/", body, format="json")
    assert res.status_code == 428 and res.data["code"] == "version_required"
    res = send(f"{URL}{doc.pk}/", body, format="json", HTTP_IF_MATCH='"999"')
    assert res.status_code == 412 and res.data["code"] == "edit_conflict"
    assert res.data["message_vi"] and res.data["message_en"] and res.data["current_version"] == 1
    stored = Document.objects.get(pk=doc.pk)
    assert stored.title == doc.title and stored.version == 1
    res = send(f"{URL}{doc.pk}/", {**body, "version": 1}, format="json")  # the body's version counts too
    assert res.status_code in (200, 204), getattr(res, "data", None)


def test_the_second_of_two_edits_from_the_same_version_is_refused(officer_api: APIClient, doc: Document) -> None:
    first = officer_api.patch(f"{URL}{doc.pk}/", {"title": "Một"}, format="json", HTTP_IF_MATCH='"1"')
    second = officer_api.patch(f"{URL}{doc.pk}/", {"signer": "Hai"}, format="json", HTTP_IF_MATCH='"1"')
    assert (first.status_code, second.status_code) == (200, 412)
    stored = Document.objects.get(pk=doc.pk)
    assert (stored.title, stored.signer, stored.version) == ("Một", "", 2)


def _race(officer: Any, doc_id: int, version: int, titles: list[str]) -> list[int]:
    """Send one PATCH per title at the same moment, each naming `version`; their status codes."""
    barrier = threading.Barrier(len(titles))
    codes: list[int] = []

    def edit(title: str) -> None:
        client = _client(officer)
        try:
            barrier.wait()
            res = client.patch(f"{URL}{doc_id}/", {"title": title}, format="json", HTTP_IF_MATCH=f'"{version}"')
            codes.append(res.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(title,)) for title in titles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return codes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # like tests/workers: no post_migrate rows left
def test_concurrent_edits_of_one_version_give_exactly_one_412() -> None:
    f.authority("UBND-AG")
    doc = f.document("19/2022/QĐ-UBND", issued="2022-12-07", effective="2022-12-17")
    officer = _user("officer-race", Role.LEGAL_OFFICER)
    for attempt in range(5):
        version = Document.objects.get(pk=doc.pk).version
        codes = _race(officer, doc.pk, version, [f"Lần {attempt} - {i}" for i in range(2)])
        assert sorted(codes) == [200, 412], codes
    assert Document.objects.get(pk=doc.pk).version == 6


def test_the_importer_updates_a_document_and_raises_its_version(officer_api: APIClient, doc: Document) -> None:
    import json

    payload = {
        "documents": [
            {
                "number": doc.number,
                "issuer": "UBND-AG",
                "type": "Quyết định",
                "title": "Tên từ tệp nhập",
                "issued_on": "2022-12-07",
                "effective_from": "2022-12-17",
            }
        ]
    }
    upload = io.BytesIO(json.dumps(payload).encode())
    upload.name = "nhap.json"
    res = officer_api.post("/api/v1/imports/", {"file": upload}, format="multipart")
    run_job(res)
    assert res.status_code in (201, 202), res.data
    stored = Document.objects.get(pk=doc.pk)
    assert stored.title == "Tên từ tệp nhập" and stored.version == 2


# --- deleting what is still referenced ---------------------------------------------------------------------


def test_deleting_a_document_under_review_is_a_409_naming_what_holds_it(officer_api: APIClient, doc: Document) -> None:
    plan = officer_api.post(
        "/api/v1/review-plans/",
        {"title": "Rà soát", "kind": "post_merger", "scope": {"issuer": "UBND-AG"}, "deadline": "2026-12-31"},
        format="json",
    )
    assert plan.status_code == 201, plan.data
    assert ReviewTask.objects.filter(document=doc).count() == 1
    res = officer_api.delete(f"{URL}{doc.pk}/", HTTP_IF_MATCH='"1"')
    assert res.status_code == 409, res.data
    assert res.data["code"] == "in_use"
    assert res.data["held_by"] == [{"model": "reviews.reviewtask", "count": 1}]
    assert "nhiệm vụ rà soát" in res.data["message_vi"] and "review task" in res.data["message_en"]
    assert Document.objects.filter(pk=doc.pk).exists()


def test_deleting_a_free_document_works(officer_api: APIClient, doc: Document) -> None:
    assert officer_api.delete(f"{URL}{doc.pk}/", HTTP_IF_MATCH='"1"').status_code == 204
    assert not Document.objects.filter(pk=doc.pk).exists()


# --- source files: the same checks as extract ---------------------------------------------------------------

SOURCE_REFUSALS = {name: case for name, case in BAD_FILES.items() if case[2] not in ("no_number", "no_text")} | {
    "a PNG named .pdf": ("anh.pdf", lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "unsupported_file"),
    "a PNG named .docx": ("anh.docx", lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "unsupported_file"),
}


@pytest.mark.parametrize("case", sorted(SOURCE_REFUSALS))
def test_source_file_is_validated_like_extract(
    officer_api: APIClient, doc: Document, settings: Any, tmp_path: Any, case: str
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    name, make, code = SOURCE_REFUSALS[case]
    upload = io.BytesIO(make())
    upload.name = name
    res = officer_api.post(f"{URL}{doc.pk}/source-file/", {"file": upload}, format="multipart")
    assert res.status_code == 400, (case, res.status_code)
    assert res.data["code"] == code and "file" in res.data["errors"]
    assert not Document.objects.get(pk=doc.pk).source_file
    assert not any(tmp_path.rglob("*.*"))


def test_a_source_file_is_stored_under_the_kind_its_content_has(
    officer_api: APIClient, doc: Document, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    upload = io.BytesIO(decision_docx(Decision()))
    upload.name = "quyet-dinh.pdf"  # misnamed: it is a .docx
    res = officer_api.post(f"{URL}{doc.pk}/source-file/", {"file": upload}, format="multipart")
    assert res.status_code == 200, res.data
    assert res.data["source_file"].endswith("quyet-dinh.docx") and res.data["version"] == 2


# --- list parameters ---------------------------------------------------------------------------------------

LISTS = [
    "/api/v1/documents/",
    "/api/v1/authorities/",
    "/api/v1/relations/",
    "/api/v1/announcements/",
]
STAFF_LISTS = ["/api/v1/reviews/", "/api/v1/review-plans/", "/api/v1/recommendations/", "/api/v1/notifications/"]


@pytest.mark.parametrize("size", ["-5", "0", "501", "100000000000000000000", "abc", "1.5", "٣"])
@pytest.mark.parametrize("url", LISTS + STAFF_LISTS)
def test_a_page_size_out_of_range_is_a_400(admin_api: APIClient, doc: Document, url: str, size: str) -> None:
    res = admin_api.get(url, {"page_size": size})
    assert res.status_code == 400, (url, size, res.status_code)
    assert res.data["code"] == "invalid_page_size" and "page_size" in res.data["errors"]
    assert res.data["allowed"] == {"min": 1, "max": 500}
    assert "500" in res.data["message_vi"] and "500" in res.data["message_en"]


@pytest.mark.parametrize("size", ["1", "500"])
def test_a_page_size_in_range_is_used(anon: APIClient, doc: Document, size: str) -> None:
    assert anon.get(URL, {"page_size": size}).status_code == 200


@pytest.mark.parametrize(
    "url,name",
    [
        ("/api/v1/documents/", "published"),
        ("/api/v1/documents/", "with_predecessors"),
        ("/api/v1/reviews/", "mine"),
        ("/api/v1/notifications/", "unread"),
        ("/api/v1/reports/reviews/", "with_predecessors"),
    ],
)
def test_a_yes_no_parameter_that_is_neither_is_a_400(admin_api: APIClient, doc: Document, url: str, name: str) -> None:
    extra = {"year": "2025"} if "reports" in url else {}
    res = admin_api.get(url, {**extra, name: "maybe"})
    assert res.status_code == 400, (url, name, res.status_code)
    assert name in res.data["errors"]
    for value in ("true", "false", "1", "0"):
        assert admin_api.get(url, {**extra, name: value}).status_code == 200


# --- numbers: every invisible format character alike -------------------------------------------------------


@pytest.mark.parametrize("mark", ["\u200f", "\u200e", "\u202b", "\u2066", "\ufeff", "\u200b", "\u00ad", "\u2060"])
def test_invisible_format_characters_in_a_looked_up_number_are_ignored(
    anon: APIClient, doc: Document, mark: str
) -> None:
    res = anon.get("/api/v1/public/lookup/", {"number": f"{mark}19/2022/QĐ-{mark}UBND{mark}"})
    assert res.status_code == 200, (repr(mark), res.content[:300])
    assert [r["number"] for r in res.json()["results"]] == ["19/2022/QĐ-UBND"]


# --- relations: the same optimistic locking -------------------------------------------------------------------


@pytest.fixture
def relation(doc: Document) -> Any:
    newer = f.document("20/2025/QĐ-UBND", issued="2025-02-10", effective="2025-03-01")
    return f.relate(newer, "amends", doc, "2025-03-01", provisions=["Điều 2"])


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_a_relation_write_needs_the_version_it_read(officer_api: APIClient, relation: Any, method: str) -> None:
    from backend.catalogue.models import Relation

    url = f"/api/v1/relations/{relation.pk}/"
    res = officer_api.get(url)
    assert res["ETag"] == '"1"' and res.data["version"] == 1
    send = getattr(officer_api, method)
    res = send(url, {"note": "Sửa"}, format="json")
    assert res.status_code == 428 and res.data["code"] == "version_required"
    res = send(url, {"note": "Sửa"}, format="json", HTTP_IF_MATCH='"7"')
    assert res.status_code == 412 and res.data["current_version"] == 1
    assert Relation.objects.get(pk=relation.pk).note == ""
    res = send(url, {"note": "Sửa"}, format="json", HTTP_IF_MATCH='"1"')
    assert res.status_code in (200, 204), getattr(res, "data", None)
    if method == "patch":
        assert res["ETag"] == '"2"' and Relation.objects.get(pk=relation.pk).note == "Sửa"
        again = officer_api.patch(url, {"note": "Lần hai"}, format="json", HTTP_IF_MATCH='"1"')
        assert again.status_code == 412
