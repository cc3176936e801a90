"""Writes to the catalogue. Each service validates, saves in one transaction, audits, and publishes an event.

Callers (API views, the importer, tasks) pass plain values; errors are ApplicationError with Vietnamese and
English messages, raised before anything is saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.text import slugify

from backend.audit import services as audit
from backend.catalogue import events, selectors, transitions, validity
from backend.catalogue.models import (
    MAX_PROVISIONS,
    NOTE_MAX_LENGTH,
    PROVISION_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Authority,
    Document,
    DocumentType,
    Field,
    Relation,
)
from backend.catalogue.validity import RelationKind, Status
from backend.core.errors import ApplicationError, as_application_error, still_referenced
from backend.core.text import check_fields, check_text, too_long
from backend.core.versioning import lock_at_version
from legal import numbers
from legal.provisions import ProvisionError, normalize_provision, parse_structure, provision_sort_key, split_provisions

# --- small reference data: authorities, types, fields ------------------------------------------


def _audited_save(instance: Any, *, actor: Any, source: str, before: dict[str, Any] | None) -> Any:
    for model_field in instance._meta.concrete_fields:  # imported reference data passes no API serializer
        value = getattr(instance, model_field.attname, None)
        if isinstance(value, str):
            check_text(value, model_field.name, multiline=False)
    instance.full_clean()
    instance.save()
    audit.record(
        actor=actor,
        action="update" if before is not None else "create",
        instance=instance,
        before=before,
        after=audit.snapshot(instance),
        source=source,
    )
    return instance


def reference_save(instance: Any, *, actor: Any, source: str = "api") -> Any:
    """Create or update an Authority, DocumentType or Field, audited."""
    with transaction.atomic():
        before = None
        if instance.pk is not None:
            before = audit.snapshot(type(instance).objects.get(pk=instance.pk))
        if isinstance(instance, Authority):
            _check_succession(instance)
        saved = _audited_save(instance, actor=actor, source=source, before=before)
        events.publish(events.reference_changed, model=instance._meta.label_lower, pk=saved.pk)
        return saved


def _check_succession(authority: Authority) -> None:
    successor = authority.succeeded_by
    if successor is None:
        if authority.succeeded_on is not None:
            raise ApplicationError(
                "succession_without_successor",
                "Có ngày kế thừa nhưng chưa chọn cơ quan kế thừa.",
                "A succession date needs a successor authority.",
                field="succeeded_on",
            )
        return
    if authority.succeeded_on is None:
        raise ApplicationError(
            "succession_date_required",
            "Cần ghi ngày cơ quan kế thừa tiếp nhận.",
            "The date of the handover to the successor is required.",
            field="succeeded_on",
        )
    seen = {authority.pk} if authority.pk else set()
    node: Authority | None = successor
    while node is not None:
        if node.pk in seen or node.pk == authority.pk:
            raise ApplicationError(
                "succession_cycle",
                "Quan hệ kế thừa giữa các cơ quan tạo thành vòng lặp.",
                "The succession between authorities forms a cycle.",
                field="succeeded_by",
            )
        seen.add(node.pk)
        node = node.succeeded_by


def reference_delete(instance: Any, *, actor: Any, source: str = "api") -> None:
    with transaction.atomic():
        before = audit.snapshot(instance)
        pk = instance.pk
        try:
            instance.delete()
        except ProtectedError as exc:
            raise ApplicationError(
                "in_use",
                "Không thể xóa vì còn văn bản hoặc cơ quan khác tham chiếu.",
                "Cannot delete: other documents or authorities still refer to it.",
                status=409,
            ) from exc
        instance.pk = pk
        audit.record(actor=actor, action="delete", instance=instance, before=before, after=None, source=source)
        events.publish(events.reference_changed, model=instance._meta.label_lower, pk=pk)


def field_get_or_create(name: str, *, actor: Any, source: str) -> Field:
    name = " ".join(name.split())
    existing = Field.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    # fold first: slugify drops "đ" instead of writing "d" ("Lao động" would become "lao-ong").
    code = slugify(numbers.fold(name))[:60] or "field"
    return reference_save(Field(name=name, code=code), actor=actor, source=source)


# --- documents -----------------------------------------------------------------------------------


class _Unchanged:
    """A DocumentInput's `responsible` when the caller did not name it: the document keeps its own."""

    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Any = _Unchanged()


