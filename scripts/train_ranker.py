"""Train the question re-ranker (search/rerank.py) and write search/ranker_model.json.

Command (from the repository root; needs ../shared/corpus/alqac and the dev extras, which bring scikit-learn):

    .venv/bin/python scripts/train_ranker.py [--corpus ../shared/corpus/alqac] [--shared-corpus ../shared/corpus]
                                             [--out search/ranker_model.json]

Training data: ALQAC 2022 (question.json, 520 questions) and ALQAC 2023 (train.json, 100), each article one
document, indexed in an in-memory tantivy engine exactly as bench/relevance.py does. For every question the engine
gives its first :data:`search.rerank.DEPTH` hits and their feature rows (``TantivyEngine.ranking_features``, the
path ``search()`` takes); a hit is relevant when it is one of the question's articles. The held-out
new_data_102023 set is never read here: it measures the model in bench/relevance.py and nothing else.

The product's own judged queries (bench/real_queries.json over the provincial records of bench/real_records.py,
indexed as bench/relevance.py indexes them) count only where the re-ranker runs: those whose parsed query is long
(:func:`search.rerank.applies`). Their split is fixed, decided before any figure was looked at: a query whose
numeric id is odd (rq001 -> 1) may be trained on, one whose id is even is held out to validate this addition
(:func:`bench.real_records.judged_half`). Where the records are absent (a clean clone) the script says so and
trains on ALQAC alone.

Two candidates are compared on validation only: (a) ALQAC alone, as before, and (b) ALQAC plus the odd judged
queries. (b) is kept only when it is not worse on the ALQAC validation (the mean below, compared at the three
decimals printed) and better on the even judged queries (MRR@10 of the models trained on all their training data);
else (a) is written. The rule was written before either was measured.

The model is linear, learned as a pairwise logistic regression (RankNet's loss with a linear scorer): for each
question, each (relevant, non-relevant) pair of its candidates is one example, the difference of their feature
rows, both ways round. Run-time scoring is then a dot product (search.rerank.Model): no dependency is added to
the service.

Validation (printed, the only figures the regularisation was chosen on): train on 2022, measure MRR@10 on 2023;
and five folds of 2022 (questions split by a seeded shuffle). Deterministic: fixed seeds, lbfgs.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import real_records  # noqa: E402
from bench.relevance import CORPUS, REAL_QUERIES, SHARED_CORPUS, indexed_documents, load_set, real_documents  # noqa: E402
from search import rerank  # noqa: E402
from search.query import parse  # noqa: E402
from search.types import SearchSyntaxError  # noqa: E402

TRAIN_SETS = ("2022", "2023")  # never "2023-new": it is held out
JUDGED = "judged-odd"  # the odd half of the product's judged long queries, when kept (bench.real_records.judged_half)
SEED = 15
C_VALUES = (0.01, 0.1, 1.0, 10.0)
K = 10
# Features computed (the script reads them all) but left out of the model: on validation (the mean of 2022->2023
# and 2022 5-fold MRR@10, at C 10) the model without them was as good as with them, and each costs the engines a
# sub-query per question (about 0.4 ms on tantivy at ALQAC size). Measured: without body_pairs, title_pairs and
# exact 0.9416 against 0.9410 with them; then, with the stored-title features, without title and
# title_cover_idf 0.9512 against 0.9480 with them. near_cover is left out for speed alone: its phrase queries
# with slop took 23-58 ms per question on tantivy at 100,000 generated documents (bench/search_speed_data.py),
# for 0.9492 against 0.9513 on validation.
LEFT_OUT = ("body_pairs", "title_pairs", "exact", "title", "title_cover_idf", "near_cover")
USED = tuple(name for name in rerank.FEATURES if name not in LEFT_OUT)


@dataclass(frozen=True)
class Group:
    """One question's candidates: feature rows and whether each is relevant, in the first pass's order."""

    rows: list[list[float]]
    labels: list[bool]


def collect(corpus: Path, set_name: str) -> list[Group]:
    """Feature rows of every question of a set, from the tantivy engine."""
    articles, questions = load_set(corpus, set_name)
    return _groups(indexed_documents(articles), [(q.text, q.relevant) for q in questions])


def _groups(docs: Sequence[Any], questions: Sequence[tuple[str, Collection[int]]]) -> list[Group]:
    """Index ``docs`` (bench.relevance.BenchDoc) in an in-memory tantivy engine; each (text, relevant ids) one group."""
    from search.tantivy_engine import TantivyEngine

    engine = TantivyEngine(None, build_workers=0)
    try:
        engine.rebuild([doc.indexed for doc in docs])
        groups = []
        for text, relevant in questions:
            hits, rows = engine.ranking_features(text)
            groups.append(Group(rows, [hit.id in relevant for hit in hits]))
    finally:
        engine.close()
    return groups


def reranked(text: str) -> bool:
    """Whether the engines re-rank this query (a long parsed query); a query that does not parse never is."""
    try:
        return rerank.applies(parse(text))
    except SearchSyntaxError:
        return False


def collect_judged(
    records: Sequence[real_records.Record], queries: Sequence[real_records.RealQuery]
) -> dict[str, list[Group]]:
    """Feature rows of the judged queries the re-ranker runs on, by half ("train", "validation"), over the records
    indexed as bench/relevance.py indexes them. A query none of whose relevant records is in ``records`` is
    left out, as the bench leaves it out."""
    docs = real_documents(list(records))
    ids = {r.key: doc.indexed.id for r, doc in zip(records, docs, strict=True)}
    halves: dict[str, list[tuple[str, Collection[int]]]] = {"train": [], "validation": []}
    for query in queries:
        relevant = {ids[key] for key in query.relevant if key in ids}
        if relevant and reranked(query.text):
            halves[real_records.judged_half(query.id)].append((query.text, relevant))
    return {half: _groups(docs, questions) if questions else [] for half, questions in halves.items()}


def load_judged(shared_corpus: Path) -> dict[str, list[Group]]:
    """The judged queries' groups by half; empty halves (and a note) where the records are absent."""
    if not real_records.available(shared_corpus):
        print(
            f"Real records not found under {shared_corpus} (not part of the repository): "
            "training on ALQAC alone, the judged queries neither trained on nor measured."
        )
        return {"train": [], "validation": []}
    return collect_judged(real_records.load(shared_corpus), real_records.load_queries(REAL_QUERIES))


