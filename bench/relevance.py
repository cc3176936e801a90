"""Relevance on real legal questions (ALQAC 2022 and 2023, each article one document) and on the real queries of
issue #15 over real provincial records.

Command (from the repository root; PostgreSQL at 127.0.0.1:5432 with trust auth for the PostgreSQL row):

    .venv/bin/python bench/relevance.py [--sets 2022 2023 2023-new real] [--systems tantivy elasticsearch postgres bm25]
                                        [--corpus ../shared/corpus/alqac] [--shared-corpus ../shared/corpus]
                                        [--show-misses N] [--limit N]

For each set it indexes every article of the set's laws as one document (title: the article's heading line;
text: the rest) and runs every question (ALQAC 2022 `question.json`, 520; ALQAC 2023 `train.json`, 100; and, held
out, the 140 labelled statements of `new_data_102023/test.json` over its 18 laws, never looked at while the
engines' weights were chosen) as a search, keeping the first 10 hits. It prints recall@10 (the share of
questions with a relevant article among the 10) and MRR@10 (the mean of 1/rank of the first relevant article, 0
when none is in the 10) for:

- `tantivy` and `elasticsearch`: the project's engines through `Engine.search(SearchRequest(question))`, the call
  the search API makes (the same query parser, analysis and scoring, and for a question the re-ranking of its
  first 100 hits by the learned model, search/rerank.py, trained on 2022 and 2023 by scripts/train_ranker.py).
  Elasticsearch is ELASTICSEARCH_URL when set, else osmem-server (an in-memory server speaking its HTTP API; its
  BM25 is not Lucene's, so its figures are close to a real cluster's, not equal to them);
- `postgres`: PostgreSQL full-text search (bench/pg_fts.py: django.contrib.postgres, unaccent, GIN, ts_rank) with
  the question's words OR-ed (AND-ing them finds almost nothing for a question);
- `bm25`: a plain BM25 (k1 1.2, b 0.75) over diacritic-folded syllables plus adjacent-syllable pairs, written
  below in a few dozen lines: the baseline of issue #3.

Goals: both engines at least match the BM25 baseline on both sets, and MRR@10 >= 0.95 on ALQAC 2022 (issue #3);
MRR@10 >= 0.90 on the held-out set (issue #15).

The `real` set (issue #15): the 3,613 Bình Dương records and 454 An Giang tracker records of bench/real_records.py,
each indexed with its number, its title (also as its text: no full texts exist), its type and issuer from the
number's symbol, its date and status; and the queries of bench/real_queries.json, written blind from the titles, of
seven kinds (question, no_diacritics, abbreviation, typo, number, topic, topic_year). Every query runs as
`SearchRequest(query, limit=10)`; the bench prints, per kind and overall, hits@10 (the share of queries with a
relevant record in the first 10), MRR@10, the number of empty pages, and for the two engines how often the engine
relaxed the query (`Page.relaxed`; "n/a" where the engine's Page has no such field); and the same for the queries
of odd and of even id, all and long ones apart (the re-ranker may be trained on the odd ids' long queries,
scripts/train_ranker.py: the even half is the fair figure for it). Targets (issue #15): hits@10
>= 0.97, MRR@10 >= 0.92, 0 empty pages. `--limit N` keeps the first N queries of each kind (and of each ALQAC set).

The corpora are not part of the repository: without one the bench says so, skips that set and exits 0. Writes JSON to
bench/results/ (git-ignored). Exit status 0 whatever the figures (a measurement); 2 if a system failed to run.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
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
REAL = "real"  # the real queries of issue #15 (bench/real_queries.json over bench/real_records.py)
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
REAL_QUERIES = ROOT / "bench" / "real_queries.json"
KINDS = ("question", "no_diacritics", "abbreviation", "typo", "number", "topic", "topic_year")
TARGET_HITS, TARGET_MRR = 0.97, 0.92
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


@dataclass(frozen=True)
class BenchDoc:
    indexed: Any  # search.types.IndexedDocument: what the engines index
    plain: str  # what the BM25 baseline and PostgreSQL see besides the title


@dataclass(frozen=True)
class Answer:
    ids: list[int]
    relaxed: bool | None  # the engine relaxed the query; None where the system cannot say (see engine_searcher)


Searcher = Callable[[str], Answer]


def indexed_documents(articles: list[Article]) -> list[BenchDoc]:
    from search.types import IndexedDocument

    return [
        BenchDoc(
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
            ),
            a.body,
        )
        for a in articles
    ]


def engine_searcher(engine: Any) -> Searcher:
    from search.types import SearchRequest, SearchSyntaxError

    def run(text: str) -> Answer:
        try:
            page = engine.search(SearchRequest(text, limit=K, facets=False))
        except SearchSyntaxError:  # the API answers 400: the user sees no document, an empty page
            return Answer([], None)
        # Page.relaxed (issue #15) says the strict query found too little and a looser one ran; None until the
        # field exists, printed "n/a".
        return Answer([hit.id for hit in page.hits], getattr(page, "relaxed", None))

    return run


@contextlib.contextmanager
def tantivy_system(docs: list[BenchDoc]) -> Iterator[Searcher]:
    from search.tantivy_engine import TantivyEngine

    with tempfile.TemporaryDirectory(prefix="hieuluc-relevance-") as folder:
        engine = TantivyEngine(Path(folder) / "index")
        try:
            engine.rebuild([d.indexed for d in docs])
            yield engine_searcher(engine)
        finally:
            engine.close()


@contextlib.contextmanager
def elasticsearch_system(docs: list[BenchDoc]) -> Iterator[Searcher]:
    from search.elasticsearch_engine import ElasticsearchEngine
    from tests.search.es_server import get_server, unique_index

    server = get_server()  # ELASTICSEARCH_URL, else osmem-server (stopped at exit)
    engine = ElasticsearchEngine(server.url, unique_index("hieuluc-relevance"), refresh=True, **server.engine_options)
    try:
        engine.rebuild([d.indexed for d in docs])
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
def postgres_system(docs: list[BenchDoc]) -> Iterator[Searcher]:
    from bench import pg_fts

    setup_django()
    from django.db import connection

    connection.close()
    admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME}")
    admin_sql(f"CREATE DATABASE {DB_NAME}")
    try:
        pg_fts.load((d.indexed.id, d.indexed.title, d.plain) for d in docs)
        yield lambda text: Answer(pg_fts.search(text, K, match="any"), None)
    finally:
        connection.close()
        admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME}")


@contextlib.contextmanager
def bm25_system(docs: list[BenchDoc]) -> Iterator[Searcher]:
    index = BM25({d.indexed.id: f"{d.indexed.title}\n{d.plain}" for d in docs})
    yield lambda text: Answer(index.search(text), None)


FACTORIES: dict[str, Callable[[list[BenchDoc]], contextlib.AbstractContextManager[Searcher]]] = {
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
    with FACTORIES[system](indexed_documents(articles)) as searcher:
        built = time.perf_counter() - started
        found = 0
        reciprocal = 0.0
        misses: list[str] = []
        started = time.perf_counter()
        for question in questions:
            hits = searcher(question.text).ids[:K]
            rank = next((i for i, doc_id in enumerate(hits, 1) if doc_id in question.relevant), None)
            if rank is None:
                misses.append(question.id)
            else:
                found += 1
                reciprocal += 1 / rank
        elapsed = time.perf_counter() - started
    n = len(questions)
    return Score(set_name, system, n, found / n, reciprocal / n, built, 1000 * elapsed / n, misses)


# --- the real queries of issue #15 --------------------------------------------------------------------------------


def real_documents(records: list[Any]) -> list[BenchDoc]:
    """One document per record (bench/real_records.py), ids from 1 in the records' order."""
    from search.types import IndexedDocument

    return [
        BenchDoc(
            IndexedDocument(
                id=i,
                number=r.number,
                title=r.title,
                text=r.title,  # no full texts exist: the title is all there is
                doc_type=r.doc_type,
                issuer=r.issuer,
                fields=(),
                status=r.status,
                issued_on=r.issued_on,
                effective_from=None,
                published=True,
            ),
            r.number,  # BM25 and PostgreSQL see the number beside the title, as the engines do
        )
        for i, r in enumerate(records, 1)
    ]


