"""Spreadsheet uploads are bounded (issue 11, section 3): a small .xlsx that unpacks to a huge XML, or declares
hundreds of thousands of rows, is a quick, clear 400 on both imports (the catalogue's, run by the worker, and
the tracking sheet's, run in the request), and nothing is saved."""

from __future__ import annotations

import io
import time
import zipfile
from typing import Any

import openpyxl
import pytest
from rest_framework.test import APIClient

from backend.catalogue.importers import readers, spreadsheet
from backend.catalogue.models import Document, ImportJob
from backend.reviews import tracker
from backend.reviews.models import Recommendation
from tests.catalogue import factories as f
from tests.catalogue.jobs import run_job

pytestmark = pytest.mark.django_db

TRACKER = "/api/v1/recommendations/import/"
IMPORTS = "/api/v1/imports/"


def _with_sheet_xml(sheet_xml: bytes) -> bytes:
    """A valid .xlsx whose first sheet is `sheet_xml`."""
    book = openpyxl.Workbook()
    book.active.title = "documents"
    buffer = io.BytesIO()
    book.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in source.infolist():
            data = sheet_xml if item.filename == "xl/worksheets/sheet1.xml" else source.read(item)
            z.writestr(item.filename, data)
    return out.getvalue()


def _sheet(rows: bytes, padding: int = 0) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + rows
        + b" " * padding
        + b"</sheetData></worksheet>"
    )


def _rows(count: int) -> bytes:
    header = (
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>number</t></is></c>'
        b'<c r="B1" t="inlineStr"><is><t>issuer</t></is></c></row>'
    )
    body = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%d/2020/QD-UBND</t></is></c></row>' % (n, n, n)
        for n in range(2, count + 2)
    )
    return header + body


@pytest.fixture
def catalogue(db: None) -> None:
    f.authority("UBND-AG")


def _post(client: APIClient, url: str, content: bytes, name: str = "nhap.xlsx") -> Any:
    upload = io.BytesIO(content)
    upload.name = name
    return client.post(url, {"file": upload}, format="multipart")


def _failed_job(client: APIClient, url: str, content: bytes) -> dict[str, Any]:
    """Upload `content`; run the job as the worker would; the error its report gives (it must have failed)."""
    res = _post(client, url, content)
    assert res.status_code == 202, res.data
    run_job(res)
    job = ImportJob.objects.get(pk=res.data["id"])
    assert job.state == ImportJob.State.FAILED, job.report
    return dict(job.report["errors"][0])


def test_an_xml_bomb_is_refused_by_both_imports(officer_api: APIClient, catalogue: None) -> None:
    bomb = _with_sheet_xml(_sheet(_rows(1), padding=60 * 1024 * 1024))
    assert len(bomb) < 1024 * 1024
    started = time.monotonic()
    assert _failed_job(officer_api, TRACKER, bomb)["code"] == "zip_bomb"
    refused = _failed_job(officer_api, IMPORTS, bomb)
    assert "xlsx" in refused["message_en"] and "MB" in refused["message_en"]
    assert time.monotonic() - started < 20
    assert Document.objects.count() == 0 and Recommendation.objects.count() == 0


def test_the_unpacked_size_is_bounded_not_only_the_ratio(catalogue: None, monkeypatch: Any) -> None:
    monkeypatch.setattr(spreadsheet, "MAX_UNZIPPED_BYTES", 4_000)
    with pytest.raises(readers.ReadError) as caught:
        readers.read_xlsx(_with_sheet_xml(_sheet(_rows(200))), "nhap.xlsx")
    assert "MB" in caught.value.message_en


def test_two_hundred_thousand_rows_are_refused_quickly(officer_api: APIClient, catalogue: None) -> None:
    many = _with_sheet_xml(_sheet(_rows(200_000)))
    started = time.monotonic()
    assert _failed_job(officer_api, TRACKER, many)["code"] in ("too_many_rows", "zip_bomb")
    _failed_job(officer_api, IMPORTS, many)
    assert time.monotonic() - started < 30
    assert Document.objects.count() == 0


def test_the_row_bound_of_the_catalogue_import(catalogue: None, monkeypatch: Any) -> None:
    monkeypatch.setattr(readers, "MAX_ROWS", 50)
    with pytest.raises(readers.ReadError) as caught:
        readers.read_xlsx(_with_sheet_xml(_sheet(_rows(60))), "nhap.xlsx")
    assert "50" in caught.value.message_en and "50" in caught.value.message_vi
    assert readers.read_xlsx(_with_sheet_xml(_sheet(_rows(40))), "nhap.xlsx").count() == 40
    csv = ("number,issuer\n" + "".join(f"{n}/2020/QD-UBND,UBND-AG\n" for n in range(1, 61))).encode()
    with pytest.raises(readers.ReadError):
        readers.read_csv(csv, "nhap.csv")


def test_the_row_bound_of_the_tracking_sheet(officer_api: APIClient, catalogue: None, monkeypatch: Any) -> None:
    monkeypatch.setattr(tracker, "MAX_ROWS", 50)
    refused = _failed_job(officer_api, TRACKER, _with_sheet_xml(_sheet(_rows(60))))
    assert refused["code"] == "too_many_rows"
    assert "50" in refused["message_en"] and refused["message_vi"]


def test_one_far_declared_row_is_not_a_million_rows_of_work(officer_api: APIClient, catalogue: None) -> None:
    far = _with_sheet_xml(
        _sheet(_rows(1) + b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>')
    )
    started = time.monotonic()
    assert _failed_job(officer_api, TRACKER, far)["code"] == "too_many_rows"
    assert time.monotonic() - started < 20


def test_a_tracker_row_with_a_control_character_is_reported_not_saved(catalogue: None) -> None:
    from tests.reviews.test_tracker import NQ_HEADER, NQ_SUB, row, workbook

    w = len(NQ_HEADER)
    data = workbook(
        {
            "NQ": [
                NQ_HEADER,
                NQ_SUB + [None] * (w - len(NQ_SUB)),
                row(w, c0=1, c1="Nghị quyết\x85 số 1/2020/NQ-HĐND", c4=1),
            ]
        }
    )
    report = tracker.import_tracker(data, actor="tests")
    assert report.created == 0
    assert report.skipped[0].reason_en == "The row holds the control character U+0085."
