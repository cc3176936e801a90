"""Celery beat: what runs on a clock (Asia/Ho_Chi_Minh time)."""

from __future__ import annotations

from typing import Any

from celery.schedules import crontab

BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    # Just after midnight, so documents that take effect or expire today show their new status all day; again every
    # hour (a run with nothing due costs a fraction of a second), so a pass lost with its worker is redone soon.
    "validity-daily-pass": {
        "task": "catalogue.apply_due_transitions",
        "schedule": crontab(minute=5),
        "options": {"queue": "default"},
    },
    # The day an amendment applies (or a suspension ends) the text in force changes: its documents are indexed again
    # (search.reconcile, every 30 minutes, would also find them by their fingerprint; this is the day's own pass).
    "search-texts-taking-effect": {
        "task": "search.reindex_texts_taking_effect",
        "schedule": crontab(hour=0, minute=10),
        "options": {"queue": "search"},
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
    # From 2 January, each day of the month until it exists (a run lost with its worker is tried again the next
    # day; a list that exists is left alone): the draft list of documents that expired or were suspended in the
    # year that just ended.
    "announcements-yearly-draft": {
        "task": "announcements.yearly_draft",
        "schedule": crontab(month_of_year=1, day_of_month="2-31", hour=8, minute=0),
        "options": {"queue": "default"},
    },
    # Followers of documents: the digest of what is still owed (the daily pass's changes went out when they were
    # fanned out; this sends what an address could not get the same day), after the morning reminders. Also queues
    # again a fan-out lost after its commit, and forgets addresses never confirmed.
    "watching-send-digests": {
        "task": "watching.send_digests",
        "schedule": crontab(hour=7, minute=30),
        "options": {"queue": "watching"},
    },
    # Delivers the outbox rows that could not be delivered right after their commit (a broker or engine outage).
    "outbox-relay": {
        "task": "outbox.relay",
        "schedule": 10.0,
        "options": {"queue": "default", "expires": 10},
    },
    # Import jobs whose worker died, or whose message was lost, are queued again (a heartbeat tells).
    "imports-requeue-stalled": {
        "task": "catalogue.requeue_stalled_imports",
        "schedule": 15.0,
        "options": {"queue": "default", "expires": 15},
    },
    # Repairs what a message lost while Redis or the engine was down could not do.
    "search-reconcile": {
        "task": "search.reconcile",
        "schedule": crontab(minute="*/30"),
        "options": {"queue": "search"},
    },
}
