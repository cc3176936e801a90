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


def _label(organisation: int | None, known: dict[int, str] | None = None) -> str:
    """The organisation's name at the time of writing (an organisation renamed later keeps its old entries);
    `known` remembers names across the entries of one bulk write."""
    if organisation is None:
        return ""
    if known is not None and organisation in known:
        return known[organisation]
    from django.apps import apps

    model = apps.get_model("organisations", "Organisation")
    name = str(model.objects.filter(pk=organisation).values_list("name", flat=True).first() or "")[:255]
    if known is not None:
        known[organisation] = name
    return name


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


# Where an object names its organisation (a task, a plan; a recommendation; a document; a membership).
ORGANISATION_ATTRIBUTES = ("organisation_id", "drafting_organisation_id", "responsible_id")


def _organisation_of(instance: models.Model, actor: Any) -> int | None:
    """The organisation an audit entry names: the object's own, else the actor's first (by code). Read by
    attribute and relation name: the audit room imports no other app."""
    if instance._meta.label_lower == "organisations.organisation":
        return instance.pk  # type: ignore[no-any-return]
    for attribute in ORGANISATION_ATTRIBUTES:
        value = getattr(instance, attribute, None)
        if value is not None:
            return value  # type: ignore[no-any-return]
    memberships = getattr(actor, "memberships", None) if getattr(actor, "is_authenticated", False) else None
    if memberships is None:
        return None
    cached = getattr(actor, "_hieuluc_audit_organisation", ...)
    if cached is ...:
        cached = memberships.order_by("organisation__code").values_list("organisation_id", flat=True).first()
        actor._hieuluc_audit_organisation = cached
    return cached  # type: ignore[no-any-return]


def _entry(
    *,
    actor: Any,
    action: str,
    instance: models.Model,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    source: str,
    known: dict[int, str] | None = None,
) -> AuditEntry:
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    organisation = _organisation_of(instance, actor)
    return AuditEntry(
        organisation_id=organisation,
        organisation_label=_label(organisation, known),
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
    known: dict[int, str] = {}
    entries = [
        _entry(actor=actor, action="create", instance=i, before=None, after=snapshot(i), source=source, known=known)
        for i in instances
    ]
    AuditEntry.objects.bulk_create(entries, batch_size=2_000)
