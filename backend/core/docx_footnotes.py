"""Real Word footnotes for a python-docx document, written as OOXML by hand (decision 0019).

python-docx 1.2 reads and writes no footnotes, and no maintained library adds them on top of it, so this module
writes what Word itself writes: a footnotes part (/word/footnotes.xml) holding the two separator footnotes (ids -1
and 0) and one <w:footnote> per note, the document part's relationship to it (its content type is declared by
python-docx from the part), and a <w:footnoteReference> run at each place that cites a note.
"""

from __future__ import annotations

from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import nsdecls, qn
from lxml import etree

FOOTNOTES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_PARTNAME = "/word/footnotes.xml"
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SEPARATORS = (
    f'<w:footnote {nsdecls("w")} w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>',
    f'<w:footnote {nsdecls("w")} w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>',
)
_NOTE_SIZE = 20  # half-points: 10 pt, as a văn bản hợp nhất prints its footnotes


def _superscript_run(child: str) -> Any:
    run = etree.SubElement(etree.Element(qn("w:p")), qn("w:r"))
    props = etree.SubElement(run, qn("w:rPr"))
    etree.SubElement(props, qn("w:vertAlign")).set(qn("w:val"), "superscript")
    etree.SubElement(run, qn(child))
    return run


class Footnotes:
    """Collects the notes of one document; `write()` adds the footnotes part once the body is done."""

    def __init__(self, document: Any) -> None:
        self._document = document
        self._texts: list[str] = []

    def cite(self, paragraph: Any, text: str) -> int:
        """Append a footnote reference to `paragraph` (after its last run) whose footnote reads `text`."""
        self._texts.append(text)
        number = len(self._texts)
        run = _superscript_run("w:footnoteReference")
        run[-1].set(qn("w:id"), str(number))
        paragraph._p.append(run)
        return number

    @property
    def texts(self) -> list[str]:
        return list(self._texts)

    def _xml(self) -> bytes:
        root = etree.fromstring(f"<w:footnotes {nsdecls('w')}/>")
        for separator in _SEPARATORS:
            root.append(etree.fromstring(separator))
        for number, text in enumerate(self._texts, start=1):
            note = etree.SubElement(root, qn("w:footnote"))
            note.set(qn("w:id"), str(number))
            paragraph = etree.SubElement(note, qn("w:p"))
            paragraph.append(_superscript_run("w:footnoteRef"))
            run = etree.SubElement(paragraph, qn("w:r"))
            size = etree.SubElement(etree.SubElement(run, qn("w:rPr")), qn("w:sz"))
            size.set(qn("w:val"), str(_NOTE_SIZE))
            words = etree.SubElement(run, qn("w:t"))
            words.text = f" {text}"
            words.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))

    def write(self) -> None:
        """Add the footnotes part and its relationship (nothing when no note was cited)."""
        if not self._texts:
            return
        package = self._document.part.package
        part = Part(PackURI(FOOTNOTES_PARTNAME), FOOTNOTES_CONTENT_TYPE, self._xml(), package)
        self._document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def read_footnotes(docx_bytes: bytes) -> dict[int, str]:
    """The footnotes of a .docx as {id: text}, separators left out (for tests and checks)."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        if FOOTNOTES_PARTNAME.lstrip("/") not in archive.namelist():
            return {}
        root = etree.fromstring(archive.read(FOOTNOTES_PARTNAME.lstrip("/")))
    notes: dict[int, str] = {}
    for note in root.iter(f"{{{_W_NS}}}footnote"):
        if note.get(qn("w:type")) in {"separator", "continuationSeparator"}:
            continue
        notes[int(note.get(qn("w:id")) or 0)] = "".join(t.text or "" for t in note.iter(qn("w:t"))).strip()
    return notes
