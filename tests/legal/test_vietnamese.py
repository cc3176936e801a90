"""The shape of a folded Vietnamese syllable (legal/vietnamese.py)."""

from __future__ import annotations

import pytest

from legal.vietnamese import is_syllable_shaped


@pytest.mark.parametrize("word", ["a", "dat", "nghieng", "khuyen", "quyet", "gia", "truong", "ngoai", "tu", "so"])
def test_syllables(word: str) -> None:
    assert is_syllable_shaped(word)


@pytest.mark.parametrize("word", ["ubnd", "hdnd", "kt", "vx", "qd", "giadat", "hocphi", "dihn", "bcd", "ctr", ""])
def test_abbreviations_fused_words_and_typos_are_not_syllables(word: str) -> None:
    assert not is_syllable_shaped(word)
