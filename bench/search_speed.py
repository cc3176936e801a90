"""Search speed (issue #3, section 6): index build, the search API against the raw engine, PostgreSQL, icontains.

Command (from the repository root; PostgreSQL at 127.0.0.1:5432 with trust auth; about 13 minutes at 100,000,
of which 4 generating and loading the documents; 2 minutes at 10,000):

    .venv/bin/python bench/search_speed.py [--documents 100000] [--rounds 3] [--seed 20261128]
                                           [--icontains-queries 20] [--icontains-timeout 10]

Quick run: `--documents 10000`. Needs no corpus: everything is generated (bench/search_speed_data.py). Run it on
a quiet machine, and at most once at a time (it uses both cores and a fixed database name).

What it does:
1. Data: creates the database `hieuluc_bench_search` (dropped first and at the end) and a temporary
   HIEULUC_DATA_DIR (removed at the end), runs the migrations, imports the demo dataset
   (backend/demo/demo.json: authorities, 450 documents, relations) and tops the catalogue up to
   --documents with seeded generated documents of about 300 words (Vietnamese legal prose with diacritics,
   titles like real trích yếu, numbers such as 15/2017/QĐ-UBND unique per issuer, six issuers, three types,
   issue dates 2005-2026, 85% with an effective date, fields, 1% unpublished, "replaces" and "amends" relations
   to earlier documents); statuses by services.apply_due_transitions(). The search index handlers are
   disconnected while loading, so nothing is indexed behind the bench's back.
2. Index build, timed three ways: reading every document from the database as IndexedDocument
   (backend.searching.documents.indexed_documents); `TantivyEngine.rebuild()` of those documents, held in
   memory, into a fresh folder (analysis in worker processes + tantivy's writer: the engine's own build
   time, the figure the target is checked on); and `services.rebuild()`, what `hieuluc reindex` runs (reading
   and indexing together), into the index the API then searches. A single-process breakdown on a sample
   (--profile-sample, default 5,000 documents) says where a build's time goes: Python analysis
   (search.analysis.analyse_document), building tantivy documents, tantivy's add_document and commit.
3. Baselines loaded from the same rows: bench/pg_fts.py (stored tsvector over unaccent(title) weight A and
   unaccent(text) weight B, `simple` configuration, GIN index, ts_rank) and the same table for icontains.
4. 200 fixed queries (search_speed_data.build_queries, seeded): 1-3 keywords with and without diacritics,
   full numbers in several spellings and number prefixes ("15/2017", "QĐ 15/2017"), quoted phrases,
   exclusions, OR, 20 long citizen's questions, 35 keyword queries with filters (type, issuer with its
   predecessors, issue-year range, status). Each is first checked once: the API answers 200 and its hits are
   the raw engine's (same ids, same total).
5. Search API: `GET /api/v1/search/?q=…[&filters]` through the project's WSGI application in this process,
   called as a WSGI server calls it (request_started/finished signals, every middleware, DRF, the throttle
   counted at 1000000/min, the engine call, hydration of the 20 hits from PostgreSQL with their statuses on
   today's date, highlights, facets, JSON rendering), without an HTTP socket. Raw engine: the same
   SearchRequest (same query, filters, limit 20, facets) on the same engine object: `engine.search()`. A
   warm-up pass, then --rounds passes over the 200 queries, each query timed through the API and raw one
   after the other (the order alternating), so the ratio comes from the same run and the same cache state.
   p50/p95/mean are over every timed request (200 x rounds). Then the steps of SearchView.get are replayed one
   by one for every query (parsing, issuer lookup, engine.search, reading the 20 documents, their statuses,
   best article and highlights, JSON rendering): where the API's time over the engine's goes.
6. PostgreSQL full-text search: the same queries' words (`pg_fts.search`, 20 ids by ts_rank; all words for
   keywords and numbers, any word for OR and questions; phrases become words, exclusions are dropped, filters
   are not applied, no count and no facets: less work than the API does), a warm-up pass then --pg-rounds
   passes. icontains (`pg_fts.icontains`, every word in title or text, ILIKE, no ranking): every 10th query
   (--icontains-queries, default 20) once, each stopped by a statement_timeout (--icontains-timeout s); a
   stopped query counts as the timeout (so its figures are lower bounds).
7. Prints a table, the ratios and a VERDICT per target; writes JSON to bench/results/ (git-ignored).

Targets (issue #3, 2 cores, embedded engine): search API p95 <= 50 ms at 100,000 documents; API time <= 2x the
raw engine time (checked on the mean, i.e. total time; p50 and p95 ratios are printed too); API p95 at least
10x better than PostgreSQL full-text search's p95 (also printed without the long questions and OR queries,
which dominate PostgreSQL's p95); index build for 100,000 documents <= 60 s, checked as a pace (1,667
documents/s) on TantivyEngine.rebuild, with a second line for the whole `hieuluc reindex`. With fewer than
100,000 documents the verdicts are marked indicative. Other processes on the machine slow everything: the
bench reports the cores they used during each timed part (the machine's busy time less this process's and
PostgreSQL's, so other people's SQL is not seen) and marks a verdict UNRELIABLE above 0.25.

Exit status: 0 whatever the figures (a measurement); 1 if a check failed (an API error, API hits differing
from the engine's); 2 if the set-up failed; 130 on Ctrl-C. The database and the temporary folder are removed
also on errors and Ctrl-C (--keep-db keeps both, for profiling).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import math
import os
import platform
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DB_NAME = "hieuluc_bench_search"
PG_URL = "postgres://postgres@127.0.0.1:5432"
SEARCH_PATH = "/api/v1/search/"
PAGE_SIZE = 20  # the API's default page size
TARGET_P95_MS = 50.0
TARGET_API_RAW = 2.0
TARGET_PG_FACTOR = 10.0
TARGET_BUILD_S = 60.0
TARGET_AT = 100_000
FOREIGN_LOAD_LIMIT = 0.25
CLK_TCK = os.sysconf("SC_CLK_TCK")


class BenchError(Exception):
    """The bench could not run (set-up or check failure)."""


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {msg}", flush=True)


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return math.nan
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(pct / 100 * len(ordered)) - 1))
    return ordered[k]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50_ms": percentile(values, 50),
        "p95_ms": percentile(values, 95),
        "p99_ms": percentile(values, 99),
        "mean_ms": statistics.fmean(values) if values else math.nan,
        "max_ms": max(values) if values else math.nan,
    }


# --- CPU accounting ------------------------------------------------------------------------------------------


def machine_ticks() -> tuple[int, int]:
    """(busy, total) jiffies over all cores."""
    with open("/proc/stat") as fh:
        values = [int(v) for v in fh.readline().split()[1:]]
    idle = values[3] + values[4]
    total = sum(values[:8])
    return total - idle, total


def _stat_fields(pid: int | str) -> list[str]:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def postgres_cpu(postmaster: int) -> float:
    """Seconds of CPU used by PostgreSQL: the postmaster's children alive now (backends, parallel workers,
    background processes), plus everything its exited children used (its cutime/cstime), plus its own."""
    if not postmaster:
        return 0.0
    ticks = 0
    own = _stat_fields(postmaster)
    if own:
        ticks += sum(int(v) for v in own[11:15])
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            fields = _stat_fields(entry.name)
            if len(fields) > 12 and fields[1] == str(postmaster):
                ticks += int(fields[11]) + int(fields[12])
    return ticks / CLK_TCK


class LoadMeter:
    """Cores used by other processes while a block runs: the machine's busy time minus this process's (and its
    children's) and PostgreSQL's. All of PostgreSQL counts as the bench's (its queries run there, in backends
    that come and go with CONN_MAX_AGE, and in parallel workers), so other people's SQL is not seen here."""

    def __init__(self, postmaster: int) -> None:
        self.postmaster = postmaster
        self.foreign = 0.0
        self.seconds = 0.0

    def __enter__(self) -> LoadMeter:
        self._busy, self._total = machine_ticks()
        self._own = os.times()
        self._pg = postgres_cpu(self.postmaster)
        self._t = time.monotonic()
        return self

    def __exit__(self, *exc: object) -> None:
        busy, total = machine_ticks()
        own = os.times()
        pg = postgres_cpu(self.postmaster)
        self.seconds = time.monotonic() - self._t
        cores = os.cpu_count() or 1
        busy_cores = (busy - self._busy) / max(1, total - self._total) * cores
        own_s = (own.user - self._own.user) + (own.system - self._own.system)
        own_s += (own.children_user - self._own.children_user) + (own.children_system - self._own.children_system)
        self.foreign = max(0.0, busy_cores - (own_s + pg - self._pg) / max(1e-9, self.seconds))


