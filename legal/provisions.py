"""Structure of a legal normative document (VBQPPL) and canonical provision references.

A Vietnamese legal text is organised as Phần > Chương > Mục > Điều > Khoản > Điểm. This module turns a
document's full text into that tree (:func:`parse_structure`) and gives every provision one canonical
label, so that references typed by officers ("khoản 2, điều 5", "K2 Đ5", "Điều 5 khoản 2") and provisions
found in texts resolve to the same string.

Label conventions (the canonical form returned everywhere in this module):

* ``Phần I`` - parts always use upper-case Roman numerals ("Phần thứ nhất", "PHẦN 1" -> ``Phần I``);
* ``Chương II`` - chapters always use upper-case Roman numerals ("Chương 2" -> ``Chương II``);
* ``Mục 1`` / ``Mục 1 Chương II`` - sections use Arabic numerals and are qualified by their chapter when
  there is one, because section numbers restart in every chapter;
* ``Điều 5`` / ``Điều 5a`` - articles are numbered through the whole document, so they are never qualified
  by chapter; a letter suffix is lower case;
* ``Khoản 2 Điều 5`` - clauses always name their article;
* ``Điểm a Khoản 2 Điều 5`` - points name their clause and article, or only the article
  (``Điểm a Điều 5``) when the article lists points directly.

Stable identifiers (eIds, decision 0018) are the same slugs as a path, outermost first, from the unit that
numbers the provision: ``dieu-5/khoan-2/diem-dd``, ``chuong-ii/muc-1``; an attached regulation's provisions sit
under ``quy-dinh/`` (:func:`provision_eid`, :func:`parse_eid`). Annexes and forms have their own eIds:
``phu-luc-ii``, ``mau-so-01``, ``mau-so-01-tkn-cnkd``, ``phu-luc-xiii/mau-so-01`` (:func:`annex_eid`).

Around the provisions, :func:`parse_structure` also finds:

* the preamble (``mo-dau``): everything before the first heading;
* an attached regulation (kind ``regulation``, eId and anchor ``quy-dinh``, a second one ``quy-dinh-2``): a
  provincial decision is followed, after its signature, by "QUY ĐỊNH", the regulation's title and "(Ban hành kèm
  theo Quyết định số …)"; the regulation's parts, chapters and articles are its children, numbered from Điều 1
  again, with eIds ``quy-dinh/dieu-5/khoan-2`` and anchors ``khoan-2-dieu-5-quy-dinh``. Their nodes keep the
  printed labels ("Khoản 2 Điều 5"); a *reference* to one names its tree: ``Khoản 2 Điều 5 (Quy định)``
  (:func:`eid_label`; typed as "khoản 2 điều 5 của quy định" too), so that relations, statuses and lists tell
  the regulation's Điều 1 from the decision's own. A text that is only the regulation ("QUY ĐỊNH / title /
  (Kèm theo …)" before its first heading) is rooted the same way;
* the signature block after an act's last article (kind ``closing``, ``ket-thuc``, ``ket-thuc-2`` for the
  regulation's own): from "Nơi nhận:", "KT. BỘ TRƯỞNG", "TM. ỦY BAN NHÂN DÂN", a signer's title in capitals,
  "Luật này được Quốc hội … thông qua", or the line after one ending "./.";
* annexes and forms after the body (kinds ``annex`` and ``form``): opaque leaves holding every line up to the
  next annex or form heading (also one a PDF conversion joined to the end of a line, when it is the next in
  sequence: "… (nếu có) Phụ lục V. Nội dung …"). A form listed in its annex before being printed is the annex's
  text; inside an article only an unmistakable annex heading ("PHỤ LỤC I" in capitals, "Phụ lục II" alone) ends
  the body, so "theo Phụ lục I ban hành kèm theo …" stays clause text.

Anchors are the ASCII slug of the same chain (``dieu-5``, ``khoan-2-dieu-5``, ``diem-dd-khoan-2-dieu-5``,
``muc-1-chuong-ii``, ``phan-i``, ``mo-dau`` for the preamble). The point letter ``đ`` is written ``dd`` (the
Telex spelling) so that it cannot collide with ``d``.

This module is pure Python (no Django) so that importers, the API, the validity engine and search can all share
it: it is the one copy of the provision grammar and of the order of provisions (:func:`provision_sort_key`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Literal, TypedDict, TypeVar, cast

from legal.numbers import D_REPAIR

__all__ = [
    "POINT_LETTERS",
    "NodeKind",
    "NumberedLine",
    "ProvisionError",
    "ProvisionKind",
    "StructureNode",
    "annex_eid",
    "article_line",
    "clause_line",
    "eid_label",
    "find_provision",
    "normalize_provision",
    "parse_eid",
    "parse_fragment",
    "parse_structure",
    "point_line",
    "provision_eid",
    "provision_label",
    "provision_labels",
    "provision_sort_key",
    "split_provisions",
]

ProvisionKind = Literal["part", "chapter", "section", "article", "clause", "point"]
# Around the provisions: the preamble, an attached regulation (its own tree of provisions), the signature block
# ("closing") and the annexes and forms after the body (opaque leaves: their tables are flattened unreliably).
NodeKind = Literal[
    "preamble", "part", "chapter", "section", "article", "clause", "point", "regulation", "closing", "annex", "form"
]


class StructureNode(TypedDict):
    """One node of the tree returned by :func:`parse_structure` (a plain dict, so it serialises as JSON)."""

    kind: NodeKind
    number: str
    label: str
    title: str
    text: str
    children: list[StructureNode]
    anchor: str
    # The stable identifier (decision 0018): the anchor's steps outermost first, joined by "/".
    eid: str


class ProvisionError(ValueError):
    """Text that is not a provision reference.

    ``str(error)`` is the English message; ``message_vi`` is what Vietnamese users see.
    """

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_vi = message_vi
        self.message_en = message_en

    def __str__(self) -> str:
        return self.message_en


# Points are lettered in Vietnamese alphabetical order, which has đ after d and no f, j, w, z.
POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"
_POINT_RANK = {letter: index for index, letter in enumerate(POINT_LETTERS)}

# Containment depth: a new heading closes every open node at its own depth or deeper.
_DEPTH: dict[str, int] = {"part": 0, "chapter": 1, "section": 2, "article": 3, "clause": 4, "point": 5}
_WORD: dict[ProvisionKind, str] = {
    "part": "Phần",
    "chapter": "Chương",
    "section": "Mục",
    "article": "Điều",
    "clause": "Khoản",
    "point": "Điểm",
}
_SLUG: dict[ProvisionKind, str] = {
    "part": "phan",
    "chapter": "chuong",
    "section": "muc",
    "article": "dieu",
    "clause": "khoan",
    "point": "diem",
}
# Canonical labels write the most specific provision first ("Điểm a Khoản 2 Điều 5").
_LABEL_ORDER: tuple[ProvisionKind, ...] = ("point", "clause", "article", "section", "chapter", "part")

# The only combinations a canonical label may have; anything else is ambiguous or redundant
# (an article is already unique in its document, so "Điều 5 Chương II" is not a label).
_SHAPES: tuple[frozenset[str], ...] = (
    frozenset({"part"}),
    frozenset({"chapter"}),
    frozenset({"section"}),
    frozenset({"section", "chapter"}),
    frozenset({"article"}),
    frozenset({"clause", "article"}),
    frozenset({"point", "article"}),
    frozenset({"point", "clause", "article"}),
)
PREAMBLE_ANCHOR = "mo-dau"

# --- numbers ---------------------------------------------------------------------------------------------

_ROMAN_RE = re.compile(r"m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
_ROMAN_VALUES = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip
_MAX_ROMAN = 3999
# [0-9] rather than \d: \d also matches other scripts' digits, and six digits keeps int() far from
# Python's digit limit while being far above any real article number.
_INT_RE = re.compile(r"0*([1-9][0-9]{0,5})")
_ARTICLE_NUMBER_RE = re.compile(r"0*([1-9][0-9]{0,5})([a-zđ]?)")

# Part headings are often spelled out ("Phần thứ nhất"); "tư"/"bốn" and "bảy"/"bẩy" are both in use.
_ORDINAL_UNITS = {
    "nhất": 1, "nhat": 1, "hai": 2, "ba": 3, "tư": 4, "tu": 4, "bốn": 4, "bon": 4, "năm": 5, "nam": 5,
    "sáu": 6, "sau": 6, "bảy": 7, "bẩy": 7, "bay": 7, "tám": 8, "tam": 8, "chín": 9, "chin": 9,
}  # fmt: skip
# After "mười" the units are spelled differently ("mười một", "mười lăm").
_TEEN_UNITS = {**_ORDINAL_UNITS, "một": 1, "mot": 1, "mốt": 1, "lăm": 5, "lam": 5}
_TEN_WORDS = frozenset({"mười", "muoi"})


def _to_roman(value: int) -> str:
    parts: list[str] = []
    for amount, numeral in _ROMAN_VALUES:
        count, value = divmod(value, amount)
        parts.append(numeral * count)
    return "".join(parts)


def _from_roman(raw: str) -> int | None:
    if not raw or not _ROMAN_RE.fullmatch(raw):
        return None
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for index, char in enumerate(raw):
        value = values[char]
        following = values[raw[index + 1]] if index + 1 < len(raw) else 0
        total += -value if value < following else value
    return total


def _parse_ordinal(words: Sequence[str]) -> tuple[int, int] | None:
    """Read a spelled ordinal ("nhất", "mười hai") from ``words``; return (value, words consumed)."""
    if not words:
        return None
    first = words[0].lower()
    if first in _TEN_WORDS:
        if len(words) > 1 and words[1].lower() in _TEEN_UNITS and words[1].lower() not in {"nhất", "nhat"}:
            return 10 + _TEEN_UNITS[words[1].lower()], 2
        return 10, 1
    if first in _ORDINAL_UNITS:
        return _ORDINAL_UNITS[first], 1
    return None


def _bad_number(kind: ProvisionKind, raw: str) -> ProvisionError:
    return ProvisionError(
        f"“{raw}” không phải số hiệu hợp lệ của {_WORD[kind]}.",
        f"“{raw}” is not a valid {_WORD[kind]} ({kind}) number.",
    )


def _int_or_roman(raw: str) -> int | None:
    match = _INT_RE.fullmatch(raw)
    if match:
        return int(match[1])
    return _from_roman(raw)


def _canonical_number(kind: ProvisionKind, raw: str) -> str:
    """The canonical spelling of a provision number, or ProvisionError."""
    raw = raw.strip().lower()
    if kind == "article":
        match = _ARTICLE_NUMBER_RE.fullmatch(raw)
        if match:
            return f"{int(match[1])}{match[2]}"
    elif kind == "clause":
        match = _INT_RE.fullmatch(raw)
        if match:
            return str(int(match[1]))
    elif kind == "point":
        # "dd" is how đ is typed without a Vietnamese keyboard (Telex), and how anchors spell it.
        letter = "đ" if raw == "dd" else raw
        if letter in _POINT_RANK:
            return letter
    elif kind == "section":
        value = _int_or_roman(raw)
        if value is not None:
            return str(value)
    else:  # part, chapter: Roman numerals are how these are cited
        value = _int_or_roman(raw)
        if value is not None and value <= _MAX_ROMAN:
            return _to_roman(value)
    raise _bad_number(kind, raw)


def _number_value(kind: ProvisionKind, number: str) -> int | None:
    """The position of a canonical number in its sequence (for ranges); None for "5a"-style numbers."""
    if kind == "point":
        return _POINT_RANK.get(number)
    if kind in ("part", "chapter"):
        return _from_roman(number.lower())
    return int(number) if number.isascii() and number.isdigit() else None


def _number_from_value(kind: ProvisionKind, value: int) -> str:
    if kind == "point":
        return POINT_LETTERS[value]
    if kind in ("part", "chapter"):
        return _to_roman(value)
    return str(value)


def _letter_rank(letter: str) -> int:
    # Vietnamese order for the letters that occur; anything else after them, in code-point order.
    return _POINT_RANK[letter] + 1 if letter in _POINT_RANK else len(POINT_LETTERS) + ord(letter)


# --- labels ----------------------------------------------------------------------------------------------


def _format_label(parts: Mapping[ProvisionKind, str]) -> str:
    return " ".join(f"{_WORD[kind]} {parts[kind]}" for kind in _LABEL_ORDER if kind in parts)


def _root_suffix(root: str) -> str:
    """How a reference names the tree it is in: "" for the act's own body, " (Quy định)" for the regulation it
    issues, " (Quy định 2)" for a second one."""
    if not root:
        return ""
    number = root.removeprefix("quy-dinh").lstrip("-")
    return f" (Quy định {number})" if number else " (Quy định)"


def _check_shape(parts: Mapping[ProvisionKind, str]) -> None:
    kinds = frozenset(parts)
    if kinds in _SHAPES:
        return
    written = _format_label(parts)
    if "article" not in kinds and kinds & {"clause", "point"}:
        raise ProvisionError(
            f"“{written}” thiếu số Điều (ví dụ: Khoản 2 Điều 5).",
            f"“{written}” does not name its article (e.g. Khoản 2 Điều 5).",
        )
    raise ProvisionError(
        f"“{written}” không phải cách viện dẫn hợp lệ.",
        f"“{written}” is not a valid provision reference.",
    )


def provision_label(kind: str, number: str, parents: Mapping[str, str] | None = None) -> str:
    """Canonical label of one provision given its enclosing ones, e.g.
    ``provision_label("point", "đ", {"clause": "2", "article": "5"})`` -> ``"Điểm đ Khoản 2 Điều 5"``.

    Numbers are canonicalised; raises ProvisionError on an impossible combination (see the module docstring
    for the conventions)."""
    parts: dict[ProvisionKind, str] = {}
    for part_kind, part_number in [*(parents or {}).items(), (kind, number)]:
        if part_kind not in _WORD:
            raise ProvisionError(
                f"Loại điều khoản “{part_kind}” không tồn tại.", f"Unknown provision kind “{part_kind}”."
            )
        typed_kind = cast(ProvisionKind, part_kind)
        parts[typed_kind] = _canonical_number(typed_kind, part_number)
    _check_shape(parts)
    return _format_label(parts)


def _slug(number: str) -> str:
    return number.lower().replace("đ", "dd")


# --- structure parsing -----------------------------------------------------------------------------------

# Characters that render as nothing or as a space; both appear in text pasted from Word and PDFs.
_INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_SPACE_RE = re.compile(r"\s+")
# U+00D0/U+00F0 (eth) and U+0189/U+0256 look like Đ/đ and come out of legacy-encoding conversions and OCR.
_LOOKALIKES = D_REPAIR

_SEP = r"(?P<sep>[.:\-–—])?"
_TAIL = rf"(?![^\W_])\s*{_SEP}\s*(?P<rest>.*)"
_ARTICLE_RE = re.compile(rf"điều\s*(?P<num>[0-9]{{1,4}}(?:[a-zđ])?){_TAIL}", re.IGNORECASE)
_CHAPTER_RE = re.compile(rf"chương\s+(?P<num>[0-9]{{1,3}}|[ivxlcdm]{{1,12}}){_TAIL}", re.IGNORECASE)
_SECTION_RE = re.compile(rf"mục\s+(?P<num>[0-9]{{1,3}}|[ivxlcdm]{{1,12}}){_TAIL}", re.IGNORECASE)
_PART_RE = re.compile(rf"phần\s+(?P<num>[0-9]{{1,3}}|[ivxlcdm]{{1,12}}){_TAIL}", re.IGNORECASE)
_HEADING_START_RE = re.compile(r"điều|chương|mục|phần", re.IGNORECASE)
_PART_ORDINAL_RE = re.compile(r"phần\s+thứ\s+(?P<words>.*)", re.IGNORECASE)
# "1.500 đồng" at the start of a line is an amount, not a clause, hence the digit look-ahead.
_CLAUSE_RE = re.compile(r"(?P<num>[0-9]{1,3}) ?\.(?![0-9])\s*(?P<rest>.*)")
# Points are lower case only: "A)" or "I)" lines are headings of some other list.
_POINT_RE = re.compile(r"(?P<num>[a-zđ]) ?\)\s*(?P<rest>.*)")
# A line starting "Điều 5 Luật ..." without punctuation is usually a citation wrapped onto a new line.
_CITATION_STARTS = (
    "luật", "bộ luật", "nghị định", "nghị quyết", "quyết định", "thông tư", "pháp lệnh", "chỉ thị",
    "hiến pháp", "chương", "mục", "phần", "khoản", "điểm", "điều",
)  # fmt: skip
_MAX_TITLE_LINES = 3


@dataclass(frozen=True)
class _Heading:
    kind: ProvisionKind
    number: str
    title: str = ""
    text: str = ""


def _clean_lines(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).translate(_LOOKALIKES)
    return [_SPACE_RE.sub(" ", _INVISIBLE_RE.sub("", line)).strip() for line in text.splitlines()]


def _container_title(sep: str | None, rest: str) -> str | None:
    """Title of a Phần/Chương/Mục heading line, or None when the line is running text that happens to
    start with "Chương II ..." (e.g. "Chương II của Luật này quy định")."""
    if not rest:
        return ""
    if rest[0].isdigit():
        return None
    if sep or rest.isupper():
        return rest
    return None


def _reads_as_sentence(rest: str) -> bool:
    # Article titles never end in punctuation, but the single-sentence articles of a decision
    # ("Điều 2. Quyết định này có hiệu lực từ ngày ký.") are body text, not a title.
    if rest.endswith((";", ":")):
        return True
    return rest.endswith(".") and len(rest.split()) >= 8


def _is_citation(rest: str) -> bool:
    lowered = rest.lower()
    for start in _CITATION_STARTS:
        if lowered == start or lowered.startswith(start + " "):
            # "Điều 2 Quyết định này ..." is a sloppy heading about this document, not a citation.
            return not lowered[len(start) :].strip().startswith("này")
    return False


@dataclass(frozen=True)
class NumberedLine:
    """A line that opens a provision with the provision's own number, as :func:`parse_structure` reads it ("Điều
    5. Phạm vi …", "2. Nội dung …", "đ) Nội dung …"). The amending-instruction reader (``legal.instructions``) reads
    an act's own numbering with the same functions, so the two cannot disagree on what a numbered line is."""

    number: str  # canonical ("Điều 05." is article 5, "02." clause 2)
    rest: str  # what follows the number and its punctuation


