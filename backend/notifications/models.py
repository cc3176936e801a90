"""A notice to one user, in the app (and by e-mail): who is told what is the calling app's; how a notice is kept,
closed and sent is this room's (backend/notifications/services.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """A notice to one user (a review due soon or overdue, submitted for approval, approved or returned; an
    overdue recommendation; a draft yearly list). One per user, kind, object and day, so the daily reminder run
    and a re-delivered event are idempotent. A notice asking for something already done (the task approved, the
    list published, the recommendation resolved) is closed: it stays in the list but no longer asks for action
    and no longer counts as unread."""

    class Kind(models.TextChoices):
        REVIEW_DUE = "review_due", _("rà soát sắp đến hạn")
        REVIEW_OVERDUE = "review_overdue", _("rà soát quá hạn")
        RECOMMENDATION_OVERDUE = "recommendation_overdue", _("kiến nghị quá hạn")
        ANNOUNCEMENT_DRAFT = "announcement_draft", _("dự thảo danh mục văn bản hết hiệu lực")
        REVIEW_SUBMITTED = "review_submitted", _("kết quả rà soát chờ duyệt")
        REVIEW_APPROVED = "review_approved", _("kết quả rà soát đã được duyệt")
        REVIEW_RETURNED = "review_returned", _("kết quả rà soát bị trả lại")
        WEBHOOK_DISABLED = "webhook_disabled", _("webhook bị tắt sau nhiều lần gửi lỗi")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    object_type = models.CharField(max_length=40)
    object_id = models.PositiveIntegerField()
    day = models.DateField()
    message_vi = models.TextField()
    message_en = models.TextField()
    link = models.CharField(max_length=200, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set when what the notice asks for is done (or no longer this user's to do).
    closed_at = models.DateTimeField(null=True, blank=True)
    # When the notice was (re)sent: a task submitted again the same day refreshes its notice instead of a new one.
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        # The table the model had in `reviews`, kept when it moved here (decision 0016): no row was copied.
        db_table = "reviews_notification"
        ordering = ["-day", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "object_type", "object_id", "day"], name="one_notice_per_object_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.object_type}#{self.object_id} {self.day}"
