"""Import the Sở Tư pháp's tracking sheet (.xlsx): each row becomes a recommendation with its steps.

The real sheet (../shared/corpus/angiang_vbqppl_tracker, SOURCE.md) has one sheet per kind of document and per
state ("cần xử lý", "đã xử lý"), each with two header rows and columns that differ from sheet to sheet, so columns
are found by their header text, never by letter:

- "Tên gọi văn bản": the row's document; every số ký hiệu in it ("thay thế Nghị quyết số 19/2022/NQ-HĐND ngày
  07/12/2022 của HĐND tỉnh An Giang") is a target, matched in the catalogue by number and, when the number exists
  under several issuers, by the province named after it (An Giang / Kiên Giang);
- "Cơ quan soạn thảo", "Người xử lý";
- "Hình thức xử lý" and its second-row sub-columns (Thay thế, Bãi bỏ, Ban hành mới; Chưa xác định, Hết hiệu lực
  theo thời gian, Giữ nguyên): a flag in one of them is the action;
- the steps: đăng ký xây dựng, chấp thuận, lấy ý kiến, thẩm định, trình, and the issued document ("Số, … ngày,
  tháng năm ban hành VBQPPL"), each "Ngày nhận/Số vb phúc đáp" column being the answer to the step before it;
- "Ngày dự kiến trình ban hành", "Ghi chú", "Thời gian xử lý": kept in the note.

A row without a name, with no action flag, or flagged only "Chưa xác định" / "Hết hiệu lực theo thời gian" /
"Giữ nguyên" makes no recommendation and is listed in the report with the reason (never dropped silently); numbers
that match no catalogued document are listed too. Rows of "đã xử lý" sheets are resolved recommendations, linked
to the issued document when it is catalogued. Re-importing the same file updates the same recommendations (each
remembers its sheet and row).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from backend.audit import services as audit
from backend.catalogue import selectors
from backend.catalogue.importers import spreadsheet
from backend.catalogue.models import Document
from backend.core.errors import ApplicationError
from backend.core.text import control_character
from backend.reviews.models import Recommendation, RecommendationStep
from backend.reviews.workflow import Outcome, RecommendationStatus, StepKind
from legal import numbers

MAX_BYTES = 20 * 1024 * 1024
# Rows in all sheets together. The real An Giang tracker has 579 lines in all; each row costs a few queries
# (measured: 4,990 rows took 55 s on the 2-core dev machine under load, too long for a web request), so the bound
# is a few times the real sheet.
MAX_ROWS = 2_000
SOURCE = "import"

_PROVINCES = {"an giang": "AG", "kien giang": "KG"}

FLAG_ACTIONS = {
    "thay the": Outcome.REPLACE.value,
    "bai bo": Outcome.REPEAL.value,
    "ban hanh moi": Outcome.ISSUE_NEW.value,
    "sua doi": Outcome.AMEND.value,
    "ngung hieu luc": Outcome.SUSPEND.value,
}
FLAG_NO_ACTION = {
    "chua xac dinh": ("hình thức xử lý chưa xác định", "the handling is not decided yet"),
    "het hieu luc theo thoi gian": ("hết hiệu lực theo thời gian, không cần xử lý", "expired at the end of its term"),
    "giu nguyen": ("giữ nguyên, không xử lý", "kept as it is"),
}


def fold(text: Any) -> str:
    text = str(text or "").lower().replace("đ", "d").replace("ð", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Columns:
    name: int | None = None
    drafting_body: int | None = None
    officer: int | None = None
    flags: dict[int, str] = field(default_factory=dict)  # column -> folded sub-header
    steps: list[tuple[int, str]] = field(default_factory=list)  # (column, StepKind value or "answer")
    notes: list[tuple[int, str]] = field(default_factory=list)  # (column, header)


def _step_of(header: str) -> str | None:
    if "phuc dap" in header:
        return "answer"
    if "dang ky xay dung" in header:
        return StepKind.REGISTRATION.value if "cua ubnd" not in header else "registration_ubnd"
    if "chap thuan" in header:
        return StepKind.APPROVAL.value
    if "lay y kien" in header:
        return StepKind.CONSULTATION.value
    if "tham dinh" in header:
        return StepKind.APPRAISAL.value
    if "ngay, thang" in header and "ban hanh" in header:
        return StepKind.ISSUANCE.value
    if "trinh" in header and "du kien" not in header:
        return StepKind.SUBMISSION.value
    return None


def find_columns(first: list[Any], second: list[Any]) -> Columns | None:
    """The roles of a sheet's columns from its two header rows; None when it is not a tracking sheet."""
    cols = Columns()
    flags_from: int | None = None
    for i, raw in enumerate(first):
        header = fold(raw)
        if not header:
            continue
        if header == "ten goi van ban":
            cols.name = i
        elif header == "co quan soan thao":
            cols.drafting_body = i
        elif header == "nguoi xu ly":
            cols.officer = i
        elif header == "hinh thuc xu ly":
            flags_from = i
        elif (step := _step_of(header)) is not None:
            cols.steps.append((i, step))
        elif header not in ("stt",):
            cols.notes.append((i, str(raw).strip()))
    if cols.name is None or flags_from is None:
        return None
    for i in range(flags_from, len(second)):
        sub = fold(second[i])
        if sub:
            cols.flags[i] = sub
    return cols


