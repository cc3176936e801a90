"""Re-ranking a long query's first hits with a learned model (pure Python: no Django, no numpy at run time).

A question or a pasted sentence (:attr:`search.query.Query.long`) is ranked first by the engine's BM25 query
(:mod:`search.scoring`). Its first :data:`DEPTH` hits are then ordered again by a small learned model
(``ranker_model.json`` beside this module, built by ``scripts/train_ranker.py``; docs/decisions/0021) over features
of each (query, candidate) pair: BM25 per field, word pairs and proximity, the share of the query's words a
candidate covers (weighted by idf), title matches, status, and the first pass's own score and rank.

The features are defined here, engine-neutrally, as :class:`FeaturePlan` s: each plan is one sub-query (the sum of
its targets' scores) that an engine runs restricted to the candidate ids, returning id -> score. How an engine
runs a plan, for any engine:

- the plan's targets are the optional clauses of a bool query, at least one must match, restricted (as a filter,
  no score) to the candidate ids; the score of a candidate is the sum of its matching targets' scores;
- a :class:`search.scoring.TermTarget` / :class:`search.scoring.PhraseTarget` scores BM25 times its boost, as in
  the first pass; a :class:`ProximityTarget` is a phrase query with ``slop``; an :class:`AnyOf` matches when any
  of its targets does (a word of the query with its synonyms or corrections);
- in a ``constant`` plan every target scores its boost when it matches, whatever its BM25 (a weighted count).

An engine calls :func:`run` with its :class:`Lookups`: the document frequencies of tokens in the body (for the idf
weights), the scores of plans over candidate ids, and the candidates' stored titles. The order is deterministic:
model score desc, then id asc; hits past :data:`DEPTH` keep the first pass's order after the re-ranked ones.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from search import analysis, scoring
from search.query import Or, Phrase, Query, Term
from search.types import Hit

__all__ = [
    "DEPTH",
    "FEATURES",
    "MODEL_PATH",
    "AnyOf",
    "FeaturePlan",
    "Lookups",
    "Model",
    "ProximityTarget",
    "applies",
    "coverage_tokens",
    "feature_rows",
    "features",
    "load_model",
    "order",
    "plans_for",
    "run",
]

DEPTH = 100  # how many first-pass hits are re-ranked
PROXIMITY_SLOP = 3  # two adjacent query syllables found at most this many positions apart count as "near"
IN_FORCE = "in_force"
MODEL_PATH = Path(__file__).with_name("ranker_model.json")


@dataclass(frozen=True)
class ProximityTarget:
    """A phrase query over ``tokens`` on ``field`` allowing ``slop`` positions between them."""

    field: str
    tokens: tuple[str, ...]
    slop: int
    boost: float = 1.0


@dataclass(frozen=True)
class AnyOf:
    """Matches when any of ``targets`` does (a bool "should" with one required); scores their sum times
    ``boost``."""

    targets: tuple[scoring.Target, ...]
    boost: float = 1.0


PlanTarget = scoring.TermTarget | scoring.PhraseTarget | ProximityTarget | AnyOf


@dataclass(frozen=True)
class FeaturePlan:
    """One sub-query an engine runs over the candidates (see the module docstring)."""

    name: str
    targets: tuple[PlanTarget, ...]
    constant: bool = False


# Features from sub-queries: each is the plan's score of a candidate, divided by the best candidate's (so that a
# feature means "as good as the best of this query's candidates", whatever the query's length), except the
# coverage ones, which are shares of the query (0 to 1) by construction.
_NORMALISED = ("body", "title", "body_pairs", "title_pairs", "exact")
_SHARES = ("cover_idf", "cover_words", "title_cover_idf", "pair_cover", "near_cover")
_FLAGS = ("hint", "in_force")
# Features of a candidate's title as stored: the share of its syllables that the query has (an article's title
# names its subject in a few words: all of them in the question is a strong sign), and whether that share is 1.
_TITLES = ("title_prec", "title_all")
# Features of the first pass: its score over the best one, 1/rank and whether the hit was in its first 10.
_FIRST_PASS = ("first_score", "first_rank", "first_top10")
FEATURES: tuple[str, ...] = (*_FIRST_PASS, *_NORMALISED, *_SHARES, *_FLAGS, *_TITLES)


def applies(parsed: Query) -> bool:
    """Whether a parsed query is re-ranked (when sorted by relevance): a long query with words to rank by."""
    return parsed.long and not parsed.match_all


@dataclass(frozen=True)
class _Slot:
    """One word of the query as the features count it: a syllable, or an OR group (a word with its synonyms or
    corrections, :mod:`search.synonyms`, :mod:`search.forgiving`) matched when any of its forms is; ``forms`` are
    folded syllable tuples, ``exact`` the syllable as typed when the slot is one syllable."""

    forms: tuple[tuple[str, ...], ...]
    exact: str = ""

    def syllables(self) -> list[str]:
        return analysis.unique(syllable for form in self.forms for syllable in form)


def _slots(parsed: Query) -> list[_Slot]:
    """The query's words: each syllable of its words and quoted phrases, each OR group as one; once each."""
    found: dict[tuple[tuple[str, ...], ...], _Slot] = {}
    for clause in (*parsed.must, *parsed.should):
        if isinstance(clause, Term):
            found.setdefault(((clause.folded,),), _Slot(((clause.folded,),), clause.exact))
        elif isinstance(clause, Phrase):
            for folded, exact in zip(clause.folded, clause.exact, strict=True):
                found.setdefault(((folded,),), _Slot(((folded,),), exact))
        elif isinstance(clause, Or):
            forms = tuple(
                dict.fromkeys(
                    (option.folded,) if isinstance(option, Term) else option.folded
                    for option in clause.options
                    if isinstance(option, Term | Phrase)
                )
            )
            if forms:
                found.setdefault(forms, _Slot(forms))
    return list(found.values())


