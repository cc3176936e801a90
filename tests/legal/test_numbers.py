"""Tests for the số ký hiệu grammar (legal.numbers, shared by the catalogue and search): examples from real
documents plus property tests over spellings."""

from __future__ import annotations

import pickle
import re
import unicodedata

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import legal.numbers as spoken
from legal.numbers import (
    YEAR_MAX,
    YEAR_MIN,
    DocumentNumber,
    NumberError,
    find_number_keys,
    find_numbers,
    fold,
    key_or_none,
    number_key,
    parse_number,
)

# --- examples ---


@pytest.mark.parametrize(
    ("raw", "serial", "year", "symbol", "key", "display"),
    [
        ("15/2017/QĐ-UBND", 15, 2017, "QĐ-UBND", "15/2017/QD-UBND", "15/2017/QĐ-UBND"),
        ("05/2017/NQ-HĐND", 5, 2017, "NQ-HĐND", "5/2017/NQ-HDND", "05/2017/NQ-HĐND"),
        ("055/2025/QĐ-UBND", 55, 2025, "QĐ-UBND", "55/2025/QD-UBND", "55/2025/QĐ-UBND"),
        ("152/QĐ-UBND", 152, None, "QĐ-UBND", "152/QD-UBND", "152/QĐ-UBND"),
        ("64/2025/QH15", 64, 2025, "QH15", "64/2025/QH15", "64/2025/QH15"),
        ("79/2025/NĐ-CP", 79, 2025, "NĐ-CP", "79/2025/ND-CP", "79/2025/NĐ-CP"),
        ("01/2025/TT-BTC", 1, 2025, "TT-BTC", "1/2025/TT-BTC", "01/2025/TT-BTC"),
        ("3637/UBND-VX", 3637, None, "UBND-VX", "3637/UBND-VX", "3637/UBND-VX"),
        ("80/KH-BCĐBVMT", 80, None, "KH-BCĐBVMT", "80/KH-BCDBVMT", "80/KH-BCĐBVMT"),
        ("35/1998/NQ-HĐ", 35, 1998, "NQ-HĐ", "35/1998/NQ-HD", "35/1998/NQ-HĐ"),
    ],
)
def test_parse_real_numbers(raw: str, serial: int, year: int | None, symbol: str, key: str, display: str) -> None:
    number = parse_number(raw)
    assert number == DocumentNumber(serial=serial, year=year, symbol=symbol)
    assert number.key == key
    assert number.display == display
    assert str(number) == display
    assert number_key(raw) == key


@pytest.mark.parametrize(
    "raw",
    [
        "15/2017/QĐ-UBND",
        "15/2017/QD-UBND",
        "15/2017/QÐ-UBND",  # U+00D0
        "15/2017/qđ-ubnd",
        "15/2017/qd-ubnd",
        "15 / 2017 / QĐ - UBND",
        "  15/2017/QĐ-UBND\t",
        "\u00a015/2017/QĐ-UBND\u00a0",
        "015/2017/QĐ-UBND",
        "Số 15/2017/QĐ-UBND",
        "số 15/2017/QĐ-UBND",
        "SỐ 15/2017/QĐ-UBND",
        "So 15/2017/QĐ-UBND",
        "Số: 15/2017/QĐ-UBND",
        "Số:15/2017/QĐ–UBND",  # en dash, as Word writes it
        "Số 15/2017/QĐ-UBND",  # decomposed "ố"
        "１５/２０１７/QĐ-UBND",  # full-width digits
        "15/2017/Q\u0110-\u200bUBND",  # zero-width space pasted from a web page
    ],
)
def test_spellings_share_one_key(raw: str) -> None:
    assert number_key(raw) == "15/2017/QD-UBND"


def test_hdnd_spellings_share_one_key() -> None:
    keys = {number_key(raw) for raw in ["05/2017/NQ-HĐND", "5/2017/NQ-HDND", "05/2017/nq-hđnd", "05/2017/NQ-HÐND"]}
    assert keys == {"5/2017/NQ-HDND"}


