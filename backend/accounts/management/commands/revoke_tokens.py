"""hieuluc revoke_tokens USERNAME… | --all | --expired: end API sign-ins at once (a lost laptop, a departing
officer), or clear out tokens that have expired."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backend.accounts import tokens


class Command(BaseCommand):
    help = "Thu hồi token API của người dùng / revoke the API tokens of the named users (or of everyone, --all)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("usernames", nargs="*", help="users whose tokens to revoke")
        parser.add_argument("--all", action="store_true", help="revoke every token of every user")
        parser.add_argument("--expired", action="store_true", help="only delete tokens that have already expired")

    def handle(self, *args: Any, usernames: list[str], all: bool, expired: bool, **options: Any) -> None:
        if (all + bool(usernames) + expired) != 1:
            raise CommandError("Name one or more users, or give --all, or --expired (one of them).")
        if expired:
            self.stdout.write(f"Deleted {tokens.delete_expired()} expired token(s).")
            return
        if all:
            count = tokens.revoke_everyone(reason="revoke_tokens --all")
            self.stdout.write(f"Revoked {count} token(s) of all users.")
            return
        try:
            revoked = tokens.revoke_for_usernames(usernames, reason="revoke_tokens command")
        except LookupError as exc:
            raise CommandError(f"No such user: {exc}") from exc
        for name, count in revoked.items():
            self.stdout.write(f"{name}: revoked {count} token(s).")
