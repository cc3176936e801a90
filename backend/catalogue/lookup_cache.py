"""A cache of public lookup answers, invalidated by a catalogue version number.

Any write to legal data (documents, relations, authorities, a status change from the daily pass) bumps the
version after commit. An answer is stored with the version it was computed at and served only while that version
is current. The lookup stores two kinds of value: a whole answer (number, issuer, date, language) and the
date-independent facts of a number (its documents and their incoming relations), so a new date for a known
number is evaluated without the database. Both live in each worker's memory (a Redis round trip cost more
than computing some answers); the shared version is re-read at most every VERSION_TTL seconds, so another
worker's write shows here within that time, and this worker's own writes at once. Disable with HIEULUC_LOOKUP_CACHE=0.

While the shared store (Redis) cannot be read, no answer is served from or put into the cache: the lookup answers
from the database, never a possibly stale answer. The version is never reset to a small number (a restarted Redis
that lost it gets a time-based one), so an answer stored before an outage cannot match a version after it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from typing import Any

from django.conf import settings
from django.core.cache import cache

log = logging.getLogger(__name__)

VERSION_KEY = "hieuluc:catalogue:version"
VERSION_TTL = 1.0  # seconds: the longest a write in another process can go unnoticed by this one
MAX_ANSWERS = 20_000

_lock = threading.Lock()
_answers: OrderedDict[tuple[str, ...], tuple[int, Any]] = OrderedDict()
_version: tuple[int, float] = (0, 0.0)  # (value, monotonic time read)


def enabled() -> bool:
    return bool(getattr(settings, "HIEULUC_LOOKUP_CACHE", True))


def _fresh() -> int:
    return int(time.time() * 1000)  # larger than any counter value a lost key could have reached


def version() -> int | None:
    """The shared catalogue version, or None when the shared store cannot be read (then nothing is cached)."""
    global _version
    value, read_at = _version
    now = time.monotonic()
    if now - read_at < VERSION_TTL and value:
        return value
    try:
        shared = cache.get(VERSION_KEY)
        if shared is None:
            cache.add(VERSION_KEY, _fresh(), None)
            shared = cache.get(VERSION_KEY)
    except Exception:  # Redis down: degrade to the database
        log.warning("Lookup cache unavailable; answering from the database.", exc_info=True)
        # Writes made meanwhile may not have bumped the shared version: answers stored before must not come back
        # when Redis does (with its old value, if it kept its data).
        _version = (0, 0.0)
        with _lock:
            _answers.clear()
        return None
    if shared is None:
        return None
    _version = (int(shared), now)
    return int(shared)


def bump() -> None:
    """Make every cached answer stale, here at once and in other workers within VERSION_TTL.

    Raises when the shared store is down (the outbox retries it); this process forgets its answers first."""
    global _version
    _version = (0, 0.0)
    with _lock:
        _answers.clear()
    try:
        value = int(cache.incr(VERSION_KEY))
    except ValueError:  # never set, or evicted: any new value invalidates
        value = _fresh()
        cache.set(VERSION_KEY, value, None)
    _version = (value, time.monotonic())


Slot = tuple[tuple[str, ...], int | None]


def get(key: tuple[str, ...]) -> tuple[Slot, Any]:
    """The value stored under `key` at the current version, or None; the slot is where `put` stores it."""
    current = version()
    if current is None:
        return (key, None), None
    with _lock:
        stored = _answers.get(key)
        if stored is not None and stored[0] == current:
            _answers.move_to_end(key)
            return (key, current), stored[1]
    return (key, current), None


def put(slot: Slot, value: Any) -> None:
    key, at_version = slot
    if at_version is None:
        return
    with _lock:
        _answers[key] = (at_version, value)
        _answers.move_to_end(key)
        while len(_answers) > MAX_ANSWERS:
            _answers.popitem(last=False)


def clear_local() -> None:
    """Forget this process's answers and version (tests)."""
    global _version
    with _lock:
        _answers.clear()
    _version = (0, 0.0)
