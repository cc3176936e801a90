"""Index updates lost while Redis or the engine is down are repaired by reconciliation, and never fail a save."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from rest_framework.test import APIClient

from backend.catalogue import services
from backend.searching import engine
from backend.searching import services as search_services
from tests.catalogue import factories as f
from workers.celery import app

pytestmark = pytest.mark.django_db


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    port = _free_port()
    proc = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    for _ in range(50):
        try:
            redis.Redis.from_url(url).ping()
            break
        except redis.ConnectionError:
            time.sleep(0.1)
    yield url, proc
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def broker(private_redis: tuple[str, Any]) -> Iterator[tuple[str, Any]]:
    """Send tasks to the private Redis instead of running them in-process."""
    url, proc = private_redis
    saved = (app.conf.task_always_eager, app.conf.broker_url, app.conf.broker_transport_options)
    app.conf.task_always_eager = False
    app.conf.broker_url = url
    app.conf.broker_transport_options = {"max_retries": 1, "interval_start": 0, "interval_step": 0.1}
    app.pool.force_close_all()
    try:
        yield url, proc
    finally:
        app.conf.task_always_eager, app.conf.broker_url, app.conf.broker_transport_options = saved
        app.pool.force_close_all()


def _numbers(client: APIClient, q: str) -> list[str]:
    res = client.get("/api/v1/search/", {"q": q})
    assert res.status_code == 200, res.data
    return [r["number"] for r in res.data["results"]]


def test_redis_down_loses_messages_and_reconciliation_repairs(
    anon: APIClient, broker: tuple[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    _url, proc = broker
    f.authority("UBND-AG")
    search_services.index_documents([])  # opens the index
    proc.terminate()
    proc.wait(timeout=10)
    with django_capture_on_commit_callbacks(execute=True):  # the save succeeds although the broker is gone
        doc = f.document(
            "05/2026/QĐ-UBND", issued="2026-01-05", effective="2026-01-15", title="Quy định về quản lý chợ truyền thống"
        )
    assert doc.pk
    assert _numbers(anon, "chợ truyền thống") == []  # the index update was lost with the broker
    report = search_services.reconcile()
    assert report.upserted == 1
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


def test_engine_busy_does_not_fail_a_save_and_reconciliation_repairs(
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
    assert search_services.reconcile().upserted == 1
    assert _numbers(anon, "cháy rừng") == ["06/2026/QĐ-UBND"]
