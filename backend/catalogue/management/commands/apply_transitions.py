from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backend.catalogue import services


class Command(BaseCommand):
    help = "Áp dụng các thay đổi hiệu lực đến hạn / Apply the validity changes that came due (the daily pass)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", help="date (YYYY-MM-DD), default today")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            on = dt.date.fromisoformat(options["on"]) if options["on"] else None
        except ValueError as exc:
            raise CommandError(f"Ngày không hợp lệ / invalid date: {options['on']}") from exc
        report = services.apply_due_transitions(on=on)
        self.stdout.write(f"{report.on}: examined {report.examined}, changed {report.changed}")
