"""Settings for bench/search_speed.py: the project's own settings, plus django.contrib.postgres and a lifted throttle.

Everything a search request goes through in production (middleware, DRF, the scoped throttle, the database, the
configured tantivy index under HIEULUC_DATA_DIR) is unchanged; the differences:

- "django.contrib.postgres" is installed, for the PostgreSQL full-text baseline (bench/pg_fts.py);
- the "search" throttle's rate is HIEULUC_BENCH_SEARCH_THROTTLE, "1000000/min" by default, so no request is
  refused while the throttle is still counted; "off" disables it;
- DEBUG is off whatever HIEULUC_DEBUG says (with DEBUG on, Django keeps every SQL statement in memory), and
  "testserver" (the Django test client's host) is allowed.
"""

from __future__ import annotations

import os

from backend.config.settings import *  # noqa: F403
from backend.config.settings import ALLOWED_HOSTS, INSTALLED_APPS, REST_FRAMEWORK

DEBUG = False
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.postgres"]

_rate: str | None = os.environ.get("HIEULUC_BENCH_SEARCH_THROTTLE", "1000000/min").strip()
if _rate in ("", "off", "none"):
    _rate = None
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {**REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "search": _rate},
}