def article_line(line: str, expected: int | None = None) -> NumberedLine | None:
    """The article a line opens ("Điều 5. Phạm vi", "ĐIỀU 5: …", "Điều 5a (được bãi bỏ)", "Điều 5 Phạm vi"), or None
    when the line is running text that starts with an article's name: a wrapped citation ("Điều 5 của Luật …",
    "Điều 5-7 …", "Điều 12 Nghị định số …" unless ``expected``, the next article number in sequence, is 12)."""
    match = _ARTICLE_RE.match(line)
    if not match:
        return None
    try:
        number = _canonical_number("article", match["num"])
    except ProvisionError:
        return None  # "Điều 0", or a case-folded look-alike letter as suffix
    sep, rest = match["sep"], match["rest"]
    if rest and rest[0].isdigit():
        return None  # "Điều 5-7 ..." is a wrapped citation of several articles
    if not sep and rest and not rest.startswith("("):
        next_in_sequence = expected is not None and number == str(expected)
        if not rest[0].isupper() or (_is_citation(rest) and not next_in_sequence):
            return None
    return NumberedLine(number, rest)


def clause_line(line: str) -> NumberedLine | None:
    """The clause a line opens ("2. Nội dung", "2 . Nội dung", "2.Nội dung" as PDF conversions print it), or None;
    "1.500 đồng" starts with an amount, not a clause."""
    match = _CLAUSE_RE.fullmatch(line)
    if not match:
        return None
    try:
        return NumberedLine(_canonical_number("clause", match["num"]), match["rest"])
    except ProvisionError:
        return None  # "0. …"


