"""The text on a date as a văn bản hợp nhất .docx: amended wording in, replaced wording out, one real Word footnote
per change worded as VBHNs word them; and ?format=json is the text answer itself."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.test import APIClient

from backend.catalogue.models import Document
from backend.consolidation import services
from backend.consolidation.export import long_date
from backend.core.docx_footnotes import read_footnotes
from legal import operations as legal_ops
from tests.catalogue import factories as f

pytestmark = pytest.mark.django_db
ACTOR = "tests"
BASE_TEXT = """ỦY BAN NHÂN DÂN TỈNH AN GIANG
QUYẾT ĐỊNH
Ban hành Quy định về quản lý chợ
Căn cứ Luật Tổ chức chính quyền địa phương;
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quyết định này quy định về quản lý chợ trên địa bàn tỉnh.
Điều 2. Phí chợ
1. Mức phí do Ủy ban nhân dân cấp huyện quy định.
2. Phí được thu hằng tháng.
Chương II
TỔ CHỨC THỰC HIỆN
Điều 3. Ban quản lý chợ
Ban quản lý chợ báo cáo Ủy ban nhân dân cấp huyện.
Điều 4. Hiệu lực thi hành
Quyết định này có hiệu lực kể từ ngày 15 tháng 3 năm 2024.
"""
AMENDED_ON = dt.date(2025, 7, 20)
AMENDING_TITLE = "Sửa đổi, bổ sung một số điều của Quyết định số 20/2024/QĐ-UBND"
WHERE = "của Quyết định số 15/2025/QĐ-UBND sửa đổi, bổ sung một số điều của Quyết định số 20/2024/QĐ-UBND"


def _op(kind: str, target: str, seq: int, where: str, sentence: str, **extra: object) -> legal_ops.Operation:
    return legal_ops.Operation(
        kind=kind,  # type: ignore[arg-type]
        target_eid=target, applies_on=AMENDED_ON, source="s", seq=seq, target="b",
        source_eid=where, instruction=sentence, **extra,  # type: ignore[arg-type]
    )  # fmt: skip


@pytest.fixture
def amended() -> tuple[Document, Document]:
    base = f.document("20/2024/QĐ-UBND", issued="2024-03-01", effective="2024-03-15", text=BASE_TEXT,
                      title="Ban hành Quy định về quản lý chợ")  # fmt: skip
    amending = f.document("15/2025/QĐ-UBND", issued="2025-07-10", effective="2025-07-20", title=AMENDING_TITLE)
    read = [
        _op("replace", "dieu-2/khoan-1", 1, "dieu-1/khoan-1", "1. Sửa đổi khoản 1 Điều 2 như sau:",
            new_text="1. Mức phí do Ủy ban nhân dân tỉnh quy định."),
        _op("repeal", "dieu-2/khoan-2", 2, "dieu-1/khoan-2", "2. Bãi bỏ khoản 2 Điều 2."),
        _op("substitute_words", "", 3, "dieu-1/khoan-3/diem-a",
            "a) Thay thế cụm từ “Ban quản lý chợ” bằng cụm từ “Tổ quản lý chợ” tại Điều 3.",
            old_words="Ban quản lý chợ", new_words="Tổ quản lý chợ", scope_eids=("dieu-3",)),
        _op("rename", "dieu-1", 4, "dieu-1/khoan-4", "4. Sửa đổi tên Điều 1 như sau:",
            new_text="Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng"),
    ]  # fmt: skip
    for op in services.operations_store_proposal(actor=ACTOR, source=amending, proposal=read, targets={"b": base}):
        services.operation_confirm(actor=ACTOR, operation=op, expected_version=op.version)
    return base, amending


def download(client: APIClient, doc: Document, on: str, **params: str) -> bytes:
    answer = client.get(f"/api/v1/documents/{doc.pk}/text/", {"on": on, "format": "docx", **params})
    assert answer.status_code == 200, answer.content
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert f"van-ban-hop-nhat-{doc.pk}-{on}.docx" in answer["Content-Disposition"]
    return answer.content


def body_text(content: bytes) -> list[str]:
    return [paragraph.text for paragraph in docx.Document(io.BytesIO(content)).paragraphs]


def test_the_docx_holds_the_amended_wording_and_a_footnote_per_change(
    amended: tuple[Document, Document], anon: APIClient
) -> None:
    base, _ = amended
    content = download(anon, base, "2025-08-01")
    lines = body_text(content)
    assert "1. Mức phí do Ủy ban nhân dân tỉnh quy định." in lines
    assert not any("cấp huyện quy định" in line for line in lines)
    assert "2. (được bãi bỏ)" in lines
    assert "Tổ quản lý chợ báo cáo Ủy ban nhân dân cấp huyện." in lines
    assert "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng" in lines
    assert any(line.startswith("Văn bản hợp nhất tại ngày 01/08/2025, cập nhật các văn bản sửa đổi, bổ sung: "
                               "Quyết định số 15/2025/QĐ-UBND sửa đổi, bổ sung") for line in lines)  # fmt: skip
    assert "Căn cứ Luật Tổ chức chính quyền địa phương;" in lines
    assert (
        "1. Quyết định số 15/2025/QĐ-UBND ngày 10 tháng 7 năm 2025 sửa đổi, bổ sung một số điều của Quyết định số "
        "20/2024/QĐ-UBND, có hiệu lực kể từ ngày 20 tháng 7 năm 2025."
    ) in lines
    notes = read_footnotes(content)
    effective = "có hiệu lực kể từ ngày 20 tháng 7 năm 2025."
    assert sorted(notes.values()) == sorted([
        f"Khoản này được sửa đổi, bổ sung theo quy định tại khoản 1 Điều 1 {WHERE}, {effective}",
        f"Khoản này được bãi bỏ theo quy định tại khoản 2 Điều 1 {WHERE}, {effective}",
        f"Cụm từ “Ban quản lý chợ” được thay thế bằng cụm từ “Tổ quản lý chợ” theo quy định tại điểm a khoản 3 "
        f"Điều 1 {WHERE}, {effective}",
        f"Tên Điều này được sửa đổi, bổ sung theo quy định tại khoản 4 Điều 1 {WHERE}, {effective}",
    ])  # fmt: skip
    assert sorted(notes) == [1, 2, 3, 4]


def test_the_footnotes_are_real_word_footnotes(amended: tuple[Document, Document], anon: APIClient) -> None:
    """The footnotes part, its relationship and content type, the separators, and one reference per note."""
    base, _ = amended
    content = download(anon, base, "2025-08-01")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
        notes = archive.read("word/footnotes.xml").decode()
        body = archive.read("word/document.xml").decode()
    assert 'PartName="/word/footnotes.xml"' in types and "footnotes+xml" in types
    assert "relationships/footnotes" in rels and 'Target="footnotes.xml"' in rels
    assert 'w:type="separator" w:id="-1"' in notes and 'w:type="continuationSeparator" w:id="0"' in notes
    assert body.count("<w:footnoteReference ") == 4
    assert notes.count("<w:footnoteRef/>") == 4


def test_before_the_amendment_the_original_wording_and_no_footnotes(
    amended: tuple[Document, Document], anon: APIClient
) -> None:
    base, _ = amended
    content = download(anon, base, "2025-07-19")
    lines = body_text(content)
    assert "1. Mức phí do Ủy ban nhân dân cấp huyện quy định." in lines
    assert "Văn bản hợp nhất tại ngày 19/07/2025 (chưa được sửa đổi)." in lines
    assert read_footnotes(content) == {}


def test_english_words_the_fixed_parts_in_english(amended: tuple[Document, Document], anon: APIClient) -> None:
    base, _ = amended
    content = download(anon, base, "2025-08-01", lang="en")
    lines = body_text(content)
    assert any(line.startswith("Consolidated text as in force on 01/08/2025") for line in lines)
    assert "2. (repealed)" in lines
    assert (
        "This clause was amended by clause 1 Article 1 of Quyết định số 15/2025/QĐ-UBND sửa đổi, bổ sung một "
        "số điều của Quyết định số 20/2024/QĐ-UBND, effective from 20/07/2025." in read_footnotes(content).values()
    )


def test_a_repealed_article_prints_as_a_vbhn_prints_it(anon: APIClient) -> None:
    base = f.document("21/2024/QĐ-UBND", issued="2024-03-01", effective="2024-03-15", text=BASE_TEXT)
    amending = f.document("16/2025/QĐ-UBND", issued="2025-07-10", effective="2025-07-20", title=AMENDING_TITLE)
    read = [_op("repeal", "dieu-3", 1, "dieu-1", "Điều 1. Bãi bỏ Điều 3.")]
    for op in services.operations_store_proposal(actor=ACTOR, source=amending, proposal=read, targets={"b": base}):
        services.operation_confirm(actor=ACTOR, operation=op, expected_version=op.version)
    content = download(anon, base, "2025-08-01")
    lines = body_text(content)
    assert "Điều 3. (được bãi bỏ)" in lines
    assert not any("Ban quản lý chợ báo cáo" in line for line in lines)
    assert list(read_footnotes(content).values()) == [
        "Điều này được bãi bỏ theo quy định tại Điều 1 của Quyết định số 16/2025/QĐ-UBND sửa đổi, bổ sung một số "
        "điều của Quyết định số 20/2024/QĐ-UBND, có hiệu lực kể từ ngày 20 tháng 7 năm 2025."
    ]


def test_format_json_is_the_text_answer(amended: tuple[Document, Document], anon: APIClient) -> None:
    base, _ = amended
    url = f"/api/v1/documents/{base.pk}/text/"
    plain = anon.get(url, {"on": "2025-08-01"})
    as_json = anon.get(url, {"on": "2025-08-01", "format": "json"})
    assert as_json.status_code == 200 and as_json["Content-Type"] == "application/json"
    assert json.loads(as_json.content) == json.loads(plain.content)


def test_an_unknown_format_is_a_400_naming_the_formats(amended: tuple[Document, Document], anon: APIClient) -> None:
    base, _ = amended
    answer = anon.get(f"/api/v1/documents/{base.pk}/text/", {"format": "pdf"})
    assert answer.status_code == 400
    assert "json" in answer.content.decode() and "docx" in answer.content.decode()


def test_before_the_document_s_own_date_the_docx_says_no_text(
    amended: tuple[Document, Document], anon: APIClient
) -> None:
    base, _ = amended
    lines = body_text(download(anon, base, "2024-01-01"))
    assert any(line.startswith("Chưa có văn bản có hiệu lực tại ngày này.") for line in lines)


def test_a_draft_s_export_is_for_staff_only(reviewer_api: APIClient, anon: APIClient) -> None:
    draft = f.document("22/2024/QĐ-UBND", issued="2024-03-01", effective="2024-03-15", text=BASE_TEXT,
                       published=False)  # fmt: skip
    assert anon.get(f"/api/v1/documents/{draft.pk}/text/", {"format": "docx"}).status_code == 404
    assert reviewer_api.get(f"/api/v1/documents/{draft.pk}/text/", {"format": "docx"}).status_code == 200


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)))
def test_long_dates_read_as_vbhns_print_them(day: dt.date) -> None:
    words = long_date(day).split()
    assert words[0::2] == ["ngày", "tháng", "năm"]
    assert words[1] == f"{day.day:02d}" and int(words[3]) == day.month and int(words[5]) == day.year
    assert len(words[3]) == (2 if day.month < 3 else len(str(day.month)))  # "tháng 01", "tháng 02", "tháng 7"
