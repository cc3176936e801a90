"""Revoking API tokens: by the user (sign out, sign out everywhere), by an admin, and on a password change.

Tokens are django-rest-knox's AuthToken rows (only a hash is stored); deleting the row revokes the token at once.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from knox.models import AuthToken

logger = logging.getLogger(__name__)


def revoke_all(user: Any, *, reason: str) -> int:
    """Delete every token of `user`; the number deleted."""
    count, _ = AuthToken.objects.filter(user=user).delete()
    if count:
        logger.info("revoked %d API token(s) of %s: %s", count, user.get_username(), reason)
    return count


def revoke_for_usernames(usernames: list[str], *, reason: str) -> dict[str, int]:
    """Tokens revoked per username, for the admin's command; an unknown name raises LookupError."""
    users = {user.get_username(): user for user in get_user_model().objects.filter(username__in=usernames)}
    unknown = sorted(set(usernames) - set(users))
    if unknown:
        raise LookupError(", ".join(unknown))
    return {name: revoke_all(users[name], reason=reason) for name in usernames}


def delete_expired() -> int:
    """Expired tokens are refused anyway; knox deletes a user's expired ones when that user comes back. This
    deletes the rest (users who never came back), e.g. from a nightly `hieuluc revoke_tokens --expired`."""
    count, _ = AuthToken.objects.filter(expiry__lt=timezone.now()).delete()
    return count


def revoke_everyone(*, reason: str) -> int:
    count, _ = AuthToken.objects.all().delete()
    logger.info("revoked all %d API token(s): %s", count, reason)
    return count


# --- a password change revokes the user's tokens ------------------------------------------------------------


def remember_password_change(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    """pre_save of the user model: note whether the stored password hash is about to change.

    Compares with the database rather than trusting set_password(), so an admin form, `changepassword`, a
    password reset and a direct assignment of a new hash all count.
    """
    instance._hieuluc_password_changed = False
    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    stored = type(instance)._default_manager.filter(pk=instance.pk).values_list("password", flat=True).first()
    instance._hieuluc_password_changed = stored is not None and stored != instance.password


def revoke_on_password_change(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    """post_save of the user model: a new password ends every token signed in with the old one."""
    if getattr(instance, "_hieuluc_password_changed", False):
        instance._hieuluc_password_changed = False
        revoke_all(instance, reason="password changed")
