"""The instruction reader (legal/instructions.py) on invented acts: every form, every nesting level, relative
targets, several targets in one sentence, date clauses; and properties (never raises, never drops a line)."""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legal.instructions import Reading, is_instruction, operative_lines, read_act, read_instructions
from legal.operations import REASONS, Operation
from legal.provisions import StructureNode, parse_structure

BASE_NUMBER = "01/2025/TT-BNN"
BASE = """BỘ NÔNG NGHIỆP
Số: 01/2025/TT-BNN
THÔNG TƯ
Quy định về nuôi ong mật
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
1. Thông tư này quy định việc nuôi ong mật.
2. Thông tư này áp dụng đối với hộ nuôi ong.
Điều 2. Giải thích từ ngữ
1. Ong mật là loài ong lấy mật hoa.
2. Tổ ong là nơi ong sinh sống.
3. Thùng ong là dụng cụ nuôi ong.
Chương II
CẤP GIẤY CHỨNG NHẬN
Mục 1
HỒ SƠ
Điều 3. Hồ sơ
1. Hộ nuôi ong nộp hồ sơ tại Sở Nông nghiệp và Phát triển nông thôn.
2. Hồ sơ gồm:
a) Đơn đề nghị theo mẫu;
b) Bản sao giấy tờ tùy thân có xác nhận của Ủy ban nhân dân cấp xã;
c) Ảnh chụp thùng ong.
3. Hồ sơ nộp trực tiếp hoặc qua bưu chính.
Điều 4. Thời hạn
1. Sở Nông nghiệp và Phát triển nông thôn trả lời trong 10 ngày.
2. Quá thời hạn thì hồ sơ được coi là hợp lệ.
Mục 2
LỆ PHÍ
Điều 5. Lệ phí
Lệ phí do Hội đồng nhân dân cấp tỉnh quy định.
Điều 6. Miễn lệ phí
Hộ nghèo được miễn lệ phí.
Điều 7. Hiệu lực thi hành
Thông tư này có hiệu lực từ ngày 01 tháng 3 năm 2025./.
"""
OTHER_NUMBER = "02/2024/TT-BNN"
OTHER = """THÔNG TƯ
Điều 1. Phạm vi
Thông tư này quy định về nuôi tằm.
Điều 2. Hiệu lực
Thông tư này có hiệu lực từ ngày ký./.
"""
ISSUED = date(2026, 5, 20)
EFFECTIVE = date(2026, 7, 1)
HEAD = """BỘ NÔNG NGHIỆP
Số: 09/2026/TT-BNN
THÔNG TƯ
Sửa đổi, bổ sung một số điều của Thông tư số 01/2025/TT-BNN
Căn cứ Luật Chăn nuôi;
"""
TAIL = """Điều 9. Hiệu lực thi hành
Thông tư này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026./.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Nguyễn Văn A
"""


def _trees() -> dict[str, list[StructureNode]]:
    return {BASE_NUMBER: parse_structure(BASE), OTHER_NUMBER: parse_structure(OTHER)}


def _read(body: str, *, tail: str = TAIL, default: str | None = BASE_NUMBER) -> Reading:
    return read_act(
        HEAD + body + tail,
        source="09/2026/TT-BNN",
        issued_on=ISSUED,
        effective_from=EFFECTIVE,
        targets=_trees(),
        default_target=default,
    )


def _ops(body: str, **kwargs: str | None) -> list[Operation]:
    return list(_read(body, **kwargs).operations)  # type: ignore[arg-type]


def _one(body: str) -> Operation:
    operations = _ops(body)
    assert len(operations) == 1, operations
    return operations[0]


UMBRELLA = "Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 01/2025/TT-BNN ngày 10 tháng 01 năm 2025\n"

# --- replace a unit ---------------------------------------------------------------------------------------------


def test_a_clause_replaced_by_a_quoted_line() -> None:
    op = _one(
        UMBRELLA + "1. Sửa đổi, bổ sung khoản 2 Điều 1 như sau:\n“2. Thông tư này áp dụng đối với hợp tác xã.”.\n"
    )
    assert (op.kind, op.target, op.target_eid, op.state) == ("replace", "1/2025/TT-BNN", "dieu-1/khoan-2", "proposed")
    assert op.new_text == "2. Thông tư này áp dụng đối với hợp tác xã."
    assert op.source_eid == "dieu-1/khoan-1"
    assert op.instruction == "1. Sửa đổi, bổ sung khoản 2 Điều 1 như sau:"
    assert (op.applies_on, op.source, op.seq, op.source_issued_on) == (EFFECTIVE, "09/2026/TT-BNN", 1, ISSUED)


def test_an_article_replaced_by_a_multi_line_block_keeps_inner_quotes_and_numbering() -> None:
    body = (
        UMBRELLA + "1. Sửa đổi, bổ sung Điều 4 như sau:\n"
        "“Điều 4. Thời hạn giải quyết\n"
        "1. Sở trả lời trong 05 ngày.\n"
        "2. Hồ sơ ghi rõ “đã tiếp nhận”.\n"
        "3. Quá thời hạn thì hồ sơ được coi là hợp lệ.”.\n"
    )
    op = _one(body)
    assert (op.kind, op.target_eid, op.state) == ("replace", "dieu-4", "proposed")
    assert op.new_text.split("\n") == [
        "Điều 4. Thời hạn giải quyết",
        "1. Sở trả lời trong 05 ngày.",
        "2. Hồ sơ ghi rõ “đã tiếp nhận”.",
        "3. Quá thời hạn thì hồ sơ được coi là hợp lệ.",
    ]


