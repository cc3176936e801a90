"""GET /api/v1/documents/{id}/file/ serves the stored source file (issue #12, section 1: "Tải tệp gốc").

/media/ is not served in production, so the link used to end in Django's raw English 404. Published documents'
files are for everyone, drafts' for staff only (the documents queryset decides); no file, or a file the storage
lost, is a JSON 404 in Vietnamese and English, and the detail then offers no link.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from rest_framework.test import APIClient

from backend.catalogue import services
from backend.catalogue.models import Document
from tests.catalogue import factories as f
from tests.catalogue.decision_files import Decision, decision_docx, decision_pdf

URL = "/api/v1/documents/"
NAME = "Quyết định 15-2025 ban hành quy định.docx"


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def _with_file(doc: Document, content: bytes, name: str) -> Document:
    services.document_attach_source(actor="tests", document=doc, upload=ContentFile(content, name=name))
    return Document.objects.get(pk=doc.pk)


def _body(res: Any) -> bytes:
    return b"".join(res.streaming_content)


@pytest.fixture
def files(media: Path, db: None) -> dict[str, Document]:
    f.authority()
    docx = decision_docx(Decision())
    return {
        "published": _with_file(f.document("15/2025/QĐ-UBND"), docx, NAME),
        "draft": _with_file(f.document("16/2025/QĐ-UBND", published=False), decision_pdf(Decision()), "du-thao.pdf"),
        "none": f.document("17/2025/QĐ-UBND"),
    }


def test_anyone_gets_a_published_documents_file(anon: APIClient, files: dict[str, Document], media: Path) -> None:
    doc = files["published"]
    detail = anon.get(f"{URL}{doc.pk}/").json()
    assert detail["source_file_url"] == f"/api/v1/documents/{doc.pk}/file/"
    assert detail["source_file"] == NAME.replace(" ", "_")  # the storage's valid name; Vietnamese letters kept

    res = anon.get(detail["source_file_url"])
    assert res.status_code == 200
    assert res["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    stored = NAME.replace(" ", "_")
    assert res["Content-Disposition"] == (
        f"attachment; filename=\"Quyet_dinh_15-2025_ban_hanh_quy_dinh.docx\"; filename*=UTF-8''{quote(stored)}"
    )
    assert _body(res) == (media / doc.source_file.name).read_bytes()


def test_a_drafts_file_is_for_staff_only(
    anon: APIClient, reviewer_api: APIClient, officer_api: APIClient, files: dict[str, Document]
) -> None:
    url = f"{URL}{files['draft'].pk}/file/"
    hidden = anon.get(url, HTTP_ACCEPT_LANGUAGE="vi")
    assert hidden.status_code == 404 and hidden["Content-Type"].startswith("application/json")
    # The same answer as for a document without a file: a draft's existence is not given away.
    assert hidden.json() == anon.get(f"{URL}{files['none'].pk}/file/", HTTP_ACCEPT_LANGUAGE="vi").json()
    assert hidden.json()["message"] == hidden.json()["message_vi"] == "Không tìm thấy tệp gốc của văn bản này."
    for staff in (reviewer_api, officer_api):
        res = staff.get(url)
        assert res.status_code == 200 and res["Content-Type"] == "application/pdf"
        assert _body(res).startswith(b"%PDF-")
        assert staff.get(f"{URL}{files['published'].pk}/file/").status_code == 200


def test_no_file_is_a_json_404_in_both_languages_and_no_link(
    anon: APIClient, files: dict[str, Document], media: Path
) -> None:
    none = files["none"]
    assert anon.get(f"{URL}{none.pk}/").json()["source_file_url"] is None
    res = anon.get(f"{URL}{none.pk}/file/")
    assert res.status_code == 404
    body = res.json()
    assert body["code"] == "not_found"
    assert "tệp gốc" in body["message_vi"] and "source file" in body["message_en"]

    # A file the storage no longer has (a database restored without its media): the same 404, and no link.
    lost = files["published"]
    (media / lost.source_file.name).unlink()
    assert anon.get(f"{URL}{lost.pk}/").json()["source_file_url"] is None
    gone = anon.get(f"{URL}{lost.pk}/file/")
    assert gone.status_code == 404 and gone.json()["code"] == "not_found"