@dataclass
class DocumentInput:
    number: str
    doc_type: DocumentType
    issuer: Authority
    title: str
    issued_on: dt.date
    signer: str = ""
    effective_from: dt.date | None = None
    effective_until: dt.date | None = None
    fields: Sequence[Field] = field(default_factory=list)
    text: str = ""
    normative: bool = True
    published: bool = True
    # An organisations.Organisation (reached through the model, never imported: catalogue/responsible.py), None
    # for none, or UNCHANGED.
    responsible: Any = UNCHANGED


def _parse_number(raw: str) -> str:
    try:
        return numbers.number_key(raw)
    except numbers.NumberError as exc:
        raise as_application_error(exc, field="number", code="invalid_number") from exc


def _check_document_timeline(doc: Document) -> None:
    try:
        validity.check_document(selectors.document_facts(doc))
    except validity.TimelineError as exc:
        raise as_application_error(exc) from exc
    # A changed issue date must still fit every relation already recorded.
    if doc.pk is None:
        return
    for rel in Relation.objects.filter(source=doc).select_related("target"):
        _check_relation_timeline(doc, rel.target, RelationKind(rel.kind), rel.effective_on, rel.ends_on)
    for rel in Relation.objects.filter(target=doc).select_related("source"):
        _check_relation_timeline(rel.source, doc, RelationKind(rel.kind), rel.effective_on, rel.ends_on)


def _ensure_unique_number(doc: Document) -> None:
    clash = Document.objects.filter(issuer=doc.issuer, number_key=doc.number_key).exclude(pk=doc.pk)
    if clash.exists():
        raise ApplicationError(
            "duplicate_number",
            f"Cơ quan {doc.issuer.code} đã có văn bản số {doc.number}.",
            f"{doc.issuer.code} already has a document numbered {doc.number}.",
            field="number",
            status=400,
        )


def _check_document_text(data: DocumentInput) -> None:
    check_fields(
        {
            "number": (data.number, 80, False),
            "title": (data.title, TITLE_MAX_LENGTH, True),
            "signer": (data.signer, 150, False),
            "text": (data.text, TEXT_MAX_LENGTH, True),
        }
    )


def _apply_input(doc: Document, data: DocumentInput) -> None:
    _check_document_text(data)
    doc.number = " ".join(data.number.split())
    doc.number_key = _parse_number(data.number)
    doc.doc_type = data.doc_type
    doc.issuer = data.issuer
    doc.title = data.title.strip()
    doc.signer = data.signer.strip()
    doc.issued_on = data.issued_on
    doc.effective_from = data.effective_from
    doc.effective_until = data.effective_until
    doc.text = data.text
    doc.structure = parse_structure(data.text) if data.text.strip() else []
    doc.normative = data.normative
    doc.published = data.published
    if data.responsible is not UNCHANGED:
        doc.responsible = data.responsible
    if not doc.title:
        raise ApplicationError("title_required", "Cần có trích yếu.", "The title is required.", field="title")


def document_create(*, actor: Any, data: DocumentInput, source: str = "api", on: dt.date | None = None) -> Document:
    with transaction.atomic():
        doc = Document()
        _apply_input(doc, data)
        _check_document_timeline(doc)
        _ensure_unique_number(doc)
        doc.status = Status.NOT_YET_EFFECTIVE.value
        try:
            with transaction.atomic():
                doc.save()
        except IntegrityError as exc:  # a concurrent insert of the same number
            raise ApplicationError(
                "duplicate_number",
                f"Cơ quan {doc.issuer.code} đã có văn bản số {doc.number}.",
                f"{doc.issuer.code} already has a document numbered {doc.number}.",
                field="number",
            ) from exc
        doc.fields.set(data.fields)
        refresh_status(doc, on=on, actor=actor, record_history=True, version_raised=True)
        _document_written(actor=actor, doc=doc, action="create", before=None, source=source)
    return doc


