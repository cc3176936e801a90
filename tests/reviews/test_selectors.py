"""The review workflow's reads refuse anyone outside the workspace in the queryset itself, not only through the
views' permission classes (a view that forgot its permission class would still show nothing)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from backend.accounts.roles import Role
from backend.announcements import selectors as announcements
from backend.announcements.models import Announcement
from backend.reviews import selectors
from tests.conftest import _user
from tests.reviews.conftest import approved_recommendation

pytestmark = pytest.mark.django_db


def test_the_workspace_reads_are_empty_for_the_public_and_whole_for_staff(
    catalogue: dict[str, Any], people: dict[str, Any]
) -> None:
    approved_recommendation(people)
    outsiders = [AnonymousUser(), _user("citizen", None)]
    reads = (selectors.plans_for, selectors.tasks_for, selectors.recommendations_for, selectors.assignees)
    for read in reads:
        assert read(people["reviewer"][0]).exists(), read.__name__
        for outsider in outsiders:
            assert not read(outsider).exists(), (read.__name__, outsider)


def test_the_public_reads_published_lists_only(db: None) -> None:
    Announcement.objects.create(year=2024, state=Announcement.State.DRAFT)
    Announcement.objects.create(year=2025, state=Announcement.State.PUBLISHED)
    staff = _user("reviewer-lists", Role.REVIEWER)
    assert sorted(a.year for a in announcements.announcements_for(staff)) == [2024, 2025]
    assert [a.year for a in announcements.announcements_for(AnonymousUser())] == [2025]
    assert [a.year for a in announcements.announcements_for(staff, year="2024")] == [2024]
