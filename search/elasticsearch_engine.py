"""The Elasticsearch engine: the same behaviour as :mod:`search.tantivy_engine`, on a cluster.

All text analysis happens in :mod:`search.analysis`: documents are indexed as pre-analysed, whitespace-separated
token strings, and the mapping uses only the built-in ``whitespace`` analyzer (no lower-casing, no folding, no
plugin, nothing a stock cluster lacks), so Elasticsearch and tantivy see identical terms. Queries are compiled
from :mod:`search.query` through :mod:`search.scoring` (same fields, same boosts; BM25 k1=1.2, b=0.75 is the
cluster default), with :mod:`elasticsearch.dsl` (``Search``, ``Q``, ``A``). No scripts anywhere.

Index layout: reads and writes go to an *alias* (``index``, default ``hieuluc``). The first write creates
``<alias>-initial`` behind it; :meth:`ElasticsearchEngine.rebuild` fills a new ``<alias>-<timestamp>`` index,
then swaps the alias to it in one atomic ``_aliases`` call and deletes the old index, so searches never stop.

Test servers: ``compat_headers=False`` sends plain ``application/json`` instead of the Elasticsearch 9 client's
versioned media type, for servers that only accept the plain one (osmem-server, OpenSearch); real clusters keep
the default.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Literal, TypeVar

from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout, TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import A, Q, Search
from elasticsearch.dsl.query import Query as DslQuery
from elasticsearch.helpers import BulkIndexError

from search import analysis, forgiving, rerank, scoring
from search.query import Query as ParsedQuery
from search.query import (
    common_candidates,
    drop_common_terms,
    exact_candidates,
    more_like_this_query,
    parse,
    with_exact_tier,
)
from search.synonyms import expand as expand_synonyms
from search.types import (
    FACETS,
    EngineUnavailable,
    Filters,
    Hit,
    IndexedDocument,
    Page,
    SearchError,
    SearchRequest,
    Sort,
    Suggestion,
)

__all__ = ["MAPPINGS", "SCHEMA_VERSION", "ElasticsearchEngine"]

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
_ANALYZER = "whitespace"  # built in: splits on whitespace, nothing else
_FACET_FIELDS = {"type": "type", "issuer": "issuer", "field": "fields", "status": "status", "year": "year"}
_FACET_SIZE = 10_000
_MAX_TERMS = 60_000  # below index.max_terms_count (65,536): larger id allow-lists are split
_RESULT_WINDOW = 10_000  # index.max_result_window: deeper pages walk with search_after
_SCAN_PAGE = 5_000
_UNAVAILABLE_STATUS = frozenset({408, 429, 502, 503, 504})

Refresh = bool | Literal["wait_for"]

_STORED_ONLY = {"type": "keyword", "index": False, "doc_values": False}


def _text(needs: str) -> dict[str, Any]:
    """A pre-analysed token field: the built-in whitespace analyzer; positions only where phrases need them."""
    field: dict[str, Any] = {"type": "text", "analyzer": _ANALYZER}
    if needs != "positions":
        field["index_options"] = "freqs"
    return field


MAPPINGS: dict[str, Any] = {
    "dynamic": "strict",
    "_meta": {"schema_version": SCHEMA_VERSION},
    "properties": {
        "id": {"type": "long"},
        **{name: _text(needs) for name, needs in analysis.TEXT_FIELDS.items()},
        "type": {"type": "keyword"},
        "issuer": {"type": "keyword"},
        "status": {"type": "keyword"},
        "fields": {"type": "keyword"},
        "year": {"type": "integer"},
        "issued": {"type": "integer"},  # yyyymmdd (analysis.date_key), like tantivy
        "effective": {"type": "integer"},  # absent when unknown
        "published": {"type": "boolean"},
        "fingerprint": {"type": "keyword", "index": False},
        "number": _STORED_ONLY,
        "title_raw": _STORED_ONLY,
    },
}

# Sorts: the date, then the id in the same direction (as tantivy's (date << 37) | id keys); no date: last.
_SORTS: dict[Sort, list[dict[str, Any]]] = {
    Sort.ISSUED_DESC: [{"issued": {"order": "desc"}}, {"id": {"order": "desc"}}],
    Sort.ISSUED_ASC: [{"issued": {"order": "asc"}}, {"id": {"order": "asc"}}],
    Sort.EFFECTIVE_DESC: [{"effective": {"order": "desc", "missing": "_last"}}, {"id": {"order": "desc"}}],
    Sort.EFFECTIVE_ASC: [{"effective": {"order": "asc", "missing": "_last"}}, {"id": {"order": "asc"}}],
}
_RELEVANCE_SORT: list[Any] = [{"_score": {"order": "desc"}}, {"id": {"order": "asc"}}]

T = TypeVar("T")


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _unavailable(exc: BaseException) -> bool:
    if isinstance(exc, TransportConnectionError | ConnectionTimeout):
        return True
    if isinstance(exc, ApiError):
        return exc.meta.status in _UNAVAILABLE_STATUS
    return isinstance(exc, TransportError)


def _index_missing(exc: BaseException) -> bool:
    return isinstance(exc, NotFoundError) and "index_not_found" in f"{getattr(exc, 'error', '')} {exc}"


def _convert(exc: BaseException, action: str) -> SearchError:
    """An engine exception as the search package's: transient ones are EngineUnavailable (tasks retry them)."""
    if isinstance(exc, BulkIndexError):
        statuses = {int(next(iter(item.values())).get("status", 0)) for item in exc.errors}
        if statuses and statuses <= _UNAVAILABLE_STATUS:
            return EngineUnavailable(f"elasticsearch {action}: {exc}")
        return SearchError(f"elasticsearch {action}: {len(exc.errors)} document(s) failed: {exc.errors[:3]}")
    if _unavailable(exc):
        return EngineUnavailable(f"elasticsearch {action}: {exc}")
    return SearchError(f"elasticsearch {action}: {exc}")


