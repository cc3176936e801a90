"""Tests for the provision grammar (legal.provisions): the document-structure parser, provision labels and their
one order; real-shaped texts plus property tests."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from legal.provisions import (
    POINT_LETTERS,
    ProvisionError,
    StructureNode,
    find_provision,
    normalize_provision,
    parse_eid,
    parse_fragment,
    parse_structure,
    provision_eid,
    provision_label,
    provision_labels,
    provision_sort_key,
    split_provisions,
)

# A provincial decision as published: national heading, preamble with "Căn cứ" lines, three articles,
# then the signature block. Windows line endings and NBSP as copied from a .doc file.
DECISION = (
    "ỦY BAN NHÂN DÂN\u00a0TỈNH AN GIANG\r\n"
    "-------\r\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\r\n"
    "Độc lập - Tự do - Hạnh phúc\r\n"
    "---------------\r\n"
    "Số: 15/2025/QĐ-UBND\r\n"
    "An Giang, ngày 10 tháng 7 năm 2025\r\n"
    "\r\n"
    "QUYẾT ĐỊNH\r\n"
    "Ban hành Quy định phân cấp quản lý nhà nước về an toàn thực phẩm trên địa bàn tỉnh An Giang\r\n"
    "\r\n"
    "ỦY BAN NHÂN DÂN TỈNH AN GIANG\r\n"
    "\r\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\r\n"
    "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 19 tháng 02 năm 2025;\r\n"
    "1. Căn cứ Luật An toàn thực phẩm ngày 17 tháng 6 năm 2010;\r\n"
    "Theo đề nghị của Giám đốc Sở Y tế tại Tờ trình số 123/TTr-SYT ngày 01 tháng 7 năm 2025.\r\n"
    "\r\n"
    "QUYẾT ĐỊNH:\r\n"
    "\r\n"
    "Điều 1. Ban hành kèm theo Quyết định này Quy định phân cấp quản lý nhà nước về an toàn thực phẩm "
    "trên địa bàn tỉnh An Giang.\r\n"
    "\r\n"
    "Điều 2: Quyết định này có hiệu lực thi hành kể từ ngày 20 tháng 7 năm 2025 và thay thế "
    "Quyết định số 05/2020/QĐ-UBND.\r\n"
    "\r\n\r\n"
    "Điều 3 . Hiệu lực thi hành\r\n"
    "1. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Y tế chịu trách nhiệm thi hành.\r\n"
    "2. Trong quá trình thực hiện, nếu có vướng mắc:\r\n"
    "a) Các cơ quan phản ánh về Sở Y tế;\r\n"
    "b) Sở Y tế tổng hợp, báo cáo Ủy ban nhân dân tỉnh.\r\n"
)

# A regulation with every level, an article with a letter suffix, points up to đ, a chapter title on the
# next line in capitals, a numbered list inside a point, and points straight under an article.
REGULATION = """QUY ĐỊNH
Về quản lý cụm công nghiệp trên địa bàn tỉnh
(Kèm theo Quyết định số 20/2025/QĐ-UBND)

Chương I
QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh
Quy định này quy định về quản lý cụm công nghiệp.

Điều 2. Đối tượng áp dụng
1. Cơ quan nhà nước.
2. Tổ chức, cá nhân có liên quan.

Chương II
QUY ĐỊNH CỤ THỂ

Mục 1
QUY HOẠCH CỤM CÔNG NGHIỆP

Điều 3. Nguyên tắc
1. Bảo đảm phù hợp quy hoạch tỉnh.
2. Các trường hợp sau đây phải lấy ý kiến:
a) Thành lập mới cụm công nghiệp;
b) Mở rộng cụm công nghiệp, gồm:
1. mở rộng diện tích;
c) Điều chỉnh ranh giới;
d) Sáp nhập cụm công nghiệp;
đ) Các trường hợp khác theo quy định.
3. Sở Công Thương hướng dẫn.

Điều 3a. Trách nhiệm phối hợp
Các sở, ngành có trách nhiệm:
a) Cung cấp thông tin;
b) Tham gia thẩm định.

Mục 2. ĐẦU TƯ HẠ TẦNG
điều 4: Chủ đầu tư hạ tầng
Nội dung điều 4.
Chương II của Luật này không áp dụng.

CHƯƠNG III
ĐIỀU KHOẢN THI HÀNH