def test_symbol_display_keeps_letters_as_written_but_repairs_eth() -> None:
    assert parse_number("15/2017/qd-ubnd").symbol == "QD-UBND"
    assert parse_number("15/2017/QÐ-UBND").symbol == "QĐ-UBND"
    assert parse_number("15/2017/qð-ubnd").symbol == "QĐ-UBND"
    assert parse_number("05/2017/nq-hđnd").display == "05/2017/NQ-HĐND"


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "Số",
        "QĐ-UBND",
        "15",
        "15/2017",
        "15/2017/",
        "/2017/QĐ-UBND",
        "07/12/2022",  # a date
        "13/7/2023",
        "0/2017/QĐ-UBND",
        "00/QĐ-UBND",
        "15/1800/QĐ-UBND",
        "15/2101/QĐ-UBND",
        "15/20171/QĐ-UBND/",
        "15/2017/QĐ--UBND",
        "15/2017/-QĐ",
        "15/2017/QĐ-",
        "15/2017/QĐ_UBND",
        "15/2017/QĐ.UBND",
        "15/2017/QĐ-UBND/X",
        "15/2017/ΑΒ-UBND",  # Greek capitals, not Latin
        "15/2017/2018",
        "١٥/2017/QĐ-UBND",  # Arabic-Indic digits
        "x15/2017/QĐ-UBND",
        "1" * 5000 + "/QĐ-UBND",  # would trip int()'s digit limit
    ],
)
def test_unreadable_numbers_raise_number_error(raw: str) -> None:
    with pytest.raises(NumberError):
        parse_number(raw)


def test_number_error_messages() -> None:
    with pytest.raises(NumberError) as caught:
        parse_number("abc")
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.message_vi == "Không đọc được số ký hiệu: 'abc'"
    assert error.message_en == "Cannot read the document number: 'abc'"
    assert str(error) == error.message_en

    with pytest.raises(NumberError) as caught:
        parse_number("15/1800/QĐ-UBND")
    assert "1945" in caught.value.message_vi and "2100" in caught.value.message_en


def test_number_error_pickles() -> None:
    error = NumberError("vi", "en")
    again = pickle.loads(pickle.dumps(error))
    assert (again.message_vi, again.message_en, str(again)) == ("vi", "en", "en")


def test_number_error_message_is_bounded() -> None:
    with pytest.raises(NumberError) as caught:
        parse_number("x" * 1000)
    assert len(caught.value.message_en) < 120


def test_non_string_input_raises_number_error() -> None:
    with pytest.raises(NumberError):
        parse_number(15)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("serial", "year", "symbol"),
    [
        (0, 2017, "QĐ-UBND"),
        (15, 1800, "QĐ-UBND"),
        (15, 2017, "qđ-ubnd"),
        (15, 2017, "QÐ-UBND"),
        (15, 2017, ""),
    ],
)
def test_document_number_rejects_non_canonical_parts(serial: int, year: int | None, symbol: str) -> None:
    with pytest.raises(NumberError):
        DocumentNumber(serial=serial, year=year, symbol=symbol)


def test_display_pads_to_two_digits_only() -> None:
    assert DocumentNumber(5, 2017, "NQ-HĐND").display == "05/2017/NQ-HĐND"
    assert DocumentNumber(55, 2025, "QĐ-UBND").display == "55/2025/QĐ-UBND"
    assert DocumentNumber(152, None, "QĐ-UBND").display == "152/QĐ-UBND"
    assert DocumentNumber(3637, None, "UBND-VX").display == "3637/UBND-VX"


def test_fold() -> None:
    assert fold("Quyết định") == "Quyet dinh"
    assert fold("ĐẢNG đoàn") == "DANG doan"
    assert fold("QÐ ð Ɖ ɖ") == "QD d D d"
    assert fold("Nghị quyết") == "Nghi quyet"  # decomposed input
    assert fold("15/2017/QD-UBND") == "15/2017/QD-UBND"


def test_find_numbers_in_a_real_sentence() -> None:
    text = (
        "thay thế Nghị quyết số 19/2022/NQ-HĐND ngày 07/12/2022 và Nghị quyết số 15/2023/NQ-HĐND ngày "
        "13/7/2023 của Hội đồng nhân dân tỉnh An Giang"
    )
    assert find_numbers(text) == ["19/2022/NQ-HĐND", "15/2023/NQ-HĐND"]


