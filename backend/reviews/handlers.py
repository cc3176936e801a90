"""Catalogue events -> the review workflow's tasks, enqueued by id (events are sent after commit)."""

from __future__ import annotations

import logging
from typing import Any

from django.dispatch import receiver

from backend.catalogue import events

log = logging.getLogger(__name__)


def _enqueue(task: Any, *args: Any) -> None:
    # The write that caused the event has committed: a broker outage must not turn it into an error. The review
    # can still be opened by hand; the log says what was missed.
    try:
        task.delay(*args)
    except Exception:
        log.warning("Could not enqueue %s%s", task.name, args, exc_info=True)


@receiver(events.relation_added)
def on_relation_added(sender: Any, relation_id: int, **kwargs: Any) -> None:
    from workers.tasks import reviews_on_relation_added

    _enqueue(reviews_on_relation_added, relation_id)


@receiver(events.status_changed)
def on_status_changed(sender: Any, document_id: int, status: str, changed_on: Any, **kwargs: Any) -> None:
    if status != "expired":
        return
    from workers.tasks import reviews_on_document_expired

    _enqueue(reviews_on_document_expired, document_id, str(changed_on))
