"""Read an uploaded .docx or .pdf into lines of text, refusing anything unsafe or unreadable.

The file's kind is decided by its first bytes, not by its name: officers rename files, and a .docx that is
really a Word 97 file or an encrypted package must get the right message. Every refusal is a
:class:`FileRejected` with a Vietnamese and an English message; nothing here touches the database or disk.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Literal

from backend.core.text import without_controls

__all__ = [
    "MAX_UNZIPPED_BYTES",
    "MAX_UPLOAD_BYTES",
    "FileRejected",
    "SourceText",
    "check_zip",
    "read_upload",
    "too_large",
]

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# A real decision with scanned annexes unpacks to a few times its size; XML compresses about 10x. Anything
# beyond these bounds is a zip bomb (or not a document an officer should be uploading).
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_ZIP_MEMBERS = 2000
MAX_MEMBER_RATIO = 100  # uncompressed / compressed, checked for members over RATIO_FLOOR bytes
RATIO_FLOOR = 2 * 1024 * 1024
MAX_PDF_PAGES = 1000

_ZIP_MAGIC = b"PK\x03\x04"
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: Word 97-2003, or encrypted OOXML
_PDF_MAGIC = b"%PDF-"


class FileRejected(ValueError):
    """An upload that cannot be read; ``code`` says why (for clients), the messages say it to people."""

    def __init__(self, code: str, message_vi: str, message_en: str) -> None:
        super().__init__(message_vi, message_en)
        self.code = code
        self.message_vi = message_vi
        self.message_en = message_en

    def __str__(self) -> str:
        return self.message_en


@dataclass(frozen=True)
class SourceText:
    kind: Literal["docx", "pdf"]
    lines: list[str]


def too_large() -> FileRejected:
    mib = MAX_UPLOAD_BYTES // (1024 * 1024)
    return FileRejected("file_too_large", f"Tệp quá lớn (tối đa {mib} MB).", f"The file is too large ({mib} MB max).")


def _corrupt(kind: str) -> FileRejected:
    return FileRejected(
        "corrupt_file",
        f"Tệp {kind} bị hỏng hoặc không đọc được.",
        f"The {kind} file is damaged or cannot be read.",
    )


def _password_protected() -> FileRejected:
    return FileRejected(
        "password_protected",
        "Tệp được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu rồi tải lên lại.",
        "The file is password-protected; remove the password and upload it again.",
    )


def _zip_bomb(kind: str = ".docx", max_bytes: int = MAX_UNZIPPED_BYTES) -> FileRejected:
    mib = max_bytes // (1024 * 1024)
    return FileRejected(
        "zip_bomb",
        f"Tệp {kind} giải nén ra quá lớn (tối đa {mib} MB) hoặc nén bất thường; không xử lý.",
        f"The {kind} unpacks to too much data ({mib} MB max) or is abnormally compressed; it was not processed.",
    )


def read_upload(data: bytes) -> SourceText:
    """The text lines of a .docx or .pdf, in reading order. Raises :class:`FileRejected`."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise too_large()
    if not data:
        raise FileRejected("empty_file", "Tệp rỗng.", "The file is empty.")
    if data.startswith(_CFB_MAGIC):
        # Encrypted Word files are OOXML packages wrapped in a compound file with these two streams.
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            raise _password_protected()
        raise FileRejected(
            "legacy_doc",
            "Tệp Word 97-2003 (.doc) chưa được hỗ trợ; hãy lưu lại dưới dạng .docx.",
            "Word 97-2003 (.doc) files are not supported; save the file as .docx.",
        )
    # Control bytes (a PDF's text layer has them) are dropped: the officer cannot see them, and no text field
    # accepts them (backend/core/text.py).
    if data.startswith(_ZIP_MAGIC):
        return SourceText("docx", [without_controls(line) for line in _docx_lines(data)])
    if _PDF_MAGIC in data[:1024]:
        return SourceText("pdf", [without_controls(line) for line in _pdf_lines(data)])
    raise FileRejected(
        "unsupported_file",
        "Chỉ nhận tệp .docx hoặc .pdf.",
        "Only .docx or .pdf files are accepted.",
    )


