"""Roles, as Django groups. The public is everyone without a login."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group


class Role(StrEnum):
    PUBLIC = "public"
    REVIEWER = "reviewer"
    LEGAL_OFFICER = "legal_officer"
    ADMIN = "admin"


# Group names are the role values, so an admin can grant a role in the Django admin.
STAFF_ROLES = (Role.REVIEWER, Role.LEGAL_OFFICER, Role.ADMIN)
RANK = {Role.PUBLIC: 0, Role.REVIEWER: 1, Role.LEGAL_OFFICER: 2, Role.ADMIN: 3}


def role_of(user: AbstractBaseUser | AnonymousUser | Any) -> Role:
    """The strongest role a user holds; superusers are admins."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Role.PUBLIC
    if getattr(user, "is_superuser", False):
        return Role.ADMIN
    cached = getattr(user, "_hieuluc_role", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    names = {group.name for group in user.groups.all()}  # type: ignore[union-attr]  # prefetched in lists of users
    role = Role.PUBLIC
    for candidate in STAFF_ROLES:
        if candidate.value in names:
            role = candidate
    user._hieuluc_role = role  # type: ignore[union-attr]
    return role


def has_role(user: Any, minimum: Role) -> bool:
    return RANK[role_of(user)] >= RANK[minimum]


def legal_officers() -> Any:
    """The active users who hold the legal officer's role or above (superusers are admins, as in `role_of`): who
    approves reviews and is told of overdue recommendations and of the yearly list's draft."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    ranked = [role.value for role in STAFF_ROLES if RANK[role] >= RANK[Role.LEGAL_OFFICER]]
    return (
        get_user_model()
        .objects.filter(Q(groups__name__in=ranked) | Q(is_superuser=True), is_active=True)
        .distinct()
        .order_by("pk")
    )


def ensure_groups() -> None:
    for role in STAFF_ROLES:
        Group.objects.get_or_create(name=role.value)
