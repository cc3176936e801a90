"""The review workflow's rules (pure)."""

from __future__ import annotations

import pytest

from backend.reviews.workflow import Action, Outcome, State, check_transition, opens_recommendation

REVIEWER, OFFICER, OTHER_OFFICER, STRANGER = 1, 2, 3, 4


def allowed(action: Action, state: State, actor: int, *, officer: bool = False, **extra: object) -> str | None:
    options: dict[str, object] = {"reviewer_id": REVIEWER, "submitted_by_id": None, "outcome": Outcome.AMEND}
    options.update(extra)
    denied = check_transition(action, state, actor_id=actor, actor_is_officer=officer, **options)  # type: ignore[arg-type]
    return None if denied is None else denied.code


def test_the_happy_path() -> None:
    assert allowed(Action.START, State.ASSIGNED, REVIEWER) is None
    assert allowed(Action.SUBMIT, State.IN_PROGRESS, REVIEWER) is None
    assert allowed(Action.APPROVE, State.SUBMITTED, OTHER_OFFICER, officer=True, submitted_by_id=REVIEWER) is None
    assert allowed(Action.RETURN, State.SUBMITTED, OTHER_OFFICER, officer=True, comment="thiếu căn cứ") is None
    assert allowed(Action.RESTART, State.RETURNED, REVIEWER) is None


@pytest.mark.parametrize(
    ("action", "state"),
    [
        (Action.START, State.IN_PROGRESS),
        (Action.SUBMIT, State.SUBMITTED),
        (Action.SUBMIT, State.APPROVED),
        (Action.APPROVE, State.IN_PROGRESS),
        (Action.APPROVE, State.APPROVED),
        (Action.RETURN, State.RETURNED),
        (Action.RESTART, State.APPROVED),
    ],
)
def test_only_allowed_transitions(action: Action, state: State) -> None:
    assert allowed(action, state, OFFICER, officer=True, comment="x") == "invalid_transition"


def test_reviewers_edit_only_their_own_tasks_and_officers_may_act_for_them() -> None:
    assert allowed(Action.START, State.ASSIGNED, STRANGER) == "not_your_task"
    assert allowed(Action.START, State.ASSIGNED, OFFICER, officer=True) is None


def test_four_eyes() -> None:
    assert allowed(Action.APPROVE, State.SUBMITTED, REVIEWER) == "officer_required"
    # An officer who reviewed, or who submitted for the reviewer, cannot approve.
    assert allowed(Action.APPROVE, State.SUBMITTED, REVIEWER, officer=True) == "four_eyes"
    assert allowed(Action.APPROVE, State.SUBMITTED, OFFICER, officer=True, submitted_by_id=OFFICER) == "four_eyes"
    assert allowed(Action.RETURN, State.SUBMITTED, OTHER_OFFICER, officer=True) == "comment_required"


def test_a_submission_needs_an_outcome() -> None:
    assert allowed(Action.SUBMIT, State.IN_PROGRESS, REVIEWER, outcome=None) == "outcome_required"


def test_every_outcome_but_keep_opens_a_recommendation() -> None:
    assert [o for o in Outcome if opens_recommendation(o)] == [o for o in Outcome if o != Outcome.KEEP]
