"""Watching: one status change followed by 100,000 confirmed subscribers (issue #16), in-process.

Command (from the repository root; PostgreSQL at 127.0.0.1:5432 with trust auth):

    .venv/bin/python bench/watch.py [--subscribers 100000] [--rounds 2]

It creates its own database (`hieuluc_bench_watch_<pid>`, dropped at the end), migrates it, makes one public
document and --subscribers confirmed e-mail subscriptions to it (bulk created, each its own address), and uses
Django's locmem e-mail backend. Each round the document changes status (a StatusChange and its `status_changed`
payload, as the daily pass records them) and the bench times, from the outbox consumer being handed the payload
(`watching.events`) until every subscriber's Delivery row exists and every digest e-mail is in the backend's
outbox: the watch event, the fan-out, the chunk tasks of 1,000 (eager, as the embedded default runs tasks), each
chunk's digests (subscriptions locked, deliveries read and marked, messages built with their unsubscribe tokens
and sent in one call).

The baseline is a bare send of as many plain messages (subject, body, one recipient) to the same locmem backend in
one call: the least any sender does per message. The time per message is printed, and its ratio to the baseline's.
Then the fan-out is run again and must send nothing. Target: everything queued in at most 10 s. Exit status 0
whatever the figures; 1 if a check failed.

`measure()` runs on the current database (the test suite's smoke run calls it with a few hundred subscribers).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PG = "postgres://postgres@127.0.0.1:5432"
DB_NAME = f"hieuluc_bench_watch_{os.getpid()}"
TARGET_SECONDS = 10.0


@dataclass(frozen=True)
class Round:
    subscribers: int
    seconds: float  # until every message is queued (its Delivery row, its chunk's digest task)
    sending: float  # the digest tasks: every e-mail built and handed to the backend
    messages: int
    deliveries: int
    baseline_seconds: float
    resent: int

    @property
    def per_message_ms(self) -> float:
        return 1000 * self.sending / max(self.messages, 1)

    @property
    def baseline_ms(self) -> float:
        return 1000 * self.baseline_seconds / max(self.subscribers, 1)


def log(msg: str) -> None:
    print(f"[{dt.datetime.now(dt.UTC):%H:%M:%S}] {msg}", flush=True)


def make_data(subscribers: int) -> int:
    """One public document and its confirmed followers; returns the document's id."""
    from django.utils import timezone

    from backend.catalogue.models import Authority, Document, DocumentType
    from backend.watching import tokens
    from backend.watching.models import Subscription
    from legal import numbers

    province = Authority.objects.get_or_create(
        code="UBND-AG", defaults={"name": "UBND tỉnh An Giang", "level": "province"}
    )[0]
    decision = DocumentType.objects.get_or_create(code="quyet-dinh", defaults={"name": "Quyết định"})[0]
    number = "12/2024/QĐ-UBND"
    document = Document.objects.create(
        number=number,
        number_key=numbers.number_key(number),
        doc_type=decision,
        issuer=province,
        title="Quy định phí trông giữ xe trên địa bàn tỉnh",
        issued_on=dt.date(2024, 3, 1),
        effective_from=dt.date(2024, 3, 11),
        status="in_force",
        status_on=dt.date(2024, 3, 11),
    )
    now = timezone.now()
    rows = []
    for i in range(subscribers):
        address = f"nguoi.theo.doi.{i}@example.org"
        rows.append(
            Subscription(
                kind="document",
                target=str(document.pk),
                email=address,
                email_hash=tokens.address_hash(address),
                confirmed_at=now,
            )
        )
    Subscription.objects.bulk_create(rows, batch_size=5_000)
    return int(document.pk)


def _status_change(document_id: int, day: dt.date, status: str, previous: str) -> dict[str, object]:
    from backend.catalogue.models import Document, StatusChange

    StatusChange.objects.create(
        document_id=document_id, changed_on=day, previous_status=previous, status=status, reason="replaced"
    )
    Document.objects.filter(pk=document_id).update(status=status, status_on=day)
    return {"document_id": document_id, "previous_status": previous, "status": status, "changed_on": day.isoformat()}


def baseline(count: int) -> float:
    """A bare send of `count` plain messages to the configured (locmem) backend, in one call."""
    from django.core import mail
    from django.core.mail import EmailMessage, get_connection

    messages = [
        EmailMessage(subject="[Hiệu Lực] Cập nhật", body="Văn bản bạn theo dõi đã thay đổi.", to=[f"n{i}@example.org"])
        for i in range(count)
    ]
    started = time.perf_counter()
    get_connection().send_messages(messages)
    elapsed = time.perf_counter() - started
    mail.outbox = []
    return elapsed