def point_line(line: str) -> NumberedLine | None:
    """The point a line opens ("a) Nội dung", "đ ) Nội dung"), or None: only the Vietnamese point letters, lower
    case ("f)", "A)" and "I)" head some other list)."""
    match = _POINT_RE.fullmatch(line)
    if not match or match["num"] not in _POINT_RANK:
        return None
    return NumberedLine(match["num"], match["rest"])


def _match_article(line: str, expected: int) -> _Heading | None:
    found = article_line(line, expected)
    if found is None:
        return None
    if _reads_as_sentence(found.rest):
        return _Heading("article", found.number, text=found.rest)
    return _Heading("article", found.number, title=found.rest.rstrip(". "))


def _match_container(line: str) -> _Heading | None:
    for kind, pattern in (("chapter", _CHAPTER_RE), ("section", _SECTION_RE), ("part", _PART_RE)):
        match = pattern.match(line)
        if match:
            title = _container_title(match["sep"], match["rest"])
            if title is None:
                return None
            try:
                number = _canonical_number(cast(ProvisionKind, kind), match["num"])
            except ProvisionError:
                return None  # "Chương MMMM", "Mục IIII": not a numeral, so not a heading
            return _Heading(cast(ProvisionKind, kind), number, title=title)
    return _match_part_ordinal(line)


def _match_part_ordinal(line: str) -> _Heading | None:
    match = _PART_ORDINAL_RE.match(line)
    if not match:
        return None
    words = match["words"].split(" ")
    ordinal = _parse_ordinal(words)
    if ordinal is None:
        return None
    value, used = ordinal
    rest = " ".join(words[used:])
    sep = rest[:1] if rest[:1] in ".:-–—" and rest else None
    title = _container_title(sep, rest.lstrip(".:-–— "))
    if title is None:
        return None
    return _Heading("part", _to_roman(value), title=title)


def _match_heading(line: str, expected_article: int) -> _Heading | None:
    if not _HEADING_START_RE.match(line):
        return None  # most lines are body text; one cheap test spares them the four heading patterns
    return _match_article(line, expected_article) or _match_container(line)


# --- around the provisions: the attached regulation, the closing block, annexes and forms -----------------------
# Decision 0018: a provincial decision is followed, after its signature, by the regulation it issues ("QUY ĐỊNH",
# its title, "(Ban hành kèm theo Quyết định số …)"), whose articles restart at Điều 1: it is its own tree, rooted
# at "quy-dinh". After the body (and after any regulation) come annexes ("Phụ lục II") and forms ("Mẫu số 01"),
# which amending acts replace or repeal whole: opaque leaves.

_REGULATION_LINE = "QUY ĐỊNH"
_ATTACHED_RE = re.compile(r"\(?\s*(?:được\s+)?(?:ban\s+hành\s+)?kèm\s+theo(?![^\W_])", re.IGNORECASE)
# The regulation's title runs from "QUY ĐỊNH" to the "(Kèm theo …)" line; a missing one ends it after a few lines.
_MAX_REGULATION_TITLE_LINES = 4
# A "QUY ĐỊNH" line at the very start is the regulation only if "(Kèm theo …)" or a first heading follows closely:
# "THÔNG TƯ / QUY ĐỊNH / chi tiết …" followed by a page of "Căn cứ" lines is a title, not an attached regulation.
_MAX_REGULATION_LEAD_LINES = 5
# Signature blocks: "KT. BỘ TRƯỞNG", "TM. ỦY BAN NHÂN DÂN", "TL. …", "TUQ. …", "Q. CHỦ TỊCH".
_SIGNING_PREFIXES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")
_SIGNER_TITLES = (
    "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC", "THỐNG ĐỐC", "CHÁNH ÁN", "VIỆN TRƯỞNG", "TỔNG KIỂM TOÁN", "TỔNG THƯ KÝ", "CHỦ NHIỆM",
    # A consolidated text (VBHN) is signed under "XÁC THỰC VĂN BẢN HỢP NHẤT", by "VĂN PHÒNG QUỐC HỘI" for laws.
    "XÁC THỰC VĂN BẢN HỢP NHẤT", "VĂN PHÒNG QUỐC HỘI",
)  # fmt: skip
# "Luật này được Quốc hội … thông qua ngày …" closes a law (and "Nghị quyết này được …" a resolution).
_ADOPTED_RE = re.compile(r"(?:bộ luật|luật|nghị quyết|pháp lệnh|hiến pháp) này (?:đã )?được ", re.IGNORECASE)
_END_MARK = "./."

_LEAF_SEP = r"(?![^\W_])\s*(?P<sep>[.:\-–—])?\s*(?P<rest>.*)"
# "PHỤ LỤC I", "Phụ lục II. Tên", "PHỤ LỤC SỐ 01", "Phụ lục" (unnumbered); Roman, Arabic (as printed) or a letter.
_ANNEX_RE = re.compile(
    rf"phụ\s*lục(?:\s+số)?(?:\s+(?P<num>[0-9]{{1,3}}[a-z]?|[ivxlcdm]{{1,8}}|[a-z]))?{_LEAF_SEP}", re.IGNORECASE
)
# "Mẫu số 01", "Mẫu số 01/TKN-CNKD", "Mẫu số: 02/CNKD-TNCN-QTT".
_FORM_RE = re.compile(
    rf"mẫu\s+số\s*:?\s*(?P<num>[0-9]{{1,3}}[a-zđ]?(?:/[0-9a-zđ]{{1,20}}(?:[-./][0-9a-zđ]{{1,20}}){{0,6}})?){_LEAF_SEP}",
    re.IGNORECASE,
)
# "Phụ lục I Thông tư này", "Mẫu số 02 Nghị định …" wrapped onto a line are citations, not headings.
_ACT_WORDS = ("luật ", "bộ luật ", "nghị định ", "nghị quyết ", "quyết định ", "thông tư ", "pháp lệnh ", "chỉ thị ")
_LEAF_DUPLICATE = "--"  # a repeated annex or form ("phu-luc--2"): never canonical, since slugs never hold "--"


# A heading the PDF conversion printed at the end of the previous line ("… (nếu có) Phụ lục V. Nội dung chi tiết …",
# "… nhiệm kỳ kế tiếp. Mẫu số 02. Biên bản họp …"): as printed, with a period after the number and a capital after.
_MIDLINE_LEAF_RE = re.compile(r"(?<=\S) (?=(?P<word>Phụ lục|Mẫu số) (?P<num>[0-9]{1,3}|[IVXLC]{1,8})\. [^\W\d_])")
_MAX_LEAF_TITLE_WORDS = 40


@dataclass(frozen=True)
class _Leaf:
    kind: Literal["annex", "form"]
    number: str
    title: str


def _annex_number(raw: str | None) -> str | None:
    """The printed number of an annex, Roman numerals in capitals; None when it is not a number."""
    if not raw:
        return ""
    lowered = raw.lower()
    if lowered.isalpha() and len(lowered) > 1:
        return raw.upper() if _from_roman(lowered) else None
    return raw.upper() if lowered.isalpha() else lowered


def _match_leaf(line: str) -> _Leaf | None:
    """An annex or form heading line; its rest, when there is one, is its title."""
    for kind, pattern in (("annex", _ANNEX_RE), ("form", _FORM_RE)):
        match = pattern.match(line)
        if match is None:
            continue
        rest = match["rest"]
        if rest[:1].islower() or (not match["sep"] and rest.lower().startswith(_ACT_WORDS)):
            return None  # "Phụ lục I ban hành kèm theo …", "Mẫu số 01 Thông tư số …": a wrapped sentence
        number = _annex_number(match["num"]) if kind == "annex" else match["num"].upper()
        if number is None:
            return None
        return _Leaf(cast(Literal["annex", "form"], kind), number, rest)
    return None


def _form_slug(number: str) -> str:
    return re.sub(r"[/.]", "-", number.lower()).replace("đ", "dd")


def _leaf_label(leaf: _Leaf) -> str:
    word = "Phụ lục" if leaf.kind == "annex" else "Mẫu số"
    return f"{word} {leaf.number}".strip()


def _leaf_eid(leaf: _Leaf) -> str:
    if leaf.kind == "form":
        return f"mau-so-{_form_slug(leaf.number)}"
    return f"phu-luc-{_slug(leaf.number)}" if leaf.number else "phu-luc"


def _enacting(lines: Sequence[str]) -> bool:
    """Whether ``lines`` hold an act's legal bases ("Căn cứ …", "Theo đề nghị …"): an act's own preamble, so a
    "QUY ĐỊNH" above them is the act's title, not an attached regulation's heading."""
    return any(line.lower().startswith(("căn cứ", "theo đề nghị")) for line in lines)


def _starts_closing(line: str) -> bool:
    """Whether ``line`` opens the signature block that follows an act's last article."""
    if line == _END_MARK or line.lower().startswith("nơi nhận"):
        return True
    if line.startswith(_SIGNING_PREFIXES):
        signer = line.partition(".")[2].strip()
        return signer[:1].isupper()
    if line.isupper() and line.startswith(_SIGNER_TITLES) and len(line.split()) <= 8:
        return True
    return _ADOPTED_RE.match(line) is not None and "thông qua" in line.lower()


_Mode = Literal["body", "closing", "annex"]