def coverage_tokens(parsed: Query) -> list[str]:
    """The folded syllables whose document frequency in :data:`search.scoring.BODY` :func:`plans_for` needs."""
    return analysis.unique(syllable for slot in _slots(parsed) for syllable in slot.syllables())


def _idf(doc_freq: int, total: int) -> float:
    """BM25's idf (Lucene's and tantivy's formula)."""
    return math.log(1 + (total - doc_freq + 0.5) / (doc_freq + 0.5))


def _slot_idf(slot: _Slot, doc_freqs: Mapping[str, int], total: int) -> float:
    """A slot weighs as its rarest syllable ("ATTP" or "an toàn thực phẩm": as "attp" if it is the rarer)."""
    return max(_idf(int(doc_freqs.get(syllable, 0)), max(total, 1)) for syllable in slot.syllables())


_PAIRS_OF = {scoring.BODY: scoring.BODY_X, scoring.TITLE: scoring.TITLE_X}


def _target(slot: _Slot, field: str, boost: float = 1.0) -> PlanTarget:
    """The target of a slot on a field: its syllable, or any of its forms. A form of several syllables matches
    by its adjacent pairs (all of them, in the field's pair tokens): term look-ups, where a phrase query over
    syllables most texts have ("thành phố") took milliseconds at 100,000 documents."""
    targets: list[scoring.Target] = [
        scoring.TermTarget(field, form[0], 1.0)
        if len(form) == 1
        else scoring.AllOf(tuple(scoring.TermTarget(_PAIRS_OF[field], p, 1.0) for p in analysis.pairs(list(form))))
        for form in slot.forms
    ]
    if len(targets) == 1 and isinstance(targets[0], scoring.TermTarget):
        return dataclasses.replace(targets[0], boost=boost)
    return AnyOf(tuple(targets), boost)


