"""The SQL queries of every GET endpoint under /api/v1/, recorded in tests/query_counts.json (as netbox does).

The endpoints come from the service's own OpenAPI schema (GET /api/v1/schema/), so a new endpoint is counted the
day it is added. A small but realistic world is made through the API, so through the product's own services:
documents with fields, relations, status history and a source file, review plans with tasks, reviews and
recommendations with their steps, yearly lists, import jobs, notifications, the audit log, and users of every role
(the tests' helper). Events are delivered after each commit (the index, review triggers, notices). Each endpoint
is asked as an admin (who sees the most) and anonymously (kept where the public gets an answer). A count is of one
request with process-level caches warm (the same request made just before) and the service's own caches cold
(cleared in between), as the first request after a write finds them.

The test fails when
- a list's or a detail's count grows with the data (the world is counted with 2 of everything, then with 6, and a
  detail's object gains related rows): an N+1;
- a count is above its record;
- an endpoint (or an endpoint's role) has no row in the record, or a row names one that no longer answers.
A count below its record passes with a warning, so the record can be lowered. Rewrite the record (and review its
diff) with

    HIEULUC_RECORD_QUERY_COUNTS=1 .venv/bin/python -m pytest tests/test_query_counts.py

which writes what it measured and fails only on an N+1 (or an endpoint it cannot ask). The normal run never
writes it.
"""

from __future__ import annotations

import io
import json
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from backend.accounts.roles import Role
from tests.catalogue.decision_files import Decision, decision_docx
from tests.conftest import _user, reset_caches

RECORD = Path(__file__).with_name("query_counts.json")
RECORDING = os.environ.get("HIEULUC_RECORD_QUERY_COUNTS") == "1"
API = "/api/v1/"
SMALL, LARGE = 2, 6  # rounds of the world: every listed kind has 2 rows, then 6

MAIN_ISSUER = "UBND-AG"
MAIN_NUMBER = "01/2020/QĐ-UBND"
LIST_YEAR = 2024  # the yearly list whose rows grow (each round's replaced document expired in it); reviews due

# The query parameters an endpoint needs to answer 200 (the rest are asked without any).
PARAMS: dict[str, dict[str, Any]] = {
    "/api/v1/public/lookup/": {"number": MAIN_NUMBER},
    "/api/v1/reports/reviews/": {"year": LIST_YEAR},
    "/api/v1/systematization/": {"from": 2020, "to": LIST_YEAR},
    "/api/v1/search/": {"q": "quyết định"},
    "/api/v1/search/suggest/": {"q": "quyết"},
}


@dataclass
class World:
    """The clients the world is made with, and the object each detail endpoint is asked about, by the collection's
    path (``/api/v1/documents/`` for ``/api/v1/documents/{id}/...``)."""

    admin: User
    clients: dict[str, APIClient]
    objects: dict[str, Any] = field(default_factory=dict)
    rounds: int = 0


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _ok(answer: Any, *codes: int) -> Any:
    assert answer.status_code in (codes or (200, 201)), f"{answer.status_code}: {answer.content.decode()[:2000]}"
    return answer.data


def _upload(name: str, content: bytes) -> io.BytesIO:
    upload = io.BytesIO(content)
    upload.name = name
    return upload


def _document(client: APIClient, number: str, issuer: str, issued: str, **extra: Any) -> int:
    body = {
        "number": number,
        "type": "Quyết định",
        "issuer": issuer,
        "title": f"Quyết định {number} quy định quản lý văn bản quy phạm pháp luật",
        "issued_on": issued,
        "effective_from": issued[:8] + "20",
        **extra,
    }
    return int(_ok(client.post(f"{API}documents/", body, format="json"))["id"])


def _relate(client: APIClient, source: int, kind: str, target: int, on: str, provisions: list[str]) -> int:
    body = {"source": source, "target": target, "kind": kind, "effective_on": on, "provisions": provisions}
    return int(_ok(client.post(f"{API}relations/", body, format="json"))["id"])


