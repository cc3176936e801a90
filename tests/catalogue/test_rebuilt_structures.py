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


# A form heading the PDF conversion joined to the line before (tests/legal/test_leaf_headings.py): read since
# catalogue.0009, which rebuilds the stored structures; consolidation.0005 forgets the texts built from the old ones.
JOINED = """THÔNG TƯ
Điều 1. Phạm vi
Thông tư này quy định mẫu văn bản.
Điều 2. Hiệu lực
Thông tư này có hiệu lực từ ngày 01 tháng 3 năm 2025./.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Lê Văn B
Phụ lục
CÁC MẪU VĂN BẢN
(Kèm theo Thông tư số 14/2021/TT-BLĐTBXH) Mẫu số 01
Văn bản đề nghị Mẫu số 01. Văn bản đề nghị thành lập hội đồng trường
Kính gửi: Sở Nội vụ
"""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_joined_form_headings_are_read_into_stored_structures_and_old_texts_forgotten() -> None:
    from backend.catalogue.models import Document
    from backend.consolidation.models import TextBuild
    from legal.provisions import parse_structure

    before = [("catalogue", "0008_rebuild_structures"), ("consolidation", "0004_operation_correct_words")]
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = _migrate(before).loader.project_state(before).apps
        issuer = old.get_model("catalogue", "Authority").objects.create(code="bo-nv", name="Bộ", level="central")
        doc_type = old.get_model("catalogue", "DocumentType").objects.get(code="thong-tu")
        without_form = [node for node in parse_structure(JOINED) if node["kind"] != "form"]  # as 0008 stored it
        stored = old.get_model("catalogue", "Document").objects.create(
            number="14/2021/TT-BLĐTBXH", number_key="14/2021/tt-blđtbxh", title="Mẫu văn bản", text=JOINED,
            structure=without_form, doc_type_id=doc_type.pk, issuer_id=issuer.pk, issued_on=dt.date(2021, 3, 1),
            status="",
        )  # fmt: skip
        old.get_model("consolidation", "TextBuild").objects.create(document_id=stored.pk, base_from=dt.date(2021, 3, 1))
    finally:
        _migrate(latest)

    structure = Document.objects.get(pk=stored.pk).structure
    assert "mau-so-01" in [node["eid"] for node in structure]
    assert not TextBuild.objects.filter(document_id=stored.pk).exists()
