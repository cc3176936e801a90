"""Build the committed demo dataset (backend/demo/demo.json) from the An Giang tracker sheets.

Reads the public tracker of the An Giang Department of Justice (../shared/corpus/angiang_vbqppl_tracker, CSV
exports of its xlsx; see SOURCE.md there) and writes the project's interchange format: authorities, documents,
relations. It also writes README.md next to the JSON with the sources, the assumptions and the counts, so the
two can never disagree.

Run from the repository root:  .venv/bin/python scripts/build_demo_dataset.py [--corpus DIR] [--out DIR]

Stdlib only (plus legal.numbers), so it runs without Django settings or a database.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    # Run as a plain script, the repository root is not on sys.path and `backend` would not import.
    sys.path.insert(0, str(REPO_ROOT))

from legal.numbers import NumberError, find_numbers, fold, parse_number  # noqa: E402

DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "angiang_vbqppl_tracker"
DEFAULT_OUT = REPO_ROOT / "backend" / "demo"

MERGER_DATE = dt.date(2025, 7, 1)
# Law 64/2025 art. 53 (and the 2015 law before it): a provincial document takes effect no earlier than 10 days
# after signing. The sheet has no effective dates, so we use the earliest legal date as an estimate.
EFFECTIVE_DELAY = dt.timedelta(days=10)
# The 2015 law took effect on 1 July 2016 and the 2025 law on 1 April 2025: the basis of a provincial
# document is the promulgation law in force when it was issued.
LAW_2015_IN_FORCE = dt.date(2016, 7, 1)
LAW_2025_IN_FORCE = dt.date(2025, 4, 1)

# --- authorities --------------------------------------------------------------------------------------------

HDND_AG, UBND_AG = "HDND-AG", "UBND-AG"
HDND_AG_OLD, UBND_AG_OLD = "HDND-AG-OLD", "UBND-AG-OLD"
HDND_KG, UBND_KG = "HDND-KG", "UBND-KG"
QH, CP = "QH", "CP"

AUTHORITIES: list[dict[str, object]] = [
    {"code": QH, "name": "Quốc hội", "level": "central", "succeeded_by": None, "succeeded_on": None},
    {"code": CP, "name": "Chính phủ", "level": "central", "succeeded_by": None, "succeeded_on": None},
    {
        "code": HDND_AG,
        "name": "Hội đồng nhân dân tỉnh An Giang",
        "level": "province",
        "succeeded_by": None,
        "succeeded_on": None,
    },
    {
        "code": UBND_AG,
        "name": "Ủy ban nhân dân tỉnh An Giang",
        "level": "province",
        "succeeded_by": None,
        "succeeded_on": None,
    },
    # The province formed on 1 July 2025 restarted its numbering (01/2025/QĐ-UBND is dated 01/7/2025), so the
    # pre-merger An Giang bodies need their own codes: otherwise 07/2025/NQ-HĐND of 29/5/2025 and the one of
    # 26/9/2025 would be one document. Like Kiên Giang's, they are succeeded by the new province's bodies.
    {
        "code": HDND_AG_OLD,
        "name": "Hội đồng nhân dân tỉnh An Giang (trước ngày 01/7/2025)",
        "level": "province",
        "succeeded_by": HDND_AG,
        "succeeded_on": MERGER_DATE.isoformat(),
    },
    {
        "code": UBND_AG_OLD,
        "name": "Ủy ban nhân dân tỉnh An Giang (trước ngày 01/7/2025)",
        "level": "province",
        "succeeded_by": UBND_AG,
        "succeeded_on": MERGER_DATE.isoformat(),
    },
    {
        "code": HDND_KG,
        "name": "Hội đồng nhân dân tỉnh Kiên Giang",
        "level": "province",
        "succeeded_by": HDND_AG,
        "succeeded_on": MERGER_DATE.isoformat(),
    },
    {
        "code": UBND_KG,
        "name": "Ủy ban nhân dân tỉnh Kiên Giang",
        "level": "province",
        "succeeded_by": UBND_AG,
        "succeeded_on": MERGER_DATE.isoformat(),
    },
]
PROVINCE_ISSUER = {
    ("HDND", "AG-NEW"): HDND_AG,
    ("UBND", "AG-NEW"): UBND_AG,
    ("HDND", "AG-OLD"): HDND_AG_OLD,
    ("UBND", "AG-OLD"): UBND_AG_OLD,
    ("HDND", "KG"): HDND_KG,
    ("UBND", "KG"): UBND_KG,
}

# --- central documents: public facts, the legal bases of provincial documents -------------------------------

LAW_2015 = "80/2015/QH13"
LAW_2025 = "64/2025/QH15"
LAW_LOCAL_GOV_2025 = "72/2025/QH15"

CENTRAL_DOCUMENTS: list[dict[str, object]] = [
    {
        "number": LAW_2015,
        "type": "Luật",
        "issuer": QH,
        "title": "Luật Ban hành văn bản quy phạm pháp luật",
        "signer": "Nguyễn Sinh Hùng",
        "issued_on": "2015-06-22",
        "effective_from": "2016-07-01",
        "fields": ["Tư pháp"],
    },
    {
        "number": LAW_2025,
        "type": "Luật",
        "issuer": QH,
        "title": "Luật Ban hành văn bản quy phạm pháp luật",
        "signer": "Trần Thanh Mẫn",
        "issued_on": "2025-02-19",
        "effective_from": "2025-04-01",
        "fields": ["Tư pháp"],
    },
    {
        "number": LAW_LOCAL_GOV_2025,
        "type": "Luật",
        "issuer": QH,
        "title": "Luật Tổ chức chính quyền địa phương",
        "signer": "Trần Thanh Mẫn",
        "issued_on": "2025-06-16",
        "effective_from": "2025-07-01",
        "fields": ["Tổ chức bộ máy"],
    },
    {
        "number": "87/2025/QH15",
        "type": "Luật",
        "issuer": QH,
        "title": "Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật",
        "signer": "Trần Thanh Mẫn",
        "issued_on": "2025-06-25",
        "effective_from": "2025-07-01",
        "fields": ["Tư pháp"],
    },
    {
        "number": "34/2016/NĐ-CP",
        "type": "Nghị định",
        "issuer": CP,
        "title": ("Quy định chi tiết một số điều và biện pháp thi hành Luật Ban hành văn bản quy phạm pháp luật"),
        "signer": "Nguyễn Xuân Phúc",
        "issued_on": "2016-05-14",
        "effective_from": "2016-07-01",
        "fields": ["Tư pháp"],
    },
    {
        "number": "78/2025/NĐ-CP",
        "type": "Nghị định",
        "issuer": CP,
        "title": (
            "Quy định chi tiết một số điều và biện pháp để tổ chức, hướng dẫn thi hành Luật Ban hành văn bản "
            "quy phạm pháp luật"
        ),
        "signer": "",
        "issued_on": "2025-04-01",
        "effective_from": "2025-04-01",
        "fields": ["Tư pháp"],
    },
]
# (source, target, kind, effective_on)
CENTRAL_RELATIONS = [
    (LAW_2025, LAW_2015, "replaces", "2025-04-01"),
    ("87/2025/QH15", LAW_2025, "amends", "2025-07-01"),
    ("78/2025/NĐ-CP", "34/2016/NĐ-CP", "replaces", "2025-04-01"),
]

# --- fields (lĩnh vực) by keyword in the folded, lower-case title
# ----------------------------------------------

FIELD_KEYWORDS: list[tuple[str, tuple[str, ...]]] = [
    ("Đất đai", ("dat dai", "thu hoi dat", "gia cac loai dat", "su dung dat", "dat trong lua", "thue dat")),
    (
        "Tài chính",
        (
            "ngan sach",
            "le phi",
            "phi tham quan",
            "phi qua cau",
            "muc thu",
            "du toan",
            "tai san cong",
            "mua sam",
            "thue tai nguyen",
            "nguon thu",
            "cong tac phi",
            "von dau tu",
            "muc chi",
            "kinh phi",
            "gia dich vu",
        ),
    ),
    ("Giáo dục", ("giao duc", "hoc phi", "truong trung hoc", "sach giao khoa", "mam non", "giao vien")),
    ("Y tế", ("y te", "dan so", "suc khoe", "dieu duong")),
    ("Giao thông", ("giao thong", "duong bo", "van tai", "duong thuy", "dat ten duong")),
    (
        "Nông nghiệp",
        ("nong nghiep", "chan nuoi", "cay trong", "vat nuoi", "rung", "thuy loi", "nong thon moi"),
    ),
    (
        "An ninh trật tự",
        ("an ninh", "trat tu", "dan quan tu ve", "ma tuy", "toi pham", "cu tru", "bien gioi"),
    ),
    (
        "Tư pháp",
        ("chung thuc", "xu ly vi pham hanh chinh", "pho bien, giao duc phap luat", "tro giup phap ly"),
    ),
    (
        "Tổ chức bộ máy",
        (
            "cong chuc",
            "vien chuc",
            "to chuc bo may",
            "quy che lam viec",
            "khong chuyen trach",
            "van thu, luu tru",
        ),
    ),
    ("Lao động - Xã hội", ("nguoi co cong", "bao tro xa hoi", "giam ngheo", "nguoi cao tuoi", "lao dong")),
    ("Văn hóa - Thể thao - Du lịch", ("the thao", "du lich", "di tich", "van hoa")),
    (
        "Tài nguyên - Môi trường",
        ("moi truong", "su dung khu vuc bien", "bao ton bien", "chat thai", "tai nguyen"),
    ),
    ("Xây dựng", ("xay dung", "nha o", "kien truc", "ha tang ky thuat")),
]


# Whole words only: folded "trung tâm" contains "rung" (forest) and "mức thưởng" contains "muc thu".
FIELD_RES = [
    (name, re.compile(r"\b(?:" + "|".join(re.escape(word) for word in words) + r")\b"))
    for name, words in FIELD_KEYWORDS
]


def fields_for(title: str) -> list[str]:
    folded = fold(title).lower()
    return [name for name, pattern in FIELD_RES if pattern.search(folded)]


# --- reading the sheets -------------------------------------------------------------------------------------

FLAG_NAMES = {
    "thay the": "replace",
    "bai bo": "repeal",
    "ban hanh moi": "new",
    "het hieu luc theo thoi gian": "expired",
    "giu nguyen": "keep",
    "chua xac dinh": "undecided",
}


@dataclass
class Sheet:
    name: str
    rows: list[dict[str, str]]
    flag_columns: dict[str, str]  # column letter -> flag name
    result_column: str | None  # the column naming the document that carried out the handling
    decomposed_cells: int = 0  # cells stored in NFD (decomposed) form, composed on reading


def read_sheet(path: Path) -> Sheet:
    with path.open(encoding="utf-8", newline="") as handle:
        raw_rows = list(csv.DictReader(handle))
    # Some cells hold decomposed (NFD) letters, pasted from another tool: compose them, or "số" and "ngày" in
    # the patterns below would not match and the titles would not compare equal.
    decomposed = sum(1 for r in raw_rows for v in r.values() if v and unicodedata.normalize("NFC", v) != v)
    rows = [{k: unicodedata.normalize("NFC", v or "") for k, v in r.items()} for r in raw_rows]
    header1 = next(r for r in rows if r["xlsx_row"] == "1")
    header2 = next(r for r in rows if r["xlsx_row"] == "2")
    flags: dict[str, str] = {}
    for column, label in header2.items():
        folded = fold(label).lower().strip()
        for prefix, flag in FLAG_NAMES.items():
            if column != "xlsx_row" and folded.startswith(prefix):
                flags[column] = flag
    result = next(
        (c for c, label in header1.items() if "ban hanh vbqppl" in fold(label).lower() and c != "xlsx_row"),
        None,
    )
    data = [r for r in rows if r["xlsx_row"].isdigit() and int(r["xlsx_row"]) > 2 and r.get("B", "").strip()]
    return Sheet(path.name, data, flags, result, decomposed)


def row_flags(sheet: Sheet, row: dict[str, str]) -> set[str]:
    # "Thay thế" sometimes holds 2 or 4 (how many documents are replaced) rather than 1: any number counts.
    return {flag for column, flag in sheet.flag_columns.items() if row.get(column, "").strip() not in ("", "0")}


# --- parsing document references ----------------------------------------------------------------------------

TYPE_BY_WORD = {"nghi quyet": "Nghị quyết", "quyet dinh": "Quyết định", "chi thi": "Chỉ thị"}
TYPE_BY_SYMBOL = {"NQ": "Nghị quyết", "QD": "Quyết định", "CT": "Chỉ thị"}

REF_RE = re.compile(
    r"^\s*(?P<word>Nghị quyết|Quyết định|Chỉ thị)\s+(?:số\s+)?(?P<number>\d\S*)\s*(?P<rest>.*)$", re.I | re.S
)
DATE_RE = re.compile(
    r"^(?:ngày\s+)?(?:(?P<d1>\d{1,2})\s+tháng\s+(?P<m1>\d{1,2})\s+năm\s+(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>\d{4}))(?![\d/])\s*",
    re.I,
)
# "của Hội đồng nhân dân tỉnh Kiên Giang", "HĐND", "Uỷ ban", with or without "của", with or without the
# province. The sheet's own typos are accepted too: "Hồi đồng", "Ủy nhân dân" (no "ban"), "tỉnh tỉnh".
ISSUER_RE = re.compile(
    r"^(?:của\s+)?(?P<body>H[ộồ]i đồng nhân dân|HĐND|[ỦU][ỷy]\s+(?:ban\s+)?nhân dân|UBND)\s+tỉnh(?:\s+tỉnh)?"
    r"(?:\s+(?P<province>An Giang|Kiên Giang))?\b\s*",
    re.I,
)
ISSUER_TYPOS = ("hồi đồng", "tỉnh tỉnh")
NOTE_RE = re.compile(r"\s*\((?:chỉ áp dụng|chưa có trong)[^)]*\)", re.I)
NEXT_REF_RE = re.compile(r";\s*(?=(?:Nghị quyết|Quyết định|Chỉ thị)\s+(?:số\s+)?\d)", re.I)


class RowError(Exception):
    """A row (or part of one) that cannot be turned into a document; the message says why."""

    def __init__(self, message: str, *, number: str | None = None, body: str | None = None) -> None:
        super().__init__(message)
        # Set when only the date was unreadable, so the document can still be matched by its number.
        self.number = number
        self.body = body


@dataclass
class Ref:
    number: str  # display form
    key: str
    year: int | None
    doc_type: str
    issuer: str
    issued_on: dt.date
    title: str
    notes: list[str] = field(default_factory=list)


def parse_date(text: str) -> tuple[dt.date, str] | None:
    match = DATE_RE.match(text)
    if match is None:
        return None
    day, month, year = (
        (match["d1"], match["m1"], match["y1"]) if match["d1"] else (match["d2"], match["m2"], match["y2"])
    )
    try:
        return dt.date(int(year), int(month), int(day)), text[match.end() :]
    except ValueError:
        return None


def clean_title(text: str) -> str:
    title = " ".join(NOTE_RE.sub("", text).split()).strip(" .;,")
    # "… của UBND tỉnh Kiên Giang Quyết định về việc …": the type word repeated before "về việc" is noise.
    title = re.sub(r"^(?:Quyết định|Nghị quyết)\s+(?=về việc)", "", title, flags=re.I)
    # "ban hành Quyết định ban hành Bảng giá …": the same noise before "ban hành".
    title = re.sub(r"^ban hành\s+(?:Quyết định|Nghị quyết)\s+(?=ban hành)", "", title, flags=re.I)
    return title[:1].upper() + title[1:]


PROVINCE_NAME_RES = (("AG", re.compile(r"\ban giang\b")), ("KG", re.compile(r"\bkien giang\b")))


def province_in(text: str) -> str | None:
    # Word boundaries: the folded "Tân Giang" would otherwise contain "an giang".
    folded = fold(text).lower()
    found = {code for code, pattern in PROVINCE_NAME_RES if pattern.search(folded)}
    return found.pop() if len(found) == 1 else None


def parse_ref(text: str) -> Ref:
    """Read "Nghị quyết số 02/2021/NQ-HĐND ngày 06 tháng 10 năm 2021 của Hội đồng nhân dân tỉnh … <title>"."""
    match = REF_RE.match(text)
    if match is None:
        raise RowError("does not start with a document type and number")
    raw_number = match["number"].rstrip(",.;")
    try:
        number = parse_number(raw_number)
    except NumberError as exc:
        raise RowError(f"unreadable number {raw_number!r}: {exc}") from exc
    notes: list[str] = []
    symbol_head = number.key.split("/")[-1].split("-")[0]
    doc_type = TYPE_BY_SYMBOL.get(symbol_head)
    if doc_type is None:
        raise RowError(f"symbol {number.symbol!r} is not a provincial NQ/QĐ/CT")
    word_type = TYPE_BY_WORD[fold(match["word"]).lower()]
    if word_type != doc_type:
        notes.append(f"named '{match['word']}' but numbered as {doc_type}")

    body = "HDND" if "HĐND" in number.symbol or "HĐ" in number.symbol.split("-") else "UBND"
    dated = parse_date(match["rest"])
    if dated is None:
        near = " ".join(match["rest"].split()[:3])
        raise RowError(f"{number.display}: no readable issue date (text: {near!r})", number=number.key, body=body)
    issued_on, rest = dated
    province: str | None = None
    issuer_match = ISSUER_RE.match(rest)
    if issuer_match is not None:
        phrase_body = "HDND" if fold(issuer_match["body"]).upper().startswith("H") else "UBND"
        if phrase_body != body:
            notes.append(f"issuer phrase names the {phrase_body} but the symbol is {number.symbol}")
        phrase = issuer_match.group(0).strip()
        if any(typo in phrase.lower() for typo in ISSUER_TYPOS) or re.search(r"[ỦU][ỷy]\s+nhân", phrase, re.I):
            notes.append(f"typo in the issuer phrase: {phrase!r}")
        if issuer_match["province"]:
            province = "AG" if fold(issuer_match["province"]).lower() == "an giang" else "KG"
        rest = rest[issuer_match.end() :]
    title = clean_title(rest)
    if not title:
        raise RowError(f"{number.display}: no title (trích yếu)")

    if province is None:
        if issued_on >= MERGER_DATE:
            province = "AG"
        else:
            province = province_in(title)
            if province is None:
                raise RowError(f"{number.display}: the issuing province is neither named nor inferable")
            notes.append(f"province not named in the issuer phrase; inferred {province} from the title")
    if province == "KG" and issued_on >= MERGER_DATE:
        raise RowError(f"{number.display}: Kiên Giang document dated {issued_on}, after the merger")
    period = "KG" if province == "KG" else ("AG-NEW" if issued_on >= MERGER_DATE else "AG-OLD")
    issuer = PROVINCE_ISSUER[(body, period)]
    return Ref(number.display, number.key, number.year, doc_type, issuer, issued_on, title, notes)


def split_refs(text: str) -> list[str]:
    return [part.strip() for part in NEXT_REF_RE.split(text) if part.strip()]


# --- the dataset being built --------------------------------------------------------------------------------


@dataclass
class Doc:
    ref: Ref
    origin: str  # sheet:row of the first mention
    effective_until: dt.date | None = None
    handled: bool = False  # mentioned in a "đã xử lý" sheet: gets a legal basis and may get a text

    @property
    def identity(self) -> tuple[str, str]:
        return (self.ref.key, self.ref.issuer)

    @property
    def normative(self) -> bool:
        # VBQPPL numbers carry the year; administrative decisions ("569/QĐ-UBND") do not.
        return self.ref.year is not None


@dataclass
class Rel:
    source: tuple[str, str]
    target: tuple[str, str]
    kind: str
    origin: str


@dataclass
class Builder:
    docs: dict[tuple[str, str], Doc] = field(default_factory=dict)
    rels: list[Rel] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where, why)
    notes: list[tuple[str, str]] = field(default_factory=list)
    stats: Counter[str] = field(default_factory=Counter)
    pending_amends: list[tuple[Doc, str, str]] = field(default_factory=list)
    pending_undated: list[tuple[RowError, Doc | None, str | None, str]] = field(default_factory=list)
    # Documents a "đã xử lý" row shows as no longer in force without a usable date: they must not come back
    # as in force from a "cần xử lý" row.
    excluded: dict[tuple[str, str], str] = field(default_factory=dict)

    def skip(self, where: str, why: str) -> None:
        self.skipped.append((where, why))

    def add_doc(self, ref: Ref, where: str, *, handled: bool) -> Doc | None:
        for note in ref.notes:
            self.notes.append((where, f"{ref.number}: {note}"))
        identity = (ref.key, ref.issuer)
        existing = self.docs.get(identity)
        if existing is None:
            doc = Doc(ref, where, handled=handled)
            self.docs[identity] = doc
            return doc
        if existing.ref.issued_on != ref.issued_on:
            # Same number and issuer, two dates: one of the sheet's cells is wrong and we cannot tell which,
            # so the first reading (the "đã xử lý" sheets are read first) wins and the other is reported.
            self.skip(
                where,
                f"{ref.number} ({ref.issuer}) dated {ref.issued_on} conflicts with {existing.ref.issued_on} "
                f"at {existing.origin}; kept the earlier reading",
            )
            return None
        self.stats["merged duplicate mentions"] += 1
        existing.handled = existing.handled or handled
        return existing

    def add_rel(self, source: Doc, target: Doc, kind: str, where: str) -> None:
        if source.identity == target.identity:
            self.skip(where, f"{source.ref.number} would {kind} itself")
            return
        if source.ref.issued_on < target.ref.issued_on:
            self.skip(
                where,
                f"{source.ref.number} ({source.ref.issued_on}) cannot {kind} the later "
                f"{target.ref.number} ({target.ref.issued_on})",
            )
            return
        for rel in self.rels:
            if (rel.source, rel.target, rel.kind) == (source.identity, target.identity, kind):
                self.stats["merged duplicate relations"] += 1
                return
        self.rels.append(Rel(source.identity, target.identity, kind, where))


# "Hết hiệu lực theo thời gian": the term is only derivable from a period in the title ("giai đoạn
# 2022-2025"), and only trusted when it ends in the year of the published list of expired documents.
PERIOD_RE = re.compile(r"giai đoạn\s+(\d{4})\s*[-–]\s*(\d{4})", re.I)
EXPIRED_LIST_RE = re.compile(r"hết hiệu lực năm\s+(\d{4})", re.I)


def derive_expiry(title: str, result_text: str) -> dt.date | None:
    listed = EXPIRED_LIST_RE.search(result_text)
    periods = PERIOD_RE.findall(title)
    if listed is None or not periods:
        return None
    end_year = int(periods[-1][1])
    if end_year != int(listed.group(1)):
        return None
    return dt.date(end_year, 12, 31)


ALREADY_GONE_RE = re.compile(r"đã bị bãi bỏ|đã hết hiệu lực", re.I)
# "Quyết định bãi bỏ Quyết định số 35/2007/QĐ-UBND ngày …": column B names the planned repealing document, and
# the document it repeals is the reference that follows.
EMBEDDED_REF_RE = re.compile(
    r"^\s*(?:Nghị quyết|Quyết định)\s+(?:bãi bỏ|thay thế)\s+(?=(?:Nghị quyết|Quyết định)\s)", re.I
)


def handle_done_row(builder: Builder, sheet: Sheet, row: dict[str, str]) -> None:
    where = f"{sheet.name}:{row['xlsx_row']}"
    flags = row_flags(sheet, row) - {"undecided"}
    result_text = " ".join(row.get(sheet.result_column or "", "").split())
    if len(flags) != 1:
        builder.skip(where, f"expected one handling flag, found {sorted(flags) or 'none'}")
        return
    (flag,) = flags
    builder.stats[f"rows flagged {flag}"] += 1

    if flag == "new":
        # Column B describes the planned document; the result column names the one issued.
        handle_new_documents(builder, where, result_text, old=None, kind=None)
        return

    text = row["B"]
    embedded = EMBEDDED_REF_RE.match(text)
    if embedded is not None:
        builder.notes.append((where, "column B names the planned act; the old document is read after its verb"))
        text = text[embedded.end() :]
    try:
        old_ref = parse_ref(text)
    except RowError as exc:
        builder.skip(where, f"old document: {exc}")
        return

    if flag == "keep":
        if ALREADY_GONE_RE.search(result_text):
            builder.skip(where, f"{old_ref.number}: 'giữ nguyên' but the note says {result_text!r}")
            builder.excluded[(old_ref.key, old_ref.issuer)] = where
            return
        builder.add_doc(old_ref, where, handled=True)
        return

    if flag == "expired":
        until = derive_expiry(old_ref.title, result_text)
        if until is None:
            builder.skip(where, f"{old_ref.number}: expired by term, but no end date is derivable from the sheet")
            builder.excluded[(old_ref.key, old_ref.issuer)] = where
            return
        doc = builder.add_doc(old_ref, where, handled=True)
        if doc is not None:
            doc.effective_until = until
            builder.stats["expiry dates derived"] += 1
        return

    kind = "replaces" if flag == "replace" else "repeals"
    handle_new_documents(builder, where, result_text, old=old_ref, kind=kind)


def handle_new_documents(builder: Builder, where: str, result_text: str, *, old: Ref | None, kind: str | None) -> None:
    if not result_text:
        builder.skip(where, "no resulting document named")
        return
    new_refs: list[Ref] = []
    undated: list[RowError] = []
    for part in split_refs(result_text):
        try:
            ref = parse_ref(part)
        except RowError as exc:
            if exc.number is not None:
                undated.append(exc)  # matched by number once every row has been read
            else:
                builder.skip(where, f"new document: {exc}")
            continue
        if ref.year is None and parse_number(ref.number).key.split("/")[-1] != "QD-UBND":
            # e.g. 01/NQ-TTHĐND, a correction notice of the HĐND's standing committee: not a VBQPPL, and its
            # issuer is not one of the catalogued authorities.
            builder.skip(where, f"{ref.number}: yearless and not a UBND decision; not catalogued")
            continue
        # A yearless QĐ-UBND (569/QĐ-UBND repealing a VBQPPL after the reorganisation) is an administrative
        # decision: catalogued with normative = false, because it still acts on a VBQPPL.
        new_refs.append(ref)
    if not new_refs and not undated:
        return

    old_doc = builder.add_doc(old, where, handled=True) if old is not None else None
    if old is not None and old_doc is None:
        return  # a conflicting duplicate, already reported
    for error in undated:
        builder.pending_undated.append((error, old_doc, kind, where))
    listed = {ref.key for ref in new_refs}
    for ref in new_refs:
        new_doc = builder.add_doc(ref, where, handled=True)
        if new_doc is None:
            continue
        # A listed document that amends another listed one (18/2025 and "03/2026 sửa đổi, bổ sung 18/2025") is
        # not a second replacement of the old document: it amends its sibling.
        amended = amended_numbers(ref.title)
        siblings = [key for key in amended if key in listed and key != ref.key]
        if siblings:
            for key in siblings:
                builder.pending_amends.append((new_doc, key, where))
            continue
        if old_doc is not None and kind is not None:
            builder.add_rel(new_doc, old_doc, kind, where)
        elif old is None:
            for key in amended:
                builder.pending_amends.append((new_doc, key, where))
            repealed = repealed_ref(ref.title)
            if repealed is not None:
                target = builder.add_doc(repealed, where, handled=True)
                if target is not None:
                    builder.add_rel(new_doc, target, "repeals", where)


def resolve_pending(builder: Builder) -> None:
    """Relations that name a document by number only, resolved once every row has been read."""
    for source, key, where in builder.pending_amends:
        # Only the issuing body (or its successor) amends a document: look in the source's issuer and in the
        # bodies it succeeded.
        issuers = [source.ref.issuer, *PREDECESSORS.get(source.ref.issuer, ())]
        found = [builder.docs[(key, issuer)] for issuer in issuers if (key, issuer) in builder.docs]
        if len(found) == 1:
            builder.add_rel(source, found[0], "amends", where)
        else:
            builder.notes.append((where, f"{source.ref.number} amends {key}: {len(found)} matching documents"))
    for exc, old_doc, kind, where in builder.pending_undated:
        assert exc.number is not None
        found = [
            doc
            for (key, _), doc in builder.docs.items()
            if key == exc.number and doc.ref.issuer.startswith(exc.body or "")
        ]
        if len(found) != 1:
            builder.skip(where, f"new document: {exc}; {len(found)} documents with that number elsewhere")
            continue
        builder.notes.append(
            (
                where,
                f"{exc}; matched by number to {found[0].ref.number} of {found[0].ref.issued_on} ({found[0].origin})",
            )
        )
        if old_doc is not None and kind is not None:
            builder.add_rel(found[0], old_doc, kind, where)


def link_amendments(builder: Builder) -> None:
    """Give `amends` relations to documents whose title says they amend another catalogued one.

    ("sửa đổi, bổ sung một số điều của Quyết định số 59/2021/QĐ-UBND …"), so the demo has amendment chains.
    """
    for doc in list(builder.docs.values()):
        head = fold(doc.ref.title).lower()
        if head.startswith("sua doi"):
            kind = "amends"
        elif head.startswith("bo sung"):
            kind = "supplements"  # "bổ sung khoản 3 Điều 2 …": adds to the document without changing it
        else:
            continue
        issuers = [doc.ref.issuer, *PREDECESSORS.get(doc.ref.issuer, ())]
        for raw in find_numbers(doc.ref.title):
            key = parse_number(raw).key
            found = [builder.docs[(key, issuer)] for issuer in issuers if (key, issuer) in builder.docs]
            if len(found) != 1 or found[0] is doc:
                builder.stats["amended documents named in a title but not catalogued"] += 1
                continue
            before = len(builder.rels)
            builder.add_rel(doc, found[0], kind, doc.origin)
            if len(builder.rels) > before:
                builder.stats[f"{kind} relations read from titles"] += 1


def note_numbering_order(builder: Builder) -> None:
    """Report serials that go back in time.

    Numbering is per issuer, type and year, so 06/2025 must not be dated after 07/2025. Such a pair means one
    of the dates (or the issuer) in the sheet is wrong.
    """
    series: dict[tuple[str, int, str], list[Doc]] = defaultdict(list)
    for doc in builder.docs.values():
        number = parse_number(doc.ref.number)
        if number.year is not None:
            series[(doc.ref.issuer, number.year, number.key.split("/")[-1])].append(doc)
    for docs in series.values():
        docs.sort(key=lambda d: parse_number(d.ref.number).serial)
        for before, after in pairwise(docs):
            # Kiên Giang's HĐND numbered its resolutions through the whole term (536/2021 in January 2021,
            # then 01/2021 again for the new term): serials of 100 and more are that older series.
            if parse_number(after.ref.number).serial >= 100:
                continue
            if before.ref.issued_on > after.ref.issued_on:
                builder.notes.append(
                    (
                        after.origin,
                        f"numbering goes back in time in {after.ref.issuer}: {before.ref.number} is dated "
                        f"{before.ref.issued_on} ({before.origin}) but {after.ref.number} "
                        f"{after.ref.issued_on}",
                    )
                )


PREDECESSORS = {HDND_AG: (HDND_AG_OLD, HDND_KG), UBND_AG: (UBND_AG_OLD, UBND_KG)}


def amended_numbers(title: str) -> list[str]:
    if not fold(title).lower().startswith("sua doi"):
        return []
    return [parse_number(raw).key for raw in find_numbers(title)]


def repealed_ref(title: str) -> Ref | None:
    # "Bãi bỏ Quyết định số 35/2007/QĐ-UBND ngày 17/7/2007 của Ủy ban nhân dân tỉnh An Giang về việc …": the
    # repealed document is named in full, so it can be catalogued from the title.
    match = re.match(r"^bãi bỏ\s+(?=(?:Nghị quyết|Quyết định)\s+số\s)", title, re.I)
    if match is None:
        return None
    try:
        return parse_ref(title[match.end() :])
    except RowError:
        return None


def handle_open_row(builder: Builder, sheet: Sheet, row: dict[str, str]) -> None:
    where = f"{sheet.name}:{row['xlsx_row']}"
    text = row["B"]
    if not REF_RE.match(text):
        builder.stats["open rows describing a planned document (not used)"] += 1
        return
    try:
        ref = parse_ref(text)
    except RowError as exc:
        builder.skip(where, str(exc))
        return
    excluded_at = builder.excluded.get((ref.key, ref.issuer))
    if excluded_at is not None:
        builder.skip(where, f"{ref.number}: no longer in force per {excluded_at} (skipped there)")
        return
    if builder.add_doc(ref, where, handled=False) is not None:
        builder.stats["in-force documents from open rows"] += 1


# --- output -------------------------------------------------------------------------------------------------


def effective_from(doc: Doc) -> dt.date:
    # Administrative decisions take effect on signing ("có hiệu lực kể từ ngày ký"); the 10-day floor is for
    # VBQPPL only.
    return doc.ref.issued_on + EFFECTIVE_DELAY if doc.normative else doc.ref.issued_on


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def vn_date(day: dt.date) -> str:
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


ISSUER_NAMES = {str(a["code"]): str(a["name"]) for a in AUTHORITIES}


def body_name(code: str) -> str:
    return ISSUER_NAMES[code].split(" (")[0]


def demo_text(doc: Doc, replaced: list[Doc], repealed: list[Doc]) -> str:
    """An illustrative body in the official layout (Điều / khoản / điểm), built from the title.

    Not the official text: the sheet holds titles only. It gives the structure parser and full-text search
    something realistic to work on.
    """
    kind = doc.ref.doc_type
    scope = doc.ref.title[:1].lower() + doc.ref.title[1:]
    province = "tỉnh Kiên Giang" if doc.ref.issuer in (HDND_KG, UBND_KG) else "tỉnh An Giang"
    hdnd = doc.ref.issuer.startswith("HDND")
    if not hdnd and doc.ref.title.startswith("Quy định "):
        return regulation_text(doc, replaced, repealed, province)
    lines = [
        "Điều 1. Phạm vi điều chỉnh",
        f"{kind} này {scope}.",
        "Điều 2. Đối tượng áp dụng",
        f"1. Cơ quan nhà nước, tổ chức chính trị - xã hội và đơn vị sự nghiệp công lập thuộc {province}.",
        f"2. Tổ chức, cá nhân có liên quan đến việc thực hiện {kind.lower()} này trên địa bàn {province}.",
        "Điều 3. Tổ chức thực hiện",
    ]
    if hdnd:
        lines += [
            f"1. Giao Ủy ban nhân dân tỉnh tổ chức triển khai thực hiện {kind} này.",
            "2. Giao Thường trực Hội đồng nhân dân tỉnh, các Ban của Hội đồng nhân dân tỉnh, các Tổ đại "
            "biểu và "
            f"đại biểu Hội đồng nhân dân tỉnh giám sát việc thực hiện {kind} này.",
        ]
    else:
        lines += [
            "1. Các sở, ban, ngành tỉnh có trách nhiệm:",
            f"a) Hướng dẫn, kiểm tra việc thực hiện {kind} này trong phạm vi chức năng, nhiệm vụ được giao;",
            "b) Tổng hợp khó khăn, vướng mắc phát sinh, báo cáo Ủy ban nhân dân tỉnh xem xét, giải quyết.",
            "2. Ủy ban nhân dân các xã, phường, đặc khu tổ chức thực hiện trên địa bàn quản lý.",
        ]
    lines += [
        "Điều 4. Hiệu lực thi hành",
        f"1. {kind} này có hiệu lực từ {vn_date(effective_from(doc))}.",
    ]
    clause = 2
    for verb, targets in (("thay thế", replaced), ("bãi bỏ", repealed)):
        for target in targets:
            lines.append(
                f"{clause}. {kind} này {verb} {target.ref.doc_type} số {target.ref.number} "
                f"{vn_date(target.ref.issued_on)} của {body_name(target.ref.issuer)} "
                f"{target.ref.title[:1].lower() + target.ref.title[1:]}."
            )
            clause += 1
    return "\n".join(lines)


def regulation_text(doc: Doc, replaced: list[Doc], repealed: list[Doc], province: str) -> str:
    """A decision that issues a regulation, as provincial decisions are laid out (decision 0018): three articles,
    the signature, then "QUY ĐỊNH", its title, "(Ban hành kèm theo Quyết định số …)" and its own articles from
    Điều 1. Illustrative, like demo_text."""
    subject = doc.ref.title[len("Quy định ") :]
    lines = [
        f"Điều 1. Ban hành kèm theo Quyết định này Quy định {subject}.",
        "Điều 2. Hiệu lực thi hành",
        f"1. Quyết định này có hiệu lực từ {vn_date(effective_from(doc))}.",
    ]
    clause = 2
    for verb, targets in (("thay thế", replaced), ("bãi bỏ", repealed)):
        for target in targets:
            lines.append(
                f"{clause}. Quyết định này {verb} {target.ref.doc_type} số {target.ref.number} "
                f"{vn_date(target.ref.issued_on)} của {body_name(target.ref.issuer)}."
            )
            clause += 1
    lines += [
        "Điều 3. Trách nhiệm thi hành",
        "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở, ban, ngành tỉnh, Chủ tịch Ủy ban nhân dân các xã, "
        "phường, đặc khu chịu trách nhiệm thi hành Quyết định này./.",
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "QUY ĐỊNH",
        subject[:1].upper() + subject[1:],
        f"(Ban hành kèm theo Quyết định số {doc.ref.number} {vn_date(doc.ref.issued_on)} của Ủy ban nhân dân "
        f"{province})",
        "Chương I",
        "QUY ĐỊNH CHUNG",
        "Điều 1. Phạm vi điều chỉnh",
        f"Quy định này quy định {subject}.",
        "Điều 2. Đối tượng áp dụng",
        f"1. Cơ quan nhà nước, đơn vị sự nghiệp công lập thuộc {province}.",
        f"2. Tổ chức, cá nhân có hoạt động liên quan trên địa bàn {province}.",
        "Chương II",
        "TỔ CHỨC THỰC HIỆN",
        "Điều 3. Trách nhiệm của các sở, ban, ngành",
        "1. Các sở, ban, ngành tỉnh có trách nhiệm:",
        "a) Hướng dẫn, kiểm tra việc thực hiện Quy định này trong phạm vi chức năng, nhiệm vụ được giao;",
        "b) Tổng hợp khó khăn, vướng mắc phát sinh, báo cáo Ủy ban nhân dân tỉnh xem xét, giải quyết.",
        "2. Ủy ban nhân dân các xã, phường, đặc khu tổ chức thực hiện trên địa bàn quản lý.",
    ]
    return "\n".join(lines)


def basis_targets(doc: Doc) -> list[str]:
    issued = doc.ref.issued_on
    if issued < LAW_2015_IN_FORCE:
        return []  # made under the 2004 law, which is not in this dataset
    targets = [LAW_2015 if issued < LAW_2025_IN_FORCE else LAW_2025]
    if issued >= MERGER_DATE:
        targets.append(LAW_LOCAL_GOV_2025)
    return targets


def build(corpus: Path) -> tuple[dict[str, object], Builder]:
    builder = Builder()
    done = [read_sheet(corpus / name) for name in ("nq_hdnd_da_xu_ly.csv", "qd_ubnd_da_xu_ly.csv")]
    open_ = [read_sheet(corpus / name) for name in ("nq_hdnd_can_xu_ly.csv", "qd_ubnd_can_xu_ly.csv")]
    for sheet in [*done, *open_]:
        if sheet.decomposed_cells:
            count = sheet.decomposed_cells
            builder.notes.append((sheet.name, f"{count} cells hold decomposed (NFD) letters; composed"))
    for sheet in done:
        for row in sheet.rows:
            builder.stats["rows read (đã xử lý)"] += 1
            handle_done_row(builder, sheet, row)
    for sheet in open_:
        for row in sheet.rows:
            builder.stats["rows read (cần xử lý)"] += 1
            handle_open_row(builder, sheet, row)
    resolve_pending(builder)
    link_amendments(builder)
    note_numbering_order(builder)

    # A relation must not take effect before its source was issued (10-day estimate makes that hold), and the
    # source must not be older than its target (checked in add_rel).
    relations: list[dict[str, object]] = []
    docs_by_id = builder.docs
    for rel in builder.rels:
        source, target = docs_by_id[rel.source], docs_by_id[rel.target]
        effective_on = effective_from(source)
        if effective_on < source.ref.issued_on:
            builder.skip(rel.origin, f"{source.ref.number}: relation would take effect before issue")
            continue
        relations.append(
            {
                "source": {"number": source.ref.number, "issuer": source.ref.issuer},
                "target": {"number": target.ref.number, "issuer": target.ref.issuer},
                "kind": rel.kind,
                "effective_on": effective_on.isoformat(),
                "provisions": [],
            }
        )

    central_ids = {str(d["number"]): str(d["issuer"]) for d in CENTRAL_DOCUMENTS}
    for source_number, target_number, kind, on in CENTRAL_RELATIONS:
        relations.append(
            {
                "source": {"number": source_number, "issuer": central_ids[source_number]},
                "target": {"number": target_number, "issuer": central_ids[target_number]},
                "kind": kind,
                "effective_on": on,
                "provisions": [],
            }
        )
    for doc in docs_by_id.values():
        if not doc.handled or not doc.normative:
            continue
        for law in basis_targets(doc):
            relations.append(
                {
                    "source": {"number": doc.ref.number, "issuer": doc.ref.issuer},
                    "target": {"number": law, "issuer": QH},
                    "kind": "basis",
                    "effective_on": effective_from(doc).isoformat(),
                    "provisions": [],
                }
            )

    # Demo texts: the newest handled documents that replaced or repealed something, so the text's closing
    # article can name them.
    acting: dict[tuple[str, str], dict[str, list[Doc]]] = defaultdict(lambda: {"replaces": [], "repeals": []})
    for rel in builder.rels:
        if rel.kind in ("replaces", "repeals"):
            acting[rel.source][rel.kind].append(docs_by_id[rel.target])
    # Only normative documents with a substantive title: "Phạm vi điều chỉnh" reads oddly for a bare repeal
    # ("Bãi bỏ …") or a "Về việc …" title.
    candidates = [
        ident
        for ident in acting
        if docs_by_id[ident].normative and not fold(docs_by_id[ident].ref.title).lower().startswith(("bai bo", "ve "))
    ]
    newest_first = sorted(candidates, key=lambda i: (docs_by_id[i].ref.issued_on, i), reverse=True)
    # Four of each body, so both text layouts (HĐND and UBND) are represented.
    with_text = [i for i in newest_first if i[1].startswith("HDND")][:4]
    with_text += [i for i in newest_first if i[1].startswith("UBND")][:4]
    texts = {
        ident: demo_text(docs_by_id[ident], acting[ident]["replaces"], acting[ident]["repeals"]) for ident in with_text
    }

    documents: list[dict[str, object]] = []
    for central in CENTRAL_DOCUMENTS:
        documents.append(
            {
                "number": central["number"],
                "type": central["type"],
                "issuer": central["issuer"],
                "title": central["title"],
                "signer": central["signer"],
                "issued_on": central["issued_on"],
                "effective_from": central["effective_from"],
                "effective_until": None,
                "fields": central["fields"],
                "text": "",
                "published": True,
                "normative": True,
            }
        )
    for doc in sorted(docs_by_id.values(), key=lambda d: (d.ref.issued_on, d.ref.issuer, d.ref.key)):
        documents.append(
            {
                "number": doc.ref.number,
                "type": doc.ref.doc_type,
                "issuer": doc.ref.issuer,
                "title": doc.ref.title,
                "signer": "",
                "issued_on": doc.ref.issued_on.isoformat(),
                "effective_from": effective_from(doc).isoformat(),
                "effective_until": iso(doc.effective_until),
                "fields": fields_for(doc.ref.title),
                "text": texts.get(doc.identity, ""),
                "published": True,
                "normative": doc.normative,
            }
        )
    order = {str(d["number"]) + "|" + str(d["issuer"]): i for i, d in enumerate(documents)}

    def rel_sort(rel: dict[str, object]) -> tuple[str, int, int, str]:
        source, target = rel["source"], rel["target"]
        assert isinstance(source, dict) and isinstance(target, dict)
        return (
            str(rel["effective_on"]),
            order[f"{source['number']}|{source['issuer']}"],
            order[f"{target['number']}|{target['issuer']}"],
            str(rel["kind"]),
        )

    relations.sort(key=rel_sort)
    dataset: dict[str, object] = {"authorities": AUTHORITIES, "documents": documents, "relations": relations}
    check(dataset)
    return dataset, builder


def check(dataset: dict[str, object]) -> None:
    """Fail loudly if the output breaks the rules the importer and the validity engine rely on."""
    documents = dataset["documents"]
    relations = dataset["relations"]
    authorities = dataset["authorities"]
    assert isinstance(documents, list) and isinstance(relations, list) and isinstance(authorities, list)
    codes = {a["code"] for a in authorities}
    by_id: dict[tuple[str, str], dict[str, object]] = {}
    for doc in documents:
        assert doc["issuer"] in codes, doc
        ident = (parse_number(str(doc["number"])).key, str(doc["issuer"]))
        assert ident not in by_id, f"duplicate document {ident}"
        by_id[ident] = doc
        if doc["effective_until"] is not None:
            assert str(doc["effective_until"]) >= str(doc["effective_from"]), doc
    seen: set[tuple[object, ...]] = set()
    for rel in relations:
        source = by_id[(parse_number(rel["source"]["number"]).key, rel["source"]["issuer"])]
        target = by_id[(parse_number(rel["target"]["number"]).key, rel["target"]["issuer"])]
        assert source is not target, rel
        assert str(source["issued_on"]) >= str(target["issued_on"]), rel
        assert str(rel["effective_on"]) >= str(source["issued_on"]), rel
        rel_ident = (
            rel["source"]["number"],
            rel["source"]["issuer"],
            rel["target"]["number"],
            rel["target"]["issuer"],
            rel["kind"],
        )
        assert rel_ident not in seen, f"duplicate relation {rel_ident}"
        seen.add(rel_ident)


# --- README -------------------------------------------------------------------------------------------------


def counts(dataset: dict[str, object]) -> dict[str, Counter[str]]:
    documents = dataset["documents"]
    relations = dataset["relations"]
    assert isinstance(documents, list) and isinstance(relations, list)
    return {
        "documents by issuer": Counter(str(d["issuer"]) for d in documents),
        "documents by type": Counter(str(d["type"]) for d in documents),
        "relations by kind": Counter(str(r["kind"]) for r in relations),
    }


README_HEAD = """\
# Demo dataset

