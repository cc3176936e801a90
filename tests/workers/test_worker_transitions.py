"""The daily transition task through a real Celery worker process, Redis broker and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from celery import Celery
from django.db import connection

from backend.catalogue.models import Document, StatusChange
from tests.catalogue import factories as f
from tests.workers.conftest import wait_for

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


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
    assert wait_for(lambda: Document.objects.get(pk=old.pk).status == "expired"), "worker did not apply the pass"
    assert Document.objects.get(pk=new.pk).status == "in_force"
    change = StatusChange.objects.get(document=old, status="expired")
    assert (change.reason, change.caused_by[0]["number"]) == ("replaced", "12/2026/QĐ-UBND")

    # A second delivery of the same day's task (a retry, or beat firing twice) records nothing new.
    worker.send_task("catalogue.apply_due_transitions", kwargs={"on": start.isoformat()}, queue="default")
    # The solo worker runs tasks in order: once the next day's marker is applied, the duplicate has run.
    worker.send_task("catalogue.apply_due_transitions", kwargs={"on": marker_day.isoformat()}, queue="default")
    assert wait_for(lambda: Document.objects.get(pk=marker.pk).status == "in_force")
    assert StatusChange.objects.filter(document=old).count() == 2  # created in force, then expired
    assert StatusChange.objects.filter(document=old, status="expired").count() == 1
