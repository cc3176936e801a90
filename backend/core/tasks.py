"""Background work, started by task name: the backend's one way to enqueue.

The backend never imports `workers/` (workers/ imports the backend). It names a task (`"search.index_documents"`)
and this function hands it to the Celery app that `workers/celery.py` plugs in with `use()` when it is created;
settings list `workers` as an installed app, so every Django process (web, management command, worker) creates
that app and registers its tasks at start-up.

The task is taken from the app's registry, so its queue and retry policy are the ones declared with it in
workers/tasks.py, and the zero-setup default keeps working: with no broker (`task_always_eager`, no REDIS_URL) the
task runs here and now, as `task.delay(...)` does; `app.send_task` would not run it.
"""

from __future__ import annotations

from typing import Any

from celery import Celery

_app: Celery | None = None


def use(app: Celery) -> None:
    """Enqueue through `app` from now on (called by workers/celery.py when it creates the app)."""
    global _app
    _app = app


def enqueue(name: str, *args: Any) -> None:
    """Send the task `name` with these arguments to its queue (or run it now, in-process, when tasks are eager).

    Raises `celery.exceptions.NotRegistered` (a KeyError) for a name that no task has, and whatever the broker
    raises when it cannot take the message: the outbox, which calls this, keeps the message and tries again."""
    if _app is None:
        raise RuntimeError("No Celery app: 'workers' must be in INSTALLED_APPS (it plugs its app in here).")
    _app.tasks[name].apply_async(args)
