"""Train the question re-ranker (search/rerank.py) and write search/ranker_model.json.

Command (from the repository root; needs ../shared/corpus/alqac and the dev extras, which bring scikit-learn):

    .venv/bin/python scripts/train_ranker.py [--corpus ../shared/corpus/alqac] [--out search/ranker_model.json]

Training data: ALQAC 2022 (question.json, 520 questions) and ALQAC 2023 (train.json, 100), each article one
document, indexed in an in-memory tantivy engine exactly as bench/relevance.py does. For every question the engine
gives its first :data:`search.rerank.DEPTH` hits and their feature rows (``TantivyEngine.ranking_features``, the
path ``search()`` takes); a hit is relevant when it is one of the question's articles. The held-out
new_data_102023 set is never read here: it measures the model in bench/relevance.py and nothing else.

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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.relevance import CORPUS, indexed_documents, load_set  # noqa: E402
from search import rerank  # noqa: E402

TRAIN_SETS = ("2022", "2023")  # never "2023-new": it is held out
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
    from search.tantivy_engine import TantivyEngine

    articles, questions = load_set(corpus, set_name)
    engine = TantivyEngine(None, build_workers=0)
    try:
        engine.rebuild([doc.indexed for doc in indexed_documents(articles)])
        groups = []
        for question in questions:
            hits, rows = engine.ranking_features(question.text)
            groups.append(Group(rows, [hit.id in question.relevant for hit in hits]))
    finally:
        engine.close()
    return groups


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


def validate(by_set: dict[str, list[Group]]) -> float:
    """Print the validation figures for each C and return the C with the best mean of the two validations."""
    best_c, best = C_VALUES[0], -1.0
    print(f"{'C':>6} {'2022->2023':>11} {'2022 5-fold':>12}")
    base_2023 = mrr(by_set["2023"], None)
    base_folds = sum(mrr(test, None) for _, test in folds(by_set["2022"], 5)) / 5
    print(f"{'first':>6} {base_2023:>11.3f} {base_folds:>12.3f}   (the first pass, no re-ranking)")
    for c in C_VALUES:
        on_2023 = mrr(by_set["2023"], fit(by_set["2022"], c))
        cv = sum(mrr(test, fit(train, c)) for train, test in folds(by_set["2022"], 5)) / 5
        print(f"{c:>6} {on_2023:>11.3f} {cv:>12.3f}")
        if (on_2023 + cv) / 2 > best:
            best_c, best = c, (on_2023 + cv) / 2
    return best_c


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=rerank.MODEL_PATH)
    parser.add_argument("--c", type=float, default=None, help="skip validation and use this regularisation")
    args = parser.parse_args(argv)
    by_set = {name: collect(args.corpus, name) for name in TRAIN_SETS}
    for name, groups in by_set.items():
        reachable = sum(any(g.labels) for g in groups)
        print(f"ALQAC {name}: {len(groups)} questions, {reachable} with a relevant article in the first {rerank.DEPTH}")
    c = args.c if args.c is not None else validate(by_set)
    model = fit([g for name in TRAIN_SETS for g in by_set[name]], c)
    data = {**model.to_json(), "trained_on": list(TRAIN_SETS), "c": c}
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(
        f"C = {c}; weights: " + ", ".join(f"{f} {w:+.3f}" for f, w in zip(model.features, model.weights, strict=True))
    )
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
