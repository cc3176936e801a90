"""API permissions by role.

- public: read published documents only (querysets are narrowed in selectors);
- reviewer: reads everything, drafts included;
- legal officer and admin: write legal data.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from backend.accounts.roles import Role, has_role


class CatalogueAccess(BasePermission):
    """Anyone reads; legal officers and admins write."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return has_role(request.user, Role.LEGAL_OFFICER)


class StaffOnly(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return has_role(request.user, Role.REVIEWER)


class LegalOfficerOnly(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return has_role(request.user, Role.LEGAL_OFFICER)
