"""Build catalogue rows through the real services, so tests see what the API would write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from backend.catalogue import services
from backend.catalogue.models import Authority, Document, DocumentType, Relation
from backend.catalogue.validity import RelationKind

ACTOR = "tests"


def authority(code: str = "UBND-AG", level: str = "province", name: str | None = None, **extra: Any) -> Authority:
    found = Authority.objects.filter(code=code).first()
    if found:
        return found
    return services.reference_save(Authority(code=code, name=name or code, level=level, **extra), actor=ACTOR)


def doc_type(name: str = "Quyết định") -> DocumentType:
    return DocumentType.objects.get(name=name)


def document(
    number: str,
    *,
    issuer: str = "UBND-AG",
    type_name: str | None = None,
    issued: str = "2020-01-01",
    effective: str | None = "2020-01-11",
    until: str | None = None,
    title: str | None = None,
    text: str = "",
    published: bool = True,
    on: dt.date | None = None,
) -> Document:
    if type_name is None:
        type_name = "Nghị quyết" if "NQ" in number.upper() else "Quyết định"
    return services.document_create(
        actor=ACTOR,
        data=services.DocumentInput(
            number=number,
            doc_type=doc_type(type_name),
            issuer=authority(issuer),
            title=title or f"Văn bản {number}",
            issued_on=dt.date.fromisoformat(issued),
            effective_from=dt.date.fromisoformat(effective) if effective else None,
            effective_until=dt.date.fromisoformat(until) if until else None,
            text=text,
            published=published,
        ),
        on=on,
    )


def relate(
    source: Document,
    kind: str,
    target: Document,
    on: str,
    *,
    provisions: list[str] | None = None,
    ends: str | None = None,
) -> Relation:
    return services.relation_add(
        actor=ACTOR,
        data=services.RelationInput(
            source=source,
            target=target,
            kind=RelationKind(kind),
            effective_on=dt.date.fromisoformat(on),
            ends_on=dt.date.fromisoformat(ends) if ends else None,
            provisions=provisions or [],
        ),
    )
