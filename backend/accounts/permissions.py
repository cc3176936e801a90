"""API permissions by role, and the capabilities the web app is told about (GET /auth/me/ `can`).

- public: read published documents only (querysets are narrowed in selectors);
- reviewer: reads everything, drafts included; exports;
- legal officer and admin: write legal data, upload and import;
- admin: what changes how the service behaves for everyone (search synonyms).

Each capability names the weakest role that has it (`NEEDS`). The permission classes below check those same
entries, and /auth/me/ lists the ones a user holds, so the app hides exactly what the API would refuse: one
rule, not a copy of it in TypeScript.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from backend.accounts.roles import Role, has_role


class Capability(StrEnum):
    WORKSPACE = "workspace"  # the officers' pages: review queue, recommendations, lists, drafts
    DOCUMENTS_WRITE = "documents.write"  # create, edit, delete documents, their relations and reference data
    DOCUMENTS_UPLOAD = "documents.upload"  # read a .docx/.pdf and create the document from it
    DOCUMENTS_IMPORT = "documents.import"  # bulk import of the interchange format
    DOCUMENTS_EXPORT = "documents.export"
    AUDIT_READ = "audit.read"
    REVIEWS_PLAN = "reviews.plan"  # create review plans, (re)assign their tasks
    REVIEWS_DECIDE = "reviews.decide"  # approve or return a review (someone else's: the four-eyes rule, per task)
    RECOMMENDATIONS_WRITE = "recommendations.write"  # record drafting steps, set drafting body and deadline
    ANNOUNCEMENTS_WRITE = "announcements.write"  # draft, edit, submit, approve, publish the yearly lists
    SYNONYMS_WRITE = "synonyms.write"  # add, deactivate, delete search synonym groups (every search uses them)
    WEBHOOKS_WRITE = "webhooks.write"  # register, change, delete the webhooks other systems are told through


NEEDS: dict[Capability, Role] = {
    Capability.WORKSPACE: Role.REVIEWER,
    Capability.DOCUMENTS_WRITE: Role.LEGAL_OFFICER,
    Capability.DOCUMENTS_UPLOAD: Role.LEGAL_OFFICER,
    Capability.DOCUMENTS_IMPORT: Role.LEGAL_OFFICER,
    Capability.DOCUMENTS_EXPORT: Role.REVIEWER,
    Capability.AUDIT_READ: Role.LEGAL_OFFICER,
    Capability.REVIEWS_PLAN: Role.LEGAL_OFFICER,
    Capability.REVIEWS_DECIDE: Role.LEGAL_OFFICER,
    Capability.RECOMMENDATIONS_WRITE: Role.LEGAL_OFFICER,
    Capability.ANNOUNCEMENTS_WRITE: Role.LEGAL_OFFICER,
    Capability.SYNONYMS_WRITE: Role.ADMIN,
    Capability.WEBHOOKS_WRITE: Role.LEGAL_OFFICER,
}


def can(user: Any, capability: Capability) -> bool:
    return has_role(user, NEEDS[capability])


def capabilities(user: Any) -> list[str]:
    """What `user` may do, as the capability names the web app checks (sorted, stable)."""
    return sorted(c.value for c in Capability if can(user, c))


class _Requires(BasePermission):
    capability: Capability

    def has_permission(self, request: Request, view: Any) -> bool:
        return can(request.user, self.capability)


def requires(capability: Capability) -> type[BasePermission]:
    """A DRF permission class granting `capability` (by NEEDS) to whoever holds it."""
    return type(f"Requires_{capability.name}", (_Requires,), {"capability": capability})


class CatalogueAccess(BasePermission):
    """Anyone reads; writes need documents.write (legal officers and admins)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return can(request.user, Capability.DOCUMENTS_WRITE)


def staff_read_writes_need(capability: Capability) -> type[BasePermission]:
    """Staff read (the workspace); a write needs `capability`."""

    def has_permission(self: BasePermission, request: Request, view: Any) -> bool:
        if not can(request.user, Capability.WORKSPACE):
            return False
        return request.method in SAFE_METHODS or can(request.user, capability)

    return type(f"StaffRead_{capability.name}", (BasePermission,), {"has_permission": has_permission})


def anyone_reads_writes_need(capability: Capability) -> type[BasePermission]:
    """Anyone reads (the queryset decides what); a write needs `capability`."""

    def has_permission(self: BasePermission, request: Request, view: Any) -> bool:
        return request.method in SAFE_METHODS or can(request.user, capability)

    return type(f"AnyoneReads_{capability.name}", (BasePermission,), {"has_permission": has_permission})


StaffOnly = requires(Capability.WORKSPACE)
LegalOfficerOnly = requires(Capability.DOCUMENTS_WRITE)
CanUpload = requires(Capability.DOCUMENTS_UPLOAD)
CanImport = requires(Capability.DOCUMENTS_IMPORT)
CanExport = requires(Capability.DOCUMENTS_EXPORT)
CanReadAudit = requires(Capability.AUDIT_READ)
