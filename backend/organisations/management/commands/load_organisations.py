"""Load a province's organisations from a JSON file (backend/demo/organisations.json is An Giang's): each one
created or brought up to date by its code, parents and successors after every row exists, fields by their names.
Run again after editing the file: nothing is duplicated. Every write is audited (source "command")."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from backend.catalogue import services as catalogue
from backend.organisations import services
from backend.organisations.models import Organisation


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class Command(BaseCommand):
    help = "Nạp danh sách cơ quan, đơn vị từ tệp JSON / load organisations from a JSON file"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        try:
            rows = json.loads(Path(options["path"]).read_text(encoding="utf-8"))["organisations"]
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"Không đọc được tệp / cannot read the file: {exc}") from exc
        # Two passes: first every organisation by code (without links), then parents, successors and fields.
        for row in rows:
            if not Organisation.objects.filter(code=row["code"]).exists():
                services.save_organisation(
                    actor="command",
                    data=services.OrganisationInput(code=row["code"], name=row["name"], kind=row["kind"]),
                )
        by_code = {o.code: o for o in Organisation.objects.all()}
        for row in rows:
            org = by_code[row["code"]]
            fields = [
                catalogue.field_get_or_create(name, actor="command", source="command") for name in row.get("fields", [])
            ]
            data = services.OrganisationInput(
                code=row["code"],
                name=row["name"],
                kind=row["kind"],
                parent=by_code.get(row.get("parent") or ""),
                valid_from=_date(row.get("valid_from")),
                valid_until=_date(row.get("valid_until")),
                succeeded_by=by_code.get(row.get("succeeded_by") or ""),
                fields=fields,
            )
            if _unchanged(org, data):
                continue
            services.save_organisation(actor="command", data=data, organisation=org)
        self.stdout.write(f"{len(rows)} cơ quan, đơn vị / organisations")


def _unchanged(org: Organisation, data: services.OrganisationInput) -> bool:
    same = all(
        getattr(org, name) == getattr(data, name)
        for name in ("name", "kind", "parent", "valid_from", "valid_until", "succeeded_by")
    )
    return same and set(org.fields.values_list("pk", flat=True)) == {f.pk for f in data.fields or []}