Điều 5. Tổ chức thực hiện
Giao Sở Công Thương hướng dẫn thực hiện.
"""


def _nodes(tree: list[StructureNode]) -> list[StructureNode]:
    found: list[StructureNode] = []
    for node in tree:
        found.append(node)
        found.extend(_nodes(node["children"]))
    return found


def _node(tree: list[StructureNode], label: str) -> StructureNode:
    node = find_provision(tree, label)
    assert node is not None, label
    return node


# --- parse_structure: the decision ---


def test_decision_preamble_holds_heading_and_legal_bases() -> None:
    tree = parse_structure(DECISION)
    preamble = tree[0]
    assert preamble["kind"] == "preamble"
    assert preamble["anchor"] == "mo-dau"
    assert preamble["label"] == ""
    assert preamble["children"] == []
    lines = preamble["text"].split("\n")
    assert lines[0] == "ỦY BAN NHÂN DÂN TỈNH AN GIANG"  # NBSP became a space
    assert "Số: 15/2025/QĐ-UBND" in lines
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;" in lines
    # A numbered line before any article is text, not a clause.
    assert "1. Căn cứ Luật An toàn thực phẩm ngày 17 tháng 6 năm 2010;" in lines
    assert lines[-1] == "QUYẾT ĐỊNH:"
    assert "" not in lines  # blank lines dropped
    assert all("\r" not in line for line in lines)


def test_decision_articles() -> None:
    tree = parse_structure(DECISION)
    assert [node["label"] for node in tree[1:]] == ["Điều 1", "Điều 2", "Điều 3"]
    first, second, third = tree[1:]
    # A one-sentence article is body text, not a title.
    assert first["title"] == ""
    assert first["text"].startswith("Ban hành kèm theo Quyết định này Quy định phân cấp")
    assert second["title"] == ""  # "Điều 2:" with a colon
    assert second["text"].startswith("Quyết định này có hiệu lực thi hành")
    assert third["title"] == "Hiệu lực thi hành"  # "Điều 3 ." with a spaced period
    assert third["text"] == ""
    assert third["anchor"] == "dieu-3"
    assert third["number"] == "3"


def test_decision_clauses_and_points() -> None:
    tree = parse_structure(DECISION)
    assert provision_labels(tree) == [
        "Điều 1",
        "Điều 2",
        "Điều 3",
        "Khoản 1 Điều 3",
        "Khoản 2 Điều 3",
        "Điểm a Khoản 2 Điều 3",
        "Điểm b Khoản 2 Điều 3",
    ]
    clause = _node(tree, "Khoản 2 Điều 3")
    assert clause["kind"] == "clause"
    assert clause["number"] == "2"
    assert clause["title"] == ""
    assert clause["text"] == "Trong quá trình thực hiện, nếu có vướng mắc:"
    assert clause["anchor"] == "khoan-2-dieu-3"
    point = _node(tree, "điểm b khoản 2 điều 3")
    assert point["text"] == "Sở Y tế tổng hợp, báo cáo Ủy ban nhân dân tỉnh."
    assert point["anchor"] == "diem-b-khoan-2-dieu-3"


# --- parse_structure: the regulation ---


def test_regulation_outline() -> None:
    """A text that is only the attached regulation ("QUY ĐỊNH / title / (Kèm theo …)") is rooted at "quy-dinh", as
    the regulation after a decision is: instructions cite "khoản 2 Điều 5 của Quy định ban hành kèm theo …"."""
    tree = parse_structure(REGULATION)
    assert len(tree) == 1
    regulation = tree[0]
    assert (regulation["kind"], regulation["label"], regulation["eid"], regulation["anchor"]) == (
        "regulation",
        "Quy định",
        "quy-dinh",
        "quy-dinh",
    )
    assert regulation["title"] == "Về quản lý cụm công nghiệp trên địa bàn tỉnh"
    assert regulation["text"] == "(Kèm theo Quyết định số 20/2025/QĐ-UBND)"
    chapters = regulation["children"]
    assert [(c["kind"], c["label"], c["title"], c["anchor"], c["eid"]) for c in chapters] == [
        ("chapter", "Chương I", "QUY ĐỊNH CHUNG", "chuong-i-quy-dinh", "quy-dinh/chuong-i"),
        ("chapter", "Chương II", "QUY ĐỊNH CỤ THỂ", "chuong-ii-quy-dinh", "quy-dinh/chuong-ii"),
        ("chapter", "Chương III", "ĐIỀU KHOẢN THI HÀNH", "chuong-iii-quy-dinh", "quy-dinh/chuong-iii"),
    ]
    sections = chapters[1]["children"]
    assert [(s["label"], s["title"], s["anchor"]) for s in sections] == [
        ("Mục 1 Chương II", "QUY HOẠCH CỤM CÔNG NGHIỆP", "muc-1-chuong-ii-quy-dinh"),
        ("Mục 2 Chương II", "ĐẦU TƯ HẠ TẦNG", "muc-2-chuong-ii-quy-dinh"),
    ]
    assert [a["label"] for a in sections[0]["children"]] == ["Điều 3", "Điều 3a"]
    # Lower-case "điều 4:" at the start of a line is still a heading.
    article_4 = sections[1]["children"][0]
    assert (article_4["label"], article_4["title"]) == ("Điều 4", "Chủ đầu tư hạ tầng")
    # ... but a sentence that merely starts with "Chương II" is not.
    assert article_4["text"] == "Nội dung điều 4.\nChương II của Luật này không áp dụng."


def test_regulation_labels_in_document_order() -> None:
    """A text that is only the regulation is rooted as one: its provisions are cited as the regulation's."""
    labels = provision_labels(parse_structure(REGULATION))
    assert [label.removesuffix(" (Quy định)") for label in labels] == [
        "Chương I",
        "Điều 1",
        "Điều 2",
        "Khoản 1 Điều 2",
        "Khoản 2 Điều 2",
        "Chương II",
        "Mục 1 Chương II",
        "Điều 3",
        "Khoản 1 Điều 3",
        "Khoản 2 Điều 3",
        "Điểm a Khoản 2 Điều 3",
        "Điểm b Khoản 2 Điều 3",
        "Điểm c Khoản 2 Điều 3",
        "Điểm d Khoản 2 Điều 3",
        "Điểm đ Khoản 2 Điều 3",
        "Khoản 3 Điều 3",
        "Điều 3a",
        "Điểm a Điều 3a",
        "Điểm b Điều 3a",
        "Mục 2 Chương II",
        "Điều 4",
        "Chương III",
        "Điều 5",
    ]
    assert all(label.endswith(" (Quy định)") for label in labels)
    assert all(normalize_provision(label) == label for label in labels)