`demo.json` is generated by `scripts/build_demo_dataset.py`; edit the script, not the JSON, and re-run:

    .venv/bin/python scripts/build_demo_dataset.py

## Sources
- Provincial documents and relations: the 2026 tracking sheet of the An Giang Sở Tư pháp
  (`../shared/corpus/angiang_vbqppl_tracker`, see its SOURCE.md; GitHub quangthoai1985/VBPL_Tracking, no
  licence stated). Used: `nq_hdnd_da_xu_ly.csv` and `qd_ubnd_da_xu_ly.csv` (handled items: the old document in
  column B, the handling flag, the document that carried it out in the result column) and the rows of
  `nq_hdnd_can_xu_ly.csv` / `qd_ubnd_can_xu_ly.csv` whose column B names an existing document with its number
  and date. Staff names are not used.
- Central documents (the legal bases), public facts: Law 80/2015/QH13 (22/6/2015, in force 1/7/2016); Law
  64/2025/QH15 (19/2/2025, in force 1/4/2025, replaces 80/2015); Law 72/2025/QH15 on local government
  (16/6/2025, in force 1/7/2025); Law 87/2025/QH15 amending Law 64/2025 (25/6/2025, in force 1/7/2025); Decree
  34/2016/NĐ-CP (14/5/2016, in force 1/7/2016) replaced by Decree 78/2025/NĐ-CP (1/4/2025, in force 1/4/2025).
  The dates of 64/2025 and 78/2025 (and that 78 replaces 34) were checked against public pages; the others are
  as commonly cited and were not re-checked. The signer of 78/2025/NĐ-CP is left empty.

