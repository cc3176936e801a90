"""Corrections (đính chính) end to end (decision 0018 §3): a correcting decision catalogued through the API is read
into `correct_words` dated with the corrected document's own date; confirmed, the corrected wording is the text
from that date (before the correcting decision was even issued), with its footnote, a derived `corrects` relation,
and the .docx footnote; a correction of an amending act reaches the text of the document it amends."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.catalogue.models import Document, Relation
from backend.consolidation import services, texts
from backend.consolidation.models import Operation, TextBuild
from backend.core.docx_footnotes import read_footnotes
from tests.catalogue import factories as f
from tests.consolidation.documents import BASE_TEXT, node

pytestmark = pytest.mark.django_db
ACTOR = "tests"

CORRECTING_TEXT = """ỦY BAN NHÂN DÂN TỈNH AN GIANG
QUYẾT ĐỊNH
Về việc đính chính Quyết định số 20/2024/QĐ-UBND
Căn cứ Luật Ban hành văn bản quy phạm pháp luật;
QUYẾT ĐỊNH:
Điều 1. Đính chính Quyết định số 20/2024/QĐ-UBND ngày 01 tháng 3 năm 2024 như sau:
1. Tại khoản 2 Điều 2:
Đã ghi: “Phí được thu hằng tháng.”
Nay sửa lại là: “Phí được thu hằng quý.”
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
"""

AMENDING_TEXT = """ỦY BAN NHÂN DÂN TỈNH AN GIANG
QUYẾT ĐỊNH
Sửa đổi, bổ sung một số điều của Quyết định số 20/2024/QĐ-UBND
Điều 1. Sửa đổi, bổ sung một số điều của Quyết định số 20/2024/QĐ-UBND ngày 01 tháng 3 năm 2024
1. Sửa đổi, bổ sung khoản 1 Điều 2 như sau:
“1. Mức phí do Ủy ban nhân dân tỉnh quy định.”.
Điều 2. Hiệu lực thi hành
Quyết định này có hiệu lực kể từ ngày 20 tháng 7 năm 2025./.
"""

CORRECTING_THE_AMENDMENT = """ỦY BAN NHÂN DÂN TỈNH AN GIANG
QUYẾT ĐỊNH
Về việc đính chính Quyết định số 15/2025/QĐ-UBND
Điều 1. Đính chính Quyết định số 15/2025/QĐ-UBND ngày 10 tháng 7 năm 2025 như sau:
1. Tại khoản 1 Điều 1, đã in là “Ủy ban nhân dân tỉnh”, xin đọc là “Chủ tịch Ủy ban nhân dân tỉnh”.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
TM. ỦY BAN NHÂN DÂN
"""


def text_on(client: APIClient, doc: Document, on: str) -> dict[str, Any]:
    answer = client.get(f"/api/v1/documents/{doc.pk}/text/", {"on": on})
    assert answer.status_code == 200, answer.content
    return dict(answer.json())


def confirm(client: APIClient, op: Operation) -> None:
    answer = client.post(f"/api/v1/operations/{op.pk}/confirm/", HTTP_IF_MATCH=f'"{op.version}"')
    assert answer.status_code == 200, answer.json()


@pytest.fixture
def base() -> Document:
    return f.document("20/2024/QĐ-UBND", issued="2024-03-01", effective="2024-03-15", text=BASE_TEXT)


def test_a_correction_changes_the_text_from_the_corrected_documents_own_date(
    base: Document, officer_api: APIClient, anon: APIClient, django_capture_on_commit_callbacks: Any
) -> None:
    body = {
        "number": "30/2024/QĐ-UBND", "type": "Quyết định", "issuer": "UBND-AG", "issued_on": "2024-06-10",
        "effective_from": "2024-06-10", "title": "Về việc đính chính Quyết định số 20/2024/QĐ-UBND",
        "text": CORRECTING_TEXT,
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        created = officer_api.post("/api/v1/documents/", body, format="json")
    assert created.status_code == 201, created.json()
    listed = officer_api.get("/api/v1/operations/", {"source": created.json()["id"]}).json()["results"]
    assert [(row["kind"], row["state"], row["applies_on"], row["scope_eids"]) for row in listed] == [
        ("correct_words", "proposed", "2024-03-15", ["dieu-2/khoan-2"])
    ]
    (op,) = Operation.objects.filter(source_id=created.json()["id"])
    assert (op.old_words, op.new_words) == ("Phí được thu hằng tháng.", "Phí được thu hằng quý.")
    with django_capture_on_commit_callbacks(execute=True):
        confirm(officer_api, op)

    # On a date before the correcting decision was issued (10/06/2024), the text already reads as corrected.
    answer = text_on(anon, base, "2024-03-20")
    clause = node(answer["version"]["tree"], "dieu-2/khoan-2")
    assert clause["text"] == "Phí được thu hằng quý."
    (note,) = clause["notes"]
    assert (note["kind"], note["applies_on"], note["source"]) == ("correct_words", "2024-03-15", str(op.source_id))
    assert answer["version"]["sources"][str(op.source_id)]["issued_on"] == "2024-06-10"
    assert answer["version"]["valid_from"] == "2024-03-15"  # no version of its own: it is the document's text

    relation = Relation.objects.get(source_id=op.source_id, target=base)
    assert (relation.kind, relation.derived, relation.effective_on) == ("corrects", True, dt.date(2024, 3, 15))
    assert relation.provisions == ["Khoản 2 Điều 2"]
    base.refresh_from_db()
    assert base.status == "in_force"  # a correction is a note: no status changes

    docx = anon.get(f"/api/v1/documents/{base.pk}/text/", {"on": "2024-03-20", "format": "docx"})
    assert docx.status_code == 200
    (footnote,) = read_footnotes(docx.content).values()
    assert footnote.startswith(
        "Cụm từ “Phí được thu hằng tháng.” được đính chính thành “Phí được thu hằng quý.” theo quy định tại khoản 1 "
        "Điều 1 của Quyết định số 30/2024/QĐ-UBND ngày 10 tháng 6 năm 2024"
    )
    assert footnote.endswith("áp dụng kể từ ngày 15 tháng 3 năm 2024 là ngày có hiệu lực của văn bản được đính chính.")


def test_a_correction_of_an_amending_act_reaches_the_text_it_amends(
    base: Document, officer_api: APIClient, anon: APIClient, django_capture_on_commit_callbacks: Any
) -> None:
    amending = f.document("15/2025/QĐ-UBND", issued="2025-07-10", effective="2025-07-20", text=AMENDING_TEXT)
    services.propose_for([amending.pk])
    (replace,) = Operation.objects.filter(source=amending, state="proposed")
    confirm(officer_api, replace)
    before = text_on(anon, base, "2025-07-20")["version"]
    assert node(before["tree"], "dieu-2/khoan-1")["text"] == "Mức phí do Ủy ban nhân dân tỉnh quy định."
    assert TextBuild.objects.filter(pk=base.pk).exists()

    correcting = f.document(
        "31/2025/QĐ-UBND", issued="2025-08-05", effective="2025-08-05", text=CORRECTING_THE_AMENDMENT
    )
    services.propose_for([correcting.pk])
    (correction,) = Operation.objects.filter(source=correcting)
    assert (correction.state, correction.target_id, correction.applies_on) == (
        "proposed", amending.pk, dt.date(2025, 7, 20)
    )  # fmt: skip
    assert correction.scope_eids == ["dieu-1/khoan-1"]
    with django_capture_on_commit_callbacks(execute=True):
        confirm(officer_api, correction)
    # Confirming forgot the text of the document the corrected act amends, not only the act's own.
    assert not TextBuild.objects.filter(pk=base.pk).exists()

    after = text_on(anon, base, "2025-07-20")["version"]
    clause = node(after["tree"], "dieu-2/khoan-1")
    assert clause["text"] == "Mức phí do Chủ tịch Ủy ban nhân dân tỉnh quy định."
    (note,) = clause["notes"]
    assert (note["source"], note["corrected_by"]) == (str(amending.pk), [str(correcting.pk)])
    earlier = text_on(anon, base, "2025-07-19")["version"]
    assert node(earlier["tree"], "dieu-2/khoan-1")["text"] == "Mức phí do Ủy ban nhân dân cấp huyện quy định."
    docx = anon.get(f"/api/v1/documents/{base.pk}/text/", {"on": "2025-07-20", "format": "docx"})
    (footnote,) = read_footnotes(docx.content).values()
    assert "(đã được đính chính theo Quyết định số 31/2025/QĐ-UBND ngày 05 tháng 8 năm 2025" in footnote
    # The corrected act's own text reads as corrected too, and the correction is a `corrects` relation on it.
    own = text_on(anon, amending, "2025-07-20")["version"]
    assert "Chủ tịch Ủy ban nhân dân tỉnh" in node(own["tree"], "dieu-1/khoan-1")["text"]
    assert Relation.objects.filter(source=correcting, target=amending, kind="corrects", derived=True).exists()

    # The correcting act's own change (deleted, unpublished, edited) reaches the base through the act it corrects.
    text_on(anon, base, "2025-07-20")
    assert base.pk in texts.forget([correcting.pk])
    assert not TextBuild.objects.filter(pk=base.pk).exists()


def test_a_correcting_letter_without_articles_finds_the_document_it_corrects(base: Document) -> None:
    letter = f.document(
        "45/UBND-NC", issued="2024-06-12", effective="2024-06-12",
        text="ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 45/UBND-NC\nV/v đính chính văn bản\n"
        "Do sơ suất trong khâu đánh máy, Ủy ban nhân dân tỉnh xin đính chính sai sót tại Quyết định số "
        "20/2024/QĐ-UBND ngày 01 tháng 3 năm 2024 như sau:\n"
        "Tại khoản 1 Điều 2, viết là:\n“Mức phí do Ủy ban nhân dân cấp huyện quy định.”\n"
        "Nay xin sửa lại là:\n“Mức phí do Ủy ban nhân dân cấp xã quy định.”\nTM. ỦY BAN NHÂN DÂN\n",
    )  # fmt: skip
    services.propose_for([letter.pk])
    (op,) = Operation.objects.filter(source=letter)
    assert (op.kind, op.state, op.target_id, op.applies_on) == (
        "correct_words",
        "proposed",
        base.pk,
        dt.date(2024, 3, 15),
    )
    assert op.scope_eids == ["dieu-2/khoan-1"]
    # Reading it again keeps what is there, whatever was decided.
    services.propose_for([letter.pk])
    assert Operation.objects.filter(source=letter).count() == 1
