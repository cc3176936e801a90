"""Catalogue events -> the review workflow's tasks, enqueued by id (events are sent after commit).

Only expiries of documents that something rests on become tasks: the daily pass (or an import) can expire
thousands of documents at once, and almost none of them is anyone's legal basis. During a batch the expired ids
are collected and checked with one query when it ends.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.dispatch import receiver

from backend.catalogue import events

log = logging.getLogger(__name__)
_pending = threading.local()


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


def _expired() -> dict[int, str]:
    if not hasattr(_pending, "expired"):
        _pending.expired = {}
    return _pending.expired  # type: ignore[no-any-return]


def _enqueue_expiries(expired: dict[int, str]) -> None:
    from backend.catalogue.models import Relation
    from backend.reviews.triggers import DEPENDENT_KINDS
    from workers.tasks import reviews_on_document_expired

    with_dependents = set(
        Relation.objects.filter(target_id__in=list(expired), kind__in=DEPENDENT_KINDS).values_list(
            "target_id", flat=True
        )
    )
    for document_id in sorted(with_dependents):
        _enqueue(reviews_on_document_expired, document_id, expired[document_id])


@receiver(events.status_changed)
def on_status_changed(sender: Any, document_id: int, status: str, changed_on: Any, **kwargs: Any) -> None:
    if status != "expired":
        return
    if events.batching():
        _expired()[document_id] = str(changed_on)
        return
    _enqueue_expiries({document_id: str(changed_on)})


@receiver(events.batch_finished)
def flush(sender: Any, **kwargs: Any) -> None:
    expired = dict(_expired())
    _expired().clear()
    if expired:
        _enqueue_expiries(expired)
