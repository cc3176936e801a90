"""Writes of organisations and memberships: validated, audited (decision 0023)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction

from backend.accounts.roles import RANK, Role, role_of
from backend.audit import services as audit
from backend.core.errors import ApplicationError
from backend.organisations.models import Membership, Organisation
from backend.organisations.scope import forget

SOURCE = "api"


@dataclass
class OrganisationInput:
    code: str
    name: str
    kind: str
    parent: Organisation | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    succeeded_by: Organisation | None = None
    fields: list[Any] | None = None  # catalogue.Field rows; None leaves them as they are


def _check_tree(org: Organisation) -> None:
    if org.valid_from and org.valid_until and org.valid_until < org.valid_from:
        raise ApplicationError(
            "valid_until_before_from",
            "Ngày kết thúc hoạt động phải sau ngày bắt đầu.",
            "The end date must not be before the start date.",
            field="valid_until",
        )
    for attr, field, vi, en in (
        ("parent", "parent", "cơ quan cấp trên", "parent"),
        ("succeeded_by", "succeeded_by", "cơ quan kế thừa", "successor"),
    ):
        node = getattr(org, attr)
        seen: set[int] = set()
        while node is not None:
            if (org.pk is not None and node.pk == org.pk) or node.pk in seen:
                raise ApplicationError(
                    f"{attr}_cycle",
                    f"Chọn {vi} này tạo thành vòng lặp.",
                    f"This {en} would form a cycle.",
                    field=field,
                )
            seen.add(node.pk)
            node = getattr(node, attr)


@transaction.atomic
def save_organisation(
    *, actor: Any, data: OrganisationInput, organisation: Organisation | None = None, source: str = SOURCE
) -> Organisation:
    org = organisation or Organisation()
    before = audit.snapshot(Organisation.objects.get(pk=org.pk)) if org.pk else None
    for name in ("code", "name", "kind", "parent", "valid_from", "valid_until", "succeeded_by"):
        setattr(org, name, getattr(data, name))
    _check_tree(org)
    if Organisation.objects.filter(code=org.code).exclude(pk=org.pk).exists():
        raise ApplicationError(
            "code_taken", f"Đã có cơ quan mã '{org.code}'.", f"An organisation coded '{org.code}' exists.", field="code"
        )
    if org.pk:
        org.version += 1
    org.save()
    if data.fields is not None:
        org.fields.set(data.fields)
    after = audit.snapshot(org)
    after["fields"] = sorted(org.fields.values_list("code", flat=True))
    audit.record(
        actor=actor, action="update" if before else "create", instance=org, before=before, after=after, source=source
    )
    return org


@transaction.atomic
def delete_organisation(*, actor: Any, organisation: Organisation) -> None:
    before = audit.snapshot(organisation)
    audit.record(actor=actor, action="delete", instance=organisation, before=before, after=None)
    organisation.delete()  # PROTECT: one with members, children, tasks or documents is a 409 (still referenced)


@transaction.atomic
def set_membership(*, actor: Any, user: Any, organisation: Organisation, role: str, source: str = SOURCE) -> Membership:
    """Give `user` `role` in `organisation` (or change it). The user's staff role is raised to match: a role in an
    organisation is a role (capabilities follow role_of), and the organisation says where it applies."""
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    before = None if created else audit.snapshot(membership)
    if not created:
        if membership.role == role:
            return membership
        membership.role = role
        membership.save(update_fields=["role"])
    if RANK[role_of(user)] < RANK[Role(role)]:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        if hasattr(user, "_hieuluc_role"):
            del user._hieuluc_role
    forget(user)
    audit.record(
        actor=actor,
        action="update" if before else "create",
        instance=membership,
        before=before,
        after=audit.snapshot(membership),
        source=source,
    )
    return membership


@transaction.atomic
def remove_membership(*, actor: Any, membership: Membership) -> None:
    audit.record(actor=actor, action="delete", instance=membership, before=audit.snapshot(membership), after=None)
    membership.delete()
    forget(membership.user)