@dataclass
class _Builder:
    """Line-by-line state machine: a stack of open nodes, deepest last.

    Modes: "body" reads provisions (the act's, or an attached regulation's); "closing" reads a signature block;
    "annex" reads annexes and forms. Each line is looked at a bounded number of times, so parsing is linear."""

    roots: list[StructureNode] = field(default_factory=list)
    stack: list[StructureNode] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    # Text is collected per node and joined once at the end (appending to a str would be quadratic).
    texts: dict[int, list[str]] = field(default_factory=dict)
    created: list[StructureNode] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)
    eids: set[str] = field(default_factory=set)
    # Next suffix to try per base anchor, and the last child number per parent: rescanning either on
    # every line would make long documents (or hostile ones with thousands of "Điều 1") quadratic.
    next_suffix: dict[tuple[str, bool], int] = field(default_factory=dict)
    last_child: dict[tuple[int, str], int] = field(default_factory=dict)
    # A Phần/Chương/Mục whose title is expected on the following line(s).
    pending: StructureNode | None = None
    pending_lines: int = 0
    last_article: int = 0
    mode: _Mode = "body"
    # The attached regulation being read: its provisions' eIds and anchors carry its root.
    regulation: StructureNode | None = None
    regulation_title_lines: int = -1  # >= 0 while the regulation's title is read
    # Where a "QUY ĐỊNH" line sits in the preamble, until "(Kèm theo …)" confirms it opens the regulation.
    regulation_candidate: int = -1
    has_article: bool = False  # the tree being read has an article, so a signature block may follow
    ended: bool = False  # the last line ended with "./.": what follows (not a heading) is the signature
    leaf: StructureNode | None = None  # the open closing block, annex or form
    leaf_lines: dict[int, str] = field(default_factory=dict)  # annex/form heading lines as printed
    last_leaf: dict[str, int] = field(default_factory=dict)  # the last annex's and form's number, as values

    def feed(self, line: str) -> None:
        if not line:
            if self.pending is not None and self.pending["title"]:
                self.pending = None  # a blank line ends a multi-line title
            return
        if self.mode != "body":
            self._feed_after_body(line)
            return
        ended, self.ended = self.ended, self.has_article and line.endswith(_END_MARK)
        if self.regulation_title_lines >= 0 and self._take_regulation_title(line):
            return
        heading = _match_heading(line, self.last_article + 1)
        if heading is not None:
            self._confirm_regulation(heading=True)
            self._open_heading(heading)
        elif self._take_title(line):
            return
        elif line == _REGULATION_LINE and (self.has_article or self.regulation is not None):
            self._open_regulation()
        elif self.has_article and self._opens_closing(line, ended):
            self._open_closing(line)
        elif self.has_article and self._opens_annex(line):
            self._open_leaf(line)
        elif not (self._open_clause(line) or self._open_point(line)):
            self._append_text(line)

    def _feed_after_body(self, line: str) -> None:
        if self.mode == "closing":
            if line == _REGULATION_LINE:
                self._open_regulation()
                return
            heading = _match_heading(line, 1)
            restart = heading is not None and (heading.kind, heading.number) in (("article", "1"), ("chapter", "I"))
            if heading is not None and restart and heading.title:
                # A regulation whose "QUY ĐỊNH" line was lost: its articles restart after the signature.
                self._open_regulation()
                self.regulation_title_lines = -1
                self._open_heading(heading)
                return
        if _match_leaf(line) is not None:
            self._open_leaf(line)
            return
        assert self.leaf is not None  # the mode is not "body" only while a leaf is open
        split = self._midline_leaf(line) if self.mode == "annex" else None
        if split is None:
            self.texts.setdefault(id(self.leaf), []).append(line)
            return
        self.texts.setdefault(id(self.leaf), []).append(line[:split])
        self._open_leaf(line[split + 1 :])

    def _midline_leaf(self, line: str) -> int | None:
        """Where a line holds, after its start, the heading of the next annex or form in sequence, else None.

        Only the next number counts (Phụ lục V after IV, Mẫu số 02 after 01 in the same annex), with its title as
        the rest of the line, not a sentence ("… theo Phụ lục II. Hồ sơ gồm:" is text): the PDF conversion joined
        the heading to the line before it (21/2021's Phụ lục II and V–IX, 14/2021's and 15/2021's forms)."""
        for found in _MIDLINE_LEAF_RE.finditer(line):
            kind = "annex" if found["word"] == "Phụ lục" else "form"
            number = found["num"]
            value = int(number) if number.isdigit() else _from_roman(number.lower())
            if value != self.last_leaf.get(kind, 0) + 1:
                continue
            # The first heading in sequence decides (one slice per line: a hostile line stays linear).
            leaf = _match_leaf(line[found.end() :])
            title = leaf.title if leaf is not None else ""
            if leaf is None or title.endswith((".", ";", ":")) or len(title.split()) > _MAX_LEAF_TITLE_WORDS:
                return None
            return found.start()
        return None

    @staticmethod
    def _leaf_value(leaf: _Leaf) -> int | None:
        number = leaf.number
        if number.isdigit():
            return int(number)
        return _from_roman(number.lower()) if number.isalpha() else None

    def finish(self) -> list[StructureNode]:
        self._confirm_regulation(heading=False)
        self._fold_listed_forms()
        self._name_leaves()
        for node in self.created:
            node["text"] = "\n".join(self.texts.get(id(node), []))
        if not self.preamble:
            return self.roots
        preamble = self._node("preamble", "", "", "")
        preamble["anchor"] = self._unique(PREAMBLE_ANCHOR)
        preamble["eid"] = self._unique(PREAMBLE_ANCHOR, self.eids)
        preamble["text"] = "\n".join(self.preamble)
        return [preamble, *self.roots]

    # -- node creation --

    def _node(self, kind: NodeKind, number: str, label: str, title: str) -> StructureNode:
        return {"kind": kind, "number": number, "label": label, "title": title, "text": "",
                "children": [], "anchor": "", "eid": ""}  # fmt: skip

    def _unique(self, anchor: str, taken: set[str] | None = None, separator: str = "-") -> str:
        # Messy texts repeat numbers (two "Điều 5"); anchors and eIds must still be unique within the document.
        # The repeated one gets "-2" (not a canonical eId, so parse_eid refuses it: nothing can target it).
        taken = self.anchors if taken is None else taken
        key = (anchor, taken is self.eids)
        candidate, suffix = anchor, self.next_suffix.get(key, 2)
        while candidate in taken:
            candidate, suffix = f"{anchor}{separator}{suffix}", suffix + 1
        taken.add(candidate)
        self.next_suffix[key] = suffix
        return candidate

    def _attach(self, kind: ProvisionKind, number: str, title: str, qualifier: StructureNode | None) -> None:
        """Create a node under the current top of the stack; ``qualifier`` is the node whose label
        completes this one's (the article of a clause, the chapter of a section)."""
        label = f"{_WORD[kind]} {number}"
        anchor = eid = f"{_SLUG[kind]}-{_slug(number)}"
        root = self.regulation
        if qualifier is not None:
            label, anchor = f"{label} {qualifier['label']}", f"{anchor}-{qualifier['anchor']}"
            eid = f"{qualifier['eid']}/{eid}"
        elif root is not None:
            # The regulation's own provisions: "quy-dinh/dieu-5", anchor "dieu-5-quy-dinh"; the label stays "Điều 5".
            anchor, eid = f"{anchor}-{root['anchor']}", f"{root['eid']}/{eid}"
        node = self._node(kind, number, label, title)
        node["anchor"] = self._unique(anchor)
        node["eid"] = self._unique(eid, self.eids)
        if self.stack:
            self.stack[-1]["children"].append(node)
        else:
            (root["children"] if root is not None else self.roots).append(node)
        self.stack.append(node)
        self.created.append(node)

    def _innermost(self, kind: NodeKind) -> StructureNode | None:
        return next((node for node in reversed(self.stack) if node["kind"] == kind), None)

    def _close_to_depth(self, depth: int) -> None:
        while self.stack and _DEPTH[self.stack[-1]["kind"]] >= depth:
            self.stack.pop()

    # -- the regulation, the closing block, annexes and forms --

    def _open_regulation(self, title: str = "", text: Sequence[str] = ()) -> None:
        node = self._node("regulation", "", "Quy định", title)
        node["anchor"] = self._unique("quy-dinh")
        node["eid"] = self._unique("quy-dinh", self.eids)
        if text:
            self.texts[id(node)] = list(text)
        self.roots.append(node)
        self.created.append(node)
        self.regulation, self.stack, self.mode, self.leaf = node, [], "body", None
        self.last_article, self.has_article, self.ended, self.pending = 0, False, False, None
        self.regulation_title_lines = -1 if title or text else 0

    def _take_regulation_title(self, line: str) -> bool:
        """The lines after "QUY ĐỊNH" up to "(Ban hành kèm theo …)" are the regulation's title."""
        regulation = self.regulation
        assert regulation is not None  # a title is read only right after the regulation opens
        if _ATTACHED_RE.match(line):
            self.texts.setdefault(id(regulation), []).append(line)
            self.regulation_title_lines = -1
            return True
        # "Điều kiện kinh doanh …" may be a title; "Điều 1." or "Chương I" is the regulation's first heading.
        if self.regulation_title_lines >= _MAX_REGULATION_TITLE_LINES or _match_heading(line, 1) is not None:
            self.regulation_title_lines = -1
            return False
        regulation["title"] = f"{regulation['title']} {line}".strip()
        self.regulation_title_lines += 1
        return True

    def _confirm_regulation(self, *, heading: bool) -> None:
        """A text that is only the regulation ("QUY ĐỊNH / title / (Kèm theo …)"): move its lead out of the
        preamble into a regulation root once "(Kèm theo …)" or, close after "QUY ĐỊNH", a first heading confirms it."""
        start = self.regulation_candidate
        if start < 0 or self.roots or self.stack:
            return
        self.regulation_candidate = -1
        lead = self.preamble[start + 1 :]
        attached = next((index for index, line in enumerate(lead) if _ATTACHED_RE.match(line)), None)
        if attached is None and not (heading and len(lead) <= _MAX_REGULATION_TITLE_LINES and not _enacting(lead)):
            return
        title, text = (lead, []) if attached is None else (lead[:attached], lead[attached:])
        del self.preamble[start:]
        self._open_regulation(" ".join(title), text)
        self.regulation_title_lines = -1

    def _append_preamble(self, line: str) -> None:
        if line == _REGULATION_LINE and not self.roots:
            self.regulation_candidate = len(self.preamble)
        elif self.regulation_candidate >= 0 and _ATTACHED_RE.match(line):
            self.preamble.append(line)
            self._confirm_regulation(heading=False)
            return
        elif len(self.preamble) - self.regulation_candidate > _MAX_REGULATION_LEAD_LINES:
            self.regulation_candidate = -1
        self.preamble.append(line)

    def _opens_closing(self, line: str, ended: bool) -> bool:
        if ended and not (clause_line(line) or point_line(line)):
            return True  # the line after "… thi hành Quyết định này./." is the signature's
        return _starts_closing(line)

    def _opens_annex(self, line: str) -> bool:
        # Inside the body only an unmistakable annex heading counts ("PHỤ LỤC I" in capitals, or "Phụ lục II"
        # alone on its line): "theo Phụ lục I ban hành kèm theo" wrapped onto a new line is clause text.
        leaf = _match_leaf(line)
        return leaf is not None and leaf.kind == "annex" and (line.isupper() or bool(leaf.number and not leaf.title))

    def _open_closing(self, line: str) -> None:
        node = self._node("closing", "", "", "")
        node["anchor"] = self._unique("ket-thuc")
        node["eid"] = self._unique("ket-thuc", self.eids)
        self._open_leaf_node(node, "closing")
        self.texts[id(node)] = [line]

    def _open_leaf(self, line: str) -> None:
        leaf = _match_leaf(line)
        assert leaf is not None  # callers matched the line
        value = self._leaf_value(leaf)
        if value is not None:  # the sequence a heading printed mid-line must continue (_midline_leaf)
            self.last_leaf[leaf.kind] = value
            if leaf.kind == "annex":
                self.last_leaf["form"] = 0
        node = self._node(leaf.kind, leaf.number, _leaf_label(leaf), leaf.title)
        self.leaf_lines[id(node)] = line
        self._open_leaf_node(node, "annex")

    def _open_leaf_node(self, node: StructureNode, mode: _Mode) -> None:
        self.roots.append(node)
        self.created.append(node)
        self.stack, self.pending, self.leaf, self.mode = [], None, node, mode
        self.regulation_title_lines = -1

    def _fold_listed_forms(self) -> None:
        """An annex often lists its forms ("Mẫu số 01 Đăng ký …") before printing them: within one annex, the
        last heading of a number is the form; the earlier ones are lines of the node before them."""
        last: dict[tuple[int, str], int] = {}
        annex = 0
        for index, node in enumerate(self.roots):
            annex = id(node) if node["kind"] == "annex" else annex
            if node["kind"] == "form":
                last[annex, _form_slug(node["number"])] = index
        kept: list[StructureNode] = []
        folded: set[int] = set()
        annex = 0
        for index, node in enumerate(self.roots):
            annex = id(node) if node["kind"] == "annex" else annex
            listed = node["kind"] == "form" and last[annex, _form_slug(node["number"])] != index
            if listed and kept:
                lines = self.texts.setdefault(id(kept[-1]), [])
                lines.append(self.leaf_lines[id(node)])
                lines.extend(self.texts.pop(id(node), []))
                folded.add(id(node))
            else:
                kept.append(node)
        if folded:
            self.roots = kept
            self.created = [node for node in self.created if id(node) not in folded]

    def _name_leaves(self) -> None:
        """eIds of annexes and forms, given once the listed forms are folded: "phu-luc-ii", "mau-so-01"; a form
        number already taken (forms restart in a later annex) is qualified by its annex ("phu-luc-xiii/mau-so-01")."""
        annex: StructureNode | None = None
        for node in self.roots:
            if node["kind"] not in ("annex", "form"):
                continue
            leaf = _Leaf(cast(Literal["annex", "form"], node["kind"]), node["number"], node["title"])
            eid = anchor = _leaf_eid(leaf)
            if leaf.kind == "annex":
                annex = node
            elif eid in self.eids and annex is not None and _LEAF_DUPLICATE not in annex["eid"]:
                eid, anchor = f"{annex['eid']}/{eid}", f"{eid}-{annex['anchor']}"
                node["label"] = f"{node['label']} {annex['label']}"
            node["eid"] = self._unique(eid, self.eids, _LEAF_DUPLICATE)
            node["anchor"] = self._unique(anchor, separator=_LEAF_DUPLICATE)

    # -- line handlers --

    def _open_heading(self, heading: _Heading) -> None:
        self._close_to_depth(_DEPTH[heading.kind])
        qualifier = self._innermost("chapter") if heading.kind == "section" else None
        self._attach(heading.kind, heading.number, heading.title, qualifier)
        if heading.text:
            self.texts[id(self.stack[-1])] = [heading.text]
        if heading.kind == "article":
            self.last_article = int(heading.number.rstrip(POINT_LETTERS + "fjwz"))
            self.has_article = True
            self.pending = None
        else:
            self.pending = None if heading.title else self.stack[-1]
            self.pending_lines = 0

    def _take_title(self, line: str) -> bool:
        """Chapter titles usually sit on the line(s) after "Chương I", in capitals."""
        node = self.pending
        if node is None:
            return False
        if not node["title"]:
            node["title"], self.pending_lines = line, 1
            if not line.isupper():
                self.pending = None  # a title in sentence case is one line; the next is body text
            return True
        if line.isupper() and self.pending_lines < _MAX_TITLE_LINES:
            node["title"], self.pending_lines = f"{node['title']} {line}", self.pending_lines + 1
            return True
        self.pending = None
        return False

    def _open_clause(self, line: str) -> bool:
        found = clause_line(line)
        article = self._innermost("article")
        if found is None or article is None:
            return False  # a numbered line outside an article is ordinary text (e.g. in the preamble)
        number = int(found.number)
        # Clause numbers only go up; a smaller number is a numbered list inside a clause or point.
        if number <= self.last_child.get((id(article), "clause"), 0):
            return False
        self.last_child[id(article), "clause"] = number
        while self.stack[-1] is not article:
            self.stack.pop()
        self._attach("clause", found.number, "", article)
        self._add_text(found.rest)
        return True

    def _open_point(self, line: str) -> bool:
        found = point_line(line)
        if found is None or self._innermost("article") is None:
            return False
        # A point belongs to the open clause, or straight to the article when it has no clauses.
        parent = self._innermost("clause") or self._innermost("article")
        assert parent is not None  # checked above; keeps mypy aware
        rank = _POINT_RANK[found.number]
        if rank <= self.last_child.get((id(parent), "point"), -1):
            return False  # letters only go up, as clause numbers do
        self.last_child[id(parent), "point"] = rank
        while self.stack[-1] is not parent:
            self.stack.pop()
        self._attach("point", found.number, "", parent)
        self._add_text(found.rest)
        return True

    def _add_text(self, line: str) -> None:
        if line:
            self.texts.setdefault(id(self.stack[-1]), []).append(line)

    def _append_text(self, line: str) -> None:
        if self.stack:
            self._add_text(line)
        elif self.regulation is not None:
            self.texts.setdefault(id(self.regulation), []).append(line)
        else:
            self._append_preamble(line)


