"""The correction reader (legal.corrections, decision 0018 §3 "Đính chính") and the applier's correct_words, on
generated documents: every printed form of an item, the listed cases, dates, and a correction of an amending act
reaching its base."""

from __future__ import annotations

import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legal import consolidate
from legal.corrections import is_correcting_act
from legal.instructions import read_act
from legal.numbers import key_or_none
from legal.operations import REASONS, Operation
from legal.provisions import parse_structure

BASE_NUMBER = "12/2024/QĐ-UBND"
BASE_DATE = date(2024, 3, 1)  # its effective date: a correction applies from it
BASE = """ỦY BAN NHÂN DÂN TỈNH HÀ GIANG
Số: 12/2024/QĐ-UBND
QUYẾT ĐỊNH
Ban hành Quy định về thủ tục cấp phép
Điều 1. Ban hành kèm theo Quyết định này Quy định về thủ tục cấp phép.
Điều 2. Quyết định này có hiệu lực từ ngày 01 tháng 3 năm 2024.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
QUY ĐỊNH
Về thủ tục cấp phép
(Ban hành kèm theo Quyết định số 12/2024/QĐ-UBND)
Điều 3. Hồ sơ
1. Hồ sơ gồm:
a) Đơn đề nghị theo mẫu của Sở Xây dựng;
b) Bản sao giấy tờ tùy thân.
Điều 5. Thời hạn
1. Hồ sơ nộp trong 5 ngày làm việc.
2. Cơ quan trả lời trong 15 ngày kể từ ngày nhận đủ hồ sơ.
3. Quá 15 ngày mà không trả lời thì phải nêu lý do; sau 15 ngày người nộp được khiếu nại.
"""
ISSUED = date(2024, 6, 10)
HEAD = """ỦY BAN NHÂN DÂN TỈNH HÀ GIANG
Số: 30/2024/QĐ-UBND
QUYẾT ĐỊNH
Về việc đính chính Quyết định số 12/2024/QĐ-UBND ngày 20 tháng 02 năm 2024
Căn cứ Luật Ban hành văn bản quy phạm pháp luật;
QUYẾT ĐỊNH:
Điều 1. Đính chính Quy định ban hành kèm theo Quyết định số 12/2024/QĐ-UBND ngày 20 tháng 02 năm 2024 như sau:
"""
TAIL = """Điều 2. Quyết định này có hiệu lực từ ngày ký.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
"""


def _read(body: str, *, head: str = HEAD, dates: dict[str, date] | None = None) -> list[Operation]:
    reading = read_act(
        head + body + TAIL,
        source="30/2024/QĐ-UBND",
        issued_on=ISSUED,
        effective_from=ISSUED,
        targets={BASE_NUMBER: parse_structure(BASE)},
        target_dates={BASE_NUMBER: BASE_DATE} if dates is None else dates,
    )
    return list(reading.operations)


def _one(body: str, **kwargs: object) -> Operation:
    ops = _read(body, **kwargs)  # type: ignore[arg-type]
    assert len(ops) == 1, ops
    return ops[0]


# --- the forms ------------------------------------------------------------------------------------------------


def test_da_ghi_nay_sua_lai_la_on_three_lines() -> None:
    op = _one(
        "1. Tại khoản 2 Điều 5 của Quy định ban hành kèm theo Quyết định số 12/2024/QĐ-UBND:\n"
        "Đã ghi: “Cơ quan trả lời trong 15 ngày kể từ ngày nhận đủ hồ sơ”.\n"
        "Nay sửa lại là: “Cơ quan trả lời trong 10 ngày kể từ ngày nhận đủ hồ sơ”.\n"
    )
    assert (op.kind, op.state, op.reasons) == ("correct_words", "proposed", ())
    assert op.scope_eids == ("quy-dinh/dieu-5/khoan-2",)
    assert op.old_words == "Cơ quan trả lời trong 15 ngày kể từ ngày nhận đủ hồ sơ"
    assert op.new_words == "Cơ quan trả lời trong 10 ngày kể từ ngày nhận đủ hồ sơ"
    assert op.target == key_or_none(BASE_NUMBER) and op.source_eid == "dieu-1/khoan-1"
    # The corrected document's own date, not the correcting act's.
    assert op.applies_on == BASE_DATE and op.source_issued_on == ISSUED


