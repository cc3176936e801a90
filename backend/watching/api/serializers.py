"""The watching API's inputs and answers. Field messages in Vietnamese and English."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from backend.watching.models import TARGET_MAX_LENGTH, Kind, Webhook


def _both(vi: str, en: str) -> str:
    return f"{vi} / {en}"


_KIND_ERRORS: dict[str, Any] = {
    "required": _both("Cần chọn loại theo dõi.", "The kind is required."),
    "null": _both("Cần chọn loại theo dõi.", "The kind is required."),
    "invalid_choice": _both(
        "Loại theo dõi phải là document, issuer, field hoặc search.",
        "The kind must be document, issuer, field or search.",
    ),
}
_TARGET_ERRORS: dict[str, Any] = {
    "required": _both("Cần nêu điều muốn theo dõi.", "The target is required."),
    "null": _both("Cần nêu điều muốn theo dõi.", "The target is required."),
    "blank": _both("Cần nêu điều muốn theo dõi.", "The target is required."),
    "invalid": _both("Cần một chuỗi.", "A string is required."),
    "max_length": _both(f"Tối đa {TARGET_MAX_LENGTH} ký tự.", f"At most {TARGET_MAX_LENGTH} characters."),
}
_EMAIL_ERRORS: dict[str, Any] = {
    "required": _both("Cần địa chỉ thư điện tử.", "An e-mail address is required."),
    "null": _both("Cần địa chỉ thư điện tử.", "An e-mail address is required."),
    "blank": _both("Cần địa chỉ thư điện tử.", "An e-mail address is required."),
    "invalid": _both("Địa chỉ thư điện tử không hợp lệ.", "The e-mail address is not valid."),
    "max_length": _both("Địa chỉ thư điện tử quá dài.", "The e-mail address is too long."),
}
_TOKEN_ERRORS: dict[str, Any] = {
    "required": _both("Thiếu mã trong liên kết.", "The link's token is missing."),
    "null": _both("Thiếu mã trong liên kết.", "The link's token is missing."),
    "blank": _both("Thiếu mã trong liên kết.", "The link's token is missing."),
    "invalid": _both("Mã phải là một chuỗi.", "The token must be a string."),
    "max_length": _both("Liên kết không hợp lệ.", "The link is not valid."),
}
_URL_ERRORS: dict[str, Any] = {
    "required": _both("Cần địa chỉ nhận (URL).", "The URL is required."),
    "null": _both("Cần địa chỉ nhận (URL).", "The URL is required."),
    "blank": _both("Cần địa chỉ nhận (URL).", "The URL is required."),
    "invalid": _both("Địa chỉ (URL) không hợp lệ.", "The URL is not valid."),
    "max_length": _both("Địa chỉ tối đa 500 ký tự.", "At most 500 characters."),
}
_ACTIVE_ERRORS: dict[str, Any] = {
    "invalid": _both("Cần true hoặc false.", "true or false is required."),
    "null": _both("Cần true hoặc false.", "true or false is required."),
}


def kind_field(**extra: Any) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=Kind.choices, error_messages=_KIND_ERRORS, **extra)


def target_field(**extra: Any) -> serializers.CharField:
    return serializers.CharField(max_length=TARGET_MAX_LENGTH, error_messages=_TARGET_ERRORS, **extra)


class SubscribeInput(serializers.Serializer):  # type: ignore[type-arg]
    kind = kind_field()
    target = target_field()
    email = serializers.EmailField(max_length=254, error_messages=_EMAIL_ERRORS)


class TokenInput(serializers.Serializer):  # type: ignore[type-arg]
    token = serializers.CharField(max_length=2000, error_messages=_TOKEN_ERRORS)


class AcceptedAnswer(serializers.Serializer):  # type: ignore[type-arg]
    detail = serializers.CharField()


class FollowedAnswer(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.ChoiceField(choices=Kind.choices)
    target = serializers.CharField()
    label = serializers.CharField(  # type: ignore[assignment]  # DRF pops declared fields; Field.label is a str
        help_text="Tên điều được theo dõi / the followed thing's name"
    )


class WebhookSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    owner = serializers.SerializerMethodField()

    class Meta:
        model = Webhook
        fields = ["id", "url", "kind", "target", "active", "consecutive_failures", "disabled_at", "owner", "created_at"]
        read_only_fields = fields

    def get_owner(self, obj: Webhook) -> str:
        return str(obj.owner.get_username())


class WebhookCreatedSerializer(WebhookSerializer):
    secret = serializers.CharField(read_only=True, help_text="Chỉ hiện một lần / shown once, at creation")

    class Meta(WebhookSerializer.Meta):
        fields = [*WebhookSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class WebhookCreateInput(serializers.Serializer):  # type: ignore[type-arg]
    url = serializers.URLField(max_length=500, error_messages=_URL_ERRORS)
    kind = kind_field()
    target = target_field()


class WebhookUpdateInput(serializers.Serializer):  # type: ignore[type-arg]
    url = serializers.URLField(max_length=500, required=False, error_messages=_URL_ERRORS)
    kind = kind_field(required=False)
    target = target_field(required=False)
    active = serializers.BooleanField(required=False, error_messages=_ACTIVE_ERRORS)