def test_several_units_in_one_sentence_split_the_block_at_each_number() -> None:
    body = (
        UMBRELLA + "1. Sửa đổi, bổ sung điểm a, điểm c khoản 2 Điều 3 và khoản 3 như sau:\n"
        "“2. Hồ sơ gồm:\n"
        "a) Đơn đề nghị theo Mẫu số 01;\n"
        "c) Ảnh chụp thùng ong và tổ ong.\n"
        "3. Hồ sơ nộp trực tuyến.”.\n"
    )
    ops = _ops(body)
    assert [(op.kind, op.target_eid, op.state) for op in ops] == [
        ("replace", "dieu-3/khoan-2/diem-a", "proposed"),
        ("replace", "dieu-3/khoan-2/diem-c", "proposed"),
        ("replace", "dieu-3/khoan-3", "proposed"),
    ]
    # The clause's lead-in, repeated unchanged above its points, belongs to none of them.
    assert [op.new_text for op in ops] == [
        "a) Đơn đề nghị theo Mẫu số 01;",
        "c) Ảnh chụp thùng ong và tổ ong.",
        "3. Hồ sơ nộp trực tuyến.",
    ]
    assert {op.seq for op in ops} == {1, 2, 3}


def test_a_changed_lead_in_that_no_target_owns_is_listed() -> None:
    body = (
        UMBRELLA + "1. Sửa đổi, bổ sung điểm a khoản 2 Điều 3 và khoản 3 như sau:\n"
        "“2. Hồ sơ gồm các giấy tờ sau:\n"
        "a) Đơn đề nghị;\n"
        "3. Hồ sơ nộp trực tuyến.”.\n"
    )
    assert {op.reasons for op in _ops(body)} == {("text_split",)}


def test_a_point_before_a_clause_takes_the_article_stated_last() -> None:
    ops = _ops(UMBRELLA + "1. Sửa đổi, bổ sung điểm b khoản 2 và khoản 3 Điều 3 như sau:\n“b) Bản sao;\n3. Nộp.”.\n")
    assert [op.target_eid for op in ops] == ["dieu-3/khoan-2/diem-b", "dieu-3/khoan-3"]


# --- nesting: umbrellas give the target document and the enclosing provision ----------------------------------------


def test_relative_targets_at_every_level_under_umbrellas() -> None:
    body = (
        UMBRELLA + "1. Sửa đổi, bổ sung một số khoản của Điều 3 như sau:\n"
        "a) Sửa đổi, bổ sung khoản 1 như sau:\n"
        "“1. Hộ nuôi ong nộp hồ sơ trực tuyến.”.\n"
        "b) Sửa đổi, bổ sung một số điểm của khoản 2 Điều 3 như sau:\n"
        "- Sửa đổi điểm b như sau:\n"
        "“b) Bản sao giấy tờ tùy thân;”.\n"
        "- Sửa đổi gạch đầu dòng thứ nhất của điểm c như sau:\n"
        "“- Ảnh màu.”.\n"
        "2. Sửa đổi, bổ sung khoản 1 Điều 4 như sau:\n"
        "“1. Sở trả lời trong 05 ngày.”.\n"
    )
    reading = _read(body)
    assert [(op.target_eid, op.source_eid, op.state) for op in reading.operations] == [
        ("dieu-3/khoan-1", "dieu-1/khoan-1/diem-a", "proposed"),
        ("dieu-3/khoan-2/diem-b", "dieu-1/khoan-1/diem-b", "proposed"),
        ("", "dieu-1/khoan-1/diem-b", "listed"),  # a dash item has no eId: listed, not guessed
        ("dieu-4/khoan-1", "dieu-1/khoan-2", "proposed"),
    ]
    assert reading.operations[2].reasons == ("target_not_addressable",)
    assert [eid for eid, _ in reading.umbrellas] == ["dieu-1", "dieu-1/khoan-1", "dieu-1/khoan-1/diem-b"]


def test_a_relative_target_without_an_enclosing_article_is_listed() -> None:
    op = _one(UMBRELLA + "1. Sửa đổi, bổ sung khoản 1 như sau:\n“1. Nội dung mới.”.\n")
    assert (op.kind, op.state, op.reasons) == ("replace", "listed", ("relative_target_ambiguous",))


def test_the_instruction_in_the_article_heading() -> None:
    body = (
        "Điều 1. Sửa đổi, bổ sung Điều 1\n“Điều 1. Phạm vi điều chỉnh\nThông tư này quy định việc nuôi ong.”\n"
        "Điều 2. Sửa đổi, bổ sung khoản 2 Điều 4\n“2. Quá thời hạn thì Sở phải trả lời bằng văn bản.”\n"
    )
    ops = _ops(body)
    assert [(op.kind, op.target_eid, op.source_eid, op.state) for op in ops] == [
        ("replace", "dieu-1", "dieu-1", "proposed"),
        ("replace", "dieu-4/khoan-2", "dieu-2", "proposed"),
    ]
    assert ops[0].new_text == "Điều 1. Phạm vi điều chỉnh\nThông tư này quy định việc nuôi ong."


