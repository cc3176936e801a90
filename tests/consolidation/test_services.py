"""Operations stored, confirmed, corrected and rejected; the relations derived from them (decision 0018 §2)."""

from __future__ import annotations

import datetime as dt

import pytest

from backend.audit.models import AuditEntry
from backend.catalogue import services as catalogue
from backend.catalogue.models import Document, Relation
from backend.consolidation import services
from backend.consolidation.models import Operation
from backend.core.errors import ApplicationError
from legal import operations as legal_ops
from tests.catalogue import factories as f

pytestmark = pytest.mark.django_db
ACTOR = "tests"
ON = dt.date(2025, 7, 20)


@pytest.fixture
def pair() -> tuple[Document, Document]:
    base = f.document("20/2024/QĐ-UBND", issued="2024-03-01", effective="2024-03-15")
    amending = f.document("15/2025/QĐ-UBND", issued="2025-07-10", effective="2025-07-20")
    return amending, base


def read(kind: str, eid: str, seq: int, **extra: object) -> legal_ops.Operation:
    values: dict[str, object] = {"source": "x", "target": "base", "source_eid": f"dieu-1/khoan-{seq}"}
    values.update(extra)
    return legal_ops.Operation(kind=kind, target_eid=eid, applies_on=ON, seq=seq, **values)  # type: ignore[arg-type]


def store(amending: Document, base: Document, *ops: legal_ops.Operation) -> list[Operation]:
    return services.operations_store_proposal(actor=ACTOR, source=amending, proposal=ops, targets={"base": base})


def confirm(op: Operation) -> Operation:
    return services.operation_confirm(actor=ACTOR, operation=op, expected_version=op.version)


def test_confirming_derives_the_relations_and_the_status_follows(pair: tuple[Document, Document]) -> None:
    amending, base = pair
    replace, repeal = store(
        amending, base, read("replace", "dieu-5/khoan-2", 1, new_text="2. Nội dung mới."), read("repeal", "dieu-9", 2)
    )
    assert Relation.objects.filter(source=amending).count() == 0  # proposed changes nothing yet
    confirm(replace)
    confirm(repeal)
    rels = {r.kind: r for r in Relation.objects.filter(source=amending, target=base)}
    assert {k: (r.provisions, r.effective_on, r.derived) for k, r in rels.items()} == {
        "amends": (["Khoản 2 Điều 5"], ON, True),
        "repeals": (["Điều 9"], ON, True),
    }
    base.refresh_from_db()
    catalogue.refresh_status(base, on=dt.date(2025, 8, 1))
    base.refresh_from_db()
    assert base.status == "partially_expired"
    created = AuditEntry.objects.filter(object_type="catalogue.relation", action="create")
    assert created.count() == 2


def test_confirming_replaces_hand_entered_relations_of_the_pair(pair: tuple[Document, Document]) -> None:
    amending, base = pair
    hand = f.relate(amending, "amends", base, "2025-07-20", provisions=["Điều 2"])
    basis = f.relate(amending, "basis", base, "2025-07-20")
    (op,) = store(amending, base, read("repeal", "dieu-3", 1))
    confirm(op)
    assert not Relation.objects.filter(pk=hand.pk).exists()
    assert Relation.objects.filter(pk=basis.pk).exists()  # a legal basis is not something operations say
    assert list(Relation.objects.filter(source=amending, derived=True).values_list("kind", "provisions")) == [
        ("repeals", ["Điều 3"])
    ]


def test_a_hand_entered_correction_stays_until_the_operations_correct(pair: tuple[Document, Document]) -> None:
    """An act that amends and also corrects: the reader lists the correction, the officer entered it as a relation.
    Confirming the amendment must not delete that fact; a confirmed correction of the pair replaces it."""
    amending, base = pair
    hand = f.relate(amending, "corrects", base, "2025-07-20", provisions=["Điều 2"])
    repeal, correct = store(
        amending,
        base,
        read("repeal", "dieu-3", 1),
        read("correct_words", "", 2, old_words="cũ", new_words="mới", scope_eids=("dieu-2",)),
    )
    confirm(repeal)
    assert Relation.objects.filter(pk=hand.pk, derived=False).exists()
    confirm(correct)
    assert not Relation.objects.filter(pk=hand.pk).exists()
    assert sorted(Relation.objects.filter(source=amending).values_list("kind", "derived")) == [
        ("corrects", True),
        ("repeals", True),
    ]


