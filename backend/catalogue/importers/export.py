"""Export the catalogue in the interchange format, as JSON, CSV (one file per table) or XLSX."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.db.models import QuerySet

from backend.catalogue.importers import columns
from backend.catalogue.importers.readers import LIST_COLUMNS, TABLES
from backend.catalogue.models import Authority, Document, Relation
from backend.core.spreadsheet import append_row
from backend.core.text import export_safe_tree

COLUMNS = columns.KEYS  # one definition of the interchange columns (importers/columns.py)


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def bundle_dict(documents: QuerySet[Document] | None = None) -> dict[str, list[dict[str, Any]]]:
    docs = (
        (documents if documents is not None else Document.objects.all())
        .select_related("doc_type", "issuer", "responsible")
        .prefetch_related("fields")
        .order_by("issued_on", "number_key", "issuer__code")
    )
    doc_ids = [d.pk for d in docs]
    authority_ids = {d.issuer_id for d in docs}
    authorities = list(Authority.objects.select_related("succeeded_by").order_by("code"))
    if documents is not None:
        # Keep the lineage complete: successors of exported issuers come along.
        wanted = set(authority_ids)
        by_id = {a.pk: a for a in authorities}
        for pk in list(wanted):
            node = by_id.get(pk)
            while node is not None and node.succeeded_by_id and node.succeeded_by_id not in wanted:
                wanted.add(node.succeeded_by_id)
                node = by_id.get(node.succeeded_by_id)
        authorities = [a for a in authorities if a.pk in wanted]
    relations = (
        Relation.objects.filter(source_id__in=doc_ids, target_id__in=doc_ids)
        .select_related("source__issuer", "target__issuer")
        .order_by("effective_on", "pk")
    )
    return {
        "authorities": [
            {
                "code": a.code,
                "name": a.name,
                "level": a.level,
                "succeeded_by": a.succeeded_by.code if a.succeeded_by else None,
                "succeeded_on": _iso(a.succeeded_on),
            }
            for a in authorities
        ],
        "documents": [
            {
                "number": d.number,
                "type": d.doc_type.name,
                "issuer": d.issuer.code,
                "title": d.title,
                "signer": d.signer,
                "issued_on": _iso(d.issued_on),
                "effective_from": _iso(d.effective_from),
                "effective_until": _iso(d.effective_until),
                "fields": [f.name for f in d.fields.all()],
                "responsible": d.responsible.code if d.responsible else None,
                "text": d.text,
                "published": d.published,
                "normative": d.normative,
            }
            for d in docs
        ],
        "relations": [
            {
                "source": {"number": r.source.number, "issuer": r.source.issuer.code},
                "target": {"number": r.target.number, "issuer": r.target.issuer.code},
                "kind": r.kind,
                "effective_on": _iso(r.effective_on),
                "ends_on": _iso(r.ends_on),
                "provisions": list(r.provisions),
                "note": r.note,
            }
            for r in relations
        ],
    }


def _flat(table: str, item: dict[str, Any]) -> list[Any]:
    row = dict(item)
    if table == "relations":
        for end in ("source", "target"):
            ref = row.pop(end)
            row[end], row[f"{end}_issuer"] = ref["number"], ref["issuer"]
    out = []
    for column in COLUMNS[table]:
        value = row.get(column)
        if column in LIST_COLUMNS:
            value = "; ".join(value or [])
        out.append("" if value is None else value)
    return out


def to_json(bundle: dict[str, Any]) -> bytes:
    return json.dumps(bundle, ensure_ascii=False, indent=1).encode("utf-8")


def to_csv(bundle: dict[str, Any], table: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS[table])
    for item in bundle[table]:
        writer.writerow(_flat(table, item))
    return buffer.getvalue().encode("utf-8")


def to_xlsx(bundle: dict[str, Any]) -> bytes:
    bundle = export_safe_tree(bundle)  # any stored text, even what XML cannot hold, makes a valid file
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for table in TABLES:
        sheet = workbook.create_sheet(table)
        append_row(sheet, COLUMNS[table])
        for item in bundle[table]:
            append_row(sheet, _flat(table, item))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
