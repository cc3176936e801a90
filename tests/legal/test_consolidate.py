"""Tests for the applier (legal.consolidate, decision 0018 §3–4) on short invented documents: every kind of
operation at every nesting level, every reason an operation is held, same-day conflicts, and a chain of three
acts in which the third repeals the second."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from typing import Any

import pytest

from legal.consolidate import (
    Consolidation,
    Version,
    VersionNode,
    compare,
    consolidate,
    text_on,
    versions,
    word_diff,
)
from legal.operations import REASONS, Operation
from legal.provisions import StructureNode, parse_fragment, parse_structure

BASE_FROM = date(2024, 1, 1)
DAY_1 = date(2025, 1, 1)
DAY_2 = date(2026, 1, 1)

# An invented provincial decision: preamble, two chapters (the first with two sections), clauses and points.
DECISION = """ỦY BAN NHÂN DÂN TỈNH AN GIANG
QUYẾT ĐỊNH
Căn cứ Nghị định quy định chức năng của Sở Công Thương;
Chương I
QUY ĐỊNH CHUNG
Mục 1. PHẠM VI
Điều 1. Phạm vi điều chỉnh
Quyết định này quy định về quản lý chợ trên địa bàn tỉnh.
Điều 2. Giải thích từ ngữ
1. Chợ là nơi mua bán hàng hóa.
2. Ban quản lý chợ là đơn vị thuộc Sở Công Thương.
a) quản lý hoạt động của chợ;
b) thu phí sử dụng diện tích bán hàng.
Mục 2. NGUYÊN TẮC
Điều 3. Nguyên tắc quản lý
1. Công khai, minh bạch.
2. Bảo đảm an toàn thực phẩm.
Chương II
TỔ CHỨC THỰC HIỆN
Điều 4. Trách nhiệm của Sở Công Thương
Sở Công Thương chủ trì, phối hợp với các sở, ngành.
Điều 5. Hiệu lực thi hành
Quyết định này có hiệu lực từ ngày 01 tháng 01 năm 2024.
"""

REGULATION = """Điều 1. Phạm vi
Quy định này áp dụng cho các chợ hạng 1.
Điều 2. Hồ sơ
1. Đơn đề nghị.
2. Bản sao giấy phép.
"""


def _tree() -> list[StructureNode]:
    return parse_structure(DECISION)


def _with_regulation_and_annexes() -> list[dict[str, Any]]:
    """The decision with an attached regulation (root "quy-dinh"), a closing block, an annex and a form, the
    node kinds the parser is being taught (built here by hand, the regulation's units by parse_fragment)."""
    _, units = parse_fragment(REGULATION, "quy-dinh")
    leaf = {"number": "", "title": "", "children": []}
    return [
        *_tree(),
        {**leaf, "kind": "closing", "label": "", "text": "Nơi nhận: như Điều 5. Sở Công Thương.",
         "anchor": "ket-thuc", "eid": "ket-thuc"},
        {"kind": "regulation", "number": "", "label": "Quy định", "title": "QUY ĐỊNH VỀ QUẢN LÝ CHỢ",
         "text": "", "children": units, "anchor": "quy-dinh", "eid": "quy-dinh"},
        {**leaf, "kind": "annex", "number": "I", "label": "Phụ lục I", "title": "DANH MỤC CHỢ",
         "text": "Chợ Long Xuyên; chợ Châu Đốc.", "anchor": "phu-luc-i", "eid": "phu-luc-i"},
        {**leaf, "kind": "form", "number": "01", "label": "Mẫu số 01", "title": "ĐƠN ĐỀ NGHỊ",
         "text": "Mẫu đơn đề nghị cấp phép.", "anchor": "mau-so-01", "eid": "mau-so-01"},
    ]  # fmt: skip


def op(
    kind: str, target_eid: str, applies_on: date = DAY_1, source: str = "A", seq: int = 1, **fields: Any
) -> Operation:
    return Operation(kind=kind, target_eid=target_eid, applies_on=applies_on, source=source, seq=seq, **fields)  # type: ignore[arg-type]


def node(version: Version | None, eid: str) -> VersionNode | None:
    assert version is not None
    stack = list(version.tree)
    while stack:
        each = stack.pop()
        if each["eid"] == eid:
            return each
        stack.extend(each["children"])
    return None


def unit(version: Version | None, eid: str) -> VersionNode:
    found = node(version, eid)
    assert found is not None, eid
    return found


def last(result: Consolidation) -> Version:
    return result.versions[-1]


def held_reasons(result: Consolidation) -> dict[tuple[str, int], tuple[str, ...]]:
    return {(held.operation.source, held.operation.seq): held.reasons for held in result.held}


def child_eids(parent: VersionNode | list[VersionNode]) -> list[str]:
    nodes = parent if isinstance(parent, list) else parent["children"]
    return [each["eid"] for each in nodes]


# --- no operations, dates, serialisation ---------------------------------------------------------------------


def test_no_operations_gives_the_base_as_one_open_version() -> None:
    tree = _tree()
    result = consolidate(tree, [], base_from=BASE_FROM)
    assert [(v.valid_from, v.valid_until) for v in result.versions] == [(BASE_FROM, None)]
    assert unit(result.versions[0], "dieu-2/khoan-2")["text"] == "Ban quản lý chợ là đơn vị thuộc Sở Công Thương."
    assert result.held == ()


def test_text_before_the_base_is_in_force_is_none_and_after_is_the_version() -> None:
    result = consolidate(_tree(), [op("repeal", "dieu-1")], base_from=BASE_FROM)
    assert text_on(result, BASE_FROM - timedelta(days=1)) is None
    assert text_on(result, BASE_FROM) is result.versions[0]
    assert text_on(result, DAY_1 - timedelta(days=1)) is result.versions[0]
    assert text_on(result, DAY_1) is result.versions[1]
    assert text_on(result, date(2099, 1, 1)) is result.versions[1]


def test_the_base_tree_is_not_changed_and_unchanged_units_are_shared_between_versions() -> None:
    tree = _tree()
    before = copy.deepcopy(tree)
    result = consolidate(tree, [op("repeal", "dieu-5")], base_from=BASE_FROM)
    assert tree == before
    first, second = result.versions
    # Copy-on-write: chapter I is untouched, so both versions hold the same object; chapter II is a copy.
    assert first.tree[1] is second.tree[1]
    assert first.tree[2] is not second.tree[2]
    assert first.tree[2]["children"][0] is second.tree[2]["children"][0]  # Điều 4 was not on the path


def test_the_whole_result_is_plain_json() -> None:
    operations = [op("suspend", "dieu-4", ends_on=DAY_2), op("rename", "phu-luc-ii", seq=2, state="listed")]
    result = consolidate(_with_regulation_and_annexes(), operations, base_from=BASE_FROM)
    body = json.loads(json.dumps(result.as_json()))
    assert body["versions"][1]["valid_from"] == "2025-01-01"
    assert body["held"][0]["operation"]["applies_on"] == "2025-01-01"


def test_an_operation_dated_before_the_base_is_in_force_is_part_of_the_first_version() -> None:
    early = date(2023, 12, 15)
    result = consolidate(_tree(), [op("repeal", "dieu-1", applies_on=early)], base_from=BASE_FROM)
    assert len(result.versions) == 1
    assert unit(result.versions[0], "dieu-1")["status"] == "repealed"
    assert unit(result.versions[0], "dieu-1")["notes"][0]["applies_on"] == "2023-12-15"


# --- replace -------------------------------------------------------------------------------------------------


def test_replace_an_article_with_its_clauses() -> None:
    new_text = "Điều 3. Nguyên tắc quản lý chợ\n1. Công khai.\n2. Minh bạch.\n3. Bình đẳng."
    result = consolidate(_tree(), [op("replace", "dieu-3", new_text=new_text)], base_from=BASE_FROM)
    article = unit(last(result), "dieu-3")
    assert article["title"] == "Nguyên tắc quản lý chợ"
    assert child_eids(article) == ["dieu-3/khoan-1", "dieu-3/khoan-2", "dieu-3/khoan-3"]
    assert article["children"][2]["label"] == "Khoản 3 Điều 3"
    assert article["notes"][0]["kind"] == "replace"
    assert unit(result.versions[0], "dieu-3")["title"] == "Nguyên tắc quản lý"


def test_replace_a_clause_with_its_points() -> None:
    new_text = "2. Ban quản lý chợ là đơn vị sự nghiệp.\na) quản lý chợ;\nb) thu phí;\nc) bảo đảm an ninh."
    result = consolidate(_tree(), [op("replace", "dieu-2/khoan-2", new_text=new_text)], base_from=BASE_FROM)
    clause = unit(last(result), "dieu-2/khoan-2")
    assert clause["text"] == "Ban quản lý chợ là đơn vị sự nghiệp."
    assert child_eids(clause) == ["dieu-2/khoan-2/diem-a", "dieu-2/khoan-2/diem-b", "dieu-2/khoan-2/diem-c"]
    assert clause["children"][2]["anchor"] == "diem-c-khoan-2-dieu-2"


def test_replace_a_point() -> None:
    result = consolidate(
        _tree(), [op("replace", "dieu-2/khoan-2/diem-b", new_text="b) thu giá dịch vụ.")], base_from=BASE_FROM
    )
    assert unit(last(result), "dieu-2/khoan-2/diem-b")["text"] == "thu giá dịch vụ."
    assert unit(last(result), "dieu-2/khoan-2/diem-a")["text"] == "quản lý hoạt động của chợ;"


def test_replace_a_unit_of_the_attached_regulation() -> None:
    new_text = "2. Bản sao giấy chứng nhận đăng ký kinh doanh."
    result = consolidate(
        _with_regulation_and_annexes(),
        [op("replace", "quy-dinh/dieu-2/khoan-2", new_text=new_text)],
        base_from=BASE_FROM,
    )
    clause = unit(last(result), "quy-dinh/dieu-2/khoan-2")
    assert clause["text"] == "Bản sao giấy chứng nhận đăng ký kinh doanh."
    assert clause["anchor"] == "khoan-2-dieu-2-quy-dinh"
    assert unit(last(result), "dieu-2/khoan-2")["text"].startswith("Ban quản lý")  # the decision's own Điều 2


def test_replace_whose_printed_number_differs_is_held() -> None:
    operations = [
        op("replace", "dieu-2/khoan-2", new_text="3. Ban quản lý chợ là đơn vị sự nghiệp."),
        op("replace", "dieu-3", seq=2, new_text="Điều 4. Nguyên tắc\nNội dung."),
        op("replace", "dieu-2/khoan-1", seq=3, new_text="Chợ là nơi mua bán."),  # no number printed at all
        op("replace", "dieu-2/khoan-2/diem-a", seq=4, new_text="a) điểm mới;\nb) điểm khác."),  # two units
    ]
    result = consolidate(_tree(), operations, base_from=BASE_FROM)
    assert held_reasons(result) == {("A", seq): ("number_mismatch",) for seq in (1, 2, 3, 4)}
    assert len(result.versions) == 1


# --- rename ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("eid", "new_text", "title"),
    [
        ("dieu-4", "Điều 4. Trách nhiệm thi hành", "Trách nhiệm thi hành"),
        ("dieu-4", "Trách nhiệm thi hành", "Trách nhiệm thi hành"),
        ("chuong-ii", "Chương II. ĐIỀU KHOẢN THI HÀNH", "ĐIỀU KHOẢN THI HÀNH"),
        ("chuong-i/muc-2", "Mục 2. NGUYÊN TẮC CHUNG", "NGUYÊN TẮC CHUNG"),
        ("quy-dinh", "QUY ĐỊNH VỀ QUẢN LÝ, PHÁT TRIỂN CHỢ", "QUY ĐỊNH VỀ QUẢN LÝ, PHÁT TRIỂN CHỢ"),
        (
            "quy-dinh/dieu-1",
            "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng",
            "Phạm vi điều chỉnh và đối tượng áp dụng",
        ),
        ("phu-luc-i", "DANH MỤC CHỢ HẠNG 1", "DANH MỤC CHỢ HẠNG 1"),
    ],
)
def test_rename_changes_the_heading_only(eid: str, new_text: str, title: str) -> None:
    result = consolidate(_with_regulation_and_annexes(), [op("rename", eid, new_text=new_text)], base_from=BASE_FROM)
    before, after = unit(result.versions[0], eid), unit(last(result), eid)
    assert after["title"] == title
    assert (after["text"], after["children"]) == (before["text"], before["children"])
    assert result.held == ()


