"""Turn catalogue rows into the plain IndexedDocument the search engines index.

A document that confirmed operations act on is indexed as in force today (decision 0018 §5): its text and articles
come from today's version (repealed provisions left out), so a hit inside an amended provision shows the wording
in force. The others are indexed from their stored text and structure as before: one query per chunk tells which
documents have operations, and only those read their version."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from backend.catalogue.models import Document
from backend.catalogue.selectors import today
from backend.consolidation import texts
from backend.consolidation.models import Operation, TextVersion
from search.types import IndexedArticle, IndexedDocument


def _node_text(node: dict[str, Any]) -> str:
    parts = [node.get("text") or ""]
    parts.extend(_node_text(child) for child in node.get("children") or ())
    return "\n".join(part for part in parts if part)


def articles(structure: list[dict[str, Any]]) -> Iterator[IndexedArticle]:
    """The articles (Điều) of a document's structure, in order, each with the text of its clauses."""
    return _articles(structure)


def _articles(structure: list[dict[str, Any]]) -> Iterator[IndexedArticle]:
    for node in structure or ():
        if node.get("status") == "repealed":
            continue  # a version's repealed unit: nothing of it is in force ("Điều 9. (được bãi bỏ)")
        if node.get("kind") == "article":
            yield IndexedArticle(
                anchor=str(node.get("anchor") or ""),
                label=str(node.get("label") or ""),
                title=str(node.get("title") or ""),
                text=_node_text(node),
            )
        else:
            yield from _articles(node.get("children") or [])


_LEADS = {"clause": "{number}.", "point": "{number})"}


def _version_lines(nodes: Sequence[Mapping[str, Any]]) -> Iterator[str]:
    """The printed lines of a version's tree, as the document's text prints them ("Điều 2. Phí chợ", "1. …",
    "a) …"), repealed units left out."""
    for node in nodes:
        if node.get("status") == "repealed":
            continue
        kind, number = str(node.get("kind") or ""), str(node.get("number") or "")
        label, title, text = (str(node.get(key) or "") for key in ("label", "title", "text"))
        if kind == "article":
            yield f"{label}. {title}".rstrip()
            yield text
        elif kind in _LEADS:
            yield f"{_LEADS[kind].format(number=number)} {text}".rstrip()
        else:
            yield from (label, title, text)
        yield from _version_lines(node.get("children") or [])


def version_text(tree: Sequence[Mapping[str, Any]]) -> str:
    return "\n".join(line for line in _version_lines(tree) if line)


_PAGE = 50  # up to a page of hits: one query finds the amended ones and their stored versions together


def _acting() -> QuerySet[Operation]:
    """The operations a document's text is built from (as texts.applied_operations reads them)."""
    return Operation.objects.filter(state="confirmed", applies_on__isnull=False, source__published=True)


def _in_force_on(on: dt.date) -> QuerySet[TextVersion]:
    return TextVersion.objects.filter(valid_from__lte=on).filter(Q(valid_until__isnull=True) | Q(valid_until__gt=on))


def _amended(ids: Sequence[int] | None) -> set[int]:
    """Which of these documents (None: of all) operations act on: one query on the operations' (target, state)
    index, whose answer is as small as the number of amended documents."""
    acting = _acting() if ids is None else _acting().filter(target_id__in=ids)
    return set(acting.order_by().values_list("target_id", flat=True).distinct())


def _bodies(amended: Collection[int], on: dt.date) -> dict[int, bytes | None]:
    """{id: its stored version in force on `on`, or None when not stored yet}: one query."""
    stored = dict(_in_force_on(on).filter(build_id__in=amended).values_list("build_id", "body"))
    return {pk: bytes(stored[pk]) if pk in stored else None for pk in amended}


def _page_bodies(ids: Sequence[int], on: dt.date) -> dict[int, bytes | None]:
    """`_bodies` of those of a page of hits that are amended, found in the same query (an Exists and a Subquery
    per document: one round trip for the search answer)."""
    body = Subquery(_in_force_on(on).filter(build_id=OuterRef("pk")).values("body")[:1])
    amended = Exists(_acting().filter(target_id=OuterRef("pk")))
    rows = Document.objects.filter(pk__in=ids).filter(amended).annotate(body=body)
    return {pk: bytes(b) if b is not None else None for pk, b in rows.order_by().values_list("pk", "body")}


