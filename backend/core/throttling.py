"""The project's rate limits: DRF's throttle interface over backend.core.ratelimit.

One RateLimiter per process, shared by the DRF views (the search API) and the public lookup's plain view,
with Redis (REDIS_URL) as the place where the workers' counts meet.
"""

from __future__ import annotations

import ipaddress
import threading
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

from backend.core.ratelimit import RateLimiter, client_ident, parse_rate

_client_lock = threading.Lock()
_client: Any = None
_client_url: str | None = None


def _redis() -> Any:
    """A persistent redis-py client for REDIS_URL (re-made if the setting changes), or None without Redis."""
    global _client, _client_url
    url = settings.REDIS_URL
    if not url:
        return None
    with _client_lock:
        if _client is None or _client_url != url:
            import redis

            _client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
            _client_url = url
        return _client


limiter = RateLimiter(_redis)


def client_ip(request: HttpRequest) -> str:
    """The client's address for rate limits and sign-in lockouts (django-axes' AXES_CLIENT_IP_CALLABLE).

    Trusts HIEULUC_NUM_PROXIES hops of X-Forwarded-For, as the throttles do. A value that is not an IP address
    (a misconfigured proxy, a forged header) falls back to the connecting address: axes stores it as one.
    """
    ident = client_ident(request.META, api_settings.NUM_PROXIES)
    try:
        return str(ipaddress.ip_address(ident))
    except ValueError:
        return str(request.META.get("REMOTE_ADDR") or "0.0.0.0")


def check(request: HttpRequest, scope: str) -> float | None:
    """Count a request against `scope`'s rate. None if it may pass, else the seconds to wait."""
    rate = parse_rate(api_settings.DEFAULT_THROTTLE_RATES.get(scope))
    if rate is None:
        return None
    return limiter.hit(scope, client_ident(request.META, api_settings.NUM_PROXIES), rate)


def check_key(scope: str, key: str) -> float | None:
    """Count a hit of `scope`'s rate against `key` rather than the client (the watching API limits each e-mail
    address, by its hash, whatever client sends it). None if it may pass, else the seconds to wait."""
    rate = parse_rate(api_settings.DEFAULT_THROTTLE_RATES.get(scope))
    if rate is None:
        return None
    return limiter.hit(scope, key, rate)


def reset() -> None:
    """Forget this process's counts and client (tests)."""
    global _client, _client_url
    limiter.reset()
    with _client_lock:
        _client = _client_url = None


class FixedWindowThrottle(BaseThrottle):
    """Rate from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][view.throttle_scope]."""

    def __init__(self) -> None:
        self._wait: float | None = None

    def allow_request(self, request: Request, view: Any) -> bool:
        self._wait = check(request._request, getattr(view, "throttle_scope", "") or "")
        return self._wait is None

    def wait(self) -> float | None:
        return self._wait
