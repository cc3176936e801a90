"""The triggered-review fan-out as a Celery workflow on a real worker process (Redis, PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from celery import Celery
from django.db import connection

from backend.outbox import consumers
from backend.reviews.models import ReviewPlan, ReviewTask
from tests.catalogue import factories as f
from tests.workers.conftest import wait_for

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def events_to_the_worker_only() -> Iterator[None]:
    # This test process runs tasks in-process (no REDIS_URL): with the handler connected, the fan-out would run
    # here as the data is written. The test sends the event's task to the real worker itself instead.
    with consumers.disabled("reviews.relation_added"):
        yield


def test_the_fan_out_runs_as_a_workflow_on_a_real_worker_and_is_idempotent(
    worker: Celery, events_to_the_worker_only: None
) -> None:
    f.authority("QH", level="central")
    f.authority("UBND-AG")
    law = f.document("45/2019/QH14", issuer="QH", issued="2019-11-20", effective="2021-01-01")
    dependents = [f.document(f"{n}/2021/QĐ-UBND", issued="2021-03-01", effective="2021-03-15") for n in range(10, 15)]
    for doc in dependents:
        f.relate(doc, "basis", law, "2021-03-15")
    new_law = f.document("99/2025/QH15", issuer="QH", issued="2025-06-01", effective="2026-01-01")
    relation = f.relate(new_law, "replaces", law, "2026-01-01")
    assert not ReviewPlan.objects.exists()
    connection.close()

    # The event's task, delivered twice (a redelivery after a lost acknowledgement), on a worker that splits the
    # fan-out into chunk tasks of the group.
    worker.send_task("reviews.on_relation_added", args=[relation.pk], queue="default")
    worker.send_task("reviews.on_relation_added", args=[relation.pk], queue="default")
    assert wait_for(lambda: ReviewTask.objects.count() == len(dependents)), "the worker did not fan out"
    plan = ReviewPlan.objects.get()
    # A chunk delivered again after it ran: nothing new. The solo worker runs in order, so once a marker task
    # (a later no-op event) is done, everything before it is too.
    worker.send_task(
        "reviews.create_review_tasks",
        args=[plan.pk, [d.pk for d in dependents], {"event": "replaces"}],
        queue="default",
    )
    marker = f.document("100/2025/QH15", issuer="QH", issued="2025-07-01", effective="2026-02-01")
    marker_relation = f.relate(marker, "amends", law, "2026-02-01")  # a second event on the same basis
    connection.close()
    worker.send_task("reviews.on_relation_added", args=[marker_relation.pk], queue="default")
    second = f"relation:{marker_relation.pk}:amends:{law.pk}"
    assert wait_for(lambda: ReviewTask.objects.filter(plan__trigger_key=second).count() == len(dependents))
    assert ReviewTask.objects.filter(plan=plan).count() == len(dependents)  # the repeated chunk added nothing
    assert ReviewPlan.objects.count() == 2
    assert {t.trigger["cause_number"] for t in ReviewTask.objects.filter(plan=plan)} == {"99/2025/QH15"}
