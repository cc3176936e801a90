#!/usr/bin/env bash
# The service for the browser tests: the quick start's embedded default (SQLite, tantivy, tasks in-process)
# with the demo data, in a fresh temporary data folder, on the port given (default 8799).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-8799}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
unset DATABASE_URL REDIS_URL ELASTICSEARCH_URL
export HIEULUC_DATA_DIR=$data
# The e-mails' links lead back to this service (the console backend prints them to the log below).
export HIEULUC_SITE_URL=http://127.0.0.1:$port
mkdir -p frontend/test-results
# e2e/watching.spec.ts runs the daily pass (hieuluc apply_transitions) on this service's data: it reads the folder here.
echo "$data" >"frontend/test-results/data-dir-$port"
echo "The service's log: frontend/test-results/server.log" >&2
exec .venv/bin/hieuluc quickstart --addr "127.0.0.1:$port" >frontend/test-results/server.log 2>&1
