#!/usr/bin/env bash
# Quick start, command 1: install, set up the embedded default (SQLite, tantivy, tasks in-process)
# with the demo data, and start the service. Prints the URL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh dev
bash scripts/frontend.sh build
unset DATABASE_URL REDIS_URL ELASTICSEARCH_URL
exec .venv/bin/hieuluc quickstart "$@"