def test_the_target_document_is_per_instruction() -> None:
    body = (
        "Điều 1. Sửa đổi, bổ sung một số điều của các Thông tư của Bộ trưởng\n"
        "1. Sửa đổi khoản 1 Điều 1 của Thông tư số 02/2024/TT-BNN ngày 01 tháng 02 năm 2024 như sau:\n"
        "“1. Thông tư này quy định về nuôi tằm và ong.”.\n"
        "2. Sửa đổi khoản 1 Điều 2 của Thông tư số 07/2020/TT-BNN như sau:\n"
        "“1. Nội dung.”.\n"
    )
    ops = _ops(body, default=None)
    # OTHER's Điều 1 has no clauses: khoản 1 is missing there; 07/2020 is not among the targets at all.
    assert [(op.target, op.target_eid, op.reasons) for op in ops] == [
        ("2/2024/TT-BNN", "dieu-1/khoan-1", ("target_missing",)),
        ("7/2020/TT-BNN", "dieu-2/khoan-1", ("target_document_unknown",)),
    ]


def test_a_provision_of_the_attached_regulation_is_under_its_root() -> None:
    regulation: list[StructureNode] = [
        {"kind": "article", "number": "5", "label": "Điều 5", "title": "Lệ phí", "text": "", "anchor": "dieu-5",
         "eid": "quy-dinh/dieu-5", "children": [
             {"kind": "clause", "number": "2", "label": "Khoản 2 Điều 5", "title": "", "text": "Mức thu.",
              "anchor": "khoan-2-dieu-5", "eid": "quy-dinh/dieu-5/khoan-2", "children": []}]},
    ]  # fmt: skip
    text = (
        HEAD + "Điều 1. Sửa đổi khoản 2 Điều 5 của Quy định ban hành kèm theo Quyết định số 10/2025/QĐ-UBND như sau:\n"
        "“2. Mức thu mới.”.\n" + TAIL
    )
    ops = read_instructions(
        text, source="s", issued_on=ISSUED, effective_from=EFFECTIVE, targets={"10/2025/QĐ-UBND": regulation}
    )
    assert [(op.target, op.target_eid, op.state) for op in ops] == [
        ("10/2025/QD-UBND", "quy-dinh/dieu-5/khoan-2", "proposed")
    ]


def _decision_with_regulation() -> list[StructureNode]:
    return parse_structure(
        "QUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Quy định.\nĐiều 2. Thi hành.\n"
        "Điều 3. Hiệu lực.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nQUY ĐỊNH\nVề phí\n"
        "(Ban hành kèm theo Quyết định số 12/2024/QĐ-UBND)\nĐiều 1. Phạm vi\nPhạm vi.\nĐiều 2. Đối tượng\n"
        "1. Tổ chức.\n2. Cá nhân.\nĐiều 3. Mức thu\n1. Mức một.\n2. Mức hai.\nĐiều 4. Miễn\nMiễn.\n"
        "Điều 5. Nộp\n1. Nộp một.\n2. Nộp hai.\n"
    )


@pytest.mark.parametrize(
    "instruction",
    [
        # The regulation is named by a bare "của Quy định" for part of the sentence only: one instruction, two trees.
        "1. Sửa đổi, bổ sung tên Điều 3 và khoản 1 Điều 3 của Quy định như sau:\n“Điều 3. Tên mới”.\n",
        # "quy định tại" is a sentence's words, not a tree.
        "1. Bãi bỏ khoản 2 Điều 2 và quy định tại khoản 2 Điều 5.\n",
        # Two trees in one list, one of them the second regulation.
        "1. Bãi bỏ Điều 3, Điều 4 quy định 2 và Điều 5 của Quy định ban hành kèm theo Quyết định số 12/2024/QĐ-UBND.\n",
    ],
)
def test_a_sentence_that_names_a_tree_for_part_of_it_is_listed_not_guessed(instruction: str) -> None:
    """The tree is the sentence's ("… của Quy định ban hành kèm theo Quyết định số …"): a reference that names one
    by itself, or words that only look like it, are not read with confidence, and never raise."""
    text = HEAD + "Điều 1. Sửa đổi, bổ sung một số điều của Quyết định số 12/2024/QĐ-UBND như sau:\n" + instruction
    ops = read_instructions(
        text + TAIL, source="s", issued_on=ISSUED, effective_from=EFFECTIVE,
        targets={"12/2024/QĐ-UBND": _decision_with_regulation()}, default_target="12/2024/QĐ-UBND",
    )  # fmt: skip
    assert ops and all(op.state == "listed" for op in ops), [(op.kind, op.target_eid, op.state) for op in ops]


# --- other unit forms -----------------------------------------------------------------------------------------------


def test_rename_only_the_heading() -> None:
    op = _one(UMBRELLA + "1. Sửa đổi, bổ sung tên Điều 4 như sau:\n“Điều 4. Thời hạn giải quyết hồ sơ”.\n")
    assert (op.kind, op.target_eid, op.new_text, op.state) == (
        "rename",
        "dieu-4",
        "Điều 4. Thời hạn giải quyết hồ sơ",
        "proposed",
    )


def test_several_renames_as_a_list_of_quoted_headings() -> None:
    body = UMBRELLA + "1. Sửa đổi, bổ sung tên Điều 5 và Điều 6 như sau:\na) “Điều 5. Phí”;\nb) “Điều 6. Miễn phí”.\n"
    ops = _ops(body)
    assert [(op.kind, op.target_eid, op.new_text) for op in ops] == [
        ("rename", "dieu-5", "Điều 5. Phí"),
        ("rename", "dieu-6", "Điều 6. Miễn phí"),
    ]


