"""Issue #14's "done when", through the API, on real documents: an officer uploads a base act and then the act
that amends it (each as a .docx in its real layout, built from the corpus text), the instructions are read
into operations, the officer confirms them, and the text on a date after the amendment holds the amended
wording with its note, the text before it the original. Skips without ../shared/corpus."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from backend.consolidation.models import Operation
from tests.catalogue import factories as f
from tests.catalogue.decision_files import corpus_decision, decision_docx
from tests.conftest import CORPUS

pytestmark = [pytest.mark.django_db, pytest.mark.corpus]
FOLDER = CORPUS / "amendments"
BASE, AMENDING = "thong-tu_07-2023-TT-BLDTBXH", "thong-tu_10-2024-TT-BLDTBXH"


def upload(client: APIClient, name: str, settings: Any, tmp_path: Any) -> int:
    settings.MEDIA_ROOT = str(tmp_path)
    content = decision_docx(corpus_decision(FOLDER / f"{name}.txt"))
    read = client.post("/api/v1/documents/extract/", {"file": SimpleUploadedFile(f"{name}.docx", content)})
    assert read.status_code == 200, read.content
    body = read.json()
    document = {**body["document"], "issuer": "BLDTBXH", "type": "thong-tu"}  # the officer picks the ministry
    saved = client.post(
        "/api/v1/documents/from-file/",
        {
            "file": SimpleUploadedFile(f"{name}.docx", content),
            "document": json.dumps(document),
            "relations": json.dumps([r for r in body["relations"] if "target" in r]),
        },
    )
    assert saved.status_code == 201, saved.content
    return int(saved.json()["id"])


def node(tree: list[dict[str, Any]], eid: str) -> dict[str, Any]:
    for item in tree:
        if item["eid"] == eid:
            return item
        found = node(item["children"], eid)
        if found:
            return found
    return {}


def test_an_officer_uploads_a_real_base_and_its_amendment_and_reads_the_text_on_a_date(
    officer_api: APIClient, anon: APIClient, settings: Any, tmp_path: Any, django_capture_on_commit_callbacks: Any
) -> None:
    f.authority("BLDTBXH", level="central", name="Bộ Lao động - Thương binh và Xã hội")
    with django_capture_on_commit_callbacks(execute=True):  # the reader's task runs after each commit
        base = upload(officer_api, BASE, settings, tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        amending = upload(officer_api, AMENDING, settings, tmp_path)
    ops = officer_api.get("/api/v1/operations/", {"source": amending, "page_size": 500}).json()["results"]
    assert ops, "the amending act's instructions were read"
    assert all(op["target"]["id"] == base for op in ops if op["target"])
    proposed = [op for op in ops if op["state"] == "proposed"]
    assert len(proposed) >= 15  # the bench reads all 19 of 10/2024 exactly
    for op in proposed:
        done = officer_api.post(f"/api/v1/operations/{op['id']}/confirm/", HTTP_IF_MATCH=f'"{op["version"]}"')
        assert done.status_code == 200, done.content
    assert Operation.objects.filter(source_id=amending, state="confirmed").count() == len(proposed)

    before = anon.get(f"/api/v1/documents/{base}/text/", {"on": "2024-12-09"}).json()["version"]
    after = anon.get(f"/api/v1/documents/{base}/text/", {"on": "2024-12-10"}).json()["version"]
    clause = node(after["tree"], "dieu-1/khoan-1")
    assert clause["text"].startswith("Thông tư này quy định mã số, tiêu chuẩn chức danh nghề nghiệp; xếp lương;")
    assert clause["notes"][0]["source"] == str(amending) and clause["notes"][0]["applies_on"] == "2024-12-10"
    assert node(before["tree"], "dieu-1/khoan-1")["text"] != clause["text"]
    assert node(before["tree"], "dieu-1/khoan-1")["notes"] == []
    renamed = node(after["tree"], "dieu-5")
    assert renamed["title"] == "Giảng viên giáo dục nghề nghiệp cao cấp (hạng I) - Mã số: V.09.02.01"
    changes = anon.get(f"/api/v1/documents/{base}/text/", {"compare": "2024-12-09,2024-12-10"}).json()["changes"]
    assert {"dieu-1/khoan-1", "dieu-2", "dieu-5"} <= {change["eid"] for change in changes}
    # The relations follow: 10/2024 amends 07/2023, derived from the confirmed operations.
    relations = anon.get(f"/api/v1/documents/{base}/relations/").json()
    derived = [r for r in relations if r["derived"] and r["source"]["id"] == amending]
    assert derived and derived[0]["kind"] == "amends" and "Khoản 1 Điều 1" in derived[0]["provisions"]