def test_rename_with_another_number_or_of_a_clause_is_held() -> None:
    operations = [
        op("rename", "dieu-4", new_text="Điều 5. Trách nhiệm thi hành"),
        op("rename", "dieu-2/khoan-1", seq=2, new_text="Tên khoản"),
    ]
    result = consolidate(_tree(), operations, base_from=BASE_FROM)
    assert held_reasons(result) == {("A", 1): ("number_mismatch",), ("A", 2): ("unknown_form",)}


# --- insertions ----------------------------------------------------------------------------------------------


def test_insert_a_clause_after_its_anchor_and_a_point_before_its_anchor() -> None:
    operations = [
        op("insert_after", "dieu-3/khoan-3", anchor_eid="dieu-3/khoan-2", new_text="3. Tiết kiệm."),
        op("insert_before", "dieu-2/khoan-2/diem-a", seq=2, anchor_eid="dieu-2/khoan-2/diem-b",
           new_text="a) quản lý hoạt động của chợ;"),
    ]  # fmt: skip
    # diem-a exists: the second one is refused (an insertion never renumbers); fix it to a new letter.
    result = consolidate(_tree(), operations, base_from=BASE_FROM)
    assert held_reasons(result) == {("A", 2): ("number_exists",)}
    assert child_eids(unit(last(result), "dieu-3")) == ["dieu-3/khoan-1", "dieu-3/khoan-2", "dieu-3/khoan-3"]
    assert unit(last(result), "dieu-3/khoan-3")["notes"][0]["kind"] == "insert_after"


