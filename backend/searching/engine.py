"""The configured search engine, one per process."""

from __future__ import annotations

import threading

from django.conf import settings

import search
from search.types import Engine

_lock = threading.Lock()
_engine: Engine | None = None


def current() -> Engine:
    global _engine
    with _lock:
        if _engine is None:
            _engine = open_engine()
        return _engine


def open_engine() -> Engine:
    if settings.SEARCH_ENGINE == "elasticsearch":
        return search.get_engine("elasticsearch", url=settings.ELASTICSEARCH_URL, index=settings.SEARCH_INDEX_NAME)
    return search.get_engine("tantivy", path=settings.SEARCH_INDEX_DIR)


def reset() -> None:
    """Forget the engine (tests switch index folders; a rebuild may reopen it)."""
    global _engine
    with _lock:
        if _engine is not None:
            _engine.close()
        _engine = None