def pairs(groups: Sequence[Group], columns: Sequence[int]) -> tuple[list[list[float]], list[int]]:
    """Pairwise examples over ``columns``: relevant minus non-relevant (label 1) and the reverse (label 0)."""
    x: list[list[float]] = []
    y: list[int] = []
    for group in groups:
        rows = [[row[i] for i in columns] for row in group.rows]
        good = [row for row, label in zip(rows, group.labels, strict=True) if label]
        bad = [row for row, label in zip(rows, group.labels, strict=True) if not label]
        for g in good:
            for b in bad:
                diff = [gi - bi for gi, bi in zip(g, b, strict=True)]
                x.append(diff)
                y.append(1)
                x.append([-d for d in diff])
                y.append(0)
    return x, y


def fit(groups: Sequence[Group], c: float, features: Sequence[str] = USED) -> rerank.Model:
    """The linear model over ``features`` learned from ``groups`` with inverse regularisation ``c``."""
    from sklearn.linear_model import LogisticRegression

    x, y = pairs(groups, [rerank.FEATURES.index(name) for name in features])
    if not x:
        raise ValueError("no question has both a relevant and a non-relevant candidate: nothing to learn from")
    learner = LogisticRegression(C=c, fit_intercept=False, max_iter=5000, random_state=SEED)
    learner.fit(x, y)
    weights = tuple(round(float(w), 6) for w in learner.coef_[0])
    return rerank.Model(tuple(features), weights)


def mrr(groups: Sequence[Group], model: rerank.Model | None) -> float:
    """MRR@10 of the groups ordered by ``model`` (None: the first pass's order). A question whose relevant
    article is not among its candidates counts 0, as in bench/relevance.py."""
    total = 0.0
    for group in groups:
        order = list(range(len(group.rows)))
        if model is not None:
            scores = [model.score(row) for row in group.rows]
            order.sort(key=lambda i: -scores[i])  # stable: ties keep the first pass's order
        rank = next((r for r, i in enumerate(order[:K], 1) if group.labels[i]), None)
        total += 1 / rank if rank else 0.0
    return total / max(1, len(groups))


def folds(groups: Sequence[Group], n: int) -> list[tuple[list[Group], list[Group]]]:
    indices = list(range(len(groups)))
    random.Random(SEED).shuffle(indices)
    out = []
    for k in range(n):
        held = set(indices[k::n])
        out.append(([g for i, g in enumerate(groups) if i not in held], [g for i, g in enumerate(groups) if i in held]))
    return out