def test_rename_and_replace_in_one_sentence() -> None:
    body = UMBRELLA + "1. Sửa đổi, bổ sung tên Điều và khoản 2 Điều 4 như sau:\n“Điều 4. Thời hạn mới\n2. Hết hạn.”.\n"
    assert [(op.kind, op.target_eid, op.new_text) for op in _ops(body)] == [
        ("rename", "dieu-4", "Điều 4. Thời hạn mới"),
        ("replace", "dieu-4/khoan-2", "2. Hết hạn."),
    ]


def test_insert_after_a_named_unit_and_after_the_previous_number() -> None:
    body = (
        UMBRELLA + "1. Bổ sung khoản 4 vào sau khoản 3 Điều 2 như sau:\n“4. Mật ong là sản phẩm của ong.”.\n"
        "2. Bổ sung Điều 6a như sau:\n“Điều 6a. Giảm lệ phí\nHộ cận nghèo được giảm lệ phí.”.\n"
        "3. Bổ sung Điều 6b và Điều 6c vào sau Điều 6a như sau:\n“Điều 6b. Một\nNội dung.\nĐiều 6c. Hai\nNội dung.”.\n"
    )
    ops = _ops(body)
    assert [(op.kind, op.target_eid, op.anchor_eid, op.state) for op in ops] == [
        ("insert_after", "dieu-2/khoan-4", "dieu-2/khoan-3", "proposed"),
        ("insert_after", "dieu-6a", "dieu-6", "proposed"),
        ("insert_after", "dieu-6b", "dieu-6a", "proposed"),  # 6a is the act's own earlier insertion
        ("insert_after", "dieu-6c", "dieu-6b", "proposed"),
    ]
    assert ops[3].new_text == "Điều 6c. Hai\nNội dung."


def test_inserting_a_number_that_exists_is_listed() -> None:
    op = _one(UMBRELLA + "1. Bổ sung khoản 2 vào sau khoản 1 Điều 4 như sau:\n“2. Trùng số.”.\n")
    assert (op.kind, op.state, op.reasons) == ("insert_after", "listed", ("number_exists",))


def test_repeal_units_and_a_section_heading() -> None:
    body = (
        "Điều 1. Bãi bỏ Điều 5, Điều 6 và khoản 2 Điều 4 Thông tư số 01/2025/TT-BNN.\n"
        "Điều 2. Bãi bỏ tên Mục 1, Mục 2 trong Chương II.\n"
    )
    ops = _ops(body)
    assert [(op.kind, op.target_eid, op.state, op.reasons) for op in ops] == [
        ("repeal", "dieu-5", "proposed", ()),
        ("repeal", "dieu-6", "proposed", ()),
        ("repeal", "dieu-4/khoan-2", "proposed", ()),
        ("rename", "chuong-ii/muc-1", "listed", ("heading_only",)),
        ("rename", "chuong-ii/muc-2", "listed", ("heading_only",)),
    ]


def test_a_change_to_a_repealed_unit_is_listed() -> None:
    def marked(nodes: list[Any]) -> list[Any]:  # a consolidated version marks a repealed unit by its status
        return [{**node, "children": marked(node["children"]), "status": "repealed" if node["eid"] == "dieu-5"
                 else "in_force"} for node in nodes]  # fmt: skip

    tree = marked(list(parse_structure(BASE)))
    text = HEAD + UMBRELLA + "1. Sửa đổi, bổ sung Điều 5 như sau:\n“Điều 5. Lệ phí\nMiễn lệ phí.”.\n" + TAIL
    ops = read_instructions(text, source="s", issued_on=ISSUED, effective_from=EFFECTIVE, targets={BASE_NUMBER: tree})
    assert [(op.target_eid, op.state, op.reasons) for op in ops] == [("dieu-5", "listed", ("target_repealed",))]


def test_a_missing_target_is_listed() -> None:
    op = _one("Điều 1. Bãi bỏ Điều 40 Thông tư số 01/2025/TT-BNN.\n")
    assert (op.kind, op.target_eid, op.state, op.reasons) == ("repeal", "dieu-40", "listed", ("target_missing",))


def test_passive_form() -> None:
    op = _one(UMBRELLA + "1. Khoản 1 Điều 4 được sửa đổi, bổ sung như sau:\n“1. Sở trả lời ngay.”.\n")
    assert (op.kind, op.target_eid, op.state) == ("replace", "dieu-4/khoan-1", "proposed")


def test_repeal_of_whole_acts() -> None:
    body = "Điều 1. Bãi bỏ các văn bản sau:\nBãi bỏ Thông tư số 02/2024/TT-BNN ngày 01 tháng 02 năm 2024.\n"
    reading = _read(body)
    assert [(op.kind, op.target, op.target_eid, op.source_eid, op.state) for op in reading.operations] == [
        ("repeal_document", "2/2024/TT-BNN", "", "dieu-1", "proposed")
    ]
    unknown = _one("Điều 1. Bãi bỏ toàn bộ Thông tư số 03/2019/TT-BNN ngày 01 tháng 02 năm 2019.\n")
    assert (unknown.kind, unknown.reasons) == ("repeal_document", ("target_document_unknown",))


# --- words ----------------------------------------------------------------------------------------------------------


