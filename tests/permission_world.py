"""The fixture world of the permission matrix (tests/test_permission_matrix.py): one object of each kind a route
can name, in the state its actions need, built once per module through the real services.

Every request of the matrix runs in its own savepoint, rolled back, so a write never changes what the next
request finds: the world is built once and read many times.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from django.contrib.auth.models import Group, User
from django.utils import timezone

from backend.accounts.roles import Role, ensure_groups
from backend.announcements import services as announcements
from backend.announcements.models import Announcement, AnnouncementRow
from backend.catalogue import services as catalogue
from backend.catalogue.importers import jobs
from backend.catalogue.models import Authority, DocumentType, Field
from backend.consolidation import services as consolidation
from backend.notifications.models import Notification
from backend.organisations import services as organisations
from backend.organisations.models import Organisation
from backend.reviews import services as reviews
from backend.reviews.models import Recommendation, ReviewPlan, ReviewTask
from backend.reviews.workflow import Action, Outcome
from backend.searching import services as searching
from backend.watching import services as watching
from backend.watching import tokens as watch_tokens
from backend.watching.models import Subscription
from tests.catalogue import factories as f
from tests.catalogue.decision_files import Decision, decision_docx

# The matrix's roles, in the table's column order. "public" is an anonymous request.
ROLES = ("public", "reviewer", "officer", "admin")
# Two more users, each with a derived column (tests/permission_matrix.py, Row.expect): a reviewer the world's
# tasks are not assigned to, and a user signed in without any role (an account with no group: the public's rights).
STRANGER = "stranger"
NO_ROLE = "no_role"
EXTRA_ROLES = (STRANGER, NO_ROLE)
_ROLE_OF = {"reviewer": Role.REVIEWER, "officer": Role.LEGAL_OFFICER, "admin": Role.ADMIN}


def password_of(username: str) -> str:
    return "pw-" + username


@dataclass
class World:
    users: dict[str, User]  # by matrix role (no "public": it has no user)
    objects: dict[str, Any]  # by the name a row's `on` gives
    sessions: dict[str, str] = field(default_factory=dict)  # a signed-in session's key, by role

    def pk(self, name: str) -> Any:
        """The value a path parameter takes for the object `name` (reference data is looked up by code)."""
        obj = self.objects[name]
        return getattr(obj, "code", None) or obj.pk

    def docx(self) -> io.BytesIO:
        return docx_upload()

    def csv(self) -> io.BytesIO:
        """An interchange-format file of one authority (POST /imports/)."""
        upload = io.BytesIO("code,name,level\nSO-MT,Sở Ma trận,province\n".encode())
        upload.name = "authorities.csv"
        return upload

    def xlsx(self) -> io.BytesIO:
        """A workbook of one empty sheet: a tracking sheet with nothing to track (POST /recommendations/import/)."""
        book = openpyxl.Workbook()
        out = io.BytesIO()
        book.save(out)
        upload = io.BytesIO(out.getvalue())
        upload.name = "theo-doi.xlsx"
        return upload

    def json(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    def fresh(self, name: str) -> Any:
        """The object as stored now (its version for a versioned write)."""
        obj = self.objects[name]
        return type(obj)._default_manager.get(pk=obj.pk)


def docx_upload() -> io.BytesIO:
    """A real decision as a .docx upload (a new handle each time: a request reads it to the end)."""
    upload = io.BytesIO(decision_docx(Decision()))
    upload.name = "quyết định.docx"
    return upload


def _user(username: str, role: Role) -> User:
    user = User.objects.create_user(username=username, password=password_of(username), email=f"{username}@example.vn")
    # The admin holds the admin group, not is_superuser: the matrix checks the role, not Django's superuser bypass.
    if role is not Role.PUBLIC:
        user.groups.add(Group.objects.get(name=role.value))
    return user


def _move(actor: User, task: ReviewTask, action: Action, **edit: Any) -> ReviewTask:
    task.refresh_from_db()
    return reviews.transition(
        actor=actor, task=task, action=action, expected_version=task.version, edit=reviews.TaskEdit(**edit)
    )


def build() -> World:
    ensure_groups()
    users = {name: _user(f"matrix-{name}", role) for name, role in _ROLE_OF.items()}
    users[STRANGER] = _user("matrix-stranger", Role.REVIEWER)
    users[NO_ROLE] = _user("matrix-no-role", Role.PUBLIC)
    reviewer, officer, admin = users["reviewer"], users["officer"], users["admin"]

    f.authority("UBND-AG")
    published = f.document("10/2020/QĐ-UBND", text="Điều 1. Phạm vi\nPhí trông giữ xe.\nĐiều 2. Mức thu\nMười nghìn.")
    draft = f.document("77/2026/QĐ-UBND", issued="2026-01-05", effective="2026-01-15", published=False)
    amending = f.document("11/2021/QĐ-UBND", issued="2021-02-01", effective="2021-02-11")
    expired = f.document("12/2019/QĐ-UBND", issued="2019-01-01", effective="2019-01-11", until="2025-06-30")
    spare_authority = f.authority("UBND-DP", name="UBND dự phòng")  # no documents: it may be deleted
    spare_type = DocumentType.objects.create(code="dp", name="Dự phòng", abbreviation="DP", rank=97)
    spare_field = Field.objects.create(code="du-phong", name="Dự phòng")
    draft = catalogue.document_attach_source(actor=officer, document=draft, upload=docx_upload())
    f.relate(amending, "amends", published, "2021-02-11", provisions=["Điều 2"])
    draft_relation = f.relate(draft, "basis", published, "2026-01-15")

    operation = consolidation.operation_add(
        actor=officer,
        source=amending,
        data=consolidation.OperationInput(
            target=published, kind="repeal", target_eid="dieu-2", applies_on=dt.date(2021, 2, 11)
        ),
    )
    decided = consolidation.operation_add(
        actor=officer,
        source=amending,
        data=consolidation.OperationInput(
            target=published, kind="repeal", target_eid="dieu-1", applies_on=dt.date(2021, 2, 11)
        ),
    )
    decided = consolidation.operation_reject(actor=officer, operation=decided, expected_version=decided.version)

    # Review: one plan over five documents of their own issuer, all the reviewer's, each task in the state one
    # action needs; the fifth approved with an outcome that opens a recommendation.
    f.authority("UBND-RS")
    for n in range(5):
        f.document(f"{20 + n}/2018/QĐ-UBND", issuer="UBND-RS", issued="2018-03-01", effective="2018-03-15")
    plan = reviews.create_plan(
        actor=officer,
        title="Rà soát định kỳ",
        kind="periodic",
        scope={"issuer": "UBND-RS"},
        deadline=dt.date(2026, 12, 31),
        reviewer=reviewer,
    )
    assigned, in_progress, submitted, returned, approved = ReviewTask.objects.filter(plan=plan).order_by("pk")
    _move(reviewer, in_progress, Action.START)
    _move(reviewer, submitted, Action.SUBMIT, outcome=Outcome.KEEP.value)
    _move(reviewer, returned, Action.SUBMIT, outcome=Outcome.KEEP.value)
    _move(officer, returned, Action.RETURN, comment="Bổ sung căn cứ")
    _move(reviewer, approved, Action.SUBMIT, outcome=Outcome.REPEAL.value)
    _move(officer, approved, Action.APPROVE)
    recommendation = Recommendation.objects.get(task=approved)

    ann = {state: announcements.create_draft(actor=officer, year=2025, issuers=[]) for state in Announcement.State}
    for state, path in _ANNOUNCEMENT_PATHS.items():
        for action in path:
            fresh = Announcement.objects.get(pk=ann[state].pk)
            announcements.transition(actor=officer, announcement=fresh, action=action, expected_version=fresh.version)
    row = AnnouncementRow.objects.filter(announcement=ann[Announcement.State.DRAFT]).first()
    assert row is not None, "the 2025 draft lists the document that expired in 2025"

    notice = Notification.objects.create(
        user=officer,
        kind=Notification.Kind.REVIEW_SUBMITTED,
        object_type="reviewtask",
        object_id=submitted.pk,
        day=timezone.localdate(),
        message_vi="Có kết quả rà soát chờ duyệt.",
        message_en="A review waits for approval.",
    )
    # Organisations (decision 0023): the review objects belong to a unit (a chi cục) of a department; members of
    # each role sit in that unit (own), in its department (parent), in a sibling department (other) and in the Sở
    # Tư pháp (justice). The matrix's own users belong to none: province-wide, as before organisations.
    tree = _organisations()
    unit = tree[ORG_OF[OrgRelationName.OWN]]
    ReviewPlan.objects.filter(pk=plan.pk).update(organisation=unit)
    ReviewTask.objects.filter(plan=plan).update(organisation=unit)
    Recommendation.objects.filter(pk=recommendation.pk).update(drafting_organisation=unit)
    for relation, code in ORG_OF.items():
        for name, role in _ROLE_OF.items():
            member = _user(f"matrix-{name}-{relation}", role)
            organisations.set_membership(actor=admin, user=member, organisation=tree[code], role=role.value)
            users[member_key(name, relation)] = member
    # The matrix's own users work somewhere too (staff without a membership reach nothing once organisations are
    # set up): the reviewer and the stranger in the unit, the legal officer and the admin in the Sở Tư pháp, whose
    # officers coordinate the province.
    for name, code in (("reviewer", "chi-cuc-a"), (STRANGER, "chi-cuc-a"), ("officer", "stp-mt"), ("admin", "stp-mt")):
        role = Role.REVIEWER if name == STRANGER else _ROLE_OF[name]
        organisations.set_membership(actor=admin, user=users[name], organisation=tree[code], role=role.value)
    membership = organisations.set_membership(  # the one a DELETE row removes
        actor=admin, user=_user("matrix-member", Role.REVIEWER), organisation=tree["so-b"], role=Role.REVIEWER.value
    )
    synonym = searching.add_synonym(actor=admin, forms=["ATGT", "an toàn giao thông"], note="matrix")
    job = jobs.job_create(actor=officer, filename="matrix.csv", content=b"number\n")
    webhook = watching.webhook_create(actor=officer, url="http://127.0.0.1:9/matrix", kind="issuer", target="UBND-AG")
    follower = Subscription.objects.create(
        kind="document",
        target=str(published.pk),
        email="matrix@example.org",
        email_hash=watch_tokens.address_hash("matrix@example.org"),
    )

    objects: dict[str, Any] = {
        "authority": Authority.objects.get(code="UBND-AG"),
        "document_type": published.doc_type,
        "spare_authority": spare_authority,
        "spare_type": spare_type,
        "spare_field": spare_field,
        "published": published,
        "draft": draft,
        "amending": amending,
        "expired": expired,
        "draft_relation": draft_relation,
        "operation": operation,
        "decided_operation": decided,
        "plan": plan,
        "task": assigned,
        "task_started": in_progress,
        "task_submitted": submitted,
        "task_returned": returned,
        "recommendation": recommendation,
        "announcement": ann[Announcement.State.DRAFT],
        "announcement_submitted": ann[Announcement.State.SUBMITTED],
        "announcement_approved": ann[Announcement.State.APPROVED],
        "announcement_published": ann[Announcement.State.PUBLISHED],
        "announcement_row": row,
        "notice": notice,
        "synonym": synonym,
        "webhook": webhook,
        "confirm_token": watch_tokens.confirm_token(follower.pk),
        "unsubscribe_token": watch_tokens.unsubscribe_token([follower.pk]),
        "import_job": job,
        "spare_organisation": tree["xa-du-phong"],
        "membership": membership,
        "unit": unit,
    }
    return World(users=users, objects=objects)


class OrgRelationName:
    """The relations of tests/permission_matrix.py's OrgRelation, by value (no import cycle with it)."""

    OWN, OTHER, PARENT, JUSTICE = "own", "other", "parent", "justice"