def plans_for(parsed: Query, doc_freqs: Mapping[str, int], total: int) -> list[FeaturePlan]:
    """The sub-queries of the features of ``parsed`` (``doc_freqs``: of :func:`coverage_tokens` in the body)."""
    slots = _slots(parsed)
    idf = [_slot_idf(slot, doc_freqs, total) for slot in slots]
    body, title = scoring.BODY, scoring.TITLE
    exact = [slot.exact for slot in slots if slot.exact and slot.exact != slot.forms[0][0]]
    plans = [
        FeaturePlan("body", tuple(_target(slot, body) for slot in slots)),
        FeaturePlan("title", tuple(_target(slot, title) for slot in slots)),
        FeaturePlan("body_pairs", tuple(scoring.TermTarget(scoring.BODY_X, p, 1.0) for p in parsed.pairs)),
        FeaturePlan("title_pairs", tuple(scoring.TermTarget(scoring.TITLE_X, p, 1.0) for p in parsed.pairs)),
        FeaturePlan("exact", tuple(scoring.TermTarget(scoring.BODY_X, x, 1.0) for x in exact)),
        FeaturePlan("cover_idf", tuple(_target(slot, body, w) for slot, w in zip(slots, idf, strict=True)), True),
        FeaturePlan("cover_words", tuple(_target(slot, body) for slot in slots), True),
        FeaturePlan(
            "title_cover_idf", tuple(_target(slot, title, w) for slot, w in zip(slots, idf, strict=True)), True
        ),
        FeaturePlan("pair_cover", tuple(scoring.TermTarget(scoring.BODY_X, p, 1.0) for p in parsed.pairs), True),
        FeaturePlan(
            "near_cover",
            tuple(
                ProximityTarget(body, tuple(p.split(analysis.PAIR_JOINER)), PROXIMITY_SLOP)
                for p in parsed.pairs
                if len(p.split(analysis.PAIR_JOINER)) == 2
            ),
            True,
        ),
        FeaturePlan("hint", tuple(_title_phrase(h) for h in parsed.title_hints), True),
        FeaturePlan("in_force", (scoring.TermTarget("status", IN_FORCE, 1.0),), True),
    ]
    return [plan for plan in plans if plan.targets]


def _title_phrase(phrase: tuple[str, ...]) -> PlanTarget:
    """A title hint of the query (:data:`search.query.DEFINITION_TITLES`) as a target on the title."""
    if len(phrase) == 1:
        return scoring.TermTarget(scoring.TITLE, phrase[0], 1.0)
    return scoring.PhraseTarget(scoring.TITLE, phrase, 1.0)


def _denominators(parsed: Query, doc_freqs: Mapping[str, int], total: int) -> dict[str, float]:
    """What each share feature is divided by: the most a candidate can score on its plan."""
    slots = _slots(parsed)
    idf_sum = sum(_slot_idf(slot, doc_freqs, total) for slot in slots)
    near = sum(1 for p in parsed.pairs if len(p.split(analysis.PAIR_JOINER)) == 2)
    return {
        "cover_idf": idf_sum,
        "cover_words": float(len(slots)),
        "title_cover_idf": idf_sum,
        "pair_cover": float(len(parsed.pairs)),
        "near_cover": float(near),
        "hint": float(len(parsed.title_hints)),
        "in_force": 1.0,
    }


def feature_rows(
    parsed: Query,
    hits: Sequence[Hit],
    scores: Mapping[str, Mapping[int, float]],
    doc_freqs: Mapping[str, int],
    total: int,
    titles: Mapping[int, str] | None = None,
) -> list[list[float]]:
    """One row of :data:`FEATURES` per hit (the first pass's order), from each plan's id -> score (a plan that
    was not run, or a candidate it did not match, scores 0) and the candidates' titles as written (id -> title;
    a candidate without one scores 0 on the title features)."""
    query_syllables = set(analysis.syllables(parsed.text)) | set(coverage_tokens(parsed))
    best_first = max((h.score for h in hits), default=0.0)
    denominators = _denominators(parsed, doc_freqs, total)
    columns: list[tuple[Mapping[int, float], float]] = []  # (id -> score, what the score is divided by)
    for name in _NORMALISED:
        found = scores.get(name, {})
        columns.append((found, max(found.values(), default=0.0)))
    for name in (*_SHARES, *_FLAGS):
        columns.append((scores.get(name, {}), denominators[name]))
    rows: list[list[float]] = []
    for rank, hit in enumerate(hits, 1):
        row = [hit.score / best_first if best_first > 0 else 0.0, 1.0 / rank, 1.0 if rank <= 10 else 0.0]
        for found, divisor in columns:
            row.append(min(1.0, found.get(hit.id, 0.0) / divisor) if divisor > 0 else 0.0)
        title = _title_syllables((titles or {}).get(hit.id, ""))
        share = sum(1 for syllable in title if syllable in query_syllables) / len(title) if title else 0.0
        row += [share, 1.0 if share == 1.0 else 0.0]
        rows.append(row)
    return rows


@functools.lru_cache(maxsize=8192)
def _title_syllables(title: str) -> tuple[str, ...]:
    """The folded syllables of a title (cached: the same candidates come back for question after question)."""
    return tuple(analysis.syllables(title))


