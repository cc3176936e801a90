"""The user's query syntax, parsed into an engine-neutral tree (pure Python).

Syntax
------
- words: ``quyết định đất đai``; diacritics optional (matched on folded forms, exact diacritics rank higher);
- ``"quoted phrases"`` (an unclosed quote is closed at the end of the query);
- ``-word`` / ``-"a phrase"`` / ``-15/2017/QĐ-UBND`` exclude;
- ``a OR b`` (upper-case ``OR``): either side; chains (``a OR b OR c``) make one group;
- numbers in any spelling, spaces around ``/`` allowed (``15 / 2017 / QĐ-UBND``, ``Số 15/2017``), and prefixes of
  numbers (``19/2022``, ``15/2017/QĐ``); a symbol written next to a number prefix joins it (``QĐ 15/2017`` and
  ``15/2017 QĐ-UBND`` are ``15/2017/QĐ…``); a word made of several syllables joined by punctuation
  (``QĐ-UBND``, ``đất,đai``) is a phrase.

Short and long queries: a query with at most :data:`SHORT_QUERY_CLAUSES` positive clauses (words, phrases, numbers,
OR groups; nothing removed) needs all of them, unless it is a question (it ends with "?": "Việc làm là gì?" must
not need "gì"). A longer one (a pasted sentence or a citizen's question) keeps its
quoted phrases as requirements and ranks by the other clauses with a minimum-should-match of
:data:`LONG_QUERY_MSM` of them (at least 2), after dropping function words (:data:`search.analysis.STOPWORDS`);
engines then drop the words most documents have (:func:`drop_common_terms`).
Adjacent syllables of the query become optional pair clauses in both modes.

Errors (:class:`search.types.SearchSyntaxError`): nothing but exclusions; ``OR`` with nothing (or an exclusion) on
one side; a quoted phrase without any word. Anything else is accepted: queries longer than :data:`MAX_QUERY_CHARS`
characters or with more than :data:`MAX_TERMS` terms are truncated; an empty query (or one of punctuation only)
matches everything.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Union

from legal.numbers import SYMBOL_LESS_TYPES, TYPE_ABBREVIATIONS, find_spoken_numbers, key_or_none
from search import analysis
from search.types import SearchSyntaxError

__all__ = [
    "COMMON_FRACTION",
    "COMMON_KEEP",
    "COMMON_MIN_DOCUMENTS",
    "EXACT_SHARE",
    "LONG_QUERY_MSM",
    "MAX_PAIRS",
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "SHORT_QUERY_CLAUSES",
    "Clause",
    "Number",
    "Or",
    "Phrase",
    "Query",
    "SaidNumber",
    "Term",
    "common_candidates",
    "drop_common_terms",
    "exact_candidates",
    "exact_forms",
    "highlight_terms",
    "more_like_this_query",
    "parse",
    "with_exact_tier",
]

MAX_QUERY_CHARS = 2000
MAX_TERMS = 64  # syllables over all clauses
MAX_PAIRS = 64
SHORT_QUERY_CLAUSES = 4
LONG_QUERY_MSM = 0.2
COMMON_FRACTION = 0.2
COMMON_MIN_DOCUMENTS = 5_000
COMMON_KEEP = 3
MLT_MSM = 0.3
MLT_MAX_TERMS = 32

# A question asking what something is ("… là gì?", "định nghĩa …", "khái niệm …", "… được hiểu như thế nào?") is
# answered by a definition article: in Vietnamese legal drafting, definitions sit in the article titled "Giải thích
# từ ngữ" (or an article "Khái niệm …"), whose text rarely repeats the question's words often enough for BM25
# alone. Such a question gets these title phrases as score hints (they never restrict the matches).
_DEFINITION_RE = re.compile(r"\b(?:dinh nghia|khai niem|la gi|duoc hieu|hieu the nao|hieu nhu the nao)\b")
DEFINITION_TITLES: tuple[tuple[str, ...], ...] = (("giai", "thich", "tu", "ngu"), ("khai", "niem"))


@dataclass(frozen=True)
class Term:
    """One syllable. ``exact`` is lower case with the diacritics as typed; equal to ``folded`` if typed without."""

    folded: str
    exact: str

    @property
    def has_diacritics(self) -> bool:
        return self.exact != self.folded


@dataclass(frozen=True)
class Phrase:
    """Syllables that must be adjacent, in order (matched on folded syllables)."""

    folded: tuple[str, ...]
    exact: tuple[str, ...]


@dataclass(frozen=True)
class Number:
    """A document number or number prefix. ``key`` is a token of the ``num``/``ref`` fields
    (``15/2017/QD-UBND``, ``19/2022``, ``15/2017/QD``); ``syllables`` (folded, as written) are for highlighting
    and, for a prefix without symbol (``12/2022``, maybe a month), a phrase fallback in the text."""

    key: str
    syllables: tuple[str, ...]
    written: str = field(default="", compare=False)  # as typed ("QĐ 15/2017"), for "did you mean"


@dataclass(frozen=True)
class SaidNumber:
    """A number as people say it ("nq 12 hdnd 2019", "cv 1234 kt", "kh 88", "03-TB/BCĐ"; the grammar is
    :func:`legal.numbers.find_spoken_numbers`): the document's own number holds every one of ``pieces`` (tokens of
    the ``num`` field: serial, year, type, symbol parts), or, when everything was said, ``key`` is its number or a
    number it cites. ``hints`` ("cv": a công văn's symbol has no type) only add to the score."""

    pieces: tuple[str, ...]
    key: str | None
    hints: tuple[str, ...]
    syllables: tuple[str, ...]  # folded, as written (highlighting)
    written: str = field(default="", compare=False)  # the words as typed ("nq 12 hdnd 2019")


@dataclass(frozen=True)
class Or:
    options: tuple[Term | Phrase | Number | SaidNumber, ...]


Clause = Union[Term, Phrase, Number, SaidNumber, Or]  # noqa: UP007 (a runtime alias)


@dataclass(frozen=True)
class Query:
    """The engine-neutral query.

    A document matches when it matches every ``must`` clause, at least ``min_should_match`` of the ``should``
    clauses (when there are any), and no ``must_not`` clause. ``pairs`` (folded ``a_b`` tokens) never restrict,
    they only add to the score. A query with no must and no should clause matches everything (browse).
    """

    must: tuple[Clause, ...] = ()
    should: tuple[Clause, ...] = ()
    must_not: tuple[Clause, ...] = ()
    min_should_match: int = 0
    pairs: tuple[str, ...] = ()
    long: bool = False  # parsed as a long query (a sentence or a question)
    # Folded phrases that add to the score when a document's title has them (see DEFINITION_TITLES).
    title_hints: tuple[tuple[str, ...], ...] = ()
    # A relaxed query (search.forgiving) ranks the matches of the query it relaxes first: the documents with every
    # word come before the near matches.
    prefer: Query | None = None
    # Words typed with diacritics that documents must all have in that exact form to rank in the first tier
    # ("thuế" before "thuê"): see exact_tier.
    exact_tier: tuple[str, ...] = ()
    text: str = field(default="", compare=False)

    @property
    def match_all(self) -> bool:
        return not self.must and not self.should


# --- lexing --------------------------------------------------------------------------------------------------------

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WORD_RE = re.compile(r"[^\W_]+")
_ENDS_WITH_WORD_RE = re.compile(r"[^\W_]$")


@dataclass
class _Item:
    kind: str  # "clause" | "or" | "gap" (a chunk without any word: breaks pairs, and is nothing for OR)
    clause: Term | Phrase | Number | SaidNumber | None = None
    negated: bool = False
    quoted: bool = False
    pair_tokens: tuple[str, ...] = ()  # folded syllables in order, for pairs
    joins_previous: bool = False  # only whitespace between the previous item's last syllable and this one's first
    raw: str = ""  # the chunk as written (unquoted words only)


def _error(vi: str, en: str, position: int | None = None) -> SearchSyntaxError:
    return SearchSyntaxError(vi, en, position)


def _or_error(position: int | None = None) -> SearchSyntaxError:
    return _error("Toán tử OR cần một từ cần tìm ở mỗi bên.", "OR needs a term to search for on each side.", position)


class _Budget:
    def __init__(self) -> None:
        self.left = MAX_TERMS

    def take(self, tokens: list[str]) -> list[str]:
        kept = tokens[: max(self.left, 0)]
        self.left -= len(kept)
        return kept


def _syllable_clause(text: str, budget: _Budget) -> tuple[Term | Phrase | None, tuple[str, ...]]:
    kept = analysis.syllable_forms(text)[: max(budget.left, 0)]
    budget.left -= len(kept)
    if not kept:
        return None, ()
    exact = tuple(x for x, _ in kept)
    folded = tuple(f for _, f in kept)
    if len(kept) == 1:
        return Term(folded[0], exact[0]), folded
    return Phrase(folded, exact), folded


def _lex(text: str) -> tuple[list[_Item], bool]:
    """Items of the query, and whether it was cut at MAX_TERMS. Numbers are found first, on the whole query."""
    budget = _Budget()
    items: list[_Item] = []
    numbers = {n.start: n for n in analysis.find_query_numbers(text)}
    i, n = 0, len(text)
    separated = True  # whitespace (or the start) right before position i
    joinable = False  # the previous item ended with a syllable
    while i < n:
        if budget.left <= 0:
            return items, True
        ch = text[i]
        if ch.isspace():
            i += 1
            separated = True
            continue
        negated = False
        if ch == "-" and separated:
            j = i
            while j < n and text[j] == "-":
                j += 1
            if j < n and not text[j].isspace():
                negated = True
                i = j
                ch = text[i]
        if i in numbers:
            num = numbers[i]
            kept = budget.take(list(num.syllables))
            written = text[num.start : num.end]
            items.append(_Item("clause", Number(num.key, tuple(kept), written), negated, raw=written))
            i, separated, joinable = num.end, False, False
            continue
        if ch == '"':
            end = text.find('"', i + 1)
            closed = end != -1
            clause, tokens = _syllable_clause(text[i + 1 : end] if closed else text[i + 1 :], budget)
            if clause is None:
                if closed:
                    raise _error("Cụm từ trong ngoặc kép không có từ nào.", "The quoted phrase contains no words.", i)
                items.append(_Item("gap"))  # a lone quote at the end: nothing
            else:
                if isinstance(clause, Term):
                    clause = Phrase((clause.folded,), (clause.exact,))
                items.append(_Item("clause", clause, negated, quoted=True, pair_tokens=tokens))
            i, separated, joinable = (end + 1 if closed else n), False, False
            continue
        # A chunk: up to whitespace, a quote or the start of a number.
        j = i
        while j < n and not text[j].isspace() and text[j] != '"' and j not in numbers:
            j += 1
        chunk = text[i:j]
        joins = joinable and separated and not negated
        i, separated = j, False
        if chunk == "OR" and not negated:
            items.append(_Item("or"))
            joinable = False
            continue
        clause, tokens = _syllable_clause(chunk, budget)
        if clause is None:
            items.append(_Item("gap"))
            joinable = False
            continue
        joins = joins and bool(_WORD_RE.match(chunk))
        items.append(_Item("clause", clause, negated, pair_tokens=tokens, joins_previous=joins, raw=chunk))
        joinable = not negated and bool(_ENDS_WITH_WORD_RE.search(chunk))
    return items, False


# --- parsing -------------------------------------------------------------------------------------------------------

# Document-type abbreviations that start a symbol ("QĐ" in "QĐ-UBND", "QH" in "QH15"): a word next to a number
# prefix is taken as its symbol only if it starts with one of these.
_SYMBOL_STARTS = frozenset(code.lower() for code in TYPE_ABBREVIATIONS) | frozenset(
    "qh ttg l pl ubtvqh nqlt qdlt hdnd ubnd cp".split()  # issuers and joint types that start a symbol too
)
_SYMBOL_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def _symbol_of(item: _Item) -> str | None:
    """The symbol written by a word next to a number prefix ("QĐ", "qd-ubnd", "NQ-HĐND"), or None."""
    raw = item.raw.strip(".,;:()")
    if item.kind != "clause" or item.negated or item.quoted or not raw or len(raw) > 30:
        return None
    if not _SYMBOL_RE.fullmatch(raw):
        return None
    folded = analysis.fold(raw)
    if not folded.isascii() or not any(c.isalpha() for c in folded):
        return None
    if folded.split("-")[0].lower().rstrip("0123456789") not in _SYMBOL_STARTS:
        return None
    return folded.upper()


def _merge_symbols(items: list[_Item]) -> list[_Item]:
    """A symbol next to a number prefix joins it: "QĐ 15/2017" and "15/2017 QĐ-UBND" are 15/2017/QĐ…."""
    merged: list[_Item] = []
    k = 0
    while k < len(items):
        item = items[k]
        clause = item.clause
        if item.kind == "clause" and isinstance(clause, Number) and not item.negated and clause.key.count("/") == 1:
            serial_year = clause.key
            if serial_year.split("/")[1].isdigit():
                before = merged[-1] if merged else None
                after = items[k + 1] if k + 1 < len(items) else None
                for neighbour, is_before in ((before, True), (after, False)):
                    symbol = _symbol_of(neighbour) if neighbour is not None else None
                    key = key_or_none(f"{serial_year}/{symbol}") if symbol else None
                    if neighbour is None or key is None:
                        continue
                    syllables = clause.syllables + tuple(analysis.syllables(symbol or ""))
                    written = f"{neighbour.raw} {clause.written}" if is_before else f"{clause.written} {neighbour.raw}"
                    item = _Item("clause", Number(key, syllables, written), raw=written)
                    if is_before:
                        merged.pop()
                    else:
                        k += 1
                    break
        merged.append(item)
        k += 1
    return merged


_MONTH_WORDS = frozenset({"thang"})


def _months_as_words(items: list[_Item]) -> list[_Item]:
    """ "tháng 5/2016" is a month, not number 5 of 2016: after "tháng", a serial/year is searched as the words
    written ("5 2016", adjacent), so that "chương trình làm việc tháng 5/2016" ranks that month's programme first."""
    out: list[_Item] = []
    for item in items:
        clause = item.clause
        before = out[-1] if out else None
        if (
            isinstance(clause, Number)
            and not item.negated
            and clause.key.count("/") == 1
            and clause.key.split("/")[1].isdigit()
            and before is not None
            and isinstance(before.clause, Term)
            and not before.negated
            and before.clause.folded in _MONTH_WORDS
        ):
            words = tuple(w for w in clause.syllables if w != "so")
            month = Phrase(words, words)
            item = _Item("clause", month, pair_tokens=words, joins_previous=True, raw=clause.written)
        out.append(item)
    return out


def _sayable(item: _Item) -> bool:
    return item.kind == "clause" and not item.negated and not item.quoted and isinstance(item.clause, Term | Phrase)


def _said_number(found: Any, words: list[str], written: str) -> SaidNumber:
    hints = (found.type.lower(),) if found.type and found.type.lower() not in found.tokens else ()
    # A year said is the year the document was issued: "tb 153 ubnd 2022" is 153/TB-UBND of 2022, whose number
    # has no year (and a number with a year is issued in that year).
    year = str(found.year) if found.year is not None else None
    pieces = tuple(analysis.issued_year_token(p) if p == year else p for p in found.tokens)
    return SaidNumber(pieces, found.key, hints, tuple(words[found.start : found.end]), written)


def _merge_said_numbers(items: list[_Item]) -> list[_Item]:
    """Numbers said in words become one clause: "nq 12 hdnd 2019", "cv 1234 kt", "kh 88", "03-TB/BCĐ".

    Read by :func:`legal.numbers.find_spoken_numbers` over each run of plain words; a number is taken only where
    it covers whole items (a chunk such as "QĐ-UBND" is not cut in two). A type said right before a written
    number of that type ("Quyết định số 17/2021/QĐ-UBND") says nothing more than the number: it is dropped.
    """
    merged: list[_Item] = []
    k = 0
    while k < len(items):
        if not _sayable(items[k]):
            item = items[k]
            clause = item.clause
            if isinstance(clause, Number) and not item.negated:
                _drop_type_said_before(merged, clause)
            merged.append(item)
            k += 1
            continue
        run_end = k
        while run_end < len(items) and _sayable(items[run_end]):
            run_end += 1
        run = items[k:run_end]
        words: list[str] = []
        starts: dict[int, int] = {}  # word index -> item index in the run
        ends: dict[int, int] = {}
        for index, item in enumerate(run):
            starts[len(words)] = index
            words.extend(item.pair_tokens)
            ends[len(words)] = index
        taken = 0
        for found in find_spoken_numbers(words):
            if found.start not in starts or found.end not in ends:
                continue
            first, last = starts[found.start], ends[found.end]
            merged.extend(run[taken:first])
            written = " ".join(item.raw for item in run[first : last + 1])
            merged.append(_Item("clause", _said_number(found, words, written), raw=written))
            taken = last + 1
        merged.extend(run[taken:])
        k = run_end
    return merged


def _drop_type_said_before(merged: list[_Item], number: Number) -> None:
    symbol = number.key.split("/")[-1]
    if not symbol[:1].isalpha():
        return
    # The type the number's symbol starts with, or a type whose symbols have none ("Công văn số 5948/UBND-VX").
    codes = {symbol.split("-")[0], *SYMBOL_LESS_TYPES}
    for size in (1, 2, 3):
        if len(merged) < size or not all(_sayable(item) for item in merged[-size:]):
            return
        said = [token for item in merged[-size:] for token in item.pair_tokens]
        for code in codes:
            if said == [code.lower()] or " ".join(said) in TYPE_ABBREVIATIONS.get(code, ()):
                del merged[-size:]
                return


def _pairs(items: list[_Item]) -> list[str]:
    """Adjacent syllables of the query (not across punctuation, exclusions, OR, numbers)."""
    found: list[str] = []
    previous: str | None = None
    for item in items:
        if item.kind != "clause" or item.negated or not item.pair_tokens:
            previous = None
            continue
        if not item.joins_previous:
            previous = None
        for f in item.pair_tokens:
            if previous is not None:
                found.append(f"{previous}{analysis.PAIR_JOINER}{f}")
            previous = f
    return analysis.unique(found)[:MAX_PAIRS]


def _group(items: list[_Item]) -> tuple[list[Clause], list[Clause], list[Clause]]:
    """(positives, quoted phrases among them, negatives), with OR chains grouped."""
    positives: list[Clause] = []
    quoted: list[Clause] = []
    negatives: list[Clause] = []
    k = 0
    while k < len(items):
        item = items[k]
        if item.kind == "or":
            raise _or_error()
        if item.kind == "gap" or item.clause is None:
            k += 1
            continue
        followed_by_or = k + 1 < len(items) and items[k + 1].kind == "or"
        if item.negated:
            if followed_by_or:
                raise _error("Không thể dùng OR với từ bị loại trừ.", "OR cannot be used with an excluded term.")
            negatives.append(item.clause)
            k += 1
            continue
        options: list[Term | Phrase | Number | SaidNumber] = [item.clause]
        k += 1
        while k < len(items) and items[k].kind == "or":
            nxt = items[k + 1] if k + 1 < len(items) else None
            if nxt is None or nxt.clause is None:
                raise _or_error()
            if nxt.negated:
                raise _error("Không thể dùng OR với từ bị loại trừ.", "OR cannot be used with an excluded term.")
            options.append(nxt.clause)
            k += 2
        if len(options) == 1:
            positives.append(item.clause)
            if item.quoted:
                quoted.append(item.clause)
        else:
            unique_options = tuple(dict.fromkeys(options))
            positives.append(Or(unique_options) if len(unique_options) > 1 else unique_options[0])
    return positives, quoted, negatives


def _folded_key(clause: Clause) -> object:
    return clause.folded if isinstance(clause, Term | Phrase) else clause


def _is_stop(clause: Clause, accented: bool) -> bool:
    return isinstance(clause, Term) and analysis.is_stopword(clause.exact, clause.folded, accented=accented)


def parse(text: str | None) -> Query:
    """Parse a user query. Raises :class:`SearchSyntaxError` and nothing else."""
    if text is None:
        return Query()
    if not isinstance(text, str):
        raise _error("Truy vấn không hợp lệ.", "The query is not a string.")
    cut = len(text) > MAX_QUERY_CHARS
    text = analysis.nfc(_CONTROL_RE.sub(" ", text[: MAX_QUERY_CHARS * 2]))[:MAX_QUERY_CHARS]
    if not text.strip():
        return Query(text=text)
    items, cut_terms = _lex(text)
    items = _merge_said_numbers(_merge_symbols(_months_as_words(items)))
    if cut or cut_terms:  # a truncated query may end inside an "a OR b": drop what dangles
        while items and items[-1].kind in ("or", "gap"):
            items.pop()
    positives, quoted, negatives = _group(items)
    accented = analysis.fold(text) != analysis.lower(text)
    positives = list(dict.fromkeys(positives))
    negatives = list(dict.fromkeys(negatives))
    if not positives:
        if negatives:
            raise _error(
                "Truy vấn chỉ có từ loại trừ: hãy thêm ít nhất một từ cần tìm.",
                "The query only excludes terms: add at least one term to search for.",
            )
        return Query(text=text)
    question = text.rstrip().endswith("?") and len(positives) > 1
    if any(isinstance(c, Number | SaidNumber) for c in positives):
        # "theo Quyết định số 17/2021/QĐ-UBND.": next to a number, function words say nothing.
        positives = [c for c in positives if not _is_stop(c, accented)]
    if len(positives) <= SHORT_QUERY_CLAUSES and not question:
        pairs = _pairs(items)
        return Query(must=tuple(positives), must_not=tuple(negatives), pairs=tuple(pairs), text=text)
    # A long query: quoted phrases stay required, the rest ranks with a minimum-should-match.
    must = [c for c in positives if c in quoted]
    should = [c for c in positives if c not in quoted]
    meaningful = [c for c in should if not _is_stop(c, accented)]
    if len(meaningful) >= 2 or (meaningful and must):
        should = meaningful
    should = list({_folded_key(c): c for c in reversed(should)}.values())[::-1]  # "bộ" and "bỏ" count once
    return Query(
        must=tuple(must),
        should=tuple(should),
        must_not=tuple(negatives),
        min_should_match=_long_msm(len(should), bool(must)),
        pairs=tuple(_pairs(items)),
        long=True,
        title_hints=DEFINITION_TITLES if _DEFINITION_RE.search(" ".join(analysis.syllables(text))) else (),
        text=text,
    )


def _long_msm(should: int, has_must: bool) -> int:
    if not should:
        return 0
    return min(should, max(1 if has_must else 2, math.ceil(LONG_QUERY_MSM * should)))


def common_candidates(query: Query) -> list[str]:
    """The folded syllables whose document frequency (in the ``body`` field) an engine looks up for
    :func:`drop_common_terms`: those of the single-word optional clauses of a long query (none otherwise)."""
    if not query.long:
        return []
    return analysis.unique(c.folded for c in query.should if isinstance(c, Term))


def drop_common_terms(query: Query, doc_freqs: Mapping[str, int], total: int) -> Query:
    """A long query without its very common words (those in more than :data:`COMMON_FRACTION` of the documents),
    keeping at least the :data:`COMMON_KEEP` rarest words, its minimum-should-match recomputed.

    A pasted question is full of words that nearly every legal text has ("người", "quy", "định"): they do not say
    which documents are relevant (BM25 gives them almost nothing) but would make most of the index match, and
    scoring most of the index is slow. The dropped words still count through the pairs they are part of
    ("quyền_sử", "sử_dụng"). Both engines apply this with their own document frequencies; nothing is dropped from
    short queries or from indices of fewer than :data:`COMMON_MIN_DOCUMENTS` documents.
    """
    if not query.long or total < COMMON_MIN_DOCUMENTS:
        return query
    limit = COMMON_FRACTION * total
    terms = [c for c in query.should if isinstance(c, Term)]
    common = [t for t in terms if doc_freqs.get(t.folded, 0) > limit]
    if not common:
        return query
    rare = len(terms) - len(common)
    if rare < COMMON_KEEP:  # keep the least common of the common ones
        by_frequency = sorted(common, key=lambda t: doc_freqs.get(t.folded, 0))
        common = by_frequency[COMMON_KEEP - rare :]
    dropped = set(common)
    should = tuple(c for c in query.should if c not in dropped)
    return dataclasses.replace(query, should=should, min_should_match=_long_msm(len(should), bool(query.must)))


# A word typed with diacritics ranks its exact form first only if that form is a common reading of it: in at least
# this share of the documents that have its folded form. "thuế" (tax) is in a large share of the documents with
# "thue", so tax documents come before "thuê" (rent) ones; "đinh" is in a tiny share of those with "dinh" ("định"):
# "quyết đinh" is a typo for "quyết định", and ranking documents that name Mr Đinh first would punish it.
EXACT_SHARE = 0.05


def exact_candidates(query: Query) -> list[tuple[str, str]]:
    """(exact, folded) of the words of a short query typed with diacritics, whose document frequencies (exact form
    in ``body_x``, folded in ``body``) an engine looks up for :func:`with_exact_tier`."""
    if query.long:
        return []
    found = [(c.exact, c.folded) for c in query.must if isinstance(c, Term) and c.has_diacritics]
    return list(dict.fromkeys(found))


def with_exact_tier(query: Query, exact_freqs: Mapping[str, int], folded_freqs: Mapping[str, int]) -> Query:
    """The query with :attr:`Query.exact_tier` set to its words typed with diacritics whose exact form is a common
    reading of the folded one (:data:`EXACT_SHARE`): documents with all of them in that form rank first. A word
    whose typed form is a rare reading is taken as mistyped: it is searched as if typed without diacritics (no
    bonus for the rare form either)."""
    tier: list[str] = []
    mistyped: set[str] = set()
    for exact, folded in exact_candidates(query):
        found = exact_freqs.get(exact, 0)
        if found and found >= EXACT_SHARE * folded_freqs.get(folded, 0):
            tier.append(exact)
        elif found:  # (a form in no document gets no bonus anyway, and stays as typed for "did you mean")
            mistyped.add(exact)
    if not tier and not mistyped:
        return query
    must = tuple(
        Term(c.folded, c.folded) if isinstance(c, Term) and c.has_diacritics and c.exact in mistyped else c
        for c in query.must
    )
    return dataclasses.replace(query, must=must, exact_tier=tuple(tier))


def exact_forms(query: Query) -> dict[str, str]:
    """folded -> the form typed, for the query's words typed with diacritics (highlighting marks that form)."""
    forms: dict[str, str] = {}
    for clause in (*query.must, *query.should):
        options = clause.options if isinstance(clause, Or) else (clause,)
        for option in options:
            if isinstance(option, Term) and option.has_diacritics:
                forms.setdefault(option.folded, option.exact)
            elif isinstance(option, Phrase):
                for folded, exact in zip(option.folded, option.exact, strict=False):
                    if folded != exact:
                        forms.setdefault(folded, exact)
    return forms


def _clause_tokens(clause: Clause) -> list[str]:
    if isinstance(clause, Term):
        return [clause.folded]
    if isinstance(clause, Phrase):
        return list(clause.folded)
    if isinstance(clause, Number | SaidNumber):
        return list(clause.syllables)
    return [t for option in clause.options for t in _clause_tokens(option)]


def highlight_terms(query: Query) -> set[str]:
    """Folded syllables to highlight: those of every positive clause (exclusions are not highlighted)."""
    terms: set[str] = set()
    for clause in (*query.must, *query.should):
        terms.update(_clause_tokens(clause))
    return terms


# Words of almost every title: they say nothing about what a document is about (as written, with diacritics).
_TITLE_COMMON = frozenset(
    """
    quyết định nghị quyết thông tư luật chỉ thị ban hành quy sửa đổi bổ sung một số điều việc của về trên địa bàn
    tỉnh thành phố huyện xã năm nhân dân ủy hội đồng theo và các cho tại trong
    """.split()
)


def more_like_this_query(title: str) -> Query:
    """A query for documents like the one with this title: its meaningful syllables (words of almost every title
    and function words left out) as optional clauses with a minimum-should-match of :data:`MLT_MSM`, and their
    pairs. Engines run it with the document itself excluded; when it is ``match_all`` (a title without any
    meaningful word) they return nothing."""
    forms = analysis.syllable_forms(title)
    accented = any(x != f for x, f in forms)
    kept = [
        (x, f)
        for x, f in forms
        if x not in _TITLE_COMMON and not analysis.is_stopword(x, f, accented=accented) and not f.isdigit()
    ]
    if not kept:
        kept = forms
    terms = list(dict.fromkeys(Term(f, x) for x, f in kept))[:MLT_MAX_TERMS]
    if not terms:
        return Query()  # nothing to be like: engines return no hits for a match-all "more like this"
    words = {t.folded for t in terms}
    title_pairs = analysis.analyse_text(title).pairs.split()
    pair_list = [p for p in title_pairs if set(p.split(analysis.PAIR_JOINER)) <= words]
    msm = max(1, math.ceil(MLT_MSM * len(terms)))
    return Query(
        should=tuple(terms), min_should_match=msm, pairs=tuple(analysis.unique(pair_list)[:MAX_PAIRS]), long=True
    )
