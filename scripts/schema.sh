#!/usr/bin/env bash
# The web app's types come from the API's OpenAPI schema: write the schema the backend publishes
# (frontend/src/schema/openapi.json) and the TypeScript types generated from it (frontend/src/schema/schema.d.ts).
# Run after changing a serializer or a view's schema; commit both files. tests/test_frontend_schema.py fails when
# openapi.json is not the backend's, and scripts/frontend.sh test fails when schema.d.ts is not openapi.json's.
set -euo pipefail
cd "$(dirname "$0")/.."
# Integer bounds in the schema follow the database engine: describe PostgreSQL's, as the service (and the tests)
# run on it. Nothing connects to it here; the secret key only lets the production-mode settings load.
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hieuluc}
export SECRET_KEY=${SECRET_KEY:-schema-generation-only-not-a-secret-0123456789abcdef}
.venv/bin/hieuluc spectacular --format openapi-json --file frontend/src/schema/openapi.json
cd frontend && node scripts/schema.mjs
