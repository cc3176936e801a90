"""Migration consolidation.0003 marks the dates officers gave before Operation.dated_by_officer existed, from the
audit log, so that reading their act again does not undo them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("consolidation", "0002_text_versions"), ("audit", "0001_initial")]


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


def _two_decisions(apps: Any) -> tuple[Any, Any]:
    """A base and an amending decision, as rows of the migration state `apps`."""
    issuer = apps.get_model("catalogue", "Authority").objects.create(code="ubnd-ag", name="UBND", level="province")
    doc_type = apps.get_model("catalogue", "DocumentType").objects.get(code="quyet-dinh")
    make = apps.get_model("catalogue", "Document").objects.create
    common = {"doc_type_id": doc_type.pk, "issuer_id": issuer.pk, "issued_on": dt.date(2024, 3, 1), "status": ""}
    base = make(number="1/2024/QĐ-UBND", number_key="1/2024/qđ-ubnd", title="Gốc", **common)
    source = make(number="2/2024/QĐ-UBND", number_key="2/2024/qđ-ubnd", title="Sửa đổi", **common)
    return base, source


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_dates_officers_corrected_before_the_field_are_kept_as_theirs() -> None:
    from backend.consolidation.models import Operation

    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = _migrate(BEFORE).loader.project_state(BEFORE).apps
        base, source = _two_decisions(old)
        operation = old.get_model("consolidation", "Operation").objects.create
        on = dt.date(2024, 5, 1)
        read = operation(source=source, target=base, seq=1, kind="repeal", target_eid="dieu-1", applies_on=on)
        redated = operation(source=source, target=base, seq=2, kind="repeal", target_eid="dieu-2", applies_on=on)
        retitled = operation(source=source, target=base, seq=3, kind="repeal", target_eid="dieu-3", applies_on=on)
        added = operation(
            source=source, target=base, seq=4, kind="repeal", target_eid="dieu-4", applies_on=on, origin="officer"
        )
        entry = old.get_model("audit", "AuditEntry").objects.create
        entry(action="update", object_type="consolidation.operation", object_id=str(redated.pk), source="api",
              changes={"applies_on": ["2024-05-01", "2024-06-01"]})  # fmt: skip
        entry(action="update", object_type="consolidation.operation", object_id=str(retitled.pk), source="api",
              changes={"instruction": ["a", "b"]})  # fmt: skip
    finally:
        _migrate(latest)

    marked = dict(Operation.objects.values_list("pk", "dated_by_officer"))
    assert [marked[op.pk] for op in (read, redated, retitled, added)] == [False, True, False, True]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_derived_relations_name_the_regulations_provisions() -> None:
    from backend.catalogue.models import Relation

    before = [
        ("consolidation", "0005_forget_texts_of_old_structures"),
        ("catalogue", "0009_rebuild_structures_headings"),
    ]
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = _migrate(before).loader.project_state(before).apps
        base, source = _two_decisions(old)
        on = dt.date(2024, 5, 1)
        operation = old.get_model("consolidation", "Operation").objects.create
        for seq, eid in enumerate(["quy-dinh/dieu-5/khoan-2", "dieu-1", "quy-dinh/dieu-1"], start=1):
            operation(
                source=source, target=base, seq=seq, kind="repeal", target_eid=eid, applies_on=on, state="confirmed"
            )
        relation = old.get_model("catalogue", "Relation").objects.create(
            source=source, target=base, kind="repeals", effective_on=on, derived=True,
            provisions=["Điều 1", "Khoản 2 Điều 5"],
        )  # fmt: skip
    finally:
        _migrate(latest)

    # "Điều 1" is also the decision's own (dieu-1): it cannot be told which was meant from the label, and stays.
    assert Relation.objects.get(pk=relation.pk).provisions == ["Điều 1", "Khoản 2 Điều 5 (Quy định)"]
