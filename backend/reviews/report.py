"""The yearly review report (báo cáo kết quả rà soát): figures, and the same as .docx and .xlsx.

A review belongs to year Y when its task is due in Y (the review plan's period), whenever it was approved: a
report can be built, or rebuilt, after the year. Figures for year Y:

- issued: documents issued in Y, by type and by issuer;
- reviewed: documents with an approved review task due in Y;
- tasks_by_state: every review task due in Y by its state (so "approved" there is never fewer than "reviewed":
  the dashboard shows both, counted by one rule);
- outcomes: those approved tasks by the reviewed document's type and by outcome;
- recommendations: opened (from those tasks, or imported with a deadline in Y), resolved, overdue.

`issuers` narrows everything to documents of these authorities (the caller adds predecessors if wanted).
`tasks` and `recommendations` are the reader's (reviews.selectors: a department reads its own, the Sở Tư pháp the
province's), and `organisations` narrows the review figures to those organisations' work (decision 0023); the
documents issued are the catalogue's, which every reader reads.
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

from django.db.models import Q, QuerySet

from backend.catalogue.models import Document
from backend.core.spreadsheet import append_row
from backend.core.text import export_safe_tree
from backend.reviews.models import Recommendation, ReviewTask
from backend.reviews.workflow import OUTCOME_LABELS, Outcome, RecommendationStatus, State


def yearly(
    year: int,
    issuers: tuple[str, ...] = (),
    *,
    tasks: QuerySet[ReviewTask] | None = None,
    recommendations: QuerySet[Recommendation] | None = None,
    organisations: frozenset[int] | None = None,
) -> dict[str, Any]:
    documents = Document.objects.filter(issued_on__year=year)
    due = (ReviewTask.objects.all() if tasks is None else tasks).filter(due_on__year=year)
    all_recs = Recommendation.objects.all() if recommendations is None else recommendations
    if organisations is not None:
        due = due.filter(organisation_id__in=organisations)
        all_recs = all_recs.filter(Q(drafting_organisation_id__in=organisations) | Q(task__in=due))
    if issuers:
        documents = documents.filter(issuer__code__in=issuers)
        due = due.filter(document__issuer__code__in=issuers)
    tasks = due.filter(state=State.APPROVED.value)
    by_state = Counter(due.values_list("state", flat=True))
    issued_by_type = Counter(documents.values_list("doc_type__name", flat=True))
    issued_by_issuer = Counter(documents.values_list("issuer__code", flat=True))
    approved = list(tasks.values_list("document_id", "document__doc_type__name", "outcome"))
    outcomes: dict[str, dict[str, int]] = {}
    by_action: Counter[str] = Counter()
    for _doc, type_name, outcome in approved:
        outcomes.setdefault(type_name, {})
        outcomes[type_name][outcome] = outcomes[type_name].get(outcome, 0) + 1
        by_action[outcome] += 1
    recs = all_recs.filter(Q(task__in=tasks) | Q(task__isnull=True, deadline__year=year)).distinct()
    if issuers:
        recs = recs.filter(Q(task__isnull=False) | Q(targets__issuer__code__in=issuers)).distinct()
    statuses = Counter(recs.values_list("status", flat=True))
    return {
        "year": year,
        "issuers": list(issuers),
        "issued": {
            "total": sum(issued_by_type.values()),
            "by_type": dict(sorted(issued_by_type.items())),
            "by_issuer": dict(sorted(issued_by_issuer.items())),
        },
        # The rule every review figure follows: a review counts in the year its task is due.
        "counted_by": "due_on",
        "reviewed": len({doc for doc, _t, _o in approved}),
        "tasks_by_state": {state.value: by_state.get(state.value, 0) for state in State},
        "outcomes": {
            "by_type": {t: dict(sorted(o.items())) for t, o in sorted(outcomes.items())},
            "by_action": dict(sorted(by_action.items())),
        },
        "recommendations": {
            "opened": sum(statuses.values()),
            "resolved": statuses.get(RecommendationStatus.RESOLVED.value, 0),
            "overdue": statuses.get(RecommendationStatus.OVERDUE.value, 0),
            "by_status": dict(sorted(statuses.items())),
        },
    }


def _label(outcome: str) -> str:
    try:
        return OUTCOME_LABELS[Outcome(outcome)][0]
    except ValueError:
        return outcome


def _rows(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(section, item, value) rows shared by the .docx and .xlsx."""
    rows = [("Văn bản ban hành trong năm", "Tổng số", str(data["issued"]["total"]))]
    rows += [("Văn bản ban hành trong năm", f"Loại: {k}", str(v)) for k, v in data["issued"]["by_type"].items()]
    rows += [("Văn bản ban hành trong năm", f"Cơ quan: {k}", str(v)) for k, v in data["issued"]["by_issuer"].items()]
    rows.append(("Rà soát", "Số văn bản đã rà soát", str(data["reviewed"])))
    for type_name, outcomes in data["outcomes"]["by_type"].items():
        for outcome, count in outcomes.items():
            rows.append(("Kết quả rà soát", f"{type_name}: {_label(outcome)}", str(count)))
    rec = data["recommendations"]
    rows += [
        ("Kiến nghị xử lý", "Đã kiến nghị", str(rec["opened"])),
        ("Kiến nghị xử lý", "Đã xử lý xong", str(rec["resolved"])),
        ("Kiến nghị xử lý", "Quá hạn", str(rec["overdue"])),
    ]
    return rows


def to_docx(data: dict[str, Any]) -> bytes:
    data = export_safe_tree(data)  # any stored text, even what XML cannot hold, makes a valid file
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    document.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("Độc lập - Tự do - Hạnh phúc").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_heading(f"BÁO CÁO KẾT QUẢ RÀ SOÁT VĂN BẢN QUY PHẠM PHÁP LUẬT NĂM {data['year']}", level=1)
    if data["issuers"]:
        document.add_paragraph("Cơ quan: " + ", ".join(data["issuers"]))
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("STT", "Nội dung", "Chỉ tiêu", "Số lượng"), strict=True):
        cell.text = text
    for n, (section, item, value) in enumerate(_rows(data), start=1):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text, cells[3].text = str(n), section, item, value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_xlsx(data: dict[str, Any]) -> bytes:
    data = export_safe_tree(data)
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = f"Rà soát {data['year']}"
    append_row(sheet, [f"Báo cáo kết quả rà soát văn bản quy phạm pháp luật năm {data['year']}"])
    append_row(sheet, ["STT", "Nội dung", "Chỉ tiêu", "Số lượng"])
    for n, (section, item, value) in enumerate(_rows(data), start=1):
        append_row(sheet, [n, section, item, int(value)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
