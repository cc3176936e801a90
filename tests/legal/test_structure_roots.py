"""The parts of a structure around the provisions (decision 0018, increment 1): the attached regulation as its own
tree ("quy-dinh"), the closing block ("ket-thuc"), annexes and forms as opaque leaves ("phu-luc-ii", "mau-so-01"),
on invented texts, generated trees (Hypothesis) and the amendment corpus."""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legal.provisions import (
    ProvisionError,
    StructureNode,
    annex_eid,
    find_provision,
    parse_eid,
    parse_structure,
    provision_eid,
    provision_labels,
)

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "amendments"

# A provincial decision issuing a regulation, as published: the decision, its signature, the regulation (articles
# restart at Điều 1), the regulation's own signature, an annex listing its forms, then the forms.
DECISION_WITH_REGULATION = """ỦY BAN NHÂN DÂN TỈNH AN GIANG
Số: 20/2025/QĐ-UBND
QUYẾT ĐỊNH
Ban hành Quy định quản lý cụm công nghiệp trên địa bàn tỉnh
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy định quản lý cụm công nghiệp trên địa bàn tỉnh.
Điều 2. Quyết định này có hiệu lực từ ngày 01 tháng 8 năm 2025.
Điều 3. Trách nhiệm thi hành
Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này./.
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
QUY ĐỊNH
Quản lý cụm công nghiệp
trên địa bàn tỉnh An Giang
(Ban hành kèm theo Quyết định số 20/2025/QĐ-UBND ngày 15 tháng 7 năm 2025 của Ủy ban nhân dân tỉnh)
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy định này quy định về quản lý cụm công nghiệp theo Phụ lục I
Phụ lục I ban hành kèm theo Quy định này.
Điều 2. Hồ sơ
1. Hồ sơ gồm:
a) Đơn theo Mẫu số 01 tại Phụ lục I;
b) Bản sao giấy tờ.
2. Hồ sơ nộp trực tiếp.
Chương II
TỔ CHỨC THỰC HIỆN
Điều 5. Trách nhiệm
1. Sở Công Thương chủ trì.
2. Sở Tài chính phối hợp.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn B
PHỤ LỤC I
DANH MỤC MẪU
Mẫu số 01 Đơn đề nghị
Mẫu số 02 Báo cáo
Mẫu số 01
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
ĐƠN ĐỀ NGHỊ
Điều 1. Nội dung đề nghị (trong mẫu, không phải điều của văn bản)
Mẫu số 02
BÁO CÁO
PHỤ LỤC II
Mẫu số 01. Đề cương báo cáo
Mẫu số 01
ĐỀ CƯƠNG
Mẫu số: 01/TKN-CNKD
TỜ KHAI
"""


def _nodes(tree: list[StructureNode]) -> list[StructureNode]:
    return [n for node in tree for n in (node, *_nodes(node["children"]))]


def _full_text(node: StructureNode) -> str:
    return "\n".join([node["text"], *(_full_text(child) for child in node["children"])])


def _by_eid(tree: list[StructureNode]) -> dict[str, StructureNode]:
    return {node["eid"]: node for node in _nodes(tree)}


# --- the decision and its regulation ---


