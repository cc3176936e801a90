"""Where a user works (backend/organisations/scope.py): down the tree, back through the lineage, never up."""

from __future__ import annotations

import pytest

from backend.accounts.roles import Role
from backend.organisations.scope import forget, reach, scope_of
from tests.conftest import _user
from tests.organisations.factories import member, province_tree

REVIEWER, OFFICER = Role.REVIEWER, Role.LEGAL_OFFICER


def test_reach_goes_down_the_tree_and_back_through_predecessors_never_up() -> None:
    parents = {1: None, 2: 1, 3: 1, 4: 3, 5: 1}
    successors = {5: 3}  # 5 was merged into 3
    assert reach([(3, REVIEWER)], parents, successors) == {3: REVIEWER, 4: REVIEWER, 5: REVIEWER}
    assert reach([(4, REVIEWER)], parents, successors) == {4: REVIEWER}
    assert reach([(1, OFFICER)], parents, successors) == {1: OFFICER, 2: OFFICER, 3: OFFICER, 4: OFFICER, 5: OFFICER}


def test_reach_keeps_the_strongest_role_and_survives_a_cycle() -> None:
    parents = {1: None, 2: 1}
    assert reach([(2, OFFICER), (1, REVIEWER)], parents, {}) == {1: REVIEWER, 2: OFFICER}
    assert reach([(1, REVIEWER)], {1: 2, 2: 1}, {}) == {1: REVIEWER, 2: REVIEWER}


@pytest.mark.django_db
def test_scope_of_each_kind_of_user() -> None:
    tree = province_tree()
    dept_reviewer = member("rs-xd", tree["sxd"], REVIEWER)
    scope = scope_of(dept_reviewer)
    assert not scope.province
    assert scope.organisations == {tree["sxd"].pk, tree["sgtvt"].pk}  # the merged department's work too
    assert scope.reaches(tree["sxd"].pk) and not scope.reaches(tree["stc"].pk) and not scope.reaches(None)
    assert not scope.reaches(tree["sxd"].pk, OFFICER)

    justice_officer = member("cb-stp", tree["stp"], OFFICER)
    assert scope_of(justice_officer).province and scope_of(justice_officer).reaches(tree["stc"].pk, OFFICER)
    justice_reviewer = member("rs-stp", tree["stp"], REVIEWER)
    assert scope_of(justice_reviewer).organisations == {tree["stp"].pk}  # only coordinators are province-wide
    assert scope_of(justice_reviewer).reaches(None)  # the province's own work (not shared out) is the Sở Tư pháp's
    assert not scope_of(dept_reviewer).reaches(None)

    unorganised = _user("cb-cu", OFFICER)  # organisations are set up: no membership, no reach
    assert not scope_of(unorganised).province and not scope_of(unorganised).reaches(tree["stc"].pk)
    assert not scope_of(_user("dan", None)).reaches(tree["stc"].pk)


@pytest.mark.django_db
def test_a_membership_never_grants_more_than_the_users_role() -> None:
    tree = province_tree()
    user = member("rs-tc", tree["stc"], REVIEWER)
    user.memberships.filter(organisation=tree["stc"]).update(role="admin")  # by hand, past the service
    forget(user)
    assert scope_of(user).role_at(tree["stc"].pk) == REVIEWER


@pytest.mark.django_db
def test_a_deployment_without_memberships_keeps_one_province_wide_team() -> None:
    province_tree()
    assert scope_of(_user("cb-cu", OFFICER)).province
