"""The generated permission matrix (issue #16): every route × method of the URL conf × role gets the status class
its row in tests/permission_matrix.py says, on a fixture world built once for the module.

- completeness: the routes come from Django's resolver, so an endpoint added without its row fails here, and a
  row naming a route that is gone fails too;
- the role dimension: each row × role (the table's four, then a reviewer the tasks are not assigned to and a user
  without any role) is one request, signed in with a real session (the public: none), its path parameter filled
  with the world object the row names, its body a well-formed one (BODIES), in a savepoint rolled back after it,
  so writes never change what the next request finds. No request may answer 500. One test per row;
- the organisation dimension (own / other / parent organisation and the Sở Tư pháp, decision 0023): generated
  from each row's `org`: a member of each staff role working in each of those organisations asks for the row's
  object, which belongs to a unit of a department.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from tests.conftest import reset_caches
from tests.permission_matrix import (
    BODIES,
    MULTIPART,
    ORG_RELATIONS,
    ROWS,
    Expect,
    OrgRelation,
    OrgRule,
    Row,
    org_expectation,
    org_visible,
)
from tests.permission_world import EXTRA_ROLES, ROLES, World, build, member_key

TABLE = "tests/permission_matrix.py"

# Routes that are not in the matrix, and why: none of them answers the API's data under the API's permissions.
NOT_IN_MATRIX = (
    ("admin/", "Django's admin: its own is_staff check and model permissions, not the API's roles"),
    ("api/v1/schema/", "the OpenAPI description of the API, the same for everyone"),
    ("api/v1/docs/", "the Swagger UI page for that description"),
)
# The web app's pages: the same HTML shell for every path it routes (`path("")` and the catch-all).
SPA = ("", "(?!api/|api-auth/|admin/|static/|media/|assets/|healthz|favicon|feeds/)")
_PARAM = re.compile(r"<(?:\w+:)?\w+>|\(\?P<\w+>[^)]*\)")


# --- the routes, from the resolver ----------------------------------------------------------------------------


def _patterns(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        pattern = str(entry.pattern).lstrip("^").rstrip("$")
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + pattern)
        elif isinstance(entry, URLPattern):
            yield prefix + pattern, entry


def methods_of(entry: URLPattern) -> list[str]:
    """The HTTP methods a route's view answers, read from the view: a viewset's route maps its methods to actions;
    a class-based view answers those it defines. A function view (healthz) says nothing: it is read as GET."""
    callback = entry.callback
    actions = getattr(callback, "actions", None)
    if actions:
        # HEAD is GET's (DRF adds it to a viewset's map on its first request), OPTIONS the same for every view.
        return sorted(method.upper() for method in actions if method not in ("options", "head"))
    cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if cls is None:
        return ["GET"]
    names = [name for name in cls.http_method_names if name not in ("options", "head") and hasattr(cls, name)]
    return sorted(name.upper() for name in names)


def routes() -> list[tuple[str, str]]:
    """Every (route, method) the matrix must cover."""
    found = []
    for route, entry in _patterns(get_resolver()):
        if "(?P<format>" in route or "<drf_format_suffix:format>" in route:
            continue  # DRF's format-suffix twins of the same views
        if route in SPA or any(route.startswith(prefix) for prefix, _why in NOT_IN_MATRIX):
            continue
        found.extend((route, method) for method in methods_of(entry))
    return found


def table_problems(exposed: Iterable[tuple[str, str]], rows: Iterable[Row]) -> list[str]:
    """What is wrong with the table for these routes: a route without a row, a row twice, a row of no route."""
    exposed = set(exposed)
    keys = Counter((row.route, row.method) for row in rows)
    problems = [
        f"{route} {method} has no row: add Row({route!r}, {method!r}, public=…, reviewer=…, officer=…, admin=…"
        f"{', on=…' if _PARAM.search(route) else ''}) to ROWS in {TABLE} (and its body to BODIES if it takes one)"
        for route, method in sorted(exposed - set(keys))
    ]
    problems += [f"{route} {method} has {n} rows in {TABLE}: keep one" for (route, method), n in keys.items() if n > 1]
    problems += [
        f"{route} {method} is a row in {TABLE} but no route of the URL conf answers it: remove the row"
        for route, method in sorted(set(keys) - exposed)
    ]
    return problems


def test_every_route_and_method_has_exactly_one_row() -> None:
    problems = table_problems(routes(), ROWS)
    assert not problems, "\n".join(problems)


def test_the_table_check_names_a_new_route_a_twice_made_row_and_a_gone_one() -> None:
    """The completeness check itself: it would catch each mistake (a test that cannot fail is a defect)."""
    exposed = [*routes(), ("api/v1/watching/", "POST")]
    rows = [*ROWS, ROWS[0], Row("api/v1/gone/", "GET", Expect.OK, Expect.OK, Expect.OK, Expect.OK)]
    problems = table_problems(exposed, rows)
    assert len(problems) == 3, problems
    assert "api/v1/watching/ POST has no row: add Row('api/v1/watching/', 'POST'" in problems[0]
    assert f"{ROWS[0].route} {ROWS[0].method} has 2 rows" in problems[1]
    assert "api/v1/gone/ GET is a row" in problems[2]


def test_every_row_with_a_parameter_names_its_object_and_every_body_its_row() -> None:
    keys = {(row.route, row.method) for row in ROWS}
    unnamed = [f"{row.route} {row.method}" for row in ROWS if _PARAM.search(row.route) and row.on is None]
    assert not unnamed, f"rows of a route with a parameter need on=<world object>: {unnamed}"
    orphans = sorted(set(BODIES) - keys) + sorted(MULTIPART - keys)
    assert not orphans, f"bodies of no row: {orphans}"


# --- the role dimension -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[World]:
    """One world for the module, in a transaction rolled back at its end; each test runs in a savepoint of it.
    Uploaded files go to the module's own folder."""
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("matrix-media")))
    with django_db_blocker.unblock(), media, transaction.atomic():
        # The tests' fast hasher (tests/conftest.py), already while the users are made: the sign-in rows check them.
        with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
            made = build()
        # One session per user, signed in once: a request that ends it (a sign-out) is rolled back with its savepoint.
        for role, user in made.users.items():
            client = Client()
            client.force_login(user)
            made.sessions[role] = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        yield made
        transaction.set_rollback(True)


