"""The search API: GET /api/v1/search/ (full-text search with filters, facets, highlights and the status on a chosen
date), /search/suggest/ and /documents/{id}/related/. The views read their parameters and ask
backend/searching/selectors.py, which holds the status-on-date rules."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.roles import Role, has_role
from backend.catalogue.selectors import issuer_codes
from backend.core.language import current_lang
from backend.core.schema import ErrorSerializer
from backend.core.throttling import FixedWindowThrottle
from backend.searching import selectors
from backend.searching.api.serializers import (
    RelatedAnswerSerializer,
    SearchAnswerSerializer,
    SearchParams,
    SuggestAnswerSerializer,
)
from search.types import Sort

PARAM_NAMES: tuple[str, ...] = tuple(SearchParams().get_fields())
LIST_PARAMS = ("type", "issuer", "field", "status")


def _params(request: Request) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key in PARAM_NAMES:
        values = [v for v in request.query_params.getlist(key) if v != ""]
        if key in LIST_PARAMS:
            data[key] = [part for v in values for part in v.split(",") if part]
        elif values:
            data[key] = values[0]
    form = SearchParams(data=data)
    form.is_valid(raise_exception=True)
    return dict(form.validated_data)


def _responses(answer: type[serializers.Serializer]) -> dict[int, Any]:
    # 503: the search engine is down (selectors.search_unavailable); the rest of the service goes on.
    return {200: answer, 503: ErrorSerializer}


class SearchView(APIView):
    """Tìm kiếm văn bản / search documents: words (diacritics optional), numbers, "phrases", -exclusions, OR."""

    permission_classes = [AllowAny]
    throttle_classes = [FixedWindowThrottle]
    throttle_scope = "search"
    renderer_classes = [JSONRenderer]

    def get_throttles(self) -> list[Any]:
        # Staff work all day in search; the limit is for anonymous traffic.
        return [] if has_role(self.request.user, Role.REVIEWER) else super().get_throttles()

    @extend_schema(
        parameters=[OpenApiParameter(name, OpenApiTypes.STR) for name in PARAM_NAMES],
        responses=_responses(SearchAnswerSerializer),
    )
    def get(self, request: Request) -> Response:
        params = _params(request)
        query = selectors.parse_query(params["q"])
        answer = selectors.search_page(
            text=params["q"],
            query=query,
            doc_types=params["type"],
            issuers=issuer_codes(params["issuer"], with_predecessors=params["with_predecessors"]),
            fields=params["field"],
            statuses=params["status"],
            on=params["on"],
            issued_from=params["issued_from"],
            issued_to=params["issued_to"],
            effective_from=params["effective_from"],
            effective_to=params["effective_to"],
            sort=Sort(params["sort"]),
            page=params["page"],
            page_size=params["page_size"],
            include_drafts=has_role(request.user, Role.REVIEWER),
            lang=current_lang(),
        )
        return Response(answer)


class SuggestView(APIView):
    """Gợi ý số ký hiệu và trích yếu / autocomplete numbers and titles."""

    permission_classes = [AllowAny]
    throttle_classes = [FixedWindowThrottle]
    throttle_scope = "search"
    renderer_classes = [JSONRenderer]

    @extend_schema(parameters=[OpenApiParameter("q", OpenApiTypes.STR)], responses=_responses(SuggestAnswerSerializer))
    def get(self, request: Request) -> Response:
        prefix = (request.query_params.get("q") or "")[:200]
        if not prefix.strip():
            return Response({"results": []})
        include_drafts = has_role(request.user, Role.REVIEWER)
        return Response({"results": selectors.suggestions(prefix, include_drafts=include_drafts)})


class RelatedView(APIView):
    """Văn bản liên quan / more like this."""

    permission_classes = [AllowAny]
    throttle_classes = [FixedWindowThrottle]
    throttle_scope = "search"
    renderer_classes = [JSONRenderer]

    @extend_schema(responses=_responses(RelatedAnswerSerializer))
    def get(self, request: Request, pk: int) -> Response:
        include_drafts = has_role(request.user, Role.REVIEWER)
        return Response({"results": selectors.related_documents(pk, include_drafts=include_drafts)})
