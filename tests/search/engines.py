"""The engines the behaviour suite runs on: name -> factory.

A factory takes a fresh temporary folder and returns a context manager that yields an empty engine and cleans up
after it. A factory may call ``pytest.skip(...)`` when its engine cannot run here (e.g. no Elasticsearch). To run
the suite on another engine, add its factory to ``ENGINE_FACTORIES``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

from search.types import Engine

EngineFactory = Callable[[Path], AbstractContextManager[Engine]]


@contextlib.contextmanager
def tantivy_engine(tmp_path: Path) -> Iterator[Engine]:
    from search.tantivy_engine import TantivyEngine

    engine = TantivyEngine(tmp_path / "index")
    try:
        yield engine
    finally:
        engine.close()


@contextlib.contextmanager
def elasticsearch_engine(tmp_path: Path) -> Iterator[Engine]:
    """ELASTICSEARCH_URL, else an osmem-server started once per session (tests/search/es_server.py); a fresh alias
    per engine, its indices dropped afterwards. Skips when neither is available."""
    import pytest

    from tests.search.es_server import EsServerUnavailable, get_server, unique_index

    try:
        server = get_server()
    except EsServerUnavailable as exc:
        pytest.skip(f"no Elasticsearch: {exc}")
    from search.elasticsearch_engine import ElasticsearchEngine

    engine = ElasticsearchEngine(server.url, unique_index(), refresh=True, **server.engine_options)
    try:
        yield engine
    finally:
        try:
            engine.drop()
        finally:
            engine.close()


ENGINE_FACTORIES: dict[str, EngineFactory] = {
    "tantivy": tantivy_engine,
    "elasticsearch": elasticsearch_engine,
}