# Derived columns: their changes are recorded as StatusChange rows, not as audit noise.
_UNAUDITED = ("status", "status_on", "next_transition_on", "created_at", "updated_at", "structure", "version")


def _document_written(*, actor: Any, doc: Document, action: str, before: dict[str, Any] | None, source: str) -> None:
    """Audit a document write and announce it after commit."""
    audit.record(
        actor=actor,
        action=action,
        instance=doc,
        before=before,
        after=audit.snapshot(doc, exclude=_UNAUDITED),
        source=source,
    )
    events.publish(events.document_changed, document_id=doc.pk, action=action)


def document_update(
    *, actor: Any, document: Document, data: DocumentInput, expected_version: int | None, source: str = "api"
) -> Document:
    """Replace `document`'s legal data, if it is still at `expected_version` (412 when someone else wrote it
    since, 428 when no version is named): two officers editing at once never silently lose an edit."""
    with transaction.atomic():
        locked = lock_at_version(document, expected_version)
        before = audit.snapshot(locked, exclude=_UNAUDITED)
        _apply_input(locked, data)
        _check_document_timeline(locked)
        _ensure_unique_number(locked)
        locked.version += 1
        locked.save()
        locked.fields.set(data.fields)
        refresh_status(locked, actor=actor, record_history=True, version_raised=True)
        # Documents based on this one may now carry (or lose) a review flag; their status does not change.
        _document_written(actor=actor, doc=locked, action="update", before=before, source=source)
    return locked


def document_delete(*, actor: Any, document: Document, expected_version: int | None, source: str = "api") -> None:
    """Delete `document` if it is still at `expected_version`; a 409 naming what still refers to it (review
    tasks, announcement rows) when something does, with nothing deleted."""
    with transaction.atomic():
        document = lock_at_version(document, expected_version)
        before = audit.snapshot(document, exclude=_UNAUDITED)
        affected = list(Relation.objects.filter(source=document).values_list("target_id", flat=True))
        pk = document.pk
        try:
            with transaction.atomic():
                document.delete()
        except ProtectedError as exc:
            raise still_referenced(exc) from exc
        document.pk = pk
        audit.record(actor=actor, action="delete", instance=document, before=before, after=None, source=source)
        for target in Document.objects.filter(pk__in=affected):
            refresh_status(target, actor=actor, record_history=True)
        events.publish(events.document_changed, document_id=pk, action="delete")


def document_attach_source(*, actor: Any, document: Document, upload: Any, source: str = "api") -> Document:
    """Store the document's source file, replacing any earlier one, after the same checks as reading a file
    into a proposal (POST /documents/extract/): a real, readable .docx or .pdf, no zip bomb, no password, no
    Word 97 file. The stored name carries the kind found in the content, whatever the upload was called."""
    from django.core.files.base import ContentFile

    from backend.catalogue.extraction import files, proposal

    if (getattr(upload, "size", 0) or 0) > files.MAX_UPLOAD_BYTES:
        raise proposal.refused(files.too_large())
    content = bytes(upload.read())
    kind = proposal.read_file(content).kind
    stem = str(getattr(upload, "name", "") or "").rsplit("/", 1)[-1].rsplit(".", 1)[0] or "source"
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        before = audit.snapshot(locked, exclude=_UNAUDITED)
        locked.source_file.save(f"{stem[:100]}.{kind}", ContentFile(content), save=False)
        locked.version += 1
        Document.objects.filter(pk=locked.pk).update(source_file=locked.source_file.name, version=locked.version)
        _document_written(actor=actor, doc=locked, action="update", before=before, source=source)
    return locked


# --- relations -----------------------------------------------------------------------------------


