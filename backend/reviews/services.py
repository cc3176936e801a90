"""Writes of the review workflow: plans, task transitions, recommendations. Every write is audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from backend.accounts.permissions import Capability, can
from backend.accounts.roles import Role, has_role
from backend.audit import services as audit
from backend.catalogue import selectors as catalogue
from backend.core.errors import ApplicationError
from backend.core.versioning import lock_at_version
from backend.reviews import notices, selectors, workflow
from backend.reviews.models import Recommendation, ReviewPlan, ReviewTask
from backend.reviews.workflow import Action, Outcome, RecommendationStatus, State

SOURCE = "api"


# The refusals that a field can fix: the app shows them under it.
DENIAL_FIELDS = {"outcome_required": "outcome", "comment_required": "comment"}


def _denied(denied: workflow.Denied) -> ApplicationError:
    return ApplicationError(
        denied.code, denied.message_vi, denied.message_en, status=denied.status, field=DENIAL_FIELDS.get(denied.code)
    )


def _check_can_review(user: Any) -> None:
    """Only staff (reviewers, legal officers, admins) are given reviews; None takes a task back."""
    if user is not None and not has_role(user, Role.REVIEWER):
        raise ApplicationError(
            "not_a_reviewer",
            f"Người dùng '{user.get_username()}' không có vai trò rà soát.",
            f"User '{user.get_username()}' has no reviewing role.",
            field="reviewer",
        )


@transaction.atomic
def create_plan(
    *,
    actor: Any,
    title: str,
    kind: str,
    scope: dict[str, Any],
    deadline: dt.date,
    reviewer: Any = None,
    due_on: dt.date | None = None,
    trigger: dict[str, Any] | None = None,
) -> ReviewPlan:
    """A plan and one task per document in its scope (all assigned to `reviewer` if given)."""
    _check_can_review(reviewer)
    plan = ReviewPlan.objects.create(title=title, kind=kind, scope=scope, owner=actor, deadline=deadline)
    audit.record(actor=actor, action="create", instance=plan, before=None, after=audit.snapshot(plan), source=SOURCE)
    ids = list(selectors.documents_in_scope(scope).values_list("pk", flat=True))
    tasks = ReviewTask.objects.bulk_create(
        [
            ReviewTask(plan=plan, document_id=pk, reviewer=reviewer, due_on=due_on or deadline, trigger=trigger or {})
            for pk in ids
        ]
    )
    audit.record_created(actor, tasks, source=SOURCE)
    return plan


@dataclass
class TaskEdit:
    """Fields a write may change; None leaves a field as it is."""

    findings: str | None = None
    legal_grounds: str | None = None
    provisions: list[str] | None = None
    outcome: str | None = None
    reviewer: Any = None
    reviewer_set: bool = False
    due_on: dt.date | None = None
    comment: str = ""


def _apply_edit(task: ReviewTask, edit: TaskEdit) -> None:
    if edit.findings is not None:
        task.findings = edit.findings
    if edit.legal_grounds is not None:
        task.legal_grounds = edit.legal_grounds
    if edit.provisions is not None:
        task.provisions = edit.provisions
    if edit.outcome is not None:
        task.outcome = edit.outcome


@transaction.atomic
def update_task(*, actor: Any, task: ReviewTask, expected_version: int | None, edit: TaskEdit) -> ReviewTask:
    """The reviewer edits the findings of an open task; a legal officer may also reassign it or move its due date."""
    task = lock_at_version(task, expected_version)
    officer = can(actor, Capability.REVIEWS_PLAN)  # who may reassign a task or move its due date
    if not officer and task.reviewer_id != actor.pk:
        raise _denied(
            workflow.Denied(
                "not_your_task",
                "Chỉ người được giao rà soát (hoặc cán bộ pháp chế) mới sửa được.",
                "Only the assigned reviewer (or a legal officer) can edit this task.",
                403,
            )
        )
    if State(task.state) not in workflow.EDITABLE_STATES:
        raise ApplicationError(
            "task_closed",
            f"Nhiệm vụ đang ở trạng thái '{task.state}', không sửa được.",
            f"The task is '{task.state}' and cannot be edited.",
            status=409,
        )
    if (edit.reviewer_set or edit.due_on is not None) and not officer:
        raise ApplicationError(
            "officer_required",
            "Chỉ cán bộ pháp chế mới giao lại hoặc đổi hạn rà soát.",
            "Only a legal officer can reassign a task or change its due date.",
            status=403,
        )
    if edit.reviewer_set:
        _check_can_review(edit.reviewer)
    before = audit.snapshot(task)
    _apply_edit(task, edit)
    if edit.reviewer_set:
        task.reviewer = edit.reviewer
    if edit.due_on is not None:
        task.due_on = edit.due_on
    task.version += 1
    task.save()
    audit.record(actor=actor, action="update", instance=task, before=before, after=audit.snapshot(task), source=SOURCE)
    if edit.reviewer_set:
        notices.record_tasks([task.pk])
    return task


@transaction.atomic
def assign_tasks(
    *, actor: Any, tasks: list[tuple[int, int | None]], reviewer: Any, due_on: dt.date | None = None
) -> list[ReviewTask]:
    """A legal officer gives several tasks (each with the version they read) to one reviewer, or takes them back
    (`reviewer` None), and may move their due date: all of them or none (a stale or closed one refuses all)."""
    if not tasks:
        raise ApplicationError(
            "tasks_required", "Cần chọn ít nhất một nhiệm vụ.", "Choose at least one task.", field="tasks"
        )
    repeated = sorted({pk for pk, _v in tasks if sum(1 for other, _ in tasks if other == pk) > 1})
    if repeated:  # one task named twice would be written twice, the second time as "stale"
        raise ApplicationError(
            "repeated_task",
            f"Nhiệm vụ số {', '.join(map(str, repeated))} được chọn hơn một lần.",
            f"Task {', '.join(map(str, repeated))} is chosen more than once.",
            field="tasks",
        )
    found = {t.pk: t for t in ReviewTask.objects.filter(pk__in=[pk for pk, _v in tasks])}
    missing = [pk for pk, _v in tasks if pk not in found]
    if missing:
        raise ApplicationError(
            "unknown_task",
            f"Không có nhiệm vụ số {', '.join(map(str, missing))}.",
            f"No task numbered {', '.join(map(str, missing))}.",
            field="tasks",
        )
    edit = TaskEdit(reviewer=reviewer, reviewer_set=True, due_on=due_on)
    return [
        update_task(actor=actor, task=found[pk], expected_version=version, edit=edit)
        for pk, version in sorted(tasks)  # one lock order for everyone: two officers never deadlock
    ]


@transaction.atomic
def transition(
    *, actor: Any, task: ReviewTask, action: Action, expected_version: int | None, edit: TaskEdit | None = None
) -> ReviewTask:
    """Move a task along the workflow (backend/reviews/workflow.py); approving an outcome other than `keep`
    opens its recommendation."""
    task = lock_at_version(task, expected_version)
    edit = edit or TaskEdit()
    outcome_value = edit.outcome if edit.outcome is not None else (task.outcome or None)
    outcome = Outcome(outcome_value) if outcome_value else None
    denied = workflow.check_transition(
        action,
        State(task.state),
        actor_id=actor.pk,
        reviewer_id=task.reviewer_id,
        submitted_by_id=task.submitted_by_id,
        actor_is_officer=can(actor, Capability.REVIEWS_DECIDE),
        outcome=outcome,
        comment=edit.comment,
    )
    if denied is not None:
        raise _denied(denied)
    before = audit.snapshot(task)
    now = timezone.now()
    if action in workflow.REVIEWER_ACTIONS:
        _apply_edit(task, edit)
    if action == Action.SUBMIT:
        task.submitted_by, task.submitted_at = actor, now
    if action in workflow.APPROVER_ACTIONS:
        task.decided_by, task.decided_at, task.comment = actor, now, edit.comment
    task.state = workflow.TRANSITIONS[action][1].value
    task.version += 1
    task.save()
    audit.record(actor=actor, action="update", instance=task, before=before, after=audit.snapshot(task), source=SOURCE)
    if action == Action.APPROVE and outcome is not None and workflow.opens_recommendation(outcome):
        _open_recommendation(actor, task, outcome)
    notices.record_tasks([task.pk])  # approvers told of a submission, the reviewer of the decision
    return task


def _open_recommendation(actor: Any, task: ReviewTask, outcome: Outcome) -> Recommendation:
    recommendation = Recommendation.objects.create(
        task=task,
        action=outcome.value,
        provisions=list(task.provisions or []),
        deadline=task.plan.deadline,
        status=RecommendationStatus.OPEN.value,
    )
    recommendation.targets.add(task.document)
    audit.record(
        actor=actor,
        action="create",
        instance=recommendation,
        before=None,
        after=audit.snapshot(recommendation),
        source=SOURCE,
    )
    return recommendation


MANUAL_STATUSES = frozenset(
    {
        RecommendationStatus.OPEN.value,
        RecommendationStatus.IN_PROGRESS.value,
        RecommendationStatus.WITHDRAWN.value,
        RecommendationStatus.RESOLVED.value,
    }
)


@transaction.atomic
def update_recommendation(
    *, actor: Any, recommendation: Recommendation, expected_version: int | None, changes: dict[str, Any]
) -> Recommendation:
    """A legal officer edits a recommendation: status (open, in_progress, withdrawn, or resolved naming the
    document that carried it out), drafting body, officer, deadline, provisions, note."""
    rec = lock_at_version(recommendation, expected_version)
    before = audit.snapshot(rec)
    status = changes.get("status")
    if status is not None:
        if status not in MANUAL_STATUSES:
            raise ApplicationError(
                "invalid_status",
                f"Không đặt trạng thái '{status}' bằng tay được (quá hạn do hệ thống tính).",
                f"Status '{status}' cannot be set by hand (overdue is computed).",
                field="status",
            )
        resolved_by = changes.get("resolved_by")
        if status == RecommendationStatus.RESOLVED.value and resolved_by is None and rec.resolved_by_id is None:
            raise ApplicationError(
                "resolved_by_required",
                "Cần chỉ ra văn bản đã xử lý kiến nghị.",
                "Name the document that carried the recommendation out.",
                field="resolved_by",
            )
        if status == RecommendationStatus.RESOLVED.value:
            document = resolved_by or rec.resolved_by
            rec.resolved_by, rec.resolved_on = document, document.issued_on if document else None
        rec.status = status
    for name in ("drafting_body", "officer", "deadline", "provisions", "note"):
        if name in changes:
            setattr(rec, name, changes[name])
    if status is None and "deadline" in changes and rec.status == RecommendationStatus.OVERDUE.value:
        # A deadline moved to today or later (or taken away) is no longer missed: back to where its steps are.
        if rec.deadline is None or rec.deadline >= catalogue.today():
            started = rec.steps.exists()
            rec.status = (RecommendationStatus.IN_PROGRESS if started else RecommendationStatus.OPEN).value
    rec.version += 1
    rec.save()
    audit.record(actor=actor, action="update", instance=rec, before=before, after=audit.snapshot(rec), source=SOURCE)
    notices.record_recommendations([rec.pk])  # resolved or withdrawn: its "overdue" notices are closed
    return rec


@transaction.atomic
def record_step(
    *,
    actor: Any,
    recommendation: Recommendation,
    expected_version: int | None,
    kind: str,
    reference: str,
    on: dt.date | None,
    note: str = "",
) -> Recommendation:
    """Record (or correct) one drafting step; the first step moves an open recommendation to in_progress."""
    from backend.reviews.models import RecommendationStep

    rec = lock_at_version(recommendation, expected_version)
    before = audit.snapshot(rec)
    step, _created = RecommendationStep.objects.update_or_create(
        recommendation=rec, kind=kind, defaults={"reference": reference, "on": on, "note": note}
    )
    if rec.status == RecommendationStatus.OPEN.value:
        rec.status = RecommendationStatus.IN_PROGRESS.value
    rec.version += 1
    rec.save()
    after = audit.snapshot(rec)
    after["step"] = {"kind": step.kind, "reference": step.reference, "on": on.isoformat() if on else None}
    audit.record(actor=actor, action="update", instance=rec, before=before, after=after, source=SOURCE)
    notices.record_recommendations([rec.pk])
    return rec


@transaction.atomic
def mark_overdue(on: dt.date) -> int:
    """Open and in-progress recommendations past their deadline become overdue. Idempotent."""
    late = list(
        Recommendation.objects.select_for_update().filter(
            status__in=(RecommendationStatus.OPEN.value, RecommendationStatus.IN_PROGRESS.value), deadline__lt=on
        )
    )
    for rec in late:
        before = audit.snapshot(rec)
        rec.status = RecommendationStatus.OVERDUE.value
        rec.version += 1
        rec.save()
        after = audit.snapshot(rec)
        audit.record(actor="system", action="update", instance=rec, before=before, after=after, source="task")
    return len(late)