def test_da_in_la_sua_lai_la_in_one_sentence_under_the_regulation_lead() -> None:
    op = _one("2. Tại điểm a khoản 1 Điều 3, đã in là “của Sở Xây dựng”, sửa lại là “của Sở Tư pháp”.\n")
    assert op.state == "proposed", op.reasons
    assert op.scope_eids == ("quy-dinh/dieu-3/khoan-1/diem-a",)
    assert (op.old_words, op.new_words) == ("của Sở Xây dựng", "của Sở Tư pháp")
    assert op.source_eid == "dieu-1/khoan-2"


def test_page_and_line_locate_on_paper_only_xin_doc_la() -> None:
    op = _one(
        "3. Tại trang 5, khoản 1 Điều 5, dòng thứ 3 từ trên xuống: Đã in: “trong 5 ngày làm việc” "
        "Xin đọc là: “trong 05 ngày làm việc”.\n"
    )
    assert op.state == "proposed", op.reasons
    assert op.scope_eids == ("quy-dinh/dieu-5/khoan-1",)
    assert op.new_words == "trong 05 ngày làm việc"


def test_a_letter_without_articles_viet_la_nay_xin_sua_lai_la_with_quotes_on_their_own_lines() -> None:
    head = (
        "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG\nSố: 31/ĐC-UBND\n"
        "Do sơ suất trong khâu đánh máy, Ủy ban nhân dân tỉnh xin đính chính sai sót tại Quyết định số "
        "12/2024/QĐ-UBND ngày 20 tháng 02 năm 2024 như sau:\n"
    )
    text = (
        head
        + "Tại khoản 1 Điều 5 của Quy định ban hành kèm theo Quyết định, viết là:\n"
        + "“Hồ sơ nộp trong 5 ngày làm việc.”\nNay xin sửa lại là:\n“Hồ sơ nộp trong 7 ngày làm việc.”\n"
        + "Ủy ban nhân dân tỉnh xin thông báo để các cơ quan biết./.\nTM. ỦY BAN NHÂN DÂN\n"
    )
    reading = read_act(
        text,
        source="31",
        issued_on=ISSUED,
        effective_from=ISSUED,
        targets={BASE_NUMBER: parse_structure(BASE)},
        target_dates={BASE_NUMBER: BASE_DATE},
    )
    (op,) = reading.operations
    assert op.state == "proposed", op.reasons
    assert op.scope_eids == ("quy-dinh/dieu-5/khoan-1",) and op.source_eid == ""
    assert (op.old_words, op.new_words) == ("Hồ sơ nộp trong 5 ngày làm việc.", "Hồ sơ nộp trong 7 ngày làm việc.")


def test_nay_sua_thanh_and_no_unit_named_is_the_whole_document_when_the_words_occur_once() -> None:
    op = _one("1. Tại trang 2, dòng thứ 4 từ trên xuống, đã ghi: “Đơn đề nghị theo mẫu”, nay sửa thành: “Đơn”.\n")
    assert op.state == "proposed", op.reasons
    assert op.scope_eids == ()


def test_several_items_each_one_operation_in_order() -> None:
    ops = _read(
        "1. Tại khoản 1 Điều 5, đã ghi “5 ngày”, sửa lại là “05 ngày”.\n"
        "2. Tại điểm b khoản 1 Điều 3, đã ghi “giấy tờ tùy thân”, sửa lại là “giấy tờ tùy thân còn hiệu lực”.\n"
    )
    assert [(op.seq, op.state, op.scope_eids) for op in ops] == [
        (1, "proposed", ("quy-dinh/dieu-5/khoan-1",)),
        (2, "proposed", ("quy-dinh/dieu-3/khoan-1/diem-b",)),
    ]


# --- listed -----------------------------------------------------------------------------------------------------


def test_words_not_in_the_unit_are_listed() -> None:
    op = _one("1. Tại khoản 1 Điều 5, đã ghi “30 ngày”, sửa lại là “10 ngày”.\n")
    assert (op.state, op.reasons) == ("listed", ("words_not_found",))


def test_words_printed_several_times_in_the_unit_are_listed() -> None:
    op = _one("1. Tại khoản 3 Điều 5, đã ghi “15 ngày”, sửa lại là “10 ngày”.\n")
    assert (op.state, op.reasons) == ("listed", ("words_repeated",))
    assert "words_repeated" in REASONS