def path_of(row: Row, world: World) -> str:
    if not _PARAM.search(row.route):
        return "/" + row.route
    assert row.on is not None, f"{row.route} needs on=<world object>"
    return "/" + _PARAM.sub(str(world.pk(row.on)), row.route)


def ask(row: Row, role: str, world: World) -> Any:
    client = APIClient()  # CSRF is not enforced: the matrix is about roles (tests/test_browser_sessions.py tests CSRF)
    if role != "public":
        # A real session: DRF's views and Django's own read the same user.
        client.cookies[django_settings.SESSION_COOKIE_NAME] = world.sessions[role]
    key = (row.route, row.method)
    data = BODIES[key](world, role) if key in BODIES else {}
    path = path_of(row, world)
    if row.method == "GET":
        return client.get(path, data)
    if row.on is not None and key not in MULTIPART and _PARAM.search(row.route):
        version = getattr(world.fresh(row.on), "version", None)
        if version is not None:
            data = {"version": version, **data}
    send = getattr(client, row.method.lower())
    return send(path, data, format="multipart" if key in MULTIPART else "json")


def _answer_of(row: Row, role: str, world: World) -> str | None:
    """What is wrong with `role`'s answer to `row`, or None. The request runs in a savepoint rolled back after it,
    with the caches of the one before forgotten: each role meets the world as built."""
    reset_caches()
    with transaction.atomic():
        answer = ask(row, role, world)
        transaction.set_rollback(True)
    want = row.expect(role)
    if want.matches(answer.status_code):
        return None
    body = "(a file)" if answer.streaming else answer.content[:300].decode("utf-8", "replace")
    return f"as {role}: {answer.status_code}, the row says {want.value}: {body}"


