"""Reading the search index for the API: a page of results with each hit's status on a date, suggestions, and
documents like a given one.

The index stores each document's status as of today (the catalogue's stored status). A status filter or the
status facet on another date is therefore answered from the catalogue (`catalogue.selectors`: stored statuses
where their window covers the date, the validity engine for the rest), and each hit's status is evaluated on the
chosen date by the validity engine, never read from the index. Hits the reader may no longer see (the index lags
behind an unpublish or a delete) are dropped here.

The engine's errors become the core's bilingual errors: a query it cannot read is a 400 on `q`, an engine that is
down a 503 (the rest of the service goes on).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Sequence
from typing import Any

from django.core.cache import cache

from backend.catalogue import selectors as catalogue
from backend.catalogue import validity
from backend.core.errors import ApplicationError, NotFound
from backend.searching import engine
from backend.searching.documents import articles, texts_in_force
from backend.searching.models import SearchSynonym
from legal.synonyms import SHIPPED_SYNONYMS
from search import query as search_query
from search.highlight import best_article, highlight
from search.query import Query
from search.synonyms import expand as expand_synonyms
from search.types import EngineUnavailable, Filters, Hit, SearchRequest, SearchSyntaxError, Sort

# A status facet on another date than today is computed from the matches' statuses on that date, which the index
# does not hold (it has today's); past this many matches the facet is left empty rather than wrong or slow.
STATUS_FACET_MAX_MATCHES = 5_000

log = logging.getLogger(__name__)


def parse_query(text: str) -> Query:
    """The query as the engine reads it; a 400 on `q` when it cannot be read (before any other parameter is checked)."""
    try:
        return search_query.parse(text)
    except SearchSyntaxError as exc:
        raise _invalid_query(exc) from exc


def search_page(
    *,
    text: str,
    query: Query,
    doc_types: Sequence[str],
    issuers: Sequence[str],
    fields: Sequence[str],
    statuses: Sequence[str],
    on: dt.date | None,
    issued_from: dt.date | None,
    issued_to: dt.date | None,
    effective_from: dt.date | None,
    effective_to: dt.date | None,
    sort: Sort,
    page: int,
    page_size: int,
    include_drafts: bool,
    lang: str,
) -> dict[str, Any]:
    """One page of results for the query (`text` as written, `query` as parse_query read it), with each hit's
    status on `on` (default today), and the facets."""
    today = catalogue.today()
    on = on or today
    filters = Filters(
        doc_types=tuple(doc_types),
        issuers=tuple(issuers),
        fields=tuple(fields),
        statuses=tuple(statuses) if on == today else (),
        ids=status_allow_list(statuses, on, include_drafts=include_drafts) if statuses and on != today else None,
        issued_from=issued_from,
        issued_to=issued_to,
        effective_from=effective_from,
        effective_to=effective_to,
        published_only=not include_drafts,
    )
    groups = synonym_groups()
    request = SearchRequest(
        query=text, filters=filters, sort=sort, offset=(page - 1) * page_size, limit=page_size, synonyms=groups
    )
    try:
        found = engine.current().search(request)
        facets = found.facets
        if on != today and "status" in facets:
            facets = {**facets, "status": status_facet_on(request, found.total, on)}
    except SearchSyntaxError as exc:
        raise _invalid_query(exc) from exc
    except EngineUnavailable as exc:
        raise search_unavailable() from exc
    # Highlights show the forms the engine matched: "ATTP" highlights "an toàn thực phẩm" too.
    terms = search_query.highlight_terms(expand_synonyms(query, groups))
    if found.suggestion:  # near matches are marked where they have the corrected words
        try:
            terms |= search_query.highlight_terms(search_query.parse(found.suggestion))
        except SearchSyntaxError:  # a suggestion is the user's words rearranged: never a reason for an error
            pass
    exact = search_query.exact_forms(query)
    results = hit_results(found.hits, terms, on, lang, include_drafts=include_drafts, exact=exact)
    return {
        # Hits the reader may no longer see are dropped from the page and from the count.
        "count": max(found.total - (len(found.hits) - len(results)), 0),
        "page": page,
        "page_size": page_size,
        "on": on.isoformat(),
        "results": results,
        "facets": facets,
        "relaxed": found.relaxed,
        "exact_count": found.exact_total if found.relaxed else None,
        "suggestion": found.suggestion,
    }


def status_allow_list(statuses: Sequence[str], on: dt.date, *, include_drafts: bool) -> tuple[int, ...]:
    """Ids of the documents with one of `statuses` on `on`: the index knows only today's stored status."""
    documents = catalogue.document_queryset(include_drafts=include_drafts)
    return tuple(catalogue.filter_by_status_on(documents, statuses, on).values_list("pk", flat=True))


def status_facet_on(request: SearchRequest, total: int, on: dt.date) -> dict[str, int]:
    """The status facet of every match of `request` on `on`; empty past STATUS_FACET_MAX_MATCHES matches."""
    if total > STATUS_FACET_MAX_MATCHES:
        return {}
    every = dataclasses.replace(request, sort=Sort.ISSUED_DESC, offset=0, limit=total, facets=False)
    ids = [hit.id for hit in engine.current().search(every).hits]
    return catalogue.status_counts_on(ids, on)