def test_the_regulation_is_its_own_tree() -> None:
    tree = parse_structure(DECISION_WITH_REGULATION)
    assert [node["kind"] for node in tree] == [
        "preamble", "article", "article", "article", "closing", "regulation", "closing", "annex", "form", "form",
        "annex", "form", "form",
    ]  # fmt: skip
    regulation = tree[5]
    assert (regulation["eid"], regulation["anchor"], regulation["label"]) == ("quy-dinh", "quy-dinh", "Quy định")
    assert regulation["title"] == "Quản lý cụm công nghiệp trên địa bàn tỉnh An Giang"
    assert regulation["text"].startswith("(Ban hành kèm theo Quyết định số 20/2025/QĐ-UBND")
    nodes = _by_eid(tree)
    # Article numbering restarts inside the regulation: no "-2" eIds.
    assert {"dieu-1", "dieu-2", "dieu-3", "quy-dinh/dieu-1", "quy-dinh/dieu-2", "quy-dinh/dieu-5"} <= set(nodes)
    clause = nodes["quy-dinh/dieu-5/khoan-2"]
    assert (clause["label"], clause["anchor"]) == ("Khoản 2 Điều 5", "khoan-2-dieu-5-quy-dinh")
    assert nodes["quy-dinh/dieu-2/khoan-1/diem-a"]["anchor"] == "diem-a-khoan-1-dieu-2-quy-dinh"
    assert nodes["quy-dinh/chuong-ii"]["anchor"] == "chuong-ii-quy-dinh"
    assert parse_eid("quy-dinh/dieu-5/khoan-2") == ("quy-dinh", "Khoản 2 Điều 5")
    # Nodes keep the printed labels; a reference names the tree: "Điều 1" is the decision's, "Điều 1 (Quy định)"
    # the regulation's, in any spelling.
    labels = provision_labels(tree)
    assert (labels.count("Điều 1"), labels.count("Điều 1 (Quy định)")) == (1, 1)
    assert nodes["quy-dinh/dieu-1"]["label"] == "Điều 1"
    assert find_provision(tree, "Điều 1") is nodes["dieu-1"]
    assert find_provision(tree, "điều 1 của quy định") is nodes["quy-dinh/dieu-1"]
    assert find_provision(tree, "Khoản 2 Điều 5 (Quy định)") is clause
    assert find_provision(tree, "Khoản 2 Điều 5") is None  # the decision has no Điều 5


def test_the_closing_blocks_are_not_article_text() -> None:
    nodes = _by_eid(parse_structure(DECISION_WITH_REGULATION))
    assert nodes["dieu-3"]["text"] == "Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này./."
    assert nodes["ket-thuc"]["text"].split("\n") == [
        "Nơi nhận:", "- Như Điều 3;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A",
    ]  # fmt: skip
    # The regulation's last article keeps its clauses, and only them; its signature is the second closing block.
    assert _full_text(nodes["quy-dinh/dieu-5"]) == "\nSở Công Thương chủ trì.\nSở Tài chính phối hợp."
    assert nodes["ket-thuc-2"]["text"].startswith("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH")
    assert nodes["ket-thuc"]["kind"] == nodes["ket-thuc-2"]["kind"] == "closing"


def test_annexes_and_forms_are_leaves_after_the_body() -> None:
    tree = parse_structure(DECISION_WITH_REGULATION)
    nodes = _by_eid(tree)
    # "Phụ lục I" wrapped inside an article, and "Mẫu số 01 tại Phụ lục I" in a point, are text.
    assert "Phụ lục I ban hành kèm theo Quy định này." in nodes["quy-dinh/dieu-1"]["text"]
    annex = nodes["phu-luc-i"]
    assert (annex["kind"], annex["label"], annex["number"], annex["children"]) == ("annex", "Phụ lục I", "I", [])
    # The annex lists its forms before printing them: the listing is the annex's text, the last heading the form.
    assert annex["text"] == "DANH MỤC MẪU\nMẫu số 01 Đơn đề nghị\nMẫu số 02 Báo cáo"
    form = nodes["mau-so-01"]
    assert (form["kind"], form["label"], form["anchor"]) == ("form", "Mẫu số 01", "mau-so-01")
    assert "Điều 1. Nội dung đề nghị" in form["text"]  # an article inside a form is the form's text
    # Forms restart in a later annex: qualified by it, still canonical.
    restarted = nodes["phu-luc-ii/mau-so-01"]
    assert (restarted["label"], restarted["anchor"]) == ("Mẫu số 01 Phụ lục II", "mau-so-01-phu-luc-ii")
    assert parse_eid("phu-luc-ii/mau-so-01") == ("", "Mẫu số 01 Phụ lục II")
    assert nodes["mau-so-01-tkn-cnkd"]["label"] == "Mẫu số 01/TKN-CNKD"
    assert not any(node["kind"] == "article" for node in _nodes(tree) if "Nội dung đề nghị" in node["title"])