## Assumptions
- **Effective dates are estimates.** The sheet gives only issue dates, so every provincial document's
  `effective_from` is `issued_on + 10 days` (the earliest date the law allows for provincial documents); the
  one administrative decision (569/QĐ-UBND) takes effect on signing. A relation takes effect on its source
  document's (estimated) `effective_from`.
- Issuer: from the issuer phrase (`của Hội đồng nhân dân tỉnh Kiên Giang`, `UBND tỉnh An Giang`, …) and the
  symbol (NQ-HĐND → HĐND, QĐ-UBND → UBND). Without a province in the phrase, a document issued on/after
  1/7/2025 is An Giang's; an earlier one takes the province named in its title.
- **Pre-merger An Giang has its own authority codes** (`HDND-AG-OLD`, `UBND-AG-OLD`), succeeded by `HDND-AG` /
  `UBND-AG` on 1/7/2025 like Kiên Giang's. The merged province restarted its numbering on 1/7/2025, so e.g.
  07/2025/NQ-HĐND exists twice (29/5/2025, old An Giang; 26/9/2025, new An Giang) and 15/2025/NQ-HĐND repeals
  the older one. One code for both would merge different documents.
- Kinds: `Thay thế` → `replaces`; `Bãi bỏ` → `repeals`; `Ban hành mới` → the new document, with `amends` /
  `repeals` when its title says `sửa đổi, bổ sung …` / `bãi bỏ …` a named document; `Hết hiệu lực theo thời
  gian` → `effective_until` = 31 December of the period in the title (`giai đoạn 2022-2025`) when that year
  matches the published list of expired documents, otherwise the row is skipped; `Giữ nguyên` → in force, no
  relation (unless the note says it was already repealed).
