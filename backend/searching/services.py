"""Keep the search index equal to the catalogue: upsert on change, reconcile periodically, rebuild on demand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q

from backend.catalogue.models import Document
from backend.catalogue.selectors import today
from backend.consolidation.models import Operation
from backend.core.tasks import enqueue
from backend.searching import engine
from backend.searching.documents import indexed_documents
from backend.searching.handlers import TASK_IDS

BATCH = 500


def index_documents(ids: Iterable[int]) -> tuple[int, int]:
    """Upsert the documents with `ids` that exist and delete the others. Idempotent; returns (upserted, deleted)."""
    wanted = sorted(set(ids))
    found = list(indexed_documents(wanted))
    missing = sorted(set(wanted) - {doc.id for doc in found})
    current = engine.current()
    for start in range(0, len(found), BATCH):
        current.upsert(found[start : start + BATCH])
    if missing:
        current.delete(missing)
    return len(found), len(missing)


def reindex_texts_taking_effect(on: dt.date | None = None) -> list[int]:
    """Enqueue the indexing of the documents whose text in force changes on `on` (default today): the targets of
    confirmed operations of published documents that apply that day, or whose suspension ends that day. Nothing
    is forgotten or built: the stored texts are per date already, and indexing reads the one in force. Idempotent.
    Returns the ids."""
    day = on or today()
    due = Operation.objects.filter(state="confirmed", source__published=True, target__isnull=False).filter(
        Q(applies_on=day) | Q(ends_on=day)
    )
    ids = sorted(set(due.values_list("target_id", flat=True)))
    for start in range(0, len(ids), TASK_IDS):
        enqueue("search.index_documents", ids[start : start + TASK_IDS])
    return ids


@dataclass(frozen=True)
class ReconcileReport:
    checked: int
    upserted: int
    deleted: int


def reconcile() -> ReconcileReport:
    """Compare every document's fingerprint with the index and repair the differences.

    Catches what a lost message missed: an update made while the broker or the engine was down.
    """
    current = engine.current()
    in_index = current.fingerprints()
    stale: list[int] = []
    checked = 0
    for doc in indexed_documents():
        checked += 1
        if in_index.pop(doc.id, None) != doc.fingerprint():
            stale.append(doc.id)
    extra = sorted(in_index)  # indexed, but no longer in the catalogue
    upserted, _ = index_documents(stale) if stale else (0, 0)
    if extra:
        current.delete(extra)
    return ReconcileReport(checked=checked, upserted=upserted, deleted=len(extra))


def rebuild(progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the whole index from the catalogue (on Elasticsearch: a new index, then an alias swap)."""
    total = Document.objects.count()
    done = 0

    def documents() -> Iterable:  # type: ignore[type-arg]
        nonlocal done
        for doc in indexed_documents():
            done += 1
            if progress and (done % 200 == 0 or done == total):
                progress(done, total)
            yield doc

    return engine.current().rebuild(documents())