def _move(client: APIClient, url: str, steps: list[str], version: int, **body: Any) -> int:
    for step in steps:
        version = int(_ok(client.post(f"{url}{step}/", {"version": version, **body}, format="json"))["version"])
        body = {}
    return version


def _world(admin_user: User) -> World:
    users = {
        "admin": admin_user,
        "officer": _user("officer", Role.LEGAL_OFFICER),
        "reviewer": _user("reviewer", Role.REVIEWER),
    }
    _user("admin-role", Role.ADMIN)  # every role has a user (the admin who is asked is a superuser)
    world = World(admin=admin_user, clients={name: _client(user) for name, user in users.items()})
    admin = world.clients["admin"]
    _ok(admin.post(f"{API}authorities/", {"code": MAIN_ISSUER, "name": "UBND tỉnh An Giang", "level": "province"}))
    _ok(admin.post(f"{API}fields/", {"code": "tu-phap", "name": "Tư pháp"}))
    articles = "\n".join(f"Điều {n}. Quy định thứ {n}\n1. Nội dung khoản 1 Điều {n}." for n in range(1, 12))
    main = _document(
        admin, MAIN_NUMBER, MAIN_ISSUER, "2020-01-02", fields=["tu-phap"], text=f"Chương I\nQUY ĐỊNH CHUNG\n{articles}"
    )
    docx = _upload("quyết định.docx", decision_docx(Decision()))
    _ok(admin.post(f"{API}documents/{main}/source-file/", {"file": docx}, format="multipart"))
    _ok(admin.post(f"{API}organisations/", {"code": "stp", "name": "Sở Tư pháp", "kind": "justice"}))
    # The officer and the reviewer work in the Sở Tư pháp (once memberships exist, staff without one reach nothing).
    for name, role in (("officer", "legal_officer"), ("reviewer", "reviewer")):
        _ok(admin.post(f"{API}memberships/", {"user": name, "organisation": "stp", "role": role}))
    world.objects.update(
        {
            f"{API}organisations/": "stp",
            f"{API}documents/": main,
            f"{API}authorities/": MAIN_ISSUER,
            f"{API}document-types/": "quyet-dinh",
            f"{API}fields/": "tu-phap",
        }
    )
    return world


