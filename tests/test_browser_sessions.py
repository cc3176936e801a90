"""The web app signs in with Django's session (issue #12, section 2; docs/decisions/0007-browser-sessions.md).

One cookie serves every tab of the browser; unsafe requests need the CSRF header; signing out deletes the session
on the server; the lockout counts session sign-ins too. Clients here enforce CSRF as a browser would be held to.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, User
from django.contrib.sessions.models import Session
from rest_framework.test import APIClient

from backend.accounts.roles import Role, ensure_groups

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-dai-du-1"


@pytest.fixture
def canbo(db: None) -> User:
    ensure_groups()
    user = User.objects.create_user("canbo-s", password=PASSWORD, first_name="Cán bộ")
    user.groups.add(Group.objects.get(name=Role.LEGAL_OFFICER.value))
    return user


def browser() -> APIClient:
    """A client that, like a browser, is held to CSRF; it fetched the app's session state first (the cookie)."""
    client = APIClient(enforce_csrf_checks=True)
    answer = client.get("/api/v1/auth/session/")
    assert answer.status_code == 200 and answer.json() == {"user": None}
    assert "csrftoken" in client.cookies
    return client


def csrf(client: APIClient) -> dict[str, str]:
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


def sign_in(client: APIClient, password: str = PASSWORD, **extra: Any) -> Any:
    body = {"username": "canbo-s", "password": password}
    return client.post("/api/v1/auth/session/", body, format="json", **{**csrf(client), **extra})


def test_sign_in_sets_an_httponly_lax_session_cookie_and_answers_who(canbo: User) -> None:
    client = browser()
    answer = sign_in(client)
    assert answer.status_code == 200
    user = answer.json()["user"]
    assert user["username"] == "canbo-s" and user["role"] == "legal_officer" and "documents.import" in user["can"]
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 10 * 3600  # HIEULUC_SESSION_HOURS, a working day
    assert "token" not in answer.json()  # nothing a script could steal
    # Another tab of the same browser: the same cookie jar, signed in without a password.
    other_tab = APIClient(enforce_csrf_checks=True)
    other_tab.cookies = client.cookies
    assert other_tab.get("/api/v1/auth/me/").json()["username"] == "canbo-s"
    assert other_tab.get("/api/v1/auth/session/").json()["user"]["username"] == "canbo-s"


def test_the_sign_in_itself_needs_the_csrf_token(canbo: User) -> None:
    client = APIClient(enforce_csrf_checks=True)
    forged = client.post("/api/v1/auth/session/", {"username": "canbo-s", "password": PASSWORD}, format="json")
    assert forged.status_code == 403 and forged.json()["code"] == "csrf_failed"
    assert "CSRF" in forged.json()["message"] and "tải lại trang" in forged.json()["message"]
    assert django_settings.SESSION_COOKIE_NAME not in client.cookies


def test_wrong_password_is_a_400_and_nothing_is_signed_in(canbo: User) -> None:
    client = browser()
    answer = sign_in(client, "sai")
    assert answer.status_code == 400 and answer.json()["code"] == "invalid_credentials"
    assert client.get("/api/v1/auth/me/").status_code == 401


def test_unsafe_methods_with_the_session_need_the_csrf_header(canbo: User) -> None:
    client = browser()
    sign_in(client)
    body = {"code": "so-x", "name": "Sở X", "level": "province"}
    refused = client.post("/api/v1/authorities/", body, format="json")  # no X-CSRFToken: another site's form
    assert refused.status_code == 403 and refused.json()["code"] == "csrf_failed"
    english = client.post("/api/v1/authorities/", body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 403 and "reload the page" in english.json()["message"]
    assert client.delete("/api/v1/auth/session/").status_code == 403  # nor can another site sign you out
    accepted = client.post("/api/v1/authorities/", body, format="json", **csrf(client))
    assert accepted.status_code == 201
    assert client.get("/api/v1/authorities/so-x/").status_code == 200  # safe methods need no header


def test_sign_out_deletes_the_session_on_the_server_for_every_tab(canbo: User) -> None:
    client = browser()
    sign_in(client)
    key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    other_tab = APIClient(enforce_csrf_checks=True)
    other_tab.cookies.load({name: morsel.value for name, morsel in client.cookies.items()})
    assert other_tab.get("/api/v1/auth/me/").status_code == 200
    assert client.delete("/api/v1/auth/session/", **csrf(client)).status_code == 204
    assert not Session.objects.filter(session_key=key).exists()
    # The other tab still holds the old cookie: the server no longer knows it.
    assert other_tab.get("/api/v1/auth/me/").status_code == 401
    replay = APIClient()
    replay.cookies.load({django_settings.SESSION_COOKIE_NAME: key})
    assert replay.get("/api/v1/auth/me/").status_code == 401


def test_a_session_older_than_its_age_is_signed_out(canbo: User, settings: Any) -> None:
    client = browser()
    sign_in(client)
    Session.objects.update(expire_date="2000-01-01T00:00:00Z")
    assert client.get("/api/v1/auth/me/").status_code == 401
    assert client.get("/api/v1/auth/session/").json() == {"user": None}


def test_a_password_change_ends_the_session(canbo: User) -> None:
    client = browser()
    sign_in(client)
    canbo.set_password("mat-khau-moi-dai-du")
    canbo.save()
    assert client.get("/api/v1/auth/me/").status_code == 401


def test_session_sign_ins_count_towards_the_lockout(canbo: User, settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    client = browser()
    assert [sign_in(client, "sai").status_code for _ in range(3)] == [400, 400, 429]
    locked = sign_in(client)  # the right password, during the lockout
    assert locked.status_code == 429 and locked.json()["code"] == "login_locked"
    assert int(locked["Retry-After"]) > 0
    assert client.get("/api/v1/auth/me/").status_code == 401
    # And the token sign-in shares the count.
    token = APIClient().post("/api/v1/auth/token/", {"username": "canbo-s", "password": PASSWORD}, format="json")
    assert token.status_code == 429


def test_api_tokens_still_work_without_csrf(canbo: User) -> None:
    client = APIClient(enforce_csrf_checks=True)
    token = client.post("/api/v1/auth/token/", {"username": "canbo-s", "password": PASSWORD}, format="json")
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.json()['token']}")
    body = {"code": "so-y", "name": "Sở Y", "level": "province"}
    assert client.post("/api/v1/authorities/", body, format="json").status_code == 201


def test_the_browsable_api_of_a_signed_in_session_runs_no_inline_script(canbo: User) -> None:
    """The web app's session also signs the browser into DRF's HTML pages, whose own "Log out" link used an
    onclick handler that the Content-Security-Policy blocks (frontend/e2e/security.spec.ts saw it)."""
    client = browser()
    sign_in(client)
    page = client.get("/api/v1/documents/", HTTP_ACCEPT="text/html")
    html = page.content.decode()
    assert page.status_code == 200 and "canbo-s" in html
    assert "onclick" not in html.lower()
    assert 'action="/api-auth/logout/' in html


def test_sign_out_everywhere_ends_the_sessions_of_other_browsers(canbo: User) -> None:
    office, home = browser(), browser()
    assert sign_in(office).status_code == 200 and sign_in(home).status_code == 200
    other = User.objects.create_user("khac-s", password=PASSWORD)
    elsewhere = APIClient()
    elsewhere.force_login(other)  # someone else's session stays
    assert home.post("/api/v1/auth/logout-all/", **csrf(home)).status_code == 204
    assert office.get("/api/v1/auth/me/").status_code == 401
    assert home.get("/api/v1/auth/me/").status_code == 401
    assert elsewhere.get("/api/v1/auth/me/").status_code == 200
