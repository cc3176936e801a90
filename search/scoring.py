"""How a parsed query becomes field-level queries, with the boosts both engines use (pure Python).

Every engine turns a :class:`search.query.Query` into its own query objects through :func:`clause_plan` and
:func:`pair_targets` only, so that tantivy and Elasticsearch search the same fields for the same tokens with the
same boosts. The fields and their tokens are described in :mod:`search.analysis` (``analyse_document``).

Translation, for any engine:

- a :class:`TermTarget` is a term query (``field`` = ``token``, exact token, no analysis) with ``boost``;
- a :class:`PhraseTarget` is a phrase query over ``tokens`` (slop 0) on ``field`` with ``boost``;
- a :class:`ClausePlan` matches when at least one of ``match`` matches (a bool "should" with one required);
  ``boost`` targets are optional score additions: bool(must=[any-of(match)], should=boost);
  a nested ClausePlan in ``match`` (an OR group) is compiled recursively;
- the whole query is bool(must=[plan(c) for c in query.must] + [bool(should=[plan(c) for c in query.should],
  minimum_should_match=query.min_should_match)], should=[any-of(pair_targets(p)) for p in query.pairs],
  must_not=[plan(c) for c in query.must_not], filter=filters), with should also taking
  [hint_target(h) for h in query.title_hints] and, for a relaxed query, the query it relaxes
  (``query.prefer``) boosted by :data:`PREFER_BOOST`, and, when ``query.exact_tier`` is set, a constant
  :data:`EXACT_TIER_SCORE` for documents with every one of its words in some target of
  :func:`exact_tier_targets`; a query without must and should clauses matches
  every document (browse); scores are BM25 (k1=1.2, b=0.75) summed over the matching clauses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from legal.numbers import YEAR_MAX, YEAR_MIN
from search import analysis
from search.query import Clause, Number, Or, Phrase, SaidNumber, Term
from search.types import Filters, Suggestion

__all__ = [
    "BODY",
    "BODY_BOOST",
    "BODY_X",
    "EXACT_BOOST",
    "EXACT_TIER_SCORE",
    "HINT_BOOST",
    "ISSUED_YEAR_BOOST",
    "LONG_TITLE_BOOST",
    "MAX_RESULT_WINDOW",
    "NUM",
    "NUMBER_BOOST",
    "NUMBER_PART_BOOST",
    "NUMBER_PREFIX",
    "NUMBER_TEXT_BOOST",
    "PAIR_BOOST",
    "PREFER_BOOST",
    "REF",
    "REF_BOOST",
    "TITLE",
    "TITLE_BOOST",
    "TITLE_PREFIX",
    "TITLE_X",
    "AllOf",
    "ClausePlan",
    "PhraseTarget",
    "SuggestPlan",
    "Target",
    "TermTarget",
    "clause_plan",
    "exact_tier_targets",
    "hint_target",
    "page_window",
    "pair_targets",
    "suggest_plan",
    "title_boost",
]

TITLE = "title"  # folded syllables (positions)
TITLE_PREFIX = "title_prefix"  # prefixes of the folded title syllables (autocomplete)
NUMBER_PREFIX = "number_prefix"  # prefixes of the number's key (autocomplete)
BODY = "body"
TITLE_X = "title_x"  # pairs and exact syllables (frequencies only)
BODY_X = "body_x"
NUM = "num"
REF = "ref"

TITLE_BOOST = 2.5  # a keyword query's word in the title counts this much on top of its score in the body
LONG_TITLE_BOOST = 0.3  # the same for a long query (a question is about what a text says, less its title)
BODY_BOOST = 1.0
EXACT_BOOST = 1.0  # multiplies the field boost, for a syllable matched with the diacritics typed (on top of folded)
PAIR_BOOST = 1.5  # multiplies the field boost, for two query syllables adjacent in the document
HINT_BOOST = 1.0  # a title hint of the query (a definition article for "… là gì?") found in the title
NUMBER_BOOST = 10.0  # the document's own number (or a prefix of it) matches
REF_BOOST = 2.0  # the document cites the number
NUMBER_PART_BOOST = 2.0  # a query word equals a part of the document's number: "QĐ", "UBND", the serial
NUMBER_TEXT_BOOST = 0.5  # a number prefix without symbol ("12/2022") found as a phrase in the text
# Documents with every word of Query.exact_tier in the exact form typed get this constant on top of their score:
# above any BM25 score of these fields, so they rank before the documents with other spellings.
EXACT_TIER_SCORE = 1000.0
ISSUED_YEAR_BOOST = 2.0  # a year in the query is the year the document was issued: as much as a part of its number
# A relaxed query (search.forgiving) adds the score of the query it relaxes, times this, to the documents matching
# it: they have every word asked for and come before the near matches.
PREFER_BOOST = 10.0


# Hits are served from the first MAX_RESULT_WINDOW matches only (as Elasticsearch's index.max_result_window): a
# page past it has no hits, but its total and facets are right. Deeper pages are not a use case (narrow the query).
MAX_RESULT_WINDOW = 10_000


def page_window(offset: int, limit: int) -> tuple[int, int]:
    """(offset, limit) clamped to ``0 <= offset`` and ``offset + limit <= MAX_RESULT_WINDOW``."""
    offset = min(max(0, int(offset)), MAX_RESULT_WINDOW)
    return offset, max(0, min(int(limit), MAX_RESULT_WINDOW - offset))


@dataclass(frozen=True)
class TermTarget:
    field: str
    token: str
    boost: float


@dataclass(frozen=True)
class PhraseTarget:
    field: str
    tokens: tuple[str, ...]  # at least two
    boost: float


@dataclass(frozen=True)
class AllOf:
    """Every one of ``targets`` must match (a bool "must" of them); the score is their sum."""

    targets: tuple[TermTarget, ...]


Target = TermTarget | PhraseTarget | AllOf


@dataclass(frozen=True)
class ClausePlan:
    match: tuple[Target | ClausePlan, ...]  # at least one must match
    boost: tuple[Target, ...] = ()  # optional, adds to the score


def title_boost(long: bool) -> float:
    return LONG_TITLE_BOOST if long else TITLE_BOOST


def _text_targets(tokens: tuple[str, ...], title: float) -> list[Target]:
    if len(tokens) == 1:
        return [TermTarget(TITLE, tokens[0], title), TermTarget(BODY, tokens[0], BODY_BOOST)]
    return [PhraseTarget(TITLE, tokens, title), PhraseTarget(BODY, tokens, BODY_BOOST)]


def _exact_targets(folded: tuple[str, ...], exact: tuple[str, ...], title: float) -> list[Target]:
    targets: list[Target] = []
    for f, x in dict.fromkeys(zip(folded, exact, strict=False)):
        if x != f:
            targets.append(TermTarget(TITLE_X, x, title * EXACT_BOOST))
            targets.append(TermTarget(BODY_X, x, BODY_BOOST * EXACT_BOOST))
    return targets


def _is_year(word: str) -> bool:
    return len(word) == 4 and word.isascii() and word.isdigit() and YEAR_MIN <= int(word) <= YEAR_MAX


def clause_plan(clause: Clause, long: bool = False) -> ClausePlan:
    """The field-level plan of one clause of a parsed query (``long``: of a long query, see :func:`title_boost`)."""
    title = title_boost(long)
    if isinstance(clause, Term):
        folded = (clause.folded,)
        match: list[Target | ClausePlan] = [
            *_text_targets(folded, title),
            TermTarget(NUM, clause.folded, NUMBER_PART_BOOST),
        ]
        if _is_year(clause.folded):
            match.append(TermTarget(NUM, analysis.issued_year_token(clause.folded), ISSUED_YEAR_BOOST))
        return ClausePlan(tuple(match), tuple(_exact_targets(folded, (clause.exact,), title)))
    if isinstance(clause, Phrase):
        match = [*_text_targets(clause.folded, title), TermTarget(NUM, "-".join(clause.folded), NUMBER_PART_BOOST)]
        return ClausePlan(tuple(match), tuple(_exact_targets(clause.folded, clause.exact, title)))
    if isinstance(clause, Number):
        match = [TermTarget(NUM, clause.key, NUMBER_BOOST), TermTarget(REF, clause.key, REF_BOOST)]
        if not any(ch.isalpha() for ch in clause.key) and len(clause.syllables) > 1:
            # A bare "12/2022" may also be a month in the text ("tháng 12/2022"): a weak fallback on the body.
            match.append(PhraseTarget(BODY, clause.syllables, NUMBER_TEXT_BOOST))
        return ClausePlan(tuple(match))
    if isinstance(clause, SaidNumber):
        # Each piece of the number said counts a share of a whole number's boost: "nq 12 hdnd 2019" found in a
        # document's own number scores as its written form would.
        share = NUMBER_BOOST / max(1, len(clause.pieces))
        match = [AllOf(tuple(TermTarget(NUM, piece, share) for piece in clause.pieces))]
        if clause.key is not None:
            match.append(TermTarget(REF, clause.key, REF_BOOST))
        return ClausePlan(tuple(match), tuple(TermTarget(NUM, hint, NUMBER_PART_BOOST) for hint in clause.hints))
    if isinstance(clause, Or):
        return ClausePlan(tuple(clause_plan(option, long) for option in clause.options))
    raise TypeError(f"not a query clause: {clause!r}")


def pair_targets(pair: str, long: bool = False) -> tuple[TermTarget, ...]:
    """Targets of one adjacent pair (``dat_dai``): any of them adds to the score."""
    return (
        TermTarget(TITLE_X, pair, title_boost(long) * PAIR_BOOST),
        TermTarget(BODY_X, pair, BODY_BOOST * PAIR_BOOST),
    )


def exact_tier_targets(exact: str) -> tuple[TermTarget, TermTarget]:
    """Where a word of :attr:`search.query.Query.exact_tier` is found in its exact form: any of these."""
    return TermTarget(TITLE_X, exact, 1.0), TermTarget(BODY_X, exact, 1.0)


def hint_target(phrase: tuple[str, ...]) -> Target:
    """The target of one of a query's ``title_hints``: the phrase in the title, an optional score addition."""
    if len(phrase) == 1:
        return TermTarget(TITLE, phrase[0], HINT_BOOST)
    return PhraseTarget(TITLE, phrase, HINT_BOOST)


