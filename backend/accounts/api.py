"""Who is signed in: the web app asks once after login to show the right workspace."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.roles import Role, role_of


class MeView(APIView):
    """Người dùng hiện tại / the signed-in user: username, name and role."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        user = request.user
        role = role_of(user)
        return Response(
            {
                "username": user.get_username(),
                "name": user.get_full_name() or user.get_username(),  # type: ignore[union-attr]
                "role": role.value,
                "is_staff": role != Role.PUBLIC,
            }
        )
