"""Thin tasks: take ids (or a date), call one service, retry only transient errors.

Short tasks are acknowledged when done: a worker killed while running one hands it back to the queue after the
broker's visibility timeout, and their time limit keeps them shorter than it. Long tasks (`long=True`) are
acknowledged when taken, so that a slow run is never started twice; what resumes them is their own: the import
heartbeat (catalogue.requeue_stalled_imports) and the next beat run for the daily pass and reconciliation.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import InterfaceError, OperationalError

from workers.celery import app

if TYPE_CHECKING:
    from backend.reviews.triggers import Reviews

TRANSIENT = (OperationalError, InterfaceError)
# A retry waits at most this long: a waiting retry is held unacknowledged by the worker, and must come back
# before the visibility timeout, or the broker would hand it to a second worker too.
RETRY_BACKOFF_MAX = 30


def _policy(long: bool) -> dict[str, Any]:
    if not long:
        return {"acks_late": True}
    return {
        "acks_late": False,
        "time_limit": settings.LONG_TASK_TIME_LIMIT,
        "soft_time_limit": max(settings.LONG_TASK_TIME_LIMIT - 60, 30),
    }


def db_task(name: str, *, queue: str = "default", max_retries: int = 5, long: bool = False) -> Any:
    """A task on a named queue that retries only a lost or failed database connection, backing off with jitter."""
    return app.task(
        name=name,
        queue=queue,
        autoretry_for=TRANSIENT,
        retry_backoff=True,
        retry_backoff_max=RETRY_BACKOFF_MAX,
        retry_jitter=True,
        max_retries=max_retries,
        **_policy(long),
    )


@db_task("consolidation.propose_operations")
def propose_operations(document_ids: list[int]) -> int:
    """Read new or edited documents' amending instructions into proposed operations."""
    from backend.consolidation import services

    return services.propose_for(document_ids)


@db_task("consolidation.rederive")
def rederive_texts(document_ids: list[int]) -> list[int]:
    """Derive again the relations of documents whose text may have changed (an amending act edited, published,
    unpublished or deleted)."""
    from backend.consolidation import services

    return services.rederive(actor=None, document_ids=document_ids)


@db_task("catalogue.apply_due_transitions", long=True)
def apply_due_transitions(on: str | None = None) -> dict[str, Any]:
    """The daily validity pass. Idempotent: a second run on the same date changes and records nothing."""
    from backend.catalogue import services

    report = services.apply_due_transitions(on=dt.date.fromisoformat(on) if on else None)
    return {"on": report.on.isoformat(), "examined": report.examined, "changed": report.changed}


@db_task("outbox.relay")
def relay_outbox() -> int:
    """Deliver the outbox rows that are due (their first delivery after commit failed). Idempotent."""
    from backend.outbox import relay

    return relay.deliver()


@db_task("catalogue.run_import", max_retries=3, long=True)
def run_import(job_id: int) -> None:
    from backend.catalogue.importers import jobs

    jobs.job_run(job_id)


@db_task("catalogue.requeue_stalled_imports")
def requeue_stalled_imports() -> list[int]:
    """Import jobs whose worker died (no heartbeat for a while) or whose message was lost are queued again."""
    from backend.catalogue.importers import jobs

    stalled = jobs.stalled_jobs()
    for job_id in stalled:
        run_import.delay(job_id)
    return stalled


def _transient_search_errors() -> tuple[type[BaseException], ...]:
    from search.types import EngineUnavailable

    return (EngineUnavailable, *TRANSIENT)


@app.task(
    name="search.index_documents",
    queue="search",
    autoretry_for=_transient_search_errors(),
    retry_backoff=True,
    retry_backoff_max=RETRY_BACKOFF_MAX,
    retry_jitter=True,
    max_retries=10,
    acks_late=True,
)
def index_documents(ids: list[int]) -> dict[str, int]:
    """Upsert (or delete) these documents in the index. Idempotent: the index ends equal to the rows."""
    from backend.searching import services

    upserted, deleted = services.index_documents(ids)
    return {"upserted": upserted, "deleted": deleted}


