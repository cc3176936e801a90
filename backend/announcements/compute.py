"""Which documents go on year Y's list of expired and suspended documents, from the validity engine.

A document is listed **whole** when, at the end of Y, it is expired or suspended as a whole and that state began
during Y; **partially** when, at the end of Y, some of its provisions are expired or suspended by an event that took
effect during Y. Documents that expired as a whole before Y and never appeared on a published list are added too
(missed in earlier publications), marked as such. Each row carries the engine's status, reason, causing documents
with their dates, and for partial rows the provisions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from backend.catalogue import selectors
from backend.catalogue.models import Document
from backend.catalogue.validity import Status

WHOLE = {Status.EXPIRED, Status.SUSPENDED}
PARTIAL = {Status.PARTIALLY_EXPIRED, Status.PARTIALLY_SUSPENDED}
CHUNK = 2_000


@dataclass
class Proposal:
    document_id: int
    scope: str  # "whole" | "partial"
    status: str
    reason: str
    since: dt.date | None
    caused_by: list[dict[str, Any]] = field(default_factory=list)
    provisions: list[dict[str, Any]] = field(default_factory=list)
    missed: bool = False


def document_summary(d: Document) -> dict[str, Any]:
    """How a document appears in a list's row (the API's and the exports' source of the first four columns)."""
    return {
        "id": d.pk,
        "number": d.number,
        "type": d.doc_type.name,
        "issuer": d.issuer.code,
        "issued_on": d.issued_on.isoformat(),
        "effective_from": d.effective_from.isoformat() if d.effective_from else None,
        "title": d.title,
    }


def _causes(causes: Any) -> list[dict[str, Any]]:
    return [
        {"number": c.number, "kind": c.kind.value, "effective_on": c.effective_on.isoformat(), "source_id": c.source_id}
        for c in causes
    ]


def yearly(year: int, issuer_codes: tuple[str, ...] = (), already_published: set[int] | None = None) -> list[Proposal]:
    """The rows of year `year`'s list. `already_published`: ids of documents on a published list already."""
    return changes(dt.date(year, 1, 1), dt.date(year, 12, 31), issuer_codes, missed_unless=already_published or set())


def changes(
    start: dt.date, end: dt.date, issuer_codes: tuple[str, ...] = (), *, missed_unless: set[int] | None = None
) -> list[Proposal]:
    """Documents expired or suspended, whole or in part, by events from `start` to `end`. With `missed_unless`,
    also those expired whole before `start` whose ids are not in it (missed by earlier lists)."""
    published = missed_unless if missed_unless is not None else None
    docs = Document.objects.filter(published=True, normative=True, issued_on__lte=end).order_by("pk")
    if issuer_codes:
        docs = docs.filter(issuer__code__in=issuer_codes)
    out: list[Proposal] = []
    last = 0
    while True:
        chunk = list(docs.filter(pk__gt=last)[:CHUNK])
        if not chunk:
            return out
        last = chunk[-1].pk
        at_end = selectors.validities_on(chunk, end, with_bases=False)
        for doc in chunk:
            answer = at_end[doc.pk]
            if answer.status in WHOLE:
                during = answer.since is not None and start <= answer.since <= end
                missed = not during and published is not None and doc.pk not in published
                if during or missed:
                    out.append(
                        Proposal(
                            doc.pk,
                            "whole",
                            answer.status.value,
                            answer.reason.value,
                            answer.since,
                            _causes(answer.caused_by),
                            missed=missed,
                        )
                    )
            elif answer.status in PARTIAL:
                changed = [p for p in answer.provisions if any(start <= c.effective_on <= end for c in p.caused_by)]
                if changed:
                    dates = [c.effective_on for p in changed for c in p.caused_by if start <= c.effective_on <= end]
                    causes = {c.relation_id: c for p in changed for c in p.caused_by}
                    out.append(
                        Proposal(
                            doc.pk,
                            "partial",
                            answer.status.value,
                            changed[0].reason.value,
                            min(dates),
                            _causes(causes.values()),
                            [{"provision": p.provision, "status": p.status, "reason": p.reason.value} for p in changed],
                        )
                    )
