"""The daily transition task through a real Celery worker process, Redis broker and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from celery import Celery
from django.conf import settings
from django.db import connection

from backend.catalogue.models import Document, StatusChange
from tests.catalogue import factories as f

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("the worker test needs PostgreSQL (set DATABASE_URL)")
    user = db.get("USER") or "postgres"
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


@pytest.fixture
def worker(tmp_path: Path) -> Iterator[Celery]:
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.ConnectionError:
        pytest.fail(f"Redis is not reachable at {REDIS_URL}")
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": REDIS_URL,
        "HIEULUC_DATA_DIR": str(tmp_path),
    }
    log = (tmp_path / "worker.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "workers",
            "worker",
            "-Q",
            "default",
            "--pool=solo",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "-l",
            "info",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    producer = Celery("test-producer", broker=REDIS_URL)
    try:
        yield producer
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        print((tmp_path / "worker.log").read_text()[-3000:])


def _wait_for(predicate: object, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.3)
    return False


def test_daily_pass_runs_in_a_real_worker_and_is_idempotent(worker: Celery) -> None:
    today = dt.date.today()
    start = today + dt.timedelta(days=30)
    old = f.document("11/2026/QĐ-UBND", issued="2026-01-05", effective="2026-01-15")
    new = f.document("12/2026/QĐ-UBND", issued=today.isoformat(), effective=start.isoformat())
    f.relate(new, "replaces", old, start.isoformat())
    marker_day = start + dt.timedelta(days=1)
    marker = f.document("13/2026/QĐ-UBND", issued=today.isoformat(), effective=marker_day.isoformat())
    assert Document.objects.get(pk=old.pk).status == "in_force"
    connection.close()  # the worker must see committed rows only; nothing is pending here

    worker.send_task("catalogue.apply_due_transitions", kwargs={"on": start.isoformat()}, queue="default")
    assert _wait_for(lambda: Document.objects.get(pk=old.pk).status == "expired"), "worker did not apply the pass"
    assert Document.objects.get(pk=new.pk).status == "in_force"
    change = StatusChange.objects.get(document=old, status="expired")
    assert (change.reason, change.caused_by[0]["number"]) == ("replaced", "12/2026/QĐ-UBND")

    # A second delivery of the same day's task (a retry, or beat firing twice) records nothing new.
    worker.send_task("catalogue.apply_due_transitions", kwargs={"on": start.isoformat()}, queue="default")
    # The solo worker runs tasks in order: once the next day's marker is applied, the duplicate has run.
    worker.send_task("catalogue.apply_due_transitions", kwargs={"on": marker_day.isoformat()}, queue="default")
    assert _wait_for(lambda: Document.objects.get(pk=marker.pk).status == "in_force")
    assert StatusChange.objects.filter(document=old).count() == 2  # created in force, then expired
    assert StatusChange.objects.filter(document=old, status="expired").count() == 1