@dataclass
class KindScore:
    queries: int = 0
    found: int = 0
    reciprocal: float = 0.0
    empty: int = 0
    relaxed: int | None = 0  # None: the system does not say (not an engine, or Page.relaxed missing)

    def add(self, rank: int | None, empty: bool, relaxed: bool | None) -> None:
        self.queries += 1
        self.found += rank is not None
        self.reciprocal += 1 / rank if rank else 0.0
        self.empty += empty
        self.relaxed = None if relaxed is None or self.relaxed is None else self.relaxed + relaxed

    @property
    def hits(self) -> float:
        return self.found / max(1, self.queries)

    @property
    def mrr(self) -> float:
        return self.reciprocal / max(1, self.queries)


@dataclass
class RealScore:
    system: str
    kinds: dict[str, KindScore]
    overall: KindScore
    build_s: float
    ms_per_query: float
    misses: dict[str, list[str]]  # kind -> "query → what came first"
    unresolved: list[str]  # query ids whose relevant records are not in the corpus (not counted)
    # The re-ranker's split (real_records.judged_half): the odd ids' long queries may be trained on, so each half
    # is shown apart, all its queries and its long ones (those the re-ranker runs on).
    halves: dict[str, KindScore] = dataclasses.field(default_factory=dict)


def measure_real(system: str, records: list[Any], queries: list[Any]) -> RealScore:
    docs = real_documents(records)
    ids = {r.key: doc.indexed.id for r, doc in zip(records, docs, strict=True)}
    by_id = {doc.indexed.id: r for r, doc in zip(records, docs, strict=True)}
    kinds = {kind: KindScore() for kind in dict.fromkeys([*KINDS, *(q.kind for q in queries)])}
    overall = KindScore()
    halves = {name: KindScore() for name in HALVES}
    misses: dict[str, list[str]] = defaultdict(list)
    unresolved: list[str] = []
    started = time.perf_counter()
    with FACTORIES[system](docs) as searcher:
        built = time.perf_counter() - started
        started = time.perf_counter()
        for query in queries:
            relevant = {ids[key] for key in query.relevant if key in ids}
            if not relevant:
                unresolved.append(query.id)
                continue
            answer = searcher(query.text)
            hits = answer.ids[:K]
            rank = next((i for i, doc_id in enumerate(hits, 1) if doc_id in relevant), None)
            for score in (kinds[query.kind], overall, *(halves[name] for name in query_halves(query))):
                score.add(rank, not hits, answer.relaxed)
            if rank != 1:
                first = by_id[hits[0]] if hits else None
                shown = f"{first.number} «{first.title[:70]}»" if first else "(empty page)"
                where = f"rank {rank}" if rank else "not in 10"
                misses[query.kind].append(f"{query.id} «{query.text}» ({where}) → {shown}")
        elapsed = time.perf_counter() - started
    n = max(1, overall.queries)
    return RealScore(system, kinds, overall, built, 1000 * elapsed / n, dict(misses), unresolved, halves)


