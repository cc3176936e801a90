"""Addresses and the signed links of the e-mails.

The address is compared only through its HMAC (keyed by SECRET_KEY), so the rate limit and de-duplication never
need it in the clear. The tokens are django.core.signing values: a confirmation link lasts 7 days; an unsubscribe
link does not expire (a mail client's one-click unsubscribe, RFC 8058, may be used months later)."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core import signing

CONFIRM_MAX_AGE = 7 * 24 * 3600
_CONFIRM_SALT = "hieuluc.watching.confirm"
_UNSUBSCRIBE_SALT = "hieuluc.watching.unsubscribe"


class BadToken(Exception):
    """The token is not one of ours, was altered, or (a confirmation) has expired."""


def normalise(address: str) -> str:
    return address.strip().lower()


def address_hash(address: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, normalise(address).encode(), hashlib.sha256).hexdigest()


def confirm_token(subscription_id: int) -> str:
    return signing.dumps({"c": subscription_id}, salt=_CONFIRM_SALT, compress=True)


def unsubscribe_token(subscription_ids: list[int]) -> str:
    """One token for the subscriptions a message is about (a digest may carry several of one address)."""
    return signing.dumps({"u": sorted(subscription_ids)}, salt=_UNSUBSCRIBE_SALT, compress=True)


def read_confirm(token: str) -> int:
    try:
        data = signing.loads(token, salt=_CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
        return int(data["c"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:  # SignatureExpired is a BadSignature
        raise BadToken from exc


def read_unsubscribe(token: str) -> list[int]:
    try:
        ids = [int(pk) for pk in signing.loads(token, salt=_UNSUBSCRIBE_SALT)["u"]]
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise BadToken from exc
    if not ids:
        raise BadToken
    return ids
