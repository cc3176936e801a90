"""The permission matrix: for every route and method of the URL conf, what each role gets (issue #16).

One row per (route, method). The route is the URL pattern as Django's resolver spells it (a router's routes are
regular expressions, a `path()` keeps its converters), so tests/test_permission_matrix.py can check that every
route has its row and that no row names a route that is gone. A new endpoint fails that test until its row is
added here.

A row says, per role, the status class of a well-formed request (the body of a write is in BODIES below):

- OK: 2xx (uploads are sent real files). ALLOWED, for a write whose valid body is impractical to make here (no
  row needs it today): the role is let through, so anything but 401, 403 and 404, and below 500.
- UNAUTHENTICATED (401): a request without a login where one is needed (the token scheme answers 401, not 403).
- FORBIDDEN (403): signed in, but the role may not. NOT_FOUND (404): the object is not in what the role may read
  (a draft for the public, another user's notice): its URL does not confirm it exists.
- REDIRECT: Django's own sign-in form (api-auth/) answers a successful post with a redirect.

`on` names the fixture world's object whose id fills the route's parameter (tests/permission_world.py), chosen
so that the row tests the narrowing: a draft document, a list not yet published, a task in the state its action
needs. Every task is the matrix reviewer's own; `stranger` says what another reviewer gets where it differs (the
reviewer column otherwise). A user signed in without any role is asked too: `no_role` says what it gets where
that is not the public's (with 403 where the public gets 401), that is where being signed in is enough.

`org` says how the organisation dimension applies to the route's object (decision 0023, "Permissions in
querysets"); None: not organisation-scoped (the catalogue is read by everyone: the decree shares out review, not
reading; a user's own notices are the user's, not the organisation's). Each org row × staff role × OrgRelation is
a generated case: a member of that role working in the organisation of that relation to the object's asks, and
`org_expectation` says what they must get from the row's column for a reviewer who is not the object's assignee
(`member`, else `stranger`, else `reviewer`) or for their role.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Expect(StrEnum):
    OK = "2xx"
    ALLOWED = "not 401/403/404, < 500"
    REDIRECT = "3xx"
    UNAUTHENTICATED = "401"
    FORBIDDEN = "403"
    NOT_FOUND = "404"
    # The organisation dimension's (org_expectation): refused with or without looking the object up; an object
    # named in a body that the role cannot reach, answered as one that does not exist.
    REFUSED = "403 or 404"
    INVALID = "400"

    def matches(self, status: int) -> bool:
        if status >= 500:
            return False
        if self is Expect.OK:
            return 200 <= status < 300
        if self is Expect.REDIRECT:
            return 300 <= status < 400
        if self is Expect.ALLOWED:
            return status not in (401, 403, 404)
        if self is Expect.REFUSED:
            return status in (403, 404)
        if self is Expect.INVALID:
            return status == 400
        return status == int(self.value)


class OrgRule(StrEnum):
    """How a route's object is narrowed by the organisation of the user (decision 0023): `scope_of(user)` holds the
    user's organisations with their descendants and predecessors, every organisation for the Sở Tư pháp's legal
    officers (they coordinate the province). The Sở Tư pháp's reach is therefore a relation below (JUSTICE), not a
    rule of its own."""

    OWN = "own"  # the object's organisation must be in scope: outside it, the queryset does not hold it


class OrgRelation(StrEnum):
    """Where the route's object lives, seen from the organisation the user is a member of."""

    OWN = "own"  # the user's own organisation
    OTHER = "other"  # a sibling department: no relation
    PARENT = "parent"  # the user's organisation is the parent of the object's (descendants are in scope)
    JUSTICE = "justice"  # the user is of the Sở Tư pháp, the object of a department


ORG_RELATIONS = tuple(OrgRelation)


def org_visible(rule: OrgRule, relation: OrgRelation, role: str) -> bool:
    """Whether the object is in what a `role` member of the `relation` organisation may reach under `rule`."""
    if relation in (OrgRelation.OWN, OrgRelation.PARENT):
        return True
    if relation is OrgRelation.JUSTICE:
        return role in ("officer", "admin")  # its legal officers coordinate the province; its reviewers do not
    return False


