"""Table cells of a .docx are read once each, every time (issue #12, section 1).

The usual decision header is a two-column table ("ỦY BAN NHÂN DÂN / TỈNH AN GIANG" | "CỘNG HÒA …", then
"Số: 12/2026/QĐ-UBND" | "An Giang, ngày …"). Cells were skipped at random by a set of id()s of lxml proxies, which
Python reuses once a proxy is freed: the number was missing in 5 of 5 real uploads.
"""

from __future__ import annotations

import gc
import io

import docx

from backend.catalogue.extraction.fields import extract_fields
from backend.catalogue.extraction.files import read_upload


def _decision_with_tables() -> bytes:
    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 12/2026/QĐ-UBND"
    header.cell(1, 1).text = "An Giang, ngày 05 tháng 3 năm 2026"
    document.add_paragraph("QUYẾT ĐỊNH")
    document.add_paragraph("Ban hành Quy định về quản lý chợ trên địa bàn tỉnh An Giang")
    merged = document.add_table(rows=3, cols=3)
    merged.cell(0, 0).merge(merged.cell(0, 2)).text = "Ô gộp ba cột"
    merged.cell(1, 0).merge(merged.cell(2, 0)).text = "Ô gộp hai dòng"
    for row in (1, 2):
        for col in (1, 2):
            merged.cell(row, col).text = f"ô {row}-{col}"
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "Nơi nhận:"
    inner = outer.cell(0, 1).add_table(rows=2, cols=1)
    inner.cell(0, 0).text = "TM. ỦY BAN NHÂN DÂN"
    inner.cell(1, 0).text = "CHỦ TỊCH"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_every_cell_is_read_once_every_time() -> None:
    data = _decision_with_tables()
    first = read_upload(data).lines
    for round_ in range(60):
        if round_ % 10 == 0:
            gc.collect()  # free proxies, so that their ids are reused as in a long-lived worker
        assert read_upload(data).lines == first
    text = "\n".join(first)
    for cell in ("Số: 12/2026/QĐ-UBND", "An Giang, ngày 05 tháng 3 năm 2026", "TỈNH AN GIANG", "CHỦ TỊCH"):
        assert cell in text
    assert first.count("Ô gộp ba cột") == 1 and first.count("Ô gộp hai dòng") == 1  # merged cells once
    for row in (1, 2):
        for col in (1, 2):
            assert first.count(f"ô {row}-{col}") == 1


def test_the_number_in_a_header_table_is_found() -> None:
    fields = extract_fields(read_upload(_decision_with_tables()).lines, wrapped=False)
    assert fields.number == "12/2026/QĐ-UBND"
