"""Reads of the review workflow: what a user may see of plans, tasks and recommendations, what waits for their
decision, and which documents a plan's scope selects. Anyone without a staff role reads nothing; staff read the
work of the organisations they reach (backend/organisations/scope.py: the Sở Tư pháp's coordinators and an
unorganised deployment's staff, the whole province), here in the querysets and not only in the views' permission
classes: another organisation's task is a 404, not a 403 that would confirm it exists (decision 0023)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from backend.accounts.permissions import Capability, can
from backend.accounts.roles import STAFF_ROLES, Role
from backend.catalogue import filters
from backend.catalogue.models import Document
from backend.core.errors import invalid
from backend.organisations.scope import scope_of
from backend.organisations.selectors import in_scope
from backend.reviews import rules, workflow
from backend.reviews.models import Recommendation, ReviewPlan, ReviewTask
from backend.reviews.workflow import Action, Outcome, State


def _task_reach(user: Any, prefix: str = "") -> Q:
    """The tasks a user reaches: their organisations' and those given to them (everything province-wide)."""
    return in_scope(user, f"{prefix}organisation") | Q(**{f"{prefix}reviewer_id": user.pk})


def plans_for(user: Any) -> QuerySet[ReviewPlan]:
    if not can(user, Capability.WORKSPACE):
        return ReviewPlan.objects.none()
    plans = ReviewPlan.objects.select_related("owner", "organisation")
    if scope_of(user).province:
        # Each plan's task count in the page's one query. Django leaves Meta.ordering out of a GROUP BY.
        return plans.annotate(task_count=Count("tasks")).order_by("-created_at", "-id")
    # A department sees the plans it runs and those that gave it tasks, and counts only its own tasks.
    reached = ReviewTask.objects.filter(_task_reach(user), plan=OuterRef("pk"))
    return (
        plans.filter(in_scope(user, "organisation") | Exists(reached))
        .annotate(task_count=Count("tasks", filter=_task_reach(user, "tasks__")))
        .order_by("-created_at", "-id")
    )


def tasks_for(user: Any) -> QuerySet[ReviewTask]:
    if not can(user, Capability.WORKSPACE):
        return ReviewTask.objects.none()
    tasks = ReviewTask.objects.select_related(
        "document",
        "document__issuer",
        "reviewer",
        "submitted_by",
        "decided_by",
        "recommendation",
        "organisation",
        "plan",
    )
    return tasks if scope_of(user).province else tasks.filter(_task_reach(user))


def recommendations_for(user: Any) -> QuerySet[Recommendation]:
    if not can(user, Capability.WORKSPACE):
        return Recommendation.objects.none()
    recs = Recommendation.objects.select_related("resolved_by", "drafting_organisation", "task").prefetch_related(
        "targets__issuer", "steps"
    )
    if scope_of(user).province:
        return recs
    # Its drafting organisation's, or (none named yet) the organisation's that reviewed it; one of neither (a
    # tracker sheet's row) is the province's own.
    named = Q(drafting_organisation__isnull=False) & in_scope(user, "drafting_organisation")
    unnamed = Q(drafting_organisation__isnull=True) & in_scope(user, "task__organisation")
    return recs.filter(named | unnamed)


def assignees(user: Any) -> QuerySet[Any]:
    """Who can be given review tasks: active reviewers, legal officers and admins (for staff to choose from); a
    department's staff choose among the staff of the organisations they reach."""
    if not can(user, Capability.WORKSPACE):
        return get_user_model().objects.none()
    staff = get_user_model().objects.filter(
        Q(groups__name__in=[r.value for r in STAFF_ROLES]) | Q(is_superuser=True), is_active=True
    )
    scope = scope_of(user)
    if not scope.province:
        staff = staff.filter(memberships__organisation_id__in=scope.organisations)
    return staff.distinct().order_by("username").prefetch_related("groups")  # role_of reads them


def documents_in_scope(scope: dict[str, Any]) -> QuerySet[Document]:
    """The documents a plan's scope (the /documents/ filter parameters) selects; a 400 for a bad scope.

    Every filter of the document list means the same in a plan, "status" included (catalogue/filters.py), and a
    bad value is refused with its message under the filter's own name, as GET /documents/ does."""
    if not isinstance(scope, dict):
        raise invalid({"scope": ["Phạm vi phải là một bộ lọc / The scope must be a filter object."]})
    unknown = sorted(set(map(str, scope)) - filters.filter_names())
    if unknown:
        raise invalid({"scope": [f"Bộ lọc không có trường / Unknown filter fields: {', '.join(unknown)}"]})
    return filters.documents_matching(scope)