def test_rejecting_a_confirmed_operation_removes_what_it_derived(pair: tuple[Document, Document]) -> None:
    amending, base = pair
    (op,) = store(amending, base, read("repeal", "dieu-3", 1))
    op = confirm(op)
    services.operation_reject(actor=ACTOR, operation=op, expected_version=op.version)
    assert not Relation.objects.filter(source=amending).exists()
    assert Operation.objects.get(pk=op.pk).state == "rejected"


def test_confirming_twice_changes_and_audits_nothing(pair: tuple[Document, Document]) -> None:
    amending, base = pair
    (op,) = store(amending, base, read("repeal", "dieu-3", 1))
    op = confirm(op)
    entries = AuditEntry.objects.count()
    again = services.operation_confirm(actor=ACTOR, operation=op, expected_version=op.version)
    assert again.version == op.version
    assert AuditEntry.objects.count() == entries
    assert services.derive_relations(actor=ACTOR, target=base) is False


def test_derived_relations_are_edited_only_through_operations(pair: tuple[Document, Document]) -> None:
    amending, base = pair
    (op,) = store(amending, base, read("repeal", "dieu-3", 1))
    confirm(op)
    rel = Relation.objects.get(source=amending)
    data = catalogue.RelationInput(source=amending, target=base, kind=catalogue.RelationKind.AMENDS, effective_on=ON)
    with pytest.raises(ApplicationError) as refused:
        catalogue.relation_update(actor=ACTOR, relation=rel, data=data, expected_version=rel.version)
    assert refused.value.code == "derived_relation" and refused.value.status == 409
    with pytest.raises(ApplicationError):
        catalogue.relation_delete(actor=ACTOR, relation=rel, expected_version=rel.version)
    with pytest.raises(ApplicationError):
        catalogue.relation_add(actor=ACTOR, data=data)
    assert Relation.objects.filter(source=amending).count() == 1


def test_a_listed_operation_cannot_be_confirmed_until_corrected(pair: tuple[Document, Document]) -> None:
    amending, base = pair
    (op,) = store(
        amending, base, read("unknown", "", 1, state="listed", reasons=("unknown_form",), instruction="Sửa … như sau")
    )
    assert (op.state, op.reasons) == ("listed", ["unknown_form"])
    with pytest.raises(ApplicationError) as refused:
        confirm(op)
    assert set(refused.value.extra["errors"]) == {"kind", "target_eid"}
    data = services.OperationInput(
        target=base, kind="replace", target_eid="dieu-4", applies_on=ON, new_text="Điều 4. Mới"
    )
    op = services.operation_correct(actor=ACTOR, operation=op, data=data, expected_version=op.version)
    assert (op.state, op.reasons, op.instruction) == ("proposed", [], "Sửa … như sau")
    op = confirm(op)
    assert Relation.objects.get(source=amending).provisions == ["Điều 4"]


def test_correcting_a_confirmed_operation_moves_its_relation(pair: tuple[Document, Document]) -> None:
    amending, base = pair
    (op,) = store(amending, base, read("repeal", "dieu-3", 1))
    op = confirm(op)
    data = services.OperationInput(target=base, kind="repeal", target_eid="dieu-7", applies_on=ON)
    services.operation_correct(actor=ACTOR, operation=op, data=data, expected_version=op.version)
    assert Relation.objects.get(source=amending).provisions == ["Điều 7"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "explode"}, "kind"),
        ({"target_eid": "dieu-05"}, "target_eid"),
        ({"anchor_eid": "khoan-2/dieu-5"}, "anchor_eid"),
        ({"scope_eids": ["dieu-1", "nonsense"]}, "scope_eids"),
        ({"ends_on": dt.date(2025, 1, 1)}, "ends_on"),
    ],
)
def test_bad_input_is_refused_field_by_field(pair: tuple[Document, Document], change: dict, field: str) -> None:
    amending, base = pair
    values = {"target": base, "kind": "repeal", "target_eid": "dieu-1", "applies_on": ON, **change}
    with pytest.raises(ApplicationError) as refused:
        services.operation_add(actor=ACTOR, source=amending, data=services.OperationInput(**values))
    assert field in refused.value.extra["errors"]
    assert not Operation.objects.exists()


