"""Domain events of the catalogue.

`publish` records an event for each consumer that wants it (search indexing, review triggers, the lookup cache)
in the outbox, in the transaction that caused it; the outbox delivers it after commit and again until done
(backend/outbox). No consumer ever sees a rolled-back write, and none misses a committed one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from backend.outbox import relay


@dataclass(frozen=True)
class Event:
    name: str

    def __str__(self) -> str:
        return self.name


document_changed = Event("document_changed")
"""A document was created, edited or deleted. Payload: document_id, action."""

relation_added = Event("relation_added")
"""A relation between two documents was recorded. Payload: relation_id, source_id, target_id, kind."""

relation_removed = Event("relation_removed")
"""A relation was removed. Payload: relation_id, source_id, target_id, kind."""

reference_changed = Event("reference_changed")
"""An authority, document type or field was created, edited or deleted. Payload: model, pk."""

status_changed = Event("status_changed")
"""A document's stored status changed. Payload: document_id, previous_status, status, changed_on (ISO date)."""

text_changed = Event("text_changed")
"""A document's point-in-time text changed: an operation acting on it was confirmed, corrected, rejected or restored
(backend.consolidation). Payload: document_id. Not in ALL: the lookup answers hold no text."""

ALL = (document_changed, relation_added, relation_removed, reference_changed, status_changed)


def publish(event: Event, **payload: Any) -> None:
    """Record `event` in the current transaction; its consumers get it after commit."""
    relay.record(event.name, [payload])


def publish_many(event: Event, payloads: list[dict[str, Any]]) -> None:
    """Record many events of one kind with one insert (the daily pass changes thousands of statuses)."""
    relay.record(event.name, payloads)


@contextmanager
def batch() -> Iterator[None]:
    """A bulk operation (an import, the daily pass): deliver the events of all its transactions once, at the end,
    so that consumers act once on the whole (one index task for an import, not one per document)."""
    with relay.defer_delivery():
        yield
