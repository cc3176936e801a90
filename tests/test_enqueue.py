"""The backend starts background work by task name (backend/core/tasks.py), never by importing workers/.

With no broker (the embedded default) the named task runs at once, in-process; with one, it goes to the queue
declared with the task in workers/tasks.py, and does not run here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from celery.exceptions import NotRegistered

from backend.catalogue.models import Document
from backend.core.tasks import enqueue
from tests.catalogue import factories as f
from tests.redis_server import PrivateRedis, forget_pools
from workers.celery import app

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker(private_redis: PrivateRedis) -> Iterator[PrivateRedis]:
    """Send tasks to the test's own Redis instead of running them in-process."""
    saved = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = private_redis.url
    forget_pools()
    try:
        yield private_redis
    finally:
        app.conf.task_always_eager, app.conf.broker_url = saved
        forget_pools()


def _expiring() -> Document:
    f.authority("UBND-AG")
    document = f.document(
        "05/2026/QĐ-UBND", issued="2026-01-05", effective="2026-01-15", until="2026-06-30", on=dt.date(2026, 3, 1)
    )
    assert document.status == "in_force"  # as stored on 1 March; the daily pass of 1 July expires it
    return document


def _queued(server: PrivateRedis, queue: str) -> list[tuple[str, Any]]:
    """(task name, arguments) of the messages waiting on a queue of the broker."""
    messages = [json.loads(raw) for raw in redis.Redis.from_url(server.url).lrange(queue, 0, -1)]
    return [(m["headers"]["task"], m["headers"]["argsrepr"]) for m in messages]


def test_with_no_broker_the_named_task_runs_at_once_in_process() -> None:
    assert app.conf.task_always_eager  # the tests run as the zero-setup default: no REDIS_URL
    document = _expiring()
    enqueue("catalogue.apply_due_transitions", "2026-07-01")
    document.refresh_from_db()
    assert document.status == "expired"  # app.send_task would only have sent a message, to no broker


def test_with_a_broker_the_named_task_goes_to_its_own_queue(broker: PrivateRedis) -> None:
    document = _expiring()
    enqueue("catalogue.apply_due_transitions", "2026-07-01")
    enqueue("search.index_documents", [document.pk])
    enqueue("reviews.sync_notices", [1], [], [])
    assert _queued(broker, "default") == [("catalogue.apply_due_transitions", "('2026-07-01',)")]
    assert _queued(broker, "search") == [("search.index_documents", f"([{document.pk}],)")]
    assert _queued(broker, "notify") == [("reviews.sync_notices", "([1], [], [])")]
    document.refresh_from_db()
    assert document.status != "expired"  # queued for a worker, not run here


def test_a_name_no_task_has_is_refused() -> None:
    with pytest.raises(NotRegistered):
        enqueue("catalogue.no_such_task", 1)


def test_every_task_the_backend_names_is_registered() -> None:
    """A name is not checked by any import: a typo would surface only as NotRegistered, retried by the outbox for
    ever. Every enqueue("…") literal in backend/ names a task the worker knows."""
    import ast
    from pathlib import Path

    named: set[str] = set()
    for path in Path(__file__).resolve().parents[1].joinpath("backend").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) == "enqueue"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                named.add(node.args[0].value)
    assert len(named) >= 5  # the walk found the calls
    assert named <= set(app.tasks), named - set(app.tasks)
