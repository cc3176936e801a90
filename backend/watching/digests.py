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
            .only("pk", "kind", "target", "email", "email_hash", "last_digest_on")
        )
        done = {r.email_hash for r in rows if r.last_digest_on is not None and r.last_digest_on >= day}
        by_address: dict[str, list[Subscription]] = defaultdict(list)
        for row in rows:
            if row.email_hash not in done:
                by_address[row.email_hash].append(row)
        subscription_of = {row.pk: row for rows_ in by_address.values() for row in rows_}
        pending = list(
            Delivery.objects.filter(subscription_id__in=list(subscription_of), sent_at__isnull=True)
            .select_related("event__document__doc_type")
            .order_by("event__happened_on", "event_id")
        )
        owed: dict[str, list[Delivery]] = defaultdict(list)
        for delivery in pending:
            owed[subscription_of[delivery.subscription_id].email_hash].append(delivery)
        outgoing = []
        for address, deliveries in owed.items():
            outgoing.append(_digest(by_address[address], deliveries))
        if not outgoing:
            return 0
        now = timezone.now()
        Delivery.objects.filter(pk__in=[d.pk for d in pending]).update(sent_at=now)
        Subscription.objects.filter(email_hash__in=list(owed), pk__in=list(subscription_of)).update(last_digest_on=day)
        # Inside the transaction: if the mail server refuses, the marks roll back and the next run sends them.
        sent = get_connection().send_messages(outgoing)
    return int(sent or 0)


def _digest(subscriptions: list[Subscription], deliveries: list[Delivery]) -> messages.EmailMessage:
    labels: dict[int, str] = {}
    items = []
    seen: set[int] = set()
    for delivery in deliveries:
        event: WatchEvent = delivery.event
        if event.pk in seen:  # two subscriptions of one address follow it (the document and its issuer)
            continue
        seen.add(event.pk)
        vi, en = messages.describe(event, selectors.document_label(event.document))
        items.append((vi, en, event.document_id))
    involved = {d.subscription_id for d in deliveries}
    for sub in subscriptions:
        if sub.pk in involved:
            labels[sub.pk] = _subscription_label(sub, deliveries)
    address = subscriptions[0].email or ""
    return messages.digest(address, items, sorted(labels.items()))


def _subscription_label(sub: Subscription, deliveries: list[Delivery]) -> str:
    if sub.kind == "document":  # the common case, named from the event's document without a query
        for delivery in deliveries:
            if str(delivery.event.document_id) == sub.target:
                return selectors.document_label(delivery.event.document)
    return selectors.label(sub.kind, sub.target)
