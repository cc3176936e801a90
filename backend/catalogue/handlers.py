"""Reactions of the catalogue to its own events.

Search indexing and review triggers connect their own handler modules when those apps land.
"""

from __future__ import annotations

import logging
from typing import Any

from django.dispatch import receiver

from backend.catalogue import events, lookup_cache

log = logging.getLogger(__name__)


@receiver(events.document_changed)
@receiver(events.relation_added)
@receiver(events.relation_removed)
@receiver(events.reference_changed)
@receiver(events.status_changed)
def invalidate_lookup_answers(sender: Any, **kwargs: Any) -> None:
    lookup_cache.bump()


@receiver(events.status_changed)
def log_status_change(sender: Any, **kwargs: Any) -> None:
    log.debug(
        "Document status changed. document_id=%s %s -> %s on %s",
        kwargs.get("document_id"),
        kwargs.get("previous_status"),
        kwargs.get("status"),
        kwargs.get("changed_on"),
    )
