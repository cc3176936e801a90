"""Predicates over organisations, for object-level rules (django-rules; decision 0023 says why not guardian).

An object names its organisation through `organisation_of` (a task's, a plan's, a recommendation's drafting
organisation); a predicate asks the user's scope what role they hold there. The rules that use these are named
where their objects live (backend/reviews/rules.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules

from backend.accounts.roles import Role
from backend.organisations.scope import scope_of


def holds_at(minimum: Role, organisation_of: Callable[[Any], int | None]) -> Any:
    """A predicate: the user holds `minimum` or stronger where the object's organisation is."""

    @rules.predicate(name=f"holds_{minimum.value}_at")
    def predicate(user: Any, obj: Any) -> bool:
        if obj is None:
            return False
        return scope_of(user).reaches(organisation_of(obj), minimum)

    return predicate
