"""The operations API as the web app uses it: who reads what, an officer's confirm/correct/add, bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from backend.catalogue.models import Document, Relation
from backend.consolidation import services
from backend.consolidation.models import Operation
from legal import operations as legal_ops
from tests.catalogue import factories as f

pytestmark = pytest.mark.django_db
ON = dt.date(2025, 7, 20)
URL = "/api/v1/operations/"


@pytest.fixture
def ops() -> list[Operation]:
    base = f.document("20/2024/QĐ-UBND", issued="2024-03-01", effective="2024-03-15")
    amending = f.document("15/2025/QĐ-UBND", issued="2025-07-10", effective="2025-07-20")
    proposal = [
        legal_ops.Operation(kind="repeal", target_eid="dieu-3", applies_on=ON, source="s", seq=1, target="b"),
        legal_ops.Operation(
            kind="unknown", target_eid="", applies_on=ON, source="s", seq=2, target="b", state="listed",
            reasons=("unknown_form",), instruction="Sửa đổi một số nội dung như sau:",
        ),
    ]  # fmt: skip
    stored = services.operations_store_proposal(actor="tests", source=amending, proposal=proposal, targets={"b": base})
    return stored


def test_staff_see_every_operation_and_the_public_only_confirmed_ones(
    ops: list[Operation], reviewer_api: APIClient, anon: APIClient
) -> None:
    assert reviewer_api.get(URL).json()["count"] == 2
    assert anon.get(URL).json()["count"] == 0
    services.operation_confirm(actor="tests", operation=ops[0], expected_version=ops[0].version)
    body = anon.get(URL).json()
    assert [row["target_eid"] for row in body["results"]] == ["dieu-3"]


def test_a_listed_operation_says_why_in_the_reader_s_language(ops: list[Operation], reviewer_api: APIClient) -> None:
    listed = reviewer_api.get(f"{URL}{ops[1].pk}/").json()
    assert listed["state"] == "listed"
    assert listed["reasons"] == [{"code": "unknown_form", "message": "Không nhận ra dạng câu sửa đổi, bổ sung."}]
    english = reviewer_api.get(f"{URL}{ops[1].pk}/?lang=en").json()
    assert english["reasons"][0]["message"] == "The instruction is not in a form the reader knows."


def test_an_officer_corrects_then_confirms_a_listed_operation(ops: list[Operation], officer_api: APIClient) -> None:
    listed = ops[1]
    corrected = officer_api.patch(
        f"{URL}{listed.pk}/",
        {"kind": "replace", "target_eid": "dieu-5/khoan-2", "new_text": "2. Nội dung mới."},
        format="json",
        HTTP_IF_MATCH=f'"{listed.version}"',
    )
    assert corrected.status_code == 200, corrected.json()
    assert corrected.json()["state"] == "proposed"
    confirmed = officer_api.post(f"{URL}{listed.pk}/confirm/", HTTP_IF_MATCH=corrected["ETag"])
    assert confirmed.status_code == 200
    assert confirmed.json()["state"] == "confirmed"
    relation = Relation.objects.get(source=listed.source)
    assert (relation.kind, relation.provisions, relation.derived) == ("amends", ["Khoản 2 Điều 5"], True)


def test_confirming_without_the_version_read_is_refused(ops: list[Operation], officer_api: APIClient) -> None:
    assert officer_api.post(f"{URL}{ops[0].pk}/confirm/").status_code == 428
    assert officer_api.post(f"{URL}{ops[0].pk}/confirm/", HTTP_IF_MATCH='"9"').status_code == 412
    assert Operation.objects.get(pk=ops[0].pk).state == "proposed"


def test_a_reviewer_reads_but_does_not_decide(ops: list[Operation], reviewer_api: APIClient) -> None:
    answer = reviewer_api.post(f"{URL}{ops[0].pk}/confirm/", HTTP_IF_MATCH=f'"{ops[0].version}"')
    assert answer.status_code == 403


def test_an_officer_adds_what_the_reader_missed(ops: list[Operation], officer_api: APIClient) -> None:
    source, target = ops[0].source, ops[0].target
    assert isinstance(target, Document)
    data = {
        "source": source.pk,
        "target": target.pk,
        "kind": "insert_after",
        "target_eid": "dieu-15a",
        "anchor_eid": "dieu-15",
        "new_text": "Điều 15a. Điều mới\nNội dung.",
        "applies_on": "2025-07-20",
    }
    answer = officer_api.post(URL, data, format="json")
    assert answer.status_code == 201, answer.json()
    assert answer.json()["origin"] == "officer" and answer.json()["seq"] == 3


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "explode"}, "kind"),
        ({"target_eid": "Điều 5"}, "target_eid"),
        ({"source": None}, "source"),
        ({"applies_on": "2025-13-01"}, "applies_on"),
        ({"scope_eids": "dieu-1"}, "scope_eids"),
        ({"precedence": 10**9}, "precedence"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(
    ops: list[Operation], officer_api: APIClient, data: dict, field: str
) -> None:
    base = {"source": ops[0].source_id, "target": ops[0].target_id, "kind": "repeal", "target_eid": "dieu-1"}
    answer = officer_api.post(URL, {**base, **data}, format="json")
    assert answer.status_code == 400
    assert field in answer.json()["errors"], answer.json()
    assert Operation.objects.count() == 2


def test_a_words_change_names_its_provisions_as_people_do(ops: list[Operation], officer_api: APIClient) -> None:
    """The web app words "Thay cụm từ “X” bằng “Y” tại Khoản 1 Điều 3" from these labels, not from the eIds."""
    data = {
        "source": ops[0].source.pk,
        "target": ops[0].target_id,
        "kind": "substitute_words",
        "old_words": "Sở Lao động - Thương binh và Xã hội",
        "new_words": "Sở Nội vụ",
        "scope_eids": ["dieu-3/khoan-1", "quy-dinh/dieu-4"],
        "applies_on": "2025-07-20",
    }
    answer = officer_api.post(URL, data, format="json").json()
    assert answer["scope_labels"] == ["Khoản 1 Điều 3", "Điều 4 (Quy định)"]
    assert answer["decided_by"] is None and answer["except_words"] == []


def test_who_decided_is_told_to_staff_only(ops: list[Operation], officer_api: APIClient, anon: APIClient) -> None:
    op = ops[0]
    officer_api.post(f"{URL}{op.pk}/confirm/", HTTP_IF_MATCH=f'"{op.version}"')
    staff = officer_api.get(f"{URL}{op.pk}/").json()["decided_by"]
    assert staff  # the officer's name
    assert anon.get(f"{URL}{op.pk}/").json()["decided_by"] is None
    assert anon.get(URL).json()["results"][0]["decided_by"] is None


@pytest.mark.parametrize("body", [[], "x", 1])
def test_a_correction_that_is_not_an_object_is_a_400(
    ops: list[Operation], officer_api: APIClient, body: object
) -> None:
    op = ops[0]
    answer = officer_api.patch(f"{URL}{op.pk}/", body, format="json", HTTP_IF_MATCH=f'"{op.version}"')
    assert answer.status_code == 400


def test_a_draft_named_in_a_filter_answers_as_an_unknown_document(
    ops: list[Operation], anon: APIClient, reviewer_api: APIClient
) -> None:
    draft = f.document("40/2025/QĐ-UBND", published=False)
    assert anon.get(URL, {"source": draft.pk}).status_code == 400
    assert anon.get(URL, {"source": 999_999}).status_code == 400
    assert reviewer_api.get(URL, {"source": draft.pk}).status_code == 200
    assert anon.get(URL, {"source": ops[0].source_id}).status_code == 200