def hit_results(
    hits: Sequence[Hit],
    terms: set[str],
    on: dt.date,
    lang: str,
    *,
    include_drafts: bool,
    exact: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    """The hits as the answer shows them, each with its status on `on` and the best-matching article."""
    rows = catalogue.search_hit_rows([hit.id for hit in hits], include_drafts=include_drafts)
    incoming = catalogue.incoming_facts(rows)
    # The index holds an amended document's text in force today: its best article and highlights are read there.
    in_force = texts_in_force(rows) if terms and rows else {}
    results = []
    for hit in hits:
        row = rows.get(hit.id)
        if row is None:  # deleted (or unpublished) since it was indexed; reconciliation will drop it
            continue
        answer = validity.evaluate(row.facts, incoming.get(hit.id, ()), on)
        text, units = in_force.get(hit.id) or (row.text, None)
        article = best_article(units if units is not None else articles(row.structure), terms) if terms else None
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
                    "title": highlight(row.title, terms, fragments=1, size=400, exact=exact) if terms else [],
                    "text": highlight(article.text if article else text, terms, exact=exact) if terms else [],
                },
            }
        )
    return results


def suggestions(prefix: str, *, include_drafts: bool) -> list[dict[str, Any]]:
    """Up to ten numbers and titles starting with `prefix` (not blank), among the documents the reader may see now."""
    try:
        found = engine.current().suggest(prefix, limit=10, published_only=not include_drafts)
    except EngineUnavailable as exc:
        raise search_unavailable() from exc
    # The index may lag behind an unpublish or a delete: only rows the reader may see now are suggested.
    visible = set(
        catalogue.document_queryset(include_drafts=include_drafts)
        .filter(pk__in=[s.id for s in found])
        .values_list("pk", flat=True)
    )
    return [{"id": s.id, "number": s.number, "title": s.title} for s in found if s.id in visible]


def related_documents(pk: int, *, include_drafts: bool) -> list[dict[str, Any]]:
    """Up to ten documents like document `pk` (more like this); a 404 when the reader may not see `pk`."""
    documents = catalogue.document_queryset(include_drafts=include_drafts)
    doc = documents.filter(pk=pk).first()
    if doc is None:
        raise NotFound("văn bản", "Document")
    try:
        hits = engine.current().more_like_this(doc.pk, limit=10, published_only=not include_drafts)
    except EngineUnavailable as exc:
        raise search_unavailable() from exc
    by_id = {d.pk: d for d in documents.filter(pk__in=[h.id for h in hits])}
    return [
        {"id": d.pk, "number": d.number, "title": d.title, "issuer": d.issuer.code}
        for d in (by_id.get(h.id) for h in hits)
        if d is not None
    ]


def search_unavailable() -> ApplicationError:
    return ApplicationError(
        "search_unavailable",
        "Máy tìm kiếm tạm thời không sẵn sàng; thử lại sau.",
        "The search engine is temporarily unavailable; try again.",
        status=503,
    )


def _invalid_query(exc: SearchSyntaxError) -> ApplicationError:
    return ApplicationError("invalid_query", exc.message_vi, exc.message_en, field="q")


# --- synonym groups ------------------------------------------------------------------------------------------------

SYNONYMS_CACHE_KEY = "hieuluc:search:synonyms"
# A write forgets the cached groups at once; this bounds how long a forget lost to a cache outage can go unnoticed.
SYNONYMS_CACHE_SECONDS = 300


def admin_synonyms() -> Any:
    """The admins' synonym groups, newest first (a QuerySet of SearchSynonym)."""
    return SearchSynonym.objects.select_related("created_by")


def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """The groups every search is expanded with: the shipped list (legal/synonyms.py), then the admins' active
    groups. The admins' part is cached (Django cache) and forgotten after each write; while the cache cannot be
    read, it comes from the database."""
    try:
        custom = cache.get(SYNONYMS_CACHE_KEY)
    except Exception:  # Redis down: search goes on with the database's groups
        log.warning("Synonym cache unavailable; reading the groups from the database.", exc_info=True)
        return SHIPPED_SYNONYMS + _active_admin_groups()
    if custom is None:
        custom = _active_admin_groups()
        try:
            cache.set(SYNONYMS_CACHE_KEY, custom, SYNONYMS_CACHE_SECONDS)
        except Exception:
            log.warning("Synonym cache unavailable; not storing the groups.", exc_info=True)
    return SHIPPED_SYNONYMS + tuple(tuple(group) for group in custom)


def _active_admin_groups() -> tuple[tuple[str, ...], ...]:
    rows = SearchSynonym.objects.filter(active=True).order_by("id").values_list("forms", flat=True)
    return tuple(tuple(str(form) for form in forms) for forms in rows if isinstance(forms, list))


def forget_synonyms() -> None:
    """Drop the cached groups (after a write commits): the next search reads them again."""
    try:
        cache.delete(SYNONYMS_CACHE_KEY)
    except Exception:  # the cached copy expires within SYNONYMS_CACHE_SECONDS
        log.warning("Synonym cache unavailable; the groups refresh when it expires.", exc_info=True)
