"""API tokens expire, and the user, an admin and a password change can revoke them (issue #11, section 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-dai-du-1"


@pytest.fixture
def canbo(db: None) -> User:
    return User.objects.create_user("canbo-t", password=PASSWORD)


def sign_in(username: str = "canbo-t", password: str = PASSWORD) -> str:
    answer = APIClient().post("/api/v1/auth/token/", {"username": username, "password": password}, format="json")
    assert answer.status_code == 200, answer.content
    return str(answer.data["token"])


def client_with(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def me_status(token: str) -> int:
    return client_with(token).get("/api/v1/auth/me/").status_code


def test_sign_in_answers_a_token_with_its_expiry(canbo: User) -> None:
    answer = APIClient().post("/api/v1/auth/token/", {"username": "canbo-t", "password": PASSWORD}, format="json")
    assert answer.status_code == 200 and answer.data["token"]
    expiry = dt.datetime.fromisoformat(answer.json()["expiry"])
    assert dt.timedelta(hours=9, minutes=59) < expiry - timezone.now() <= dt.timedelta(hours=10)
    # Only a hash is stored: the token itself is nowhere in the database.
    assert not AuthToken.objects.filter(digest=answer.data["token"]).exists()


def test_wrong_password_is_a_bilingual_400(canbo: User) -> None:
    answer = APIClient().post("/api/v1/auth/token/", {"username": "canbo-t", "password": "sai"}, format="json")
    assert answer.status_code == 400
    assert answer.data["code"] == "invalid_credentials"
    assert answer.data["message_vi"] and answer.data["message_en"] and answer.data["errors"]["non_field_errors"]


def test_an_expired_token_answers_401(canbo: User) -> None:
    token = sign_in()
    assert me_status(token) == 200
    AuthToken.objects.filter(user=canbo).update(expiry=timezone.now() - dt.timedelta(seconds=1))
    assert me_status(token) == 401
    assert not AuthToken.objects.filter(user=canbo).exists()  # and it is gone for good


def test_use_extends_the_idle_deadline_but_not_past_the_maximum(canbo: User) -> None:
    token = sign_in()
    row = AuthToken.objects.get(user=canbo)
    # Signed in 20 hours ago, last used 9 hours ago: still valid, and its new deadline is capped at 24 hours.
    created = timezone.now() - dt.timedelta(hours=20)
    AuthToken.objects.filter(pk=row.pk).update(created=created, expiry=timezone.now() + dt.timedelta(hours=1))
    assert me_status(token) == 200
    row.refresh_from_db()
    assert row.expiry == created + dt.timedelta(hours=24)


def test_sign_out_revokes_only_this_token(canbo: User) -> None:
    laptop, phone = sign_in(), sign_in()
    assert client_with(laptop).delete("/api/v1/auth/token/").status_code == 204
    assert me_status(laptop) == 401
    assert me_status(phone) == 200
    assert client_with(phone).post("/api/v1/auth/logout/").status_code == 204
    assert me_status(phone) == 401


def test_sign_out_everywhere(canbo: User) -> None:
    laptop, phone = sign_in(), sign_in()
    other = User.objects.create_user("canbo-u", password=PASSWORD)
    theirs = sign_in("canbo-u")
    assert client_with(laptop).post("/api/v1/auth/logout-all/").status_code == 204
    assert me_status(laptop) == 401 and me_status(phone) == 401
    assert me_status(theirs) == 200 and AuthToken.objects.filter(user=other).count() == 1


def test_sign_out_needs_a_sign_in(anon: APIClient) -> None:
    assert anon.delete("/api/v1/auth/token/").status_code == 401
    assert anon.post("/api/v1/auth/logout/").status_code == 401
    assert anon.post("/api/v1/auth/logout-all/").status_code == 401


def test_a_password_change_revokes_every_token(canbo: User) -> None:
    laptop, phone = sign_in(), sign_in()
    canbo.last_login = timezone.now()
    canbo.save(update_fields=["last_login"])  # other saves leave the tokens alone
    canbo.first_name = "An"
    canbo.save()
    assert me_status(laptop) == 200
    canbo.set_password("mat-khau-moi-dai-du")
    canbo.save()
    assert me_status(laptop) == 401 and me_status(phone) == 401
    assert me_status(sign_in(password="mat-khau-moi-dai-du")) == 200


def test_deactivating_a_user_ends_their_tokens(canbo: User) -> None:
    token = sign_in()
    canbo.is_active = False
    canbo.save()
    assert me_status(token) == 401


def test_admin_revokes_with_the_command(canbo: User) -> None:
    token = sign_in()
    other = User.objects.create_user("canbo-u", password=PASSWORD)
    theirs = sign_in("canbo-u")
    call_command("revoke_tokens", "canbo-t")
    assert me_status(token) == 401 and me_status(theirs) == 200
    with pytest.raises(CommandError):
        call_command("revoke_tokens", "khong-co-ai")
    with pytest.raises(CommandError):
        call_command("revoke_tokens")
    call_command("revoke_tokens", all=True)
    assert me_status(theirs) == 401 and not AuthToken.objects.filter(user=other).exists()


def test_expired_tokens_of_users_who_never_return_are_cleared(canbo: User) -> None:
    sign_in()
    User.objects.create_user("canbo-u", password=PASSWORD)
    live = sign_in("canbo-u")
    AuthToken.objects.filter(user=canbo).update(expiry=timezone.now() - dt.timedelta(minutes=1))
    call_command("revoke_tokens", expired=True)
    assert not AuthToken.objects.filter(user=canbo).exists() and me_status(live) == 200
    with pytest.raises(CommandError):
        call_command("revoke_tokens", "canbo-u", expired=True)


def test_admin_sees_and_deletes_tokens_in_the_django_admin(canbo: User, admin_user: User) -> None:
    sign_in()
    row = AuthToken.objects.get(user=canbo)
    admin = APIClient()
    admin.force_login(admin_user)
    assert admin.get("/admin/knox/authtoken/").status_code == 200
    answer = admin.post(f"/admin/knox/authtoken/{row.pk}/delete/", {"post": "yes"})
    assert answer.status_code == 302 and not AuthToken.objects.filter(pk=row.pk).exists()


def test_a_stale_token_does_not_stop_a_new_sign_in(canbo: User) -> None:
    client = client_with("0" * 64)
    assert client.get("/api/v1/auth/me/").status_code == 401
    assert client.post("/api/v1/auth/token/", {"username": "canbo-t", "password": PASSWORD}).status_code == 200


@pytest.mark.parametrize("header", ["Token \xff\xfe", "Token " + "é" * 70, "Token a b", "Token", "Token ab\x00cd"])
def test_malformed_tokens_answer_401(canbo: User, header: str) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    assert client.get("/api/v1/auth/me/").status_code == 401
