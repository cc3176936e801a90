"""The OpenAPI schema tells the truth: named answers, checked against /api/v1/schema/ by Schemathesis' own checks.

Each test makes a real request through the WSGI application (in-process, the test's database) and validates the
answer's status code, content type and body against the schema the service publishes. The schema fuzzer
(tests/test_fuzz_schema.py, bench/fuzz.py) finds such drift by chance; these pin each case it found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.test import Client

from backend.accounts.roles import Role
from backend.reviews.models import ReviewPlan, ReviewTask
from tests.catalogue import factories as f
from tests.conftest import _user

pytestmark = pytest.mark.django_db
CHECKS = [status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def app() -> Iterator[Any]:
    """The WSGI application, called in this thread on the test's connection: as Django's test client does, keep
    the end of each request from closing that connection (it holds the test's transaction)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def schema(app: Any, db: None) -> Any:
    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", app)


def _token(app: Any, username: str) -> dict[str, str]:
    answer = Client(app).post("/api/v1/auth/token/", data={"username": username, "password": "pw-" + username})
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return {"Authorization": f"Token {answer.get_json()['token']}"}


def check(schema: Any, method: str, path: str, *, headers: dict[str, str] | None = None, **case: Any) -> Any:
    """Call one operation and validate its answer against the schema; the answer, for more assertions."""
    operation = schema[path][method]
    if "body" in case:
        case.setdefault("media_type", "application/json")
    made = operation.Case(**case)
    response = made.call(headers=headers or {})
    made.validate_response(response, checks=CHECKS)
    return response


@pytest.fixture
def catalogue(db: None) -> dict[str, Any]:
    f.authority("UBND-AG")
    old = f.document("19/2022/QĐ-UBND", issued="2022-12-07", effective="2022-12-17")
    new = f.document("07/2025/QĐ-UBND", issued="2025-09-26", effective="2025-10-06")
    rel = f.relate(new, "replaces", old, "2025-10-06")
    return {"old": old, "new": new, "relation": rel}


def test_document_issuer_and_type_are_objects_in_schema_and_answer(schema: Any, catalogue: dict[str, Any]) -> None:
    # The schema said strings; the answers (and the web app's DocumentDetail) have {code, name}.
    listed = check(schema, "GET", "/api/v1/documents/")
    assert listed.json()["results"][0]["issuer"] == {"code": "UBND-AG", "name": "UBND-AG"}
    detail = check(schema, "GET", "/api/v1/documents/{id}/", path_parameters={"id": catalogue["new"].pk})
    assert set(detail.json()["type"]) == {"code", "name"}


def test_document_input_still_takes_codes(schema: Any) -> None:
    body = schema.raw_schema["components"]["schemas"]["DocumentInputRequest"]["properties"]
    assert body["issuer"]["type"] == "string"
    assert body["type"]["type"] == "string"


def test_relations_of_a_document_are_a_plain_list(schema: Any, catalogue: dict[str, Any]) -> None:
    # The schema promised a page; the answer (and the web app's DocumentPage) is the whole list.
    answer = check(schema, "GET", "/api/v1/documents/{id}/relations/", path_parameters={"id": catalogue["old"].pk})
    assert [r["id"] for r in answer.json()] == [catalogue["relation"].pk]


def test_patch_answers_are_the_detail_shapes(app: Any, schema: Any, catalogue: dict[str, Any]) -> None:
    # PATCH was documented with the input serializers (strings for documents), not what it answers.
    _user("officer", Role.LEGAL_OFFICER)
    auth = _token(app, "officer")
    rel = catalogue["relation"]
    check(schema, "PATCH", "/api/v1/relations/{id}/", path_parameters={"id": rel.pk}, body={}, headers=auth)
    check(
        schema,
        "PATCH",
        "/api/v1/documents/{id}/",
        path_parameters={"id": catalogue["new"].pk},
        body={"title": "Sửa trích yếu"},
        headers=auth,
    )


def test_review_task_and_triggered_plan_answers(app: Any, schema: Any, catalogue: dict[str, Any]) -> None:
    # An unassigned, undecided task: reviewer, submitted_by, decided_by and recommendation are null and the
    # outcome is "". A plan the service opened itself has no owner: `owner` is null (it was left out).
    _user("reviewer", Role.REVIEWER)
    auth = _token(app, "reviewer")
    plan = ReviewPlan.objects.create(
        title="Rà soát do sự kiện", kind="triggered", scope={}, owner=None, deadline=dt.date(2026, 12, 31)
    )
    task = ReviewTask.objects.create(plan=plan, document=catalogue["old"], due_on=dt.date(2026, 12, 31))
    answer = check(schema, "GET", "/api/v1/reviews/{id}/", path_parameters={"id": task.pk}, headers=auth)
    assert answer.json()["reviewer"] is None and answer.json()["outcome"] == ""
    answer = check(schema, "GET", "/api/v1/review-plans/{id}/", path_parameters={"id": plan.pk}, headers=auth)
    assert answer.json()["owner"] is None
    check(schema, "GET", "/api/v1/review-plans/", headers=auth)


def test_errors_are_documented(app: Any, schema: Any, catalogue: dict[str, Any]) -> None:
    # 404, 401 and 403 (and the others every write can give) were not in the schema at all.
    answer = check(schema, "GET", "/api/v1/documents/{id}/", path_parameters={"id": 999_999})
    assert answer.status_code == 404
    answer = check(schema, "GET", "/api/v1/reviews/", headers={"Authorization": "Token not-a-token"})
    assert answer.status_code == 401
    _user("reviewer", Role.REVIEWER)
    answer = check(
        schema,
        "POST",
        "/api/v1/documents/",
        body={"number": "1/2026/QĐ-UBND"},
        headers=_token(app, "reviewer"),
    )
    assert answer.status_code == 403


def test_every_operation_documents_the_http_servers_uri_too_long(schema: Any) -> None:
    # gunicorn answers 414 to a request line over 4,094 bytes before Django runs (found by bench/fuzz.py).
    operations = [op for item in schema.raw_schema["paths"].values() for op in item.values() if "responses" in op]
    assert len(operations) > 70
    assert all("414" in op["responses"] for op in operations)


def test_file_downloads_are_documented(app: Any, schema: Any, catalogue: dict[str, Any]) -> None:
    # /exports/ answers JSON by default (documented as a binary string), and .xlsx on request; the yearly report
    # answers .docx/.xlsx (documented as JSON only).
    _user("reviewer", Role.REVIEWER)
    auth = _token(app, "reviewer")
    check(schema, "GET", "/api/v1/exports/", headers=auth)
    check(schema, "GET", "/api/v1/exports/", query={"format": "xlsx"}, headers=auth)
    check(schema, "GET", "/api/v1/reports/reviews/", query={"year": 2025, "format": "docx"}, headers=auth)


def test_an_api_address_that_matches_no_route_is_a_json_404(app: Any, db: None) -> None:
    # An id with a "/" in it (%2F) matches no URL: Django's HTML page, until the API's JSON error.
    answer = Client(app).get("/api/v1/documents/a%2Fb/related/")
    assert answer.status_code == 404
    assert answer.headers["Content-Type"] == "application/json"
    assert answer.get_json()["code"] == "not_found"
    assert Client(app).get("/admin/nothing-here/").headers["Content-Type"].startswith("text/html")


def test_a_form_django_refuses_to_read_is_a_json_400(app: Any, db: None) -> None:
    # More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000): Django's HTML 400 page, until the API's JSON error.
    _user("reviewer", Role.REVIEWER)
    form = "&".join(f"f{i}=x" for i in range(1_200))
    answer = Client(app).post(
        "/api/v1/reviews/1/return/",
        data=form,
        content_type="application/x-www-form-urlencoded",
        headers=_token(app, "reviewer"),
    )
    assert answer.status_code == 400
    assert answer.headers["Content-Type"] == "application/json"
    # The API's parsers read the body first and refuse it in the API's shape (docs/api.md, "Errors").
    assert answer.get_json()["code"] == "malformed_body"


def test_the_source_file_download_is_documented(
    app: Any, schema: Any, catalogue: dict[str, Any], settings: Any, tmp_path: Any
) -> None:
    # GET /documents/{id}/file/: the stored .docx (a binary answer of its content type), and a JSON 404 without one.
    from django.core.files.base import ContentFile

    from backend.catalogue import services
    from tests.catalogue.decision_files import Decision, decision_docx

    settings.MEDIA_ROOT = str(tmp_path)
    doc = catalogue["new"]
    services.document_attach_source(
        actor="tests", document=doc, upload=ContentFile(decision_docx(Decision()), "qđ.docx")
    )
    path = "/api/v1/documents/{id}/file/"
    assert check(schema, "GET", path, path_parameters={"id": doc.pk}).status_code == 200
    assert check(schema, "GET", path, path_parameters={"id": catalogue["old"].pk}).status_code == 404


def test_the_answers_typed_for_the_web_app_are_true(app: Any, schema: Any, catalogue: dict[str, Any]) -> None:
    """The answers that were a bare OBJECT until the web app's types were generated from the schema (decision
    0012): each is called and validated against what the schema now says."""
    old, new = catalogue["old"], catalogue["new"]
    doc = {"path_parameters": {"id": old.pk}}
    assert check(schema, "GET", "/api/v1/documents/{id}/status/", **doc).json()["status"]
    check(schema, "GET", "/api/v1/documents/{id}/status/", query={"on": "2023-01-01"}, **doc)
    assert check(schema, "GET", "/api/v1/documents/{id}/timeline/", **doc).json()["timeline"]
    assert check(schema, "GET", "/api/v1/public/lookup/", query={"number": "19/2022/qd-ubnd"}).status_code == 200
    check(schema, "GET", "/api/v1/public/lookup/", query={"number": "07/2025/QĐ-UBND", "on": "2025-01-01"})
    assert check(schema, "GET", "/api/v1/search/", query={"q": "quyết định"}).status_code == 200
    check(schema, "GET", "/api/v1/search/", query={"q": "19/2022", "on": "2024-01-01"})
    check(schema, "GET", "/api/v1/search/suggest/", query={"q": "19/20"})
    assert check(schema, "GET", "/api/v1/documents/{id}/related/", path_parameters={"id": new.pk}).status_code == 200
    _user("reviewer", Role.REVIEWER)
    auth = _token(app, "reviewer")
    assert check(schema, "GET", "/api/v1/reports/reviews/", query={"year": 2025}, headers=auth).status_code == 200
    period = {"from": 2021, "to": 2025}
    assert check(schema, "GET", "/api/v1/systematization/", query=period, headers=auth).status_code == 200
    assert check(schema, "GET", "/api/v1/systematization/", query=period).status_code == 200


def test_an_import_answers_as_documented(app: Any, schema: Any, db: None) -> None:
    # job_answer: 202 while the job waits for its worker (here: the test's transaction never commits), 201 with the
    # report when run in-process, 400 with a failed job's report; the schema said 200 only.
    import io

    _user("officer", Role.LEGAL_OFFICER)
    auth = _token(app, "officer")
    bad = io.BytesIO(b'{"documents": [{"number": "khong-phai-so"}]}')
    answer = Client(app).post("/api/v1/imports/", data={"file": (bad, "hong.json")}, headers=auth)
    assert answer.status_code == 202 and answer.get_json()["state"] == "pending", answer.get_json()
    schema["/api/v1/imports/"]["POST"].validate_response(answer)
    responses = schema.raw_schema["paths"]["/api/v1/imports/"]["post"]["responses"]
    assert {"201", "202", "400"} <= set(responses) and "200" not in responses