def awaiting_approval_by(user: Any) -> QuerySet[ReviewTask]:
    """Submitted tasks this user may approve or return now: a legal officer's where the task is, not their own
    review nor one they submitted (the four-eyes rule of workflow.check_transition), at the approval's stage
    (a department's officer first, the Sở Tư pháp then, where the plan asks for both)."""
    if not can(user, Capability.REVIEWS_DECIDE):
        return ReviewTask.objects.none()
    scope = scope_of(user)
    tasks = (
        ReviewTask.objects.filter(state=State.SUBMITTED.value)
        .exclude(reviewer_id=user.pk)
        .exclude(submitted_by_id=user.pk)
        .exclude(org_approved_by_id=user.pk)
    )
    second_stage = Q(plan__needs_justice_approval=True, organisation__isnull=False) & ~Q(organisation__kind="justice")
    if scope.province:
        return tasks.exclude(second_stage & Q(org_approved_at__isnull=True) & _officers_of())
    officers_here = in_scope(user, "organisation", Role.LEGAL_OFFICER)
    return tasks.filter(officers_here).exclude(second_stage & Q(org_approved_at__isnull=False))


def may_decide(user: Any, task: ReviewTask) -> bool:
    """Whether `user` may approve or return `task` now: asked of workflow.check_transition, the one rule (the app
    shows the approve and return controls, and marks "waiting for your approval", by this answer)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return approval_denied(user, task) is None


def needs_two_approvals(task: ReviewTask) -> bool:
    """The plan asks for the Sở Tư pháp's approval after the organisation's, and the task is a department's (the
    Sở Tư pháp's own tasks, and the province's, are approved once)."""
    org = task.organisation
    return bool(task.plan.needs_justice_approval) and org is not None and org.kind != "justice"


OFFICER_ROLES = (Role.LEGAL_OFFICER.value, Role.ADMIN.value)


def _officers_of(prefix: str = "") -> Q:
    """Someone active holds the legal officer's (or admin's) role in the task's organisation or its parent: who
    can give the organisation's approval. Without one, the Sở Tư pháp's approval alone decides (a task must never
    be stuck waiting for an approver who does not exist)."""
    from backend.organisations.models import Membership

    officer = Membership.objects.filter(role__in=OFFICER_ROLES, user__is_active=True)
    return Q(Exists(officer.filter(organisation_id=OuterRef(f"{prefix}organisation_id")))) | Q(
        Exists(officer.filter(organisation_id=OuterRef(f"{prefix}organisation__parent_id")))
    )


def first_approval_needed(task: ReviewTask) -> bool:
    """Two approvals, and the first can be given: the organisation has a legal officer (or gave it already)."""
    if not needs_two_approvals(task):
        return False
    return task.org_approved_by_id is not None or ReviewTask.objects.filter(_officers_of(), pk=task.pk).exists()


def approval_denied(user: Any, task: ReviewTask, action: Action = Action.APPROVE, comment: str = "") -> Any:
    """Why `user` may not approve or return `task` now (a workflow.Denied), or None."""
    return workflow.check_transition(
        action,
        State(task.state),
        actor_id=user.pk,
        reviewer_id=task.reviewer_id,
        submitted_by_id=task.submitted_by_id,
        actor_is_officer=can(user, Capability.REVIEWS_DECIDE) and rules.may("manage_task", user, task),
        outcome=Outcome(task.outcome) if task.outcome else None,
        comment=comment,
        two_approvals=task.state == State.SUBMITTED.value and first_approval_needed(task),
        first_approval_by=task.org_approved_by_id,
        actor_coordinates=scope_of(user).province,
    )


def may_act_on_recommendation(user: Any, rec: Recommendation, rule: str) -> bool:
    """Whether `user` may record a step ("record_step") on, or edit ("manage_recommendation"), `rec`: the rule the
    service applies (backend/reviews/rules.py), with the capability an edit needs; the app shows the forms by it."""
    if not getattr(user, "is_authenticated", False):
        return False
    if rule == "manage_recommendation" and not can(user, Capability.RECOMMENDATIONS_WRITE):
        return False
    return rules.may(rule, user, rec)
