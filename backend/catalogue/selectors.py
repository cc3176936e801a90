"""Reads: document lists, lookups by number, and the validity engine applied to stored rows."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from backend.catalogue import validity
from backend.catalogue.models import Authority, Document, DocumentType, Relation
from backend.catalogue.validity import BasisFacts, DocumentFacts, RelationFacts, RelationKind, Validity
from backend.core.errors import ApplicationError
from legal import numbers

ACTING_KINDS = tuple(k.value for k in RelationKind if k not in (RelationKind.BASIS, RelationKind.DETAILS))
BASIS_KINDS = (RelationKind.BASIS.value, RelationKind.DETAILS.value)


def today() -> dt.date:
    return timezone.localdate()


# --- documents visible to a caller -------------------------------------------------------------


def document_queryset(*, include_drafts: bool) -> QuerySet[Document]:
    qs = Document.objects.select_related("doc_type", "issuer", "responsible").prefetch_related("fields")
    return qs if include_drafts else qs.filter(published=True)


def authority_lineage_ids(authority: Authority) -> set[int]:
    """The authority and every predecessor that handed over to it, directly or through a chain."""
    ids = {authority.pk}
    frontier = [authority.pk]
    while frontier:
        found = list(Authority.objects.filter(succeeded_by__in=frontier).values_list("pk", flat=True))
        frontier = [pk for pk in found if pk not in ids]
        ids.update(frontier)
    return ids


def issuer_codes(codes: Sequence[str], *, with_predecessors: bool = False) -> tuple[str, ...]:
    """Authority codes from a request, checked (an unknown one is a 400 on `issuer`), sorted; with
    `with_predecessors`, the authorities that handed over to them too."""
    if not codes:
        return ()
    found = {a.code: a for a in Authority.objects.filter(code__in=codes)}
    unknown = sorted(set(codes) - set(found))
    if unknown:
        raise ApplicationError(
            "unknown_issuer",
            f"Không có cơ quan mã {', '.join(unknown)}.",
            f"Unknown authority code {', '.join(unknown)}.",
            field="issuer",
        )
    if not with_predecessors:
        return tuple(sorted(found))
    ids = set().union(*(authority_lineage_ids(a) for a in found.values()))
    return tuple(sorted(Authority.objects.filter(pk__in=ids).values_list("code", flat=True)))


def lookup_by_number(
    raw_number: str, *, issuer_code: str | None = None, include_drafts: bool = False
) -> QuerySet[Document]:
    """Every document whose number has the same key as `raw_number`, written or said in full ("nq 12 hdnd 2019");
    raises NumberError if unreadable."""
    key = numbers.lookup_key(raw_number)
    qs = document_queryset(include_drafts=include_drafts).filter(number_key=key)
    if issuer_code:
        qs = qs.filter(issuer__code=issuer_code)
    return qs.order_by("issuer__code")


class DocumentNotFound(LookupError):
    """No document has the number (under the issuer, when one was named)."""


class AmbiguousNumber(LookupError):
    """Several issuers hold the number and none was named."""


def documents_by_number(
    number: str,
    issuer_code: str | None = None,
    *,
    issuer_fallback: bool = False,
    province: str | None = None,
) -> list[Document]:
    """Every document, drafts included, numbered ``number`` in any spelling: the one {number, issuer} rule.

    - ``issuer_code``: only that issuer's documents; with ``issuer_fallback``, a preference instead: when the
      issuer holds none of them, all of them (an extracted text's header may name its issuer imperfectly, and a
      cited document is usually another issuer's).
    - ``province``: when several documents share the number, keep those whose issuer code names the province
      (codes are ``BODY-PROVINCE[-OLD]``, e.g. ``HDND-AG-OLD``): how a tracking sheet's "… của HĐND tỉnh An
      Giang" decides between two provinces' documents merged in 2025.

    Raises NumberError when ``number`` cannot be read.
    """
    docs = list(Document.objects.select_related("issuer", "doc_type").filter(number_key=numbers.number_key(number)))
    if issuer_code:
        same = [doc for doc in docs if doc.issuer.code == issuer_code]
        docs = (same or docs) if issuer_fallback else same
    if province is not None and len(docs) > 1:
        docs = [doc for doc in docs if province in doc.issuer.code.split("-")]
    return docs


def document_by_number(number: str, issuer_code: str | None = None, *, province: str | None = None) -> Document:
    """The one document of :func:`documents_by_number` (same options): how a relation, an import row or a
    request names "that document" by {number, issuer}.

    Raises NumberError when ``number`` cannot be read, DocumentNotFound, or AmbiguousNumber when the number exists
    under several issuers and neither an issuer nor a province decided. Callers word these errors for their own
    audience.
    """
    found = documents_by_number(number, issuer_code, province=province)
    if not found:
        raise DocumentNotFound(number)
    if len(found) > 1:
        raise AmbiguousNumber(number)
    return found[0]


# --- the validity engine over stored rows ------------------------------------------------------


def document_facts(doc: Document) -> DocumentFacts:
    return DocumentFacts(
        id=doc.pk,
        number=doc.number,
        issued_on=doc.issued_on,
        effective_from=doc.effective_from,
        effective_until=doc.effective_until,
    )


def _date(value: Any) -> dt.date | None:
    # Raw SQLite rows may carry dates as ISO text; PostgreSQL gives date objects.
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _json_list(value: Any) -> tuple[str, ...]:
    return tuple(json.loads(value) if isinstance(value, str) else (value or ()))


def incoming_facts(document_ids: Iterable[int]) -> dict[int, list[RelationFacts]]:
    """Relations acting on each document, from issued (published) sources only: a draft changes nothing.

    Raw SQL: this runs in every public lookup and in the daily pass, where the ORM's query compilation cost
    more CPU than the database (measured: 0.75 of 4.2 s over 200 lookups).
    """
    ids = list(document_ids)
    result: dict[int, list[RelationFacts]] = defaultdict(list)
    if not ids:
        return result
    relation, document = Relation._meta.db_table, Document._meta.db_table
    kinds = ", ".join(["%s"] * len(ACTING_KINDS))
    targets = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT r.id, r.kind, r.source_id, s.number, r.effective_on, r.ends_on, r.provisions, r.target_id "
        f"FROM {relation} r JOIN {document} s ON s.id = r.source_id "
        f"WHERE r.target_id IN ({targets}) AND r.kind IN ({kinds}) AND s.published"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids, *ACTING_KINDS])
        rows = cursor.fetchall()
    for rid, kind, source_id, source_number, effective_on, ends_on, provisions, target_id in rows:
        result[target_id].append(
            RelationFacts(
                id=rid,
                kind=RelationKind(kind),
                source_id=source_id,
                source_number=source_number,
                effective_on=_date(effective_on),  # type: ignore[arg-type]
                ends_on=_date(ends_on),
                provisions=_json_list(provisions),
            )
        )
    return result


@dataclass(frozen=True)
class LookupRow:
    facts: DocumentFacts
    title: str
    issuer_code: str
    issuer_name: str
    type_name: str


def lookup_rows(raw_number: str, *, issuer_code: str | None = None) -> list[LookupRow]:
    """Published documents with the number's key, written or said in full (raises NumberError), for the public
    lookup's hot path."""
    key = numbers.lookup_key(raw_number)
    document, authority, doc_type = (m._meta.db_table for m in (Document, Authority, DocumentType))
    sql = (
        f"SELECT d.id, d.number, d.issued_on, d.effective_from, d.effective_until, d.title, a.code, a.name, t.name "
        f"FROM {document} d JOIN {authority} a ON a.id = d.issuer_id JOIN {doc_type} t ON t.id = d.doc_type_id "
        f"WHERE d.number_key = %s AND d.published"
    )
    params: list[Any] = [key]
    if issuer_code:
        sql += " AND a.code = %s"
        params.append(issuer_code)
    with connection.cursor() as cursor:
        cursor.execute(sql + " ORDER BY a.code", params)
        rows = cursor.fetchall()
    return [
        LookupRow(
            facts=DocumentFacts(pk, number, _date(issued), _date(start), _date(until)),
            title=title,
            issuer_code=code,
            issuer_name=name,
            type_name=type_name,
        )
        for pk, number, issued, start, until, title, code, name, type_name in rows
    ]


@dataclass(frozen=True)
class HitRow:
    """What a search result shows of a document (read without model instances: see search_hit_rows)."""

    facts: DocumentFacts
    title: str
    text: str
    structure: list[dict[str, Any]]
    published: bool
    type_code: str
    type_name: str
    issuer_code: str
    issuer_name: str


def search_hit_rows(ids: Sequence[int], *, include_drafts: bool) -> dict[int, HitRow]:
    """The documents of a page of search hits, by id. One query, only the columns a result shows: reading whole
    model instances with their fields cost the search API more than the engine's own search (bench/search_speed.py).
    """
    qs = Document.objects.filter(pk__in=list(ids))
    if not include_drafts:
        qs = qs.filter(published=True)
    rows = qs.values_list(
        "id",
        "number",
        "issued_on",
        "effective_from",
        "effective_until",
        "title",
        "text",
        "structure",
        "published",
        "doc_type__code",
        "doc_type__name",
        "issuer__code",
        "issuer__name",
    )
    return {
        pk: HitRow(
            DocumentFacts(pk, number, _date(issued), _date(start), _date(until)),
            title,
            text,
            structure if isinstance(structure, list) else [],
            published,
            type_code,
            type_name,
            issuer_code,
            issuer_name,
        )
        for pk, number, issued, start, until, title, text, structure, published, type_code, type_name, issuer_code, issuer_name in rows  # noqa: E501
    }


def validities_on(documents: Sequence[Document], on: dt.date, *, with_bases: bool = True) -> dict[int, Validity]:
    """Evaluate many documents at once with a fixed number of queries."""
    ids = [d.pk for d in documents]
    incoming = incoming_facts(ids)
    base_map: dict[int, list[tuple[str, Document]]] = defaultdict(list)
    if with_bases:
        # Only issued bases: a draft is no legal basis yet, and a public answer must never name one.
        issued_bases = Relation.objects.filter(source_id__in=ids, kind__in=BASIS_KINDS, target__published=True)
        for rel in issued_bases.select_related("target"):
            base_map[rel.source_id].append((rel.kind, rel.target))
    base_docs = {doc.pk: doc for pairs in base_map.values() for _, doc in pairs}
    base_validity: dict[int, Validity] = {}
    if base_docs:
        base_incoming = incoming_facts(base_docs)
        for pk, doc in base_docs.items():
            base_validity[pk] = validity.evaluate(document_facts(doc), base_incoming.get(pk, ()), on)
    answers: dict[int, Validity] = {}
    for doc in documents:
        bases = [
            BasisFacts(
                relation_kind=RelationKind(kind),
                target_id=target.pk,
                target_number=target.number,
                target_validity=base_validity[target.pk],
            )
            for kind, target in base_map.get(doc.pk, ())
        ]
        answers[doc.pk] = validity.evaluate(document_facts(doc), incoming.get(doc.pk, ()), on, bases)
    return answers


def validity_on(document: Document, on: dt.date | None = None) -> Validity:
    return validities_on([document], on or today())[document.pk]


def document_timeline(document: Document) -> list[Validity]:
    facts = document_facts(document)
    relations = incoming_facts([document.pk]).get(document.pk, [])
    return validity.timeline(facts, relations)


def filter_by_status_on(qs: QuerySet[Document], statuses: Sequence[str], on: dt.date) -> QuerySet[Document]:
    """Documents whose status on `on` is one of `statuses`.

    A stored status computed on `status_on` holds until `next_transition_on`, so rows whose stored window
    covers `on` answer in SQL; only the others go through the engine.
    """
    fresh = Q(status_on__lte=on) & (Q(next_transition_on__isnull=True) | Q(next_transition_on__gt=on))
    stale = list(
        qs.exclude(fresh)
        .select_related(None)
        .prefetch_related(None)
        .filter(issued_on__lte=on)
        .only("id", "number", "issued_on", "effective_from", "effective_until")
    )
    answers = validities_on(stale, on, with_bases=False)
    wanted = set(statuses)
    matching_stale = [pk for pk, v in answers.items() if v.status.value in wanted]
    return qs.filter((fresh & Q(status__in=wanted)) | Q(pk__in=matching_stale))


def status_counts_on(ids: Sequence[int], on: dt.date) -> dict[str, int]:
    """How many of these documents have each status on `on` (stored statuses where their window covers `on`,
    the engine for the rest), for the search API's status facet on a date other than today."""
    fresh = Q(status_on__lte=on) & (Q(next_transition_on__isnull=True) | Q(next_transition_on__gt=on))
    rows = Document.objects.filter(pk__in=ids)
    counts: Counter[str] = Counter(dict(rows.filter(fresh).order_by().values_list("status").annotate(n=Count("id"))))
    stale = list(
        rows.exclude(fresh)
        .select_related(None)
        .prefetch_related(None)
        .only("id", "number", "issued_on", "effective_from", "effective_until")
    )
    counts.update(answer.status.value for answer in validities_on(stale, on, with_bases=False).values())
    return {status: n for status, n in counts.items() if n}


def relations_of(document: Document) -> QuerySet[Relation]:
    return Relation.objects.filter(Q(source=document) | Q(target=document)).select_related(
        "source", "target", "source__issuer", "target__issuer"
    )


# --- the source file ------------------------------------------------------------------------------

SOURCE_CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class SourceFile:
    name: str  # the stored name without its folder: the uploaded name, Vietnamese letters kept
    content_type: str
    handle: Any  # an open binary file; the response closes it


def has_source_file(doc: Document) -> bool:
    """A file is recorded and still in storage (a restored database may name files the disk no longer has)."""
    return bool(doc.source_file) and doc.source_file.storage.exists(doc.source_file.name)


def no_source_file() -> Exception:
    """The 404 of a missing file; also the answer for a document the caller may not see (a draft, to the
    public), so that the two cannot be told apart."""
    from backend.core.errors import NotFound

    return NotFound("tệp gốc của văn bản này", "This document's source file")


def source_file_of(doc: Document) -> SourceFile:
    """The document's stored file, opened. Who may read it is the caller's queryset's business (published
    documents to everyone, drafts to staff: ``document_queryset``). Raises NotFound when there is none."""
    if not has_source_file(doc):
        raise no_source_file()
    name = doc.source_file.name.rsplit("/", 1)[-1]
    kind = name.rsplit(".", 1)[-1].lower()
    try:
        handle = doc.source_file.storage.open(doc.source_file.name, "rb")
    except FileNotFoundError as exc:  # removed between the check and the open
        raise no_source_file() from exc
    return SourceFile(name=name, content_type=SOURCE_CONTENT_TYPES.get(kind, "application/octet-stream"), handle=handle)


# --- what confirming an upload will change ------------------------------------------------------------


@dataclass(frozen=True)
class ProposedEffect:
    """A catalogued document's status now, and on the day a proposed relation applies once it is recorded."""

    target: Document
    on: dt.date  # the relation's first day, or today when that is already past
    now: Validity
    after: Validity


def proposed_effect(
    target: Document,
    *,
    kind: RelationKind,
    effective_on: dt.date | None,
    provisions: Sequence[str],
    source_number: str,
    today_: dt.date | None = None,
) -> ProposedEffect:
    """Ask the validity engine what the relation "new document <kind> target" will do to ``target``.

    The relation is added to the target's recorded ones as a fact (it does not exist yet); the engine, not a rule
    of this function, says what follows. A relation with no date applies from today.
    """
    day = today_ or today()
    on = max(day, effective_on or day)
    facts = document_facts(target)
    recorded = incoming_facts([target.pk]).get(target.pk, [])
    proposed = RelationFacts(
        id=0,
        kind=kind,
        source_id=0,
        source_number=source_number,
        effective_on=effective_on or day,
        provisions=tuple(provisions),
    )
    return ProposedEffect(
        target=target,
        on=on,
        now=validity.evaluate(facts, recorded, day),
        after=validity.evaluate(facts, [*recorded, proposed], on),
    )
