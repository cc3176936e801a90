"""Highlighting and best-article choice, engine-independent (pure Python), so both engines show the same snippets.

Matching is on folded syllables: a term (folded) matches every spelling that folds to it, found by one regex over
the NFC text whose character classes hold every case and diacritic variant of each letter (:func:`_terms_re`).
Snippets are cut from the NFC form of the text, which looks the same as the original.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Mapping

from search import analysis
from search.types import IndexedArticle

__all__ = ["MARK_CLOSE", "MARK_OPEN", "best_article", "highlight"]

MARK_OPEN = "<mark>"
MARK_CLOSE = "</mark>"
_SPACES_RE = re.compile(r"\s+")
_ELLIPSIS = "…"


@functools.cache
def _variants() -> dict[str, str]:
    """folded character -> every character that folds to it (upper case and diacritics), for regex classes."""
    found: dict[str, set[str]] = {}
    for code in (*range(0x20, 0x250), *range(0x1E00, 0x1F00)):
        ch = chr(code)
        folded = analysis.fold(ch)
        found.setdefault(folded, {folded}).add(ch)
    return {folded: "".join(sorted(chars)) for folded, chars in found.items()}


def _char_class(folded: str) -> str:
    chars = _variants().get(folded)
    if chars is None or len(chars) == 1:
        return re.escape(folded)
    return "[" + "".join(re.escape(c) for c in chars) + "]"


@functools.lru_cache(maxsize=256)
def _terms_re(terms: frozenset[str]) -> re.Pattern[str]:
    """Whole syllables of the *unfolded* text whose folded form is one of ``terms`` ("dat" matches "Đất", "đặt"):
    one regex scan finds them without folding the text, which was most of the search API's highlighting time."""
    alternatives = "|".join("".join(_char_class(c) for c in term) for term in sorted(terms, key=lambda t: (-len(t), t)))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")


def _matches(text: str, terms: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, folded syllable) of every syllable of ``text`` (NFC) whose folded form is in ``terms``."""
    return [(m.start(), m.end(), analysis.fold(m.group())) for m in _terms_re(frozenset(terms)).finditer(text)]


_WORD_SLACK = 30  # a snippet edge moves at most this far to avoid cutting a word


def _word_start(text: str, pos: int) -> int:
    """``pos`` moved back to the start of the word it falls in (so that a snippet does not start mid-word)."""
    limit = max(0, pos - _WORD_SLACK)
    moved = pos
    while moved > limit and not text[moved - 1].isspace():
        moved -= 1
    return moved if moved == 0 or text[moved - 1].isspace() else pos


def _word_end(text: str, pos: int) -> int:
    limit = min(len(text), pos + _WORD_SLACK)
    moved = pos
    while moved < limit and not text[moved].isspace():
        moved += 1
    return moved if moved == len(text) or text[moved].isspace() else pos


def _render(text: str, start: int, end: int, matches: list[tuple[int, int, str]]) -> str:
    out: list[str] = []
    if start > 0:
        out.append(_ELLIPSIS)
    cursor = start
    for m_start, m_end, _ in matches:
        if m_start < start or m_end > end:
            continue
        out.append(html.escape(text[cursor:m_start], quote=False))
        out.append(MARK_OPEN + html.escape(text[m_start:m_end], quote=False) + MARK_CLOSE)
        cursor = m_end
    out.append(html.escape(text[cursor:end], quote=False))
    if end < len(text):
        out.append(_ELLIPSIS)
    return _SPACES_RE.sub(" ", "".join(out)).strip()


def _exact_first(
    text: str, matches: list[tuple[int, int, str]], exact: Mapping[str, str]
) -> list[tuple[int, int, str]]:
    """The matches without the other spellings of a word typed with diacritics, where the text has the typed one:
    "thuế" marks "thuế", not "thuê", in a text that has both (and "thuê" in a text that has only that)."""
    typed = {m[2] for m in matches if m[2] in exact and analysis.lower(text[m[0] : m[1]]) == exact[m[2]]}
    if not typed:
        return matches
    return [m for m in matches if m[2] not in typed or analysis.lower(text[m[0] : m[1]]) == exact[m[2]]]


def highlight(
    text: str, terms: set[str], *, fragments: int = 3, size: int = 160, exact: Mapping[str, str] | None = None
) -> list[str]:
    """Up to ``fragments`` snippets of about ``size`` characters of ``text``, in text order, with every syllable
    whose folded form is in ``terms`` wrapped in ``<mark>…</mark>``; the rest is HTML-escaped.

    ``terms`` are folded syllables (:func:`search.query.highlight_terms`). The windows with the most distinct
    terms win. Without any match, the beginning of the text is the one snippet (an empty text gives none).
    ``exact`` (folded -> the form typed, :func:`search.query.exact_forms`): where the text has a word in the form
    typed, only that form is marked, so the snippets show the exact matches.
    """
    text = analysis.nfc(text or "")
    if not text.strip() or fragments <= 0:
        return []
    size = max(size, 20)
    wanted = {analysis.fold(t) for t in terms if t}
    matches = _matches(text, wanted) if wanted else []
    if matches and exact:
        matches = _exact_first(text, matches, exact)
    if not matches:
        end = _word_end(text, min(size, len(text)))
        return [_render(text, 0, end, [])]

    # Candidate windows: one starting a little before each match; score = distinct terms, then matches.
    lead = size // 4
    candidates: list[tuple[int, int, int, int]] = []  # (-distinct, -count, start, end)
    j = 0
    for i, (m_start, _, _) in enumerate(matches):
        start = max(0, m_start - lead)
        end = min(len(text), start + size)
        j = max(j, i)
        while j + 1 < len(matches) and matches[j + 1][1] <= end:
            j += 1
        inside = matches[i : j + 1]
        candidates.append((-len({m[2] for m in inside}), -len(inside), start, end))
    candidates.sort()
    chosen: list[tuple[int, int]] = []
    for _, _, start, end in candidates:
        if len(chosen) >= fragments:
            break
        if any(start < c_end and c_start < end for c_start, c_end in chosen):
            continue
        chosen.append((start, end))
    snippets = []
    for start, end in sorted(chosen):
        start = _word_start(text, start)
        end = _word_end(text, end)
        snippets.append(_render(text, start, end, matches))
    return snippets


def _distinct_terms(text: str, terms: set[str]) -> int:
    return len({analysis.fold(found) for found in _terms_re(frozenset(terms)).findall(analysis.nfc(text))})


def best_article(articles: Iterable[IndexedArticle], terms: set[str]) -> IndexedArticle | None:
    """The article whose title and text contain the most distinct query terms (ties: the first one); None when no
    article contains any."""
    wanted = {analysis.fold(t) for t in terms if t}
    if not wanted:
        return None
    best: IndexedArticle | None = None
    best_count = 0
    for article in articles:
        count = _distinct_terms(f"{article.title}\n{article.text}", wanted)
        if count > best_count:
            best, best_count = article, count
    return best