- When the result column lists several documents, each is a source of the row's relation, except a document
  amending another listed one (it `amends` that sibling). The sheet does not say which listed document
  replaces which old one, so e.g. 41/2022/NQ-HĐND is replaced by both 24/2025/NQ-HĐND and 25/2025/NQ-HĐND.
  Yearless numbers there are administrative documents, not VBQPPL: 569/QĐ-UBND (which repeals a VBQPPL after
  the reorganisation) is catalogued with `"normative": false`; 01/NQ-TTHĐND (a correction notice of the
  HĐND's standing committee, an issuer not catalogued here) is left out. Every document carries `normative`,
  as the exporter writes it.
- Titles are also read for relations: a catalogued document whose title starts with `sửa đổi` and names
  another catalogued document of the same issuer (or of a body it succeeded) `amends` it; one starting with
  `bổ sung` `supplements` it. Provisions are left empty (the whole document): the sheet does not list them.
- Rows of the `cần xử lý` sheets are documents still awaiting handling, so they are catalogued as in force (no
  `effective_until`, no relation). Rows there that describe a planned document are not used.
- `basis`: documents from the handled sheets issued from 1/7/2016 to 31/3/2025 → 80/2015/QH13; from 1/4/2025 →
  64/2025/QH15; from 1/7/2025 also → 72/2025/QH15. Earlier documents (2004 law, not catalogued) get none.
- `fields` come from keywords in the title ([] when none match). Central documents carry `Tư pháp` (`Tổ chức
  bộ máy` for the local-government law). Signers of provincial documents are unknown (empty).
- `text` is **illustrative**: generated from the title in the official layout (Điều / khoản / điểm) for a few
  documents, naming what they replace or repeal. It is not the official text.
- The notes at the end list serials that go back in time within one issuer, type and year (e.g. 06/2025 dated
  after 07/2025): one of the two dates (often day and month swapped) or the issuer is wrong in the sheet.
  Kiên Giang's HĐND numbered through its whole term (536/2021 before 16/2021), so serials of 100 and more are
  not compared.
"""


def render_readme(dataset: dict[str, object], builder: Builder) -> str:
    documents = dataset["documents"]
    relations = dataset["relations"]
    assert isinstance(documents, list) and isinstance(relations, list)
    tallies = counts(dataset)
    with_text = sum(1 for d in documents if d["text"])
    with_until = sum(1 for d in documents if d["effective_until"])
    with_fields = sum(1 for d in documents if d["fields"])

    def table(counter: Counter[str]) -> Iterator[str]:
        for name, count in sorted(counter.items()):
            yield f"| {name} | {count} |"

    reasons = Counter(classify(why) for _, why in builder.skipped)
    lines = [
        README_HEAD.rstrip("\n"),
        "",
        "## Counts",
        f"- Authorities: {len(dataset['authorities'])}",  # type: ignore[arg-type]
        f"- Documents: {len(documents)} ({with_text} with a demo text, {with_until} with an expiry date, "
        f"{with_fields} with fields)",
        f"- Relations: {len(relations)}",
        "",
        "| documents by issuer | count |",
        "|---|---|",
        *table(tallies["documents by issuer"]),
        "",
        "| documents by type | count |",
        "|---|---|",
        *table(tallies["documents by type"]),
        "",
        "| relations by kind | count |",
        "|---|---|",
        *table(tallies["relations by kind"]),
        "",
        "| sheet rows | count |",
        "|---|---|",
        *table(builder.stats),
        "",
        f"## Skipped ({len(builder.skipped)})",
        "",
        "| reason | count |",
        "|---|---|",
        *table(reasons),
        "",
        *(f"- `{where}`: {why}" for where, why in builder.skipped),
        "",
        f"## Odd data noticed ({len(builder.notes)} notes; the rows were used)",
        "",
        *(f"- `{where}`: {why}" for where, why in builder.notes),
        "",
    ]
    return "\n".join(lines)


def classify(why: str) -> str:
    for needle, label in (
        ("conflicts with", "same number and issuer, different date"),
        ("no end date", "expired by term, end date not derivable"),
        ("yearless", "not a VBQPPL, issuer not catalogued (01/NQ-TTHĐND)"),
        ("already", "already repealed per the note"),
        ("giữ nguyên", "already repealed per the note"),
        ("no readable issue date", "no readable issue date"),
        ("cannot", "source older than target"),
        ("neither named", "province unknown"),
        ("no longer in force per", "open row for a document the handled sheet shows as expired"),
        ("unreadable number", "unreadable number (e.g. 'QĐ/UBND' with a slash)"),
    ):
        if needle in why:
            return label
    return "other"


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder with the tracker CSVs")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for demo.json and README.md")
    args = parser.parse_args(list(argv) if argv is not None else None)

    needed = [
        "nq_hdnd_da_xu_ly.csv",
        "qd_ubnd_da_xu_ly.csv",
        "nq_hdnd_can_xu_ly.csv",
        "qd_ubnd_can_xu_ly.csv",
    ]
    missing = [name for name in needed if not (args.corpus / name).is_file()]
    if missing:
        print(
            f"Corpus not found: {args.corpus} (missing {', '.join(missing)}).\n"
            "The demo dataset is built from ../shared/corpus/angiang_vbqppl_tracker; pass --corpus DIR.",
            file=sys.stderr,
        )
        return 2

    dataset, builder = build(args.corpus)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "demo.json").write_text(json.dumps(dataset, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (args.out / "README.md").write_text(render_readme(dataset, builder), encoding="utf-8")

    for where, why in builder.skipped:
        print(f"skipped {where}: {why}")
    for where, why in builder.notes:
        print(f"note    {where}: {why}")
    documents, relations = dataset["documents"], dataset["relations"]
    assert isinstance(documents, list) and isinstance(relations, list)
    print(f"\nauthorities: {len(dataset['authorities'])}")  # type: ignore[arg-type]
    print(f"documents:   {len(documents)}")
    print(f"relations:   {len(relations)}")
    print(f"skipped:     {len(builder.skipped)}")
    for title, counter in counts(dataset).items():
        print(f"{title}: " + ", ".join(f"{k} {v}" for k, v in sorted(counter.items())))
    print("rows: " + ", ".join(f"{k} {v}" for k, v in sorted(builder.stats.items())))
    print(f"wrote {args.out / 'demo.json'} and {args.out / 'README.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
