"""Domain events of the catalogue. Each is sent only after the transaction that caused it commits."""

from __future__ import annotations

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


def publish(signal: Signal, **kwargs: Any) -> None:
    """Send `signal` after commit, so no handler ever sees (or enqueues work for) a rolled-back write."""
    transaction.on_commit(lambda: signal.send(sender=None, **kwargs))
