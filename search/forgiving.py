"""Search that forgives: when a query finds too little, its near matches, and the query corrected (pure Python).

A query of four words or fewer needs all of them, so one misspelt, fused or unknown word used to empty the page.
When the query as typed finds fewer than :data:`RELAX_BELOW` documents, both engines run its relaxed form
(:func:`answer`):

- fewer required words, when no document has them all: every clause becomes optional, all but one still
  needed (:func:`relaxed_msm`);
- a word the index hardly knows is looked up against the index's vocabulary (document frequencies of the
  ``body`` field and of its adjacent pairs): split into syllables that occur together ("giadat" -> "gia dat",
  "hocphi" -> "hoc phi"), or a word one edit away (:data:`FUZZY_MIN_CHARS` letters or more: "dihn" -> "dinh",
  "chog" -> "chong"), only among strings shaped like a Vietnamese syllable (:mod:`legal.vietnamese`);
- a number the index does not hold is tried without its symbol ("qd 15/2017" -> 15/2017, whatever its type or
  issuer), and a number said in words keeps only its serial and year.

The documents with everything the query asked for rank first by a tenfold boost of their score
(:attr:`search.query.Query.prefer`, a boost, not a hard tier). A long query (a question) needs only some of its
words; its words in no document are widened by their corrections before it runs (:func:`widened`), and it is
relaxed (one word needed) only when it still finds fewer than :data:`RELAX_BELOW`. At most :data:`MAX_SUSPECTS`
words of a query are corrected, the rarest, so a long pasted text costs a bounded number of look-ups. The page
says it is relaxed; the corrected query ("Có phải bạn muốn tìm: …") is the query as typed with each corrected word
replaced, its diacritics taken from the titles of the first hits, and a number replaced by the number of the first
hit. Engines give only lookups (document frequencies, stored numbers and titles) and a way to run a parsed query,
so the behaviour is the same on both.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from legal.numbers import key_or_none
from legal.vietnamese import ALPHABET, is_syllable_shaped
from search import analysis, scoring
from search.query import Clause, Number, Or, Phrase, Query, SaidNumber, Term
from search.types import Page

__all__ = [
    "FUZZY_MIN_CHARS",
    "RARE_DOCUMENTS",
    "RELAX_BELOW",
    "Correction",
    "Relaxation",
    "answer",
    "needs_relaxing",
    "relax",
    "relaxed_msm",
    "suggestion_text",
    "widened",
]

RELAX_BELOW = 3  # a query finding fewer documents than this is relaxed
FUZZY_MIN_CHARS = 4  # shorter words are not corrected by one edit ("an" -> "anh" would be a guess)
RARE_DOCUMENTS = 2  # a word in at most this many documents may be a typo ("giadat" glued in one title)
_BETTER_BY = 5  # a correction must be in this many times more documents than the word as typed
MAX_OPTIONS = 3  # corrections kept per word (the most frequent)
MAX_SUSPECTS = 2  # words corrected per query: the rarest (each costs a few dozen look-ups of forms one edit away)
_MAX_LOOKED_UP = 64  # words whose frequency is looked up (a query holds at most search.query.MAX_TERMS)
_MAX_SPLIT_PARTS = 3
_MAX_WORD_CHARS = 24

DocFreqs = Callable[[str, Sequence[str]], dict[str, int]]  # (field, tokens) -> documents holding each token


@dataclass(frozen=True)
class Correction:
    written: str  # the word as typed, lower case
    replacement: tuple[str, ...]  # folded syllables: one word (one edit away) or several (a fused word split)


@dataclass(frozen=True)
class Relaxation:
    query: Query
    corrections: tuple[Correction, ...]


def needs_relaxing(query: Query, total: int) -> bool:
    """Whether a query that found ``total`` documents gets its relaxed form run."""
    return total < RELAX_BELOW and not query.match_all


def relaxed_msm(clauses: int, long: bool) -> int:
    """How many of the relaxed query's ``clauses`` a document needs: all but one (a long query: one)."""
    return 1 if long else max(1, clauses - 1)


# --- the vocabulary ------------------------------------------------------------------------------------------------


def _edits(word: str) -> set[str]:
    """Strings one edit (delete, swap of neighbours, replace, insert) away from ``word`` that look like a syllable."""
    cuts = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {a + b[1:] for a, b in cuts if b}
    found |= {a + b[1] + b[0] + b[2:] for a, b in cuts if len(b) > 1}
    found |= {a + c + b[1:] for a, b in cuts if b for c in ALPHABET}
    found |= {a + c + b for a, b in cuts for c in ALPHABET}
    found.discard(word)
    return {w for w in found if is_syllable_shaped(w)}