def org_expectation(rule: OrgRule, relation: OrgRelation, role: str, role_expects: Expect, *, named_by: str) -> Expect:
    """What a role gets from a row when its object is in `relation`, given the row's column (what the role gets on
    its own organisation's object). How the request names the object decides:

    - "list" (a GET without a parameter): the answer is as the column says; whether the list holds the object is
      `org_visible`;
    - "path": outside scope, a 404, never a 403 that confirms the object exists; a role refused before the object
      is looked up (by a permission class) may keep its 403: REFUSED takes either;
    - "body" (a write naming the object, e.g. the tasks to assign): outside scope, the 400 of an unknown object.
    """
    if named_by == "list" or org_visible(rule, relation, role):
        return role_expects
    if role_expects not in (Expect.OK, Expect.ALLOWED, Expect.FORBIDDEN, Expect.NOT_FOUND):
        return role_expects  # 401 and the like come before any object
    if named_by == "body":
        return Expect.FORBIDDEN if role_expects is Expect.FORBIDDEN else Expect.INVALID
    return Expect.REFUSED if role_expects is Expect.FORBIDDEN else Expect.NOT_FOUND


@dataclass(frozen=True)
class Row:
    route: str
    method: str
    public: Expect
    reviewer: Expect
    officer: Expect
    admin: Expect
    on: str | None = None  # the world object the route's parameter names (a list: holds; a write's body: names)
    org: OrgRule | None = None
    stranger: Expect | None = None  # a reviewer the object is not assigned to, when not as the reviewer column
    # A reviewer who works where the object is (and is not its assignee), when not as `stranger`: the drafting
    # organisation's staff record a recommendation's steps.
    member: Expect | None = None
    no_role: Expect | None = None  # signed in without a role, when not as the public (with 403 for its 401)

    def expect(self, role: str) -> Expect:
        if role == "member":
            return self.member or self.expect("stranger")
        if role == "stranger":
            return self.stranger or self.reviewer
        if role == "no_role":
            # Signed in, a user without a role has the public's rights: what needs a role is refused (403) rather
            # than asked to sign in (401).
            return self.no_role or (Expect.FORBIDDEN if self.public is Expect.UNAUTHENTICATED else self.public)
        return {"public": self.public, "reviewer": self.reviewer, "officer": self.officer, "admin": self.admin}[role]


OK, ALLOWED, REDIRECT = Expect.OK, Expect.ALLOWED, Expect.REDIRECT
E401, E403, E404 = Expect.UNAUTHENTICATED, Expect.FORBIDDEN, Expect.NOT_FOUND
OWN = OrgRule.OWN

V1 = "api/v1/"
PK = "(?P<pk>[^/.]+)"  # a router's detail parameter
CODE = "(?P<code>[^/.]+)"  # reference data is addressed by code

