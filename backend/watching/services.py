"""The writes of watching: subscribe (double opt-in), confirm, unsubscribe, and the staff's webhooks. Audited
without any address: a subscription is named by its id and the first 8 characters of its address hash."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from backend.audit import services as audit
from backend.core.errors import invalid
from backend.core.tasks import enqueue
from backend.watching import selectors, tokens
from backend.watching.models import Subscription, Webhook

ACTOR = "public"  # who subscribes: nobody signed in


@dataclass(frozen=True)
class Followed:
    """What a confirmation or an unsubscribe was about, for the app's page."""

    kind: str
    target: str
    label: str


def _snapshot(sub: Subscription) -> dict[str, Any]:
    data = audit.snapshot(sub, exclude=("email", "email_hash"))
    data["email_hash_prefix"] = sub.email_hash[:8]
    return data


def subscribe(*, kind: str, target: str, email: str) -> None:
    """Follow `target` by e-mail. Whatever the address's state (new, waiting for confirmation, confirmed) the
    caller learns nothing: the answer is the same. A new or unconfirmed subscription is sent the confirmation
    link (after commit, by task); a confirmed one is sent nothing."""
    target = selectors.check_target(kind, target)
    address = tokens.normalise(email)
    digest = tokens.address_hash(address)
    with transaction.atomic():
        sub = Subscription.objects.select_for_update().filter(email_hash=digest, kind=kind, target=target).first()
        if sub is None:
            try:
                with transaction.atomic():
                    sub = Subscription.objects.create(kind=kind, target=target, email=address, email_hash=digest)
            except IntegrityError:  # the same address subscribed at the same moment
                sub = Subscription.objects.select_for_update().get(email_hash=digest, kind=kind, target=target)
            else:
                audit.record(actor=ACTOR, action="create", instance=sub, before=None, after=_snapshot(sub))
        if sub.confirmed_at is None:
            # A new link is sent: the row lives as long as the newest link (forget_unconfirmed counts from here).
            Subscription.objects.filter(pk=sub.pk).update(created_at=timezone.now())
            pk = sub.pk
            transaction.on_commit(lambda: enqueue("watching.send_confirmation", pk), robust=True)


def send_confirmation(subscription_id: int) -> bool:
    """The one message an unconfirmed subscription gets. False when there is nothing to confirm any more."""
    from backend.watching import messages

    sub = Subscription.objects.filter(pk=subscription_id, confirmed_at__isnull=True).exclude(email=None).first()
    if sub is None or not sub.email:
        return False
    messages.confirmation(sub.email, sub.pk, selectors.label(sub.kind, sub.target)).send()
    return True


def _bad_token() -> Exception:
    return invalid(
        {
            "token": [
                "Liên kết không hợp lệ hoặc đã hết hạn. / The link is not valid or has expired.",
            ]
        }
    )


def confirm(*, token: str) -> Followed:
    """Confirm a subscription (again: nothing changes). A 400 on `token` for a bad, expired or withdrawn link."""
    try:
        pk = tokens.read_confirm(token)
    except tokens.BadToken:
        raise _bad_token() from None
    with transaction.atomic():
        sub = Subscription.objects.select_for_update().filter(pk=pk, unsubscribed_at__isnull=True).first()
        if sub is None or not sub.email_hash:
            raise _bad_token()
        if sub.confirmed_at is None:
            before = _snapshot(sub)
            sub.confirmed_at = timezone.now()
            sub.save(update_fields=["confirmed_at"])
            audit.record(actor=ACTOR, action="update", instance=sub, before=before, after=_snapshot(sub))
    return Followed(sub.kind, sub.target, selectors.label(sub.kind, sub.target))


def unsubscribe_preview(*, token: str) -> Followed:
    """What an unsubscribe link names, changing nothing (the app's page shows it before the click; a mail scanner
    that opens the link unsubscribes no one). A 400 on `token` as for `unsubscribe`."""
    try:
        ids = tokens.read_unsubscribe(token)
    except tokens.BadToken:
        raise _bad_token() from None
    first = Subscription.objects.filter(pk__in=ids).order_by("pk").first()
    if first is None:
        raise _bad_token()
    return Followed(first.kind, first.target, selectors.label(first.kind, first.target))