def _splits(word: str, parts: int = _MAX_SPLIT_PARTS) -> list[tuple[str, ...]]:
    """Every way of cutting ``word`` into 2 to ``parts`` syllable-shaped pieces ("giadat" -> ("gia", "dat"), …)."""
    found: list[tuple[str, ...]] = []
    for i in range(1, len(word)):
        head, rest = word[:i], word[i:]
        if not is_syllable_shaped(head):
            continue
        if is_syllable_shaped(rest):
            found.append((head, rest))
        if parts > 2:
            found.extend((head, *tail) for tail in _splits(rest, parts - 1))
    return found


def _suspects(terms: Iterable[Term], doc_freqs: DocFreqs) -> dict[str, int]:
    """Folded words of ``terms`` that the index hardly knows, with their document frequencies."""
    words = [
        t.folded for t in terms if t.folded.isascii() and t.folded.isalpha() and 2 <= len(t.folded) <= _MAX_WORD_CHARS
    ]
    freqs = doc_freqs(scoring.BODY, analysis.unique(words)[:_MAX_LOOKED_UP]) if words else {}
    rare = sorted((freq, word) for word, freq in freqs.items() if freq <= RARE_DOCUMENTS)
    return {word: freq for freq, word in rare[:MAX_SUSPECTS]}  # the rarest few: a pasted text costs no more


def _neighbours(pairs: Iterable[str]) -> dict[str, tuple[set[str], set[str]]]:
    """word -> (the query's words right before it, right after it), from the query's adjacent pairs."""
    found: dict[str, tuple[set[str], set[str]]] = {}
    for pair in pairs:
        before, _, after = pair.partition(analysis.PAIR_JOINER)
        found.setdefault(after, (set(), set()))[0].add(before)
        found.setdefault(before, (set(), set()))[1].add(after)
    return found


def _joined(a: str, b: str) -> str:
    return f"{a}{analysis.PAIR_JOINER}{b}"


def _corrections(
    suspects: dict[str, int], doc_freqs: DocFreqs, pairs: Sequence[str]
) -> dict[str, list[tuple[str, ...]]]:
    """For each suspect word, its corrections, best first: splits whose pieces occur side by side in the index,
    then words one edit away, each far more frequent than the word as typed. Among words one edit away, those
    found next to the query's neighbouring words ("phong chog" -> "chong": "phong_chong" is in the index) come
    before the merely frequent ones ("cho")."""
    splits = {word: _splits(word) for word in suspects}
    edits = {word: sorted(_edits(word)) if len(word) >= FUZZY_MIN_CHARS else [] for word in suspects}
    around = _neighbours(pairs)
    nobody: tuple[set[str], set[str]] = (set(), set())
    word_tokens = analysis.unique(w for found in edits.values() for w in found)
    word_freqs = doc_freqs(scoring.BODY, word_tokens) if word_tokens else {}
    # Pairs are looked up only for the forms the index has: a handful, not every form one edit away.
    context = [
        token
        for word in suspects
        for w in edits[word]
        if word_freqs.get(w, 0)
        for token in (
            *(_joined(b, w) for b in around.get(word, nobody)[0]),
            *(_joined(w, a) for a in around.get(word, nobody)[1]),
        )
    ]
    split_pairs = [_joined(*pair) for found in splits.values() for split in found for pair in itertools.pairwise(split)]
    pair_tokens = analysis.unique(split_pairs + context)
    pair_freqs = doc_freqs(scoring.BODY_X, pair_tokens) if pair_tokens else {}
    found: dict[str, list[tuple[str, ...]]] = {}
    for word, freq in suspects.items():
        enough = max(1, _BETTER_BY * freq)
        scored: list[tuple[int, int, tuple[str, ...]]] = []
        for split in splits[word]:
            support = min(pair_freqs.get(_joined(*p), 0) for p in itertools.pairwise(split))
            if support >= enough:
                scored.append((support, 0, split))
        if not scored:  # a split explains a fused word better than a one-letter change of it
            before, after = around.get(word, nobody)
            for w in edits[word]:
                if word_freqs.get(w, 0) < enough:
                    continue
                together = sum(pair_freqs.get(_joined(b, w), 0) for b in before)
                together += sum(pair_freqs.get(_joined(w, a), 0) for a in after)
                scored.append((together, word_freqs[w], (w,)))
        scored.sort(key=lambda item: (-item[0], -item[1], item[2]))
        if scored:
            found[word] = [option for *_, option in scored[:MAX_OPTIONS]]
    return found


