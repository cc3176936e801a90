"""Where a user works: `scope_of(user)`, computed once per request (cached on the user like `role_of`).

- The Sở Tư pháp's legal officers and admins coordinate the whole province: their scope is every organisation.
  So are superusers, and staff of a deployment with no memberships at all: one that has not set up its
  organisations works as before decision 0023 (one province-wide team). Once any membership exists, staff who
  belong to no organisation reach only what is given to them.
- Anyone else reaches the organisations they belong to, their descendants (a Sở's units, a province's communes)
  and their predecessors (a merged department inherits the work of the ones merged into it), holding in each the
  role of the membership that reaches it (the strongest, when two do).
- The scope never goes up: a department's staff do not reach the UBND's or a sibling's work.
- Work of no organisation (a plan not shared out, a triggered review) is the province's own, done by the Sở Tư
  pháp: its members reach it with the role they hold there.

The reach is computed in Python from the whole tree: a province has tens of organisations, a country a few
thousand, one query either way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from backend.accounts.roles import RANK, Role, role_of

COORDINATING_ROLES = frozenset({Role.LEGAL_OFFICER, Role.ADMIN})


@dataclass(frozen=True)
class Scope:
    """`province`: every organisation (with `role` everywhere); else `roles` maps each reached organisation's id to
    the role held there."""

    province: bool
    role: Role = Role.PUBLIC
    roles: Mapping[int, Role] = field(default_factory=dict)
    # The organisations the user belongs to (not what they reach): for "my organisation" in the app.
    own: tuple[int, ...] = ()
    # The role held on work of no organisation (the province's own, which the Sở Tư pháp does): a Sở Tư pháp
    # reviewer's, who is not province-wide but takes the province's tasks.
    unshared: Role = Role.PUBLIC

    @property
    def organisations(self) -> frozenset[int]:
        return frozenset(self.roles)

    def role_at(self, organisation_id: int | None) -> Role:
        """The role held where `organisation_id` is; an object of no organisation is the province's own."""
        if self.province:
            return self.role
        if organisation_id is None:
            return self.unshared
        return self.roles.get(organisation_id, Role.PUBLIC)

    def reaches(self, organisation_id: int | None, minimum: Role = Role.REVIEWER) -> bool:
        return RANK[self.role_at(organisation_id)] >= RANK[minimum]


NOBODY = Scope(province=False)


def reach(
    memberships: Iterable[tuple[int, Role]],
    parents: Mapping[int, int | None],
    successors: Mapping[int, int | None],
) -> dict[int, Role]:
    """Pure: each organisation reached from `memberships` (organisation id, role) down the tree (`parents`: child
    -> parent) and back through the lineage (`successors`: predecessor -> successor), with the strongest role."""
    children: dict[int, list[int]] = {}
    for child, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(child)
    for old, new in successors.items():
        if new is not None:
            children.setdefault(new, []).append(old)
    reached: dict[int, Role] = {}
    for start, role in memberships:
        stack = [start]
        while stack:
            org = stack.pop()
            held = reached.get(org)
            if held is not None and RANK[held] >= RANK[role]:
                continue  # reached already with this role or a stronger one (also ends any cycle)
            reached[org] = role
            stack.extend(children.get(org, ()))
    return reached


def scope_of(user: Any) -> Scope:
    if user is None or not getattr(user, "is_authenticated", False):
        return NOBODY
    cached = getattr(user, "_hieuluc_scope", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    scope = _compute(user)
    user._hieuluc_scope = scope
    return scope


def forget(user: Any) -> None:
    """Drop the cached scope (a membership of this user changed in this request)."""
    if hasattr(user, "_hieuluc_scope"):
        del user._hieuluc_scope


def _compute(user: Any) -> Scope:
    from backend.organisations.models import Membership, Organisation, OrganisationKind

    role = role_of(user)
    if role == Role.PUBLIC:
        return NOBODY
    rows = list(Membership.objects.filter(user=user).values_list("organisation_id", "role", "organisation__kind"))
    own = tuple(sorted({org for org, _role, _kind in rows}))
    if getattr(user, "is_superuser", False):
        return Scope(province=True, role=role, own=own)
    if not rows:
        # A deployment that has not set its organisations up keeps one province-wide team; once any membership
        # exists, staff without one reach nothing but what is given to them (someone moved out of a department
        # must not become a coordinator by losing their membership).
        organised = Membership.objects.exists()
        return Scope(province=False, role=role, own=own) if organised else Scope(province=True, role=role, own=own)
    coordinators = [
        Role(r) for _org, r, kind in rows if kind == OrganisationKind.JUSTICE and Role(r) in COORDINATING_ROLES
    ]
    if coordinators:
        strongest = max(coordinators, key=RANK.__getitem__)
        return Scope(province=True, role=_weaker(strongest, role), own=own)
    justice = [Role(r) for _org, r, kind in rows if kind == OrganisationKind.JUSTICE]
    unshared = _weaker(max(justice, key=RANK.__getitem__), role) if justice else Role.PUBLIC
    tree = list(Organisation.objects.values_list("pk", "parent_id", "succeeded_by_id"))
    reached = reach(
        [(org, _weaker(Role(r), role)) for org, r, _kind in rows],
        {pk: parent for pk, parent, _succ in tree},
        {pk: succ for pk, _parent, succ in tree},
    )
    return Scope(province=False, role=role, roles=reached, own=own, unshared=unshared)


def _weaker(a: Role, b: Role) -> Role:
    """A membership never grants more than the user's role (an admin who removes someone's legal officer's group
    takes the power away everywhere at once)."""
    return a if RANK[a] <= RANK[b] else b
