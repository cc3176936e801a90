"""Failed sign-ins are limited per account and per client address, and the lockout ends by itself (issue #11, 4).

Attempts are counted in the database (django-axes' database handler), so each test starts from none: its
transaction is rolled back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-dai-du-1"
LIMIT = 3


@pytest.fixture(autouse=True)
def _small_limit(settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = LIMIT


@pytest.fixture
def canbo(db: None) -> User:
    User.objects.create_user("canbo-b", password=PASSWORD)
    return User.objects.create_user("canbo-c", password=PASSWORD)


def token_sign_in(username: str, password: str, **extra: Any) -> Any:
    return APIClient().post("/api/v1/auth/token/", {"username": username, "password": password}, format="json", **extra)


def test_wrong_passwords_lock_the_account_until_the_cool_off_ends(canbo: User) -> None:
    for _ in range(LIMIT - 1):
        assert token_sign_in("canbo-c", "sai").status_code == 400
    assert token_sign_in("canbo-c", "sai").status_code == 429  # the failure that reaches the limit
    # Now even the right password is refused, from any address, with a clear bilingual answer.
    locked = token_sign_in("canbo-c", PASSWORD, REMOTE_ADDR="10.9.9.9")
    assert locked.status_code == 429
    body = locked.json()
    assert body["code"] == "login_locked" and "phút" in body["message_vi"] and "minutes" in body["message_en"]
    assert body["message"] == body["message_vi"]  # Vietnamese by default
    assert 14 * 60 < int(locked["Retry-After"]) <= 15 * 60 and body["retry_after"] == int(locked["Retry-After"])
    english = token_sign_in("canbo-c", PASSWORD, HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 429 and english.json()["message"] == english.json()["message_en"]
    # Other accounts from other addresses are not affected.
    assert token_sign_in("canbo-b", PASSWORD, REMOTE_ADDR="10.9.9.8").status_code == 200
    # Attempts during the lockout do not extend it: once the cool-off has passed since the last counted failure,
    # the right password works again.
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=15, seconds=1))
    assert token_sign_in("canbo-c", PASSWORD).status_code == 200


def test_many_accounts_tried_from_one_address_lock_that_address(canbo: User) -> None:
    for name in ("a1", "a2", "a3"):
        token_sign_in(name, "sai", REMOTE_ADDR="203.0.113.7")
    assert token_sign_in("canbo-c", PASSWORD, REMOTE_ADDR="203.0.113.7").status_code == 429
    assert token_sign_in("canbo-c", PASSWORD, REMOTE_ADDR="203.0.113.8").status_code == 200


def test_without_a_trusted_proxy_a_forged_forwarded_for_does_not_dodge_the_limit(canbo: User) -> None:
    for i in range(LIMIT):
        token_sign_in(f"x{i}", "sai", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
    assert token_sign_in("canbo-c", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


def test_behind_a_proxy_the_client_is_the_forwarded_address(canbo: User, settings: Any) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}  # HIEULUC_NUM_PROXIES=1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for i in range(LIMIT):
        token_sign_in(f"x{i}", "sai", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    assert AccessAttempt.objects.filter(ip_address="198.51.100.1").count() == LIMIT
    assert token_sign_in("canbo-c", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy).status_code == 429
    assert token_sign_in("canbo-c", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy).status_code == 200
    # Junk where an address belongs is counted against the proxy's address, and answers no 500.
    assert token_sign_in("x", "sai", HTTP_X_FORWARDED_FOR="not-an-ip", **proxy).status_code == 400


def test_session_sign_ins_share_the_lockout(canbo: User) -> None:
    for _ in range(LIMIT):
        token_sign_in("canbo-c", "sai")
    browsable = APIClient().post("/api-auth/login/", {"username": "canbo-c", "password": PASSWORD})
    assert browsable.status_code == 429 and browsable.json()["code"] == "login_locked"
    canbo.is_staff = True
    canbo.save()
    admin = APIClient().post("/admin/login/", {"username": "canbo-c", "password": PASSWORD})
    assert admin.status_code == 429


def test_session_sign_in_failures_count_too(canbo: User) -> None:
    for _ in range(LIMIT):
        APIClient().post("/api-auth/login/", {"username": "canbo-c", "password": "sai"})
    assert token_sign_in("canbo-c", PASSWORD).status_code == 429


def test_an_admin_unlocks_early(canbo: User) -> None:
    for _ in range(LIMIT):
        token_sign_in("canbo-c", "sai", REMOTE_ADDR="10.1.1.1")
    assert token_sign_in("canbo-c", PASSWORD, REMOTE_ADDR="10.1.1.2").status_code == 429
    call_command("axes_reset_username", "canbo-c")
    assert token_sign_in("canbo-c", PASSWORD, REMOTE_ADDR="10.1.1.2").status_code == 200


def test_nul_characters_in_headers_answer_no_500(canbo: User) -> None:
    headers = {"HTTP_USER_AGENT": "a\x00b"}
    assert token_sign_in("canbo-c", "sai", **headers).status_code == 400
    assert token_sign_in("canbo-c", PASSWORD, **headers).status_code == 200
    assert AccessAttempt.objects.get(username="canbo-c").user_agent == "ab"
    session = APIClient().post("/api-auth/login/", {"username": "canbo-b", "password": "sai"}, HTTP_ACCEPT="a\x00")
    assert session.status_code == 200  # the sign-in form again, with its error