@dataclass
class RowProblem:
    sheet: str
    row: int
    reason_vi: str
    reason_en: str

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "message_vi": self.reason_vi, "message_en": self.reason_en}


@dataclass
class TrackerReport:
    created: int = 0
    updated: int = 0
    resolved: int = 0
    skipped: list[RowProblem] = field(default_factory=list)
    unmatched_numbers: list[dict[str, Any]] = field(default_factory=list)
    sheets: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "resolved": self.resolved,
            "skipped": [p.as_dict() for p in self.skipped],
            "unmatched_numbers": self.unmatched_numbers,
            "sheets": self.sheets,
        }


def _cell(row: tuple[Any, ...], i: int | None) -> str:
    if i is None or i >= len(row) or row[i] is None:
        return ""
    value = row[i]
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    return str(value).strip()


def match_targets(text: str) -> tuple[list[Document], list[str]]:
    """Catalogued documents named in `text`, and the numbers that match none (or several, undecided)."""
    found: list[Document] = []
    unmatched: list[str] = []
    text = unicodedata.normalize("NFC", text)  # find_numbers returns substrings of the NFC text
    end = 0
    for written in numbers.find_numbers(text):
        end = text.index(written, end) + len(written)
        raw = "".join(written.split())
        if numbers.parse_number(raw).year is None:
            # The sheet names its documents with their year; a yearless number ("Công văn số 123/UBND-NC") is
            # correspondence, not a legal document to review.
            continue
        after = fold(text[end : end + 160])
        province = next((code for name, code in _PROVINCES.items() if name in after), None)
        try:
            doc = selectors.document_by_number(raw, province=province)
        except (selectors.DocumentNotFound, selectors.AmbiguousNumber):
            unmatched.append(raw)
            continue
        if doc not in found:
            found.append(doc)
    return found, unmatched