def test_find_numbers_examples() -> None:
    text = (
        "Số thứ tự 129 Danh mục kèm theo Quyết định số 315/QĐ-UBND ngày 22/01/2026 của Ủy ban nhân dân tỉnh; "
        "căn cứ Luật số 64/2025/QH15, Nghị định số 79/2025/NĐ-CP (30/4/1975 - 30/4/2025). "
        "Quyết định số 26/2018/QĐ-UBND 30/07/2018; 1/ Khoản 2; Công văn 3637/UBND-VX."
    )
    assert find_numbers(text) == [
        "315/QĐ-UBND",
        "64/2025/QH15",
        "79/2025/NĐ-CP",
        "26/2018/QĐ-UBND",
        "3637/UBND-VX",
    ]
    assert find_numbers("Quyết định 15 / 2017 / QĐ-UBND và 5/2017/qđ-ubnd") == [
        "15 / 2017 / QĐ-UBND",
        "5/2017/qđ-ubnd",
    ]
    assert find_numbers("ngày 07/12/2022, 2022 - 2025, tỷ lệ 1/2") == []
    assert find_numbers("") == []


# --- property tests ---

# Symbols from real documents, written with "Đ" where the official form has one.
SYMBOLS = [
    "QĐ-UBND",
    "NQ-HĐND",
    "QH15",
    "QH13",
    "NĐ-CP",
    "TT-BTC",
    "UBND-VX",
    "KH-BCĐBVMT",
    "NQ-TTHĐND",
    "QĐ-TTG",
    "TTLT-BTC-BTP",
    "CT-UBND",
    "NQ-HĐ",
    "TTR-CAT-QLHC",
]

serials = st.integers(min_value=1, max_value=99_999)
years = st.none() | st.integers(min_value=YEAR_MIN, max_value=YEAR_MAX)
spaces = st.sampled_from(["", "", " ", "  ", "\u00a0", "\t", " \u00a0 "])
D_SPELLINGS = ["Đ", "D", "Ð", "đ", "d", "ð"]


def ascii_key(serial: int, year: int | None, symbol: str) -> str:
    """The expected key, computed independently of the module under test."""
    folded = symbol.replace("Đ", "D")
    return f"{serial}/{folded}" if year is None else f"{serial}/{year}/{folded}"


@st.composite
def spelled(draw: st.DrawFn, serial: int, year: int | None, symbol: str) -> str:
    """One real-world way of writing the number: any Đ spelling, any case, stray spaces, a 'Số' prefix."""
    letters: list[str] = []
    for ch in symbol:
        if ch == "Đ":
            letters.append(draw(st.sampled_from(D_SPELLINGS)))
        elif ch.isalpha():
            letters.append(draw(st.sampled_from([ch, ch.lower()])))
        else:
            letters.append(ch)
    segments = "".join(letters).split("-")
    written_symbol = segments[0]
    for segment in segments[1:]:
        written_symbol += draw(spaces) + draw(st.sampled_from(["-", "–"])) + draw(spaces) + segment

    written_serial = "0" * draw(st.integers(min_value=0, max_value=3)) + str(serial)
    parts = [written_serial] if year is None else [written_serial, str(year)]
    text = ""
    for part in parts:
        text += part + draw(spaces) + "/" + draw(spaces)
    text += written_symbol

    prefix = draw(st.sampled_from(["", "", "Số ", "số ", "SỐ ", "So ", "Số: ", "số:", "Số"]))
    return draw(spaces) + prefix + text + draw(spaces)


numbers = st.builds(DocumentNumber, serial=serials, year=years, symbol=st.sampled_from(SYMBOLS))


@given(data=st.data(), number=numbers)
def test_every_spelling_gives_the_same_key(data: st.DataObject, number: DocumentNumber) -> None:
    raw = data.draw(spelled(number.serial, number.year, number.symbol))
    expected = ascii_key(number.serial, number.year, number.symbol)
    assert number.key == expected
    assert number_key(raw) == expected
    parsed = parse_number(raw)
    assert parsed.serial == number.serial
    assert parsed.year == number.year


@given(data=st.data(), number=numbers)
def test_key_is_idempotent(data: st.DataObject, number: DocumentNumber) -> None:
    raw = data.draw(spelled(number.serial, number.year, number.symbol))
    key = number_key(raw)
    assert number_key(key) == key
    assert key.isascii()
    assert key == key.upper()
    assert " " not in key


# ASCII symbols built from random segments, to check the key keeps every distinction that matters.
symbol_segments = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=6)
ascii_symbols = (
    st.lists(symbol_segments, min_size=1, max_size=3).map("-".join).filter(lambda s: any(c.isalpha() for c in s))
)
ascii_numbers = st.tuples(serials, years, ascii_symbols)


