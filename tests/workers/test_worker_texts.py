"""The day an amendment applies, the daily pass of the texts re-indexes its target: a real Celery worker on the
search queue runs search.reindex_texts_taking_effect, which enqueues search.index_documents, which the same worker
runs; the index then holds the wording in force."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from celery import Celery

from backend.catalogue.selectors import today
from backend.consolidation import services
from backend.searching import engine
from backend.searching.documents import articles, to_indexed
from legal import operations as legal_ops
from search.types import SearchRequest
from tests.catalogue import factories as f
from tests.workers.conftest import REDIS_URL, WorkerProcess, flush_redis, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
BASE_TEXT = """QUYẾT ĐỊNH
Điều 1. Phí chợ
1. Mức phí do Ủy ban nhân dân cấp huyện quy định.
Điều 2. Hiệu lực thi hành
Quyết định này có hiệu lực kể từ ngày 15 tháng 3 năm 2024.
"""
NEW_WORDS = "biểu giá thống nhất toàn tỉnh"


@pytest.fixture
def search_worker(tmp_path: Path) -> Iterator[Celery]:
    """A worker on the search queue, indexing into the test's own index folder (HIEULUC_DATA_DIR/index)."""
    flush_redis()
    process = WorkerProcess(tmp_path, queues="search")
    process.start()
    try:
        yield Celery("test-producer", broker=REDIS_URL)
    finally:
        process.stop()
        print(process.log())


def _ids_matching(words: str) -> list[int]:
    """The documents with these words (near matches of a relaxed answer, issue #15, left out)."""
    engine.reset()  # a fresh reader sees the worker's last commit
    page = engine.current().search(SearchRequest(query=words))
    return [hit.id for hit in page.hits[: page.exact_total if page.relaxed else None]]


def test_the_day_an_amendment_applies_its_target_is_indexed_again(search_worker: Celery) -> None:
    day = today()
    base = f.document("20/2024/QĐ-UBND", issued="2024-03-01", effective="2024-03-15", text=BASE_TEXT)
    amending = f.document("15/2025/QĐ-UBND", issued="2024-06-01", effective=day.isoformat())
    read = [
        legal_ops.Operation(
            kind="replace", target_eid="dieu-1/khoan-1", applies_on=day, source="s", seq=1, target="b",
            source_eid="dieu-1/khoan-1", instruction="1. Sửa đổi khoản 1 Điều 1 như sau:",
            new_text=f"1. Mức phí theo {NEW_WORDS}.",
        ),
    ]  # fmt: skip
    for op in services.operations_store_proposal(actor="tests", source=amending, proposal=read, targets={"b": base}):
        services.operation_confirm(actor="tests", operation=op, expected_version=op.version)
    # The index as it stood the day before: the original wording (what yesterday's indexing wrote).
    base.refresh_from_db()
    yesterday = dataclasses.replace(to_indexed(base), text=base.text, articles=tuple(articles(base.structure)))
    engine.current().upsert([yesterday])
    engine.reset()  # hand the index writer to the worker
    assert _ids_matching(NEW_WORDS) == []

    search_worker.send_task("search.reindex_texts_taking_effect", kwargs={"on": day.isoformat()}, queue="search")
    assert wait_for(lambda: _ids_matching(NEW_WORDS) == [base.pk], timeout=90), "the target was not indexed again"
    assert _ids_matching("cấp huyện quy định") == []
