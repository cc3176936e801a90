"""Reactions to the catalogue's events: a document whose text, dates or publication changed has a stale point-in-time
text, and so has every document it amends."""

from __future__ import annotations

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from backend.audit import services as audit
from backend.catalogue import events
from backend.catalogue.models import Document
from backend.consolidation import texts
from backend.consolidation.models import Operation
from backend.core.tasks import enqueue
from backend.outbox.consumers import Payload, consumer

TASK_IDS = 200  # documents read per task: reading an act takes milliseconds, its targets' trees a little more


def _ids(payloads: list[Payload]) -> list[int]:
    return sorted({int(payload["document_id"]) for payload in payloads if payload.get("document_id")})


@consumer("consolidation.texts", events.document_changed.name)
def rederive_changed(payloads: list[Payload]) -> None:
    # A document edited, published, unpublished or deleted: the texts that depend on it are forgotten now, and
    # their relations derived again in a task (what the text applies may have changed: a draft published, a
    # provision gone). Idempotent: forgetting or deriving twice changes nothing more.
    affected = sorted(texts.amended_among(texts.forget(_ids(payloads))))
    for start in range(0, len(affected), TASK_IDS):
        enqueue("consolidation.rederive", affected[start : start + TASK_IDS])


@consumer("consolidation.forget", events.text_changed.name)
def forget_after_commit(payloads: list[Payload]) -> None:
    # A text forgotten in the writing transaction may have been built again meanwhile from what a concurrent
    # reader saw before the commit: forget it once more, after the commit. Only payloads that ask for it are
    # derived again (an amending act deleted, below); rederive's own notices do not ask: no loop.
    texts.forget(_ids(payloads))
    wanted = _ids([payload for payload in payloads if payload.get("rederive")])
    for start in range(0, len(wanted), TASK_IDS):
        enqueue("consolidation.rederive", wanted[start : start + TASK_IDS])


@receiver(pre_delete, sender=Document, dispatch_uid="consolidation.amending_act_deleted")
def amending_act_deleted(sender: type[Document], instance: Document, **kwargs: object) -> None:
    """An amending act is being deleted: its operations go with it (cascade), so say now, in the deleting
    transaction, which documents it amended and audit each operation's removal; after the commit those texts are
    forgotten again and their relations derived again (the deleted act's changes leave their text and status)."""
    operations = list(Operation.objects.filter(source=instance).select_related("source"))
    for op in operations:
        before = audit.snapshot(op, exclude=("created_at", "version"))
        audit.record(actor=None, action="delete", instance=op, before=before, after=None, source="cascade")
    targets = texts.forget({op.target_id for op in operations if op.target_id} - {instance.pk})
    for pk in sorted(targets - {instance.pk}):
        events.publish(events.text_changed, document_id=pk, rederive=True)


def _written(event: str, payload: Payload) -> bool:
    return payload.get("action") in ("create", "update")


@consumer("consolidation.read", events.document_changed.name, wants=_written)
def read_instructions(payloads: list[Payload]) -> None:
    # A new or edited document may be an amending one: its instructions are read into proposed operations, by
    # id, in a task (an import's thousands of documents are a few tasks).
    ids = sorted({int(payload["document_id"]) for payload in payloads})
    for start in range(0, len(ids), TASK_IDS):
        enqueue("consolidation.propose_operations", ids[start : start + TASK_IDS])