@given(first=ascii_numbers, second=ascii_numbers)
@example(first=(15, 2017, "QD-UBND"), second=(15, None, "QD-UBND"))
@example(first=(15, 2017, "QD-UBND"), second=(152, 2017, "QD-UBND"))
@example(first=(1, 2025, "QH15"), second=(1, 2025, "QH1"))
def test_distinct_numbers_have_distinct_keys(
    first: tuple[int, int | None, str], second: tuple[int, int | None, str]
) -> None:
    assume(first != second)
    assert DocumentNumber(*first).key != DocumentNumber(*second).key


@given(number=numbers)
def test_display_round_trips(number: DocumentNumber) -> None:
    again = parse_number(number.display)
    assert again == number
    assert again.key == number.key


NUMBERISH = "0123456789/- :\u00a0\t.ĐđÐðƉQDUBNHĐNDNQsốSoỐÔqhtvx–_١"


@settings(max_examples=500)
@given(raw=st.text() | st.text(alphabet=NUMBERISH, max_size=30))
@example(raw="Số")
@example(raw="So:")
@example(raw="15/2017/ǆ")
@example(raw="15/2017/ß")
@example(raw="1/ﬁ")
def test_parse_only_raises_number_error(raw: str) -> None:
    try:
        number = parse_number(raw)
    except NumberError as error:
        assert error.message_vi and error.message_en
        return
    # Whatever is accepted is well-formed and stable under re-parsing.
    assert number.serial > 0
    assert number.year is None or YEAR_MIN <= number.year <= YEAR_MAX
    assert parse_number(number.display) == number
    assert number_key(number.key) == number.key
    assert number.key.isascii()


@given(raw=st.text())
def test_fold_output_has_no_vietnamese_marks(raw: str) -> None:
    folded = fold(raw)
    assert fold(folded) == folded
    assert not set("ĐđÐðƉɖ") & set(folded)


@given(data=st.data(), found=st.lists(numbers, max_size=4))
def test_find_numbers_returns_embedded_numbers_in_order(data: st.DataObject, found: list[DocumentNumber]) -> None:
    filler = st.sampled_from(
        [" và ", " ngày 07/12/2022 ", " (thay thế ", "; ", " của Hội đồng nhân dân tỉnh, ", ", 2022 - 2025, "]
    )
    text = "Căn cứ"
    for number in found:
        text += data.draw(filler) + "số " + number.display
    text += data.draw(filler) + "."
    result = find_numbers(text)
    assert [parse_number(raw).key for raw in result] == [number.key for number in found]


@given(text=st.text() | st.text(alphabet=NUMBERISH + " abcđêơư", max_size=60))
def test_find_numbers_results_always_parse(text: str) -> None:
    for raw in find_numbers(text):
        parse_number(raw)


def test_a_serial_with_a_dot_is_not_misread_as_its_last_part() -> None:
    # "66.16/2026/NQ-CP" cannot be held (serials are integers); "16/2026/NQ-CP" would be another document.
    assert find_numbers("Căn cứ Nghị quyết số 66.16/2026/NQ-CP của Chính phủ; Nghị định số 25/2025/NĐ-CP") == [
        "25/2025/NĐ-CP"
    ]


# --- key_or_none and find_number_keys: the same rules without errors, as search uses them ---
# (Until issue #13 search had its own copy of the grammar; these are the examples that checked the copy.)

D_SPELLINGS = ["Đ", "đ", "Ð", "ð", "D", "d"]
SYMBOLS = ["QĐ-UBND", "NQ-HĐND", "NĐ-CP", "TT-BTC", "QH15", "KH-BCĐBVMT", "CT-UBND", "TTLT-BTC-BTP", "UBND-VX"]


@st.composite
def written_numbers(draw: st.DrawFn) -> str:
    serial = draw(st.integers(min_value=0, max_value=10**11))
    year = draw(st.none() | st.integers(min_value=1900, max_value=2200))
    symbol = draw(st.sampled_from(SYMBOLS) | st.text(alphabet="ABCQĐÐđHNUT-0123456789 ", min_size=1, max_size=8))
    letters = "".join(draw(st.sampled_from(D_SPELLINGS)) if ch == "Đ" else ch for ch in symbol)
    if draw(st.booleans()):
        letters = letters.lower()
    space = draw(st.sampled_from(["", " ", "  ", "\u00a0", "\t", "\u200e"]))
    serial_text = "0" * draw(st.integers(min_value=0, max_value=2)) + str(serial)
    dash = draw(st.sampled_from(["-", "–", "‑"]))
    letters = letters.replace("-", dash)
    prefix = draw(st.sampled_from(["", "", "Số ", "số:", "SỐ ", "So ", "Số"]))
    parts = [serial_text] + ([str(year)] if year is not None else []) + [letters]
    return prefix + f"{space}/{space}".join(parts)