def _round(world: World, n: int) -> None:
    """One more of every listed kind, and more related rows for each detail's object."""
    admin, officer, reviewer = (world.clients[name] for name in ("admin", "officer", "reviewer"))
    main = world.objects[f"{API}documents/"]
    issuer = f"UBND-R{n}"
    # Reference rows: an authority merged into the main one (its predecessors grow), a document type, a field.
    _ok(
        admin.post(
            f"{API}authorities/",
            {
                "code": issuer,
                "name": f"UBND tỉnh cũ {n}",
                "level": "province",
                "succeeded_by": MAIN_ISSUER,
                "succeeded_on": "2025-07-01",
            },
        )
    )
    _ok(admin.post(f"{API}document-types/", {"code": f"loai-{n}", "name": f"Loại {n}", "rank": 100 + n}))
    _ok(admin.post(f"{API}fields/", {"code": f"linh-vuc-{n}", "name": f"Lĩnh vực {n}"}))
    _user(f"reviewer{n}", Role.REVIEWER)
    # An organisation (a department managing the round's field, under the main one) and its reviewer's membership.
    org = {"code": f"so-{n}", "name": f"Sở {n}", "kind": "department", "parent": "stp", "fields": [f"linh-vuc-{n}"]}
    _ok(admin.post(f"{API}organisations/", org, format="json"))
    _ok(admin.post(f"{API}memberships/", {"user": f"reviewer{n}", "organisation": f"so-{n}", "role": "reviewer"}))
    # Documents: one replaced in LIST_YEAR by another, which also amends and repeals part of the main document
    # (its relations, timeline and status history grow); a draft; an import job with n documents.
    fields = ["tu-phap", f"linh-vuc-{n}"]
    old = _document(admin, f"{n:02d}/2015/QĐ-UBND", issuer, "2015-03-02", fields=fields)
    new = _document(admin, f"{n + 10:02d}/{LIST_YEAR}/QĐ-UBND", issuer, f"{LIST_YEAR}-03-02", fields=fields)
    _document(admin, f"{n + 20:02d}/2025/QĐ-UBND", issuer, "2025-05-02", published=False)
    first_relation = _relate(admin, new, "replaces", old, f"{LIST_YEAR}-03-20", [])
    _relate(admin, new, "amends", main, f"{LIST_YEAR}-03-20", ["Điều 1"])
    _relate(admin, new, "repeals", main, f"{LIST_YEAR}-03-20", [f"Điều {n + 2}"])
    world.objects.setdefault(f"{API}relations/", first_relation)
    # An operation of the new document on the old one, added and confirmed by an officer (a derived relation).
    operation = _ok(
        officer.post(
            f"{API}operations/",
            {
                "source": new,
                "target": old,
                "kind": "repeal",
                "target_eid": "dieu-1",
                "applies_on": f"{LIST_YEAR}-03-20",
            },
            format="json",
        ),
        201,
    )
    _ok(officer.post(f"{API}operations/{operation['id']}/confirm/", HTTP_IF_MATCH=f'"{operation["version"]}"'))
    world.objects.setdefault(f"{API}operations/", operation["id"])
    bundle = {
        "documents": [
            {
                "number": f"{k:02d}/2016/QĐ-UBND",
                "type": "Quyết định",
                "issuer": issuer,
                "title": f"Quyết định {k}/2016 của {issuer}",
                "issued_on": "2016-04-01",
                "effective_from": "2016-04-15",
            }
            for k in range(1, n + 1)
        ]
    }
    job = _ok(
        admin.post(f"{API}imports/", {"file": _upload("nhap.json", json.dumps(bundle).encode())}, format="multipart"),
        201,
        202,
    )
    world.objects[f"{API}imports/"] = job["id"]  # the last job: the most rows in its report
    # A review plan of the round's issuer: one task approved (a recommendation), one waiting for approval (the
    # admin is notified), one started.
    plan = _ok(
        officer.post(
            f"{API}review-plans/",
            {
                "title": f"Rà soát văn bản của {issuer}",
                "kind": "periodic",
                "scope": {"issuer": issuer},
                "deadline": f"{LIST_YEAR}-12-31",
                "reviewer": "reviewer",
            },
            format="json",
        )
    )
    world.objects.setdefault(f"{API}review-plans/", plan["id"])
    tasks = _ok(officer.get(f"{API}reviews/", {"plan": plan["id"]}))["results"]
    assert len(tasks) >= 3, tasks
    approved, waiting, started = (f"{API}reviews/{t['id']}/" for t in tasks[:3])
    world.objects.setdefault(f"{API}reviews/", tasks[0]["id"])
    _move(reviewer, approved, ["submit"], 1, outcome="repeal", findings="Trái luật.")
    _move(officer, approved, ["approve"], 2)
    _move(reviewer, waiting, ["submit"], 1, outcome="keep")
    _move(reviewer, started, ["start"], 1)
    recommendation = _ok(officer.get(approved))["recommendation"]
    main_recommendation = world.objects.setdefault(f"{API}recommendations/", recommendation)
    url = f"{API}recommendations/{main_recommendation}/"
    version = _ok(officer.get(url))["version"]
    kinds = ["registration", "approval", "consultation", "appraisal", "submission", "issuance"]
    _ok(officer.post(f"{url}steps/", {"version": version, "kind": kinds[n - 1], "reference": f"Tờ trình {n}"}))
    # A published yearly list of another year.
    listed = _ok(admin.post(f"{API}announcements/", {"year": 2000 + n}, format="json"))
    _move(admin, f"{API}announcements/{listed['id']}/", ["submit", "approve", "publish"], listed["version"])
    # A search synonym group (every search reads the admins' groups).
    synonym = _ok(admin.post(f"{API}search/synonyms/", {"forms": [f"SYN{n}", f"nhóm thứ {n}"]}, format="json"))
    world.objects.setdefault(f"{API}search/synonyms/", synonym["id"])
    # A webhook (a saved search that matches nothing, so the world's events post nowhere).
    hook = {"url": f"http://127.0.0.1:9/hook/{n}", "kind": "search", "target": '{"q": "khôngkhớpgìcả"}'}
    webhook = _ok(world.clients["officer"].post(f"{API}watching/webhooks/", hook, format="json"), 201)
    world.objects.setdefault(f"{API}watching/webhooks/", webhook["id"])
    # A follower of the main document, whose unsubscribe link the GET reads (a signed, dated token: made here).
    follow = {"kind": "document", "target": str(world.objects[f"{API}documents/"]), "email": f"f{n}@example.org"}
    _ok(APIClient().post(f"{API}watching/subscriptions/", follow, format="json"), 202)
    if n == 1:  # each world's own follower (a module-level PARAMS would otherwise keep an earlier world's)
        from backend.watching import tokens
        from backend.watching.models import Subscription

        first = Subscription.objects.order_by("pk").values_list("pk", flat=True).first()
        PARAMS[f"{API}watching/unsubscribe/"] = {"token": tokens.unsubscribe_token([int(first or 0)])}
    world.rounds = n


