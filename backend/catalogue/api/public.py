"""The public lookup: anyone can check a document's status on any date, with no login."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.catalogue import lookup_cache, numbers, selectors, validity
from backend.catalogue.api.fields import parse_date_param
from backend.catalogue.api.views import current_lang
from backend.catalogue.validity import Validity
from backend.config.errors import ApplicationError, as_application_error
from backend.config.throttling import FixedWindowThrottle


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


class PublicLookupView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [FixedWindowThrottle]
    throttle_scope = "public"
    # JSON only: skipping the browsable-API renderer's negotiation is a measurable share of a lookup.
    renderer_classes = [JSONRenderer]

    @extend_schema(
        parameters=[
            OpenApiParameter("number", OpenApiTypes.STR, required=True, description="Số ký hiệu, mọi cách viết"),
            OpenApiParameter("issuer", OpenApiTypes.STR, description="Mã cơ quan ban hành"),
            OpenApiParameter("on", OpenApiTypes.DATE, description="Ngày xét (mặc định hôm nay)"),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request: Request) -> Response:
        raw = request.query_params.get("number", "")
        if not raw.strip():
            raise ApplicationError(
                "number_required",
                "Cần nhập số ký hiệu văn bản.",
                "A document number is required.",
                field="number",
            )
        on = parse_date_param(request.query_params.get("on")) or selectors.today()
        issuer = request.query_params.get("issuer") or None
        try:
            key = numbers.number_key(raw)
        except numbers.NumberError as exc:
            raise as_application_error(exc, field="number", code="invalid_number") from exc
        lang = current_lang()
        slot, cached = lookup_cache.get(key, issuer, on, lang) if lookup_cache.enabled() else (None, None)
        if cached is not None:
            return Response(cached)
        rows = selectors.lookup_rows(raw, issuer_code=issuer)
        incoming = selectors.incoming_facts(row.facts.id for row in rows)
        results = [
            lookup_result(row, validity.evaluate(row.facts, incoming.get(row.facts.id, ()), on), lang) for row in rows
        ]
        answer = {"results": results, "on": on.isoformat()}
        if slot is not None:
            lookup_cache.put(slot, answer)
        return Response(answer)
