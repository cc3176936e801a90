"""Webhooks against a real local HTTP server (http.server in a thread): the signature verifies, transient failures
are retried, 10 failures in a row disable the webhook and tell its owner, a delivery is made once per event."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from rest_framework.test import APIClient

from backend.audit.models import AuditEntry
from backend.notifications.models import Notification
from backend.watching import fanout
from backend.watching.models import WatchEvent, Webhook, WebhookDelivery
from tests.catalogue import factories as f

pytestmark = pytest.mark.django_db


class Receiver:
    """A local HTTP endpoint that records each POST and answers the next planned status (200 when none)."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.plan: list[int] = []
        self.always: int | None = None
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.requests.append(({k.lower(): v for k, v in self.headers.items()}, raw))
                status = receiver.always or (receiver.plan.pop(0) if receiver.plan else 200)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver() as running:
        yield running


@pytest.fixture
def target(on_commit: Any) -> Any:
    with on_commit(execute=True):
        return f.document("12/2024/QĐ-UBND", issued="2024-03-01", effective="2024-03-11")


def _register(api: APIClient, url: str, target: Any) -> dict[str, Any]:
    answer = api.post(
        "/api/v1/watching/webhooks/", {"url": url, "kind": "document", "target": str(target.pk)}, format="json"
    )
    assert answer.status_code == 201, answer.json()
    return dict(answer.json())


def _amend(on_commit: Any, target: Any, number: str) -> Any:
    with on_commit(execute=True):
        source = f.document(number, issued="2024-05-01", effective="2024-06-01")
        return f.relate(source, "amends", target, "2024-06-01")


def test_a_signed_delivery_that_verifies(
    officer_api: APIClient, receiver: Receiver, on_commit: Any, target: Any
) -> None:
    hook = _register(officer_api, receiver.url, target)
    secret = hook["secret"]
    assert len(secret) == 64
    relation = _amend(on_commit, target, "14/2024/QĐ-UBND")
    assert len(receiver.requests) == 1
    headers, raw = receiver.requests[0]
    expected = "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["x-hieuluc-signature"], expected)
    assert headers["x-hieuluc-event"] == f"relation:{relation.pk}"
    body = json.loads(raw)
    assert body["id"] == f"relation:{relation.pk}" and body["kind"] == "relation"
    assert body["document"]["id"] == target.pk and body["document"]["number"] == "12/2024/QĐ-UBND"
    assert body["happened_on"]
    # The secret is shown once: never in the list, the detail or the audit log.
    listed = officer_api.get("/api/v1/watching/webhooks/").json()
    assert "secret" not in json.dumps(listed)
    assert "secret" not in officer_api.get(f"/api/v1/watching/webhooks/{hook['id']}/").json()
    entry = AuditEntry.objects.get(object_type="watching.webhook", action="create")
    assert secret not in json.dumps(entry.after)


def test_transient_failures_are_retried_and_a_delivery_is_made_once(
    officer_api: APIClient, receiver: Receiver, on_commit: Any, target: Any
) -> None:
    _register(officer_api, receiver.url, target)
    receiver.plan = [500, 503]
    relation = _amend(on_commit, target, "14/2024/QĐ-UBND")
    assert len(receiver.requests) == 3
    assert len({h["x-hieuluc-event"] for h, _ in receiver.requests}) == 1
    delivery = WebhookDelivery.objects.get(event__key=f"relation:{relation.pk}")
    assert delivery.attempts == 3 and delivery.delivered_at is not None
    assert Webhook.objects.get().consecutive_failures == 0
    # The fan-out again (a redelivered task): nothing is posted twice.
    with on_commit(execute=True):
        fanout.fan_out([WatchEvent.objects.get(key=f"relation:{relation.pk}").pk])
    assert len(receiver.requests) == 3


def test_a_refusal_is_not_retried(officer_api: APIClient, receiver: Receiver, on_commit: Any, target: Any) -> None:
    _register(officer_api, receiver.url, target)
    receiver.plan = [410]
    _amend(on_commit, target, "14/2024/QĐ-UBND")
    assert len(receiver.requests) == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.attempts, delivery.delivered_at, delivery.last_error) == (1, None, "HTTP 410")
    assert Webhook.objects.get().consecutive_failures == 1


def test_ten_failures_in_a_row_disable_it_and_tell_the_owner(
    officer: User, officer_api: APIClient, receiver: Receiver, on_commit: Any, target: Any
) -> None:
    officer.email = "officer@example.org"
    officer.save()
    hook = _register(officer_api, receiver.url, target)
    receiver.always = 500
    _amend(on_commit, target, "14/2024/QĐ-UBND")  # 7 attempts (6 retries)
    assert Webhook.objects.get().active
    _amend(on_commit, target, "15/2024/QĐ-UBND")  # the 10th failure disables it
    assert len(receiver.requests) == 10
    webhook = Webhook.objects.get()
    assert (webhook.active, webhook.consecutive_failures) == (False, 10)
    assert webhook.disabled_at is not None
    notice = Notification.objects.get(user=officer, kind="webhook_disabled")
    assert str(hook["id"]) in notice.message_vi and "10" in notice.message_en
    assert any(m.to == ["officer@example.org"] for m in mail.outbox)
    _amend(on_commit, target, "16/2024/QĐ-UBND")
    assert len(receiver.requests) == 10  # a disabled webhook is not called
    # Turned on again by its owner: the count starts afresh.
    receiver.always = None
    answer = officer_api.patch(f"/api/v1/watching/webhooks/{hook['id']}/", {"active": True}, format="json")
    assert answer.status_code == 200 and answer.json()["consecutive_failures"] == 0
    _amend(on_commit, target, "17/2024/QĐ-UBND")
    assert len(receiver.requests) == 11


def test_only_legal_officers_manage_webhooks(
    anon: APIClient, reviewer_api: APIClient, admin_api: APIClient, target: Any
) -> None:
    body = {"url": "https://example.org/hook", "kind": "document", "target": str(target.pk)}
    assert anon.get("/api/v1/watching/webhooks/").status_code in (401, 403)
    assert anon.post("/api/v1/watching/webhooks/", body, format="json").status_code in (401, 403)
    assert reviewer_api.post("/api/v1/watching/webhooks/", body, format="json").status_code == 403
    created = admin_api.post("/api/v1/watching/webhooks/", body, format="json")
    assert created.status_code == 201
    assert "webhooks.write" in admin_api.get("/api/v1/auth/me/").json()["can"]
    assert "webhooks.write" not in reviewer_api.get("/api/v1/auth/me/").json()["can"]
    bad = admin_api.post("/api/v1/watching/webhooks/", {**body, "url": "ftp://example.org/x"}, format="json")
    assert bad.status_code == 400 and " / " in bad.json()["errors"]["url"][0]
    assert admin_api.delete(f"/api/v1/watching/webhooks/{created.json()['id']}/").status_code == 204
    assert AuditEntry.objects.filter(object_type="watching.webhook", action="delete").exists()


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8000/hook", "http://localhost/hook", "http://10.0.0.5/hook", "http://169.254.169.254/latest/"],
)
def test_a_webhook_to_the_servers_own_network_is_refused(url: str, settings: Any) -> None:
    from backend.core.errors import ApplicationError
    from backend.watching import services

    settings.HIEULUC_WEBHOOKS_ALLOW_PRIVATE = False
    with pytest.raises(ApplicationError) as refused:
        services._check_url(url)
    assert refused.value.status == 400 and "url" in str(refused.value.extra)
    assert services._check_url("https://93.184.216.34/hook") == "https://93.184.216.34/hook"  # a public address
