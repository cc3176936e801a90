"""Reactions of the catalogue to its own events: the public lookup's answers are stale after any write."""

from __future__ import annotations

from backend.catalogue import events, lookup_cache
from backend.outbox.consumers import Payload, consumer


@consumer("lookup_cache", *(event.name for event in events.ALL))
def invalidate_lookup_answers(payloads: list[Payload]) -> None:
    # Raises while Redis is down: the outbox retries, and meanwhile the lookup does not use its cache (it cannot
    # read the shared version), so no process serves a stale answer.
    lookup_cache.bump()