@dataclass(frozen=True)
class SuggestPlan:
    """What autocomplete looks for (:func:`suggest_plan`). Engines run two queries, both restricted to published
    documents unless asked otherwise:

    1. when ``number_prefix`` is set: documents with the term ``number_prefix`` in :data:`NUMBER_PREFIX`, newest
       first (issued date desc, then id desc);
    2. when ``title_terms`` or ``title_prefix`` is set: documents with every ``title_terms`` term in :data:`TITLE`
       and the ``title_prefix`` term in :data:`TITLE_PREFIX`, by BM25 score desc, then id asc;

    and return the first ``limit`` distinct documents of 1 then 2.
    """

    number_prefix: str | None
    title_terms: tuple[str, ...]
    title_prefix: str | None


def suggest_plan(prefix: str) -> SuggestPlan:
    """The autocomplete plan of what a user has typed so far: a number's beginning ("15/20", "Số 015/2017/qđ"),
    or the beginning of title words, diacritics optional ("quyet dinh ban h", "Quyết định ban h"): every word but
    the last must be in the title; the last one (unless followed by a space, or a single letter) is a prefix of a
    title word."""
    text = analysis.nfc(prefix or "")[:200]
    number = analysis.number_prefix(text) if analysis.is_number_start(text) else None
    words = analysis.syllables(text)
    partial: str | None = None
    if words and not text[-1].isspace() and text[-1].isalnum():
        partial = words.pop()[: analysis.MAX_PREFIX_CHARS]
        if len(partial) < analysis.MIN_PREFIX_CHARS:  # one letter: not indexed, says too little
            partial = None
    return SuggestPlan(number, tuple(dict.fromkeys(words)), partial)


