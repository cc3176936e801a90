"""Migration catalogue.0008 rebuilds every stored structure from the document's text (decision 0018, increment 1):
a document stored before it, with a structure of the old shape (no eIds, the regulation's articles numbered "-2",
the signature in the last article), has eIds, the regulation root, the closing block and annexes after it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("catalogue", "0007_relation_derived")]

TEXT = """QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy định quản lý chợ.
Điều 2. Quyết định này có hiệu lực từ ngày ký./.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
QUY ĐỊNH
Quản lý chợ
(Ban hành kèm theo Quyết định số 7/2024/QĐ-UBND)
Điều 1. Phạm vi
Quy định này áp dụng cho chợ.
Điều 5. Trách nhiệm
1. Sở Công Thương hướng dẫn.
2. Ủy ban nhân dân cấp xã quản lý.
PHỤ LỤC I
Mẫu số 01
ĐƠN
"""

# What the parser stored before decision 0018 (the shape of the row, not of today's parser).
OLD_STRUCTURE = [
    {"kind": "article", "number": "1", "label": "Điều 1", "title": "", "text": "Ban hành", "children": [],
     "anchor": "dieu-1"},
    {"kind": "article", "number": "1", "label": "Điều 1", "title": "Phạm vi", "text": "", "children": [],
     "anchor": "dieu-1-2"},
]  # fmt: skip


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()  # what was applied changed: read it again
    return executor


def _walk(tree: list[dict]) -> list[dict]:  # type: ignore[type-arg]
    return [n for node in tree for n in (node, *_walk(node["children"]))]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # migrates back and forth: leaves the rows as found
def test_stored_structures_are_rebuilt_with_eids_and_roots() -> None:
    from backend.catalogue.models import Document

    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = _migrate(BEFORE).loader.project_state(BEFORE[0]).apps
        issuer = old.get_model("catalogue", "Authority").objects.create(code="ubnd-ag", name="UBND", level="province")
        doc_type = old.get_model("catalogue", "DocumentType").objects.get(code="quyet-dinh")
        make = old.get_model("catalogue", "Document").objects.create
        common = {"doc_type_id": doc_type.pk, "issuer_id": issuer.pk, "issued_on": dt.date(2024, 3, 1), "status": ""}
        stored = make(number="7/2024/QĐ-UBND", number_key="7/2024/qđ-ubnd", title="Quản lý chợ", text=TEXT,
                      structure=OLD_STRUCTURE, version=4, **common)  # fmt: skip
        empty = make(number="8/2024/QĐ-UBND", number_key="8/2024/qđ-ubnd", title="Không có toàn văn", text=" ",
                     structure=OLD_STRUCTURE, **common)  # fmt: skip
    finally:
        _migrate(latest)

    doc = Document.objects.get(pk=stored.pk)
    assert [node["kind"] for node in doc.structure] == ["preamble", "article", "article", "closing", "regulation",
                                                         "annex", "form"]  # fmt: skip
    eids = [node["eid"] for node in _walk(doc.structure)]
    assert "quy-dinh/dieu-5/khoan-2" in eids and "dieu-1-2" not in eids
    assert {"ket-thuc", "phu-luc-i", "mau-so-01", "quy-dinh/dieu-1"} <= set(eids)
    assert doc.version == 4  # derived data: the row's version (its ETag) is unchanged
    assert Document.objects.get(pk=empty.pk).structure == []
