"""`workers` as an installed app: Django imports it at start-up in every process, so that the Celery app exists
and its tasks are registered before the backend enqueues one by name (backend/core/tasks.py). This is how the
backend reaches the tasks without importing workers/."""

from __future__ import annotations

from django.apps import AppConfig


class WorkersConfig(AppConfig):
    name = "workers"
    verbose_name = "Celery tasks"

    def ready(self) -> None:
        from workers import tasks  # noqa: F401  (registers every task with the app)
