"""Domain events of the catalogue. Each is sent only after the transaction that caused it commits."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.dispatch import Signal

document_changed = Signal()
"""A document was created, edited or deleted. kwargs: document_id, action."""

relation_added = Signal()
"""A relation between two documents was recorded. kwargs: relation_id, source_id, target_id, kind."""

relation_removed = Signal()
"""A relation was removed. kwargs: relation_id, source_id, target_id, kind."""

reference_changed = Signal()
"""An authority, document type or field was created, edited or deleted. kwargs: model, pk."""

status_changed = Signal()
"""A document's stored status changed. kwargs: document_id, previous_status, status, changed_on."""


batch_finished = Signal()
"""The outermost `batch()` block ended; handlers that collected work during it act on it now. No kwargs."""

_batch = threading.local()


def publish(signal: Signal, **kwargs: Any) -> None:
    """Send `signal` after commit, so no handler ever sees (or enqueues work for) a rolled-back write."""
    transaction.on_commit(lambda: signal.send(sender=None, **kwargs))


@contextmanager
def batch() -> Iterator[None]:
    """Mark a bulk operation (an import, the daily pass): handlers may collect work and do it once at the end.

    Events are still delivered one by one after commit; `batching()` tells a handler to collect instead of
    acting, and `batch_finished` fires when the outermost block ends.
    """
    _batch.depth = getattr(_batch, "depth", 0) + 1
    try:
        yield
    finally:
        _batch.depth -= 1
        if _batch.depth == 0:
            batch_finished.send(sender=None)


def batching() -> bool:
    return getattr(_batch, "depth", 0) > 0
