"""What the accounts app reads: who a user is, as the web app is told after sign-in (GET /auth/me/, /auth/session/)."""

from __future__ import annotations

from typing import Any

from backend.accounts.permissions import capabilities
from backend.accounts.roles import Role, role_of


def profile(user: Any) -> dict[str, Any]:
    """The signed-in user's name, role and capabilities: the app shows the workspace and the tools they allow."""
    role = role_of(user)
    return {
        "username": user.get_username(),
        "name": user.get_full_name() or user.get_username(),
        "role": role.value,
        "is_staff": role != Role.PUBLIC,
        "can": capabilities(user),
    }
