"""search.analysis: folding, syllables and pairs, number tokens, numbers in queries."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from legal import numbers
from search import analysis
from search.analysis import (
    analyse_document,
    analyse_text,
    find_query_numbers,
    fold,
    lower,
    number_prefix,
    number_tokens,
    syllable_forms,
)
from tests.search.corpus import CORPUS, art, doc

# --- folding ---


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Quyết định đất đai", "quyet dinh dat dai"),
        ("QUYẾT ĐỊNH ĐẤT ĐAI", "quyet dinh dat dai"),
        ("ĐƯỜNG Ðường ðường Ɖường ɖường", "duong duong duong duong duong"),
        ("Lệ phí trước bạ", "le phi truoc ba"),
        ("Nghị quyết 19/2022/NQ-HĐND", "nghi quyet 19/2022/nq-hdnd"),
        ("ỦY BAN NHÂN DÂN", "uy ban nhan dan"),
        ("İstanbul", "istanbul"),
    ],
)
def test_fold_examples(text: str, folded: str) -> None:
    assert fold(text) == folded


@given(st.text())
@example("İ ß ǅ ﬁ e\u0301")
def test_fold_and_lower_map_one_character_to_one(text: str) -> None:
    text = unicodedata.normalize("NFC", text)
    assert len(fold(text)) == len(text)
    assert len(lower(text)) == len(text)
    assert fold(fold(text)) == fold(text)


def test_fold_agrees_with_the_number_fold_on_vietnamese() -> None:
    letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
    text = letters + letters.upper() + "Ðð"
    assert fold(text) == numbers.fold(text).lower()


# --- syllables, pairs, exact forms ---


def test_analyse_text_gives_folded_syllables_pairs_and_exact_forms() -> None:
    analysed = analyse_text("Quyết định về đất đai, lệ phí")
    assert analysed.folded == "quyet dinh ve dat dai le phi"
    assert analysed.pairs.split() == ["quyet_dinh", "dinh_ve", "ve_dat", "dat_dai", "dai_le", "le_phi"]
    assert analysed.exact.split() == ["quyết", "định", "về", "đất", "đai", "lệ", "phí"]
    assert analysed.extra == analysed.pairs + " " + analysed.exact


def test_pairs_go_over_punctuation_and_dropped_tokens() -> None:
    analysed = analyse_text("đất_đai thu hồi. Nhà " + "x" * 60 + " nước")
    assert analysed.folded.split() == ["dat", "dai", "thu", "hoi", "nha", "nuoc"]
    assert analysed.pairs.split() == ["dat_dai", "dai_thu", "thu_hoi", "hoi_nha", "nha_nuoc"]


def test_decomposed_text_is_normalised_first() -> None:
    nfd = unicodedata.normalize("NFD", "Quyết định đất đai")
    assert analyse_text(nfd) == analyse_text("Quyết định đất đai")
    assert syllable_forms(nfd) == [("quyết", "quyet"), ("định", "dinh"), ("đất", "dat"), ("đai", "dai")]


@given(st.text(max_size=300))
def test_analysis_never_fails_and_token_kinds_never_collide(text: str) -> None:
    analysed = analyse_text(text)
    folded = analysed.folded.split()
    pairs = analysed.pairs.split()
    exact = analysed.exact.split()
    assert all(analysis.PAIR_JOINER not in t and len(t) <= analysis.MAX_TOKEN_CHARS for t in folded)
    assert all(p.count(analysis.PAIR_JOINER) == 1 for p in pairs)
    assert all(not t.isascii() for t in exact)
    assert all(len(t) < 255 for t in folded + pairs + exact)  # Elasticsearch's whitespace tokenizer limit


# --- numbers (the grammar and key are legal.numbers's: tests/legal/test_numbers.py) ---


def test_number_tokens_give_prefixes_and_parts() -> None:
    assert number_tokens("15/2017/QD-UBND") == [
        "15/2017/QD-UBND",
        "15/2017/QD",
        "15/2017",
        "15/QD-UBND",
        "15/QD",
        "15",
        "2017",
        "qd",
        "ubnd",
        "qd-ubnd",
    ]
    assert number_tokens("152/QD-UBND", parts=False) == ["152/QD-UBND", "152/QD"]
    assert number_tokens("64/2025/QH15", parts=False) == ["64/2025/QH15", "64/2025", "64/QH15"]


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("15/2017/QĐ-UBND", ["15/2017/QD-UBND"]),
        ("Số 015 / 2017 / qđ-ubnd", ["15/2017/QD-UBND"]),
        ("QD 15/2017", ["15/2017"]),
        ("19/2022", ["19/2022"]),
        ("15/2017/QĐ", ["15/2017/QD"]),
        ("152/qđ-ubnd", ["152/QD-UBND"]),
        ("ngày 07/12/2022", []),
        ("15/20171", []),
        ("0/2017", []),
        ("15/1800", []),
    ],
)
def test_numbers_in_queries(query: str, keys: list[str]) -> None:
    assert [n.key for n in find_query_numbers(query)] == keys


def test_query_number_spans_take_the_word_so_but_not_so() -> None:
    (number,) = find_query_numbers("Số 15/2017")
    assert number.start == 0
    (number,) = find_query_numbers("hồ sơ 15/2017")
    assert number.start == len("hồ sơ ")


@pytest.mark.parametrize(
    ("typed", "prefix"),
    [
        ("15", "15"),
        ("015", "15"),
        ("15/20", "15/20"),
        ("Số 15 / 2017 / qđ-u", "15/2017/QD-U"),
        ("0", None),
        ("abc", None),
        ("15/2017/QĐ-UBND!", None),
    ],
)
def test_number_prefix(typed: str, prefix: str | None) -> None:
    assert number_prefix(typed) == prefix


# --- documents ---


def test_fingerprint_changes_with_anything_indexed() -> None:
    for document in CORPUS:
        assert analysis.fingerprint(document) == document.fingerprint() == dataclasses.replace(document).fingerprint()
    base = CORPUS[0]
    changed = [
        dataclasses.replace(base, title=base.title + "!"),
        dataclasses.replace(base, text=base.text + "!"),
        dataclasses.replace(base, status="expired" if base.status != "expired" else "in_force"),
        dataclasses.replace(base, fields=(*base.fields, "x")),
        dataclasses.replace(base, published=not base.published),
        dataclasses.replace(base, effective_from=dt.date(1999, 1, 1)),
        dataclasses.replace(base, articles=(*base.articles, art(99, "Điều khoản thi hành", "Có hiệu lực."))),
        dataclasses.replace(base, title=base.title + "\x1f"),  # control characters too
    ]
    prints = {base.fingerprint(), *(d.fingerprint() for d in changed)}
    assert len(prints) == len(changed) + 1


def test_document_body_adds_articles_not_already_in_the_text() -> None:
    inside = art(1, "Phạm vi", "Quy định về bồi thường.")
    outside = art(2, "Đối tượng áp dụng", "Người sử dụng đất có đất bị thu hồi.")
    document = doc(
        1, "1/2020/QĐ-UBND", "Tiêu đề", "Điều 1. Phạm vi. Quy định về bồi thường.", articles=(inside, outside)
    )
    body = analysis.document_body(document)
    assert body.count("Quy định về bồi thường.") == 1
    assert "Người sử dụng đất có đất bị thu hồi." in body and "Đối tượng áp dụng" in body


def test_analyse_document_fields() -> None:
    document = doc(
        7,
        "15/2017/QĐ-UBND",
        "Quyết định về bồi thường",
        "Căn cứ Nghị định số 47/2014/NĐ-CP. Số: 15/2017/QĐ-UBND.",
        fields=("dat-dai", "tai-chinh"),
        issued="2017-03-20",
        effective=None,
    )
    data = analyse_document(document)
    assert set(analysis.TEXT_FIELDS) <= set(data)
    assert data["title"] == "quyet dinh ve boi thuong"
    assert data["number_prefix"].split()[:4] == ["1", "15", "15/", "15/2"]
    assert data["number_prefix"].split()[-1] == "15/2017/QD-UBND"
    assert data["title_prefix"].split()[:6] == ["qu", "quy", "quye", "quyet", "di", "din"]
    assert "15/2017" in data["num"].split() and "qd" in data["num"].split()
    assert data["ref"].split() == ["47/2014/ND-CP", "47/2014/ND", "47/2014", "47/ND-CP", "47/ND"]  # not its own
    assert data["issued"] == 20170320 and data["year"] == 2017 and data["effective"] is None
    assert data["fields"] == ["dat-dai", "tai-chinh"]
    assert data["fingerprint"] == document.fingerprint()


def test_unreadable_own_number_is_indexed_by_its_syllables() -> None:
    # Its syllables, and the issued year (documents are issued on 2020-01-01 in tests.search.corpus).
    data = analyse_document(doc(1, "Công văn không số", "x"))
    assert data["num"] == "cong van khong so @2020" and data["number_prefix"] == ""


def test_an_unreadable_number_is_found_by_its_serial_without_zeros() -> None:
    # "03-TB/BCĐ" (a party committee's numbering) is not a số ký hiệu the grammar reads: "3 tb bcd" still finds it.
    assert analyse_document(doc(1, "03-TB/BCĐ", "x"))["num"].split() == ["03", "tb", "bcd", "3", "@2020"]


def test_the_issued_year_is_a_token_of_the_number_field() -> None:
    data = analyse_document(doc(1, "15/2017/QĐ-UBND", "x", issued="2017-03-05"))
    assert analysis.issued_year_token(2017) in data["num"].split()


def test_date_key() -> None:
    assert analysis.date_key(dt.date(2017, 3, 5)) == 20170305