def _grow(world: World, rounds: int, capture: Any) -> None:
    for n in range(world.rounds + 1, rounds + 1):
        with capture(execute=True):  # events after commit: the index, review triggers, notices, the import job
            _round(world, n)
    # The published list of LIST_YEAR, made now: a row for every round's replaced document.
    with capture(execute=True):
        listed = _ok(world.clients["admin"].post(f"{API}announcements/", {"year": LIST_YEAR}, format="json"))
        assert len(listed["rows"]) > rounds, listed["rows"]  # and the main document, repealed in part
        _move(world.clients["admin"], f"{API}announcements/{listed['id']}/", ["submit", "approve", "publish"], 1)
    world.objects[f"{API}announcements/"] = listed["id"]
    notices = _ok(world.clients["admin"].get(f"{API}notifications/"))["results"]
    assert len(notices) >= rounds, notices
    world.objects.setdefault(f"{API}notifications/", notices[0]["id"])


def get_paths(client: APIClient) -> list[str]:
    """Every GET operation the service publishes under /api/v1/."""
    schema = json.loads(client.get(f"{API}schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").content)
    return sorted(p for p, item in schema["paths"].items() if "get" in item and p.startswith(API))


def _url(path: str, objects: dict[str, Any]) -> str:
    if "{" not in path:
        return path
    collection = path.split("{", 1)[0]
    assert collection in objects, f"{path}: no object to ask about; name one for {collection} in the world"
    return re.sub(r"\{[^}]+\}", str(objects[collection]), path, count=1)


def _read(answer: Any) -> Any:
    """A file's answer read to its end, which closes the file (the test client does the rest)."""
    if answer.streaming:
        b"".join(answer.streaming_content)
    return answer


def count_queries(client: APIClient, url: str, params: dict[str, Any]) -> tuple[int, list[str]]:
    """The status and the SQL queries of one GET, after the same GET once (process-level caches, such as content
    types, warm) and with the service's caches cleared."""
    reset_caches()
    _read(client.get(url, params))
    reset_caches()
    with CaptureQueriesContext(connection) as queries:
        answer = _read(client.get(url, params))
    return answer.status_code, [q["sql"] for q in queries.captured_queries]


Key = tuple[str, str]  # (path, role)
Measured = dict[Key, list[str]]  # the SQL of one request


def measure(world: World, paths: list[str]) -> tuple[Measured, list[str]]:
    measured: Measured = {}
    problems: list[str] = []
    for path in paths:
        url = _url(path, world.objects)
        params = PARAMS.get(path, {})
        # A fresh user object each time: nothing an earlier request cached on it is left out of the count.
        admin = _client(User.objects.get(pk=world.admin.pk))
        status, queries = count_queries(admin, url, params)
        if status != 200:
            problems.append(f"GET {url} answered {status} to an admin: give it its query parameters in PARAMS")
            continue
        measured[path, "admin"] = queries
        status, queries = count_queries(APIClient(), url, params)
        if status == 200:
            measured[path, "anonymous"] = queries
    return measured, problems