def validate(
    by_set: dict[str, list[Group]], extra: Sequence[Group] = (), c_values: Sequence[float] = C_VALUES
) -> tuple[float, float]:
    """Print the ALQAC validation figures for each C, ``extra`` groups added to every training side; return the C
    with the best mean of the two validations, and that mean."""
    best_c, best = c_values[0], -1.0
    print(f"{'C':>6} {'2022->2023':>11} {'2022 5-fold':>12}")
    base_2023 = mrr(by_set["2023"], None)
    base_folds = sum(mrr(test, None) for _, test in folds(by_set["2022"], 5)) / 5
    print(f"{'first':>6} {base_2023:>11.3f} {base_folds:>12.3f}   (the first pass, no re-ranking)")
    for c in c_values:
        on_2023 = mrr(by_set["2023"], fit([*by_set["2022"], *extra], c))
        cv = sum(mrr(test, fit([*train, *extra], c)) for train, test in folds(by_set["2022"], 5)) / 5
        print(f"{c:>6} {on_2023:>11.3f} {cv:>12.3f}")
        if (on_2023 + cv) / 2 > best:
            best_c, best = c, (on_2023 + cv) / 2
    return best_c, best


@dataclass(frozen=True)
class Candidate:
    name: str
    trained_on: tuple[str, ...]
    c: float
    alqac_validation: float  # mean of 2022->2023 and 2022 5-fold MRR@10
    model: rerank.Model  # trained on all its training data
    judged_validation: float | None  # MRR@10 on the even judged queries; None without them


def candidate(
    name: str, by_set: dict[str, list[Group]], extra: Sequence[Group], judged: dict[str, list[Group]], c: float | None
) -> Candidate:
    print(f"-- {name} --")
    c, alqac = validate(by_set, extra, C_VALUES if c is None else (c,))
    model = fit([*(g for s in TRAIN_SETS for g in by_set[s]), *extra], c)
    even = judged["validation"]
    on_even = mrr(even, model) if even else None
    trained_on = TRAIN_SETS + ((JUDGED,) if extra else ())
    shown = "n/a" if on_even is None else f"{on_even:.3f}"
    print(f"C = {c}: ALQAC validation (mean) {alqac:.3f}, even judged queries MRR@10 {shown}; weights:")
    print("  " + ", ".join(f"{f} {w:+.3f}" for f, w in zip(model.features, model.weights, strict=True)))
    return Candidate(name, trained_on, c, alqac, model, on_even)


def choose(current: Candidate, judged: Candidate | None) -> Candidate:
    """(b) only when not worse on ALQAC validation (at the three decimals printed) and better on the even half."""
    if judged is None or judged.judged_validation is None or current.judged_validation is None:
        return current
    not_worse = round(judged.alqac_validation, 3) >= round(current.alqac_validation, 3)
    better = round(judged.judged_validation, 3) > round(current.judged_validation, 3)
    return judged if not_worse and better else current


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=rerank.MODEL_PATH)
    parser.add_argument(
        "--shared-corpus", type=Path, default=SHARED_CORPUS, help="the folder holding the judged queries' records"
    )
    parser.add_argument("--c", type=float, default=None, help="use this regularisation (validated alone)")
    args = parser.parse_args(argv)
    by_set = {name: collect(args.corpus, name) for name in TRAIN_SETS}
    for name, groups in by_set.items():
        reachable = sum(any(g.labels) for g in groups)
        print(f"ALQAC {name}: {len(groups)} questions, {reachable} with a relevant article in the first {rerank.DEPTH}")
    judged = load_judged(args.shared_corpus)
    for half, groups in judged.items():
        reachable = sum(any(g.labels) for g in groups)
        print(
            f"judged long queries, {half} half: {len(groups)}, "
            f"{reachable} with a relevant record in the first {rerank.DEPTH}"
        )
    if judged["validation"]:
        print(f"even judged queries, first pass (no re-ranking): MRR@10 {mrr(judged['validation'], None):.3f}")
    current = candidate("(a) ALQAC 2022 + 2023", by_set, (), judged, args.c)
    with_judged = (
        candidate("(b) ALQAC 2022 + 2023 + the odd judged queries", by_set, judged["train"], judged, args.c)
        if judged["train"]
        else None
    )
    chosen = choose(current, with_judged)
    print(f"kept: {chosen.name}")
    model, c = chosen.model, chosen.c
    data = {**model.to_json(), "trained_on": list(chosen.trained_on), "c": c}
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(
        f"C = {c}; weights: " + ", ".join(f"{f} {w:+.3f}" for f, w in zip(model.features, model.weights, strict=True))
    )
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
