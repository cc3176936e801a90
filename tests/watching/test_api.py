"""The public watching API: follow, confirm, unsubscribe, without signing in; no answer tells whether an address
was already subscribed; bad input is a 400 in both languages; rate limits are 429."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from rest_framework.test import APIClient

from backend.audit.models import AuditEntry
from backend.watching import tokens
from backend.watching.models import Subscription
from tests.catalogue import factories as f
from tests.watching.conftest import follow, follow_and_confirm, token_in

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/api/v1/watching/subscriptions/"


@pytest.fixture
def document() -> Any:
    return f.document("12/2024/QĐ-UBND", title="Quy định phí trông giữ xe", issued="2024-03-01", effective="2024-03-11")


def test_the_answer_is_the_same_whether_new_waiting_or_confirmed(
    anon: APIClient, on_commit: Any, document: Any
) -> None:
    first = follow(anon, on_commit, "document", str(document.pk), "Dan@Example.org")
    assert first.status_code == 202
    assert len(mail.outbox) == 1  # the confirmation, and nothing else
    again = follow(anon, on_commit, "document", str(document.pk), "dan@example.org ")
    assert (again.status_code, again.json()) == (202, first.json())
    assert len(mail.outbox) == 2  # a second confirmation for the one still waiting
    assert Subscription.objects.count() == 1

    token = token_in(mail.outbox[-1].body, "xac-nhan")
    assert anon.post("/api/v1/watching/confirm/", {"token": token}, format="json").status_code == 200
    confirmed = follow(anon, on_commit, "document", str(document.pk), "DAN@example.org")
    assert (confirmed.status_code, confirmed.json()) == (202, first.json())
    assert len(mail.outbox) == 2  # a confirmed subscription is sent no new confirmation
    assert Subscription.objects.count() == 1
    detail = first.json()["detail"]
    assert " / " in detail and "confirmation" in detail


def test_confirm_names_what_is_followed_and_is_idempotent(anon: APIClient, on_commit: Any, document: Any) -> None:
    answer = follow_and_confirm(anon, on_commit, "document", str(document.pk), "a@example.org")
    assert answer == {
        "kind": "document",
        "target": str(document.pk),
        "label": "Quyết định 12/2024/QĐ-UBND Quy định phí trông giữ xe",
    }
    sub = Subscription.objects.get()
    confirmed_at = sub.confirmed_at
    assert confirmed_at is not None
    token = tokens.confirm_token(sub.pk)
    again = anon.post("/api/v1/watching/confirm/", {"token": token}, format="json")
    assert (again.status_code, again.json()) == (200, answer)
    sub.refresh_from_db()
    assert sub.confirmed_at == confirmed_at


def test_labels_of_issuer_field_and_search(anon: APIClient, on_commit: Any, document: Any) -> None:
    f.authority("UBND-AG", name="UBND tỉnh An Giang")
    from backend.catalogue.models import Authority, Field

    Authority.objects.filter(code="UBND-AG").update(name="UBND tỉnh An Giang")
    Field.objects.create(code="giao-thong", name="Giao thông")
    assert follow_and_confirm(anon, on_commit, "issuer", "UBND-AG", "b@example.org")["label"] == "UBND tỉnh An Giang"
    assert follow_and_confirm(anon, on_commit, "field", "giao-thong", "b@example.org")["label"] == "Giao thông"
    assert follow_and_confirm(anon, on_commit, "search", "phí trông giữ", "b@example.org")["label"] == "phí trông giữ"
    search = follow_and_confirm(anon, on_commit, "search", '{"q": "xe", "type": "quyet-dinh"}', "b@example.org")
    assert search["label"] == "xe"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "document", "target": "1", "email": "not-an-address"}, "email"),
        ({"kind": "document", "target": "1"}, "email"),
        ({"kind": "planet", "target": "1", "email": "a@example.org"}, "kind"),
        ({"kind": "document", "target": "", "email": "a@example.org"}, "target"),
        ({"kind": "document", "target": "999999", "email": "a@example.org"}, "target"),
        ({"kind": "document", "target": "abc", "email": "a@example.org"}, "target"),
        ({"kind": "document", "target": "²", "email": "a@example.org"}, "target"),
        ({"kind": "document", "target": "9" * 40, "email": "a@example.org"}, "target"),
        ({"kind": "search", "target": '{"status": "in_force", "on": "hôm qua"}', "email": "a@example.org"}, "target"),
        ({"kind": "search", "target": '{"q": {"nested": 1}}', "email": "a@example.org"}, "target"),
        ({"kind": "issuer", "target": "NO-SUCH", "email": "a@example.org"}, "target"),
        ({"kind": "field", "target": "no-such", "email": "a@example.org"}, "target"),
        ({"kind": "search", "target": '{"year": "abc"}', "email": "a@example.org"}, "target"),
        ({"kind": "search", "target": "{not json", "email": "a@example.org"}, "target"),
        ({"kind": "search", "target": '{"nothing": 1}', "email": "a@example.org"}, "target"),
        ({"kind": "document", "target": "1" * 1001, "email": "a@example.org"}, "target"),
    ],
)
def test_bad_input_is_a_400_in_both_languages(anon: APIClient, document: Any, body: dict[str, str], field: str) -> None:
    answer = anon.post(SUBSCRIBE, body, format="json")
    assert answer.status_code == 400, answer.json()
    messages = answer.json()["errors"][field]
    assert messages and all(" / " in m for m in messages), messages
    assert Subscription.objects.count() == 0
    assert mail.outbox == []


def test_a_draft_is_not_followed(anon: APIClient) -> None:
    draft = f.document("13/2024/QĐ-UBND", published=False)
    answer = anon.post(
        SUBSCRIBE, {"kind": "document", "target": str(draft.pk), "email": "a@example.org"}, format="json"
    )
    assert answer.status_code == 400
    assert "target" in answer.json()["errors"]


def test_subscriptions_are_limited_per_address_whatever_the_client(
    anon: APIClient, on_commit: Any, document: Any, settings: Any
) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "watching_address": "3/hour"},
    }
    for n in range(3):
        client = APIClient(REMOTE_ADDR=f"10.0.0.{n + 1}")
        assert follow(client, on_commit, "document", str(document.pk), "same@example.org").status_code == 202
    refused = follow(APIClient(REMOTE_ADDR="10.0.0.9"), on_commit, "document", str(document.pk), "Same@Example.org")
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled" and refused["Retry-After"]
    assert follow(anon, on_commit, "document", str(document.pk), "other@example.org").status_code == 202


def test_subscriptions_are_limited_per_client(anon: APIClient, on_commit: Any, document: Any, settings: Any) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "watching": "2/hour"},
    }
    for n in range(2):
        assert follow(anon, on_commit, "document", str(document.pk), f"p{n}@example.org").status_code == 202
    assert follow(anon, on_commit, "document", str(document.pk), "p9@example.org").status_code == 429


def test_unsubscribe_from_the_app_page_without_signing_in(anon: APIClient, on_commit: Any, document: Any) -> None:
    follow_and_confirm(anon, on_commit, "document", str(document.pk), "c@example.org")
    sub = Subscription.objects.get()
    client = APIClient(enforce_csrf_checks=True)
    token = tokens.unsubscribe_token([sub.pk])
    answer = client.post("/api/v1/watching/unsubscribe/", {"token": token}, format="json")
    assert answer.status_code == 200, answer.json()
    assert answer.json()["kind"] == "document" and answer.json()["label"].startswith("Quyết định 12/2024")
    sub.refresh_from_db()
    assert (sub.email, sub.email_hash) == (None, "")
    assert sub.unsubscribed_at is not None
    again = client.post("/api/v1/watching/unsubscribe/", {"token": token}, format="json")
    assert (again.status_code, again.json()) == (200, answer.json())


def test_one_click_unsubscribe_as_a_mail_client_posts_it(anon: APIClient, on_commit: Any, document: Any) -> None:
    follow_and_confirm(anon, on_commit, "document", str(document.pk), "d@example.org")
    sub = Subscription.objects.get()
    token = tokens.unsubscribe_token([sub.pk])
    client = APIClient(enforce_csrf_checks=True)
    answer = client.post(
        f"/api/v1/watching/unsubscribe/?token={token}",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert answer.status_code == 200, answer.content
    sub.refresh_from_db()
    assert sub.email is None and sub.unsubscribed_at is not None


@pytest.mark.parametrize("token", ["", "garbage", "ü" * 10, None])
def test_a_bad_token_is_a_400_on_token(anon: APIClient, token: Any) -> None:
    for path in ("/api/v1/watching/confirm/", "/api/v1/watching/unsubscribe/"):
        answer = anon.post(path, {"token": token}, format="json")
        assert answer.status_code == 400, (path, answer.json())
        assert all(" / " in m for m in answer.json()["errors"]["token"])


def test_tokens_are_not_interchangeable_and_confirmation_expires(
    anon: APIClient, on_commit: Any, document: Any, monkeypatch: Any
) -> None:
    follow(anon, on_commit, "document", str(document.pk), "e@example.org")
    sub = Subscription.objects.get()
    confirm, stop = tokens.confirm_token(sub.pk), tokens.unsubscribe_token([sub.pk])
    assert anon.post("/api/v1/watching/confirm/", {"token": stop}, format="json").status_code == 400
    assert anon.post("/api/v1/watching/unsubscribe/", {"token": confirm}, format="json").status_code == 400
    monkeypatch.setattr(tokens, "CONFIRM_MAX_AGE", -1)
    assert anon.post("/api/v1/watching/confirm/", {"token": confirm}, format="json").status_code == 400
    sub.refresh_from_db()
    assert sub.confirmed_at is None


def test_the_audit_log_keeps_no_address(anon: APIClient, on_commit: Any, document: Any) -> None:
    follow_and_confirm(anon, on_commit, "document", str(document.pk), "secret.person@example.org")
    sub = Subscription.objects.get()
    anon.post("/api/v1/watching/unsubscribe/", {"token": tokens.unsubscribe_token([sub.pk])}, format="json")
    entries = list(AuditEntry.objects.filter(object_type="watching.subscription").order_by("pk"))
    assert [e.action for e in entries] == ["create", "update", "update"]
    for entry in entries:
        text = f"{entry.before} {entry.after} {entry.changes} {entry.object_repr}"
        assert "secret.person" not in text and tokens.address_hash("secret.person@example.org") not in text
    assert entries[0].after["email_hash_prefix"] == tokens.address_hash("secret.person@example.org")[:8]


def test_an_unconfirmed_address_gets_nothing_but_the_confirmation(
    anon: APIClient, on_commit: Any, document: Any
) -> None:
    follow(anon, on_commit, "document", str(document.pk), "waiting@example.org")
    assert len(mail.outbox) == 1
    with on_commit(execute=True):
        f.relate(
            f.document("14/2024/QĐ-UBND", issued="2024-05-01", effective="2024-06-01"), "amends", document, "2024-06-01"
        )
    from backend.watching.models import Delivery, WatchEvent

    assert WatchEvent.objects.filter(kind="relation", document=document).count() == 1  # the event was there
    assert Delivery.objects.count() == 0
    assert len(mail.outbox) == 1