@db_task("search.reindex_texts_taking_effect", queue="search")
def reindex_texts_taking_effect(on: str | None = None) -> list[int]:
    """The daily pass of the texts: index the documents whose text in force changes today (an amendment applies, a
    suspension ends). Idempotent: indexing twice gives the same index."""
    from backend.searching import services

    return services.reindex_texts_taking_effect(on=dt.date.fromisoformat(on) if on else None)


@app.task(
    name="search.reconcile",
    queue="search",
    autoretry_for=_transient_search_errors(),
    retry_backoff=True,
    retry_backoff_max=RETRY_BACKOFF_MAX,
    max_retries=5,
    **_policy(long=True),
)
def reconcile_index() -> dict[str, int]:
    """Repair differences between the catalogue and the index (missed messages, engine outages)."""
    from backend.searching import services

    report = services.reconcile()
    return {"checked": report.checked, "upserted": report.upserted, "deleted": report.deleted}


FANOUT_CHUNK = 2_000  # review tasks created per chunk task of a fan-out


@db_task("reviews.on_relation_added")
def reviews_on_relation_added(relation_id: int) -> dict[str, Any]:
    """A relation was recorded: resolve the recommendations its source carries out, and if it amends, replaces,
    repeals or suspends its target, open reviews of the target's dependents (backend/reviews/triggers.py)."""
    from backend.reviews import triggers

    resolved = triggers.resolve_recommendations(relation_id)
    return {"resolved": resolved, "plan": fan_out_reviews(triggers.relation_reviews(relation_id))}


@db_task("reviews.on_document_expired")
def reviews_on_document_expired(document_id: int, on: str) -> dict[str, Any]:
    """A document expired at the end of its term: open reviews of the documents that rest on it."""
    from backend.reviews import triggers

    return {"plan": fan_out_reviews(triggers.expiry_reviews(document_id, dt.date.fromisoformat(on)))}


def fan_out_reviews(reviews: Reviews | None) -> int | None:
    """The fan-out: a group of chunk tasks that create the event's review tasks. The plan's id, or None when the
    event opens no reviews."""
    from celery import group

    if reviews is None:
        return None
    ids = reviews.document_ids
    chunks = [ids[i : i + FANOUT_CHUNK] for i in range(0, len(ids), FANOUT_CHUNK)]
    group(create_review_tasks.s(reviews.plan_id, chunk, reviews.trigger) for chunk in chunks).apply_async()
    return reviews.plan_id


@db_task("reviews.create_review_tasks")
def create_review_tasks(plan_id: int, document_ids: list[int], trigger: dict[str, Any]) -> int:
    """One chunk of a fan-out. Idempotent: documents already in the plan are skipped."""
    from backend.reviews import triggers

    return triggers.create_tasks(plan_id, document_ids, trigger)


@db_task("reviews.mark_overdue")
def reviews_mark_overdue(on: str | None = None) -> int:
    """Daily: recommendations past their deadline become overdue. Idempotent."""
    from backend.catalogue import selectors
    from backend.reviews import services

    return services.mark_overdue(dt.date.fromisoformat(on) if on else selectors.today())


@db_task("reviews.send_reminders", queue="notify", long=True)
def reviews_send_reminders(on: str | None = None) -> dict[str, Any]:
    """Daily: notices of reviews due soon, overdue reviews and overdue recommendations. Idempotent per day."""
    from backend.catalogue import selectors
    from backend.reviews import reminders

    report = reminders.send_reminders(dt.date.fromisoformat(on) if on else selectors.today())
    return {
        "day": report.day.isoformat(),
        "review_due": report.review_due,
        "review_overdue": report.review_overdue,
        "recommendation_overdue": report.recommendation_overdue,
    }


@db_task("reviews.sync_notices", queue="notify")
def reviews_sync_notices(
    task_ids: list[int], recommendation_ids: list[int] | None = None, announcement_ids: list[int] | None = None
) -> int:
    """Workflow objects moved: tell whoever has to act now, close the notices about what is done. Idempotent
    (backend/reviews/notices.py); the new notices are e-mailed once, after commit. `announcement_ids` come only
    from messages recorded before the yearly lists had their own task (announcements.sync_notices)."""
    from django.db import transaction

    from backend.announcements import notices as list_notices
    from backend.notifications import services as notifications
    from backend.reviews import notices

    with transaction.atomic():
        sent = notices.sync(task_ids=task_ids, recommendation_ids=recommendation_ids or ())
        list_notices.sync(announcement_ids or ())
    notifications.email(sent)
    return len(sent)


