"""A cache of public lookup answers, invalidated exactly by a catalogue version number.

Any write to legal data (documents, relations, authorities, a status change from the daily pass) bumps the
version after commit, so a cached answer is never older than the last committed change. The answer for a
given date depends only on the data, so the key is (version, number key, issuer, date, language).
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


def _key(number_key: str, issuer: str | None, on: dt.date, lang: str) -> str:
    return f"hieuluc:lookup:{version()}:{number_key}:{issuer or ''}:{on.isoformat()}:{lang}"


def get(number_key: str, issuer: str | None, on: dt.date, lang: str) -> tuple[str, Any]:
    key = _key(number_key, issuer, on, lang)
    return key, cache.get(key)


def put(key: str, answer: Any) -> None:
    cache.set(key, answer, ANSWER_TTL)
