"""The import template: the interchange columns (importers/columns.py) as an empty .xlsx or .csv, with the column
guide (label, key, required, format, example). A filled-in template imports as it is: the guide sheet is skipped."""

from __future__ import annotations

import csv
import io

from backend.catalogue.importers.columns import COLUMNS, guide
from backend.core.spreadsheet import append_row

_GUIDE_HEAD = {
    "vi": ["Bảng", "Cột", "Khóa cột (dòng tiêu đề)", "Bắt buộc", "Định dạng", "Ví dụ"],
    "en": ["Table", "Column", "Column key (header row)", "Required", "Format", "Example"],
}
_YES = {"vi": ("có", "không"), "en": ("yes", "no")}


def _lang(lang: str) -> str:
    return "en" if lang.startswith("en") else "vi"


def guide_rows(lang: str) -> list[list[str]]:
    yes, no = _YES[_lang(lang)]
    return [
        [
            str(item["table_label"]),
            str(item["label"]),
            str(item["key"]),
            yes if item["required"] else no,
            str(item["format"]),
            str(item["example"]),
        ]
        for item in guide(lang)
    ]


def to_xlsx(lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    lang = _lang(lang)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Guide" if lang == "en" else "Hướng dẫn"
    append_row(sheet, _GUIDE_HEAD[lang])
    for row in guide_rows(lang):
        append_row(sheet, row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEF", (26, 40, 24, 10, 60, 34), strict=True):
        sheet.column_dimensions[letter].width = width
    yes, no = _YES[lang]
    for table, columns in COLUMNS.items():
        data = workbook.create_sheet(table)  # the importer recognises each table by its sheet's header row
        data.append([column.key for column in columns])
        for cell, column in zip(data[1], columns, strict=True):
            cell.font = Font(bold=True)
            required = yes if column.required else no
            fmt = column.format_en if lang == "en" else column.format_vi
            cell.comment = Comment(f"{column.label(lang)} ({required}): {fmt}", "Hiệu Lực")
            data.column_dimensions[cell.column_letter].width = max(14, len(column.key) + 4)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_csv(table: str) -> bytes:
    """An empty table: its header row of column keys, as the importer reads it."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow([column.key for column in COLUMNS[table]])
    return buffer.getvalue().encode("utf-8")


def guide_csv(lang: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_GUIDE_HEAD[_lang(lang)])
    writer.writerows(guide_rows(lang))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # a BOM, so Excel opens the Vietnamese text as UTF-8