# fmt: off
ROWS: list[Row] = [
    #   route                                  method    public reviewer officer admin
    # --- the catalogue: everyone reads published documents, staff drafts too; legal officers write ------------
    Row(f"{V1}authorities/",                   "GET",    OK,    OK,    OK,    OK),
    Row(f"{V1}authorities/",                   "POST",   E401,  E403,  OK,    OK),
    Row(f"{V1}authorities/{CODE}/",            "GET",    OK,    OK,    OK,    OK,    on="spare_authority"),
    Row(f"{V1}authorities/{CODE}/",            "PUT",    E401,  E403,  OK,    OK,    on="spare_authority"),
    Row(f"{V1}authorities/{CODE}/",            "PATCH",  E401,  E403,  OK,    OK,    on="spare_authority"),
    Row(f"{V1}authorities/{CODE}/",            "DELETE", E401,  E403,  OK,    OK,    on="spare_authority"),
    Row(f"{V1}document-types/",                "GET",    OK,    OK,    OK,    OK),
    Row(f"{V1}document-types/",                "POST",   E401,  E403,  OK,    OK),
    Row(f"{V1}document-types/{CODE}/",         "GET",    OK,    OK,    OK,    OK,    on="spare_type"),
    Row(f"{V1}document-types/{CODE}/",         "PUT",    E401,  E403,  OK,    OK,    on="spare_type"),
    Row(f"{V1}document-types/{CODE}/",         "PATCH",  E401,  E403,  OK,    OK,    on="spare_type"),
    Row(f"{V1}document-types/{CODE}/",         "DELETE", E401,  E403,  OK,    OK,    on="spare_type"),
    Row(f"{V1}fields/",                        "GET",    OK,    OK,    OK,    OK),
    Row(f"{V1}fields/",                        "POST",   E401,  E403,  OK,    OK),
    Row(f"{V1}fields/{CODE}/",                 "GET",    OK,    OK,    OK,    OK,    on="spare_field"),
    Row(f"{V1}fields/{CODE}/",                 "PUT",    E401,  E403,  OK,    OK,    on="spare_field"),
    Row(f"{V1}fields/{CODE}/",                 "PATCH",  E401,  E403,  OK,    OK,    on="spare_field"),
    Row(f"{V1}fields/{CODE}/",                 "DELETE", E401,  E403,  OK,    OK,    on="spare_field"),
    Row(f"{V1}documents/",                     "GET",    OK,    OK,    OK,    OK),
    Row(f"{V1}documents/",                     "POST",   E401,  E403,  OK,    OK),
    Row(f"{V1}documents/extract/",             "POST",   E401,  E403,  OK,    OK),
    Row(f"{V1}documents/from-file/",           "POST",   E401,  E403,  OK,    OK),
    Row(f"{V1}documents/{PK}/",                "GET",    E404,  OK,    OK,    OK,    on="draft"),
    Row(f"{V1}documents/{PK}/",                "PUT",    E401,  E403,  OK,    OK,    on="draft"),
    Row(f"{V1}documents/{PK}/",                "PATCH",  E401,  E403,  OK,    OK,    on="draft"),
    Row(f"{V1}documents/{PK}/",                "DELETE", E401,  E403,  OK,    OK,    on="draft"),
    Row(f"{V1}documents/{PK}/file/",           "GET",    E404,  OK,    OK,    OK,    on="draft"),
    Row(f"{V1}documents/{PK}/relations/",      "GET",    E404,  OK,    OK,    OK,    on="draft"),
    Row(f"{V1}documents/{PK}/source-file/",    "POST",   E401,  E403,  OK,    OK,    on="draft"),
    Row(f"{V1}documents/{PK}/status/",         "GET",    E404,  OK,    OK,    OK,    on="draft"),
    Row(f"{V1}documents/{PK}/timeline/",       "GET",    E404,  OK,    OK,    OK,    on="draft"),
    Row(f"{V1}documents/<int:pk>/related/",    "GET",    E404,  OK,    OK,    OK,    on="draft"),
    Row(f"{V1}documents/<int:pk>/text/",       "GET",    E404,  OK,    OK,    OK,    on="draft"),
    Row(f"{V1}documents/<int:pk>/versions/",   "GET",    E404,  OK,    OK,    OK,    on="draft"),
    Row(f"{V1}relations/",                     "GET",    OK,    OK,    OK,    OK),
    Row(f"{V1}relations/",                     "POST",   E401,  E403,  OK,    OK),
    Row(f"{V1}relations/{PK}/",                "GET",    E404,  OK,    OK,    OK,    on="draft_relation"),
    Row(f"{V1}relations/{PK}/",                "PUT",    E401,  E403,  OK,    OK,    on="draft_relation"),
    Row(f"{V1}relations/{PK}/",                "PATCH",  E401,  E403,  OK,    OK,    on="draft_relation"),
    Row(f"{V1}relations/{PK}/",                "DELETE", E401,  E403,  OK,    OK,    on="draft_relation"),
    Row(f"{V1}operations/",                    "GET",    OK,    OK,    OK,    OK),
    Row(f"{V1}operations/",                    "POST",   E401,  E403,  OK,    OK),
    Row(f"{V1}operations/{PK}/",               "GET",    E404,  OK,    OK,    OK,    on="operation"),
    Row(f"{V1}operations/{PK}/",               "PATCH",  E401,  E403,  OK,    OK,    on="operation"),
    Row(f"{V1}operations/{PK}/confirm/",       "POST",   E401,  E403,  OK,    OK,    on="operation"),
    Row(f"{V1}operations/{PK}/reject/",        "POST",   E401,  E403,  OK,    OK,    on="operation"),
    Row(f"{V1}operations/{PK}/restore/",       "POST",   E401,  E403,  OK,    OK,    on="decided_operation"),
    Row(f"{V1}public/lookup/",                 "GET",    OK,    OK,    OK,    OK),
    Row(f"{V1}search/",                        "GET",    OK,    OK,    OK,    OK),
    Row(f"{V1}search/suggest/",                "GET",    OK,    OK,    OK,    OK),
    Row(f"{V1}systematization/",               "GET",    OK,    OK,    OK,    OK),
    Row(f"{V1}",                               "GET",    OK,    OK,    OK,    OK),
    # --- imports and exports ---------------------------------------------------------------------------------
    Row(f"{V1}imports/",                       "POST",   E401,  E403,  OK,    OK),
    Row(f"{V1}imports/template/",              "GET",    E401,  E403,  OK,    OK),
    Row(f"{V1}imports/<int:pk>/",              "GET",    E401,  E403,  OK,    OK,    on="import_job"),
    Row(f"{V1}exports/",                       "GET",    E401,  OK,    OK,    OK),
    # --- the review workspace: staff only; plans and decisions for legal officers (organisation-scoped) -------
    Row(f"{V1}review-plans/",                  "GET",    E401,  OK,    OK,    OK,    on="plan", org=OWN),
    Row(f"{V1}review-plans/",                  "POST",   E401,  E403,  OK,    OK),
    Row(f"{V1}review-plans/preview/",          "POST",   E401,  E403,  OK,    OK),
    Row(f"{V1}review-plans/{PK}/",             "GET",    E401,  OK,    OK,    OK,    on="plan", org=OWN),
    Row(f"{V1}reviews/",                       "GET",    E401,  OK,    OK,    OK,    on="task", org=OWN),
    Row(f"{V1}reviews/assign/",                "POST",   E401,  E403,  OK,    OK,    on="task", org=OWN),
    Row(f"{V1}reviews/assignees/",             "GET",    E401,  OK,    OK,    OK),
    Row(f"{V1}reviews/{PK}/",                  "GET",    E401,  OK,    OK,    OK,    on="task", org=OWN),
    Row(f"{V1}reviews/{PK}/",                  "PATCH",  E401,  OK,    OK,    OK,    on="task", org=OWN, stranger=E403),
    Row(f"{V1}reviews/{PK}/start/",            "POST",   E401,  OK,    OK,    OK,    on="task", org=OWN, stranger=E403),
    Row(f"{V1}reviews/{PK}/submit/",           "POST",   E401,  OK,    OK,    OK,    on="task_started", org=OWN, stranger=E403),  # noqa: E501
    Row(f"{V1}reviews/{PK}/approve/",          "POST",   E401,  E403,  OK,    OK,    on="task_submitted", org=OWN),
    Row(f"{V1}reviews/{PK}/return/",           "POST",   E401,  E403,  OK,    OK,    on="task_submitted", org=OWN),
    Row(f"{V1}reviews/{PK}/restart/",          "POST",   E401,  OK,    OK,    OK,    on="task_returned", org=OWN, stranger=E403),  # noqa: E501
    Row(f"{V1}recommendations/",               "GET",    E401,  OK,    OK,    OK,    on="recommendation", org=OWN),
    Row(f"{V1}recommendations/import/",        "POST",   E401,  E403,  OK,    OK),
    Row(f"{V1}recommendations/{PK}/",          "GET",    E401,  OK,    OK,    OK,    on="recommendation", org=OWN),
    Row(f"{V1}recommendations/{PK}/",          "PATCH",  E401,  E403,  OK,    OK,    on="recommendation", org=OWN),
    # The matrix reviewer works in the drafting organisation: its staff record the steps.
    Row(f"{V1}recommendations/{PK}/steps/",    "POST",   E401,  OK,    OK,    OK,    on="recommendation", org=OWN),
    Row(f"{V1}reports/reviews/",               "GET",    E401,  OK,    OK,    OK),
    # --- notices: each user's own (the notice here is the officer's) ------------------------------------------
    Row(f"{V1}notifications/",                 "GET",    E401,  OK,    OK,    OK),
    Row(f"{V1}notifications/{PK}/",            "GET",    E401,  E404,  OK,    E404,  on="notice"),
    Row(f"{V1}notifications/{PK}/read/",       "POST",   E401,  E404,  OK,    E404,  on="notice"),
    # --- the yearly lists: the public reads published ones; legal officers draft and publish them -------------
    Row(f"{V1}announcements/",                 "GET",    OK,    OK,    OK,    OK),
    Row(f"{V1}announcements/",                 "POST",   E401,  E403,  OK,    OK),
    Row(f"{V1}announcements/{PK}/",            "GET",    E404,  OK,    OK,    OK,    on="announcement"),
    Row(f"{V1}announcements/{PK}/export/",     "GET",    OK,    OK,    OK,    OK,    on="announcement_published"),
    Row(f"{V1}announcements/{PK}/add-row/",    "POST",   E401,  E403,  OK,    OK,    on="announcement"),
    Row(f"{V1}announcements/{PK}/remove-row/", "POST",   E401,  E403,  OK,    OK,    on="announcement"),
    Row(f"{V1}announcements/{PK}/submit/",     "POST",   E401,  E403,  OK,    OK,    on="announcement"),
    Row(f"{V1}announcements/{PK}/approve/",    "POST",   E401,  E403,  OK,    OK,    on="announcement_submitted"),
    Row(f"{V1}announcements/{PK}/return/",     "POST",   E401,  E403,  OK,    OK,    on="announcement_submitted"),
    Row(f"{V1}announcements/{PK}/publish/",    "POST",   E401,  E403,  OK,    OK,    on="announcement_approved"),
    # --- organisations: anyone reads the tree; admins write it and say who works where ---------------------------
    Row(f"{V1}organisations/",                 "GET",    OK,    OK,    OK,    OK),
    Row(f"{V1}organisations/",                 "POST",   E401,  E403,  E403,  OK),
    Row(f"{V1}organisations/{CODE}/",          "GET",    OK,    OK,    OK,    OK,    on="spare_organisation"),
    Row(f"{V1}organisations/{CODE}/",          "PUT",    E401,  E403,  E403,  OK,    on="spare_organisation"),
    Row(f"{V1}organisations/{CODE}/",          "PATCH",  E401,  E403,  E403,  OK,    on="spare_organisation"),
    Row(f"{V1}organisations/{CODE}/",          "DELETE", E401,  E403,  E403,  OK,    on="spare_organisation"),
    Row(f"{V1}memberships/",                   "GET",    E401,  E403,  E403,  OK),
    Row(f"{V1}memberships/",                   "POST",   E401,  E403,  E403,  OK),
    Row(f"{V1}memberships/{PK}/",              "DELETE", E401,  E403,  E403,  OK,    on="membership"),
    # --- audit and search settings ----------------------------------------------------------------------------
    Row(f"{V1}audit/",                         "GET",    E401,  E403,  OK,    OK),
    Row(f"{V1}search/synonyms/",               "GET",    E401,  OK,    OK,    OK),
    Row(f"{V1}search/synonyms/",               "POST",   E401,  E403,  E403,  OK),
    Row(f"{V1}search/synonyms/{PK}/",          "GET",    E401,  OK,    OK,    OK,    on="synonym"),
    Row(f"{V1}search/synonyms/{PK}/",          "PATCH",  E401,  E403,  E403,  OK,    on="synonym"),
    Row(f"{V1}search/synonyms/{PK}/",          "DELETE", E401,  E403,  E403,  OK,    on="synonym"),
    # --- watching (docs/watching.md): anyone follows by e-mail with a token, no sign-in; staff register webhooks -
    Row(f"{V1}watching/subscriptions/",        "POST",   OK,    OK,    OK,    OK),
    Row(f"{V1}watching/confirm/",              "POST",   OK,    OK,    OK,    OK),
    Row(f"{V1}watching/unsubscribe/",          "GET",    OK,    OK,    OK,    OK),
    Row(f"{V1}watching/unsubscribe/",          "POST",   OK,    OK,    OK,    OK),
    Row(f"{V1}watching/webhooks/",             "GET",    E401,  E403,  OK,    OK),
    Row(f"{V1}watching/webhooks/",             "POST",   E401,  E403,  OK,    OK),
    Row(f"{V1}watching/webhooks/{PK}/",        "GET",    E401,  E403,  OK,    OK,    on="webhook"),
    Row(f"{V1}watching/webhooks/{PK}/",        "PATCH",  E401,  E403,  OK,    OK,    on="webhook"),
    Row(f"{V1}watching/webhooks/{PK}/",        "DELETE", E401,  E403,  OK,    OK,    on="webhook"),
    # Atom feeds: public documents only, for staff too (a draft's feed is a 404 for everyone)
    Row("feeds/documents/<int:pk>.atom",       "GET",    E404,  E404,  E404,  E404,  on="draft", no_role=E404),
    Row("feeds/issuers/<slug:code>.atom",      "GET",    OK,    OK,    OK,    OK,    on="authority"),
    Row("feeds/fields/<slug:code>.atom",       "GET",    OK,    OK,    OK,    OK,    on="spare_field"),
    Row("feeds/recent.atom",                   "GET",    OK,    OK,    OK,    OK),
    # --- signing in and out ----------------------------------------------------------------------------------
    Row(f"{V1}auth/token/",                    "POST",   OK,    OK,    OK,    OK),
    Row(f"{V1}auth/token/",                    "DELETE", E401,  OK,    OK,    OK,    no_role=OK),
    Row(f"{V1}auth/logout/",                   "POST",   E401,  OK,    OK,    OK,    no_role=OK),
    Row(f"{V1}auth/logout-all/",               "POST",   E401,  OK,    OK,    OK,    no_role=OK),
    Row(f"{V1}auth/me/",                       "GET",    E401,  OK,    OK,    OK,    no_role=OK),
    Row(f"{V1}auth/session/",                  "GET",    OK,    OK,    OK,    OK),
    Row(f"{V1}auth/session/",                  "POST",   OK,    OK,    OK,    OK),
    Row(f"{V1}auth/session/",                  "DELETE", OK,    OK,    OK,    OK),
    Row("api-auth/login/",                     "GET",    OK,    OK,    OK,    OK),
    Row("api-auth/login/",                     "POST",   REDIRECT,REDIRECT,REDIRECT,REDIRECT),
    # Django's LoginView answers PUT as POST, but Django parses no form from a PUT: the empty form again.
    Row("api-auth/login/",                     "PUT",    OK,    OK,    OK,    OK),
    Row("api-auth/logout/",                    "POST",   OK,    OK,    OK,    OK),
    Row("healthz",                             "GET",    OK,    OK,    OK,    OK),
]
# fmt: on