def _number_key_or_none(raw: str) -> str | None:
    try:
        return number_key(raw)
    except NumberError:
        return None


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("15/2017/QĐ-UBND", "15/2017/QD-UBND"),
        ("15/2017/QD-UBND", "15/2017/QD-UBND"),
        ("15/2017/QÐ-UBND", "15/2017/QD-UBND"),
        ("15/2017/qđ-ubnd", "15/2017/QD-UBND"),
        ("Số 015 / 2017 / qđ-ubnd", "15/2017/QD-UBND"),
        ("số: 15/2017/QĐ-UBND", "15/2017/QD-UBND"),
        ("05/2017/NQ-HĐND", "5/2017/NQ-HDND"),
        ("152/QĐ-UBND", "152/QD-UBND"),
        ("64/2025/QH15", "64/2025/QH15"),
        ("80/KH-BCĐBVMT", "80/KH-BCDBVMT"),
        ("１５/２０１７/ＱĐ-ＵＢＮＤ", "15/2017/QD-UBND"),
        ("15\u20442017\u2044QĐ\u2013UBND", "15/2017/QD-UBND"),
        ("15/2017/QĐ-UBND\u200b", "15/2017/QD-UBND"),
        # Every format character is invisible, not only the zero-width ones: search's former copy of the grammar
        # knew six of them and so gave no key to these, which the catalogue stored under one.
        ("15/2017/QĐ\u200e-UBND", "15/2017/QD-UBND"),
        ("\u202a15/2017/QĐ-UBND\u202c", "15/2017/QD-UBND"),
        ("0/2017/QĐ-UBND", None),
        ("15/1800/QĐ-UBND", None),
        ("07/12/2022", None),
        ("15/2017/", None),
        ("15/2017/QĐ--UBND", None),
        ("15/2017/ǅ", "15/2017/DZ"),
        ("15/2017/ᵃ", "15/2017/A"),
        ("hello", None),
        ("", None),
        ("12345678901/2017/QĐ", None),
    ],
)
def test_key_or_none_examples(raw: str, key: str | None) -> None:
    assert key_or_none(raw) == _number_key_or_none(raw) == key


def test_key_or_none_takes_anything() -> None:
    assert key_or_none(None) is None
    assert key_or_none(["15/2017/QĐ-UBND"]) is None
    with pytest.raises(NumberError):
        number_key(None)  # type: ignore[arg-type]


@settings(max_examples=500)
@given(written_numbers())
def test_key_or_none_is_number_key_without_the_error_on_spellings(raw: str) -> None:
    assert key_or_none(raw) == _number_key_or_none(raw)


@settings(max_examples=300)
@given(st.text(max_size=40))
def test_key_or_none_is_number_key_without_the_error_on_any_text(raw: str) -> None:
    assert key_or_none(raw) == _number_key_or_none(raw)


def test_number_keys_found_in_a_text() -> None:
    text = (
        "Căn cứ Nghị định số 47/2014/NĐ-CP ngày 15/5/2014 và Quyết định 152/QĐ-UBND, 1/ Khoản; "
        "Nghị quyết 19 / 2022 / NQ-HĐND; ngày 07/12/2022; x19/2022/NQ-HĐND"
    )
    assert find_numbers(text) == ["47/2014/NĐ-CP", "152/QĐ-UBND", "19 / 2022 / NQ-HĐND"]
    assert find_number_keys(text) == ["47/2014/ND-CP", "152/QD-UBND", "19/2022/NQ-HDND"]
    assert find_number_keys("không có số nào") == find_number_keys("") == []


# find_numbers scans with a plain regex and checks what stands before a match by hand (faster: the regex engine
# can jump from digit to digit); this is the look-behind it stands for.
_LOOK_BEHIND_RE = re.compile(
    r"(?<![\w/])(?<![0-9]\.)"
    r"[0-9]{1,10}[ \t\u00a0]*/[ \t\u00a0]*"
    r"(?:(?P<year>[0-9]{4})[ \t\u00a0]*/[ \t\u00a0]*)?"
    r"(?P<symbol>[^\W_]+(?:[-\u2010\u2011\u2013][^\W_]+)*)"
)


