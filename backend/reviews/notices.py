"""Notices that follow the review workflow: who is told what when a review task or a recommendation moves.

Each write records an event in the outbox (`review_task_changed`, `recommendation_changed`, see `record_*`
below); the consumer in backend/reviews/handlers.py hands the ids to a task on the `notify` queue, which calls
`sync`. `sync` looks at the object as it is now, not at what the event said, so a late, repeated or out-of-order
delivery gives the same notices:

- a submitted task: every legal officer and admin who may approve it now (not its reviewer, not who submitted it;
  where the task is; at its approval's stage) has an open "waiting for your approval" notice; once it is approved
  or returned, or its organisation's approval moves it on to the Sở Tư pháp, those notices are closed;
- an approved or returned task: its reviewer is told (a "returned" notice is closed once it is submitted again);
- a task no longer open, or given to someone else: the due/overdue reminders about it are closed;
- a recommendation resolved or withdrawn (or no longer overdue): its "overdue" notices are closed.

How a notice is kept, renewed, closed and e-mailed is the notifications room's (backend/notifications/services.py);
a yearly list's notices are the announcements' own (backend/announcements/notices.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from backend.accounts.roles import legal_officers
from backend.notifications import services as notifications
from backend.notifications.models import Notification
from backend.notifications.services import Kind, Notice
from backend.outbox import relay
from backend.reviews import selectors
from backend.reviews.models import Recommendation, ReviewTask
from backend.reviews.workflow import RecommendationStatus, State

TASK_EVENT = "review_task_changed"
RECOMMENDATION_EVENT = "recommendation_changed"

OPEN_TASK_STATES = frozenset({State.ASSIGNED.value, State.IN_PROGRESS.value, State.RETURNED.value})
REVIEW = "review"  # the notices' object type for a review task
RECOMMENDATION = "recommendation"


def record_tasks(task_ids: Iterable[int]) -> None:
    """In the writing transaction: the tasks changed (state, reviewer); their notices follow after commit."""
    relay.record(TASK_EVENT, [{"task_id": int(pk)} for pk in dict.fromkeys(task_ids)])


def record_recommendations(ids: Iterable[int]) -> None:
    relay.record(RECOMMENDATION_EVENT, [{"recommendation_id": int(pk)} for pk in dict.fromkeys(ids)])


def task_link(task_id: int) -> str:
    """The task's page in the web app (also the e-mail's link)."""
    return f"/can-bo/ra-soat/{task_id}"


def _tell(
    task: ReviewTask, kind: str, user_ids: list[int], sent_at: dt.datetime, vi: str, en: str
) -> list[Notification]:
    notice = Notice(user_ids, kind, REVIEW, task.pk, vi, en, task_link(task.pk))
    return notifications.notify([notice], sent_at=sent_at)


def _sync_task(task: ReviewTask, now: dt.datetime, officers: list[Any]) -> list[Notification]:
    number = task.document.number
    sent: list[Notification] = []
    # Approval requests: open while the task waits for a decision, for whoever may take it (four eyes).
    if task.state == State.SUBMITTED.value and task.submitted_at is not None:
        person = task.reviewer or task.submitted_by
        who = person.get_username() if person else "-"
        # Only those who may decide it now: four eyes, where the task is, at its approval's stage (a department's
        # officers, then the Sở Tư pháp's): another organisation's officers never hear of it.
        approvers = [user.pk for user in officers if selectors.may_decide(user, task)]
        sent += _tell(
            task,
            Kind.REVIEW_SUBMITTED,
            approvers,
            task.submitted_at,
            f"Kết quả rà soát văn bản {number} ({who}) đang chờ duyệt.",
            f"The review of {number} ({who}) is waiting for approval.",
        )
        notifications.close([Kind.REVIEW_SUBMITTED], REVIEW, [task.pk], except_users=approvers, now=now)
    else:
        notifications.close([Kind.REVIEW_SUBMITTED], REVIEW, [task.pk], now=now)
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
        sent += _tell(task, kind, [int(told)], task.decided_at, vi, en)
    if task.state != State.RETURNED.value:  # submitted again (or approved): the return has been dealt with
        notifications.close([Kind.REVIEW_RETURNED], REVIEW, [task.pk], now=now)
    # Reminders about a task that is no longer open, or no longer this user's.
    still_asked = [task.reviewer_id] if task.state in OPEN_TASK_STATES and task.reviewer_id else []
    notifications.close([Kind.REVIEW_DUE, Kind.REVIEW_OVERDUE], REVIEW, [task.pk], except_users=still_asked, now=now)
    return sent


def sync(*, task_ids: Iterable[int] = (), recommendation_ids: Iterable[int] = ()) -> list[Notification]:
    """Bring the notices of these objects in line with their state now. Idempotent. Returns the notices new to
    their users, which the caller e-mails after commit (notifications.email)."""
    now = timezone.now()
    recommendation_ids = set(recommendation_ids)
    sent: list[Notification] = []
    tasks = ReviewTask.objects.select_related("document", "reviewer", "submitted_by", "organisation", "plan").filter(
        pk__in=list(task_ids)
    )
    officers = list(legal_officers()) if tasks.filter(state=State.SUBMITTED.value).exists() else []
    for task in tasks.order_by("pk"):
        sent += _sync_task(task, now, officers)
    still_overdue = Recommendation.objects.filter(
        pk__in=list(recommendation_ids), status=RecommendationStatus.OVERDUE.value
    ).values_list("pk", flat=True)
    done = recommendation_ids - set(still_overdue)
    notifications.close([Kind.RECOMMENDATION_OVERDUE], RECOMMENDATION, done, now=now)
    return sent