def test_insert_before_places_the_new_point_before_its_anchor() -> None:
    tree = parse_structure("Điều 1. Tên\n1. Khoản.\na) một;\nc) ba.")
    operation = op("insert_before", "dieu-1/khoan-1/diem-b", anchor_eid="dieu-1/khoan-1/diem-c", new_text="b) hai;")
    result = consolidate(tree, [operation], base_from=BASE_FROM)
    assert child_eids(unit(last(result), "dieu-1/khoan-1")) == [
        "dieu-1/khoan-1/diem-a", "dieu-1/khoan-1/diem-b", "dieu-1/khoan-1/diem-c",
    ]  # fmt: skip


def test_insert_an_article_without_anchor_goes_after_the_article_before_it_in_that_chapter() -> None:
    operation = op("insert_after", "dieu-3a", new_text="Điều 3a. Chợ đầu mối\nChợ đầu mối do tỉnh quản lý.")
    result = consolidate(_tree(), [operation], base_from=BASE_FROM)
    section = unit(last(result), "chuong-i/muc-2")
    assert child_eids(section) == ["dieu-3", "dieu-3a"]
    assert unit(last(result), "dieu-3a")["title"] == "Chợ đầu mối"


def test_insert_a_clause_without_anchor_goes_in_number_order() -> None:
    tree = parse_structure("Điều 1. Tên\n1. Một.\n3. Ba.")
    result = consolidate(tree, [op("insert_after", "dieu-1/khoan-2", new_text="2. Hai.")], base_from=BASE_FROM)
    assert child_eids(unit(last(result), "dieu-1")) == ["dieu-1/khoan-1", "dieu-1/khoan-2", "dieu-1/khoan-3"]


def test_insert_the_first_clause_of_an_article_without_clauses() -> None:
    result = consolidate(_tree(), [op("insert_after", "dieu-4/khoan-1", new_text="1. Chủ trì.")], base_from=BASE_FROM)
    assert child_eids(unit(last(result), "dieu-4")) == ["dieu-4/khoan-1"]


def test_insert_an_article_into_the_attached_regulation() -> None:
    operation = op("insert_after", "quy-dinh/dieu-2a", anchor_eid="quy-dinh/dieu-2",
                   new_text="Điều 2a. Thời hạn\nMười ngày làm việc.")  # fmt: skip
    result = consolidate(_with_regulation_and_annexes(), [operation], base_from=BASE_FROM)
    assert child_eids(unit(last(result), "quy-dinh")) == ["quy-dinh/dieu-1", "quy-dinh/dieu-2", "quy-dinh/dieu-2a"]
    assert unit(last(result), "quy-dinh/dieu-2a")["anchor"] == "dieu-2a-quy-dinh"


def test_insertions_that_do_not_fit_are_held() -> None:
    operations = [
        op("insert_after", "dieu-2/khoan-1", anchor_eid="dieu-2/khoan-2", new_text="1. Trùng số."),
        op("insert_after", "dieu-9/khoan-2", seq=2, anchor_eid="dieu-9/khoan-1", new_text="2. Không có Điều 9."),
        op("insert_after", "dieu-2/khoan-3", seq=3, anchor_eid="dieu-2/khoan-2", new_text="4. Số khác."),
        # A clause placed next to a point: its number is right, its place is not.
        op("insert_after", "dieu-2/khoan-3", seq=4, anchor_eid="dieu-2/khoan-2/diem-b", new_text="3. Khoản."),
        # Its number says it comes after khoản 2; the instruction puts it before khoản 1.
        op("insert_before", "dieu-2/khoan-3", seq=5, anchor_eid="dieu-2/khoan-1", new_text="3. Khoản."),
        op("insert_after", "dieu-1a", seq=6, anchor_eid="dieu-3", new_text="Điều 1a. Tên\nNội dung."),
    ]
    result = consolidate(_tree(), operations, base_from=BASE_FROM)
    assert held_reasons(result) == {
        ("A", 1): ("number_exists",),
        ("A", 2): ("target_missing",),
        ("A", 3): ("number_mismatch",),
        ("A", 4): ("number_mismatch",),
        ("A", 5): ("number_mismatch",),
        ("A", 6): ("number_mismatch",),
    }


