"""What the accounts app reads: who a user is, as the web app is told after sign-in (GET /auth/me/, /auth/session/)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend.accounts.permissions import capabilities
from backend.accounts.roles import Role, role_of

_profile_parts: list[Callable[[Any], dict[str, Any]]] = []


def add_to_profile(part: Callable[[Any], dict[str, Any]]) -> None:
    """Register more of the profile (the organisations room adds where the user works, at start: accounts sits
    below it and imports no other app)."""
    if part not in _profile_parts:
        _profile_parts.append(part)


def profile(user: Any) -> dict[str, Any]:
    """The signed-in user's name, role and capabilities: the app shows the workspace and the tools they allow."""
    role = role_of(user)
    answer = {
        "username": user.get_username(),
        "name": user.get_full_name() or user.get_username(),
        "role": role.value,
        "is_staff": role != Role.PUBLIC,
        "can": capabilities(user),
        "organisations": [],
        "province_wide": False,
    }
    for part in _profile_parts:
        answer.update(part(user))
    return answer
