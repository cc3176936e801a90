"""How a notice is given, closed, read and sent, for every app that tells a user something.

The calling app decides who is told what (backend/reviews/notices.py and reminders.py, backend/announcements/
notices.py); this room keeps the rules every notice follows:

- `notify` gives each user a notice at most once per kind, object and day, so a daily run repeated or an event
  delivered twice adds nothing; a workflow step (`sent_at`) taken again the same day renews its notice instead.
- `close` marks notices whose request has been dealt with: they stay listed (what happened) but no longer ask
  for anything or count as unread. `close_superseded` closes the earlier days' reminders a new one replaces.
- `mark_read`: the user has read it (GET /notifications/?unread=true no longer lists it).
- `email` sends new notices by e-mail; an outage is logged, never raised (the notices in the app are saved).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db.models import Exists, OuterRef
from django.utils import timezone

from backend.notifications.models import Notification

log = logging.getLogger(__name__)

Kind = Notification.Kind
# A workflow event names a handful of objects; a reminder run names every open task. Up to this many, the
# notices already there are read for those objects only; beyond it, all of the day's of those kinds (one query).
_FEW_OBJECTS = 500
_BATCH = 2_000


@dataclass(frozen=True)
class Notice:
    """What the users `to` are told about one object (its type and id), in both languages, with the web app's
    page for it (`link`, also the e-mail's)."""

    to: Sequence[int]
    kind: str
    object_type: str
    object_id: int
    message_vi: str
    message_en: str
    link: str = ""


_Key = tuple[int, str, str, int, dt.date]


def _key(n: Notification) -> _Key:
    return (n.user_id, n.kind, n.object_type, n.object_id, n.day)


def _existing(wanted: list[Notification]) -> dict[_Key, Notification]:
    query = Notification.objects.filter(
        day__in={n.day for n in wanted},
        kind__in={n.kind for n in wanted},
        object_type__in={n.object_type for n in wanted},
    )
    ids = {n.object_id for n in wanted}
    if len(ids) <= _FEW_OBJECTS:
        query = query.filter(object_id__in=ids, user_id__in={n.user_id for n in wanted})
    return {_key(n): n for n in query}


def notify(
    notices: Iterable[Notice], *, day: dt.date | None = None, sent_at: dt.datetime | None = None
) -> list[Notification]:
    """Make sure each user has each notice for `day` (today by default), once. Returns the notices new to their
    users (to be e-mailed: `email`).

    With `sent_at` (the moment of a workflow step: a submission, a decision), the notices are of that moment: their
    day is its day, and a notice already given earlier that day for an earlier step (submitted, returned,
    submitted again) is renewed: its new message, unread and open again."""
    if sent_at is not None:
        day = timezone.localdate(sent_at)
    day = day or timezone.localdate()
    wanted = {
        (user_id, notice.kind, notice.object_type, notice.object_id, day): Notification(
            user_id=user_id,
            kind=notice.kind,
            object_type=notice.object_type,
            object_id=notice.object_id,
            day=day,
            message_vi=notice.message_vi,
            message_en=notice.message_en,
            link=notice.link,
            created_at=sent_at or timezone.now(),
        )
        for notice in notices
        for user_id in notice.to
    }
    if not wanted:
        return []
    existing = _existing(list(wanted.values()))
    fresh: list[Notification] = []
    for key, notification in wanted.items():
        found = existing.get(key)
        if found is None:
            fresh.append(notification)
        elif sent_at is not None and found.created_at < sent_at:
            found.message_vi, found.message_en, found.created_at = (
                notification.message_vi,
                notification.message_en,
                sent_at,
            )
            found.read_at = found.closed_at = None
            found.save(update_fields=["message_vi", "message_en", "created_at", "read_at", "closed_at"])
            fresh.append(found)
    # A concurrent run may have made some of them meanwhile: the constraint keeps one, the conflict is ignored.
    Notification.objects.bulk_create([n for n in fresh if n.pk is None], ignore_conflicts=True, batch_size=_BATCH)
    return fresh


def close(
    kinds: Iterable[str],
    object_type: str,
    object_ids: Iterable[int],
    *,
    except_users: Iterable[int] = (),
    now: dt.datetime | None = None,
) -> int:
    """Close the open notices of these kinds about these objects (their request was dealt with, or is no longer
    the user's), except those of `except_users` (who are still asked). Returns how many were closed."""
    query = Notification.objects.filter(
        kind__in=list(kinds), object_type=object_type, object_id__in=list(object_ids), closed_at__isnull=True
    )
    keep = list(except_users)
    if keep:
        query = query.exclude(user_id__in=keep)
    return query.update(closed_at=now or timezone.now())


def close_superseded(kinds: Iterable[str], day: dt.date) -> int:
    """The notices of `kinds` given on `day` replace the earlier days' ones of those kinds to the same user about
    the same object (yesterday's "due" by today's "overdue"): one open notice per thing to do, not a pile."""
    kinds = list(kinds)
    on_day = Notification.objects.filter(day=day, kind__in=kinds)
    return (
        Notification.objects.filter(kind__in=kinds, day__lt=day, closed_at__isnull=True)
        .filter(
            Exists(
                on_day.filter(
                    user_id=OuterRef("user_id"), object_type=OuterRef("object_type"), object_id=OuterRef("object_id")
                )
            )
        )
        .update(closed_at=timezone.now())
    )


def mark_read(notice: Notification) -> Notification:
    """The user has read it (the first time counts)."""
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


def email(notices: Iterable[Notification]) -> None:
    """E-mail each notice to its user (those with an address), in Vietnamese and English, with the page's full
    address. Call it after the notices are committed: a mail outage is logged, never raised, and not retried."""
    notices = list(notices)
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
        log.warning("could not send %d notice e-mails", len(messages), exc_info=True)