# --- repeal ----------------------------------------------------------------------------------------------------


def test_a_repealed_article_keeps_its_eid_and_label_and_loses_its_content() -> None:
    result = consolidate(_tree(), [op("repeal", "dieu-2", source_eid="dieu-1/khoan-3")], base_from=BASE_FROM)
    article = unit(last(result), "dieu-2")
    assert (article["status"], article["label"], article["number"]) == ("repealed", "Điều 2", "2")
    assert (article["title"], article["text"], article["children"]) == ("", "", [])
    assert article["notes"][0]["source_eid"] == "dieu-1/khoan-3"


def test_a_repealed_chapter_keeps_its_articles_each_repealed() -> None:
    result = consolidate(_tree(), [op("repeal", "chuong-ii")], base_from=BASE_FROM)
    chapter = unit(last(result), "chuong-ii")
    assert chapter["status"] == "repealed"
    assert [(each["eid"], each["status"], each["text"]) for each in chapter["children"]] == [
        ("dieu-4", "repealed", ""), ("dieu-5", "repealed", ""),
    ]  # fmt: skip


def test_changes_to_a_repealed_unit_or_inside_it_are_held() -> None:
    operations = [
        op("repeal", "dieu-2"),
        op("replace", "dieu-2/khoan-1", applies_on=DAY_2, source="B", new_text="1. Chợ là nơi trao đổi."),
        op("replace", "dieu-2", applies_on=DAY_2, source="B", seq=2, new_text="Điều 2. Tên\nNội dung."),
        op("repeal", "dieu-2", applies_on=DAY_2, source="B", seq=3),
        op("insert_after", "dieu-2/khoan-3", applies_on=DAY_2, source="B", seq=4, new_text="3. Mới."),
        op("replace", "dieu-2/khoan-9", applies_on=DAY_2, source="B", seq=5, new_text="9. Mới."),
    ]
    result = consolidate(_tree(), operations, base_from=BASE_FROM)
    assert held_reasons(result) == {("B", seq): ("target_repealed",) for seq in (1, 2, 3, 4, 5)}
    assert len(result.versions) == 2


# --- words -----------------------------------------------------------------------------------------------------


def test_substitute_words_in_the_whole_document_skips_the_preamble_and_the_closing_block() -> None:
    operation = op("substitute_words", "", old_words="Sở Công Thương", new_words="Sở Công Thương và Sở Tài chính")
    result = consolidate(_with_regulation_and_annexes(), [operation], base_from=BASE_FROM)
    after = last(result)
    assert unit(after, "dieu-4")["title"] == "Trách nhiệm của Sở Công Thương và Sở Tài chính"
    assert unit(after, "dieu-4")["text"].startswith("Sở Công Thương và Sở Tài chính chủ trì")
    assert unit(after, "dieu-2/khoan-2")["text"].endswith("Sở Công Thương và Sở Tài chính.")
    assert "Sở Tài chính" not in unit(after, "mo-dau")["text"]
    assert "Sở Tài chính" not in unit(after, "ket-thuc")["text"]
    assert [(note["kind"], note["occurrences"]) for note in unit(after, "dieu-4")["notes"]] == [("substitute_words", 2)]
    # Title and text of Điều 4, Khoản 2 Điều 2, and the regulation's units have none: 3 in all.
    assert [change["occurrences"] for change in after.changes] == [3]


def test_substitute_words_within_a_scope_and_its_descendants_only() -> None:
    operation = op("substitute_words", "", old_words="chợ", new_words="chợ dân sinh", scope_eids=("dieu-2",))
    result = consolidate(_tree(), [operation], base_from=BASE_FROM)
    after = last(result)
    assert unit(after, "dieu-2/khoan-2/diem-a")["text"] == "quản lý hoạt động của chợ dân sinh;"
    assert unit(after, "dieu-2/khoan-1")["text"] == "Chợ là nơi mua bán hàng hóa."  # "Chợ": case matters
    assert unit(after, "dieu-1")["text"] == "Quyết định này quy định về quản lý chợ trên địa bàn tỉnh."


def test_substitute_words_spares_the_excepted_phrase() -> None:
    tree = parse_structure("Điều 1. Tên\nSở Công Thương và Giám đốc Sở Công Thương chịu trách nhiệm.")
    operation = op("substitute_words", "dieu-1", old_words="Sở Công Thương", new_words="Sở Kinh tế",
                   except_words=("Giám đốc Sở Công Thương",))  # fmt: skip
    result = consolidate(tree, [operation], base_from=BASE_FROM)
    assert unit(last(result), "dieu-1")["text"] == "Sở Kinh tế và Giám đốc Sở Công Thương chịu trách nhiệm."


def test_words_split_over_lines_in_the_amending_act_still_match() -> None:
    operation = op("substitute_words", "", old_words="Ban quản lý\nchợ", new_words="Tổ quản lý chợ")
    result = consolidate(_tree(), [operation], base_from=BASE_FROM)
    assert unit(last(result), "dieu-2/khoan-2")["text"].startswith("Tổ quản lý chợ là")


def test_delete_words_leaves_one_space_and_no_space_before_punctuation() -> None:
    operations = [
        op("delete_words", "", old_words="hàng hóa", scope_eids=("dieu-2/khoan-1",)),
        op("delete_words", "", seq=2, old_words="thuộc", scope_eids=("dieu-2/khoan-2",)),
        op("delete_words", "", seq=3, old_words="Công khai,", scope_eids=("dieu-3/khoan-1",)),
    ]
    result = consolidate(_tree(), operations, base_from=BASE_FROM)
    assert unit(last(result), "dieu-2/khoan-1")["text"] == "Chợ là nơi mua bán."
    assert unit(last(result), "dieu-2/khoan-2")["text"] == "Ban quản lý chợ là đơn vị Sở Công Thương."
    assert unit(last(result), "dieu-3/khoan-1")["text"] == "minh bạch."