def parse_structure(text: str) -> list[StructureNode]:
    """The structure tree of a document's full text (see :class:`StructureNode`).

    Text before the first heading becomes a leading ``preamble`` node (omitted when there is none). A node's
    ``text`` holds its own lines only; a heading's trailing text that reads as a sentence is text, not title.
    Never raises: unrecognised lines are kept as text of the enclosing node.
    """
    builder = _Builder()
    for line in _clean_lines(text):
        builder.feed(line)
    return builder.finish()


# --- tree queries ----------------------------------------------------------------------------------------

_N = TypeVar("_N", bound=Mapping[str, Any])


def _walk(tree: Sequence[_N]) -> Iterator[_N]:
    """Pre-order (document order) traversal; iterative so that hostile JSON trees cannot overflow."""
    stack = list(reversed(tree))
    while stack:
        node = stack.pop()
        yield node
        children = node.get("children") or []
        stack.extend(reversed(children))


def provision_labels(tree: Sequence[Mapping[str, Any]]) -> list[str]:
    """References to every provision (Phần to Điểm, an attached regulation's included), in document order: not the
    preamble, the regulation's root, the closing block, annexes or forms, which are not provisions. The
    regulation's are named as such ("Điều 1 (Quy định)"), so they are not the decision's own "Điều 1"."""
    provisions = (node for node in _walk(tree) if node.get("kind") in _DEPTH and node.get("label"))
    return [_reference_of(node) for node in provisions]


def _reference_of(node: Mapping[str, Any]) -> str:
    eid = str(node.get("eid") or "")
    root = eid.split("/", 1)[0] if _EID_ROOT_RE.fullmatch(eid.split("/", 1)[0]) else ""
    return str(node["label"]) + _root_suffix(root)


def find_provision(tree: Sequence[_N], label: str) -> _N | None:
    """The node a reference names (in any spelling :func:`normalize_provision` accepts): "Điều 1" is the act's own
    article, "Điều 1 (Quy định)" the regulation's."""
    try:
        wanted = normalize_provision(label)
    except ProvisionError:
        return None
    return next((node for node in _walk(tree) if node.get("label") and _reference_of(node) == wanted), None)


# --- references typed by people --------------------------------------------------------------------------