def unsubscribe(*, token: str) -> Followed:
    """Stop the subscriptions the link names and forget their address (the rows stay, for counts). Again:
    nothing changes. A 400 on `token` for a link that is not ours or names no subscription."""
    try:
        ids = tokens.read_unsubscribe(token)
    except tokens.BadToken:
        raise _bad_token() from None
    with transaction.atomic():
        subs = list(Subscription.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        if not subs:
            raise _bad_token()
        now = timezone.now()
        for sub in subs:
            if sub.unsubscribed_at is not None:
                continue
            before = _snapshot(sub)
            sub.email, sub.email_hash, sub.unsubscribed_at = None, "", now
            sub.save(update_fields=["email", "email_hash", "unsubscribed_at"])
            audit.record(actor=ACTOR, action="update", instance=sub, before=before, after=_snapshot(sub))
    first = subs[0]
    return Followed(first.kind, first.target, selectors.label(first.kind, first.target))


# --- webhooks (staff) ------------------------------------------------------------------------------------------


def _hook_snapshot(hook: Webhook) -> dict[str, Any]:
    return audit.snapshot(hook, exclude=("secret",))


def _check_url(url: str) -> str:
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        raise invalid({"url": ["Địa chỉ phải bắt đầu bằng http:// hoặc https:// / The URL must be http(s)."]})
    if not settings.HIEULUC_WEBHOOKS_ALLOW_PRIVATE and _private(url):
        # The server would post to itself or its network (a metadata service, a database's HTTP port).
        raise invalid(
            {
                "url": [
                    "Địa chỉ trỏ tới mạng nội bộ hoặc chính máy chủ, không được dùng. / The URL points to a "
                    "private network or to the server itself."
                ]
            }
        )
    return url


def _private(url: str) -> bool:
    """The host is, or resolves to, a loopback, private, link-local or reserved address (or cannot be resolved)."""
    import ipaddress
    import socket
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return True
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved:
            return True
        if address.is_multicast or address.is_unspecified:
            return True
    return False


def webhook_create(*, actor: Any, url: str, kind: str, target: str) -> Webhook:
    """Register a webhook; its secret is generated here and shown once (in the create answer)."""
    target = selectors.check_target(kind, target)
    with transaction.atomic():
        hook = Webhook.objects.create(
            url=_check_url(url), secret=secrets.token_hex(32), owner=actor, kind=kind, target=target
        )
        audit.record(actor=actor, action="create", instance=hook, before=None, after=_hook_snapshot(hook))
    return hook


def webhook_update(
    *,
    actor: Any,
    webhook: Webhook,
    url: str | None = None,
    kind: str | None = None,
    target: str | None = None,
    active: bool | None = None,
) -> Webhook:
    """Change a webhook; turning it on again starts its failure count afresh."""
    with transaction.atomic():
        hook = Webhook.objects.select_for_update().get(pk=webhook.pk)
        before = _hook_snapshot(hook)
        if url is not None:
            hook.url = _check_url(url)
        if kind is not None or target is not None:
            hook.kind = kind or hook.kind
            hook.target = selectors.check_target(hook.kind, target if target is not None else hook.target)
        if active is not None and active != hook.active:
            hook.active = active
            if active:
                hook.consecutive_failures, hook.disabled_at = 0, None
        hook.save()
        after = _hook_snapshot(hook)
        if audit.diff(before, after):
            audit.record(actor=actor, action="update", instance=hook, before=before, after=after)
    return hook


def webhook_delete(*, actor: Any, webhook: Webhook) -> None:
    with transaction.atomic():
        audit.record(actor=actor, action="delete", instance=webhook, before=_hook_snapshot(webhook), after=None)
        webhook.delete()
