"""Reads of organisations: the tree (public: the names of public bodies), memberships (admins)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from backend.accounts.permissions import Capability, can
from backend.accounts.roles import Role
from backend.core.errors import ApplicationError
from backend.organisations.models import Membership, Organisation
from backend.organisations.scope import reach, scope_of


def organisations() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("parent", "succeeded_by").prefetch_related("fields")


def memberships_for(user: Any) -> QuerySet[Membership]:
    """Admins read every membership; anyone else none (a staff list is not public)."""
    if not can(user, Capability.ORGANISATIONS_WRITE):
        return Membership.objects.none()
    return Membership.objects.select_related("user", "organisation")


def members_of(organisation_ids: Any) -> QuerySet[Any]:
    """Active users with a membership in any of these organisations."""
    return (
        get_user_model()
        .objects.filter(memberships__organisation_id__in=organisation_ids, is_active=True)
        .distinct()
        .order_by("username")
    )


def own_organisations(user: Any) -> list[dict[str, Any]]:
    """The organisations a user belongs to, with their role in each (GET /auth/me/)."""
    if not getattr(user, "is_authenticated", False):
        return []
    rows = Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__code")
    return [
        {"id": m.organisation_id, "code": m.organisation.code, "name": m.organisation.name, "role": m.role}
        for m in rows
    ]


def profile_part(user: Any) -> dict[str, Any]:
    """Where the user works, for GET /auth/me/."""
    return {"organisations": own_organisations(user), "province_wide": scope_of(user).province}


def in_scope(user: Any, field: str, minimum: Role = Role.REVIEWER) -> Q:
    """A filter for the rows whose organisation (`field`, an organisation foreign key) `user` reaches with
    `minimum` or stronger, work of no organisation included where they reach it; everything province-wide."""
    scope = scope_of(user)
    if scope.province:
        return Q()
    reached = [org for org in scope.organisations if scope.reaches(org, minimum)]
    rows = Q(**{f"{field}__in": reached})
    return rows | Q(**{f"{field}__isnull": True}) if scope.reaches(None, minimum) else rows


def audit_in_scope(reader: Any, entries: QuerySet[Any]) -> QuerySet[Any]:
    """The audit entries of the organisations `reader` reaches; all of them province-wide."""
    return entries.filter(in_scope(reader, "organisation"))


def subtree(code: str) -> frozenset[int]:
    """The organisation coded `code`, its descendants and predecessors (a report or list "for this organisation");
    a 400 naming the parameter when there is none."""
    tree = list(Organisation.objects.values_list("pk", "code", "parent_id", "succeeded_by_id"))
    start = next((pk for pk, c, _p, _s in tree if c == code), None)
    if start is None:
        raise ApplicationError(
            "unknown_organisation",
            f"Không có cơ quan mã '{code}'.",
            f"No organisation is coded '{code}'.",
            field="organisation",
        )
    reached = reach([(start, Role.REVIEWER)], {pk: p for pk, _c, p, _s in tree}, {pk: s for pk, _c, _p, s in tree})
    return frozenset(reached)
