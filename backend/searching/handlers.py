"""Catalogue events -> index updates, enqueued by id after commit; collected into one task during a batch."""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.dispatch import receiver

from backend.catalogue import events

log = logging.getLogger(__name__)
_pending = threading.local()


def _collect() -> set[int]:
    if not hasattr(_pending, "ids"):
        _pending.ids = set()
    return _pending.ids  # type: ignore[no-any-return]


def enqueue(ids: list[int]) -> None:
    """Queue an index update; never let it fail the write that caused it (it has committed already).

    In-process mode runs the task right here, so an engine error would otherwise surface as an error of the
    officer's save. The periodic reconciliation repairs whatever is missed.
    """
    from workers.tasks import index_documents

    try:
        index_documents.delay(ids)
    except Exception:
        log.warning("Index update failed; reconciliation will repair it. ids=%s", ids[:20], exc_info=True)


def _changed(ids: list[int]) -> None:
    if events.batching():
        _collect().update(ids)
    else:
        enqueue(ids)


@receiver(events.document_changed)
@receiver(events.status_changed)
def document_touched(sender: Any, document_id: int, **kwargs: Any) -> None:
    _changed([document_id])


@receiver(events.relation_added)
@receiver(events.relation_removed)
def relation_touched(sender: Any, source_id: int, target_id: int, **kwargs: Any) -> None:
    _changed([source_id, target_id])


@receiver(events.batch_finished)
def flush(sender: Any, **kwargs: Any) -> None:
    ids = _collect()
    if ids:
        batch = sorted(ids)
        ids.clear()
        enqueue(batch)