def _check_relation_timeline(
    source: Document, target: Document, kind: RelationKind, effective_on: dt.date, ends_on: dt.date | None
) -> None:
    try:
        validity.check_relation(
            source=selectors.document_facts(source),
            target=selectors.document_facts(target),
            kind=kind,
            effective_on=effective_on,
            ends_on=ends_on,
        )
    except validity.TimelineError as exc:
        raise as_application_error(exc) from exc


def normalize_provisions(raw: Iterable[str] | str | None) -> list[str]:
    """Canonical provision labels, deduplicated in natural order; [] is the whole document."""
    if raw is None:
        return []
    try:
        if isinstance(raw, str):
            labels = split_provisions(raw) if raw.strip() else []
        else:
            labels = [normalize_provision(str(item)) for item in raw if str(item).strip()]
    except ProvisionError as exc:
        raise as_application_error(exc, field="provisions", code="invalid_provision") from exc
    return sorted(set(labels), key=provision_sort_key)


def _replacement_edges_from(start: int, exclude_id: int | None) -> list[tuple[int, int]]:
    """The `replaces` edges reachable from `start`: the only ones a new edge into `start` can close a cycle with."""
    replaces = Relation.objects.filter(kind=RelationKind.REPLACES.value)
    if exclude_id:
        replaces = replaces.exclude(pk=exclude_id)
    edges: list[tuple[int, int]] = []
    seen, frontier = {start}, [start]
    while frontier:
        found = list(replaces.filter(source_id__in=frontier).values_list("source_id", "target_id"))
        edges.extend(found)
        frontier = [target for _, target in found if target not in seen]
        seen.update(frontier)
    return edges


def _check_no_replacement_cycle(source: Document, target: Document, exclude_id: int | None) -> None:
    edges = _replacement_edges_from(target.pk, exclude_id)
    cycle = validity.find_replacement_cycle(edges, (source.pk, target.pk))
    if cycle:
        names = dict(Document.objects.filter(pk__in=cycle).values_list("pk", "number"))
        chain = " → ".join(names.get(pk, str(pk)) for pk in cycle)
        raise ApplicationError(
            "replacement_cycle",
            f"Quan hệ thay thế tạo thành vòng lặp: {chain}.",
            f"The replacement relations would form a cycle: {chain}.",
            field="target",
        )


@dataclass
class RelationInput:
    source: Document
    target: Document
    kind: RelationKind
    effective_on: dt.date
    ends_on: dt.date | None = None
    provisions: Sequence[str] | str | None = None
    note: str = ""


def _validate_relation(data: RelationInput, *, exclude_id: int | None = None) -> list[str]:
    check_fields({"note": (data.note, NOTE_MAX_LENGTH, True)})
    if isinstance(data.provisions, str):
        check_fields({"provisions": (data.provisions, PROVISION_MAX_LENGTH * 10, False)})
    else:
        items = list(data.provisions or [])
        if len(items) > MAX_PROVISIONS:
            raise too_long("provisions", MAX_PROVISIONS, unit_vi="điều khoản", unit_en="provisions")
        for item in items:
            check_fields({"provisions": (str(item), PROVISION_MAX_LENGTH, False)})
    provisions = normalize_provisions(data.provisions)
    _check_relation_timeline(data.source, data.target, data.kind, data.effective_on, data.ends_on)
    if data.kind == RelationKind.REPLACES:
        _check_no_replacement_cycle(data.source, data.target, exclude_id)
    duplicate = Relation.objects.filter(
        source=data.source, target=data.target, kind=data.kind.value, effective_on=data.effective_on
    )
    if exclude_id is not None:
        duplicate = duplicate.exclude(pk=exclude_id)
    if duplicate.exists():
        raise ApplicationError(
            "duplicate_relation",
            "Quan hệ này đã được ghi nhận.",
            "This relation is already recorded.",
            field="target",
        )
    return provisions


