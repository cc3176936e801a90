"""Read the interchange format from JSON, CSV or XLSX into plain rows, each tagged with where it came from.

JSON: {"authorities": [...], "documents": [...], "relations": [...]}.
CSV: one table per file; its header says which (relations have source/target, authorities have level).
XLSX: one sheet per table, named authorities / documents / relations (or recognised by header like CSV).
In CSV and XLSX, list cells (fields, provisions) are separated by ";", and a relation's end may be given
as `target` plus `target_issuer` (likewise `source_issuer`) when the number alone is ambiguous.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from backend.catalogue.importers import spreadsheet
from backend.catalogue.importers.columns import GUIDE_SHEETS, TABLE_NAMES

TABLES = ("authorities", "documents", "relations")
# Rows in one file, all tables together: a province's whole catalogue is a few thousand documents. The import runs
# in the worker, but a bound keeps one file from holding it for minutes (200,000 rows took 301 s).
MAX_ROWS = 20_000
LIST_COLUMNS = {"fields", "provisions"}


@dataclass
class Row:
    table: str
    where: str  # for programs: "documents[3]", "a.csv dòng/row 4"
    data: dict[str, Any]
    where_vi: str | None = None  # for people: "Văn bản thứ 4", "a.csv, dòng 4"
    where_en: str | None = None


@dataclass
class Bundle:
    rows: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in TABLES})

    def add(
        self, table: str, where: str, data: dict[str, Any], where_vi: str | None = None, where_en: str | None = None
    ) -> None:
        self.rows[table].append(Row(table, where, data, where_vi, where_en))

    def count(self) -> int:
        return sum(len(v) for v in self.rows.values())


class ReadError(ValueError):
    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_vi = message_vi
        self.message_en = message_en


def _table_for_header(header: list[str]) -> str:
    names = {h.strip().lower() for h in header if h}
    if {"source", "target", "kind"} <= names:
        return "relations"
    if {"code", "level"} <= names:
        return "authorities"
    if {"number", "issuer"} <= names:
        return "documents"
    raise ReadError(
        f"Không nhận ra bảng từ dòng tiêu đề: {', '.join(sorted(names))}",
        f"Cannot tell which table this header belongs to: {', '.join(sorted(names))}",
    )


def _clean_cell(column: str, value: Any) -> Any:
    if value is None:
        return None
    if hasattr(value, "isoformat") and not isinstance(value, str):  # openpyxl dates
        return value.date().isoformat() if hasattr(value, "date") else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if column in LIST_COLUMNS:
        text = str(value).strip()
        return [part.strip() for part in text.split(";") if part.strip()] if text else []
    if isinstance(value, str):
        value = value.strip()
        if column in ("published", "normative"):
            lowered = value.lower()
            if lowered in ("", "none"):
                return None
            return lowered in ("1", "true", "yes", "có", "x")
        return value or None
    return value


def _rows_from_table(bundle: Bundle, header: list[Any], body: list[list[Any]], label: str) -> None:
    columns = [str(h).strip() if h is not None else "" for h in header]
    table = _table_for_header(columns)
    for offset, values in enumerate(body, start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        record = {col: _clean_cell(col, values[i] if i < len(values) else None) for i, col in enumerate(columns) if col}
        for end in ("source", "target"):
            issuer = record.pop(f"{end}_issuer", None)
            if table == "relations" and issuer:
                record[end] = {"number": record.get(end), "issuer": issuer}
        bundle.add(table, f"{label} dòng/row {offset}", record, f"{label}, dòng {offset}", f"{label}, row {offset}")


def read_json(data: bytes, name: str) -> Bundle:
    try:
        payload = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReadError(f"Tệp JSON không hợp lệ: {exc}", f"Invalid JSON file: {exc}") from exc
    if not isinstance(payload, dict) or not any(k in payload for k in TABLES):
        raise ReadError(
            "Tệp JSON cần các khóa authorities, documents, relations.",
            "The JSON file needs the keys authorities, documents, relations.",
        )
    bundle = Bundle()
    for table in TABLES:
        items = payload.get(table, [])
        if not isinstance(items, list):
            raise ReadError(f"'{table}' phải là một danh sách.", f"'{table}' must be a list.")
        for index, item in enumerate(items):
            _, _, row_vi, row_en = TABLE_NAMES[table]
            row = item if isinstance(item, dict) else {"_invalid": item}
            bundle.add(table, f"{table}[{index}]", row, f"{row_vi} thứ {index + 1}", f"{row_en} no. {index + 1}")
    _check_count(bundle)
    return bundle


def read_csv(data: bytes, name: str) -> Bundle:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError("Tệp CSV phải mã hóa UTF-8.", "The CSV file must be UTF-8 encoded.") from exc
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise ReadError("Tệp CSV trống.", "The CSV file is empty.")
    bundle = Bundle()
    if len(rows) > MAX_ROWS + 1:
        raise _too_many_rows()
    _rows_from_table(bundle, rows[0], rows[1:], name)  # type: ignore[arg-type]
    return bundle


def read_xlsx(data: bytes, name: str) -> Bundle:
    try:
        workbook = spreadsheet.open_workbook(data)
    except spreadsheet.SheetRefused as exc:
        raise ReadError(exc.message_vi, exc.message_en) from exc
    bundle = Bundle()
    try:
        for sheet in workbook.worksheets:
            if sheet.title.strip().lower() in GUIDE_SHEETS:  # the template's column guide: not data
                continue
            rows = [list(r) for r in spreadsheet.sheet_rows(sheet, max_rows=MAX_ROWS + 1)]
            if not rows or all(v is None for v in rows[0]):
                continue
            _rows_from_table(bundle, rows[0], rows[1:], f"{name}:{sheet.title}")
            _check_count(bundle)
    except spreadsheet.SheetRefused as exc:
        raise (_too_many_rows() if exc.code == "too_many_rows" else ReadError(exc.message_vi, exc.message_en)) from exc
    finally:
        workbook.close()
    return bundle


def _too_many_rows() -> ReadError:
    return ReadError(
        f"Tệp có quá nhiều dòng (tối đa {MAX_ROWS:,}); hãy chia thành nhiều tệp.".replace(",", "."),
        f"The file has too many rows ({MAX_ROWS:,} max); split it into several files.",
    )


def _check_count(bundle: Bundle) -> None:
    if bundle.count() > MAX_ROWS:
        raise _too_many_rows()


READERS = {".json": read_json, ".csv": read_csv, ".xlsx": read_xlsx}


def read_file(data: bytes, name: str) -> Bundle:
    suffix = Path(name).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise ReadError(
            f"Định dạng '{suffix or name}' không được hỗ trợ; dùng .json, .csv hoặc .xlsx.",
            f"Format '{suffix or name}' is not supported; use .json, .csv or .xlsx.",
        )
    return reader(data, name)


def merge(bundles: list[Bundle]) -> Bundle:
    merged = Bundle()
    for bundle in bundles:
        for table in TABLES:
            merged.rows[table].extend(bundle.rows[table])
    return merged
