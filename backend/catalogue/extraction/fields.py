"""Find a VBQPPL's fields in its text: number, date, issuer, type, title, signer, legal bases, effect.

Decree 30/2020/NĐ-CP and the 2025 law fix the layout every provincial document follows:

    ỦY BAN NHÂN DÂN               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    TỈNH AN GIANG                    Độc lập - Tự do - Hạnh phúc
    Số: 15/2025/QĐ-UBND          An Giang, ngày 10 tháng 3 năm 2025

                            QUYẾT ĐỊNH
                Ban hành Quy định về ... (the title)
                    ỦY BAN NHÂN DÂN TỈNH AN GIANG
    Căn cứ Luật ...;
    Căn cứ Nghị định số .../.../NĐ-CP ...;
    Theo đề nghị của ...
                            QUYẾT ĐỊNH:
    Điều 1. ...
    Nơi nhận:                      TM. ỦY BAN NHÂN DÂN
    - ...                          KT. CHỦ TỊCH / PHÓ CHỦ TỊCH
                                   Nguyễn Văn A

A .docx gives the two header columns as separate lines; a PDF usually runs them together on one line, so
every rule below looks for its pattern inside a line rather than expecting a line to itself. Everything
here is a guess for an officer to confirm; a field that cannot be found is left empty, never invented.

Pure Python (no Django), like ``numbers`` and ``structure``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field

from backend.catalogue.numbers import NumberError, find_numbers, fold, parse_number
from backend.catalogue.structure import ProvisionError, split_provisions

__all__ = ["Basis", "Extracted", "TextAction", "extract_fields", "fold_aligned", "reflow"]

# Heading word(s) (folded, upper case) -> the document type's name in the catalogue.
TYPE_HEADINGS: dict[str, str] = {
    "QUYET DINH": "Quyết định",
    "NGHI QUYET": "Nghị quyết",
    "CHI THI": "Chỉ thị",
    "NGHI DINH": "Nghị định",
    "THONG TU": "Thông tư",
    "THONG TU LIEN TICH": "Thông tư liên tịch",
    "LUAT": "Luật",
    "BO LUAT": "Bộ luật",
    "PHAP LENH": "Pháp lệnh",
    "LENH": "Lệnh",
}
# How far into a document its header can reach (lines); the type heading is never further down than this.
_HEADER_LINES = 40

_NATIONAL = (
    re.compile(r"CONG\s+HOA\s+XA\s+HOI\s+CHU\s+NGHIA\s+VIET\s+NAM"),
    re.compile(r"DOC\s+LAP\s*[-–—]?\s*TU\s+DO\s*[-–—]?\s*HANH\s+PHUC"),
)
_SEPARATOR = re.compile(r"[\s_\-–—=*.·•~]+")
_NUMBER_LINE = re.compile(r"(?:^|\s)SO\s*[:.]?\s*[0-9]", re.IGNORECASE)
_DATE_WORDS = re.compile(r"NGAY\s+([0-9]{1,2})\s+THANG\s+([0-9]{1,2})\s+NAM\s+([0-9]{4})", re.IGNORECASE)
_DATE_DIGITS = re.compile(r"NGAY\s+([0-9]{1,2})\s*[/.-]\s*([0-9]{1,2})\s*[/.-]\s*([0-9]{4})", re.IGNORECASE)
_BASIS_START = re.compile(r"^\s*CAN\s+CU\b\s*", re.IGNORECASE)
_TITLE_STOPS = re.compile(
    r"^\s*(?:CAN\s+CU|THEO\s+DE\s+NGHI|XET\s|QUYET\s+DINH\s*:|QUYET\s+NGHI\s*:|DIEU\s+[0-9]|CHUONG\s|PHAN\s)",
    re.IGNORECASE,
)
# An all-caps line naming the enacting body ("ỦY BAN NHÂN DÂN TỈNH AN GIANG", "KHÓA X, KỲ HỌP THỨ 5").
_AUTHORITY_LINE = re.compile(r"NHAN\s+DAN|CHINH\s+PHU|QUOC\s+HOI|BO\s+TRUONG|THU\s+TUONG|KHOA\s|KY\s+HOP")
# Signing capacity, upper case as printed above the signature ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH").
_CAPACITY = re.compile(
    r"\b(?:TM|KT|TL|TUQ|Q)\.\s|(?:PHO\s+)?(?:CHU\s+TICH|GIAM\s+DOC|THU\s+TUONG)|BO\s+TRUONG|THU\s+TRUONG"
)
_EFFECT_DATE = re.compile(
    r"CO\s+HIEU\s+LUC(?:\s+THI\s+HANH)?(?:\s+KE)?\s+TU\s+NGAY\s+"
    r"(?:([0-9]{1,2})\s+THANG\s+([0-9]{1,2})\s+NAM\s+([0-9]{4})|([0-9]{1,2})\s*/\s*([0-9]{1,2})\s*/\s*([0-9]{4}))",
    re.IGNORECASE,
)
_EFFECT_ON_SIGNING = re.compile(r"CO\s+HIEU\s+LUC(?:\s+THI\s+HANH)?(?:\s+KE)?\s+TU\s+NGAY\s+KY", re.IGNORECASE)
# What a sentence does to the documents it names, most specific first (folded, lower case).
_ACTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("corrects", re.compile(r"dinh\s+chinh")),
    ("suspends", re.compile(r"ngung\s+hieu\s+luc")),
    ("replaces", re.compile(r"thay\s+the")),
    ("repeals", re.compile(r"bai\s+bo")),
    ("amends", re.compile(r"sua\s+doi")),
    ("supplements", re.compile(r"bo\s+sung")),
)
_PROVISION_RUN = re.compile(
    r"(?:(?:diem|khoan|dieu|chuong|muc|phan)\s+(?:[0-9]+[a-z]?|[ivxlc]+|[a-z])\b(?:\s*(?:,|;|va|den)\s*|\s+|$))+",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.;:])\s+(?=[A-ZĐÀ-Ỹ0-9])|\n")


@dataclass(frozen=True)
class Basis:
    """One "Căn cứ …" item: what it cites, by number and/or by name and date."""

    text: str
    cited: str
    numbers: list[str]
    cited_on: dt.date | None


@dataclass(frozen=True)
class TextAction:
    """A sentence that replaces, repeals, amends… documents it names by number."""

    kind: str
    number: str
    sentence: str
    provisions: list[str] = field(default_factory=list)


@dataclass
class Extracted:
    number: str | None = None
    number_line: str = ""
    issued_on: dt.date | None = None
    place: str = ""
    issuer_text: str = ""
    type_name: str | None = None
    title: str = ""
    signer: str = ""
    signing_capacity: str = ""
    effective_from: dt.date | None = None
    effective_on_signing: bool = False
    bases: list[Basis] = field(default_factory=list)
    actions: list[TextAction] = field(default_factory=list)
    text: str = ""
    warnings: list[str] = field(default_factory=list)  # codes; see ``proposal.WARNINGS``


@functools.lru_cache(maxsize=8192)
def fold_aligned(text: str) -> str:
    """``fold`` character by character, so that positions in the result are positions in ``text``.

    Cached: every rule below folds the same lines again.
    """
    folded = fold(text)
    if len(folded) == len(text):
        # NFC Vietnamese folds one letter to one letter; only stray combining marks change the length.
        return folded
    out = []
    for ch in text:
        folded = fold(ch)
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")  # Cc (but tab) and Cs


def _clean(line: str) -> str:
    # Control characters and lone surrogates come out of some PDFs' font maps; the database refuses NUL.
    return " ".join(unicodedata.normalize("NFC", _CONTROL.sub("", line)).split())


def _is_separator(line: str) -> bool:
    return bool(_SEPARATOR.fullmatch(line))


def _without_national_heading(line: str) -> str:
    folded = fold_aligned(line).upper()
    spans = [m.span() for pattern in _NATIONAL for m in pattern.finditer(folded)]
    if not spans:
        return line
    keep = [ch for index, ch in enumerate(line) if not any(start <= index < end for start, end in spans)]
    return _clean("".join(keep))


def _is_upper(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _type_heading(line: str) -> str | None:
    if not _is_upper(line):
        return None
    key = " ".join(fold(line).upper().rstrip(":").split())
    return TYPE_HEADINGS.get(key)


def _sentence_case(text: str) -> str:
    if not _is_upper(text):
        return text
    lowered = text.lower()
    return lowered[:1].upper() + lowered[1:]


def _number_in(line: str) -> str | None:
    for candidate in find_numbers(line):
        try:
            return parse_number(candidate).display
        except NumberError:  # pragma: no cover - find_numbers only returns parseable numbers
            continue
    return None


def _find_number(header: list[str]) -> tuple[str | None, str]:
    # The line that says "Số:" wins; a number elsewhere in the header (e.g. in the title of an amending
    # decision) is only a fallback.
    for line in header:
        if _NUMBER_LINE.search(fold_aligned(line)):
            found = _number_in(line)
            if found:
                return found, line
    for line in header:
        found = _number_in(line)
        if found:
            return found, line
    return None, ""


def _find_date(header: list[str]) -> tuple[dt.date | None, str, bool]:
    """(date, place, found-but-invalid)."""
    for line in header:
        folded = fold_aligned(line)
        match = _DATE_WORDS.search(folded) or _DATE_DIGITS.search(folded)
        if match is None:
            continue
        place = line[: match.start()]
        # In a PDF the number runs into the place ("Số: 15/2025/QĐ-UBND An Giang"): keep what follows it.
        numbers = find_numbers(place)
        if numbers:
            place = place.rsplit(numbers[-1], 1)[-1]
        place = _without_national_heading(place).strip(" ,")
        issued_on = _date(*match.groups())
        return issued_on, _clean(place), issued_on is None
    return None, "", False


def _issuer_text(header: list[str], number_line: str) -> str:
    parts: list[str] = []
    for line in header:
        folded = fold_aligned(line)
        if line == number_line or _NUMBER_LINE.search(folded):
            # A PDF line may carry the issuer's last words before "Số:"; never the case in practice, so stop.
            break
        if _DATE_WORDS.search(folded) or _DATE_DIGITS.search(folded):
            continue
        rest = _without_national_heading(line)
        if rest and not _is_separator(rest):
            parts.append(rest)
    return _clean(" ".join(parts))


def _title(lines: list[str], start: int) -> tuple[str, int]:
    """The title lines after the type heading, and the index where the body begins."""
    parts: list[str] = []
    index = start
    while index < len(lines) and len(parts) < 8:
        line = lines[index]
        folded = fold_aligned(line).upper()
        if _is_separator(line):
            if parts:
                index += 1
                break
        elif _TITLE_STOPS.match(folded) or (parts and _is_upper(line) and _AUTHORITY_LINE.search(folded)):
            break
        else:
            parts.append(line)
        index += 1
    return _sentence_case(_clean(" ".join(parts))), index


def _bases(lines: list[str]) -> list[Basis]:
    found: list[Basis] = []
    for line in lines:
        folded = fold_aligned(line)
        start = _BASIS_START.match(folded)
        if start is None:
            continue
        # One line may cite several instruments, separated by ";".
        for part in line[start.end() :].split(";"):
            text = _clean(part).rstrip(" .,")
            if not text:
                continue
            folded_part = fold_aligned(text)
            cut = len(text)
            for marker in (r"\sSO\s*[:.]?\s*[0-9]", r"\sNGAY\s+[0-9]", r",", r"\sCUA\s", r"\sQUY\s+DINH\s"):
                match = re.search(marker, folded_part, re.IGNORECASE)
                if match and match.start() < cut:
                    cut = match.start()
            date_match = _DATE_WORDS.search(folded_part) or _DATE_DIGITS.search(folded_part)
            numbers = []
            for candidate in find_numbers(text):
                try:
                    numbers.append(parse_number(candidate).display)
                except NumberError:  # pragma: no cover
                    continue
            found.append(
                Basis(
                    text=text,
                    cited=_clean(text[:cut]),
                    numbers=numbers,
                    cited_on=_date(*date_match.groups()) if date_match else None,
                )
            )
    return found


def _signature(lines: list[str]) -> tuple[str, str]:
    """(signer, capacity) from the signature block at the end."""
    last_capacity = -1
    for index, line in enumerate(lines):
        if _CAPACITY.search(fold_aligned(line)):
            last_capacity = index
    if last_capacity < 0:
        return "", ""
    capacity_lines: list[str] = []
    first = last_capacity
    while first > 0 and _CAPACITY.search(fold_aligned(lines[first - 1])) and last_capacity - first < 3:
        first -= 1
    for line in lines[first : last_capacity + 1]:
        match = _CAPACITY.search(fold_aligned(line))
        capacity_lines.append(line[match.start() :] if match else line)
    for line in lines[last_capacity + 1 :]:
        # In a PDF the name may share its baseline with a recipient ("- Lưu: VT. Nguyễn Văn A").
        tail = re.split(r"[;.:)]\s", line)[-1]
        for candidate in (line, tail):
            if _looks_like_name(candidate):
                return candidate, " / ".join(_clean(part) for part in capacity_lines)
    return "", " / ".join(_clean(part) for part in capacity_lines)


def _looks_like_name(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 6:
        return False
    return all(word[0].isupper() and word.isalpha() for word in words)


def _effect(body: list[str]) -> tuple[dt.date | None, bool]:
    for line in body:
        folded = fold_aligned(line)
        match = _EFFECT_DATE.search(folded)
        if match:
            groups = match.groups()
            day, month, year = groups[0:3] if groups[0] else groups[3:6]
            return _date(day, month, year), False
        if _EFFECT_ON_SIGNING.search(folded):
            return None, True
    return None, False


def _actions(body: list[str], own_number: str | None) -> list[TextAction]:
    own_key = parse_number(own_number).key if own_number else None
    found: list[TextAction] = []
    seen: set[tuple[str, str]] = set()
    for sentence in _SENTENCE_END.split("\n".join(body)):
        sentence = _clean(sentence)
        numbers = find_numbers(sentence)
        if not numbers:
            continue
        folded = fold(sentence).lower()
        kind = next((kind for kind, pattern in _ACTIONS if pattern.search(folded)), None)
        if kind is None:
            continue
        action_end = next(m.end() for k, pattern in _ACTIONS if k == kind for m in [pattern.search(folded)] if m)
        for candidate in numbers:
            number = parse_number(candidate)
            if number.key == own_key or (kind, number.key) in seen:
                continue
            seen.add((kind, number.key))
            segment = sentence[action_end : max(action_end, sentence.find(candidate))]
            found.append(
                TextAction(kind=kind, number=number.display, sentence=sentence[:500], provisions=_provisions(segment))
            )
    return found


def _provisions(segment: str) -> list[str]:
    """The provisions named just before a number ("bãi bỏ khoản 2 Điều 5 của Quyết định số …"); [] = whole."""
    runs = list(_PROVISION_RUN.finditer(fold_aligned(segment)))
    if not runs:
        return []
    run = runs[-1]
    try:
        return split_provisions(segment[run.start() : run.end()].strip(" ,;"))
    except ProvisionError:
        return []


_POINT_START = re.compile(r"^[a-zđ]\)\s")


def reflow(lines: list[str]) -> list[str]:
    """Join a PDF's wrapped lines back into paragraphs.

    A PDF has no paragraphs, only lines; a line that does not end a sentence, followed by one that starts in
    lower case, is the same paragraph. Points ("a) …") start in lower case but always start a paragraph.
    """
    out: list[str] = []
    for line in lines:
        if (
            out
            and line[:1].islower()
            and not _POINT_START.match(line)
            and not out[-1].endswith((".", ";", ":", "!", "?"))
        ):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def extract_fields(raw_lines: list[str], *, wrapped: bool = False) -> Extracted:
    """Everything that can be read from a document's lines; see the module docstring for the layout.

    ``wrapped``: the lines are a PDF's printed lines rather than paragraphs (see :func:`reflow`).
    """
    all_lines = [_clean(line) for line in raw_lines]
    lines = [line for line in all_lines if line]
    if wrapped:
        lines = reflow(lines)
    result = Extracted(text="\n".join(lines))

    type_index = next(
        (index for index, line in enumerate(lines[:_HEADER_LINES]) if _type_heading(line)),
        None,
    )
    header = lines[: type_index if type_index is not None else min(len(lines), 12)]
    result.number, result.number_line = _find_number(header)
    result.issued_on, result.place, bad_date = _find_date(header)
    if bad_date:
        result.warnings.append("invalid_date")
    result.issuer_text = _issuer_text(header, result.number_line)

    body_start = 0
    if type_index is not None:
        result.type_name = _type_heading(lines[type_index])
        result.title, body_start = _title(lines, type_index + 1)
    body = lines[body_start:]
    result.bases = _bases(body)
    basis_lines = {index for index, line in enumerate(body) if _BASIS_START.match(fold_aligned(line))}
    acting = [result.title] if result.title else []
    acting += [line for index, line in enumerate(body) if index not in basis_lines]
    result.actions = _actions(acting, result.number)
    result.effective_from, result.effective_on_signing = _effect(body)
    if result.effective_on_signing and result.issued_on:
        result.effective_from = result.issued_on
    result.signer, result.signing_capacity = _signature(body)

    for name, missing in (
        ("no_date", result.issued_on is None and not bad_date),
        ("no_type", result.type_name is None),
        ("no_title", not result.title),
        ("no_issuer", not result.issuer_text),
        ("no_signer", not result.signer),
        ("no_effective_date", result.effective_from is None),
    ):
        if missing:
            result.warnings.append(name)
    return result