_KIND_WORDS: dict[str, ProvisionKind] = {
    "phần": "part", "phan": "part", "chương": "chapter", "chuong": "chapter", "mục": "section",
    "muc": "section", "điều": "article", "dieu": "article", "khoản": "clause", "khỏan": "clause",
    "khoan": "clause", "điểm": "point", "diem": "point",
}  # fmt: skip
# "Đ5" / "K2" abbreviations; "điều5" without a space. Only with digits, so that "điểm đ" stays a point.
_GLUED_RE = re.compile(r"(?P<word>[^\W\d_]+)(?P<num>[0-9]+[a-zđ]?)")
_GLUED_ABBREVIATIONS: dict[str, ProvisionKind] = {"đ": "article", "k": "clause"}
_ABBREVIATION_DOT_RE = re.compile(r"\b([đk])[.\s]+(?=[0-9])")
_TOKEN_RE = re.compile(r"[^\W_]+|[,;&\n]|[-–—]|[.\s]+|.", re.DOTALL)
# "Điều 5 của Quy định", "Điều 5 (Quy định)", "dieu 5 quy dinh 2": the provision is the attached regulation's. Read on
# lower-cased text and turned into one token before tokenising (the words alone would be junk).
# Only where it closes a reference or a list: "quy định tại Điều 5" / "Điều 5 quy định về …" are words of a
# sentence, not a tree, and stay unreadable as references.
_ROOT_MARK_RE = re.compile(
    r"\(?\s*(?:\b(?:của|cua)\s+)?\bquy\s+(?:định|dinh)\b(?:\s+(?P<n>[2-9])\b)?\s*\)?"
    r"(?=\s*(?:$|[,;)\n]|(?:và|va|hoặc|hoac)\b))"
)
_ROOT_TOKEN = "quydinhgoc"
_ROOT_TOKEN_RE = re.compile(_ROOT_TOKEN + r"(?P<n>[2-9]?)")
_AND_WORDS = frozenset({"và", "va", "and", "hoặc", "hoac", "or"})
_RANGE_WORDS = frozenset({"đến", "den", "tới", "toi"})
_GLUE_WORDS = frozenset({"của", "cua", "tại", "tai", "thuộc", "thuoc", "từ", "tu", "các", "cac"})
_MAX_RANGE = 1000
_Separator = Literal["soft", "hard", "range"]


@dataclass
class _Reference:
    """One provision being read: its parts in the order typed."""

    parts: dict[ProvisionKind, str]
    inherited: bool = False  # started by a bare number ("Điều 3, 5"): the kind comes from the previous one
    range_end: bool = False  # the end of "Điều 3 đến Điều 7"
    root: str = ""  # "quy-dinh": a provision of the regulation the document issues ("Điều 5 của Quy định")

    @property
    def head(self) -> ProvisionKind:
        """The provision itself (the most specific part); the others only locate it."""
        return max(self.parts, key=lambda kind: _DEPTH[kind])

    def qualifiers(self) -> dict[ProvisionKind, str]:
        head = self.head
        return {kind: number for kind, number in self.parts.items() if kind != head}

    def borrow(self, other: _Reference) -> None:
        """Take the enclosing provisions from ``other`` ("Khoản 1, khoản 2 Điều 5": both are of Điều 5)."""
        for kind, number in other.qualifiers().items():
            if _DEPTH[kind] < _DEPTH[self.head]:
                self.parts.setdefault(kind, number)


def _junk(raw: str) -> ProvisionError:
    return ProvisionError(
        f"“{raw}” không phải là điều, khoản, điểm (ví dụ: Điều 5, Khoản 2 Điều 5).",
        f"“{raw}” is not a provision reference (e.g. Điều 5, Khoản 2 Điều 5).",
    )


def _tokenise(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).translate(_LOOKALIKES).lower()
    text = _INVISIBLE_RE.sub("", text)
    if re.search(r"[0-9]\.[0-9]", text):
        # "Điều 5.2" could mean Khoản 2 Điều 5 or a typo; guessing would silently cite the wrong provision.
        raise ProvisionError(
            "Không rõ cách viết “5.2”; hãy ghi “Khoản 2 Điều 5”.",
            "“5.2”-style numbers are ambiguous; write “Khoản 2 Điều 5”.",
        )
    text = _ABBREVIATION_DOT_RE.sub(r"\1", text)
    text = _ROOT_MARK_RE.sub(lambda m: f" {_ROOT_TOKEN}{m['n'] or ''} ", text)
    tokens = []
    for token in _TOKEN_RE.findall(text):
        if token.replace(".", "").strip():  # str.strip() also knows NBSP and the other Unicode spaces
            tokens.append(token)
        elif "\n" in token:
            tokens.append("\n")  # one reference per line is a list too
    return tokens


def _separator(token: str) -> _Separator | None:
    if token == ",":
        return "soft"
    if token in {";", "&", "\n"} or token in _AND_WORDS:
        return "hard"
    if token in {"-", "–", "—"} or token in _RANGE_WORDS:
        return "range"
    return None


def _read_part(tokens: Sequence[str], start: int) -> tuple[ProvisionKind | None, str, int]:
    """Read one "<kind> <number>" (or a bare number) at ``start``; return (kind, number, next index).
    A bare number has kind None and its raw spelling."""
    token = tokens[start]
    glued = _GLUED_RE.fullmatch(token)
    if glued and (glued["word"] in _KIND_WORDS or glued["word"] in _GLUED_ABBREVIATIONS):
        kind = _KIND_WORDS.get(glued["word"]) or _GLUED_ABBREVIATIONS[glued["word"]]
        return kind, _canonical_number(kind, glued["num"]), start + 1
    if token not in _KIND_WORDS:
        if not token[0].isalnum():
            raise _junk(token)
        return None, token, start + 1
    kind = _KIND_WORDS[token]
    following = tokens[start + 1 : start + 4]
    if kind == "part" and following[:1] in (["thứ"], ["thu"]):
        ordinal = _parse_ordinal(following[1:])
        if ordinal is not None:
            return kind, _to_roman(ordinal[0]), start + 2 + ordinal[1]
    if not following or not following[0][0].isalnum():
        word = _WORD[kind]
        raise ProvisionError(f"Thiếu số hiệu sau “{word}”.", f"“{word}” must be followed by its number.")
    return kind, _canonical_number(kind, following[0]), start + 2


def _extends(reference: _Reference, kind: ProvisionKind, separator: _Separator | None) -> bool:
    """Whether "<kind> <n>" continues ``reference`` rather than starting a new one.

    Without a separator both orders are accepted ("Khoản 2 Điều 5", "Điều 5 khoản 2"). After a comma only
    an enclosing provision continues ("khoản 2, Điều 5" is one reference; "Điều 3, Điều 5" are two)."""
    if kind in reference.parts or separator in ("hard", "range"):
        return False
    kinds = list(reference.parts)
    if not any(frozenset([*kinds, kind]) <= shape for shape in _SHAPES):
        return False
    rising = _DEPTH[kind] < _DEPTH[kinds[-1]]  # towards the enclosing provision, as in canonical labels
    if len(kinds) > 1 and rising != (_DEPTH[kinds[-1]] < _DEPTH[kinds[-2]]):
        return False  # mixed order such as "Khoản 2 Điểm a Điều 5"
    return separator is None or rising


def _read_references(text: str) -> list[_Reference]:
    """The references in ``text`` as typed (ranges not yet expanded, enclosing provisions not shared)."""
    tokens = _tokenise(text)
    references: list[_Reference] = []
    separator: _Separator | None = None
    group = 0  # where the list a "của Quy định" closes begins: after the last ";" or line break
    index = 0
    while index < len(tokens):
        token = tokens[index]
        found = _separator(token)
        if token in {";", "\n"}:
            group = len(references)
        if found is not None or token in _GLUE_WORDS:
            # "hard" and "range" win over a comma next to them ("Điều 3, và Điều 5").
            separator = separator if found is None or separator in ("hard", "range") else found
            index += 1
            continue
        root = _ROOT_TOKEN_RE.fullmatch(token)
        if root is not None:
            _mark_root(references[group:], "quy-dinh" + (f"-{root['n']}" if root["n"] else ""))
            index += 1
            continue
        kind, number, index = _read_part(tokens, index)
        _place(references, kind, number, separator)
        separator = None
    if not references:
        raise ProvisionError("Chưa nhập điều khoản.", "No provision reference was given.")
    if separator == "range":
        raise ProvisionError("Khoảng điều khoản chưa có điểm cuối.", "A range of provisions has no end.")
    return references


def _mark_root(refs: list[_Reference], root: str) -> None:
    """ "… của Quy định" names the tree of the reference before it and of those listed with it ("Điều 3, Điều 5
    của Quy định": both; not past a ";" or a line break, which the caller leaves out), back to one that already
    names a tree."""
    if not refs or refs[-1].root:
        raise ProvisionError(
            "“Quy định” phải đi sau điều, khoản, điểm (ví dụ: Điều 5 của Quy định).",
            "“Quy định” must follow a provision (e.g. Điều 5 của Quy định).",
        )
    for reference in reversed(refs):
        if reference.root:
            break
        reference.root = root


def _format_reference(reference: _Reference) -> str:
    return _format_label(reference.parts) + _root_suffix(reference.root)


def _place(refs: list[_Reference], kind: ProvisionKind | None, number: str, sep: _Separator | None) -> None:
    """Add one "<kind> <number>" just read: it either continues the last reference or starts a new one."""
    if sep == "range" and not refs:
        raise ProvisionError("Khoảng điều khoản chưa có điểm đầu.", "A range of provisions has no start.")
    if kind is None:
        # A bare number continues a list: "Điều 3, 5" / "khoản 1, 2 Điều 5" / "Điều 3 đến 7".
        if not refs or sep is None:
            raise _junk(number)
        head = refs[-1].head
        refs.append(_Reference({head: _canonical_number(head, number)}, True, sep == "range"))
    elif refs and _extends(refs[-1], kind, sep):
        refs[-1].parts[kind] = number
    elif refs and sep is None:
        raise ProvisionError(
            f"“{_WORD[kind]} {number}” không đi cùng “{_format_label(refs[-1].parts)}” được.",
            f"“{_WORD[kind]} {number}” cannot qualify “{_format_label(refs[-1].parts)}”.",
        )
    else:
        refs.append(_Reference({kind: number}, range_end=sep == "range"))


