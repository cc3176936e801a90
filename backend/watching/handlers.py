"""Catalogue events -> watch events (backend/watching/recording.py), and their fan-out enqueued by id after commit,
through the outbox. The daily pass's changes arrive together and are fanned out as one (so an address following
two documents that change that day gets one e-mail with both)."""

from __future__ import annotations

from django.db import transaction

from backend.core.tasks import enqueue
from backend.outbox.consumers import Payload, consumer
from backend.watching import recording


def _wanted(event: str, payload: Payload) -> bool:
    if event == "document_changed":
        return payload.get("action") in ("create", "update")
    return True


@consumer("watching.events", "status_changed", "relation_added", "document_changed", wants=_wanted)
def on_catalogue_events(payloads: list[Payload]) -> None:
    statuses = [p for p in payloads if "status" in p and "changed_on" in p]
    relations = [int(p["relation_id"]) for p in payloads if "relation_id" in p]
    documents = [p for p in payloads if "action" in p]
    events = [
        *recording.status_events(statuses),
        *recording.relation_events(relations),
        *recording.new_document_events(documents),
    ]
    ids = recording.save_new(events)
    if ids:
        # After commit, so a worker reads the rows; an enqueue lost there is redone by the daily digest run
        # (events with no fanned_out_at: fanout.requeue_stalled).
        transaction.on_commit(lambda: enqueue("watching.fan_out", ids))
