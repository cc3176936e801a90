"""Generate a provincial decision as .docx and .pdf in the real layout (Decree 30/2020/NĐ-CP), for upload tests.

The .docx puts the header and the signature block in borderless two-column tables, as the provinces' templates
do. The .pdf is written by hand with a Type0 font and a ToUnicode map (so that Vietnamese text extracts the way it
does from Word's "Save as PDF"), with the two header columns on the same baselines, as real PDFs have them.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH


@dataclass
class Decision:
    issuer_lines: tuple[str, ...] = ("ỦY BAN NHÂN DÂN", "TỈNH AN GIANG")
    number: str = "15/2025/QĐ-UBND"
    place: str = "An Giang"
    issued_on: dt.date = dt.date(2025, 6, 10)
    heading: str = "QUYẾT ĐỊNH"
    title_lines: tuple[str, ...] = (
        "Ban hành Quy định quản lý nhà nước về công tác kiểm tra, xử lý",
        "và rà soát văn bản quy phạm pháp luật trên địa bàn tỉnh An Giang",
    )
    authority_line: str = "ỦY BAN NHÂN DÂN TỈNH AN GIANG"
    bases: tuple[str, ...] = (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 19 tháng 02 năm 2025;",
        "Căn cứ Nghị định số 78/2025/NĐ-CP ngày 01 tháng 4 năm 2025 của Chính phủ quy định chi tiết một số điều"
        " và biện pháp để tổ chức, hướng dẫn thi hành Luật Ban hành văn bản quy phạm pháp luật;",
        "Căn cứ Nghị định số 99/2099/NĐ-CP ngày 01 tháng 01 năm 2099 của Chính phủ;",
    )
    proposer: str = "Theo đề nghị của Giám đốc Sở Tư pháp tại Tờ trình số 12/TTr-STP ngày 01 tháng 3 năm 2025."
    enacting: str = "QUYẾT ĐỊNH:"
    articles: tuple[tuple[str, tuple[str, ...]], ...] = (
        (
            "Điều 1. Ban hành kèm theo Quyết định này Quy định quản lý nhà nước về công tác kiểm tra, xử lý và rà"
            " soát văn bản quy phạm pháp luật trên địa bàn tỉnh An Giang.",
            (),
        ),
        (
            "Điều 2. Hiệu lực thi hành",
            (
                "1. Quyết định này có hiệu lực thi hành kể từ ngày 20 tháng 6 năm 2025.",
                "2. Quyết định này thay thế Quyết định số 20/2017/QĐ-UBND ngày 05 tháng 5 năm 2017 của Ủy ban"
                " nhân dân tỉnh An Giang.",
                "3. Bãi bỏ khoản 2 Điều 5 của Quyết định số 07/2019/QĐ-UBND ngày 12 tháng 02 năm 2019 của Ủy ban"
                " nhân dân tỉnh An Giang.",
            ),
        ),
        (
            "Điều 3. Trách nhiệm thi hành",
            (
                "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Tư pháp, Thủ trưởng các sở, ban, ngành tỉnh và"
                " Chủ tịch Ủy ban nhân dân các xã, phường chịu trách nhiệm thi hành Quyết định này./.",
            ),
        ),
    )
    recipients: tuple[str, ...] = ("Nơi nhận:", "- Như Điều 3;", "- Bộ Tư pháp (Cục KTVB&QLXLVPHC);", "- Lưu: VT.")
    capacity: tuple[str, ...] = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    signer: str = "Nguyễn Thanh Bình"
    extra_paragraphs: tuple[str, ...] = field(default=())
    # Real documents (tests/catalogue/corpus.py): a law's "Luật số:", a law without a date line, the lines a
    # consolidated text (VBHN) prints between its title and its bases, the paragraphs after the bases ("Theo đề
    # nghị …", "Bộ trưởng … ban hành …"), and what follows the signature (an attached regulation, annexes).
    number_label: str = "Số"
    has_date_line: bool = True
    lead_in: tuple[str, ...] = ()
    preamble_tail: tuple[str, ...] = ()
    annex: tuple[str, ...] = ()
    # A VBHN has no number or date at the top: they are in the "XÁC THỰC VĂN BẢN HỢP NHẤT" block at its end
    # (issuer and number on the left; the block's title, place and date, capacity and signer on the right).
    consolidated: bool = False

    @property
    def number_line(self) -> str:
        return f"{self.number_label}: {self.number}"

    @property
    def date_line(self) -> str:
        d = self.issued_on
        return f"{self.place}, ngày {d.day:02d} tháng {d.month} năm {d.year}"

    def header_columns(self) -> tuple[list[str], list[str]]:
        if self.consolidated:
            return [], list(NATIONAL)
        left = [*self.issuer_lines, self.number_line]
        right = [*NATIONAL, self.date_line] if self.has_date_line else list(NATIONAL)
        return left, right

    def signature_columns(self) -> tuple[list[str], list[str]]:
        if self.consolidated:
            return [*self.issuer_lines, self.number_line], [
                "XÁC THỰC VĂN BẢN HỢP NHẤT",
                self.date_line,
                *self.capacity,
                self.signer,
            ]
        return list(self.recipients), [*self.capacity, "", self.signer]

    @property
    def title(self) -> str:
        return " ".join(self.title_lines)


NATIONAL = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def decision_docx(decision: Decision) -> bytes:
    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    head_left, head_right = decision.header_columns()
    # The rules under the issuer and the motto sit after their first lines (before "Số:" and the date).
    left.text = "\n".join((*head_left[:-1], "_______", *head_left[-1:])) if head_left else ""
    right.text = "\n".join((*NATIONAL, "_______________________", *head_right[2:]))
    for cell in (left, right):
        for paragraph in cell.paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def centered(text: str, bold: bool = False) -> None:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold

    centered(decision.heading, bold=True)
    for line in decision.title_lines:
        centered(line, bold=True)
    centered("_____________")
    for line in decision.lead_in:
        document.add_paragraph().add_run(line).italic = True
    if decision.authority_line:
        centered(decision.authority_line, bold=True)
    for line in decision.bases:
        document.add_paragraph().add_run(line).italic = True
    if decision.proposer:
        document.add_paragraph().add_run(decision.proposer).italic = True
    for line in decision.preamble_tail:
        document.add_paragraph().add_run(line).italic = True
    if decision.enacting:
        centered(decision.enacting, bold=True)
    for heading, clauses in decision.articles:
        document.add_paragraph().add_run(heading).bold = True
        for clause in clauses:
            document.add_paragraph(clause)
    for line in decision.extra_paragraphs:
        document.add_paragraph(line)
    signature = document.add_table(rows=1, cols=2)
    left, right = signature.rows[0].cells
    sign_left, sign_right = decision.signature_columns()
    left.text = "\n".join(sign_left)
    right.text = "\n".join(sign_right)
    for line in decision.annex:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- PDF --------------------------------------------------------------------------------------------------


def _layout(decision: Decision) -> list[list[tuple[float, str]]]:
    """Rows of (x, text): the header and the signature block have two pieces on one baseline."""
    rows: list[list[tuple[float, str]]] = []

    def two_columns(left: list[str], right: list[str]) -> None:
        for index in range(max(len(left), len(right))):
            row = []
            if index < len(left) and left[index]:
                row.append((60.0, left[index]))
            if index < len(right) and right[index]:
                row.append((300.0, right[index]))
            rows.append(row)

    two_columns(*decision.header_columns())
    rows.append([])
    rows.append([(200.0, decision.heading)])
    for text in decision.title_lines:
        rows.extend([(120.0, piece)] for piece in _wrap(text, 70))
    for text in decision.lead_in:
        rows.extend([(60.0, piece)] for piece in _wrap(text))
    if decision.authority_line:
        rows.append([(120.0, decision.authority_line)])
    for text in (*decision.bases, decision.proposer, *decision.preamble_tail, decision.enacting):
        rows.extend([(60.0, piece)] for piece in _wrap(text))
    for heading, clauses in decision.articles:
        for text in (heading, *clauses):
            rows.extend([(60.0, piece)] for piece in _wrap(text))
    for text in decision.extra_paragraphs:
        rows.extend([(60.0, piece)] for piece in _wrap(text))
    rows.append([])
    two_columns(*decision.signature_columns())
    for text in decision.annex:
        rows.extend([(60.0, piece)] for piece in _wrap(text))
    return rows


def _wrap(text: str, width: int = 90) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return [*lines, current] if current else lines


def decision_pdf(decision: Decision, *, rows: list[list[tuple[float, str]]] | None = None) -> bytes:
    rows = _layout(decision) if rows is None else rows
    chars = sorted({ch for row in rows for _, text in row for ch in text})
    cid = {ch: index + 1 for index, ch in enumerate(chars)}

    pages: list[bytes] = []
    per_page = 48
    for start in range(0, max(len(rows), 1), per_page):
        ops = []
        for offset, row in enumerate(rows[start : start + per_page]):
            y = 800 - 15 * offset
            for x, text in row:
                hexed = "".join(f"{cid[ch]:04X}" for ch in text)
                ops.append(f"BT /F1 11 Tf 1 0 0 1 {x:.0f} {y} Tm <{hexed}> Tj ET")
        pages.append("\n".join(ops).encode("ascii"))

    bfchar = []
    for index in range(0, len(chars), 100):
        chunk = chars[index : index + 100]
        bfchar.append(f"{len(chunk)} beginbfchar")
        bfchar.extend(f"<{cid[ch]:04X}> <{ord(ch):04X}>" for ch in chunk)
        bfchar.append("endbfchar")
    cmap = "\n".join(
        [
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
            "1 begincodespacerange <0000> <FFFF> endcodespacerange",
            *bfchar,
            "endcmap CMapName currentdict /CMap defineresource pop end end",
        ]
    ).encode("ascii")

    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes) -> bytes:
        packed = zlib.compress(data)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"

    catalog = add(b"")  # filled in below, once the page tree's number is known
    to_unicode = add(stream(cmap))
    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /TimesNewRomanPSMT /Flags 34 /FontBBox [-568 -307 2000 1007]"
        b" /ItalicAngle 0 /Ascent 891 /Descent -216 /CapHeight 662 /StemV 82 >>"
    )
    cid_font = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TimesNewRomanPSMT"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        b" /FontDescriptor %d 0 R /DW 500 >>" % descriptor
    )
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /TimesNewRomanPSMT /Encoding /Identity-H"
        b" /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cid_font, to_unicode)
    )
    page_tree = len(objects) + 1 + 2 * len(pages)
    kids = []
    for content in pages:
        content_ref = add(stream(content))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
                b" /Resources << /Font << /F1 %d 0 R >> >> >>" % (page_tree, content_ref, font)
            )
        )
    assert (
        add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
        == page_tree
    )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % page_tree

    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref))
    return out.getvalue()


# --- Real documents -----------------------------------------------------------------------------------------

CORPUS_DIR = Path(
    os.environ.get("HIEULUC_CORPUS_DIR")
    or Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "amendments"
)
_HEADINGS = ("THÔNG TƯ", "NGHỊ ĐỊNH", "LUẬT", "QUYẾT ĐỊNH", "NGHỊ QUYẾT")
_CAPACITY_START = re.compile(r"^(?:TM\.|KT\.|TL\.|TUQ\.|Q\.|BỘ TRƯỞNG$|THỦ TƯỚNG$|CHỦ TỊCH|CHỦ NHIỆM$)")
_DATE_LINE = re.compile(r"^(?P<place>[^,]+), ngày (?P<d>\d{1,2}) tháng (?P<m>\d{1,2}) năm (?P<y>\d{4})$")


def _date_line(line: str) -> tuple[str, dt.date]:
    match = _DATE_LINE.match(line)
    assert match, line
    return match["place"], dt.date(int(match["y"]), int(match["m"]), int(match["d"]))


def corpus_decision(path: Path) -> Decision:
    """A corpus text (one paragraph a line, laid out as SOURCE.md there says) as a :class:`Decision`, so that it
    can be written as a .docx and a .pdf in its real layout. Parsed here with its own simple rules, independent
    of the extractor under test."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n")]
    footnotes: list[str] = []
    if "-----" in lines:  # a VBHN's footnotes, moved to the end by the conversion: printed after the text
        cut = lines.index("-----")
        lines, footnotes = lines[:cut], [line for line in lines[cut + 1 :] if line]
    lines = [line for line in lines if line and line != "[daky]"]  # "[daky]": the e-signature's placeholder
    heading = next(index for index, line in enumerate(lines[:10]) if line in _HEADINGS)
    consolidated = "XÁC THỰC VĂN BẢN HỢP NHẤT" in lines
    issuer_lines: list[str] = []
    number_label, number, place, issued_on, has_date = "Số", "", "", dt.date(1900, 1, 1), False
    for line in lines[:heading]:
        if line in NATIONAL:
            continue
        if re.match(r"^(?:Luật )?[Ss]ố: ", line):
            number_label, number = line.split(": ", 1)
        elif _DATE_LINE.match(line):
            (place, issued_on), has_date = _date_line(line), True
        else:
            issuer_lines.append(line)
    index = heading + 1
    title = lines[index]
    index += 1
    lead_in: list[str] = []
    while not lines[index].startswith("Căn cứ") and not lines[index].isupper():
        lead_in.append(lines[index])
        index += 1
    authority = ""
    if lines[index].isupper():
        authority = lines[index]
        index += 1
    bases: list[str] = []
    while lines[index].startswith("Căn cứ"):
        bases.append(lines[index])
        index += 1
    tail: list[str] = []
    while not re.match(r"^(?:Điều 1\b|Chương I$|Chương 1$|Phần)", lines[index]):
        tail.append(lines[index])
        index += 1
    body_start = index
    capacity: list[str] = []
    if consolidated:
        block = lines.index("XÁC THỰC VĂN BẢN HỢP NHẤT")
        while lines[block - 1].isupper() or lines[block - 1].startswith("Số: "):
            block -= 1
        body, rest = lines[body_start:block], lines[block:]
        issuer_lines = []
        for offset, line in enumerate(rest):
            if line == "XÁC THỰC VĂN BẢN HỢP NHẤT":
                continue
            if line.startswith("Số: "):
                number = line.split(": ", 1)[1]
            elif _DATE_LINE.match(line):
                place, issued_on = _date_line(line)
            elif line.isupper() and not number:
                issuer_lines.append(line)
            elif line.isupper():
                capacity.append(line)
            else:
                signer, annex = line, rest[offset + 1 :]
                break
    else:
        start = next(i for i in range(body_start, len(lines)) if _CAPACITY_START.match(lines[i]))
        end = start
        while lines[end].isupper():
            end += 1
        body, capacity, signer, annex = lines[body_start:start], lines[start:end], lines[end], lines[end + 1 :]
    return Decision(
        issuer_lines=tuple(issuer_lines),
        number=number,
        number_label=number_label,
        place=place,
        issued_on=issued_on,
        has_date_line=has_date,
        heading=lines[heading],
        title_lines=(title,),
        lead_in=tuple(lead_in),
        authority_line=authority,
        bases=tuple(bases),
        proposer="",
        preamble_tail=tuple(tail),
        enacting="",
        articles=(),
        extra_paragraphs=tuple(body),
        # Công báo does not print "Nơi nhận"; the officers' files have it, so the usual lines are added.
        recipients=() if consolidated else ("Nơi nhận:", "- Như Điều cuối;", "- Lưu: VT, PC."),
        capacity=tuple(capacity),
        signer=signer,
        annex=tuple([*annex, *footnotes]),
        consolidated=consolidated,
    )
