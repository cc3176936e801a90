"""No input makes an endpoint answer 500: arbitrary query strings and JSON bodies get 2xx or 4xx."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from tests.catalogue import factories as f

pytestmark = pytest.mark.django_db

# Text that includes what breaks naive code: NUL, surrogate-free unicode, Vietnamese, digits and slashes.
nasty = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789/-QĐDÐqđHNUBNDSố \x00%'\";", max_size=30),
    st.sampled_from(["", " ", "\x00", "19/2022/NQ-HĐND", "9" * 400, "2026-02-30", "-1", "null", "[]", "{}"]),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | nasty,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(nasty, children, max_size=3),
    max_leaves=8,
)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def catalogue(db: None) -> None:
    f.authority("UBND-AG")
    old = f.document("19/2022/QĐ-UBND", issued="2022-12-07", effective="2022-12-17")
    new = f.document("07/2025/QĐ-UBND", issued="2025-09-26", effective="2025-10-06")
    f.relate(new, "replaces", old, "2025-10-06")


def _ok(res: Any) -> None:
    assert res.status_code < 500, (res.status_code, getattr(res, "data", res.content[:300]))


@FUZZ
@given(number=nasty, issuer=nasty, on=nasty, lang=nasty)
def test_public_lookup(anon: APIClient, catalogue: None, number: str, issuer: str, on: str, lang: str) -> None:
    from backend.catalogue import lookup_cache
    from backend.core import throttling

    throttling.reset()  # the public throttle would otherwise answer 429 and hide the lookup itself
    lookup_cache.clear_local()
    res = anon.get("/api/v1/public/lookup/", {"number": number, "issuer": issuer, "on": on, "lang": lang})
    _ok(res)
    assert res.status_code != 429


@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "type",
                "issuer",
                "with_predecessors",
                "field",
                "responsible",
                "year",
                "status",
                "on",
                "ordering",
                "page",
                "page_size",
                "number",
                "issued_from",
                "issued_to",
                "published",
            ]
        ),
        nasty,
        max_size=5,
    )
)
def test_document_list_filters(anon: APIClient, catalogue: None, params: dict[str, str]) -> None:
    _ok(anon.get("/api/v1/documents/", params))


@FUZZ
@given(path=st.sampled_from(["status", "timeline", "relations"]), on=nasty, doc=nasty)
def test_document_detail_actions(anon: APIClient, catalogue: None, path: str, on: str, doc: str) -> None:
    _ok(anon.get(f"/api/v1/documents/{doc.replace('/', '') or '1'}/{path}/", {"on": on}))


@FUZZ
@given(
    body=st.dictionaries(
        st.sampled_from(
            [
                "number",
                "type",
                "issuer",
                "title",
                "signer",
                "issued_on",
                "effective_from",
                "effective_until",
                "fields",
                "text",
                "normative",
                "published",
            ]
        ),
        json_values,
        max_size=12,
    )
)
def test_document_create(officer_api: APIClient, catalogue: None, body: dict[str, Any]) -> None:
    _ok(officer_api.post("/api/v1/documents/", body, format="json"))


@FUZZ
@given(
    body=st.dictionaries(
        st.sampled_from(["source", "target", "kind", "effective_on", "ends_on", "provisions", "note"]),
        json_values,
        max_size=7,
    )
)
def test_relation_create(officer_api: APIClient, catalogue: None, body: dict[str, Any]) -> None:
    _ok(officer_api.post("/api/v1/relations/", body, format="json"))


@FUZZ
@given(
    body=st.dictionaries(
        st.sampled_from(["code", "name", "level", "succeeded_by", "succeeded_on"]), json_values, max_size=5
    )
)
def test_authority_create(officer_api: APIClient, catalogue: None, body: dict[str, Any]) -> None:
    _ok(officer_api.post("/api/v1/authorities/", body, format="json"))


@FUZZ
@given(payload=json_values)
def test_import_any_json(officer_api: APIClient, catalogue: None, payload: Any) -> None:
    import io

    buffer = io.BytesIO(json.dumps(payload).encode())
    buffer.name = "fuzz.json"
    _ok(officer_api.post("/api/v1/imports/", {"file": buffer}, format="multipart"))


def test_nul_characters_are_a_clear_400(anon: APIClient, officer_api: APIClient, catalogue: None) -> None:
    body = {
        "number": "1/2020/QĐ-UBND",
        "type": "Quyết\x00",
        "issuer": "UBND-AG",
        "title": "a",
        "issued_on": "2020-01-01",
    }
    res = officer_api.post("/api/v1/documents/", body, format="json")
    assert res.status_code == 400 and res.json()["code"] == "nul_character"
    assert anon.get("/api/v1/public/lookup/", {"number": "19/2022/QĐ-UBND", "issuer": "\x00"}).status_code == 400
    assert anon.get("/api/v1/documents/", {"ordering": "\x00"}).status_code == 400


def test_raw_garbage_bodies(officer_api: APIClient, catalogue: None) -> None:
    for raw in [b"{", b"\xff\xfe", b"[1,2", b"null", b'"x"', b'{"number": "\\u0000"}']:
        _ok(officer_api.generic("POST", "/api/v1/documents/", raw, content_type="application/json"))
        _ok(officer_api.generic("POST", "/api/v1/relations/", raw, content_type="application/json"))
