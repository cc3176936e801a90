"""Django serves the built web app for every page that is not the API, the admin or a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

INDEX = b'<!doctype html><html lang="vi"><body><div id="root"></div></body></html>'


@pytest.fixture
def built(tmp_path: Path, settings: Any) -> Path:
    (tmp_path / "index.html").write_bytes(INDEX)
    settings.FRONTEND_DIST = tmp_path
    return tmp_path


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/van-ban/12", "/van-ban/12?on=2025-01-01", "/can-bo/ra-soat", "/khong-co"])
def test_app_pages_get_the_built_index(built: Path, path: str) -> None:
    res = Client().get(path)
    assert res.status_code == 200
    assert res.content == INDEX
    assert res["Cache-Control"] == "no-cache"  # a rebuild shows at once; the hashed assets are cached instead


@pytest.mark.django_db
def test_api_admin_and_health_are_not_the_app(built: Path) -> None:
    client = Client()
    assert client.get("/api/v1/documents/").headers["Content-Type"].startswith("application/json")
    assert client.get("/admin/").status_code == 302  # the admin's login
    assert client.get("/healthz").content != INDEX
    assert client.get("/api/v1/khong-co/").status_code == 404


@pytest.mark.django_db
def test_before_the_first_build_the_plain_home_page_answers(tmp_path: Path, settings: Any) -> None:
    settings.FRONTEND_DIST = tmp_path / "missing"
    res = Client().get("/")
    assert res.status_code == 200
    assert b"/api/v1/public/lookup/" in res.content
