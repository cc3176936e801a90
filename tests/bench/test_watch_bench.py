"""Smoke run of bench/watch.py on the test database: a few hundred subscribers in chunks of 100; every one gets
its e-mail once, the fan-out run again sends nothing, and the figures are printed (the real run: docs/benchmarks.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from backend.watching import fanout
from bench import watch

pytestmark = pytest.mark.django_db(transaction=True)  # the fan-out is queued after commit, as in the bench


def test_the_bench_queues_and_sends_one_email_per_subscriber(monkeypatch: Any) -> None:
    monkeypatch.setattr(fanout, "CHUNK", 100)
    document = watch.make_data(300)
    result = watch.measure(document, 300, dt.date(2027, 1, 1), "expired", "in_force")
    assert (result.deliveries, result.messages, result.resent) == (300, 300, 0)
    assert result.seconds > 0 and result.sending > 0 and result.baseline_seconds > 0
    assert result.per_message_ms > 0 and result.baseline_ms > 0
