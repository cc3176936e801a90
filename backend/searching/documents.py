"""Turn catalogue rows into the plain IndexedDocument the search engines index."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from backend.catalogue.models import Document
from search.types import IndexedArticle, IndexedDocument


def _node_text(node: dict[str, Any]) -> str:
    parts = [node.get("text") or ""]
    parts.extend(_node_text(child) for child in node.get("children") or ())
    return "\n".join(part for part in parts if part)


def _articles(structure: list[dict[str, Any]]) -> Iterator[IndexedArticle]:
    for node in structure or ():
        if node.get("kind") == "article":
            yield IndexedArticle(
                anchor=str(node.get("anchor") or ""),
                label=str(node.get("label") or ""),
                title=str(node.get("title") or ""),
                text=_node_text(node),
            )
        else:
            yield from _articles(node.get("children") or [])


def to_indexed(doc: Document) -> IndexedDocument:
    return IndexedDocument(
        id=doc.pk,
        number=doc.number,
        title=doc.title,
        text=doc.text,
        doc_type=doc.doc_type.code,
        issuer=doc.issuer.code,
        fields=tuple(sorted(f.code for f in doc.fields.all())),
        status=doc.status,
        issued_on=doc.issued_on,
        effective_from=doc.effective_from,
        published=doc.published,
        articles=tuple(_articles(doc.structure)),
    )


def indexed_documents(ids: Iterable[int] | None = None, *, chunk: int = 500) -> Iterator[IndexedDocument]:
    """Every document (or those with `ids`) as IndexedDocument, read in chunks of `chunk` rows."""
    qs = Document.objects.select_related("doc_type", "issuer").prefetch_related("fields").order_by("pk")
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    last = 0
    while True:
        rows = list(qs.filter(pk__gt=last)[:chunk])
        if not rows:
            return
        last = rows[-1].pk
        yield from (to_indexed(row) for row in rows)
