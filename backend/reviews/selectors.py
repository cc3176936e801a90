"""Reads of the review workflow: what a user may see of plans, tasks and recommendations, what waits for their
decision, and which documents a plan's scope selects. Staff read the whole workspace; anyone else reads nothing,
here in the querysets and not only in the views' permission classes."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from backend.accounts.permissions import Capability, can
from backend.accounts.roles import STAFF_ROLES
from backend.catalogue import filters
from backend.catalogue.models import Document
from backend.core.errors import invalid
from backend.reviews import workflow
from backend.reviews.models import Recommendation, ReviewPlan, ReviewTask
from backend.reviews.workflow import Action, Outcome, State


def plans_for(user: Any) -> QuerySet[ReviewPlan]:
    if not can(user, Capability.WORKSPACE):
        return ReviewPlan.objects.none()
    # Each plan's task count in the page's one query. Django leaves Meta.ordering out of a GROUP BY: say it again.
    return ReviewPlan.objects.select_related("owner").annotate(task_count=Count("tasks")).order_by("-created_at", "-id")


def tasks_for(user: Any) -> QuerySet[ReviewTask]:
    if not can(user, Capability.WORKSPACE):
        return ReviewTask.objects.none()
    return ReviewTask.objects.select_related(
        "document", "document__issuer", "reviewer", "submitted_by", "decided_by", "recommendation"
    )


def recommendations_for(user: Any) -> QuerySet[Recommendation]:
    if not can(user, Capability.WORKSPACE):
        return Recommendation.objects.none()
    return Recommendation.objects.select_related("resolved_by").prefetch_related("targets__issuer", "steps")


def assignees(user: Any) -> QuerySet[Any]:
    """Who can be given review tasks: active reviewers, legal officers and admins (for staff to choose from)."""
    if not can(user, Capability.WORKSPACE):
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(Q(groups__name__in=[r.value for r in STAFF_ROLES]) | Q(is_superuser=True), is_active=True)
        .distinct()
        .order_by("username")
        .prefetch_related("groups")  # role_of reads them
    )


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
    """Submitted tasks this user may approve or return: a legal officer's, not their own review nor one they
    submitted (the four-eyes rule of workflow.check_transition)."""
    if not can(user, Capability.REVIEWS_DECIDE):
        return ReviewTask.objects.none()
    return (
        ReviewTask.objects.filter(state=State.SUBMITTED.value)
        .exclude(reviewer_id=user.pk)
        .exclude(submitted_by_id=user.pk)
    )


def may_decide(user: Any, task: ReviewTask) -> bool:
    """Whether `user` may approve or return `task` now: asked of workflow.check_transition, the one rule (the app
    shows the approve and return controls, and marks "waiting for your approval", by this answer)."""
    if not getattr(user, "is_authenticated", False):
        return False
    denied = workflow.check_transition(
        Action.APPROVE,
        State(task.state),
        actor_id=user.pk,
        reviewer_id=task.reviewer_id,
        submitted_by_id=task.submitted_by_id,
        actor_is_officer=can(user, Capability.REVIEWS_DECIDE),
        outcome=Outcome(task.outcome) if task.outcome else None,
    )
    return denied is None
