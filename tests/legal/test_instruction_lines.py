"""The amending act's own numbered lines ("Điều 2.", "3.", "b)") are read by the line functions of
legal/provisions.py, the ones parse_structure reads every text with: one grammar. Where the reader's former copy
differed from it, the grammar's behaviour was kept; these tests pin each difference."""

from __future__ import annotations

import pytest

from legal.instructions import operative_lines
from legal.provisions import article_line, clause_line, parse_structure, point_line
from tests.legal.test_instructions import HEAD, TAIL, UMBRELLA, _ops

# --- the line functions themselves -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "number", "rest"),
    [
        ("Điều 5. Phạm vi điều chỉnh", "5", "Phạm vi điều chỉnh"),
        ("ĐIỀU 5: Phạm vi", "5", "Phạm vi"),
        ("Điều 05. Phạm vi", "5", "Phạm vi"),
        ("Điều 15a. Hồ sơ", "15a", "Hồ sơ"),
        ("Điều 5 Phạm vi điều chỉnh", "5", "Phạm vi điều chỉnh"),
        ("Điều 5. (được bãi bỏ)", "5", "(được bãi bỏ)"),
    ],
)
def test_an_article_line_gives_its_canonical_number_and_the_rest(line: str, number: str, rest: str) -> None:
    found = article_line(line)
    assert found is not None and (found.number, found.rest) == (number, rest)


@pytest.mark.parametrize(
    "line", ["Điều 5 của Luật này quy định", "Điều 5-7 Luật Đất đai", "Điều 0. Không có", "Điều 12 Nghị định số 15"]
)
def test_running_text_that_starts_with_an_article_is_no_article_line(line: str) -> None:
    assert article_line(line) is None


def test_a_citation_line_is_an_article_only_where_that_article_is_next_in_sequence() -> None:
    assert article_line("Điều 12 Nghị định quy định", expected=11) is None
    found = article_line("Điều 12 Nghị định quy định", expected=12)
    assert found is not None and found.number == "12"


@pytest.mark.parametrize(
    ("line", "number", "rest"),
    [
        ("2. Hồ sơ gồm:", "2", "Hồ sơ gồm:"),
        ("2 . Hồ sơ", "2", "Hồ sơ"),
        ("2.Hồ sơ", "2", "Hồ sơ"),
        ("02. Hồ sơ", "2", "Hồ sơ"),
    ],
)
def test_a_clause_line_gives_its_canonical_number(line: str, number: str, rest: str) -> None:
    found = clause_line(line)
    assert found is not None and (found.number, found.rest) == (number, rest)


@pytest.mark.parametrize("line", ["1.500 đồng là mức phí", "0. Không", "Hồ sơ gồm 2. bản"])
def test_an_amount_or_a_zero_is_no_clause_line(line: str) -> None:
    assert clause_line(line) is None


def test_a_point_line_takes_only_vietnamese_point_letters() -> None:
    found = point_line("đ) Ảnh chụp")
    assert found is not None and (found.number, found.rest) == ("đ", "Ảnh chụp")
    assert point_line("f) Không phải điểm") is None
    assert point_line("A) Danh mục") is None


def test_parse_structure_reads_the_same_lines() -> None:
    tree = parse_structure("Điều 1. Phạm vi\n01. Khoản một.\n2.Khoản hai:\nđ) Điểm đ.\n")
    article = tree[0]
    assert [c["eid"] for c in article["children"]] == ["dieu-1/khoan-1", "dieu-1/khoan-2"]
    assert article["children"][1]["children"][0]["eid"] == "dieu-1/khoan-2/diem-dd"


# --- the reader reads the act's own numbering with them -------------------------------------------------------------
# Each test below failed with the reader's former patterns ("Điều n." with a period only, "n." followed by a space,
# the number as printed).


def test_a_clause_printed_without_a_space_after_its_number_is_numbered_as_parse_structure_numbers_it() -> None:
    operations = _ops(UMBRELLA + "1.Bãi bỏ Điều 6.\n2.Bãi bỏ Điều 5.\n")
    assert [(op.source_eid, op.target_eid, op.state) for op in operations] == [
        ("dieu-1/khoan-1", "dieu-6", "proposed"),
        ("dieu-1/khoan-2", "dieu-5", "proposed"),
    ]


def test_a_clause_number_printed_with_a_leading_zero_gives_a_canonical_source_eid() -> None:
    operations = _ops(UMBRELLA + "01. Bãi bỏ Điều 6.\n")
    assert [op.source_eid for op in operations] == ["dieu-1/khoan-1"]


@pytest.mark.parametrize("heading", ["Điều 1:", "ĐIỀU 1."])
def test_the_operative_part_opens_at_article_1_however_its_heading_is_punctuated(heading: str) -> None:
    body = f"{heading} Bãi bỏ Điều 6 của Thông tư số 01/2025/TT-BNN.\n"
    assert operative_lines(HEAD + body + TAIL)[0] == body.strip()
    operations = _ops(body)
    assert [(op.source_eid, op.kind, op.target_eid, op.state) for op in operations] == [
        ("dieu-1", "repeal", "dieu-6", "proposed")
    ]
