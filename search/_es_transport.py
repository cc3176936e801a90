"""An elastic_transport node that speaks plain ``application/json`` (for the in-memory test server).

The Elasticsearch 9 client rewrites every ``Accept`` and ``Content-Type`` header to the versioned
compatibility media type (``application/vnd.elasticsearch+json; compatible-with=9``) just before it
hands the request to the transport, so the client's ``headers=`` option cannot undo it. Servers that
only know the plain media types (osmem-server answers 406 to the versioned one) need the rewrite to
be undone one level lower, in the node that sends the request: that is what this node class does.

Used only when ``ElasticsearchEngine(..., compat_headers=False)``; real clusters keep the default.
"""

from __future__ import annotations

import re
from typing import Any

from elastic_transport import HttpHeaders, Urllib3HttpNode
from elastic_transport._node import NodeApiResponse
from elastic_transport.client_utils import DEFAULT, DefaultType

_VERSIONED = re.compile(r"application/vnd\.elasticsearch\+([a-z0-9.-]+)\s*;\s*compatible-with=\d+", re.IGNORECASE)


def plain_media_type(value: str) -> str:
    """``application/vnd.elasticsearch+json; compatible-with=9`` -> ``application/json`` (others unchanged)."""
    return _VERSIONED.sub(r"application/\1", value)


class PlainJsonNode(Urllib3HttpNode):
    """A urllib3 node that sends ``application/json`` / ``application/x-ndjson`` instead of versioned types."""

    def perform_request(
        self,
        method: str,
        target: str,
        body: bytes | None = None,
        headers: HttpHeaders | None = None,
        request_timeout: DefaultType | float | None = DEFAULT,
    ) -> NodeApiResponse:
        if headers:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                value: Any = headers.get(name)
                if isinstance(value, str):
                    headers[name] = plain_media_type(value)
        return super().perform_request(method, target, body=body, headers=headers, request_timeout=request_timeout)
