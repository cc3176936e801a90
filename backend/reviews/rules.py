"""Who may act on which review object, by organisation (django-rules; decision 0023).

Lists are narrowed in the selectors (another organisation's task is not in the queryset: a 404). These rules
answer the next question, for an object the user can see: may they take this action on it (else a 403)?
"""

from __future__ import annotations

from typing import Any

import rules

from backend.accounts.roles import Role
from backend.organisations.rules import holds_at
from backend.organisations.scope import scope_of


def task_organisation(task: Any) -> int | None:
    return task.organisation_id  # type: ignore[no-any-return]


def recommendation_organisation(rec: Any) -> int | None:
    """A recommendation belongs to its drafting organisation, else to the organisation that reviewed it."""
    if rec.drafting_organisation_id is not None:
        return rec.drafting_organisation_id  # type: ignore[no-any-return]
    task = rec.task
    return task.organisation_id if task is not None else None


@rules.predicate
def is_task_reviewer(user: Any, task: Any) -> bool:
    return task is not None and task.reviewer_id is not None and task.reviewer_id == user.pk


@rules.predicate
def drafting_staff(user: Any, rec: Any) -> bool:
    """Staff of the recommendation's drafting organisation (named on it), by membership: a province-wide
    reviewer is not a drafting body's staff."""
    scope = scope_of(user)
    return rec is not None and not scope.province and scope.reaches(rec.drafting_organisation_id, Role.REVIEWER)


officer_for_task = holds_at(Role.LEGAL_OFFICER, task_organisation)
officer_for_recommendation = holds_at(Role.LEGAL_OFFICER, recommendation_organisation)

review_rules = rules.RuleSet()
# Start, edit, submit, restart: the task's reviewer, or a legal officer where the task is.
review_rules.add_rule("work_on_task", is_task_reviewer | officer_for_task)
# Approve, return, reassign, move the due date: a legal officer where the task is (four eyes: workflow.py).
review_rules.add_rule("manage_task", officer_for_task)
# Edit a recommendation (status, deadline, drafting organisation): a legal officer where it is.
review_rules.add_rule("manage_recommendation", officer_for_recommendation)
# Record a drafting step: the drafting organisation's staff, or a legal officer there (or province-wide).
review_rules.add_rule("record_step", officer_for_recommendation | drafting_staff)


def may(rule: str, user: Any, obj: Any) -> bool:
    return bool(review_rules.test_rule(rule, user, obj))