def test_regulation_node_details() -> None:
    tree = parse_structure(REGULATION)
    article = _node(tree, "Điều 3 (Quy định)")
    assert article["title"] == "Nguyên tắc"
    assert article["text"] == ""
    assert [child["label"] for child in article["children"]] == [
        "Khoản 1 Điều 3",
        "Khoản 2 Điều 3",
        "Khoản 3 Điều 3",
    ]
    # The "1." inside point b is a list item (clause numbers only go up), so it stays in the point.
    point_b = _node(tree, "Điểm b Khoản 2 Điều 3 (Quy định)")
    assert point_b["text"] == "Mở rộng cụm công nghiệp, gồm:\n1. mở rộng diện tích;"
    point_dd = _node(tree, "Điểm đ Khoản 2 Điều 3 (Quy định)")
    assert point_dd["anchor"] == "diem-dd-khoan-2-dieu-3-quy-dinh"
    assert point_dd["eid"] == "quy-dinh/dieu-3/khoan-2/diem-dd"
    assert _node(tree, "Điểm d Khoản 2 Điều 3 (Quy định)")["anchor"] == "diem-d-khoan-2-dieu-3-quy-dinh"
    # Points straight under an article.
    suffixed = _node(tree, "Điều 3A của quy định")
    assert (suffixed["number"], suffixed["anchor"]) == ("3a", "dieu-3a-quy-dinh")
    assert suffixed["title"] == "Trách nhiệm phối hợp"
    assert suffixed["text"] == "Các sở, ngành có trách nhiệm:"
    assert _node(tree, "Điểm a Điều 3a (Quy định)")["anchor"] == "diem-a-dieu-3a-quy-dinh"
    assert _node(tree, "Điều 1 (Quy định)")["text"] == "Quy định này quy định về quản lý cụm công nghiệp."


# --- parse_structure: edge cases ---


@pytest.mark.parametrize("text", ["", "\n\n", "   \r\n\u00a0", "\ufeff"])
def test_empty_documents(text: str) -> None:
    assert parse_structure(text) == []


def test_text_without_structure_is_all_preamble() -> None:
    tree = parse_structure("Công văn\r\nVề việc góp ý dự thảo\r\n1. Nội dung thứ nhất\r\na) ý kiến")
    assert len(tree) == 1
    assert tree[0]["kind"] == "preamble"
    assert tree[0]["text"] == "Công văn\nVề việc góp ý dự thảo\n1. Nội dung thứ nhất\na) ý kiến"


@pytest.mark.parametrize(
    ("line", "number", "title"),
    [
        ("Điều 1. Phạm vi điều chỉnh", "1", "Phạm vi điều chỉnh"),
        ("Điều 1: Phạm vi điều chỉnh", "1", "Phạm vi điều chỉnh"),
        ("Điều 1 . Phạm vi điều chỉnh", "1", "Phạm vi điều chỉnh"),
        ("Điều 1 - Phạm vi điều chỉnh", "1", "Phạm vi điều chỉnh"),
        ("Điều 1 Phạm vi điều chỉnh", "1", "Phạm vi điều chỉnh"),
        ("Điều 1.Phạm vi điều chỉnh.", "1", "Phạm vi điều chỉnh"),
        ("ĐIỀU 1. PHẠM VI ĐIỀU CHỈNH", "1", "PHẠM VI ĐIỀU CHỈNH"),
        ("điều 12a. Sửa đổi", "12a", "Sửa đổi"),
        ("Điều 05.", "5", ""),
        ("Điều 7", "7", ""),
        ("Ðiều 2. Ðối tượng", "2", "Đối tượng"),  # U+00D0 eth from legacy encodings, repaired
        (unicodedata.normalize("NFD", "Điều 3. Tên"), "3", "Tên"),  # decomposed diacritics (macOS, some PDFs)
    ],
)
def test_article_heading_spellings(line: str, number: str, title: str) -> None:
    tree = parse_structure(line + "\nNội dung.")
    assert tree[0]["kind"] == "article"
    assert (tree[0]["number"], tree[0]["title"], tree[0]["text"]) == (number, title, "Nội dung.")


@pytest.mark.parametrize(
    "line",
    [
        "Điều 5 của Luật này được sửa đổi như sau:",  # wrapped citation
        "Điều 5 Luật Đất đai năm 2024 quy định",  # citation, out of sequence
        "Điều 5-7 của Nghị định",
        "Điều 5, 6 và 7 của Nghị định",
        "Điều 0. Không tồn tại",
        "Điều 5ab. Sai",
        "Chương II của Luật này",
        "Mục 2 của Chương này",
        "Phần thứ hai của Bộ luật",
        "Chương IIII",
        "Mục tiêu của chương trình",
        "1.500.000 đồng mỗi tháng",
    ],
)
def test_lines_that_are_not_headings(line: str) -> None:
    tree = parse_structure("Điều 1. Tên\n" + line)
    assert [node["label"] for node in tree] == ["Điều 1"]
    assert tree[0]["text"] == line
    assert tree[0]["children"] == []