def _share_enclosing(references: Sequence[_Reference]) -> None:
    """Fill in enclosing provisions that a list states once, as Vietnamese drafting does."""
    # "Khoản 1 Điều 5, 2": a bare number continues the reference before it.
    for previous, reference in pairwise(references):
        if reference.inherited and len(reference.parts) == 1 and previous.head == reference.head:
            reference.borrow(previous)
    # "khoản 1, khoản 2 Điều 5": the article stated last applies to the whole group; so it does to a point
    # before a clause ("điểm c khoản 1 và khoản 3 Điều 5", as amending acts write it).
    for reference, following in reversed(list(pairwise(references))):
        if len(reference.parts) == 1 and following.head == reference.head:
            reference.borrow(following)
        elif (
            "article" not in reference.parts
            and "article" in following.parts
            and _DEPTH[following.head] < _DEPTH[reference.head]
        ):
            reference.borrow(following)
    # "Khoản 2 Điều 5, khoản 3" / "Mục 1 Chương I, Mục 2": an unqualified item continues the previous one;
    # so does a clause after a point of the same article ("điểm a, điểm c khoản 2 Điều 7 và khoản 3", as
    # amending acts write it): it borrows only what encloses it (the article), never the point's clause.
    for previous, reference in pairwise(references):
        if "article" in reference.parts:
            continue
        deeper = _DEPTH[previous.head] > _DEPTH[reference.head] and "article" in previous.parts
        if previous.head == reference.head or (reference.head == "clause" and deeper):
            reference.borrow(previous)


def _expand_range(start: _Reference, end: _Reference) -> list[_Reference]:
    kind = end.head
    first = _number_value(kind, start.parts.get(kind, ""))
    last = _number_value(kind, end.parts[kind])
    mixed = start.qualifiers() != end.qualifiers() or start.root != end.root
    if start.head != kind or mixed or first is None or last is None:
        raise ProvisionError(
            f"Không hiểu khoảng “{_format_label(start.parts)} đến {_format_label(end.parts)}”.",
            f"Cannot read the range “{_format_label(start.parts)} to {_format_label(end.parts)}”.",
        )
    if last < first or last - first > _MAX_RANGE:
        raise ProvisionError(
            f"Khoảng “{_format_label(start.parts)} đến {_format_label(end.parts)}” không hợp lệ.",
            f"The range “{_format_label(start.parts)} to {_format_label(end.parts)}” is invalid.",
        )
    numbers = (_number_from_value(kind, value) for value in range(first + 1, last + 1))
    return [_Reference({**end.parts, kind: number}, root=end.root) for number in numbers]


def split_provisions(text: str, *, trees: bool = True) -> list[str]:
    """Canonical labels of a typed list such as "Điều 3, Điều 5; Khoản 2 Điều 7", "Điều 3 và 5",
    "khoản 1, 2 Điều 5", "Điều 3 đến Điều 7" or "Điều 3, Điều 5 của Quy định", in the order given, without
    duplicates.

    Raises ProvisionError when any part is not a provision reference, and with ``trees=False`` when one names
    the regulation's tree: the amending-instruction reader tells the tree from the whole sentence ("… của Quy định
    ban hành kèm theo Quyết định số …"), so a reference that names one on its own is not read with confidence."""
    references = _read_references(text)
    if not trees and any(reference.root for reference in references):
        raise ProvisionError(
            f"“{text}” nêu điều khoản của Quy định ngoài câu dẫn.", f"“{text}” names the regulation's tree by itself."
        )
    _share_enclosing(references)
    expanded: list[_Reference] = []
    for reference in references:
        _check_shape(reference.parts)
        expanded.extend(_expand_range(expanded[-1], reference) if reference.range_end else [reference])
    labels = [_format_reference(reference) for reference in expanded]
    return list(dict.fromkeys(labels))


def _parse_label(label: str) -> dict[ProvisionKind, str]:
    return _parse_reference(label).parts


def _parse_reference(label: str) -> _Reference:
    references = _read_references(label)
    if len(references) != 1:
        raise ProvisionError(
            "Chỉ nhập một điều khoản (dùng danh sách cho nhiều điều khoản).",
            "Expected a single provision reference, not a list.",
        )
    _check_shape(references[0].parts)
    return references[0]


def normalize_provision(label: str) -> str:
    """Canonical form of one provision reference as people type it.

    "điều 3" -> "Điều 3"; "khoản 2, điều 5" / "K2 Đ5" / "Điều 5 khoản 2" -> "Khoản 2 Điều 5";
    "điểm a khoản 2 điều 5" -> "Điểm a Khoản 2 Điều 5"; "chương 2" -> "Chương II"; "điều 5 của quy định" ->
    "Điều 5 (Quy định)". Raises ProvisionError for anything else, including lists and ranges (use
    :func:`split_provisions` for those)."""
    return _format_reference(_parse_reference(label))


# --- stable identifiers (eIds) ---------------------------------------------------------------------------
# Decision 0018 (point-in-time text): a provision's eId is the path of its slugs from the unit that numbers it,
# outermost first, so that it survives amendments: "Điểm đ Khoản 2 Điều 5" is "dieu-5/khoan-2/diem-dd" whatever
# chapter the article sits in (articles are numbered through the document), "Mục 1 Chương II" is
# "chuong-ii/muc-1". A regulation attached to a decision ("Quy định … ban hành kèm theo Quyết định số …") is its
# own tree under the root "quy-dinh" (a second one "quy-dinh-2"). The flat anchors of parse_structure are the same
# steps innermost first, joined by "-".

_EID_ORDER: tuple[ProvisionKind, ...] = ("part", "chapter", "section", "article", "clause", "point")
_KIND_OF_SLUG: dict[str, ProvisionKind] = {slug: kind for kind, slug in _SLUG.items()}
_EID_ROOT_RE = re.compile(r"quy-dinh(?:-[2-9])?")
_EID_STEP_RE = re.compile(r"(?P<kind>[a-z]+)-(?P<number>[0-9a-z]+)")


def provision_eid(label: str, *, root: str = "") -> str:
    """The stable identifier of one provision reference: "Khoản 2 Điều 5" -> "dieu-5/khoan-2";
    with ``root="quy-dinh"``, "quy-dinh/dieu-5/khoan-2". Raises ProvisionError as :func:`normalize_provision`."""
    if root and not _EID_ROOT_RE.fullmatch(root):
        raise ProvisionError(f"Gốc “{root}” không hợp lệ.", f"“{root}” is not a tree root (quy-dinh, quy-dinh-2).")
    reference = _parse_reference(label)
    if reference.root and root and reference.root != root:
        raise ProvisionError(
            f"“{label}” thuộc quy định khác với “{root}”.", f"“{label}” names another tree than “{root}”."
        )
    root, parts = root or reference.root, reference.parts
    steps = [f"{_SLUG[kind]}-{_slug(parts[kind])}" for kind in _EID_ORDER if kind in parts]
    return "/".join([root, *steps] if root else steps)


def parse_eid(eid: str) -> tuple[str, str]:
    """The (root, canonical label) an eId names: "quy-dinh/dieu-5/khoan-2/diem-dd" -> ("quy-dinh",
    "Điểm đ Khoản 2 Điều 5"); ("", …) for the act's own body. Raises ProvisionError for anything else."""
    leaf = _parse_leaf_eid(eid)
    if leaf is not None:
        return "", leaf
    steps = eid.split("/")
    root = steps.pop(0) if steps and _EID_ROOT_RE.fullmatch(steps[0]) else ""
    parts: dict[ProvisionKind, str] = {}
    for step in steps:
        match = _EID_STEP_RE.fullmatch(step)
        kind = _KIND_OF_SLUG.get(match["kind"]) if match else None
        if match is None or kind is None or kind in parts:
            raise ProvisionError(f"“{eid}” không phải mã điều khoản.", f"“{eid}” is not a provision identifier.")
        if parts and _EID_ORDER.index(kind) < _EID_ORDER.index(next(reversed(parts))):
            raise ProvisionError(f"“{eid}” viết sai thứ tự.", f"“{eid}” names its steps out of order.")
        parts[kind] = _canonical_number(kind, match["number"].replace("dd", "đ"))
    if not parts:
        raise ProvisionError(f"“{eid}” không phải mã điều khoản.", f"“{eid}” is not a provision identifier.")
    _check_shape(parts)
    label = _format_label(parts)
    if provision_eid(label, root=root) != eid:  # one spelling only: "dieu-05" or "chuong-2" are not eIds
        raise ProvisionError(f"“{eid}” không phải cách viết chuẩn.", f"“{eid}” is not the canonical spelling.")
    return root, label


def eid_label(eid: str) -> str:
    """How a reference names the provision an eId identifies, its tree included: "quy-dinh/dieu-5/khoan-2" ->
    "Khoản 2 Điều 5 (Quy định)", "dieu-1" -> "Điều 1"; the label of an annex or form ("Phụ lục II"). Relations,
    statuses and lists cite provisions by it. Raises ProvisionError as :func:`parse_eid`."""
    root, label = parse_eid(eid)
    return label + _root_suffix(root)


# Annexes and forms (decision 0018): "Phụ lục II" is "phu-luc-ii" (Roman numerals lower case, Arabic numbers as
# printed: "PHỤ LỤC SỐ 01" is "phu-luc-01"), "Mẫu số 01/TKN-CNKD" is "mau-so-01-tkn-cnkd" (leading zeros kept:
# instructions cite "Mẫu số 01"); a form whose number an earlier annex already used is qualified by its own annex:
# "phu-luc-xiii/mau-so-01". Their labels are "Phụ lục II", "Mẫu số 01/TKN-CNKD", "Mẫu số 01 Phụ lục XIII".
_ANNEX_STEP_RE = re.compile(r"phu-luc(?:-(?P<num>[0-9]{1,3}[a-z]?|[a-z]{1,8}))?")
_FORM_STEP_RE = re.compile(r"mau-so-(?P<num>[0-9]{1,3}(?:dd|[a-z])?(?:-[0-9a-z]{1,20}){0,7})")


