"""Synonym groups that admins add to the shipped list (legal/synonyms.py): read at query time, no reindex."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchSynonym(models.Model):
    """Equivalent forms as written ("CSGT", "cảnh sát giao thông"): a query for one also finds the others."""

    forms = models.JSONField(_("các cách viết"))  # list[str], validated by backend.searching.services
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    active = models.BooleanField(_("đang dùng"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return " = ".join(self.forms) if isinstance(self.forms, list) else str(self.forms)
