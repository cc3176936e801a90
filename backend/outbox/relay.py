"""Record effects in the writing transaction; deliver them after commit, and again until each is done.

- `record(event, payloads)` inserts one row per interested consumer, in the caller's transaction, and asks for
  delivery right after commit. A rolled-back write leaves no row, a committed one always does.
- `deliver()` hands rows to their consumers, each consumer in its own savepoint. A failure keeps that consumer's
  rows for a later attempt, with back-off; the others are delivered and deleted.
- After a consumer fails, this process stops trying it right after commits for a few seconds (the circuit is
  open), so that a broker outage does not cost every request a connection time-out. Its rows are delivered by the
  periodic relay task (every 10 s) and by the next successful delivery in this process, which takes one round of
  what waits. A consumer's success makes its rows in back-off due at once.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone

from backend.outbox import consumers
from backend.outbox.models import Message

log = logging.getLogger(__name__)

BATCH = 2_000  # rows handed to the consumers per delivery round
MAX_ROUNDS = 50  # rounds of one relay run (a backlog larger than this waits for the next run)
OPEN_SECONDS = 5.0  # how long a failed consumer is not tried after commits in this process
MAX_BACKOFF = 300  # seconds

_state = threading.local()
_open_until: dict[str, float] = {}
_backlog = threading.Event()  # a delivery failed here: drain the rest after the next success


def record(event: str, payloads: list[consumers.Payload]) -> None:
    """Record `event` for every consumer that wants it, in the current transaction; deliver after commit."""
    rows = [
        Message(consumer=c.name, payload=payload) for payload in payloads for c in consumers.for_event(event, payload)
    ]
    if not rows:
        return
    created = Message.objects.bulk_create(rows)
    ids = [row.pk for row in created if row.pk is not None]
    # One callback per record: Django drops the callbacks of a rolled-back savepoint together with its rows.
    transaction.on_commit(lambda: _after_commit(ids))


def _after_commit(ids: list[int]) -> None:
    if deferred():
        _state.deferred.extend(ids)
        return
    deliver_after_commit(ids)


def deliver_after_commit(ids: list[int]) -> None:
    """Deliver the rows a transaction just recorded; never raise (the write has committed already). After a failure
    here, the first success also takes one round of what waits (more is the relay task's, not a request's)."""
    try:
        delivered = deliver(ids=ids, immediate=True)
        if delivered and _backlog.is_set():
            _backlog.clear()
            _deliver_round(None, False, BATCH)
    except Exception:
        log.warning("Outbox delivery after commit failed; the relay will retry.", exc_info=True)


class defer_delivery:  # a lower-case name: used as a context manager, like transaction.atomic
    """Collect the rows of many transactions (an import, the daily pass) and deliver them once, at the end."""

    def __enter__(self) -> None:
        if getattr(_state, "defer_depth", 0) == 0:
            _state.deferred = []
        _state.defer_depth = getattr(_state, "defer_depth", 0) + 1

    def __exit__(self, *exc: object) -> None:
        _state.defer_depth -= 1
        if _state.defer_depth == 0:
            ids, _state.deferred = _state.deferred, []
            if ids:
                deliver_after_commit(ids)


def deferred() -> bool:
    return getattr(_state, "defer_depth", 0) > 0


def deliver(*, ids: list[int] | None = None, immediate: bool = False, limit: int = BATCH) -> int:
    """Deliver the rows `ids` (or every due row) to their consumers, `limit` rows per round and transaction.
    Returns how many were delivered."""
    delivered = 0
    if ids is not None:
        for start in range(0, len(ids), limit):
            delivered += _deliver_round(ids[start : start + limit], immediate, limit)[1]
        return delivered
    for _ in range(MAX_ROUNDS):
        fetched, done = _deliver_round(None, immediate, limit)
        delivered += done
        if fetched < limit or not done:
            break
    return delivered


def _deliver_round(ids: list[int] | None, immediate: bool, limit: int) -> tuple[int, int]:
    now = timezone.now()
    delivered = 0
    with transaction.atomic():
        rows = Message.objects.select_for_update(skip_locked=True).order_by("pk")
        rows = rows.filter(pk__in=ids) if ids is not None else rows.filter(available_at__lte=now)
        by_consumer: dict[str, list[Message]] = defaultdict(list)
        fetched = 0
        for row in rows[:limit]:
            by_consumer[row.consumer].append(row)
            fetched += 1
        for name, messages in by_consumer.items():
            if immediate and _open_until.get(name, 0.0) > time.monotonic():
                continue  # recently failed here: leave it to the relay
            if _deliver_one(name, messages, now):
                delivered += len(messages)
    return fetched, delivered


def _deliver_one(name: str, messages: list[Message], now: dt.datetime) -> bool:
    consumer = consumers.get(name)
    pks = [m.pk for m in messages]
    if consumer is None:  # kept, and /healthz shows the backlog: dropping would lose work an upgrade forgot
        _failed(messages, LookupError(f"no consumer named {name!r} in this process"), now)
        return False
    try:
        with transaction.atomic():
            consumer.deliver([m.payload for m in messages])
    except Exception as exc:
        _open_until[name] = time.monotonic() + OPEN_SECONDS
        _backlog.set()
        _failed(messages, exc, now)
        log.warning("Outbox consumer failed; will retry. consumer=%s count=%s error=%s", name, len(pks), exc)
        return False
    _open_until.pop(name, None)
    Message.objects.filter(pk__in=pks).delete()
    # The consumer works again: what waits for it in back-off is due now, not in up to MAX_BACKOFF seconds.
    Message.objects.filter(consumer=name, available_at__gt=now).update(available_at=now)
    return True


def _failed(messages: list[Message], exc: BaseException, now: dt.datetime) -> None:
    error = f"{type(exc).__name__}: {exc}"[:2000]
    for message in messages:
        message.attempts += 1
        message.available_at = now + dt.timedelta(seconds=min(2**message.attempts, MAX_BACKOFF))
        message.last_error = error
    Message.objects.bulk_update(messages, ["attempts", "available_at", "last_error"])


def pending() -> dict[str, Any]:
    """What is waiting, for /healthz: the number of rows and the age of the oldest, in seconds."""
    oldest = Message.objects.order_by("pk").values_list("created_at", flat=True).first()
    return {
        "pending": Message.objects.count(),
        "oldest_seconds": round((timezone.now() - oldest).total_seconds(), 1) if oldest else 0,
    }


def reset() -> None:
    """Forget this process's open circuits (tests)."""
    _open_until.clear()
    _backlog.clear()
