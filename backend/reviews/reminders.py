"""Daily reminders (Celery beat): reviews due soon, overdue reviews, overdue recommendations."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db.models import Exists, OuterRef
from django.utils import timezone

from backend.accounts.roles import legal_officers
from backend.reviews.models import Notification, Recommendation, ReviewTask
from backend.reviews.workflow import RecommendationStatus, State

log = logging.getLogger(__name__)

REMINDER_KINDS = (
    Notification.Kind.REVIEW_DUE,
    Notification.Kind.REVIEW_OVERDUE,
    Notification.Kind.RECOMMENDATION_OVERDUE,
)
OPEN_TASK_STATES = (State.ASSIGNED.value, State.IN_PROGRESS.value, State.RETURNED.value)


@dataclass(frozen=True)
class ReminderReport:
    day: dt.date
    review_due: int
    review_overdue: int
    recommendation_overdue: int


def _task_notice(task: ReviewTask, kind: str, day: dt.date) -> Notification:
    number = task.document.number
    if kind == Notification.Kind.REVIEW_DUE:
        vi = f"Nhiệm vụ rà soát văn bản {number} đến hạn ngày {task.due_on:%d/%m/%Y}."
        en = f"The review of {number} is due on {task.due_on:%Y-%m-%d}."
    else:
        vi = f"Nhiệm vụ rà soát văn bản {number} đã quá hạn (hạn {task.due_on:%d/%m/%Y})."
        en = f"The review of {number} is overdue (due {task.due_on:%Y-%m-%d})."
    return Notification(
        user_id=int(task.reviewer_id or 0),  # the query below only takes tasks with a reviewer
        kind=kind,
        object_type="review",
        object_id=task.pk,
        day=day,
        message_vi=vi,
        message_en=en,
        link=f"/can-bo/ra-soat/{task.pk}",  # the web app's page; also the e-mail's link
    )


def send_reminders(day: dt.date, *, within_days: int | None = None) -> ReminderReport:
    """Create today's notices (each at most once a day: re-running the same day adds nothing)."""
    within = settings.HIEULUC_REVIEW_REMINDER_DAYS if within_days is None else within_days
    tasks = ReviewTask.objects.select_related("document").filter(state__in=OPEN_TASK_STATES, reviewer__isnull=False)
    due = list(tasks.filter(due_on__gte=day, due_on__lte=day + dt.timedelta(days=within)))
    overdue = list(tasks.filter(due_on__lt=day))
    notices = [_task_notice(t, Notification.Kind.REVIEW_DUE, day) for t in due]
    notices += [_task_notice(t, Notification.Kind.REVIEW_OVERDUE, day) for t in overdue]
    late = list(Recommendation.objects.filter(status=RecommendationStatus.OVERDUE.value).prefetch_related("targets"))
    officers = list(legal_officers())
    for rec in late:
        numbers = ", ".join(d.number for d in rec.targets.all()) or rec.target_text[:120]
        deadline = f"{rec.deadline:%d/%m/%Y}" if rec.deadline else "-"
        for officer in officers:
            notices.append(
                Notification(
                    user=officer,
                    kind=Notification.Kind.RECOMMENDATION_OVERDUE,
                    object_type="recommendation",
                    object_id=rec.pk,
                    day=day,
                    message_vi=f"Kiến nghị xử lý ({rec.action}) đối với {numbers} đã quá hạn ({deadline}).",
                    message_en=f"The recommendation ({rec.action}) on {numbers} is overdue ({deadline}).",
                    link=f"/can-bo/kien-nghi#kien-nghi-{rec.pk}",
                )
            )
    # Each notice once per object and day, in the app and by e-mail, even when the task is retried.
    existing = set(Notification.objects.filter(day=day).values_list("user_id", "kind", "object_type", "object_id"))
    new = [n for n in notices if (n.user_id, n.kind, n.object_type, n.object_id) not in existing]
    Notification.objects.bulk_create(new, ignore_conflicts=True, batch_size=2_000)
    _close_superseded(day)
    email_notices(new)
    return ReminderReport(day, len(due), len(overdue), len(late))


def _close_superseded(day: dt.date) -> None:
    """Today's reminder replaces the earlier days' ones about the same object: one open notice per thing to do,
    not a pile of them."""
    today = Notification.objects.filter(day=day, kind__in=REMINDER_KINDS)
    Notification.objects.filter(kind__in=REMINDER_KINDS, day__lt=day, closed_at__isnull=True).filter(
        Exists(
            today.filter(
                user_id=OuterRef("user_id"), object_type=OuterRef("object_type"), object_id=OuterRef("object_id")
            )
        )
    ).update(closed_at=timezone.now())


def email_notices(notices: list[Notification]) -> None:
    users = get_user_model().objects.in_bulk({n.user_id for n in notices})
    messages = []
    for notice in notices:
        user = users.get(notice.user_id)
        address = getattr(user, "email", "") if user is not None else ""
        if address:
            subject = f"[Hiệu Lực] {notice.message_vi[:120]}"
            # An e-mail is read outside the app: give the page's full address when the site's is known.
            link = f"{settings.SITE_URL}{notice.link}" if notice.link.startswith("/") else notice.link
            body = f"{notice.message_vi}\n\n{notice.message_en}\n\n{link}"
            messages.append((subject, body, None, [address]))
    if not messages:
        return
    try:
        send_mass_mail(messages, fail_silently=False)
    except Exception:  # the in-app notices are saved; a mail outage must not undo them or retry them
        log.warning("could not send %d reminder e-mails", len(messages), exc_info=True)
