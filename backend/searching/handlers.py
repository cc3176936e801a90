"""Catalogue events -> index updates, enqueued by id after commit (through the outbox: retried until the broker
takes them). Many events are one task: an import's or the daily pass's events arrive together."""

from __future__ import annotations

from collections.abc import Iterable

from backend.consolidation.models import Operation
from backend.core.tasks import enqueue
from backend.outbox.consumers import Payload, consumer

TASK_IDS = 1_000  # documents per index task: well within a short task's time limit


def _ids(payload: Payload) -> list[int]:
    if "document_id" in payload:
        return [int(payload["document_id"])]
    return [int(payload["source_id"]), int(payload["target_id"])]


def _amended_by(documents: Iterable[int]) -> set[int]:
    """The documents whose text in force is built from operations of these (an amending act edited, published or
    unpublished changes what they say). One query; a deleted act's operations are gone with it (the reconciliation
    finds its targets by their fingerprint)."""
    wanted = list(documents)
    if not wanted:
        return set()
    acting = Operation.objects.filter(source_id__in=wanted, target__isnull=False).order_by()
    return set(acting.values_list("target_id", flat=True).distinct())


# text_changed: confirming an operation changes the indexed text (today's version) even when the derived relations
# stay the same (a second change to an already amended provision, a corrected new text), so it has its own event.
@consumer("search.index", "document_changed", "status_changed", "relation_added", "relation_removed", "text_changed")
def index_documents(payloads: list[Payload]) -> None:
    named = {pk for payload in payloads for pk in _ids(payload)}
    edited = (int(payload["document_id"]) for payload in payloads if "action" in payload)  # document_changed
    ids = sorted(named | _amended_by(edited))
    for start in range(0, len(ids), TASK_IDS):
        enqueue("search.index_documents", ids[start : start + TASK_IDS])
