"""No public answer mentions an unpublished document, anywhere (issue #11, section 1).

A published document rests on a draft (a `basis` relation), a draft amends it, and it is the basis of another
draft. Every GET endpoint of the API is called anonymously with every id it may take, and no answer may contain
the drafts' numbers, titles, ids or links. The endpoints come from the URL resolver, so a new endpoint is covered
without editing this test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from backend.searching import engine
from backend.searching import services as search_services
from backend.searching.documents import indexed_documents
from tests.catalogue import factories as f

pytestmark = pytest.mark.django_db

SECRET = "BIMATNHAP"  # a word only the drafts' titles and texts contain


def _patterns(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, Any]]:
    for entry in resolver.url_patterns:
        pattern = str(entry.pattern).lstrip("^").rstrip("$")
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + pattern)
        elif isinstance(entry, URLPattern):
            yield prefix + pattern, entry


def _paths(ids: dict[str, int]) -> list[str]:
    """Every GET-able API path, with each path parameter filled by every document, relation or other id."""
    out: set[str] = set()
    for raw, _entry in _patterns(get_resolver()):
        if not raw.startswith("api/v1/") or "schema" in raw or "docs" in raw:
            continue
        path = raw
        if "(?P<format>" in path or "\\." in path:  # DRF's format-suffix twins of the same views
            continue
        params = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)", path)
        if not params:
            out.add("/" + path)
            continue
        for value in ids.values():
            filled = re.sub(r"<(?:\w+:)?\w+>|\(\?P<\w+>[^)]*\)", str(value), path)
            out.add("/" + filled)
    return sorted(out)


@pytest.fixture
def world(django_capture_on_commit_callbacks: Any) -> dict[str, Any]:
    with django_capture_on_commit_callbacks(execute=True):
        base = f.document("10/2020/QĐ-UBND", title="Quy định về phí trông giữ xe", text="Điều 1. Phạm vi\nPhí xe.")
        draft_basis = f.document(
            "77/2019/QĐ-UBND",
            issued="2019-05-05",
            effective="2019-05-15",
            title=f"Dự thảo {SECRET} về phí",
            text=f"Điều 1. {SECRET}",
            published=False,
        )
        draft_amending = f.document(
            "78/2026/QĐ-UBND",
            issued="2026-01-06",
            effective="2026-01-16",
            title=f"Dự thảo sửa đổi {SECRET}",
            text=f"Điều 1. Sửa đổi {SECRET}",
            published=False,
        )
        dependent_draft = f.document(
            "79/2026/QĐ-UBND",
            issued="2026-01-07",
            effective="2026-01-17",
            title=f"Dự thảo căn cứ {SECRET}",
            published=False,
        )
        # A draft basis whose own status is one that raises a review flag (it is repealed by a published document).
        repealer = f.document("11/2026/QĐ-UBND", issued="2026-01-08", effective="2026-01-18", title="Bãi bỏ")
        f.relate(repealer, "repeals", draft_basis, "2026-01-18")
        f.relate(base, "basis", draft_basis, "2020-01-11")
        f.relate(draft_amending, "amends", base, "2026-01-16")
        f.relate(dependent_draft, "basis", base, "2026-01-17")
    search_services.rebuild()
    drafts = [draft_basis, draft_amending, dependent_draft]
    return {"base": base, "repealer": repealer, "drafts": drafts}


def _mentions(body: str, drafts: list[Any]) -> list[str]:
    found = []
    for doc in drafts:
        # A bare "id" is left out: other kinds of rows (types, fields) have small ids too. Every document answer
        # carries the number, which is checked.
        for needle in (doc.number, SECRET, f"/documents/{doc.pk}/"):
            if needle in body:
                found.append(needle)
        if re.search(rf'"(?:basis_id|target_id|source_id|document_id)":\s*{doc.pk}\b', body):
            found.append(f"id {doc.pk}")
    return found


def test_no_public_answer_mentions_a_draft(anon: Any, world: dict[str, Any], settings: Any) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"public": None, "search": None}}
    base, drafts = world["base"], world["drafts"]
    ids = {"base": base.pk, "repealer": world["repealer"].pk, **{f"draft{i}": d.pk for i, d in enumerate(drafts)}}
    queries = [
        "",
        f"?q={SECRET}",
        "?q=77/2019",
        "?q=Dự thảo",
        "?number=77/2019/QĐ-UBND",
        f"?number={base.number}",
        "?on=2026-06-01",
        "?published=false",
        "?include_drafts=1",
        "?from=2019-01-01&to=2026-12-31",
        "?year=2026",
    ]
    leaks: dict[str, list[str]] = {}
    answered: set[str] = set()
    for path in _paths(ids):
        for query in queries:
            res = anon.get(path + query)
            assert res.status_code < 500, f"{path}{query} answered {res.status_code}"
            if res.status_code >= 400:
                continue
            answered.add(path)
            body = res.content.decode("utf-8", "replace")
            found = _mentions(body, drafts)
            if found:
                leaks[path + query] = found
    # The resolver walk reached the public endpoints (so a broken walk cannot pass by finding nothing).
    for expected in ("status/", "timeline/", "relations/", "related/", "search/", "suggest/", "lookup/"):
        assert any(path.endswith(expected) for path in answered), expected
    assert leaks == {}


def test_status_answer_has_no_review_flag_from_a_draft_basis(anon: Any, world: dict[str, Any]) -> None:
    res = anon.get(f"/api/v1/documents/{world['base'].pk}/status/")
    assert res.status_code == 200
    assert res.json()["review_flags"] == []


def test_suggestions_check_publication_at_query_time(anon: Any, world: dict[str, Any]) -> None:
    """The second line of defence: a draft that is (wrongly) in the index as published is still not suggested."""
    draft = world["drafts"][0]
    stale = next(iter(indexed_documents([draft.pk])))
    from dataclasses import replace

    engine.current().upsert([replace(stale, published=True, version=stale.version + 1_000)])
    assert anon.get("/api/v1/search/suggest/", {"q": "77/2019"}).json()["results"] == []
    res = anon.get("/api/v1/search/", {"q": SECRET}).json()
    assert res["results"] == []
    assert res["count"] == 0
