"""An Elasticsearch-compatible server for the search tests.

``ELASTICSEARCH_URL`` set: that cluster is used as is (the same tests run against a real cluster).
Otherwise osmem-server (``pip install osmem-server``: an in-memory server speaking the Elasticsearch/OpenSearch
HTTP API, a single static binary, no JVM) is started once per test session on a free 127.0.0.1 port and stopped
at the end of the session (also when the test process dies: it watches its parent pid and its stdin).

Tests get a server through :func:`get_server` (lazy, one per session) and a fresh index name per engine through
:func:`unique_index`; :func:`stop_server` is called from the session fixture's finaliser.
"""

from __future__ import annotations

import atexit
import json
import os
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import Any

__all__ = ["EsServer", "EsServerUnavailable", "get_server", "stop_server", "unique_index"]

STARTUP_TIMEOUT = 30.0


class EsServerUnavailable(RuntimeError):
    """No cluster: ELASTICSEARCH_URL is unset and osmem-server is not installed or did not start."""


@dataclass
class EsServer:
    url: str
    # False: send plain application/json (osmem-server answers 406 to the ES 9 client's versioned media type).
    compat_headers: bool
    distribution: str  # "elasticsearch" or "opensearch" (osmem-server reports OpenSearch 3.x)
    version: str
    _process: Any = field(default=None, repr=False)  # osmem_server.OsmemServer when we started it

    @property
    def owned(self) -> bool:
        return self._process is not None

    @property
    def engine_options(self) -> dict[str, Any]:
        """Keyword arguments for ElasticsearchEngine pointed at this server."""
        return {"compat_headers": self.compat_headers}

    def close(self) -> None:
        if self._process is not None:
            self._process.close()
            self._process = None


_lock = threading.Lock()
_server: EsServer | None = None
_failure: str | None = None


def _root(url: str, timeout: float = 2.0) -> dict[str, Any]:
    """GET / with plain JSON (answers on Elasticsearch, OpenSearch and osmem alike)."""
    request = urllib.request.Request(url.rstrip("/") + "/", headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        body: dict[str, Any] = json.loads(response.read().decode() or "{}")
        return body


def _wait_until_answers(url: str, timeout: float = STARTUP_TIMEOUT) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            return _root(url)
        except (OSError, urllib.error.URLError, ValueError) as exc:
            last = exc
            time.sleep(0.1)
    raise EsServerUnavailable(f"{url} did not answer within {timeout:.0f} s: {last}")


def _describe(url: str, info: dict[str, Any], process: Any = None) -> EsServer:
    version = info.get("version") or {}
    distribution = str(version.get("distribution") or "elasticsearch")
    return EsServer(
        url=url.rstrip("/"),
        # A real Elasticsearch 9 takes the versioned media type; OpenSearch and osmem only take plain JSON.
        compat_headers=distribution == "elasticsearch",
        distribution=distribution,
        version=str(version.get("number") or ""),
        _process=process,
    )


def _start_osmem() -> EsServer:
    try:
        from osmem_server import OsmemError, OsmemServer
    except ImportError as exc:  # pragma: no cover - depends on the dev extras
        raise EsServerUnavailable("osmem-server is not installed (pip install osmem-server)") from exc
    try:
        # addr port 0: the server binds a free port itself and reports it, so there is no race for the port.
        process = OsmemServer.start(japanese=False, addr="127.0.0.1:0", startup_timeout=STARTUP_TIMEOUT)
    except (OsmemError, OSError) as exc:
        raise EsServerUnavailable(f"osmem-server did not start: {exc}") from exc
    try:
        info = _wait_until_answers(process.url)
    except EsServerUnavailable:
        process.close()
        raise
    return _describe(process.url, info, process)


def get_server() -> EsServer:
    """The session's server: ELASTICSEARCH_URL if set, else an osmem-server started now (once)."""
    global _server, _failure
    with _lock:
        if _server is not None:
            return _server
        if _failure is not None:
            raise EsServerUnavailable(_failure)
        try:
            url = os.environ.get("ELASTICSEARCH_URL", "").strip()
            _server = _describe(url, _wait_until_answers(url, timeout=10.0)) if url else _start_osmem()
        except EsServerUnavailable as exc:
            _failure = str(exc)
            raise
        return _server


def stop_server() -> None:
    """Stop the osmem-server this module started (a real cluster is left alone)."""
    global _server
    with _lock:
        if _server is not None:
            _server.close()
            _server = None


atexit.register(stop_server)


def unique_index(prefix: str = "hieuluc-test") -> str:
    """A fresh alias name, so tests never see each other's documents (also on a shared real cluster)."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"