def test_a_second_regulation_and_a_lost_regulation_heading() -> None:
    text = "Điều 1. Ban hành\nNội dung.\nKT. BỘ TRƯỞNG\nQUY ĐỊNH\nThứ nhất\n(Kèm theo)\nĐiều 1. A\nNội dung.\n"
    text += "TM. ỦY BAN NHÂN DÂN\nQUY ĐỊNH\nThứ hai\n(Kèm theo)\nĐiều 1. B\nNội dung."
    tree = parse_structure(text)
    assert [node["eid"] for node in tree] == ["dieu-1", "ket-thuc", "quy-dinh", "ket-thuc-2", "quy-dinh-2"]
    assert _by_eid(tree)["quy-dinh-2/dieu-1"]["title"] == "B"
    # The "QUY ĐỊNH" line is lost, but articles restart after the signature: still a regulation.
    lost = parse_structure("Điều 1. Ban hành\nNội dung.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nĐiều 1. Phạm vi\nNội dung.")
    assert [node["eid"] for node in lost] == ["dieu-1", "ket-thuc", "quy-dinh"]
    assert lost[2]["children"][0]["eid"] == "quy-dinh/dieu-1"


def test_a_regulation_title_may_start_with_dieu() -> None:
    tree = parse_structure("QUY ĐỊNH\nĐiều kiện kinh doanh\nĐiều 1. Phạm vi\nNội dung.")
    assert (tree[0]["kind"], tree[0]["title"]) == ("regulation", "Điều kiện kinh doanh")
    assert tree[0]["children"][0]["eid"] == "quy-dinh/dieu-1"
    after = parse_structure("Điều 1. A\nx\nKT. BỘ TRƯỞNG\nQUY ĐỊNH\nĐiều kiện kinh doanh\nĐiều 1. Phạm vi\nNội dung.")
    assert [(node["eid"], node["title"]) for node in after[1:]] == [
        ("ket-thuc", ""), ("quy-dinh", "Điều kiện kinh doanh")
    ]  # fmt: skip


def test_quy_dinh_in_a_title_is_not_a_regulation() -> None:
    """ "THÔNG TƯ / QUY ĐỊNH / chi tiết …" then the legal bases: a title, not an attached regulation."""
    for bases in (1, 6):
        lines = ["THÔNG TƯ", "QUY ĐỊNH", "chi tiết", *[f"Căn cứ Luật số {n};" for n in range(bases)], "Điều 1. A"]
        tree = parse_structure("\n".join(lines))
        assert [node["kind"] for node in tree] == ["preamble", "article"]
        assert tree[1]["eid"] == "dieu-1"


def test_a_law_ends_with_its_adoption_line() -> None:
    text = "Điều 3.\n1. Luật này có hiệu lực từ ngày 01 tháng 7 năm 2013.\n"
    text += "Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIII thông qua ngày 20/11/2012.\n"
    text += "CHỦ TỊCH QUỐC HỘI\nNguyễn Văn C"
    tree = parse_structure(text)
    assert [node["eid"] for node in tree] == ["dieu-3", "ket-thuc"]
    assert _full_text(tree[0]).strip() == "Luật này có hiệu lực từ ngày 01 tháng 7 năm 2013."


def test_after_the_end_mark_comes_the_signature_but_not_before_a_clause() -> None:
    tree = parse_structure("Điều 1. A\n1. Một./.\n2. Hai.\nNguyễn Văn D")
    assert [node["kind"] for node in tree] == ["article"]
    tree = parse_structure("Điều 1. A\n1. Một./.\nNguyễn Văn D")
    assert [node["eid"] for node in tree] == ["dieu-1", "ket-thuc"]
    assert tree[1]["text"] == "Nguyễn Văn D"


@pytest.mark.parametrize(
    "line",
    ["PHỤ LỤC I", "PHỤ LỤC SỐ 01", "Phụ lục II", "PHỤ LỤC"],
)
def test_an_unmistakable_annex_heading_ends_the_body_even_without_a_signature(line: str) -> None:
    tree = parse_structure(f"Điều 1. A\nNội dung.\n{line}\nBảng")
    assert [node["kind"] for node in tree] == ["article", "annex"]
    assert tree[1]["text"] == "Bảng"