def test_substitute_words_at_listed_places_and_in_the_whole_document() -> None:
    body = (
        "Điều 1. Thay thế, bãi bỏ một số cụm từ của Thông tư số 01/2025/TT-BNN\n"
        "1. Thay thế cụm từ “Sở Nông nghiệp và Phát triển nông thôn” bằng cụm từ “Sở Nông nghiệp và Môi trường” "
        "tại khoản 1 Điều 3 và khoản 1 Điều 4.\n"
        "2. Thay cụm từ “Hội đồng nhân dân cấp tỉnh” bằng cụm từ “Ủy ban nhân dân cấp tỉnh” tại Thông tư số "
        "01/2025/TT-BNN.\n"
    )
    ops = _ops(body)
    assert [(op.kind, op.scope_eids, op.old_words, op.new_words, op.state) for op in ops] == [
        (
            "substitute_words",
            ("dieu-3/khoan-1", "dieu-4/khoan-1"),
            "Sở Nông nghiệp và Phát triển nông thôn",
            "Sở Nông nghiệp và Môi trường",
            "proposed",
        ),
        ("substitute_words", (), "Hội đồng nhân dân cấp tỉnh", "Ủy ban nhân dân cấp tỉnh", "proposed"),
    ]


def test_words_with_an_exception_or_not_found_or_in_a_heading_are_listed() -> None:
    body = (
        "Điều 1. Thay thế một số cụm từ như sau:\n"
        "a) Thay thế cụm từ “Sở Nông nghiệp và Phát triển nông thôn” bằng cụm từ “Sở Nông nghiệp” tại Thông tư số "
        "01/2025/TT-BNN, trừ cụm từ “Sở Nông nghiệp và Phát triển nông thôn” tại khoản 1 Điều 4;\n"
        "b) Thay thế cụm từ “ong bầu” bằng cụm từ “ong vò vẽ” tại khoản 1 Điều 2;\n"
        "c) Thay thế cụm từ “Thời hạn” bằng cụm từ “Kỳ hạn” tại tên của Điều 4.\n"
    )
    assert [(op.kind, op.reasons) for op in _ops(body)] == [
        ("substitute_words", ("exception_clause",)),
        ("substitute_words", ("words_not_found",)),
        ("substitute_words", ("heading_only",)),
    ]


def test_delete_words_and_insert_words() -> None:
    body = (
        UMBRELLA + "1. Bãi bỏ cụm từ “có xác nhận của Ủy ban nhân dân cấp xã” tại điểm b khoản 2 Điều 3;\n"
        "2. Bổ sung từ “mật” vào sau cụm từ “Ong” tại khoản 1 Điều 2.\n"
        "3. Bãi bỏ nội dung “trực tiếp”, nội dung “hoặc qua bưu chính” tại khoản 3 Điều 3.\n"
    )
    ops = _ops(body)
    assert [(op.kind, op.old_words, op.new_words, op.scope_eids, op.state) for op in ops] == [
        ("delete_words", "có xác nhận của Ủy ban nhân dân cấp xã", "", ("dieu-3/khoan-2/diem-b",), "proposed"),
        ("substitute_words", "Ong", "Ong mật", ("dieu-2/khoan-1",), "proposed"),
        ("delete_words", "trực tiếp", "", ("dieu-3/khoan-3",), "proposed"),
        ("delete_words", "hoặc qua bưu chính", "", ("dieu-3/khoan-3",), "proposed"),
    ]


def test_a_list_of_instructions_printed_inside_one_quote() -> None:
    body = (
        "Điều 1. Thay thế một số cụm từ như sau:\n"
        "“a) Thay thế cụm từ “thùng ong” bằng cụm từ “hộp ong” tại khoản 3 Điều 2;\n"
        "b) Thay thế cụm từ “Hộ nghèo” bằng cụm từ “Hộ nghèo, hộ cận nghèo” tại Điều 6.”\n"
    )
    ops = _ops(body)
    assert [(op.source_eid, op.scope_eids, op.state) for op in ops] == [
        ("dieu-1/diem-a", ("dieu-2/khoan-3",), "listed"),  # "thùng ong" is written "Thùng ong" there
        ("dieu-1/diem-b", ("dieu-6",), "proposed"),
    ]
    assert ops[0].reasons == ("words_not_found",)


def test_unbalanced_quotes_are_listed() -> None:
    op = _one("Điều 1. Thay từ “ong bằng cụm từ “ong mật” tại khoản 1 Điều 2 Thông tư số 01/2025/TT-BNN.\n")
    assert (op.state, op.reasons) == ("listed", ("quote_unbalanced",))
    unquoted = _one(UMBRELLA + "1. Sửa đổi, bổ sung khoản 2 Điều 1 như sau:\n2. Nội dung không có ngoặc kép.\n")
    assert "new_text_missing" in unquoted.reasons and "quote_unbalanced" not in unquoted.reasons


