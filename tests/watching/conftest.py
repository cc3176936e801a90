"""Shared set-up of the watching tests: the site's address for links, and helpers to follow and confirm."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.core import mail
from rest_framework.test import APIClient

SITE = "https://hieuluc.example"


@pytest.fixture(autouse=True)
def _site(settings: Any) -> None:
    settings.SITE_URL = SITE


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks: Any) -> Iterator[Any]:
    """Run the after-commit work (the outbox, the tasks it enqueues) as a real commit would."""
    yield django_capture_on_commit_callbacks


def token_in(text: str, page: str) -> str:
    """The token of the first link to the app's `page` (xac-nhan, huy) in an e-mail body."""
    found = re.search(rf"{re.escape(SITE)}/theo-doi/{page}\?token=(\S+)", text)
    assert found, text
    return unquote(found.group(1))


def one_click(message: Any) -> tuple[str, str]:
    """(path, token) of a message's List-Unsubscribe header."""
    header = message.extra_headers["List-Unsubscribe"]
    url = header.strip("<>")
    parts = urlsplit(url)
    return parts.path, parse_qs(parts.query)["token"][0]


def follow(client: APIClient, on_commit: Any, kind: str, target: str, email: str) -> Any:
    with on_commit(execute=True):
        return client.post(
            "/api/v1/watching/subscriptions/", {"kind": kind, "target": target, "email": email}, format="json"
        )


def follow_and_confirm(client: APIClient, on_commit: Any, kind: str, target: str, email: str) -> dict[str, Any]:
    before = len(mail.outbox)
    assert follow(client, on_commit, kind, target, email).status_code == 202
    assert len(mail.outbox) == before + 1
    token = token_in(mail.outbox[-1].body, "xac-nhan")
    with on_commit(execute=True):
        answer = client.post("/api/v1/watching/confirm/", {"token": token}, format="json")
    assert answer.status_code == 200, answer.json()
    return dict(answer.json())
