"""Triggered reviews: the fan-out to 10,000 dependent documents, in-process and through a real Celery worker.

Command (from the repository root; PostgreSQL at 127.0.0.1:5432 with trust auth; Redis at 127.0.0.1:6379 for the
worker part):

    .venv/bin/python bench/fanout.py [--dependents 10000] [--rounds 2] [--no-worker]

It creates its own database (`hieuluc_bench_fanout`, dropped first and at the end), migrates it, and makes one
central law with --dependents provincial documents that have it as their legal basis (`basis` relations, bulk
created). Each round records a new document that replaces the law, then times until every dependent has its
review task in the triggered plan:

- `in-process`: the event's task run eagerly (as the embedded default runs tasks): finding the dependents,
  the plan, and the group of chunk tasks (backend/reviews/triggers.py, workers/tasks.py);
- `worker`: the same task sent through Redis to a real `celery -A workers worker` process (2 processes),
  measured from `delay()` until the last review task is committed;
- `baseline`: one bare `bulk_create` of the same number of ReviewTask rows, the floor for any fan-out that writes
  each row once. Each figure is printed as a ratio to it.

Then it re-runs the event's task and checks that nothing was created twice. Target (issue #4): the fan-out to
10,000 dependents in under 10 s. Exit status 0 whatever the figures; 1 if a check failed; 2 if set-up failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB_NAME = "hieuluc_bench_fanout"
PG = "postgres://postgres@127.0.0.1:5432"
REDIS = os.environ.get("HIEULUC_BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
TARGET_SECONDS = 10.0


def log(msg: str) -> None:
    print(f"[{dt.datetime.now(dt.UTC):%H:%M:%S}] {msg}", flush=True)


def admin_sql(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def setup_env(data_dir: str, with_redis: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": f"{PG}/{DB_NAME}",
            "HIEULUC_DATA_DIR": data_dir,
            "DJANGO_SETTINGS_MODULE": "backend.config.settings",
        }
    )
    if with_redis:
        env["REDIS_URL"] = REDIS
    else:
        env.pop("REDIS_URL", None)
    return env


def make_data(dependents: int) -> int:
    """The law and its dependents; returns the law's id."""
    from backend.catalogue.models import Authority, Document, DocumentType, Relation
    from legal import numbers

    central = Authority.objects.create(code="QH", name="Quốc hội", level="central")
    province = Authority.objects.create(code="UBND-AG", name="UBND tỉnh An Giang", level="province")
    law_type = DocumentType.objects.get_or_create(code="luat", defaults={"name": "Luật"})[0]
    decision = DocumentType.objects.get_or_create(code="quyet-dinh", defaults={"name": "Quyết định"})[0]
    law = Document.objects.create(
        number="45/2019/QH14",
        number_key=numbers.number_key("45/2019/QH14"),
        doc_type=law_type,
        issuer=central,
        title="Bộ luật Lao động",
        issued_on=dt.date(2019, 11, 20),
        effective_from=dt.date(2021, 1, 1),
        status="in_force",
        status_on=dt.date(2026, 1, 1),
    )
    docs = []
    for i in range(dependents):
        year = 2021 + i % 5
        number = f"{i + 1}/{year}/QĐ-UBND"
        docs.append(
            Document(
                number=number,
                number_key=numbers.number_key(number),
                doc_type=decision,
                issuer=province,
                title=f"Quy định chi tiết thi hành Bộ luật Lao động, văn bản {i + 1}",
                issued_on=dt.date(year, 3, 1),
                effective_from=dt.date(year, 3, 15),
                status="in_force",
                status_on=dt.date(2026, 1, 1),
            )
        )
    made = Document.objects.bulk_create(docs, batch_size=2_000)
    Relation.objects.bulk_create(
        [Relation(source=d, target=law, kind="basis", effective_on=d.effective_from, provisions=[]) for d in made],
        batch_size=2_000,
    )
    return int(law.pk)


def replace(law_id: int, round_no: int) -> int:
    """A new law replacing the old one, recorded without events (the bench sends the event's task itself)."""
    from backend.catalogue.models import Authority, Document, DocumentType, Relation
    from legal import numbers

    number = f"{round_no}/2025/QH15"
    new = Document.objects.create(
        number=number,
        number_key=numbers.number_key(number),
        doc_type=DocumentType.objects.get(code="luat"),
        issuer=Authority.objects.get(code="QH"),
        title="Bộ luật Lao động (sửa đổi)",
        issued_on=dt.date(2025, 6, 1),
        effective_from=dt.date(2026, 1, 1),
        status="in_force",
        status_on=dt.date(2026, 1, 1),
    )
    relation = Relation.objects.create(
        source=new, target_id=law_id, kind="replaces", effective_on=dt.date(2026, 1, 1), provisions=[]
    )
    return int(relation.pk)


