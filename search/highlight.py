"""Highlighting and best-article choice, engine-independent (pure Python), so both engines show the same snippets.

Matching is on folded syllables (:func:`search.analysis.fold` maps NFC text one character to one character, so
the offsets of a match in the folded text are its offsets in the text). Snippets are cut from the NFC form of the
text, which looks the same as the original.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from search import analysis
from search.types import IndexedArticle

__all__ = ["MARK_CLOSE", "MARK_OPEN", "best_article", "highlight"]

MARK_OPEN = "<mark>"
MARK_CLOSE = "</mark>"
_SYLLABLE_RE = re.compile(r"[^\W_]+")
_SPACES_RE = re.compile(r"\s+")
_ELLIPSIS = "…"


def _matches(folded: str, terms: set[str]) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _SYLLABLE_RE.finditer(folded) if m.group() in terms]


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


def highlight(text: str, terms: set[str], *, fragments: int = 3, size: int = 160) -> list[str]:
    """Up to ``fragments`` snippets of about ``size`` characters of ``text``, in text order, with every syllable
    whose folded form is in ``terms`` wrapped in ``<mark>…</mark>``; the rest is HTML-escaped.

    ``terms`` are folded syllables (:func:`search.query.highlight_terms`). The windows with the most distinct
    terms win. Without any match, the beginning of the text is the one snippet (an empty text gives none).
    """
    text = analysis.nfc(text or "")
    if not text.strip() or fragments <= 0:
        return []
    size = max(size, 20)
    folded = analysis.fold(text)
    wanted = {analysis.fold(t) for t in terms if t}
    matches = _matches(folded, wanted) if wanted else []
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
    return len(set(_SYLLABLE_RE.findall(analysis.fold(analysis.nfc(text)))) & terms)


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
