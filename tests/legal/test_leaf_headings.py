"""Annex and form headings that a PDF conversion joined to the end of the previous line ("… (nếu có) Phụ lục V.
Nội dung chi tiết …", "… kế tiếp. Mẫu số 02. Biên bản họp …") are read as headings after the body when they are
the next in sequence and their rest reads as a title, not a sentence; anything else stays text."""

from __future__ import annotations

from pathlib import Path

import pytest

from legal.provisions import StructureNode, parse_structure

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "amendments"

BODY = """THÔNG TƯ
Điều 1. Phạm vi
Thông tư này quy định về trường trung cấp theo Mẫu số 01. Văn bản đề nghị nộp tại Sở
Điều 2. Hiệu lực
Thông tư này có hiệu lực từ ngày 01 tháng 3 năm 2025./.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Lê Văn B
"""
# 14/2021's layout: the annex lists its forms, each number at the end of a line, then prints each form with its
# heading joined to the last line before it.
FORMS = """Phụ lục
CÁC MẪU VĂN BẢN
(Kèm theo Thông tư số 14/2021/TT-BLĐTBXH) Mẫu số 01
Văn bản đề nghị thành lập hội đồng trường Mẫu số 02
Biên bản họp bầu hội đồng trường Mẫu số 01. Văn bản đề nghị thành lập hội đồng trường
Kính gửi: Sở Lao động - Thương binh và Xã hội
Hồ sơ kèm theo Mẫu số 03. Không có
Ghi chú: (1) Tên trường. Mẫu số 02. Biên bản họp bầu hội đồng trường
Hôm nay, ngày … tháng … năm …
"""


def _leaves(tree: list[StructureNode]) -> list[tuple[str, str]]:
    return [(node["eid"], node["title"]) for node in tree if node["kind"] in ("annex", "form")]


def test_forms_printed_at_the_end_of_a_line_are_read_in_sequence() -> None:
    tree = parse_structure(BODY + FORMS)
    assert _leaves(tree) == [
        ("phu-luc", ""),
        ("mau-so-01", "Văn bản đề nghị thành lập hội đồng trường"),
        ("mau-so-02", "Biên bản họp bầu hội đồng trường"),
    ]
    form_01 = next(node for node in tree if node["eid"] == "mau-so-01")
    # The listing stays the annex's text, the line before each heading the previous leaf's; "Mẫu số 03." is not the
    # next form (02 is), so it stays text.
    assert "Hồ sơ kèm theo Mẫu số 03. Không có" in form_01["text"]
    assert form_01["text"].endswith("Ghi chú: (1) Tên trường.")
    # In the body such a line is an article's text.
    assert tree[1]["text"].startswith("Thông tư này quy định về trường trung cấp theo Mẫu số 01. Văn bản")


def test_an_annex_printed_at_the_end_of_a_line_is_read_when_it_is_the_next_one() -> None:
    annexes = (
        "Phụ lục I. Danh mục\nNội dung\nhợp đồng (nếu có) Phụ lục II. Nội dung chi tiết hợp đồng đối với ngành, nghề,\n"
        "công việc tại Nhật Bản\nSTT (nếu có) Phụ lục IV. Nội dung khác\n"
    )
    leaves = _leaves(parse_structure(BODY + annexes))
    # Phụ lục IV is not next after II: it stays text of Phụ lục II.
    assert leaves == [("phu-luc-i", "Danh mục"), ("phu-luc-ii", "Nội dung chi tiết hợp đồng đối với ngành, nghề,")]


@pytest.mark.parametrize(
    "line",
    [
        "Hồ sơ nộp theo Phụ lục II. Hồ sơ gồm:",  # a sentence
        "Hồ sơ nộp theo Phụ lục II. Trường hợp khác thì nộp bản sao.",
        "Hồ sơ nộp theo phụ lục II. Danh mục",  # lower case: a citation in running text
        "Hồ sơ nộp theo Phụ lục II Danh mục",  # no period after the number
    ],
)
def test_a_citation_or_a_sentence_stays_text(line: str) -> None:
    leaves = _leaves(parse_structure(BODY + "Phụ lục I. Danh mục\n" + line + "\n"))
    assert leaves == [("phu-luc-i", "Danh mục")]


# --- the corpus: the headings decision 0018's increment 1 left in the previous leaf ---


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["thong-tu_14-2021-TT-BLDTBXH.txt", "thong-tu_15-2021-TT-BLDTBXH.txt"])
def test_corpus_forms_printed_mid_line_are_leaves(name: str) -> None:
    tree = parse_structure((CORPUS / name).read_text(encoding="utf-8"))
    assert [eid for eid, _ in _leaves(tree)] == ["phu-luc", *(f"mau-so-{n:02d}" for n in range(1, 16))]


@pytest.mark.corpus
def test_corpus_annexes_printed_mid_line_are_leaves() -> None:
    tree = parse_structure((CORPUS / "thong-tu_21-2021-TT-BLDTBXH.txt").read_text(encoding="utf-8"))
    annexes = [eid for eid, _ in _leaves(tree) if "mau-so" not in eid]
    roman = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii"]
    assert annexes == [f"phu-luc-{number}" for number in roman]
