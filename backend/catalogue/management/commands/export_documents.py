from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backend.catalogue.importers import export


class Command(BaseCommand):
    help = (
        "Xuất danh mục ra JSON, XLSX hoặc CSV / Export the catalogue. "
        "CSV writes one file per table: NAME.csv (documents), NAME-authorities.csv, NAME-relations.csv."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("output", help="output file: .json, .xlsx or .csv")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["output"])
        bundle = export.bundle_dict()
        suffix = out.suffix.lower()
        if suffix == ".json":
            out.write_bytes(export.to_json(bundle))
        elif suffix == ".xlsx":
            out.write_bytes(export.to_xlsx(bundle))
        elif suffix == ".csv":
            out.write_bytes(export.to_csv(bundle, "documents"))
            for table in ("authorities", "relations"):
                out.with_name(f"{out.stem}-{table}.csv").write_bytes(export.to_csv(bundle, table))
        else:
            raise CommandError("Định dạng phải là .json, .xlsx hoặc .csv / use .json, .xlsx or .csv")
        counts = {k: len(v) for k, v in bundle.items()}
        self.stdout.write(self.style.SUCCESS(f"Đã xuất / exported {counts} → {out}"))
