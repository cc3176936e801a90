"""Số ký hiệu (document number) parsing, normalisation and finding: the one copy, for the backend and search.

Real data writes one number many ways: ``QĐ`` / ``QD`` / ``QÐ`` (U+00D0, the Icelandic eth, which looks
the same as Đ in most fonts) / lower case, ``HĐND`` / ``HDND``, stray spaces, a leading "Số". Every spelling
of one number must resolve to one document, so everything that stores, looks up or indexes a number goes
through :func:`number_key` (or :func:`key_or_none`, the same rule without the error).

Pure Python (no Django, no ``backend``): the importers, the API and the search library (which must not import
the backend) all share it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from legal.vietnamese import is_syllable_shaped

__all__ = [
    "D_LOOKALIKES",
    "D_REPAIR",
    "PUNCT_REPAIR",
    "SERIAL_MAX_DIGITS",
    "SYMBOL_LESS_TYPES",
    "SYMBOL_PATTERN",
    "TYPE_ABBREVIATIONS",
    "YEAR_MAX",
    "YEAR_MIN",
    "DocumentNumber",
    "NumberError",
    "SpokenNumber",
    "clean_number",
    "find_number_keys",
    "find_numbers",
    "find_spoken_numbers",
    "fold",
    "key_or_none",
    "lookup_key",
    "number_key",
    "parse_number",
    "spoken_key",
]

# The Democratic Republic's first legal documents date from 1945; anything outside this window is a typo
# (e.g. "31/122025") rather than a real year, and accepting it would silently create a bogus document.
YEAR_MIN = 1945
YEAR_MAX = 2100

# Serials run from 01 upwards per type and year; yearless administrative numbers reach 4-5 digits. The cap
# keeps int() away from Python's huge-integer guard (which raises a plain ValueError) on adversarial input.
SERIAL_MAX_DIGITS = 10

# Letters that look like Đ/đ. U+00D0/U+00F0 (eth) come from Icelandic keyboard layouts and some font
# converters, U+0189/U+0256 (African D) from OCR. NFD does not decompose any of them, so they need an explicit
# mapping.
D_LOOKALIKES = frozenset("ĐđÐðƉɖ")
_D_FOLD = str.maketrans({ch: "D" if ch.isupper() else "d" for ch in D_LOOKALIKES})
# Where the Vietnamese letter is kept (a number's display form, provision labels), the look-alikes are repaired.
D_REPAIR = str.maketrans({"Ð": "Đ", "ð": "đ", "Ɖ": "Đ", "ɖ": "đ"})

# Dashes and slashes that word processors substitute for the ASCII ones, one character for one (search relies on
# that to keep offsets). NFKC already maps the full-width forms.
PUNCT_REPAIR = str.maketrans(
    {
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2212": "-",  # minus sign
        "\u2044": "/",  # fraction slash
        "\u2215": "/",  # division slash
    }
)


class _CleanTable(dict[int, str | int | None]):
    """The str.translate table of :func:`clean_number`, filled on first use of each character.

    Spaces carry no meaning anywhere in a number ("15 / 2017 / QĐ - UBND"), and Unicode format characters
    (category Cf: zero-width space and joiners, BOM, soft hyphen, the left-to-right and right-to-left marks and
    embeddings, word joiner, …) are invisible, pasted from web pages, Word documents and right-to-left aware
    editors, and never part of a number: both are dropped. Dashes and slashes are repaired (PUNCT_REPAIR).
    """

    def __missing__(self, code: int) -> str | int | None:
        ch = chr(code)
        value: str | int | None = PUNCT_REPAIR.get(code, code)
        if ch.isspace() or unicodedata.category(ch) == "Cf":
            value = None
        self[code] = value
        return value


_CLEAN_TABLE = _CleanTable()

_NUMBER_RE = re.compile(
    rf"(?P<serial>[0-9]{{1,{SERIAL_MAX_DIGITS}}})/(?:(?P<year>[0-9]{{4}})/)?(?P<symbol>[^/]+)",
    re.ASCII,
)
# Checked on the folded, upper-cased symbol: Latin letters and ASCII digits only, segments joined by single
# dashes.
_SYMBOL_KEY_RE = re.compile(r"[A-Z0-9]+(?:-[A-Z0-9]+)*", re.ASCII)
_HAS_LETTER_RE = re.compile(r"[A-Z]", re.ASCII)

# A symbol as written in running text or a query: letters and digits, segments joined by one dash (spaces are
# allowed around "/" but not around "-": "QĐ-UBND - ngày" would otherwise swallow the next word into the symbol).
SYMBOL_PATTERN = r"[^\W_]+(?:[-\u2010\u2011\u2013][^\W_]+)*"
# Without a look-behind at its start, so that the regex engine can jump from digit to digit (search runs it on
# every document it indexes); the "not inside a longer token" check is done by hand in _candidates, with the same
# result as the look-behind ``(?<![\w/])(?<![0-9]\.)``.
_NUMBER_IN_TEXT_RE = re.compile(
    rf"[0-9]{{1,{SERIAL_MAX_DIGITS}}}[ \t\u00a0]*/[ \t\u00a0]*"
    r"(?:(?P<year>[0-9]{4})[ \t\u00a0]*/[ \t\u00a0]*)?"
    rf"(?P<symbol>{SYMBOL_PATTERN})"
)


class NumberError(ValueError):
    """A số ký hiệu that cannot be read.

    ``str(error)`` is the English message; ``message_vi`` is what Vietnamese users see.
    """

    def __init__(self, message_vi: str, message_en: str) -> None:
        # Both messages in args, so the error survives pickling (Celery results, multiprocessing).
        super().__init__(message_vi, message_en)
        self.message_vi = message_vi
        self.message_en = message_en

    def __str__(self) -> str:
        return self.message_en


def _quote(raw: object) -> str:
    # Error messages end up in API responses and logs: keep them bounded and on one line.
    text = raw if isinstance(raw, str) else repr(raw)
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "…"


def _unreadable(raw: object) -> NumberError:
    shown = _quote(raw)
    return NumberError(
        f"Không đọc được số ký hiệu: '{shown}'",
        f"Cannot read the document number: '{shown}'",
    )


def fold(text: str) -> str:
    """Remove Vietnamese diacritics and fold Đ/đ (and look-alikes) to D/d, keeping case.

    Used wherever Vietnamese text is compared without its marks ("quyết định" and "quyet dinh" meet); the result
    is NFC so that callers can compare it with other NFC text. Not one character for one (search's own fold is).
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D_FOLD))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def _canonical_symbol(symbol: str) -> str:
    # NFKC again after upper-casing: a few letters (e.g. the "ǆ" digraph) upper-case to forms NFKC rewrites,
    # and the display form must re-parse to the same symbol.
    upper = unicodedata.normalize("NFKC", symbol.upper())
    return unicodedata.normalize("NFC", upper.translate(D_REPAIR))


