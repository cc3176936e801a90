"""Catalogue a document from its file once the officer has confirmed the proposal: all of it, or nothing."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from backend.catalogue import services
from backend.catalogue.extraction.proposal import read_numbered
from backend.catalogue.models import Document
from backend.catalogue.validity import RelationKind
from backend.core.errors import ApplicationError

__all__ = ["ConfirmedRelation", "document_create_from_file"]


@dataclass(frozen=True)
class ConfirmedRelation:
    """A relation from the new document (the source) to a catalogued one."""

    target: Document
    kind: RelationKind
    effective_on: Any
    ends_on: Any = None
    provisions: Sequence[str] | str | None = None
    note: str = ""


_SUFFIX = {"docx": ".docx", "pdf": ".pdf"}


def document_create_from_file(
    *,
    actor: Any,
    data: services.DocumentInput,
    relations: Sequence[ConfirmedRelation],
    content: bytes,
    filename: str,
    source: str = "api",
) -> Document:
    """Create the document with the text read from ``content``, its relations, and the file as its source file.

    The text and structure always come from the file, whatever the client sent, so the catalogue holds what
    was actually issued. A relation that fails rolls everything back, with its index in the error's field.
    """
    read, extracted, _number = read_numbered(content)
    data = dataclasses.replace(data, text=extracted.text)
    name = filename.rsplit("/", 1)[-1] or "van-ban"
    if not name.lower().endswith(_SUFFIX[read.kind]):
        name += _SUFFIX[read.kind]
    with transaction.atomic():
        doc = services.document_create(actor=actor, data=data, source=source)
        for index, relation in enumerate(relations):
            try:
                services.relation_add(
                    actor=actor,
                    data=services.RelationInput(
                        source=doc,
                        target=relation.target,
                        kind=relation.kind,
                        effective_on=relation.effective_on,
                        ends_on=relation.ends_on,
                        provisions=relation.provisions,
                        note=relation.note,
                    ),
                    source=source,
                )
            except ApplicationError as exc:
                exc.field = f"relations[{index}].{exc.field or 'non_field_errors'}"
                raise
        services.document_attach_source(
            actor=actor, document=doc, upload=ContentFile(content, name=name), source=source
        )
    return doc