# --- the request bodies (query parameters for a GET) of a well-formed request -----------------------------------
# Each builder gets the world (tests/permission_world.py) and the role asking. A versioned write's "version" is
# added by the test from the row's `on` object; a file upload is sent as multipart (see MULTIPART).

Body = Callable[[Any, str], dict[str, Any]]


def _credentials(world: Any, role: str) -> dict[str, Any]:
    from tests.permission_world import password_of

    user = world.users.get(role, world.users["reviewer"])  # the public signs in as someone
    return {"username": user.username, "password": password_of(user.username)}


def _document(world: Any, role: str) -> dict[str, Any]:
    return {
        "number": "90/2026/QĐ-UBND",
        "type": world.objects["document_type"].code,
        "issuer": world.objects["authority"].code,
        "title": "Quy định mới",
        "issued_on": "2026-02-01",
        "published": False,
    }


def _relation(world: Any, role: str) -> dict[str, Any]:
    return {
        "source": world.objects["amending"].pk,
        "target": world.objects["expired"].pk,
        "kind": "basis",
        "effective_on": "2021-02-11",
    }


BODIES: dict[tuple[str, str], Body] = {
    (f"{V1}authorities/", "POST"): lambda w, r: {"code": "UBND-MT", "name": "UBND ma trận", "level": "province"},
    (f"{V1}authorities/{CODE}/", "PUT"): lambda w, r: {"code": "UBND-DU", "name": "Đổi tên", "level": "province"},
    (f"{V1}authorities/{CODE}/", "PATCH"): lambda w, r: {"name": "Đổi tên"},
    (f"{V1}document-types/", "POST"): lambda w, r: {"code": "mt", "name": "Ma trận", "abbreviation": "MT", "rank": 99},
    (f"{V1}document-types/{CODE}/", "PUT"): lambda w, r: {
        "code": "du",
        "name": "Dự phòng",
        "abbreviation": "DP",
        "rank": 98,
    },
    (f"{V1}document-types/{CODE}/", "PATCH"): lambda w, r: {"name": "Đổi tên"},
    (f"{V1}fields/", "POST"): lambda w, r: {"code": "ma-tran", "name": "Ma trận"},
    (f"{V1}fields/{CODE}/", "PUT"): lambda w, r: {"code": "du-phong", "name": "Dự phòng"},
    (f"{V1}fields/{CODE}/", "PATCH"): lambda w, r: {"name": "Đổi tên"},
    (f"{V1}documents/", "POST"): _document,
    (f"{V1}documents/{PK}/", "PUT"): lambda w, r: {
        **_document(w, r),
        "number": "77/2026/QĐ-UBND",
        "issued_on": "2026-01-05",
    },
    (f"{V1}documents/{PK}/", "PATCH"): lambda w, r: {"title": "Dự thảo đã sửa"},
    (f"{V1}documents/extract/", "POST"): lambda w, r: {"file": w.docx()},
    (f"{V1}documents/from-file/", "POST"): lambda w, r: {"file": w.docx(), "document": w.json(_document(w, r))},
    (f"{V1}documents/{PK}/source-file/", "POST"): lambda w, r: {"file": w.docx()},
    (f"{V1}relations/", "POST"): _relation,
    (f"{V1}relations/{PK}/", "PUT"): lambda w, r: {
        "source": w.objects["draft"].pk,
        "target": w.objects["published"].pk,
        "kind": "basis",
        "effective_on": "2026-01-16",
    },
    (f"{V1}relations/{PK}/", "PATCH"): lambda w, r: {"note": "ghi chú"},
    (f"{V1}operations/", "POST"): lambda w, r: {
        "source": w.objects["amending"].pk,
        "target": w.objects["published"].pk,
        "kind": "repeal",
        "target_eid": "dieu-1",
        "applies_on": "2021-02-11",
    },
    (f"{V1}operations/{PK}/", "PATCH"): lambda w, r: {"instruction": "Bãi bỏ Điều 2."},
    (f"{V1}public/lookup/", "GET"): lambda w, r: {"number": w.objects["published"].number},
    (f"{V1}search/", "GET"): lambda w, r: {"q": "phí trông giữ xe"},
    (f"{V1}systematization/", "GET"): lambda w, r: {"from": "2019", "to": "2024"},
    (f"{V1}search/suggest/", "GET"): lambda w, r: {"q": "phí"},
    (f"{V1}imports/", "POST"): lambda w, r: {"file": w.csv()},
    (f"{V1}exports/", "GET"): lambda w, r: {"format": "json"},
    (f"{V1}review-plans/", "POST"): lambda w, r: {
        "title": "Kế hoạch ma trận",
        "kind": "periodic",
        "scope": {"issuer": "UBND-RS"},
        "deadline": "2026-12-31",
    },
    (f"{V1}review-plans/preview/", "POST"): lambda w, r: {"scope": {"issuer": "UBND-RS"}},
    (f"{V1}reviews/assign/", "POST"): lambda w, r: {
        "tasks": [{"id": w.objects["task"].pk, "version": w.fresh("task").version}],
        "reviewer": w.users["reviewer"].username,
    },
    (f"{V1}reviews/{PK}/", "PATCH"): lambda w, r: {"findings": "Còn phù hợp."},
    (f"{V1}reviews/{PK}/submit/", "POST"): lambda w, r: {"outcome": "keep"},
    (f"{V1}reviews/{PK}/return/", "POST"): lambda w, r: {"comment": "Bổ sung căn cứ."},
    (f"{V1}recommendations/import/", "POST"): lambda w, r: {"file": w.xlsx()},
    (f"{V1}recommendations/{PK}/", "PATCH"): lambda w, r: {"note": "Đang soạn thảo."},
    (f"{V1}recommendations/{PK}/steps/", "POST"): lambda w, r: {"kind": "registration", "reference": "12/TTr-STP"},
    (f"{V1}reports/reviews/", "GET"): lambda w, r: {"year": "2026"},
    (f"{V1}announcements/", "POST"): lambda w, r: {"year": 2024},
    (f"{V1}announcements/{PK}/export/", "GET"): lambda w, r: {"format": "xlsx"},
    (f"{V1}announcements/{PK}/add-row/", "POST"): lambda w, r: {
        "document": w.objects["expired"].pk,
        "scope": "whole",
        "note": "Bổ sung.",
    },
    (f"{V1}announcements/{PK}/remove-row/", "POST"): lambda w, r: {
        "row": w.objects["announcement_row"].pk,
        "note": "Không thuộc danh mục.",
    },
    (f"{V1}search/synonyms/", "POST"): lambda w, r: {"forms": ["VBQPPL", "văn bản quy phạm pháp luật"]},
    (f"{V1}organisations/", "POST"): lambda w, r: {"code": "so-moi", "name": "Sở mới", "kind": "department"},
    (f"{V1}organisations/{CODE}/", "PUT"): lambda w, r: {"code": "xa-moi", "name": "Xã mới", "kind": "commune"},
    (f"{V1}organisations/{CODE}/", "PATCH"): lambda w, r: {"name": "Xã đổi tên"},
    (f"{V1}memberships/", "POST"): lambda w, r: {
        "user": w.users["reviewer"].username,
        "organisation": "so-b",
        "role": "reviewer",
    },
    (f"{V1}search/synonyms/{PK}/", "PATCH"): lambda w, r: {"active": False},
    (f"{V1}watching/subscriptions/", "POST"): lambda w, r: {
        "kind": "document",
        "target": str(w.objects["published"].pk),
        "email": f"matrix-{r}@example.org",
    },
    (f"{V1}watching/confirm/", "POST"): lambda w, r: {"token": w.objects["confirm_token"]},
    (f"{V1}watching/unsubscribe/", "GET"): lambda w, r: {"token": w.objects["unsubscribe_token"]},
    (f"{V1}watching/unsubscribe/", "POST"): lambda w, r: {"token": w.objects["unsubscribe_token"]},
    (f"{V1}watching/webhooks/", "POST"): lambda w, r: {
        "url": "http://127.0.0.1:9/matrix",
        "kind": "issuer",
        "target": w.objects["authority"].code,
    },
    (f"{V1}watching/webhooks/{PK}/", "PATCH"): lambda w, r: {"active": False},
    (f"{V1}auth/token/", "POST"): _credentials,
    (f"{V1}auth/session/", "POST"): _credentials,
    ("api-auth/login/", "POST"): _credentials,
}

# Sent as multipart/form-data (a file), the rest as JSON.
MULTIPART = {
    (f"{V1}documents/extract/", "POST"),
    (f"{V1}documents/from-file/", "POST"),
    (f"{V1}documents/{PK}/source-file/", "POST"),
    (f"{V1}imports/", "POST"),
    (f"{V1}recommendations/import/", "POST"),
    ("api-auth/login/", "POST"),
}
