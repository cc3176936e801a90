"""The text on a date, its versions and a comparison, through the API, from confirmed operations."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.audit.models import AuditEntry
from backend.catalogue import services as catalogue
from backend.catalogue.models import Document, Relation
from backend.consolidation import services
from backend.consolidation.models import Operation, TextBuild
from legal import operations as legal_ops
from tests.catalogue import factories as f
from tests.consolidation.documents import BASE_TEXT, node

pytestmark = pytest.mark.django_db
ACTOR = "tests"
AMENDED_ON = dt.date(2025, 7, 20)


def text(client: APIClient, doc: Document, on: str = "") -> Any:
    answer = client.get(f"/api/v1/documents/{doc.pk}/text/", {"on": on} if on else {})
    assert answer.status_code == 200, answer.content
    return answer.json()


@pytest.fixture
def amended() -> tuple[Document, Document]:
    base = f.document("20/2024/QĐ-UBND", issued="2024-03-01", effective="2024-03-15", text=BASE_TEXT)
    amending = f.document("15/2025/QĐ-UBND", issued="2025-07-10", effective="2025-07-20")
    read = [
        legal_ops.Operation(
            kind="replace", target_eid="dieu-2/khoan-1", applies_on=AMENDED_ON, source="s", seq=1, target="b",
            source_eid="dieu-1/khoan-1", instruction="1. Sửa đổi khoản 1 Điều 2 như sau:",
            new_text="1. Mức phí do Ủy ban nhân dân tỉnh quy định.",
        ),
        legal_ops.Operation(
            kind="repeal", target_eid="dieu-2/khoan-2", applies_on=AMENDED_ON, source="s", seq=2, target="b",
            source_eid="dieu-1/khoan-2", instruction="2. Bãi bỏ khoản 2 Điều 2.",
        ),
    ]  # fmt: skip
    for op in services.operations_store_proposal(actor=ACTOR, source=amending, proposal=read, targets={"b": base}):
        services.operation_confirm(actor=ACTOR, operation=op, expected_version=op.version)
    return base, amending


def test_the_text_before_and_after_the_amendment(amended: tuple[Document, Document], anon: APIClient) -> None:
    base, amending = amended
    before = text(anon, base, "2025-07-19")["version"]
    assert node(before["tree"], "dieu-2/khoan-1")["text"] == "Mức phí do Ủy ban nhân dân cấp huyện quy định."
    clause = node(before["tree"], "dieu-2/khoan-1")
    assert [n["applies_on"] for n in clause["future"]] == ["2025-07-20"]
    after = text(anon, base, "2025-07-20")["version"]
    clause = node(after["tree"], "dieu-2/khoan-1")
    assert clause["text"] == "Mức phí do Ủy ban nhân dân tỉnh quy định."
    (note,) = clause["notes"]
    assert (note["source"], note["applies_on"], note["source_eid"]) == (
        str(amending.pk),
        "2025-07-20",
        "dieu-1/khoan-1",
    )
    assert after["sources"][str(amending.pk)]["number"] == "15/2025/QĐ-UBND"
    repealed = node(after["tree"], "dieu-2/khoan-2")
    assert (repealed["status"], repealed["text"]) == ("repealed", "")


def test_no_text_was_in_force_before_the_document(amended: tuple[Document, Document], anon: APIClient) -> None:
    base, _ = amended
    assert text(anon, base, "2024-03-14")["version"] is None
    assert text(anon, base, "2024-03-15")["version"]["valid_from"] == "2024-03-15"


def test_the_versions_list_and_the_text_agree(amended: tuple[Document, Document], anon: APIClient) -> None:
    base, _ = amended
    answer = anon.get(f"/api/v1/documents/{base.pk}/versions/").json()
    starts = [(v["valid_from"], v["valid_until"]) for v in answer["versions"]]
    assert starts == [("2024-03-15", "2025-07-20"), ("2025-07-20", None)]
    assert [len(v["changes"]) for v in answer["versions"]] == [0, 2]
    for start, _until in starts:
        assert text(anon, base, start)["version"]["valid_from"] == start
    assert answer["held"] == []


def test_compare_names_the_changed_provisions(amended: tuple[Document, Document], anon: APIClient) -> None:
    base, _ = amended
    answer = anon.get(f"/api/v1/documents/{base.pk}/text/", {"compare": "2025-01-01,2025-08-01"}).json()
    changes = {c["eid"]: c["changes"] for c in answer["changes"]}
    assert changes == {"dieu-2/khoan-1": ["reworded"], "dieu-2/khoan-2": ["repealed"]}
    reworded = next(c for c in answer["changes"] if c["eid"] == "dieu-2/khoan-1")
    assert {"op": "delete", "text": "cấp huyện "} in reworded["text"]
    assert {"op": "insert", "text": "tỉnh "} in reworded["text"]


def test_rejecting_the_operation_gives_back_the_original_text(
    amended: tuple[Document, Document], anon: APIClient
) -> None:
    base, amending = amended
    assert text(anon, base, "2025-08-01")["version"]["valid_from"] == "2025-07-20"
    for op in Operation.objects.filter(source=amending):
        services.operation_reject(actor=ACTOR, operation=op, expected_version=op.version)
    after = text(anon, base, "2025-08-01")["version"]
    assert after["valid_from"] == "2024-03-15"
    assert node(after["tree"], "dieu-2/khoan-2")["status"] == "in_force"


def test_editing_the_base_text_forgets_its_stored_versions(
    amended: tuple[Document, Document], anon: APIClient, django_capture_on_commit_callbacks: Any
) -> None:
    base, _ = amended
    text(anon, base, "2025-08-01")
    first_built = TextBuild.objects.get(pk=base.pk).built_at
    base.refresh_from_db()
    data = catalogue.DocumentInput(
        number=base.number, doc_type=base.doc_type, issuer=base.issuer, title=base.title, issued_on=base.issued_on,
        effective_from=base.effective_from, text=BASE_TEXT.replace("hằng tháng", "hằng quý"),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):  # the outbox tells the consumer after commit
        catalogue.document_update(actor=ACTOR, document=base, data=data, expected_version=base.version)
    # Forgotten; the search index, told of the edit too, may have built it again from the edited text since.
    again = TextBuild.objects.filter(pk=base.pk).values_list("built_at", flat=True).first()
    assert again is None or again > first_built
    before = text(anon, base, "2025-01-01")["version"]
    assert node(before["tree"], "dieu-2/khoan-2")["text"] == "Phí được thu hằng quý."


def test_a_draft_s_text_is_for_staff_only(reviewer_api: APIClient, anon: APIClient) -> None:
    draft = f.document("30/2025/QĐ-UBND", published=False, text=BASE_TEXT)
    assert anon.get(f"/api/v1/documents/{draft.pk}/text/").status_code == 404
    assert anon.get(f"/api/v1/documents/{draft.pk}/versions/").status_code == 404
    assert reviewer_api.get(f"/api/v1/documents/{draft.pk}/text/").status_code == 200


@pytest.mark.parametrize(
    ("params", "field"),
    [({"on": "2025-02-30"}, "on"), ({"compare": "2025-01-01"}, "compare"), ({"compare": "x,2025-01-01"}, "compare")],
)
def test_bad_dates_are_a_400_naming_the_parameter(
    amended: tuple[Document, Document], anon: APIClient, params: dict[str, str], field: str
) -> None:
    base, _ = amended
    answer = anon.get(f"/api/v1/documents/{base.pk}/text/", params)
    assert answer.status_code == 400
    assert field in answer.json()["errors"]


def test_an_unknown_document_is_a_404(anon: APIClient) -> None:
    assert anon.get("/api/v1/documents/999999/text/").status_code == 404


def test_what_the_applier_held_back_is_worded_for_staff(
    amended: tuple[Document, Document], reviewer_api: APIClient, anon: APIClient
) -> None:
    """A confirmed change to a provision the document does not have is held, with the reason's one wording."""
    base, amending = amended
    missing = services.operation_add(
        actor=ACTOR,
        source=amending,
        data=services.OperationInput(target=base, kind="repeal", target_eid="dieu-9", applies_on=AMENDED_ON),
    )
    services.operation_confirm(actor=ACTOR, operation=missing, expected_version=missing.version)
    held = reviewer_api.get(f"/api/v1/documents/{base.pk}/versions/").json()["held"]
    assert [(h["operation"]["target_eid"], h["reasons"]) for h in held] == [
        ("dieu-9", [{"code": "target_missing", "message": legal_ops.reason_text("target_missing", "vi")}])
    ]
    assert (held[0]["operation"]["kind"], held[0]["operation"]["target_label"]) == ("repeal", "Điều 9")
    english = reviewer_api.get(f"/api/v1/documents/{base.pk}/versions/?lang=en").json()["held"]
    assert english[0]["reasons"][0]["message"] == legal_ops.reason_text("target_missing", "en")
    assert anon.get(f"/api/v1/documents/{base.pk}/versions/").json()["held"] == []