# --- .docx ------------------------------------------------------------------------------------------------


def check_zip(archive: zipfile.ZipFile, *, kind: str = ".docx", max_bytes: int = MAX_UNZIPPED_BYTES) -> None:
    """Refuse (zip_bomb) an Office package that unpacks to more than `max_bytes`, has too many members or an
    abnormal compression ratio. Shared by every reader of .docx and .xlsx uploads."""
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise _zip_bomb(kind, max_bytes)
    if sum(m.file_size for m in members) > max_bytes:
        raise _zip_bomb(kind, max_bytes)
    for member in members:
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_MEMBER_RATIO * max(member.compress_size, 1):
            raise _zip_bomb(kind, max_bytes)
    # The sizes above are whatever the archive claims. Inflate everything once, counting, so that a forged
    # header cannot make python-docx or openpyxl unpack gigabytes.
    total = 0
    for member in members:
        with archive.open(member) as stream:
            while chunk := stream.read(1 << 16):
                total += len(chunk)
                if total > max_bytes:
                    raise _zip_bomb(kind, max_bytes)


def _docx_lines(data: bytes) -> list[str]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        with archive:
            names = set(archive.namelist())
            if "EncryptedPackage" in names:
                raise _password_protected()
            if "word/document.xml" not in names:
                raise FileRejected(
                    "not_docx",
                    "Tệp không phải văn bản Word (.docx).",
                    "The file is not a Word document (.docx).",
                )
            check_zip(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError) as exc:
        raise _corrupt(".docx") from exc
    # Imported here: python-docx pulls in lxml, which the rest of the catalogue does not need.
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    try:
        document = docx.Document(io.BytesIO(data))
        return _flow_lines(document)
    except (PackageNotFoundError, LxmlError, KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
        raise _corrupt(".docx") from exc


def _flow_lines(container: object) -> list[str]:
    """Paragraphs and table cells in document order; merged cells once; line breaks split lines."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for block in container.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(block, Paragraph):
            lines.extend(block.text.replace("\t", " ").split("\n"))
        elif isinstance(block, Table):
            # A merged cell repeats in every row and column it spans: each <w:tc> element is read once. The set
            # holds the elements themselves, not their id(): lxml makes a new proxy object for an element each
            # time it is asked once the last one is freed, and a freed proxy's id is soon another cell's, so
            # cells were skipped at random (the header table's "Số: …" among them).
            seen: set[object] = set()
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc in seen:
                        continue
                    seen.add(cell._tc)
                    lines.extend(_flow_lines(cell))
    return lines


# --- .pdf -------------------------------------------------------------------------------------------------


def _pdf_lines(data: bytes) -> list[str]:
    import pypdf
    from pypdf.errors import DependencyError, PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # Many official PDFs carry only an owner password (no printing/copying); they open with "".
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError) as exc:
                raise _password_protected() from exc
            if not opened:
                raise _password_protected()
        if len(reader.pages) > MAX_PDF_PAGES:
            raise FileRejected(
                "too_many_pages",
                f"Tệp PDF quá nhiều trang (tối đa {MAX_PDF_PAGES}).",
                f"The PDF has too many pages ({MAX_PDF_PAGES} max).",
            )
        lines: list[str] = []
        for page in reader.pages:
            lines.extend((page.extract_text() or "").split("\n"))
    except FileRejected:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        # pypdf raises a wide range of errors on damaged files; all of them mean the same to the officer.
        raise _corrupt(".pdf") from exc
    if not any(line.strip() for line in lines):
        raise FileRejected(
            "no_text",
            "Tệp PDF không có lớp chữ (có thể là bản quét); hãy tải lên bản .docx hoặc PDF có chữ.",
            "The PDF has no text layer (it may be a scan); upload the .docx or a text PDF.",
        )
    return lines
