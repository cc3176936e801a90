"""Issue #14 §2: the officer sees the operations read from an uploaded amending act with the upload proposal and
confirms them with the save, through the real upload endpoints: a generated base decision is catalogued from its
.docx, then the decision amending it is uploaded."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from backend.accounts import permissions
from backend.accounts.roles import Role
from backend.audit.models import AuditEntry
from backend.catalogue.models import Document, Relation
from backend.consolidation import services
from backend.consolidation.models import Operation
from legal import operations as legal_ops
from tests.catalogue import factories as f
from tests.catalogue.decision_files import Decision, decision_docx
from tests.consolidation.documents import node

pytestmark = pytest.mark.django_db

EXTRACT = "/api/v1/documents/extract/"
FROM_FILE = "/api/v1/documents/from-file/"
BASE_NUMBER = "20/2024/QĐ-UBND"
AMENDING_NUMBER = "15/2025/QĐ-UBND"

BASE = Decision(
    number=BASE_NUMBER,
    issued_on=dt.date(2024, 3, 1),
    title_lines=("Ban hành Quy định về quản lý chợ trên địa bàn tỉnh",),
    bases=(),
    articles=(
        ("Điều 1. Phạm vi điều chỉnh", ("Quyết định này quy định về quản lý chợ trên địa bàn tỉnh.",)),
        ("Điều 2. Phí chợ", ("1. Mức phí do Ủy ban nhân dân cấp huyện quy định.", "2. Phí được thu hằng tháng.")),
        ("Điều 3. Hiệu lực thi hành", ("Quyết định này có hiệu lực thi hành kể từ ngày 15 tháng 3 năm 2024./.",)),
    ),
)
AMENDING = Decision(
    number=AMENDING_NUMBER,
    issued_on=dt.date(2025, 7, 10),
    title_lines=(f"Sửa đổi, bổ sung một số điều của Quyết định số {BASE_NUMBER}",),
    bases=(),
    articles=(
        (
            f"Điều 1. Sửa đổi, bổ sung một số điều của Quyết định số {BASE_NUMBER} ngày 01 tháng 3 năm 2024",
            (
                "1. Sửa đổi, bổ sung khoản 1 Điều 2 như sau:",
                "“1. Mức phí do Ủy ban nhân dân tỉnh quy định.”.",
                "2. Bãi bỏ khoản 2 Điều 2.",
                "3. Sửa đổi các nội dung khác cho phù hợp.",
            ),
        ),
        ("Điều 2. Hiệu lực thi hành", ("Quyết định này có hiệu lực thi hành kể từ ngày 20 tháng 7 năm 2025./.",)),
    ),
)


@pytest.fixture(autouse=True)
def _media(tmp_path: Path, settings: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def extract(client: APIClient, decision: Decision) -> Any:
    answer = client.post(EXTRACT, {"file": SimpleUploadedFile("qd.docx", decision_docx(decision))})
    assert answer.status_code == 200, answer.content
    return answer.json()


def save(client: APIClient, decision: Decision, proposal: dict[str, Any], **extra: Any) -> Any:
    body = {
        "file": SimpleUploadedFile("qd.docx", decision_docx(decision)),
        "document": json.dumps({**proposal["document"], **extra.pop("document", {})}),
        **{name: value if isinstance(value, str) else json.dumps(value) for name, value in extra.items()},
    }
    return client.post(FROM_FILE, body)


@pytest.fixture
def base(officer_api: APIClient, django_capture_on_commit_callbacks: Any) -> Document:
    f.authority("UBND-AG", name="Ủy ban nhân dân tỉnh An Giang")
    with django_capture_on_commit_callbacks(execute=True):
        saved = save(officer_api, BASE, extract(officer_api, BASE))
    assert saved.status_code == 201, saved.content
    return Document.objects.get(pk=saved.json()["id"])


def keys(proposal: dict[str, Any], state: str = "proposed") -> list[dict[str, Any]]:
    return [op["key"] for op in proposal["operations"] if op["state"] == state]


def text_of(client: APIClient, document: Document, on: str, eid: str) -> str:
    tree = client.get(f"/api/v1/documents/{document.pk}/text/", {"on": on}).json()["version"]["tree"]
    unit = node(tree, eid)
    assert unit, eid
    return str(unit["text"])


def test_the_proposal_lists_the_operations_read_against_the_catalogue(officer_api: APIClient, base: Document) -> None:
    proposal = extract(officer_api, AMENDING)
    ops = proposal["operations"]
    assert [(op["kind"], op["target_eid"], op["target_label"], op["state"]) for op in ops[:2]] == [
        ("replace", "dieu-2/khoan-1", "Khoản 1 Điều 2", "proposed"),
        ("repeal", "dieu-2/khoan-2", "Khoản 2 Điều 2", "proposed"),
    ]
    assert all(op["target"]["id"] == base.pk for op in ops[:2])
    assert ops[0]["new_text"] == "1. Mức phí do Ủy ban nhân dân tỉnh quy định."
    assert ops[0]["applies_on"] == "2025-07-20"
    assert ops[0]["key"] == {"source_eid": "dieu-1/khoan-1", "kind": "replace", "target": base.pk,
                             "target_eid": "dieu-2/khoan-1", "old_words": ""}  # fmt: skip
    listed = [op for op in ops if op["state"] == "listed"]
    assert [op["instruction"] for op in listed] == ["3. Sửa đổi các nội dung khác cho phù hợp."]
    assert listed[0]["reasons"] and listed[0]["reasons"][0]["message"]
    assert not Operation.objects.exists(), "the proposal stores nothing"


def test_the_save_confirms_the_named_operations_in_its_transaction(
    officer_api: APIClient, anon: APIClient, base: Document, django_capture_on_commit_callbacks: Any
) -> None:
    proposal = extract(officer_api, AMENDING)
    named = keys(proposal)
    assert len(named) == 2
    audited_before = AuditEntry.objects.count()
    with django_capture_on_commit_callbacks(execute=True):  # and the reader's task after commit reads it again
        saved = save(officer_api, AMENDING, proposal, confirm_operations=named)
    assert saved.status_code == 201, saved.content
    assert (saved.json()["operations_read"], saved.json()["operations_confirmed"]) == (3, 2)
    amending = Document.objects.get(pk=saved.json()["id"])
    ops = list(Operation.objects.filter(source=amending).order_by("seq"))
    assert [(op.kind, op.target_eid, op.state) for op in ops] == [
        ("replace", "dieu-2/khoan-1", "confirmed"),
        ("repeal", "dieu-2/khoan-2", "confirmed"),
        ("replace", "", "listed"),
    ], "the task that read the act again after commit kept the decisions"
    assert all(op.decided_by is not None and op.decided_at is not None for op in ops[:2])
    confirmations = AuditEntry.objects.filter(pk__gt=0).order_by("pk")[audited_before:]
    confirmed_audits = [e for e in confirmations if e.after and e.after.get("state") == "confirmed" and e.before]
    assert {e.object_id for e in confirmed_audits} >= {str(ops[0].pk), str(ops[1].pk)}
    derived = Relation.objects.filter(source=amending, target=base, derived=True)
    day = dt.date(2025, 7, 20)
    assert {(r.kind, r.effective_on) for r in derived} == {("amends", day), ("repeals", day)}
    assert text_of(anon, base, "2025-07-20", "dieu-2/khoan-1").endswith("Mức phí do Ủy ban nhân dân tỉnh quy định.")
    assert text_of(anon, base, "2025-07-19", "dieu-2/khoan-1").endswith("Ủy ban nhân dân cấp huyện quy định.")


def test_a_save_naming_none_leaves_them_proposed(
    officer_api: APIClient, base: Document, django_capture_on_commit_callbacks: Any
) -> None:
    proposal = extract(officer_api, AMENDING)
    with django_capture_on_commit_callbacks() as after_commit:
        saved = save(officer_api, AMENDING, proposal)
    assert saved.status_code == 201, saved.content
    assert (saved.json()["operations_read"], saved.json()["operations_confirmed"]) == (3, 0)
    rows = Operation.objects.filter(source_id=saved.json()["id"])
    assert sorted(rows.values_list("state", flat=True)) == ["listed", "proposed", "proposed"]
    stored = sorted(rows.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        for callback in after_commit:
            callback()  # the reader's task reads the act again: the same reading leaves the rows as they are
    assert sorted(rows.values_list("pk", flat=True)) == stored
    assert not AuditEntry.objects.filter(action="delete").exists()
    assert not Relation.objects.filter(target=base, derived=True).exists()


def test_an_operation_no_longer_read_the_same_is_not_confirmed(
    officer_api: APIClient, base: Document, django_capture_on_commit_callbacks: Any
) -> None:
    """The catalogue changed between the proposal and the save (the amended decision was deleted): what was read
    against it is listed now, so nothing named is confirmed; a key naming no read operation confirms nothing."""
    proposal = extract(officer_api, AMENDING)
    named = [*keys(proposal), {**keys(proposal)[0], "target_eid": "dieu-9"}, {**keys(proposal)[0], "target": None}]
    gone = officer_api.delete(f"/api/v1/documents/{base.pk}/", HTTP_IF_MATCH=f'"{base.version}"')
    assert gone.status_code == 204, gone.content
    with django_capture_on_commit_callbacks(execute=True):
        saved = save(officer_api, AMENDING, proposal, confirm_operations=named)
    assert saved.status_code == 201, saved.content
    assert (saved.json()["operations_read"], saved.json()["operations_confirmed"]) == (3, 0)
    states = Operation.objects.filter(source_id=saved.json()["id"]).values_list("state", flat=True)
    assert set(states) == {"listed"}


def test_an_operation_read_on_the_date_the_form_gives_is_confirmed_with_that_date(
    officer_api: APIClient, base: Document
) -> None:
    """The officer corrected the effective date on the form: the operations are read on it (as the reader's task
    would after the save, and as a confirmed operation follows its act's date), so they apply from that date."""
    proposal = extract(officer_api, AMENDING)
    saved = save(officer_api, AMENDING, proposal, confirm_operations=keys(proposal),
                 document={"effective_from": "2025-08-01"})  # fmt: skip
    assert saved.status_code == 201, saved.content
    assert saved.json()["operations_confirmed"] == 2
    confirmed = Operation.objects.filter(source_id=saved.json()["id"], state="confirmed")
    assert {op.applies_on for op in confirmed} == {dt.date(2025, 8, 1)}


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ({"kind": "replace"}, "Cần một danh sách JSON"),
        ("not json", "Không phải JSON hợp lệ"),
        ([["dieu-1/khoan-1", "replace", 1, "dieu-2/khoan-1"]], "Mục [0] phải có đúng các trường"),
        ([{"source_eid": "dieu-1", "kind": "replace", "target": 1}], "Mục [0] phải có đúng các trường"),
        (
            [{"source_eid": "dieu-1", "kind": "explode", "target": 1, "target_eid": "", "old_words": ""}],
            "Mục [0] không hợp lệ",
        ),
        (
            [{"source_eid": "dieu-1", "kind": "replace", "target": "1", "target_eid": "", "old_words": ""}],
            "Mục [0] không hợp lệ",
        ),
        (
            [{"source_eid": 5, "kind": "replace", "target": 1, "target_eid": "", "old_words": ""}],
            "Mục [0] không hợp lệ",
        ),
        (
            [{"source_eid": "dieu-1", "kind": "replace", "target": 1, "target_eid": "", "old_words": 7}],
            "Mục [0] không hợp lệ",
        ),
    ],
)
def test_bad_shapes_are_refused_and_nothing_is_saved(
    officer_api: APIClient, base: Document, value: Any, fragment: str
) -> None:
    proposal = extract(officer_api, AMENDING)
    count = Document.objects.count()
    answer = save(officer_api, AMENDING, proposal, confirm_operations=value)
    assert answer.status_code == 400, answer.content
    messages = answer.json()["errors"]["confirm_operations"]
    assert fragment in messages[0] and " / " in messages[0], messages
    assert Document.objects.count() == count
    assert not Operation.objects.exists()


