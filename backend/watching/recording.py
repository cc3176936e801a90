"""Catalogue events -> WatchEvent rows, one per source event (its `key`), so a re-delivered message adds nothing.

- `status_changed` of a public document: "status:<doc>:<status>:<date>", with the reason and the causing documents
  the daily pass recorded (StatusChange); not a status dated before the document was catalogued (its past);
- `relation_added` where a public document amends, supplements, replaces, repeals, suspends or corrects a public
  document: "relation:<relation id>" (an edited relation keeps its key: told once);
- `document_changed` of a document that is public for the first time (created published, or a draft published):
  "new:<doc>"; and the relations it records on others, which could not be told while it was a draft.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.utils import timezone

from backend.audit.models import AuditEntry
from backend.catalogue import selectors as catalogue
from backend.catalogue.models import Document, Relation, StatusChange
from backend.watching.models import WatchEvent

Payload = dict[str, Any]


def _causes(caused_by: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"id": c.get("id"), "number": c.get("number", "")} for c in caused_by if isinstance(c, dict)]


def status_events(payloads: Iterable[Payload]) -> list[WatchEvent]:
    wanted = {(int(p["document_id"]), str(p["status"]), str(p["changed_on"])): p for p in payloads}
    created = dict(
        Document.objects.filter(pk__in={k[0] for k in wanted}, published=True).values_list("pk", "created_at")
    )
    public = set(created)
    changes = {
        (c.document_id, c.status, c.changed_on.isoformat()): c
        for c in StatusChange.objects.filter(document_id__in=public, status__in={k[1] for k in wanted})
    }
    events = []
    for (doc, status, on), payload in wanted.items():
        if doc not in public or dt.date.fromisoformat(on) < timezone.localdate(created[doc]):
            # A status from before the document was catalogued (its history, recorded at creation) is no news:
            # its "new" event tells it; the relation that caused one is its own event.
            continue
        change = changes.get((doc, status, on))
        events.append(
            WatchEvent(
                key=f"status:{doc}:{status}:{on}",
                kind=WatchEvent.EventKind.STATUS,
                document_id=doc,
                happened_on=dt.date.fromisoformat(on),
                payload={
                    "previous_status": str(payload.get("previous_status", "")),
                    "status": status,
                    "reason": change.reason if change else "",
                    "caused_by": _causes(change.caused_by) if change else [],
                },
            )
        )
    return events


def relation_events(relation_ids: Iterable[int]) -> list[WatchEvent]:
    relations = Relation.objects.filter(
        pk__in=list(relation_ids),
        kind__in=catalogue.ACTING_KINDS,
        source__published=True,
        target__published=True,
    ).select_related("source")
    today = catalogue.today()
    return [
        WatchEvent(
            key=f"relation:{rel.pk}",
            kind=WatchEvent.EventKind.RELATION,
            document_id=rel.target_id,
            happened_on=today,  # recorded today; the day it acts is in the payload
            payload={
                "relation_kind": rel.kind,
                "source_id": rel.source_id,
                "source_number": rel.source.number,
                "effective_on": rel.effective_on.isoformat(),
                "provisions": list(rel.provisions or []),
            },
        )
        for rel in relations
    ]


def _newly_public(payloads: Iterable[Payload]) -> list[int]:
    """The documents of these events that are public and became so by this write: created published, or an
    update that published a draft (the audit log's before/after says which)."""
    created = {int(p["document_id"]) for p in payloads if p.get("action") == "create"}
    updated = {int(p["document_id"]) for p in payloads if p.get("action") == "update"}
    public = set(Document.objects.filter(pk__in=created | updated, published=True).values_list("pk", flat=True))
    published_by_update = set()
    if updated & public:
        published_by_update = {
            int(pk)
            for pk in AuditEntry.objects.filter(
                Q(before__published=False) & Q(after__published=True),
                object_type="catalogue.document",
                object_id__in=[str(pk) for pk in updated & public],
                action="update",
            ).values_list("object_id", flat=True)
        }
    return sorted((created & public) | published_by_update)


def new_document_events(payloads: Iterable[Payload]) -> list[WatchEvent]:
    ids = _newly_public(payloads)
    today = catalogue.today()
    events = [
        WatchEvent(key=f"new:{pk}", kind=WatchEvent.EventKind.NEW, document_id=pk, happened_on=today, payload={})
        for pk in ids
    ]
    acting = Relation.objects.filter(source_id__in=ids).values_list("pk", flat=True)
    return events + relation_events(acting)


def save_new(events: list[WatchEvent]) -> list[int]:
    """Insert the events whose key is not there yet; the ids of those inserted now (to fan out)."""
    if not events:
        return []
    unique = {e.key: e for e in events}
    existing = set(WatchEvent.objects.filter(key__in=list(unique)).values_list("key", flat=True))
    fresh = [e for key, e in unique.items() if key not in existing]
    WatchEvent.objects.bulk_create(fresh, ignore_conflicts=True)
    return list(
        WatchEvent.objects.filter(key__in=[e.key for e in fresh], fanned_out_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