def _symbol_key(symbol: str) -> str | None:
    key = fold(symbol).upper()
    if _SYMBOL_KEY_RE.fullmatch(key) and _HAS_LETTER_RE.search(key):
        return key
    return None


@dataclass(frozen=True)
class DocumentNumber:
    """A parsed số ký hiệu: ``15/2017/QĐ-UBND`` is serial 15, year 2017, symbol ``QĐ-UBND``.

    ``symbol`` is the display form (upper case, Đ kept); comparisons between spellings must use :attr:`key`.
    """

    serial: int
    year: int | None
    symbol: str

    def __post_init__(self) -> None:
        # Guard direct construction too, so that every DocumentNumber in the system has a well-formed key.
        bad = (
            not isinstance(self.serial, int)
            or isinstance(self.serial, bool)
            or self.serial <= 0
            or (self.year is not None and not (YEAR_MIN <= self.year <= YEAR_MAX))
            or not isinstance(self.symbol, str)
            or _canonical_symbol(self.symbol) != self.symbol
            or _symbol_key(self.symbol) is None
        )
        if bad:
            raise _unreadable(f"{self.serial}/{self.year}/{self.symbol}")

    @property
    def key(self) -> str:
        """The lookup key: ASCII, upper case, no leading zeros, e.g. ``15/2017/QD-UBND``."""
        return _key(self.serial, self.year, fold(self.symbol))

    @property
    def display(self) -> str:
        """The official way of writing the number: a serial of at least two digits, ``05/2017/NQ-HĐND``."""
        if self.year is None:
            return f"{self.serial:02d}/{self.symbol}"
        return f"{self.serial:02d}/{self.year}/{self.symbol}"

    def __str__(self) -> str:
        return self.display


def _key(serial: int, year: int | None, symbol_key: str) -> str:
    return f"{serial}/{symbol_key}" if year is None else f"{serial}/{year}/{symbol_key}"