def measure(document_id: int, subscribers: int, day: dt.date, status: str, previous: str) -> Round:
    """One status change of the document, told to every follower. The tasks the backend enqueues are collected
    (as a broker holds them) and run by the bench: first the fan-out and its chunks, timed until every Delivery row
    exists and every chunk's digest task is queued; then the digest tasks, timed per message."""
    from django.core import mail
    from django.db import transaction

    from backend.outbox import consumers
    from backend.watching import fanout, handlers
    from backend.watching.models import Delivery, WatchEvent
    from workers.celery import app

    consumer = consumers.get("watching.events")
    assert consumer is not None
    queue: list[tuple[str, tuple[object, ...]]] = []

    def collect(name: str, *args: object) -> None:
        queue.append((name, args))

    saved = handlers.enqueue, fanout.enqueue
    handlers.enqueue = fanout.enqueue = collect  # type: ignore[assignment]
    try:
        payload = _status_change(document_id, day, status, previous)
        mail.outbox = []
        before = Delivery.objects.count()
        started = time.perf_counter()
        with transaction.atomic():  # as the outbox delivers: the consumer in a transaction, its fan-out after commit
            consumer.deliver([payload])
        sends: list[tuple[str, tuple[object, ...]]] = []
        while queue:
            name, args = queue.pop(0)
            if name == "watching.send_digest_chunk":
                sends.append((name, args))
            else:
                app.tasks[name].run(*args)
        queued = time.perf_counter() - started
        deliveries = Delivery.objects.count() - before
        started = time.perf_counter()
        for name, args in sends:
            app.tasks[name].run(*args)
        sending = time.perf_counter() - started
    finally:
        handlers.enqueue, fanout.enqueue = saved  # type: ignore[assignment]
    messages = len(mail.outbox)
    base = baseline(subscribers)
    # A redelivered fan-out (a retry, a lost acknowledgement) sends nothing twice.
    mail.outbox = []
    event = WatchEvent.objects.get(key=f"status:{document_id}:{status}:{day.isoformat()}")
    fanout.fan_out([event.pk])
    resent = len(mail.outbox)
    mail.outbox = []
    return Round(subscribers, queued, sending, messages, deliveries, base, resent)


def _setup(data_dir: str) -> None:
    os.environ["DATABASE_URL"] = f"{PG}/{DB_NAME}"
    os.environ["HIEULUC_DATA_DIR"] = data_dir
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-used-anywhere-0123456789")
    os.environ["HIEULUC_DEBUG"] = "1"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.pop("REDIS_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "backend.config.settings"


def _admin_sql(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    data_dir = tempfile.mkdtemp(prefix="hieuluc-bench-watch-")
    failed = False
    try:
        _admin_sql(f"CREATE DATABASE {DB_NAME}")
        _setup(data_dir)
        subprocess.run([str(ROOT / ".venv/bin/hieuluc"), "migrate", "-v", "0"], env=dict(os.environ), check=True)
        import logging

        import django

        django.setup()
        logging.getLogger("celery").setLevel(logging.WARNING)
        from django.core import mail

        mail.outbox = []
        document_id = make_data(args.subscribers)
        log(f"data: 1 document, {args.subscribers} confirmed subscribers")
        rounds = []
        day = dt.date(2027, 1, 1)
        states = [("expired", "in_force"), ("in_force", "expired")]
        for r in range(args.rounds):
            status, previous = states[r % 2]
            result = measure(document_id, args.subscribers, day + dt.timedelta(days=r), status, previous)
            failed |= result.messages != args.subscribers or result.deliveries != args.subscribers or result.resent
            rounds.append(result)
            log(
                f"round {r + 1}: {result.deliveries} deliveries queued in {result.seconds:.2f} s, "
                f"{result.messages} e-mails sent in {result.sending:.2f} s"
            )
        print()
        print(f"== One status change, {args.subscribers} confirmed subscribers (locmem e-mail) ==")
        print(f"{'round':<6} {'queued s':>9} {'sent s':>7} {'ms/message':>11} {'bare ms/message':>16} {'ratio':>6}")
        for n, result in enumerate(rounds, 1):
            ratio = result.per_message_ms / result.baseline_ms
            print(
                f"{n:<6} {result.seconds:>9.2f} {result.sending:>7.2f} {result.per_message_ms:>11.3f} "
                f"{result.baseline_ms:>16.4f} {ratio:>6.1f}"
            )
        worst = max(r.seconds for r in rounds)
        verdict = "MEETS" if worst <= TARGET_SECONDS else "MISSES"
        print(
            f"\nVERDICT: {verdict} the target (everything queued in at most {TARGET_SECONDS:.0f} s): "
            f"slowest {worst:.2f} s"
        )
        print("checks: " + ("FAILED (missing or repeated messages)" if failed else "one e-mail each, none sent twice"))
        return 1 if failed else 0
    finally:
        try:
            from django.db import connections

            connections.close_all()
        except Exception:
            pass
        _admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME}")
        subprocess.run(["rm", "-rf", data_dir], check=False)


if __name__ == "__main__":
    sys.exit(main())
