"""Smoke test of bench/consolidation.py: it runs on the amendment corpus (skipped where the corpus is absent), says
so and exits 0 without it, and its hand-checked expectation file is well formed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import consolidation
from legal.operations import KINDS
from legal.provisions import parse_eid


@pytest.mark.corpus
def test_the_bench_reads_every_act_and_reads_none_wrongly(capsys: pytest.CaptureFixture[str]) -> None:
    assert consolidation.main(["--no-results"]) == 0
    out = capsys.readouterr().out
    assert "total" in out
    assert "read wrongly: 0;" in out
    assert "0 dropped" in out
    assert "on documents the corpus holds:" in out  # the share the 95 % target is about, apart from the others


def test_without_the_corpus_the_bench_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert consolidation.main(["--corpus", str(tmp_path), "--no-results"]) == 0
    assert "not found" in capsys.readouterr().out


def test_the_expectation_file_names_kinds_and_canonical_eids() -> None:
    acts = json.loads(consolidation.EXPECTED.read_text(encoding="utf-8"))["acts"]
    assert set(acts) == set(consolidation.TARGETS)
    for entries in acts.values():
        for entry in entries:
            assert entry["kind"] in KINDS
            parse_eid(entry["source_eid"])  # where the instruction sits is always a provision of the act
            eid = entry["target_eid"]
            if eid and not eid.startswith(("mau-so-", "phu-luc-")) and "1a" not in eid:
                parse_eid(eid)
