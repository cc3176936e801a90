"""Import page (issue #12, section 3 and brief section 4): row errors name columns by their labels, never raw keys,
in the reader's language; the template (.xlsx, .csv) and its column guide come from the one list of columns."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from backend.catalogue.importers import columns, export, readers
from backend.catalogue.importers.service import ImportFailed, import_bundle
from backend.catalogue.models import Document
from tests.catalogue import factories as f

pytestmark = pytest.mark.django_db

RAW_KEYS = re.compile(r"\b(" + "|".join(sorted(columns.BY_KEY, key=len, reverse=True)) + r")\b")


def _named(name: str, content: bytes) -> io.BytesIO:
    buffer = io.BytesIO(content)
    buffer.name = name
    return buffer


def _failed(name: str, content: bytes) -> list[dict[str, str]]:
    with pytest.raises(ImportFailed) as failed:
        import_bundle(readers.read_file(content, name), actor="tests")
    return [error.as_dict() for error in failed.value.report.errors]


BAD_CSV = (
    "number,type,issuer,title,issued_on,published\n"
    "15/2017/QĐ-UBND,Quyết định,UBND-AG,Quy định chợ,,true\n"  # no issued_on
    "16/2017/QĐ-UBND,Quyết định,UBND-AG,Quy định phí,2017-02-30,true\n"  # no such day
    "17/2017/QĐ-UBND,Quyết định,UBND-AG,,2017-05-02,true\n"  # no title
).encode()


def test_row_errors_name_columns_by_label_and_never_by_raw_key(db: None) -> None:
    f.authority("UBND-AG")
    errors = _failed("van-ban.csv", BAD_CSV)
    assert [e["field"] for e in errors] == ["issued_on", "issued_on", "title"]  # for programs
    assert [e["label_vi"] for e in errors] == ["Ngày ban hành", "Ngày ban hành", "Trích yếu"]
    assert [e["label_en"] for e in errors] == ["Issued on", "Issued on", "Title"]
    assert "Ngày ban hành" in errors[0]["message_vi"] and "Issued on" in errors[0]["message_en"]
    for error in errors:
        assert not RAW_KEYS.search(error["message_vi"]), error["message_vi"]
        assert not RAW_KEYS.search(error["message_en"]), error["message_en"]
        assert "row" not in error["where_vi"] and "dòng" not in error["where_en"]
    assert errors[0]["where_vi"] == "van-ban.csv, dòng 2" and errors[0]["where_en"] == "van-ban.csv, row 2"


def test_json_rows_are_named_for_people_too(db: None) -> None:
    errors = _failed("a.json", b'{"documents": [{"number": "15/2017/QD-UBND"}]}')
    assert errors[0]["where"] == "documents[0]"  # unchanged, for programs
    assert (errors[0]["where_vi"], errors[0]["where_en"]) == ("Văn bản thứ 1", "Document no. 1")
    assert errors[0]["label_vi"] == "Cơ quan ban hành (mã)"
    assert not RAW_KEYS.search(errors[0]["message_vi"])


def test_dates_may_be_written_day_first(db: None) -> None:
    f.authority("UBND-AG")
    content = "number,type,issuer,title,issued_on\n15/2017/QĐ-UBND,Quyết định,UBND-AG,Quy định chợ,02/05/2017\n"
    import_bundle(readers.read_file(content.encode(), "a.csv"), actor="tests")
    assert str(Document.objects.get().issued_on) == "2017-05-02"


def test_the_export_writes_the_columns_of_the_one_definition() -> None:
    assert export.COLUMNS == {t: [c.key for c in cols] for t, cols in columns.COLUMNS.items()}
    assert set(columns.COLUMNS) == set(readers.TABLES)


def test_xlsx_template_has_the_guide_and_imports_back_as_it_is(
    officer_api: APIClient, django_capture_on_commit_callbacks: Any
) -> None:
    answer = officer_api.get("/api/v1/imports/template/?format=xlsx")
    assert answer.status_code == 200 and answer["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(answer.content))
    assert book.sheetnames == ["Hướng dẫn", "authorities", "documents", "relations"]
    guide = [list(row) for row in book["Hướng dẫn"].iter_rows(values_only=True)]
    assert guide[0] == ["Bảng", "Cột", "Khóa cột (dòng tiêu đề)", "Bắt buộc", "Định dạng", "Ví dụ"]
    issued = next(row for row in guide if row[2] == "issued_on")
    assert issued[:4] == ["Văn bản", "Ngày ban hành", "issued_on", "có"] and issued[5] == "2017-05-02"
    assert len(guide) - 1 == sum(len(cols) for cols in columns.COLUMNS.values())
    for table in readers.TABLES:
        assert [c.value for c in book[table][1]] == columns.KEYS[table]
    # Filled in, the template imports: the guide sheet is not data.
    f.authority("UBND-AG")
    book["documents"].append(["15/2017/QĐ-UBND", "Quyết định", "UBND-AG", "Quy định chợ", None, "2017-05-02"])
    filled = io.BytesIO()
    book.save(filled)
    with django_capture_on_commit_callbacks(execute=True):  # in-process mode runs the job on commit
        upload = officer_api.post(
            "/api/v1/imports/", {"file": _named("mau.xlsx", filled.getvalue())}, format="multipart"
        )
    job = officer_api.get(f"/api/v1/imports/{upload.json()['id']}/").json()
    assert job["state"] == "succeeded", job
    assert Document.objects.get().number == "15/2017/QĐ-UBND"


def test_csv_templates_and_the_guide_in_english(officer_api: APIClient, reviewer_api: APIClient) -> None:
    answer = officer_api.get("/api/v1/imports/template/?format=csv&table=relations")
    assert answer.content.decode().strip() == ",".join(columns.KEYS["relations"])
    guide = officer_api.get("/api/v1/imports/template/?format=csv&table=guide&lang=en")
    rows = list(csv.reader(io.StringIO(guide.content.decode("utf-8-sig"))))
    assert rows[0] == ["Table", "Column", "Column key (header row)", "Required", "Format", "Example"]
    assert ["Documents", "Issued on", "issued_on", "yes"] == next(r for r in rows if r[2] == "issued_on")[:4]
    data = officer_api.get("/api/v1/imports/template/?format=json").json()
    assert {"table": "documents", "key": "number", "label": "Số ký hiệu", "required": True}.items() <= data[
        len(columns.COLUMNS["authorities"])
    ].items()
    assert officer_api.get("/api/v1/imports/template/?format=pdf").status_code == 400
    assert officer_api.get("/api/v1/imports/template/?format=csv&table=x").status_code == 400
    assert reviewer_api.get("/api/v1/imports/template/").status_code == 403
