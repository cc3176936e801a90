"""Daily reminders (Celery beat): reviews due soon, overdue reviews, overdue recommendations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from backend.accounts.roles import legal_officers
from backend.notifications import services as notifications
from backend.notifications.services import Kind, Notice
from backend.reviews import rules
from backend.reviews.models import Recommendation, ReviewTask
from backend.reviews.notices import OPEN_TASK_STATES, RECOMMENDATION, REVIEW, task_link
from backend.reviews.workflow import RecommendationStatus

REMINDER_KINDS = (Kind.REVIEW_DUE, Kind.REVIEW_OVERDUE, Kind.RECOMMENDATION_OVERDUE)


@dataclass(frozen=True)
class ReminderReport:
    day: dt.date
    review_due: int
    review_overdue: int
    recommendation_overdue: int


def _task_notice(task: ReviewTask, kind: str) -> Notice:
    number = task.document.number
    if kind == Kind.REVIEW_DUE:
        vi = f"Nhiệm vụ rà soát văn bản {number} đến hạn ngày {task.due_on:%d/%m/%Y}."
        en = f"The review of {number} is due on {task.due_on:%Y-%m-%d}."
    else:
        vi = f"Nhiệm vụ rà soát văn bản {number} đã quá hạn (hạn {task.due_on:%d/%m/%Y})."
        en = f"The review of {number} is overdue (due {task.due_on:%Y-%m-%d})."
    # The query below only takes tasks with a reviewer.
    return Notice([int(task.reviewer_id or 0)], kind, REVIEW, task.pk, vi, en, task_link(task.pk))


def _recommendation_notice(rec: Recommendation, officers: list[int]) -> Notice:
    numbers = ", ".join(d.number for d in rec.targets.all()) or rec.target_text[:120]
    deadline = f"{rec.deadline:%d/%m/%Y}" if rec.deadline else "-"
    return Notice(
        officers,
        Kind.RECOMMENDATION_OVERDUE,
        RECOMMENDATION,
        rec.pk,
        f"Kiến nghị xử lý ({rec.action}) đối với {numbers} đã quá hạn ({deadline}).",
        f"The recommendation ({rec.action}) on {numbers} is overdue ({deadline}).",
        f"/can-bo/kien-nghi#kien-nghi-{rec.pk}",
    )


def send_reminders(day: dt.date, *, within_days: int | None = None) -> ReminderReport:
    """Give today's notices, in the app and by e-mail (each at most once a day: re-running the same day, or a
    retried task, adds nothing); today's reminder about a thing closes the earlier days' ones."""
    within = settings.HIEULUC_REVIEW_REMINDER_DAYS if within_days is None else within_days
    tasks = ReviewTask.objects.select_related("document").filter(state__in=OPEN_TASK_STATES, reviewer__isnull=False)
    due = list(tasks.filter(due_on__gte=day, due_on__lte=day + dt.timedelta(days=within)))
    overdue = list(tasks.filter(due_on__lt=day))
    late = list(
        Recommendation.objects.filter(status=RecommendationStatus.OVERDUE.value)
        .select_related("task")
        .prefetch_related("targets")
    )
    officers = list(legal_officers())
    notices = [_task_notice(t, Kind.REVIEW_DUE) for t in due]
    notices += [_task_notice(t, Kind.REVIEW_OVERDUE) for t in overdue]
    # An overdue recommendation is told to the legal officers where it is (its drafting organisation's, and the Sở
    # Tư pháp's), not to every department's.
    notices += [
        _recommendation_notice(rec, [u.pk for u in officers if rules.may("manage_recommendation", u, rec)])
        for rec in late
    ]
    new = notifications.notify(notices, day=day)
    notifications.close_superseded(REMINDER_KINDS, day)
    notifications.email(new)
    return ReminderReport(day, len(due), len(overdue), len(late))
