"""A yearly list moved -> its notices follow, enqueued by id after commit (through the outbox)."""

from __future__ import annotations

from backend.announcements import notices
from backend.core.tasks import enqueue
from backend.outbox.consumers import Payload, consumer


@consumer("announcements.notices", notices.EVENT)
def on_announcement_changed(payloads: list[Payload]) -> None:
    """Backend/announcements/notices.py closes the notices of the lists that are no longer drafts."""
    enqueue("announcements.sync_notices", sorted({int(p["announcement_id"]) for p in payloads}))
