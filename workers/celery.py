"""The Celery app. Named queues: default (validity pass, imports), search (indexing), notify (notices), watching
(the followers' fan-out, digests and webhooks).

With no REDIS_URL (the embedded default) tasks run in-process; with it, `celery -A workers worker` and
`celery -A workers beat` run them from Redis. The backend never imports this package: it enqueues by task name
through backend/core/tasks.py, into which this module plugs the app (decision 0010).
"""

from __future__ import annotations

import os

from celery import Celery
from kombu import Queue

from backend.core import tasks as enqueueing

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.config.settings")

app = Celery("hieuluc", include=["workers.tasks"])
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.task_queues = (Queue("default"), Queue("search"), Queue("notify"), Queue("watching"))
app.conf.task_default_queue = "default"
enqueueing.use(app)  # the backend enqueues by task name through this app (it never imports workers/)

from workers.schedules import BEAT_SCHEDULE  # noqa: E402  (needs nothing from the app; kept beside it)

app.conf.beat_schedule = BEAT_SCHEDULE
