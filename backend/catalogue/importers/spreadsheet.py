"""Open an uploaded .xlsx within bounds: its unpacked size, its sheets, rows and columns.

A 50 KB .xlsx can declare 200,000 rows, and a 0.5 MB one can unpack to 148 MB of XML: the file size says
nothing about the work. So the package is inflated once, counting, before openpyxl sees it (the same zip
check as .docx uploads), and openpyxl reads in read-only (streaming) mode, stopping at the row bound, with
each row cut to the column bound. Every refusal is a :class:`SheetRefused` with Vietnamese and English text.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from backend.catalogue.extraction.files import FileRejected, check_zip

# A real interchange workbook or tracking sheet unpacks to a few MB (the An Giang tracker: well under 1 MB).
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_SHEETS = 50
MAX_COLUMNS = 100


class SheetRefused(ValueError):
    def __init__(self, code: str, message_vi: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code = code
        self.message_vi = message_vi
        self.message_en = message_en


def open_workbook(data: bytes) -> Any:
    """A read-only openpyxl workbook of `data`, after the unpacked-size check. Close it when done."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip(archive, kind=".xlsx", max_bytes=MAX_UNZIPPED_BYTES)
    except FileRejected as exc:
        raise SheetRefused(exc.code, exc.message_vi, exc.message_en) from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError) as exc:
        raise SheetRefused(
            "unreadable_xlsx", "Tệp .xlsx bị hỏng hoặc không đọc được.", "The .xlsx file is damaged or unreadable."
        ) from exc
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise SheetRefused(
            "unreadable_xlsx",
            f"Tệp .xlsx bị hỏng hoặc không đọc được: {str(exc)[:200]}",
            f"The .xlsx file is damaged or unreadable: {str(exc)[:200]}",
        ) from exc
    if len(book.worksheets) > MAX_SHEETS:
        book.close()
        raise SheetRefused(
            "too_many_sheets",
            f"Tệp có quá nhiều trang tính (tối đa {MAX_SHEETS}).",
            f"The workbook has too many sheets ({MAX_SHEETS} max).",
        )
    return book


def sheet_rows(sheet: Any, *, max_rows: int) -> Iterator[tuple[Any, ...]]:
    """The rows of `sheet` as value tuples (at most MAX_COLUMNS wide), refusing a sheet past `max_rows` rows
    (empty rows count: a declared million empty rows is work too)."""
    for count, row in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1):
        if count > max_rows:
            raise SheetRefused(
                "too_many_rows",
                f"Trang tính '{sheet.title}' có quá nhiều dòng (tối đa {max_rows:,}).".replace(",", "."),
                f"The sheet '{sheet.title}' has too many rows ({max_rows:,} max).",
            )
        yield tuple(row)
