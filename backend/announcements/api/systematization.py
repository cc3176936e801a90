"""/api/v1/systematization/: the four lists of a period, public (list 4 for staff only)."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.roles import Role, has_role
from backend.announcements import systematization
from backend.announcements.api.answers import SystematizationSerializer
from backend.catalogue.selectors import issuer_codes
from backend.core import throttling
from backend.core.api import throttled
from backend.core.errors import ApplicationError
from backend.core.schema import ErrorSerializer, download_responses
from backend.core.versioning import DOCX, XLSX, in_format


class SystematizationView(APIView):
    """Hệ thống hóa / systematization: the four lists of a period (?from=YYYY&to=YYYY, cut-off 31 December of
    `to`), as JSON or ?format=docx|xlsx. Public, throttled like the public lookup; list 4 (documents needing
    action, from the internal review workflow) only for staff."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("from", OpenApiTypes.INT, required=True),
            OpenApiParameter("to", OpenApiTypes.INT, required=True),
            OpenApiParameter("issuer", OpenApiTypes.STR),
            OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "docx", "xlsx"]),
        ],
        # 429: the view applies the public rate limit itself (to anonymous callers), not through a throttle class.
        responses={**download_responses(DOCX, XLSX, json=SystematizationSerializer), 429: ErrorSerializer},
    )
    def get(self, request: Request) -> Response | HttpResponse:
        staff = has_role(request.user, Role.REVIEWER)
        if not staff:
            wait = throttling.check(request, "public")
            if wait is not None:
                raise throttled(wait)
        first, last = request.query_params.get("from", ""), request.query_params.get("to", "")
        if not (first.isdigit() and last.isdigit() and 1945 <= int(first) <= int(last) <= 9999):
            raise ApplicationError(
                "invalid_period",
                "Cần kỳ hệ thống hóa: from <= to (năm).",
                "A period is required: from <= to (years).",
                field="from",
            )
        codes = issuer_codes([c for c in request.query_params.get("issuer", "").split(",") if c])
        data = systematization.lists(int(first), int(last), codes, with_needing_action=staff)
        return in_format(
            request.query_params.get("format", "json"),
            f"he-thong-hoa-{first}-{last}",
            {"docx": lambda: systematization.to_docx(data), "xlsx": lambda: systematization.to_xlsx(data)},
            data,
        )
