"""Benchmark: the text of a document on a date (issue #14 §5), against reading its stored original.

Command (PostgreSQL must run at 127.0.0.1:5432; the bench creates and drops its own database):

    .venv/bin/python bench/text_speed.py [--articles 300] [--sources 20] [--operations 5] [--repeat 200]

It generates a decision of --articles articles (3 clauses each, points under every second clause), and
--sources amending decisions, each with --operations confirmed operations (a clause replaced, a point repealed,
an article inserted, words substituted in an article, an article renamed), on dates a month apart, all through the
product's own services (so the derived relations and the audit are written as in production). Then, in one run
and in alternating order so that noise hits both sides alike, the median of --repeat requests of:

- `original`: the baseline, reading the stored original as the document page does: the document's row and its
  structure JSON (one query), encoded to the bytes an answer would carry;
- `text`: the text on a date once its versions are stored (texts.version_body: one indexed read of stored bytes);
- `text-api`: GET /api/v1/documents/{id}/text/?on=… through Django's test client (the whole HTTP stack), and
  `detail-api`: GET /api/v1/documents/{id}/ the same way (what a reader of the original gets today);
- `versions-api` and `compare-api` (two dates a year apart);
- `build`: the first request after a change: every version computed by legal.consolidate, the list of versions
  and the one asked for stored.

Targets: the text on a date ≤ 20 ms; once built, serving it ≤ 2× reading the stored original; versions and
compare ≤ 50 ms. Ratios are to `original` (and text-api to detail-api) from the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PG = "postgres://postgres@127.0.0.1:5432"
DB_NAME = f"hieuluc_bench_text_{os.getpid()}"  # one per run: two runs never share (or drop) one database
ACTOR = "bench"


def _psql(sql: str) -> None:
    subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c", sql], check=True)


def _setup_django() -> None:
    os.environ["DATABASE_URL"] = f"{PG}/{DB_NAME}"
    os.environ.setdefault("HIEULUC_DATA_DIR", tempfile.mkdtemp(prefix="hieuluc-bench-"))
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-used-anywhere-0123456789")
    os.environ["HIEULUC_DEBUG"] = "1"  # the test client's host and no HTTPS redirect
    os.environ.pop("REDIS_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "backend.config.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def base_text(articles: int) -> str:
    lines = ["ỦY BAN NHÂN DÂN TỈNH AN GIANG", "QUYẾT ĐỊNH", "Ban hành Quy định thử nghiệm", ""]
    for number in range(1, articles + 1):
        lines.append(f"Điều {number}. Quy định số {number} về quản lý hành chính")
        for clause in range(1, 4):
            lines.append(f"{clause}. Cơ quan chuyên môn thực hiện nhiệm vụ {number}.{clause} theo quy định.")
            if clause % 2 == 0:
                lines += [f"{letter}) Nội dung {letter} của khoản {clause} Điều {number};" for letter in "abc"]
    return "\n".join(lines)


def operations_for(source: int, per_source: int, articles: int) -> list[Any]:
    from legal.operations import Operation

    on = dt.date(2025, 1, 1) + dt.timedelta(days=30 * source)
    article = 1 + (source * 7) % (articles - 5)
    made = [
        Operation(kind="replace", target_eid=f"dieu-{article}/khoan-1", applies_on=on, source="s", seq=1,
                  target="b", new_text=f"1. Nội dung khoản 1 Điều {article} được sửa đổi lần {source}."),
        Operation(kind="repeal", target_eid=f"dieu-{article + 1}/khoan-2/diem-b", applies_on=on, source="s", seq=2,
                  target="b"),
        Operation(kind="insert_after", target_eid=f"dieu-{article + 2}a", anchor_eid=f"dieu-{article + 2}",
                  applies_on=on, source="s", seq=3, target="b",
                  new_text=f"Điều {article + 2}a. Điều bổ sung\nNội dung điều bổ sung lần {source}."),
        Operation(kind="substitute_words", target_eid="", scope_eids=(f"dieu-{article + 3}",), applies_on=on,
                  source="s", seq=4, target="b", old_words="Cơ quan chuyên môn", new_words="Sở chuyên ngành"),
        Operation(kind="rename", target_eid=f"dieu-{article + 4}", applies_on=on, source="s", seq=5, target="b",
                  new_text=f"Điều {article + 4}. Tên mới lần {source}"),
    ]  # fmt: skip
    return made[:per_source]


def generate(articles: int, sources: int, per_source: int) -> Any:
    from backend.consolidation import services
    from tests.catalogue import factories as f

    base = f.document("01/2024/QĐ-UBND", issued="2024-01-02", effective="2024-01-15", text=base_text(articles))
    for source in range(1, sources + 1):
        on = dt.date(2025, 1, 1) + dt.timedelta(days=30 * source)
        amending = f.document(
            f"{source + 1:02d}/2025/QĐ-UBND", issued=(on - dt.timedelta(days=10)).isoformat(), effective=on.isoformat()
        )
        proposal = operations_for(source, per_source, articles)
        for op in services.operations_store_proposal(actor=ACTOR, source=amending, proposal=proposal,
                                                     targets={"b": base}):  # fmt: skip
            services.operation_confirm(actor=ACTOR, operation=op, expected_version=op.version)
    base.refresh_from_db()
    return base


def median_ms(run: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure(document: Any, repeat: int) -> dict[str, float]:
    from django.test import Client

    from backend.catalogue.models import Document
    from backend.consolidation import texts

    client = Client()
    on = "2026-06-01"
    day = dt.date.fromisoformat(on)

    def original() -> bytes:
        structure = Document.objects.filter(pk=document.pk).values_list("structure", flat=True).first()
        return json.dumps(structure, ensure_ascii=False, separators=(",", ":")).encode()

    def text() -> bytes | None:
        return texts.version_body(document, day)

    def get(url: str) -> Callable[[], Any]:
        def run() -> Any:
            answer = client.get(url)
            assert answer.status_code == 200, answer.content[:300]
            return answer.content

        return run

    def build() -> Any:  # the first request after a change: every version computed, the one asked for stored
        texts.forget([document.pk])
        return texts.version_body(document, day)

    pk = document.pk
    runs: dict[str, Callable[[], Any]] = {
        "original": original,
        "text": text,
        "detail-api": get(f"/api/v1/documents/{pk}/"),
        "text-api": get(f"/api/v1/documents/{pk}/text/?on={on}"),
        "versions-api": get(f"/api/v1/documents/{pk}/versions/"),
        "compare-api": get(f"/api/v1/documents/{pk}/text/?compare=2025-03-01,2026-03-01"),
    }
    build()
    for run in runs.values():  # warm up, and check every answer once
        run()
    results: dict[str, list[float]] = {name: [] for name in [*runs, "build"]}
    for round_ in range(4):  # A-B-…-…-B-A: noise hits every measurement alike
        order = list(runs.items()) if round_ % 2 == 0 else list(reversed(runs.items()))
        for name, run in order:
            results[name].append(median_ms(run, repeat))
        results["build"].append(median_ms(build, max(3, repeat // 20)))
        text()  # leave the versions built for the next round
    return {name: statistics.median(values) for name, values in results.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--sources", type=int, default=20)
    parser.add_argument("--operations", type=int, default=5, help="operations per amending document (1-5)")
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    _psql(f"DROP DATABASE IF EXISTS {DB_NAME}")
    _psql(f"CREATE DATABASE {DB_NAME}")
    try:
        _setup_django()
        start = time.perf_counter()
        document = generate(args.articles, args.sources, max(1, min(args.operations, 5)))
        print(f"Generated {args.articles} articles, {args.sources} amending documents x {args.operations} "
              f"operations in {time.perf_counter() - start:.1f} s")  # fmt: skip
        from backend.consolidation.models import TextBuild

        figures = measure(document, args.repeat)
        versions = len(TextBuild.objects.get(pk=document.pk).versions)
        print(f"{versions} versions of the text\n")
        print(f"{'measurement':<14} {'median ms':>10} {'ratio':>8}")
        for name, value in figures.items():
            base = figures["detail-api"] if name == "text-api" else figures["original"]
            print(f"{name:<14} {value:>10.2f} {value / base:>7.2f}x")
        served, build, text_api = figures["text"], figures["build"], figures["text-api"]
        print()
        print(f"Text on a date, served: {served:.2f} ms = {served / figures['original']:.2f}x reading the stored "
              f"original (target <= 2x); through the API {text_api:.2f} ms = "
              f"{text_api / figures['detail-api']:.2f}x the document's own detail (target <= 20 ms)")  # fmt: skip
        print(f"First request after a change (every version computed, the one asked for stored): {build:.1f} ms")
        print(f"Versions {figures['versions-api']:.2f} ms, compare {figures['compare-api']:.2f} ms (target <= 50 ms)")
    finally:
        from django.db import connections

        connections.close_all()
        _psql(f"DROP DATABASE IF EXISTS {DB_NAME}")


if __name__ == "__main__":
    main()