def test_citation_in_sequence_is_still_a_heading() -> None:
    # A sloppy heading without punctuation whose title starts "Quyết định này ..." is recognised.
    tree = parse_structure("Điều 1. Ban hành\nĐiều 2 Quyết định này có hiệu lực từ ngày ký")
    assert provision_labels(tree) == ["Điều 1", "Điều 2"]


def test_parts_and_chapter_number_spellings() -> None:
    text = (
        "Phần thứ nhất\nNHỮNG QUY ĐỊNH CHUNG\nChương 1\nQuy định chung\nĐiều 1. A\n"
        "PHẦN THỨ HAI\nCHƯƠNG II. TÀI SẢN\nĐiều 2. B\n"
        "PHẦN III - THỪA KẾ\nChương III\nQUY ĐỊNH\nCHUNG VỀ THỪA KẾ\n\nĐiều 3. C\nPhần 4\nĐiều 4. D\n"
    )
    tree = parse_structure(text)
    assert [(n["label"], n["title"], n["anchor"]) for n in tree] == [
        ("Phần I", "NHỮNG QUY ĐỊNH CHUNG", "phan-i"),
        ("Phần II", "", "phan-ii"),
        ("Phần III", "THỪA KẾ", "phan-iii"),
        ("Phần IV", "", "phan-iv"),
    ]
    assert [(c["label"], c["title"]) for p in tree for c in p["children"] if c["kind"] == "chapter"] == [
        ("Chương I", "Quy định chung"),
        ("Chương II", "TÀI SẢN"),
        ("Chương III", "QUY ĐỊNH CHUNG VỀ THỪA KẾ"),  # two-line capital title
    ]
    assert provision_labels(tree)[-1] == "Điều 4"
    assert _node(tree, "Điều 4")["anchor"] == "dieu-4"


def test_points_outside_a_clause_attach_to_the_article() -> None:
    tree = parse_structure("Điều 9. Nguyên tắc\na) Công khai;\nb) Minh bạch.\nf) không phải điểm")
    article = tree[0]
    assert [child["label"] for child in article["children"]] == ["Điểm a Điều 9", "Điểm b Điều 9"]
    assert article["children"][1]["text"] == "Minh bạch.\nf) không phải điểm"


def test_points_before_any_article_are_text() -> None:
    tree = parse_structure("a) điểm lạc\nĐiều 1. A")
    assert tree[0]["kind"] == "preamble"
    assert tree[0]["text"] == "a) điểm lạc"


def test_repeated_numbers_get_unique_anchors() -> None:
    tree = parse_structure("Điều 1. A\n1. x\nĐiều 1. B\n1. y\nChương I\nChương I")
    anchors = [node["anchor"] for node in _nodes(tree)]
    assert anchors == ["dieu-1", "khoan-1-dieu-1", "dieu-1-2", "khoan-1-dieu-1-2", "chuong-i", "chuong-i-2"]
    eids = [node["eid"] for node in _nodes(tree)]
    assert eids == ["dieu-1", "dieu-1/khoan-1", "dieu-1-2", "dieu-1-2/khoan-1", "chuong-i", "chuong-i-2"]
    # Only the first of a repeated number is addressable: the repeat's eId is not canonical.
    with pytest.raises(ProvisionError):
        parse_eid("dieu-1-2")
    # find_provision returns the first match.
    assert _node(tree, "Điều 1")["title"] == "A"


def test_decreasing_clause_number_is_text() -> None:
    tree = parse_structure("Điều 1. A\n1. x\n2. y\n2. z\n4. w")
    assert provision_labels(tree) == ["Điều 1", "Khoản 1 Điều 1", "Khoản 2 Điều 1", "Khoản 4 Điều 1"]
    assert _node(tree, "Khoản 2 Điều 1")["text"] == "y\n2. z"


def test_find_provision_misses() -> None:
    tree = parse_structure(REGULATION)
    assert find_provision(tree, "Điều 99") is None
    assert find_provision(tree, "not a label") is None
    assert find_provision([], "Điều 1") is None


def test_tree_functions_accept_plain_json_dicts() -> None:
    tree: list[dict[str, Any]] = [
        {"kind": "preamble", "label": "", "children": []},
        {"kind": "article", "label": "Điều 1", "children": [{"kind": "clause", "label": "Khoản 1 Điều 1"}]},
    ]
    assert provision_labels(tree) == ["Điều 1", "Khoản 1 Điều 1"]
    assert find_provision(tree, "khoản 1 điều 1") == {"kind": "clause", "label": "Khoản 1 Điều 1"}