def run_suggest(
    plan: SuggestPlan,
    limit: int,
    *,
    by_number: Callable[[int], list[int]],
    by_title: Callable[[int], list[int]],
    stored: Callable[[list[int]], dict[int, dict[str, Any]]],
) -> list[Suggestion]:
    """Autocomplete on any engine: the two queries of :class:`SuggestPlan` (``by_number(limit)``, then
    ``by_title(limit)``, each giving document ids best first), merged, and the first ``limit`` distinct documents
    described from their stored fields (``stored(ids)`` → id → {"number", "title_raw"}). Engines only say how to
    run a query; the order and the merge are the same on both."""
    if limit <= 0 or not (plan.number_prefix or plan.title_terms or plan.title_prefix):
        return []
    found = by_number(limit) if plan.number_prefix else []
    if len(found) < limit and (plan.title_terms or plan.title_prefix):
        found += by_title(limit + len(found))
    found = list(dict.fromkeys(found))[:limit]
    if not found:
        return []
    by_id = stored(found)
    return [
        Suggestion(id=doc_id, number=by_id[doc_id].get("number") or "", title=by_id[doc_id].get("title_raw") or "")
        for doc_id in found
        if doc_id in by_id
    ]


def keyword_filters(filters: Filters) -> list[tuple[str, list[str]]]:
    """(index field, distinct values) for each keyword filter that is set: both engines filter on exactly these."""
    pairs = (
        ("type", filters.doc_types),
        ("issuer", filters.issuers),
        ("fields", filters.fields),
        ("status", filters.statuses),
    )
    return [(name, list(dict.fromkeys(values))) for name, values in pairs if values]
