"""Catalogue events -> the review workflow's tasks, and workflow events -> notices, enqueued by id after commit
(through the outbox).

Only expiries of documents that something rests on become tasks: the daily pass (or an import) can expire
thousands of documents at once, and almost none of them is anyone's legal basis. The outbox hands over all of a
pass's expiries together, and they are checked with one query.
"""

from __future__ import annotations

from backend.core.tasks import enqueue
from backend.outbox.consumers import Payload, consumer
from backend.reviews import notices


@consumer("reviews.relation_added", "relation_added")
def on_relation_added(payloads: list[Payload]) -> None:
    for payload in payloads:
        enqueue("reviews.on_relation_added", int(payload["relation_id"]))


def _is_expiry(event: str, payload: Payload) -> bool:
    return payload.get("status") == "expired"


@consumer("reviews.expired", "status_changed", wants=_is_expiry)
def on_documents_expired(payloads: list[Payload]) -> None:
    from backend.catalogue.models import Relation
    from backend.reviews.triggers import DEPENDENT_KINDS

    expired = {int(p["document_id"]): str(p["changed_on"]) for p in payloads}
    with_dependents = set(
        Relation.objects.filter(target_id__in=list(expired), kind__in=DEPENDENT_KINDS).values_list(
            "target_id", flat=True
        )
    )
    for document_id in sorted(with_dependents):
        enqueue("reviews.on_document_expired", document_id, expired[document_id])


@consumer("reviews.notices", notices.TASK_EVENT, notices.RECOMMENDATION_EVENT)
def on_workflow_changed(payloads: list[Payload]) -> None:
    """Tasks or recommendations moved: their notices follow (backend/reviews/notices.py)."""

    def ids(key: str) -> list[int]:
        return sorted({int(p[key]) for p in payloads if key in p})

    # The third list: a yearly list's ids, in rows this consumer recorded before the announcements had their own
    # (backend/announcements/handlers.py); the task hands them over, so no such row is lost in an upgrade.
    enqueue("reviews.sync_notices", ids("task_id"), ids("recommendation_id"), ids("announcement_id"))
