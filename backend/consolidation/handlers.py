"""Reactions to the catalogue's events: a document whose text, dates or publication changed has a stale point-in-time
text, and so has every document it amends."""

from __future__ import annotations

from backend.catalogue import events
from backend.consolidation import texts
from backend.outbox.consumers import Payload, consumer


@consumer("consolidation.texts", events.document_changed.name)
def forget_stale_texts(payloads: list[Payload]) -> None:
    # Idempotent: forgetting twice forgets nothing more; the next request builds the text again.
    texts.forget(int(payload["document_id"]) for payload in payloads if payload.get("document_id"))