def test_a_missing_unit_is_listed() -> None:
    op = _one("1. Tại khoản 9 Điều 5, đã ghi “15 ngày”, sửa lại là “10 ngày”.\n")
    assert (op.state, op.reasons) == ("listed", ("target_missing",))


def test_unbalanced_quotes_and_unknown_items_are_listed_not_dropped() -> None:
    op = _one("1. Tại khoản 2 Điều 5, đã ghi “15 ngày, sửa lại là “10 ngày”.\n")
    assert (op.state, op.reasons) == ("listed", ("quote_unbalanced",))
    ops = _read(
        "1. Tại khoản 1 Điều 5, đã ghi “5 ngày”, sửa lại là “05 ngày”.\n2. Tại khoản 1 Điều 5, chữ “làm việc” thừa.\n"
    )
    assert [(op.state, op.reasons) for op in ops] == [("proposed", ()), ("listed", ("unknown_form",))]
    assert ops[1].instruction == "2. Tại khoản 1 Điều 5, chữ “làm việc” thừa."


def test_an_annex_or_a_table_is_listed() -> None:
    ops = _read(
        "1. Tại Phụ lục I, đã ghi “Mẫu 01”, sửa lại là “Mẫu 02”.\n"
        "2. Tại cột thứ 3 của bảng tại khoản 1 Điều 5, đã ghi “5”, sửa lại là “7”.\n"
    )
    assert [op.reasons for op in ops] == [("annex_text",), ("target_not_addressable",)]


def test_without_the_corrected_documents_date_it_is_listed_date_unclear() -> None:
    op = _one("1. Tại khoản 1 Điều 5, đã ghi “5 ngày”, sửa lại là “05 ngày”.\n", dates={})
    assert (op.state, op.reasons) == ("listed", ("date_unclear",))


def test_an_unknown_corrected_document_is_listed() -> None:
    head = HEAD.replace("12/2024/QĐ-UBND", "99/2023/QĐ-UBND")
    op = _one("1. Tại khoản 1 Điều 5, đã ghi “5 ngày”, sửa lại là “05 ngày”.\n", head=head)
    assert op.state == "listed" and "target_document_unknown" in op.reasons


def test_an_amending_act_is_not_a_correcting_act() -> None:
    amending = HEAD.replace("Đính chính", "Sửa đổi, bổ sung một số điều của") + (
        "1. Sửa đổi khoản 2 Điều 5 như sau:\n“2. Cơ quan trả lời trong 10 ngày.”\n"
    )
    assert not is_correcting_act(amending + TAIL)
    # A correction line inside an act that also amends stays with the instruction reader (listed there).
    mixed = HEAD + "1. Tại khoản 1 Điều 5, đã ghi “5 ngày”, sửa lại là “05 ngày”.\n2. Bãi bỏ khoản 3 Điều 5.\n"
    assert not is_correcting_act(mixed + TAIL)
    assert is_correcting_act(HEAD + "1. Tại khoản 1 Điều 5, đã ghi “5 ngày”, sửa lại là “05 ngày”.\n" + TAIL)


# --- applying ---------------------------------------------------------------------------------------------------

CORRECTION = Operation(
    kind="correct_words",
    target_eid="",
    applies_on=BASE_DATE,
    source="30",
    seq=1,
    target="base",
    source_eid="dieu-1/khoan-1",
    source_issued_on=ISSUED,
    old_words="trong 15 ngày kể từ",
    new_words="trong 10 ngày kể từ",
    scope_eids=("quy-dinh/dieu-5/khoan-2",),
)


def _unit(version: consolidate.Version, eid: str) -> consolidate.VersionNode:
    stack = list(version.tree)
    while stack:
        node = stack.pop()
        if node["eid"] == eid:
            return node
        stack.extend(node["children"])
    raise AssertionError(eid)


def test_a_correction_is_the_text_from_the_first_day_with_its_note() -> None:
    result = consolidate.consolidate(parse_structure(BASE), [CORRECTION], base_from=BASE_DATE, document="base")
    assert not result.held
    assert len(result.versions) == 1  # no new version: the corrected wording is the document's own
    first = consolidate.text_on(result, BASE_DATE)
    assert first is not None
    clause = _unit(first, "quy-dinh/dieu-5/khoan-2")
    assert "trong 10 ngày kể từ" in clause["text"] and "15 ngày" not in clause["text"]
    assert [note["kind"] for note in clause["notes"]] == ["correct_words"]
    assert clause["notes"][0]["applies_on"] == BASE_DATE.isoformat()


