"""Fan-out and the digest: one e-mail per address per day, every message with its one-click unsubscribe; the
daily pass end to end (a replacement recorded ahead of its date, the pass on that date -> one e-mail)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from rest_framework.test import APIClient

from backend.catalogue import selectors
from backend.catalogue import services as catalogue
from backend.watching import digests, fanout
from backend.watching.models import Delivery, Subscription
from tests.catalogue import factories as f
from tests.watching.conftest import SITE, follow_and_confirm, one_click, token_in

pytestmark = pytest.mark.django_db


def _iso(day: dt.date) -> str:
    return day.isoformat()


def test_the_replacement_day_sends_one_email_with_a_working_one_click_unsubscribe(
    anon: APIClient, on_commit: Any
) -> None:
    today = selectors.today()
    start = today + dt.timedelta(days=30)
    with on_commit(execute=True):
        old = f.document("12/2024/QĐ-UBND", issued="2024-03-01", effective="2024-03-11", title="Quy định phí")
    follow_and_confirm(anon, on_commit, "document", str(old.pk), "citizen@example.org")
    with on_commit(execute=True):
        new = f.document("15/2026/QĐ-UBND", issued=_iso(today), effective=_iso(start), title="Quy định mới")
        f.relate(new, "replaces", old, _iso(start))
    # The day the replacement is recorded, its followers are told it is coming.
    recorded = [m for m in mail.outbox if m.to == ["citizen@example.org"]]
    assert len(recorded) == 2 and "bị thay thế bởi văn bản 15/2026/QĐ-UBND" in recorded[-1].body
    mail.outbox.clear()

    with on_commit(execute=True):
        catalogue.apply_due_transitions(on=start)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["citizen@example.org"]
    assert "Còn hiệu lực → Hết hiệu lực toàn bộ" in message.body
    assert "Bị thay thế: 15/2026/QĐ-UBND" in message.body and "In force → Expired" in message.body
    assert f"{SITE}/van-ban/{old.pk}" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path, token = one_click(message)
    assert message.extra_headers["List-Unsubscribe"].startswith(f"<{SITE}/api/v1/watching/unsubscribe/?token=")
    assert token_in(message.body, "huy")

    # The same day's pass again (beat runs it hourly) and the daily digest run send nothing more.
    with on_commit(execute=True):
        catalogue.apply_due_transitions(on=start)
    assert digests.send_due(start) == 0
    assert len(mail.outbox) == 1

    # The mail client's one-click POST: no session, no CSRF token.
    client = APIClient(enforce_csrf_checks=True)
    answer = client.post(
        f"{path}?token={token}", "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert answer.status_code == 200
    sub = Subscription.objects.get()
    assert sub.email is None and sub.unsubscribed_at is not None


def test_one_email_per_address_per_day_even_with_two_events(anon: APIClient, on_commit: Any) -> None:
    today = selectors.today()
    start = today + dt.timedelta(days=10)
    with on_commit(execute=True):
        first = f.document(
            "21/2024/QĐ-UBND", issued="2024-01-01", effective="2024-01-11", until=_iso(start - dt.timedelta(days=1))
        )
        second = f.document(
            "22/2024/QĐ-UBND", issued="2024-01-01", effective="2024-01-11", until=_iso(start - dt.timedelta(days=1))
        )
    follow_and_confirm(anon, on_commit, "document", str(first.pk), "two@example.org")
    follow_and_confirm(anon, on_commit, "document", str(second.pk), "TWO@example.org")
    follow_and_confirm(anon, on_commit, "document", str(first.pk), "other@example.org")
    mail.outbox.clear()

    with on_commit(execute=True):
        catalogue.apply_due_transitions(on=start)
    to_two = [m for m in mail.outbox if m.to == ["two@example.org"]]
    assert len(to_two) == 1
    assert "21/2024/QĐ-UBND" in to_two[0].body and "22/2024/QĐ-UBND" in to_two[0].body
    assert len([m for m in mail.outbox if m.to == ["other@example.org"]]) == 1
    assert len(mail.outbox) == 2

    # Later that day another change: it waits for the next day's digest.
    with on_commit(execute=True):
        amending = f.document("23/2026/QĐ-UBND", issued=_iso(today), effective=_iso(start))
        f.relate(amending, "amends", first, _iso(start))
    assert len([m for m in mail.outbox if m.to == ["two@example.org"]]) == 1
    pending = Delivery.objects.filter(sent_at__isnull=True, subscription__email_hash__isnull=False)
    assert pending.count() == 2  # two@ and other@ are owed the amendment
    assert digests.send_due(start) == 0
    assert digests.send_due(start + dt.timedelta(days=1)) == 2
    assert len([m for m in mail.outbox if m.to == ["two@example.org"]]) == 2
    assert "được sửa đổi bởi văn bản 23/2026/QĐ-UBND" in mail.outbox[-1].body


def test_fan_out_in_chunks_never_splits_an_address(anon: APIClient, on_commit: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(fanout, "CHUNK", 2)
    today = selectors.today()
    start = today + dt.timedelta(days=5)
    with on_commit(execute=True):
        a = f.document(
            "31/2024/QĐ-UBND", issued="2024-01-01", effective="2024-01-11", until=_iso(start - dt.timedelta(days=1))
        )
        b = f.document(
            "32/2024/QĐ-UBND", issued="2024-01-01", effective="2024-01-11", until=_iso(start - dt.timedelta(days=1))
        )
    for n in range(5):
        follow_and_confirm(anon, on_commit, "document", str(a.pk), f"r{n}@example.org")
        follow_and_confirm(anon, on_commit, "document", str(b.pk), f"r{n}@example.org")
    mail.outbox.clear()
    with on_commit(execute=True):
        catalogue.apply_due_transitions(on=start)
    assert sorted(m.to[0] for m in mail.outbox) == [f"r{n}@example.org" for n in range(5)]
    assert all("31/2024" in m.body and "32/2024" in m.body for m in mail.outbox)
    assert Delivery.objects.filter(sent_at__isnull=False).count() == 10 + 0  # 5 addresses x 2 documents


def test_chunks_keep_an_address_together() -> None:
    owed = {1: ("aa", [7]), 2: ("bb", [7]), 3: ("bb", [7, 8]), 4: ("cc", [7]), 5: ("aa", [8])}
    original = fanout.CHUNK
    fanout.CHUNK = 2
    try:
        chunks = fanout._chunks(owed)
    finally:
        fanout.CHUNK = original
    assert chunks == [[[1, 7], [5, 8]], [[2, 7], [3, 7], [3, 8]], [[4, 7]]]


def test_unconfirmed_addresses_are_forgotten_after_their_link(anon: APIClient, on_commit: Any) -> None:
    from django.utils import timezone

    doc = f.document("41/2024/QĐ-UBND", issued="2024-01-01", effective="2024-01-11")
    with on_commit(execute=True):
        anon.post(
            "/api/v1/watching/subscriptions/",
            {"kind": "document", "target": str(doc.pk), "email": "late@example.org"},
            format="json",
        )
    assert digests.forget_unconfirmed() == 0
    assert digests.forget_unconfirmed(now=timezone.now() + dt.timedelta(days=9)) == 1
    assert not Subscription.objects.exists()
