"""Webhook delivery: a signed JSON POST per event, idempotent by event id.

The body is `{"id": event key, "kind", "document": {...}, "happened_on", "detail"}`, signed with the webhook's
secret: `X-Hieuluc-Signature: sha256=<hex HMAC-SHA256 of the body>`; `X-Hieuluc-Event` carries the event key so
a receiver can drop a repeat. urllib, not requests: the project has no HTTP client dependency and one POST needs
none. A connection failure, a time-out, a 429 or a 5xx is transient (the task retries with back-off); any other
answer is a failure without retry. Every failed attempt counts; after 10 in a row the webhook is disabled and its
owner told (backend/notifications)."""

from __future__ import annotations

import hashlib
import hmac
import json
import urllib.error
import urllib.request
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from backend.notifications import services as notifications
from backend.watching import selectors
from backend.watching.models import WatchEvent, Webhook, WebhookDelivery

TIMEOUT = 5.0
MAX_FAILURES = 10
NOTICE_KIND = "webhook_disabled"


class TransientWebhookError(Exception):
    """The receiver may take it later: the task retries."""


def body(event: WatchEvent) -> dict[str, Any]:
    document = event.document
    return {
        "id": event.key,
        "kind": event.kind,
        "document": {
            "id": document.pk,
            "number": document.number,
            "title": document.title,
            "type": document.doc_type.name,
            "issuer": document.issuer.code,
            "status": document.status,
            "label": selectors.document_label(document),
        },
        "happened_on": event.happened_on.isoformat(),
        "detail": event.payload,
    }


def signature(secret: str, raw: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()


def _post(hook: Webhook, event: WatchEvent) -> tuple[bool, bool, str]:
    """(delivered, transient, error)."""
    raw = json.dumps(body(event), ensure_ascii=False).encode()
    request = urllib.request.Request(
        hook.url,
        data=raw,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "HieuLuc-Webhook/1",
            "X-Hieuluc-Signature": signature(hook.secret, raw),
            "X-Hieuluc-Event": event.key,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            return 200 <= answer.status < 300, False, "" if answer.status < 300 else f"HTTP {answer.status}"
    except urllib.error.HTTPError as exc:
        return False, exc.code >= 500 or exc.code == 429, f"HTTP {exc.code}"
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        return False, True, f"{type(exc).__name__}: {exc}"[:500]


def deliver(delivery_id: int) -> str:
    """Attempt one delivery. Raises TransientWebhookError when a retry may succeed."""
    delivery = (
        WebhookDelivery.objects.select_related("webhook", "event__document__doc_type", "event__document__issuer")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None or delivery.delivered_at is not None:
        return "done"
    hook = delivery.webhook
    if not hook.active:
        return "disabled"
    delivered, transient, error = _post(hook, delivery.event)
    with transaction.atomic():
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            attempts=F("attempts") + 1, last_error=error, delivered_at=timezone.now() if delivered else None
        )
        locked = Webhook.objects.select_for_update().get(pk=hook.pk)
        if delivered:
            locked.consecutive_failures = 0
            locked.save(update_fields=["consecutive_failures"])
            return "delivered"
        locked.consecutive_failures += 1
        disabled = locked.active and locked.consecutive_failures >= MAX_FAILURES
        if disabled:
            locked.active, locked.disabled_at = False, timezone.now()
        locked.save(update_fields=["consecutive_failures", "active", "disabled_at"])
    if disabled:
        _tell_owner(locked, error)
        return "disabled"
    if transient:
        raise TransientWebhookError(error)
    return "failed"


def _tell_owner(hook: Webhook, error: str) -> None:
    notice = notifications.Notice(
        to=[hook.owner_id],
        kind=NOTICE_KIND,
        object_type="watching.webhook",
        object_id=hook.pk,
        message_vi=(
            f"Webhook #{hook.pk} ({hook.url}) đã bị tắt sau {MAX_FAILURES} lần gửi thất bại liên tiếp "
            f"(lỗi cuối: {error}). Hãy kiểm tra rồi bật lại."
        ),
        message_en=(
            f"Webhook #{hook.pk} ({hook.url}) was disabled after {MAX_FAILURES} failed deliveries in a row "
            f"(last error: {error}). Check it, then turn it on again."
        ),
    )
    with transaction.atomic():
        sent = notifications.notify([notice])
    notifications.email(sent)