def _found_by_look_behind(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text)
    found = []
    for match in _LOOK_BEHIND_RE.finditer(text):
        if match["year"] is None and any(ch.islower() for ch in match["symbol"]):
            continue
        if _number_key_or_none(match.group()) is not None:
            found.append(match.group())
    return found


number_chunks = st.text(alphabet=st.sampled_from(list("0123456789/ -–QĐđÐHNUBDx_.,\u00a0"))) | st.sampled_from(
    [*SYMBOLS, "Số ", "2017", "ngày ", "/"]
)


@settings(max_examples=500)
@given(st.lists(number_chunks, max_size=12).map("".join))
@example("a/15/2017/QĐ-UBND x1/ 2/2017/QĐ 19/2022/NQ-HĐND")
@example("Nghị quyết số 66.16/2026/NQ-CP; 1.1/B; 1. 2/2017/QĐ-UBND")
@example("_1/2017/QĐ-UBND ٣1/2017/QĐ-UBND")
def test_find_numbers_is_the_look_behind_scan_and_find_number_keys_its_keys(text: str) -> None:
    found = find_numbers(text)
    assert found == _found_by_look_behind(text)
    assert find_number_keys(text) == [number_key(raw) for raw in found]


# --- numbers as people say them ---


def _words(text: str) -> list[str]:
    return [spoken.fold(w).lower() for w in text.replace("/", " ").replace("-", " ").split()]


@pytest.mark.parametrize(
    ("said", "serial", "year", "type_", "parts", "key"),
    [
        ("nq 12 hdnd 2019", 12, 2019, "NQ", ("HDND",), "12/2019/NQ-HDND"),
        ("nghị quyết số 12 hđnd 2019", 12, 2019, "NQ", ("HDND",), "12/2019/NQ-HDND"),
        ("cv 1234 kt", 1234, None, "CV", ("KT",), None),  # the issuer part (UBND) is not said
        ("cv 1234 ubnd kt", 1234, None, "CV", ("UBND", "KT"), "1234/UBND-KT"),
        ("kh 88", 88, None, "KH", (), None),
        ("kế hoạch 88", 88, None, "KH", (), None),
        ("03-TB/BCĐ", 3, None, "TB", ("BCD",), "3/TB-BCD"),
        ("1830 QĐ-UBND", 1830, None, "QD", ("UBND",), "1830/QD-UBND"),
        ("kh 2021", 2021, None, "KH", (), None),  # abbreviated: someone who means a number
    ],
)
def test_numbers_said_in_words(
    said: str, serial: int, year: int | None, type_: str, parts: tuple[str, ...], key: str | None
) -> None:
    words = _words(said)
    (found,) = spoken.find_spoken_numbers(words)
    assert (found.serial, found.year, found.type, found.parts) == (serial, year, type_, parts)
    assert (found.start, found.end) == (0, len(words))
    assert found.key == key


@pytest.mark.parametrize(
    "text",
    ["kế hoạch 2021", "quyết định", "kh", "88", "phòng chống dịch 2021", "ke hoach so"],
)
def test_a_serial_or_a_type_alone_is_not_a_number_said(text: str) -> None:
    # "kế hoạch 2021" is a topic and a year, not plan number 2021.
    assert spoken.find_spoken_numbers(_words(text)) == []


def test_words_after_a_said_number_end_it() -> None:
    (found,) = spoken.find_spoken_numbers(_words("kh 88 ve phong chong dich"))
    assert (found.start, found.end, found.parts) == (0, 2, ())


def test_the_pieces_a_document_number_must_hold() -> None:
    (found,) = spoken.find_spoken_numbers(_words("cv 1234 kt"))
    assert found.tokens == ("1234", "kt")  # a công văn's symbol has no type segment
    (found,) = spoken.find_spoken_numbers(_words("nq 12 hdnd 2019"))
    assert found.tokens == ("12", "2019", "nq", "hdnd")


def test_the_lookup_reads_written_and_fully_said_numbers() -> None:
    assert spoken.lookup_key("nq 12 hdnd 2019") == "12/2019/NQ-HDND"
    assert spoken.lookup_key("Số 12/2019/NQ-HĐND") == "12/2019/NQ-HDND"
    assert spoken.spoken_key("kh 88") is None  # half a number
    with pytest.raises(spoken.NumberError):
        spoken.lookup_key("kh 88")