def _sql(queries: list[str]) -> str:
    return "".join(f"\n    {n}. {sql[:400]}" for n, sql in enumerate(queries, 1))


@pytest.fixture
def counted(
    admin_user: User, django_capture_on_commit_callbacks: Any, settings: Any, tmp_path: Path
) -> tuple[Measured, Measured, list[str]]:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    world = _world(admin_user)
    paths = get_paths(APIClient())
    _grow(world, SMALL, django_capture_on_commit_callbacks)
    small, problems = measure(world, paths)
    _grow(world, LARGE, django_capture_on_commit_callbacks)
    large, more = measure(world, paths)
    return small, large, problems + more


def _compare(counts: dict[Key, int], record: dict[Key, int], large: Measured) -> list[str]:
    how = "rewrite the record with HIEULUC_RECORD_QUERY_COUNTS=1 (see this module's docstring)"
    problems = []
    for key in sorted(set(record) | set(counts)):
        path, role = key
        if key not in record:
            problems.append(f"GET {path} as {role}: {counts[key]} queries, and no row in {RECORD.name}: {how}")
        elif key not in counts:
            problems.append(f"GET {path} as {role}: a row in {RECORD.name}, but it answers no more: {how}")
        elif counts[key] > record[key]:
            problems.append(f"GET {path} as {role}: {counts[key]} queries, {record[key]} recorded:{_sql(large[key])}")
        elif counts[key] < record[key]:
            warnings.warn(
                f"GET {path} as {role}: {counts[key]} queries, {record[key]} recorded: lower it, {how}", stacklevel=2
            )
    return problems


def _read_record() -> dict[Key, int]:
    rows = json.loads(RECORD.read_text())
    return {(path, role): n for path, roles in rows.items() for role, n in roles.items()}


def _write_record(counts: dict[Key, int]) -> None:
    rows: dict[str, dict[str, int]] = {}
    for (path, role), n in sorted(counts.items()):
        rows.setdefault(path, {})[role] = n
    RECORD.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")


@pytest.mark.django_db
def test_no_endpoint_makes_more_queries_than_recorded(counted: tuple[Measured, Measured, list[str]]) -> None:
    small, large, problems = counted
    for (path, role), queries in sorted(large.items()):  # shown with -s, or when the test fails
        print(f"GET {path} as {role}: {len(small.get((path, role), []))} -> {len(queries)} queries")
    for (path, role), queries in sorted(large.items()):
        before = small.get((path, role))
        if before is not None and len(queries) > len(before):
            problems.append(
                f"GET {path} as {role}: {len(before)} queries with {SMALL} of each row, {len(queries)} with {LARGE}"
                f" (an N+1):{_sql(queries)}"
            )
    counts = {key: max(len(queries), len(small.get(key, []))) for key, queries in large.items()}
    if RECORDING:
        _write_record(counts)
    else:
        problems += _compare(counts, _read_record(), large)
    assert not problems, "\n".join(problems)


def test_a_higher_count_a_new_endpoint_and_a_gone_one_fail_a_lower_count_warns() -> None:
    record = {("/a/", "admin"): 2, ("/b/", "admin"): 3, ("/gone/", "admin"): 1, ("/a/", "anonymous"): 2}
    counts = {("/a/", "admin"): 3, ("/b/", "admin"): 2, ("/new/", "admin"): 1, ("/a/", "anonymous"): 2}
    with pytest.warns(UserWarning, match="GET /b/ as admin: 2 queries, 3 recorded"):
        problems = _compare(counts, record, {key: ["SELECT 1"] * n for key, n in counts.items()})
    assert [problem.split(":")[0] for problem in problems] == [
        "GET /a/ as admin",
        "GET /gone/ as admin",
        "GET /new/ as admin",
    ]
    assert "1. SELECT 1" in problems[0]  # the queries of a count above its record are shown
