"""Synonyms and abbreviations at query time: "ATTP" also finds "an toàn thực phẩm", and back (pure Python).

A synonym group is a tuple of equivalent forms as written (``("ATTP", "an toàn thực phẩm")``); the shipped groups
are :data:`legal.synonyms.SHIPPED_SYNONYMS`, the backend adds the admins' own. :func:`expand` rewrites a parsed
:class:`search.query.Query`: each occurrence of a form becomes an :class:`~search.query.Or` of every form of its
groups, the multi-syllable ones as phrases. Nothing is re-indexed: both engines run the rewritten query, so they
expand the same way (docs/decisions/0020-synonyms-at-query-time.md).

Where a form is found (on folded syllables, see :func:`form_syllables`):

- a single word (``Term``) or a phrase (``"an toàn thực phẩm"`` quoted, ``KT-XH``) equal to a form;
- a run of the query's words that spell a multi-syllable form: the query's adjacent pairs (``Query.pairs``, which
  never cross punctuation, exclusions, OR or numbers) must hold every pair of the form, and its words must be
  clauses of the query (a long query may have dropped its function words, "và"); the words are replaced by one
  ``Or`` (a long query's minimum-should-match is computed again on the clauses left, as the parser does);
- each option of an OR group.

Left alone: exclusions (``-UBND`` excludes the word as written, not its synonyms: a user who excludes a word means
that word), numbers (``1234/UBND-VX`` is a number, not the words UBND and VX), and phrases that only contain a form
(``UBND-VX``). A form in several groups gets every form of those groups (one hop: groups are not chained).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from legal.synonyms import SHIPPED_SYNONYMS
from search import analysis
from search.query import Clause, Number, Or, Phrase, Query, SaidNumber, Term, _long_msm

__all__ = ["SynonymTable", "expand", "form_syllables", "synonym_table"]

Form = tuple[str, ...]  # folded syllables
OrOption = Term | Phrase | Number | SaidNumber  # what an Or holds


def form_syllables(form: str) -> Form:
    """The folded syllables a form is matched on: ``"GD&ĐT"`` -> ``("gd", "dt")``, ``"Uỷ ban"`` -> ``("uy", "ban")``."""
    return tuple(analysis.syllables(form))


@dataclass(frozen=True)
class SynonymTable:
    """Synonym groups made ready for matching."""

    # folded form -> the other folded forms of every group it is in, in the groups' order
    equivalents: dict[Form, tuple[Form, ...]]
    # forms of two syllables or more with their adjacent pairs ("an_toan", "toan_thuc", …), longest first (a
    # longer form wins over one it contains)
    runs: tuple[tuple[Form, frozenset[str]], ...]
    # every pair of a run: a query without any of them has no run (most queries), checked with one set operation
    run_pairs: frozenset[str]


@functools.lru_cache(maxsize=16)
def synonym_table(groups: tuple[tuple[str, ...], ...]) -> SynonymTable:
    """The table of ``groups`` (cached: the backend passes the same groups until an admin changes them)."""
    equivalents: dict[Form, dict[Form, None]] = {}
    for group in groups:
        forms = list(dict.fromkeys(f for f in map(form_syllables, group) if f))
        if len(forms) < 2:
            continue
        for form in forms:
            others = equivalents.setdefault(form, {})
            others.update(dict.fromkeys(f for f in forms if f != form))
    forms = sorted((f for f in equivalents if len(f) > 1), key=lambda f: (-len(f), f))
    runs = tuple((f, frozenset(analysis.pairs(list(f)))) for f in forms)
    run_pairs = frozenset(p for _, pairs in runs for p in pairs)
    return SynonymTable({f: tuple(o) for f, o in equivalents.items()}, runs, run_pairs)


def expand(query: Query, groups: Sequence[Sequence[str]] = ()) -> Query:
    """``query`` with every form of ``groups`` (default, when empty: the shipped list) widened to all of its
    equivalents. A query without any form is returned as it is (the same object)."""
    if query.match_all:
        return query
    table = synonym_table(tuple(tuple(g) for g in groups) if groups else SHIPPED_SYNONYMS)
    if not table.equivalents:
        return query
    pairs = frozenset(query.pairs)
    must = _expand_clauses(query.must, pairs, table, long=query.long)
    should = _expand_clauses(query.should, pairs, table, long=query.long)
    if must == query.must and should == query.should:
        return query
    if should != query.should:  # a run of words became one clause: a long query's rule, on the clauses left
        msm = _long_msm(len(should), bool(must)) if query.long else min(query.min_should_match, len(should))
        return dataclasses.replace(query, must=must, should=should, min_should_match=msm)
    return dataclasses.replace(query, must=must)


def _option(form: Form) -> Term | Phrase:
    # Folded as written in the list: no exact-diacritics bonus for forms the user did not type.
    return Term(form[0], form[0]) if len(form) == 1 else Phrase(form, form)


def _widened(original: Term | Phrase, form: Form, table: SynonymTable) -> Or:
    return Or((original, *map(_option, table.equivalents[form])))


def _form_of(clause: Clause) -> Form | None:
    if isinstance(clause, Term):
        return (clause.folded,)
    if isinstance(clause, Phrase):
        return clause.folded
    return None


def _expand_one(clause: Clause, table: SynonymTable) -> Clause:
    if isinstance(clause, Or):
        options: dict[object, OrOption] = {}
        for option in clause.options:
            widened = _expand_one(option, table)
            for o in widened.options if isinstance(widened, Or) else (widened,):
                options.setdefault(_form_of(o) or o, o)  # the same form once (the user's spelling first)
        return Or(tuple(options.values())) if len(options) > len(clause.options) else clause
    form = _form_of(clause)
    if form is None or form not in table.equivalents:
        return clause
    assert isinstance(clause, Term | Phrase)
    return _widened(clause, form, table)


def _run_positions(form: Form, clauses: Sequence[Clause], taken: set[int], *, long: bool) -> list[int] | None:
    """Positions of the words of ``form`` among ``clauses`` (None when the query does not spell it)."""
    positions: list[int] = []
    for syllable in form:
        found = next(
            (
                i
                for i, c in enumerate(clauses)
                if i not in taken and isinstance(c, Term) and c.folded == syllable and i not in positions
            ),
            None,
        )
        if found is None:
            if not long:  # a short query keeps every word: a missing one means the form is not there
                return None
            continue  # a long query drops function words ("và"): the pairs show they were there
        positions.append(found)
    return positions or None


def _expand_clauses(
    clauses: tuple[Clause, ...], pairs: frozenset[str], table: SynonymTable, *, long: bool
) -> tuple[Clause, ...]:
    if not clauses:
        return clauses
    replaced: dict[int, Clause] = {}  # position -> the Or that stands for a run starting there
    taken: set[int] = set()
    if not pairs.isdisjoint(table.run_pairs):
        for form, form_pairs in table.runs:
            if not form_pairs <= pairs:
                continue
            positions = _run_positions(form, clauses, taken, long=long)
            if positions is None:
                continue
            exact = _exact_of(form, [clauses[i] for i in positions])
            replaced[min(positions)] = _widened(Phrase(form, exact), form, table)
            taken.update(positions)
    out: list[Clause] = []
    for i, clause in enumerate(clauses):
        if i in replaced:
            out.append(replaced[i])
        elif i not in taken:
            out.append(_expand_one(clause, table))
    result = tuple(dict.fromkeys(out))
    return clauses if result == clauses else result


def _exact_of(form: Form, words: Iterable[Clause]) -> Form:
    """The run as the user wrote it (diacritics kept for the exact-form bonus); folded where a word was dropped."""
    written = {c.folded: c.exact for c in words if isinstance(c, Term)}
    return tuple(written.get(s, s) for s in form)
