"""Run an import job as the worker would, without a broker: the job the API answered, run to its end."""

from __future__ import annotations

from typing import Any


def run_job(answer: Any) -> None:
    from backend.catalogue.importers import jobs

    jobs.job_run(int(answer.data["id"]))