def count_tasks(relation_id: int) -> int:
    from backend.reviews.models import ReviewTask

    return ReviewTask.objects.filter(plan__trigger_key=f"relation:{relation_id}").count()


def baseline(law_id: int) -> float:
    from django.db import transaction

    from backend.catalogue.models import Relation
    from backend.reviews.models import ReviewPlan, ReviewTask

    ids = list(Relation.objects.filter(target_id=law_id, kind="basis").values_list("source_id", flat=True))
    started = time.perf_counter()
    with transaction.atomic():
        plan = ReviewPlan.objects.create(title="baseline", kind="triggered", deadline=dt.date(2026, 12, 31))
        ReviewTask.objects.bulk_create(
            [ReviewTask(plan=plan, document_id=pk, due_on=plan.deadline) for pk in ids], batch_size=2_000
        )
    elapsed = time.perf_counter() - started
    ReviewPlan.objects.filter(pk=plan.pk).delete()
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dependents", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--no-worker", action="store_true", help="skip the real-worker measurement")
    args = parser.parse_args(argv)
    data_dir = tempfile.mkdtemp(prefix="hieuluc-bench-fanout-")
    worker: subprocess.Popen[bytes] | None = None
    failed = False
    try:
        admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME}")
        admin_sql(f"CREATE DATABASE {DB_NAME}")
        env = setup_env(data_dir, with_redis=not args.no_worker)
        os.environ.update(env)
        if args.no_worker:
            os.environ.pop("REDIS_URL", None)
        subprocess.run([str(ROOT / ".venv/bin/hieuluc"), "migrate", "-v", "0"], env=env, check=True)
        import django

        django.setup()
        from workers import tasks
        from workers.celery import app

        law_id = make_data(args.dependents)
        log(f"data: 1 law, {args.dependents} documents with it as their basis")
        rows: list[tuple[str, float]] = []
        for _ in range(args.rounds):
            rows.append(("baseline (one bulk_create)", baseline(law_id)))
        for r in range(args.rounds):
            relation_id = replace(law_id, 100 + r)
            app.conf.task_always_eager = True
            started = time.perf_counter()
            tasks.reviews_on_relation_added(relation_id)
            elapsed = time.perf_counter() - started
            app.conf.task_always_eager = not bool(os.environ.get("REDIS_URL"))
            made = count_tasks(relation_id)
            failed |= made != args.dependents
            rows.append(("in-process", elapsed))
            log(f"in-process fan-out: {made} review tasks in {elapsed:.2f} s")
            again = tasks.reviews_on_relation_added(relation_id)
            failed |= count_tasks(relation_id) != args.dependents or again["plan"] is None
        if not args.no_worker:
            import redis

            redis.Redis.from_url(REDIS).flushdb()
            worker = subprocess.Popen(
                [
                    str(ROOT / ".venv/bin/celery"),
                    "-A",
                    "workers",
                    "worker",
                    "-Q",
                    "default",
                    "-c",
                    "2",
                    "-l",
                    "warning",
                ],
                env=env,
                cwd=ROOT,
            )
            time.sleep(1)
            ping_deadline = time.time() + 60
            while not app.control.ping(timeout=1.0):
                if time.time() > ping_deadline:
                    raise RuntimeError("the Celery worker did not answer")
            for r in range(args.rounds):
                relation_id = replace(law_id, 200 + r)
                started = time.perf_counter()
                tasks.reviews_on_relation_added.delay(relation_id)
                deadline = time.time() + 300
                while count_tasks(relation_id) < args.dependents:
                    if time.time() > deadline:
                        raise RuntimeError("the worker did not finish the fan-out in 300 s")
                    time.sleep(0.02)
                elapsed = time.perf_counter() - started
                rows.append(("worker (Redis, 2 processes)", elapsed))
                log(f"worker fan-out: {args.dependents} review tasks in {elapsed:.2f} s")
        base = min(v for name, v in rows if name.startswith("baseline"))
        print()
        print(f"== Triggered-review fan-out to {args.dependents} dependents ==")
        print(f"{'run':<32} {'seconds':>8} {'x baseline':>11}")
        for name, value in rows:
            print(f"{name:<32} {value:>8.2f} {value / base:>11.1f}")
        worst = max(v for name, v in rows if not name.startswith("baseline"))
        verdict = "MEETS" if worst < TARGET_SECONDS else "MISSES"
        print(
            f"\nVERDICT: {verdict} the target (under {TARGET_SECONDS:.0f} s at 10,000 dependents): "
            f"slowest {worst:.2f} s"
        )
        print("checks: " + ("FAILED (duplicates or missing tasks)" if failed else "no duplicate, none missing"))
        return 1 if failed else 0
    except KeyboardInterrupt:
        return 130
    finally:
        if worker is not None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
        try:
            from django.db import connections

            connections.close_all()
        except Exception:
            pass
        admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME}")
        subprocess.run(["rm", "-rf", data_dir], check=False)


if __name__ == "__main__":
    sys.exit(main())
