"""Thin tasks: take ids (or a date), call one service, retry only transient errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import InterfaceError, OperationalError

from workers.celery import app

TRANSIENT = (OperationalError, InterfaceError)


@app.task(
    name="catalogue.apply_due_transitions",
    queue="default",
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def apply_due_transitions(on: str | None = None) -> dict[str, Any]:
    """The daily validity pass. Idempotent: a second run on the same date changes and records nothing."""
    from backend.catalogue import services

    report = services.apply_due_transitions(on=dt.date.fromisoformat(on) if on else None)
    return {"on": report.on.isoformat(), "examined": report.examined, "changed": report.changed}


@app.task(
    name="catalogue.run_import",
    queue="default",
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    max_retries=3,
)
def run_import(job_id: int) -> None:
    from backend.catalogue.importers import jobs

    jobs.job_run(job_id)


def _transient_search_errors() -> tuple[type[BaseException], ...]:
    from search.types import EngineUnavailable

    return (EngineUnavailable, *TRANSIENT)


@app.task(
    name="search.index_documents",
    queue="search",
    autoretry_for=_transient_search_errors(),
    retry_backoff=True,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=10,
)
def index_documents(ids: list[int]) -> dict[str, int]:
    """Upsert (or delete) these documents in the index. Idempotent: the index ends equal to the rows."""
    from backend.searching import services

    upserted, deleted = services.index_documents(ids)
    return {"upserted": upserted, "deleted": deleted}


@app.task(
    name="search.reconcile", queue="search", autoretry_for=_transient_search_errors(), retry_backoff=True, max_retries=5
)
def reconcile_index() -> dict[str, int]:
    """Repair differences between the catalogue and the index (missed messages, engine outages)."""
    from backend.searching import services

    report = services.reconcile()
    return {"checked": report.checked, "upserted": report.upserted, "deleted": report.deleted}
