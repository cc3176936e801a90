"""The auth API's inputs and answers: the credentials a sign-in posts, and the signed-in user as the web app reads it
(built by backend/accounts/selectors.profile; these describe it for the schema)."""

from __future__ import annotations

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from backend.accounts.permissions import Capability
from backend.accounts.roles import Role


class CredentialsSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150, trim_whitespace=False)
    password = serializers.CharField(max_length=4096, trim_whitespace=False, style={"input_type": "password"})


class MembershipRefSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """An organisation the user belongs to (backend/organisations), with the role held there."""

    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    role = serializers.ChoiceField(choices=["reviewer", "legal_officer", "admin"])

    class Meta:
        ref_name = "MembershipRef"


class MeSerializer(serializers.Serializer):
    """The signed-in user, for the schema (the answer is built by selectors.profile)."""

    username = serializers.CharField()
    name = serializers.CharField()
    role = serializers.ChoiceField(choices=[r.value for r in Role])
    is_staff = serializers.BooleanField()
    can = serializers.ListField(
        child=serializers.ChoiceField(choices=[c.value for c in Capability]),
        help_text="Việc người dùng được làm / what the user may do (the API's own permission rule)",
    )
    organisations = MembershipRefSerializer(
        many=True, help_text="Cơ quan người dùng làm việc, với vai trò / where the user works, with their role there"
    )
    province_wide = serializers.BooleanField(
        help_text="Điều phối toàn tỉnh (Sở Tư pháp) / coordinates the whole province: sees every organisation's work"
    )

    class Meta:
        ref_name = "Me"


TOKEN_ANSWER = inline_serializer(
    "TokenAnswer", fields={"token": serializers.CharField(), "expiry": serializers.DateTimeField()}
)
SESSION_ANSWER = inline_serializer("SessionAnswer", fields={"user": MeSerializer(allow_null=True)})