def background_cores(seconds: float) -> float:
    busy0, total0 = machine_ticks()
    time.sleep(seconds)
    busy1, total1 = machine_ticks()
    return (busy1 - busy0) / max(1, total1 - total0) * (os.cpu_count() or 1)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


# --- the bench -----------------------------------------------------------------------------------------------


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.tmp = Path(tempfile.mkdtemp(prefix="hieuluc-bench-search-"))
        self.db_created = False
        self.django_ready = False
        self.notes: list[str] = []
        self.results: dict[str, Any] = {}
        self.postmaster = 0
        self.foreign: dict[str, float] = {}
        self.api_times: list[list[float]] = []
        self.fts_times: list[list[float]] = []
        self.raw_times: list[list[float]] = []
        self.background = 0.0

    # set-up
    def configure(self) -> None:
        for name in ("REDIS_URL", "ELASTICSEARCH_URL", "HIEULUC_SEARCH_ENGINE", "HIEULUC_DEBUG", "ALLOWED_HOSTS"):
            os.environ.pop(name, None)
        os.environ.update(
            DATABASE_URL=f"{PG_URL}/{DB_NAME}",
            HIEULUC_DATA_DIR=str(self.tmp / "data"),
            DJANGO_SETTINGS_MODULE="bench.search_bench_settings",
            HIEULUC_BENCH_SEARCH_THROTTLE="off" if self.args.throttle == "off" else "1000000/min",
        )

    def load_data(self) -> None:
        log(f"database {DB_NAME}: dropping and creating; HIEULUC_DATA_DIR {self.tmp / 'data'}")
        pg_admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        pg_admin(f"CREATE DATABASE {DB_NAME}")
        self.db_created = True
        import django

        django.setup()
        self.django_ready = True
        from django.core.management import call_command

        from backend.outbox import consumers

        # Nothing is indexed while loading: the bench builds (and times) the index itself.
        consumers.disabled("search.index").__enter__()
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        log(f"migrate: {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        out = io.StringIO()
        call_command("import_documents", str(REPO / "backend/demo/demo.json"), "--no-progress", stdout=out, stderr=out)
        log(f"demo import: {time.perf_counter() - started:.1f} s")
        from bench import search_speed_data

        last = [0.0]

        def progress(message: str) -> None:
            if time.monotonic() - last[0] > 15 or not message.startswith("documents"):
                last[0] = time.monotonic()
                log(f"  {message}")

        log(f"generating documents up to {self.args.documents} (seed {self.args.seed})")
        data = search_speed_data.load(self.args.documents, self.args.seed, progress)
        log(f"data: {json.dumps(data, ensure_ascii=False)}")
        self.results["data"] = data

        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("SELECT pg_backend_pid()")
            backend = int(cursor.fetchone()[0])
        fields = _stat_fields(backend)
        self.postmaster = int(fields[1]) if len(fields) > 1 else 0
        if not self.postmaster:
            self.notes.append("PostgreSQL's processes were not found in /proc: its CPU counts as other processes' load")

    # index build
    def build_index(self) -> None:
        from backend.searching import engine as configured
        from backend.searching import services
        from backend.searching.documents import indexed_documents
        from search.tantivy_engine import TantivyEngine

        results: dict[str, Any] = {}
        started = time.perf_counter()
        documents = list(indexed_documents())
        read_s = time.perf_counter() - started
        n = len(documents)
        results["documents"] = n
        results["read_from_database_s"] = read_s
        log(f"read {n} documents as IndexedDocument: {read_s:.1f} s")

        # 1. The engine's own build, from documents in memory, into a fresh folder.
        folder = self.tmp / "engine-build"
        engine = TantivyEngine(folder)
        cpu0, kids0 = time.process_time(), children_cpu()
        with LoadMeter(self.postmaster) as meter:
            started = time.perf_counter()
            count = engine.rebuild(documents)
            build_s = time.perf_counter() - started
        engine.close()
        results["engine_rebuild"] = {
            "seconds": build_s,
            "documents": count,
            "documents_per_s": count / build_s,
            "main_process_cpu_s": time.process_time() - cpu0,
            "analysis_workers_cpu_s": children_cpu() - kids0,
            "build_workers": engine._build_workers,
            "index_bytes": folder_size(folder),
            "other_processes_cores": meter.foreign,
        }
        self.foreign["engine_rebuild"] = meter.foreign
        log(
            f"TantivyEngine.rebuild of {count} documents: {build_s:.1f} s ({count / build_s:.0f} documents/s; "
            f"CPU: main process {results['engine_rebuild']['main_process_cpu_s']:.1f} s, analysis workers "
            f"{results['engine_rebuild']['analysis_workers_cpu_s']:.1f} s; other processes {meter.foreign:.2f} cores)"
        )
        shutil.rmtree(folder, ignore_errors=True)

        # 2. What `hieuluc reindex` runs: reading from PostgreSQL and indexing together, into the API's index.
        cpu0, kids0 = time.process_time(), children_cpu()
        with LoadMeter(self.postmaster) as meter:
            started = time.perf_counter()
            count = services.rebuild()
            reindex_s = time.perf_counter() - started
        results["services_rebuild"] = {
            "seconds": reindex_s,
            "documents": count,
            "documents_per_s": count / reindex_s,
            "main_process_cpu_s": time.process_time() - cpu0,
            "analysis_workers_cpu_s": children_cpu() - kids0,
            "other_processes_cores": meter.foreign,
        }
        self.foreign["services_rebuild"] = meter.foreign
        current = configured.current()
        results["index_bytes"] = folder_size(Path(current.path)) if getattr(current, "path", None) else None
        log(f"services.rebuild (hieuluc reindex) of {count} documents: {reindex_s:.1f} s")

        # 3. Where the time goes: one process, a sample, each stage on its own.
        results["breakdown"] = self.build_breakdown(documents)
        del documents
        self.results["build"] = results

    def build_breakdown(self, documents: list[Any]) -> dict[str, Any]:
        """One process, no worker: analysis, tantivy documents, add_document and commit, each timed on a sample.

        Uses the engine module's private helpers (the same functions `rebuild` calls), so each stage is timed
        on its own. Extrapolated linearly to all documents (tantivy's merges make the real commit grow a little
        faster)."""
        from search import analysis
        from search.tantivy_engine import _REBUILD_HEAP, TantivyEngine, _tantivy_document

        rng = random.Random(self.args.seed + 4)
        sample = rng.sample(documents, min(self.args.profile_sample, len(documents)))
        n = len(sample)
        clock = time.perf_counter
        t0 = clock()
        analysed = [analysis.analyse_document(doc) for doc in sample]
        t1 = clock()
        prepared = [_tantivy_document(data) for data in analysed]
        t2 = clock()
        engine = TantivyEngine(self.tmp / "profile", build_workers=0)
        writer = engine._index.writer(heap_size=_REBUILD_HEAP, num_threads=1)
        t3 = clock()
        for doc in prepared:
            writer.add_document(doc)
        t4 = clock()
        writer.commit()
        writer.wait_merging_threads()
        t5 = clock()
        engine.close()
        shutil.rmtree(self.tmp / "profile", ignore_errors=True)
        scale = len(documents) / n
        stages = {
            "analyse_document": t1 - t0,
            "tantivy_document": t2 - t1,
            "add_document": t4 - t3,
            "commit": t5 - t4,
        }
        result = {
            "sample": n,
            "ms_per_document": {k: v / n * 1000 for k, v in stages.items()},
            "extrapolated_s": {k: v * scale for k, v in stages.items()},
            "analysed_tokens_per_document": statistics.fmean(
                sum(len(str(data[f]).split()) for f in analysis.TEXT_FIELDS) for data in analysed
            ),
        }
        per = result["ms_per_document"]
        log(
            f"breakdown on {n} documents, one process: analysis {per['analyse_document']:.3f} ms/doc, tantivy "
            f"document {per['tantivy_document']:.3f}, add_document {per['add_document']:.3f}, commit "
            f"{per['commit']:.3f} ms/doc"
        )
        return result

    # baselines
    def load_pg(self) -> None:
        from django.db import connection

        from backend.catalogue.models import Document
        from bench import pg_fts

        started = time.perf_counter()
        rows = Document.objects.filter(published=True).order_by("pk").values_list("id", "title", "text")
        count = pg_fts.load(rows.iterator(chunk_size=2000))
        load_s = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_total_relation_size(%s), pg_relation_size(%s)", [pg_fts.TABLE, f"{pg_fts.TABLE}_vector"]
            )
            total_bytes, gin_bytes = cursor.fetchone()
        self.results["pg_load"] = {"rows": count, "seconds": load_s, "table_bytes": total_bytes, "gin_bytes": gin_bytes}
        log(f"PostgreSQL FTS table: {count} rows, vectors and GIN index in {load_s:.1f} s")

    # queries
    def queries(self) -> list[Any]:
        from backend.catalogue.models import Document
        from bench import search_speed_data

        rng = random.Random(self.args.seed + 2)
        pool = list(Document.objects.filter(published=True).order_by("pk").values_list("number", "issuer__code"))
        numbers = rng.sample(pool, min(200, len(pool)))
        return search_speed_data.build_queries(self.args.seed + 3, numbers, self.args.queries)

    def requests(self, specs: list[Any]) -> tuple[list[str], list[Any]]:
        """The API's query strings and the raw engine's SearchRequests, built the way the API builds them."""
        from backend.catalogue.selectors import issuer_codes
        from search.types import Filters, SearchRequest

        query_strings, search_requests = [], []
        for spec in specs:
            params = {"q": spec.q, **spec.params}
            query_strings.append(urllib.parse.urlencode(params))
            p = spec.params
            filters = Filters(
                doc_types=tuple(p["type"].split(",")) if p.get("type") else (),
                issuers=issuer_codes(p["issuer"].split(","), with_predecessors=p.get("with_predecessors") == "true")
                if p.get("issuer")
                else (),
                statuses=tuple(p["status"].split(",")) if p.get("status") else (),
                issued_from=dt.date.fromisoformat(p["issued_from"]) if p.get("issued_from") else None,
                issued_to=dt.date.fromisoformat(p["issued_to"]) if p.get("issued_to") else None,
                published_only=True,
            )
            search_requests.append(SearchRequest(query=spec.q, filters=filters, offset=0, limit=PAGE_SIZE))
        return query_strings, search_requests

    # measuring
    def measure_search(self, specs: list[Any]) -> None:
        from django.core.wsgi import get_wsgi_application

        from backend.searching import engine as configured

        app = get_wsgi_application()
        engine = configured.current()
        query_strings, search_requests = self.requests(specs)

        def call_api(query_string: str) -> tuple[int, bytes]:
            environ = {
                "REQUEST_METHOD": "GET",
                "SCRIPT_NAME": "",
                "PATH_INFO": SEARCH_PATH,
                "QUERY_STRING": query_string,
                "SERVER_NAME": "127.0.0.1",
                "SERVER_PORT": "8000",
                "SERVER_PROTOCOL": "HTTP/1.1",
                "REMOTE_ADDR": "127.0.0.1",
                "HTTP_HOST": "127.0.0.1:8000",
                "HTTP_ACCEPT": "application/json",
                "wsgi.version": (1, 0),
                "wsgi.url_scheme": "http",
                "wsgi.input": io.BytesIO(b""),
                "wsgi.errors": sys.stderr,
                "wsgi.multithread": False,
                "wsgi.multiprocess": True,
                "wsgi.run_once": False,
            }
            status: list[str] = []
            result = app(environ, lambda s, headers, exc_info=None: status.append(s))
            try:
                body = b"".join(result)
            finally:
                result.close()  # fires request_finished, as a WSGI server does
            return int(status[0].split()[0]), body

        # Check every query once: a 200, and the API's hits are the engine's.
        checks: dict[str, Any] = {"errors": [], "mismatches": [], "zero_hits": defaultdict(int), "totals": []}
        for spec, query_string, request in zip(specs, query_strings, search_requests, strict=True):
            code, body = call_api(query_string)
            if code != 200:
                checks["errors"].append(f"{code} for ?{query_string}: {body[:300]!r}")
                continue
            data = json.loads(body)
            page = engine.search(request)
            api_ids = [r["id"] for r in data["results"]]
            raw_ids = [h.id for h in page.hits]
            if api_ids != raw_ids or data["count"] != page.total:
                checks["mismatches"].append(
                    f"?{query_string}: API {data['count']} {api_ids[:5]} raw {page.total} {raw_ids[:5]}"
                )
            checks["totals"].append(page.total)
            if not page.total:
                checks["zero_hits"][spec.kind] += 1
        totals = checks["totals"]
        log(
            f"checked {len(specs)} queries: {len(checks['errors'])} errors, {len(checks['mismatches'])} API/engine "
            f"differences, {sum(1 for t in totals if not t)} with no hit; median {statistics.median(totals):.0f} hits"
        )
        for line in checks["errors"][:5] + checks["mismatches"][:5]:
            log(f"  {line}")
        self.results["checks"] = {
            "errors": checks["errors"],
            "mismatches": checks["mismatches"],
            "zero_hits_by_kind": dict(checks["zero_hits"]),
            "hits_median": statistics.median(totals),
            "hits_p95": percentile([float(t) for t in totals], 95),
        }
        if checks["errors"]:
            raise BenchError(f"{len(checks['errors'])} API requests failed")

        # Warm-up (the check pass warmed the engine and the database already), then the timed rounds.
        for query_string in query_strings:
            call_api(query_string)
        api: list[list[float]] = [[] for _ in specs]
        raw: list[list[float]] = [[] for _ in specs]
        clock = time.perf_counter
        with LoadMeter(self.postmaster) as meter:
            for r in range(self.args.rounds):
                order = list(range(len(specs)))
                if r % 2:
                    order.reverse()
                for i in order:
                    api_first = (i + r) % 2 == 0
                    for step in ("api", "raw") if api_first else ("raw", "api"):
                        if step == "api":
                            t0 = clock()
                            code, _ = call_api(query_strings[i])
                            api[i].append((clock() - t0) * 1000)
                            if code != 200:
                                raise BenchError(f"API answered {code} for ?{query_strings[i]}")
                        else:
                            t0 = clock()
                            engine.search(search_requests[i])
                            raw[i].append((clock() - t0) * 1000)
        self.foreign["api_raw"] = meter.foreign
        self.api_times = api
        self.raw_times = raw
        all_api = [t for times in api for t in times]
        all_raw = [t for times in raw for t in times]
        per_query_ratio = [statistics.median(a) / statistics.median(b) for a, b in zip(api, raw, strict=True)]
        by_kind: dict[str, dict[str, float]] = {}
        for kind in dict.fromkeys(s.kind for s in specs):
            idx = [i for i, s in enumerate(specs) if s.kind == kind]
            a = [t for i in idx for t in api[i]]
            b = [t for i in idx for t in raw[i]]
            by_kind[kind] = {
                "queries": len(idx),
                "api_p50_ms": percentile(a, 50),
                "api_p95_ms": percentile(a, 95),
                "raw_p50_ms": percentile(b, 50),
                "raw_p95_ms": percentile(b, 95),
            }
        self.results["api"] = summary(all_api)
        self.results["raw"] = summary(all_raw)
        self.results["api_raw_ratio"] = {
            "mean": statistics.fmean(all_api) / statistics.fmean(all_raw),
            "p50": percentile(all_api, 50) / percentile(all_raw, 50),
            "p95": percentile(all_api, 95) / percentile(all_raw, 95),
            "median_per_query": statistics.median(per_query_ratio),
            "api_minus_raw_mean_ms": statistics.fmean(all_api) - statistics.fmean(all_raw),
        }
        self.results["by_kind"] = by_kind
        self.results["api_seconds"] = meter.seconds
        log(
            f"API p50 {self.results['api']['p50_ms']:.1f} ms p95 {self.results['api']['p95_ms']:.1f} ms; raw engine "
            f"p50 {self.results['raw']['p50_ms']:.1f} ms p95 {self.results['raw']['p95_ms']:.1f} ms "
            f"(other processes {meter.foreign:.2f} cores)"
        )

    def api_breakdown(self, specs: list[Any]) -> None:
        """Where an API request's time goes: the steps of SearchView.get and api._results (as of 23b8fd8: one
        values_list read of the hits, incoming relations + the validity engine, articles from the structure),
        replayed one by one (same calls, same order) for every query once, after the timed rounds; what is left
        of the API's median time per query is Django, DRF, the middleware, the throttle and parameter
        validation."""
        from rest_framework.renderers import JSONRenderer

        from backend.catalogue import selectors, validity
        from backend.searching import engine as configured
        from backend.searching.documents import articles
        from search import query as search_query
        from search.highlight import best_article, highlight

        engine = configured.current()
        _, search_requests = self.requests(specs)
        renderer = JSONRenderer()
        clock = time.perf_counter
        steps: dict[str, list[float]] = defaultdict(list)
        today = selectors.today()
        for i, (spec, request) in enumerate(zip(specs, search_requests, strict=True)):
            t0 = clock()
            parsed = search_query.parse(spec.q)
            terms = search_query.highlight_terms(parsed)
            t1 = clock()
            if spec.params.get("issuer"):
                self.requests([spec])  # the issuer codes are looked up (and expanded) in the database
            t2 = clock()
            page = engine.search(request)
            t3 = clock()
            rows = selectors.search_hit_rows([h.id for h in page.hits], include_drafts=False)
            t4 = clock()
            incoming = selectors.incoming_facts(rows)
            answers = {pk: validity.evaluate(row.facts, incoming.get(pk, ()), today) for pk, row in rows.items()}
            t5 = clock()
            results = []
            for hit in page.hits:
                row = rows.get(hit.id)
                if row is None:
                    continue
                article = best_article(articles(row.structure), terms) if terms else None
                results.append(
                    {
                        "id": hit.id,
                        "number": row.facts.number,
                        "title": row.title,
                        "status": answers[hit.id].status.value,
                        "status_label": answers[hit.id].label("vi"),
                        "highlights": {
                            "title": highlight(row.title, terms, fragments=1, size=400) if terms else [],
                            "text": highlight(article.text if article else row.text, terms) if terms else [],
                        },
                    }
                )
            t6 = clock()
            renderer.render({"count": page.total, "results": results, "facets": page.facets})
            t7 = clock()
            for name, value in (
                ("parse query", t1 - t0),
                ("issuer lookup", t2 - t1),
                ("engine.search", t3 - t2),
                ("read 20 documents (SQL)", t4 - t3),
                ("statuses on the date (SQL + validity)", t5 - t4),
                ("best article + highlights", t6 - t5),
                ("JSON rendering", t7 - t6),
            ):
                steps[name].append(value * 1000)
            steps["API total (mean of the timed rounds)"].append(statistics.fmean(self.api_times[i]))
        means = {name: statistics.fmean(values) for name, values in steps.items()}
        accounted = sum(v for k, v in means.items() if not k.startswith("API total"))
        means["rest: Django, DRF, middleware, throttle, parameters"] = (
            means["API total (mean of the timed rounds)"] - accounted
        )
        self.results["api_breakdown_mean_ms"] = means
        log("API breakdown (mean ms per request): " + ", ".join(f"{k} {v:.2f}" for k, v in means.items()))

    def measure_pg(self, specs: list[Any]) -> None:
        from django.db import connection

        from bench import pg_fts

        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = '120s'")
        fts: list[list[float]] = [[] for _ in specs]
        clock = time.perf_counter
        for spec in specs:  # warm-up
            pg_fts.search(spec.pg_text, PAGE_SIZE, match=spec.pg_match)
        zero = defaultdict(int)
        with LoadMeter(self.postmaster) as meter:
            for r in range(self.args.pg_rounds):
                for i, spec in enumerate(specs if r % 2 == 0 else specs[::-1]):
                    i = i if r % 2 == 0 else len(specs) - 1 - i
                    t0 = clock()
                    ids = pg_fts.search(spec.pg_text, PAGE_SIZE, match=spec.pg_match)
                    fts[i].append((clock() - t0) * 1000)
                    if r == 0 and not ids:
                        zero[spec.kind] += 1
        self.foreign["pg_fts"] = meter.foreign
        self.fts_times = fts
        all_fts = [t for times in fts for t in times]
        self.results["pg_fts"] = {**summary(all_fts), "zero_hits_by_kind": dict(zero)}
        # The p95 of a 200-query mix falls among its slowest 10 queries: with 20 questions (OR of many words in
        # PostgreSQL) that is the questions. The same ratio without them (and without OR) says how much rests on them.
        short = [i for i, s in enumerate(specs) if s.kind not in ("question", "or")]
        self.results["pg_vs_api_short_queries"] = {
            "queries": len(short),
            "api_p95_ms": percentile([t for i in short for t in self.api_times[i]], 95),
            "pg_fts_p95_ms": percentile([t for i in short for t in fts[i]], 95),
        }
        for kind, row in self.results["by_kind"].items():
            a = [t for i, s in enumerate(specs) if s.kind == kind for t in fts[i]]
            row["pg_p50_ms"] = percentile(a, 50)
            row["pg_p95_ms"] = percentile(a, 95)
        log(
            f"PostgreSQL FTS p50 {self.results['pg_fts']['p50_ms']:.1f} ms "
            f"p95 {self.results['pg_fts']['p95_ms']:.1f} ms "
            f"(other processes {meter.foreign:.2f} cores)"
        )

        # icontains: a subset, each query stopped after --icontains-timeout seconds.
        step = max(1, len(specs) // max(1, self.args.icontains_queries))
        picked = list(range(0, len(specs), step))[: self.args.icontains_queries]
        subset = [specs[i] for i in picked]
        timeout_ms = self.args.icontains_timeout * 1000
        times: list[float] = []
        stopped = 0
        from django.db.utils import OperationalError

        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = '{int(timeout_ms)}ms'")
        try:
            with LoadMeter(self.postmaster) as meter:
                for spec in subset:
                    t0 = clock()
                    try:
                        pg_fts.icontains(spec.pg_text, PAGE_SIZE)
                        times.append((clock() - t0) * 1000)
                    except OperationalError:  # canceling statement due to statement timeout
                        stopped += 1
                        times.append(max(timeout_ms, (clock() - t0) * 1000))
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")
        self.foreign["icontains"] = meter.foreign
        self.results["icontains"] = {
            **summary(times),
            "queries": len(subset),
            "stopped_at_timeout": stopped,
            "timeout_s": self.args.icontains_timeout,
            "api_p95_same_queries_ms": percentile([t for i in picked for t in self.api_times[i]], 95),
            "pg_fts_p95_same_queries_ms": percentile([t for i in picked for t in self.fts_times[i]], 95),
        }
        log(
            f"icontains ({len(subset)} queries, {stopped} stopped at {self.args.icontains_timeout:g} s): "
            f"p50 {self.results['icontains']['p50_ms']:.0f} ms p95 {self.results['icontains']['p95_ms']:.0f} ms"
        )

    # the run
    def run(self) -> int:
        started = dt.datetime.now().astimezone()
        self.configure()
        self.background = background_cores(2.0)
        log(f"background load before the run: {self.background:.2f} busy cores of {os.cpu_count()}")
        self.load_data()
        self.build_index()
        self.load_pg()
        specs = self.queries()
        self.results["queries"] = {
            "count": len(specs),
            "by_kind": {kind: sum(1 for s in specs if s.kind == kind) for kind in dict.fromkeys(s.kind for s in specs)},
            "examples": {
                kind: next(s.q for s in specs if s.kind == kind) for kind in dict.fromkeys(s.kind for s in specs)
            },
        }
        self.measure_search(specs)
        self.api_breakdown(specs)
        self.measure_pg(specs)
        return self.report(started, specs)

    def report(self, started: dt.datetime, specs: list[Any]) -> int:
        args, r = self.args, self.results
        build, api, raw, fts, icon = r["build"], r["api"], r["raw"], r["pg_fts"], r["icontains"]
        ratio = r["api_raw_ratio"]
        n_docs = build["documents"]
        reliable = {k: v <= FOREIGN_LOAD_LIMIT for k, v in self.foreign.items()}
        pg_factor = fts["p95_ms"] / api["p95_ms"]
        raw_pg_factor = fts["p95_ms"] / raw["p95_ms"]
        engine_s = build["engine_rebuild"]["seconds"]
        reindex_s = build["services_rebuild"]["seconds"]
        at_target_size = n_docs >= TARGET_AT
        w = sys.stdout.write
        w("\n== Search speed: index build, search API vs raw engine, PostgreSQL FTS, icontains ==\n")
        w(
            f"date: {started.isoformat(timespec='seconds')}   machine: {os.cpu_count()} cores, {cpu_model()}, "
            f"Python {platform.python_version()}\n"
        )
        w(f"code: {git_describe()}\n")
        w(
            f"data: {n_docs} documents indexed ({r['data']['generated_documents']} generated, about "
            f"{r['data']['mean_words']:.0f} words each, + the demo dataset), {sum(r['data']['relations'].values())} "
            f"generated relations; database {DB_NAME}, index in a temporary HIEULUC_DATA_DIR\n"
        )
        w(
            f"queries: {len(specs)} ({', '.join(f'{k} {v}' for k, v in r['queries']['by_kind'].items())}); "
            f"median {r['checks']['hits_median']:.0f} matching documents, p95 {r['checks']['hits_p95']:.0f}\n"
        )
        w(
            f"API: in-process WSGI calls, settings bench.search_bench_settings (DEBUG off, throttle "
            f"{'off' if args.throttle == 'off' else '1000000/min'}), page size {PAGE_SIZE}, facets; "
            f"{args.rounds} rounds after a warm-up; load average before: {os.getloadavg()[0]:.2f}\n\n"
        )

        w("Index build\n")
        w(f"  read {n_docs} documents from PostgreSQL as IndexedDocument     {build['read_from_database_s']:>7.1f} s\n")
        eb = build["engine_rebuild"]
        w(
            f"  TantivyEngine.rebuild (documents in memory, fresh folder)  {engine_s:>7.1f} s  "
            f"{eb['documents_per_s']:>6.0f} docs/s  CPU: main {eb['main_process_cpu_s']:.1f} s, "
            f"{eb['build_workers']} analysis workers {eb['analysis_workers_cpu_s']:.1f} s\n"
        )
        sb = build["services_rebuild"]
        w(
            f"  services.rebuild = hieuluc reindex (database -> index)      {reindex_s:>7.1f} s  "
            f"{sb['documents_per_s']:>6.0f} docs/s  CPU: main {sb['main_process_cpu_s']:.1f} s, "
            f"analysis workers {sb['analysis_workers_cpu_s']:.1f} s\n"
        )
        bd = build["breakdown"]
        w(
            f"  one-process breakdown ({bd['sample']} documents, extrapolated to {n_docs}): "
            + ", ".join(
                f"{k} {bd['ms_per_document'][k]:.3f} ms/doc = {bd['extrapolated_s'][k]:.1f} s"
                for k in bd["ms_per_document"]
            )
            + "\n"
        )
        w(
            f"  index size {build['index_bytes'] / 1e6:.0f} MB; PostgreSQL FTS table + GIN "
            f"{r['pg_load']['table_bytes'] / 1e6:.0f} MB (GIN {r['pg_load']['gin_bytes'] / 1e6:.0f} MB), loaded in "
            f"{r['pg_load']['seconds']:.1f} s\n\n"
        )

        header = f"{'system':<34} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'mean ms':>8} {'max ms':>8} {'timed':>6}\n"
        w(header)
        w("-" * (len(header) - 1) + "\n")
        for name, row in (
            ("search API (GET /api/v1/search/)", api),
            ("raw engine (engine.search)", raw),
            ("PostgreSQL FTS (GIN, ts_rank)", fts),
            (f"icontains ({icon['queries']} queries)", icon),
        ):
            w(
                f"{name:<34} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} {row['p99_ms']:>8.1f} {row['mean_ms']:>8.1f} "
                f"{row['max_ms']:>8.1f} {row['n']:>6}\n"
            )
        if icon["stopped_at_timeout"]:
            w(
                f"  icontains: {icon['stopped_at_timeout']} of {icon['queries']} queries stopped at "
                f"{icon['timeout_s']:g} s and counted as {icon['timeout_s']:g} s (lower bounds)\n"
            )
        w(
            f"\nAPI / raw engine: mean {ratio['mean']:.2f}x, p50 {ratio['p50']:.2f}x, p95 {ratio['p95']:.2f}x, "
            f"median per query {ratio['median_per_query']:.2f}x; the API adds {ratio['api_minus_raw_mean_ms']:.1f} ms "
            f"per request on average\n"
        )
        w(
            "where an API request's time goes (mean ms): "
            + ", ".join(f"{k} {v:.2f}" for k, v in r["api_breakdown_mean_ms"].items())
            + "\n"
        )
        w(
            f"PostgreSQL FTS p95 / API p95: {pg_factor:.1f}x (raw engine: {raw_pg_factor:.1f}x); without the "
            f"questions and OR queries ({r['pg_vs_api_short_queries']['queries']} queries): "
            f"{r['pg_vs_api_short_queries']['pg_fts_p95_ms'] / r['pg_vs_api_short_queries']['api_p95_ms']:.1f}x "
            f"({r['pg_vs_api_short_queries']['pg_fts_p95_ms']:.0f} vs {r['pg_vs_api_short_queries']['api_p95_ms']:.1f} "
            "ms); "
            "icontains p95 / API p95 "
            f"on the same {icon['queries']} queries: {icon['p95_ms'] / icon['api_p95_same_queries_ms']:.0f}x"
            f"{' or more' if icon['stopped_at_timeout'] else ''}\n\n"
        )
        w(
            f"{'kind':<16} {'queries':>7} {'API p50':>8} {'API p95':>8} {'raw p50':>8} {'raw p95':>8} {'PG p50':>8} "
            f"{'PG p95':>8}  (ms)\n"
        )
        for kind, row in r["by_kind"].items():
            w(
                f"{kind:<16} {row['queries']:>7} {row['api_p50_ms']:>8.1f} {row['api_p95_ms']:>8.1f} "
                f"{row['raw_p50_ms']:>8.1f} {row['raw_p95_ms']:>8.1f} {row['pg_p50_ms']:>8.1f} "
                f"{row['pg_p95_ms']:>8.1f}\n"
            )
        zero_api = r["checks"]["zero_hits_by_kind"]
        zero_pg = fts["zero_hits_by_kind"]
        w(
            f"queries with no hit: engine {sum(zero_api.values())} {dict(zero_api)}; PostgreSQL FTS "
            f"{sum(zero_pg.values())} {dict(zero_pg)}\n"
        )
        w(
            "other processes (cores, excluding this process and PostgreSQL): "
            + ", ".join(f"{k} {v:.2f}" for k, v in self.foreign.items())
            + "\n\n"
        )

        def verdict(ok: bool, text: str, keys: tuple[str, ...], size_note: bool = False) -> str:
            word = "MEETS" if ok else "MISSES"
            unreliable = [k for k in keys if not reliable.get(k, True)]
            prefix = "VERDICT"
            if unreliable:
                prefix += (
                    f" (UNRELIABLE: other processes used more than {FOREIGN_LOAD_LIMIT} cores during "
                    f"{', '.join(unreliable)})"
                )
            if size_note and not at_target_size:
                prefix += f" (at {n_docs} documents, not {TARGET_AT}: indicative only)"
            return f"{prefix}: {word} {text}\n"

        verdicts = {
            "api_p95": api["p95_ms"] <= TARGET_P95_MS,
            "api_raw": ratio["mean"] <= TARGET_API_RAW,
            "pg_factor": pg_factor >= TARGET_PG_FACTOR,
            # documents per second, so that a smaller run is judged at the same pace (100,000 in 60 s)
            "build": eb["documents_per_s"] >= TARGET_AT / TARGET_BUILD_S,
            "reindex": sb["documents_per_s"] >= TARGET_AT / TARGET_BUILD_S,
        }
        w(
            verdict(
                verdicts["api_p95"],
                f"search API p95 <= {TARGET_P95_MS:g} ms: {api['p95_ms']:.1f} ms",
                ("api_raw",),
                True,
            )
        )
        w(
            verdict(
                verdicts["api_raw"],
                f"API time <= {TARGET_API_RAW:g}x the raw engine's: {ratio['mean']:.2f}x on the mean "
                f"(p95 {ratio['p95']:.2f}x)",
                ("api_raw",),
            )
        )
        w(
            verdict(
                verdicts["pg_factor"],
                f"API p95 >= {TARGET_PG_FACTOR:g}x better than PostgreSQL FTS: {pg_factor:.1f}x "
                f"({fts['p95_ms']:.0f} ms vs {api['p95_ms']:.1f} ms)",
                ("api_raw", "pg_fts"),
                True,
            )
        )
        w(
            verdict(
                verdicts["build"],
                f"index build <= {TARGET_BUILD_S:g} s for {TARGET_AT} documents "
                f"({TARGET_AT / TARGET_BUILD_S:.0f} documents/s): TantivyEngine.rebuild {engine_s:.1f} s for {n_docs} "
                f"documents ({eb['documents_per_s']:.0f}/s)",
                ("engine_rebuild",),
                True,
            )
        )
        w(
            verdict(
                verdicts["reindex"],
                f"the same pace for the whole `hieuluc reindex` (reading the database too): {reindex_s:.1f} s for "
                f"{n_docs} documents ({sb['documents_per_s']:.0f}/s)",
                ("services_rebuild",),
                True,
            )
        )
        for note in self.notes:
            w(f"note: {note}\n")

        out_dir = REPO / "bench" / "results"
        out_dir.mkdir(exist_ok=True)
        out = out_dir / f"search-speed-{started.strftime('%Y%m%d-%H%M%S')}.json"
        out.write_text(
            json.dumps(
                {
                    "date": started.isoformat(timespec="seconds"),
                    "command": " ".join([".venv/bin/python", "bench/search_speed.py", *sys.argv[1:]]),
                    "code": git_describe(),
                    "machine": {"cores": os.cpu_count(), "cpu": cpu_model(), "python": platform.python_version()},
                    "args": vars(args),
                    "background_busy_cores_before": self.background,
                    "other_processes_cores": self.foreign,
                    "verdicts": verdicts,
                    **{k: v for k, v in r.items()},
                    "query_set": [
                        {"kind": s.kind, "q": s.q, "params": s.params, "pg_text": s.pg_text, "pg_match": s.pg_match}
                        for s in specs
                    ],
                    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                    "times_ms_per_query": {"api": self.api_times, "raw": self.raw_times, "pg_fts": self.fts_times},
                    "notes": self.notes,
                },
                indent=1,
                ensure_ascii=False,
                default=str,
            ),
            encoding="utf-8",
        )
        w(f"results: {out.relative_to(REPO)}\n")
        if r["checks"]["mismatches"]:
            w(f"FAILED: {len(r['checks']['mismatches'])} queries where the API's hits differ from the engine's\n")
            return 1
        return 0

    def close(self) -> None:
        if self.django_ready:
            try:
                from django.db import connections

                from backend.searching import engine as configured

                configured.reset()
                connections.close_all()
            except Exception as exc:  # clean-up goes on
                log(f"closing Django: {exc}")
        if self.db_created and not self.args.keep_db:
            try:
                pg_admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
                log(f"database {DB_NAME} dropped")
            except Exception as exc:
                log(f"could not drop {DB_NAME}: {exc}")
        if self.args.keep_db:
            log(f"kept: DATABASE_URL={PG_URL}/{DB_NAME} HIEULUC_DATA_DIR={self.tmp / 'data'}")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)