@pytest.mark.django_db
@pytest.mark.parametrize("row", [pytest.param(row, id=f"{row.method} {row.route}") for row in ROWS])
def test_each_role_gets_what_its_row_says(row: Row, world: World, settings: Any) -> None:
    """One test per row (the roles in it: a test each would spend more on fixtures than on the requests)."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"public": None, "search": None}}
    wrong = [problem for role in (*ROLES, *EXTRA_ROLES) if (problem := _answer_of(row, role, world))]
    assert not wrong, f"{row.method} {path_of(row, world)}\n" + "\n".join(wrong)


def test_a_status_class_refuses_what_it_does_not_name() -> None:
    assert Expect.OK.matches(201) and not Expect.OK.matches(302) and not Expect.OK.matches(403)
    assert Expect.ALLOWED.matches(400) and Expect.ALLOWED.matches(409)
    assert not any(Expect.ALLOWED.matches(code) for code in (401, 403, 404, 500, 503))
    assert Expect.UNAUTHENTICATED.matches(401) and not Expect.UNAUTHENTICATED.matches(403)
    assert not Expect.REDIRECT.matches(200) and Expect.REDIRECT.matches(302)


# --- the organisation dimension: generated from `org` -------------------------------------------------------


def named_by(row: Row) -> str:
    """How a row's request names its object: in the path, as a list holding it, or in a write's body."""
    if _PARAM.search(row.route):
        return "path"
    return "list" if row.method == "GET" else "body"


def _org_cases() -> list[Any]:
    return [
        pytest.param(row, role, relation, id=f"{row.method} {row.route} as {role} of the {relation.value}")
        for row in ROWS
        if row.org is not None
        for role in ROLES
        if role != "public"  # the public is no member of anything: its column holds
        for relation in ORG_RELATIONS
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role", "relation"), _org_cases())
def test_each_role_gets_what_its_row_says_in_each_organisation(
    row: Row, role: str, relation: OrgRelation, world: World, settings: Any
) -> None:
    """The row's object belongs to a unit of a department (tests/permission_world.py); a member of `role` working
    in the organisation of `relation` to it asks. A reviewer there is not the object's assignee, so the column
    that applies is `member` (else `stranger`); a list holds the object exactly when `org_visible`."""
    assert row.org is not None and row.on is not None, "an organisation-scoped row names its object"
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"public": None, "search": None}}
    column = row.expect("member" if role == "reviewer" else role)
    want = org_expectation(row.org, relation, role, column, named_by=named_by(row))
    reset_caches()
    with transaction.atomic():
        answer = ask(row, member_key(role, relation.value), world)
        transaction.set_rollback(True)
    body = "(a file)" if answer.streaming else answer.content[:300].decode("utf-8", "replace")
    assert want.matches(answer.status_code), f"{answer.status_code}, the matrix says {want.value}: {body}"
    if named_by(row) == "list" and answer.status_code == 200:
        ids = {item["id"] for item in answer.json()["results"]}
        assert (world.pk(row.on) in ids) is org_visible(row.org, relation, role), ids


def test_the_organisation_rules_hide_another_organisations_objects() -> None:
    ok, refused, own = Expect.OK, Expect.FORBIDDEN, OrgRule.OWN
    for relation in (OrgRelation.OWN, OrgRelation.PARENT):
        assert org_expectation(own, relation, "reviewer", ok, named_by="path") is ok
    assert org_expectation(own, OrgRelation.OTHER, "officer", ok, named_by="path") is Expect.NOT_FOUND
    assert org_expectation(own, OrgRelation.OTHER, "reviewer", refused, named_by="path") is Expect.REFUSED
    assert org_expectation(own, OrgRelation.OTHER, "officer", ok, named_by="list") is ok
    assert org_expectation(own, OrgRelation.OTHER, "officer", ok, named_by="body") is Expect.INVALID
    assert org_expectation(own, OrgRelation.OTHER, "reviewer", refused, named_by="body") is refused
    assert org_expectation(own, OrgRelation.OTHER, "officer", Expect.UNAUTHENTICATED, named_by="path") is (
        Expect.UNAUTHENTICATED
    )
    # The Sở Tư pháp's legal officers (and admins) coordinate every department; its reviewers review their own.
    assert org_expectation(own, OrgRelation.JUSTICE, "officer", ok, named_by="path") is ok
    assert org_expectation(own, OrgRelation.JUSTICE, "reviewer", ok, named_by="path") is Expect.NOT_FOUND
    assert org_visible(own, OrgRelation.JUSTICE, "admin") and not org_visible(own, OrgRelation.OTHER, "admin")
