"""Record writes to legal data. Called by the services that write, inside their transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile

from backend.audit.models import AuditEntry


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def snapshot(instance: models.Model, *, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """A JSON-ready picture of a row: concrete fields by attname, many-to-many as sorted id lists."""
    data: dict[str, Any] = {}
    opts = instance._meta
    for field in opts.concrete_fields:
        if field.name in exclude:
            continue
        data[field.attname] = _jsonable(getattr(instance, field.attname))
    if instance.pk is not None:
        for m2m in opts.many_to_many:
            if m2m.name not in exclude:
                data[m2m.name] = sorted(getattr(instance, m2m.name).values_list("pk", flat=True))
    return data


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, list[Any]]:
    before = before or {}
    after = after or {}
    keys = sorted(set(before) | set(after))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def _entry(
    *,
    actor: Any,
    action: str,
    instance: models.Model,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    source: str,
) -> AuditEntry:
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry(
        actor=actor if authenticated else None,
        actor_label=(actor.get_username() if authenticated else (str(actor) if actor else "system")),
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:255],
        before=before,
        after=after,
        changes=diff(before, after),
        source=source,
    )


def record(
    *,
    actor: Any,
    action: str,
    instance: models.Model,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    source: str = "api",
) -> AuditEntry:
    entry = _entry(actor=actor, action=action, instance=instance, before=before, after=after, source=source)
    entry.save()
    return entry


def record_created(actor: Any, instances: Sequence[models.Model], *, source: str = "api") -> None:
    """One 'create' entry per new row, written in one statement (a review plan may open hundreds of tasks)."""
    entries = [
        _entry(actor=actor, action="create", instance=i, before=None, after=snapshot(i), source=source)
        for i in instances
    ]
    AuditEntry.objects.bulk_create(entries, batch_size=2_000)
