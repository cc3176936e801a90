"""Reading a VBQPPL's fields from generated .docx and .pdf files in the real layout (no database)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.catalogue.extraction.fields import extract_fields, reflow
from backend.catalogue.extraction.files import read_upload
from legal.numbers import parse_number
from tests.catalogue.decision_files import Decision, decision_docx, decision_pdf

MAKERS = {"docx": decision_docx, "pdf": decision_pdf}


def extract(decision: Decision, kind: str):  # type: ignore[no-untyped-def]
    source = read_upload(MAKERS[kind](decision))
    assert source.kind == kind
    return extract_fields(source.lines, wrapped=kind == "pdf")


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_decision_fields(kind: str) -> None:
    decision = Decision()
    got = extract(decision, kind)
    assert got.number == "15/2025/QĐ-UBND"
    assert got.issued_on == dt.date(2025, 6, 10)
    assert got.place == "An Giang"
    assert got.issuer_text == "ỦY BAN NHÂN DÂN TỈNH AN GIANG"
    assert got.type_name == "Quyết định"
    assert got.title == decision.title
    assert got.signer == "Nguyễn Thanh Bình"
    assert got.signing_capacity == "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    assert got.effective_from == dt.date(2025, 6, 20)
    assert got.warnings == []
    # Each "Căn cứ" line is one basis, whole even where the PDF wrapped it.
    assert [b.text for b in got.bases] == [line.removeprefix("Căn cứ ").rstrip(";") for line in decision.bases]
    assert [b.numbers for b in got.bases] == [[], [], ["78/2025/NĐ-CP"], ["99/2099/NĐ-CP"]]
    assert [b.cited for b in got.bases[:2]] == [
        "Luật Tổ chức chính quyền địa phương",
        "Luật Ban hành văn bản quy phạm pháp luật",
    ]
    assert got.bases[0].cited_on == dt.date(2025, 2, 19)
    # The submission's "Tờ trình số 12/TTr-STP" is not a basis, and acts on nothing.
    assert [(a.kind, a.number, a.provisions) for a in got.actions] == [
        ("replaces", "20/2017/QĐ-UBND", []),
        ("repeals", "07/2019/QĐ-UBND", ["Khoản 2 Điều 5"]),
    ]


def test_resolution_of_the_peoples_council() -> None:
    decision = Decision(
        issuer_lines=("HỘI ĐỒNG NHÂN DÂN", "TỈNH AN GIANG"),
        number="05/2025/NQ-HĐND",
        heading="NGHỊ QUYẾT",
        title_lines=("Quy định mức chi hỗ trợ công tác rà soát, hệ thống hóa văn bản",),
        authority_line="HỘI ĐỒNG NHÂN DÂN TỈNH AN GIANG",
        bases=("Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 19 tháng 02 năm 2025;",),
        proposer="Xét Tờ trình số 30/TTr-UBND ngày 02 tháng 3 năm 2025 của Ủy ban nhân dân tỉnh;",
        enacting="QUYẾT NGHỊ:",
        articles=(("Điều 1. Phạm vi điều chỉnh", ("Nghị quyết này có hiệu lực từ ngày ký.",)),),
        capacity=("CHỦ TỊCH",),
        signer="Lê Văn Nưng",
    )
    for kind in MAKERS:
        got = extract(decision, kind)
        assert got.number == "05/2025/NQ-HĐND"
        assert got.type_name == "Nghị quyết"
        assert got.issuer_text == "HỘI ĐỒNG NHÂN DÂN TỈNH AN GIANG"
        assert got.title == "Quy định mức chi hỗ trợ công tác rà soát, hệ thống hóa văn bản"
        assert got.signer == "Lê Văn Nưng"
        assert got.effective_on_signing and got.effective_from == got.issued_on
        assert len(got.bases) == 1


def test_number_spellings_and_numeric_dates() -> None:
    # The eth look-alike (Ð) and a date written with slashes are both real.
    lines = [
        "ỦY BAN NHÂN DÂN TỈNH AN GIANG",
        "Số: 7/2024/QÐ-UBND",
        "An Giang, ngày 05/02/2024",
        "QUYẾT ĐỊNH",
        "Về việc ban hành quy chế",
        "Điều 1. Nội dung",
    ]
    got = extract_fields(lines)
    assert got.number == "07/2024/QĐ-UBND"
    assert got.issued_on == dt.date(2024, 2, 5)


def test_missing_fields_are_warnings_not_guesses() -> None:
    got = extract_fields(["Số: 12/2024/QĐ-UBND", "ngày 31 tháng 02 năm 2024", "Điều 1. Nội dung"])
    assert got.number == "12/2024/QĐ-UBND"
    assert got.issued_on is None
    assert got.title == "" and got.signer == "" and got.type_name is None
    assert {"invalid_date", "no_type", "no_title", "no_signer", "no_effective_date"} <= set(got.warnings)


def test_no_number_in_a_draft() -> None:
    draft = dataclasses.replace(Decision(), number="     /2025/QĐ-UBND")
    for kind in MAKERS:
        assert extract(draft, kind).number is None


def test_reflow_joins_wrapped_lines_but_not_points() -> None:
    assert reflow(["Căn cứ Nghị định số 78/2025/NĐ-CP của", "Chính phủ;", "quy định chi tiết;"]) == [
        "Căn cứ Nghị định số 78/2025/NĐ-CP của",
        "Chính phủ;",
        "quy định chi tiết;",
    ]
    assert reflow(["1. Nội dung gồm", "các việc sau:", "a) việc một;", "b) việc hai"]) == [
        "1. Nội dung gồm các việc sau:",
        "a) việc một;",
        "b) việc hai",
    ]


# Lines that break naive code: control characters, lone words, numbers and dates in odd places.
_line = st.one_of(
    st.text(max_size=60),
    st.text(alphabet="0123456789/-.:;,() QĐDÐđHNUBNDSốngàythángnămĐiềukhoảnCăncứTM.KT.CHỦTỊCH\x00", max_size=60),
    st.sampled_from(["Số: 1/2020/QĐ-UBND", "QUYẾT ĐỊNH", "Căn cứ", "ngày 31 tháng 02 năm 2024", "Điều 1.", "a) b"]),
)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(_line, max_size=30))
def test_any_lines_give_an_answer_not_an_exception(lines: list[str]) -> None:
    got = extract_fields(lines, wrapped=True)
    assert "\x00" not in got.text
    got = extract_fields(lines)
    if got.number is not None:
        assert parse_number(got.number).display == got.number


# --- Central documents (issue #12): these rules are also checked on the real corpus (test_real_documents.py),
# which CI does not have; the small cases below keep them guarded everywhere.

LAW = Decision(
    issuer_lines=("QUỐC HỘI",),
    number="51/2024/QH15",
    number_label="Luật số",
    has_date_line=False,
    heading="LUẬT",
    title_lines=("SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT BẢO HIỂM Y TẾ",),
    authority_line="",
    bases=("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",),
    proposer="",
    preamble_tail=("Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế số 25/2008/QH12.",),
    enacting="",
    articles=(
        ("Điều 1. Sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế", ("1. Sửa đổi khoản 2 Điều 3.",)),
        ("Điều 2. Hiệu lực thi hành", ("Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.",)),
    ),
    extra_paragraphs=(
        "Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp thứ 8 thông qua ngày 27"
        " tháng 11 năm 2024.",
    ),
    recipients=(),
    capacity=("CHỦ TỊCH QUỐC HỘI",),
    signer="Trần Thanh Mẫn",
)


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_a_law_is_dated_by_the_day_it_was_passed(kind: str) -> None:
    got = extract(LAW, kind)
    assert got.number == "51/2024/QH15"
    assert got.issued_on == dt.date(2024, 11, 27)
    assert (got.type_name, got.issuer_text) == ("Luật", "QUỐC HỘI")
    assert got.title == "Sửa đổi, bổ sung một số điều của luật bảo hiểm y tế"
    assert (got.signing_capacity, got.signer) == ("CHỦ TỊCH QUỐC HỘI", "Trần Thanh Mẫn")


CONSOLIDATED = Decision(
    issuer_lines=("VĂN PHÒNG QUỐC HỘI",),
    number="22/VBHN-VPQH",
    place="Hà Nội",
    issued_on=dt.date(2025, 2, 26),
    heading="LUẬT",
    title_lines=("BẢO HIỂM Y TẾ",),
    lead_in=(
        "Luật Bảo hiểm y tế số 25/2008/QH12 ngày 14 tháng 11 năm 2008 của Quốc hội, có hiệu lực kể từ ngày 01"
        " tháng 7 năm 2009, được sửa đổi, bổ sung bởi:",
        "1. Luật số 51/2024/QH15 ngày 27 tháng 11 năm 2024 của Quốc hội sửa đổi, bổ sung một số điều của Luật Bảo"
        " hiểm y tế, có hiệu lực kể từ ngày 01 tháng 7 năm 2025.",
    ),
    authority_line="",
    bases=("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992;",),
    proposer="",
    preamble_tail=("Quốc hội ban hành Luật Bảo hiểm y tế[1].",),
    enacting="",
    articles=(("Điều 52. Quy định chi tiết", ("Bãi bỏ Điều 2 Thông tư số 18/2018/TT-BLĐTBXH.",)),),
    capacity=("CHỦ NHIỆM",),
    signer="Lê Quang Tùng",
    # A footnote quoting the amending act's preamble: not a basis of the consolidated text.
    annex=("[1] Luật số 51/2024/QH15 có căn cứ ban hành như sau:", "Căn cứ Luật Tổ chức Quốc hội số 57/2014/QH13;"),
    consolidated=True,
)


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_a_consolidated_text_is_read_from_its_authentication_block(kind: str) -> None:
    got = extract(CONSOLIDATED, kind)
    assert got.number == "22/VBHN-VPQH"
    assert got.number_line.startswith("Số: 22/VBHN-VPQH")
    assert (got.issued_on, got.place) == (dt.date(2025, 2, 26), "Hà Nội")
    assert (got.type_name, got.issuer_text) == ("Văn bản hợp nhất", "VĂN PHÒNG QUỐC HỘI")
    assert got.title == "Bảo hiểm y tế"  # the list of consolidated acts is not part of it
    assert (got.signing_capacity, got.signer) == ("CHỦ NHIỆM", "Lê Quang Tùng")
    assert [b.numbers for b in got.bases] == [[]]  # the footnote's "Căn cứ" is not one of its bases


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_the_signature_is_the_one_before_the_annexed_forms(kind: str) -> None:
    decision = dataclasses.replace(
        Decision(),
        annex=(
            "QUY ĐỊNH",
            "Điều 1. Mẫu đơn",
            "Căn cứ Quyết định số 20/2017/QĐ-UBND, người đề nghị kê khai như sau:",
            "GIÁM ĐỐC",
            "Trần Văn Mẫu",
        ),
    )
    got = extract(decision, kind)
    assert (got.signing_capacity, got.signer) == (
        "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
        "Nguyễn Thanh Bình",
    )
    assert len(got.bases) == len(decision.bases)


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_a_basis_wrapped_before_a_number_is_one_basis(kind: str) -> None:
    decision = dataclasses.replace(
        Decision(),
        bases=(
            "Căn cứ Luật Thuế giá trị gia tăng số 48/2024/QH15 được sửa đổi, bổ sung bởi Luật sửa đổi của Quốc hội số"
            " 149/2025/QH15;",
            "Căn cứ Luật Quản lý thuế số 108/2025/QH15;",
        ),
    )
    got = extract(decision, kind)
    assert [b.numbers for b in got.bases] == [["48/2024/QH15", "149/2025/QH15"], ["108/2025/QH15"]]


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_a_title_may_go_on_with_the_number_it_amends(kind: str) -> None:
    # Only a VBHN's title ends at a line citing an act; a decision's second title line may start with one.
    decision = dataclasses.replace(
        Decision(),
        title_lines=(
            "Sửa đổi, bổ sung một số điều của",
            "Quyết định số 20/2017/QĐ-UBND ngày 05 tháng 5 năm 2017 của Ủy ban nhân dân tỉnh An Giang",
        ),
    )
    assert extract(decision, kind).title == decision.title


def test_the_signer_below_a_long_list_of_recipients_and_not_a_heading() -> None:
    # A PDF of a decision of the Chairman: the enacting line is a capacity ("CHỦ TỊCH …") followed by headings
    # that are capitalised like names ("Chương I"); the name sits below the recipients running beside it.
    lines = [
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TỈNH AN GIANG Độc lập - Tự do - Hạnh phúc",
        "Số: 21/2026/QĐ-UBND An Giang, ngày 02 tháng 3 năm 2026",
        "QUYẾT ĐỊNH",
        "Ban hành Quy chế phối hợp",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",
        "QUYẾT ĐỊNH:",
        "Chương I",
        "Quy định chung",
        "Điều 1. Quyết định này có hiệu lực thi hành kể từ ngày 12 tháng 3 năm 2026./.",
        "Nơi nhận: KT. CHỦ TỊCH",
        "- Như Điều 1; PHÓ CHỦ TỊCH",
        "- Bộ Tư pháp (Cục KTVB);",
        "- TT Tỉnh ủy, TT HĐND tỉnh;",
        "- Các sở, ban, ngành tỉnh;",
        "- Lưu: VT, NC. Trần Thị Mai",
    ]
    got = extract_fields(lines, wrapped=True)
    assert (got.signing_capacity, got.signer) == ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "Trần Thị Mai")
