"""A cache of public lookup answers, invalidated exactly by a catalogue version number.

Any write to legal data (documents, relations, authorities, a status change from the daily pass) bumps the
version after commit, so a cached answer is never older than the last committed change. The answer for a
given date depends only on the data, so it is stored under (number key, issuer, date, language) together
with the version it was computed at, and served only while that version is current.
Disable with HIEULUC_LOOKUP_CACHE=0.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.cache import cache

VERSION_KEY = "hieuluc:catalogue:version"
ANSWER_TTL = 6 * 3600


def enabled() -> bool:
    return bool(getattr(settings, "HIEULUC_LOOKUP_CACHE", True))


def version() -> int:
    value = cache.get(VERSION_KEY)
    if value is None:
        cache.add(VERSION_KEY, 1, None)
        value = cache.get(VERSION_KEY, 1)
    return int(value)


def bump() -> None:
    """Make every cached answer stale. Call after commit (the event handlers do)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # never set, or evicted: any new value invalidates
        cache.set(VERSION_KEY, int(dt.datetime.now().timestamp() * 1000), None)


def get(number_key: str, issuer: str | None, on: dt.date, lang: str) -> tuple[tuple[str, int], Any]:
    """One cache round-trip: the current version and the stored answer, which is valid only for that version."""
    key = f"hieuluc:lookup:{number_key}:{issuer or ''}:{on.isoformat()}:{lang}"
    found = cache.get_many([VERSION_KEY, key])
    current = found.get(VERSION_KEY)
    if current is None:
        current = version()
    stored = found.get(key)
    if stored is not None and stored[0] == current:
        return (key, current), stored[1]
    return (key, int(current)), None


def put(slot: tuple[str, int], answer: Any) -> None:
    key, at_version = slot
    cache.set(key, (at_version, answer), ANSWER_TTL)