# --- normalize_provision ---


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("điều 3", "Điều 3"),
        ("  Điều   3.  ", "Điều 3"),
        ("ĐIỀU 03", "Điều 3"),
        ("Điều 5A", "Điều 5a"),
        ("dieu 3", "Điều 3"),
        ("Ðiều 3", "Điều 3"),
        ("Điều\u00a03", "Điều 3"),
        ("điều3", "Điều 3"),
        ("khoản 2, điều 5", "Khoản 2 Điều 5"),
        ("Khoản 2 Điều 5", "Khoản 2 Điều 5"),
        ("khoản 2 của điều 5", "Khoản 2 Điều 5"),
        ("khỏan 2 điều 5", "Khoản 2 Điều 5"),  # old-style tone placement
        ("K2 Đ5", "Khoản 2 Điều 5"),
        ("k.2 đ.5", "Khoản 2 Điều 5"),
        ("Điều 5 khoản 2", "Khoản 2 Điều 5"),  # reverse order
        ("điểm a khoản 2 điều 5", "Điểm a Khoản 2 Điều 5"),
        ("Điểm A, Khoản 2, Điều 5", "Điểm a Khoản 2 Điều 5"),
        ("Điều 5 khoản 2 điểm đ", "Điểm đ Khoản 2 Điều 5"),
        ("diem dd khoan 2 dieu 5", "Điểm đ Khoản 2 Điều 5"),
        ("điểm b điều 7", "Điểm b Điều 7"),
        ("chương II", "Chương II"),
        ("chương ii", "Chương II"),
        ("Chương 2", "Chương II"),
        ("CHƯƠNG XIV", "Chương XIV"),
        ("mục 1 chương ii", "Mục 1 Chương II"),
        ("Chương II mục 1", "Mục 1 Chương II"),
        ("mục 2", "Mục 2"),
        ("phần thứ nhất", "Phần I"),
        ("Phần thứ mười hai", "Phần XII"),
        ("PHẦN 3", "Phần III"),
        ("phan thu tu", "Phần IV"),
    ],
)
def test_normalize_provision(raw: str, label: str) -> None:
    assert normalize_provision(raw) == label
    assert normalize_provision(label) == label


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "abc",
        "Điều",
        "Điều abc",
        "Điều 0",
        "Khoản 2",  # a clause must name its article
        "Điểm a",
        "Điểm a Khoản 2",
        "Điểm f Điều 5",  # no f in the Vietnamese alphabet
        "Điều 5.2",
        "Điều 5 Chương II",
        "Khoản 2 Điểm a Điều 5",  # mixed order
        "Điều 3, Điều 5",  # a list
        "Điều 3 đến Điều 5",
        "Điều 5 Luật Đất đai",
        "Điều 5 (sửa đổi)",
        "Chương MMMM",
        "Chương 4000",
        "Điều 1234567",
        "Điều 5 5",
        "đến Điều 5",
    ],
)
def test_normalize_provision_rejects(raw: str) -> None:
    with pytest.raises(ProvisionError) as caught:
        normalize_provision(raw)
    assert caught.value.message_vi
    assert caught.value.message_en
    assert str(caught.value) == caught.value.message_en
    assert isinstance(caught.value, ValueError)


# --- split_provisions ---


@pytest.mark.parametrize(
    ("raw", "labels"),
    [
        ("Điều 3, Điều 5; Khoản 2 Điều 7", ["Điều 3", "Điều 5", "Khoản 2 Điều 7"]),
        ("Điều 3 và Điều 5", ["Điều 3", "Điều 5"]),
        ("Điều 3, 5 và 7", ["Điều 3", "Điều 5", "Điều 7"]),
        ("các khoản 1, 2 và 3 Điều 5", ["Khoản 1 Điều 5", "Khoản 2 Điều 5", "Khoản 3 Điều 5"]),
        ("Khoản 1, khoản 2 Điều 5", ["Khoản 1 Điều 5", "Khoản 2 Điều 5"]),
        ("điểm a, b khoản 2 Điều 5", ["Điểm a Khoản 2 Điều 5", "Điểm b Khoản 2 Điều 5"]),
        ("Khoản 1 Điều 5, 2", ["Khoản 1 Điều 5", "Khoản 2 Điều 5"]),
        ("Khoản 2 Điều 5, khoản 3", ["Khoản 2 Điều 5", "Khoản 3 Điều 5"]),
        ("khoản 2, điều 5", ["Khoản 2 Điều 5"]),  # one reference, not two
        ("Mục 1, Mục 2 Chương II", ["Mục 1 Chương II", "Mục 2 Chương II"]),
        ("từ Điều 3 đến Điều 6", ["Điều 3", "Điều 4", "Điều 5", "Điều 6"]),
        ("Điều 3-5", ["Điều 3", "Điều 4", "Điều 5"]),
        ("khoản 1 đến khoản 3 Điều 5", ["Khoản 1 Điều 5", "Khoản 2 Điều 5", "Khoản 3 Điều 5"]),
        ("điểm c đến điểm e khoản 1 Điều 2", ["Điểm c Khoản 1 Điều 2", "Điểm d Khoản 1 Điều 2",
                                              "Điểm đ Khoản 1 Điều 2", "Điểm e Khoản 1 Điều 2"]),
        ("Chương I đến Chương III", ["Chương I", "Chương II", "Chương III"]),
        ("Điều 3\r\nĐiều 4\n", ["Điều 3", "Điều 4"]),
        ("Điều 3, Điều 3, điều 3", ["Điều 3"]),
        ("Điều 7, Điều 2", ["Điều 7", "Điều 2"]),  # order as given
        ("Điều 5", ["Điều 5"]),
        ("Điều 3, Điều 4 và ", ["Điều 3", "Điều 4"]),  # a dangling separator is harmless
        # As amending acts write them (decision 0018): a clause after points takes their article, a point before a
        # clause takes the article stated last; neither borrows the other's clause.
        ("điểm a, điểm c khoản 2 Điều 7 và khoản 3", ["Điểm a Khoản 2 Điều 7", "Điểm c Khoản 2 Điều 7",
                                                       "Khoản 3 Điều 7"]),
        ("điểm c khoản 1 và khoản 3 Điều 5", ["Điểm c Khoản 1 Điều 5", "Khoản 3 Điều 5"]),
        ("điểm c khoản 1 Điều 4 và khoản 3", ["Điểm c Khoản 1 Điều 4", "Khoản 3 Điều 4"]),
    ],
)  # fmt: skip
def test_split_provisions(raw: str, labels: list[str]) -> None:
    assert split_provisions(raw) == labels