HALVES = ("odd", "odd long", "even", "even long")


def query_halves(query: Any) -> list[str]:
    """The rows of :data:`HALVES` a judged query counts in: its half, and its half's long queries when the
    re-ranker runs on it."""
    from bench import real_records
    from search import rerank
    from search.query import parse
    from search.types import SearchSyntaxError

    half = "odd" if real_records.judged_half(query.id) == "train" else "even"
    try:
        long = rerank.applies(parse(query.text))
    except SearchSyntaxError:
        long = False
    return [half, f"{half} long"] if long else [half]


def report_real(scores: list[RealScore], show_misses: int) -> None:
    print()
    print("== Real queries (issue #15): provincial records, queries written blind from their titles; first 10 hits ==")
    header = f"{'system':<14} {'kind':<14} {'queries':>7} {'hits@10':>8} {'MRR@10':>7} {'empty':>6} {'relaxed':>8}"
    print(header)
    print("-" * len(header))
    for s in scores:
        for kind, k in [*s.kinds.items(), ("overall", s.overall)]:
            if not k.queries:
                continue
            relaxed = "n/a" if k.relaxed is None else str(k.relaxed)
            print(f"{s.system:<14} {kind:<14} {k.queries:>7} {k.hits:>8.3f} {k.mrr:>7.3f} {k.empty:>6} {relaxed:>8}")
        for name, k in s.halves.items():
            if k.queries:
                print(f"{s.system:<14} {name + ' ids':<14} {k.queries:>7} {k.hits:>8.3f} {k.mrr:>7.3f} {k.empty:>6}")
        print(f"{'':<14} build {s.build_s:.2f} s, {s.ms_per_query:.1f} ms/query")
        if s.unresolved:
            print(f"{'':<14} not counted (relevant record not in the corpus): {', '.join(s.unresolved)}")
    print()
    for s in scores:
        o = s.overall
        print(
            f"real {s.system}: hits@10 {o.hits:.3f} (target >= {TARGET_HITS}: {verdict(o.hits, TARGET_HITS)}), "
            f"MRR@10 {o.mrr:.3f} (target >= {TARGET_MRR}: {verdict(o.mrr, TARGET_MRR)}), "
            f"empty pages {o.empty} (target 0: {'met' if o.empty == 0 else f'missed by {o.empty}'})"
        )
    if show_misses:
        for s in scores:
            print()
            print(f"-- {s.system}: queries whose relevant record is not first (up to {show_misses} per kind) --")
            for kind, lines in s.misses.items():
                for line in lines[:show_misses]:
                    print(f"  [{kind}] {line}")


