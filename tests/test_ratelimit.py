"""The per-client rate limiter: exact in one worker, shared across workers through real Redis."""

from __future__ import annotations

import os
from typing import Any

import pytest
import redis

from backend.core.ratelimit import Rate, RateLimiter, client_ident, parse_rate

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


class Clock:
    def __init__(self, now: float = 1_000_040.0) -> None:  # 20 s into a minute window
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def shared_redis() -> Any:
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    yield client
    client.flushdb()


def test_parse_rate() -> None:
    assert parse_rate("120/min") == Rate(120, 60)
    assert parse_rate("10/s") == Rate(10, 1)
    assert parse_rate("5/day") == Rate(5, 86400)
    assert parse_rate(None) is None and parse_rate("") is None
    with pytest.raises(ValueError):
        parse_rate("many/min")


def test_client_ident_trusts_only_the_configured_proxies() -> None:
    meta = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 5.6.7.8"}
    assert client_ident(meta, 0) == "10.0.0.1"
    assert client_ident(meta, 1) == "5.6.7.8"
    assert client_ident(meta, 2) == "1.2.3.4"
    assert client_ident(meta, 9) == "1.2.3.4"
    assert client_ident({"REMOTE_ADDR": "10.0.0.1"}, 1) == "10.0.0.1"


def test_one_worker_counts_exactly_per_client_and_window() -> None:
    clock = Clock()
    limiter = RateLimiter(None, clock)
    rate = Rate(3, 60)
    assert [limiter.hit("public", "a", rate) for _ in range(3)] == [None, None, None]
    assert limiter.hit("public", "a", rate) == 40.0  # refused until the minute ends
    assert limiter.hit("public", "b", rate) is None  # another client
    assert limiter.hit("search", "a", rate) is None  # another scope
    clock.now += 40
    assert limiter.hit("public", "a", rate) is None  # a new window
    assert list(limiter._counts) == ["public:60:16668:a"]  # the past window's counts were dropped at the sync


def test_workers_share_their_counts_through_redis(shared_redis: Any) -> None:
    clock = Clock()
    client = redis.Redis.from_url(REDIS_URL)
    first, second = RateLimiter(lambda: client, clock), RateLimiter(lambda: client, clock)
    rate = Rate(10, 60)
    for _ in range(6):
        assert first.hit("public", "abuser", rate) is None
    first.sync()
    assert int(shared_redis.get("hieuluc:ratelimit:public:60:16667:abuser")) == 6
    # The second worker learns the total at its first sync and then refuses past the shared limit.
    assert second.hit("public", "abuser", rate) is None
    second.sync()
    admitted = sum(second.hit("public", "abuser", rate) is None for _ in range(10))
    assert admitted == 3  # 6 + 1 + 3 = the limit of 10
    second.sync()
    first.hit("public", "abuser", rate)  # first now has one pending; its sync brings the shared total
    first.sync()
    assert first.hit("public", "abuser", rate) is not None
    assert shared_redis.ttl("hieuluc:ratelimit:public:60:16667:abuser") > 0


def test_redis_outage_falls_back_to_local_counting_without_waiting_on_every_request() -> None:
    clock = Clock()
    calls = []
    down = redis.Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2, socket_timeout=0.2)

    def factory() -> Any:
        calls.append(clock.now)
        return down

    limiter = RateLimiter(factory, clock)
    rate = Rate(5, 60)
    assert [limiter.hit("public", "a", rate) is None for _ in range(7)] == [True] * 5 + [False] * 2
    clock.now += 2  # a sync is due, but Redis failed less than FAILURE_BACKOFF ago
    limiter.hit("public", "b", rate)
    assert len(calls) == 1
    clock.now += 5
    limiter.hit("public", "b", rate)
    assert len(calls) == 2
    assert limiter.hit("public", "a", rate) is not None  # the unsent counts were kept
