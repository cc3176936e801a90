"""Celery beat: what runs on a clock (Asia/Ho_Chi_Minh time)."""

from __future__ import annotations

from typing import Any

from celery.schedules import crontab

BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    # Just after midnight, so documents that take effect or expire today show their new status all day.
    "validity-daily-pass": {
        "task": "catalogue.apply_due_transitions",
        "schedule": crontab(hour=0, minute=5),
        "options": {"queue": "default"},
    },
    # After the daily pass: recommendations past their deadline are marked overdue.
    "reviews-mark-overdue": {
        "task": "reviews.mark_overdue",
        "schedule": crontab(hour=0, minute=20),
        "options": {"queue": "default"},
    },
    # Morning notices to reviewers and legal officers (after the overdue marking).
    "reviews-send-reminders": {
        "task": "reviews.send_reminders",
        "schedule": crontab(hour=7, minute=0),
        "options": {"queue": "notify"},
    },
    # 2 January: the draft list of documents that expired or were suspended in the year that just ended.
    "announcements-yearly-draft": {
        "task": "announcements.yearly_draft",
        "schedule": crontab(month_of_year=1, day_of_month=2, hour=8, minute=0),
        "options": {"queue": "default"},
    },
    # Repairs what a message lost while Redis or the engine was down could not do.
    "search-reconcile": {
        "task": "search.reconcile",
        "schedule": crontab(minute="*/30"),
        "options": {"queue": "search"},
    },
}