@pytest.mark.parametrize(
    "raw",
    [
        "",
        ", ;",
        "Điều 3, abc",
        "Điều 3 đến",
        "Khoản 2 và Điều 5",  # "và" separates: Khoản 2 has no article
        "Điều 5 đến Điều 3",
        "Điều 3a đến Điều 5",
        "Khoản 1 Điều 3 đến Khoản 2 Điều 4",
        "Điều 1 đến Điều 5000",
        "Điều 5.2, Điều 6",
    ],
)
def test_split_provisions_rejects(raw: str) -> None:
    with pytest.raises(ProvisionError):
        split_provisions(raw)


# --- provision_label ---


def test_provision_label() -> None:
    assert provision_label("article", "5") == "Điều 5"
    assert provision_label("point", "đ", {"clause": "2", "article": "05"}) == "Điểm đ Khoản 2 Điều 5"
    assert provision_label("section", "1", {"chapter": "2"}) == "Mục 1 Chương II"
    assert provision_label("part", "1") == "Phần I"
    with pytest.raises(ProvisionError):
        provision_label("clause", "2")
    with pytest.raises(ProvisionError):
        provision_label("paragraph", "2")


# --- provision_sort_key ---


def test_sort_key_natural_order() -> None:
    expected = [
        "Phần I",
        "Phần II",
        "Mục 1",
        "Chương I",
        "Mục 1 Chương I",
        "Mục 2 Chương I",
        "Chương II",
        "Điều 2",
        "Điều 3",
        "Điểm a Điều 3",
        "Khoản 1 Điều 3",
        "Điểm a Khoản 1 Điều 3",
        "Điểm d Khoản 1 Điều 3",
        "Điểm đ Khoản 1 Điều 3",
        "Điểm e Khoản 1 Điều 3",
        "Khoản 2 Điều 3",
        "Khoản 10 Điều 3",
        "Điều 3a",
        "Điều 3b",
        "Điều 10",
        "abc",
        "zzz",
    ]
    shuffled = list(reversed(expected))
    assert sorted(shuffled, key=provision_sort_key) == expected
    assert provision_sort_key("khoản 1 điều 3") == provision_sort_key("Khoản 1 Điều 3")


def test_sort_key_orders_points_in_vietnamese_alphabet_and_other_labels_naturally() -> None:
    # The validity engine's former order, kept where it agreed with this one: đ after d, "Phụ lục 2" before
    # "Phụ lục 10" and after every provision (a chapter now comes before the articles, as in the document).
    labels = ["Phụ lục 10", "Phụ lục 2", "Điểm đ Khoản 1 Điều 2", "Điều 10", "Điểm e Khoản 1 Điều 2", "Điều 2"]
    assert sorted([*labels, "Chương II", "Phần I"], key=provision_sort_key) == [
        "Phần I",
        "Chương II",
        "Điều 2",
        "Điểm đ Khoản 1 Điều 2",
        "Điểm e Khoản 1 Điều 2",
        "Điều 10",
        "Phụ lục 2",
        "Phụ lục 10",
    ]
    assert provision_sort_key("Phụ  lục 2") == provision_sort_key("phụ lục 2")


# --- properties ---

_STRUCTURAL_FRAGMENTS = st.sampled_from(
    [
        "Điều 1.", "Điều 2:", "điều 3 .", "Điều 4a.", "Điều 0.", "ĐIỀU 5", "Chương I", "CHƯƠNG II",
        "Chương 3", "Mục 1", "Mục 2.", "Phần thứ nhất", "PHẦN II", "1. ", "2. ", "10. ", "a) ", "b) ", "đ) ",
        "y) ", "f) ",
        "QUY ĐỊNH CHUNG", "Tên điều", "Căn cứ Luật", "\r\n", "\n", "\r", "\u00a0", " ", ".", ":", "-", "Ð",
        "\ufeff", "\u0300", "thứ", "mười", "hai", "nhất",
        # What surrounds the provisions (decision 0018): regulation, signature, annexes and forms.
        "QUY ĐỊNH", "(Kèm theo", "KT. BỘ TRƯỞNG", "Nơi nhận:", "./.", "CHỦ TỊCH", "PHỤ LỤC I", "Phụ lục",
        "Mẫu số 01", "Mẫu số: 02/TB-ĐĐKD", "Luật này được Quốc hội thông qua",
    ]
)  # fmt: skip
_FRAGMENT_LISTS = st.lists(st.one_of(_STRUCTURAL_FRAGMENTS, st.text(max_size=3)))
_DOCUMENTS = st.one_of(st.text(), _FRAGMENT_LISTS.map("".join))


