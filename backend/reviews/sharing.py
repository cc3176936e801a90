"""How a review plan shares its tasks out to organisations (decision 0023): to the organisation managing each
document's field, or to the document's responsible organisation, else to the plan's own organisation.

An organisation merged into another hands its work to its successor: a document whose responsible organisation
was merged in 2025 goes to the organisation that took it over.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q

from backend.catalogue.models import Document
from backend.organisations.models import Organisation
from backend.reviews.models import ShareBy


def successors() -> dict[int, int | None]:
    return dict(Organisation.objects.values_list("pk", "succeeded_by_id"))


def current(org_id: int | None, successors: dict[int, int | None]) -> int | None:
    """The organisation that does `org_id`'s work today (itself, or the last of its successors)."""
    seen: set[int] = set()
    while org_id is not None and successors.get(org_id) is not None and org_id not in seen:
        seen.add(org_id)
        org_id = successors[org_id]
    return org_id


def _field_owners(on: dt.date) -> dict[int, int]:
    """field id -> the active organisation that manages it (the first by code, when two say they do)."""
    active = Organisation.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=on),
        Q(valid_from__isnull=True) | Q(valid_from__lte=on),
        succeeded_by__isnull=True,
    )
    owners: dict[int, int] = {}
    for field_id, org_id in active.order_by("code").values_list("fields", "pk"):
        if field_id is not None:
            owners.setdefault(field_id, org_id)
    return owners


def share_out(document_ids: Iterable[int], share_by: str, default: int | None, on: dt.date) -> dict[int, int | None]:
    """document id -> the organisation its task goes to."""
    ids = list(document_ids)
    if share_by == ShareBy.NONE:
        return dict.fromkeys(ids, default)
    lineage = successors()
    out: dict[int, int | None] = {}
    if share_by == ShareBy.RESPONSIBLE:
        for pk, responsible in Document.objects.filter(pk__in=ids).values_list("pk", "responsible_id"):
            if responsible is not None:
                out[pk] = current(responsible, lineage)
    owners = _field_owners(on)
    fields = Document.fields.through.objects.filter(document_id__in=[pk for pk in ids if pk not in out])
    for pk, field_id in fields.order_by("document_id", "field__name").values_list("document_id", "field_id"):
        if pk not in out and field_id in owners:
            out[pk] = owners[field_id]
    return {pk: out.get(pk, default) for pk in ids}
