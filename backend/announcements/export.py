"""The yearly list as a .docx in the official layout (a decision with its annex tables) and as an .xlsx.

Layout of the decision: the issuing body and number on the left and the national heading on the right; the title;
the bases (căn cứ); "QUYẾT ĐỊNH:" and its articles; then the annex with two tables, documents that expired or were
suspended **in whole** and **in part**, each grouped by issuer and type (I. Nghị quyết của Hội đồng nhân dân tỉnh,
II. Quyết định của Ủy ban nhân dân tỉnh, …), with the columns STT | Tên loại văn bản | Số, ký hiệu; ngày, tháng,
năm ban hành | Tên gọi | Lý do hết hiệu lực, ngưng hiệu lực | Ngày hết hiệu lực, ngưng hiệu lực.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from backend.announcements.models import Announcement, AnnouncementRow
from backend.announcements.wording import row_reason
from backend.core.spreadsheet import append_row
from backend.core.text import export_safe

COLUMNS = (
    "STT",
    "Tên loại văn bản",
    "Số, ký hiệu; ngày, tháng, năm ban hành",
    "Tên gọi của văn bản",
    "Lý do hết hiệu lực, ngưng hiệu lực",
    "Ngày hết hiệu lực, ngưng hiệu lực",
)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def cells(row: AnnouncementRow) -> tuple[str, str, str, str, str]:
    """(type, number and date, title, reason, date) of a row, as the tables show them."""
    doc = row.document
    return (
        export_safe(doc.doc_type.name),
        export_safe(f"{doc.number} ngày {doc.issued_on:%d/%m/%Y}"),
        export_safe(doc.title),
        export_safe(row_reason(row)),
        f"{row.since:%d/%m/%Y}" if row.since else "",
    )


def groups(rows: Iterable[AnnouncementRow]) -> list[tuple[str, list[AnnouncementRow]]]:
    """Rows by issuer and type, resolutions first: [(group title, rows)]."""
    grouped: dict[tuple[int, str, str], list[AnnouncementRow]] = {}
    for row in rows:
        doc = row.document
        order = 0 if doc.doc_type.name.lower().startswith("nghị quyết") else 1
        grouped.setdefault((order, doc.doc_type.name, doc.issuer.name), []).append(row)
    return [(export_safe(f"{name} của {issuer}"), items) for (_o, name, issuer), items in sorted(grouped.items())]


def listed_rows(announcement: Announcement, scope: str) -> list[AnnouncementRow]:
    return list(
        announcement.rows.filter(scope=scope, removed=False)
        .select_related("document__doc_type", "document__issuer")
        .order_by("document__issuer__code", "since", "document__number", "id")
    )


def _issuer_heading(announcement: Announcement) -> str:
    names = [a.name for a in announcement.issuers.all()]
    ubnd = next((n for n in names if n.lower().startswith("ủy ban")), None)
    return export_safe((ubnd or "ỦY BAN NHÂN DÂN TỈNH").upper())


def to_docx(announcement: Announcement) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    year = announcement.year
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"  # type: ignore[attr-defined]
    style.font.size = Pt(13)  # type: ignore[attr-defined]

    heading = document.add_table(rows=2, cols=2)
    heading.cell(0, 0).text = _issuer_heading(announcement)
    heading.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    heading.cell(1, 0).text = "Số:      /QĐ-UBND"
    day = announcement.published_on
    heading.cell(1, 1).text = (
        f"ngày {day:%d} tháng {day:%m} năm {day:%Y}" if day else f"ngày      tháng      năm {year + 1}"
    )
    for paragraph_text in ("QUYẾT ĐỊNH",):
        p = document.add_paragraph(paragraph_text)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.runs[0].bold = True
    title = document.add_paragraph(
        f"Công bố Danh mục văn bản quy phạm pháp luật hết hiệu lực, ngưng hiệu lực toàn bộ hoặc một phần năm {year}"
    )
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for basis in (
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật;",
        "Căn cứ Nghị định số 79/2025/NĐ-CP của Chính phủ về kiểm tra, rà soát, hệ thống hóa và xử lý văn bản "
        "quy phạm pháp luật;",
        "Theo đề nghị của Giám đốc Sở Tư pháp.",
    ):
        document.add_paragraph(basis)
    decide = document.add_paragraph("QUYẾT ĐỊNH:")
    decide.alignment = WD_ALIGN_PARAGRAPH.CENTER
    decide.runs[0].bold = True
    document.add_paragraph(
        f"Điều 1. Công bố kèm theo Quyết định này Danh mục văn bản quy phạm pháp luật hết hiệu lực, ngưng hiệu lực "
        f"toàn bộ hoặc một phần năm {year}, gồm: Danh mục văn bản hết hiệu lực, ngưng hiệu lực toàn bộ (Phụ lục I) "
        f"và Danh mục văn bản hết hiệu lực, ngưng hiệu lực một phần (Phụ lục II)."
    )
    document.add_paragraph("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.")
    document.add_paragraph(
        "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Tư pháp và các cơ quan, tổ chức, cá nhân có liên "
        "quan chịu trách nhiệm thi hành Quyết định này."
    )
    for annex, scope, label in (
        ("PHỤ LỤC I", AnnouncementRow.Scope.WHOLE, "TOÀN BỘ"),
        ("PHỤ LỤC II", AnnouncementRow.Scope.PARTIAL, "MỘT PHẦN"),
    ):
        document.add_page_break()
        p = document.add_paragraph(annex)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.runs[0].bold = True
        caption = document.add_paragraph(
            f"DANH MỤC VĂN BẢN QUY PHẠM PHÁP LUẬT HẾT HIỆU LỰC, NGƯNG HIỆU LỰC {label} NĂM {year}"
        )
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        table = document.add_table(rows=1, cols=len(COLUMNS))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, COLUMNS, strict=True):
            cell.text = text
        for g, (group_title, rows) in enumerate(groups(listed_rows(announcement, scope))):
            header = table.add_row().cells
            merged = header[0].merge(header[-1])
            merged.text = f"{ROMAN[g] if g < len(ROMAN) else g + 1}. {group_title.upper()}"
            for n, row in enumerate(rows, start=1):
                out = table.add_row().cells
                out[0].text = str(n)
                for cell, text in zip(out[1:], cells(row), strict=True):
                    cell.text = text
        if len(table.rows) == 1:
            document.add_paragraph("(Không có văn bản.)")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_xlsx(announcement: Announcement) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, scope in (("Toàn bộ", AnnouncementRow.Scope.WHOLE), ("Một phần", AnnouncementRow.Scope.PARTIAL)):
        sheet = book.create_sheet(title)
        append_row(sheet, [f"Danh mục văn bản hết hiệu lực, ngưng hiệu lực {title.lower()} năm {announcement.year}"])
        append_row(sheet, list(COLUMNS))
        for group_title, rows in groups(listed_rows(announcement, scope)):
            append_row(sheet, [group_title])
            for n, row in enumerate(rows, start=1):
                append_row(sheet, [n, *cells(row)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def data_rows(table: Any) -> list[list[str]]:
    """The document rows of an annex table read back with python-docx (group rows and the header left out)."""
    out = []
    for row in table.rows[1:]:
        texts = [c.text for c in row.cells]
        if texts[0].isdigit():
            out.append(texts)
    return out
