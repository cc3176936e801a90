"""The tracking-sheet import runs as an import job on a real worker process, not in the web request."""

from __future__ import annotations

import pytest
from celery import Celery
from django.db import connection

from backend.catalogue.importers import jobs
from backend.catalogue.models import ImportJob
from backend.reviews import tracker
from backend.reviews.models import Recommendation
from tests.reviews.test_tracker import (
    catalogue,  # noqa: F401  (the fixture: the sheet's documents)
    sample,
)
from tests.workers.conftest import wait_for

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.usefixtures("catalogue")
def test_a_tracking_sheet_is_imported_by_the_worker(worker: Celery) -> None:
    job = ImportJob.objects.create(kind=tracker.JOB_KIND, filename="theo-doi.xlsx", content=sample())
    assert tracker.JOB_KIND in jobs.RUNNERS
    connection.close()
    worker.send_task("catalogue.run_import", args=[job.pk], queue="default")
    assert wait_for(lambda: ImportJob.objects.get(pk=job.pk).state == ImportJob.State.SUCCEEDED), ImportJob.objects.get(
        pk=job.pk
    ).report
    assert ImportJob.objects.get(pk=job.pk).report["created"] == 3
    assert Recommendation.objects.count() == 3
