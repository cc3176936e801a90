"""The web app's types are generated from the API's schema: the committed copy of that schema
(frontend/src/schema/openapi.json, from which frontend/src/schema/schema.d.ts is generated) must be the schema the
backend publishes. A serializer change without `scripts/schema.sh` fails here; the frontend's test step then
checks schema.d.ts against openapi.json, and `tsc` checks the web app against schema.d.ts."""

from __future__ import annotations

import json
from pathlib import Path

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer

COMMITTED = Path(__file__).resolve().parent.parent / "frontend" / "src" / "schema" / "openapi.json"


def published_schema() -> object:
    """The schema as `hieuluc spectacular --format openapi-json` writes it (the same generator and renderer)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema, renderer_context={}))


def test_committed_schema_is_the_one_the_backend_publishes() -> None:
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert published_schema() == committed, (
        "frontend/src/schema/openapi.json is out of date with the backend: run scripts/schema.sh and commit it "
        "(with schema.d.ts)."
    )