def git_describe() -> str:
    """The commit measured (`git describe --always --dirty` and the commit line), read-only git commands."""
    try:
        describe = subprocess.run(
            ["git", "--no-optional-locks", "describe", "--always", "--dirty"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        head = subprocess.run(
            ["git", "log", "-1", "--format=%h %ci %s"], cwd=REPO, capture_output=True, text=True, timeout=10
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "--no-optional-locks", "status", "--porcelain"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.split("\n")
        changed = [line[3:] for line in dirty if line.strip()]
        return f"{describe} ({head})" + (f" + uncommitted: {', '.join(changed)}" if changed else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown (no git)"


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=100_000, help="documents in the catalogue (demo included)")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes of the API and raw engine over the queries")
    parser.add_argument("--pg-rounds", type=int, default=1, help="timed passes of PostgreSQL FTS (after a warm-up)")
    parser.add_argument("--queries", type=int, default=200, help="size of the query set")
    parser.add_argument("--icontains-queries", type=int, default=20, help="queries run through icontains")
    parser.add_argument("--icontains-timeout", type=float, default=10, help="seconds before an icontains is stopped")
    parser.add_argument("--profile-sample", type=int, default=5_000, help="documents of the one-process breakdown")
    parser.add_argument("--throttle", choices=["on", "off"], default="on", help="the search throttle (1000000/min)")
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--keep-db", action="store_true", help="keep the database and data folder (profiling)")
    args = parser.parse_args(argv)
    if args.documents < 1000 or args.rounds < 1 or args.pg_rounds < 1 or args.queries < 10:
        parser.error("--documents >= 1000, --rounds >= 1, --pg-rounds >= 1, --queries >= 10")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    bench = Bench(args)

    def on_term(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    # Both explicitly: a shell starts background jobs with SIGINT ignored, and Python keeps that.
    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)
    try:
        return bench.run()
    except BenchError as exc:
        log(f"ERROR: {exc}")
        return 2 if "build" not in bench.results else 1
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        bench.close()


if __name__ == "__main__":
    raise SystemExit(main())