def test_suspension_with_its_own_dates() -> None:
    body = (
        "Điều 1. Ngưng hiệu lực khoản 2 Điều 4 và Điều 6 của Thông tư số 01/2025/TT-BNN từ ngày 01 tháng 8 năm 2026 "
        "đến hết ngày 31 tháng 12 năm 2026.\n"
        "Điều 2. Ngưng hiệu lực Điều 5 Thông tư số 01/2025/TT-BNN đến ngày 31 tháng 12 năm 2026.\n"
        "Điều 3. Tạm ngưng hiệu lực Thông tư số 01/2025/TT-BNN.\n"
    )
    ops = _ops(body)
    assert [(op.kind, op.target_eid, op.applies_on, op.ends_on, op.state, op.reasons) for op in ops] == [
        ("suspend", "dieu-4/khoan-2", date(2026, 8, 1), date(2027, 1, 1), "proposed", ()),
        ("suspend", "dieu-6", date(2026, 8, 1), date(2027, 1, 1), "proposed", ()),
        # "đến ngày 31" without "hết": is the 31st suspended? Listed for an officer.
        ("suspend", "dieu-5", EFFECTIVE, date(2026, 12, 31), "listed", ("date_unclear",)),
        # A whole act: the applier suspends units, and which ones is for an officer to say.
        ("suspend", "", EFFECTIVE, None, "listed", ("unknown_form",)),
    ]


# --- annexes and forms ------------------------------------------------------------------------------------------


def test_forms_replaced_renumbered_added_or_repealed() -> None:
    body = (
        "Điều 1. Sửa đổi các Mẫu ban hành kèm theo Thông tư số 01/2025/TT-BNN như sau:\n"
        "a) Sửa Mẫu số 01 thành Mẫu số 31 ban hành kèm theo Thông tư này;\n"
        "b) Thay thế Mẫu số 02, Mẫu số 03/TK-CN tương ứng bằng Mẫu số 32, Mẫu số 33 ban hành kèm theo Thông tư này;\n"
        "c) Bổ sung Mẫu số 04 quy định về tờ khai.\n"
        "d) Bãi bỏ Mẫu số 05 và Phụ lục II.\n"
    )
    ops = _ops(body)
    own = "ban hành kèm theo Thông tư số 09/2026/TT-BNN"  # the act's own forms: "Thông tư này" is the act (HEAD)
    assert [(op.kind, op.target_eid, op.new_text) for op in ops] == [
        ("replace_annex", "mau-so-01", f"Mẫu số 31 {own}"),
        ("replace_annex", "mau-so-02", f"Mẫu số 32 {own}"),
        ("replace_annex", "mau-so-03-tk-cn", f"Mẫu số 33 {own}"),
        ("replace_annex", "mau-so-04", "Mẫu số 04"),
        ("repeal", "mau-so-05", ""),
        ("repeal", "phu-luc-ii", ""),
    ]
    # A form replaced by one of the act's own is read as a reference to it (test_instruction_annexes.py); a form
    # added names no content: an officer's check.
    assert ops[3].reasons == ("annex_text",)
    # The base has no annexes or forms, so none of the others finds its target (listed, not guessed).
    assert all(op.reasons == ("target_missing",) for op in ops if op.target_eid != "mau-so-04")


def test_a_form_found_in_the_tree_resolves() -> None:
    tree = [*parse_structure(BASE), {"kind": "form", "number": "05", "label": "Mẫu số 05", "title": "", "text": "x",
                                     "anchor": "mau-so-05", "eid": "mau-so-05", "children": []}]  # fmt: skip
    ops = read_instructions(
        HEAD + "Điều 1. Bãi bỏ Mẫu số 05 ban hành kèm theo Thông tư số 01/2025/TT-BNN.\n" + TAIL,
        source="s",
        issued_on=ISSUED,
        effective_from=EFFECTIVE,
        targets={BASE_NUMBER: tree},
    )
    assert [(op.kind, op.target_eid, op.state) for op in ops] == [("repeal", "mau-so-05", "proposed")]


def test_a_form_named_with_its_annex_is_found_there() -> None:
    # Annex and form nodes as parse_structure gives them once annexes are parsed as leaves (another increment).
    def leaf(kind: str, eid: str) -> dict[str, Any]:
        return {"kind": kind, "number": "", "label": "", "title": "", "text": "x", "anchor": eid.replace("/", "-"),
                "eid": eid, "children": []}  # fmt: skip

    # Phụ lục XIII restarts the numbering of its forms, so its Mẫu số 01 is nested; Phụ lục I's are the document's.
    leaves = [("annex", "phu-luc-i"), ("form", "mau-so-01"), ("form", "mau-so-02"), ("annex", "phu-luc-xii"),
              ("annex", "phu-luc-xiii"), ("form", "phu-luc-xiii/mau-so-01")]  # fmt: skip
    tree: list[Mapping[str, Any]] = [*parse_structure(BASE), *(leaf(kind, eid) for kind, eid in leaves)]
    text = (
        HEAD + "Điều 1. Thay thế Mẫu số 01 Phụ lục XIII, Mẫu số 02 và Mẫu số 01 Phụ lục I, Phụ lục XII ban hành kèm "
        "theo Thông tư số 01/2025/TT-BNN tương ứng bằng Mẫu số 05 Phụ lục I, Mẫu số 06, Mẫu số 07 Phụ lục II, Phụ lục "
        "XII ban hành kèm theo Thông tư này.\n" + TAIL
    )
    targets = {BASE_NUMBER: tree}
    ops = read_instructions(text, source="s", issued_on=ISSUED, effective_from=EFFECTIVE, targets=targets)
    own = "ban hành kèm theo Thông tư số 09/2026/TT-BNN"
    assert [(op.kind, op.target_eid, op.new_text, op.reasons) for op in ops] == [
        ("replace_annex", "phu-luc-xiii/mau-so-01", f"Mẫu số 05 Phụ lục I {own}", ()),
        ("replace_annex", "mau-so-02", f"Mẫu số 06 Phụ lục II {own}", ()),
        ("replace_annex", "mau-so-01", f"Mẫu số 07 Phụ lục II {own}", ()),
        ("replace_annex", "phu-luc-xii", f"Phụ lục XII {own}", ()),
    ]


