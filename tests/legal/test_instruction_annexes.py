"""A form or annex replaced by one the amending act itself issues ("Sửa Mẫu số 01 thành Mẫu số 31 ban hành kèm theo
Thông tư này") is proposed as a replace_annex whose new text is the reference to the act's own form, with "này"
read as the act's number from its header; the table itself stays in the act (decision 0018: opaque leaves).
What the sentence does not make certain stays listed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from legal.consolidate import consolidate, text_on
from legal.instructions import read_instructions
from legal.operations import Operation
from legal.provisions import parse_structure
from tests.legal.test_instructions import BASE, BASE_NUMBER, EFFECTIVE, HEAD, ISSUED, TAIL

ANNEXES = """KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Nguyễn Văn B
Phụ lục I
CÁC MẪU ĐƠN
Mẫu số 01
Đơn đề nghị cấp giấy chứng nhận
Mẫu số 02
Tờ khai thùng ong
Mẫu số 03
Báo cáo định kỳ
Phụ lục II
Danh mục vùng nuôi ong
"""
OWN = "ban hành kèm theo Thông tư số 09/2026/TT-BNN"  # HEAD prints "Số: 09/2026/TT-BNN"
UMBRELLA = "Điều 1. Sửa đổi các mẫu ban hành kèm theo Thông tư số 01/2025/TT-BNN như sau:\n"


def _read(body: str, *, head: str = HEAD) -> list[Operation]:
    return read_instructions(
        head + body + TAIL,
        source="09/2026/TT-BNN",
        issued_on=ISSUED,
        effective_from=EFFECTIVE,
        targets={BASE_NUMBER: parse_structure(BASE + ANNEXES)},
        default_target=BASE_NUMBER,
    )


def _read_one(body: str) -> tuple[str, str, str, tuple[str, ...]]:
    ops = _read(UMBRELLA + body)
    assert len(ops) == 1, ops
    return ops[0].target_eid, ops[0].state, ops[0].new_text, ops[0].reasons


def test_a_form_replaced_by_the_acts_own_is_proposed_with_the_reference() -> None:
    assert _read_one("a) Sửa Mẫu số 01 thành Mẫu số 31 ban hành kèm theo Thông tư này;\n") == (
        "mau-so-01",
        "proposed",
        f"Mẫu số 31 {OWN}",
        (),
    )


def test_annexes_and_forms_replaced_respectively_keep_the_annex_the_act_names() -> None:
    ops = _read(
        "Điều 1. Thay thế Phụ lục II, Mẫu số 01 và Mẫu số 02 Phụ lục I ban hành kèm theo Thông tư số 01/2025/TT-BNN "
        "tương ứng bằng các Phụ lục II, Mẫu số 01 và Mẫu số 02 Phụ lục I ban hành kèm theo Thông tư này.\n"
    )
    assert [(op.kind, op.target_eid, op.state, op.new_text) for op in ops] == [
        ("replace_annex", "phu-luc-ii", "proposed", f"Phụ lục II {OWN}"),
        ("replace_annex", "mau-so-01", "proposed", f"Mẫu số 01 Phụ lục I {OWN}"),
        ("replace_annex", "mau-so-02", "proposed", f"Mẫu số 02 Phụ lục I {OWN}"),
    ]


def test_a_replacement_numbered_as_another_form_of_the_target_renumbers_them_and_is_listed() -> None:
    # 372/2025/NĐ-CP: "Thay thế … Mẫu số 10, Mẫu số 11, Mẫu số 12 tương ứng bằng … Mẫu số 07, Mẫu số 08, Mẫu số 09":
    # the base's own Mẫu số 07 is still there (repealed by another point), so the forms are renumbered.
    assert _read_one("a) Thay thế Mẫu số 03 bằng Mẫu số 02 ban hành kèm theo Thông tư này;\n") == (
        "mau-so-03",
        "listed",
        f"Mẫu số 02 {OWN}",
        ("number_mismatch",),
    )


def test_what_the_sentence_does_not_make_certain_stays_listed() -> None:
    # The replacement is another act's form: the reference would not be this act's words.
    other = _read_one("a) Sửa Mẫu số 01 thành Mẫu số 31 ban hành kèm theo Thông tư số 03/2026/TT-BNN;\n")
    # Two forms replaced by one.
    two = _read(UMBRELLA + "a) Thay thế Mẫu số 01, Mẫu số 02 bằng Mẫu số 31 ban hành kèm theo Thông tư này;\n")
    # A form replaced by an annex.
    kind = _read_one("a) Thay thế Mẫu số 01 bằng Phụ lục III ban hành kèm theo Thông tư này;\n")
    # A form added: the sentence names no content.
    added = _read_one("a) Bổ sung Mẫu số 04 quy định về tờ khai.\n")
    for target_eid, state, _, reasons in (
        other,
        kind,
        added,
        *((op.target_eid, op.state, "", op.reasons) for op in two),
    ):
        assert (state, reasons) == ("listed", ("annex_text",)), target_eid


def test_an_act_whose_header_prints_no_number_lists_the_replacement() -> None:
    head = HEAD.replace("Số: 09/2026/TT-BNN\n", "")
    ops = _read(UMBRELLA + "a) Sửa Mẫu số 01 thành Mẫu số 31 ban hành kèm theo Thông tư này;\n", head=head)
    assert [(op.state, op.reasons) for op in ops] == [("listed", ("annex_text",))]


def test_the_applier_puts_the_reference_in_the_form_and_keeps_its_number() -> None:
    ops = _read(UMBRELLA + "a) Sửa Mẫu số 01 thành Mẫu số 31 ban hành kèm theo Thông tư này;\n")
    result = consolidate(parse_structure(BASE + ANNEXES), ops, base_from=date(2025, 3, 1))
    version = text_on(result, EFFECTIVE)
    assert version is not None and not result.held
    form = next(node for node in version.tree if node["eid"] == "mau-so-01")
    assert (form["label"], form["text"]) == ("Mẫu số 01", f"Mẫu số 31 {OWN}")


# --- the corpus ---

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "amendments"


def _read_corpus(act: str, base: str, base_number: str) -> list[Operation]:
    return read_instructions(
        (CORPUS / act).read_text(encoding="utf-8"),
        source=act,
        issued_on=ISSUED,
        effective_from=EFFECTIVE,
        targets={base_number: parse_structure((CORPUS / base).read_text(encoding="utf-8"))},
    )


@pytest.mark.corpus
def test_corpus_forms_of_14_2021_replaced_by_08_2023_are_proposed_with_their_reference() -> None:
    ops = _read_corpus("thong-tu_08-2023-TT-BLDTBXH.txt", "thong-tu_14-2021-TT-BLDTBXH.txt", "14/2021/TT-BLĐTBXH")
    replaced = [(op.target_eid, op.state, op.new_text) for op in ops if op.source_eid.startswith("dieu-1/khoan-4/")]
    own = "ban hành kèm theo Thông tư số 08/2023/TT-BLĐTBXH"
    assert replaced == [
        ("mau-so-01", "proposed", f"Mẫu số 31 {own}"),
        ("mau-so-03", "proposed", f"Mẫu số 32 {own}"),
        ("mau-so-09", "proposed", f"Mẫu số 33 {own}"),
        ("mau-so-12", "proposed", f"Mẫu số 34 {own}"),
    ]


@pytest.mark.corpus
def test_corpus_forms_renumbered_by_372_2025_stay_listed() -> None:
    ops = _read_corpus("nghi-dinh_372-2025-ND-CP.txt", "nghi-dinh_112-2021-ND-CP.txt", "112/2021/NĐ-CP")
    point_b = {op.target_eid: (op.state, op.reasons) for op in ops if op.source_eid == "dieu-1/khoan-16/diem-b"}
    assert point_b["mau-so-01"] == ("proposed", ())
    assert [point_b[f"mau-so-{n}"] for n in ("10", "11", "12")] == [("listed", ("number_mismatch",))] * 3
