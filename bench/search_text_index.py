"""Benchmark: reading the catalogue for the search index once amended documents are indexed as in force today
(issue #14 §3, decision 0018 §5), against the reading before it.

Command (PostgreSQL at 127.0.0.1:5432 with trust auth; the bench creates and drops its own database):

    .venv/bin/python bench/search_text_index.py [--documents 10000] [--amended 50] [--rounds 5] [--seed 20261128]

It imports the demo dataset and tops the catalogue up to --documents generated documents (bench/search_speed_data,
as bench/search_speed.py does), then times `list(indexed_documents())` (what `hieuluc reindex` and the
reconciliation read) in alternating order, --rounds times each:

- `before`: the reading as it was: `documents._amended` replaced by a function that answers none without a query;
- `now`: the reading as it is: one query for the whole read says which documents operations act on (their ids
  are few), so a chunk with none of them reads as before.

Both read no document with operations (there is none yet): the difference is the cost for documents without
operations, the target being none beyond noise. Then --amended documents get one confirmed operation each (through
the product's services), and `now` is timed again: the first pass builds their texts (legal.consolidate), the next
read them stored.

Measured 2026-12-06 (branch wip/export; 2 cores shared with three other engineers, load average about 4.5), 10,000
documents, 9 rounds each: before 1.885 s median (1.585 s fastest), now 1.740 s (1.499 s): no difference beyond
the noise; 41 -> 42 queries. With 50 amended documents: 43 queries, 1.570 s once their texts are stored.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DB_NAME = "hieuluc_bench_text_index"
PG_URL = "postgres://postgres@127.0.0.1:5432"


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def timed(read: Callable[[], int]) -> tuple[float, int]:
    started = time.perf_counter()
    count = read()
    return time.perf_counter() - started, count


def queries(read: Callable[[], int]) -> int:
    """How many SQL queries one read makes (the machine's load does not change it)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        read()
    return len(captured.captured_queries)


def setup(tmp: Path, documents: int, seed: int) -> None:
    for name in ("REDIS_URL", "ELASTICSEARCH_URL", "HIEULUC_SEARCH_ENGINE", "HIEULUC_DEBUG"):
        os.environ.pop(name, None)
    os.environ.update(
        DATABASE_URL=f"{PG_URL}/{DB_NAME}",
        HIEULUC_DATA_DIR=str(tmp / "data"),
        DJANGO_SETTINGS_MODULE="bench.search_bench_settings",
        HIEULUC_BENCH_SEARCH_THROTTLE="off",
    )
    pg_admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    pg_admin(f"CREATE DATABASE {DB_NAME}")
    import django

    django.setup()
    from django.core.management import call_command

    from backend.outbox import consumers

    consumers.disabled("search.index").__enter__()  # nothing is indexed behind the bench's back
    call_command("migrate", verbosity=0)
    out = io.StringIO()
    call_command("import_documents", str(REPO / "backend/demo/demo.json"), "--no-progress", stdout=out, stderr=out)
    from bench import search_speed_data

    search_speed_data.load(documents, seed, lambda message: None)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def amend(count: int) -> int:
    """One confirmed operation on each of `count` documents with a structure (its first article's text replaced)."""
    from backend.catalogue.models import Document
    from backend.consolidation import services
    from legal import operations as legal_ops

    targets = [d for d in Document.objects.exclude(structure=[]).order_by("pk")[: count * 3] if _first_article(d)]
    source = Document.objects.filter(issued_on__lte=dt.date.today()).order_by("-issued_on").first()
    assert source is not None  # its change applies from its own date: in force today
    made = 0
    for seq, target in enumerate(targets[:count], start=1):
        eid = _first_article(target)
        op = legal_ops.Operation(
            kind="replace", target_eid=eid, applies_on=source.issued_on, source="s", seq=seq, target="t",
            source_eid="dieu-1", instruction="Sửa đổi như sau:",
            new_text=f"{eid.replace('dieu-', 'Điều ')}. Mới\nNội dung mới.",
        )  # fmt: skip
        for stored in services.operations_store_proposal(
            actor="bench", source=source, proposal=[op], targets={"t": target}
        ):
            services.operation_confirm(actor="bench", operation=stored, expected_version=stored.version)
            made += 1
    return made


def _first_article(document: Any) -> str:
    def walk(nodes: list[dict[str, Any]]) -> str:
        for node in nodes:
            if node.get("kind") == "article":
                return str(node["eid"])
            found = walk(node.get("children") or [])
            if found:
                return found
        return ""

    return walk(document.structure or [])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--amended", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261128)
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="hieuluc-bench-text-index-"))
    try:
        started = time.perf_counter()
        setup(tmp, args.documents, args.seed)
        print(f"data: {time.perf_counter() - started:.0f} s", flush=True)
        from backend.searching import documents

        real = documents._amended

        def read_now() -> int:
            documents._amended = real
            return sum(1 for _ in documents.indexed_documents())

        def read_before() -> int:
            documents._amended = lambda ids: set()
            try:
                return sum(1 for _ in documents.indexed_documents())
            finally:
                documents._amended = real

        read_now(), read_before()  # warm-up
        times: dict[str, list[float]] = {"before": [], "now": []}
        count = 0
        for round_ in range(args.rounds):
            order = [("before", read_before), ("now", read_now)]
            for name, read in order if round_ % 2 == 0 else reversed(order):
                seconds, count = timed(read)
                times[name].append(seconds)
        before, now = statistics.median(times["before"]), statistics.median(times["now"])
        print(f"{count} documents, none with operations, median (min) of {args.rounds}:")
        for name, median in (("before", before), ("now", now)):
            runs = [round(t, 3) for t in times[name]]
            fastest = min(times[name])
            print(f"  {name:7} {median:.3f} s ({fastest:.3f} s), {count / median:,.0f} documents/s  runs {runs}")
        print(f"  now / before: median {now / before:.3f}, min {min(times['now']) / min(times['before']):.3f}")
        print(f"  queries: before {queries(read_before)}, now {queries(read_now)}")
        if args.amended:
            made = amend(args.amended)
            first, _ = timed(read_now)
            again = statistics.median(timed(read_now)[0] for _ in range(args.rounds))
            print(f"with {made} amended documents: first read (builds their texts) {first:.3f} s, then {again:.3f} s")
            print(f"  queries: now {queries(read_now)}")
    finally:
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # Django may not have started
            pass
        pg_admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