# Where a member of each relation to the objects' organisation (the unit "chi-cuc-a") works.
ORG_OF = {
    OrgRelationName.OWN: "chi-cuc-a",
    OrgRelationName.PARENT: "so-a",
    OrgRelationName.OTHER: "so-b",
    OrgRelationName.JUSTICE: "stp-mt",
}


def member_key(role: str, relation: str) -> str:
    """The world's user (and session) of `role` who works in the organisation of `relation`."""
    return f"{role}@{relation}"


def _organisations() -> dict[str, Organisation]:
    rows = [
        ("ubnd-mt", "province", None),
        ("stp-mt", "justice", "ubnd-mt"),
        ("so-a", "department", "ubnd-mt"),
        ("chi-cuc-a", "department", "so-a"),
        ("so-b", "department", "ubnd-mt"),
        ("xa-du-phong", "commune", "ubnd-mt"),  # no members, no work: it may be deleted
    ]
    made: dict[str, Organisation] = {}
    for code, kind, parent in rows:
        data = organisations.OrganisationInput(code=code, name=code.upper(), kind=kind, parent=made.get(parent or ""))
        made[code] = organisations.save_organisation(actor=None, data=data)
    return made


# From a draft to each state, by the list's own workflow.
_ANNOUNCEMENT_PATHS = {
    Announcement.State.SUBMITTED: ("submit",),
    Announcement.State.APPROVED: ("submit", "approve"),
    Announcement.State.PUBLISHED: ("submit", "approve", "publish"),
}