# --- dates ------------------------------------------------------------------------------------------------------


DATED_BODY = (
    UMBRELLA + "1. Sửa đổi, bổ sung khoản 2 Điều 1 như sau:\n“2. Áp dụng với hợp tác xã.”.\n"
    "2. Bãi bỏ Điều 6.\n"
    "3. Sửa đổi, bổ sung khoản 1 Điều 4 như sau:\n“1. Sở trả lời trong 05 ngày.”.\n"
)


def test_a_plain_date_clause_moves_its_operations() -> None:
    tail = (
        "Điều 2. Hiệu lực thi hành\n"
        "1. Thông tư này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026, trừ quy định tại khoản 2 Điều này.\n"
        "2. Quy định tại khoản 3 Điều 1 của Thông tư này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2027./.\n"
    )
    ops = _ops(DATED_BODY, tail=tail)
    assert [(op.target_eid, op.applies_on, op.state) for op in ops] == [
        ("dieu-1/khoan-2", EFFECTIVE, "proposed"),
        ("dieu-6", EFFECTIVE, "proposed"),
        ("dieu-4/khoan-1", date(2027, 1, 1), "proposed"),
    ]


def test_a_date_clause_on_some_content_lists_its_operations() -> None:
    tail = (
        "Điều 2. Hiệu lực thi hành\n"
        "1. Thông tư này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026, trừ quy định tại khoản 2 Điều này.\n"
        "2. Quy định liên quan đến thời hạn tại các khoản 1 và 3 Điều 1 của Thông tư này có hiệu lực thi hành từ "
        "ngày 01 tháng 01 năm 2027./.\n"
    )
    ops = _ops(DATED_BODY, tail=tail)
    assert [(op.target_eid, op.state, op.reasons) for op in ops] == [
        ("dieu-1/khoan-2", "listed", ("date_unclear",)),
        ("dieu-6", "proposed", ()),
        ("dieu-4/khoan-1", "listed", ("date_unclear",)),
    ]


def test_a_date_clause_naming_the_amended_documents_provisions_lists_those() -> None:
    tail = (
        "Điều 2. Hiệu lực thi hành\n"
        "1. Thông tư này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026, trừ trường hợp quy định tại khoản 2 "
        "Điều này.\n"
        "2. Hồ sơ đã nộp trước ngày Thông tư này có hiệu lực tiếp tục thực hiện theo quy định tại Điều 6 Thông tư số "
        "01/2025/TT-BNN./.\n"
    )
    ops = _ops(DATED_BODY, tail=tail)
    assert [(op.target_eid, op.state) for op in ops] == [
        ("dieu-1/khoan-2", "proposed"),
        ("dieu-6", "listed"),
        ("dieu-4/khoan-1", "proposed"),
    ]


# --- the operative part and what is an instruction ---------------------------------------------------------


def test_the_operative_part_runs_from_article_1_to_the_signature() -> None:
    lines = operative_lines(HEAD + "Điều 1. Bãi bỏ Điều 6.\n" + TAIL + "Mẫu số 01\nBãi bỏ Điều 9.\n")
    assert lines[0] == "Điều 1. Bãi bỏ Điều 6."
    assert lines[-1].endswith("./.")
    assert not any("Mẫu số" in line for line in lines)


def test_a_verb_inside_a_sentence_is_not_an_instruction() -> None:
    assert is_instruction("Sửa đổi, bổ sung khoản 2 Điều 5 như sau:")
    assert is_instruction("Khoản 1 Điều 11 được sửa đổi, bổ sung như sau:")
    assert not is_instruction("Hợp đồng phải được sửa đổi, bổ sung hoặc ký kết mới.")
    body = "Điều 1. Điều khoản chuyển tiếp\nHợp đồng đã ký phải được sửa đổi, bổ sung hoặc ký kết mới.\n"
    assert _read(body).operations == ()


def test_an_umbrella_with_nothing_under_it_is_listed() -> None:
    op = _one("Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 01/2025/TT-BNN\n")
    assert (op.kind, op.state, op.reasons) == ("unknown", "listed", ("unknown_form",))


def test_every_reason_the_reader_gives_has_wording() -> None:
    body = (
        UMBRELLA
        + "1. Đính chính khoản 1 Điều 2.\n2. Sửa đổi gạch đầu dòng thứ hai của điểm a khoản 2 Điều 3 như sau:\n"
        "“- Nội dung.”.\n"
    )
    ops = _ops(body)
    assert [op.reasons for op in ops] == [("unknown_form",), ("target_not_addressable",)]
    assert all(code in REASONS for op in ops for code in op.reasons)


# --- properties ------------------------------------------------------------------------------------------------

