"""PostgreSQL full-text search as a baseline for the search benchmarks (django.contrib.postgres, unaccent).

A table of (id, title, body) with a stored `tsvector` (title weight A, body weight B, the `simple` configuration
over `unaccent(...)`, so diacritics and đ are folded the way PostgreSQL folds them) and a GIN index on it; a query
is `to_tsquery('simple', unaccent(...))` of the query's words, ranked by `ts_rank`. It is what a project would
get from `django.contrib.postgres.search` with no search engine at all.

Needs Django configured with "django.contrib.postgres" installed (the model below borrows its app label) and a
PostgreSQL database whose user may `CREATE EXTENSION unaccent`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any, Literal

TABLE = "bench_fts_article"
_WORD = re.compile(r"[^\W_]+")


@functools.cache
def model() -> Any:
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVectorField
    from django.db import models

    class Article(models.Model):  # noqa: DJ008 (a bench table, never printed)
        id = models.BigIntegerField(primary_key=True)
        title = models.TextField()
        body = models.TextField()
        vector = SearchVectorField(null=True)

        class Meta:
            app_label = "postgres"  # django.contrib.postgres: an installed app without models of its own
            db_table = TABLE
            indexes = [GinIndex(fields=["vector"], name=f"{TABLE}_vector")]

    return Article


def load(rows: Iterable[tuple[int, str, str]], batch: int = 2_000) -> int:
    """(Re)create the table with these (id, title, body) rows, their vectors and the GIN index."""
    from django.contrib.postgres.search import SearchVector
    from django.db import connection
    from django.db.models import F, Func, TextField

    article = model()
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
    with connection.schema_editor() as editor:
        editor.create_model(article)
    count = 0
    chunk: list[Any] = []
    for pk, title, body in rows:
        chunk.append(article(id=pk, title=title, body=body))
        if len(chunk) >= batch:
            article.objects.bulk_create(chunk)
            count += len(chunk)
            chunk = []
    if chunk:
        article.objects.bulk_create(chunk)
        count += len(chunk)

    def folded(name: str) -> Func:
        return Func(F(name), function="unaccent", output_field=TextField())

    article.objects.update(
        vector=SearchVector(folded("title"), weight="A", config="simple")
        + SearchVector(folded("body"), weight="B", config="simple")
    )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {TABLE}")
    return count


def words(text: str) -> list[str]:
    return list(dict.fromkeys(_WORD.findall(text.lower())))


def search(text: str, limit: int = 10, match: Literal["any", "all"] = "any") -> list[int]:
    """Ids of the best `limit` rows by ts_rank: rows with any (a question) or all (keywords) of the words."""
    from django.contrib.postgres.search import SearchQuery, SearchRank
    from django.db.models import F, Func, TextField, Value

    terms = words(text)
    if not terms:
        return []
    raw = (" | " if match == "any" else " & ").join(terms)
    query = SearchQuery(
        Func(Value(raw), function="unaccent", output_field=TextField()), search_type="raw", config="simple"
    )
    rows = (
        model()
        .objects.filter(vector=query)
        .annotate(rank=SearchRank(F("vector"), query))
        .order_by("-rank", "id")
        .values_list("id", flat=True)[:limit]
    )
    return list(rows)


def icontains(text: str, limit: int = 10) -> list[int]:
    """The naive way: every word somewhere in the title or body, case-insensitively (no ranking, no folding)."""
    from django.db.models import Q

    queryset = model().objects.all()
    for word in words(text):
        queryset = queryset.filter(Q(title__icontains=word) | Q(body__icontains=word))
    return list(queryset.order_by("id").values_list("id", flat=True)[:limit])