def test_a_document_cannot_amend_itself(pair: tuple[Document, Document]) -> None:
    amending, _ = pair
    data = services.OperationInput(target=amending, kind="repeal", target_eid="dieu-1", applies_on=ON)
    with pytest.raises(ApplicationError) as refused:
        services.operation_add(actor=ACTOR, source=amending, data=data)
    assert "target" in refused.value.extra["errors"]


def test_edits_name_the_version_they_read(pair: tuple[Document, Document]) -> None:
    amending, base = pair
    (op,) = store(amending, base, read("repeal", "dieu-3", 1))
    with pytest.raises(ApplicationError) as stale:
        services.operation_confirm(actor=ACTOR, operation=op, expected_version=op.version + 1)
    assert stale.value.status == 412
    with pytest.raises(ApplicationError) as missing:
        services.operation_confirm(actor=ACTOR, operation=op, expected_version=None)
    assert missing.value.status == 428


def test_reading_again_keeps_decisions_and_does_not_duplicate(pair: tuple[Document, Document]) -> None:
    amending, base = pair
    first = store(amending, base, read("repeal", "dieu-3", 1), read("repeal", "dieu-4", 2), read("repeal", "dieu-5", 3))
    confirm(first[0])
    services.operation_reject(actor=ACTOR, operation=first[1], expected_version=first[1].version)
    added = services.operation_add(
        actor=ACTOR,
        source=amending,
        data=services.OperationInput(target=base, kind="repeal", target_eid="dieu-8", applies_on=ON),
    )
    waiting = Operation.objects.get(source=amending, target_eid="dieu-5")
    again = store(amending, base, read("repeal", "dieu-3", 1), read("repeal", "dieu-4", 2), read("repeal", "dieu-5", 3))
    assert again == []  # read as it is stored: the undecided row stays, same id, nothing audited
    rows = Operation.objects.filter(source=amending).order_by("seq")
    assert [(op.pk, op.seq) for op in rows if op.target_eid == "dieu-5"] == [(waiting.pk, 3)]
    # Read otherwise (the text was edited): the undecided rows are replaced, after every other row.
    again = store(amending, base, read("repeal", "dieu-3", 1), read("repeal", "dieu-4", 2), read("repeal", "dieu-6", 3))
    assert [op.target_eid for op in again] == ["dieu-6"]
    rows = Operation.objects.filter(source=amending).order_by("seq")
    assert [(op.target_eid, op.state, op.origin) for op in rows] == [
        ("dieu-3", "confirmed", "reader"),
        ("dieu-4", "rejected", "reader"),
        ("dieu-8", "proposed", "officer"),
        ("dieu-6", "proposed", "reader"),
    ]
    assert added.seq == 4 and rows.last().seq == 5  # type: ignore[union-attr]


def test_an_unknown_target_document_is_listed(pair: tuple[Document, Document]) -> None:
    amending, base = pair
    (op,) = services.operations_store_proposal(
        actor=ACTOR, source=amending, proposal=[read("repeal", "dieu-3", 1, target="elsewhere")], targets={"base": base}
    )
    assert (op.state, op.reasons, op.target_id) == ("listed", ["target_document_unknown"], None)


def test_a_date_the_reader_could_not_tell_is_left_to_the_officer(pair: tuple[Document, Document]) -> None:
    amending, base = pair
    (op,) = store(amending, base, read("repeal", "dieu-3", 1, state="listed", reasons=("date_unclear",)))
    assert (op.state, op.applies_on) == ("listed", None)
    with pytest.raises(ApplicationError) as refused:
        confirm(op)
    assert "applies_on" in refused.value.extra["errors"]
