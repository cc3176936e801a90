"""A fixed-window rate limit that costs one cache operation per request.

DRF's SimpleRateThrottle reads and rewrites a list of timestamps per client (two cache round-trips and a
growing value); on the public lookup that was a fifth of the CPU. A counter per client and window is enough
to stop abuse; a burst of up to twice the rate across a window boundary is acceptable here.
"""

from __future__ import annotations

import time
from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle


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
        key = self.get_cache_key(request, view)
        try:
            count = self.cache.incr(key)
        except ValueError:  # first request of the window
            self.cache.add(key, 0, window + 1)
            count = self.cache.incr(key)
        return bool(count <= limit)

    def wait(self) -> float | None:
        return float(self.window - int(time.time()) % self.window)
