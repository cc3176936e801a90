"""The review workflow's rules, pure: states, outcomes, who may move a task from one state to another.

A review task (nhiệm vụ rà soát) of one document goes:

    assigned ──start──▶ in_progress ──submit──▶ submitted ──approve──▶ approved
                              ▲                      │
                              └──────restart──── returned ◀──return──┘

- the reviewer named on the task starts it, and submits it with an outcome (a legal officer may act for an
  absent reviewer, but then cannot also approve it);
- a legal officer other than the reviewer approves it or returns it with a comment (four eyes, Decree 79/2025's
  review is checked by the body that reviews: the approver is never the one who reviewed);
- an approved task is final; a returned one goes back to its reviewer;
- where the plan asks for it, a department's task is approved twice (decision 0023): by a legal officer of the
  department first (the task stays submitted, marked approved by its organisation), then by the Sở Tư pháp's
  coordinators, whose approval is final; either may return it, and a return clears the first approval.

An approved outcome other than ``keep`` opens a recommendation (kiến nghị xử lý), whose progress follows the
real drafting steps of the tracker sheets (đăng ký xây dựng → chấp thuận → lấy ý kiến → thẩm định → trình → ban
hành).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


class Outcome(StrEnum):
    KEEP = "keep"  # còn phù hợp, giữ nguyên
    AMEND = "amend"  # sửa đổi, bổ sung
    REPLACE = "replace"  # thay thế
    REPEAL = "repeal"  # bãi bỏ (toàn bộ hoặc một phần)
    SUSPEND = "suspend"  # ngưng hiệu lực
    ISSUE_NEW = "issue_new"  # ban hành mới


OUTCOME_LABELS = {
    Outcome.KEEP: ("Còn phù hợp", "Still appropriate"),
    Outcome.AMEND: ("Sửa đổi, bổ sung", "Amend or supplement"),
    Outcome.REPLACE: ("Thay thế", "Replace"),
    Outcome.REPEAL: ("Bãi bỏ", "Repeal"),
    Outcome.SUSPEND: ("Ngưng hiệu lực", "Suspend"),
    Outcome.ISSUE_NEW: ("Ban hành mới", "Issue a new document"),
}


class Action(StrEnum):
    START = "start"
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"
    RESTART = "restart"


# action -> (from states, to state)
TRANSITIONS: dict[Action, tuple[frozenset[State], State]] = {
    Action.START: (frozenset({State.ASSIGNED}), State.IN_PROGRESS),
    Action.SUBMIT: (frozenset({State.ASSIGNED, State.IN_PROGRESS}), State.SUBMITTED),
    Action.APPROVE: (frozenset({State.SUBMITTED}), State.APPROVED),
    Action.RETURN: (frozenset({State.SUBMITTED}), State.RETURNED),
    Action.RESTART: (frozenset({State.RETURNED}), State.IN_PROGRESS),
}

REVIEWER_ACTIONS = frozenset({Action.START, Action.SUBMIT, Action.RESTART})
APPROVER_ACTIONS = frozenset({Action.APPROVE, Action.RETURN})
EDITABLE_STATES = frozenset({State.ASSIGNED, State.IN_PROGRESS, State.RETURNED})


class StepKind(StrEnum):
    """The drafting steps of a recommendation, in order (the tracker sheet's columns)."""

    REGISTRATION = "registration"  # văn bản đăng ký xây dựng
    APPROVAL = "approval"  # chấp thuận của UBND tỉnh
    CONSULTATION = "consultation"  # lấy ý kiến góp ý
    APPRAISAL = "appraisal"  # Sở Tư pháp thẩm định
    SUBMISSION = "submission"  # trình ban hành
    ISSUANCE = "issuance"  # ban hành


STEP_LABELS = {
    StepKind.REGISTRATION: ("Đăng ký xây dựng", "Registration"),
    StepKind.APPROVAL: ("Chấp thuận", "Approval to draft"),
    StepKind.CONSULTATION: ("Lấy ý kiến", "Consultation"),
    StepKind.APPRAISAL: ("Thẩm định", "Appraisal"),
    StepKind.SUBMISSION: ("Trình", "Submission"),
    StepKind.ISSUANCE: ("Ban hành", "Issuance"),
}


class RecommendationStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    WITHDRAWN = "withdrawn"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Denied:
    """Why an actor may not take an action (bilingual, for a 400/403/409)."""

    code: str
    message_vi: str
    message_en: str
    status: int


def check_transition(
    action: Action,
    state: State,
    *,
    actor_id: int,
    reviewer_id: int | None,
    submitted_by_id: int | None,
    actor_is_officer: bool,
    outcome: Outcome | None,
    comment: str = "",
    two_approvals: bool = False,
    first_approval_by: int | None = None,
    actor_coordinates: bool = False,
) -> Denied | None:
    """None when `actor_id` may take `action` on a task in `state`, else why not. `actor_is_officer`: a legal
    officer where the task is; `actor_coordinates`: one of the Sở Tư pháp's (province-wide) coordinators."""
    sources, _target = TRANSITIONS[action]
    if state not in sources:
        return Denied(
            "invalid_transition",
            f"Không thể '{action.value}' một nhiệm vụ đang ở trạng thái '{state.value}'.",
            f"Cannot '{action.value}' a task that is '{state.value}'.",
            409,
        )
    if action in REVIEWER_ACTIONS:
        if actor_id != reviewer_id and not actor_is_officer:
            return Denied(
                "not_your_task",
                "Chỉ người được giao rà soát (hoặc cán bộ pháp chế) mới thực hiện được.",
                "Only the assigned reviewer (or a legal officer) can do this.",
                403,
            )
        if action == Action.SUBMIT and outcome is None:
            return Denied("outcome_required", "Cần chọn kết quả rà soát.", "An outcome is required.", 400)
        return None
    # approve / return: four eyes
    if not actor_is_officer:
        return Denied(
            "officer_required",
            "Chỉ cán bộ pháp chế mới duyệt được kết quả rà soát.",
            "Only a legal officer can approve or return a review.",
            403,
        )
    if actor_id in {reviewer_id, submitted_by_id}:
        return Denied(
            "four_eyes",
            "Người duyệt phải khác người đã rà soát (nguyên tắc bốn mắt).",
            "The approver must be someone other than the reviewer (four eyes).",
            403,
        )
    if action == Action.RETURN and not comment.strip():
        return Denied("comment_required", "Cần ghi lý do trả lại.", "A comment is required to return a review.", 400)
    if action == Action.APPROVE and two_approvals:
        if first_approval_by is None and actor_coordinates:
            return Denied(
                "organisation_approval_first",
                "Cán bộ pháp chế của cơ quan rà soát cần duyệt trước, rồi Sở Tư pháp duyệt.",
                "The reviewing organisation's legal officer approves first, then the Department of Justice.",
                409,
            )
        if first_approval_by is not None and actor_id == first_approval_by:
            return Denied(
                "four_eyes",
                "Người duyệt lần hai phải khác người đã duyệt lần đầu.",
                "The second approval must be someone other than the first approver.",
                403,
            )
        if first_approval_by is not None and not actor_coordinates:
            return Denied(
                "justice_approval_required",
                "Cơ quan đã duyệt; bước duyệt tiếp theo là của Sở Tư pháp.",
                "The organisation has approved; the next approval is the Department of Justice's.",
                403,
            )
    return None


def approval_is_first(two_approvals: bool, first_approval_by: int | None) -> bool:
    """An approval that is the organisation's, the first of two: the task stays submitted."""
    return two_approvals and first_approval_by is None


def opens_recommendation(outcome: Outcome) -> bool:
    return outcome != Outcome.KEEP
