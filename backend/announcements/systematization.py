"""The 5-year systematization (hệ thống hóa): four lists for a period, cut off on 31 December of its last year.

1. expired or suspended in whole during the period;
2. expired or suspended in part during the period (with the provisions);
3. still in force at the cut-off, partly expired and not yet effective ones included;
4. needing suspension, amendment, replacement, repeal or new issuance: the targets of open recommendations.

Lists 1 and 2 use the same rules as the yearly list (backend/announcements/compute.py) over the whole period.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from backend.announcements import compute
from backend.announcements.wording import reason_text
from backend.catalogue import selectors
from backend.catalogue.models import Document
from backend.catalogue.validity import REASON_LABELS, STATUS_LABELS, Reason, Status
from backend.core.spreadsheet import append_row
from backend.core.text import export_safe_tree
from backend.reviews.models import Recommendation
from backend.reviews.workflow import OUTCOME_LABELS, Outcome, RecommendationStatus

IN_FORCE = {Status.IN_FORCE, Status.PARTIALLY_EXPIRED, Status.PARTIALLY_SUSPENDED, Status.NOT_YET_EFFECTIVE}
OPEN = (RecommendationStatus.OPEN.value, RecommendationStatus.IN_PROGRESS.value, RecommendationStatus.OVERDUE.value)


def lists(
    first_year: int, last_year: int, issuers: tuple[str, ...] = (), *, with_needing_action: bool = True
) -> dict[str, Any]:
    """The four lists; list 4 (from the internal review workflow) only when ``with_needing_action``."""
    start, cutoff = dt.date(first_year, 1, 1), dt.date(last_year, 12, 31)
    changes = compute.changes(start, cutoff, issuers)
    docs = {d.pk: d for d in _documents(cutoff, issuers)}
    whole: list[dict[str, Any]] = []
    partial: list[dict[str, Any]] = []
    for p in changes:
        row = {
            "document": compute.document_summary(docs[p.document_id]),
            "status": p.status,
            "reason": p.reason,
            "reason_label": REASON_LABELS[Reason(p.reason)]["vi"],
            "reason_text": reason_text(p.reason, p.caused_by, p.provisions, partial=p.scope == "partial"),
            "since": p.since.isoformat() if p.since else None,
            "caused_by": p.caused_by,
            "provisions": p.provisions,
        }
        (whole if p.scope == "whole" else partial).append(row)
    in_force = []
    chunk = list(docs.values())
    answers = selectors.validities_on(chunk, cutoff, with_bases=False) if chunk else {}
    for doc in chunk:
        answer = answers[doc.pk]
        if answer.status in IN_FORCE:
            in_force.append(
                {
                    "document": compute.document_summary(doc),
                    "status": answer.status.value,
                    "status_label": STATUS_LABELS[answer.status]["vi"],
                }
            )
    needing = []
    recommendations = (
        Recommendation.objects.filter(status__in=OPEN) if with_needing_action else Recommendation.objects.none()
    )
    for rec in recommendations.prefetch_related("targets__doc_type", "targets__issuer"):
        for target in rec.targets.all():
            if issuers and target.issuer.code not in issuers:
                continue
            needing.append(
                {
                    "document": compute.document_summary(target),
                    "action": rec.action,
                    "action_label": OUTCOME_LABELS[Outcome(rec.action)][0],
                    "drafting_body": rec.drafting_body,
                    "deadline": rec.deadline.isoformat() if rec.deadline else None,
                    "recommendation": rec.pk,
                }
            )
    key = lambda r: (r["document"]["issuer"], r["document"]["issued_on"], r["document"]["number"])  # noqa: E731
    result: dict[str, Any] = {
        "period": [first_year, last_year],
        "cutoff": cutoff.isoformat(),
        "issuers": list(issuers),
        "expired_whole": sorted(whole, key=key),
        "expired_partial": sorted(partial, key=key),
        "in_force": sorted(in_force, key=key),
        "needing_action": sorted(needing, key=key),
    }
    if not with_needing_action:
        del result["needing_action"]
    return result


def _documents(cutoff: dt.date, issuers: tuple[str, ...]) -> list[Document]:
    qs = Document.objects.filter(published=True, normative=True, issued_on__lte=cutoff).select_related(
        "doc_type", "issuer"
    )
    if issuers:
        qs = qs.filter(issuer__code__in=issuers)
    return list(qs.order_by("pk"))


TITLES = {
    "expired_whole": "Danh mục văn bản hết hiệu lực, ngưng hiệu lực toàn bộ",
    "expired_partial": "Danh mục văn bản hết hiệu lực, ngưng hiệu lực một phần",
    "in_force": "Danh mục văn bản còn hiệu lực",
    "needing_action": (
        "Danh mục văn bản cần đình chỉ, ngưng hiệu lực, sửa đổi, bổ sung, thay thế, bãi bỏ hoặc ban hành mới"
    ),
}
HEADERS = {
    "expired_whole": ("Lý do hết hiệu lực, ngưng hiệu lực", "Ngày hết hiệu lực, ngưng hiệu lực"),
    "expired_partial": ("Lý do hết hiệu lực, ngưng hiệu lực", "Ngày hết hiệu lực, ngưng hiệu lực"),
    "in_force": ("Tình trạng hiệu lực", "Ngày có hiệu lực"),
    "needing_action": ("Kiến nghị xử lý", "Cơ quan soạn thảo; thời hạn"),
}


def table_rows(name: str, rows: list[dict[str, Any]]) -> list[list[str]]:
    out = []
    for n, r in enumerate(rows, start=1):
        d = r["document"]
        issued = dt.date.fromisoformat(d["issued_on"])
        base = [str(n), d["type"], f"{d['number']} ngày {issued:%d/%m/%Y}", d["title"]]
        if name in ("expired_whole", "expired_partial"):
            reason = r["reason_text"]
            since = dt.date.fromisoformat(r["since"]).strftime("%d/%m/%Y") if r["since"] else ""
            out.append([*base, reason, since])
        elif name == "in_force":
            start = dt.date.fromisoformat(d["effective_from"]).strftime("%d/%m/%Y") if d["effective_from"] else ""
            out.append([*base, r["status_label"], start])
        else:
            out.append([*base, r["action_label"], "; ".join(x for x in (r["drafting_body"], r["deadline"] or "") if x)])
    return out


def to_docx(data: dict[str, Any]) -> bytes:
    data = export_safe_tree(data)  # any stored text, even what XML cannot hold, makes a valid file
    import docx

    document = docx.Document()
    first, last = data["period"]
    document.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    document.add_heading(f"KẾT QUẢ HỆ THỐNG HÓA VĂN BẢN QUY PHẠM PHÁP LUẬT KỲ {first}-{last}", level=1)
    document.add_paragraph(f"Thời điểm hệ thống hóa: 31/12/{last}")
    for name, title in TITLES.items():
        if name not in data:
            continue
        document.add_heading(title, level=2)
        table = document.add_table(rows=1, cols=6)
        table.style = "Table Grid"
        header = ("STT", "Tên loại văn bản", "Số, ký hiệu; ngày, tháng, năm ban hành", "Tên gọi", *HEADERS[name])
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = text
        for values in table_rows(name, data[name]):
            for cell, text in zip(table.add_row().cells, values, strict=True):
                cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_xlsx(data: dict[str, Any]) -> bytes:
    data = export_safe_tree(data)
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for i, (name, title) in enumerate(TITLES.items(), start=1):
        if name not in data:
            continue
        sheet = book.create_sheet(f"Danh mục {i}")
        append_row(sheet, [title])
        append_row(
            sheet, ["STT", "Tên loại văn bản", "Số, ký hiệu; ngày, tháng, năm ban hành", "Tên gọi", *HEADERS[name]]
        )
        for values in table_rows(name, data[name]):
            append_row(sheet, values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
