"""GET /api/v1/search/: full-text search with filters, facets, highlights and the status on a chosen date."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.roles import Role, has_role
from backend.catalogue import selectors, validity
from backend.catalogue.api.fields import issuer_codes
from backend.catalogue.models import Document
from backend.catalogue.validity import Status
from backend.core.errors import ApplicationError
from backend.core.language import current_lang
from backend.core.schema import ErrorSerializer
from backend.core.throttling import FixedWindowThrottle
from backend.searching import engine
from backend.searching.documents import articles
from backend.searching.serializers import RelatedAnswerSerializer, SearchAnswerSerializer, SuggestAnswerSerializer
from search import query as search_query
from search.highlight import best_article, highlight
from search.types import EngineUnavailable, Filters, SearchRequest, SearchSyntaxError, Sort

MAX_PAGE_SIZE = 100
MAX_OFFSET = 10_000
MAX_QUERY_CHARS = 4000


class SearchParams(serializers.Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=MAX_QUERY_CHARS, trim_whitespace=False
    )
    type = serializers.ListField(child=serializers.CharField(max_length=60), required=False, default=list)
    issuer = serializers.ListField(child=serializers.CharField(max_length=40), required=False, default=list)
    with_predecessors = serializers.BooleanField(required=False, default=False)
    field = serializers.ListField(child=serializers.CharField(max_length=60), required=False, default=list)
    status = serializers.ListField(
        child=serializers.ChoiceField(choices=[s.value for s in Status]), required=False, default=list
    )
    on = serializers.DateField(required=False, allow_null=True, default=None)
    issued_from = serializers.DateField(required=False, allow_null=True, default=None)
    issued_to = serializers.DateField(required=False, allow_null=True, default=None)
    effective_from = serializers.DateField(required=False, allow_null=True, default=None)
    effective_to = serializers.DateField(required=False, allow_null=True, default=None)
    sort = serializers.ChoiceField(choices=[s.value for s in Sort], required=False, default=Sort.RELEVANCE.value)
    page = serializers.IntegerField(required=False, default=1, min_value=1)
    page_size = serializers.IntegerField(required=False, default=20, min_value=1, max_value=MAX_PAGE_SIZE)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if (attrs["page"] - 1) * attrs["page_size"] > MAX_OFFSET:
            raise serializers.ValidationError(
                {
                    "page": [
                        f"Chỉ xem được {MAX_OFFSET} kết quả đầu; hãy lọc thêm / Only the first {MAX_OFFSET} "
                        "results can be paged; narrow the search."
                    ]
                }
            )
        return attrs


PARAM_NAMES: tuple[str, ...] = tuple(SearchParams().get_fields())


def _params(request: Request) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key in PARAM_NAMES:
        values = [v for v in request.query_params.getlist(key) if v != ""]
        if key in ("type", "issuer", "field", "status"):
            data[key] = [part for v in values for part in v.split(",") if part]
        elif values:
            data[key] = values[0]
    form = SearchParams(data=data)
    form.is_valid(raise_exception=True)
    return dict(form.validated_data)


def _status_allow_list(statuses: list[str], on: dt.date, include_drafts: bool) -> tuple[int, ...]:
    """Ids with one of `statuses` on `on`: the index knows only today's stored status."""
    qs: QuerySet[Document] = selectors.document_queryset(include_drafts=include_drafts)
    return tuple(selectors.filter_by_status_on(qs, statuses, on).values_list("pk", flat=True))


# A status facet on another date than today is computed from the matches' statuses on that date, which the index
# does not hold (it has today's); past this many matches the facet is left empty rather than wrong or slow.
STATUS_FACET_MAX_MATCHES = 5_000


def _status_facet_on(request: SearchRequest, total: int, on: dt.date) -> dict[str, int]:
    if total > STATUS_FACET_MAX_MATCHES:
        return {}
    every = dataclasses.replace(request, sort=Sort.ISSUED_DESC, offset=0, limit=total, facets=False)
    ids = [hit.id for hit in engine.current().search(every).hits]
    return selectors.status_counts_on(ids, on)


def _results(hits: list[Any], terms: set[str], on: dt.date, lang: str, include_drafts: bool) -> list[dict[str, Any]]:
    rows = selectors.search_hit_rows([h.id for h in hits], include_drafts=include_drafts)
    incoming = selectors.incoming_facts(rows)
    results = []
    for hit in hits:
        row = rows.get(hit.id)
        if row is None:  # deleted (or unpublished) since it was indexed; reconciliation will drop it
            continue
        answer = validity.evaluate(row.facts, incoming.get(hit.id, ()), on)
        article = best_article(articles(row.structure), terms) if terms else None
        results.append(
            {
                "id": hit.id,
                "number": row.facts.number,
                "title": row.title,
                "type": {"code": row.type_code, "name": row.type_name},
                "issuer": {"code": row.issuer_code, "name": row.issuer_name},
                "issued_on": row.facts.issued_on.isoformat() if row.facts.issued_on else None,
                "effective_from": row.facts.effective_from.isoformat() if row.facts.effective_from else None,
                "published": row.published,
                "status": answer.status.value,
                "status_label": answer.label(lang),
                "reason": answer.reason.value,
                "score": round(hit.score, 4),
                "article": (
                    {
                        "anchor": article.anchor,
                        "label": article.label,
                        "title": article.title,
                        "url": f"/api/v1/documents/{hit.id}/#{article.anchor}",
                    }
                    if article
                    else None
                ),
                "highlights": {
                    "title": highlight(row.title, terms, fragments=1, size=400) if terms else [],
                    "text": highlight(article.text if article else row.text, terms) if terms else [],
                },
            }
        )
    return results


