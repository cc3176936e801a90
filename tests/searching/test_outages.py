"""Index updates made while Redis or the engine is down never fail a save, and reach the index when it is back."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from django.utils import timezone
from rest_framework.test import APIClient

from backend.catalogue import services
from backend.outbox import consumers, relay
from backend.outbox.models import Message
from backend.searching import engine
from backend.searching import services as search_services
from tests.catalogue import factories as f
from tests.redis_server import PrivateRedis, forget_pools
from workers.celery import app

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker(private_redis: PrivateRedis) -> Iterator[PrivateRedis]:
    """Send tasks to the private Redis instead of running them in-process."""
    url = private_redis.url
    saved = (app.conf.task_always_eager, app.conf.broker_url, app.conf.broker_transport_options)
    app.conf.task_always_eager = False
    app.conf.broker_url = url
    app.conf.broker_transport_options = {"max_retries": 1, "interval_start": 0, "interval_step": 0.1}
    forget_pools()
    try:
        yield private_redis
    finally:
        app.conf.task_always_eager, app.conf.broker_url, app.conf.broker_transport_options = saved
        forget_pools()


def _numbers(client: APIClient, q: str) -> list[str]:
    res = client.get("/api/v1/search/", {"q": q})
    assert res.status_code == 200, res.data
    return [r["number"] for r in res.data["results"]]


def test_redis_down_keeps_the_index_update_until_redis_returns(
    anon: APIClient, broker: PrivateRedis, django_capture_on_commit_callbacks: Any
) -> None:
    f.authority("UBND-AG")
    search_services.index_documents([])  # opens the index
    broker.stop()
    with django_capture_on_commit_callbacks(execute=True):  # the save succeeds although the broker is gone
        doc = f.document(
            "05/2026/QĐ-UBND", issued="2026-01-05", effective="2026-01-15", title="Quy định về quản lý chợ truyền thống"
        )
    assert doc.pk
    assert _numbers(anon, "chợ truyền thống") == []
    # The index update was not lost: the outbox keeps it, with the error, until the broker takes it.
    kept = list(Message.objects.filter(consumer="search.index"))
    assert kept and {m.payload["document_id"] for m in kept} == {doc.pk}
    assert all(m.attempts == 1 and "Error" in m.last_error for m in kept)
    broker.start()
    relay.reset()
    Message.objects.update(available_at=timezone.now())  # skip the back-off
    assert relay.deliver() >= 1
    assert not Message.objects.filter(consumer="search.index").exists()
    queued = redis.Redis.from_url(broker.url).lrange("search", 0, -1)
    assert len(queued) == 1  # the index task is on the broker's search queue, for the worker


def test_reconciliation_repairs_an_index_that_missed_an_update(anon: APIClient) -> None:
    f.authority("UBND-AG")
    with consumers.disabled("search.index"):  # as if the update never reached the index
        f.document(
            "05/2026/QĐ-UBND", issued="2026-01-05", effective="2026-01-15", title="Quy định về quản lý chợ truyền thống"
        )
    search_services.index_documents([])
    assert _numbers(anon, "chợ truyền thống") == []
    assert search_services.reconcile().upserted == 1
    assert _numbers(anon, "chợ truyền thống") == ["05/2026/QĐ-UBND"]


# Another process holding the index writer: tantivy allows one, so our writes fail at once (LockBusy).
HOLD_WRITER = """
import sys, time
sys.path.insert(0, {root!r})
from search.tantivy_engine import TantivyEngine
engine = TantivyEngine(path={path!r})
writer = engine._index.writer()
print("locked", flush=True)
time.sleep(60)
"""


def test_engine_busy_does_not_fail_a_save_and_the_outbox_delivers_later(
    anon: APIClient, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    f.authority("UBND-AG")
    search_services.index_documents([])
    engine.reset()
    root = str(Path(__file__).resolve().parents[2])
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_WRITER.format(root=root, path=str(settings.SEARCH_INDEX_DIR))],
        stdout=subprocess.PIPE,
        env={**os.environ},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"locked"
        with django_capture_on_commit_callbacks(execute=True):
            services.document_create(
                actor="tests",
                data=services.DocumentInput(
                    number="06/2026/QĐ-UBND",
                    doc_type=f.doc_type(),
                    issuer=f.authority("UBND-AG"),
                    title="Quy định về phòng cháy chữa cháy rừng",
                    issued_on=f.dt.date(2026, 1, 5),
                ),
            )
        assert _numbers(anon, "cháy rừng") == []
    finally:
        holder.kill()
        holder.wait(timeout=10)
    engine.reset()
    assert Message.objects.filter(consumer="search.index").exists()  # kept for a later delivery
    relay.reset()
    Message.objects.update(available_at=timezone.now())  # skip the back-off
    relay.deliver()
    assert _numbers(anon, "cháy rừng") == ["06/2026/QĐ-UBND"]
    assert search_services.reconcile().upserted == 0  # nothing left for reconciliation to repair
