"""Benchmark: the daily validity pass over 10,000 and 100,000 generated documents.

Command (PostgreSQL must run at 127.0.0.1:5432; the bench creates and drops its own database):

    .venv/bin/python bench/transitions.py [--sizes 10000 100000] [--keep]

For each size it generates a seeded, realistic catalogue (numbers, issuers, types, dates; a third of the
documents replaced, repealed, amended in part or suspended by another) and times, on PostgreSQL:

- first pass: every document due (status never computed, as after a bulk load);
- daily pass: one ordinary day later, only the documents whose change point is that day;
- a re-run of the same day (must examine nothing);
- baseline: one SQL UPDATE that rewrites the stored status of every row, the floor for any pass that
  writes each row once; the first pass is reported as a ratio to it.

Target (issue #2): the pass over 100,000 documents under 10 s. Growth is reported as time(100k)/time(10k).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB_NAME = "hieuluc_bench_transitions"
PG = "postgres://postgres@127.0.0.1:5432"


def _psql(sql: str) -> None:
    subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c", sql], check=True)


def _setup_django() -> None:
    os.environ["DATABASE_URL"] = f"{PG}/{DB_NAME}"
    os.environ.setdefault("HIEULUC_DATA_DIR", tempfile.mkdtemp(prefix="hieuluc-bench-"))
    os.environ.pop("REDIS_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "backend.config.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(n: int, seed: int = 2026) -> dt.date:
    """Insert n documents with relations; returns the 'ordinary day' used for the daily pass."""
    from django.db import connection, transaction

    from backend.catalogue.models import Authority, Document, DocumentType, Relation, StatusChange
    from legal.numbers import number_key

    rng = random.Random(seed)
    with transaction.atomic():
        Relation.objects.all().delete()
        StatusChange.objects.all().delete()
        with connection.cursor() as cur:
            cur.execute("DELETE FROM catalogue_document")
        issuers = []
        for code, name in [
            ("HDND-AG", "HĐND tỉnh An Giang"),
            ("UBND-AG", "UBND tỉnh An Giang"),
            ("HDND-KG", "HĐND tỉnh Kiên Giang"),
            ("UBND-KG", "UBND tỉnh Kiên Giang"),
        ]:
            issuers.append(Authority.objects.get_or_create(code=code, defaults={"name": name, "level": "province"})[0])
        nq = DocumentType.objects.get(code="nghi-quyet")
        qd = DocumentType.objects.get(code="quyet-dinh")
        docs = []
        serials: dict[tuple[str, int, str], int] = {}
        for i in range(n):
            issuer = issuers[i % 4]
            kind = "NQ-HĐND" if issuer.code.startswith("HDND") else "QĐ-UBND"
            issued = dt.date(2005, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 22))
            key = (issuer.code, issued.year, kind)
            serials[key] = serials.get(key, 0) + 1
            number = f"{serials[key]:02d}/{issued.year}/{kind}"
            effective = issued + dt.timedelta(days=10)
            until = None
            if rng.random() < 0.05:
                until = effective + dt.timedelta(days=rng.randrange(200, 3000))
            docs.append(
                Document(
                    number=number,
                    number_key=number_key(number),
                    doc_type=nq if kind.startswith("NQ") else qd,
                    issuer=issuer,
                    title=f"Quy định số {i} về quản lý nhà nước trên địa bàn tỉnh",
                    issued_on=issued,
                    effective_from=effective,
                    effective_until=until,
                    status="not_yet_effective",
                    published=True,
                )
            )
        Document.objects.bulk_create(docs, batch_size=5000)
        ordered = sorted(Document.objects.values_list("pk", "issued_on"), key=lambda r: r[1])
        relations = []
        kinds = ["replaces", "repeals", "amends", "suspends"]
        for idx, (target_pk, target_issued) in enumerate(ordered[:-1]):
            if rng.random() >= 0.33:
                continue
            j = rng.randrange(idx + 1, min(len(ordered), idx + 2000))
            source_pk, source_issued = ordered[j]
            if source_issued < target_issued:
                continue
            kind = rng.choice(kinds)
            provisions = [f"Điều {rng.randrange(1, 12)}"] if kind == "amends" or rng.random() < 0.3 else []
            effective_on = source_issued + dt.timedelta(days=10)
            ends_on = effective_on + dt.timedelta(days=180) if kind == "suspends" else None
            relations.append(
                Relation(
                    source_id=source_pk,
                    target_id=target_pk,
                    kind=kind,
                    effective_on=effective_on,
                    ends_on=ends_on,
                    provisions=provisions,
                )
            )
        Relation.objects.bulk_create(relations, batch_size=5000, ignore_conflicts=True)
    return dt.date(2026, 3, 2)  # an ordinary Monday inside the generated range of change points


def _timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def run_size(n: int) -> dict[str, float]:
    from django.db import connection

    from backend.catalogue import transitions

    gen_s, day = _timed(lambda: generate(n))
    connection.cursor().execute("ANALYZE")
    first_day = day - dt.timedelta(days=1)

    def baseline() -> int:
        with connection.cursor() as cur:
            cur.execute("UPDATE catalogue_document SET status = status, status_on = %s", [first_day])
            return cur.rowcount

    base_s, rows = _timed(baseline)
    connection.cursor().execute("UPDATE catalogue_document SET status_on = NULL")
    first_s, first = _timed(lambda: transitions.apply_due_transitions(on=first_day))
    daily_s, daily = _timed(lambda: transitions.apply_due_transitions(on=day))
    rerun_s, rerun = _timed(lambda: transitions.apply_due_transitions(on=day))
    # The busiest coming day: the date on which the most stored statuses are due to change.
    from django.db.models import Count

    from backend.catalogue.models import Document

    busiest = (
        Document.objects.filter(next_transition_on__gt=day)
        .values("next_transition_on")
        .annotate(n=Count("id"))
        .order_by("-n", "next_transition_on")
        .first()
    )
    busy_day = busiest["next_transition_on"] if busiest else day
    busy_s, busy = _timed(lambda: transitions.apply_due_transitions(on=busy_day))
    print(f"\n{n:,} documents (generated in {gen_s:.1f} s)")
    print(f"  baseline: one SQL UPDATE of all {rows:,} rows       {base_s:8.2f} s")
    print(
        f"  first pass (all due): examined {first.examined:,}, changed {first.changed:,}"
        f"   {first_s:8.2f} s   ratio to baseline {first_s / base_s:.1f}x"
    )
    print(f"  daily pass {day}: examined {daily.examined:,}, changed {daily.changed:,}          {daily_s:8.3f} s")
    print(
        f"  re-run of the same day: examined {rerun.examined}, changed {rerun.changed}                {rerun_s:8.3f} s"
    )
    print(
        f"  busiest coming day {busy_day} (caught up from {day}): examined {busy.examined:,}, "
        f"changed {busy.changed:,}   {busy_s:8.3f} s"
    )
    return {"first": first_s, "daily": daily_s, "baseline": base_s, "busy": busy_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--keep", action="store_true", help="keep the bench database afterwards")
    args = parser.parse_args()
    _psql(f"DROP DATABASE IF EXISTS {DB_NAME}")
    _psql(f"CREATE DATABASE {DB_NAME}")
    try:
        _setup_django()
        results = {n: run_size(n) for n in args.sizes}
        sizes = sorted(results)
        if len(sizes) >= 2:
            small, large = sizes[0], sizes[-1]
            growth = results[large]["first"] / results[small]["first"]
            print(
                f"\nGrowth of the full pass from {small:,} to {large:,}: {growth:.1f}x "
                f"for {large / small:.0f}x the documents"
            )
        largest = sizes[-1]
        worst_daily = max(results[largest]["daily"], results[largest]["busy"])
        print(
            f"Target: the daily pass over {largest:,} documents under 10 s: {worst_daily:.2f} s on the days "
            f"measured, {'meets' if worst_daily < 10 else 'MISSES'} the target."
        )
        print(
            f"A full recomputation (every document due at once) took {results[largest]['first']:.2f} s, "
            f"{results[largest]['first'] / results[largest]['baseline']:.1f}x one bare UPDATE of every row."
        )
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            _psql(f"DROP DATABASE IF EXISTS {DB_NAME}")


if __name__ == "__main__":
    main()