# The kinds an amending document's operations express (decision 0018): for a pair with confirmed operations these
# relations are derived from them (derived=True) and edited only through the operations.
DERIVABLE_KINDS = (
    RelationKind.AMENDS,
    RelationKind.SUPPLEMENTS,
    RelationKind.REPEALS,
    RelationKind.SUSPENDS,
    RelationKind.CORRECTS,
)


def _derived_error() -> ApplicationError:
    return ApplicationError(
        "derived_relation",
        "Quan hệ này được suy ra từ các thao tác sửa đổi của văn bản; hãy sửa ở phần thao tác sửa đổi.",
        "This relation is derived from the document's amending operations; change the operations instead.",
        status=409,
    )


def _refuse_beside_derived(data: RelationInput) -> None:
    if (
        data.kind in DERIVABLE_KINDS
        and Relation.objects.filter(source=data.source, target=data.target, derived=True).exists()
    ):
        raise _derived_error()


def relation_add(*, actor: Any, data: RelationInput, source: str = "api") -> Relation:
    with transaction.atomic():
        _refuse_beside_derived(data)
        provisions = _validate_relation(data)
        rel = Relation.objects.create(
            source=data.source,
            target=data.target,
            kind=data.kind.value,
            effective_on=data.effective_on,
            ends_on=data.ends_on,
            provisions=provisions,
            note=data.note,
        )
        audit.record(
            actor=actor,
            action="create",
            instance=rel,
            before=None,
            after=audit.snapshot(rel, exclude=("created_at", "version")),
            source=source,
        )
        refresh_status(data.target, actor=actor, record_history=True)
        _relation_added(rel)
    return rel


def relation_update(
    *, actor: Any, relation: Relation, data: RelationInput, expected_version: int | None, source: str = "api"
) -> Relation:
    """Correct a relation if it is still at `expected_version` (412 if someone else changed it, 428 if none):
    a relation is the legal data of the documents it joins, edited with the same care."""
    with transaction.atomic():
        locked = lock_at_version(relation, expected_version)
        if locked.derived:
            raise _derived_error()
        _refuse_beside_derived(data)
        before = audit.snapshot(locked, exclude=("created_at", "version"))
        old_target = locked.target
        provisions = _validate_relation(data, exclude_id=locked.pk)
        locked.source, locked.target, locked.kind = data.source, data.target, data.kind.value
        locked.effective_on, locked.ends_on, locked.provisions = data.effective_on, data.ends_on, provisions
        locked.note = data.note
        locked.version += 1
        locked.save()
        audit.record(
            actor=actor,
            action="update",
            instance=locked,
            before=before,
            after=audit.snapshot(locked, exclude=("created_at", "version")),
            source=source,
        )
        for target in {old_target.pk: old_target, data.target.pk: data.target}.values():
            refresh_status(Document.objects.get(pk=target.pk), actor=actor, record_history=True)
        _relation_added(locked)
    return locked


def _relation_added(rel: Relation) -> None:
    """A relation was recorded or changed: what reacts to one (reviews of dependants, the lookup cache) hears it
    the same way after either."""
    events.publish(
        events.relation_added, relation_id=rel.pk, source_id=rel.source_id, target_id=rel.target_id, kind=rel.kind
    )


def relation_delete(*, actor: Any, relation: Relation, expected_version: int | None, source: str = "api") -> None:
    with transaction.atomic():
        relation = lock_at_version(relation, expected_version)
        if relation.derived:
            raise _derived_error()
        before = audit.snapshot(relation, exclude=("created_at", "version"))
        pk, target = relation.pk, relation.target
        info = {"source_id": relation.source_id, "target_id": relation.target_id, "kind": relation.kind}
        relation.delete()
        relation.pk = pk
        audit.record(actor=actor, action="delete", instance=relation, before=before, after=None, source=source)
        refresh_status(Document.objects.get(pk=target.pk), actor=actor, record_history=True)
        events.publish(events.relation_removed, relation_id=pk, **info)


