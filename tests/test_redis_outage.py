"""Redis (the cache and the broker) goes down under the service, then comes back (issue #11, section 2).

The promises: public lookups answer 200 from the database, writes answer 201 once and are not half-done,
/healthz says "degraded"; what a write must still cause (index update, cache invalidation) waits in the outbox and
is delivered when Redis is back, with no reconciliation run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from django.test import override_settings
from django.utils import timezone

from backend.catalogue import lookup_cache
from backend.catalogue.models import Document
from backend.core import throttling
from backend.outbox import relay
from backend.outbox.models import Message
from tests.catalogue import factories as f
from tests.redis_server import PrivateRedis, forget_pools
from workers.celery import app

pytestmark = pytest.mark.django_db

LOOKUP = "/api/v1/public/lookup/"


@pytest.fixture
def redis_service(tmp_path: Path) -> Iterator[PrivateRedis]:
    """The service configured as in production: Redis is its cache, broker and rate-limit store."""
    server = PrivateRedis(tmp_path)
    server.start()
    cache_settings = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": server.url}}
    saved = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = server.url
    forget_pools()
    _forget_local_state()
    try:
        with override_settings(REDIS_URL=server.url, CACHES=cache_settings):
            yield server
    finally:
        app.conf.task_always_eager, app.conf.broker_url = saved
        forget_pools()
        _forget_local_state()
        server.stop()


def _forget_local_state() -> None:
    lookup_cache.clear_local()
    throttling.reset()
    relay.reset()


def _payload(number: str) -> dict[str, object]:
    return {
        "number": number,
        "type": "Quyết định",
        "issuer": "UBND-AG",
        "title": "Quy định về quản lý chợ",
        "issued_on": "2026-01-05",
        "effective_from": "2026-01-15",
    }


def test_lookups_and_writes_degrade_to_the_database_and_catch_up(
    anon: Any, officer_api: Any, redis_service: PrivateRedis, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        f.authority("UBND-AG")
        f.document("15/2017/QĐ-UBND", issued="2017-05-02", effective="2017-05-12")
    Message.objects.all().delete()  # what setting up sent is not under test
    assert anon.get(LOOKUP, {"number": "15/2017/QD-UBND"}).status_code == 200  # cached at the current version
    assert anon.get("/healthz").json()["status"] == "ok"

    redis_service.stop()
    lookup_cache.clear_local()  # as another worker, or this one a second later (VERSION_TTL), would find it
    for _ in range(5):
        res = anon.get(LOOKUP, {"number": "15/2017/QD-UBND"})
        assert res.status_code == 200
        assert res.json()["results"][0]["status"] == "in_force"
    with django_capture_on_commit_callbacks(execute=True):
        created = officer_api.post("/api/v1/documents/", _payload("16/2026/QĐ-UBND"), format="json")
    assert created.status_code == 201, created.content
    assert Document.objects.filter(number="16/2026/QĐ-UBND").count() == 1
    # The new document is answered at once, from the database: no stale cached "not found".
    res = anon.get(LOOKUP, {"number": "16/2026/QD-UBND"})
    assert res.status_code == 200 and len(res.json()["results"]) == 1
    health = anon.get("/healthz")
    assert health.status_code == 200
    assert health.json()["status"] == "degraded" and health.json()["broker"]["ok"] is False
    kept = set(Message.objects.values_list("consumer", flat=True))
    assert {"search.index", "lookup_cache"} <= kept  # nothing lost: waiting for Redis

    redis_service.start()
    relay.reset()
    Message.objects.update(available_at=timezone.now())  # skip the back-off, as the relay's next round would
    relay.deliver()
    assert not Message.objects.exists()
    assert redis.Redis.from_url(redis_service.url).llen("search") >= 1  # the index task is on its queue
    assert anon.get(LOOKUP, {"number": "16/2026/QD-UBND"}).status_code == 200
    assert anon.get("/healthz").json()["status"] == "ok"


def test_the_cache_version_never_restarts_low_after_redis_lost_it(redis_service: PrivateRedis) -> None:
    """A Redis restarted without its data must not hand out a version that answers cached before it may carry."""
    first = lookup_cache.version()
    assert first is not None and first > 1_000_000_000_000  # a time-based start, not 1
    redis_service.stop()
    lookup_cache.clear_local()
    assert lookup_cache.version() is None  # unknown while down: nothing is served from the cache
    redis_service.start()
    assert (lookup_cache.version() or 0) >= first


def test_a_backlog_larger_than_a_round_is_delivered_whole(django_capture_on_commit_callbacks: Any) -> None:
    """The daily pass and imports record thousands of events at once: all of them are delivered, round by round,
    after commit (by ids) and by the relay (every due row)."""
    from backend.catalogue import events
    from backend.searching import engine

    f.authority("UBND-AG")
    docs = [f.document(f"{n}/2020/QĐ-UBND", title=f"Quy định lô lớn {n}") for n in range(1, 8)]
    payloads = [{"document_id": d.pk, "action": "update"} for d in docs]
    for how in ("after commit", "relay"):
        engine.current().delete([d.pk for d in docs])
        Message.objects.all().delete()
        with django_capture_on_commit_callbacks(execute=False):  # recorded, not yet delivered
            events.publish_many(events.document_changed, payloads)
        recorded = list(Message.objects.values_list("pk", flat=True))
        assert len(recorded) >= 14  # the index and the lookup cache, for each of the 7
        delivered = relay.deliver(ids=recorded, limit=3) if how == "after commit" else relay.deliver(limit=3)
        assert delivered == len(recorded), how
        assert not Message.objects.exists(), how
        assert len(engine.current().fingerprints()) == 7, how


def test_when_a_consumer_works_again_its_waiting_rows_go_at_once(django_capture_on_commit_callbacks: Any) -> None:
    """Rows in back-off (up to 300 s) are due as soon as their consumer succeeds: no wait after a long outage."""
    from backend.outbox import consumers

    received: list[int] = []
    broken = [True]

    def deliver(payloads: list[dict[str, Any]]) -> None:
        if broken[0]:
            raise ConnectionError("the broker is down")
        received.extend(int(p["n"]) for p in payloads)

    consumers.consumer("test.flaky", "test_event")(deliver)
    try:
        relay.reset()
        with django_capture_on_commit_callbacks(execute=True):
            relay.record("test_event", [{"n": 1}, {"n": 2}])
        waiting = list(Message.objects.filter(consumer="test.flaky"))
        assert len(waiting) == 2 and all(m.available_at > timezone.now() for m in waiting)  # in back-off
        broken[0] = False
        relay.reset()  # the circuit closes (5 s later in real life)
        with django_capture_on_commit_callbacks(execute=True):
            relay.record("test_event", [{"n": 3}])
        assert 3 in received
        relay.deliver()  # the relay's next round: the rows in back-off are due now
        assert sorted(received) == [1, 2, 3]
        assert not Message.objects.filter(consumer="test.flaky").exists()
    finally:
        consumers.unregister("test.flaky")
        relay.reset()