@db_task("announcements.sync_notices", queue="notify")
def announcements_sync_notices(announcement_ids: list[int]) -> int:
    """Yearly lists moved: the notices about the ones no longer drafts close. Idempotent."""
    from backend.announcements import notices

    return notices.sync(announcement_ids)


@db_task("announcements.yearly_draft", long=True)
def announcements_yearly_draft(year: int | None = None) -> int | None:
    """Early January: the draft list of the year that just ended, and a notice to the legal officers. Idempotent:
    nothing is made when a list of that year exists."""
    from backend.announcements import services
    from backend.catalogue import selectors

    made = services.yearly_draft(year if year is not None else selectors.today().year - 1)
    return made.pk if made is not None else None


# --- watching documents (backend/watching) ------------------------------------------------------------------------


@db_task("watching.fan_out", queue="watching")
def watching_fan_out(event_ids: list[int]) -> int:
    """Watch events -> chunk tasks of about 1,000 subscriptions, and webhook deliveries. Idempotent."""
    from backend.watching import fanout

    return fanout.fan_out(event_ids)


@db_task("watching.deliver_chunk", queue="watching")
def watching_deliver_chunk(pairs: list[list[int]], day: str) -> int:
    """One chunk: its Delivery rows, then its digests queued. Idempotent."""
    from backend.watching import fanout

    return fanout.deliver_chunk(pairs, dt.date.fromisoformat(day))


@db_task("watching.send_digest_chunk", queue="watching")
def watching_send_digest_chunk(subscription_ids: list[int], day: str) -> int:
    """The digests of one chunk's addresses for `day` (at most one per address per day). Idempotent."""
    from backend.watching import digests

    return digests.send_for_subscriptions(subscription_ids, dt.date.fromisoformat(day))


@db_task("watching.send_confirmation", queue="watching")
def watching_send_confirmation(subscription_id: int) -> bool:
    """The confirmation message of a new (or re-requested) subscription."""
    from backend.watching import services

    return services.send_confirmation(subscription_id)


@db_task("watching.send_digests", queue="watching", long=True)
def watching_send_digests(on: str | None = None) -> dict[str, int]:
    """Daily: fan-outs lost after commit queued again, the digests still owed sent, unconfirmed addresses past
    their link forgotten. Idempotent per day (one digest per address per day)."""
    from backend.watching import digests, fanout

    requeued = fanout.requeue_stalled()
    sent = digests.send_due(dt.date.fromisoformat(on) if on else None)
    return {"requeued": len(requeued), "sent": sent, "forgotten": digests.forget_unconfirmed()}


def _transient_webhook_errors() -> tuple[type[BaseException], ...]:
    from backend.watching.hooks import TransientWebhookError

    return (TransientWebhookError, *TRANSIENT)


WEBHOOK_RETRIES = 6


@app.task(
    bind=True,
    name="watching.deliver_webhook",
    queue="watching",
    autoretry_for=_transient_webhook_errors(),
    retry_backoff=True,
    retry_backoff_max=RETRY_BACKOFF_MAX,
    retry_jitter=True,
    max_retries=WEBHOOK_RETRIES,
    acks_late=True,
)
def watching_deliver_webhook(self: Any, delivery_id: int) -> str:
    """POST one event to one webhook, signed. Transient failures retry with back-off; idempotent by event."""
    from backend.watching import hooks

    if not self.request.is_eager:
        return hooks.deliver(delivery_id)
    # In-process (no broker): nothing could hold a delayed retry, and an eager retry raises into the caller, so the
    # attempts are made here, back to back.
    for _ in range(WEBHOOK_RETRIES):
        try:
            return hooks.deliver(delivery_id)
        except hooks.TransientWebhookError:
            continue
    try:
        return hooks.deliver(delivery_id)
    except hooks.TransientWebhookError:
        return "failed"