def _unavailable() -> ApplicationError:
    return ApplicationError(
        "search_unavailable",
        "Máy tìm kiếm tạm thời không sẵn sàng; thử lại sau.",
        "The search engine is temporarily unavailable; try again.",
        status=503,
    )


def _responses(answer: type[serializers.Serializer]) -> dict[int, Any]:
    # 503: the search engine is down (see _unavailable); the rest of the service goes on.
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
        include_drafts = has_role(request.user, Role.REVIEWER)
        today = selectors.today()
        on = params["on"] or today
        try:
            parsed = search_query.parse(params["q"])
        except SearchSyntaxError as exc:
            raise ApplicationError("invalid_query", exc.message_vi, exc.message_en, field="q") from exc
        statuses = params["status"]
        filters = Filters(
            doc_types=tuple(params["type"]),
            issuers=issuer_codes(params["issuer"], with_predecessors=params["with_predecessors"]),
            fields=tuple(params["field"]),
            statuses=tuple(statuses) if on == today else (),
            ids=_status_allow_list(statuses, on, include_drafts) if statuses and on != today else None,
            issued_from=params["issued_from"],
            issued_to=params["issued_to"],
            effective_from=params["effective_from"],
            effective_to=params["effective_to"],
            published_only=not include_drafts,
        )
        size = params["page_size"]
        search_request = SearchRequest(
            query=params["q"],
            filters=filters,
            sort=Sort(params["sort"]),
            offset=(params["page"] - 1) * size,
            limit=size,
        )
        try:
            page = engine.current().search(search_request)
            facets = page.facets
            if on != today and "status" in facets:
                facets = {**facets, "status": _status_facet_on(search_request, page.total, on)}
        except SearchSyntaxError as exc:
            raise ApplicationError("invalid_query", exc.message_vi, exc.message_en, field="q") from exc
        except EngineUnavailable as exc:
            raise _unavailable() from exc
        terms = search_query.highlight_terms(parsed)
        results = _results(page.hits, terms, on, current_lang(), include_drafts)
        return Response(
            {
                # Hits the reader may no longer see (the index lags behind an unpublish or a delete) are dropped
                # from the page and from the count.
                "count": max(page.total - (len(page.hits) - len(results)), 0),
                "page": params["page"],
                "page_size": size,
                "on": on.isoformat(),
                "results": results,
                "facets": facets,
            }
        )


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
        try:
            found = engine.current().suggest(prefix, limit=10, published_only=not include_drafts)
        except EngineUnavailable as exc:
            raise _unavailable() from exc
        # The index may lag behind an unpublish or a delete: only rows the reader may see now are suggested.
        visible = set(
            selectors.document_queryset(include_drafts=include_drafts)
            .filter(pk__in=[s.id for s in found])
            .values_list("pk", flat=True)
        )
        return Response(
            {"results": [{"id": s.id, "number": s.number, "title": s.title} for s in found if s.id in visible]}
        )


class RelatedView(APIView):
    """Văn bản liên quan / more like this."""

    permission_classes = [AllowAny]
    throttle_classes = [FixedWindowThrottle]
    throttle_scope = "search"
    renderer_classes = [JSONRenderer]

    @extend_schema(responses=_responses(RelatedAnswerSerializer))
    def get(self, request: Request, pk: int) -> Response:
        include_drafts = has_role(request.user, Role.REVIEWER)
        doc = selectors.document_queryset(include_drafts=include_drafts).filter(pk=pk).first()
        if doc is None:
            raise ApplicationError("not_found", "Không tìm thấy văn bản.", "Document not found.", status=404)
        try:
            hits = engine.current().more_like_this(doc.pk, limit=10, published_only=not include_drafts)
        except EngineUnavailable as exc:
            raise _unavailable() from exc
        docs = {
            d.pk: d
            for d in selectors.document_queryset(include_drafts=include_drafts).filter(pk__in=[h.id for h in hits])
        }
        return Response(
            {
                "results": [
                    {"id": d.pk, "number": d.number, "title": d.title, "issuer": d.issuer.code}
                    for d in (docs.get(h.id) for h in hits)
                    if d is not None
                ]
            }
        )
