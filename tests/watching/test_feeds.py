"""Atom feeds: valid Atom 1.0 where it matters (feed id, title, updated, rel=self link, feed-level author; each
entry's id, title, updated, link), stable entry ids, public documents only."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client

from backend.catalogue import services as catalogue
from backend.catalogue.models import Field
from backend.watching.models import WatchEvent
from tests.catalogue import factories as f

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _valid_atom(response: Any) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{name}") or "").strip(), name
    dt.datetime.fromisoformat(feed.findtext(f"{ATOM}updated") or "")  # RFC 3339
    selves = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert len(selves) == 1 and selves[0].get("href", "").startswith("http")
    assert (feed.findtext(f"{ATOM}author/{ATOM}name") or "").strip()  # so no entry needs its own
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), name
        dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated") or "")
        assert entry.find(f"{ATOM}link") is not None and entry.find(f"{ATOM}link").get("href")  # type: ignore[union-attr]
        assert (entry.findtext(f"{ATOM}id") or "").startswith("tag:hieuluc.example,2026:watch-event/")
    return feed


def _entry_ids(feed: ET.Element) -> list[str]:
    return [e.findtext(f"{ATOM}id") or "" for e in feed.findall(f"{ATOM}entry")]


@pytest.fixture
def world(on_commit: Any) -> dict[str, Any]:
    field = Field.objects.create(code="giao-thong", name="Giao thông")
    with on_commit(execute=True):
        old = f.document("12/2024/QĐ-UBND", issued="2024-03-01", effective="2024-03-11", title="Phí trông giữ xe")
        old.fields.add(field)
        new = f.document("15/2026/QĐ-UBND", issued="2026-01-01", effective="2030-01-01", title="Quy định mới")
        f.relate(new, "replaces", old, "2030-01-01")
        draft = f.document("99/2026/QĐ-UBND", issued="2026-01-01", effective="2026-01-11", published=False)
    with on_commit(execute=True):
        catalogue.apply_due_transitions(on=dt.date(2030, 1, 1))
    return {"old": old, "new": new, "draft": draft, "field": field}


def test_a_documents_feed_holds_its_events_with_stable_ids(world: dict[str, Any]) -> None:
    client = Client()
    old = world["old"]
    feed = _valid_atom(client.get(f"/feeds/documents/{old.pk}.atom"))
    titles = [e.findtext(f"{ATOM}title") or "" for e in feed.findall(f"{ATOM}entry")]
    assert any("Hết hiệu lực toàn bộ" in t for t in titles), titles
    assert any("bị thay thế bởi văn bản 15/2026/QĐ-UBND" in t for t in titles), titles
    assert not any("11/03/2024" in t for t in titles), titles  # its status at cataloguing is its "new" entry
    events = WatchEvent.objects.filter(document=old)
    assert sorted(_entry_ids(feed)) == sorted(f"tag:hieuluc.example,2026:watch-event/{e.pk}" for e in events)
    assert _entry_ids(_valid_atom(client.get(f"/feeds/documents/{old.pk}.atom"))) == _entry_ids(feed)
    links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]  # type: ignore[union-attr]
    assert all(str(link).endswith(f"/van-ban/{old.pk}") for link in links)
    # The replacing document's feed shows the relation it records on the old one.
    new_feed = _valid_atom(client.get(f"/feeds/documents/{world['new'].pk}.atom"))
    assert any("15/2026" in (e.findtext(f"{ATOM}title") or "") for e in new_feed.findall(f"{ATOM}entry"))


def test_issuer_field_and_recent_feeds(world: dict[str, Any]) -> None:
    client = Client()
    issuer = _valid_atom(client.get("/feeds/issuers/UBND-AG.atom"))
    assert any("Văn bản mới" in (e.findtext(f"{ATOM}title") or "") for e in issuer.findall(f"{ATOM}entry"))
    field = _valid_atom(client.get("/feeds/fields/giao-thong.atom"))
    assert {e.findtext(f"{ATOM}id") for e in field.findall(f"{ATOM}entry")} == {
        f"tag:hieuluc.example,2026:watch-event/{e.pk}" for e in WatchEvent.objects.filter(document=world["old"])
    }
    recent = _valid_atom(client.get("/feeds/recent.atom"))
    assert len(recent.findall(f"{ATOM}entry")) == WatchEvent.objects.count()
    assert b"99/2026" not in client.get("/feeds/recent.atom").content


def test_drafts_and_unknown_things_have_no_feed(world: dict[str, Any]) -> None:
    client = Client()
    assert client.get(f"/feeds/documents/{world['draft'].pk}.atom").status_code == 404
    assert client.get("/feeds/documents/999999.atom").status_code == 404
    assert client.get("/feeds/issuers/NO-SUCH.atom").status_code == 404
    assert client.get("/feeds/fields/no-such.atom").status_code == 404


def test_an_unpublished_documents_events_leave_the_feeds(world: dict[str, Any]) -> None:
    from backend.catalogue.models import Document

    old = world["old"]
    Document.objects.filter(pk=old.pk).update(published=False)
    client = Client()
    assert client.get(f"/feeds/documents/{old.pk}.atom").status_code == 404
    recent = client.get("/feeds/recent.atom").content.decode()
    assert "12/2024/QĐ-UBND" not in recent


def test_an_id_beyond_any_row_is_a_404_not_an_error() -> None:
    assert Client().get(f"/feeds/documents/{'9' * 40}.atom").status_code == 404
