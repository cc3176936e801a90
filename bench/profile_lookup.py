"""Where a public lookup's time goes: SQL per lookup, CPU per request and per package, settings what-ifs.

Needs a database left by `bench/lookup.py --keep-db` (it prints DATABASE_URL and HIEULUC_DATA_DIR):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hieuluc_bench_lookup HIEULUC_DATA_DIR=<kept>/data \
        REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python -m bench.profile_lookup [--reps 5] [--top 25]

It replays bench/lookup.py's lookup mix in-process through Django's test client (all middleware and DRF, no
network, no gunicorn) with the bench settings, and prints:
- the SQL statements of each lookup (count histogram, and those of one lookup), plus the connection health
  checks (`SELECT 1`, sent by Django outside its query log when CONN_HEALTH_CHECKS is on; re-armed after each
  request as under a WSGI server, which the test client alone does not do);
- CPU per request of the bare view and of the lookup: this process ("own") and the PostgreSQL backend
  serving it ("pg", from /proc), and the share of own CPU spent inside cursor.execute (the driver);
- the same for "lookup-miss": every request a new on= date, so no answer is ever cached (bench/lookup.py's
  third endpoint);
- what-ifs, in this process only (no file is changed): throttle off, no connection health checks, psycopg
  server-side binding with prepared statements, and answers kept in the worker's memory (a hit with no round
  trip);
- a cProfile of lookup-miss requests: own time by package (ORM, driver, DRF, Django, project code) and the
  top functions.
Medians over --reps interleaved repetitions of the whole mix. It reads no project internals beyond the view
class, so it keeps working while the lookup's code changes.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

CLK_TCK = os.sysconf("SC_CLK_TCK")
MISS_STRIDE = 1000  # > the number of URLs of the mix, so measurements never replay each other's miss URLs

PACKAGES = [
    ("/django/db/", "Django ORM (django.db)"),
    ("/psycopg/", "psycopg (driver)"),
    ("/rest_framework/", "DRF"),
    ("/django/", "Django, other (handlers, middleware, http, i18n)"),
    ("/redis/", "redis client (throttle cache)"),
    ("/backend/", "project code (backend/)"),
    ("/bench/", "bench harness"),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=5, help="interleaved repetitions of the mix per variant")
    parser.add_argument("--seed", type=int, default=20250701)
    parser.add_argument("--top", type=int, default=25, help="functions listed from the cProfile")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.bench_settings")
    os.environ.setdefault("HIEULUC_BENCH_PUBLIC_THROTTLE", "1000000/min")
    # Cache keys of this run only, removed at the end: answers cached by an earlier run (another database)
    # would otherwise be served, since the catalogue version lives in the cache too.
    prefix = f"hieuluc-bench-profile-{os.getpid()}-{int(time.time())}"
    os.environ["HIEULUC_BENCH_CACHE_PREFIX"] = prefix
    import django

    django.setup()
    try:
        return profile(args)
    finally:
        redis_url = os.environ.get("REDIS_URL")
        if redis_url:
            import redis

            client = redis.Redis.from_url(redis_url, socket_timeout=5)
            keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
            for i in range(0, len(keys), 1000):
                client.unlink(*keys[i : i + 1000])


def profile(args: argparse.Namespace) -> int:
    from django.conf import settings
    from django.db import close_old_connections, connection, connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from backend.catalogue.api import public
    from bench.lookup import BARE_PATH, build_miss_templates, build_paths, client_ip, miss_path
    from bench.lookup_data import lookup_cases

    cases = lookup_cases(args.seed)["cases"]
    paths = build_paths(cases, args.seed)
    templates = build_miss_templates(cases)
    # One backend for the whole run, so its CPU can be read from /proc (production reconnects every 60 s).
    connection.close()
    connection.settings_dict["CONN_MAX_AGE"] = None
    nn = len(paths)
    client = Client()
    counter = [0]

    def get(path: str) -> bytes:
        counter[0] += 1
        i = counter[0]
        resp = client.get(path, HTTP_X_FORWARDED_FOR=client_ip(i, 256))  # as bench/lookup.py's default
        if resp.status_code != 200:
            raise SystemExit(f"{path}: {resp.status_code} {resp.content[:200]!r}")
        # What a WSGI server's request_finished does and the test client skips: re-arms the connection
        # health check (one `SELECT 1` at the next request's first query) and closes connections past
        # CONN_MAX_AGE.
        close_old_connections()
        return resp.content

    def pg_ticks() -> int:
        with connection.cursor() as cur:
            cur.execute("SELECT pg_backend_pid()")
            pid = cur.fetchone()[0]
        with open(f"/proc/{pid}/stat") as fh:
            f = fh.read().rsplit(")", 1)[1].split()
        return int(f[11]) + int(f[12])

    driver_cpu = [0.0]

    def timing_wrapper(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        t0 = time.process_time()
        try:
            return execute(sql, params, many, context)
        finally:
            driver_cpu[0] += time.process_time() - t0

    def cost(path_of: Callable[[int], str]) -> tuple[float, float, float]:
        """(own CPU ms, PostgreSQL backend CPU ms, own CPU ms inside cursor.execute) per request over the mix."""
        pg0 = pg_ticks()
        driver_cpu[0] = 0.0
        t0 = time.process_time()
        with connection.execute_wrapper(timing_wrapper):
            for i in range(nn):
                get(path_of(i))
        own = (time.process_time() - t0) / nn * 1000
        return own, (pg_ticks() - pg0) / CLK_TCK / nn * 1000, driver_cpu[0] / nn * 1000

    for p in paths:  # warm caches, connections and imports
        get(p)
    get(BARE_PATH)
    db = settings.DATABASES["default"]
    print(
        f"settings: cache {settings.CACHES['default']['BACKEND']}, throttle "
        f"{settings.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES']['public']}, DEBUG={settings.DEBUG}, "
        f"CONN_MAX_AGE={db.get('CONN_MAX_AGE')}, CONN_HEALTH_CHECKS={db.get('CONN_HEALTH_CHECKS')}, "
        f"OPTIONS={db.get('OPTIONS')}"
    )
    print(f"lookup mix: {nn} URLs")

    # --- SQL per lookup ---------------------------------------------------------------------------------
    pings = [0]

    @contextlib.contextmanager
    def count_pings() -> Iterator[None]:
        cls = type(connections["default"])  # the backend's DatabaseWrapper class
        original = cls.is_usable

        def counting(self: Any) -> bool:
            pings[0] += 1
            return original(self)

        cls.is_usable = counting
        try:
            yield
        finally:
            cls.is_usable = original

    # On lookup-miss URLs (a date never asked before), so that an answer cache does not hide the queries.
    miss_urls = [miss_path(t, 1_000_000 + i) for i, t in enumerate(templates)]
    counts: Counter[int] = Counter()
    with count_pings():
        for p in miss_urls:
            with CaptureQueriesContext(connection) as ctx:
                get(p)
            counts[len(ctx.captured_queries)] += 1
    sample = miss_path(next(t for t in templates[1:] if "issuer=" not in t), 1_200_000)
    with CaptureQueriesContext(connection) as ctx:
        get(sample)
    print(f"\nSQL statements per uncached lookup (statements: lookups): {dict(sorted(counts.items()))}")
    print(f"connection health checks (SELECT 1, not in the query log): {pings[0] / nn:.2f} per lookup")
    print(f"the statements of GET {urllib.parse.unquote(sample)}:")
    for q in ctx.captured_queries:
        print(f"  - {q['sql'][:600]}")

    # --- CPU per request and settings what-ifs ----------------------------------------------------------
    @contextlib.contextmanager
    def patched(obj: Any, name: str, value: Any) -> Iterator[None]:
        old = getattr(obj, name)
        setattr(obj, name, value)
        try:
            yield
        finally:
            setattr(obj, name, old)

    @contextlib.contextmanager
    def db_settings(**changes: Any) -> Iterator[None]:
        """Reconnect with changed connection settings, and back."""
        saved = {k: connection.settings_dict.get(k) for k in changes}
        connection.close()
        connection.settings_dict.update(changes)
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict.update(saved)

    health = bool(db.get("CONN_HEALTH_CHECKS"))
    memo: dict[str, Any] = {}
    real_get = public.PublicLookupView.get

    def cached_get(self: Any, request: Any) -> Any:
        """Answers cached in the worker's memory, keyed by the query string: a hit with no round trip."""
        from rest_framework.response import Response

        key = request.META.get("QUERY_STRING", "")
        if key not in memo:
            memo[key] = real_get(self, request).data
        return Response(memo[key])

    @contextlib.contextmanager
    def stacked(*managers: contextlib.AbstractContextManager[Any]) -> Iterator[None]:
        with contextlib.ExitStack() as stack:
            for m in managers:
                stack.enter_context(m)
            yield

    def no_throttle() -> contextlib.AbstractContextManager[Any]:
        return patched(public.PublicLookupView, "throttle_classes", [])

    # (what-if, mix): "rotating" replays the 440 URLs (answers cached by the server after the first pass, if it
    # caches them); "miss" gives every request a new on= date, so no answer is ever cached.
    Variant = tuple[Callable[[], contextlib.AbstractContextManager[Any]], str]
    variants: dict[str, Variant] = {
        "lookup, as is": (contextlib.nullcontext, "rotating"),
        "lookup, throttle off": (no_throttle, "rotating"),
        "lookup-miss, as is": (contextlib.nullcontext, "miss"),
        "lookup-miss, throttle off": (no_throttle, "miss"),
    }
    if health:
        variants["lookup-miss, CONN_HEALTH_CHECKS off"] = (
            lambda: db_settings(CONN_HEALTH_CHECKS=False),
            "miss",
        )
    if connection.vendor == "postgresql":
        variants["lookup-miss, server-side binding + prepared statements"] = (
            lambda: db_settings(
                OPTIONS={**(db.get("OPTIONS") or {}), "server_side_binding": True, "prepare_threshold": 1}
            ),
            "miss",
        )
    variants["lookup, answers in worker memory (no round trip)"] = (
        lambda: patched(public.PublicLookupView, "get", cached_get),
        "rotating",
    )
    variants["lookup, answers in worker memory, throttle off"] = (
        lambda: stacked(patched(public.PublicLookupView, "get", cached_get), no_throttle()),
        "rotating",
    )

    reference = [get(p) for p in paths]
    for name, (make, mode) in variants.items():
        if mode != "rotating":
            continue
        with make():
            got = [get(p) for p in paths]
        if got != reference:
            print(f"  ! '{name}' answers differently from the code as it is")
    miss_base = [0]  # each measurement asks nn new URLs from here; bases stay far below the SQL section's

    def miss_of(i: int) -> str:
        return miss_path(templates[i % len(templates)], miss_base[0] + i)

    samples: dict[str, list[tuple[float, float, float]]] = {"bare view": [], **{k: [] for k in variants}}
    for _ in range(args.reps):
        samples["bare view"].append(cost(lambda i: BARE_PATH))
        for name, (make, mode) in variants.items():
            with make():
                get(paths[0])
                if mode == "miss":
                    miss_base[0] += MISS_STRIDE
                    samples[name].append(cost(miss_of))
                else:
                    samples[name].append(cost(lambda i: paths[i]))
    print("\nCPU per request (median of reps): own = this process, pg = the PostgreSQL backend, in-driver = own")
    print("CPU inside cursor.execute; bare/this = the throughput ratio if CPU-bound, in-process (gunicorn adds")
    print("about the same per-request cost to both, which pulls the real ratio up a little)")
    print(f"  {'':<58} {'own ms':>8} {'pg ms':>7} {'in-driver':>10} {'bare/this':>10}")
    med = {k: tuple(statistics.median(s[j] for s in v) for j in range(3)) for k, v in samples.items()}
    bare = med["bare view"][0] + med["bare view"][1]
    for name, (own, pg, drv) in med.items():
        print(f"  {name:<58} {own:>8.3f} {pg:>7.3f} {drv:>10.3f} {bare / (own + pg):>10.2f}")

    # --- cProfile --------------------------------------------------------------------------------------
    prof = cProfile.Profile()
    miss_base[0] += MISS_STRIDE
    prof.enable()
    for i in range(nn):
        get(miss_of(i))
    prof.disable()
    stats = pstats.Stats(prof)
    by_package: Counter[str] = Counter()
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        label = next((lab for key, lab in PACKAGES if key in filename), None)
        if label is None:
            label = "C built-ins (str, dict, socket, ...)" if filename == "~" else "standard library, other"
        by_package[label] += tottime
    total = sum(by_package.values())
    print(
        f"\ncProfile of {nn} lookup-miss requests (profiler overhead included): own time by package, "
        f"{total / nn * 1000:.2f} ms per lookup in all"
    )
    for label, t in by_package.most_common():
        print(f"  {label:<52} {t / nn * 1000:>7.3f} ms  {t / total:>6.1%}")
    out = io.StringIO()
    stats.stream = out  # type: ignore[attr-defined]
    stats.sort_stats("tottime").print_stats(args.top)
    sys.stdout.write(out.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
