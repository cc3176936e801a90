from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from backend.catalogue.importers import readers
from backend.catalogue.importers.service import ImportFailed, import_bundle


class Command(BaseCommand):
    help = "Nhập văn bản từ JSON, CSV hoặc XLSX (tất cả hoặc không gì) / Import documents, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", help=".json, .csv or .xlsx files, imported together")
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        bundles = []
        for name in options["files"]:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"Không có tệp / no such file: {name}")
            try:
                bundles.append(readers.read_file(path.read_bytes(), path.name))
            except readers.ReadError as exc:
                raise CommandError(f"{name}: {exc.message_vi} / {exc.message_en}") from exc
        bundle = readers.merge(bundles)
        bar = tqdm(total=bundle.count(), unit="dòng", disable=options["no_progress"], file=self.stderr._out)

        def progress(stage: str, done: int, total: int) -> None:
            bar.set_description(stage)
            bar.update(done - bar.n)

        try:
            report = import_bundle(bundle, actor="import_documents", progress=progress)
        except ImportFailed as exc:
            bar.close()
            for error in exc.report.errors:
                field = f" [{error.field}]" if error.field else ""
                number = f" {error.number}:" if error.number else ""
                self.stderr.write(f"{error.where}{field}{number} {error.message_vi} / {error.message_en}")
            raise CommandError(
                f"{len(exc.report.errors)} dòng lỗi; không lưu gì / {len(exc.report.errors)} bad rows; nothing saved."
            ) from exc
        bar.close()
        summary = ", ".join(
            f"{table}: +{report.created[table]} ~{report.updated[table]} ={report.unchanged[table]}"
            for table in readers.TABLES
        )
        self.stdout.write(self.style.SUCCESS(f"Đã nhập / imported. {summary}"))