@pytest.mark.parametrize(
    "line", ["Phụ lục I ban hành kèm theo Thông tư này.", "Phụ lục II. Nội dung", "Mẫu số 01", "phụ lục III Thông tư"]
)
def test_inside_an_article_an_annex_or_form_citation_is_text(line: str) -> None:
    tree = parse_structure(f"Điều 1. A\nNội dung theo\n{line}")
    assert [node["kind"] for node in tree] == ["article"]
    assert tree[0]["text"].endswith(line)


@pytest.mark.parametrize(
    ("label", "eid"),
    [
        ("Phụ lục II", "phu-luc-ii"),
        ("PHỤ LỤC SỐ 01", "phu-luc-01"),
        ("Phụ lục", "phu-luc"),
        ("Phụ lục 3a", "phu-luc-3a"),
        ("Mẫu số 01", "mau-so-01"),
        ("Mẫu số 1", "mau-so-1"),
        ("Mẫu số 01/TKN-CNKD", "mau-so-01-tkn-cnkd"),
        ("Mẫu số: 01/BK-XSBHĐC", "mau-so-01-bk-xsbhddc"),
        ("Mẫu số 01 Phụ lục XIII", "phu-luc-xiii/mau-so-01"),
    ],
)
def test_annex_and_form_eids_round_trip(label: str, eid: str) -> None:
    assert annex_eid(label) == eid
    root, canonical = parse_eid(eid)
    assert root == ""
    assert annex_eid(canonical) == eid


@pytest.mark.parametrize(
    "eid",
    ["phu-luc--2", "mau-so-01--2", "phu-luc-iiii", "mau-so-", "phu-luc-ii/dieu-5", "mau-so-01/phu-luc-i",
     "quy-dinh/phu-luc-i", "phu-luc-II", "ket-thuc", "quy-dinh-2"],
)  # fmt: skip
def test_repeats_and_other_roots_are_not_eids(eid: str) -> None:
    with pytest.raises(ProvisionError):
        parse_eid(eid)


@pytest.mark.parametrize("label", ["Phụ lục I ban hành kèm theo", "Mẫu số", "Điều 5", "Mẫu số 01 Điều 5", ""])
def test_annex_eid_refuses_anything_else(label: str) -> None:
    with pytest.raises(ProvisionError):
        annex_eid(label)


# --- generated documents ---


@dataclass(frozen=True)
class _Article:
    number: int
    clauses: int
    points: int  # of the first clause


@dataclass(frozen=True)
class _Leaf:
    heading: str
    eid: str
    lines: tuple[str, ...]


