#!/usr/bin/env bash
# The web app (frontend/): `build` installs its packages when needed and builds it into frontend/dist, which
# Django serves; `test` type-checks it, runs the unit tests (Vitest), builds it and runs the browser tests
# (Playwright in Debian's Chromium against the service with the demo data).
set -euo pipefail
cd "$(dirname "$0")/../frontend"
command -v npm >/dev/null 2>&1 || {
  echo "Node.js and npm are needed for the web app (Debian: apt-get install nodejs npm)." >&2
  exit 1
}
# Reinstall only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
case "${1:-build}" in
  build)
    npm run --silent build
    ;;
  test)
    npx tsc --noEmit
    npx eslint .
    node scripts/schema.mjs --check
    node scripts/rename-check.mjs
    npx vitest run
    npx vite build --logLevel warn
    node scripts/compress.mjs
    chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
    if [ ! -x "$chromium" ]; then
      if [ -n "${CI:-}" ]; then
        echo "CI needs Debian's Chromium at $chromium for the browser tests." >&2
        exit 1
      fi
      echo "SKIPPED browser tests: no Chromium at $chromium (Debian: apt-get install chromium chromium-driver)." >&2
      exit 0
    fi
    rm -rf artifacts
    # The real amending pair of issue #14's browser test, as .docx in their real layout (only where the corpus is).
    corpus_files=$(mktemp -d)  # not test-results/: Playwright empties it when it starts
    ../.venv/bin/python ../scripts/e2e_corpus_files.py "$corpus_files"
    HIEULUC_E2E_CORPUS="$corpus_files" npx playwright test
    echo "Screenshots of the main pages: frontend/artifacts/"
    ;;
  *)
    echo "usage: scripts/frontend.sh build|test" >&2
    exit 2
    ;;
esac
