"""The interchange columns, defined once: key, labels (vi/en), required or not, format and an example.

The exporter writes these columns, the importer names a bad cell by its label (never its raw key), and the
template and its column guide (GET /imports/template/) are built from this list, so none can drift from another.
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.catalogue.validity import RelationKind


@dataclass(frozen=True)
class Column:
    key: str
    label_vi: str
    label_en: str
    required: bool
    format_vi: str
    format_en: str
    example: str

    def label(self, lang: str) -> str:
        return self.label_en if lang.startswith("en") else self.label_vi


_DATE_VI = "Ngày: năm-tháng-ngày (2026-03-15) hoặc ngày/tháng/năm (15/03/2026)"
_DATE_EN = "Date: year-month-day (2026-03-15) or day/month/year (15/03/2026)"
_KINDS = ", ".join(kind.value for kind in RelationKind)
_YES_NO_VI = "có/không (true/false, 1/0); bỏ trống: có"
_YES_NO_EN = "yes/no (true/false, 1/0); empty: yes"


def _col(key: str, vi: str, en: str, required: bool, fmt_vi: str, fmt_en: str, example: str) -> Column:
    return Column(key, vi, en, required, fmt_vi, fmt_en, example)


# Table name -> its (Vietnamese, English) name and one row's name.
TABLE_NAMES = {
    "authorities": ("Cơ quan ban hành", "Issuing bodies", "Cơ quan", "Authority"),
    "documents": ("Văn bản", "Documents", "Văn bản", "Document"),
    "relations": ("Quan hệ giữa các văn bản", "Relations between documents", "Quan hệ", "Relation"),
}

COLUMNS: dict[str, tuple[Column, ...]] = {
    "authorities": (
        _col(
            "code",
            "Mã cơ quan",
            "Authority code",
            True,
            "Chữ không dấu, không khoảng trắng",
            "Letters, digits, -",
            "UBND-AG",
        ),
        _col("name", "Tên cơ quan", "Authority name", True, "Chữ", "Text", "Ủy ban nhân dân tỉnh An Giang"),
        _col(
            "level",
            "Cấp",
            "Level",
            True,
            "central (trung ương), province (tỉnh) hoặc commune (xã)",
            "central, province or commune",
            "province",
        ),
        _col("succeeded_by", "Cơ quan kế thừa (mã)", "Succeeded by (code)", False, "Mã cơ quan", "Authority code", ""),
        _col("succeeded_on", "Ngày kế thừa", "Succeeded on", False, _DATE_VI, _DATE_EN, "2025-07-01"),
    ),
    "documents": (
        _col("number", "Số ký hiệu", "Number", True, "Số/năm/loại-cơ quan", "Number/year/type-body", "15/2017/QĐ-UBND"),
        _col("type", "Loại văn bản", "Document type", True, "Tên loại văn bản", "Type name", "Quyết định"),
        _col("issuer", "Cơ quan ban hành (mã)", "Issuing body (code)", True, "Mã cơ quan", "Authority code", "UBND-AG"),
        _col("title", "Trích yếu", "Title", True, "Chữ", "Text", "Ban hành Quy định về quản lý chợ"),
        _col("signer", "Người ký", "Signer", False, "Chữ", "Text", "Nguyễn Văn A"),
        _col("issued_on", "Ngày ban hành", "Issued on", True, _DATE_VI, _DATE_EN, "2017-05-02"),
        _col("effective_from", "Ngày có hiệu lực", "Effective from", False, _DATE_VI, _DATE_EN, "2017-05-12"),
        _col("effective_until", "Ngày hết hiệu lực", "Effective until", False, _DATE_VI, _DATE_EN, ""),
        _col(
            "fields",
            "Lĩnh vực",
            "Fields",
            False,
            "Tên lĩnh vực, cách nhau bởi dấu ;",
            "Field names separated by ;",
            "Thương mại; Xây dựng",
        ),
        _col(
            "responsible",
            "Cơ quan chủ trì soạn thảo",
            "Responsible organisation",
            False,
            "Mã hoặc tên cơ quan, đơn vị (không phân biệt dấu); bỏ trống: không có; không có cột: giữ nguyên",
            "Organisation code or name (diacritics optional); empty: none; no such column: unchanged",
            "stc-ag",
        ),
        _col("text", "Toàn văn", "Full text", False, "Chữ", "Text", "Điều 1. Phạm vi điều chỉnh …"),
        _col("published", "Đã ban hành", "Issued", False, _YES_NO_VI, _YES_NO_EN, "true"),
        _col("normative", "Là văn bản QPPL", "Normative", False, _YES_NO_VI, _YES_NO_EN, "true"),
    ),
    "relations": (
        _col(
            "source",
            "Văn bản tác động (số ký hiệu)",
            "Acting document (number)",
            True,
            "Số ký hiệu",
            "Number",
            "03/2026/QĐ-UBND",
        ),
        _col(
            "source_issuer",
            "Cơ quan ban hành văn bản tác động (mã)",
            "Acting document's issuer (code)",
            False,
            "Mã cơ quan; cần khi số ký hiệu trùng giữa các cơ quan",
            "Authority code; needed when the number exists under several bodies",
            "UBND-AG",
        ),
        _col(
            "target",
            "Văn bản bị tác động (số ký hiệu)",
            "Affected document (number)",
            True,
            "Số ký hiệu",
            "Number",
            "15/2017/QĐ-UBND",
        ),
        _col(
            "target_issuer",
            "Cơ quan ban hành văn bản bị tác động (mã)",
            "Affected document's issuer (code)",
            False,
            "Mã cơ quan; cần khi số ký hiệu trùng giữa các cơ quan",
            "Authority code; needed when the number exists under several bodies",
            "UBND-AG",
        ),
        _col(
            "kind",
            "Loại quan hệ",
            "Relation kind",
            True,
            _KINDS,
            _KINDS,
            "replaces",
        ),
        _col(
            "effective_on", "Ngày có hiệu lực của tác động", "Takes effect on", True, _DATE_VI, _DATE_EN, "2026-02-01"
        ),
        _col("ends_on", "Ngày kết thúc (ngưng hiệu lực)", "Ends on (suspension)", False, _DATE_VI, _DATE_EN, ""),
        _col(
            "provisions",
            "Điều, khoản bị tác động",
            "Provisions affected",
            False,
            "Cách nhau bởi dấu ;",
            "Separated by ;",
            "Điều 5; Khoản 2 Điều 7",
        ),
        _col("note", "Ghi chú", "Note", False, "Chữ", "Text", ""),
    ),
}

KEYS: dict[str, list[str]] = {table: [c.key for c in columns] for table, columns in COLUMNS.items()}
BY_KEY: dict[str, Column] = {c.key: c for columns in COLUMNS.values() for c in columns}


def label(key: str | None, lang: str = "vi") -> str | None:
    """The label of a column key (None for a key that is no column)."""
    column = BY_KEY.get(key or "")
    return column.label(lang) if column else None


def quoted(key: str) -> tuple[str, str]:
    """A column as messages name it: its label in quotes, in Vietnamese and English."""
    column = BY_KEY[key]
    return f"“{column.label_vi}”", f"“{column.label_en}”"


# Sheets of a workbook that are the template's column guide, not data: the importer skips them.
GUIDE_SHEETS = {"hướng dẫn", "huong dan", "guide"}


def guide(lang: str = "vi") -> list[dict[str, str | bool]]:
    """The column guide: one entry per column of each table, in `lang`."""
    english = lang.startswith("en")
    return [
        {
            "table": table,
            "table_label": TABLE_NAMES[table][1 if english else 0],
            "label": column.label(lang),
            "key": column.key,
            "required": column.required,
            "format": column.format_en if english else column.format_vi,
            "example": column.example,
        }
        for table, table_columns in COLUMNS.items()
        for column in table_columns
    ]