def clean_number(raw: str) -> str:
    """``raw`` without spaces and invisible characters, with plain dashes and slashes, and without the word "Số"
    in front of its digits: the form the number grammar reads (and search reads typed number prefixes in)."""
    # NFKC composes decomposed Vietnamese and maps full-width digits, slashes and NBSP to their plain forms.
    text = unicodedata.normalize("NFKC", raw).translate(_CLEAN_TABLE)
    # "Số", "số", "SỐ", "So", "Số:" — the word for "number" that precedes it in headers and lists. Only
    # stripped when digits follow, so no symbol can lose letters here.
    if len(text) >= 2 and fold(text[:2]).upper() == "SO":
        rest = text[2:]
        if rest.startswith((":", ".")):
            rest = rest[1:]
        if rest[:1].isascii() and rest[:1].isdigit():
            return rest
    return text


_Problem = Literal["unreadable", "serial", "year"]


def _read(raw: object) -> tuple[int, int | None, str, str] | _Problem:
    """(serial, year, display symbol, symbol key) of ``raw``, or what is wrong with it. Raises nothing, so that
    the search index can read every number-like string of a document without paying for exceptions."""
    if not isinstance(raw, str):
        return "unreadable"
    match = _NUMBER_RE.fullmatch(clean_number(raw))
    if match is None:
        return "unreadable"
    serial = int(match["serial"])
    if serial <= 0:
        return "serial"
    year: int | None = None
    if match["year"] is not None:
        year = int(match["year"])
        if not (YEAR_MIN <= year <= YEAR_MAX):
            return "year"
    symbol = _canonical_symbol(match["symbol"])
    # The display form must be stable (DocumentNumber checks it too); the symbol must fold to Latin letters and
    # digits with a letter: this also rejects dates ("07/12/2022" has no letter in its last part).
    symbol_key = _symbol_key(symbol) if _canonical_symbol(symbol) == symbol else None
    if symbol_key is None:
        return "unreadable"
    return serial, year, symbol, symbol_key


def parse_number(raw: str) -> DocumentNumber:
    """Parse a số ký hiệu in any of its real-world spellings.

    Raises :class:`NumberError` (and nothing else) when ``raw`` is not a readable number.
    """
    found = _read(raw)
    if found == "serial":
        shown = _quote(raw)
        raise NumberError(
            f"Số thứ tự trong số ký hiệu phải lớn hơn 0: '{shown}'",
            f"The serial in the document number must be greater than 0: '{shown}'",
        )
    if found == "year":
        shown = _quote(raw)
        raise NumberError(
            f"Năm trong số ký hiệu phải từ {YEAR_MIN} đến {YEAR_MAX}: '{shown}'",
            f"The year in the document number must be between {YEAR_MIN} and {YEAR_MAX}: '{shown}'",
        )
    if isinstance(found, str):
        raise _unreadable(raw)
    serial, year, symbol, _ = found
    return DocumentNumber(serial=serial, year=year, symbol=symbol)


def number_key(raw: str) -> str:
    """The normalised lookup key of ``raw``: ``"Số 055 / 2025 / qđ-ubnd"`` -> ``"55/2025/QD-UBND"``.

    Idempotent: a key is itself a valid number with the same key. Raises :class:`NumberError`.
    """
    key = key_or_none(raw) if isinstance(raw, str) else None
    if key is None:
        parse_number(raw)  # raises the precise error
        raise AssertionError(raw)  # pragma: no cover - _read and parse_number agree
    return key


def key_or_none(raw: object) -> str | None:
    """:func:`number_key` of ``raw``, or None where that raises."""
    return _cached_key(raw) if isinstance(raw, str) else None


@functools.lru_cache(maxsize=65_536)  # documents cite the same numbers again and again
def _cached_key(raw: str) -> str | None:
    found = _read(raw)
    if isinstance(found, str):
        return None
    serial, year, _, symbol_key = found
    return _key(serial, year, symbol_key)


def _candidates(text: str) -> Iterator[str]:
    """Number-like substrings of the NFC ``text``, in order, not yet checked by the grammar."""
    search = _NUMBER_IN_TEXT_RE.search
    pos = 0
    while (match := search(text, pos)) is not None:
        start = match.start()
        before = text[max(0, start - 2) : start]
        # Not inside a longer token (the "19" of "x19/2022/..."), nor inside a serial with a dot ("Nghị quyết số
        # 66.16/2026/NQ-CP"), which no number here can hold: better no number than "16/2026/NQ-CP", another
        # document's.
        inside_serial = len(before) == 2 and before[1] == "." and before[0] in "0123456789"
        if start > 0 and (before[-1] == "/" or before[-1].isalnum() or before[-1] == "_" or inside_serial):
            pos = start + 1
            continue
        pos = match.end()
        if match["year"] is None and any(ch.islower() for ch in match["symbol"]):
            # Without a year, "1/ Khoản" or "2/Điều" in a list would look like a number; real symbols are
            # written in capitals, so a lower-case yearless candidate is prose, not a number.
            continue
        yield match.group()