# --- relaxing ------------------------------------------------------------------------------------------------------


def _relaxed_number(clause: Number | SaidNumber) -> Clause:
    """The clause, or the same number without what may be wrong in it (its symbol; what was said beyond the
    serial and year)."""
    if isinstance(clause, Number):
        serial_year = "/".join(clause.key.split("/")[:2])
        if serial_year == clause.key or not serial_year.split("/")[1].isdigit():
            return clause
        looser = Number(serial_year, clause.syllables, clause.written)
        return Or((clause, looser))
    kept = tuple(p for p in clause.pieces if p.isdigit() or p == analysis.issued_year_token(p[1:]))
    if kept == clause.pieces or not kept:
        return clause
    return Or((clause, dataclasses.replace(clause, pieces=kept, key=None, hints=clause.hints)))


def _options(word: Term, corrections: list[tuple[str, ...]], found: int, pairs: list[str]) -> list[Term | Phrase]:
    """The clauses a suspect word becomes: itself when some documents have it, then its corrections (their pairs
    added to ``pairs``)."""
    options: list[Term | Phrase] = [word] if found else []
    for option in corrections:
        options.append(Term(option[0], option[0]) if len(option) == 1 else Phrase(option, option))
        pairs.extend(analysis.pairs(list(option)))
    return options


def relax(query: Query, doc_freqs: DocFreqs, *, exact_total: int) -> Relaxation | None:
    """The relaxed form of ``query`` (see the module docstring), or None when relaxing cannot find more."""
    positives = [*query.must, *query.should]
    if not positives:
        return None
    suspects = _suspects((c for c in positives if isinstance(c, Term)), doc_freqs)
    corrected = _corrections(suspects, doc_freqs, query.pairs) if suspects else {}
    clauses: list[Clause] = []
    corrections: list[Correction] = []
    pairs = list(query.pairs)
    for clause in positives:
        if isinstance(clause, Term) and clause.folded in corrected:
            options = _options(clause, corrected[clause.folded], suspects[clause.folded], pairs)
            corrections.append(Correction(clause.exact, corrected[clause.folded][0]))
            clauses.append(options[0] if len(options) == 1 else Or(tuple(options)))
        elif isinstance(clause, Term) and clause.folded in suspects and not suspects[clause.folded]:
            continue  # in no document, and nothing like it is: it cannot count
        elif isinstance(clause, Number | SaidNumber) and not exact_total:
            clauses.append(_relaxed_number(clause))  # a number found as typed is not loosened
        else:
            clauses.append(clause)
    if not clauses:
        return None
    quoted = [c for c in query.must if isinstance(c, Phrase)] if query.long else []
    should = [c for c in clauses if c not in quoted]
    if not should:
        msm = 0
    elif exact_total:  # some documents have every word: near matches are only other spellings of the words
        msm = query.min_should_match if query.long else len(should)
    else:
        msm = relaxed_msm(len(should), query.long)
    looser = msm < query.min_should_match if query.long else msm < len(should)
    if not corrections and clauses == positives and not looser:
        return None  # the same query again would find the same documents
    relaxed = Query(
        must=tuple(quoted),
        should=tuple(should),
        must_not=query.must_not,
        min_should_match=msm,
        pairs=tuple(analysis.unique(pairs)),
        long=query.long,
        title_hints=query.title_hints,
        prefer=query if exact_total else None,
        exact_tier=query.exact_tier,  # the diacritics typed still count among near matches
        text=query.text,
    )
    return Relaxation(relaxed, tuple(corrections))


# --- the corrected query -------------------------------------------------------------------------------------------


def _accented(folded: tuple[str, ...], titles: Iterable[str]) -> str | None:
    """``folded`` syllables as the titles write them most often ("gia dat" -> "giá đất"); None if none has them."""
    seen: Counter[str] = Counter()
    size = len(folded)
    for title in titles:
        forms = analysis.syllable_forms(title)
        for i in range(len(forms) - size + 1):
            window = forms[i : i + size]
            if tuple(f for _, f in window) == folded:
                seen[" ".join(x for x, _ in window)] += 1
    return seen.most_common(1)[0][0] if seen else None


def _replace_word(text: str, written: str, replacement: str) -> str:
    pattern = re.compile(rf"(?<![^\W_]){re.escape(written)}(?![^\W_])", re.IGNORECASE)
    return pattern.sub(lambda _: replacement, text, count=1)