_UNITS = st.sampled_from(
    ["khoản 1 Điều 2", "Điều 4", "điểm a khoản 2 Điều 3", "khoản 3", "Điều 6a", "khoản 9 Điều 40", "Mục 1 Chương II"]
)
_INSTRUCTIONS = st.one_of(
    st.builds("Sửa đổi, bổ sung {} như sau:".format, _UNITS),
    st.builds("Sửa đổi, bổ sung tên {} như sau:".format, _UNITS),
    st.builds("Bổ sung {} vào sau khoản 1 Điều 2 như sau:".format, _UNITS),
    st.builds("Bãi bỏ {}.".format, _UNITS),
    st.builds("Thay thế cụm từ “ong” bằng cụm từ “ong mật” tại {}.".format, _UNITS),
    st.builds("Bãi bỏ từ “mật” tại {};".format, _UNITS),
    st.just("Sửa đổi, bổ sung một số khoản của Điều 3 như sau:"),
    st.just("Sửa Mẫu số 01 thành Mẫu số 02 ban hành kèm theo Thông tư này;"),
    st.just("Bãi bỏ Thông tư số 02/2024/TT-BNN."),
    st.just("Đính chính Điều 5."),
    st.just("Thay từ “ong bằng “ve” tại Điều 2."),
)
_MARKERS = st.sampled_from(["{n}. ", "{l}) ", "- ", ""])
_BLOCKS = st.sampled_from(["", "“1. Nội dung mới.”.", "“Điều 4. Tên\n1. Một.\n2. Hai “ba”.”;", "a) “Điều 5. Phí”;"])


@st.composite
def _acts(draw: st.DrawFn) -> tuple[str, list[str]]:
    lines: list[str] = []
    instruction_lines: list[str] = []
    for article in range(1, draw(st.integers(1, 3)) + 1):
        heading = f"Điều {article}. " + draw(st.one_of(_INSTRUCTIONS, st.just("Nội dung khác")))
        lines.append(heading)
        if is_instruction(heading.split(". ", 1)[1]):
            instruction_lines.append(heading)
        for number in range(1, draw(st.integers(0, 4)) + 1):
            marker = draw(_MARKERS).format(n=number, l="abcde"[number - 1])
            line = marker + draw(_INSTRUCTIONS)
            lines.append(line)
            instruction_lines.append(line)
            block = draw(_BLOCKS)
            if block:
                lines.extend(block.split("\n"))
    return "\n".join(lines) + "\n", instruction_lines


@settings(max_examples=150, deadline=None)
@given(_acts())
def test_the_reader_never_drops_an_instruction_line(act: tuple[str, list[str]]) -> None:
    body, instruction_lines = act
    reading = _read(body)
    accounted = {op.instruction for op in reading.operations} | {line for _, line in reading.umbrellas}
    for line in instruction_lines:
        assert line in reading.instruction_lines
        assert line in accounted
    assert [op.seq for op in reading.operations] == list(range(1, len(reading.operations) + 1))
    assert all(op.state in ("proposed", "listed") for op in reading.operations)
    assert all((op.state == "listed") == bool(op.reasons) for op in reading.operations)
    assert all(code in REASONS for op in reading.operations for code in op.reasons)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["Điều 1.", "Điều 2a.", "1.", "a)", "đ)", "-", "“", "”", "”.", ";", ":", "\n", " ", "./."]),
            st.sampled_from(["Sửa đổi, bổ sung", "Bổ sung", "Bãi bỏ", "Thay thế", "Thay", "Bỏ", "như sau:", "vào sau"]),
            st.sampled_from(["khoản 2", "Điều 5", "điểm a", "Mẫu số 01", "Phụ lục II", "tên", "cụm từ", "tại", "trừ"]),
            st.sampled_from(["của Quy định", "Quy định 2", "quy định tại", "(Quy định)", "ban hành kèm theo"]),
            st.sampled_from(["Thông tư số 01/2025/TT-BNN", "của Luật này", "có hiệu lực thi hành từ ngày 01 tháng 7"]),
            st.text(max_size=5),
        ),
        max_size=60,
    )
)
def test_the_reader_never_raises(tokens: list[str]) -> None:
    reading = read_act(
        "Điều 1. " + " ".join(tokens),
        source="s",
        issued_on=ISSUED,
        effective_from=EFFECTIVE,
        targets=_trees(),
        default_target="x",
    )
    assert all(isinstance(op, Operation) for op in reading.operations)


@pytest.mark.parametrize(
    "text",
    [
        "Điều 1. Sửa đổi, bổ sung " + "khoản 1, " * 5000 + "Điều 2 như sau:\n“1. x”.\n",
        "Điều 1. Thay thế cụm từ " + "“a” " * 5000 + "\n",
        "Điều 1. Sửa đổi, bổ sung Điều 2 như sau:\n" + "“Điều 2. x\n" * 5000,
        "Điều 1. Thông tư này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026, trừ quy định tại khoản 2 Điều này.\n"
        "2. Quy định tại " + "khoản 1, " * 3000 + "Điều 1 có hiệu lực thi hành từ ngày 01 tháng 01 năm 2027.\n",
        "Điều 1. Thông tư này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026, trừ quy định tại khoản 2 Điều này.\n"
        "2. " + "khoản 1 Điều 1 của Luật này, " * 3000 + "có hiệu lực thi hành từ ngày 01 tháng 01 năm 2027.\n",
    ],
    ids=["long-list", "many-quotes", "unclosed-block", "date-list", "date-many-acts"],
)
def test_hostile_text_is_read_in_linear_time(text: str) -> None:
    # The date clause once took 7 s on a 27,000-character list (a regex that backtracked from every position).
    # This process's CPU time, not the wall clock: a loaded machine (CI beside other jobs) must not fail it, and
    # a backtracking pattern still would.
    started = time.process_time()
    read_act(text, source="s", issued_on=ISSUED, effective_from=EFFECTIVE, targets=_trees(), default_target=None)
    assert time.process_time() - started < 2.0
