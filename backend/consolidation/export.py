"""The text on a date as a .docx in the layout of a văn bản hợp nhất (VBHN): the document's heading, the line
saying which text this is and the amending documents it takes in, the provisions (Chương/Mục centred and bold,
"Điều n. Tên" bold, clauses and points as paragraphs, "Điều 9. (được bãi bỏ)"), and a real Word footnote at each
changed unit citing the amending document, where its instruction sits and the date it applies, worded as the
published VBHNs word them (decision 0019).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from backend.catalogue.models import Document
from backend.consolidation.models import Operation
from backend.core.docx_footnotes import Footnotes
from backend.core.text import export_safe
from legal.operations import WORD_KINDS
from legal.provisions import ProvisionError, parse_eid

_CENTRED = frozenset({"part", "chapter", "section", "regulation"})
_OPAQUE = frozenset({"annex", "form"})
# What a footnote calls the unit it sits on ("Khoản này được …"); annexes and forms are named by their label.
_UNIT_VI = {"part": "Phần", "chapter": "Chương", "section": "Mục", "article": "Điều", "clause": "Khoản",
            "point": "Điểm", "regulation": "Quy định"}  # fmt: skip
_UNIT_EN = {"part": "part", "chapter": "chapter", "section": "section", "article": "article", "clause": "clause",
            "point": "point", "regulation": "regulation"}  # fmt: skip
_LABEL_EN = (("Điểm", "point"), ("Khoản", "clause"), ("Điều", "Article"), ("Chương", "Chapter"),
             ("Mục", "Section"), ("Phần", "Part"))  # fmt: skip
_REPEALED = {"vi": "(được bãi bỏ)", "en": "(repealed)"}
_SUSPENDED = {"vi": "(bị ngưng hiệu lực)", "en": "(suspended)"}


def long_date(day: dt.date, lang: str = "vi") -> str:
    """ "ngày 01 tháng 7 năm 2025" as VBHNs print it (day in two digits, months 1 and 2 as 01 and 02); English
    "01/07/2025"."""
    if lang == "en":
        return f"{day:%d/%m/%Y}"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day:%d} tháng {month} năm {day.year}"


def _where(source_eid: str, lang: str) -> str:
    """Where the instruction sits in the amending document, as a footnote cites it: "khoản 1 Điều 1"."""
    try:
        _root, label = parse_eid(source_eid)
    except ProvisionError:
        return ""
    if lang == "en":
        for vi, en in _LABEL_EN:
            label = label.replace(vi, en)
        return label
    return label.replace("Điểm", "điểm").replace("Khoản", "khoản")


def cited_document(source: Mapping[str, Any], *, dated: bool = False, lang: str = "vi") -> str:
    """ "Quyết định số 15/2025/QĐ-UBND sửa đổi, bổ sung …": type, number (with `dated`, its date of issue as a VBHN
    lists it: "… số 15/2025/QĐ-UBND ngày 10 tháng 7 năm 2025 …") and title, its first letter lowered as it follows
    the number in a sentence."""
    title = str(source.get("title") or "").strip()
    title = title[:1].lower() + title[1:] if title[:2] != title[:2].upper() else title
    cited = f"{source.get('type', '')} số {source.get('number', '')}"
    if dated and source.get("issued_on"):
        issued = dt.date.fromisoformat(str(source["issued_on"]))
        cited += f" of {long_date(issued, 'en')}" if lang == "en" else f" {long_date(issued)}"
    return " ".join(part for part in (cited, title) if part)


@dataclass(frozen=True, slots=True)
class Words:
    old: str
    new: str


def _unit_name(node: Mapping[str, Any], lang: str) -> str:
    kind = str(node.get("kind") or "")
    if kind in _OPAQUE:
        return str(node.get("label") or "")
    if lang == "en":
        return f"This {_UNIT_EN.get(kind, 'provision')}"
    return f"{_UNIT_VI.get(kind, 'Nội dung')} này"


def _what_vi(note: Mapping[str, Any], node: Mapping[str, Any], words: Words | None) -> str:
    unit, kind = _unit_name(node, "vi"), note.get("kind")
    if kind == "substitute_words" and words:
        return f"Cụm từ “{words.old}” được thay thế bằng cụm từ “{words.new}”"
    if kind == "delete_words" and words:
        return f"Cụm từ “{words.old}” được bãi bỏ"
    verbs = {"replace": "được sửa đổi, bổ sung", "rename": "được sửa đổi, bổ sung", "insert_after": "được bổ sung",
             "insert_before": "được bổ sung", "repeal": "được bãi bỏ", "repeal_document": "được bãi bỏ",
             "replace_annex": "được thay thế", "suspend": "bị ngưng hiệu lực", "substitute_words": "được sửa đổi",
             "delete_words": "được sửa đổi"}  # fmt: skip
    # "Tên Điều này", as VBHNs print it: Điều, Chương, Mục and Phần keep their capital in a sentence.
    lowered = unit.startswith(("Khoản", "Điểm", "Quy định", "Nội dung"))
    subject = f"Tên {unit[:1].lower() + unit[1:] if lowered else unit}" if kind == "rename" else unit
    return f"{subject} {verbs.get(str(kind), 'được sửa đổi')}"


def _what_en(note: Mapping[str, Any], node: Mapping[str, Any], words: Words | None) -> str:
    unit, kind = _unit_name(node, "en"), note.get("kind")
    if kind == "substitute_words" and words:
        return f"The words “{words.old}” were replaced by “{words.new}”"
    if kind == "delete_words" and words:
        return f"The words “{words.old}” were deleted"
    verbs = {"replace": "was amended", "rename": "was renamed", "insert_after": "was added",
             "insert_before": "was added", "repeal": "was repealed", "repeal_document": "was repealed",
             "replace_annex": "was replaced", "suspend": "was suspended"}  # fmt: skip
    return f"{unit} {verbs.get(str(kind), 'was amended')}"


def footnote_text(
    note: Mapping[str, Any],
    node: Mapping[str, Any],
    sources: Mapping[str, Mapping[str, Any]],
    words: Words | None = None,
    lang: str = "vi",
) -> str:
    """One footnote of a VBHN: "Khoản này được sửa đổi, bổ sung theo quy định tại khoản 1 Điều 1 của Quyết định
    số 15/2025/QĐ-UBND …, có hiệu lực kể từ ngày 20 tháng 7 năm 2025." (English with lang="en")."""
    source = sources.get(str(note.get("source")), {})
    if note.get("kind") == "correct_words":
        return _correction_text(note, node, source, words, lang)
    cited = cited_document(source) if source else ""
    where = _where(str(note.get("source_eid") or ""), lang)
    applies = dt.date.fromisoformat(str(note["applies_on"]))
    ends = dt.date.fromisoformat(str(note["ends_on"])) if note.get("ends_on") else None
    mended = _corrected_by(note, sources, lang)
    if lang == "en":
        by = f"by {where} of {cited}" if where else f"by {cited}"
        until = f" until {long_date(ends, 'en')}" if ends else ""
        return f"{_what_en(note, node, words)} {by}{mended}, effective from {long_date(applies, 'en')}{until}."
    by = f"theo quy định tại {where} của {cited}" if where else f"theo quy định của {cited}"
    until = f" đến hết {long_date(ends - dt.timedelta(days=1))}" if ends else ""
    return f"{_what_vi(note, node, words)} {by}{mended}, có hiệu lực kể từ {long_date(applies)}{until}."


