"""An amending decision's instructions read into operations when it is catalogued (decision 0018 §2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.consolidation import services
from backend.consolidation.models import Operation
from tests.catalogue import factories as f
from tests.consolidation.documents import BASE_TEXT

pytestmark = pytest.mark.django_db
AMENDING_TEXT = """ỦY BAN NHÂN DÂN TỈNH AN GIANG
QUYẾT ĐỊNH
Sửa đổi, bổ sung một số điều của Quyết định số 20/2024/QĐ-UBND

Điều 1. Sửa đổi, bổ sung một số điều của Quyết định số 20/2024/QĐ-UBND ngày 01 tháng 3 năm 2024
1. Sửa đổi, bổ sung khoản 1 Điều 2 như sau:
“1. Mức phí do Ủy ban nhân dân tỉnh quy định.”.
2. Bãi bỏ khoản 2 Điều 2.
3. Sửa đổi các nội dung khác cho phù hợp.
Điều 2. Hiệu lực thi hành
Quyết định này có hiệu lực kể từ ngày 20 tháng 7 năm 2025./.
"""


@pytest.fixture
def base() -> Any:
    return f.document("20/2024/QĐ-UBND", issued="2024-03-01", effective="2024-03-15", text=BASE_TEXT)


def test_instructions_are_read_against_the_document_they_name(base: Any) -> None:
    amending = f.document(
        "15/2025/QĐ-UBND", issued="2025-07-10", effective="2025-07-20", text=AMENDING_TEXT,
        title="Sửa đổi, bổ sung một số điều của Quyết định số 20/2024/QĐ-UBND",
    )  # fmt: skip
    services.propose_for([amending.pk])
    ops = list(Operation.objects.filter(source=amending).order_by("seq"))
    assert [(op.kind, op.target_eid, op.state, op.target_id) for op in ops[:2]] == [
        ("replace", "dieu-2/khoan-1", "proposed", base.pk),
        ("repeal", "dieu-2/khoan-2", "proposed", base.pk),
    ]
    assert ops[0].new_text == "1. Mức phí do Ủy ban nhân dân tỉnh quy định."
    assert ops[0].applies_on == dt.date(2025, 7, 20)
    assert ops[0].source_eid == "dieu-1/khoan-1"
    # "Sửa đổi các nội dung khác" names nothing: listed for an officer, with the sentence, never dropped.
    listed = [op for op in ops if op.state == "listed"]
    assert [op.instruction for op in listed] == ["3. Sửa đổi các nội dung khác cho phù hợp."]
    assert listed[0].reasons


def test_reading_again_stores_nothing_new(base: Any) -> None:
    amending = f.document("15/2025/QĐ-UBND", issued="2025-07-10", effective="2025-07-20", text=AMENDING_TEXT)
    services.propose_for([amending.pk])
    first = list(Operation.objects.filter(source=amending).values_list("seq", "kind", "target_eid", "state"))
    services.propose_for([amending.pk])
    again = list(Operation.objects.filter(source=amending).values_list("seq", "kind", "target_eid", "state"))
    assert [row[1:] for row in again] == [row[1:] for row in first]


def test_a_document_without_instructions_gets_no_operations(base: Any) -> None:
    assert services.propose_for([base.pk]) == 0
    assert not Operation.objects.exists()


def test_cataloguing_an_amending_document_proposes_its_operations(
    base: Any, officer_api: APIClient, django_capture_on_commit_callbacks: Any
) -> None:
    """Through the API and the outbox: the task runs in-process (tasks are eager in tests)."""
    body = {
        "number": "15/2025/QĐ-UBND", "type": "Quyết định", "issuer": "UBND-AG", "issued_on": "2025-07-10",
        "effective_from": "2025-07-20", "title": "Sửa đổi Quyết định số 20/2024/QĐ-UBND", "text": AMENDING_TEXT,
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        answer = officer_api.post("/api/v1/documents/", body, format="json")
    assert answer.status_code == 201, answer.json()
    listed = officer_api.get("/api/v1/operations/", {"source": answer.json()["id"]}).json()
    assert [row["state"] for row in listed["results"]] == ["proposed", "proposed", "listed"]
