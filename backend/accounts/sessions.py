"""The web app's sessions of one user, ended together ("sign out everywhere").

Django keeps a session row per signed-in browser and has no index from a user to their sessions; the live rows are
few (they last HIEULUC_SESSION_HOURS), so reading the unexpired ones is cheap enough for a sign-out everywhere,
which is rare. Ending them on the server is what makes the sign-out hold in another browser.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone


def end_all(user: Any) -> int:
    """Delete every unexpired session signed in as `user`; the number deleted."""
    ids = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get(SESSION_KEY)) == str(user.pk)
    ]
    Session.objects.filter(pk__in=ids).delete()
    return len(ids)
