from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from backend.searching import services


class Command(BaseCommand):
    help = "Xây dựng lại chỉ mục tìm kiếm / Rebuild the search index from the catalogue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--reconcile", action="store_true", help="only repair differences, do not rebuild")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["reconcile"]:
            report = services.reconcile()
            self.stdout.write(f"checked {report.checked}, upserted {report.upserted}, deleted {report.deleted}")
            return
        bar = tqdm(total=0, unit="văn bản", disable=options["no_progress"], file=self.stderr._out)

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        count = services.rebuild(progress)
        bar.close()
        self.stdout.write(self.style.SUCCESS(f"Đã lập chỉ mục / indexed {count} documents"))
