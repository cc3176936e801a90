"""Fixtures of the search tests: every engine of tests/search/engines.py runs the same behaviour suite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from search.types import Engine
from tests.search.corpus import CORPUS
from tests.search.engines import ENGINE_FACTORIES


@pytest.fixture(params=sorted(ENGINE_FACTORIES))
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty engine, one per test (for tests that write)."""
    with ENGINE_FACTORIES[request.param](tmp_path) as created:
        yield created


@pytest.fixture(scope="module", params=sorted(ENGINE_FACTORIES))
def loaded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """An engine holding tests/search/corpus.py, shared by a module's read-only tests (do not write to it)."""
    with ENGINE_FACTORIES[request.param](tmp_path_factory.mktemp(request.param)) as created:
        created.upsert(CORPUS)
        yield created
