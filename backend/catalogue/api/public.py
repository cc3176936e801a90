"""The public lookup: anyone can check a document's status on any date, with no login.

It is the busiest endpoint and the simplest, so a GET is served by a plain Django view (`lookup_response`):
DRF's request wrapping, content negotiation and rendering were most of a cached lookup's cost
(docs/benchmarks.md). The DRF class stays for the OpenAPI schema and for the other methods (HEAD, OPTIONS,
405s); errors keep the API's one shape through the shared exception handler, and the rate limit is the same
per-client limit the DRF views use. The view reads the parameters; the answer and its cache are the
catalogue's (backend/catalogue/lookup.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.catalogue import lookup
from backend.catalogue.api.answers import LookupAnswerSerializer
from backend.core import throttling
from backend.core.api import exception_handler, throttled
from backend.core.errors import ApplicationError
from backend.core.filters import parse_date_param
from backend.core.language import current_lang
from backend.core.schema import ErrorSerializer

SCOPE = "public"


def _json(body: bytes, status: int = 200) -> HttpResponse:
    return HttpResponse(body, status=status, content_type="application/json")


def _error(exc: Exception) -> HttpResponse:
    response = exception_handler(exc, {})
    assert response is not None  # only errors the handler maps are passed here
    out = _json(lookup.json_bytes(response.data), response.status_code)
    if response.has_header("Retry-After"):
        out["Retry-After"] = response["Retry-After"]
    return out


def lookup_response(request: HttpRequest) -> HttpResponse:
    wait = throttling.check(request, SCOPE)
    if wait is not None:
        return _error(throttled(wait))
    params = request.GET
    number = params.get("number", "")
    try:
        # The parameters are checked in this order: a blank number, the date, then the number's spelling.
        if not number.strip():
            raise _number_required()
        on = parse_date_param(params.get("on"))
        body = lookup.answer_json(number, issuer=params.get("issuer") or None, on=on, lang=current_lang())
    except (ApplicationError, exceptions.ValidationError) as exc:
        return _error(exc)
    return _json(body)


def _number_required() -> ApplicationError:
    return ApplicationError(
        "number_required", "Cần nhập số ký hiệu văn bản.", "A document number is required.", field="number"
    )


class PublicLookupView(APIView):
    """Schema and non-GET methods; GET is answered by `lookup_response` (see as_view)."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes: list[Any] = []  # lookup_response limits the rate itself
    renderer_classes = [JSONRenderer]
    http_method_names = ["get", "head", "options"]

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Callable[..., HttpResponse]:  # type: ignore[override]
        drf_view = super().as_view(**initkwargs)

        def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "GET":
                return lookup_response(request)
            return drf_view(request, *args, **kwargs)  # type: ignore[no-any-return]

        # drf-spectacular finds API views by these attributes; DRF views are exempt from CSRF (no cookies used).
        view.cls = cls  # type: ignore[attr-defined]
        view.initkwargs = initkwargs  # type: ignore[attr-defined]
        view.csrf_exempt = True  # type: ignore[attr-defined]
        return view

    @extend_schema(
        parameters=[
            OpenApiParameter("number", OpenApiTypes.STR, required=True, description="Số ký hiệu, mọi cách viết"),
            OpenApiParameter("issuer", OpenApiTypes.STR, description="Mã cơ quan ban hành"),
            OpenApiParameter("on", OpenApiTypes.DATE, description="Ngày xét (mặc định hôm nay)"),
        ],
        # 429: lookup_response applies the public rate limit itself, so the schema cannot see a throttle class.
        responses={200: LookupAnswerSerializer, 429: ErrorSerializer},
    )
    def get(self, request: Request) -> Response | HttpResponse:
        return lookup_response(request._request)
