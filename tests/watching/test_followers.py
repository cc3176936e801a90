"""Who is told what: an issuer's, a field's and a saved search's followers of new public documents (only those
that match); an address following a document through two subscriptions is told each event once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from rest_framework.test import APIClient

from backend.catalogue.models import Field
from tests.catalogue import factories as f
from tests.watching.conftest import follow_and_confirm

pytestmark = pytest.mark.django_db


def _to(address: str) -> list[Any]:
    return [m for m in mail.outbox if m.to == [address]]


def test_new_documents_reach_issuer_field_and_matching_search_followers(anon: APIClient, on_commit: Any) -> None:
    f.authority("UBND-AG")
    f.authority("UBND-KG")
    field = Field.objects.create(code="giao-thong", name="Giao thông")
    follow_and_confirm(anon, on_commit, "issuer", "UBND-AG", "issuer@example.org")
    follow_and_confirm(anon, on_commit, "field", "giao-thong", "field@example.org")
    follow_and_confirm(anon, on_commit, "search", "trông giữ xe", "search@example.org")
    follow_and_confirm(anon, on_commit, "search", '{"issuer": "UBND-KG"}', "kg@example.org")
    mail.outbox.clear()

    with on_commit(execute=True):
        parking = f.document(
            "51/2026/QĐ-UBND", title="Quy định giá dịch vụ trông giữ xe", issued="2026-01-05", effective="2026-01-15"
        )
        parking.fields.add(field)
    # The fields are read when the event is fanned out (after the commit that added them here).
    assert len(_to("field@example.org")) == 1
    assert len(_to("issuer@example.org")) == 1 and "51/2026/QĐ-UBND" in _to("issuer@example.org")[0].body
    assert len(_to("search@example.org")) == 1 and "Văn bản mới" in _to("search@example.org")[0].body
    assert _to("kg@example.org") == []

    with on_commit(execute=True):
        other = f.document(
            "52/2026/QĐ-UBND",
            issuer="UBND-KG",
            title="Quy định về học phí",
            issued="2026-01-06",
            effective="2026-01-16",
        )
    assert len(_to("kg@example.org")) == 1 and "52/2026/QĐ-UBND" in _to("kg@example.org")[0].body
    assert len(_to("search@example.org")) == 1  # "học phí" does not match "trông giữ xe"
    assert len(_to("issuer@example.org")) == 1  # another issuer's document
    assert other.pk != parking.pk


def test_a_field_follower_is_told_of_a_new_document_of_the_field(anon: APIClient, on_commit: Any) -> None:
    from backend.catalogue import services

    field = Field.objects.create(code="y-te", name="Y tế")
    follow_and_confirm(anon, on_commit, "field", "y-te", "health@example.org")
    mail.outbox.clear()
    data = services.DocumentInput(
        number="53/2026/QĐ-UBND",
        doc_type=f.doc_type(),
        issuer=f.authority("UBND-AG"),
        title="Quy định về khám chữa bệnh",
        issued_on=dt.date(2026, 1, 7),
        effective_from=dt.date(2026, 1, 17),
        fields=[field],
    )
    with on_commit(execute=True):
        services.document_create(actor="tests", data=data)
    assert len(_to("health@example.org")) == 1 and "53/2026/QĐ-UBND" in mail.outbox[0].body


def test_one_event_followed_twice_is_told_once(anon: APIClient, on_commit: Any) -> None:
    from backend.catalogue import services

    field = Field.objects.create(code="y-te", name="Y tế")
    f.authority("UBND-AG")
    follow_and_confirm(anon, on_commit, "issuer", "UBND-AG", "twice@example.org")
    follow_and_confirm(anon, on_commit, "field", "y-te", "Twice@example.org")
    mail.outbox.clear()
    data = services.DocumentInput(
        number="55/2026/QĐ-UBND",
        doc_type=f.doc_type(),
        issuer=f.authority("UBND-AG"),
        title="Quy định về y tế cơ sở",
        issued_on=dt.date(2026, 1, 2),
        effective_from=dt.date(2026, 1, 12),
        fields=[field],
    )
    with on_commit(execute=True):
        services.document_create(actor="tests", data=data)
    assert len(_to("twice@example.org")) == 1
    body = _to("twice@example.org")[0].body
    assert body.count("Văn bản mới: Quyết định 55/2026/QĐ-UBND") == 1
    # Both subscriptions are named, each with its link, and one link stops both.
    assert "- UBND-AG: " in body and "- Y tế: " in body and "Tất cả / All" in body
