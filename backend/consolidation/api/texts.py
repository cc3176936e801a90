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

from backend.consolidation import export, selectors
from backend.consolidation.api import text_schema as schema
from backend.core.errors import invalid
from backend.core.filters import parse_date_param
from backend.core.language import current_lang
from backend.core.schema import download_responses
from backend.core.versioning import DOCX, in_format


class DocumentTextView(APIView):
    """The text on `?on=` (default today): every provision's wording in force that day, with the changes that
    made it so (notes, as a văn bản hợp nhất's footnotes) and the known later ones (future); repealed provisions
    stay, marked. `?compare=D1,D2` answers what changed between the versions in force on two dates.
    `?format=docx` downloads the same text as a văn bản hợp nhất (.docx with footnotes; `?lang=en` words the fixed
    parts in English); `?format=json` (the default) is the JSON answer itself."""

    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]

    @extend_schema(
        parameters=[
            OpenApiParameter("on", str, description="YYYY-MM-DD (mặc định: hôm nay / default today)"),
            OpenApiParameter("compare", str, description="D1,D2 (YYYY-MM-DD,YYYY-MM-DD)"),
            OpenApiParameter("format", str, enum=["json", "docx"], description="json (mặc định / default) | docx"),
        ],
        responses=download_responses(DOCX, json=schema.TEXT_OR_COMPARE),
    )
    def get(self, request: Request, pk: int) -> HttpResponse | Response:
        raw = request.query_params.get("compare")
        if raw is not None:
            first, second = _two_dates(raw)
            return Response(
                schema.CompareAnswerSerializer(selectors.compare_answer(request.user, pk, first, second)).data
            )
        on = parse_date_param(request.query_params.get("on"))
        fmt = request.query_params.get("format", "json")
        if fmt == "docx":
            return _download(request, pk, on, fmt)
        if fmt != "json":  # refused before anything is read or built
            return in_format(fmt, "", {"docx": bytes}, data=b"")
        # The stored bytes are the answer: no parsing and no re-rendering (decision 0018 §4, speed).
        return HttpResponse(selectors.text_answer(request.user, pk, on), content_type="application/json")


def _download(request: Request, pk: int, on: dt.date | None, fmt: str) -> HttpResponse:
    document, day, version = selectors.text_version(request.user, pk, on)
    return in_format(
        fmt,
        f"van-ban-hop-nhat-{document.pk}-{day.isoformat()}",
        {"docx": lambda: export.to_docx(document, day, version, current_lang())},
        data=b"",  # JSON is accepted too (answered above): the error names it among the formats
    )


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