def _leaf_heading(text: str) -> tuple[_Leaf | None, str]:
    """The annex or form that ``text`` starts with, and what follows it."""
    line = _clean_lines(text)[0] if text.strip() else ""
    for kind, pattern in (("form", _FORM_RE), ("annex", _ANNEX_RE)):
        match = pattern.match(line)
        if match is None:
            continue
        number = _annex_number(match["num"]) if kind == "annex" else match["num"].upper()
        if number is not None:
            return _Leaf(cast(Literal["annex", "form"], kind), number, ""), match["rest"]
    return None, ""


def annex_eid(label: str) -> str:
    """The eId of an annex or form reference: "Phụ lục II" -> "phu-luc-ii", "PHỤ LỤC SỐ 01" -> "phu-luc-01",
    "Mẫu số 01/TKN-CNKD" -> "mau-so-01-tkn-cnkd", "Mẫu số 01 Phụ lục XIII" -> "phu-luc-xiii/mau-so-01".
    Raises ProvisionError for anything else."""
    leaf, rest = _leaf_heading(label)
    annex: _Leaf | None = None
    if leaf is not None and leaf.kind == "form" and rest:
        annex, rest = _leaf_heading(rest)
        if annex is None or annex.kind != "annex":
            leaf = None
    if leaf is None or rest:
        raise ProvisionError(
            f"“{label}” không phải phụ lục hoặc mẫu (ví dụ: Phụ lục II, Mẫu số 01).",
            f"“{label}” is not an annex or form reference (e.g. Phụ lục II, Mẫu số 01).",
        )
    eid = _leaf_eid(leaf)
    return f"{_leaf_eid(annex)}/{eid}" if annex is not None else eid


def _leaf_label_of_step(step: str) -> str | None:
    annex = _ANNEX_STEP_RE.fullmatch(step)
    if annex is not None:
        number = annex["num"] or ""
        return f"Phụ lục {number.upper() if number.isalpha() else number}".strip()
    form = _FORM_STEP_RE.fullmatch(step)
    if form is None:
        return None
    head, *codes = (part.upper().replace("DD", "Đ") for part in form["num"].split("-"))
    return f"Mẫu số {head}" + (f"/{'-'.join(codes)}" if codes else "")


def _parse_leaf_eid(eid: str) -> str | None:
    """The label an annex or form eId names; None when ``eid`` is not one; ProvisionError when it is malformed."""
    if not eid.startswith(("phu-luc", "mau-so")):
        return None
    steps = eid.split("/")
    labels = [_leaf_label_of_step(step) for step in steps]
    # An annex, a form, or a form in its annex ("phu-luc-xiii/mau-so-01"): nothing else nests.
    nested = len(steps) == 2 and steps[0].startswith("phu-luc") and steps[1].startswith("mau-so")
    if not (len(steps) == 1 or nested) or None in labels:
        raise ProvisionError(f"“{eid}” không phải mã phụ lục, mẫu.", f"“{eid}” is not an annex or form identifier.")
    label = " ".join(str(part) for part in reversed(labels))
    try:
        canonical = annex_eid(label)
    except ProvisionError:
        canonical = ""
    if canonical != eid:  # one spelling only: "phu-luc-iiii", "mau-so-01--2" (a repeated form) are not eIds
        raise ProvisionError(f"“{eid}” không phải cách viết chuẩn.", f"“{eid}” is not the canonical spelling.")
    return label


_DIGIT_RUNS_RE = re.compile(r"([0-9]+)")
SortKey = tuple[int, int, int, int, int, int, tuple[tuple[int, int, str], ...]]


def _natural(label: str) -> tuple[tuple[int, int, str], ...]:
    # "Phụ lục 2" < "Phụ lục 10": digit runs compare as numbers; text as typed, whatever its spacing or Đ.
    text = " ".join(unicodedata.normalize("NFC", label).translate(_LOOKALIKES).split()).casefold()
    return tuple(
        (0, int(run), "") if run.isascii() and run.isdigit() else (1, 0, run)
        for run in _DIGIT_RUNS_RE.split(text)
        if run
    )


def provision_sort_key(label: str) -> SortKey:
    """Natural-order key: Điều 2 < Điều 10; Điều 3 < Khoản 1 Điều 3 < Điểm a Khoản 1 Điều 3 < Điều 3a <
    Điều 4. Parts sort before chapters (with their sections), which sort before articles, as they stand in a
    document (without the tree there is no way to interleave them). Never raises: non-references ("Phụ lục 2")
    sort last, in natural order of their text.

    The one order of provisions: the catalogue stores a relation's provisions in it and the validity engine lists
    a document's provision states in it. The act's own provisions sort before those of the regulation it issues
    (printed after its signature), which sort in their own order."""
    try:
        reference = _parse_reference(label)
    except ProvisionError:
        return (9, 3, 0, 0, 0, 0, _natural(label))
    tree = _root_rank(reference.root)
    parts = reference.parts
    if "part" in parts:
        return (tree, 0, _number_value("part", parts["part"]) or 0, 0, 0, 0, ())
    if "chapter" in parts or "section" in parts:
        chapter = _number_value("chapter", parts.get("chapter", "")) or 0
        return (tree, 1, chapter, int(parts.get("section", "0")), 0, 0, ())
    article = parts["article"]
    digits = article.rstrip(POINT_LETTERS + "abcdefghijklmnopqrstuvwxyz")
    suffix = _letter_rank(article[len(digits) :]) if article[len(digits) :] else 0
    clause = int(parts.get("clause", "0"))
    point = _POINT_RANK[parts["point"]] + 1 if "point" in parts else 0
    return (tree, 2, int(digits), suffix, clause, point, ())


def _root_rank(root: str) -> int:
    # "" (the act's own body) 0, "quy-dinh" 1, "quy-dinh-2" 2 …
    return 0 if not root else int(root.removeprefix("quy-dinh").lstrip("-") or "1")


# --- fragments: a unit's new text, as an amending act prints it ------------------------------------------
# Decision 0018: "Sửa đổi, bổ sung khoản 2 Điều 5 như sau: “2. …\na) …”" quotes a whole unit as printed. The
# applier (legal.consolidate) parses it with the same builder as a whole document, started inside the unit's
# parent, so that the new subtree's labels, anchors and eIds are those of its place ("2." under dieu-5 is
# dieu-5/khoan-2). Kept apart from the builder so that changes to how a document's roots are found stay there.


def _seed_parent(builder: _Builder, parent_eid: str) -> tuple[str, StructureNode | None]:
    """Open the parent's chain of provisions in ``builder``; return (the eId root, the innermost opened node).

    A parent that is only a root ("quy-dinh"), an annex or nothing opens no node: units parsed there are top
    level and get the root as a prefix afterwards."""
    steps = parent_eid.split("/") if parent_eid else []
    root = steps[0] if steps and _EID_ROOT_RE.fullmatch(steps[0]) else ""
    try:
        _, label = parse_eid(parent_eid)
        parts = _parse_label(label)
    except ProvisionError:
        return root, None  # not a provision: an annex or form ("Phụ lục II" is no article), a root, a typo
    for kind in _EID_ORDER:
        if kind in parts:
            qualifier = None
            if kind == "section":
                qualifier = builder._innermost("chapter")
            elif kind in ("clause", "point"):
                qualifier = builder.stack[-1]
            parent = builder.stack[-1] if builder.stack else None
            builder._attach(kind, parts[kind], "", qualifier)
            if kind == "article":
                builder.last_article = int(parts[kind].rstrip(POINT_LETTERS + "fjwz"))
            # Numbers only go up within a parent, as in a whole document: under khoản 5, a line "3. …" is text.
            elif kind == "clause" and parent is not None:
                builder.last_child[id(parent), "clause"] = int(parts[kind])
            elif kind == "point" and parent is not None:
                builder.last_child[id(parent), "point"] = _POINT_RANK[parts[kind]]
    return root, builder.stack[-1]


def _under_root(nodes: list[StructureNode], root: str) -> None:
    """Prefix every eId with the tree's root; the anchor is the eId's steps innermost first (decision 0018)."""
    for node in _walk(nodes):
        if node["eid"] and node["kind"] != "preamble":
            node["eid"] = f"{root}/{node['eid']}"
            node["anchor"] = "-".join(reversed(node["eid"].split("/")))


def parse_fragment(text: str, parent_eid: str = "") -> tuple[str, list[StructureNode]]:
    """The units of ``text`` (an amending act's quoted block) placed under the provision ``parent_eid``.

    Returns (the text before the first unit, the units): "2. Nội dung\\na) …" under "dieu-5" gives ("", [the
    clause dieu-5/khoan-2 with its point dieu-5/khoan-2/diem-a]); "Điều 3. Tên\\n1. …" under "" or a chapter
    gives the article dieu-3; under "quy-dinh" the eIds start "quy-dinh/". A parent that is not a provision eId
    (an annex, a hand-typed string) parses as the top level. Never raises."""
    builder = _Builder()
    root, parent = _seed_parent(builder, parent_eid)
    seeded = list(builder.created)
    for line in _clean_lines(text):
        builder.feed(line)
    roots = builder.finish()
    if parent is None:
        lead = ""
        if roots and roots[0]["kind"] == "preamble":
            lead, roots = roots[0]["text"], roots[1:]
        units = roots
    else:
        lead, units = parent["text"], list(parent["children"])
        # A unit that closed back to a seeded ancestor ("3." after "đ)" under khoản 2) is not the parent's: it is
        # returned too, so that the caller sees a fragment that does not fit its place rather than losing it.
        seeded_ids = {id(node) for node in seeded}
        for ancestor in seeded:
            if ancestor is not parent:
                units.extend(node for node in ancestor["children"] if id(node) not in seeded_ids)
    if root:
        _under_root(units, root)
    return lead, units
