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


def test_moving_the_acts_effective_date_moves_its_confirmed_changes_but_not_an_officers_date(
    base: Any, officer_api: APIClient, django_capture_on_commit_callbacks: Any
) -> None:
    """Edited through the API, as an officer who mistyped the effective date fixes it: the confirmed operations
    read from the act follow the act, the relations they derive follow them, and a date the officer gave stays."""
    body = {
        "number": "15/2025/QĐ-UBND", "type": "Quyết định", "issuer": "UBND-AG", "issued_on": "2025-07-10",
        "effective_from": "2025-07-20", "title": "Sửa đổi Quyết định số 20/2024/QĐ-UBND", "text": AMENDING_TEXT,
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        created = officer_api.post("/api/v1/documents/", body, format="json").json()
    replace, repeal = Operation.objects.filter(source_id=created["id"], state="proposed").order_by("seq")
    for op in (replace, repeal):
        confirmed = officer_api.post(f"/api/v1/operations/{op.pk}/confirm/", HTTP_IF_MATCH=f'"{op.version}"')
        assert confirmed.status_code == 200, confirmed.json()
    repeal.refresh_from_db()
    corrected = {"target": base.pk, "kind": "repeal", "target_eid": "dieu-2/khoan-2", "applies_on": "2025-09-01"}
    answer = officer_api.patch(
        f"/api/v1/operations/{repeal.pk}/", corrected, format="json", HTTP_IF_MATCH=f'"{repeal.version}"'
    )
    assert answer.status_code == 200, answer.json()

    with django_capture_on_commit_callbacks(execute=True):
        answer = officer_api.patch(
            f"/api/v1/documents/{created['id']}/", {"effective_from": "2025-08-01"}, format="json",
            HTTP_IF_MATCH=f'"{created["version"]}"',
        )  # fmt: skip
    assert answer.status_code == 200, answer.json()
    replace.refresh_from_db()
    repeal.refresh_from_db()
    assert (replace.state, replace.applies_on) == ("confirmed", dt.date(2025, 8, 1))
    assert (repeal.state, repeal.applies_on) == ("confirmed", dt.date(2025, 9, 1))
    relations = {r.kind: r.effective_on for r in base.incoming.filter(derived=True)}
    assert relations == {"amends": dt.date(2025, 8, 1), "repeals": dt.date(2025, 9, 1)}
    # Audited as the reader's edit, beside the officer's.
    from backend.audit.models import AuditEntry

    assert AuditEntry.objects.filter(object_id=str(replace.pk), action="update").exists()


def test_an_officers_suspension_end_is_the_officers_date(base: Any) -> None:
    """Correcting only when a suspension ends is giving a date too: reading the act again must not undo it."""
    amending = f.document("15/2025/QĐ-UBND", issued="2025-07-10", effective="2025-07-20", text=AMENDING_TEXT)
    services.propose_for([amending.pk])
    op = Operation.objects.filter(source=amending, kind="repeal").get()
    assert not op.dated_by_officer
    data = services.OperationInput(
        target=base, kind="suspend", target_eid=op.target_eid, applies_on=op.applies_on, ends_on=dt.date(2025, 12, 31)
    )
    corrected = services.operation_correct(actor=None, operation=op, data=data, expected_version=op.version)
    assert corrected.dated_by_officer