_SIGNATURES = st.sampled_from(
    [
        ("Nơi nhận:", "- Như Điều 3;", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A"),
        ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Lê Văn B"),
        ("TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Trần Thị C"),
        ("Luật này được Quốc hội khóa XV, kỳ họp thứ 8 thông qua ngày 27 tháng 11 năm 2024.", "CHỦ TỊCH QUỐC HỘI"),
    ]
)
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


@st.composite
def _articles(draw: st.DrawFn) -> list[_Article]:
    count = draw(st.integers(1, 6))
    return [_Article(n, draw(st.integers(0, 3)), draw(st.integers(0, 3))) for n in range(1, count + 1)]


@st.composite
def _leaves(draw: st.DrawFn) -> list[_Leaf]:
    leaves: list[_Leaf] = []
    annex_style = draw(st.sampled_from(["PHỤ LỤC {}", "Phụ lục {}. Danh mục", "PHỤ LỤC SỐ {:02d}"]))
    form_style = draw(st.sampled_from(["Mẫu số {:02d}", "Mẫu số {}", "Mẫu số: {:02d}/TB-ĐĐKD"]))
    for index in range(draw(st.integers(0, 3))):
        numbered = annex_style.format(index + 1 if "SỐ" in annex_style else _ROMAN[index])
        number = f"{index + 1:02d}" if "SỐ" in annex_style else _ROMAN[index].lower()
        leaves.append(_Leaf(numbered, f"phu-luc-{number}", (f"Nội dung phụ lục {index}",)))
        for form in range(1, draw(st.integers(0, 3)) + 1):
            heading = form_style.format(form)
            eid = "mau-so-" + re.sub(r"[/.]", "-", heading.split(" ", 2)[2].lstrip(": ").lower()).replace("đ", "dd")
            if any(leaf.eid == eid for leaf in leaves):  # forms restart in this annex: qualified by it
                eid = f"phu-luc-{number}/{eid}"
            leaves.append(_Leaf(heading, eid, ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", f"Biểu {index}.{form}")))
    return leaves


def _article_lines(article: _Article, phrase: str) -> list[str]:
    lines = [f"Điều {article.number}. Tiêu đề {phrase} {article.number}"]
    for clause in range(1, article.clauses + 1):
        lines.append(f"{clause}. Khoản {clause} của {phrase} {article.number};")
        if clause == 1:
            lines += [f"{letter}) Điểm {letter} ở {phrase};" for letter in "abcdđ"[: article.points]]
    if not article.clauses:
        lines.append(f"Nội dung {phrase} {article.number}.")
    return lines


@st.composite
def _documents(draw: st.DrawFn) -> tuple[str, list[_Article], list[_Article] | None, list[_Leaf], bool]:
    decision = draw(_articles())
    lines = ["ỦY BAN NHÂN DÂN TỈNH", "QUYẾT ĐỊNH:"]
    for article in decision:
        lines += _article_lines(article, "quyết định")
    signed = draw(st.booleans())
    if signed:
        lines += draw(_SIGNATURES)
    regulation = draw(st.none() | _articles()) if signed else None
    if regulation is not None:
        lines += ["QUY ĐỊNH", "Về quản lý", "(Ban hành kèm theo Quyết định số 20/2025/QĐ-UBND)", "Chương I", "CHUNG"]
        for article in regulation:
            lines += _article_lines(article, "quy định")
        lines += draw(_SIGNATURES)
    leaves = draw(_leaves()) if signed else []
    for leaf in leaves:
        lines += [leaf.heading, *leaf.lines]
    return "\n".join(lines), decision, regulation, leaves, signed


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", unicodedata.normalize("NFC", text).casefold()))


@settings(max_examples=200, deadline=None)
@given(_documents())
def test_generated_documents(document: tuple[str, list[_Article], list[_Article] | None, list[_Leaf], bool]) -> None:
    text, decision, regulation, leaves, signed = document
    tree = parse_structure(text)
    nodes = _nodes(tree)
    eids = [node["eid"] for node in nodes]
    anchors = [node["anchor"] for node in nodes]
    assert len(eids) == len(set(eids)) and len(anchors) == len(set(anchors))
    # Every provision, annex and form eId is canonical and names the node; anchors are its steps innermost first.
    root = ""
    for node in nodes:
        if node["kind"] == "regulation":
            root = node["eid"]
        elif node["kind"] in ("annex", "form"):
            assert annex_eid(node["label"]) == node["eid"]
            assert parse_eid(node["eid"]) == ("", node["label"])
        elif node["kind"] not in ("preamble", "closing"):
            assert node["eid"] == provision_eid(node["label"], root=root)
            assert parse_eid(node["eid"]) == (root, node["label"])
            assert node["anchor"] == "-".join(reversed(node["eid"].split("/")))
    by_eid = {node["eid"]: node for node in nodes}
    assert [n["eid"] for n in nodes if n["kind"] == "article" and "/" not in n["eid"]] == [
        f"dieu-{a.number}" for a in decision
    ]
    expected_regulation = [f"quy-dinh/dieu-{a.number}" for a in regulation or []]
    assert [n["eid"] for n in nodes if n["eid"].startswith("quy-dinh/dieu-") and n["kind"] == "article"] == (
        expected_regulation
    )
    assert [n["eid"] for n in nodes if n["kind"] in ("annex", "form")] == [leaf.eid for leaf in leaves]
    assert sum(n["kind"] == "closing" for n in nodes) == (signed + (regulation is not None))
    # The signature is never text of the last article, and an annex's lines are its own.
    last = by_eid[f"dieu-{decision[-1].number}"]
    assert not {"TM", "KT", "CHỦ TỊCH", "Nơi nhận"} & set(re.split(r"[.:\n]", _full_text(last)))
    for leaf in leaves:
        assert by_eid[leaf.eid]["text"].split("\n") == list(leaf.lines)
    # Nothing is lost: every word of the input is in a label, title, number or text of the tree.
    kept = _words(" ".join(f"{n['label']} {n['title']} {n['number']} {n['text']}" for n in nodes))
    assert _words(text) - kept <= _words("Điều Quy định Phụ lục số Mẫu")


def test_parsing_stays_linear_on_hostile_documents() -> None:
    """Thousands of repeated headings, annexes and forms: ten times the lines must not take much over ten times."""

    def hostile(repeats: int) -> str:
        block = "Điều 1. A\nKT. BỘ TRƯỞNG\nQUY ĐỊNH\nPHỤ LỤC\nMẫu số 01\nMẫu số 01/A-B\nPhụ lục I\n1. x\na) y\n"
        return block * repeats

    def seconds(text: str) -> float:
        # The best of three: other processes on a shared machine only ever add time, and a single run of the
        # small text can be slowed tenfold by one of them, which would make a linear parser look quadratic.
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            parse_structure(text)
            best = min(best, time.perf_counter() - start)
        return best

    small, large = hostile(300), hostile(3000)
    seconds(small)  # warm-up
    assert seconds(large) < 25 * max(seconds(small), 0.002)


# --- the corpus ---

# Articles of the body (not those printed inside forms), counted by hand from the Công báo texts.
_BASE_ARTICLES = {
    "thong-tu_21-2021-TT-BLDTBXH.txt": 16,
    "thong-tu_14-2021-TT-BLDTBXH.txt": 59,
    "thong-tu_15-2021-TT-BLDTBXH.txt": 59,
    "nghi-dinh_112-2021-ND-CP.txt": 47,
    "thong-tu_44-2022-TT-BTC.txt": 17,
    "thong-tu_18-2026-TT-BTC.txt": 9,
    "thong-tu_07-2023-TT-BLDTBXH.txt": 23,
    "vbhn_47-VBHN-VPQH.txt": 55,
}
_SIGNATURE_RE = re.compile(r"^(?:KT\.|TM\.|TL\.|Nơi nhận|THỨ TRƯỞNG|CHỦ TỊCH|CHỦ NHIỆM|XÁC THỰC)", re.MULTILINE)


@pytest.mark.corpus
@pytest.mark.parametrize(("name", "articles"), sorted(_BASE_ARTICLES.items()))
def test_corpus_bases_keep_their_articles_and_their_signature_apart(name: str, articles: int) -> None:
    tree = parse_structure((CORPUS / name).read_text(encoding="utf-8"))
    found = [node for node in _nodes(tree) if node["kind"] == "article"]
    assert len(found) == articles
    assert [node["eid"] for node in found] == [f"dieu-{node['number']}" for node in found]  # no "-2" repeats
    assert not _SIGNATURE_RE.search(_full_text(found[-1]))
    assert sum(node["kind"] == "closing" for node in tree) == 1


@pytest.mark.corpus
def test_corpus_forms_after_the_signature() -> None:
    """08/2023 prints Mẫu số 01–39 after its signature (under one unnumbered "Phụ lục"); 21/2021 restarts its
    forms in Phụ lục XIII."""
    tree = parse_structure((CORPUS / "thong-tu_08-2023-TT-BLDTBXH.txt").read_text(encoding="utf-8"))
    forms = [node["label"] for node in tree if node["kind"] == "form"]
    assert forms == [f"Mẫu số {n}" for n in range(1, 40)]
    tree = parse_structure((CORPUS / "thong-tu_21-2021-TT-BLDTBXH.txt").read_text(encoding="utf-8"))
    eids = [node["eid"] for node in tree if node["kind"] in ("annex", "form")]
    assert eids[:7] == ["phu-luc-i", *(f"mau-so-0{n}" for n in range(1, 7))]
    assert eids[-5:] == ["phu-luc-xiii", *(f"phu-luc-xiii/mau-so-0{n}" for n in range(1, 5))]
