"""Notices that follow the workflow: who is told what when a review task, a recommendation or a yearly list moves.

Each write records an event in the outbox (`review_task_changed`, `recommendation_changed`,
`announcement_changed`, see `record_*` below); the consumer in backend/reviews/handlers.py hands the ids to a task
on the `notify` queue, which calls `sync`. `sync` looks at the object as it is now, not at what the event said, so
a late, repeated or out-of-order delivery gives the same notices:

- a submitted task: every legal officer and admin who may approve it (not its reviewer, not who submitted it) has
  an open "waiting for your approval" notice; once it is approved or returned those notices are closed;
- an approved or returned task: its reviewer is told (a "returned" notice is closed once it is submitted again);
- a task no longer open, or given to someone else: the due/overdue reminders about it are closed;
- a recommendation resolved or withdrawn (or no longer overdue): its "overdue" notices are closed;
- a yearly list no longer a draft: the "draft made, review and submit it" notices are closed.

A closed notice stays in the list (what happened) but no longer asks for anything or counts as unread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone

from backend.accounts.roles import legal_officers
from backend.outbox import relay
from backend.reviews.models import Notification, Recommendation, ReviewTask
from backend.reviews.workflow import RecommendationStatus, State

TASK_EVENT = "review_task_changed"
RECOMMENDATION_EVENT = "recommendation_changed"
ANNOUNCEMENT_EVENT = "announcement_changed"

OPEN_TASK_STATES = frozenset({State.ASSIGNED.value, State.IN_PROGRESS.value, State.RETURNED.value})
Kind = Notification.Kind


def record_tasks(task_ids: Iterable[int]) -> None:
    """In the writing transaction: the tasks changed (state, reviewer); their notices follow after commit."""
    relay.record(TASK_EVENT, [{"task_id": int(pk)} for pk in dict.fromkeys(task_ids)])


def record_recommendations(ids: Iterable[int]) -> None:
    relay.record(RECOMMENDATION_EVENT, [{"recommendation_id": int(pk)} for pk in dict.fromkeys(ids)])


def record_announcement(announcement_id: int) -> None:
    relay.record(ANNOUNCEMENT_EVENT, [{"announcement_id": int(announcement_id)}])


def _day(moment: dt.datetime | None) -> dt.date:
    return timezone.localdate(moment) if moment else timezone.localdate()


def _send(
    task: ReviewTask, kind: str, user_ids: list[int], sent_at: dt.datetime, vi: str, en: str
) -> list[Notification]:
    """Make sure each user has this notice for this round (a re-delivery adds nothing; a new round the same
    day re-opens the earlier notice as unread). Returns the notices new to their users (to e-mail)."""
    day = _day(sent_at)
    existing = {
        n.user_id: n
        for n in Notification.objects.filter(
            kind=kind, object_type="review", object_id=task.pk, day=day, user_id__in=user_ids
        )
    }
    link = f"/can-bo/ra-soat/{task.pk}"
    fresh: list[Notification] = []
    for user_id in user_ids:
        notice = existing.get(user_id)
        if notice is None:
            fresh.append(
                Notification(
                    user_id=user_id,
                    kind=kind,
                    object_type="review",
                    object_id=task.pk,
                    day=day,
                    message_vi=vi,
                    message_en=en,
                    link=link,
                    created_at=sent_at,
                )
            )
        elif notice.created_at < sent_at:
            notice.message_vi, notice.message_en, notice.created_at = vi, en, sent_at
            notice.read_at = notice.closed_at = None
            notice.save(update_fields=["message_vi", "message_en", "created_at", "read_at", "closed_at"])
            fresh.append(notice)
    Notification.objects.bulk_create([n for n in fresh if n.pk is None], ignore_conflicts=True)
    return fresh


def _close(query: QuerySet[Notification], now: dt.datetime) -> int:
    return query.filter(closed_at__isnull=True).update(closed_at=now)


def _sync_task(task: ReviewTask, now: dt.datetime) -> list[Notification]:
    notices = Notification.objects.filter(object_type="review", object_id=task.pk)
    number = task.document.number
    sent: list[Notification] = []
    # Approval requests: open while the task waits for a decision, for whoever may take it (four eyes).
    asked = notices.filter(kind=Kind.REVIEW_SUBMITTED)
    if task.state == State.SUBMITTED.value and task.submitted_at is not None:
        person = task.reviewer or task.submitted_by
        who = person.get_username() if person else "-"
        approvers = [
            pk
            for pk in legal_officers().values_list("pk", flat=True)
            if pk not in {task.reviewer_id, task.submitted_by_id}
        ]
        sent += _send(
            task,
            Kind.REVIEW_SUBMITTED,
            approvers,
            task.submitted_at,
            f"Kết quả rà soát văn bản {number} ({who}) đang chờ duyệt.",
            f"The review of {number} ({who}) is waiting for approval.",
        )
        _close(asked.exclude(user_id__in=approvers), now)
    else:
        _close(asked, now)
    # The decision, to the reviewer (or whoever submitted a task without one).
    told = task.reviewer_id or task.submitted_by_id
    if task.state in (State.APPROVED.value, State.RETURNED.value) and told and task.decided_at is not None:
        if task.state == State.APPROVED.value:
            kind, vi, en = (
                Kind.REVIEW_APPROVED,
                f"Kết quả rà soát văn bản {number} đã được duyệt.",
                f"The review of {number} was approved.",
            )
        else:
            comment = task.comment.strip()[:300]
            kind, vi, en = (
                Kind.REVIEW_RETURNED,
                f"Kết quả rà soát văn bản {number} bị trả lại: {comment}",
                f"The review of {number} was returned: {comment}",
            )
        sent += _send(task, kind, [int(told)], task.decided_at, vi, en)
    if task.state != State.RETURNED.value:  # submitted again (or approved): the return has been dealt with
        _close(notices.filter(kind=Kind.REVIEW_RETURNED), now)
    # Reminders about a task that is no longer open, or no longer this user's.
    reminders = notices.filter(kind__in=[Kind.REVIEW_DUE, Kind.REVIEW_OVERDUE])
    if task.state in OPEN_TASK_STATES and task.reviewer_id:
        reminders = reminders.exclude(user_id=task.reviewer_id)
    _close(reminders, now)
    return sent


def sync(
    *, task_ids: Iterable[int] = (), recommendation_ids: Iterable[int] = (), announcement_ids: Iterable[int] = ()
) -> list[Notification]:
    """Bring the notices of these objects in line with their state now. Idempotent. Returns the notices new to
    their users, which the caller e-mails."""
    from backend.announcements.models import Announcement

    now = timezone.now()
    recommendation_ids, announcement_ids = set(recommendation_ids), set(announcement_ids)
    sent: list[Notification] = []
    tasks = ReviewTask.objects.select_related("document", "reviewer", "submitted_by").filter(pk__in=list(task_ids))
    for task in tasks.order_by("pk"):
        sent += _sync_task(task, now)
    still_overdue = Recommendation.objects.filter(
        pk__in=list(recommendation_ids), status=RecommendationStatus.OVERDUE.value
    ).values_list("pk", flat=True)
    done = recommendation_ids - set(still_overdue)
    _close(Notification.objects.filter(kind=Kind.RECOMMENDATION_OVERDUE, object_id__in=done), now)
    drafts = set(
        Announcement.objects.filter(pk__in=list(announcement_ids), state=Announcement.State.DRAFT).values_list(
            "pk", flat=True
        )
    )
    not_drafts = announcement_ids - drafts
    _close(Notification.objects.filter(kind=Kind.ANNOUNCEMENT_DRAFT, object_id__in=not_drafts), now)
    return sent