def find_numbers(text: str) -> list[str]:
    """Number-like substrings of free Vietnamese text, in order, as written.

    Dates ("ngày 07/12/2022") are not returned: a symbol must contain a letter. A number without a year is
    only taken when its symbol is in capitals. Every returned string is accepted by :func:`parse_number`.
    """
    if "/" not in text:
        return []
    # Regex classes see composed letters only; decomposed input (NFD from some macOS tools) is composed first,
    # so the substrings returned are those of the NFC text.
    return [found for found in _candidates(unicodedata.normalize("NFC", text)) if _cached_key(found) is not None]


def find_number_keys(text: str) -> list[str]:
    """The keys of :func:`find_numbers` (what search indexes as a document's references), found as fast."""
    if "/" not in text:
        return []
    keys = map(_cached_key, _candidates(unicodedata.normalize("NFC", text)))
    return [key for key in keys if key is not None]


# --- numbers as people say them ------------------------------------------------------------------------------------
#
# Officials and citizens rarely type a number the way it is printed: "nq 12 hdnd 2019" for 12/2019/NQ-HĐND,
# "cv 1234 kt" for the công văn 1234/UBND-KT, "kh 88" for 88/KH-UBND, "quyết định 1707", "03-TB/BCĐ" (a party
# committee's numbering, serial-type/issuer). What they say is the serial, maybe the year, the type (abbreviated
# or spelled out) and some parts of the symbol, in any order after the serial. Search and the public lookup read
# them with the same grammar (find_spoken_numbers, spoken_key).

# Document types by the abbreviation their symbols start with, and how the type is said (folded syllables).
TYPE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "QD": ("quyet dinh",),
    "NQ": ("nghi quyet",),
    "ND": ("nghi dinh",),
    "TT": ("thong tu",),
    "TTLT": ("thong tu lien tich",),
    "CT": ("chi thi",),
    "KH": ("ke hoach",),
    "TB": ("thong bao",),
    "BC": ("bao cao",),
    "CTR": ("chuong trinh",),
    "HD": ("huong dan",),
    "KL": ("ket luan",),
    "TTR": ("to trinh",),
    "GM": ("giay moi",),
    "CV": ("cong van",),
}
# A công văn's symbol has no type segment (1234/UBND-KT): "cv" names the type, it is not a part of the symbol.
SYMBOL_LESS_TYPES = frozenset({"CV"})
_TYPE_NAMES = {tuple(name.split()): code for code, names in TYPE_ABBREVIATIONS.items() for name in names}
_LONGEST_NAME = max(map(len, _TYPE_NAMES))
_SPOKEN_SERIAL_DIGITS = 6  # longer runs of digits are not the serials people say


@dataclass(frozen=True)
class SpokenNumber:
    """A number as said, found in a list of folded lower-case words: ``words[start:end]``.

    ``type`` is an abbreviation of :data:`TYPE_ABBREVIATIONS` (or None), ``parts`` the other symbol segments said
    (upper case, folded: ``("HDND",)``).
    """

    serial: int
    year: int | None
    type: str | None
    parts: tuple[str, ...]
    start: int
    end: int

    @property
    def key(self) -> str | None:
        """The full key when everything of the symbol was said ("nq 12 hdnd 2019" -> ``12/2019/NQ-HDND``)."""
        if self.type is None or not self.parts:
            return None
        symbol = "-".join(self.parts if self.type in SYMBOL_LESS_TYPES else (self.type, *self.parts))
        if self.type in SYMBOL_LESS_TYPES and len(self.parts) < 2:
            return None  # "cv 1234 kt": the issuer part (UBND) is not said
        return key_or_none(f"{self.serial}/{self.year}/{symbol}" if self.year else f"{self.serial}/{symbol}")

    @property
    def tokens(self) -> tuple[str, ...]:
        """What the document's own number must contain, as lower-case pieces: serial, year, type, parts."""
        pieces = [str(self.serial)]
        if self.year is not None:
            pieces.append(str(self.year))
        if self.type is not None and self.type not in SYMBOL_LESS_TYPES:
            pieces.append(self.type.lower())
        pieces.extend(part.lower() for part in self.parts)
        return tuple(dict.fromkeys(pieces))