def test_words_not_found_or_in_a_missing_scope_are_held() -> None:
    operations = [
        op("substitute_words", "", old_words="Sở Nội vụ", new_words="Sở Tư pháp"),
        op("delete_words", "", seq=2, old_words="chợ", scope_eids=("dieu-9",)),
        op("delete_words", "", seq=3, old_words="   "),
        op("delete_words", "", seq=4, old_words="Căn cứ"),  # only in the preamble, which is not in scope
    ]
    result = consolidate(_tree(), operations, base_from=BASE_FROM)
    assert held_reasons(result) == {
        ("A", 1): ("words_not_found",),
        ("A", 2): ("target_missing",),
        ("A", 3): ("words_not_found",),
        ("A", 4): ("words_not_found",),
    }


# --- annexes and forms -------------------------------------------------------------------------------------------


def test_replace_an_annex_with_a_reference_and_add_a_new_form_after_the_last_one() -> None:
    operations = [
        op("replace_annex", "phu-luc-i", new_text="Thay thế bằng Phụ lục I ban hành kèm theo Quyết định này"),
        op("replace_annex", "mau-so-02", seq=2, new_text="Mẫu số 02. Tờ khai"),
        op("replace", "mau-so-01", seq=3, new_text="Mẫu số 01 mới"),  # replace on an opaque leaf: its text
    ]
    result = consolidate(_with_regulation_and_annexes(), operations, base_from=BASE_FROM)
    after = last(result)
    assert unit(after, "phu-luc-i")["text"] == "Thay thế bằng Phụ lục I ban hành kèm theo Quyết định này"
    assert unit(after, "phu-luc-i")["title"] == "DANH MỤC CHỢ"
    assert child_eids(after.tree)[-3:] == ["phu-luc-i", "mau-so-01", "mau-so-02"]
    assert (unit(after, "mau-so-02")["kind"], unit(after, "mau-so-02")["label"]) == ("form", "Mẫu số 02")
    assert unit(after, "mau-so-01")["text"] == "Mẫu số 01 mới"


def test_a_repealed_form_is_not_brought_back_and_an_empty_annex_text_is_held() -> None:
    operations = [
        op("repeal", "mau-so-01"),
        op("replace_annex", "mau-so-01", applies_on=DAY_2, new_text="Mẫu số 01 mới"),
        op("replace_annex", "phu-luc-i", seq=2, new_text=""),
        op("replace_annex", "dieu-9", seq=3, new_text="Không phải phụ lục"),
    ]
    result = consolidate(_with_regulation_and_annexes(), operations, base_from=BASE_FROM)
    assert held_reasons(result) == {
        ("A", 1): ("target_repealed",),
        ("A", 2): ("unknown_form",),
        ("A", 3): ("target_missing",),
    }


# --- suspension, repeal of the whole document ---------------------------------------------------------------------


def test_suspension_starts_and_ends_a_version() -> None:
    end = date(2025, 7, 1)
    result = consolidate(_tree(), [op("suspend", "dieu-4", ends_on=end)], base_from=BASE_FROM)
    assert [v.valid_from for v in result.versions] == [BASE_FROM, DAY_1, end]
    assert [unit(v, "dieu-4")["status"] for v in result.versions] == ["in_force", "suspended", "in_force"]
    assert unit(result.versions[2], "dieu-4")["text"] == unit(result.versions[0], "dieu-4")["text"]
    assert [change["kind"] for change in result.versions[2].changes] == ["suspend_end"]
    assert unit(result.versions[0], "dieu-4")["future"][0]["ends_on"] == "2025-07-01"


def test_suspension_without_end_lasts_and_one_ending_before_it_starts_is_held() -> None:
    operations = [op("suspend", "dieu-4"), op("suspend", "dieu-5", seq=2, ends_on=DAY_1)]
    result = consolidate(_tree(), operations, base_from=BASE_FROM)
    assert unit(last(result), "dieu-4")["status"] == "suspended"
    assert last(result).valid_until is None
    assert held_reasons(result) == {("A", 2): ("date_unclear",)}


def test_repeal_of_the_document_repeals_every_unit_and_holds_later_changes() -> None:
    operations = [
        op("repeal_document", "", target="base"),
        op("replace", "dieu-5", applies_on=DAY_2, source="B", new_text="Điều 5. Hiệu lực\nNội dung."),
    ]
    result = consolidate(_with_regulation_and_annexes(), operations, base_from=BASE_FROM, document="base")
    after = last(result)
    assert after.status == "repealed"
    assert unit(after, "mo-dau")["status"] == "in_force"  # the preamble and the closing block are not units
    assert {unit(after, eid)["status"] for eid in ("chuong-i", "dieu-2", "quy-dinh/dieu-1", "phu-luc-i")} == {
        "repealed"
    }
    assert held_reasons(result) == {("B", 1): ("target_repealed",)}


# --- conflicts ---------------------------------------------------------------------------------------------------


def test_two_documents_changing_one_unit_on_the_same_day_are_both_held() -> None:
    operations = [
        op("replace", "dieu-2/khoan-1", source="A", new_text="1. Chợ là nơi trao đổi."),
        op("replace", "dieu-2/khoan-1", source="B", new_text="1. Chợ là địa điểm mua bán."),
        op("repeal", "dieu-5", source="B", seq=2),  # B's other change touches nothing of A's: it applies
    ]
    result = consolidate(_tree(), operations, base_from=BASE_FROM)
    assert held_reasons(result) == {("A", 1): ("conflict_same_day",), ("B", 1): ("conflict_same_day",)}
    assert unit(last(result), "dieu-2/khoan-1")["text"] == "Chợ là nơi mua bán hàng hóa."
    assert unit(last(result), "dieu-5")["status"] == "repealed"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (op("repeal", "dieu-2", source="A"), op("replace", "dieu-2/khoan-2/diem-a", source="B", new_text="a) x;")),
        (op("repeal", "chuong-ii", source="A"), op("rename", "dieu-4", source="B", new_text="Tên mới")),
        (op("substitute_words", "", source="A", old_words="chợ", new_words="chợ dân sinh"),
         op("repeal", "dieu-1", source="B")),
        (op("insert_after", "dieu-3/khoan-3", source="A", anchor_eid="dieu-3/khoan-2", new_text="3. Ba."),
         op("insert_after", "dieu-3/khoan-4", source="B", anchor_eid="dieu-3/khoan-2", new_text="4. Bốn.")),
    ],
)  # fmt: skip
def test_an_ancestor_the_whole_document_or_the_same_anchor_clash_too(first: Operation, second: Operation) -> None:
    result = consolidate(_tree(), [first, second], base_from=BASE_FROM)
    assert {held.reasons for held in result.held} == {("conflict_same_day",)}
    assert len(result.held) == 2
    assert len(result.versions) == 1


