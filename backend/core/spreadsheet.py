"""Writing rows to the .xlsx files the product exports (lists, reports, the catalogue)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import TYPE_FORMULA, TYPE_STRING
from openpyxl.worksheet.worksheet import Worksheet


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """Append one row of data. openpyxl makes any text that begins with "=" a formula: a title or a note typed as
    "=HYPERLINK(…)" would run in the spreadsheet of whoever opens the export. Every cell we write is data, so such
    a text stays text."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if cell.data_type == TYPE_FORMULA:
            cell.data_type = TYPE_STRING