def _serial(word: str) -> int | None:
    if word.isascii() and word.isdigit() and len(word) <= _SPOKEN_SERIAL_DIGITS and int(word) > 0:
        return int(word)
    return None


def _year(word: str) -> int | None:
    if word.isascii() and word.isdigit() and len(word) == 4 and YEAR_MIN <= int(word) <= YEAR_MAX:
        return int(word)
    return None


def _type_at(words: Sequence[str], i: int) -> tuple[str, int] | None:
    """(abbreviation, words used) of a type said at ``words[i]``: "qd", or "quyet dinh"."""
    abbreviation = words[i].upper()
    if abbreviation in TYPE_ABBREVIATIONS:
        return abbreviation, 1
    for size in range(min(_LONGEST_NAME, len(words) - i), 1, -1):
        code = _TYPE_NAMES.get(tuple(words[i : i + size]))
        if code is not None:
            return code, size
    return None


def _is_symbol_part(word: str) -> bool:
    """An issuer or unit abbreviation ("ubnd", "hdnd", "kt", "bcd"): letters that are not a Vietnamese syllable."""
    return word.isascii() and word.isalpha() and len(word) <= 8 and not is_syllable_shaped(word)


def _said_after(words: Sequence[str], k: int, year: int | None) -> tuple[list[str], int | None, int]:
    """Symbol parts and a year said from ``words[k]`` on, and where they stop."""
    parts: list[str] = []
    while k < len(words):
        found_year = _year(words[k]) if year is None else None
        if found_year is not None:
            year = found_year
        elif _is_symbol_part(words[k]):
            parts.append(words[k].upper())
        else:
            break
        k += 1
    return parts, year, k


def find_spoken_numbers(words: Sequence[str]) -> list[SpokenNumber]:
    """Numbers said in a list of folded lower-case words, in order, not overlapping.

    Two shapes: a type then the serial ("kh 88", "quyet dinh 1707", "nq 12 hdnd 2019", "cv 1234 kt"), or the
    serial then an abbreviated type ("03 tb bcd" from "03-TB/BCĐ", "1830 qd ubnd"); symbol parts and a year may
    follow either. A serial alone, or a type alone, is not a number.
    """
    found: list[SpokenNumber] = []
    i = 0
    while i < len(words):
        spoken: SpokenNumber | None = None
        said = _type_at(words, i)
        if said is not None:
            code, size = said
            at = i + size + (words[i + size : i + size + 1] == ["so"])  # "nghị quyết số 12"
            serial = _serial(words[at]) if at < len(words) else None
            if serial is not None:
                parts, year, end = _said_after(words, at + 1, None)
                # "kế hoạch 2021" is a topic and a year; "kh 2021" is said by someone who means a number.
                spelled_year = size > 1 and not parts and year is None and _year(words[at]) is not None
                if not spelled_year:
                    spoken = SpokenNumber(serial, year, code, tuple(dict.fromkeys(parts)), i, end)
        if spoken is None and i + 1 < len(words):
            serial = _serial(words[i])
            code = words[i + 1].upper()
            if serial is not None and code in TYPE_ABBREVIATIONS:
                parts, year, end = _said_after(words, i + 2, None)
                spoken = SpokenNumber(serial, year, code, tuple(dict.fromkeys(parts)), i, end)
        if spoken is None:
            i += 1
            continue
        found.append(spoken)
        i = spoken.end
    return found


_WORD_RE = re.compile(r"[^\W_]+")


def spoken_key(raw: str) -> str | None:
    """The key of a number said in full, and nothing else ("nq 12 hdnd 2019" -> ``12/2019/NQ-HDND``), else None."""
    if not isinstance(raw, str) or len(raw) > 200:
        return None
    words = [fold(word).lower() for word in _WORD_RE.findall(unicodedata.normalize("NFKC", raw))]
    if words[:1] == ["so"]:  # "Số 12 ..."
        words = words[1:]
    spoken = find_spoken_numbers(words)
    if len(spoken) != 1 or (spoken[0].start, spoken[0].end) != (0, len(words)):
        return None
    return spoken[0].key


def lookup_key(raw: str) -> str:
    """The key of a number written (:func:`number_key`) or said in full (:func:`spoken_key`): what a lookup by
    number reads. Raises :class:`NumberError` with the written grammar's message when it is neither."""
    key = key_or_none(raw) if isinstance(raw, str) else None
    if key is None and isinstance(raw, str):
        key = spoken_key(raw)
    return key if key is not None else number_key(raw)
