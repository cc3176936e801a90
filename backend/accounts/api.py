"""Who is signed in: the web app asks once after login to show the right workspace and the right tools."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.permissions import Capability, capabilities
from backend.accounts.roles import Role, role_of


class MeSerializer(serializers.Serializer):
    """The signed-in user, for the schema (the answer is built by me_body)."""

    username = serializers.CharField()
    name = serializers.CharField()
    role = serializers.ChoiceField(choices=[r.value for r in Role])
    is_staff = serializers.BooleanField()
    can = serializers.ListField(
        child=serializers.ChoiceField(choices=[c.value for c in Capability]),
        help_text="Việc người dùng được làm / what the user may do (the API's own permission rule)",
    )

    class Meta:
        ref_name = "Me"


def me_body(user: Any) -> dict[str, Any]:
    role = role_of(user)
    return {
        "username": user.get_username(),
        "name": user.get_full_name() or user.get_username(),
        "role": role.value,
        "is_staff": role != Role.PUBLIC,
        "can": capabilities(user),
    }


class MeView(APIView):
    """Người dùng hiện tại / the signed-in user: username, name, role and capabilities (`can`)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        return Response(me_body(request.user))