# --- the model ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Model:
    """A linear model over :data:`FEATURES`: score = bias + sum(weight * feature) (a pairwise logistic ranker)."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float = 0.0

    def __post_init__(self) -> None:
        if len(self.features) != len(self.weights):
            raise ValueError("a ranker model needs one weight per feature")
        unknown = set(self.features) - set(FEATURES)
        if unknown:
            raise ValueError(f"unknown ranker features: {', '.join(sorted(unknown))}")

    @functools.cached_property
    def _terms(self) -> tuple[tuple[int, float], ...]:
        """(column of the feature in a row of FEATURES, weight), the zero weights left out."""
        return tuple((FEATURES.index(name), w) for name, w in zip(self.features, self.weights, strict=True) if w)

    def used(self) -> frozenset[str]:
        """The features this model gives a weight (the others need not be computed)."""
        return frozenset(name for name, w in zip(self.features, self.weights, strict=True) if w)

    def score(self, row: Sequence[float]) -> float:
        return self.bias + sum(w * row[i] for i, w in self._terms)

    def to_json(self) -> dict[str, Any]:
        return {"kind": "linear", "features": list(self.features), "weights": list(self.weights), "bias": self.bias}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Model:
        if data.get("kind") != "linear":
            raise ValueError(f"unknown ranker model kind {data.get('kind')!r}")
        return cls(
            tuple(str(f) for f in data["features"]),
            tuple(float(w) for w in data["weights"]),
            float(data.get("bias", 0.0)),
        )


@functools.cache
def load_model(path: Path = MODEL_PATH) -> Model:
    """The model in ``path`` (read once per process)."""
    return Model.from_json(json.loads(path.read_text(encoding="utf-8")))


def order(hits: Sequence[Hit], rows: Sequence[Sequence[float]], model: Model) -> list[Hit]:
    """The first ``len(rows)`` hits ordered by the model's score of their row (desc, then id asc; their ``score``
    becomes the model's), the others after them in their first-pass order."""
    head, tail = list(hits[: len(rows)]), list(hits[len(rows) :])
    ranked = sorted(
        (Hit(id=hit.id, score=model.score(row)) for hit, row in zip(head, rows, strict=True)),
        key=lambda hit: (-hit.score, hit.id),
    )
    return ranked + tail


# What an engine supplies to :func:`run` (see :class:`Lookups`).
DocFreqs = Callable[[list[str]], tuple[dict[str, int], int]]
PlanScores = Callable[[list[FeaturePlan], list[int]], dict[str, dict[int, float]]]
Titles = Callable[[list[int]], dict[int, str]]


@dataclass(frozen=True)
class Lookups:
    """How an engine runs the re-ranker's three look-ups: ``doc_freqs(tokens)``, the document frequencies of
    tokens in :data:`search.scoring.BODY` and the number of documents; ``plan_scores(plans, ids)``, each plan's
    id -> score over the candidates ``ids``; ``titles(ids)``, the candidates' titles as written."""

    doc_freqs: DocFreqs
    plan_scores: PlanScores
    titles: Titles


def features(
    parsed: Query, hits: Sequence[Hit], lookups: Lookups, needed: Collection[str] = FEATURES
) -> list[list[float]]:
    """The feature rows of the first :data:`DEPTH` hits on any engine. Only what ``needed`` features use is looked
    up (the others score 0): a model does not pay for the sub-queries of features it gives no weight. The
    training script reads every feature through this same path."""
    head = list(hits[:DEPTH])
    ids = [hit.id for hit in head]
    freqs, total = lookups.doc_freqs(coverage_tokens(parsed))
    plans = [plan for plan in plans_for(parsed, freqs, total) if plan.name in needed]
    scores = lookups.plan_scores(plans, ids) if plans else {}
    titles = lookups.titles(ids) if set(_TITLES) & set(needed) else {}
    return feature_rows(parsed, head, scores, freqs, total, titles)


def run(parsed: Query, hits: Sequence[Hit], lookups: Lookups, model: Model | None = None) -> list[Hit]:
    """The re-ranking on any engine: ``hits`` (the first pass, best first) with the first :data:`DEPTH` ordered by
    the model (score desc, then id asc; their ``score`` is the model's), the others after them in their order."""
    if len(hits) < 2:
        return list(hits)
    model = model or load_model()
    return order(hits, features(parsed, hits, lookups, model.used()), model)