def test_precedence_set_by_an_officer_orders_the_documents_and_the_higher_prevails() -> None:
    operations = [
        op("replace", "dieu-2/khoan-1", source="A", seq=1, precedence=1, new_text="1. Theo văn bản A."),
        op("replace", "dieu-2/khoan-1", source="B", new_text="1. Theo văn bản B."),
        op("substitute_words", "", source="A", seq=2, old_words="văn bản A", new_words="văn bản A (đã sửa)",
           scope_eids=("dieu-2/khoan-1",)),
    ]  # fmt: skip
    result = consolidate(_tree(), operations, base_from=BASE_FROM)
    assert result.held == ()
    # B applied first (precedence 0), then A's two operations in seq order: A's text prevails.
    assert unit(last(result), "dieu-2/khoan-1")["text"] == "Theo văn bản A (đã sửa)."
    assert [change["source"] for change in last(result).changes] == ["B", "A", "A"]


def test_operations_of_one_source_on_one_unit_apply_in_seq_order_without_conflict() -> None:
    operations = [
        op("replace", "dieu-3/khoan-1", source="A", seq=2, new_text="1. Công khai, minh bạch, kịp thời."),
        op("rename", "dieu-3", source="A", seq=1, new_text="Điều 3. Nguyên tắc"),
        op("substitute_words", "", source="A", seq=3, old_words="kịp thời", new_words="đúng hạn",
           scope_eids=("dieu-3",)),
    ]  # fmt: skip
    result = consolidate(_tree(), operations, base_from=BASE_FROM)
    assert result.held == ()
    article = unit(last(result), "dieu-3")
    assert article["title"] == "Nguyên tắc"
    assert article["children"][0]["text"] == "Công khai, minh bạch, đúng hạn."
    assert [change["seq"] for change in last(result).changes] == [1, 2, 3]


def test_same_unit_on_different_days_is_no_conflict() -> None:
    operations = [
        op("replace", "dieu-2/khoan-1", source="A", new_text="1. Theo A."),
        op("replace", "dieu-2/khoan-1", source="B", applies_on=DAY_2, new_text="1. Theo B."),
    ]
    result = consolidate(_tree(), operations, base_from=BASE_FROM)
    assert [unit(v, "dieu-2/khoan-1")["text"] for v in result.versions] == [
        "Chợ là nơi mua bán hàng hóa.", "Theo A.", "Theo B.",
    ]  # fmt: skip
    assert [note["source"] for note in unit(last(result), "dieu-2/khoan-1")["notes"]] == ["A", "B"]


def test_order_within_a_day_follows_the_source_issue_date_not_the_input_order() -> None:
    operations = [
        op("substitute_words", "", source="late", source_issued_on=date(2024, 6, 1), old_words="Theo A",
           new_words="Theo A và B", scope_eids=("dieu-5",)),
        op("replace", "dieu-4", source="early", source_issued_on=date(2024, 5, 1),
           new_text="Điều 4. Trách nhiệm\nTheo A."),
    ]  # fmt: skip
    result = consolidate(_tree(), operations, base_from=BASE_FROM)
    assert [change["source"] for change in last(result).changes] == ["early"]  # late found no "Theo A" in dieu-5
    assert held_reasons(result) == {("late", 1): ("words_not_found",)}


# --- chain of three acts: the third repeals the second (decision 0018 §3) ----------------------------------------


def test_repealing_an_amending_act_keeps_what_it_changed_and_stops_what_it_had_not_yet() -> None:
    second_later = date(2027, 1, 1)
    third_on = date(2026, 7, 1)
    operations = [
        op("replace", "dieu-2/khoan-1", source="first", new_text="1. Theo văn bản thứ nhất."),
        op("replace", "dieu-3/khoan-1", source="second", applies_on=DAY_2, new_text="1. Theo văn bản thứ hai."),
        op("repeal", "dieu-4", source="second", seq=2, applies_on=second_later),
        op("repeal_document", "", source="third", target="second", applies_on=third_on),
        op("replace", "dieu-3/khoan-2", source="third", seq=2, applies_on=third_on,
           new_text="2. Theo văn bản thứ ba."),
    ]  # fmt: skip
    result = consolidate(_tree(), operations, base_from=BASE_FROM, document="base")
    after = last(result)
    assert unit(after, "dieu-2/khoan-1")["text"] == "Theo văn bản thứ nhất."
    assert unit(after, "dieu-3/khoan-1")["text"] == "Theo văn bản thứ hai."  # already applied: stays
    assert unit(after, "dieu-3/khoan-2")["text"] == "Theo văn bản thứ ba."
    assert unit(after, "dieu-4")["status"] == "in_force"  # the second's later repeal never takes effect
    assert held_reasons(result) == {("second", 2): ("source_repealed",)}
    assert result.repealed_sources == {"second": third_on}
    assert [v.valid_from for v in result.versions] == [BASE_FROM, DAY_1, DAY_2, third_on]
    assert after.status == "in_force"


# --- states the caller passes -----------------------------------------------------------------------------------


