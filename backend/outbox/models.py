from __future__ import annotations

from django.db import models
from django.utils import timezone


class Message(models.Model):
    """One effect of a committed change that one consumer still has to carry out. Deleted once delivered."""

    consumer = models.CharField(max_length=60)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    available_at = models.DateTimeField(default=timezone.now)  # not before: the back-off after a failure
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["available_at", "id"])]

    def __str__(self) -> str:
        return f"{self.consumer}#{self.pk}"
