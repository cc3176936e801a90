"""The digest: at most one e-mail per address per day, carrying every delivery the address is owed across its
subscriptions.

An address's live subscriptions are locked while its digest is built, and each remembers the day of the last
digest (`last_digest_on`), so two chunks or a chunk and the daily run never both send one that day. The e-mails
are handed to the mail backend inside the transaction that marks the deliveries sent: a mail outage rolls the
marks back, and the next run (the daily beat) sends them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from backend.catalogue import selectors as catalogue
from backend.watching import messages, selectors
from backend.watching.models import Delivery, Subscription, WatchEvent

log = logging.getLogger(__name__)

BATCH = 1_000  # addresses per transaction of the daily run
UNCONFIRMED_KEPT = dt.timedelta(days=8)  # a confirmation link lasts 7 days; the address is kept no longer


def send_for_subscriptions(subscription_ids: Sequence[int], day: dt.date) -> int:
    """Send `day`'s digest to the addresses of these subscriptions that have not had it. The e-mails sent."""
    addresses = set(
        selectors.live_subscriptions().filter(pk__in=list(subscription_ids)).values_list("email_hash", flat=True)
    )
    return _send(addresses, day)


def send_due(day: dt.date | None = None) -> int:
    """The daily run: every address with a delivery still owed and no digest on `day` (today) gets one."""
    day = day or catalogue.today()
    pending = (
        Delivery.objects.filter(sent_at__isnull=True, subscription__in=selectors.live_subscriptions())
        .exclude(subscription__last_digest_on__gte=day)
        .values_list("subscription__email_hash", flat=True)
        .distinct()
    )
    addresses = sorted(set(pending))
    sent = 0
    for start in range(0, len(addresses), BATCH):
        sent += _send(set(addresses[start : start + BATCH]), day)
    return sent


def forget_unconfirmed(now: dt.datetime | None = None) -> int:
    """Unconfirmed subscriptions older than their link are removed: the address was never confirmed for this."""
    before = (now or timezone.now()) - UNCONFIRMED_KEPT
    deleted, _ = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=before).delete()
    return deleted


def _send(addresses: Iterable[str], day: dt.date) -> int:
    addresses = sorted(a for a in addresses if a)
    if not addresses:
        return 0
    with transaction.atomic():
        rows = list(
            selectors.live_subscriptions()
            .select_for_update()
            .filter(email_hash__in=addresses)
            .order_by("pk")
            .values_list("pk", "kind", "target", "email", "email_hash", "last_digest_on")
        )
        done = {row[4] for row in rows if row[5] is not None and row[5] >= day}
        subscription_of = {row[0]: row for row in rows if row[4] not in done}
        # Plain rows (a chunk is 1,000 addresses or more): the events are few, read once and described once.
        pending = list(
            Delivery.objects.filter(subscription_id__in=list(subscription_of), sent_at__isnull=True)
            .order_by("event_id")
            .values_list("pk", "subscription_id", "event_id")
        )
        if not pending:
            return 0
        events = _Events(WatchEvent.objects.filter(pk__in={event for _pk, _sub, event in pending}))
        owed: dict[str, list[tuple[int, int]]] = defaultdict(list)  # address hash -> (subscription, event)
        for _pk, sub, event in pending:
            owed[subscription_of[sub][4]].append((sub, event))
        outgoing = [_digest(deliveries, subscription_of, events) for deliveries in owed.values()]
        now = timezone.now()
        Delivery.objects.filter(pk__in=[pk for pk, _sub, _event in pending]).update(sent_at=now)
        Subscription.objects.filter(pk__in=[sub for _pk, sub, _event in pending]).update(last_digest_on=day)
        # Inside the transaction: if the mail server refuses, the marks roll back and the next run sends them.
        sent = get_connection().send_messages(outgoing)
    return int(sent or 0)


class _Events:
    """The events of a run, each described once, in the order they happened."""

    def __init__(self, events: Iterable[WatchEvent]) -> None:
        self.by_id = {e.pk: e for e in events.select_related("document__doc_type")}  # type: ignore[attr-defined]
        self.labels = {pk: selectors.document_label(e.document) for pk, e in self.by_id.items()}
        self.lines = {pk: messages.describe(e, self.labels[pk]) for pk, e in self.by_id.items()}
        self.order = {pk: (e.happened_on, pk) for pk, e in self.by_id.items()}
        self._named: dict[tuple[str, str], str] = {}  # an issuer's, field's or search's label, asked once a run

    def item(self, pk: int) -> tuple[str, str, int]:
        vi, en = self.lines[pk]
        return vi, en, self.by_id[pk].document_id

    def label_of(self, kind: str, target: str, event_ids: Iterable[int]) -> str:
        if kind == "document":  # the common case, named from an event's document without a query
            for pk in event_ids:
                if str(self.by_id[pk].document_id) == target:
                    return self.labels[pk]
        if (kind, target) not in self._named:
            self._named[kind, target] = selectors.label(kind, target)
        return self._named[kind, target]


def _digest(
    deliveries: list[tuple[int, int]], subscription_of: dict[int, tuple[Any, ...]], events: _Events
) -> messages.EmailMessage:
    """One address's e-mail: each event once (two of its subscriptions may follow it: a document and its issuer)."""
    event_ids = sorted({event for _sub, event in deliveries}, key=events.order.__getitem__)
    followed: dict[int, list[int]] = defaultdict(list)
    for sub, event in deliveries:
        followed[sub].append(event)
    labels = [
        (sub, events.label_of(subscription_of[sub][1], subscription_of[sub][2], ids))
        for sub, ids in sorted(followed.items())
    ]
    address = subscription_of[deliveries[0][0]][3] or ""
    return messages.digest(address, [events.item(pk) for pk in event_ids], labels)