def test_listed_and_unknown_operations_are_held_and_rejected_ones_ignored() -> None:
    operations = [
        op("replace", "dieu-1", state="listed", reasons=("quote_unbalanced",), new_text="Điều 1. X"),
        op("unknown", "", seq=2),
        op("repeal", "dieu-1", seq=3, state="rejected"),
        op("repeal", "dieu-5", seq=4, state="confirmed"),
    ]
    result = consolidate(_tree(), operations, base_from=BASE_FROM)
    assert held_reasons(result) == {("A", 1): ("quote_unbalanced",), ("A", 2): ("unknown_form",)}
    assert unit(last(result), "dieu-1")["status"] == "in_force"
    assert unit(last(result), "dieu-5")["status"] == "repealed"


def test_every_reason_the_applier_gives_has_its_wording() -> None:
    for code in ("target_missing", "number_exists", "number_mismatch", "target_repealed", "conflict_same_day",
                 "words_not_found", "source_repealed", "date_unclear", "unknown_form"):  # fmt: skip
        vi, en = REASONS[code]
        assert vi and en


# --- notes, future, versions, compare -----------------------------------------------------------------------------


def test_notes_are_the_history_up_to_the_version_and_future_the_known_later_changes() -> None:
    operations = [
        op("replace", "dieu-2/khoan-1", source="A", source_eid="dieu-1/khoan-1",
           instruction="1. Sửa đổi khoản 1 Điều 2 như sau:", new_text="1. Theo A."),
        op("replace", "dieu-2/khoan-1", source="B", applies_on=DAY_2, new_text="1. Theo B."),
        op("insert_after", "dieu-2/khoan-3", source="B", seq=2, applies_on=DAY_2, new_text="3. Mới."),
    ]  # fmt: skip
    result = consolidate(_tree(), operations, base_from=BASE_FROM)
    base, middle, latest = result.versions
    assert unit(base, "dieu-2/khoan-1")["notes"] == []
    assert [note["source"] for note in unit(base, "dieu-2/khoan-1")["future"]] == ["A", "B"]
    assert unit(middle, "dieu-2/khoan-1")["notes"][0] == {
        "applies_on": "2025-01-01", "source": "A", "source_eid": "dieu-1/khoan-1", "source_label": "Khoản 1 Điều 1",
        "seq": 1, "kind": "replace",
        "target_eid": "dieu-2/khoan-1", "instruction": "1. Sửa đổi khoản 1 Điều 2 như sau:", "ends_on": None,
        "occurrences": None, "corrected_by": [],
    }  # fmt: skip
    assert [note["source"] for note in unit(middle, "dieu-2/khoan-1")["future"]] == ["B"]
    # A unit inserted later does not exist yet: its parent shows the insertion to come.
    assert [note["target_eid"] for note in unit(middle, "dieu-2")["future"]] == ["dieu-2/khoan-3"]
    assert unit(latest, "dieu-2/khoan-1")["future"] == []
    assert [len(v.future) for v in result.versions] == [3, 2, 0]


def test_versions_lists_dates_and_why() -> None:
    result = consolidate(
        _tree(), [op("repeal", "dieu-1"), op("repeal", "dieu-5", applies_on=DAY_2)], base_from=BASE_FROM
    )
    listed = versions(result)
    assert [(item["valid_from"], item["valid_until"]) for item in listed] == [
        ("2024-01-01", "2025-01-01"), ("2025-01-01", "2026-01-01"), ("2026-01-01", None),
    ]  # fmt: skip
    assert [[change["target_eid"] for change in item["changes"]] for item in listed] == [[], ["dieu-1"], ["dieu-5"]]


def test_compare_names_each_kind_of_change_with_a_word_diff() -> None:
    operations = [
        op(
            "replace",
            "dieu-2/khoan-2",
            new_text="2. Ban quản lý chợ là đơn vị sự nghiệp.\na) quản lý hoạt động của chợ;",
        ),
        op("rename", "dieu-4", seq=2, new_text="Trách nhiệm thi hành"),
        op("repeal", "dieu-5", seq=3),
        op("insert_after", "dieu-3/khoan-3", seq=4, new_text="3. Tiết kiệm."),
        op("suspend", "dieu-1", seq=5),
    ]
    result = consolidate(_tree(), operations, base_from=BASE_FROM)
    changes = {item["eid"]: item["changes"] for item in compare(result.versions[0], last(result))}
    assert changes == {
        "dieu-1": ["suspended"],
        "dieu-2/khoan-2": ["reworded"],
        "dieu-2/khoan-2/diem-b": ["removed"],
        "dieu-3/khoan-3": ["added"],
        "dieu-4": ["renamed"],
        "dieu-5": ["repealed"],
    }
    reworded = next(item for item in compare(result.versions[0], last(result)) if item["eid"] == "dieu-2/khoan-2")
    assert reworded["text"] == [
        {"op": "equal", "text": "Ban quản lý chợ là đơn vị "},
        {"op": "delete", "text": "thuộc Sở Công Thương."},
        {"op": "insert", "text": "sự nghiệp."},
    ]
    assert compare(last(result), last(result)) == []


def test_word_diff_runs_rebuild_both_texts() -> None:
    before, after = "Chợ là nơi mua bán\nhàng hóa.", "Chợ là nơi trao đổi, mua bán\nhàng hóa, dịch vụ."
    runs = word_diff(before, after)
    assert "".join(run["text"] for run in runs if run["op"] != "insert") == before
    assert "".join(run["text"] for run in runs if run["op"] != "delete") == after


def test_a_rename_with_a_body_is_held_since_it_would_drop_the_body() -> None:
    result = consolidate(
        _tree(), [op("rename", "dieu-4", new_text="Điều 4. Tên mới\nNội dung mới.")], base_from=BASE_FROM
    )
    assert held_reasons(result) == {("A", 1): ("unknown_form",)}


def test_a_stored_tree_deeper_than_any_grammar_makes_does_not_overflow() -> None:
    deep: dict[str, Any] = {"eid": "dieu-1", "kind": "article", "children": []}
    for _ in range(3000):
        deep = {"eid": "chuong-i", "kind": "chapter", "children": [deep]}
    result = consolidate([deep], [op("repeal", "chuong-i")], base_from=BASE_FROM)
    assert unit(last(result), "chuong-i")["status"] == "repealed"


