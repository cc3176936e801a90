"""A document's text on any date (decision 0018 §4): built once from its stored structure and the confirmed
operations acting on it (legal.consolidate), kept as JSON bytes per version (TextBuild, TextVersion), and served as
they are. A write that changes what the text is built from forgets the build (`forget`, in the writing transaction,
or the consumer of the catalogue's events after commit); the next request builds it again.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction

from backend.catalogue.models import Document
from backend.consolidation.models import Operation, TextBuild, TextVersion
from legal import consolidate
from legal import operations as legal_ops

_SOURCE_FIELDS = ("pk", "number", "doc_type__name", "title", "issued_on", "effective_from")


def _as_operation(op: Operation, issued_on: dt.date) -> legal_ops.Operation:
    assert op.applies_on is not None  # only dated operations are applied (filtered by the caller)
    return legal_ops.Operation(
        kind=op.kind,  # type: ignore[arg-type]  # a choice of KINDS
        target_eid=op.target_eid,
        applies_on=op.applies_on,
        source=str(op.source_id),
        seq=op.seq,
        target=str(op.target_id),
        source_eid=op.source_eid,
        instruction=op.instruction,
        source_issued_on=issued_on,
        new_text=op.new_text,
        anchor_eid=op.anchor_eid,
        old_words=op.old_words,
        new_words=op.new_words,
        except_words=tuple(op.except_words),
        scope_eids=tuple(op.scope_eids),
        ends_on=op.ends_on,
        state="confirmed",
        precedence=op.precedence,
    )


def applied_operations(document: Document) -> list[Operation]:
    """The confirmed, dated operations of published documents acting on `document`, and the repeals of those
    amending documents themselves (an amending act repealed later stops applying what it had not yet applied)."""
    live = Operation.objects.filter(state="confirmed", applies_on__isnull=False, source__published=True)
    own = list(live.filter(target=document).select_related("source"))
    sources = {op.source_id for op in own}
    repeals = live.filter(target_id__in=sources, kind="repeal_document").select_related("source")
    return [*own, *repeals]


def _sources_json(ids: Iterable[int]) -> dict[str, dict[str, Any]]:
    rows = Document.objects.filter(pk__in=set(ids)).values_list(*_SOURCE_FIELDS)
    return {
        str(pk): {
            "id": pk,
            "number": number,
            "type": type_name,
            "title": title,
            "issued_on": issued_on.isoformat(),
            "effective_from": effective_from.isoformat() if effective_from else None,
        }
        for pk, number, type_name, title, issued_on, effective_from in rows
    }


def _encode(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def build(document: Document) -> TextBuild:
    """Build and store every version of `document`'s text (or return the build another request just stored)."""
    ops = applied_operations(document)
    result = consolidate.consolidate(
        document.structure or [],
        [_as_operation(op, op.source.issued_on) for op in ops],
        base_from=document.effective_from or document.issued_on,
    )
    built = TextBuild(
        document=document,
        base_from=result.base_from,
        versions=consolidate.versions(result),
        held=[held.as_json() for held in result.held],
        sources=_sources_json(op.source_id for op in ops),
    )
    # Each version carries the sources its notes cite, so that serving one is one read.
    rows = [
        TextVersion(
            build=built,
            valid_from=v.valid_from,
            valid_until=v.valid_until,
            body=_encode({**v.as_json(), "sources": built.sources}),
        )
        for v in result.versions
    ]
    try:
        with transaction.atomic():
            built.save(force_insert=True)
            TextVersion.objects.bulk_create(rows)
    except IntegrityError:  # another request built it first: theirs is the same
        return TextBuild.objects.get(pk=document.pk)
    return built


def build_of(document: Document) -> TextBuild:
    found = TextBuild.objects.filter(pk=document.pk).first()
    return found if found is not None else build(document)


def version_body(document: Document, on: dt.date) -> bytes | None:
    """The stored JSON of the version in force on `on` (built first if needed); None before the text was in
    force. One indexed read once built."""
    for attempt in range(2):
        found = (
            TextVersion.objects.filter(build_id=document.pk, valid_from__lte=on)
            .order_by("-valid_from")
            .values_list("body", flat=True)
            .first()
        )
        if found is not None:
            return bytes(found)
        if attempt == 0 and not TextBuild.objects.filter(pk=document.pk).exists():
            build(document)
            continue
        return None
    return None


def version_of(document: Document, on: dt.date) -> consolidate.Version | None:
    """The version in force on `on` as the applier's value (for comparing two dates)."""
    body = version_body(document, on)
    if body is None:
        return None
    data = json.loads(body)
    return consolidate.Version(
        valid_from=dt.date.fromisoformat(data["valid_from"]),
        valid_until=dt.date.fromisoformat(data["valid_until"]) if data["valid_until"] else None,
        status=data["status"],
        tree=data["tree"],
        changes=tuple(data["changes"]),
        future=tuple(data["future"]),
    )


def forget(document_ids: Iterable[int]) -> None:
    """Drop the builds of these documents and of every document they amend (their text depends on them)."""
    ids = set(document_ids)
    if not ids:
        return
    amended = Operation.objects.filter(source_id__in=ids, target__isnull=False).values_list("target_id", flat=True)
    TextBuild.objects.filter(pk__in=ids | set(amended)).delete()
