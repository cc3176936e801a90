"""Reactions to the catalogue's events: a document whose text, dates or publication changed has a stale point-in-time
text, and so has every document it amends."""

from __future__ import annotations

from backend.catalogue import events
from backend.consolidation import texts
from backend.core.tasks import enqueue
from backend.outbox.consumers import Payload, consumer

TASK_IDS = 200  # documents read per task: reading an act takes milliseconds, its targets' trees a little more


@consumer("consolidation.texts", events.document_changed.name)
def forget_stale_texts(payloads: list[Payload]) -> None:
    # Idempotent: forgetting twice forgets nothing more; the next request builds the text again.
    texts.forget(int(payload["document_id"]) for payload in payloads if payload.get("document_id"))


def _written(event: str, payload: Payload) -> bool:
    return payload.get("action") in ("create", "update")


@consumer("consolidation.read", events.document_changed.name, wants=_written)
def read_instructions(payloads: list[Payload]) -> None:
    # A new or edited document may be an amending one: its instructions are read into proposed operations, by
    # id, in a task (an import's thousands of documents are a few tasks).
    ids = sorted({int(payload["document_id"]) for payload in payloads})
    for start in range(0, len(ids), TASK_IDS):
        enqueue("consolidation.propose_operations", ids[start : start + TASK_IDS])