@settings(max_examples=400, deadline=None)
@given(_DOCUMENTS)
@example(DECISION)
@example(REGULATION)
@example("Điều 1\nĐiều 1\nĐiều 1-2\n1. a\n1. a")
def test_parse_structure_never_raises_and_anchors_are_unique(text: str) -> None:
    tree = parse_structure(text)
    nodes = _nodes(tree)
    anchors = [node["anchor"] for node in nodes]
    assert len(anchors) == len(set(anchors))
    eids = [node["eid"] for node in nodes]
    assert len(eids) == len(set(eids))
    assert all(anchor.isascii() and anchor == anchor.lower() and " " not in anchor for anchor in anchors)
    assert all(node["kind"] != "preamble" for node in nodes[1:])
    for label in provision_labels(tree):
        assert normalize_provision(label) == label  # every label the parser emits is canonical
        assert find_provision(tree, label) is not None


_KIND_WORDS = st.sampled_from(["Điều", "điều", "dieu", "Khoản", "khoan", "K", "Đ", "Điểm", "diem", "Chương",
                               "chương", "Mục", "muc", "Phần", "phần thứ", "của", "và", "đến"])  # fmt: skip
_NUMBERS = st.one_of(
    st.integers(0, 30).map(str),
    st.sampled_from(["a", "đ", "dd", "f", "II", "iv", "5a", "nhất", "05", "1.2", "MMMM"]),
)
_SEPARATORS = st.sampled_from([" ", ", ", "; ", " - ", "", "\n", ". ", "  "])
_REFERENCES = st.one_of(
    st.text(),
    st.lists(st.tuples(_KIND_WORDS, _SEPARATORS, _NUMBERS, _SEPARATORS), max_size=4).map(
        lambda parts: "".join("".join(part) for part in parts)
    ),
)


@settings(max_examples=500, deadline=None)
@given(_REFERENCES)
@example("khoản 2, điều 5")
@example("Điểm đ Khoản 2 Điều 5a")
def test_normalize_provision_is_idempotent(raw: str) -> None:
    try:
        label = normalize_provision(raw)
    except ProvisionError:
        return
    assert normalize_provision(label) == label
    assert split_provisions(label) == [label]
    assert provision_sort_key(label)[0] < 3


@settings(max_examples=300, deadline=None)
@given(_REFERENCES)
def test_split_provisions_outputs_are_canonical(raw: str) -> None:
    try:
        labels = split_provisions(raw)
    except ProvisionError:
        return
    assert labels
    assert len(labels) == len(set(labels))
    assert all(normalize_provision(label) == label for label in labels)


@given(st.lists(st.one_of(st.text(max_size=8), _REFERENCES), max_size=6))
def test_sort_key_is_total(labels: list[str]) -> None:
    sorted(labels, key=provision_sort_key)  # never raises, keys always comparable


@given(
    st.integers(1, 999),
    st.sampled_from(["", *"abc"]),
    st.integers(1, 50),
    st.sampled_from(list(POINT_LETTERS)),
)
def test_generated_labels_round_trip(article: int, suffix: str, clause: int, point: str) -> None:
    label = provision_label("point", point, {"clause": str(clause), "article": f"{article}{suffix}"})
    assert label == f"Điểm {point} Khoản {clause} Điều {article}{suffix}"
    assert normalize_provision(label) == label
    assert normalize_provision(label.lower()) == label
    reverse = f"điều {article}{suffix} khoản {clause} điểm {point}"
    assert normalize_provision(reverse) == label
    assert provision_sort_key(f"Điều {article}{suffix}") < provision_sort_key(label)
    assert provision_sort_key(label) < provision_sort_key(f"Điều {article + 1}")


def test_sort_key_of_a_label_with_a_superscript_digit() -> None:
    """ "²" is a digit to str.isdigit but not a number: found by Hypothesis; sorts as text, never raises."""
    assert provision_sort_key("²")[:2] == (9, 3)
    assert sorted(["²", "Điều 2"], key=provision_sort_key) == ["Điều 2", "²"]


# --- stable identifiers (decision 0018) ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "eid"),
    [
        ("Điều 5", "dieu-5"),
        ("Điều 5a", "dieu-5a"),
        ("Khoản 2 Điều 5", "dieu-5/khoan-2"),
        ("Điểm đ Khoản 2 Điều 5", "dieu-5/khoan-2/diem-dd"),
        ("Điểm a Điều 7", "dieu-7/diem-a"),
        ("Chương II", "chuong-ii"),
        ("Mục 1 Chương II", "chuong-ii/muc-1"),
        ("Mục 3", "muc-3"),
        ("Phần I", "phan-i"),
    ],
)
def test_a_provision_has_one_eid_and_the_eid_names_it(label: str, eid: str) -> None:
    assert provision_eid(label) == eid
    assert parse_eid(eid) == ("", label)
    assert provision_eid(label, root="quy-dinh") == f"quy-dinh/{eid}"
    assert parse_eid(f"quy-dinh/{eid}") == ("quy-dinh", label)


