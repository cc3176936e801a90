"""Per-client fixed-window rate limits, counted in each worker and shared through Redis about once a second.

Why not one Redis command per request: on a cached public lookup that round trip was the largest single cost
left (bench/lookup.py). Here each worker counts its own requests per (scope, client, window) and, at most every
SYNC_SECONDS, sends the counts it gathered to Redis in one pipeline (INCRBY + EXPIRE per key) and reads back
the totals of all workers. A request is refused when the last known total plus this worker's unsent count
reaches the limit.

The bound this gives: a client never gets more than `limit` requests a window through one worker, and across
W workers at most W x limit in the worst case (every worker admitting a burst before its first sync of the
window); from the first sync on, every worker refuses a client over the shared total. That stops abuse, which
is what the limit is for; it is not a billing meter. Without Redis (the embedded default, one process) the
local count is exact. If Redis fails, counting goes on locally and the sync is retried after FAILURE_BACKOFF
seconds, so an outage neither turns the public site off nor makes every request wait for a timeout.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)

SYNC_SECONDS = 1.0
FAILURE_BACKOFF = 5.0
REDIS_PREFIX = "hieuluc:ratelimit:"

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    limit: int
    window: int  # seconds


@functools.lru_cache(maxsize=64)
def parse_rate(rate: str | None) -> Rate | None:
    """DRF's notation: "120/min", "10/s", "1000/hour", "5/day". None or "" means no limit."""
    if not rate:
        return None
    count, _, period = rate.partition("/")
    unit = _UNITS.get(period.strip()[:1].lower())
    if unit is None or not count.strip().isdigit():
        raise ValueError(f"Invalid rate {rate!r}: expected e.g. '120/min'.")
    return Rate(int(count), unit)


def client_ident(meta: Mapping[str, Any], num_proxies: int | None) -> str:
    """The client's address, as DRF's throttles compute it (trusting NUM_PROXIES hops of X-Forwarded-For)."""
    xff = meta.get("HTTP_X_FORWARDED_FOR")
    remote = str(meta.get("REMOTE_ADDR") or "")
    if num_proxies is not None:
        if num_proxies == 0 or not xff:
            return remote
        addrs = str(xff).split(",")
        return addrs[-min(num_proxies, len(addrs))].strip()
    return "".join(str(xff).split()) if xff else remote


@dataclass
class _Count:
    shared: int = 0  # the total across workers at the last sync (this worker's sent requests included)
    pending: int = 0  # this worker's requests not yet sent


class RateLimiter:
    """Thread-safe; one per process. `redis_factory` returns a redis-py client, or None for local counting."""

    def __init__(self, redis_factory: Callable[[], Any] | None = None, clock: Callable[[], float] = time.time) -> None:
        self._redis_factory = redis_factory
        self._clock = clock
        self._lock = threading.Lock()
        self._counts: dict[str, _Count] = {}
        self._synced_at = 0.0
        self._retry_at = 0.0

    def hit(self, scope: str, ident: str, rate: Rate) -> float | None:
        """Count one request. None if it may pass, otherwise the seconds until the client's window ends."""
        now = self._clock()
        window_no = int(now) // rate.window
        key = f"{scope}:{rate.window}:{window_no}:{ident}"
        with self._lock:
            count = self._counts.get(key)
            if count is None:
                count = self._counts[key] = _Count()
            if count.shared + count.pending >= rate.limit:
                allowed = False
            else:
                count.pending += 1
                allowed = True
            due = now - self._synced_at >= SYNC_SECONDS and now >= self._retry_at
            if due:
                self._synced_at = now
        if due:
            self._sync(now)
        return None if allowed else float(rate.window - int(now) % rate.window)

    def sync(self) -> None:
        """Send the pending counts now (tests, and a worker that wants exact totals)."""
        now = self._clock()
        with self._lock:
            self._synced_at = now
        self._sync(now)

    def reset(self) -> None:
        with self._lock:
            self._counts.clear()
            self._synced_at = self._retry_at = 0.0

    def _sync(self, now: float) -> None:
        with self._lock:
            self._forget_past_windows(now)
            batch = [(key, count.pending) for key, count in self._counts.items() if count.pending]
            for _key, count in self._counts.items():
                count.shared += count.pending  # counted as sent; put back below if the send fails
                count.pending = 0
        client = self._redis_factory() if self._redis_factory is not None else None
        if client is None or not batch:
            return
        try:
            pipe = client.pipeline(transaction=False)
            for key, pending in batch:
                pipe.incrby(REDIS_PREFIX + key, pending)
                pipe.expire(REDIS_PREFIX + key, int(key.split(":", 2)[1]) + 1)
            replies = pipe.execute()
        except Exception as exc:  # Redis down: keep counting here, try again later
            logger.warning("rate limit sync failed, counting locally for %.0f s: %s", FAILURE_BACKOFF, exc)
            with self._lock:
                self._retry_at = now + FAILURE_BACKOFF
                for key, pending in batch:
                    unsent = self._counts.get(key)
                    if unsent is not None:
                        unsent.shared -= pending
                        unsent.pending += pending
            return
        with self._lock:
            for (key, _pending), total in zip(batch, replies[::2], strict=True):
                sent = self._counts.get(key)
                if sent is not None:
                    sent.shared = max(sent.shared, int(total))

    def _forget_past_windows(self, now: float) -> None:
        stale = []
        for key in self._counts:
            _scope, window, window_no, _ident = key.split(":", 3)
            if int(window_no) < int(now) // int(window):
                stale.append(key)
        for key in stale:
            del self._counts[key]
