"""Schema fuzzing in the suite: Schemathesis against the running service, anonymous and as each role.

The service runs as deployed (gunicorn, 2 workers) on a free loopback port, over its own PostgreSQL database with
the demo data and accounts (what `hieuluc quickstart` sets up), so the fuzzer meets real data, real permissions
and real transactions; the test's own database is not involved. Bounded for CI: the examples and fuzzing phases,
10 cases per operation and role, plus the coverage phase for anonymous GETs, deterministic (the same cases every
run): about 4,300 requests in about 2.5 minutes on 2 cores. The long run is `bench/fuzz.py` (docs/reliability.md,
"Schema fuzzing").

It passes with 0 5xx and 0 response-schema violations (status codes, content types, bodies); bench/fuzz.py's
KNOWN_CAUSES, for causes known and being fixed, is empty.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from bench import fuzz

pytestmark = pytest.mark.fuzz

# Every role: the examples and fuzzing phases. Anonymous GETs (the public's whole surface) also get the coverage
# phase: boundary and invalid values of every parameter, about 1,300 cases in 15 s.
CI_OPTIONS = fuzz.Options(
    max_examples=10, phases="examples,fuzzing", extra_runs=(fuzz.Run("public", "coverage", "GET"),)
)


def _postgres() -> tuple[str, str]:
    """The PostgreSQL server of the test settings, and a database name of this checkout's own."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("schema fuzzing needs PostgreSQL (set DATABASE_URL)")
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    server = f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
    return server, f"{db['NAME']}_schemafuzz"


def test_schema_fuzzing_as_every_role_finds_no_5xx_and_no_schema_violation(tmp_path: Path) -> None:
    server, database = _postgres()
    summary = fuzz.run(CI_OPTIONS, database=database, workdir=tmp_path, postgres=server)
    print(summary.text())
    runs = ["public", "reviewer", "legal_officer", "admin", "public/coverage/GET"]
    assert [r.role for r in summary.results] == runs
    for result in summary.results:
        # It really fuzzed: every operation tried, and some answers got past validation and permissions.
        assert result.cases >= 600, (result.role, result.cases)
        assert sum(n for status, n in result.statuses.items() if 200 <= status < 300) > 50, result.role
    assert not summary.unexplained, summary.text()