@pytest.mark.parametrize(
    "eid",
    ["", "quy-dinh", "dieu-05", "chuong-2", "khoan-2/dieu-5", "dieu-5/dieu-6", "khoan-2", "dieu-5/diem-w", "x-1",
     "dieu-5/", "quy-dinh-1/dieu-5", "Dieu-5"],
)  # fmt: skip
def test_anything_else_is_not_an_eid(eid: str) -> None:
    with pytest.raises(ProvisionError):
        parse_eid(eid)


def test_a_root_is_a_regulation_tree() -> None:
    with pytest.raises(ProvisionError):
        provision_eid("Điều 5", root="phu-luc")


@settings(max_examples=400, deadline=None)
@given(_REFERENCES, st.sampled_from(["", "quy-dinh", "quy-dinh-2"]))
def test_eids_round_trip(raw: str, root: str) -> None:
    try:
        label = normalize_provision(raw)
    except ProvisionError:
        return
    assert parse_eid(provision_eid(label, root=root)) == (root, label)


def test_the_anchors_of_a_parsed_text_are_its_eids_innermost_first() -> None:
    """One grammar: the HTML anchors parse_structure gives and the eIds of the same provisions are the same steps."""
    seen = 0
    for tree, root in ((parse_structure(DECISION), ""), (parse_structure(REGULATION), "quy-dinh")):
        for node in _nodes(tree):
            if node["kind"] in ("preamble", "regulation"):
                continue
            eid = provision_eid(node["label"], root=root)
            assert node["eid"] == eid, node["label"]
            assert "-".join(reversed(eid.split("/"))) == node["anchor"], node["label"]
            seen += 1
    assert seen > 10


def _nodes(tree: list[StructureNode]) -> list[StructureNode]:
    return [n for node in tree for n in (node, *_nodes(node["children"]))]


# --- fragments (an amending act's quoted unit, read at its place) -------------------------------------------------


def test_a_quoted_clause_is_read_under_its_article() -> None:
    lead, units = parse_fragment("2. Nội dung mới:\na) điểm một;\nb) điểm hai.", "dieu-5")
    assert lead == ""
    [clause] = units
    assert (clause["eid"], clause["label"], clause["anchor"]) == ("dieu-5/khoan-2", "Khoản 2 Điều 5", "khoan-2-dieu-5")
    assert [point["eid"] for point in clause["children"]] == ["dieu-5/khoan-2/diem-a", "dieu-5/khoan-2/diem-b"]


def test_a_quoted_article_of_the_attached_regulation_gets_its_root() -> None:
    _, [article] = parse_fragment("Điều 3. Tên mới\n1. Khoản một.", "quy-dinh")
    assert (article["eid"], article["label"], article["anchor"]) == ("quy-dinh/dieu-3", "Điều 3", "dieu-3-quy-dinh")
    assert article["children"][0]["eid"] == "quy-dinh/dieu-3/khoan-1"
    assert article["children"][0]["anchor"] == "khoan-1-dieu-3-quy-dinh"


def test_a_quoted_section_is_qualified_by_its_chapter_and_a_point_by_its_clause() -> None:
    _, [section] = parse_fragment("Mục 2. TÊN MỤC\nĐiều 7. Tên\nNội dung.", "chuong-ii")
    assert (section["eid"], section["label"]) == ("chuong-ii/muc-2", "Mục 2 Chương II")
    assert section["children"][0]["eid"] == "dieu-7"  # articles are numbered through the document
    _, [point] = parse_fragment("đ) Điểm mới.", "dieu-5/khoan-2")
    assert (point["eid"], point["label"]) == ("dieu-5/khoan-2/diem-dd", "Điểm đ Khoản 2 Điều 5")


def test_a_fragment_keeps_text_before_its_first_unit_and_returns_units_out_of_place() -> None:
    assert parse_fragment("Tên mới của điều", "dieu-5") == ("Tên mới của điều", [])
    # "3." after a point of khoản 2 is a clause of Điều 5, not of khoản 2: returned so that the caller sees it.
    _, units = parse_fragment("đ) Điểm mới.\n3. Khoản ba.", "dieu-5/khoan-2")
    assert [unit["eid"] for unit in units] == ["dieu-5/khoan-2/diem-dd", "dieu-5/khoan-3"]


def test_under_a_clause_a_smaller_clause_number_is_text_as_in_the_document() -> None:
    _, [point] = parse_fragment("e) Bãi bỏ các văn bản sau:\n3. Văn bản thứ ba hết hiệu lực.", "dieu-9/khoan-5")
    assert point["text"] == "Bãi bỏ các văn bản sau:\n3. Văn bản thứ ba hết hiệu lực."


def test_a_parent_that_is_not_a_provision_reads_the_fragment_as_top_level() -> None:
    lead, [article] = parse_fragment("Căn cứ …\nĐiều 1. Tên\nNội dung.", "phu-luc-ii")
    assert (lead, article["eid"]) == ("Căn cứ …", "dieu-1")
    assert parse_fragment("", "dieu-1") == ("", [])
