"""Watching through a real Celery worker process (Redis broker, PostgreSQL): the daily pass on the day a
replacement takes effect -> the watch event, the fan-out, the chunk and the digest on the `watching` queue -> one
e-mail (the console backend's, in the worker's log) with its one-click unsubscribe header."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from celery import Celery
from django.db import connection
from django.utils import timezone

from backend.watching import tokens
from backend.watching.models import Delivery, Subscription, WatchEvent
from tests.catalogue import factories as f
from tests.workers.conftest import REDIS_URL, WorkerProcess, flush_redis, wait_for

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_replacement_day_sends_one_email_through_a_real_worker(tmp_path: Path, settings: Any) -> None:
    today = dt.date.today()
    start = today + dt.timedelta(days=30)
    old = f.document("11/2026/QĐ-UBND", issued="2026-01-05", effective="2026-01-15")
    new = f.document("12/2026/QĐ-UBND", issued=today.isoformat(), effective=start.isoformat())
    f.relate(new, "replaces", old, start.isoformat())
    address = "nguoi.dan@example.org"
    Subscription.objects.create(
        kind="document",
        target=str(old.pk),
        email=address,
        email_hash=tokens.address_hash(address),
        confirmed_at=timezone.now(),
    )
    connection.close()  # the worker must see committed rows only

    flush_redis()
    worker = WorkerProcess(
        tmp_path,
        queues="default,watching",
        env={
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            "HIEULUC_SITE_URL": "https://hieuluc.example",
            "SECRET_KEY": settings.SECRET_KEY,
        },
    )
    worker.start()
    try:
        producer = Celery("test-producer", broker=REDIS_URL)
        producer.send_task("catalogue.apply_due_transitions", kwargs={"on": start.isoformat()}, queue="default")
        sent = Delivery.objects.filter(subscription__target=str(old.pk), sent_at__isnull=False)
        assert wait_for(lambda: sent.filter(event__kind="status").exists(), timeout=90), worker.log()
        event = WatchEvent.objects.get(kind="status", document=old)
        assert event.key == f"status:{old.pk}:expired:{start.isoformat()}"
        assert Subscription.objects.get().last_digest_on == start
        assert wait_for(lambda: "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in worker.log_path.read_text())
        log = worker.log_path.read_text()
        assert "List-Unsubscribe:" in log  # the console folds the long header line: its URL follows
        assert "<https://hieuluc.example/api/v1/watching/unsubscribe/?token=" in log
        assert log.count(f"To: {address}") == 1  # one e-mail
    finally:
        worker.stop()
