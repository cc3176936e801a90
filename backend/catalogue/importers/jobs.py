"""Import jobs: the API stores the upload, a task imports it, the client polls its progress.

Heavy imports run in the worker, never in a web request. The catalogue's interchange files are one kind of job;
another app registers its own kind (the reviews app's tracking sheet) with :func:`register`, so every import
shares one job table, one task, one progress endpoint (GET /imports/{id}/).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from backend.catalogue.importers import readers
from backend.catalogue.importers.service import ImportFailed, RowError, import_bundle
from backend.catalogue.models import ImportJob

MAX_UPLOAD_BYTES = 20 * 1024 * 1024

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
    return cache.get(_progress_key(job.pk)) or {"stage": job.state, "done": 0, "total": 0, "percent": 0}


def job_create(*, actor: Any, filename: str, content: bytes, kind: str = "catalogue") -> ImportJob:
    from workers.tasks import run_import

    if kind not in RUNNERS:
        raise ValueError(f"unknown import kind {kind!r}")
    job = ImportJob.objects.create(
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        kind=kind,
        filename=filename,
        content=content,
    )
    transaction.on_commit(lambda: run_import.delay(job.pk))
    return job


def job_run(job_id: int) -> None:
    """Run one job; safe to call twice (a finished job is left alone)."""
    job = ImportJob.objects.filter(pk=job_id).select_related("created_by").first()
    if job is None or job.state in (ImportJob.State.SUCCEEDED, ImportJob.State.FAILED):
        return
    ImportJob.objects.filter(pk=job_id).update(state=ImportJob.State.RUNNING)
    key = _progress_key(job_id)

    def progress(stage: str, done: int, total: int) -> None:
        if done == total or done % 25 == 0:
            percent = int(done * 100 / total) if total else 100
            cache.set(key, {"stage": stage, "done": done, "total": total, "percent": percent}, 3600)

    try:
        job.report = RUNNERS[job.kind](job, progress)
        job.state = ImportJob.State.SUCCEEDED
    except JobFailed as exc:
        job.state, job.report = ImportJob.State.FAILED, exc.report
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "report", "finished_at"])
    cache.delete(key)