def _correction_text(
    note: Mapping[str, Any], node: Mapping[str, Any], source: Mapping[str, Any], words: Words | None, lang: str
) -> str:
    """A correction's footnote: what was corrected, by which document of which date, and that it applies from the
    corrected document's own date (decision 0018 §3): "Cụm từ “15 ngày” được đính chính thành “10 ngày” theo
    Quyết định số 30/2024/QĐ-UBND ngày 10 tháng 6 năm 2024 …, áp dụng kể từ ngày 01 tháng 3 năm 2024 là ngày có
    hiệu lực của văn bản được đính chính." """
    cited = cited_document(source, dated=True, lang=lang) if source else ""
    where = _where(str(note.get("source_eid") or ""), lang)
    applies = long_date(dt.date.fromisoformat(str(note["applies_on"])), lang)
    if lang == "en":
        what = (
            f"The words “{words.old}” were corrected to “{words.new}”"
            if words
            else f"{_unit_name(node, 'en')} was corrected"
        )
        by = f"by {where} of {cited}" if where else f"by {cited}"
        return f"{what} {by}, applying from {applies}, the corrected document's own date."
    what = (
        f"Cụm từ “{words.old}” được đính chính thành “{words.new}”"
        if words
        else f"{_unit_name(node, 'vi')} được đính chính"
    )
    by = f"theo quy định tại {where} của {cited}" if where else f"theo {cited}"
    return f"{what} {by}, áp dụng kể từ {applies} là ngày có hiệu lực của văn bản được đính chính."


