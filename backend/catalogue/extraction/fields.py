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

from legal.numbers import NumberError, find_numbers, fold, parse_number
from legal.provisions import ProvisionError, split_provisions

__all__ = ["Basis", "Extracted", "TextAction", "extract_fields", "fold_aligned", "proposing_body", "reflow"]

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
# A consolidated text (văn bản hợp nhất) prints the consolidated act's heading ("THÔNG TƯ", "LUẬT") at the top,
# and its own number, date, issuer and signer in the authentication block at the end (Pháp lệnh hợp nhất văn
# bản quy phạm pháp luật 2012, Điều 6 và 8).
CONSOLIDATED = "Văn bản hợp nhất"
_CONSOLIDATION = re.compile(r"XAC\s+THUC\s+VAN\s+BAN\s+HOP\s+NHAT")
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
# A line citing an act by type and number ("Thông tư số 14/2021/TT-BLĐTBXH ngày …", "1. Luật số 32/2013/QH13 …",
# "Luật Bảo hiểm y tế số 25/2008/QH12 …"): in a consolidated text, the list of consolidated acts that follows
# the title. A title never starts that way.
_CITATION_LINE = re.compile(
    r"^\s*(?:[0-9]+\.\s+)?(?:BO\s+LUAT|LUAT|NGHI\s+DINH|NGHI\s+QUYET|THONG\s+TU|QUYET\s+DINH|PHAP\s+LENH)\b"
    r"[^.;:]{0,160}?\bSO\s+[0-9]+/",
    re.IGNORECASE,
)
# Where the preamble ends: the bases are cited before the first article, chapter or part. "Căn cứ …" lines further
# down (in the articles, an annexed form, a VBHN's footnotes) are not the document's bases.
_PREAMBLE_END = re.compile(r"^\s*(?:DIEU\s+[0-9]+\b|CHUONG\s+(?:I|1)\b|PHAN\s+(?:I|1|THU\s+NHAT)\b)", re.IGNORECASE)
_PARAGRAPH_START = re.compile(r"^\s*(?:CAN\s+CU|THEO\s|XET\s|[0-9]+\.|[a-z]\))", re.IGNORECASE)
# A law has no date line: the date is the day the National Assembly passed it, in its closing sentence.
_PASSED_ON = re.compile(
    r"^\s*(?:BO\s+)?(?:LUAT|PHAP\s+LENH|NGHI\s+QUYET)\s+NAY\s+(?:DA\s+)?DUOC\s+.{0,200}?THONG\s+QUA\s+NGAY\s+"
    r"([0-9]{1,2})\s+THANG\s+([0-9]{1,2})\s+NAM\s+([0-9]{4})",
    re.IGNORECASE,
)
# An all-caps line naming the enacting body ("ỦY BAN NHÂN DÂN TỈNH AN GIANG", "KHÓA X, KỲ HỌP THỨ 5").
_AUTHORITY_LINE = re.compile(r"NHAN\s+DAN|CHINH\s+PHU|QUOC\s+HOI|BO\s+TRUONG|THU\s+TUONG|KHOA\s|KY\s+HOP")
# Signing capacity, upper case as printed above the signature ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH").
_CAPACITY = re.compile(
    r"\b(?:TM|KT|TL|TUQ|Q)\.\s|(?:PHO\s+)?(?:CHU\s+TICH|GIAM\s+DOC|THU\s+TUONG|CHU\s+NHIEM|CHANH\s+AN|VIEN\s+TRUONG)"
    r"|BO\s+TRUONG|THU\s+TRUONG|THONG\s+DOC|TONG\s+KIEM\s+TOAN"
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
    # The body whose proposal the decision answers ("Theo đề nghị của Giám đốc Sở Tài chính" -> "Sở Tài chính").
    proposed_by: str = ""
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


def _title(lines: list[str], start: int, *, consolidated: bool = False) -> tuple[str, int]:
    """The title lines after the type heading, and the index where the body begins.

    ``consolidated``: a VBHN, whose title is followed by the list of the acts it consolidates. Only there does a
    line citing an act end the title: a decision's title may well go on "Quyết định số …" on its second line.
    """
    parts: list[str] = []
    index = start
    while index < len(lines) and len(parts) < 8:
        line = lines[index]
        folded = fold_aligned(line).upper()
        if _is_separator(line):
            if parts:
                index += 1
                break
        elif (
            _TITLE_STOPS.match(folded)
            or (parts and _is_upper(line) and _AUTHORITY_LINE.search(folded))
            or (consolidated and parts and _CITATION_LINE.match(folded))
        ):
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


# The preamble's proposal line: "Theo đề nghị của …", "Xét đề nghị của …" (folded). Only a line that starts so, and
# only before the enacting words and the first article: "đề nghị" in an article is not the proposal.
_PROPOSAL_START = re.compile(r"^\s*(?:THEO|XET)\s+(?:DE\s+NGHI|TO\s+TRINH|DE\s+XUAT)\s+CUA\s+", re.IGNORECASE)
_ENACTING = re.compile(r"^\s*(?:QUYET\s+DINH|QUYET\s+NGHI|CHI\s+THI|BAN\s+HANH)\s*:", re.IGNORECASE)
# Who signs the proposal, before the body's name: "Giám đốc Sở …", "Chánh Văn phòng …", "Trưởng Ban …",
# "Chỉ huy trưởng Bộ Chỉ huy …", "Chủ tịch Ủy ban …" (folded, longest first).
_HEAD_OF = (
    r"(?:PHO\s+)?(?:TONG\s+)?GIAM\s+DOC|(?:PHO\s+)?CHANH|CHI\s+HUY\s+TRUONG|(?:PHO\s+)?CHU\s+TICH|THU\s+TRUONG|"
    r"(?:PHO\s+)?(?:TONG\s+CUC|CUC|VU|VIEN|BO)\s+TRUONG|(?:PHO\s+)?TRUONG(?=\s+(?:PHONG|BAN)\b)"
)
_HEAD = re.compile(rf"^(?:{_HEAD_OF})\s+", re.IGNORECASE)
# Where the body's name ends: the submission ("tại Tờ trình …", "(Tờ trình …)"), the subject ("về việc …"), a
# second proposer (", Giám đốc Sở …", " và Giám đốc …"), a clause in lower case after a comma (", ý kiến …"), the
# sentence's end. A comma followed by a capital stays: "Sở Văn hóa, Thể thao và Du lịch".
_BODY_END = re.compile(
    r"\s+tai\s+(?:[Tt]o\s+trinh|[Cc]ong\s+van|[Vv]an\s+ban|[Bb]ao\s+cao|[Ss]o\b)|\s+(?:ve|theo)\s|\s+so\s+[0-9]"
    r"|\s*[(;:]|\.(?:\s|$)"
    rf"|(?i:,?\s+va\s+(?:{_HEAD_OF})\b|,\s*(?:{_HEAD_OF})\b)"
)  # case-sensitive: "tại Tờ trình", never the "Tài" of "Sở Tài chính" or the "tải" of "vận tải"
_LOWER_CLAUSE = re.compile(r",\s*(?=[a-zà-ỹđ])")


def proposing_body(preamble: list[str]) -> str:
    """The body named by the preamble's "Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số …" line:
    "Sở Tài chính" ("" when there is none). The first proposer when several are named."""
    for line in preamble:
        folded = fold_aligned(line)
        if _ENACTING.match(folded) or _PREAMBLE_END.match(folded):
            break
        start = _PROPOSAL_START.match(folded)
        if start is None:
            continue
        rest, folded_rest = line[start.end() :], folded[start.end() :]
        head = _HEAD.match(folded_rest)
        if head:
            rest, folded_rest = rest[head.end() :], folded_rest[head.end() :]
        end = _BODY_END.search(folded_rest)
        cut = end.start() if end else len(rest)
        lower = _LOWER_CLAUSE.search(rest[:cut])
        if lower:
            cut = lower.start()
        body = _clean(rest[:cut]).rstrip(" ,.-…")
        # "Trưởng phòng Người có công": the body is the "Phòng Người có công".
        return body[:1].upper() + body[1:]
    return ""


def _signature(lines: list[str]) -> tuple[str, str]:
    """(signer, capacity) from the signature block.

    The block is the first run of capacity lines ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG") with a name under it. It is
    not the last such run: an attached regulation or annexed forms follow the signature, and their forms have
    capacity lines of their own ("GIÁM ĐỐC", "(Ký, ghi rõ họ tên)").
    """
    runs: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        if not _CAPACITY.search(fold_aligned(lines[index])):
            index += 1
            continue
        last = index
        while last + 1 < len(lines) and last - index < 3 and _CAPACITY.search(fold_aligned(lines[last + 1])):
            last += 1
        runs.append((index, last))
        index = last + 1
    if not runs:
        return "", ""

    def capacity(first: int, last: int) -> str:
        parts = []
        for line in lines[first : last + 1]:
            match = _CAPACITY.search(fold_aligned(line))
            parts.append(_clean(line[match.start() :] if match else line))
        return " / ".join(parts)

    for number, (first, last) in enumerate(runs):
        # In a PDF the recipients ("Nơi nhận: …") run beside the signature, so the name can be a dozen lines down;
        # never past the next capacity line.
        end = runs[number + 1][0] if number + 1 < len(runs) else len(lines)
        for line in lines[last + 1 : min(end, last + 13)]:
            # In a PDF the name may share its baseline with a recipient ("- Lưu: VT. Nguyễn Văn A").
            tail = re.split(r"[;.:)]\s", line)[-1]
            for candidate in (line, tail):
                if _looks_like_name(candidate):
                    return candidate, capacity(first, last)
    return "", capacity(*runs[-1])


# Capitalised words that start headings, not names ("Chương I", "Phụ lục", "Mẫu số").
_NOT_NAMES = frozenset({"Chương", "Điều", "Mục", "Phần", "Phụ", "Mẫu", "Biểu", "Số", "Nơi", "Quy", "Ban"})


def _looks_like_name(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 6 or words[0] in _NOT_NAMES or _is_upper(line):
        return False
    return all(word[0].isupper() and word.isalpha() for word in words)


def _consolidation(lines: list[str]) -> tuple[str, str, dt.date | None, str, str] | None:
    """(number, number line, date, place, issuer) from a VBHN's authentication block, or None.

    The block is two columns: the issuer and "Số: n/VBHN-…" on the left; "XÁC THỰC VĂN BẢN HỢP NHẤT", the place
    and date, the capacity and the signer on the right. A .docx gives the columns one after the other; a PDF
    runs them together line by line ("BỘ … XÁC THỰC VĂN BẢN HỢP NHẤT", "Số: … Hà Nội, ngày …").
    """
    mark = next(
        (i for i, line in enumerate(lines) if _is_upper(line) and _CONSOLIDATION.search(fold_aligned(line).upper())),
        None,
    )
    if mark is None:
        return None
    window = lines[max(0, mark - 3) : mark + 4]
    # The block's own line starts with "Số:"; the article before it may cite another act ("… Thông tư số …").
    own = re.compile(r"\s*SO\s*[:.]\s*[0-9]", re.IGNORECASE)
    at = next((i for i, line in enumerate(window) if own.match(fold_aligned(line)) and _number_in(line)), None)
    if at is None:
        return None
    number_line = window[at]
    issued_on, place, _ = _find_date(window[at:])
    issuer: list[str] = []
    for line in reversed(window[:at]):
        spans = _spans(_CONSOLIDATION, fold_aligned(line).upper())
        rest = _clean("".join(ch for i, ch in enumerate(line) if not any(a <= i < b for a, b in spans)))
        if not rest:
            continue
        if not _is_upper(rest) or len(issuer) >= 2:
            break
        issuer.insert(0, rest)
    return _number_in(number_line) or "", number_line, issued_on, place, _clean(" ".join(issuer))


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _passed_on(body: list[str]) -> dt.date | None:
    for line in body:
        match = _PASSED_ON.search(fold_aligned(line))
        if match:
            return _date(*match.groups())
    return None


def _join_wrapped_bases(lines: list[str]) -> list[str]:
    """In a PDF, join the printed lines of each "Căn cứ …" paragraph: a basis ends with ";" or "." (the last
    one), and its wrapped lines may start with a capital or a number ("… bổ sung bởi Luật số" / "149/2025/QH15;"),
    which :func:`reflow` cannot tell from a new paragraph."""
    out: list[str] = []
    open_basis = False
    for line in lines:
        folded = fold_aligned(line)
        heading = _is_upper(line) and not find_numbers(line)  # "QUYẾT ĐỊNH:", not "149/2025/QH15;"
        if open_basis and out and not _PARAGRAPH_START.match(folded) and not heading:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
            open_basis = bool(_BASIS_START.match(folded))
        if out[-1].rstrip().endswith((";", ".", ":")):
            open_basis = False
    return out


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
    consolidation = None
    if not any(_NUMBER_LINE.search(fold_aligned(line)) for line in header):
        consolidation = _consolidation(lines)
    if consolidation is not None:
        result.number, result.number_line, result.issued_on, result.place, result.issuer_text = consolidation
        bad_date = False
    else:
        result.number, result.number_line = _find_number(header)
        result.issued_on, result.place, bad_date = _find_date(header)
        result.issuer_text = _issuer_text(header, result.number_line)
    if bad_date:
        result.warnings.append("invalid_date")

    body_start = 0
    if type_index is not None:
        result.type_name = _type_heading(lines[type_index])
        result.title, body_start = _title(lines, type_index + 1, consolidated=consolidation is not None)
    if consolidation is not None:
        result.type_name = CONSOLIDATED
    body = lines[body_start:]
    if result.issued_on is None and not bad_date:
        result.issued_on = _passed_on(body)
    preamble_end = next((i for i, line in enumerate(body) if _PREAMBLE_END.match(fold_aligned(line))), len(body))
    preamble = body[:preamble_end]
    if wrapped:
        preamble = _join_wrapped_bases(preamble)
    result.bases = _bases(preamble)
    result.proposed_by = proposing_body(preamble)
    basis_lines = {index for index, line in enumerate(body[:preamble_end]) if _BASIS_START.match(fold_aligned(line))}
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
