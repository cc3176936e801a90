#!/usr/bin/env bash
# Quick start, command 2: the whole test suite, on real PostgreSQL and Redis (started if needed), then the web
# app's unit and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh dev
bash scripts/services.sh
# One database name per checkout, so two clones (a developer's and CI's) never share pytest's test database.
checkout_id=$(pwd | cksum | cut -d' ' -f1)
export DATABASE_URL=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hieuluc_${checkout_id}}
export TEST_REDIS_URL=${TEST_REDIS_URL:-redis://127.0.0.1:6379/15}
export HIEULUC_DATA_DIR=${HIEULUC_DATA_DIR:-$(mktemp -d)}
unset REDIS_URL
# A PostgreSQL DATABASE_URL without HIEULUC_DEBUG is production mode, which refuses to start without a secret key.
export SECRET_KEY=${SECRET_KEY:-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')}
.venv/bin/ruff check .
.venv/bin/mypy backend workers search legal
.venv/bin/hieuluc makemigrations --check --dry-run
.venv/bin/python -m pytest "$@"
bash scripts/frontend.sh test
