"""The yearly list of documents that expired or were suspended (danh mục văn bản hết hiệu lực, ngưng hiệu lực)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.catalogue.models import Authority, Document


class Announcement(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("dự thảo")
        SUBMITTED = "submitted", _("đã trình")
        APPROVED = "approved", _("đã duyệt")
        PUBLISHED = "published", _("đã công bố")

    year = models.PositiveIntegerField(_("năm"))
    # The authorities whose documents are listed (a province's HĐND and UBND), empty: every authority.
    issuers = models.ManyToManyField(Authority, blank=True, related_name="announcements")
    # Whole, however many issuers it names (a CharField cut it at 300 characters).
    title = models.TextField(_("tên"))
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.title


class AnnouncementRow(models.Model):
    class Scope(models.TextChoices):
        WHOLE = "whole", _("toàn bộ")
        PARTIAL = "partial", _("một phần")

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="rows")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="announcement_rows")
    scope = models.CharField(max_length=8, choices=Scope.choices)
    status = models.CharField(max_length=24)  # the validity engine's status the row reports
    reason = models.CharField(max_length=24)  # the validity engine's reason (replaced, repealed, term_ended, …)
    caused_by = models.JSONField(default=list, blank=True)  # [{"number", "kind", "effective_on", "source_id"}]
    since = models.DateField(null=True, blank=True)  # the day it expired or was suspended
    provisions = models.JSONField(default=list, blank=True)  # partial rows: [{"provision", "status", "reason"}]
    # An officer's edit: added by hand (with a reason), or removed (kept, with a reason, so nothing is lost).
    added_manually = models.BooleanField(default=False)
    removed = models.BooleanField(default=False)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["announcement", "scope", "document__issuer__code", "since", "id"]
        constraints = [
            models.UniqueConstraint(fields=["announcement", "document", "scope"], name="one_row_per_document_scope")
        ]

    def __str__(self) -> str:
        return f"{self.announcement_id}: {self.document_id} {self.scope}"