def test_a_replaced_chapter_that_brings_a_number_standing_elsewhere_is_held() -> None:
    new_text = "Chương II\nTỔ CHỨC THỰC HIỆN\nĐiều 4. Trách nhiệm\nNội dung.\nĐiều 3. Nguyên tắc\nNội dung."
    result = consolidate(_tree(), [op("replace", "chuong-ii", new_text=new_text)], base_from=BASE_FROM)
    assert held_reasons(result) == {("A", 1): ("number_exists",)}  # Điều 3 stands in chương I
    fine = "Chương II\nTỔ CHỨC THỰC HIỆN\nĐiều 4. Trách nhiệm\nNội dung mới."
    result = consolidate(_tree(), [op("replace", "chuong-ii", new_text=fine)], base_from=BASE_FROM)
    assert child_eids(unit(last(result), "chuong-ii")) == ["dieu-4"]  # Điều 5 is not in the new chapter
    assert [item["changes"] for item in compare(result.versions[0], last(result))] == [
        ["renamed", "reworded"],
        ["removed"],
    ]


def test_without_the_base_key_a_repeal_is_of_an_amending_act_only_when_that_act_has_operations_here() -> None:
    operations = [
        op("replace", "dieu-1", source="B", applies_on=DAY_2, new_text="Điều 1. Phạm vi\nNội dung."),
        op("repeal_document", "", source="C", target="B"),  # B is a source here: its repeal
        op("repeal_document", "", source="D", target="42", applies_on=date(2027, 1, 1)),  # 42 is not: the base
    ]
    result = consolidate(_tree(), operations, base_from=BASE_FROM)
    assert held_reasons(result) == {("B", 1): ("source_repealed",)}
    assert result.repealed_sources == {"B": DAY_1}
    assert [(v.valid_from, v.status) for v in result.versions] == [
        (BASE_FROM, "in_force"),
        (date(2027, 1, 1), "repealed"),
    ]


def test_a_repeal_of_another_document_is_the_repeal_of_an_amending_act_even_without_its_operations() -> None:
    operations = [op("repeal_document", "", target="other"), op("repeal_document", "", source="B", target="base")]
    result = consolidate(_tree(), operations, base_from=BASE_FROM, document="base")
    assert result.held == ()
    assert result.repealed_sources == {"other": DAY_1}
    assert [change["source"] for change in last(result).changes] == ["B"]
    assert last(result).status == "repealed"


def test_a_unit_suspended_twice_is_in_force_again_only_when_both_have_ended() -> None:
    operations = [
        op("suspend", "dieu-4", ends_on=date(2025, 6, 1)),
        op("suspend", "dieu-4", source="B", applies_on=date(2025, 3, 1), ends_on=date(2025, 9, 1)),
        op("suspend", "dieu-5", source="C", applies_on=date(2025, 3, 1)),
        op("suspend", "dieu-5", source="D", applies_on=date(2025, 4, 1), ends_on=date(2025, 9, 1)),
    ]
    result = consolidate(_tree(), operations, base_from=BASE_FROM)
    statuses = [(v.valid_from, unit(v, "dieu-4")["status"], unit(v, "dieu-5")["status"]) for v in result.versions]
    assert statuses == [
        (BASE_FROM, "in_force", "in_force"),
        (DAY_1, "suspended", "in_force"),
        (date(2025, 3, 1), "suspended", "suspended"),
        (date(2025, 4, 1), "suspended", "suspended"),
        (date(2025, 9, 1), "in_force", "suspended"),  # 1 June ended only A's: no version then
    ]


def test_a_form_numbered_in_its_annex_is_added_inside_that_annex() -> None:
    tree = _with_regulation_and_annexes()
    forms = [{"kind": "form", "number": "01", "label": "Mẫu số 01 Phụ lục I", "title": "", "text": "Tờ khai.",
              "children": [], "anchor": "mau-so-01-phu-luc-i", "eid": "phu-luc-i/mau-so-01"}]  # fmt: skip
    tree[-2] = {**tree[-2], "children": forms}
    operations = [
        op("replace_annex", "phu-luc-i/mau-so-02", new_text="Mẫu số 02 ban hành kèm theo Quyết định này"),
        op("replace_annex", "phu-luc-ix/mau-so-01", seq=2, new_text="Mẫu mới"),  # no Phụ lục IX
    ]
    result = consolidate(tree, operations, base_from=BASE_FROM)
    assert child_eids(unit(last(result), "phu-luc-i")) == ["phu-luc-i/mau-so-01", "phu-luc-i/mau-so-02"]
    added = unit(last(result), "phu-luc-i/mau-so-02")
    assert (added["kind"], added["number"], added["anchor"]) == ("form", "02", "mau-so-02-phu-luc-i")
    assert held_reasons(result) == {("A", 2): ("target_missing",)}


def test_a_new_unit_clashes_with_a_same_day_change_of_the_unit_it_lands_in_not_of_its_siblings() -> None:
    new_clause = op("insert_after", "dieu-2/khoan-3", source="B", anchor_eid="dieu-2/khoan-2", new_text="3. Mới.")
    sibling = op("replace", "dieu-2/khoan-2", source="A", new_text="2. Ban quản lý chợ là đơn vị sự nghiệp.")
    result = consolidate(_tree(), [sibling, new_clause], base_from=BASE_FROM)
    assert result.held == ()
    holder = op("replace", "dieu-2", source="A", new_text="Điều 2. Giải thích từ ngữ\n1. Chợ.\n2. Ban quản lý.")
    everywhere = op("substitute_words", "", source="A", old_words="chợ", new_words="chợ dân sinh")
    for other in (holder, everywhere):
        result = consolidate(_tree(), [other, new_clause], base_from=BASE_FROM)
        assert {held.reasons for held in result.held} == {("conflict_same_day",)}, other.kind
