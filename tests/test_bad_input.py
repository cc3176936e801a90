"""Bad input gets a clear 400 and saves nothing (issue 11, section 3): NUL and control characters anywhere in a
request, bodies that are not JSON objects, bodies nested too deeply or too large. The NUL checks are generated
over every URL pattern of the API, so a new endpoint is covered without being listed here."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from backend.catalogue.models import Document
from tests.catalogue import factories as f

pytestmark = pytest.mark.django_db

_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


def _api_patterns() -> list[str]:
    """Every API URL pattern as a regex source, format-suffix variants left out."""
    found: list[str] = []

    def walk(patterns: list[Any], prefix: str) -> None:
        for item in patterns:
            regex = item.pattern.regex.pattern.lstrip("^").rstrip("$").replace("\\Z", "")
            if isinstance(item, URLResolver):
                walk(item.url_patterns, prefix + regex)
            elif isinstance(item, URLPattern) and "format" not in item.pattern.regex.groupindex:
                found.append(prefix + regex)

    walk(get_resolver().url_patterns, "")
    return sorted({p for p in found if p.startswith("api/v1/")})


def _url(pattern: str, value: str) -> str:
    path = _GROUP.sub(value, pattern).replace("\\", "")
    return "/" + path.lstrip("^")


API_PATTERNS = _api_patterns()
WITH_PARAMETERS = [p for p in API_PATTERNS if _GROUP.search(p)]


def test_the_generated_lists_cover_the_api() -> None:
    assert len(API_PATTERNS) > 30
    assert "api/v1/authorities/(?P<code>[^/.]+)/" in API_PATTERNS


@pytest.fixture
def catalogue(db: None) -> Document:
    f.authority("UBND-AG")
    return f.document("19/2022/QĐ-UBND", issued="2022-12-07", effective="2022-12-17")


@pytest.mark.parametrize("pattern", WITH_PARAMETERS)
@pytest.mark.parametrize("method", ["get", "post", "patch", "put", "delete"])
def test_nul_in_any_path_parameter_is_a_400(
    anon: APIClient, admin_api: APIClient, catalogue: Document, pattern: str, method: str
) -> None:
    url = _url(pattern, "a%00b")
    for client in (anon, admin_api):
        res = getattr(client, method)(url)
        assert res.status_code == 400, (method, url, res.status_code)
        assert res.json()["code"] == "nul_character"
        assert res.json()["message_en"] and res.json()["message_vi"]


def _form_urls(document: Document) -> list[str]:
    values = {"pk": str(document.pk), "code": "UBND-AG"}
    urls = []
    for pattern in API_PATTERNS:
        urls.append("/" + _GROUP.sub(lambda m: values.get(m["name"], "1"), pattern).replace("\\", ""))
    return urls


@pytest.mark.parametrize("kind", ["form", "multipart"])
def test_nul_in_any_form_field_is_never_a_500(
    admin_api: APIClient, anon: APIClient, catalogue: Document, kind: str
) -> None:
    """Every endpoint and method, with a NUL in a form field: never a 5xx; wherever the body is read, a 400."""
    body = {"reviewer": "a\x00b", "title": "a\x00b", "number": "1\x00", "note": "x\x00"}
    refused = 0
    for url in _form_urls(catalogue):
        for method in ("post", "patch", "put"):
            for client in (anon, admin_api):
                if kind == "form":
                    from urllib.parse import urlencode

                    res = getattr(client, method)(
                        url, urlencode(body), content_type="application/x-www-form-urlencoded"
                    )
                else:
                    res = getattr(client, method)(url, body, format="multipart")
                assert res.status_code < 500, (kind, method, url, res.status_code)
                if res.status_code == 400 and res.json().get("code") == "nul_character":
                    refused += 1
    assert Document.objects.count() == 1
    assert refused >= 10  # the body-taking endpoints all refused it


def test_nul_in_named_form_fields(officer_api: APIClient, catalogue: Document) -> None:
    res = officer_api.post(
        "/api/v1/review-plans/",
        "title=Plan&kind=periodic&deadline=2026-12-31&reviewer=a%00b",
        content_type="application/x-www-form-urlencoded",
    )
    assert res.status_code == 400 and res.json()["code"] == "nul_character"
    assert res.json()["errors"] == {"reviewer": [res.json()["message"]]}
    upload = io.BytesIO(b"{}")
    upload.name = "x.json"
    res = officer_api.post("/api/v1/imports/", {"file": upload, "note": "a\x01b"}, format="multipart")
    assert res.status_code == 400 and res.json()["code"] == "control_character"


@pytest.mark.parametrize("raw", [b"[]", b"null", b'"x"', b"1", b"true", b"[1, 2]"])
@pytest.mark.parametrize(
    "method,url",
    [
        ("post", "/api/v1/documents/"),
        ("patch", "/api/v1/documents/{doc}/"),
        ("put", "/api/v1/documents/{doc}/"),
        ("post", "/api/v1/relations/"),
        ("post", "/api/v1/authorities/"),
        ("patch", "/api/v1/authorities/UBND-AG/"),
        ("post", "/api/v1/review-plans/"),
        ("post", "/api/v1/announcements/"),
    ],
)
def test_a_json_body_must_be_an_object(
    admin_api: APIClient, catalogue: Document, raw: bytes, method: str, url: str
) -> None:
    res = getattr(admin_api, method)(url.format(doc=catalogue.pk), raw, content_type="application/json")
    assert res.status_code == 400, res.content[:200]
    assert res.json()["code"] == "json_object_required"
    assert "message_vi" in res.json() and "message_en" in res.json()


def test_a_deeply_nested_body_is_a_400(admin_api: APIClient, catalogue: Document) -> None:
    deep = b'{"note": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"
    res = admin_api.post("/api/v1/relations/", deep, content_type="application/json")
    assert res.status_code == 400 and res.json()["code"] == "json_too_deep"
    just_over = b'{"provisions": ' + b"[" * 40 + b"]" * 40 + b"}"
    res = admin_api.post("/api/v1/relations/", just_over, content_type="application/json")
    assert res.status_code == 400 and res.json()["code"] == "json_too_deep"


def test_a_body_over_the_limit_is_refused_before_it_is_read(
    admin_api: APIClient, catalogue: Document, settings: Any
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    res = admin_api.post("/api/v1/documents/", {"title": "x" * 2000}, format="json")
    assert res.status_code == 413 and res.json()["code"] == "body_too_large"
    assert Document.objects.count() == 1


def test_a_lone_surrogate_in_a_json_body_is_a_400_even_at_sign_in(anon: APIClient, officer_api: APIClient) -> None:
    """json.loads makes "\\ud800" a lone surrogate, which PostgreSQL cannot store: it was a 500, anonymous too."""
    for client, url in ((anon, "/api/v1/auth/token/"), (officer_api, "/api/v1/authorities/")):
        body = b'{"username": "\\ud800", "password": "x", "code": "A", "name": "\\udc00", "level": "province"}'
        res = client.generic("POST", url, body, content_type="application/json")
        assert res.status_code == 400, (url, res.content)
        assert res.json()["code"] == "control_character"


@pytest.mark.parametrize("version", ["²", "١", "³3"])
def test_a_version_in_digits_that_are_not_ascii_is_refused_not_a_500(
    officer_api: APIClient, catalogue: Document, version: str
) -> None:
    """ "²".isdigit() is true and int("²") raises: the If-Match header and the body's version were a 500."""
    url = f"/api/v1/documents/{catalogue.pk}/"
    by_header = officer_api.delete(url, HTTP_IF_MATCH=f'"{version}"')
    assert by_header.status_code == 428  # no version it can read: named none
    by_body = officer_api.delete(url, {"version": version}, format="json")
    assert by_body.status_code == 400 and by_body.json()["code"] == "invalid_version"
    assert Document.objects.filter(pk=catalogue.pk).exists()