@dataclass(frozen=True)
class DerivedRelation:
    """A relation an amending document's confirmed operations express (built by backend.consolidation)."""

    kind: RelationKind
    effective_on: dt.date
    provisions: tuple[str, ...] = ()
    ends_on: dt.date | None = None
    note: str = ""


def _relation_key(kind: str, effective_on: dt.date, ends_on: dt.date | None, provisions: Sequence[str]) -> tuple:
    return (kind, effective_on, ends_on, tuple(provisions))


def relations_replace_derived(
    *, actor: Any, source: Document, target: Document, rows: Sequence[DerivedRelation], origin: str = "api"
) -> bool:
    """Make `source`'s amends/supplements/repeals/suspends relations on `target` exactly `rows`, marked derived:
    hand-entered ones of those kinds for the pair are replaced too (the operations now say what they said); derived
    ones that stay the same are kept as they are (one audit entry per relation that changed). Called
    in the transaction that confirms, corrects or rejects an operation; audited row by row; the target's status is
    recomputed. Returns False, touching nothing, when the relations already are `rows` (re-deriving is idempotent).
    Raises ApplicationError when a row breaks the timeline rules (nothing is saved)."""
    kinds = [kind.value for kind in DERIVABLE_KINDS]
    with transaction.atomic():
        current = list(
            Relation.objects.select_for_update().filter(source=source, target=target, kind__in=kinds).order_by("pk")
        )
        # A correction is often entered by hand beside an act's amendments (the reader lists a correction inside an
        # amending act): a hand-entered `corrects` goes only when the pair's operations themselves correct.
        correcting = any(row.kind is RelationKind.CORRECTS for row in rows)
        current = [rel for rel in current if rel.derived or correcting or rel.kind != RelationKind.CORRECTS.value]
        wanted = {
            _relation_key(row.kind.value, row.effective_on, row.ends_on, normalize_provisions(row.provisions)): row
            for row in rows
        }
        kept = {
            key: rel
            for rel in current
            if rel.derived and (key := _relation_key(rel.kind, rel.effective_on, rel.ends_on, rel.provisions)) in wanted
        }
        gone = [rel for rel in current if rel not in kept.values()]
        if not gone and kept.keys() == wanted.keys():
            return False
        for row in wanted.values():
            _check_relation_timeline(source, target, row.kind, row.effective_on, row.ends_on)
        for rel in gone:  # removed before any is created: a relation is unique per pair, kind and date
            before = audit.snapshot(rel, exclude=("created_at", "version"))
            pk, info = rel.pk, {"source_id": rel.source_id, "target_id": rel.target_id, "kind": rel.kind}
            rel.delete()
            rel.pk = pk
            audit.record(actor=actor, action="delete", instance=rel, before=before, after=None, source=origin)
            events.publish(events.relation_removed, relation_id=pk, **info)
        for key, row in wanted.items():
            if key in kept:
                continue
            rel = Relation.objects.create(
                source=source,
                target=target,
                kind=row.kind.value,
                effective_on=row.effective_on,
                ends_on=row.ends_on,
                provisions=list(key[3]),
                note=row.note[:NOTE_MAX_LENGTH],
                derived=True,
            )
            after = audit.snapshot(rel, exclude=("created_at", "version"))
            audit.record(actor=actor, action="create", instance=rel, before=None, after=after, source=origin)
            _relation_added(rel)
        refresh_status(Document.objects.get(pk=target.pk), actor=actor, record_history=True)
    return True


# --- stored status ---------------------------------------------------------------------------------


def refresh_status(
    doc: Document,
    *,
    on: dt.date | None = None,
    actor: Any = None,
    record_history: bool = True,
    version_raised: bool = False,
) -> bool:
    """Recompute and store `doc`'s status for `on` (default today). Returns True when it changed."""
    return transitions.refresh_document(doc, on=on, record_history=record_history, version_raised=version_raised)


# The daily pass lives in transitions.py; re-exported for callers that think of it as a catalogue service.
apply_due_transitions = transitions.apply_due_transitions
