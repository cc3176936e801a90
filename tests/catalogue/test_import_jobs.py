"""Import jobs that fail unexpectedly are tried again a bounded number of times, then failed with a report."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from backend.catalogue.importers import jobs
from backend.catalogue.models import ImportJob
from backend.outbox import consumers

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_kind() -> Iterator[str]:
    def runner(job: ImportJob, progress: Any) -> dict[str, Any]:
        raise RuntimeError("a bug in a runner")

    jobs.register("broken-for-test", runner)
    try:
        yield "broken-for-test"
    finally:
        jobs.RUNNERS.pop("broken-for-test", None)


def test_an_import_that_keeps_failing_is_failed_after_its_attempts(broken_kind: str) -> None:
    with consumers.disabled("catalogue.import"):
        job = jobs.job_create(actor=None, filename="x.json", content=b"{}", kind=broken_kind)
    for attempt in range(1, jobs.MAX_ATTEMPTS + 1):
        jobs.job_run(job.pk)
        job.refresh_from_db()
        assert job.attempts == attempt
        if attempt < jobs.MAX_ATTEMPTS:
            assert job.state == ImportJob.State.PENDING  # left for the requeue, not stuck "running"
    assert job.state == ImportJob.State.FAILED
    assert job.finished_at is not None
    assert "3" in job.report["errors"][0]["message_en"] and job.report["errors"][0]["message_vi"]
    jobs.job_run(job.pk)  # a late duplicate delivery changes nothing
    job.refresh_from_db()
    assert (job.state, job.attempts) == (ImportJob.State.FAILED, jobs.MAX_ATTEMPTS)


def test_a_stalled_job_out_of_attempts_is_failed_not_requeued() -> None:
    with consumers.disabled("catalogue.import"):
        job = jobs.job_create(actor=None, filename="x.json", content=b"{}")
    stale = jobs.timezone.now() - jobs.STALE_AFTER * 2
    ImportJob.objects.filter(pk=job.pk).update(state="running", heartbeat_at=stale, attempts=jobs.MAX_ATTEMPTS)
    assert jobs.stalled_jobs() == []
    job.refresh_from_db()
    assert job.state == ImportJob.State.FAILED
    ImportJob.objects.filter(pk=job.pk).update(state="running", heartbeat_at=stale, attempts=1)
    assert jobs.stalled_jobs() == [job.pk]
    job.refresh_from_db()
    assert job.state == ImportJob.State.PENDING