def check_is_xlsx(data: bytes) -> None:
    """The cheap checks, done before a job is made: the size, and a zip package at all."""
    if len(data) > MAX_BYTES:
        raise ApplicationError(
            "file_too_large", "Tệp quá lớn (tối đa 20 MB).", "The file is too large (20 MB at most).", field="file"
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ApplicationError("not_xlsx", "Tệp không phải .xlsx.", "The file is not an .xlsx workbook.", field="file")


def read_workbook(data: bytes) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """Every sheet's rows, or a 400 for a file that is not a readable .xlsx or is beyond the bounds (unpacked
    size, sheets, rows, columns: backend/catalogue/importers/spreadsheet.py). The import runs in the worker as an
    import job; the bounds keep one upload from holding that worker for long: MAX_ROWS rows in all."""
    check_is_xlsx(data)
    try:
        book = spreadsheet.open_workbook(data)
        try:
            sheets: list[tuple[str, list[tuple[Any, ...]]]] = []
            left = MAX_ROWS
            for sheet in book.worksheets:
                rows = list(spreadsheet.sheet_rows(sheet, max_rows=left))
                left -= len(rows)
                sheets.append((sheet.title, rows))
            return sheets
        finally:
            book.close()
    except spreadsheet.SheetRefused as exc:
        if exc.code == "too_many_rows":
            raise ApplicationError(
                exc.code,
                f"Tệp có quá nhiều dòng (tối đa {MAX_ROWS:,} dòng ở mọi trang tính).".replace(",", "."),
                f"The workbook has too many rows ({MAX_ROWS:,} in all its sheets at most).",
                field="file",
            ) from exc
        raise ApplicationError(exc.code, exc.message_vi, exc.message_en, field="file") from exc


@transaction.atomic
def import_tracker(data: bytes, *, actor: Any, progress: Any = None) -> TrackerReport:
    """Import the sheet in one transaction; `progress(stage, done, total)` is told of the rows as each sheet
    is reached."""
    report = TrackerReport()
    sheets = read_workbook(data)
    total = sum(len(rows) for _title, rows in sheets)
    done = 0
    tracking = 0
    for title, rows in sheets:
        done += len(rows)
        if progress is not None:
            progress("tracker", done, total)
        header_at = next((i for i, r in enumerate(rows[:10]) if any(fold(c) == "ten goi van ban" for c in r)), None)
        if header_at is None or header_at + 1 >= len(rows):
            continue
        cols = find_columns(list(rows[header_at]), list(rows[header_at + 1]))
        if cols is None:
            continue
        tracking += 1
        done_sheet = "da xu ly" in fold(title) or any("giu nguyen" in sub for sub in cols.flags.values())
        count = 0
        for offset, row in enumerate(rows[header_at + 2 :], start=header_at + 3):
            if not any(_cell(row, i) for i in range(len(row))):
                continue
            if _import_row(report, title, offset, row, cols, done_sheet, actor):
                count += 1
        report.sheets[title] = count
    if tracking == 0:
        raise ApplicationError(
            "not_a_tracker",
            "Không thấy trang tính theo dõi nào (cần cột 'Tên gọi văn bản' và 'Hình thức xử lý').",
            "No tracking sheet found (columns 'Tên gọi văn bản' and 'Hình thức xử lý' are needed).",
            field="file",
        )
    return report


def _import_row(
    report: TrackerReport, sheet: str, row_no: int, row: tuple[Any, ...], cols: Columns, done: bool, actor: Any
) -> bool:
    bad = next((c for v in row if isinstance(v, str) and (c := control_character(v)) is not None), None)
    if bad is not None:
        shown = f"U+{ord(bad):04X}"
        report.skipped.append(
            RowProblem(
                sheet, row_no, f"Dòng chứa ký tự điều khiển {shown}.", f"The row holds the control character {shown}."
            )
        )
        return False
    name = _cell(row, cols.name)
    if not name:
        report.skipped.append(RowProblem(sheet, row_no, "Dòng không có tên văn bản.", "The row has no document name."))
        return False
    flagged = [sub for i, sub in cols.flags.items() if _cell(row, i) not in ("", "0")]
    action = next((FLAG_ACTIONS[k] for sub in flagged for k in FLAG_ACTIONS if sub.startswith(k)), None)
    if action is None:
        reason = next((FLAG_NO_ACTION[k] for sub in flagged for k in FLAG_NO_ACTION if sub.startswith(k)), None)
        vi, en = reason or ("không đánh dấu hình thức xử lý", "no handling form is marked")
        report.skipped.append(RowProblem(sheet, row_no, f"Không tạo kiến nghị: {vi}.", f"No recommendation: {en}."))
        return False
    targets, unmatched = match_targets(name)
    for number in unmatched:
        report.unmatched_numbers.append({"sheet": sheet, "row": row_no, "number": number})
    ref = f"tracker:{sheet}:{row_no}"[:120]
    rec = Recommendation.objects.filter(source_ref=ref).first()
    before = audit.snapshot(rec) if rec else None
    if rec is None:
        rec = Recommendation(source_ref=ref)
    rec.action = action
    rec.target_text = name
    rec.drafting_body = _cell(row, cols.drafting_body)[:300]
    rec.officer = _cell(row, cols.officer)[:150]
    notes = [f"{header}: {_cell(row, i)}" for i, header in cols.notes if _cell(row, i)]
    rec.note = "\n".join(notes)
    steps: dict[str, tuple[str, str]] = {}
    last: str | None = None
    for i, kind in cols.steps:
        value = _cell(row, i)
        if kind == "answer":
            if value and last in steps:
                reference, note = steps[last]
                steps[last] = (reference, f"{note}\nPhúc đáp: {value}".strip())
            continue
        if kind == "registration_ubnd":
            if value:
                reference, note = steps.get(StepKind.REGISTRATION.value, ("", ""))
                steps[StepKind.REGISTRATION.value] = (reference or value, f"{note}\nUBND tỉnh: {value}".strip())
            last = StepKind.REGISTRATION.value
            continue
        last = kind
        if value:
            reference, note = steps.get(kind, ("", ""))
            steps[kind] = (value if not reference else reference, note if not reference else f"{note}\n{value}".strip())
    issued_text = steps.get(StepKind.ISSUANCE.value, ("", ""))[0]
    issued_docs, _ = match_targets(issued_text) if issued_text else ([], [])
    if done:
        rec.status = RecommendationStatus.RESOLVED.value
        rec.resolved_by = issued_docs[0] if issued_docs else None
        rec.resolved_on = rec.resolved_by.issued_on if rec.resolved_by else None
        report.resolved += 1
    elif steps:
        rec.status = RecommendationStatus.IN_PROGRESS.value
    else:
        rec.status = RecommendationStatus.OPEN.value
    if before is not None:
        rec.version += 1
    rec.save()
    rec.targets.set(targets)
    for kind, (reference, note) in steps.items():
        RecommendationStep.objects.update_or_create(
            recommendation=rec, kind=kind, defaults={"reference": reference[:300], "note": note}
        )
    audit.record(
        actor=actor,
        action="update" if before is not None else "create",
        instance=rec,
        before=before,
        after=audit.snapshot(rec),
        source=SOURCE,
    )
    if before is None:
        report.created += 1
    else:
        report.updated += 1
    return True


JOB_KIND = "tracker"


def run_job(job: Any, progress: Any) -> dict[str, Any]:
    """The import job of a tracking sheet (registered with catalogue.importers.jobs by the reviews app)."""
    from backend.catalogue.importers.jobs import JobFailed

    try:
        return import_tracker(bytes(job.content), actor=job.created_by or SOURCE, progress=progress).as_dict()
    except ApplicationError as exc:
        error = {"where": job.filename, "code": exc.code, "message_vi": exc.message_vi, "message_en": exc.message_en}
        raise JobFailed({"errors": [error]}) from exc