def test_who_may_upload_but_not_confirm_operations_is_refused_confirming(
    officer_api: APIClient, base: Document, monkeypatch: Any
) -> None:
    """Today the same role uploads and confirms; the save checks both capabilities, so a role given upload alone
    (as NEEDS may be changed) cannot confirm through it."""
    proposal = extract(officer_api, AMENDING)
    monkeypatch.setitem(permissions.NEEDS, permissions.Capability.DOCUMENTS_WRITE, Role.ADMIN)
    count = Document.objects.count()
    answer = save(officer_api, AMENDING, proposal, confirm_operations=keys(proposal))
    assert answer.status_code == 403, answer.content
    assert Document.objects.count() == count
    # Saving without confirming is still theirs to do: the operations stay proposed for the document's page.
    assert save(officer_api, AMENDING, proposal).status_code == 201


def test_a_reviewer_gets_neither_the_proposal_nor_its_operations(reviewer_api: APIClient, base: Document) -> None:
    answer = reviewer_api.post(EXTRACT, {"file": SimpleUploadedFile("qd.docx", decision_docx(AMENDING))})
    assert answer.status_code == 403


def test_a_file_without_instructions_has_no_operations(officer_api: APIClient, base: Document) -> None:
    proposal = extract(officer_api, dataclasses.replace(BASE, number="21/2024/QĐ-UBND"))
    assert proposal["operations"] == []


def test_two_corrections_of_a_letter_are_confirmed_one_by_one(base: Document) -> None:
    """A correcting letter without articles: its items share place (none), kind and provision; the words tell
    them apart, so the officer may confirm one and leave the other."""
    letter = f.document("16/2025/QĐ-UBND", issued="2025-07-10", effective="2025-07-10")
    items = [
        legal_ops.Operation(kind="correct_words", target_eid="", applies_on=dt.date(2024, 3, 15), source="x", seq=n,
                            target="base", old_words=old, new_words=new, scope_eids=("dieu-2/khoan-1",))
        for n, (old, new) in enumerate([("cấp huyện", "cấp tỉnh"), ("Mức phí", "Mức thu")], start=1)
    ]  # fmt: skip
    services.operations_store_proposal(actor="tests", source=letter, proposal=items, targets={"base": base})
    named = [
        services.operation_key(
            target_id=base.pk, kind="correct_words", target_eid="", source_eid="", old_words="cấp huyện"
        )
    ]
    services.operations_confirm_named(actor="tests", source=letter, named=named)
    ops = Operation.objects.filter(source=letter).order_by("seq")
    assert [(op.old_words, op.state) for op in ops] == [("cấp huyện", "confirmed"), ("Mức phí", "proposed")]