def test_a_later_amendment_carries_the_correction_and_applies_after_it() -> None:
    later = Operation(
        kind="substitute_words",
        target_eid="",
        applies_on=date(2025, 1, 1),
        source="40",
        seq=1,
        target="base",
        source_issued_on=date(2024, 12, 1),
        old_words="Cơ quan trả lời",
        new_words="Sở Tư pháp trả lời",
        scope_eids=("quy-dinh/dieu-5/khoan-2",),
    )
    result = consolidate.consolidate(parse_structure(BASE), [later, CORRECTION], base_from=BASE_DATE, document="base")
    assert not result.held
    before = consolidate.text_on(result, date(2024, 12, 31))
    after = consolidate.text_on(result, date(2025, 1, 1))
    assert before is not None and after is not None
    assert _unit(before, "quy-dinh/dieu-5/khoan-2")["text"].startswith("Cơ quan trả lời trong 10 ngày")
    assert _unit(after, "quy-dinh/dieu-5/khoan-2")["text"].startswith("Sở Tư pháp trả lời trong 10 ngày")


def test_a_correction_on_the_day_of_an_amendment_of_the_same_unit_applies_first_without_a_clash() -> None:
    same_day = Operation(
        kind="substitute_words",
        target_eid="",
        applies_on=BASE_DATE,
        source="40",
        seq=1,
        target="base",
        source_issued_on=date(2024, 1, 1),  # issued before the correction: the order by date alone would be wrong
        old_words="trong 10 ngày",
        new_words="trong 07 ngày",
        scope_eids=("quy-dinh/dieu-5/khoan-2",),
    )
    result = consolidate.consolidate(
        parse_structure(BASE), [same_day, CORRECTION], base_from=BASE_DATE, document="base"
    )
    assert not result.held
    version = consolidate.text_on(result, BASE_DATE)
    assert version is not None
    assert "trong 07 ngày" in _unit(version, "quy-dinh/dieu-5/khoan-2")["text"]


AMENDMENT = Operation(
    kind="replace",
    target_eid="quy-dinh/dieu-5/khoan-1",
    applies_on=date(2025, 1, 1),
    source="amending",
    seq=1,
    target="base",
    source_eid="dieu-1/khoan-1",
    source_issued_on=date(2024, 12, 1),
    new_text="1. Hồ sơ nộp trong 3 ngày làm việc.",
)
OTHER_AMENDMENT = Operation(
    kind="substitute_words",
    target_eid="",
    applies_on=date(2025, 1, 1),
    source="amending",
    seq=2,
    target="base",
    source_eid="dieu-1/khoan-2",
    source_issued_on=date(2024, 12, 1),
    old_words="15 ngày kể từ",
    new_words="12 ngày kể từ",
    scope_eids=("quy-dinh/dieu-5/khoan-2",),
)


def _correction_of_the_amending_act(scope: tuple[str, ...]) -> Operation:
    return Operation(
        kind="correct_words",
        target_eid="",
        applies_on=date(2025, 1, 1),
        source="fix",
        seq=1,
        target="amending",
        source_issued_on=date(2025, 2, 1),
        old_words="3 ngày",
        new_words="4 ngày",
        scope_eids=scope,
    )


@pytest.mark.parametrize("scope", [("dieu-1/khoan-1",), ("dieu-1",), ()])
def test_a_correction_of_an_amending_act_reaches_the_base(scope: tuple[str, ...]) -> None:
    mended = consolidate.correct_sources([AMENDMENT, OTHER_AMENDMENT], [_correction_of_the_amending_act(scope)])
    assert mended[0].new_text == "1. Hồ sơ nộp trong 4 ngày làm việc." and mended[0].corrected_by == ("fix",)
    assert mended[1] == OTHER_AMENDMENT  # no such words: untouched
    result = consolidate.consolidate(parse_structure(BASE), mended, base_from=BASE_DATE, document="base")
    before, after = consolidate.text_on(result, date(2024, 12, 31)), consolidate.text_on(result, date(2025, 1, 1))
    assert before is not None and after is not None
    assert _unit(before, "quy-dinh/dieu-5/khoan-1")["text"] == "Hồ sơ nộp trong 5 ngày làm việc."
    clause = _unit(after, "quy-dinh/dieu-5/khoan-1")
    assert clause["text"] == "Hồ sơ nộp trong 4 ngày làm việc."
    assert clause["notes"][-1]["corrected_by"] == ["fix"]


