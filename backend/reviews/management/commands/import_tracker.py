"""hieuluc import_tracker FILE.xlsx: the Sở Tư pháp's tracking sheet -> recommendations (backend/reviews/tracker.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backend.core.errors import ApplicationError
from backend.reviews import tracker


class Command(BaseCommand):
    help = "Import a tracking sheet (.xlsx) as recommendations; prints the report, lists the rows not imported."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Không có tệp / no such file: {path}")
        try:
            report = tracker.import_tracker(path.read_bytes(), actor="import_tracker")
        except ApplicationError as exc:
            raise CommandError(f"{exc.message_vi} / {exc.message_en}") from exc
        self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