def verdict(value: float, target: float) -> str:
    return "met" if value >= target else f"missed by {target - value:.3f}"


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
            if set_name == "2023-new":
                line += f"; MRR@10 >= 0.90: {'yes' if mine.mrr >= 0.90 else 'no'}"
            print(line)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", nargs="+", choices=[*SETS, REAL], default=[*SETS, REAL])
    parser.add_argument("--systems", nargs="+", choices=SYSTEMS, default=list(SYSTEMS))
    parser.add_argument("--corpus", type=Path, default=Path(os.environ.get("HIEULUC_ALQAC", CORPUS)))
    parser.add_argument(
        "--shared-corpus", type=Path, default=SHARED_CORPUS, help="the folder holding the real set's records"
    )
    parser.add_argument("--show-misses", type=int, default=0, metavar="N", help="list up to N misses (per kind)")
    parser.add_argument(
        "--limit", type=int, default=0, metavar="N", help="only the first N questions of a set (N of each kind: real)"
    )
    parser.add_argument("--no-results", action="store_true", help="do not write bench/results/relevance-*.json")
    return parser.parse_args(argv)


def run_alqac(args: argparse.Namespace, sets: list[str]) -> tuple[list[Score], bool]:
    if not all((args.corpus / path).is_file() for name in sets for path in SETS[name]):
        print(f"ALQAC corpus not found under {args.corpus} (it is not part of the repository): ALQAC not measured.")
        return [], False
    scores: list[Score] = []
    failed = False
    for set_name in sets:
        articles, questions = load_set(args.corpus, set_name)
        if args.limit:
            questions = questions[: args.limit]
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
    return scores, failed


def run_real(args: argparse.Namespace) -> tuple[list[RealScore], bool]:
    from bench import real_records

    if not real_records.available(args.shared_corpus):
        print(
            f"Real records not found under {args.shared_corpus} (the Bình Dương crawl and the An Giang tracker are "
            "not part of the repository): real queries not measured."
        )
        return [], False
    records = real_records.load(args.shared_corpus)
    queries = real_records.load_queries(REAL_QUERIES)
    if args.limit:
        per_kind: dict[str, list[real_records.RealQuery]] = defaultdict(list)
        for query in queries:
            per_kind[query.kind].append(query)
        queries = [q for kind in per_kind.values() for q in kind[: args.limit]]
    print(f"real: {len(records)} records, {len(queries)} queries", flush=True)
    scores: list[RealScore] = []
    failed = False
    for system in args.systems:
        try:
            score = measure_real(system, records, queries)
        except Exception as exc:  # report and go on with the other systems
            print(f"  {system}: FAILED: {type(exc).__name__}: {exc}", flush=True)
            failed = True
            continue
        scores.append(score)
        o = score.overall
        print(f"  {system}: hits@10 {o.hits:.3f}, MRR@10 {o.mrr:.3f}, empty pages {o.empty}", flush=True)
    report_real(scores, args.show_misses)
    return scores, failed


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    alqac_sets = [name for name in args.sets if name != REAL]
    scores, failed = run_alqac(args, alqac_sets) if alqac_sets else ([], False)
    real_scores, real_failed = run_real(args) if REAL in args.sets else ([], False)
    if (scores or real_scores) and not args.no_results:
        out = ROOT / "bench" / "results"
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"relevance-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
        results = {"alqac": [s.__dict__ for s in scores], "real": [dataclasses.asdict(s) for s in real_scores]}
        path.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"results: {path.relative_to(ROOT)}")
    return 2 if failed or real_failed else 0


if __name__ == "__main__":
    sys.exit(main())
