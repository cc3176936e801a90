"""The public lookup: anyone can check a document's status on any date, with no login.

It is the busiest endpoint and the simplest, so a GET is served by a plain Django view (`lookup_response`):
DRF's request wrapping, content negotiation and rendering were most of a cached lookup's cost
(docs/benchmarks.md). The DRF class stays for the OpenAPI schema and for the other methods (HEAD, OPTIONS,
405s); errors keep the API's one shape through the shared exception handler, and the rate limit is the same
per-client limit the DRF views use.
"""

from __future__ import annotations

import json
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

from backend.catalogue import lookup_cache, selectors, validity
from backend.catalogue.api.answers import LookupAnswerSerializer
from backend.catalogue.api.fields import parse_date_param
from backend.catalogue.validity import Validity
from backend.core import throttling
from backend.core.api import exception_handler, throttled
from backend.core.errors import ApplicationError, as_application_error
from backend.core.language import current_lang
from backend.core.schema import ErrorSerializer
from legal import numbers

SCOPE = "public"


def _cause(item: dict[str, Any]) -> dict[str, Any]:
    return {"number": item["number"], "kind": item["kind"], "effective_on": item["effective_on"]}


def lookup_result(row: selectors.LookupRow, answer: Validity, lang: str) -> dict[str, Any]:
    facts, data = row.facts, answer.to_dict()
    return {
        "id": facts.id,
        "number": facts.number,
        "title": row.title,
        "issuer": {"code": row.issuer_code, "name": row.issuer_name},
        "type": row.type_name,
        "issued_on": facts.issued_on.isoformat() if facts.issued_on else None,
        "effective_from": facts.effective_from.isoformat() if facts.effective_from else None,
        "status": data["status"],
        "status_label": answer.label(lang),
        "reason": data["reason"],
        "since": data["since"],
        "caused_by": [_cause(c) for c in data["caused_by"]],
        "provisions": [
            {"provision": p["provision"], "status": p["status"], "caused_by": [_cause(c) for c in p["caused_by"]]}
            for p in data["provisions"]
        ],
        "on": data["on"],
    }


def _encode(data: Any) -> bytes:
    # As DRF's JSONRenderer writes it: UTF-8, compact.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _json(body: bytes, status: int = 200) -> HttpResponse:
    return HttpResponse(body, status=status, content_type="application/json")


def _error(exc: Exception) -> HttpResponse:
    response = exception_handler(exc, {})
    assert response is not None  # only errors the handler maps are passed here
    out = _json(_encode(response.data), response.status_code)
    if response.has_header("Retry-After"):
        out["Retry-After"] = response["Retry-After"]
    return out


def answer_bytes(raw: str, issuer: str | None, on_param: str | None, lang: str) -> bytes:
    """The lookup's JSON answer; ApplicationError or a ValidationError for bad parameters."""
    if not raw.strip():
        raise ApplicationError(
            "number_required", "Cần nhập số ký hiệu văn bản.", "A document number is required.", field="number"
        )
    on = parse_date_param(on_param) or selectors.today()
    try:
        key = numbers.number_key(raw)
    except numbers.NumberError as exc:
        raise as_application_error(exc, field="number", code="invalid_number") from exc
    caching = lookup_cache.enabled()
    slot, cached = lookup_cache.get(("answer", key, issuer or "", on.isoformat(), lang)) if caching else (None, None)
    if cached is not None:
        return bytes(cached)
    rows, incoming = _facts(raw, key, issuer, caching)
    results = [
        lookup_result(row, validity.evaluate(row.facts, incoming.get(row.facts.id, ()), on), lang) for row in rows
    ]
    body = _encode({"results": results, "on": on.isoformat()})
    if slot is not None:
        lookup_cache.put(slot, body)
    return body


def _facts(
    raw: str, key: str, issuer: str | None, caching: bool
) -> tuple[list[selectors.LookupRow], dict[int, list[validity.RelationFacts]]]:
    """The number's documents and their incoming relations: what the answer depends on, whatever the date."""
    slot, cached = lookup_cache.get(("facts", key, issuer or "")) if caching else (None, None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    rows = selectors.lookup_rows(raw, issuer_code=issuer)
    incoming = selectors.incoming_facts(row.facts.id for row in rows)
    if slot is not None:
        lookup_cache.put(slot, (rows, incoming))
    return rows, incoming


def lookup_response(request: HttpRequest) -> HttpResponse:
    wait = throttling.check(request, SCOPE)
    if wait is not None:
        return _error(throttled(wait))
    params = request.GET
    try:
        body = answer_bytes(params.get("number", ""), params.get("issuer") or None, params.get("on"), current_lang())
    except (ApplicationError, exceptions.ValidationError) as exc:
        return _error(exc)
    return _json(body)


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
