"""The real provincial records of the "real queries" set of bench/relevance.py (issue #15), read from
../shared/corpus (not part of the repository).

- Bình Dương (`binhduong_vbcddh/data_vanbanphapluatBinhDuong.csv`): one record per distinct (so_ky_hieu,
  ngay_ban_hanh, trich_yeu); the crawl repeats rows (4,056 rows, 3,613 records). Key "bd:<number>:<dd/mm/yyyy>";
  the few numbers that appear on one date with two wordings of the title get "#2" on the second key (they are
  the same document: a query written from either counts both as relevant).
- An Giang (`angiang_vbqppl_tracker/*.csv`): the Sở Tư pháp's tracking sheets name provincial documents in column
  B, "Nghị quyết số 02/2021/NQ-HĐND ngày 06 tháng 10 năm 2021 của Hội đồng nhân dân tỉnh Kiên Giang quy định …" or
  "Quyết định bãi bỏ Quyết định số 17/2005/QĐ-UBND ngày 30/3/2005 của …". A record is a row whose text names a
  document by its number at its start; rows about drafts without a number are left out (nothing to find them by
  but a subject shared with the document they replace). One record per (number, date), key
  "ag:<number>:<dd/mm/yyyy>" (or "ag:<number>" when the sheet gives no date); the title is column B as written.

No full texts exist: the title is all there is to search.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from legal import numbers

BINH_DUONG = Path("binhduong_vbcddh") / "data_vanbanphapluatBinhDuong.csv"
AN_GIANG = Path("angiang_vbqppl_tracker")
AN_GIANG_SHEETS = (
    "nq_hdnd_can_xu_ly.csv",
    "nq_hdnd_da_xu_ly.csv",
    "qd_ct_ubnd.csv",
    "qd_ubnd_can_xu_ly.csv",
    "qd_ubnd_da_xu_ly.csv",
)

# The symbol's type part -> the catalogue's document type code (backend/catalogue/reference.py for the legal
# types; the administrative ones the crawl holds besides). A yearless "…/UBND-VX" is a công văn.
TYPE_CODES = {
    "QD": "quyet-dinh",
    "NQ": "nghi-quyet",
    "CT": "chi-thi",
    "KH": "ke-hoach",
    "TB": "thong-bao",
    "CTR": "chuong-trinh",
    "BC": "bao-cao",
    "TTR": "to-trinh",
    "HD": "huong-dan",
    "GM": "giay-moi",
    "PA": "phuong-an",
    "CV": "cong-van",
}
STATUSES = {
    "Văn bản đang có hiệu lực": "in_force",
    "Văn bản hết hiệu lực": "expired",
    "Văn bản còn hiệu lực một phần": "partially_expired",
}

_AG_HEAD = re.compile(
    r"^\s*(?:Nghị quyết|Quyết định|Chỉ thị)\s+(?:(?:thay thế/bãi bỏ|thay thế|bãi bỏ)\s+)?"
    r"(?:(?:Nghị quyết|Quyết định|Chỉ thị)\s+)?(?:số\s+|ngày\s+)?(?P<number>\d+/\d{4}/[^\s,.;:)]+)"
    r"[\s,]*(?:ngày\s+(?P<date>\d{1,2}(?:/|\s+tháng\s+)\d{1,2}(?:/|\s+năm\s+)\d{4}))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Record:
    key: str
    number: str
    title: str
    issued_on: dt.date
    status: str
    doc_type: str
    issuer: str


def _date(text: str) -> dt.date | None:
    parts = re.findall(r"\d+", text)
    if len(parts) != 3:
        return None
    day, month, year = (int(p) for p in parts)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def type_and_issuer(number: str) -> tuple[str, str]:
    """(document type code, issuer code) from the symbol of ``number``: "1707/QĐ-UBND" -> ("quyet-dinh", "UBND"),
    "3637/UBND-VX" -> ("cong-van", "UBND-VX"), "80/KH-BCĐBVMT" -> ("ke-hoach", "BCĐBVMT")."""
    try:
        symbol = numbers.parse_number(number).symbol
    except numbers.NumberError:
        return "khac", ""
    head, _, rest = symbol.partition("-")
    code = TYPE_CODES.get(numbers.fold(head).upper())
    if code is None:  # "UBND-VX", "VPUB-…": the issuer comes first in a công văn's symbol
        return "cong-van", symbol
    return code, rest or symbol


def binh_duong(corpus: Path) -> list[Record]:
    records: list[Record] = []
    seen: set[tuple[str, str, str]] = set()
    taken: set[str] = set()
    with (corpus / BINH_DUONG).open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            number = row["so_ky_hieu"].strip()
            triple = (number, row["ngay_ban_hanh"].strip(), row["trich_yeu"].strip())
            issued_on = _date(triple[1])
            if triple in seen or issued_on is None:
                continue
            seen.add(triple)
            key = f"bd:{number.translate(numbers.D_REPAIR)}:{triple[1]}"
            while key in taken:
                key += "#2"
            taken.add(key)
            doc_type, issuer = type_and_issuer(number)
            status = STATUSES.get(row["hieu_luc"].strip(), "in_force")
            records.append(Record(key, number, triple[2], issued_on, status, doc_type, issuer))
    return records


def an_giang(corpus: Path) -> list[Record]:
    records: dict[str, Record] = {}
    for sheet in AN_GIANG_SHEETS:
        with (corpus / AN_GIANG / sheet).open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                title = " ".join(row["B"].split())
                match = _AG_HEAD.match(title)
                if int(row["xlsx_row"]) <= 2 or match is None or numbers.key_or_none(match["number"]) is None:
                    continue
                number = match["number"]
                issued_on = _date(match["date"] or "")
                key = f"ag:{number}" + (f":{issued_on:%d/%m/%Y}" if issued_on else "")
                if key in records:
                    continue
                doc_type, issuer = type_and_issuer(number)
                year = numbers.parse_number(number).year or 2000
                records[key] = Record(
                    key, number, title, issued_on or dt.date(year, 1, 1), "in_force", doc_type, issuer
                )
    return list(records.values())


def load(corpus: Path) -> list[Record]:
    """Every record, Bình Dương first, in file order."""
    return binh_duong(corpus) + an_giang(corpus)


def same_document(records: list[Record]) -> dict[str, list[str]]:
    """key -> the keys of every record with the same number and date (itself included)."""
    groups: dict[str, list[str]] = {}
    for r in records:
        groups.setdefault(r.key.split("#")[0], []).append(r.key)
    return {key: group for group in groups.values() for key in group}


def available(corpus: Path) -> bool:
    return (corpus / BINH_DUONG).is_file() and all((corpus / AN_GIANG / s).is_file() for s in AN_GIANG_SHEETS)


@dataclass(frozen=True)
class RealQuery:
    id: str
    kind: str
    text: str
    relevant: tuple[str, ...]  # record keys


def load_queries(path: Path) -> list[RealQuery]:
    entries = json.loads(path.read_text(encoding="utf-8"))["queries"]
    return [RealQuery(e["id"], e["kind"], e["query"], tuple(e["relevant"])) for e in entries]


def judged_half(query_id: str) -> str:
    """Which half of the judged queries ``query_id`` is in, for training the question re-ranker
    (scripts/train_ranker.py, decision 0021): "train" when the number in the id is odd (rq001 -> 1), "validation"
    when it is even. Fixed before any figure was looked at; never change it."""
    digits = re.sub(r"\D", "", query_id)
    if not digits:
        raise ValueError(f"a judged query id without a number: {query_id!r}")
    return "train" if int(digits) % 2 else "validation"
