"""What a Vietnamese syllable looks like once folded (no diacritics, đ -> d): the one copy of that shape.

Vietnamese is written in syllables of a closed shape: an optional initial consonant (``ngh``, ``tr``, ``qu``…), a
vowel group of one to three letters, and an optional final (``ch``, ``ng``, ``nh``, ``c``, ``m``, ``n``, ``p``,
``t``). Abbreviations (``ubnd``, ``hdnd``, ``kt``, ``qd``), fused syllables typed without their space (``giadat``)
and most typos (``dihn``) do not have that shape. Two readers rely on it: the number grammar
(:mod:`legal.numbers`: in "cv 1234 kt", "kt" is a symbol part, not a word) and search's forgiving step
(:mod:`search.forgiving`: split "giadat" into syllables, and only propose corrections that could be words).

The pattern accepts a few letter strings that no dictionary lists ("khuo"); it is a shape, not a lexicon.
Pure Python, no Django.
"""

from __future__ import annotations

import re

__all__ = ["ALPHABET", "is_syllable_shaped"]

# Letters of folded Vietnamese (f, j, w, z only appear in loan words).
ALPHABET = "abcdeghiklmnopqrstuvxy"

_SYLLABLE_RE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:[aeiouy]{1,3})"
    r"(?:ch|ng|nh|[cmnpt])?",
    re.ASCII,
)


def is_syllable_shaped(word: str) -> bool:
    """Whether a folded lower-case word has the shape of one Vietnamese syllable ("nghieng", "dat", "a")."""
    return len(word) <= 7 and _SYLLABLE_RE.fullmatch(word) is not None
