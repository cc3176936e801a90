"""Import jobs: the API stores the upload, a task imports it, the client polls its progress.

Heavy imports run in the worker, never in a web request. The catalogue's interchange files are one kind of job;
another app registers its own kind (the reviews app's tracking sheet) with :func:`register`, so every import
shares one job table, one task, one progress endpoint (GET /imports/{id}/).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import F, Q
from django.utils import timezone

from backend.catalogue.importers import readers
from backend.catalogue.importers.service import ImportFailed, RowError, import_bundle
from backend.catalogue.models import ImportJob
from backend.core.tasks import enqueue
from backend.outbox import relay
from backend.outbox.consumers import Payload, consumer

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
HEARTBEAT_SECONDS = 5.0
STALE_AFTER = dt.timedelta(seconds=30)  # no heartbeat for this long: the job's worker is gone
MAX_ATTEMPTS = 3  # runs of one job (a worker killed, an unexpected error) before it is failed for good

Progress = Callable[[str, int, int], None]


class JobFailed(Exception):
    """A job's import refused: nothing was saved; `report` says why (shown as the job's report)."""

    def __init__(self, report: dict[str, Any]) -> None:
        super().__init__(report)
        self.report = report


# kind -> runner(job, progress) -> report; a runner raises JobFailed when the file is refused.
RUNNERS: dict[str, Callable[[ImportJob, Progress], dict[str, Any]]] = {}


def register(kind: str, runner: Callable[[ImportJob, Progress], dict[str, Any]]) -> None:
    RUNNERS[kind] = runner


def _run_catalogue(job: ImportJob, progress: Progress) -> dict[str, Any]:
    try:
        bundle = readers.read_file(bytes(job.content), job.filename)
        return import_bundle(bundle, actor=job.created_by or "import", progress=progress).as_dict()
    except readers.ReadError as exc:
        raise JobFailed({"errors": [RowError(job.filename, exc.message_vi, exc.message_en).as_dict()]}) from exc
    except ImportFailed as exc:
        raise JobFailed(exc.report.as_dict()) from exc


register("catalogue", _run_catalogue)


def _progress_key(job_id: int) -> str:
    return f"hieuluc:import-job:{job_id}:progress"


def progress_of(job: ImportJob) -> dict[str, Any]:
    if job.state in (ImportJob.State.SUCCEEDED, ImportJob.State.FAILED):
        return {"stage": "done", "done": 1, "total": 1, "percent": 100}
    try:
        stored = cache.get(_progress_key(job.pk))
    except Exception:  # the cache is down: the job's state is still known
        stored = None
    return stored or {"stage": job.state, "done": 0, "total": 0, "percent": 0}


def job_create(*, actor: Any, filename: str, content: bytes, kind: str = "catalogue") -> ImportJob:
    if kind not in RUNNERS:
        raise ValueError(f"unknown import kind {kind!r}")
    job = ImportJob.objects.create(
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        kind=kind,
        filename=filename,
        content=content,
    )
    # Through the outbox: a broker outage delays the job, it does not lose it or fail the upload.
    relay.record("import_job_created", [{"job_id": job.pk}])
    return job


@consumer("catalogue.import", "import_job_created")
def enqueue_jobs(payloads: list[Payload]) -> None:
    for payload in payloads:
        enqueue("catalogue.run_import", int(payload["job_id"]))


def _claim(job_id: int) -> bool:
    """Take the job for this run: a pending one, or a running one whose worker stopped beating. A duplicate
    delivery of a job that is alive elsewhere takes nothing."""
    now = timezone.now()
    takeable = Q(state=ImportJob.State.PENDING) | Q(state=ImportJob.State.RUNNING, heartbeat_at__lt=now - STALE_AFTER)
    taken = ImportJob.objects.filter(takeable, pk=job_id).update(
        state=ImportJob.State.RUNNING, heartbeat_at=now, attempts=F("attempts") + 1
    )
    return taken == 1


@contextmanager
def _heartbeat(job_id: int) -> Iterator[None]:
    """Beat from a thread of its own, on its own database connection: the import's transaction hides its writes."""
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(HEARTBEAT_SECONDS):
                try:
                    ImportJob.objects.filter(pk=job_id, state=ImportJob.State.RUNNING).update(
                        heartbeat_at=timezone.now()
                    )
                except Exception:  # a database blip: beat again next time (the job is alive)
                    log.warning("Import heartbeat missed. job_id=%s", job_id, exc_info=True)
                    connection.close()
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"import-{job_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=HEARTBEAT_SECONDS * 2)


