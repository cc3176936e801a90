"""Smoke test of the real-queries set of bench/relevance.py (issue #15): the query file is well formed, every relevant
record it names exists in the shared corpus (skipped where the corpus is absent), the bench runs on a slice with
tantivy and the BM25 baseline and prints its per-kind table, and without the corpus it says so and exits 0."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from bench import real_records, relevance

CORPUS = relevance.SHARED_CORPUS


def _records() -> list[real_records.Record]:
    if not real_records.available(CORPUS):  # the marker skips where ../shared/corpus is absent altogether
        pytest.skip(f"the Bình Dương and An Giang records are not under {CORPUS}")
    return real_records.load(CORPUS)


def _queries() -> list[real_records.RealQuery]:
    return real_records.load_queries(relevance.REAL_QUERIES)


def test_the_query_file_has_enough_queries_of_every_kind() -> None:
    queries = _queries()
    assert len(queries) >= 150
    kinds = Counter(q.kind for q in queries)
    assert set(kinds) == set(relevance.KINDS)
    assert min(kinds.values()) >= 20, kinds
    assert len({q.id for q in queries}) == len(queries)
    for query in queries:
        assert query.text.strip(), query.id
        assert query.relevant, query.id
        assert all(key.startswith(("bd:", "ag:")) for key in query.relevant), query.id
    # The header says how the queries were written (blind) and that they are never edited after a run.
    about = " ".join(json.loads(relevance.REAL_QUERIES.read_text(encoding="utf-8"))["about"])
    assert "blind" in about and "Never edit" in about


@pytest.mark.corpus
def test_every_relevant_record_is_in_the_corpus_with_its_duplicates() -> None:
    records = _records()
    assert len(records) == len({r.key for r in records})
    same = real_records.same_document(records)
    for query in _queries():
        for key in query.relevant:
            assert key in same, (query.id, key)
            # Any record with the same number and date is the same document: it is relevant too.
            assert set(same[key]) <= set(query.relevant), (query.id, key)


@pytest.mark.corpus
def test_the_bench_runs_on_a_slice_and_prints_the_per_kind_table(capsys: pytest.CaptureFixture[str]) -> None:
    records = _records()
    argv = ["--sets", "real", "--systems", "tantivy", "bm25", "--limit", "2", "--no-results"]
    assert relevance.main(argv) == 0
    out = capsys.readouterr().out
    assert f"real: {len(records)} records, {2 * len(relevance.KINDS)} queries" in out
    for system in ("tantivy", "bm25"):
        for kind in (*relevance.KINDS, "overall"):
            assert any(line.split()[:2] == [system, kind] for line in out.splitlines()), (system, kind)
        assert f"real {system}: hits@10 " in out
    assert "target >= 0.97" in out and "target >= 0.92" in out


def test_without_the_corpus_the_bench_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--corpus", str(tmp_path), "--shared-corpus", str(tmp_path), "--no-results"]
    assert relevance.main(argv) == 0
    out = capsys.readouterr().out
    assert "ALQAC corpus not found" in out
    assert "Real records not found" in out
