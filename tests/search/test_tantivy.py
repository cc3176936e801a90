"""What is particular to the embedded tantivy engine: the folder, the writer lock, other processes, the build pool.

(Its search behaviour is tested with the other engines' in test_behaviour.py.)
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import tantivy

import search
from search import tantivy_engine
from search.tantivy_engine import SCHEMA_VERSION, TantivyEngine
from search.types import EngineUnavailable, Filters, SearchRequest
from tests.search.corpus import BY_ID, CORPUS


def _ids(engine: TantivyEngine, query: str) -> list[int]:
    return [h.id for h in engine.search(SearchRequest(query, limit=100, filters=Filters(published_only=False))).hits]


def test_the_index_lives_in_a_versioned_folder_and_persists(tmp_path: Path) -> None:
    engine = TantivyEngine(tmp_path)
    engine.upsert(CORPUS[:3])
    engine.close()
    assert (tmp_path / f"tantivy-v{SCHEMA_VERSION}" / "meta.json").exists()
    reopened = TantivyEngine(tmp_path)
    assert set(reopened.fingerprints()) == {d.id for d in CORPUS[:3]}
    assert reopened.health() == {"ok": True, "engine": "tantivy", "documents": 3}


def test_a_writer_held_elsewhere_is_engine_unavailable(tmp_path: Path) -> None:
    engine = TantivyEngine(tmp_path, writer_wait=0.1)
    engine.upsert(CORPUS[:1])
    other = tantivy.Index.open(str(tmp_path / f"tantivy-v{SCHEMA_VERSION}"))
    held = other.writer(heap_size=15_000_000, num_threads=1)  # as another process would
    try:
        with pytest.raises(EngineUnavailable):
            engine.upsert(CORPUS[1:2])
        with pytest.raises(EngineUnavailable):
            engine.delete([1])
        with pytest.raises(EngineUnavailable):
            engine.rebuild(CORPUS)
        assert _ids(engine, "") == [1]  # reading goes on
    finally:
        held.wait_merging_threads()  # releases the lock
    engine.upsert(CORPUS[1:2])
    assert set(_ids(engine, "")) == {1, 2}


def test_another_engine_on_the_same_folder_sees_the_commits(tmp_path: Path) -> None:
    writer = TantivyEngine(tmp_path)
    reader = TantivyEngine(tmp_path)
    assert _ids(reader, "") == []
    writer.upsert([BY_ID[1], BY_ID[2]])
    assert set(_ids(reader, "")) == {1, 2}
    writer.delete([1])
    assert _ids(reader, "") == [2]


def test_a_closed_engine_is_unavailable(tmp_path: Path) -> None:
    engine = TantivyEngine(None)
    engine.close()
    assert engine.health()["ok"] is False
    with pytest.raises(EngineUnavailable):
        engine.search(SearchRequest("đất"))
    with pytest.raises(EngineUnavailable):
        engine.upsert(CORPUS[:1])


def test_ids_must_fit_the_sort_keys() -> None:
    engine = TantivyEngine(None)
    with pytest.raises(ValueError):
        engine.upsert([dataclasses.replace(BY_ID[1], id=2**40)])


@pytest.mark.parametrize("workers", [0, 2])
def test_rebuild_with_and_without_analysis_workers_gives_the_same_index(
    workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tantivy_engine, "_POOL_THRESHOLD", 10)
    monkeypatch.setattr(tantivy_engine, "_CHUNK", 7)
    engine = TantivyEngine(None, build_workers=workers)
    assert engine.rebuild(iter(CORPUS)) == len(CORPUS)
    assert engine.fingerprints() == {d.id: d.fingerprint() for d in CORPUS}
    reference = TantivyEngine(None, build_workers=0)
    reference.upsert(CORPUS)
    for query in ("đất đai", "15/2017/QĐ-UBND", "Nhà nước thu hồi đất nông nghiệp thì được hỗ trợ những gì"):
        assert engine.search(SearchRequest(query)) == reference.search(SearchRequest(query))


def test_a_failing_rebuild_with_workers_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tantivy_engine, "_POOL_THRESHOLD", 10)
    engine = TantivyEngine(None, build_workers=2)
    engine.upsert(CORPUS[:3])
    broken = [*CORPUS[:20], dataclasses.replace(BY_ID[1], id=-1)]
    with pytest.raises(ValueError):
        engine.rebuild(broken)
    assert set(engine.fingerprints()) == {d.id for d in CORPUS[:3]}


def test_get_engine(tmp_path: Path) -> None:
    engine = search.get_engine("tantivy", path=tmp_path)
    assert isinstance(engine, search.TantivyEngine) and engine.name == "tantivy"
    assert isinstance(search.get_engine("tantivy", path=None), TantivyEngine)
    with pytest.raises(ValueError):
        search.get_engine("solr")
    with pytest.raises(AttributeError):
        _ = search.NoSuchThing  # type: ignore[attr-defined]
