"""Nội dung tại ngày / the text of a document as in force on a date, its versions, and what changed between two
dates. Anyone reads a published document's text (drafts: staff), as they read its status."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.consolidation import selectors
from backend.consolidation.api import text_schema as schema
from backend.core.errors import invalid
from backend.core.filters import parse_date_param


class DocumentTextView(APIView):
    """The text on `?on=` (default today): every provision's wording in force that day, with the changes that
    made it so (notes, as a văn bản hợp nhất's footnotes) and the known later ones (future); repealed provisions
    stay, marked. `?compare=D1,D2` answers what changed between the versions in force on two dates."""

    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]

    @extend_schema(
        parameters=[
            OpenApiParameter("on", str, description="YYYY-MM-DD (mặc định: hôm nay / default today)"),
            OpenApiParameter("compare", str, description="D1,D2 (YYYY-MM-DD,YYYY-MM-DD)"),
        ],
        responses={200: schema.TextAnswerSerializer},
    )
    def get(self, request: Request, pk: int) -> HttpResponse | Response:
        raw = request.query_params.get("compare")
        if raw is not None:
            first, second = _two_dates(raw)
            return Response(
                schema.CompareAnswerSerializer(selectors.compare_answer(request.user, pk, first, second)).data
            )
        on = parse_date_param(request.query_params.get("on"))
        # The stored bytes are the answer: no parsing and no re-rendering (decision 0018 §4, speed).
        return HttpResponse(selectors.text_answer(request.user, pk, on), content_type="application/json")


def _two_dates(raw: str) -> tuple[dt.date, dt.date]:
    parts = raw.split(",")
    if len(parts) != 2:
        raise invalid({"compare": ["Cần hai ngày D1,D2 / Two dates are needed: D1,D2."]})
    first, second = (parse_date_param(part, name="compare") for part in parts)
    if first is None or second is None:
        raise invalid({"compare": ["Cần hai ngày D1,D2 / Two dates are needed: D1,D2."]})
    return first, second


class DocumentVersionsView(APIView):
    """The dates on which the document's text changed, and the changes that made each version."""

    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]

    @extend_schema(responses={200: schema.VersionsAnswerSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(schema.VersionsAnswerSerializer(selectors.versions_answer(request.user, pk)).data)