def _source(doc: IndexedDocument) -> dict[str, Any]:
    data = analysis.analyse_document(doc)
    body = {name: data[name] for name in MAPPINGS["properties"] if name in data}
    if body.get("effective") is None:
        body.pop("effective", None)
    return body


def _status(item: dict[str, Any]) -> int | None:
    """The HTTP status of one bulk item ({"index": {"status": 409, ...}})."""
    result = next(iter(item.values()), None)
    return result.get("status") if isinstance(result, dict) else None


class ElasticsearchEngine:
    """The :class:`search.types.Engine` on an Elasticsearch cluster (reads and writes go to the alias ``index``).

    Options: ``compat_headers`` (False: plain ``application/json``, for osmem-server/OpenSearch test servers);
    ``refresh`` (after upsert/delete: ``"wait_for"`` by default, i.e. visible to the next search; True forces a
    refresh, for tests; False leaves it to the refresh interval); ``chunk_size`` (documents per bulk request);
    ``number_of_shards``/``number_of_replicas`` (new indices); ``client`` (an existing Elasticsearch client);
    anything else goes to :class:`elasticsearch.Elasticsearch`.
    """

    name = "elasticsearch"

    def __init__(
        self,
        url: str | None = None,
        index: str = "hieuluc",
        *,
        compat_headers: bool = True,
        refresh: Refresh = "wait_for",
        chunk_size: int = 500,
        number_of_shards: int = 1,
        number_of_replicas: int | None = None,
        client: Elasticsearch | None = None,
        **client_options: Any,
    ) -> None:
        if not index or index != index.lower():
            raise ValueError(f"invalid index/alias name {index!r}: lower case only")
        self.alias = index
        self.refresh: Refresh = refresh
        self.chunk_size = max(1, int(chunk_size))
        self._settings: dict[str, Any] = {"number_of_shards": number_of_shards}
        if number_of_replicas is not None:
            self._settings["number_of_replicas"] = number_of_replicas
        if client is None:
            if not url:
                raise ValueError("ElasticsearchEngine needs a url (or a client)")
            options = {"request_timeout": 10, "retry_on_timeout": True, "max_retries": 2, **client_options}
            if not compat_headers:
                from search._es_transport import PlainJsonNode

                options["node_class"] = PlainJsonNode
            client = Elasticsearch(url, **options)
        self.client = client
        self._alias_ready = False

    # --- plumbing -----------------------------------------------------------------------------------------------

    def _call(self, action: str, func: Callable[[], T]) -> T:
        try:
            return func()
        except SearchError:
            raise
        except (ApiError, TransportError, BulkIndexError) as exc:
            raise _convert(exc, action) from exc

    def _new_index_name(self) -> str:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S%f")
        return f"{self.alias}-{stamp}"

    def _create_index(self, name: str, *, aliases: bool = False, bulk_load: bool = False) -> None:
        settings = dict(self._settings)
        if bulk_load:
            settings["refresh_interval"] = "-1"
        self.client.indices.create(
            index=name,
            settings=settings,
            mappings=MAPPINGS,
            aliases={self.alias: {}} if aliases else None,
        )

    def _backing_indices(self) -> list[str]:
        """The indices behind the alias ([] when there is none yet)."""
        try:
            return sorted(self.client.indices.get_alias(name=self.alias).body)
        except NotFoundError:
            return []

    def _ensure_alias(self) -> None:
        """Create ``<alias>-initial`` behind the alias on the first write (a fixed name: concurrent first writes
        from several processes create it once)."""
        if self._alias_ready:
            return

        def ensure() -> None:
            if self.client.indices.exists_alias(name=self.alias):
                return
            if self.client.indices.exists(index=self.alias):  # a concrete index of that name (older deployments)
                return
            try:
                self._create_index(f"{self.alias}-initial", aliases=True)
            except ApiError as exc:
                if "resource_already_exists" not in str(exc):
                    raise
                self.client.indices.put_alias(index=f"{self.alias}-initial", name=self.alias)

        self._call("create index", ensure)
        self._alias_ready = True

    def _search(self) -> Search:
        # Every search below sets _source itself; exclude_vectors=None also strips the
        # "_source": {"exclude_vectors": false} that elasticsearch.dsl 9.x's Document.search() adds (osmem-server
        # refuses that key), should a later dsl version add it to plain searches too.
        return Search(using=self.client, index=self.alias).source(exclude_vectors=None)

    def _execute(self, search: Search, action: str = "search") -> dict[str, Any] | None:
        """The raw response, or None when the alias does not exist yet (nothing indexed)."""
        try:
            response = self.client.search(index=self.alias, body=search.to_dict())
        except NotFoundError as exc:
            if _index_missing(exc):
                return None
            raise _convert(exc, action) from exc
        except (ApiError, TransportError) as exc:
            raise _convert(exc, action) from exc
        body: dict[str, Any] = response.body
        return body

    # --- writing ------------------------------------------------------------------------------------------------

    def _actions(self, documents: Iterable[IndexedDocument], index: str) -> Iterator[dict[str, Any]]:
        for doc in documents:
            action: dict[str, Any] = {"_op_type": "index", "_index": index, "_id": str(doc.id), "_source": _source(doc)}
            if doc.version:
                # The cluster refuses an older version of a document than it holds (409, skipped below): a task
                # that read the row before a later write cannot undo that write's indexing.
                action.update(version=doc.version, version_type="external_gte")
            yield action

    def _bulk(self, actions: Iterable[dict[str, Any]], *, refresh: Refresh, action: str) -> int:
        def run() -> int:
            count = 0
            for ok, item in helpers.streaming_bulk(
                self.client, actions, chunk_size=self.chunk_size, refresh=refresh, raise_on_error=False
            ):
                if ok:
                    count += 1
                elif _status(item) != 409:  # 409: a newer version of the document is indexed
                    raise BulkIndexError("failed to index a document", [item])
            return count

        return self._call(action, run)

    def upsert(self, documents: list[IndexedDocument]) -> None:
        """Add or replace documents (by id). Idempotent: the Elasticsearch id is the document id."""
        if not documents:
            return
        latest = {doc.id: doc for doc in documents}  # the last version of a document given twice wins
        self._ensure_alias()
        actions = list(self._actions(latest.values(), self.alias))
        self._write(actions, "upsert")

    def _write(self, actions: list[dict[str, Any]], action: str) -> None:
        # One bulk request per chunk; only the last one refreshes (all chunks are visible after it).
        chunks = list(_chunks(actions, self.chunk_size))
        for n, chunk in enumerate(chunks):
            self._bulk(chunk, refresh=self.refresh if n == len(chunks) - 1 else False, action=action)

    def delete(self, ids: list[int]) -> None:
        """Remove documents by id (unknown ids are ignored)."""
        if not ids or not self._call("exists", lambda: bool(self.client.indices.exists(index=self.alias))):
            return  # nothing indexed yet (and a delete must never create the index)

        def actions() -> Iterator[dict[str, Any]]:
            for doc_id in dict.fromkeys(int(i) for i in ids):
                yield {"_op_type": "delete", "_index": self.alias, "_id": str(doc_id)}

        def run() -> None:
            chunks = list(_chunks(actions(), self.chunk_size))
            for n, chunk in enumerate(chunks):
                refresh = self.refresh if n == len(chunks) - 1 else False
                # A missing document answers 404 "not_found": that is fine, anything else is an error.
                for ok, item in helpers.streaming_bulk(
                    self.client, chunk, chunk_size=self.chunk_size, refresh=refresh, raise_on_error=False
                ):
                    result = item.get("delete", {})
                    if not ok and result.get("status") != 404:
                        raise BulkIndexError("failed to delete a document", [item])

        self._call("delete", run)

    def rebuild(self, documents: Iterable[IndexedDocument]) -> int:
        """Replace the whole content by ``documents`` (any iterable, consumed once), with no downtime.

        A new index ``<alias>-<timestamp>`` is created and filled in bulk chunks (refresh off), refreshed, then the
        alias moves to it in one atomic ``_aliases`` call (searches see the old content until then, the new one
        after) and the old index is deleted. If the iterable raises, the new index is dropped and nothing changes.
        Writes made through the alias while a rebuild runs land in the old index only: the next reconciliation
        (``fingerprints()``) finds them. Returns the number of documents written.
        """
        new = self._new_index_name()
        self._call("create index", lambda: self._create_index(new, bulk_load=True))
        try:
            count = self._bulk(self._actions(documents, new), refresh=False, action="rebuild")
            self._call(
                "refresh", lambda: self.client.indices.put_settings(index=new, settings={"refresh_interval": None})
            )
            self._call("refresh", lambda: self.client.indices.refresh(index=new))
            self._swap(new)
        except BaseException:
            try:
                self.client.indices.delete(index=new, ignore_unavailable=True)
            except Exception:  # the original error matters more
                log.warning("could not delete the half-built index %s", new, exc_info=True)
            raise
        return count

    def _swap(self, new: str) -> None:
        def swap() -> list[str]:
            old = self._backing_indices()
            actions: list[dict[str, Any]] = []
            if not old and self.client.indices.exists(index=self.alias):
                actions.append({"remove_index": {"index": self.alias}})  # a concrete index had the alias's name
            actions += [{"remove": {"index": name, "alias": self.alias}} for name in old]
            actions.append({"add": {"index": new, "alias": self.alias}})
            self.client.indices.update_aliases(actions=actions)
            return [name for name in old if name != new]

        old = self._call("swap alias", swap)
        self._alias_ready = True
        for name in old:
            try:
                self.client.indices.delete(index=name, ignore_unavailable=True)
            except (ApiError, TransportError):  # the swap is done: a leftover index is only disk space
                log.warning("could not delete the old index %s", name, exc_info=True)

    # --- query translation ----------------------------------------------------------------------------------------

    @classmethod
    def _target(cls, target: scoring.Target) -> DslQuery:
        if isinstance(target, scoring.AllOf):
            return Q("bool", must=[cls._target(t) for t in target.targets])
        if isinstance(target, scoring.TermTarget):
            return Q("term", **{target.field: {"value": target.token, "boost": target.boost}})
        return Q("match_phrase", **{target.field: {"query": " ".join(target.tokens), "boost": target.boost}})

    @classmethod
    def _any_of(cls, queries: list[DslQuery]) -> DslQuery:
        return queries[0] if len(queries) == 1 else Q("bool", should=queries, minimum_should_match=1)

    @classmethod
    def _plan(cls, plan: scoring.ClausePlan) -> DslQuery:
        parts = [cls._plan(m) if isinstance(m, scoring.ClausePlan) else cls._target(m) for m in plan.match]
        matched = cls._any_of(parts)
        if not plan.boost:
            return matched
        return Q("bool", must=[matched], should=[cls._target(t) for t in plan.boost])

    @classmethod
    def compile(cls, query: ParsedQuery) -> DslQuery:
        """The Elasticsearch query of a parsed query (see :mod:`search.scoring` for the translation)."""
        if query.match_all:
            return Q("match_all")
        must = [cls._plan(scoring.clause_plan(c, query.long)) for c in query.must]
        if query.should:
            should = [cls._plan(scoring.clause_plan(c, query.long)) for c in query.should]
            msm = query.min_should_match if query.min_should_match > 0 else 1
            must.append(Q("bool", should=should, minimum_should_match=msm))
        pairs = [cls._any_of([cls._target(t) for t in scoring.pair_targets(p, query.long)]) for p in query.pairs]
        hints = [cls._target(scoring.hint_target(h)) for h in query.title_hints]
        if query.prefer is not None:
            hints.append(Q("bool", must=[cls.compile(query.prefer)], boost=scoring.PREFER_BOOST))
        if query.exact_tier:
            every = [cls._any_of([cls._target(t) for t in scoring.exact_tier_targets(x)]) for x in query.exact_tier]
            hints.append(Q("constant_score", filter=Q("bool", must=every), boost=scoring.EXACT_TIER_SCORE))
        must_not = [cls._plan(scoring.clause_plan(c)) for c in query.must_not]
        return Q("bool", must=must, should=pairs + hints, must_not=must_not)

    @staticmethod
    def filters(filters: Filters) -> list[DslQuery]:
        """Filter clauses (no score) for ``filters``."""
        out: list[DslQuery] = []
        for field_name, values in scoring.keyword_filters(filters):
            out.append(Q("terms", **{field_name: values}))
        if filters.ids is not None:
            ids = list(dict.fromkeys(int(i) for i in filters.ids))
            parts = [Q("terms", id=chunk) for chunk in _chunks(ids, _MAX_TERMS)] or [Q("terms", id=[])]
            out.append(parts[0] if len(parts) == 1 else Q("bool", should=parts, minimum_should_match=1))
        for field_name, low, high in (
            ("issued", filters.issued_from, filters.issued_to),
            ("effective", filters.effective_from, filters.effective_to),
        ):
            if low is not None or high is not None:
                bounds: dict[str, int] = {}
                if low is not None:
                    bounds["gte"] = analysis.date_key(low)
                if high is not None:
                    bounds["lte"] = analysis.date_key(high)
                out.append(Q("range", **{field_name: bounds}))
        if filters.published_only:
            out.append(Q("term", published=True))
        return out

    @staticmethod
    def _filtered(main: DslQuery | None, filters: list[DslQuery]) -> DslQuery:
        if not filters:
            return main if main is not None else Q("match_all")
        return Q("bool", must=[main] if main is not None else [], filter=filters)

    # --- reading --------------------------------------------------------------------------------------------------

    def _page(
        self, query: DslQuery, sort: list[Any], offset: int, limit: int, *, aggs: bool, scored: bool
    ) -> tuple[int, list[Hit], dict[str, Any]]:
        """(total, hits, aggregations) of one page; pages beyond the result window walk there with search_after."""
        base = self._search().query(query).sort(*sort).source(False).extra(track_total_hits=True)
        if scored:
            base = base.extra(track_scores=True)
        if aggs:
            for name, field_name in _FACET_FIELDS.items():
                base.aggs.bucket(name, A("terms", field=field_name, size=_FACET_SIZE))
        if offset + limit <= _RESULT_WINDOW:
            body = self._execute(base.extra(from_=offset, size=limit))
            if body is None:
                return 0, [], {}
            return self._total(body), self._hits(body, scored), body.get("aggregations", {})
        # Deep page: walk sorted (sort values only) pages up to the offset with search_after, then read the page.
        first = self._execute(base.extra(size=0))
        if first is None:
            return 0, [], {}
        total, aggregations = self._total(first), first.get("aggregations", {})
        # Nothing lies past the last hit; and ES rejects sizes beyond a 32-bit int, so never ask for more than exists.
        limit = min(limit, max(0, total - offset))
        if limit == 0:
            return total, [], aggregations
        walker = self._search().query(query).sort(*sort).source(False).extra(track_scores=scored)
        after: list[Any] | None = None
        skipped = 0
        while skipped < offset:
            hits = self._after(walker, after, min(_RESULT_WINDOW, offset - skipped), scored)
            if not hits:
                return total, [], aggregations
            skipped += len(hits)
            after = hits[-1]["sort"]
        collected: list[dict[str, Any]] = []
        while len(collected) < limit:  # a page larger than the result window is read in window-sized pieces
            hits = self._after(walker, after, min(_RESULT_WINDOW, limit - len(collected)), scored)
            if not hits:
                break
            collected.extend(hits)
            after = hits[-1]["sort"]
        body = {"hits": {"hits": collected}}
        return total, self._hits(body, scored), aggregations

    def _after(self, walker: Search, after: list[Any] | None, size: int, scored: bool) -> list[dict[str, Any]]:
        """Up to ``size`` hits after the sort values ``after`` (the start when None).

        Exact on Elasticsearch, whose scores are floats that survive the JSON round trip. osmem-server scores in
        double precision and prints floats, so there a cursor on [score, id] skips the hits tied with it: deep
        *relevance* pages past the result window are only right on a real cluster (tests/search/test_es_plumbing.py).
        """
        extra: dict[str, Any] = {"size": size}
        if after is not None:
            extra["search_after"] = after
        body = self._execute(walker.extra(**extra))
        hits: list[dict[str, Any]] = (body or {}).get("hits", {}).get("hits", [])
        return hits

    @staticmethod
    def _total(body: dict[str, Any]) -> int:
        total = body.get("hits", {}).get("total", 0)
        return int(total["value"] if isinstance(total, dict) else total)

    @staticmethod
    def _hits(body: dict[str, Any], scored: bool) -> list[Hit]:
        return [
            Hit(id=int(hit["_id"]), score=float(hit.get("_score") or 0.0) if scored else 0.0)
            for hit in body.get("hits", {}).get("hits", [])
        ]

    @staticmethod
    def _facets(aggregations: dict[str, Any]) -> dict[str, dict[str, int]]:
        facets: dict[str, dict[str, int]] = {}
        for name in FACETS:
            values: dict[str, int] = {}
            for bucket in aggregations.get(name, {}).get("buckets", []):
                key = bucket["key"]
                if isinstance(key, float) and key.is_integer():
                    key = int(key)
                values[str(key).lower() if isinstance(key, bool) else str(key)] = int(bucket["doc_count"])
            facets[name] = values
        return facets

    def search(self, request: SearchRequest) -> Page:
        parsed = parse(request.query)  # SearchSyntaxError goes to the caller
        parsed = self._without_common_terms(expand_synonyms(parsed, request.synonyms))
        return forgiving.answer(
            parsed,
            run=lambda query: self._search_parsed(query, request),
            doc_freqs=self._doc_freqs,
            stored=self._documents_by_id,
        )

    def _doc_freqs(self, field_name: str, tokens: Sequence[str]) -> dict[str, int]:
        """How many documents hold each token in a text field (one ``_msearch``), as tantivy's ``doc_freq``."""
        tokens = list(tokens)
        counts = self._doc_counts([Q("term", **{field_name: token}) for token in tokens]) if tokens else None
        return dict(zip(tokens, counts or [0] * len(tokens), strict=True))

    def _search_parsed(self, parsed: ParsedQuery, request: SearchRequest) -> Page:
        offset = max(0, int(request.offset))
        limit = max(0, int(request.limit))
        query = self._filtered(None if parsed.match_all else self.compile(parsed), self.filters(request.filters))
        sort = request.sort
        if sort == Sort.RELEVANCE and parsed.match_all:
            sort = Sort.ISSUED_DESC
        scored = sort == Sort.RELEVANCE
        reranked = scored and rerank.applies(parsed)  # a long query: its first hits are re-ranked, then cut
        first_offset, first_limit = (0, max(rerank.DEPTH, offset + limit)) if reranked else (offset, limit)
        total, hits, aggregations = self._page(
            query,
            _RELEVANCE_SORT if scored else _SORTS[sort],
            first_offset,
            first_limit,
            aggs=request.facets,
            scored=scored,
        )
        if reranked:
            lookups = rerank.Lookups(self._body_freqs, self._plan_scores, self._titles)
            hits = rerank.run(parsed, hits, lookups)[offset : offset + limit]
        facets: dict[str, dict[str, int]] = {}
        if request.facets:
            facets = self._facets(aggregations) if total else {name: {} for name in FACETS}
        return Page(total=total, hits=hits, facets=facets)

    # --- re-ranking a long query (search.rerank) ---------------------------------------------------------------

    def _body_freqs(self, tokens: list[str]) -> tuple[dict[str, int], int]:
        """Document frequencies of ``tokens`` in the body, and the number of documents (one ``_msearch``)."""
        counts = self._doc_counts([Q("match_all"), *(Q("term", **{scoring.BODY: token}) for token in tokens)])
        if counts is None:
            return {}, 0
        total, *freqs = counts
        return dict(zip(tokens, freqs, strict=True)), total

    def _titles(self, ids: list[int]) -> dict[int, str]:
        return {doc_id: source.get("title_raw") or "" for doc_id, source in self._documents_by_id(ids).items()}

    def _plan_scores(self, plans: list[rerank.FeaturePlan], ids: list[int]) -> dict[str, dict[int, float]]:
        """Each feature plan's scores over the candidates ``ids``: one ``_msearch``, a search per plan."""
        if not plans or not ids:
            return {}
        among = Q("terms", id=ids)
        searches: list[dict[str, Any]] = []
        for plan in plans:
            parts = [self._plan_target(t, plan.constant) for t in plan.targets]
            query = Q("bool", should=parts, minimum_should_match=1, filter=[among])
            searches.append({})
            searches.append({"size": len(ids), "_source": False, "query": query.to_dict()})
        try:
            response = self.client.msearch(index=self.alias, searches=searches)
        except (ApiError, TransportError) as exc:
            raise _convert(exc, "re-rank") from exc
        scores: dict[str, dict[int, float]] = {}
        for plan, item in zip(plans, response.body.get("responses", []), strict=True):
            if "error" in item:
                raise SearchError(f"elasticsearch re-rank: {str(item['error'])[:300]}")
            hits = item.get("hits", {}).get("hits", [])
            scores[plan.name] = {int(hit["_id"]): float(hit.get("_score") or 0.0) for hit in hits}
        return scores

    @classmethod
    def _plan_target(cls, target: rerank.PlanTarget, constant: bool) -> DslQuery:
        """One target of a feature plan: BM25 times its boost, or its boost alone in a ``constant`` plan."""
        if isinstance(target, rerank.AnyOf):
            query = cls._any_of([cls._target(t) for t in target.targets])
        elif isinstance(target, rerank.ProximityTarget):
            query = Q("match_phrase", **{target.field: {"query": " ".join(target.tokens), "slop": target.slop}})
        elif isinstance(target, scoring.TermTarget):
            query = Q("term", **{target.field: target.token})
        else:
            query = Q("match_phrase", **{target.field: " ".join(target.tokens)})
        if constant:
            return Q("constant_score", filter=query, boost=target.boost)
        return Q("bool", must=[query], boost=target.boost) if target.boost != 1.0 else query

    def _documents_by_id(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        if not ids:
            return {}
        search = self._search().query(Q("terms", id=ids)).source(["id", "number", "title_raw"]).extra(size=len(ids))
        body = self._execute(search)
        found: dict[int, dict[str, Any]] = {}
        for hit in (body or {}).get("hits", {}).get("hits", []):
            found[int(hit["_id"])] = hit.get("_source") or {}
        return found

    def _without_common_terms(self, parsed: ParsedQuery) -> ParsedQuery:
        """``with_exact_tier`` and ``drop_common_terms`` with this index's document frequencies (one ``_msearch``
        each, when the query has such words)."""
        exact = exact_candidates(parsed)
        if exact:
            queries = [Q("term", **{scoring.BODY_X: x}) for x, _ in exact]
            queries += [Q("term", **{scoring.BODY: f}) for _, f in exact]
            counts = self._doc_counts(queries) or [0] * len(queries)
            exact_freqs = dict(zip((x for x, _ in exact), counts[: len(exact)], strict=True))
            folded_freqs = dict(zip((f for _, f in exact), counts[len(exact) :], strict=True))
            parsed = with_exact_tier(parsed, exact_freqs, folded_freqs)
        candidates = common_candidates(parsed)
        if not candidates:
            return parsed
        freqs, total = self._body_freqs(candidates)
        return drop_common_terms(parsed, freqs, total) if total else parsed

    def _doc_counts(self, queries: list[DslQuery]) -> list[int] | None:
        """How many documents (published or not, as tantivy's doc_freq) match each query; None before any index."""
        searches: list[dict[str, Any]] = []
        for query in queries:
            searches.append({})
            searches.append({"size": 0, "track_total_hits": True, "query": query.to_dict()})
        try:
            response = self.client.msearch(index=self.alias, searches=searches)
        except NotFoundError as exc:
            if _index_missing(exc):
                return None
            raise _convert(exc, "count terms") from exc
        except (ApiError, TransportError) as exc:
            raise _convert(exc, "count terms") from exc
        counts: list[int] = []
        for item in response.body.get("responses", []):
            if "error" in item:
                if "index_not_found" in str(item["error"]):
                    return None
                raise SearchError(f"elasticsearch count terms: {str(item['error'])[:300]}")
            counts.append(self._total(item))
        return counts

    def suggest(self, prefix: str, *, limit: int = 10, published_only: bool = True) -> list[Suggestion]:
        """Documents whose number starts with ``prefix`` (newest first), then those whose title has the words of
        ``prefix``, its last word as a prefix (best first). Diacritics optional. See :class:`scoring.SuggestPlan`."""
        plan = scoring.suggest_plan(prefix)
        filters = self.filters(Filters(published_only=published_only))

        def by_number(size: int) -> list[int]:
            query = self._filtered(Q("term", **{scoring.NUMBER_PREFIX: plan.number_prefix}), filters)
            _, hits, _ = self._page(query, _SORTS[Sort.ISSUED_DESC], 0, size, aggs=False, scored=False)
            return [hit.id for hit in hits]

        def by_title(size: int) -> list[int]:
            clauses = [Q("term", **{scoring.TITLE: word}) for word in plan.title_terms]
            if plan.title_prefix:
                clauses.append(Q("term", **{scoring.TITLE_PREFIX: plan.title_prefix}))
            query = self._filtered(Q("bool", must=clauses), filters)
            _, hits, _ = self._page(query, _RELEVANCE_SORT, 0, size, aggs=False, scored=True)
            return [hit.id for hit in hits]

        return scoring.run_suggest(plan, limit, by_number=by_number, by_title=by_title, stored=self._documents_by_id)

    def more_like_this(self, doc_id: int, *, limit: int = 10, published_only: bool = True) -> list[Hit]:
        """Documents like ``doc_id``, by its title's meaningful words and word pairs (itself excluded)."""
        source = self._documents_by_id([int(doc_id)]).get(int(doc_id))
        if source is None or limit <= 0:
            return []
        like = self._without_common_terms(more_like_this_query(source.get("title_raw") or ""))
        if like.match_all:
            return []
        query = Q("bool", must=[self.compile(like)], must_not=[Q("term", id=int(doc_id))])
        filters = self.filters(Filters(published_only=published_only))
        _, hits, _ = self._page(self._filtered(query, filters), _RELEVANCE_SORT, 0, limit, aggs=False, scored=True)
        return hits

    def fingerprints(self) -> dict[int, str]:
        """id -> fingerprint of every indexed document (for reconciliation with the database).

        Walks the whole index in id order with search_after (no scroll context left behind)."""
        out: dict[int, str] = {}
        after: list[Any] | None = None
        while True:
            search = self._search().query(Q("match_all")).sort({"id": {"order": "asc"}}).source(["fingerprint"])
            search = search.extra(size=_SCAN_PAGE, **({"search_after": after} if after is not None else {}))
            body = self._execute(search, "fingerprints")
            hits = (body or {}).get("hits", {}).get("hits", [])
            for hit in hits:
                out[int(hit["_id"])] = (hit.get("_source") or {}).get("fingerprint") or ""
            if len(hits) < _SCAN_PAGE:
                return out
            after = hits[-1]["sort"]

    def health(self) -> dict[str, Any]:
        """Cluster status and the index behind the alias; never raises."""
        info: dict[str, Any] = {"ok": False, "engine": self.name, "alias": self.alias}
        try:
            cluster = self.client.cluster.health()
            info["cluster_status"] = cluster.get("status")
            indices = self._backing_indices()
            if not indices and self.client.indices.exists(index=self.alias):
                indices = [self.alias]  # a concrete index of the alias's name (the next rebuild replaces it)
            info["indices"] = indices
            # Left by a rebuild that died half-way (never deleted automatically: one may be a rebuild running now).
            info["unused_indices"] = [name for name in self.own_indices() if name not in indices]
            if indices:
                info["documents"] = int(self.client.count(index=self.alias)["count"])
                mapping = self.client.indices.get_mapping(index=self.alias).body
                versions = {m.get("mappings", {}).get("_meta", {}).get("schema_version") for m in mapping.values()}
                info["schema_version"] = versions.pop() if len(versions) == 1 else sorted(map(str, versions))
                info["schema_current"] = info["schema_version"] == SCHEMA_VERSION
            else:
                info["documents"] = 0
            info["ok"] = cluster.get("status") in ("green", "yellow")
        except Exception as exc:  # health never raises
            info["error"] = str(exc)[:300]
        return info

    def own_indices(self) -> list[str]:
        """Every index this engine made for its alias (``<alias>-initial``, ``<alias>-<timestamp>``), in use or not."""

        def listing() -> list[str]:
            try:
                names = self.client.indices.get(index=f"{self.alias}-*", expand_wildcards="all").body
            except NotFoundError:
                return []
            pattern = re.compile(re.escape(self.alias) + r"-(?:initial|[0-9]{20})")
            return sorted(name for name in names if pattern.fullmatch(name))

        return self._call("list indices", listing)

    def drop(self) -> None:
        """Delete the alias and every index of this engine (tests, decommissioning). Names are listed explicitly:
        clusters refuse wildcard deletes by default (action.destructive_requires_name)."""
        names = self.own_indices()
        if names:
            self._call("delete indices", lambda: self.client.indices.delete(index=",".join(names)))
        self._alias_ready = False

    def close(self) -> None:
        self.client.close()
