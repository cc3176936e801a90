"""Vietnamese full-text search behind one engine-agnostic interface (no Django in this package).

``get_engine("tantivy", path=...)`` is the embedded default; ``get_engine("elasticsearch", url=..., index=...)``
talks to a cluster. Both implement :class:`search.types.Engine` and behave the same (tests/search runs one
behaviour suite on each). Text analysis is in :mod:`search.analysis`, the query syntax in :mod:`search.query`,
shared boosts in :mod:`search.scoring`, highlighting in :mod:`search.highlight`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from search.types import (
    FACETS,
    Engine,
    EngineUnavailable,
    Filters,
    Hit,
    IndexedArticle,
    IndexedDocument,
    Page,
    SearchError,
    SearchRequest,
    SearchSyntaxError,
    Sort,
    Suggestion,
)

if TYPE_CHECKING:
    from search.tantivy_engine import TantivyEngine

__all__ = [
    "FACETS",
    "Engine",
    "EngineUnavailable",
    "Filters",
    "Hit",
    "IndexedArticle",
    "IndexedDocument",
    "Page",
    "SearchError",
    "SearchRequest",
    "SearchSyntaxError",
    "Sort",
    "Suggestion",
    "TantivyEngine",
    "get_engine",
]

ENGINES = ("tantivy", "elasticsearch")


def __getattr__(name: str) -> Any:
    if name == "TantivyEngine":  # imported lazily: tantivy is only loaded by whoever uses it
        from search.tantivy_engine import TantivyEngine

        return TantivyEngine
    raise AttributeError(f"module 'search' has no attribute {name!r}")


def get_engine(name: str, **options: Any) -> Engine:
    """The engine called ``name``: ``"tantivy"`` (options of :class:`search.tantivy_engine.TantivyEngine`, e.g.
    ``path``: a folder, or None for an in-memory index) or ``"elasticsearch"`` (options of
    :class:`search.elasticsearch_engine.ElasticsearchEngine`: ``url``, ``index`` (default ``"hieuluc"``),
    ``compat_headers``, ``refresh``, client options…)."""
    if name == "tantivy":
        from search.tantivy_engine import TantivyEngine

        return TantivyEngine(**options)
    if name == "elasticsearch":
        from search.elasticsearch_engine import ElasticsearchEngine  # type: ignore[import-not-found,unused-ignore]

        engine: Engine = ElasticsearchEngine(**{"index": "hieuluc", **options})
        return engine
    raise ValueError(f"unknown search engine {name!r}: expected one of {', '.join(ENGINES)}")
