"""Settings for bench/lookup.py: the project's own settings, plus the bare baseline view and a lifted throttle.

Everything the public lookup goes through in production (middleware, DRF, the scoped throttle and its cache,
the database) is unchanged; only ROOT_URLCONF (to add `bench/bare/`) and the public throttle's rate differ.

HIEULUC_BENCH_PUBLIC_THROTTLE sets that rate: "1000000/min" by default, so no request is refused while the
throttle's cache round trips are still paid; "off" disables the throttle (DRF then never touches the cache).
HIEULUC_BENCH_CACHE_PREFIX namespaces the bench's cache keys in a shared Redis.
"""

from __future__ import annotations

import os

from backend.config.settings import *  # noqa: F403
from backend.config.settings import CACHES, REST_FRAMEWORK

ROOT_URLCONF = "bench.bench_urls"

_rate: str | None = os.environ.get("HIEULUC_BENCH_PUBLIC_THROTTLE", "1000000/min").strip()
if _rate in ("", "off", "none"):
    _rate = None
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {**REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "public": _rate},
    # As behind one reverse proxy: the simulated clients arrive in X-Forwarded-For.
    "NUM_PROXIES": 1,
}

CACHES = {
    alias: {**conf, "KEY_PREFIX": os.environ.get("HIEULUC_BENCH_CACHE_PREFIX", "hieuluc-bench-lookup")}
    for alias, conf in CACHES.items()
}
