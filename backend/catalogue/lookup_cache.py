"""A cache of public lookup answers, invalidated by a catalogue version number.

Any write to legal data (documents, relations, authorities, a status change from the daily pass) bumps the
version after commit. An answer is stored with the version it was computed at and served only while that version
is current. The lookup stores two kinds of value: a whole answer (number, issuer, date, language) and the
date-independent facts of a number (its documents and their incoming relations), so a new date for a known
number is evaluated without the database. Both live in each worker's memory (a Redis round trip cost more
than computing some answers); the shared version is re-read at most every VERSION_TTL seconds, so another
worker's write shows here within that time, and this worker's own writes at once. Disable with HIEULUC_LOOKUP_CACHE=0.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any

from django.conf import settings
from django.core.cache import cache

VERSION_KEY = "hieuluc:catalogue:version"
VERSION_TTL = 1.0  # seconds: the longest a write in another process can go unnoticed by this one
MAX_ANSWERS = 20_000

_lock = threading.Lock()
_answers: OrderedDict[tuple[str, ...], tuple[int, Any]] = OrderedDict()
_version: tuple[int, float] = (0, 0.0)  # (value, monotonic time read)


def enabled() -> bool:
    return bool(getattr(settings, "HIEULUC_LOOKUP_CACHE", True))


def version() -> int:
    global _version
    value, read_at = _version
    now = time.monotonic()
    if now - read_at < VERSION_TTL and value:
        return value
    shared = cache.get(VERSION_KEY)
    if shared is None:
        cache.add(VERSION_KEY, 1, None)
        shared = cache.get(VERSION_KEY, 1)
    _version = (int(shared), now)
    return int(shared)


def bump() -> None:
    """Make every cached answer stale, here at once and in other workers within VERSION_TTL."""
    global _version
    try:
        value = int(cache.incr(VERSION_KEY))
    except ValueError:  # never set, or evicted: any new value invalidates
        value = int(time.time() * 1000)
        cache.set(VERSION_KEY, value, None)
    _version = (value, time.monotonic())


Slot = tuple[tuple[str, ...], int]


def get(key: tuple[str, ...]) -> tuple[Slot, Any]:
    """The value stored under `key` at the current version, or None; the slot is where `put` stores it."""
    current = version()
    with _lock:
        stored = _answers.get(key)
        if stored is not None and stored[0] == current:
            _answers.move_to_end(key)
            return (key, current), stored[1]
    return (key, current), None


def put(slot: Slot, value: Any) -> None:
    key, at_version = slot
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