def _corrected_by(note: Mapping[str, Any], sources: Mapping[str, Mapping[str, Any]], lang: str) -> str:
    """ " (đã được đính chính theo Quyết định số … ngày …)" after an amendment whose wording a correction of its own
    act mended; "" when none did."""
    cited = [cited_document(sources.get(str(s), {}), dated=True, lang=lang) for s in note.get("corrected_by") or []]
    if not cited:
        return ""
    if lang == "en":
        return f" (as corrected by {', '.join(cited)})"
    return f" (đã được đính chính theo {', '.join(cited)})"


# --- reading the version -------------------------------------------------------------------------------------


def _walk(nodes: Iterable[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    for node in nodes:
        yield node
        yield from _walk(node.get("children") or [])


def applied_sources(tree: Iterable[Mapping[str, Any]]) -> list[str]:
    """The amending documents whose changes this version holds, in the order they first apply."""
    seen: dict[str, tuple[str, int]] = {}
    for node in _walk(tree):
        for note in node.get("notes") or []:
            key = str(note["source"])
            seen.setdefault(key, (str(note["applies_on"]), len(seen)))
    return sorted(seen, key=lambda key: seen[key])


def note_words(tree: Iterable[Mapping[str, Any]]) -> dict[tuple[str, int], Words]:
    """The words each word substitution or deletion of the version changed, read from its operation (the notes
    carry the instruction, not the words): one query."""
    wanted = {(str(n["source"]), int(n["seq"])) for node in _walk(tree) for n in node.get("notes") or []
              if n.get("kind") in WORD_KINDS}  # fmt: skip
    if not wanted:
        return {}
    rows = Operation.objects.filter(
        source_id__in={int(source) for source, _ in wanted if source.isdigit()}, kind__in=WORD_KINDS
    ).values_list("source_id", "seq", "old_words", "new_words")
    return {(str(s), seq): Words(old, new) for s, seq, old, new in rows if (str(s), seq) in wanted}


# --- writing the .docx ---------------------------------------------------------------------------------------


_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


class _Writer:
    def __init__(self, version: Mapping[str, Any], words: Mapping[tuple[str, int], Words], lang: str) -> None:
        import docx
        from docx.shared import Pt

        self.doc = docx.Document()
        style = self.doc.styles["Normal"]
        style.font.name = "Times New Roman"  # type: ignore[attr-defined]
        style.font.size = Pt(13)  # type: ignore[attr-defined]
        self.footnotes = Footnotes(self.doc)
        self.sources: Mapping[str, Mapping[str, Any]] = version.get("sources") or {}
        self.words, self.lang = words, lang

    def paragraph(self, text: str = "", *, bold: bool = False, centred: bool = False) -> Any:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        paragraph = self.doc.add_paragraph()
        if text:
            paragraph.add_run(export_safe(text)).bold = bold
        if centred:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return paragraph

    def cite(self, paragraph: Any, node: Mapping[str, Any]) -> None:
        for note in node.get("notes") or []:
            words = self.words.get((str(note["source"]), int(note["seq"])))
            text = footnote_text(note, node, self.sources, words, self.lang)
            self.footnotes.cite(paragraph, export_safe(text))

    def node(self, node: Mapping[str, Any]) -> None:
        kind, status = str(node.get("kind") or ""), node.get("status")
        label, title, text = (str(node.get(key) or "") for key in ("label", "title", "text"))
        mark = _REPEALED[self.lang] if status == "repealed" else _SUSPENDED[self.lang] if status == "suspended" else ""
        if kind in _CENTRED:
            heading = self.paragraph(f"{label} {mark}".strip(), bold=True, centred=True)
            if title:
                heading.add_run("\n" + export_safe(title)).bold = True
            self.cite(heading, node)
        elif kind == "article":
            head = f"{label}. {mark or title}".rstrip()
            paragraph = self.paragraph(head, bold=True)
            self.cite(paragraph, node)
            if text and not mark:
                self.paragraph(text)
        elif kind in {"clause", "point"}:
            number = str(node.get("number") or "")
            lead = f"{number}." if kind == "clause" else f"{number})"
            paragraph = self.paragraph(f"{lead} {mark or text}".strip())
            self.cite(paragraph, node)
        elif kind in _OPAQUE:
            paragraph = self.paragraph(f"{label} {mark}".strip(), bold=True, centred=True)
            self.cite(paragraph, node)
            if text and not mark:
                self.paragraph(text)
        else:
            paragraph = self.paragraph(f"{mark} {text}".strip() if mark else text)
            self.cite(paragraph, node)
        if status != "repealed" or kind in _CENTRED:
            for child in node.get("children") or []:
                self.node(child)


def _heading(writer: _Writer, document: Document) -> None:
    table = writer.doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = export_safe(document.issuer.name.upper())
    table.cell(0, 1).text = "\n".join(_MOTTO)
    table.cell(1, 0).text = export_safe(f"Số: {document.number}")
    table.cell(1, 1).text = long_date(document.issued_on)
    writer.paragraph(document.doc_type.name.upper(), bold=True, centred=True)
    writer.paragraph(document.title, bold=True, centred=True)


def _which_text(writer: _Writer, document: Document, on: dt.date, version: Mapping[str, Any]) -> None:
    """The line that says which text this is, then the amending documents it takes in, numbered as a VBHN lists
    them ("… được sửa đổi, bổ sung bởi: 1. …")."""
    applied = applied_sources(version.get("tree") or [])
    names = [cited_document(writer.sources[key]) for key in applied if key in writer.sources]
    if writer.lang == "en":
        line = f"Consolidated text as in force on {on:%d/%m/%Y}"
        line += f", incorporating the amending documents: {'; '.join(names)}." if names else " (not amended)."
    else:
        line = f"Văn bản hợp nhất tại ngày {on:%d/%m/%Y}"
        line += f", cập nhật các văn bản sửa đổi, bổ sung: {'; '.join(names)}." if names else " (chưa được sửa đổi)."
    writer.paragraph(line).runs[0].italic = True
    listed = [writer.sources[key] for key in applied if key in writer.sources]
    for number, source in enumerate(listed, start=1):
        start = dt.date.fromisoformat(source["effective_from"]) if source.get("effective_from") else None
        end = "." if number == len(listed) else ";"
        cited = cited_document(source, dated=True, lang=writer.lang)
        if writer.lang == "en":
            since = f", effective from {long_date(start, 'en')}" if start else ""
        else:
            since = f", có hiệu lực kể từ {long_date(start)}" if start else ""
        writer.paragraph(f"{number}. {cited}{since}{end}")


def _preamble_lines(text: str) -> list[str]:
    """The bases (căn cứ) of the preamble: the lines from the first "Căn cứ"; the lines before repeat the heading
    printed above it (issuer, national heading, number, type, title)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    first = next((i for i, line in enumerate(lines) if line.startswith("Căn cứ")), len(lines))
    return lines[first:]


def to_docx(document: Document, on: dt.date, version: Mapping[str, Any] | None, lang: str = "vi") -> bytes:
    """The version in force on `on` (the text API's `version`, None before the text was in force) as a .docx."""
    tree = (version or {}).get("tree") or []
    writer = _Writer(version or {}, note_words(tree), lang)
    _heading(writer, document)
    if version is None:
        none = "No text was in force on that date." if lang == "en" else "Chưa có văn bản có hiệu lực tại ngày này."
        writer.paragraph(f"{none} ({on:%d/%m/%Y})")
    else:
        _which_text(writer, document, on, version)
        for node in tree:
            if node.get("kind") == "preamble":
                for line in _preamble_lines(str(node.get("text") or "")):
                    writer.paragraph(line)
            else:
                writer.node(node)
    writer.footnotes.write()
    out = io.BytesIO()
    writer.doc.save(out)
    return out.getvalue()
