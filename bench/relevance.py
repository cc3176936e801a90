"""Relevance on real legal questions: ALQAC 2022 and 2023, each article one document.

Command (from the repository root; PostgreSQL at 127.0.0.1:5432 with trust auth for the PostgreSQL row):

    .venv/bin/python bench/relevance.py [--sets 2022 2023] [--systems tantivy elasticsearch postgres bm25]
                                        [--corpus ../shared/corpus/alqac] [--show-misses N]

For each set it indexes every article of the set's laws as one document (title: the article's heading line;
text: the rest) and runs every question (ALQAC 2022 `question.json`, 520; ALQAC 2023 `train.json`, 100; and, held
out, the 140 labelled statements of `new_data_102023/test.json` over its 18 laws, never looked at while the
engines' weights were chosen) as a search, keeping the first 10 hits. It prints recall@10 (the share of
questions with a relevant article among the 10) and MRR@10 (the mean of 1/rank of the first relevant article, 0
when none is in the 10) for:

- `tantivy` and `elasticsearch`: the project's engines through `Engine.search(SearchRequest(question))`, the call
  the search API makes (the same query parser, analysis and scoring). Elasticsearch is ELASTICSEARCH_URL when set,
  else osmem-server (an in-memory server speaking its HTTP API; its BM25 is not Lucene's, so its figures are
  close to a real cluster's, not equal to them);
- `postgres`: PostgreSQL full-text search (bench/pg_fts.py: django.contrib.postgres, unaccent, GIN, ts_rank) with
  the question's words OR-ed (AND-ing them finds almost nothing for a question);
- `bm25`: a plain BM25 (k1 1.2, b 0.75) over diacritic-folded syllables plus adjacent-syllable pairs, written
  below in a few dozen lines: the baseline of issue #3.

Goal (issue #3): both engines at least match the BM25 baseline on both sets, and MRR@10 >= 0.95 on ALQAC 2022.
The corpus is not part of the repository: without it the bench says so and exits 0. Writes JSON to
bench/results/ (git-ignored). Exit status 0 whatever the figures (a measurement); 2 if a system failed to run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import heapq
import itertools
import json
import math
import os
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "alqac"
SETS = {
    "2022": ("alqac2022/law.json", "alqac2022/question.json"),
    "2023": ("alqac2023/law.json", "alqac2023/train.json"),
    # Held out: never looked at while the engines' weights were chosen (a check against tuning to the two above).
    "2023-new": ("new_data_102023/legal_passages.json", "new_data_102023/test.json"),
}
SYSTEMS = ("tantivy", "elasticsearch", "postgres", "bm25")
PG = "postgres://postgres@127.0.0.1:5432"
DB_NAME = "hieuluc_bench_relevance"
K = 10


@dataclass(frozen=True)
class Article:
    id: int
    title: str
    body: str
    key: tuple[str, str]  # (law id, article id)


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    relevant: frozenset[int]


def load_set(corpus: Path, name: str) -> tuple[list[Article], list[Question]]:
    law_file, question_file = SETS[name]
    laws = json.loads((corpus / law_file).read_text(encoding="utf-8"))
    articles: list[Article] = []
    ids: dict[tuple[str, str], int] = {}
    for law in laws:
        for item in law["articles"]:
            heading, _, body = item["text"].strip().partition("\n")
            article = Article(len(articles) + 1, heading.strip(), body.strip(), (law["id"], str(item["id"])))
            articles.append(article)
            ids[article.key] = article.id
    questions = [
        Question(
            str(q.get("question_id") or q.get("id") or q.get("example_id")),
            q.get("text") or q["statement"],
            frozenset(
                ids[(r["law_id"], str(r["article_id"]))] for r in q.get("relevant_articles") or q["legal_passages"]
            ),
        )
        for q in json.loads((corpus / question_file).read_text(encoding="utf-8"))
    ]
    return articles, questions


# --- the BM25 baseline ----------------------------------------------------------------------------------------


def fold(text: str) -> str:
    text = text.lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def bm25_tokens(text: str) -> list[str]:
    syllables = re.findall(r"[^\W_]+", fold(text))
    return syllables + [f"{a}_{b}" for a, b in itertools.pairwise(syllables)]


class BM25:
    def __init__(self, docs: dict[int, str], k1: float = 1.2, b: float = 0.75) -> None:
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.length: dict[int, int] = {}
        for doc_id, text in docs.items():
            tokens = bm25_tokens(text)
            self.length[doc_id] = len(tokens)
            for token, tf in Counter(tokens).items():
                self.postings[token].append((doc_id, tf))
        self.k1, self.b = k1, b
        self.n = len(docs)
        self.avgdl = sum(self.length.values()) / max(1, self.n)

    def search(self, text: str, k: int = K) -> list[int]:
        scores: dict[int, float] = defaultdict(float)
        for token in dict.fromkeys(bm25_tokens(text)):
            postings = self.postings.get(token, [])
            idf = math.log(1 + (self.n - len(postings) + 0.5) / (len(postings) + 0.5))
            for doc_id, tf in postings:
                norm = self.k1 * (1 - self.b + self.b * self.length[doc_id] / self.avgdl)
                scores[doc_id] += idf * tf * (self.k1 + 1) / (tf + norm)
        return [doc_id for doc_id, _ in heapq.nlargest(k, scores.items(), key=lambda item: (item[1], -item[0]))]


# --- the systems ------------------------------------------------------------------------------------------------

Searcher = Callable[[str], list[int]]


def indexed_documents(articles: list[Article]) -> list[Any]:
    from search.types import IndexedDocument

    return [
        IndexedDocument(
            id=a.id,
            number=f"{a.id}/2020/QH14",
            title=a.title,
            text=a.body,
            doc_type="luat",
            issuer="QH",
            fields=(),
            status="in_force",
            issued_on=dt.date(2020, 1, 1),
            effective_from=None,
            published=True,
        )
        for a in articles
    ]


def engine_searcher(engine: Any) -> Searcher:
    from search.types import SearchRequest

    def run(text: str) -> list[int]:
        return [hit.id for hit in engine.search(SearchRequest(text, limit=K, facets=False)).hits]

    return run


@contextlib.contextmanager
def tantivy_system(articles: list[Article]) -> Iterator[Searcher]:
    from search.tantivy_engine import TantivyEngine

    with tempfile.TemporaryDirectory(prefix="hieuluc-relevance-") as folder:
        engine = TantivyEngine(Path(folder) / "index")
        try:
            engine.rebuild(indexed_documents(articles))
            yield engine_searcher(engine)
        finally:
            engine.close()


@contextlib.contextmanager
def elasticsearch_system(articles: list[Article]) -> Iterator[Searcher]:
    from search.elasticsearch_engine import ElasticsearchEngine
    from tests.search.es_server import get_server, unique_index

    server = get_server()  # ELASTICSEARCH_URL, else osmem-server (stopped at exit)
    engine = ElasticsearchEngine(server.url, unique_index("hieuluc-relevance"), refresh=True, **server.engine_options)
    try:
        engine.rebuild(indexed_documents(articles))
        yield engine_searcher(engine)
    finally:
        engine.drop()
        engine.close()


def setup_django() -> None:
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            DATABASES={
                "default": {
                    "ENGINE": "django.db.backends.postgresql",
                    "NAME": DB_NAME,
                    "USER": "postgres",
                    "HOST": "127.0.0.1",
                    "PORT": "5432",
                }
            },
            INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.postgres"],
            USE_TZ=True,
        )
        django.setup()


def admin_sql(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(sql)


@contextlib.contextmanager
def postgres_system(articles: list[Article]) -> Iterator[Searcher]:
    from bench import pg_fts

    setup_django()
    from django.db import connection

    connection.close()
    admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME}")
    admin_sql(f"CREATE DATABASE {DB_NAME}")
    try:
        pg_fts.load((a.id, a.title, a.body) for a in articles)
        yield lambda text: pg_fts.search(text, K, match="any")
    finally:
        connection.close()
        admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME}")


@contextlib.contextmanager
def bm25_system(articles: list[Article]) -> Iterator[Searcher]:
    index = BM25({a.id: f"{a.title}\n{a.body}" for a in articles})
    yield index.search


FACTORIES: dict[str, Callable[[list[Article]], contextlib.AbstractContextManager[Searcher]]] = {
    "tantivy": tantivy_system,
    "elasticsearch": elasticsearch_system,
    "postgres": postgres_system,
    "bm25": bm25_system,
}


# --- measuring --------------------------------------------------------------------------------------------------


@dataclass
class Score:
    set: str
    system: str
    questions: int
    recall: float
    mrr: float
    build_s: float
    ms_per_question: float
    misses: list[str]


def measure(set_name: str, system: str, articles: list[Article], questions: list[Question]) -> Score:
    started = time.perf_counter()
    with FACTORIES[system](articles) as searcher:
        built = time.perf_counter() - started
        found = 0
        reciprocal = 0.0
        misses: list[str] = []
        started = time.perf_counter()
        for question in questions:
            hits = searcher(question.text)[:K]
            rank = next((i for i, doc_id in enumerate(hits, 1) if doc_id in question.relevant), None)
            if rank is None:
                misses.append(question.id)
            else:
                found += 1
                reciprocal += 1 / rank
        elapsed = time.perf_counter() - started
    n = len(questions)
    return Score(set_name, system, n, found / n, reciprocal / n, built, 1000 * elapsed / n, misses)


def report(scores: list[Score], show_misses: int) -> None:
    print()
    print("== Relevance on ALQAC (each article one document; first 10 hits) ==")
    header = f"{'set':<8} {'system':<14} {'questions':>9} {'recall@10':>10} {'MRR@10':>8} {'build s':>8}"
    print(f"{header} {'ms/question':>12}")
    print("-" * 72)
    for s in scores:
        print(
            f"{s.set:<8} {s.system:<14} {s.questions:>9} {s.recall:>10.3f} {s.mrr:>8.3f} {s.build_s:>8.2f} "
            f"{s.ms_per_question:>12.1f}"
        )
        if show_misses and s.misses:
            print(f"       missed: {', '.join(s.misses[:show_misses])}{' …' if len(s.misses) > show_misses else ''}")
    print()
    by_key = {(s.set, s.system): s for s in scores}
    for set_name in dict.fromkeys(s.set for s in scores):
        base = by_key.get((set_name, "bm25"))
        for engine in ("tantivy", "elasticsearch"):
            mine = by_key.get((set_name, engine))
            if mine is None or base is None:
                continue
            verdict = "MEETS" if mine.recall >= base.recall and mine.mrr >= base.mrr else "BELOW"
            line = (
                f"{set_name} {engine}: recall@10 {mine.recall:.3f} vs baseline {base.recall:.3f} "
                f"({mine.recall - base.recall:+.3f}), MRR@10 {mine.mrr:.3f} vs {base.mrr:.3f} "
                f"({mine.mrr - base.mrr:+.3f}): {verdict} the baseline"
            )
            if set_name == "2022":
                line += f"; MRR@10 >= 0.95: {'yes' if mine.mrr >= 0.95 else 'no'}"
            print(line)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", nargs="+", choices=list(SETS), default=list(SETS))
    parser.add_argument("--systems", nargs="+", choices=SYSTEMS, default=list(SYSTEMS))
    parser.add_argument("--corpus", type=Path, default=Path(os.environ.get("HIEULUC_ALQAC", CORPUS)))
    parser.add_argument("--show-misses", type=int, default=0, metavar="N", help="list up to N missed question ids")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not all((args.corpus / path).is_file() for name in args.sets for path in SETS[name]):
        print(f"ALQAC corpus not found under {args.corpus} (it is not part of the repository): nothing to measure.")
        return 0
    scores: list[Score] = []
    failed = False
    for set_name in args.sets:
        articles, questions = load_set(args.corpus, set_name)
        print(f"ALQAC {set_name}: {len(articles)} articles, {len(questions)} questions", flush=True)
        for system in args.systems:
            try:
                score = measure(set_name, system, articles, questions)
            except Exception as exc:  # report and go on with the other systems
                print(f"  {system}: FAILED: {type(exc).__name__}: {exc}", flush=True)
                failed = True
                continue
            scores.append(score)
            print(f"  {system}: recall@10 {score.recall:.3f}, MRR@10 {score.mrr:.3f}", flush=True)
    report(scores, args.show_misses)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"relevance-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps([s.__dict__ for s in scores], indent=1), encoding="utf-8")
    print(f"results: {path.relative_to(ROOT)}")
    return 2 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
