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
from backend.organisations.scope import scope_of
from backend.reviews import notices, rules, selectors, sharing, workflow
from backend.reviews.models import Recommendation, ReviewPlan, ReviewTask
from backend.reviews.workflow import Action, Outcome, RecommendationStatus, State

SOURCE = "api"


# The refusals that a field can fix: the app shows them under it.
DENIAL_FIELDS = {"outcome_required": "outcome", "comment_required": "comment"}


def _denied(denied: workflow.Denied) -> ApplicationError:
    return ApplicationError(
        denied.code, denied.message_vi, denied.message_en, status=denied.status, field=DENIAL_FIELDS.get(denied.code)
    )


def _check_may(actor: Any, rule: str, obj: Any) -> None:
    if not rules.may(rule, actor, obj):
        raise ApplicationError(
            "not_your_organisation",
            "Việc này thuộc cơ quan khác.",
            "This belongs to another organisation's work.",
            status=403,
        )


def _check_reaches(user: Any, organisation_id: int | None) -> None:
    """A task is given only to staff where it is (a department's task to that department's staff)."""
    if user is not None and not scope_of(user).reaches(organisation_id):
        raise ApplicationError(
            "reviewer_elsewhere",
            f"Người dùng '{user.get_username()}' không thuộc cơ quan được giao nhiệm vụ này.",
            f"User '{user.get_username()}' does not work in the organisation this task belongs to.",
            field="reviewer",
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


def _check_plans_for(actor: Any, organisation: Any, share_by: str) -> None:
    if actor is None:
        return  # the system's triggered plans
    scope = scope_of(actor)
    if scope.province:
        return
    if share_by:
        raise ApplicationError(
            "share_out_province_only",
            "Chỉ Sở Tư pháp phân công nhiệm vụ cho các cơ quan khác.",
            "Only the Department of Justice shares tasks out to other organisations.",
            field="share_by",
        )
    if organisation is None or not scope.reaches(organisation.pk, Role.LEGAL_OFFICER):
        raise ApplicationError(
            "organisation_required" if organisation is None else "organisation_elsewhere",
            "Chọn cơ quan chủ trì kế hoạch trong phạm vi của bạn.",
            "Choose an organisation you plan for.",
            field="organisation",
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
    organisation: Any = None,
    share_by: str = "",
    needs_justice_approval: bool = False,
) -> ReviewPlan:
    """A plan and one task per document in its scope, shared out to organisations (backend/reviews/sharing.py)
    and all assigned to `reviewer` if given. Only the province's coordinators share a plan out to other
    organisations; a department's officer plans for the organisations they reach."""
    _check_can_review(reviewer)
    _check_plans_for(actor, organisation, share_by)
    if reviewer is not None and share_by:
        raise ApplicationError(
            "reviewer_with_share_out",
            "Nhiệm vụ được phân cho nhiều cơ quan: mỗi cơ quan tự giao người rà soát.",
            "The tasks go to several organisations: each one assigns its own reviewers.",
            field="reviewer",
        )
    org_id = organisation.pk if organisation is not None else None
    _check_reaches(reviewer, org_id)
    plan = ReviewPlan.objects.create(
        title=title,
        kind=kind,
        scope=scope,
        owner=actor,
        deadline=deadline,
        organisation=organisation,
        share_by=share_by,
        needs_justice_approval=needs_justice_approval,
    )
    audit.record(actor=actor, action="create", instance=plan, before=None, after=audit.snapshot(plan), source=SOURCE)
    ids = list(selectors.documents_in_scope(scope).values_list("pk", flat=True))
    shared = sharing.share_out(ids, share_by, org_id, catalogue.today())
    tasks = ReviewTask.objects.bulk_create(
        [
            ReviewTask(
                plan=plan,
                document_id=pk,
                organisation_id=shared[pk],
                reviewer=reviewer,
                due_on=due_on or deadline,
                trigger=trigger or {},
            )
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
    # Who may reassign a task or move its due date: a legal officer where the task is.
    officer = can(actor, Capability.REVIEWS_PLAN) and rules.may("manage_task", actor, task)
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
        _check_reaches(edit.reviewer, task.organisation_id)
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
    # Only tasks the officer can see: another organisation's is as unknown as a missing one.
    found = {t.pk: t for t in selectors.tasks_for(actor).filter(pk__in=[pk for pk, _v in tasks])}
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
    two_approvals = action in workflow.APPROVER_ACTIONS and selectors.first_approval_needed(task)
    denied = workflow.check_transition(
        action,
        State(task.state),
        actor_id=actor.pk,
        reviewer_id=task.reviewer_id,
        submitted_by_id=task.submitted_by_id,
        actor_is_officer=_officer_for(actor, task, action),
        outcome=outcome,
        comment=edit.comment,
        two_approvals=two_approvals,
        first_approval_by=task.org_approved_by_id,
        actor_coordinates=scope_of(actor).province,
    )
    if denied is not None:
        raise _denied(denied)
    before = audit.snapshot(task)
    now = timezone.now()
    first_of_two = action == Action.APPROVE and workflow.approval_is_first(two_approvals, task.org_approved_by_id)
    if action in workflow.REVIEWER_ACTIONS:
        _apply_edit(task, edit)
    if action == Action.SUBMIT:
        task.submitted_by, task.submitted_at = actor, now
        task.org_approved_by, task.org_approved_at = None, None
    if first_of_two:
        task.org_approved_by, task.org_approved_at = actor, now
    elif action in workflow.APPROVER_ACTIONS:
        task.decided_by, task.decided_at, task.comment = actor, now, edit.comment
        task.state = workflow.TRANSITIONS[action][1].value
    else:
        task.state = workflow.TRANSITIONS[action][1].value
    if action == Action.RETURN:
        task.org_approved_by, task.org_approved_at = None, None
    task.version += 1
    task.save()
    audit.record(actor=actor, action="update", instance=task, before=before, after=audit.snapshot(task), source=SOURCE)
    if task.state == State.APPROVED.value and outcome is not None and workflow.opens_recommendation(outcome):
        _open_recommendation(actor, task, outcome)
    notices.record_tasks([task.pk])  # approvers told of a submission, the reviewer of the decision
    return task


def _officer_for(actor: Any, task: ReviewTask, action: Action) -> bool:
    """A legal officer where the task is: for a reviewer's action, one who may act for an absent reviewer; for an
    approval, one who may decide (backend/reviews/rules.py)."""
    needs = Capability.REVIEWS_DECIDE if action in workflow.APPROVER_ACTIONS else Capability.REVIEWS_PLAN
    return can(actor, needs) and rules.may("manage_task", actor, task)


def _open_recommendation(actor: Any, task: ReviewTask, outcome: Outcome) -> Recommendation:
    # The drafting organisation: the document's responsible organisation, else the one that reviewed it.
    document = task.document
    # A responsible organisation merged since is named by its successor, which does its work now.
    responsible = sharing.current(document.responsible_id, sharing.successors()) if document.responsible_id else None
    drafting = responsible or task.organisation_id
    recommendation = Recommendation.objects.create(
        task=task,
        drafting_organisation_id=drafting,
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
    _check_may(actor, "manage_recommendation", rec)
    target = changes.get("drafting_organisation")
    if target is not None and not scope_of(actor).reaches(target.pk, Role.LEGAL_OFFICER):
        raise ApplicationError(
            "organisation_elsewhere",
            "Chỉ giao kiến nghị cho cơ quan trong phạm vi của bạn.",
            "Assign the recommendation to an organisation you work for.",
            field="drafting_organisation",
        )
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
    for name in ("drafting_body", "drafting_organisation", "officer", "deadline", "provisions", "note"):
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
    _check_may(actor, "record_step", rec)
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
