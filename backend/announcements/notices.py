"""A yearly list's notices: the legal officers are told when the January task drafts it, and those notices close
once the list is no longer a draft (submitted, or further).

A transition records `announcement_changed` in the outbox, in its transaction; after commit the consumer in
backend/announcements/handlers.py hands the ids to a task on the `notify` queue, which calls `sync`. `sync` reads
the lists as they are now, so a late or repeated delivery changes nothing more. How a notice is kept, closed and
e-mailed is the notifications room's (backend/notifications/services.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from backend.accounts.roles import legal_officers
from backend.announcements.models import Announcement
from backend.notifications import services as notifications
from backend.notifications.services import Kind, Notice
from backend.outbox import relay

EVENT = "announcement_changed"
ANNOUNCEMENT = "announcement"  # the notices' object type


def record(announcement_id: int) -> None:
    """In the writing transaction: the list moved; its notices follow after commit."""
    relay.record(EVENT, [{"announcement_id": int(announcement_id)}])


def tell_officers_of_draft(announcement: Announcement, day: dt.date) -> None:
    """The legal officers and admins are told, in the app and by e-mail, that a draft waits for them."""
    year, rows = announcement.year, announcement.rows.count()
    notice = Notice(
        list(legal_officers().values_list("pk", flat=True)),
        Kind.ANNOUNCEMENT_DRAFT,
        ANNOUNCEMENT,
        announcement.pk,
        f"Đã lập dự thảo danh mục văn bản hết hiệu lực, ngưng hiệu lực năm {year} ({rows} văn bản): cần rà soát "
        "và trình.",
        f"A draft list of documents expired or suspended in {year} was made ({rows} documents): review and submit it.",
        f"/can-bo/danh-muc/{announcement.pk}",  # the web app's page
    )
    notifications.email(notifications.notify([notice], day=day))


def sync(announcement_ids: Iterable[int]) -> int:
    """The lists no longer drafts: their "draft made, review and submit it" notices have been acted on and close.
    Idempotent. Returns how many notices were closed."""
    ids = set(announcement_ids)
    drafts = Announcement.objects.filter(pk__in=list(ids), state=Announcement.State.DRAFT).values_list("pk", flat=True)
    return notifications.close([Kind.ANNOUNCEMENT_DRAFT], ANNOUNCEMENT, ids - set(drafts))