def _text_and_articles(tree: list[dict[str, Any]]) -> tuple[str, tuple[IndexedArticle, ...]]:
    return version_text(tree), tuple(_articles(tree))


def _read(bodies: Mapping[int, bytes | None], on: dt.date) -> dict[int, tuple[str, tuple[IndexedArticle, ...]]]:
    """{id: (text, articles)} from the stored versions; one not stored yet is built (texts.version_of), once per
    change. A document not in force yet on `on` has none: its stored text is indexed."""
    found = {pk: _text_and_articles(json.loads(body)["tree"]) for pk, body in bodies.items() if body is not None}
    missing = [pk for pk, body in bodies.items() if body is None]
    for document in Document.objects.filter(pk__in=missing) if missing else ():
        version = texts.version_of(document, on)
        if version is not None:
            found[document.pk] = _text_and_articles(version.tree)  # type: ignore[arg-type]  # VersionNode: a dict
    return found


def texts_in_force(ids: Iterable[int]) -> dict[int, tuple[str, tuple[IndexedArticle, ...]]]:
    """{id: (text, articles)} as in force today, for those of these documents that operations amend (the others
    are read from their stored text and structure)."""
    on, wanted = today(), list(ids)
    if len(wanted) <= _PAGE:
        return _read(_page_bodies(wanted, on), on)
    amended = _amended(wanted)
    return _read(_bodies(amended, on), on) if amended else {}


def to_indexed(doc: Document) -> IndexedDocument:
    current = texts_in_force([doc.pk]).get(doc.pk)
    text, found = current if current is not None else (doc.text, tuple(_articles(doc.structure)))
    return IndexedDocument(
        id=doc.pk,
        number=doc.number,
        title=doc.title,
        text=text,
        doc_type=doc.doc_type.code,
        issuer=doc.issuer.code,
        fields=tuple(sorted(f.code for f in doc.fields.all())),
        status=doc.status,
        issued_on=doc.issued_on,
        effective_from=doc.effective_from,
        published=doc.published,
        articles=found,
        version=doc.version,
    )


def indexed_documents(ids: Iterable[int] | None = None, *, chunk: int = 500) -> Iterator[IndexedDocument]:
    """Every document (or those with `ids`) as IndexedDocument, read in chunks of `chunk` rows.

    Read as value tuples with the fields of a chunk in one query: model instances made reading most of the time of
    `hieuluc reindex` (bench/search_speed.py; 2.4x slower on 10,000 documents)."""
    qs = Document.objects.order_by("pk")
    wanted = list(ids) if ids is not None else None
    if wanted is not None:
        qs = qs.filter(pk__in=wanted)
    # One query for the whole read (not one per chunk): most chunks hold no amended document and then cost nothing
    # more than before (bench/search_text_index.py).
    amended, on = _amended(wanted), today()
    columns = (
        "pk",
        "number",
        "title",
        "text",
        "doc_type__code",
        "issuer__code",
        "status",
        "issued_on",
        "effective_from",
        "published",
        "structure",
        "version",
    )
    last = 0
    while True:
        rows = list(qs.filter(pk__gt=last).values_list(*columns)[:chunk])
        if not rows:
            return
        last = rows[-1][0]
        fields: dict[int, list[str]] = {}
        pks = [row[0] for row in rows]
        in_chunk = [pk for pk in pks if pk in amended]
        current = _read(_bodies(in_chunk, on), on) if in_chunk else {}
        links = Document.fields.through.objects.filter(document_id__in=pks)
        for document_id, code in links.values_list("document_id", "field__code"):
            fields.setdefault(document_id, []).append(code)
        for row in rows:
            pk, number, title, text, type_code, issuer_code, status, issued, start, published, structure, version = row
            text, found = current[pk] if pk in current else (text, tuple(_articles(structure)))
            yield IndexedDocument(
                id=pk,
                number=number,
                title=title,
                text=text,
                doc_type=type_code,
                issuer=issuer_code,
                fields=tuple(sorted(fields.get(pk, ()))),
                status=status,
                issued_on=issued,
                effective_from=start,
                published=published,
                articles=found,
                version=version,
            )
