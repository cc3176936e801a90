from __future__ import annotations

from rest_framework import serializers

from backend.core.language import current_lang
from backend.notifications.models import Notification


class NotificationSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    message = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "day", "message", "message_vi", "message_en", "link", "read_at", "closed_at"]

    def get_message(self, obj: Notification) -> str:
        return obj.message_en if current_lang() == "en" else obj.message_vi