def test_a_correction_outside_the_instructions_scope_or_rejected_leaves_it_alone() -> None:
    elsewhere = _correction_of_the_amending_act(("dieu-1/khoan-2",))
    rejected = Operation(**{**_fields(_correction_of_the_amending_act(())), "state": "rejected"})
    assert consolidate.correct_sources([AMENDMENT], [elsewhere, rejected]) == [AMENDMENT]


def _fields(op: Operation) -> dict[str, object]:
    return {name: getattr(op, name) for name in Operation.__slots__}  # type: ignore[attr-defined]


# --- never raises, never slow -------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["Điều 1.", "Điều 2.", "1.", "a)", "-", "“", "”", "”.", ";", ":", "\n", " ", "./."]),
            st.sampled_from(["Đính chính", "như sau:", "Tại", "Đã ghi:", "đã in là", "viết là", "Nay sửa lại là:"]),
            st.sampled_from(["Xin đọc là", "sửa thành", "khoản 2", "Điều 5", "điểm a", "trang 5", "dòng thứ 3"]),
            st.sampled_from([BASE_NUMBER, "Quy định ban hành kèm theo", "Phụ lục I", "bảng", "tên"]),
            st.text(max_size=5),
        ),
        max_size=60,
    )
)
def test_the_correction_reader_never_raises(tokens: list[str]) -> None:
    text = "Điều 1. Đính chính Quyết định số 12/2024/QĐ-UBND như sau:\n" + " ".join(tokens)
    reading = read_act(
        text,
        source="s",
        issued_on=ISSUED,
        effective_from=ISSUED,
        targets={BASE_NUMBER: parse_structure(BASE)},
        target_dates={BASE_NUMBER: BASE_DATE},
    )
    if is_correcting_act(text):
        assert reading.operations and all(op.kind == "correct_words" for op in reading.operations)
    assert all(op.state in ("proposed", "listed") for op in reading.operations)


@pytest.mark.parametrize(
    "body",
    [
        "Tại khoản 1 Điều 5, đã ghi “5 ngày”\n" * 3000,
        "Tại khoản 1 Điều 5" + " ," * 20000 + " đã ghi “5 ngày” sửa lại là “6 ngày”\n",
        "1. Tại " + "khoản 1, " * 5000 + "Điều 5, đã ghi “5 ngày”, sửa lại là “6 ngày”.\n",
        "1. Tại khoản 1 Điều 5, " + "đã ghi “5 ngày”, " * 5000 + "\n",
    ],
    ids=["many-open-items", "long-place", "long-list", "many-markers"],
)
def test_hostile_corrections_are_read_in_bounded_time(body: str) -> None:
    started = time.perf_counter()
    _read(body)
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize("heading", ["Điều 2: Hiệu lực thi hành", "ĐIỀU 2. HIỆU LỰC THI HÀNH"])
def test_the_items_end_where_the_next_article_opens_however_it_is_printed(heading: str) -> None:
    """The one article-line grammar (legal.provisions.article_line): the next article's clauses are not items."""
    body = (
        "1. Tại khoản 2 Điều 5:\n"
        "Đã ghi: “Cơ quan trả lời trong 15 ngày kể từ ngày nhận đủ hồ sơ”.\n"
        "Nay sửa lại là: “Cơ quan trả lời trong 10 ngày kể từ ngày nhận đủ hồ sơ”.\n"
    )
    tail = f"{heading}\n1. Quyết định này có hiệu lực từ ngày ký.\n2. Các cơ quan chịu trách nhiệm thi hành.\n"
    reading = read_act(
        HEAD + body + tail + "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n",
        source="30/2024/QĐ-UBND", issued_on=ISSUED, effective_from=ISSUED,
        targets={BASE_NUMBER: parse_structure(BASE)}, target_dates={BASE_NUMBER: BASE_DATE},
    )  # fmt: skip
    assert [(op.kind, op.state) for op in reading.operations] == [("correct_words", "proposed")]
