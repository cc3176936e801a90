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
from django.db.models import Q

from backend.catalogue.models import Document, Relation
from backend.consolidation.models import Operation, TextBuild, TextVersion
from legal import consolidate
from legal import operations as legal_ops

_SOURCE_FIELDS = ("pk", "number", "doc_type__name", "title", "issued_on", "effective_from")
# What acts on an amending act and so on the texts it amends: its repeal, its corrections (decision 0018 §3).
_OF_SOURCES = ("repeal_document", "correct_words")


def _as_operation(op: Operation, issued_on: dt.date) -> legal_ops.Operation:
    """The stored operation as the applier's value (its source issued on `issued_on`)."""
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
    """The confirmed, dated operations of published documents acting on `document`, and the repeals and the
    corrections of those amending documents themselves (an amending act repealed later stops applying what it had
    not yet applied; a corrected one applies its corrected wording)."""
    live = Operation.objects.filter(state="confirmed", applies_on__isnull=False, source__published=True)
    own = list(live.filter(target=document).select_related("source"))
    sources = {op.source_id for op in own}
    of_sources = live.filter(target_id__in=sources, kind__in=_OF_SOURCES).select_related("source")
    return [*own, *of_sources]


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


def consolidation_of(document: Document) -> tuple[consolidate.Consolidation, dict[str, dict[str, Any]]]:
    """Every version of `document`'s text from its confirmed operations, and the sources they cite."""
    ops = applied_operations(document)
    values = [_as_operation(op, op.source.issued_on) for op in ops]
    # A correction of an amending act mends that act's operations (legal.consolidate.correct_sources); it is not an
    # operation on this document's own text.
    own: list[legal_ops.Operation] = []
    of_sources: list[legal_ops.Operation] = []
    for value in values:
        corrects_a_source = value.kind == "correct_words" and value.target != str(document.pk)
        (of_sources if corrects_a_source else own).append(value)
    applied = consolidate.correct_sources(own, of_sources)
    result = consolidate.consolidate(
        document.structure or [],
        applied,
        base_from=document.effective_from or document.issued_on,
        # The document's own key: a repeal of any other document in the list is the repeal of an amending act.
        document=str(document.pk),
    )
    return result, _sources_json(op.source_id for op in ops)


def _store(
    document: Document, result: consolidate.Consolidation, sources: dict[str, Any], on: dt.date | None
) -> TextBuild:
    """Store the build (its versions list) and the body of the version in force on `on` only: a 300-article
    decision amended twenty times has 21 versions of about half a megabyte each, and most are never asked for
    (measured: encoding and inserting all 21 cost 1.2 s; one, about 60 ms). Another request may have stored the
    same rows first: theirs are the same."""
    built = TextBuild(
        document=document,
        base_from=result.base_from,
        versions=consolidate.versions(result),
        held=[held.as_json() for held in result.held],
        sources=sources,
    )
    with transaction.atomic():
        try:
            with transaction.atomic():
                built.save(force_insert=True)
        except IntegrityError:
            stored = TextBuild.objects.filter(pk=document.pk).first()
            if stored is None:  # forgotten meanwhile by a write: serve what was computed, store nothing
                return built
            built = stored
        version = consolidate.text_on(result, on) if on is not None else None
        if version is not None:
            # Each version carries the sources its notes cite, so that serving one is one read.
            body = _encode({**version.as_json(), "sources": sources})
            row = TextVersion(build=built, valid_from=version.valid_from, valid_until=version.valid_until, body=body)
            TextVersion.objects.bulk_create([row], ignore_conflicts=True)
    return built


def build(document: Document, on: dt.date | None = None) -> TextBuild:
    """Build `document`'s versions with legal.consolidate and store the list, and the version in force on `on`."""
    result, sources = consolidation_of(document)
    return _store(document, result, sources, on)


def build_of(document: Document) -> TextBuild:
    found = TextBuild.objects.filter(pk=document.pk).first()
    return found if found is not None else build(document)


def version_body(document: Document, on: dt.date) -> bytes | None:
    """The stored JSON of the version in force on `on` (built and stored first if needed); None before the text
    was in force. One indexed read once stored."""
    found = (
        TextVersion.objects.filter(build_id=document.pk, valid_from__lte=on)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=on))
        .values_list("body", flat=True)
        .first()
    )
    if found is not None:
        return bytes(found)
    base_from = TextBuild.objects.filter(pk=document.pk).values_list("base_from", flat=True).first()
    if base_from is not None and on < base_from:
        return None
    build(document, on)
    stored = TextVersion.objects.filter(build_id=document.pk, valid_from__lte=on).order_by("-valid_from")
    body = stored.values_list("body", flat=True).first()
    return bytes(body) if body is not None else None


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


def depending_on(document_ids: Iterable[int]) -> set[int]:
    """The documents whose text depends on these: themselves, those they amend, and those amended by an amending
    act they repeal (a repealed act stops applying its later changes) or correct (its wording changes)."""
    ids = set(document_ids)
    if not ids:
        return set()
    ops = Operation.objects.filter(target__isnull=False)
    amended = set(ops.filter(source_id__in=ids).values_list("target_id", flat=True))
    # The amending acts they repeal or correct: the texts those acts amend change with them.
    repealed_or_corrected = ops.filter(source_id__in=ids, kind__in=_OF_SOURCES).values("target_id")
    through = set(ops.filter(source_id__in=repealed_or_corrected).values_list("target_id", flat=True))
    return ids | amended | through


def amended_among(document_ids: Iterable[int]) -> set[int]:
    """Those of these documents that operations act on, or that carry relations derived from operations: the only
    ones whose text or relations an operation can change (the rest are read as they are stored)."""
    ids = set(document_ids)
    if not ids:
        return set()
    acted_on = set(Operation.objects.filter(target_id__in=ids).values_list("target_id", flat=True))
    derived = Relation.objects.filter(target_id__in=ids, derived=True).values_list("target_id", flat=True)
    return acted_on | set(derived)


def forget(document_ids: Iterable[int]) -> set[int]:
    """Drop the builds of these documents and of every document whose text depends on them; returns those ids."""
    ids = depending_on(document_ids)
    if ids:
        TextBuild.objects.filter(pk__in=ids).delete()
    return ids