def stalled_jobs() -> list[int]:
    """Jobs to queue again: running with no heartbeat for STALE_AFTER, or pending that long (a lost message).
    Each is marked pending with a fresh heartbeat, so it is queued once per STALE_AFTER at most."""
    now = timezone.now()
    stale = now - STALE_AFTER
    stalled = Q(state=ImportJob.State.RUNNING, heartbeat_at__lt=stale) | Q(
        Q(heartbeat_at__lt=stale) | Q(heartbeat_at__isnull=True, created_at__lt=stale),
        state=ImportJob.State.PENDING,
    )
    stalled_jobs_qs = ImportJob.objects.filter(stalled)
    spent = stalled_jobs_qs.filter(attempts__gte=MAX_ATTEMPTS)
    for job_id in spent.values_list("pk", flat=True):
        _give_up(job_id)
    ids = list(stalled_jobs_qs.filter(attempts__lt=MAX_ATTEMPTS).order_by("pk").values_list("pk", flat=True)[:100])
    if ids:
        ImportJob.objects.filter(pk__in=ids).update(state=ImportJob.State.PENDING, heartbeat_at=now)
        log.warning("Stalled import jobs queued again. ids=%s", ids)
    return ids


def _give_up(job_id: int) -> None:
    ImportJob.objects.filter(pk=job_id).update(
        state=ImportJob.State.FAILED,
        finished_at=timezone.now(),
        report={
            "errors": [
                RowError(
                    "",
                    f"Không nhập xong sau {MAX_ATTEMPTS} lần chạy; hãy báo quản trị hệ thống.",
                    f"The import did not finish in {MAX_ATTEMPTS} runs; tell the administrator.",
                ).as_dict()
            ]
        },
    )
    log.error("Import job failed for good after %s runs. job_id=%s", MAX_ATTEMPTS, job_id)


def job_run(job_id: int) -> None:
    """Run one job; safe to call twice (a finished job, or one running elsewhere, is left alone)."""
    if not _claim(job_id):
        return  # finished, gone, or running elsewhere
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    with _heartbeat(job_id):
        _run(job)


def _run(job: ImportJob) -> None:
    key = _progress_key(job.pk)

    def progress(stage: str, done: int, total: int) -> None:
        if done == total or done % 25 == 0:
            percent = int(done * 100 / total) if total else 100
            try:
                cache.set(key, {"stage": stage, "done": done, "total": total, "percent": percent}, 3600)
            except Exception:  # progress is for the progress bar only: a cache outage must not fail the import
                log.debug("Import progress not stored. job_id=%s", job.pk, exc_info=True)

    try:
        job.report = RUNNERS[job.kind](job, progress)
        job.state = ImportJob.State.SUCCEEDED
    except JobFailed as exc:
        job.state, job.report = ImportJob.State.FAILED, exc.report
    except Exception:  # a bug, a time limit, a lost database: nothing was saved (all or nothing); try again later
        log.exception("Import job run failed. job_id=%s attempt=%s", job.pk, job.attempts)
        if job.attempts < MAX_ATTEMPTS:
            ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.PENDING, heartbeat_at=timezone.now())
            return
        _give_up(job.pk)
        return
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "report", "finished_at"])
    try:
        cache.delete(key)
    except Exception:
        log.debug("Import progress not cleared. job_id=%s", job.pk, exc_info=True)
