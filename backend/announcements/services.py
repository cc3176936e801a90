"""Writes of the yearly lists: a draft computed from the catalogue, officers' edits, draft → published."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from backend.announcements import compute, notices
from backend.announcements.models import Announcement, AnnouncementRow
from backend.audit import services as audit
from backend.catalogue import selectors
from backend.catalogue.models import Authority, Document
from backend.catalogue.validity import STATUS_LABELS, Status
from backend.core.errors import ApplicationError
from backend.core.versioning import lock_at_version

SOURCE = "api"

# action -> (from state, to state)
TRANSITIONS = {
    "submit": (Announcement.State.DRAFT, Announcement.State.SUBMITTED),
    "approve": (Announcement.State.SUBMITTED, Announcement.State.APPROVED),
    "publish": (Announcement.State.APPROVED, Announcement.State.PUBLISHED),
    "return": (Announcement.State.SUBMITTED, Announcement.State.DRAFT),
}


def published_document_ids() -> set[int]:
    """Documents a published list has dealt with: listed whole, or taken off by an officer with a reason (so a
    decision not to list one is not undone by next year's draft)."""
    return set(
        AnnouncementRow.objects.filter(announcement__state=Announcement.State.PUBLISHED, scope="whole").values_list(
            "document_id", flat=True
        )
    )


@transaction.atomic
def create_draft(*, actor: Any, year: int, issuers: list[Authority]) -> Announcement:
    codes = tuple(sorted(a.code for a in issuers))
    names = ", ".join(a.name for a in issuers) or "tất cả cơ quan"
    announcement = Announcement.objects.create(
        year=year,
        title=f"Danh mục văn bản quy phạm pháp luật hết hiệu lực, ngưng hiệu lực năm {year} ({names})",
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    announcement.issuers.set(issuers)
    rows = [
        AnnouncementRow(
            announcement=announcement,
            document_id=p.document_id,
            scope=p.scope,
            status=p.status,
            reason=p.reason,
            since=p.since,
            caused_by=p.caused_by,
            provisions=p.provisions,
            note="Bổ sung: chưa có trong danh mục đã công bố / missed in earlier lists" if p.missed else "",
        )
        for p in compute.yearly(year, codes, published_document_ids())
    ]
    AnnouncementRow.objects.bulk_create(rows, batch_size=2_000)
    after = audit.snapshot(announcement)
    after["rows"] = len(rows)
    audit.record(actor=actor, action="create", instance=announcement, before=None, after=after, source=SOURCE)
    return announcement


@transaction.atomic
def transition(*, actor: Any, announcement: Announcement, action: str, expected_version: int | None) -> Announcement:
    ann = lock_at_version(announcement, expected_version)
    source_state, target_state = TRANSITIONS[action]
    if ann.state != source_state:
        raise ApplicationError(
            "invalid_transition",
            f"Không thể '{action}' một danh mục đang ở trạng thái '{ann.state}'.",
            f"Cannot '{action}' a list that is '{ann.state}'.",
            status=409,
        )
    before = audit.snapshot(ann)
    ann.state = target_state
    if target_state == Announcement.State.PUBLISHED:
        ann.published_on = selectors.today()
    ann.version += 1
    ann.save()
    audit.record(actor=actor, action="update", instance=ann, before=before, after=audit.snapshot(ann), source=SOURCE)
    # Submitted (or further): the "draft made, review and submit it" notices have been acted on.
    notices.record(ann.pk)
    return ann


def _editable(ann: Announcement) -> None:
    if ann.state != Announcement.State.DRAFT:
        raise ApplicationError(
            "not_a_draft",
            "Chỉ sửa được danh mục ở trạng thái dự thảo.",
            "Only a draft list can be edited.",
            status=409,
        )


def _reason(note: str) -> str:
    if not note.strip():
        raise ApplicationError("note_required", "Cần ghi lý do.", "A reason is required.", field="note")
    return note.strip()


_FITS = {
    AnnouncementRow.Scope.WHOLE: (Status.EXPIRED, Status.SUSPENDED),
    AnnouncementRow.Scope.PARTIAL: (Status.PARTIALLY_EXPIRED, Status.PARTIALLY_SUSPENDED),
}


def _check_fits(document: Document, status: Status, scope: str, year: int) -> None:
    """A row states the document's status at the end of the year, so that status must be the list's kind.

    A document the catalogue still shows in force cannot be published as expired: record what ended it
    (the replacing or repealing document, or its end date) first, and the engine will agree.
    """
    if status in _FITS[AnnouncementRow.Scope(scope)]:
        return
    label = STATUS_LABELS[status]
    part_vi, part_en = ("toàn bộ", "in whole") if scope == AnnouncementRow.Scope.WHOLE else ("một phần", "in part")
    raise ApplicationError(
        "not_expired",
        f"Ngày 31/12/{year}, văn bản {document.number} có tình trạng “{label['vi']}”, không phải hết hiệu lực, ngưng "
        f"hiệu lực {part_vi}. Hãy ghi nhận văn bản tác động (hoặc ngày hết hiệu lực) trước.",
        f"On 31 December {year} {document.number} is “{label['en']}”, not expired or suspended {part_en}. Record "
        "the document that acted on it (or its end date) first.",
        field="document",
    )


def _check_published(document: Document) -> None:
    """A list is published to everyone, so it names published documents only, as its computation does: a draft
    added by hand would reach the public with the list."""
    if not document.published:
        raise ApplicationError(
            "not_published",
            f"Văn bản {document.number} chưa được công bố (bản nháp), không thể đưa vào danh mục công bố.",
            f"{document.number} is a draft (not published) and cannot be put on a list that will be published.",
            field="document",
        )


@transaction.atomic
def add_row(
    *, actor: Any, announcement: Announcement, expected_version: int | None, document: Document, scope: str, note: str
) -> AnnouncementRow:
    """An officer adds a document the computation missed; its status is the engine's at the end of the year."""
    ann = lock_at_version(announcement, expected_version)
    _editable(ann)
    note = _reason(note)
    _check_published(document)
    answer = selectors.validity_on(document, dt.date(ann.year, 12, 31))
    _check_fits(document, answer.status, scope, ann.year)
    row, _created = AnnouncementRow.objects.update_or_create(
        announcement=ann,
        document=document,
        scope=scope,
        defaults={
            "status": answer.status.value,
            "reason": answer.reason.value,
            "since": answer.since,
            "caused_by": compute._causes(answer.caused_by),
            "provisions": [p.to_dict() for p in answer.provisions],
            "added_manually": True,
            "removed": False,
            "note": note,
        },
    )
    ann.version += 1
    ann.save()
    audit.record(actor=actor, action="create", instance=row, before=None, after=audit.snapshot(row), source=SOURCE)
    return row


@transaction.atomic
def remove_row(*, actor: Any, row: AnnouncementRow, expected_version: int | None, note: str) -> AnnouncementRow:
    """An officer takes a row off the draft; it is kept, marked removed, with the reason."""
    ann = lock_at_version(row.announcement, expected_version)
    _editable(ann)
    note = _reason(note)
    before = audit.snapshot(row)
    row.removed, row.note = True, note
    row.save()
    ann.version += 1
    ann.save()
    audit.record(actor=actor, action="update", instance=row, before=before, after=audit.snapshot(row), source=SOURCE)
    return row


def yearly_draft(year: int) -> Announcement | None:
    """The beat task's draft of `year`'s list, for the province-level authorities, made once: None when a list
    of that year exists already. The legal officers and admins are notified in the app (and by e-mail)."""
    if Announcement.objects.filter(year=year).exists():
        return None
    issuers = list(Authority.objects.filter(level="province").order_by("code"))
    announcement = create_draft(actor="system", year=year, issuers=issuers)
    notices.tell_officers_of_draft(announcement, selectors.today())
    return announcement