def test_an_unknown_format_is_refused_before_anything_is_built(
    amended: tuple[Document, Document], anon: APIClient
) -> None:
    base, _ = amended
    TextBuild.objects.all().delete()
    answer = anon.get(f"/api/v1/documents/{base.pk}/text/", {"format": "pdf"})
    assert answer.status_code == 400 and answer.json()["code"] == "invalid_format"
    assert not TextBuild.objects.exists()


def test_deleting_the_amending_act_takes_its_changes_out_of_the_text(
    amended: tuple[Document, Document], anon: APIClient, django_capture_on_commit_callbacks: Any
) -> None:
    base, amending = amended
    assert node(text(anon, base, "2025-08-01")["version"]["tree"], "dieu-2/khoan-2")["status"] == "repealed"
    amending.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        catalogue.document_delete(actor=ACTOR, document=amending, expected_version=amending.version)
    after = text(anon, base, "2025-08-01")["version"]
    assert node(after["tree"], "dieu-2/khoan-2")["status"] == "in_force"
    assert after["valid_from"] == "2024-03-15"
    removed = AuditEntry.objects.filter(object_type="consolidation.operation", action="delete")
    assert removed.count() == 2


def test_publishing_a_draft_amending_act_applies_its_confirmed_operations(
    anon: APIClient, django_capture_on_commit_callbacks: Any
) -> None:
    base = f.document("21/2024/QĐ-UBND", issued="2024-03-01", effective="2024-03-15", text=BASE_TEXT)
    draft = f.document("16/2025/QĐ-UBND", issued="2025-07-10", effective="2025-07-20", published=False)
    read = [legal_ops.Operation(kind="repeal", target_eid="dieu-2/khoan-2", applies_on=AMENDED_ON, source="s",
                                seq=1, target="b")]  # fmt: skip
    (op,) = services.operations_store_proposal(actor=ACTOR, source=draft, proposal=read, targets={"b": base})
    services.operation_confirm(actor=ACTOR, operation=op, expected_version=op.version)
    assert not Relation.objects.filter(source=draft).exists()  # a draft changes nothing
    assert node(text(anon, base, "2025-08-01")["version"]["tree"], "dieu-2/khoan-2")["status"] == "in_force"
    draft.refresh_from_db()
    data = catalogue.DocumentInput(
        number=draft.number, doc_type=draft.doc_type, issuer=draft.issuer, title=draft.title,
        issued_on=draft.issued_on, effective_from=draft.effective_from, published=True,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        catalogue.document_update(actor=ACTOR, document=draft, data=data, expected_version=draft.version)
    assert Relation.objects.filter(source=draft, derived=True).values_list("kind", flat=True).get() == "repeals"
    assert node(text(anon, base, "2025-08-01")["version"]["tree"], "dieu-2/khoan-2")["status"] == "repealed"