def _numbers(query: Query) -> list[Number | SaidNumber]:
    return [c for c in (*query.must, *query.should) if isinstance(c, Number | SaidNumber)]


def suggestion_text(
    query: Query, corrections: Sequence[Correction], titles: Sequence[str], first_number: str | None
) -> str | None:
    """The query as typed with its corrections (diacritics from ``titles``) and, when a number of the query
    matched nothing and the first hit has another number, that number (``first_number``); None if unchanged."""
    text = analysis.nfc(query.text).strip()
    typed_with_diacritics = analysis.fold(text) != analysis.lower(text)
    for correction in corrections:
        # In the user's own way of typing: a query without diacritics is corrected without them; one typed with
        # them gets the correction as the first hits' titles write it, or not at all ("truong" in a query typed
        # with diacritics would be a worse spelling than the user's).
        written = _accented(correction.replacement, titles) if typed_with_diacritics else None
        if typed_with_diacritics and written is None:
            continue
        text = _replace_word(text, correction.written, written or " ".join(correction.replacement))
    if first_number:
        first_key = key_or_none(first_number)
        for number in _numbers(query):
            if number.key is not None and number.key == first_key:
                continue
            if number.written and number.written in text:
                text = text.replace(number.written, first_number, 1)
                break
    return text if text and text != analysis.nfc(query.text).strip() else None


def widened(query: Query, doc_freqs: DocFreqs) -> tuple[Query, tuple[Correction, ...]]:
    """A long query (a question, a pasted sentence) with each suspect word widened by its corrections: it needs only
    some of its words, so it seldom needs relaxing, but a misspelt or fused word ("rubela", "sửdụng") would count for
    nothing. The word as typed stays an option when some documents have it."""
    if not query.long:
        return query, ()
    terms = [c for c in query.should if isinstance(c, Term)]
    # Only words in no document: a question finds plenty, and a rare real word (a name) is not a typo.
    suspects = {word: freq for word, freq in _suspects(terms, doc_freqs).items() if freq == 0}
    corrected = _corrections(suspects, doc_freqs, query.pairs) if suspects else {}
    if not corrected:
        return query, ()
    should: list[Clause] = []
    pairs = list(query.pairs)
    corrections: list[Correction] = []
    for clause in query.should:
        if isinstance(clause, Term) and clause.folded in corrected:
            options = _options(clause, corrected[clause.folded], suspects[clause.folded], pairs)
            should.append(options[0] if len(options) == 1 else Or(tuple(options)))
            corrections.append(Correction(clause.exact, corrected[clause.folded][0]))
        else:
            should.append(clause)
    widened_query = dataclasses.replace(query, should=tuple(should), pairs=tuple(analysis.unique(pairs)))
    return widened_query, tuple(corrections)


def answer(
    query: Query,
    *,
    run: Callable[[Query], Page],
    doc_freqs: DocFreqs,
    stored: Callable[[list[int]], dict[int, dict[str, Any]]],
) -> Page:
    """The page that answers ``query``: a long query widened by its corrections (:func:`widened`), run; when it
    finds too little and the relaxed query finds more, the relaxed page, marked; the corrected query when a word
    or a number was corrected. ``run`` searches a parsed query with the request's filters, sort and page;
    ``stored(ids)`` gives id -> {"number", "title_raw"}. Both engines answer through this one function."""
    original = query
    query, corrections = widened(query, doc_freqs)
    strict = run(query)
    page = strict
    if needs_relaxing(query, strict.total):
        relaxation = relax(query, doc_freqs, exact_total=strict.total)
        relaxed = run(relaxation.query) if relaxation is not None else None
        if relaxation is not None and relaxed is not None and relaxed.total > strict.total:
            page = dataclasses.replace(relaxed, relaxed=True, exact_total=strict.total)
            corrections += relaxation.corrections
    number_missed = page.relaxed and strict.total == 0 and bool(_numbers(query))
    if not corrections and not number_missed:
        return page
    first = page.hits[:5]
    by_id = stored([hit.id for hit in first]) if first else {}
    titles = [str(by_id.get(hit.id, {}).get("title_raw") or "") for hit in first]
    first_number = str(by_id.get(first[0].id, {}).get("number") or "") or None if first else None
    suggestion = suggestion_text(original, corrections, titles, first_number if number_missed else None)
    return dataclasses.replace(page, suggestion=suggestion)
