"""A fixed-window rate limit that costs one round trip per request.

DRF's SimpleRateThrottle reads and rewrites a list of timestamps per client (two cache round trips and a growing
value), and Django's Redis cache builds a client per call: together most of a cached public lookup's CPU. A
counter per client and window is enough to stop abuse (a burst of up to twice the rate can pass across a window
boundary). With Redis, one INCR on a persistent connection (EXPIRE once per window); without it, the Django
cache is used.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

_client_lock = threading.Lock()
_client: Any = None


def _redis() -> Any:
    global _client
    if not settings.REDIS_URL:
        return None
    with _client_lock:
        if _client is None:
            import redis

            _client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1)
        return _client


class FixedWindowThrottle(SimpleRateThrottle):
    """Rate from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][view.throttle_scope]."""

    def __init__(self) -> None:  # the scope is only known in allow_request, from the view
        self.limit = 0
        self.window = 60

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        scope = getattr(view, "throttle_scope", "")
        return f"throttle:{scope}:{self.get_ident(request)}:{int(time.time()) // self.window}"

    def allow_request(self, request: Request, view: Any) -> bool:
        rate = self.THROTTLE_RATES.get(getattr(view, "throttle_scope", None) or "")
        if rate is None:
            return True
        limit, window = self.parse_rate(rate)
        if limit is None or window is None:
            return True
        self.limit, self.window = limit, window
        key = f"hieuluc:{self.get_cache_key(request, view)}"
        client = _redis()
        if client is not None:
            try:
                count = int(client.incr(key))
                if count == 1:  # the window's first request sets its expiry; later ones are one command
                    client.expire(key, window + 1)
                return bool(count <= limit)
            except Exception:  # Redis down: do not turn the public site off over a rate limit
                return True
        try:
            count = self.cache.incr(key)
        except ValueError:  # first request of the window
            self.cache.add(key, 0, window + 1)
            count = self.cache.incr(key)
        return bool(count <= limit)

    def wait(self) -> float | None:
        return float(self.window - int(time.time()) % self.window)
