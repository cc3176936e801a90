"""Who follows what, what happened, and what was sent to whom (docs/watching.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Kind(models.TextChoices):
    """What a subscription or a webhook follows; `target` names it."""

    DOCUMENT = "document", "văn bản"  # target: the document's id
    ISSUER = "issuer", "cơ quan ban hành"  # target: the authority's code
    FIELD = "field", "lĩnh vực"  # target: the field's code
    SEARCH = "search", "tìm kiếm đã lưu"  # target: the document list's filter parameters as JSON, or words (q)


TARGET_MAX_LENGTH = 1000


class Subscription(models.Model):
    """One address following one thing by e-mail. The address is kept only while the subscription lives: on
    unsubscribe `email` and `email_hash` are blanked and the row stays, for counts. Nothing but the confirmation
    message is sent before `confirmed_at`."""

    kind = models.CharField(max_length=10, choices=Kind.choices)
    target = models.CharField(max_length=TARGET_MAX_LENGTH)
    email = models.EmailField(null=True, blank=True)  # noqa: DJ001  (NULL once unsubscribed: decision 0023, "removed")
    # HMAC-SHA256 of the normalised address keyed by SECRET_KEY: the per-address rate limit, de-duplication and the
    # one-digest-a-day rule, without comparing addresses in the clear.
    email_hash = models.CharField(max_length=64, blank=True, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_digest_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["email_hash", "kind", "target"], condition=~Q(email_hash=""), name="one_live_subscription"
            )
        ]
        indexes = [models.Index(fields=["kind", "target"], name="watching_sub_kind_target")]

    def __str__(self) -> str:  # no address: this is what the audit log's object_repr shows
        return f"subscription #{self.pk} {self.kind}:{self.target[:60]}"


class WatchEvent(models.Model):
    """Something a follower is told about, once per source event (`key`): a status change of the daily pass, a
    relation recorded, a new public document."""

    class EventKind(models.TextChoices):
        STATUS = "status", "thay đổi tình trạng hiệu lực"
        RELATION = "relation", "văn bản bị tác động"
        NEW = "new", "văn bản mới"

    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    document = models.ForeignKey("catalogue.Document", on_delete=models.CASCADE, related_name="watch_events")
    happened_on = models.DateField()
    payload = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Set when its fan-out has been queued; the daily digest run queues again those left without it.
    fanned_out_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.key


class Delivery(models.Model):
    """An event owed to a subscription (`sent_at` empty until the digest carrying it is sent)."""

    event = models.ForeignKey(WatchEvent, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=10, default="email")
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "subscription"], name="one_delivery_per_subscription")]
        indexes = [
            models.Index(fields=["subscription"], condition=Q(sent_at__isnull=True), name="watching_delivery_pending")
        ]

    def __str__(self) -> str:
        return f"event {self.event_id} -> subscription {self.subscription_id}"


class Webhook(models.Model):
    """Another system told of events by a signed POST; registered by staff."""

    url = models.URLField(max_length=500)
    secret = models.CharField(max_length=128)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhooks")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    target = models.CharField(max_length=TARGET_MAX_LENGTH)
    active = models.BooleanField(default=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"webhook #{self.pk} {self.kind}:{self.target[:60]}"


class WebhookDelivery(models.Model):
    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(WatchEvent, on_delete=models.CASCADE, related_name="webhook_deliveries")
    attempts = models.PositiveIntegerField(default=0)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["webhook", "event"], name="one_webhook_delivery_per_event")]

    def __str__(self) -> str:
        return f"event {self.event_id} -> webhook {self.webhook_id}"
